"""helpers.extract: figures and incentives with their evidence.

The rule tests run on short sentences written for these tests, with a small
lexicon folder of their own (actors.csv and gazetteer.csv below plus the
project's cues.csv and incentives.csv) and a tiny stand-in for
helpers.extract.numbers, so that they test the extraction rules alone. The seed
acceptance test at the end runs the real lexicons and number finder.
"""
from __future__ import annotations

import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.extract import context as extract_context
from helpers.extract import stage as extract_stage
from helpers.extract import extract_paths, extract_report, iter_records, main
from helpers.extract.lexicons import load_lexicons
from helpers.paths import LEXICONS
from helpers.records import Report

ACTORS_CSV = """name,actor,kind,note
القوات الروسية,russia,force,
روسيا,russia,state,
الفيلق الخامس,russia,proxy,Russian-backed
الميليشيات الإيرانية,iran,force,
القوات الإيرانية,iran,force,
حزب الله,iran,proxy,
قوات النظام,regime,force,
تركيا,turkey,state,
الحمزات,turkey,proxy,
قوات سوريا الديمقراطية,sdf,force,
المرصد السوري لحقوق الإنسان,,source,
المرصد السوري,,source,
التحالف الدولي,us_coalition,force,
النظام,regime,state,
داعش,isis,force,
"""
GAZETTEER_CSV = """name,area,regions,kind,name_en,source
دير الزور,SY-DY,SY-DY,governorate,Deir ez-Zor,test
الميادين,SY-DY,SY-DY,city,Al-Mayadin,test
حماة,SY-HM,SY-HM,governorate,Hama,test
الحموي,SY-HM,SY-HM,governorate_adjective,Hama,test
إدلب,SY-ID,SY-ID,governorate,Idlib,test
حلب,SY-HL,SY-HL,governorate,Aleppo,test
درعا,SY-DR,SY-DR,governorate,Daraa,test
القنيطرة,SY-QU,SY-QU,governorate,Quneitra,test
غرب الفرات,west_euphrates,SY-DY,macro_area,West Euphrates,test
غرب نهر الفرات,west_euphrates,SY-DY,macro_area,West Euphrates,test
الجنوب السوري,south,SY-DR|SY-QU|SY-SU,macro_area,Southern Syria,test
شرق الفرات,east_euphrates,SY-DY|SY-RA|SY-HA,macro_area,East Euphrates,test
عفرين,SY-HL,SY-HL,city,Afrin,test
ليبيا,abroad,,abroad,Libya,test
"""


@dataclass
class Quantity:
    start: int
    end: int
    value: int
    value_min: int | None
    value_max: int | None
    qualifier: str
    unit: str | None
    unit_start: int | None
    unit_end: int | None
    span_start: int
    span_end: int
    noun: str | None
    unit_category: str | None


_UNITS = {"دولار": "usd", "دولارا": "usd", "ليره": "syp", "سله": "food_basket", "عايله": "family",
          "عايلات": "family", "طن": "tonne", "ايام": "day", "يوما": "day", "بالمئه": "percent"}
_NUMBER = re.compile(r"(?:(نحو|قرابه) )?(\d+)(?: (\w+))?")


def stand_in_quantities(text: str, lexicons=None, word_hits=None) -> list[Quantity]:
    """Digits, an optional approximation word before and a unit word after."""
    found = []
    for m in _NUMBER.finditer(text):
        unit = _UNITS.get(m.group(3) or "")
        unit_end = m.end(3) if unit else None
        found.append(Quantity(
            m.start(2), m.end(2), int(m.group(2)), None, None,
            "approx" if m.group(1) else "exact", unit or "person",
            m.start(3) if unit else None, unit_end, m.start(), unit_end or m.end(2),
            None if unit else m.group(3), None))
    return found


@pytest.fixture(scope="module")
def lexicons(tmp_path_factory):
    folder = tmp_path_factory.mktemp("lexicons")
    for path in LEXICONS.glob("*.csv"):
        shutil.copy(path, folder / path.name)
    (folder / "actors.csv").write_text(ACTORS_CSV, encoding="utf-8")
    (folder / "gazetteer.csv").write_text(GAZETTEER_CSV, encoding="utf-8")
    return load_lexicons(folder)


@pytest.fixture(autouse=True)
def numbers_stand_in(request, monkeypatch):
    if "seed_report" not in request.node.name:
        monkeypatch.setattr(extract_context, "find_quantities", stand_in_quantities)


def make_report(text: str, title: str | None = None, report_id: str = "r1") -> Report:
    full = f"{title}\n\n{text}" if title else text
    return Report(id=report_id, title=title, text=text, full_text=full, date="2020-05-01",
                  date_origin="metadata", source=None, url=None, path="test.txt", line=None,
                  encoding="utf-8", content_hash="h", duplicate_of=None)


def run(text: str, lexicons, title: str | None = None):
    return extract_report(make_report(text, title), lexicons)


def figure(text: str, lexicons, value, title=None):
    figures, _ = run(text, lexicons, title)
    matching = [f for f in figures if f.value == value]
    assert len(matching) == 1, figures
    return matching[0]


def incentives_of(text: str, lexicons, title=None) -> dict:
    return {(i.incentive, i.actor): i for i in run(text, lexicons, title)[1]}


# --- offsets ------------------------------------------------------------------

def test_offsets_map_back_through_diacritics_tatweel_and_indic_digits(lexicons):
    text = "انضمَّ ١٢٠ مقاتلاً إلى صفـــوف حزب الله في ريـف دير الزور.\nوفي حماة وزّعت القوات الروسية ٣٠٠ سلّة."
    figures, _ = run(text, lexicons)
    assert [(f.text, f.value) for f in figures] == [("١٢٠", 120), ("٣٠٠", 300)]
    for record in figures:
        assert text[record.start:record.end] == record.text
        assert text[record.sentence_start:record.sentence_start + len(record.sentence)] == record.sentence
    first, second = figures
    assert first.sentence == "انضمَّ ١٢٠ مقاتلاً إلى صفـــوف حزب الله في ريـف دير الزور."
    assert second.sentence_start == text.index("وفي حماة")
    assert (first.actor, first.actor_text) == ("iran", "حزب الله")
    assert (first.area, first.area_text, first.regions) == ("SY-DY", "ريـف دير الزور", ["SY-DY"])
    assert (second.actor_text, second.area_text, second.unit) == ("القوات الروسية", "حماة", "food_basket")


def test_title_offsets_and_ids_are_stable(lexicons):
    report = make_report("وصل عدد عناصر حزب الله إلى 400 عنصر في الميادين.", title="تقرير عن التجنيد")
    first = extract_report(report, lexicons)
    again = extract_report(report, lexicons)
    assert first == again
    f = first[0][0]
    assert f.id == f"r1:f:{f.start}" and report.full_text[f.start:f.end] == "400"


# --- category and measure ----------------------------------------------------

@pytest.mark.parametrize("text, value, category, measure", [
    ("يتقاضى المتطوع راتبا شهريا قدره 200 دولار من القوات الروسية.", 200, "salary", None),
    ("منحت الميليشيات الإيرانية مبلغ 150 دولارا كمكافأة لكل منتسب.", 150, "reward", None),
    ("قتل 12 عنصرا من قوات النظام في هجوم قرب الميادين.", 12, "casualties", None),
    ("وزعت القوات الروسية مساعدات على 300 عائلة في ريف حماة.", 300, "aid_recipients", None),
    ("وزعت القوات الروسية 500 سلة على الأهالي في ريف حماة.", 500, "aid_amount", None),
    ("استمرت الدورة العسكرية 20 يوما في الميادين.", 20, "other", None),
    ("ارتفعت الأسعار بنسبة 30 بالمئة في حماة.", 30, "other", None),
    ("اشترى التاجر سيارة بمبلغ 900 دولار.", 900, "reward", None),
    ("دفع التاجر 900 دولار ثمن سيارة.", 900, "other", None),
    ("وقع المقاتل عقدا بقيمة 3000 دولار مع الفيلق الخامس.", 3000, "salary", None),
    ("وزعت القوات الروسية مساعدات نقدية بقيمة 20 دولارا لكل أسرة.", 20, "aid_amount", None),
    ("انتشرت القوات الروسية في 14 قرية بريف حماة.", 14, "other", None),
    ("تعرض الفرقة تعويضا قدره 3000 دولار لعائلة كل عنصر يقتل.", 3000, "reward", None),
    ("ارتفع عدد المنتسبين إلى حزب الله إلى 900 عنصر.", 900, "recruits", "stock"),
    ("انضمت دفعة جديدة من 300 شاب إلى الفيلق الخامس.", 300, "recruits", "flow"),
    ("تسعى القوات الإيرانية لتجنيد 500 شاب في دير الزور.", 500, "recruits", "target"),
    ("شارك 40 عنصرا من الفيلق الخامس في الاستعراض.", 40, "recruits", None),
])
def test_category_and_measure(lexicons, text, value, category, measure):
    f = figure(text, lexicons, value)
    assert (f.category, f.measure) == (category, measure)


def test_a_running_total_governs_only_the_first_number_after_it(lexicons):
    text = "بلغ عدد المنتسبين 800 عنصر بعد انضمام 200 شاب جديد إلى حزب الله."
    assert figure(text, lexicons, 800).measure == "stock"
    assert figure(text, lexicons, 200).measure == "flow"
    text = "انضم 200 شاب إلى حزب الله ليرتفع عدد عناصره إلى 1500 عنصر."
    assert figure(text, lexicons, 200).measure == "flow"
    assert figure(text, lexicons, 1500).measure == "stock"


# --- actors ---------------------------------------------------------------------

def test_actor_before_the_figure_wins_over_one_after(lexicons):
    f = figure("وزعت القوات الروسية 500 سلة على عائلات عناصر قوات النظام.", lexicons, 500)
    assert (f.actor, f.actor_text) == ("russia", "القوات الروسية")


def test_actor_after_the_figure_when_none_before(lexicons):
    f = figure("انضم 300 شاب إلى صفوف الحمزات في ريف حلب.", lexicons, 300)
    assert (f.actor, f.actor_text) == ("turkey", "الحمزات")


