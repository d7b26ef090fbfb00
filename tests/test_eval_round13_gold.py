"""Integrity of dev round 13 (tests/eval/round13/): 20 close paraphrases of real published
Arabic reports, labelled blind. Checks (from heldout_checks.py): gold figures located at
text/occurrence with the value their digits spell, contract codes, planted non-figures
unlabelled, every recruit measure exercised, no sentence shared with the tuning set."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND13 = ROOT / "tests" / "eval" / "round13"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: unit names and
# numbers in names, ordinals, dates, years, a time of day, `واحد`, and a dual that names
# a pair (`الخدمتين`).
NEGATIVES = {
    "r13_01": ["اللواء ثلاثمئة وثلاثة عشر"],
    "r13_02": ["ليوم واحد", "الفرقة التاسعة", "الثالث من الشهر", "الخدمتين"],
    "r13_04": ["الفيلق الخامس"],
    "r13_07": ["1/يوليو", "الدورة السابعة", "21 من آذار", "20 من نيسان", "الدورة الثالثة"],
    "r13_08": ["2 آذار"],
    "r13_09": ["الجمعة 9 تشرين الثاني", "2018"],
    "r13_10": ["الدورة الأربعون", "الدورة الأولى", "السابعة لقوات"],
    "r13_11": ["الفيلق الأول"],
    "r13_15": ["05 مارس", "09 صباحاً", "عام 2012", "أواخر 2015"],
    "r13_16": ["17 كانون الثاني", "2017", "الفيلق الخامس"],
    "r13_17": ["اللواء الثامن"],
    "r13_18": ["أول مجموعة", "عام 2013"],
    "r13_20": ["الخدمتين", "جيش واحد"],
}


@pytest.fixture(scope="module")
def round13():
    return load_set(ROUND13)


def test_every_gold_record_is_located_and_uses_contract_codes(round13):
    assert gold_problems(*round13) == []


def test_reports_are_20_reports_with_headers(round13):
    assert shape_problems(*round13, "r13", REPORT_COUNT, (120, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round13):
    problems, checked = digit_value_problems(*round13)
    assert problems == []
    assert checked >= 40


def test_planted_non_figures_are_not_labelled(round13):
    assert labelled_negatives(*round13, NEGATIVES) == []


def test_recruit_counts_exercise_every_measure(round13):
    """The round's emphasis: running totals, new batches and targets, each several times."""
    measures = Counter(g["measure"] for g in round13[1]
                       if g["type"] == "figure" and g["category"] == "recruits")
    assert min(measures[m] for m in ("stock", "flow", "target")) >= 5


def test_no_sentence_is_shared_with_the_tuning_set(round13):
    assert sentences_shared_with_tuning_set(round13[0]) == []
