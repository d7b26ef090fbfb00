"""Integrity of dev round 17 (tests/eval/round17/): 20 close paraphrases of real published
Arabic reports, a mixed desk week (settlements, checkpoint arrests, fighters sent to
Azerbaijan, Libya and Ukraine, Turkish-backed and Kurdish forces' pay and courses, IRGC pay
and graduates in Mayadin, Russian and Iranian aid, a Russian youth camp, an ISIS ambush),
labelled blind. Checks (from heldout_checks.py): gold figures located at text/occurrence
with the value their digits spell, contract codes, planted non-figures unlabelled, one
incentive per (report, incentive, actor), no sentence shared with the tuning set; and the
round's own spread of measures, actors, currencies, incentives, outlets and places. The
round16 test is not parametrised, so this one follows its shape for round 17. It never runs
the extractor."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND17 = ROOT / "tests" / "eval" / "round17"
REPORT_COUNT = 20

# A real-world form the digit reader of heldout_checks spells as a decimal: `1.946 شخصاً`
# (state media's dot as a thousands separator), which a careful analyst reads as 1946.
DOTTED_THOUSANDS = {("r17_02", "1.946"): 1946}

# Numbers in the real reports that a careful analyst does not label: datelines, dates and
# times (two in Persian digits), years and decades, a story number, an image file name of
# digits, an aircraft model, unit names, ranks and ordinals, duals that name their members,
# singulars and a fraction.
NEGATIVES = {
    "r17_01": ["ثاني أيام"],
    "r17_03": ["الرجلين", "عضوان", "أحدهما"],
    "r17_04": ["نصف الراتب"],
    "r17_08": ["الشهيدين", "اختصاصين", "دقيقة صمت"],
    "r17_09": ["2019", "تشرين الأول 2022", "الفيلق الثالث"],
    "r17_10": ["الـ 9 من شباط", "عمليتي", "اليوم الواحد", "كتلة ثانية"],
    "r17_11": ["21 أيلول"],
    "r17_13": ["البلدين"],
    "r17_14": ["2022/03/15", "15:40", "24 فبراير"],
    "r17_16": ["إيل 76", "۰۷ ستمبر ۲۰۱۸", "۱۰:۳۷", "۲۷۸۳۸"],
    "r17_17": ["مجموعتين", "شهر واحد"],
    "r17_18": ["الفرقة 17", "الفرقة 18", "الفرقة 25", "ملازم أول"],
    "r17_20": ["12046797_1684263351714913_1926871661694502571_n", "العام 2013", "تسعينيات"],
}


@pytest.fixture(scope="module")
def round17():
    return load_set(ROUND17)


def figures(gold: list[dict]) -> list[dict]:
    return [g for g in gold if g["type"] == "figure"]


def test_every_gold_record_is_located_and_uses_contract_codes(round17):
    assert gold_problems(*round17) == []


def test_reports_are_20_reports_of_120_to_400_words_with_headers(round17):
    assert shape_problems(*round17, "r17", REPORT_COUNT, (120, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round17):
    reports, gold = round17
    dotted = [g for g in figures(gold) if (g["report_id"], g["text"]) in DOTTED_THOUSANDS]
    assert [(g["report_id"], g["text"], g["value"]) for g in dotted] == [
        (report_id, text, value) for (report_id, text), value in DOTTED_THOUSANDS.items()]
    problems, checked = digit_value_problems(reports, [g for g in gold if g not in dotted])
    assert problems == []
    assert checked >= 40


def test_planted_non_figures_are_not_labelled(round17):
    assert labelled_negatives(*round17, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round17):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round17[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_recruit_counts_exercise_every_measure(round17):
    """Standing sizes, new batches and arrests, and wanted or planned numbers all occur."""
    measures = Counter(g["measure"] for g in figures(round17[1]) if g["category"] == "recruits")
    assert measures["stock"] >= 5 and measures["flow"] >= 10 and measures["target"] >= 5


def test_five_actors_have_figures_and_money_comes_in_four_currencies(round17):
    actors = Counter(g["actor"] for g in figures(round17[1]))
    assert all(actors[a] >= 2 for a in ("russia", "iran", "turkey", "regime", "sdf"))
    units = Counter(g["unit"] for g in figures(round17[1]) if g["category"] in ("salary", "other"))
    assert units["usd"] >= 5 and units["try"] >= 3 and units["eur"] >= 1 and units["syp"] >= 1


def test_incentives_cover_goods_money_and_status(round17):
    incentives = Counter(g["incentive"] for g in round17[1] if g["type"] == "incentive")
    assert len(incentives) >= 10
    assert incentives["cash_salary"] >= 5 and incentives["security_settlement"] >= 3


def test_outlets_include_kurdish_iranian_and_state_media(round17):
    sources = {r.source for r in round17[0].values()}
    assert len(sources) >= 12
    for kind in ("كردي", "إيرانية", "رسمية"):
        assert any(kind in s for s in sources), kind


def test_places_span_governorates_macro_areas_and_abroad(round17):
    gold = round17[1]
    governorates = Counter(r for g in gold for r in g["regions"])
    assert all(governorates[code] >= 3 for code in ("SY-DY", "SY-HL", "SY-DR", "SY-RD"))
    areas = Counter(g["area"] for g in gold)
    assert areas["abroad"] >= 10 and areas["national"] >= 3 and areas["euphrates_shield"] >= 1


def test_no_sentence_is_shared_with_the_tuning_set(round17):
    assert sentences_shared_with_tuning_set(round17[0]) == []