def test_proxy_counts_as_its_sponsor(lexicons):
    f = figure("التحق 70 شابا بالفيلق الخامس في درعا.", lexicons, 70)
    assert (f.actor, f.actor_text) == ("russia", "الفيلق الخامس")


def test_reporting_source_is_never_an_actor(lexicons):
    text = "وثق المرصد السوري لحقوق الإنسان التحاق 90 شابا بالقوات الإيرانية."
    f = figure(text, lexicons, 90)
    assert (f.actor, f.actor_text) == ("iran", "القوات الإيرانية")
    f = figure("وثق المرصد السوري التحاق 90 شابا.", lexicons, 90)
    assert f.actor is None and f.area is None


def test_actor_carries_from_an_earlier_sentence_of_the_paragraph(lexicons):
    text = ("تواصل الميليشيات الإيرانية حملتها في الميادين. وانضم 60 شابا خلال الأسبوع.\n"
            "وفي حماة وزعت القوات الروسية 500 سلة.\n"
            "كما انضم 25 شابا آخرون.")
    assert figure(text, lexicons, 60).actor_text == "الميليشيات الإيرانية"
    # a new paragraph does not inherit; the main actor (ties: the first) is used
    last = figure(text, lexicons, 25)
    assert last.actor == "iran" and last.area == "SY-DY"


def test_main_actor_is_the_most_mentioned(lexicons):
    text = ("دعمت روسيا قوات النظام، وقوات النظام تعتقل المطلوبين وقوات النظام تلاحقهم.\n"
            "وانضم 45 شابا.")
    assert figure(text, lexicons, 45).actor == "regime"


def test_actor_inside_the_incentive_words_is_not_its_giver(lexicons):
    found = incentives_of("تعمل القوات الإيرانية على منع قوات النظام من التجاوز على السكان.", lexicons)
    assert list(found) == [("protection", "iran")]
    assert found[("protection", "iran")].text == "منع قوات النظام من التجاوز"


# --- places ---------------------------------------------------------------------

@pytest.mark.parametrize("text, value, area, regions, area_text", [
    ("انضم 80 شابا إلى حزب الله في ريفي إدلب وحلب.", 80, "SY-ID", ["SY-HL", "SY-ID"], "ريفي إدلب وحلب"),
    ("التحق 35 شابا بالفيلق الخامس في درعا والقنيطرة.", 35, "SY-DR", ["SY-DR", "SY-QU"], "درعا والقنيطرة"),
    ("ارتفع عدد المتطوعين إلى 1100 عنصر ضمن منطقة غرب نهر الفرات في ريف دير الزور.", 1100,
     "west_euphrates", ["SY-DY"], "منطقة غرب نهر الفرات في ريف دير الزور"),
    ("وزعت القوات الروسية 500 سلة في القطاع الشمالي من الريف الحموي.", 500, "SY-HM", ["SY-HM"], "الريف الحموي"),
    ("نقلت تركيا 400 مقاتل من الحمزات إلى ليبيا.", 400, "abroad", [], "ليبيا"),
    ("يبلغ عدد المنتسبين إلى حزب الله 5000 عنصر في سوريا.", 5000, "national", [], "سوريا"),
])
def test_place_rules(lexicons, text, value, area, regions, area_text):
    f = figure(text, lexicons, value)
    assert (f.area, f.regions, f.area_text) == (area, regions, area_text)
    assert text[text.index(f.area_text):].startswith(f.area_text)


def test_places_given_as_examples_belong_to_the_macro_area(lexicons):
    text = ("تنشط الميليشيات الإيرانية في غرب الفرات والجنوب السوري وما بينهما كدرعا والقنيطرة، "
            "وتدفع 100 دولار لكل متطوع.")
    f = figure(text, lexicons, 100)
    assert (f.area, f.regions, f.area_text) == ("south", ["SY-DR", "SY-QU", "SY-SU"], "الجنوب السوري")


def test_the_nearest_place_phrase_wins_and_commas_count_as_distance(lexicons):
    text = "قتل 3 عناصر في درعا، وانضم 50 شابا في حلب."
    assert figure(text, lexicons, 3).regions == ["SY-DR"]
    assert figure(text, lexicons, 50).regions == ["SY-HL"]


def test_place_carries_within_the_paragraph_then_from_the_main_place(lexicons):
    text = ("تعمل الميليشيات الإيرانية في الميادين. وانضم 60 شابا إليها.\n"
            "وفي حماة أقيمت دورة. وفي الميادين افتتح مركز.\n"
            "وانضم 25 شابا آخرون.")
    assert figure(text, lexicons, 60).area == "SY-DY"
    assert figure(text, lexicons, 25).area_text == "الميادين"


def test_actor_names_hide_the_places_inside_them(lexicons):
    f = figure("انضم 30 شابا إلى قوات سوريا الديمقراطية في حلب.", lexicons, 30)
    assert (f.actor, f.area) == ("sdf", "SY-HL")


# --- incentives --------------------------------------------------------------------

def test_incentive_codes_and_their_givers(lexicons):
    text = ("تقدم القوات الإيرانية مواد غذائية وألبسة وبطانيات ومستلزمات دراسية للأهالي في الميادين، "
            "وتعد المنتسبين بتسوية الأوضاع وعدم سوقهم إلى الاحتياط. "
            "أما القوات الروسية فوزعت أدوية ومساعدات في حماة.")
    found = incentives_of(text, lexicons)
    assert set(found) == {
        ("food_aid", "iran"), ("clothing", "iran"), ("blankets_heating", "iran"),
        ("school_supplies", "iran"), ("security_settlement", "iran"),
        ("conscription_exemption", "iran"), ("medical", "russia"),
    }  # `مساعدات` next to named aid (أدوية) refers to it: no aid_unspecified
    food = found[("food_aid", "iran")]
    assert text[food.start:food.end] == food.text == "مواد غذائية"
    assert (food.area, food.regions) == ("SY-DY", ["SY-DY"])
    assert found[("medical", "russia")].area == "SY-HM"
    only_generic = incentives_of("ووزعت القوات الروسية مساعدات في حماة.", lexicons)
    assert list(only_generic) == [("aid_unspecified", "russia")]


def test_one_incentive_per_actor_with_the_first_evidence_and_its_figure(lexicons):
    text = ("يحصل المنتسب إلى حزب الله على راتب شهري. "
            "ويبلغ الراتب 250 دولارا في دير الزور. وترفع القوات الإيرانية الرواتب كل عام.")
    found = incentives_of(text, lexicons)
    assert list(found) == [("cash_salary", "iran")]
    salary = found[("cash_salary", "iran")]
    assert salary.text == "راتب شهري"
    assert salary.id == "r1:i:cash_salary:iran"
    amount = figure(text, lexicons, 250)
    assert amount.category == "salary" and salary.figure_id == amount.id


def test_words_that_only_look_like_incentives_are_not_taken(lexicons):
    assert incentives_of("أعلنت القوات الروسية حملة مكافحة التهريب في حماة.", lexicons) == {}
    assert incentives_of("قالت تركيا إن 20 شخصا عبروا الحدود.", lexicons) == {}


def test_actor_named_as_a_setting_or_an_opponent_is_not_the_doer(lexicons):
    text = ("انضم 300 شاب إلى الفيلق الخامس في درعا.\n"
            "وحصل المنتسبون على بطاقات أمنية تحميهم من الاعتقال على حواجز قوات النظام، كما وعدوا بتسوية أوضاعهم.\n"
            "ويقاتل المنشقون عن قوات النظام ضد داعش والنظام مقابل 100 دولار.")
    found = incentives_of(text, lexicons)
    assert set(found) == {("security_settlement", "russia")}
    assert found[("security_settlement", "russia")].text == "بطاقات أمنية"
    assert figure(text, lexicons, 100).actor == "russia"


def test_recipients_of_pay_are_not_its_payer(lexicons):
    text = "رفع التحالف الدولي المخصصات الشهرية لمقاتلي قوات سوريا الديمقراطية بنسبة 20 بالمئة."
    assert figure(text, lexicons, 20).actor == "us_coalition"
    assert list(incentives_of(text, lexicons)) == [("cash_salary", "us_coalition")]


def test_the_owner_named_right_after_casualties(lexicons):
    text = "قتل 7 عناصر من الحمزات و3 من قوات سوريا الديمقراطية في اشتباكات قرب عفرين."
    assert figure(text, lexicons, 7).actor == "turkey"
    assert figure(text, lexicons, 3).actor == "sdf"


def test_nationality_adjectives_name_actors_except_for_currencies(lexicons):
    f = figure("طلبت شركة أمنية روسية 500 متطوع من أبناء حماة.", lexicons, 500)
    assert (f.actor, f.actor_text, f.measure) == ("russia", "روسية", "target")
    f = figure("يتقاضى العنصر 700 ليرة تركية في عفرين.", lexicons, 700)
    assert f.actor is None
    f = figure("يتقاضى العنصر 300 دولار أمريكي في حلب.", lexicons, 300)
    assert f.actor is None and f.area == "SY-HL"


def test_pay_words_follow_their_figure_and_pay_figures_stand_for_incentives(lexicons):
    monthly = "تمنح الميليشيات الإيرانية مبالغ تصل إلى 300 دولار شهريا في دير الزور."
    found = incentives_of(monthly, lexicons)
    assert list(found) == [("cash_salary", "iran")]
    assert found[("cash_salary", "iran")].figure_id == figure(monthly, lexicons, 300).id
    once = "تمنح الميليشيات الإيرانية مبلغ 300 دولار لكل منتسب في دير الزور."
    assert list(incentives_of(once, lexicons)) == [("cash_reward", "iran")]
    contract = "نقلت تركيا مقاتلين إلى ليبيا بعقود مقابل 1500 دولار شهريا."
    found = incentives_of(contract, lexicons)
    assert list(found) == [("cash_salary", "turkey")]
    assert (found[("cash_salary", "turkey")].text, found[("cash_salary", "turkey")].area) == ("1500 دولار", "abroad")


