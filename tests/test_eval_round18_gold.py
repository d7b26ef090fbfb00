"""Integrity of dev round 18 (tests/eval/round18/): 20 close paraphrases of real published
Arabic reports on foreign recruitment, pay and aid around Syria (Turkish-backed and Russian-run
fighters sent to Libya, Syrians listed for Ukraine, IRGC, Iraqi PMF and Hezbollah recruiting in
Deir ez-Zor, Fifth Corps and Baath Brigades pay, child recruits in the Turkish-held north, US
pay to partner forces and coalition guards in Kobani, Russian food aid, a settlement centre),
labelled blind. Checks (from heldout_checks.py): gold figures located at text/occurrence with
the value their digits spell, contract codes, planted non-figures unlabelled, one incentive per
(report, incentive, actor), no sentence shared with the tuning set; and the round's own spread
of measures, actors, currencies, incentives, outlets and places. It never runs the extractor."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND18 = ROOT / "tests" / "eval" / "round18"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: datelines, dates and
# times, years (one in words), an outlet and a camp named with a number, a unit name,
# singulars (`شهر`, `عام واحد`, `عاماً`, `الواحد`) and duals that name their members.
NEGATIVES = {
    "r18_02": ["2020/05/05", "17:35", "Libya 24", "ليبيا 24", "May 4, 2020"],
    "r18_04": ["فبراير 15, 2020", "18:49"],
    "r18_06": ["ديرالزور24", "أكثر من شهر"],
    "r18_07": ["حالتي"],
    "r18_08": ["12 من كانون الثاني"],
    "r18_10": ["الفرقة 25"],
    "r18_11": ["عام واحد"],
    "r18_14": ["ألفين وواحد وعشرين", "معسكر 385"],
    "r18_15": ["11 أبريل 2020"],
    "r18_16": ["السابع من نيسان", "الخدمتين"],
    "r18_17": ["لعام 2019"],
    "r18_18": ["عاماً"],
    "r18_19": ["لمدة شهر", "الواحد منهم"],
    "r18_20": ["11/مارس/2022", "07:08"],
}


@pytest.fixture(scope="module")
def round18():
    return load_set(ROUND18)


def figures(gold: list[dict]) -> list[dict]:
    return [g for g in gold if g["type"] == "figure"]


def test_every_gold_record_is_located_and_uses_contract_codes(round18):
    assert gold_problems(*round18) == []


def test_reports_are_20_reports_of_100_to_400_words_with_headers(round18):
    assert shape_problems(*round18, "r18", REPORT_COUNT, (100, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round18):
    problems, checked = digit_value_problems(*round18)
    assert problems == []
    assert checked >= 50


def test_latin_comma_thousands_and_number_words_keep_their_value(round18):
    """Spans the digit reader leaves alone: `1,300,000` with Latin commas, a number in
    words with digits (`ألفين و420`, `4 آلاف و21`), and numbers written only in words."""
    values = {(g["report_id"], g["text"]): g["value"] for g in figures(round18[1])}
    assert values[("r18_07", "1,300,000")] == 1_300_000
    assert values[("r18_15", "ألفين و420")] == 2420
    assert values[("r18_15", "4 آلاف و21")] == 4021
    assert values[("r18_05", "ألف وأربعمئة")] == 1400
    assert values[("r18_05", "ستة وعشرين")] == 26
    assert values[("r18_19", "بضعة آلاف")] == 1000


def test_planted_non_figures_are_not_labelled(round18):
    assert labelled_negatives(*round18, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round18):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round18[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_recruit_counts_exercise_every_measure(round18):
    """Running totals (SOHR's Libya counts), new batches and wanted or planned numbers."""
    measures = Counter(g["measure"] for g in figures(round18[1]) if g["category"] == "recruits")
    assert measures["stock"] >= 10 and measures["flow"] >= 10 and measures["target"] >= 4


def test_five_actors_have_figures_and_money_comes_in_dollars_and_pounds(round18):
    actors = Counter(g["actor"] for g in figures(round18[1]))
    assert all(actors[a] >= 5 for a in ("russia", "iran", "turkey", "regime", "us_coalition"))
    units = Counter(g["unit"] for g in figures(round18[1])
                    if g["category"] in ("salary", "reward", "other"))
    assert units["usd"] >= 15 and units["syp"] >= 4


def test_incentives_cover_money_goods_and_status(round18):
    incentives = Counter(g["incentive"] for g in round18[1] if g["type"] == "incentive")
    assert len(incentives) >= 6
    assert incentives["cash_salary"] >= 10 and incentives["security_settlement"] >= 4


def test_outlets_include_kurdish_iranian_state_and_research_styles(round18):
    sources = {r.source for r in round18[0].values()}
    assert len(sources) >= 15
    for kind in ("كردية", "إيرانية", "رسمية", "دير الزور", "مركز دراسات", "ليبي"):
        assert any(kind in s for s in sources), kind


def test_places_span_governorates_macro_areas_and_abroad(round18):
    gold = round18[1]
    governorates = Counter(r for g in gold for r in g["regions"])
    assert all(governorates[code] >= 3 for code in ("SY-DY", "SY-HL", "SY-SU", "SY-HI"))
    areas = Counter(g["area"] for g in gold)
    assert areas["abroad"] >= 30 and areas["national"] >= 10 and areas["badia"] >= 1


def test_no_sentence_is_shared_with_the_tuning_set(round18):
    assert sentences_shared_with_tuning_set(round18[0]) == []
