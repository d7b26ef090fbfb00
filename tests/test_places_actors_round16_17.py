"""Regions and actors on the constructions of dev rounds 16 and 17 (issue 9): routes,
correspondents' beats, fronts people are sent to, lists of places, compass parts of the
country, quoted martyrs' names, the main place's recurring governorate; one of a side's
forces, an outlet's nationality, the sides of a conflict, the force people are pushed into.
Sentences written for these tests, with the real lexicons and number finder."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.extract.lexicons import load_lexicons
from helpers.extract.mentions import Location
from helpers.extract.place_model import widens_the_frames_place
from helpers.extract.places import by_way_of, correspondents_beat, later_clause, sent_to_a_front
from helpers.ingest.normalise import normalise
from case_tables import named_cases
from report_builders import report_of


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def figure(lexicons, text: str, number: str, title: str | None = None):
    """The first figure whose text is `number`, checked to sit at its offsets."""
    report = report_of(text, title, "p1", "2022-03-01")
    figures, _ = extract_report(report, lexicons)
    found = [f for f in figures if f.text == number]
    assert found, [(f.text, f.value) for f in figures]
    assert report.full_text[found[0].start:found[0].end] == number
    return found[0]


def where(f) -> tuple:
    return f.area, f.regions


# --- places ----------------------------------------------------------------------

PLACE_CASES = named_cases("place", [
    # a governorate named fewer times than the main one is not part of the report's main place
    ("تصرف الحكومة التركية منحة للفيالق التي تقاتل في مناطق درع الفرات ونبع السلام وغصن الزيتون.\n\n"
     "ويتقاضى المقاتل 500 ليرة تركية كل شهر.", "500", None, ("euphrates_shield", ["SY-HL"])),
    # ... but a governorate named after a town inside it (`التابعة لمحافظة حماة`) counts once
    ("وزع المركز 300 سلة في حلب وحماة.\n\nوسلم المركز 200 سلة في مدينة حلب وفي مدينة السقيلبية التابعة "
     "لمحافظة حماة.\n\nوبلغ عدد المستفيدين 6 آلاف.", "6 آلاف", None, ("SY-HL", ["SY-HL", "SY-HM"])),
    # a route after `عن طريق` is passed through
    ("نقلت المنظمة 40 طناً من الأدوية عن طريق مطار دمشق لتوزيعها في حلب.", "40", None, ("SY-HL", ["SY-HL"])),
    # a place inside a quoted name after `الشهيدين`
    ("خرّجت قوات سوريا الديمقراطية دورة جديدة في دير الزور.\n\n"
     "وحملت الدورة اسم الشهيدين «أحمد علي ومحمود قامشلي»، وشارك فيها 40 مقاتلاً.", "40", None,
     ("SY-DY", ["SY-DY"])),
    # a compass part of the country is neither the country nor a governorate
    ("شنت قوات النظام حملة اعتقالات في ريف الرقة الشرقي.\n\nواعتقلت الدوريات 30 شاباً شرقي سوريا.", "30", None,
     ("SY-RA", ["SY-RA"])),
    # a correspondent's beat gives way to the place of the record
    ("ونقل مراسل إذاعة «صوت المدينة» بالجنوب السوري أن 500 شخص سوّوا أوضاعهم في مدينة درعا.", "500", None,
     ("SY-DR", ["SY-DR"])),
    # `المنطقة الجنوبية` is the south
    ("ينتشر 200 عنصر من الفرقة الرابعة في المنطقة الجنوبية.", "200", None, ("south", ["SY-DR", "SY-QU", "SY-SU"])),
    # the front people are sent to is not where they are counted
    ("شنت دوريات الأمن حملة دهم في ريف دمشق الغربي.\n\n"
     "وأدرجت الشعبة أسماء 120 شاباً من أهالي البلدة خشية أن يُرسلوا إلى جبهات الشمال السوري.", "120", None,
     ("SY-RD", ["SY-RD"])),
    # a list after `، وهي:` with a town the gazetteer leaves out between commas
    ("وتتوزع على 5 مدن مراكز البريد، وهي: جرابلس، الراعي، عفرين، تل أبيض، رأس العين.", "5", None,
     ("SY-HL", ["SY-HA", "SY-HL", "SY-RA"])),
    # all the areas a side holds is the whole country's part, not the governorate of a comparison
    ("حددت الميليشيا راتباً قدره 200 ألف ليرة للمنتسب في محافظة دمشق، "
     "وحددت 2000 عنصر عدداً نهائياً لمن تريد تجنيدهم في كل مناطق سيطرتها.", "2000", None, ("national", [])),
    # plural banks of the Euphrates
    ("تنتشر 300 نقطة عسكرية على الضفاف الشرقية لنهر الفرات.", "300", None,
     ("east_euphrates", ["SY-DY", "SY-HA", "SY-RA"])),
    # a place inside an actor's name is no place
    ("ينشر «لواء السيدة زينب» نحو 150 عنصراً في مدينة الميادين.", "150", None, ("SY-DY", ["SY-DY"])),
])


@pytest.mark.parametrize("text, number, title, expected", PLACE_CASES)
def test_the_area_and_regions(lexicons, text, number, title, expected):
    assert where(figure(lexicons, text, number, title)) == expected


def test_a_statement_after_alawa_ala_ma_is_a_later_clause():
    text = normalise("وستجلب القنصلية 15 آلية، علاوة على ما وصل من إيران إلى سورية.").text
    assert later_clause(text, text.index("15"), text.index("سوريه"))
    text = normalise("وستجلب القنصلية 15 آلية، علاوة على الأدوية إلى حلب.").text
    assert not later_clause(text, text.index("15"), text.index("حلب"))


def test_by_way_of_needs_an_tariq():
    assert by_way_of(["وصلت", "عن", "طريق"])
    assert by_way_of(["عن", "طريق", "مطار"])
    assert not by_way_of(["بعيدا", "عن"])
    assert not by_way_of(["علي", "طريق"])


def test_a_correspondents_beat_is_a_few_words_after_him():
    text = normalise("وقال مراسلنا في درعا إن 30 شاباً اعتقلوا.").text
    assert correspondents_beat(text, text.index("درعا"))
    text = normalise("وقال المراسل، بعد جولة طويلة على القرى والبلدات في درعا، إن 30 شاباً اعتقلوا.").text
    assert not correspondents_beat(text, text.index("درعا"))


def test_sent_to_a_front():
    text = normalise("خشية أن يرسلوا إلى جبهات إدلب").text
    assert sent_to_a_front(text, text.index("ادلب"))
    text = normalise("يقاتلون على جبهات إدلب").text
    assert not sent_to_a_front(text, text.index("ادلب"))


def test_the_learned_place_does_not_widen_a_place_the_figures_clause_names():
    jableh = Location("SY-LA", ("SY-LA",), 0, 5)
    coast = Location("coast", ("SY-LA", "SY-TA"), 10, 20)
    assert widens_the_frames_place(jableh, "frame", coast)
    assert not widens_the_frames_place(jableh, "paragraph", coast)
    assert not widens_the_frames_place(jableh, "frame", Location("SY-TA", ("SY-TA",), 10, 20))


# --- actors ----------------------------------------------------------------------

ACTOR_CASES = named_cases("actor", [
    # one of a side's forces, in brackets after the unit's name
    ("أعلنت ميليشيا «لواء القدس» (من ميليشيات الأسد) أن عدد مقاتليها بلغ نحو 13 ألفاً.", "13 ألفاً", "regime"),
    # without it the lexicon's sponsor stands
    ("أعلنت ميليشيا «لواء القدس» أن عدد مقاتليها بلغ نحو 13 ألفاً.", "13 ألفاً", "russia"),
    # the sides of a conflict are the backdrop
    ("ومع احتدام الصراع بين واشنطن وطهران في المنطقة، أنهى 85 شخصاً دورة عسكرية دامت شهراً في منطقة المزارع "
     "ليتخرجوا دفعة جديدة في صفوف الحرس الثوري الإيراني.", "85", "iran"),
    # the force people are pushed into, right after the count
    ("النظام يدفع بالمئات إلى الفيلق الخامس في ريف درعا.", "مئات", "russia"),
    # a business family's militia beside the army
    ("وصل عدد المنتسبين إلى ميليشيا القاطرجي في بلدة حطلة إلى 200 عنصر.", "200", "regime"),
])


@pytest.mark.parametrize("text, number, actor", ACTOR_CASES)
def test_the_actor(lexicons, text, number, actor):
    assert figure(lexicons, text, number).actor == actor


def test_an_outlets_nationality_is_no_actor(lexicons):
    text = ("فتحت قوات النظام باب التطوع في ريف حمص.\n\n"
            "ونقل موقع «أخبار اليوم» الروسي عن مسؤول محلي أن 300 شاب سجلوا أسماءهم.")
    f = figure(lexicons, text, "300")
    assert (f.actor, f.actor_text) == ("regime", "قوات النظام")