def test_negated_and_named_deal_cues_are_not_incentives(lexicons):
    assert incentives_of("لم يحصل عناصر الفيلق الخامس على رواتب منذ أشهر.", lexicons) == {}
    assert incentives_of("انضم شبان من مناطق التسوية إلى الفيلق الخامس.", lexicons) == {}
    still = incentives_of("لا تزال القوات الروسية توزع الأدوية في حماة.", lexicons)
    assert list(still) == [("medical", "russia")]


def test_title_cues_count_only_for_what_the_body_lacks(lexicons):
    title = "مكافآت وحماية"
    body = "تمنح القوات الروسية مكافأة لكل متطوع في درعا."
    found = incentives_of(body, lexicons, title=title)
    assert set(found) == {("cash_reward", "russia"), ("protection", "russia")}
    assert found[("cash_reward", "russia")].text == "مكافأة"
    assert found[("protection", "russia")].text == "حماية"


@pytest.mark.parametrize("text, value, measure", [
    ("انضمت دفعة جديدة تضم 300 شاب إلى الفيلق الخامس.", 300, "flow"),
    ("يبلغ عدد مقاتلي الفيلق الخامس 1800 عنصر.", 1800, "stock"),
    ("بلغ عدد المتطوعين الجدد 210 متطوعين في صفوف حزب الله.", 210, "flow"),
    ("تنتظر القوات الروسية أن ينضم 400 عنصر إلى الفيلق الخامس.", 400, "target"),
    ("استقدم حزب الله 250 مقاتلا إلى حلب، ليرتفع عدد عناصره إلى 1100 عنصر.", 1100, "stock"),
    ("استقدم حزب الله 250 مقاتلا إلى حلب، ليرتفع عدد عناصره إلى 1100 عنصر.", 250, "flow"),
    ("ارتفع عدد الشبان الذين نقلتهم تركيا إلى ليبيا إلى 3000 شاب.", 3000, "stock"),
    ("ضم الحمزات حتى الآن 700 شاب من أبناء حلب.", 700, "stock"),
    ("يقدر ناشطون عدد من التحقوا بحزب الله منذ مطلع العام بنحو 90 شابا.", 90, "flow"),
])
def test_measure_priorities(lexicons, text, value, measure):
    assert figure(text, lexicons, value).measure == measure


def test_more_place_rules(lexicons):
    # `ولا سيما` introduces examples, like كـ
    f = figure("تنشط الميليشيات الإيرانية في الجنوب السوري، ولا سيما في درعا والقنيطرة، وتدفع 100 دولار.", lexicons, 100)
    assert (f.area, f.regions) == ("south", ["SY-DR", "SY-QU", "SY-SU"])
    # a governorate named inside a macro-area narrows its regions
    f = figure("رفع التحالف الدولي عدد المقاتلين في شرق الفرات بريف دير الزور إلى 900 مقاتل.", lexicons, 900)
    assert (f.area, f.regions) == ("east_euphrates", ["SY-DY"])
    # people sent abroad: abroad even though their origin is named; coming back is not
    assert figure("نقلت تركيا 400 مقاتل من عفرين إلى ليبيا.", lexicons, 400).area == "abroad"
    assert figure("عاد 50 مقاتلا من ليبيا إلى عفرين.", lexicons, 50).area == "SY-HL"
    # a place in a later clause belongs to that clause
    text = "وزعت القوات الروسية سلالا في حماة.\nوقال مسؤول إن 300 عائلة استفادت، وإن توزيعا مماثلا سيجري في حلب."
    assert figure(text, lexicons, 300).area == "SY-HM"
    # `هناك` (there) after a destination abroad
    text = "نقلت تركيا 400 مقاتل من عفرين إلى ليبيا.\nويتقاضى المقاتل هناك 2000 دولار شهريا."
    assert figure(text, lexicons, 2000).area == "abroad"
    # where displaced people come from is not where they are counted
    text = "انضم 420 مقاتلا إلى الحمزات في عفرين.\nوأغلب المنضمين الـ 420 من المهجرين القادمين من ريف إدلب."
    assert [f.area for f in run(text, lexicons)[0]] == ["SY-HL", "SY-HL"]
    # a Syrian pound is not the whole country; regime-held areas are, and are not an actor
    assert figure("يتقاضى المتطوع 350 ألف ليرة سورية في حماة.", lexicons, 350).area == "SY-HM"
    f = figure("انضم 17 شابا إلى حزب الله في مختلف مناطق سيطرة النظام.", lexicons, 17)
    assert (f.area, f.regions, f.actor) == ("national", [], "iran")


# --- streaming, tables and command line ---------------------------------------------

@pytest.fixture
def corpus(tmp_path, lexicons, monkeypatch):
    monkeypatch.setattr(extract_stage, "load_lexicons", lambda *a, **k: lexicons)
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("تجنيد في الميادين\n\nانضم 300 شاب إلى حزب الله. ووزع الحزب مساعدات.\n",
                                  encoding="utf-8")
    (folder / "b.jsonl").write_text(
        json.dumps({"id": "b1", "text": "تدفع القوات الروسية راتبا شهريا قدره 200 دولار في حماة."},
                   ensure_ascii=False) + "\n{broken\n", encoding="utf-8")
    return folder


def test_iter_records_streams_reports_and_reports_rejections(corpus):
    rejections = []
    records = list(iter_records([corpus], on_rejection=rejections.append))
    assert [(r.type, r.report_id) for r in records] == [
        ("figure", "a"), ("incentive", "a"), ("figure", "b1"), ("incentive", "b1")]
    assert records[0].sentence == "انضم 300 شاب إلى حزب الله."
    assert [r.line for r in rejections] == [2]


def test_iter_records_takes_reports_as_well_as_paths(lexicons):
    reports = [make_report("انضم 30 شابا إلى حزب الله.", report_id="x1"),
               make_report("لا أرقام هنا.", report_id="x2"),
               make_report("وزعت القوات الروسية 40 سلة غذائية.", report_id="x3")]
    records = list(iter_records(iter(reports), lexicons))
    assert [(r.report_id, r.type) for r in records] == [("x1", "figure"), ("x3", "figure"), ("x3", "incentive")]


def test_cli_reports_an_unwritable_output(corpus, tmp_path, capsys):
    assert main([str(corpus), "--out", str(tmp_path / "no" / "such" / "dir.jsonl")]) == 2
    assert "cannot write" in capsys.readouterr().err


def test_extract_paths_gives_frames_in_contract_order(corpus):
    result = extract_paths([corpus])
    assert list(result.figures.columns[:4]) == ["type", "id", "report_id", "report_date"]
    assert list(result.figures["value"]) == [300, 200]
    assert list(result.incentives["incentive"]) == ["aid_unspecified", "cash_salary"]
    assert [r.line for r in result.rejections] == [2]


