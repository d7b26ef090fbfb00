"""Integrity of dev round 19 (tests/eval/round19/): 20 close paraphrases of real published
Arabic reports, mostly from monitoring groups and opposition or local networks (SOHR bulletins,
Deir ez-Zor, Raqqa and Damascus local outlets, Syrian opposition sites), on Russian recruiting
for Libya and the Fifth Corps, Turkish-backed fighters in Azerbaijan, Fatemiyoun and IRGC pay and
rewards, the Fourth Division's recruiting, SDF pay and conscription, and Russian and Turkish food
aid, labelled blind. Checks (from heldout_checks.py): gold figures located at text/occurrence
with the value their digits spell, contract codes, planted non-figures unlabelled, one incentive
per (report, incentive, actor), no sentence shared with the tuning set; and the round's own
spread of measures, actors, currencies, incentives, outlets and places. It never runs the
extractor."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND19 = ROOT / "tests" / "eval" / "round19"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: dates, a page date in
# Arabic-Indic digits, view counts and a comment count, a byline and a photo caption ending in a
# digit, outlets named with a number, a tribe named with a number word, ordinals, a singular
# (`عقد`), and duals that name their members.
NEGATIVES = {
    "r19_02": ["للخدمتين"],
    "r19_04": ["22 تشرين الثاني"],
    "r19_06": ["عقد من الحرب"],
    "r19_07": ["الميليشيتين"],
    "r19_09": ["62", "بني سبعة"],
    "r19_10": ["٢٣ / يناير / ٢٠٢٥", "فاطميون 2", "2021"],
    "r19_11": ["ديرالزور24", "خطوتين"],
    "r19_13": ["SY24"],
    "r19_14": ["0 تعليقات", "24 تشرين الاول 2018"],
    "r19_15": ["الرقة 24", "الريفين"],
    "r19_16": ["عيسى1"],
    "r19_17": ["27 تموز"],
    "r19_18": ["2 تشرين الثاني", "30 من تشرين الأول", "التاسعة", "ثاني دورية", "والمسكنات.\n\n50"],
}


@pytest.fixture(scope="module")
def round19():
    return load_set(ROUND19)


def figures(gold: list[dict]) -> list[dict]:
    return [g for g in gold if g["type"] == "figure"]


def test_every_gold_record_is_located_and_uses_contract_codes(round19):
    assert gold_problems(*round19) == []


def test_reports_are_20_reports_of_80_to_400_words_with_headers(round19):
    assert shape_problems(*round19, "r19", REPORT_COUNT, (80, 400)) == []


def test_gold_holds_102_figures_and_31_incentives(round19):
    kinds = Counter(g["type"] for g in round19[1])
    assert kinds == {"figure": 102, "incentive": 31}


def test_digit_spans_carry_the_value_they_spell(round19):
    problems, checked = digit_value_problems(*round19)
    assert problems == []
    assert checked >= 60


def test_spans_the_digit_reader_leaves_alone_keep_their_value(round19):
    """Numbers in words (an ordinal age, a fraction after its unit, a compound with a scale
    word), a scale word without hamza, Arabic-Indic digits, and ranges."""
    values = {(g["report_id"], g["text"]): (g["value"], g["value_min"], g["value_max"])
              for g in figures(round19[1])}
    assert values[("r19_02", "الخامسة والعشرين")] == (25, 25, None)
    assert values[("r19_04", "الثامنة عشر")] == (18, 18, None)
    assert values[("r19_04", "125 ألف ليرة سورية إلى 200 ألف")] == (125_000, 125_000, 200_000)
    assert values[("r19_08", "200 الف")] == (200_000, None, None)
    assert values[("r19_15", "١٠٠٠")] == (1000, 1000, None)
    assert values[("r19_16", "300 إلى 450 ألف")] == (300_000, 300_000, 450_000)
    assert values[("r19_16", "18–50")] == (18, 18, 50)
    assert values[("r19_16", "عشرون")] == (20, None, None)
    assert values[("r19_17", "أربعة أطنان ونصف")] == (4.5, None, None)
    assert values[("r19_20", "ثلاثمئة وخمسين ألفَ")] == (350_000, None, 350_000)


def test_planted_non_figures_are_not_labelled(round19):
    assert labelled_negatives(*round19, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round19):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round19[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_recruit_counts_exercise_every_measure(round19):
    """Running totals (SOHR's Karabakh and Fatemiyoun counts), new batches and wanted numbers."""
    measures = Counter(g["measure"] for g in figures(round19[1]) if g["category"] == "recruits")
    assert measures["stock"] >= 6 and measures["flow"] >= 4 and measures["target"] >= 5


def test_six_actors_have_figures_and_money_comes_in_three_currencies(round19):
    actors = Counter(g["actor"] for g in figures(round19[1]))
    assert all(actors[a] >= 10 for a in ("russia", "iran", "turkey", "regime"))
    assert actors["sdf"] >= 3
    units = Counter(g["unit"] for g in figures(round19[1])
                    if g["category"] in ("salary", "reward", "other"))
    assert units["usd"] >= 20 and units["syp"] >= 20 and units["try"] >= 4


def test_incentives_cover_money_goods_and_status(round19):
    incentives = Counter(g["incentive"] for g in round19[1] if g["type"] == "incentive")
    assert len(incentives) >= 7
    assert incentives["cash_salary"] >= 15 and incentives["food_aid"] >= 5
    assert incentives["conscription_exemption"] == 1 and incentives["aid_unspecified"] == 1


def test_outlets_are_monitoring_opposition_and_local_styles(round19):
    sources = {r.source for r in round19[0].values()}
    assert len(sources) >= 14
    for kind in ("المرصد السوري", "معارض", "دير الزور", "مستقلة"):
        assert any(kind in s for s in sources), kind


def test_places_span_governorates_the_whole_country_abroad_and_no_place(round19):
    gold = round19[1]
    governorates = Counter(r for g in gold for r in g["regions"])
    assert all(governorates[code] >= 5 for code in ("SY-DY", "SY-HI", "SY-HL", "SY-RD", "SY-RA"))
    areas = Counter(g["area"] for g in gold)
    assert areas["abroad"] >= 30 and areas["national"] >= 4 and areas[None] >= 10


def test_no_sentence_is_shared_with_the_tuning_set(round19):
    assert sentences_shared_with_tuning_set(round19[0]) == []
