"""Integrity of dev round 16 (tests/eval/round16/): 20 close paraphrases of real published
Arabic reports, a mixed week at the desk (recruit counts with every measure, pay in three
currencies, rewards, deductions, aid, casualties, incentives as words and as clauses),
labelled blind. Checks (from heldout_checks.py): gold figures located at text/occurrence with
the value their digits spell, contract codes, planted non-figures unlabelled, one incentive
per (report, incentive, actor), no sentence shared with the tuning set; and the round's own
spread of measures, actors, currencies, outlets and governorates. It never runs the
extractor."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND16 = ROOT / "tests" / "eval" / "round16"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: page counters (one with
# a `٬` separator whose digits hold `12` and `22`), numbered list items, datelines, times and
# years, article numbers, ordinals, unit and tournament names, an outlet named with a number,
# duals that name their members, singulars, a fraction and a multiplier.
NEGATIVES = {
    "r16_02": ["2018/08/06", "5 تموز", "الفرقة الرابعة"],
    "r16_03": ["قطعة سلاح"],
    "r16_05": ["60", "1- ", "2- ", "3- ", "4- ", "5- "],
    "r16_07": ["نصفها", "أسبوع واحد"],
    "r16_09": ["عام 2016"],
    "r16_10": ["البلدين"],
    "r16_11": ["3٬122", "العام 2024", "طفل"],
    "r16_12": ["60", "الثانية من نوعها", "الخامس من كانون الأول 2020"],
    "r16_13": ["أول ميليشيا", "للعنصر الواحد"],
    "r16_14": ["عام 2013", "بلدتي"],
    "r16_15": ["الـ15", "(8/8/2017)", "رقم (15)"],
    "r16_17": ["الدفعة الأولى"],
    "r16_19": ["41 خبر", "خليجي 26"],
    "r16_20": ["ديرالزور24", "الضعف"],
}


@pytest.fixture(scope="module")
def round16():
    return load_set(ROUND16)


def figures(gold: list[dict]) -> list[dict]:
    return [g for g in gold if g["type"] == "figure"]


def test_every_gold_record_is_located_and_uses_contract_codes(round16):
    assert gold_problems(*round16) == []


def test_reports_are_20_reports_of_120_to_400_words_with_headers(round16):
    assert shape_problems(*round16, "r16", REPORT_COUNT, (120, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round16):
    problems, checked = digit_value_problems(*round16)
    assert problems == []
    assert checked >= 50


def test_planted_non_figures_are_not_labelled(round16):
    assert labelled_negatives(*round16, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round16):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round16[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_recruit_counts_exercise_every_measure(round16):
    """Standing sizes and running totals, new batches and wanted numbers all occur."""
    measures = Counter(g["measure"] for g in figures(round16[1]) if g["category"] == "recruits")
    assert measures["stock"] >= 5 and measures["flow"] >= 5 and measures["target"] >= 3


def test_six_actors_have_figures_and_money_comes_in_three_currencies(round16):
    actors = Counter(g["actor"] for g in figures(round16[1]))
    assert all(actors[a] >= 1 for a in ("russia", "iran", "turkey", "regime", "sdf", "isis"))
    units = Counter(g["unit"] for g in figures(round16[1]) if g["category"] in ("salary", "reward", "other"))
    assert units["usd"] >= 3 and units["syp"] >= 3 and units["try"] >= 3


def test_outlets_include_russian_turkish_and_iranian_arabic_language_media(round16):
    sources = {r.source for r in round16[0].values()}
    assert len(sources) >= 10
    for nationality in ("روسي", "تركي", "إيراني"):
        assert any(nationality in s for s in sources), nationality


def test_deir_ez_zor_daraa_homs_and_rural_damascus_are_covered(round16):
    governorates = Counter(r for g in round16[1] for r in g["regions"])
    assert all(governorates[code] >= 3 for code in ("SY-DY", "SY-DR", "SY-HI", "SY-RD"))
    assert sum(g["area"] == "abroad" for g in round16[1]) >= 5


def test_no_sentence_is_shared_with_the_tuning_set(round16):
    assert sentences_shared_with_tuning_set(round16[0]) == []
