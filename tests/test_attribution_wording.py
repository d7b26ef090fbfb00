"""Actor and place on real-report wording (issue 9): each rule of attribution.py,
places.py and references.py added for it, on short examples of our own, with the
real lexicons and number finder."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.extract.attribution import Mention, outlet_side
from helpers.extract.lexicons import load_lexicons
from helpers.records import Report
from case_tables import named_cases
from report_builders import report_of


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def _report(text: str, title: str | None = None) -> Report:
    return report_of(text, title, "w1", "2021-05-01")


def figure(text: str, lexicons, number: str, title: str | None = None, occurrence: int = 1):
    """The figure whose text is `number` (its `occurrence`-th), checked to sit at its offsets."""
    report = _report(text, title)
    figures, _ = extract_report(report, lexicons)
    found = [f for f in figures if f.text == number]
    assert len(found) >= occurrence, [(f.text, f.value) for f in figures]
    f = found[occurrence - 1]
    assert report.full_text[f.start:f.end] == number
    return f


def place_of(f) -> tuple:
    return f.area, f.regions, f.area_text, f.basis["regions"]


# --- places ---------------------------------------------------------------------

def test_crossings_named_in_the_dual_and_in_quotes_are_passed_through(lexicons):
    text = 'عاد 242 لاجئاً إلى سوريا، دخلوا عبر معبري "جديدة يابوس" و"تلكلخ" قادمين من لبنان.'
    f = figure(text, lexicons, "242")
    assert place_of(f) == ("national", [], "سوريا", "frame")


def test_the_place_people_return_to_is_where_they_are(lexicons):
    text = "قال مسؤول في درعا يوم الأحد الماضي إن 300 نازح رجعوا إلى حلب."
    assert place_of(figure(text, lexicons, "300")) == ("SY-HL", ["SY-HL"], "حلب", "frame")
    # a destination people are sent to stays farther than where they are
    text = "قال مسؤول في درعا يوم الأحد الماضي إن 300 شاب أرسلوا إلى حلب."
    assert place_of(figure(text, lexicons, "300")) == ("SY-DR", ["SY-DR"], "درعا", "frame")


def test_the_inner_of_two_macro_areas_names_the_place(lexicons):
    text = 'انضم 900 مقاتل إلى الفصيل في منطقة "درع الفرات" بالشمال السوري.'
    f = figure(text, lexicons, "900")
    assert (f.area, f.regions) == ("euphrates_shield", ["SY-HL"])
    assert f.area_text == 'درع الفرات" بالشمال السوري'


# --- actors ---------------------------------------------------------------------

def test_a_report_naming_no_doer_is_the_side_its_state_outlet_speaks_for(lexicons):
    text = "أفادت وكالة سانا بأن 300 شخص عادوا إلى منازلهم في درعا."
    f = figure(text, lexicons, "300")
    assert (f.actor, f.actor_text, f.basis["actor"]) == ("regime", "وكالة سانا", "report_default")
    # any named doer, an aid body included, keeps the outlet out
    text = "أفادت وكالة سانا بأن الهلال الأحمر وزع 300 سلة في درعا."
    assert figure(text, lexicons, "300").actor is None
    # an outlet of no side (Reuters) gives nothing
    assert figure("أفادت رويترز بأن 300 شخص عادوا إلى منازلهم في درعا.", lexicons, "300").actor is None


def test_outlets_of_two_sides_give_no_default():
    regime, iran = Mention(0, 4, "regime", kind="source"), Mention(10, 14, "iran", kind="source")
    assert outlet_side([regime, Mention(20, 24, "regime", kind="source")]) is regime
    assert outlet_side([regime, iran]) is None
    assert outlet_side([]) is None


def test_the_giver_named_after_a_verb_of_giving_wins_over_a_speaker_before(lexicons):
    text = 'وقال نائب محافظ الحسكة: "وزعنا 500 سلة غذائية قدمها الحلفاء الروس على العائلات".'
    f = figure(text, lexicons, "500")
    assert (f.actor, f.actor_text, f.basis["actor"]) == ("russia", "الروس", "frame")
    # without a verb of giving, the speaker's side stays the nearest before
    text = 'وقال محافظ الحسكة: "وزعنا 500 سلة غذائية على العائلات".'
    assert figure(text, lexicons, "500").actor == "regime"


def test_a_report_scattered_over_governorates_named_once_is_about_the_country(lexicons):
    text = ("يقاتل آلاف العناصر الأجانب في سوريا إلى جانب النظام.\n"
            "ويتركز معظمهم في محافظات حماة وحمص ودير الزور.\n"
            "ويبلغ راتب المقاتل 200 دولار.")
    assert place_of(figure(text, lexicons, "200")) == ("national", [], "سوريا", "report_default")
    # a governorate named twice is the report's place
    text = ("يقاتل آلاف العناصر الأجانب في سوريا، ويتركز معظمهم في حماة.\n"
            "وفي محافظات حماة وحمص ودير الزور ينتشرون.\n"
            "ويبلغ راتب المقاتل 200 دولار.")
    assert place_of(figure(text, lexicons, "200"))[:2] == ("SY-HM", ["SY-HM"])
    # two governorates named once are not scattered: the first named phrase wins the tie
    text = "يقاتل العناصر في حماة وحمص، وهم من أنحاء سوريا.\nويبلغ راتب المقاتل 200 دولار."
    assert place_of(figure(text, lexicons, "200"))[:2] == ("SY-HM", ["SY-HI", "SY-HM"])
    text = "يقاتل العناصر في سوريا، ومعظمهم في حماة وحمص.\nويبلغ راتب المقاتل 200 دولار."
    assert place_of(figure(text, lexicons, "200"))[:2] == ("national", [])


@pytest.mark.parametrize("text, expected", [
    ("وعبّرت سيدة سورية عن فرحتها بتسلّم 20 سلة غذائية في حلب.", None),     # the adjective Syrian
    ("وصلت 13 طائرة إلى 3 مطارات سورية.", "national"),                     # Syrian airports: in the country
    ("وصلت 13 طائرة إلى سورية.", "national"),
])
def test_a_bare_syria_after_a_noun_is_the_adjective(lexicons, text, expected):
    from helpers.extract.places import syrian_adjective_bare
    from helpers.ingest.normalise import normalise
    norm = normalise(text).text
    start = norm.rfind("سوريه")
    assert syrian_adjective_bare(norm, start, start + 5) is (expected is None)


def test_a_news_network_named_after_a_place_is_neither_place_nor_figure(lexicons):
    text = 'ونقل موقع "السويداء 24" أن نحو ألفي شخص احتشدوا أمام مقر الشركة في ريف حمص.'
    report = _report(text)
    figures, _ = extract_report(report, lexicons)
    assert [f.text for f in figures] == ["ألفي"]
    assert place_of(figures[0]) == ("SY-HI", ["SY-HI"], "ريف حمص", "frame")
    # a place followed by another number stays a place
    f = figure("انضم 24 شاباً في درعا 240 منهم من الريف.", lexicons, "24")
    assert f.regions == ["SY-DR"]


@pytest.mark.parametrize("text, number, regions, area_text", [
    # a town and the governorate it belongs to are one phrase
    ("وزع المركز في حلب وفي مدينة السقيلبية التابعة لمحافظة حماة 3 آلاف وجبة.", "3 آلاف",
     ["SY-HL", "SY-HM"], "حلب وفي مدينة السقيلبية التابعة لمحافظة حماة"),
    # an unlisted village after its noun does not break the phrase
    ("وزعت 26 طناً على 2820 شخصاً بين مدينة حلب وبلدة كيرسان في اللاذقية وقرية جبع في القنيطرة.", "2820",
     ["SY-HL", "SY-LA", "SY-QU"], "مدينة حلب وبلدة كيرسان في اللاذقية وقرية جبع في القنيطرة"),
])
def test_place_phrases_across_belonging_words_and_unlisted_villages(lexicons, text, number, regions, area_text):
    f = figure(text, lexicons, number)
    assert (f.regions, f.area_text, f.basis["regions"]) == (regions, area_text, "frame")


def test_a_place_inside_a_fallen_fighters_name_is_no_place(lexicons):
    text = 'تخريج 238 مقاتلاً في دورة "الشهيد مظلوم حسكة" بكري سبي.'
    f = figure(text, lexicons, "238")
    assert (f.area, f.regions, f.area_text) == ("SY-RA", ["SY-RA"], "كري سبي")
    text = "انضم 60 مقاتلاً بعد دورة في أكاديمية الشهيد دجوار عفرين."
    assert figure(text, lexicons, "60").regions == []


def test_the_syrian_adjective_describes_a_thing_not_the_country(lexicons):
    text = "تضم المنطقة في دير الزور 24 ألف عنصر، بينهم 9 آلاف من حملة الجنسية السورية."
    f = figure(text, lexicons, "9 آلاف")
    assert (f.regions, f.area_text) == (["SY-DY"], "دير الزور")
    # after a land noun it is the country
    f = figure("عاد 700 لاجئ إلى الأراضي السورية.", lexicons, "700")
    assert (f.area, f.area_text) == ("national", "الأراضي السورية")


def test_opponents_in_quotes_with_an_alias_are_dropped_together_and_hide_their_places(lexicons):
    text = ('يقول "الحرس الثوري" إن هدفه إخراج "قوات سوريا الديمقراطية" (قسد) والقوات الأمريكية منها، '
            'وإن عدد المتطوعين في دير الزور بلغ 40 شخصاً.')
    f = figure(text, lexicons, "40")
    assert (f.actor, f.actor_text) == ("iran", "الحرس الثوري")
    assert (f.area, f.area_text) == ("SY-DY", "دير الزور")


def test_24_with_a_counted_noun_is_a_count_unless_an_outlet_noun_names_the_network(lexicons):
    figures, _ = extract_report(_report("وأوضح لشبكة درعا 24 مصدر من اللواء أن الرواتب بلغت 80 دولاراً."), lexicons)
    assert [f.text for f in figures] == ["80"]
    f = figure("وصل إلى درعا 24 عنصراً من الفرقة الرابعة.", lexicons, "24")
    assert (f.regions, f.area_text) == (["SY-DR"], "درعا")


def test_the_side_fought_beside_is_not_the_actor(lexicons):
    text = ("دراسة: أكثر من 80 ألف مقاتل أجنبي إلى جانب النظام\n\n"
            "يقود الحرس الثوري الإيراني الميليشيات الأجنبية، ويدفع الحرس الثوري الإيراني رواتبهم.")
    f = figure(text, lexicons, "80 ألف")
    assert (f.actor, f.basis["actor"]) == ("iran", "report_default")


def test_the_countrys_part_describing_a_place_is_not_the_records_place(lexicons):
    text = ("فتح مركز في مدينة دير الزور، الواقعة ضمن مناطق سيطرة النظام، باب الانتساب "
            "مقابل رواتب شهرية قيمتها 70 دولاراً.")
    f = figure(text, lexicons, "70")
    assert (f.regions, f.area_text) == (["SY-DY"], "مدينة دير الزور")


@pytest.mark.parametrize("phrase", ["شمالي سوريا", "شمال البلاد", "شمالي سورية"])
def test_spellings_of_the_north(lexicons, phrase):
    text = f"رفعت أنقرة رواتب الفصائل العاملة في {phrase} إلى 3000 ليرة تركية."
    assert place_of(figure(text, lexicons, "3000"))[:2] == ("north", ["SY-HA", "SY-HL", "SY-ID", "SY-RA"])


@pytest.mark.parametrize("phrase, expected", [
    ("في محافظة الحسكة بأقصى شمال شرقي البلاد", ("northeast", ["SY-HA"])),
    ("في حوض اليرموك بأقصى الجنوب الغربي من سوريا", ("SY-DR", ["SY-DR"])),
    ("في ريف الحسكة الجنوبي، شمال شرقي سوريا", ("northeast", ["SY-HA"])),
])
def test_words_that_locate_a_place_join_it_to_the_area_around_it(lexicons, phrase, expected):
    text = f"وزعت القوات الروسية 300 سلة غذائية على السكان {phrase}."
    assert place_of(figure(text, lexicons, "300"))[:2] == expected




# --- the actor, by table: one rule a group ---------------------------------------------

@pytest.mark.parametrize("text, number, actor, actor_text", [
    # the Free Syrian Army is no sponsor's force, and not the regime's army inside its name
    *named_cases("named_bodies_of_each_side", [
        ("أقام الجيش السوري الحر 12 دورة عسكرية في ريف حلب.", "12", None, None),
        ("يبلغ عدد مقاتلي جيش التحرير الفلسطيني 6 آلاف عنصر.", "6 آلاف", "regime", "جيش التحرير الفلسطيني"),
        ("تسلمت قيادة المنطقة أمراً من قيادة الأركان بإرسال ألفين عنصر.", "ألفين", "regime", "قيادة الأركان"),
        ("عمم محافظ درعا موعد التسوية التي شملت 900 شخص.", "900", "regime", "محافظ"),
        ("أرسلت جمعية الهلال الأحمر الإيرانية 40 طناً من المساعدات.", "40", "iran", "الهلال الأحمر الإيرانية"),
    ]),
    *named_cases("the_side_a_figure_is_compared_with_is_not_its_actor", [
        ("أعلن حزب الله فتح باب الانتساب.\nولاقى العرض إقبالاً، قياساً بما يتقاضاه عناصر قوات النظام، "
         "ليتجاوز عدد المنتسبين 100 شخص.", "100", "iran", "حزب الله"),
        ("أعلن الحرس الثوري فتح باب التطوع. ويبلغ الراتب 200 دولار أي أكثر مما يدفعه الجيش السوري لعناصره.",
         "200", "iran", "الحرس الثوري"),
        # a counterpart in a force is not a comparison: `نظيره في الفرقة الرابعة`
        ("ويتقاضى العنصر في الفيلق الخامس 200 دولار، بينما لا يزيد راتب نظيره في الفرقة الرابعة على 50 دولاراً.",
         "50", "regime", "الفرقة الرابعة"),
    ]),
    # the receiver of goods handed over is not their giver
    *named_cases("receivers_and_holders_of_an_area_are_not_the_actor", [
        ("أرسلت إيران طائرة حمولتها، التي سُلّمت إلى السلطات السورية، 11 طناً من الحليب.", "11", "iran", "إيران"),
        ("أرسلت إيران مساعدات وصلت إلى \"قاعدة حميميم\" على متن 3 طائرات.", "3", "iran", "إيران"),
        # an area described by who holds it is no doer
        ("يستغل الروس الفقر في المحافظات الخاضعة لسيطرة النظام، فيعرضون راتباً يبلغ 2000 دولار.", "2000",
         "russia", "الروس"),
    ]),
])
def test_the_actor_and_its_words(lexicons, text, number, actor, actor_text):
    f = figure(text, lexicons, number)
    assert (f.actor, f.actor_text) == (actor, actor_text)


@pytest.mark.parametrize("text, number, expected", [
    *named_cases("a_bare_head_noun_is_the_actor_whose_name_holds_it", [
        ("افتتح حزب الله مكتبين في يبرود، تحت حماية يفرضها الحزب والدفاع الوطني.\n"
         "وتبدأ خطة الحزب بتجنيد الشاب لقاء مبلغ شهري قدره 500 دولار.", "500", ("iran", "حزب الله", "paragraph")),
    ]),
    *named_cases("the_subject_of_a_verb_of_receiving_is_not_the_giver", [
        ("أرسل الهلال الأحمر الإيراني قافلة مساعدات إلى دمشق.\n"
         "وتسلم فريق من الهلال الأحمر العربي السوري المواد، وهي ألفي بطانية.", "ألفي",
         ("iran", "الهلال الأحمر الإيراني", "report_default")),
    ]),
    *named_cases("a_doer_outside_the_listed_actors_gives_a_null_actor", [
        ("نقلت تركيا المقاتلين إلى ليبيا.\nودفعت حكومة الوفاق 2000 دولار لكل مقاتل سوري هناك.", "2000",
         (None, None, "frame")),
    ]),
    *named_cases("of_two_actors_joined_by_and_the_first_heads_the_pair", [
        ("تتجاوز أجور فاغنر بكثير ما تمنحه ميليشيات النظام السوري وإيران، والذي لا يتعدى 25 دولاراً شهرياً.", "25",
         ("regime", "ميليشيات النظام", "clause")),
    ]),
])
def test_the_actor_its_words_and_basis(lexicons, text, number, expected):
    f = figure(text, lexicons, number)
    assert (f.actor, f.actor_text, f.basis["actor"]) == expected


# --- the place, by table -----------------------------------------------------------------

@pytest.mark.parametrize("text, number, title, area, regions", [
    *named_cases("plural_and_rarer_place_forms", [
        ("تتدرب 1500 عنصر في معسكرات بمنطقة البقاع اللبنانية.", "1500", None, "abroad", []),
        ("وزعت 1000 سلة غذائية في منطقة سلمية.", "1000", None, "SY-HM", ["SY-HM"]),
        ("تخرج 238 مقاتلاً في كري سبي.", "238", None, "SY-RA", ["SY-RA"]),
        ("انتشر 900 عنصر على الضفاف الغربية لنهر الفرات.", "900", None, "west_euphrates", ["SY-DY"]),
        ("يقاتل 300 سوري في الأراضي الأوكرانية.", "300", None, "abroad", []),
    ]),
    *named_cases("hauran_is_daraa_governorate", [
        ("تجوب اللجان مدن حوران وبلداتها، وصارت المهلة ثلاثة أشهر.", "ثلاثة", None, "SY-DR", ["SY-DR"]),
    ]),
    *named_cases("the_country_named_most_often_is_the_reports_place", [
        ("سفينة روسية ترسو في سوريا وعلى متنها مساعدات\n\n"
         "بلغت السفينة السواحل السورية، ورست في ميناء طرطوس، وحمولتها مخصصة للمتضررين في سوريا.\n\n"
         "وتسلّم مواطنون 140 طناً من المواد الغذائية.", "140", None, "national", []),
    ]),
    *named_cases("syria_with_the_accusative_tanween_is_the_adjective", [
        ("وقال المرصد إن المقاتلين نقلوا إلى هناك قبل شهرين.", "٣٠٠",
         "نحو ٨٠ قتيلاً سورياً في أذربيجان و٣٠٠ مقاتل يطلبون العودة", "abroad", []),
    ]),
    *named_cases("a_place_inside_an_outlets_name_is_not_a_place", [
        (f'ونقل موقع "{outlet}" أن نحو 300 شاب انضموا إلى الفصيل.', "300", None, None, [])
        for outlet in ("تجمع أحرار حوران", "حلب اليوم", "عفرين بوست")
    ]),
    *named_cases("syria_in_an_institutions_name_is_not_the_country", [
        ("تصرف رواتب العناصر عن طريق بنك سوريا، ويبلغ راتب المقاتل 600 دولار.", "600", None, None, []),
        ("تصرف رواتب العناصر في سوريا، ويبلغ راتب المقاتل 600 دولار.", "600", None, "national", []),
    ]),
    *named_cases("a_place_abroad_in_a_clause_about_earlier_events_does_not_send_the_records_people", [
        ("سجّل 40 شاباً أسماءهم في محافظة السويداء لدى شركة أمنية، "
         "أبرزها شركة المتورطة من قبل في تجنيد الشبان في ليبيا.", "40", None, "SY-SU", ["SY-SU"]),
        ("سجّل 40 شاباً أسماءهم في محافظة السويداء لدى شركة أمنية، تمهيداً لنقلهم إلى ليبيا.", "40", None,
         "abroad", []),
    ]),
    *named_cases("the_country_after_fi_at_the_end_of_an_actors_name_is_a_place", [
        ("أصدر رئيس الجمهورية في سوريا مرسوماً يسمح بدفع البدل.\n\n"
         "ويبلغ البدل 4800 دولار.\n\nوقتل ستة في انفجار قرب درعا البلد.", "4800", None, "national", []),
    ]),
    *named_cases("governorates_always_named_together_are_the_reports_place_together", [
        ("أرسل الهلال الأحمر 145 شاحنة إلى ريفي محافظتي إدلب واللاذقية.\n\n"
         "وحملت الشحنات 900 طن من الطحين.\n\n"
         "وتتابع المؤسسة نشاطها في أرياف إدلب واللاذقية.", "900", "145 شاحنة مساعدات إلى إدلب واللاذقية",
         "SY-ID", ["SY-ID", "SY-LA"]),
        # named together once, apart afterwards: the most named one alone
        ("قدمت القوات الروسية في محافظة الحسكة معونات لسكان القامشلي.\n\n"
         "وشملت المعونات 300 سلة غذائية.\n\n"
         "وفي دير الزور وزع المركز 4 أطنان.", "300", "مساعدات روسية لسكان الحسكة ودير الزور", "SY-HA", ["SY-HA"]),
    ]),
])
def test_the_area_and_regions(lexicons, text, number, title, area, regions):
    f = figure(text, lexicons, number, title)
    assert (f.area, f.regions) == (area, regions)


@pytest.mark.parametrize("text, number, regions", [
    *named_cases("unlisted_words_without_a_settlement_noun_still_break_a_phrase", [
        ("انضم 40 شاباً في حلب وقال مصدر في اللاذقية إن العدد سيرتفع.", "40", ["SY-HL"]),
    ]),
    *named_cases("a_place_followed_by_a_count_of_24_thousand_stays_a_place", [
        ("ينتشر في دير الزور 24 ألف عنصر.", "24 ألف", ["SY-DY"]),
    ]),
    *named_cases("the_place_people_arrive_at_is_where_they_are_unless_they_move_on", [
        ("قال مسؤول في حماة يوم الأحد الماضي إن فريقاً من 11 شخصاً وصل إلى حلب.", "11", ["SY-HL"]),
        ("قال مسؤول في حماة يوم الأحد الماضي إن 40 شاحنة وصلت إلى حمص على أن تتوجه بعدها إلى دير الزور.", "40",
         ["SY-HM"]),
    ]),
])
def test_the_regions(lexicons, text, number, regions):
    assert figure(text, lexicons, number).regions == regions
