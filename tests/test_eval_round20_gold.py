"""Integrity of dev round 20 (tests/eval/round20/): 20 close paraphrases of real published
Arabic reports from state and government-aligned media, Iranian and Russian Arabic-language
outlets, Kurdish outlets and pan-Arab and Egyptian sites (Syrians sent by Russia to Libya and
Ukraine, by Turkish-backed factions to Libya and Azerbaijan, IRGC and Hezbollah-linked recruiting
in Deir ez-Zor, a US-backed tribal force in Hasakah, SDF courses, Russian and Iranian aid,
settlement centres), labelled blind. Checks (from heldout_checks.py): gold figures located at
text/occurrence with the value their digits spell, contract codes, planted non-figures
unlabelled, one incentive per (report, incentive, actor), no sentence shared with the tuning
set; and the round's own spread of measures, actors, currencies, incentives, outlets and
places. It never runs the extractor."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND20 = ROOT / "tests" / "eval" / "round20"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: dates, years, a date
# line, an outlet and a unit named with a number, ordinals, a hall named after a date,
# singulars (`أسبوع`, `عقد`, `الواحد`) and duals that name their members.
NEGATIVES = {
    "r20_03": ["7 نيسان", "مركزي"],
    "r20_04": ["أسبوع"],
    "r20_05": ["الفوج 47"],
    "r20_07": ["أكاديميتا", "الدورتين", "السادسة"],
    "r20_09": ["مدينتا"],
    "r20_10": ["11.04.2022", "اللتين"],
    "r20_12": ["دير الزور 24", "الثلاثيني"],
    "r20_13": ["عام 2011", "عام 2019"],
    "r20_15": ["5 تموز"],
    "r20_16": ["الأول من سبتمبر"],
    "r20_18": ["الدولتين", "منذ عقد"],
    "r20_19": ["الواحد"],
}


@pytest.fixture(scope="module")
def round20():
    return load_set(ROUND20)


def figures(gold: list[dict]) -> list[dict]:
    return [g for g in gold if g["type"] == "figure"]


def test_every_gold_record_is_located_and_uses_contract_codes(round20):
    assert gold_problems(*round20) == []


def test_reports_are_20_reports_of_100_to_400_words_with_headers(round20):
    assert shape_problems(*round20, "r20", REPORT_COUNT, (100, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round20):
    problems, checked = digit_value_problems(*round20)
    assert problems == []
    assert checked >= 40


def test_number_words_duals_and_odd_spellings_keep_their_value(round20):
    """Spans the digit reader leaves alone: numbers in words (`ألفين وخمسمئة`, `سبعة آلاف`,
    `ثماني`, `سبع`), duals that count (`ألفي` dollars, `طنين`, `عامين`, `أسبوعين`), the
    hamza-less `4 ألاف`, a range with a dash glued to its first number (`200- 300`) and one in
    words (`ثلاثة إلى ستة`)."""
    values = {(g["report_id"], g["text"]): (g["value"], g["value_min"], g["value_max"])
              for g in figures(round20[1])}
    assert values[("r20_19", "ألفين وخمسمئة")] == (2500, None, None)
    assert values[("r20_20", "سبعة آلاف")] == (7000, None, None)
    assert values[("r20_09", "ثماني")] == (8, 8, None)
    assert values[("r20_17", "سبع")] == (7, None, None)
    assert values[("r20_01", "ألفي")] == (2000, None, None)
    assert values[("r20_02", "طنين")] == (2, None, None)
    assert values[("r20_11", "عامين")] == (2, None, None)
    assert values[("r20_20", "أسبوعين")] == (2, None, None)
    assert values[("r20_14", "4 ألاف")] == (4000, None, None)
    assert values[("r20_12", "200- 300")] == (200, 200, 300)
    assert values[("r20_18", "ثلاثة إلى ستة")] == (3, 3, 6)
    assert values[("r20_05", "700 و850 ألف")] == (700_000, 700_000, 850_000)


def test_planted_non_figures_are_not_labelled(round20):
    assert labelled_negatives(*round20, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round20):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round20[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_recruit_counts_exercise_every_measure(round20):
    """Running totals (Russia's and Turkey's men abroad), new batches (courses, flights,
    registrations) and a planned transfer."""
    measures = Counter(g["measure"] for g in figures(round20[1]) if g["category"] == "recruits")
    assert measures["stock"] >= 8 and measures["flow"] >= 8 and measures["target"] >= 2


def test_six_actors_have_figures_and_money_comes_in_four_currencies(round20):
    actors = Counter(g["actor"] for g in figures(round20[1]))
    assert all(actors[a] >= 8 for a in ("russia", "iran", "turkey"))
    assert all(actors[a] >= 2 for a in ("regime", "sdf", "us_coalition"))
    units = Counter(g["unit"] for g in figures(round20[1])
                    if g["category"] in ("salary", "reward", "other"))
    assert units["usd"] >= 15 and units["syp"] >= 6 and units["try"] >= 1


def test_incentives_cover_money_goods_and_status(round20):
    incentives = Counter(g["incentive"] for g in round20[1] if g["type"] == "incentive")
    assert len(incentives) >= 8
    assert incentives["cash_salary"] >= 10
    assert incentives["citizenship"] >= 1 and incentives["security_settlement"] >= 1


def test_outlets_are_state_iranian_russian_kurdish_and_pan_arab(round20):
    sources = {r.source for r in round20[0].values()}
    assert len(sources) == REPORT_COUNT
    for kind in ("كردي", "إيراني", "روسية", "مقربة من الحكومة", "موالية للحكومة", "مصري",
                 "حزب الله", "مركز دراسات"):
        assert any(kind in s for s in sources), kind


def test_places_span_governorates_and_abroad(round20):
    gold = round20[1]
    governorates = Counter(r for g in gold for r in g["regions"])
    assert governorates["SY-DY"] >= 15 and governorates["SY-HM"] >= 8
    assert all(governorates[code] >= 2 for code in ("SY-HA", "SY-RA", "SY-LA", "SY-SU"))
    areas = Counter(g["area"] for g in gold)
    assert areas["abroad"] >= 30 and areas["national"] >= 5


def test_no_sentence_is_shared_with_the_tuning_set(round20):
    assert sentences_shared_with_tuning_set(round20[0]) == []