def test_cli_jsonl_and_csv(corpus, tmp_path, capsys):
    assert main([str(corpus)]) == 0
    captured = capsys.readouterr()
    rows = [json.loads(line) for line in captured.out.splitlines()]
    assert [r["type"] for r in rows] == ["figure", "incentive", "figure", "incentive"]
    assert rows[0]["regions"] == ["SY-DY"] and rows[2]["category"] == "salary"
    assert "b.jsonl:2:" in captured.err

    out = tmp_path / "records.csv"
    assert main([str(corpus), "--format", "csv", "--out", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert lines[0].startswith("type,id,report_id,report_date,value")
    assert len(lines) == 5 and ",SY-DY," in lines[1]


def test_cli_exit_code_2_when_no_report_is_read(tmp_path, lexicons, monkeypatch, capsys):
    monkeypatch.setattr(extract_stage, "load_lexicons", lambda *a, **k: lexicons)
    assert main([str(tmp_path / "missing.txt")]) == 2
    assert "missing.txt" in capsys.readouterr().err


# --- acceptance on the seed report (its close paraphrase, kept in the repository) -----

SEED_PARAPHRASE = Path(__file__).parent / "fixtures" / "seed_paraphrase.txt"


def _check_seed(text: str) -> None:
    """What an analyst lists from the seed report (or its paraphrase in the repository)."""
    title, _, body = text.partition("\n")
    report = make_report(body.strip(), title=title.strip(), report_id="seed")
    figures, incentives = extract_report(report)
    for record in figures + incentives:
        assert report.full_text[record.start:record.end] == record.text

    recruits = [f for f in figures if f.value == 1270]
    assert len(recruits) == 1
    f = recruits[0]
    assert (f.category, f.measure, f.qualifier, f.unit) == ("recruits", "stock", "approx", "person")
    assert (f.actor, f.area, f.regions) == ("iran", "west_euphrates", ["SY-DY"])

    reward = [f for f in figures if f.value == 150]
    assert len(reward) == 1
    assert (reward[0].unit, reward[0].category, reward[0].actor) == ("usd", "reward", "iran")
    assert (reward[0].area, sorted(reward[0].regions)) == ("south", ["SY-DR", "SY-QU", "SY-SU"])

    days = [f for f in figures if f.unit == "day"]
    assert days and all(f.category == "other" for f in days)

    found = {(i.incentive, i.actor): i for i in incentives}
    russian_aid = found[("aid_unspecified", "russia")]
    assert russian_aid.regions == ["SY-HM"]
    for code in ("property_restitution", "food_aid", "clothing", "blankets_heating",
                 "school_supplies", "protection", "cash_reward"):
        assert (code, "iran") in found, code
    assert found[("cash_reward", "iran")].figure_id == reward[0].id
    assert all("المرصد" not in (r.actor_text or "") for r in figures + incentives)


def test_seed_report_paraphrase_in_the_repository_gives_what_an_analyst_lists():
    """The seed's close paraphrase, kept in the repository so that a clone tests it."""
    _check_seed(SEED_PARAPHRASE.read_text(encoding="utf-8"))


# --- rules for fresh text (real lexicons and number finder) -----------------------------

_REAL_FIND_QUANTITIES = extract_context.find_quantities


@pytest.fixture
def real():
    """Extract with the project's lexicons and helpers.extract.numbers (the stand-in is undone)."""
    pytest.importorskip("helpers.extract.numbers")
    lexicons = load_lexicons()

    def run_real(text: str, title: str = "عنوان"):
        with pytest.MonkeyPatch.context() as patch:
            patch.setattr(extract_context, "find_quantities", _REAL_FIND_QUANTITIES)
            return extract_report(make_report(text, title), lexicons)
    return run_real


def only_figure(result, value):
    matching = [f for f in result[0] if f.value == value]
    assert len(matching) == 1, [(f.text, f.value) for f in result[0]]
    return matching[0]


def codes(result) -> set[tuple[str, str | None]]:
    return {(i.incentive, i.actor) for i in result[1]}


def test_ngo_distributor_gives_actor_null_unless_on_behalf_of_an_actor(real):
    text = ("وزعت الميليشيات الإيرانية 300 سلة غذائية في مدينة الميادين. "
            "ووزع الهلال الأحمر العربي السوري 120 سلة غذائية في بلدة البوكمال.")
    result = real(text)
    assert only_figure(result, 300).actor == "iran"
    ngo = only_figure(result, 120)
    assert (ngo.actor, ngo.actor_text, ngo.area) == (None, None, "SY-DY")
    assert codes(result) == {("food_aid", "iran"), ("food_aid", None)}
    behalf = real("وزعت جمعية خيرية في مدينة محردة 900 سلة غذائية مقدمة من مركز المصالحة الروسي.")
    assert only_figure(behalf, 900).actor == "russia"
    funded = real("صرفت الإدارة الذاتية مكافأة قدرها 75 دولاراً لكل مقاتل بتمويل من التحالف الدولي.")
    assert only_figure(funded, 75).actor == "sdf"


@pytest.mark.parametrize("text, value, category, measure", [
    ("أفاد ناشطون بأن 45 عنصراً انشقوا عن الفيلق الخامس في ريف درعا.", 45, "other", None),
    ("ما يزال نحو 1800 شاب متخلفين عن الخدمة في ريف درعا.", 1800, "other", None),
    ("عادوا إلى ريف درعا 70 عنصراً من الفيلق الخامس.", 70, "other", None),
    ("انضم 45 عنصراً إلى الفيلق الخامس في ريف درعا.", 45, "recruits", "flow"),
    ("قتل 45 عنصراً من الفيلق الخامس في ريف درعا.", 45, "casualties", None),
    ("جندت الميليشيات الإيرانية 150 منشقاً عن قوات النظام في الميادين.", 150, "recruits", "flow"),
    ("انضم إلى الميليشيات الإيرانية 300 شاب من المنشقين عن قوات النظام.", 300, "recruits", "flow"),
    ("انشق 45 عنصراً عن الفيلق الخامس، فيما انضم 30 آخرون إلى الفيلق.", 45, "other", None),
])
def test_people_who_leave_or_stay_out_are_other(real, text, value, category, measure):
    f = only_figure(real(text), value)
    assert (f.category, f.measure) == (category, measure)


@pytest.mark.parametrize("text, value, qualifier, low, high", [
    ("ولم يتعدَّ عدد عناصر النقطة 30 عنصراً.", 30, "at_most", None, 30),
    ("ويشترط ألا يقل عمر المتطوع عن 18 عاماً.", 18, "at_least", 18, None),
    ("ويشترط ألا يتجاوز عمر المتطوع 35 عاماً.", 35, "at_most", None, 35),
    ("ويُعرض على المتطوع راتب يصل إلى 1600 دولار.", 1600, "at_most", None, 1600),
    ("وصل إلى المدينة 1600 عنصر.", 1600, "exact", None, None),
    ("تقدم إليها ما يربو على 450 شاباً.", 450, "more_than", 450, None),
    ("فيما تقارب حصيلة المنتسبين منذ الربيع 900 عنصر.", 900, "approx", None, None),
    ("ويتقاضى عناصره رواتب تقارب 100 دولار شهرياً.", 100, "approx", None, None),
])
def test_more_qualifier_cues(real, text, value, qualifier, low, high):
    f = only_figure(real(text), value)
    assert (f.qualifier, f.value_min, f.value_max) == (qualifier, low, high)


@pytest.mark.parametrize("text, value, unit, category", [
    ("ونفذت الطائرات الروسية 40 غارة على مواقع داعش.", 40, "item", "other"),
    ("وزعت الميليشيات الإيرانية 350 كيساً من الدقيق.", 350, "item", "aid_amount"),
    ("ولم تتجاوز طلبات الإعفاء 2300 طلب.", 2300, "item", "other"),
    ("وعاد إلى البلاد 1480 لاجئاً من لبنان.", 1480, "person", "other"),
    ("وأنهت مؤسسة جهاد البناء ترميم مدرستين في المدينة.", 2, "item", "other"),
])
def test_more_unit_nouns(real, text, value, unit, category):
    f = only_figure(real(text), value)
    assert (f.unit, f.category) == (unit, category)


def test_new_incentive_cues(real):
    offer = real("تعرض الفرقة الرابعة على الشبان بطاقة تسهيل مرور على الحواجز، وإعفاءً من المراجعات الأمنية.")
    assert codes(offer) == {("security_settlement", "regime")}
    exemption = real("تعرض الفرقة الرابعة على الشبان الإعفاء من الخدمة الإلزامية.")
    assert codes(exemption) == {("conscription_exemption", "regime")}
    care = real("وزعت مؤسسة جهاد البناء الدقيق وافتتحت مركزاً يقدم العلاج المجاني للأهالي.")
    assert codes(care) == {("food_aid", "iran"), ("medical", "iran")}
    teams = real("وأوضح مركز المصالحة الروسي أن فرقه الطبية عاينت 640 مريضاً.")
    assert codes(teams) == {("medical", "russia")}
    assert only_figure(teams, 640).category == "aid_recipients"


def test_places_passed_through_or_returned_from_are_not_where_it_happens(real):
    crossing = real("أدخلت تركيا عبر معبر باب الهوى 2150 طن من الطحين إلى مخيمات النازحين في شمال غرب البلاد.")
    assert only_figure(crossing, 2150).area == "northwest"
    back = real("عاد إلى مدينة إعزاز 240 مقاتلاً من فصيل السلطان مراد بعد انتهاء عقودهم في ليبيا، "
                "بينما أرسلت أنقرة 180 مقاتلاً إلى طرابلس.")
    assert only_figure(back, 240).area == "SY-HL"
    assert only_figure(back, 180).area == "abroad"
    sent = real("نقلت أنقرة 300 مقاتل من عفرين إلى ليبيا.")
    assert only_figure(sent, 300).area == "abroad"


def test_dateline_and_displaced_origin_are_not_places(real):
    result = real("دمشق-سانا: أعلن مركز المصالحة الروسي أن 1480 لاجئاً عادوا إلى سوريا من لبنان.")
    f = only_figure(result, 1480)
    assert (f.area, f.regions) == ("national", [])
    plain = real("دمشق: وزعت القوات الروسية 500 سلة غذائية.")
    assert only_figure(plain, 500).area == "SY-DI"
    displaced = real("وزعت منظمة محلية في مدينة الرقة 400 سلة غذائية على عائلات نازحة من دير الزور.")
    assert only_figure(displaced, 400).area == "SY-RA"


def test_bare_organisation_and_coalition_name_their_actor(real):
    result = real("واستمر هجوم التنظيم قرابة ثلاث ساعات في البادية. وقال مسؤول إن التحالف يغطي 60 في المئة من الرواتب.")
    assert only_figure(result, 60).actor == "us_coalition"
    assert at_actor(real("قتل 9 من عناصر التنظيم في ريف حمص."), 9) == "isis"


def at_actor(result, value):
    return only_figure(result, value).actor


def test_volunteers_ready_to_go_are_a_standing_pool(real):
    f = only_figure(real("ورغم أن آلاف السوريين أبدوا استعدادهم للسفر، لم يغادر أحد."), 1000)
    assert (f.category, f.measure, f.qualifier) == ("recruits", "stock", "vague")
    g = only_figure(real("ويعيش آلاف السوريين في المخيمات."), 1000)
    assert g.category == "other"


def test_attacker_after_its_verb_is_not_the_actor_of_losses(real):
    text = ("قالت مصادر إن الفيلق الخامس يضم 900 عنصر في ريف حمص. "
            "وكان التشكيل قد خسر عنصرين من عناصره في هجوم شنه التنظيم قرب تدمر.")
    f = only_figure(real(text), 2)
    assert (f.category, f.actor) == ("casualties", "russia")
    named = real("قالت مصادر إن الفيلق الخامس يضم 900 عنصر في ريف حمص. "
                 "وكان التشكيل قد خسر عنصرين في هجوم لتنظيم الدولة قرب تدمر.")
    assert only_figure(named, 2).actor == "russia"
    doer = real("قالت مصادر إن الفيلق الخامس يضم 900 عنصر في ريف حمص. "
                "وقد شن تنظيم الدولة هجوماً استمر ساعتين قرب تدمر.")
    assert only_figure(doer, 2).actor == "isis"


def test_a_speakers_side_is_an_actor_not_a_setting(real):
    text = ("قررت قيادة التحالف الدولي رفع الرواتب في ريف دير الزور. "
            "وبحسب مصادر في الإدارة الذاتية فإن عدد المقاتلين يبلغ قرابة 12 ألف مقاتل.")
    assert only_figure(real(text), 12000).actor == "sdf"
    checkpoint = real("ويحصل المنتسب إلى الفيلق الخامس على بطاقة تحميه على حواجز الأمن العسكري ويتقاضى 200 دولار.")
    assert only_figure(checkpoint, 200).actor == "russia"


# --- round 2 (eval_72–86): arrests, residents, kin of the dead, funders, members, titles ---

@pytest.mark.parametrize("text, value, category, measure", [
    ("داهمت دورية لفرع الأمن العسكري بلدة نوى واعتقلت 9 شبان من أبنائها.", 9, "other", None),
    ("وأسفرت المداهمة عن اعتقال 6 من عناصر داعش في ريف دير الزور.", 6, "casualties", None),
    ("وأفرج المسلحون عن 3 عناصر من قوات النظام كانوا قد احتجزوهم.", 3, "casualties", None),
    ("واعتقلت قسد 45 شاباً في الحسكة لسوقهم إلى التجنيد الإجباري.", 45, "recruits", "flow"),
])
def test_arrested_people_are_other_and_captured_members_casualties(real, text, value, category, measure):
    f = only_figure(real(text), value)
    assert (f.category, f.measure) == (category, measure)


@pytest.mark.parametrize("text, value, category", [
    ("ويؤوي مخيم الركبان قرابة 8 آلاف شخص.", 8000, "other"),
    ("ويقيم في مخيمات المنطقة أكثر من 20 ألف نازح.", 20000, "other"),
    ("وعادت إلى بلدة كفرزيتا خلال الشهر 400 عائلة.", 400, "other"),
    ("وغادرت المخيم أمس 120 عائلة إلى ريف الرقة.", 120, "other"),
    ("ووزعت القوات الروسية سلالاً غذائية على 150 عائلة في المدينة.", 150, "aid_recipients"),
    ("ووزعت القوات الروسية سلالاً غذائية على 300 نازح في المدينة.", 300, "aid_recipients"),
    ("وصرفت مؤسسة جهاد البناء منحاً دراسية لـ 30 طالباً من أبناء القتلى.", 30, "aid_recipients"),
    ("وقتل في الهجوم 30 عنصراً من قوات النظام.", 30, "casualties"),
])
def test_residents_returnee_families_and_kin_of_the_dead(real, text, value, category):
    assert only_figure(real(text), value).category == category


def test_funder_of_an_ngo_is_not_the_giver(real):
    funded = real("وسلّمت جمعية خيرية، بتمويل من الحكومة التركية، 900 بطانية في ريف إدلب.")
    assert only_figure(funded, 900).actor is None
    assert codes(funded) == {("blankets_heating", None)}
    direct = real("ووزعت الحكومة التركية 900 بطانية في ريف إدلب.")
    assert codes(direct) == {("blankets_heating", "turkey")}


def test_a_members_force_after_in_is_its_actor(real):
    result = real("ويتقاضى المقاتل في الفيلق الخامس 200 دولار، بينما لا يتجاوز راتب نظيره في قوات النظام 50 دولاراً.")
    assert only_figure(result, 200).actor == "russia"
    assert only_figure(result, 50).actor == "regime"
    assert codes(result) == {("cash_salary", "russia"), ("cash_salary", "regime")}


def test_protection_from_an_actor_is_not_given_by_it(real):
    guarded = real("ويؤمّن حزب الله لعناصره حماية من دوريات الأمن العسكري.")
    assert codes(guarded) == {("protection", "iran")}
    given = real("وتؤمّن الفرقة الرابعة حماية للتجار في المنطقة.")
    assert codes(given) == {("protection", "regime")}


def test_main_place_can_be_abroad(real):
    body = ("افتتحت شركة فاغنر مكاتب في مدينة حمص لتسجيل الراغبين بالقتال في أوكرانيا.\n\n"
            "وقالت مصادر إن العقد يمتد سبعة أشهر مقابل 1100 دولار في الشهر.")
    abroad = real(body, title="متطوعون سوريون للقتال في أوكرانيا")
    assert (only_figure(abroad, 1100).area, only_figure(abroad, 1100).regions) == ("abroad", [])
    home = real(body, title="مكاتب تجنيد في حمص")
    assert only_figure(home, 1100).area == "SY-HI"


def test_generic_aid_quantified_by_baskets_is_food_and_ngo_after_it_gives(real):
    share = real("ولم تتجاوز حصة الأسرة من مساعدات الهلال الأحمر السوري 3 سلال خلال العام.")
    assert codes(share) == {("food_aid", None)}
    plain = real("وقدمت القوات الروسية مساعدات لـ 200 عائلة في المدينة.")
    assert codes(plain) == {("aid_unspecified", "russia")}


def test_generic_aid_in_title_drops_when_body_names_a_kind(real):
    named = real("جندت قسد 100 شاب في الرقة. ووزعت القوات الروسية 300 سلة غذائية في القنيطرة.",
                 title="تجنيد ومساعدات في مناطق النفوذ")
    assert codes(named) == {("food_aid", "russia")}
    unnamed = real("قدمت القوات الروسية الدعم لـ 300 عائلة في القنيطرة.", title="مساعدات روسية في القنيطرة")
    assert ("aid_unspecified", "russia") in codes(unnamed)


def test_round_two_lexicon_rows(real):
    ministry = real("وزعت وزارة الشؤون الاجتماعية والعمل 500 حصة من مواد التدفئة وبطانيتين لكل أسرة.")
    assert only_figure(ministry, 500).actor == "regime"
    assert only_figure(ministry, 2).unit == "item"
    assert codes(ministry) == {("blankets_heating", "regime")}
    cues = real("ويقدم أطباء الفيلق الخامس علاجاً مجانياً، مع تأجيل سوقهم إلى الخدمة وبطاقات مرور على الحواجز.")
    assert codes(cues) == {("medical", "russia"), ("conscription_exemption", "russia"),
                           ("security_settlement", "russia")}


# --- round 3: the complement of the verb, the counted noun's head, verb + object incentives ---------

def test_joining_a_course_is_not_enlisting_but_joining_a_force_is(real):
    course = real("افتتح المركز في مدينة حلب دورة لتعليم الخياطة التحق بها 40 طالباً.")
    assert (only_figure(course, 40).category, only_figure(course, 40).measure) == ("other", None)
    direct = real("التحق بالدورة الشرعية 25 طالباً في مدينة حلب.")
    assert only_figure(direct, 25).category == "other"
    force = real("التحق بها 60 شاباً بعد أن فتحت ميليشيا لواء الباقر باب الانتساب في حلب.")
    assert (only_figure(force, 60).category, only_figure(force, 60).measure) == ("recruits", "flow")


def test_students_are_other_unless_a_verb_says_what_they_receive(real):
    counted = real("ويقدر عدد الدارسين في المعهد بنحو 90 طالباً في مدينة دير الزور.")
    assert only_figure(counted, 90).category == "other"
    helped = real("واستفاد من برنامج الدعم 130 طالباً في مدينة دير الزور.")
    assert only_figure(helped, 130).category == "aid_recipients"


def test_pay_every_month_is_a_salary_whatever_the_noun(real):
    monthly = real("ويصرف التحالف الدولي لعناصر قسد في ريف دير الزور منحة قدرها 70 دولاراً كل شهر.")
    assert only_figure(monthly, 70).category == "salary"
    assert codes(monthly) == {("cash_salary", "us_coalition")}
    once = real("ويصرف التحالف الدولي لعناصر قسد في ريف دير الزور منحة قدرها 70 دولاراً عند التوقيع.")
    assert only_figure(once, 70).category == "reward"


def test_money_deducted_from_pay_is_other(real):
    result = real("ويتقاضى المقاتل في ليبيا 1300 دولار شهرياً، تقتطع منها قيادة الفصيل نحو 150 دولاراً.")
    assert only_figure(result, 150).category == "other"
    assert only_figure(result, 1300).category == "salary"


def test_killing_idiom_with_a_suffix_makes_casualties(real):
    result = real("لقي 8 من عناصر الدفاع الوطني مصرعهم بانفجار عبوة في ريف حمص.")
    killed = only_figure(result, 8)
    assert (killed.category, killed.unit, killed.actor) == ("casualties", "person", "regime")


def test_a_bare_number_of_people_takes_the_person_unit(real):
    result = real("قُتل 9 عناصر من الميليشيات الإيرانية، بينهم 2 من حزب الله، في ريف دير الزور.")
    assert only_figure(result, 2).unit == "person"
    no_people = real("وزعت القوات الروسية 300 سلة غذائية و40 من أصل 50 طناً في مدينة حماة.")
    assert only_figure(no_people, 40).unit is None


def test_the_wounded_share_the_place_of_the_dead(real):
    result = real("قُتل 11 عنصراً من الميليشيات الإيرانية، وأصيب 5 آخرون، جراء غارة قرب مدينة البوكمال.",
                  title="حصيلة في البادية")
    assert (only_figure(result, 11).area, only_figure(result, 11).regions) == ("SY-DY", ["SY-DY"])
    later = real("وزعت القوات الروسية 300 سلة غذائية، وتوزيع مماثل سيجري في مدينة البوكمال.",
                 title="مساعدات في حماة")
    assert only_figure(later, 300).area == "SY-HM"


def test_an_association_is_a_doer_with_no_code(real):
    result = real("وزعت القوات التركية 200 مدفأة في مخيم أطمة. وافتتحت جمعية قطرية مستوصفاً يعالج 90 مريضاً يومياً.")
    assert only_figure(result, 200).actor == "turkey"
    assert only_figure(result, 90).actor is None


def test_a_stated_affiliation_beats_the_lexicon_sponsor(real):
    stated = real("أعلنت الفرقة 25 مهام خاصة التابعة لقوات النظام قبول 300 متطوع في ريف حماة.")
    assert only_figure(stated, 300).actor == "regime"
    plain = real("أعلنت الفرقة 25 مهام خاصة قبول 300 متطوع في ريف حماة.")
    assert only_figure(plain, 300).actor == "russia"


def test_incentives_named_by_a_verb_and_its_object(real):
    deferral = real("ويؤجل المركز الأمني سوق المتطوعين إلى الخدمة الإلزامية في القامشلي.")
    assert codes(deferral) == {("conscription_exemption", None)}
    cards = real("ويمنح الحرس الثوري عناصره في الميادين بطاقات تمنع توقيفهم على الحواجز.")
    assert codes(cards) == {("security_settlement", "iran")}
    meals = real("ويقدم المركز الثقافي الإيراني للطلاب وجبة يومية مجانية في دير الزور.")
    assert codes(meals) == {("food_aid", "iran")}
    denied = real("ولم يؤجل المركز الأمني سوق أحد منهم في القامشلي.")
    assert codes(denied) == set()


def test_guarding_a_site_is_not_protection_offered(real):
    site = real("ويعمل عناصر قسد في حماية حقول النفط بريف دير الزور.")
    assert codes(site) == set()
    offered = real("ويؤمن لواء الباقر لعناصره حماية من دوريات الأمن العسكري في حلب.")
    assert codes(offered) == {("protection", "iran")}


def test_round_three_lexicon_inflections(real):
    result = real("وتدفع القوات الروسية لذوي القتلى تعويضاتهم، وتوزع قسائم غذائية وحليب الأطفال في درعا.")
    assert codes(result) == {("cash_reward", "russia"), ("food_aid", "russia")}
    outlet = real("كشفت شبكة السويداء 24 أن فاغنر جندت 120 شاباً.")
    assert [f.value for f in outlet[0]] == [120]


# --- round 4: who is counted, and by whom ------------------------------------------

def test_accused_of_serving_or_fought_against_is_not_the_actor(real):
    accused = real("احتجزت فرقة الحمزات 12 شاباً في بلدة جنديرس بتهمة التعاون مع قسد.")
    assert only_figure(accused, 12).actor == "turkey"
    fought = real("وأُصيب 9 عناصر في الاشتباكات مع تنظيم الدولة، ونقلهم الحرس الثوري إلى الميادين.")
    assert only_figure(fought, 9).actor != "isis"
    plain = real("وقتل تنظيم الدولة 9 رعاة في بادية الميادين.")
    assert only_figure(plain, 9).actor == "isis"


def test_the_side_that_wants_people_is_not_the_one_that_takes_them(real):
    result = real("استوعب الفيلق الخامس 45 شاباً من المطلوبين لأفرع النظام الأمنية، "
                  "بعد أن وعدهم بإعفائهم من الخدمة الإلزامية في درعا.")
    assert only_figure(result, 45).actor == "russia"
    assert codes(result) == {("conscription_exemption", "russia")}


def test_the_ranks_joined_beat_the_force_left(real):
    moved = real("وانتقل 60 عنصراً من ميليشيا الدفاع الوطني إلى صفوف الحرس الثوري في البوكمال.")
    assert (only_figure(moved, 60).actor, only_figure(moved, 60).category,
            only_figure(moved, 60).measure) == ("iran", "recruits", "flow")
    stayed = real("وقُتل 60 عنصراً من ميليشيا الدفاع الوطني في البوكمال.")
    assert only_figure(stayed, 60).actor == "regime"


def test_a_partner_named_after_the_figure_is_not_its_actor(real):
    result = real("نفذت الأسايش حملة في الرقة استمرت 10 أيام بمشاركة قوات التحالف الدولي.")
    assert only_figure(result, 10).actor == "sdf"


def test_a_refusal_keeps_people_out_of_the_recruits(real):
    refused = real("ورفض قرابة 200 شاب من أبناء بلدة نوى الالتحاق بالفرقة الرابعة.")
    assert (only_figure(refused, 200).category, only_figure(refused, 200).measure) == ("other", None)
    joined = real("والتحق قرابة 200 شاب من أبناء بلدة نوى بالفرقة الرابعة.")
    assert only_figure(joined, 200).category == "recruits"


def test_taking_in_evaders_makes_them_recruits(real):
    taken = real("وضمت الفرقة الرابعة 80 شاباً من المتخلفين عن الخدمة في ريف درعا.")
    assert only_figure(taken, 80).category == "recruits"
    counted = real("ويقدر عدد المتخلفين عن الخدمة في ريف درعا بنحو 80 شاباً.")
    assert only_figure(counted, 80).category == "other"


def test_members_seized_are_casualties_and_a_part_among_them_shares_it(real):
    result = real("وأسفرت الحملة عن القبض على 14 عنصراً من خلايا داعش في الهول، بينهم 4 قياديين.")
    assert (only_figure(result, 14).category, only_figure(result, 14).actor) == ("casualties", "isis")
    assert (only_figure(result, 4).category, only_figure(result, 4).actor) == ("casualties", "isis")
    civilians = real("واعتقلت قسد 14 مدنياً في الهول، بينهم 4 نساء.")
    assert (only_figure(civilians, 14).category, only_figure(civilians, 4).category) == ("other", "other")
    assert only_figure(civilians, 4).actor == "sdf"


def test_a_price_or_a_smuggling_fee_is_not_pay(real):
    fee = real("واعتقل الأمن العسكري مهرباً يتقاضى مقابل تهريب الشبان مبالغ بين 900 و1200 دولار في حمص.")
    assert only_figure(fee, 900).category == "other"
    assert codes(fee) == set()
    price = real("ولا يتعدى راتب العنصر في الدفاع الوطني 110 آلاف ليرة، بينما بلغ سعر كيس الطحين 90 ألف ليرة في جبلة.")
    assert only_figure(price, 110000).category == "salary"
    assert only_figure(price, 90000).category == "other"
    reward = real("ويمنح الدفاع الوطني كل متطوع مبلغ 500 ألف ليرة عند التوقيع في جبلة.")
    assert only_figure(reward, 500000).category == "reward"


def test_others_and_their_count_are_people(real):
    result = real("وقُتل 3 من مقاتلي الحمزات في ليبيا، بينما عاد 25 آخرون إلى عفرين.")
    back = only_figure(result, 25)
    assert (back.unit, back.category) == ("person", "other")


def test_round_four_lexicon_rows(real):
    pursuit = real("وعرضت الفرقة الرابعة على المنتسبين وقف ملاحقتهم أمنياً في طفس.")
    assert codes(pursuit) == {("security_settlement", "regime")}
    treatment = real("ويتلقى الجرحى العلاج في مشفى البوكمال على نفقة الحرس الثوري.")
    assert codes(treatment) == {("medical", "iran")}
    ngo = real("وزعت هيئة الإغاثة الإنسانية التركية 900 بطانية في مدينة أعزاز.")
    assert only_figure(ngo, 900).actor is None
    reserve = real("ويعد الدفاع الوطني المنتسبين بشطب أسمائهم من قوائم المطلوبين للاحتياط في القرداحة.")
    assert codes(reserve) == {("conscription_exemption", "regime")}
    bound = real("ويمكن للمطلوبين مراجعة المركز في حمص خلال مدة أقصاها 20 يوماً.")
    assert (only_figure(bound, 20).qualifier, only_figure(bound, 20).value_max) == ("at_most", 20)


def test_a_governorate_handing_out_aid_is_the_state(real):
    given = real("وزعت محافظة حمص 700 سلة غذائية على الأسر العائدة إلى تلبيسة.")
    assert only_figure(given, 700).actor == "regime"
    assert codes(given) == {("food_aid", "regime")}
    place = real("ووزعت جمعية خيرية في محافظة حمص 700 سلة غذائية على الأسر العائدة.")
    assert only_figure(place, 700).actor is None
    assert only_figure(place, 700).regions == ["SY-HI"]


def test_an_outlet_named_with_a_number_is_not_a_figure(real):
    outlet = real("أفاد مراسل درعا 24 بأن اللواء الثامن ضم 35 شاباً.")
    assert [f.value for f in outlet[0]] == [35]
    counted = real("وصل إلى درعا 24 عنصراً من الفرقة الرابعة.")
    assert [f.value for f in counted[0]] == [24]


def test_camp_residents_and_leavers_are_other_and_services_make_recipients(real):
    camp = real("وقالت إدارة مخيم الهول إن عدد قاطنيه بلغ 48 ألف شخص بعد خروج 90 عائلة منه.")
    assert (only_figure(camp, 48000).category, only_figure(camp, 90).category) == ("other", "other")
    served = real("وتقدم منظمة دولية خدمات تعليمية لـ 3 آلاف طفل في مخيم الهول.")
    assert only_figure(served, 3000).category == "aid_recipients"
    given = real("ووزعت منظمة دولية سلالاً غذائية على 90 عائلة في مخيم الهول.")
    assert only_figure(given, 90).category == "aid_recipients"


# --- round 5 rules ----------------------------------------------------------------


def test_a_governorate_gives_with_its_recipients_named_between(real):
    given = real("وقدمت لهم محافظة حمص بالتعاون مع الهلال الأحمر 400 سلة غذائية في تلكلخ.")
    assert only_figure(given, 400).actor == "regime"
    assert codes(given) == {("food_aid", "regime")}
    partner = real("ووزع الهلال الأحمر بالتعاون مع القوات الروسية 400 سلة غذائية في تلكلخ.")
    assert only_figure(partner, 400).actor is None


def test_a_border_is_not_the_whole_country_nor_its_neighbour_an_actor(real):
    border = real("ووصل إلى معبر جوسية على الحدود السورية اللبنانية 230 مواطناً.")
    assert (only_figure(border, 230).area, only_figure(border, 230).regions) == ("SY-HI", ["SY-HI"])
    country = real("ووصل إلى سوريا 230 مواطناً.")
    assert only_figure(country, 230).area == "national"
    crossing = real("عبرت من معبر باب الهوى الحدودي مع تركيا قافلة تضم 38 شاحنة إلى مخيمات ريفي إدلب وحلب.")
    assert (only_figure(crossing, 38).actor, only_figure(crossing, 38).regions) == (None, ["SY-HL", "SY-ID"])
    sent = real("وأرسلت تركيا 38 شاحنة إلى مخيمات ريف إدلب.")
    assert only_figure(sent, 38).actor == "turkey"


def test_a_place_abroad_people_only_meant_to_reach_is_not_the_records_place(real):
    meant = real("واعتقل الأمن العسكري 25 شاباً في بلدة الشيخ مسكين أثناء توجههم إلى الحدود بقصد السفر إلى ليبيا.")
    assert (only_figure(meant, 25).area, only_figure(meant, 25).regions) == ("SY-DR", ["SY-DR"])
    sent = real("ونقلت الشركة 25 شاباً من بلدة الشيخ مسكين إلى ليبيا.")
    assert only_figure(sent, 25).area == "abroad"


def test_a_place_people_are_taken_deep_into_is_a_destination(real):
    taken = real("هاجم داعش موقعاً قرب السخنة، وقتل 6 عناصر واقتادهم نحو عمق البادية.")
    assert only_figure(taken, 6).area == "SY-HI"
    held = real("هاجم داعش موقعاً قرب السخنة، وقتل 6 عناصر في عمق البادية.")
    assert only_figure(held, 6).area == "badia"


def test_the_owner_named_through_an_affiliation_after_the_figure(real):
    cell = real("واعتقلت قسد 9 عناصر من خلية تابعة لتنظيم داعش في الهول.")
    assert (only_figure(cell, 9).category, only_figure(cell, 9).actor) == ("casualties", "isis")
    guards = real("وخطف مسلحو داعش حارسين من حراس المخيم التابعين لقسد في الهول.")
    assert (only_figure(guards, 2).unit, only_figure(guards, 2).category, only_figure(guards, 2).actor) == (
        "person", "casualties", "sdf")
    civilians = real("واعتقلت قسد 9 مدنيين في الهول.")
    assert (only_figure(civilians, 9).category, only_figure(civilians, 9).actor) == ("other", "sdf")


def test_a_captor_named_as_subject_is_not_the_captives_actor(real):
    captured = real("هاجمت خلايا داعش موقعاً لقوات النظام قرب السخنة، أسر خلاله التنظيم 3 جنود.")
    assert (only_figure(captured, 3).category, only_figure(captured, 3).actor) == ("casualties", "regime")
    killed = real("هاجمت خلايا داعش موقعاً لقوات النظام قرب السخنة، وخسر خلاله التنظيم 3 عناصر.")
    assert only_figure(killed, 3).actor == "isis"


def test_the_second_amount_of_a_change_takes_the_first_ones_unit(real):
    raised = real("ورفعت قسد رواتب عناصرها من 1.2 مليون ليرة سورية إلى 1.8 مليون، في الحسكة.")
    assert (only_figure(raised, 1800000).unit, only_figure(raised, 1800000).category) == ("syp", "salary")
    before = real("ورفع الحرس الثوري المنحة الشهرية إلى 500 ألف ليرة سورية، بعد أن كانت 200 ألف، في دمشق.")
    assert (only_figure(before, 200000).unit, only_figure(before, 200000).category) == ("syp", "salary")
    counted = real("ورفعت قسد رواتب عناصرها إلى 1.8 مليون ليرة ونقلت 40 عنصراً إلى 3 مواقع في الحسكة.")
    assert only_figure(counted, 3).unit != "syp"


def test_people_arrested_then_driven_to_service_are_recruits(real):
    driven = real("واعتقلت الشرطة العسكرية 47 شاباً في يبرود، وساقتهم إلى مراكز التجنيد.")
    assert (only_figure(driven, 47).category, only_figure(driven, 47).measure) == ("recruits", "flow")
    released = real("واعتقلت الشرطة العسكرية 47 شاباً في يبرود، وأفرجت عنهم بعد يومين.")
    assert only_figure(released, 47).category == "other"


def test_a_cash_substitute_for_service_is_a_fee_and_cancelling_the_reserve_an_exemption(real):
    fee = real("وأعلنت شعبة التجنيد أنها ستلغي طلبات الاحتياط عن كل من يدفع بدلاً نقدياً قدره 4800 دولار في يبرود.")
    assert only_figure(fee, 4800).category == "other"
    assert codes(fee) == {("conscription_exemption", "regime")}
    cancelled = real("وأعلن الفيلق الخامس أنه سيلغي طلبات الاحتياط عن المنتسبين في درعا.")
    assert codes(cancelled) == {("conscription_exemption", "russia")}
    rent = real("وتقدم جمعية البستان لكل عائلة مبلغاً قدره 300 ألف ليرة بدل إيجار في حلب.")
    assert only_figure(rent, 300000).category != "other"   # `بدل` after the money: not a fee
    kept = real("وأعلنت شعبة التجنيد أنها ستنظر في طلبات الاحتياط في يبرود.")
    assert all(i.incentive != "conscription_exemption" for i in kept[1])


def test_round_five_lexicon_rows(real):
    residents = real("ووزعت آفاد الطحين في مخيمات أطمة، حيث يعيش أكثر من 200 ألف نازح.")
    assert only_figure(residents, 200000).category == "other"
    on_aid = real("ويعيش آلاف السوريين في أطمة على المساعدات التي يوزعها الهلال الأحمر.")
    assert only_figure(on_aid, 1000).category == "aid_recipients"
    centre = real("ووزع مركز حميميم الروسي للمصالحة 7 أطنان من المواد الغذائية في بلدة حطلة بريف دير الزور.")
    assert (only_figure(centre, 7).actor, only_figure(centre, 7).regions) == ("russia", ["SY-DY"])
    boys = real("وجندت داعش قرابة 40 فتى في الهول.")
    assert only_figure(boys, 40).unit == "person"


def test_the_cell_named_before_gives_its_actor_to_a_later_sentence(real):
    text = ("وأعلنت قسد أن الأسايش اعتقلت 9 عناصر من خلية تابعة لتنظيم داعش في الهول.\n\n"
            "وأوضح البيان أن الخلية جندت قرابة 40 فتى في المخيم.")
    assert only_figure(real(text), 40).actor == "isis"
    unnamed = ("وأعلنت قسد أن الأسايش اعتقلت 9 عناصر من خلية نائمة في الهول.\n\n"
               "وأوضح البيان أن الخلية جندت قرابة 40 فتى في المخيم.")
    assert only_figure(real(unnamed), 40).actor == "sdf"   # no actor after the cell: the report's


# --- round 6 rules ----------------------------------------------------------------


def test_a_bare_head_noun_refers_back_to_the_force_named_with_it(real):
    text = ("اشتبك مقاتلون من اللواء الثامن مع مجموعة تتبع للأمن العسكري في بلدة النعيمة.\n\n"
            "وأسفرت الاشتباكات عن مقتل 4 من عناصر اللواء، فيما قُتل 3 من مسلحي المجموعة.")
    result = real(text)
    assert (only_figure(result, 4).actor, only_figure(result, 3).actor) == ("russia", "regime")
    militia = real("خرجت ميليشيا الدفاع الوطني دورة في الميادين بإشراف الحرس الثوري. "
                   "وقالت مصادر إن الميليشيا وعدت كل متخرج بمبلغ 300 ألف ليرة شهرياً.")
    assert only_figure(militia, 300000).actor == "regime"
    plain = real("اشتبك مقاتلون من اللواء الثامن مع مجموعة تتبع للأمن العسكري في بلدة النعيمة. "
                 "وأسفرت الاشتباكات عن مقتل 4 من المدنيين.")
    assert only_figure(plain, 4).actor == "regime"   # no head noun: the last actor named carries


def test_a_part_referred_to_as_of_these_shares_the_groups_kind(real):
    text = "جمع فصيل السلطان مراد نحو 350 مقاتلاً في إعزاز. ونقل الفصيل 120 من هؤلاء إلى ليبيا."
    part = only_figure(real(text), 120)
    assert (part.unit, part.category, part.measure, part.area) == ("person", "recruits", "flow", "abroad")
    counted = real("اعتقلت الشرطة 35 مدنياً في إعزاز. وأفرجت عن 20 من هؤلاء بعد يومين.")
    assert (only_figure(counted, 20).unit, only_figure(counted, 20).category) == ("person", "other")


def test_graduating_gathering_and_sending_in_are_flows(real):
    graduated = real("خرّجت ميليشيا الدفاع الوطني يوم الخميس 180 مقاتلاً في الميادين.")
    assert only_figure(graduated, 180).measure == "flow"
    gathered = real("وجمع فصيل السلطان مراد نحو 350 مقاتلاً في معسكر قرب إعزاز.")
    assert only_figure(gathered, 350).measure == "flow"
    paraded = real("وشارك 40 عنصراً من الفيلق الخامس في الاستعراض.")
    assert only_figure(paraded, 40).measure is None


def test_a_per_head_sum_is_a_reward(real):
    each = real("وجندت داعش قرابة 40 فتى في الهول مقابل 100 دولار للواحد.")
    assert only_figure(each, 100).category == "reward"
    assert ("cash_reward", "isis") in codes(each)
    per_fighter = real("ويحصل قادة فصيل السلطان مراد على 200 دولار عن كل مقاتل يجلبونه في إعزاز.")
    assert only_figure(per_fighter, 200).category == "reward"
    monthly = real("ويتقاضى مقاتل فصيل السلطان مراد 200 دولار شهرياً في إعزاز.")
    assert only_figure(monthly, 200).category == "salary"


def test_a_supporter_and_a_suspected_affiliation_are_not_the_doer(real):
    text = "وشنت قسد حملة بدعم من طيران التحالف الدولي، اعتقلت خلالها 23 مشتبهاً بالانتماء إلى التنظيم في الرقة."
    assert (only_figure(real(text), 23).actor, only_figure(real(text), 23).unit) == ("sdf", "person")
    joined = real("وانضم 23 شاباً إلى التنظيم في الرقة.")
    assert only_figure(joined, 23).actor == "isis"


def test_held_members_are_casualties_and_an_exemption_from_the_call_up_an_incentive(real):
    held = real("وردّ مسلحون محليون باحتجاز 8 عناصر من حاجز المخابرات الجوية في شهبا.")
    assert only_figure(held, 8).category == "casualties"
    exempt = real("وأعلنت الإدارة الذاتية أنها أعفت 260 طالباً جامعياً من الاستدعاء في الحسكة.")
    assert codes(exempt) == {("conscription_exemption", "sdf")}
    dismissed = real("وأعلنت الإدارة الذاتية أنها أعفت 3 مسؤولين من مناصبهم في الحسكة.")
    assert codes(dismissed) == set()


def test_a_part_of_them_after_its_noun_shares_the_group(real):
    text = "وزعت جهاد البناء سلالاً في ريف حلب، واستفادت منها نحو 850 عائلة، وإن 40 عائلة منها عادت مؤخراً."
    assert only_figure(real(text), 40).category == "aid_recipients"
    apart = real("وزعت جهاد البناء سلالاً في ريف حلب، واستفادت منها نحو 850 عائلة، وعادت 40 عائلة إلى القرية.")
    assert only_figure(apart, 40).category == "other"   # returnees, not said to be among them


def test_a_destination_abroad_carries_to_the_next_sentence(real):
    text = ("نقلت طائرات روسية من قاعدة حميميم نحو 200 مقاتل إلى جمهورية أفريقيا الوسطى بعد أن جمعتهم فاغنر من جبلة وبانياس. "
            "ووقّع المقاتلون عقوداً براتب 1200 دولار شهرياً.")
    assert (only_figure(real(text), 1200).area, only_figure(real(text), 1200).regions) == ("abroad", [])
    home = ("جمعت فاغنر نحو 200 مقاتل من جبلة وبانياس. "
            "ووقّع المقاتلون عقوداً براتب 1200 دولار شهرياً.")
    assert only_figure(real(home), 1200).area == "SY-LA"   # no place abroad: the last place carries


# --- basis and confidence ----------------------------------------------------------------

def test_basis_is_frame_for_a_figure_read_wholly_from_its_clause(real):
    figure = only_figure(real("جنّد الحرس الثوري الإيراني 300 شاب في مدينة البوكمال."), 300)
    assert figure.basis == {"category": "frame", "unit": "frame", "measure": "frame",
                            "actor": "frame", "regions": "frame"}
    assert figure.confidence == 1.0


def test_basis_says_what_was_carried_from_the_paragraph_and_the_report(real):
    text = ("أعلن الحرس الثوري الإيراني فتح باب التطوع في مدينة البوكمال. "
            "وبلغ عدد المنتسبين 500 شاب.\n"
            "ويتقاضى كل متطوع 100 دولار شهرياً.")
    result = real(text)
    carried = only_figure(result, 500)
    assert (carried.actor, carried.basis["actor"], carried.basis["regions"]) == ("iran", "paragraph", "paragraph")
    assert carried.confidence == round(0.75 * 0.75, 3)
    pay = only_figure(result, 100)
    assert (pay.basis["actor"], pay.basis["regions"], pay.basis["measure"]) == ("report_default", "report_default", None)
    assert pay.confidence == round(0.6 * 0.6, 3)
    salary = [i for i in result[1] if i.figure_id == pay.id]
    assert salary and set(salary[0].basis) == {"incentive", "actor", "regions"}


def test_basis_is_clause_for_a_place_across_a_comma(real):
    figure = only_figure(real("في ريف دير الزور الشرقي، جند الحرس الثوري الإيراني 300 شاب."), 300)
    assert (figure.regions, figure.basis["regions"], figure.basis["actor"]) == (["SY-DY"], "clause", "frame")
    assert figure.confidence == 0.9


def test_csv_writes_basis_as_a_json_object(corpus, tmp_path):
    out = tmp_path / "records.csv"
    assert main([str(corpus), "--format", "csv", "--out", str(out)]) == 0
    import csv as csv_module
    rows = list(csv_module.DictReader(out.open(encoding="utf-8")))
    basis = json.loads(rows[0]["basis"])
    assert set(basis) == {"category", "unit", "measure", "actor", "regions"}
    assert 0 < float(rows[0]["confidence"]) <= 1


# --- frames: the clause decides the measure -----------------------------------------------

def test_so_far_makes_an_enlisting_verb_a_running_total(real):
    text = "وتمكنت الشركة حتى الآن من تجنيد نحو 2000 مرتزق من حمص وحدها."
    figure = only_figure(real(text), 2000)
    assert (figure.category, figure.measure, figure.basis["measure"]) == ("recruits", "stock", "frame")


def test_a_recent_window_makes_a_count_the_windows_arrivals(real):
    text = "وقال المصدر إن عدد المتطوعين وصل خلال الأسبوع المنصرم إلى 20 عنصراً في مدينة البوكمال."
    assert only_figure(real(text), 20).measure == "flow"


def test_a_payroll_counts_the_force_on_it(real):
    text = "وكشف التقرير أن إيران تؤمّن كل شهر رواتب 86 ألف مقاتل في سوريا."
    figure = only_figure(real(text), 86000)
    assert (figure.category, figure.measure) == ("recruits", "stock")


def test_thousands_enlisted_with_no_time_span_are_a_total_but_not_with_one(real):
    assert only_figure(real("وقد جندت إيران لصالحها ما يقارب 18 ألف عنصر في سوريا."), 18000).measure == "stock"
    text = "وقد جندت إيران لصالحها ما يقارب 18 ألف عنصر في سوريا خلال العام الماضي."
    assert only_figure(real(text), 18000).measure == "flow"


def test_a_batch_word_counts_only_for_its_own_number(real):
    text = "انضم ألف مقاتل جديد إلى صفوف فرقة الحمزة في ريف حلب."
    assert only_figure(real(text), 1000).measure == "flow"


def test_a_title_reads_as_the_body_figure_of_the_same_value(real):
    result = real("وتمكنت الشركة حتى الآن من تجنيد نحو 2000 مرتزق من حمص.",
                  title="فاغنر تجنّد نحو 2000 مرتزق من حمص")
    title, body = sorted((f for f in result[0] if f.value == 2000), key=lambda f: f.start)
    assert (title.measure, title.basis["measure"]) == ("stock", "paragraph")
    assert body.measure == "stock"


def test_a_bare_number_up_to_another_is_a_range(real):
    figure = only_figure(real("إذ تُعرض عليهم رواتب تبلغ /1000 إلى 1500/ دولار شهرياً."), 1000)
    assert (figure.qualifier, figure.value_min, figure.value_max, figure.unit) == ("range", 1000, 1500, "usd")
    age = only_figure(real("ممن تتراوح أعمارهم بين 30 حتى 40 عاماً."), 30)
    assert (age.qualifier, age.value_max, age.unit) == ("range", 40, "year")


def test_places_joined_by_or_are_one_phrase_over_both(real):
    text = "وجرى تجنيد 320 فرداً من الجنوب الغربي، والمقصود على ما يبدو درعا أو القنيطرة."
    assert only_figure(real(text), 320).regions == ["SY-DR", "SY-QU"]


# --- incentives read as offers ------------------------------------------------------------

def test_a_nationality_held_is_not_citizenship_offered(real):
    text = "تطوع نحو 5400 عنصر من حملة الجنسية السورية في ميليشيات موالية للحرس الثوري الإيراني."
    assert not any(code == "citizenship" for code, _ in codes(real(text)))


def test_a_settlement_described_is_not_an_offer_but_one_promised_is(real):
    described = "وكانت مجموعة من مقاتلي التسويات قد انضمت قبل أشهر إلى الفرقة الرابعة في ريف دمشق."
    assert not any(code == "security_settlement" for code, _ in codes(real(described)))
    promised = "وتعهدت الفرقة الرابعة بتسوية أوضاع الشبان المنضمين إليها في ريف دمشق."
    assert ("security_settlement", "regime") in codes(real(promised))


def test_money_as_the_lure_is_a_reward(real):
    text = "وتعتمد الميليشيات الإيرانية في ذلك على المال في ريف دير الزور."
    assert ("cash_reward", "iran") in codes(real(text))
    assert ("cash_reward", "iran") in codes(real("ويعتمد الحرس الثوري الإيراني على الإغراء المالي لتجنيد الشبان."))


def test_a_bare_party_refers_to_the_party_named_before(real):
    text = ("افتتح حزب الله اللبناني مكتباً للتطوع في القلمون. "
            "وتبدأ خطة الحزب بتجنيد الشاب لقاء مبلغ شهري قدره 500 دولار أمريكي.")
    assert only_figure(real(text), 500).actor == "iran"


def test_a_count_since_a_start_is_arrivals_unless_a_rising_total(real):
    text = "وأوضحت المصادر أن عدد المجندين في صفوف حزب الله منذ بداية العام تخطى 1500 شاب."
    assert only_figure(real(text), 1500).measure == "flow"
    text = "ليرتفع عدد السوريين المنضوين في لواء فاطميون منذ مطلع العام إلى 1650 عنصراً."
    assert only_figure(real(text), 1650).measure == "stock"


def test_tasked_and_future_recruiting_is_a_target(real):
    assert only_figure(real("كلّفت روسيا مكاتب الفيلق الخامس بتجنيد 300 شاب من درعا."), 300).measure == "target"
    assert only_figure(real("وستجنّد مكاتب الفيلق الخامس 650 شاباً خلال أسبوعين."), 650).measure == "target"


def test_a_total_over_the_two_regions_is_one_record_over_both(real):
    text = ("ارتفع عدد المتطوعين في صفوف الإيرانيين في الجنوب السوري إلى 3500، كما ارتفع إلى نحو 2200 "
            "عدد الشبان الذين جرى تجنيدهم في غرب نهر الفرات بريف دير الزور. "
            "وبذلك يرتفع عدد المتطوعين في المنطقتين إلى 5700.")
    result = real(text)
    south, west, both = only_figure(result, 3500), only_figure(result, 2200), only_figure(result, 5700)
    assert (south.area, west.area) == ("south", "west_euphrates")
    assert west.unit == "person"   # `2200 عدد الشبان`: the counted noun after the number
    assert (both.area, both.regions) == ("south+west_euphrates", ["SY-DR", "SY-DY", "SY-QU", "SY-SU"])
    assert (both.measure, both.basis["regions"]) == ("stock", "paragraph")


def test_a_bare_sum_under_a_contract_is_a_salary_and_a_named_reward_stays(real):
    text = "وبحسب المصادر، تمتد العقود ثلاثة أشهر لقاء مبلغ قدره 3000 دولار أمريكي يدفعه الروس."
    assert only_figure(real(text), 3000).category == "salary"
    text = ("وتقدّم تركيا للمرتزقة راتباً شهرياً بموجب عقد مدته 6 أشهر، كما يحصل المرتزق في حال إصابته "
            "على مبلغ قد يصل إلى 35 ألف ليرة تركية، وتحصل عائلته على مكافأة.")
    assert only_figure(real(text), 35000).category == "reward"


def test_the_object_of_fighting_is_not_the_doer(real):
    text = "خصصت الولايات المتحدة الأمريكية مبلغ 177 مليون دولار للوحدات التي تقاتل تنظيم داعش في سوريا."
    assert only_figure(real(text), 177_000_000).actor == "us_coalition"


def test_joining_a_settlement_is_not_enlisting_and_aircraft_are_counted(real):
    text = "وأكدت اللجان أن 3553 مطلوباً انضموا إلى التسوية الجارية في مركز بلدة السبخة شرقي الرقة."
    assert only_figure(real(text), 3553).category == "other"
    text = "وقال القنصل الإيراني في حلب إن 13 طائرة إيرانية محملة بالمساعدات وصلت إلى المدينة."
    assert only_figure(real(text), 13).unit == "vehicle"
