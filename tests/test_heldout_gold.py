"""Integrity of the held-out evaluation set (tests/heldout/): every gold figure is
found at its text/occurrence, its value agrees with the digits it points at, every
code is a contract code, the planted non-figures stay unlabelled, and no text is
shared with the tuning set (tests/eval/). The checks live in heldout_checks.py,
shared with tests/test_heldout2_gold.py."""
from __future__ import annotations

import pytest

from heldout_checks import (coverage_gaps, digit_value, digit_value_problems, gold_problems,
                            labelled_negatives, load_set, sentences_shared_with_tuning_set,
                            shape_problems)
from helpers.paths import ROOT

HELDOUT = ROOT / "tests" / "heldout"

# Numbers planted on purpose that a careful analyst does not label (unit names,
# ordinals, dates and years, page furniture, phone numbers, fractions, `واحد`).
NEGATIVES = {
    "heldout_01": ["كل واحد"],
    "heldout_02": ["16203", "الصفحة 3"],
    "heldout_03": ["1998", "الدورة السابقة"],
    "heldout_05": ["اللواء الثامن", "الأولى"],
    "heldout_08": ["تشرين الأول"],
    "heldout_11": ["مرة واحدة"],
    "heldout_13": ["المرحلة الأولى"],
    "heldout_14": ["الصفحة 5", "17820", "الفوج 555", "011-6712345", "الأسبوع الأول"],
    "heldout_16": ["أسبوع واحد", "بأضعاف"],
    "heldout_17": ["المرحلة الثانية"],
    "heldout_19": ["الربع الأخير", "نصف"],
    "heldout_20": ["اللواء الثامن"],
    "heldout_22": ["لمرة واحدة"],
    "heldout_23": ["فرقة 30", "نصفه"],
    "heldout_25": ["عام 2011"],
}


@pytest.fixture(scope="module")
def heldout():
    return load_set(HELDOUT)


def test_every_gold_record_is_located_and_uses_contract_codes(heldout):
    assert gold_problems(*heldout) == []


def test_reports_are_25_short_reports_with_headers(heldout):
    assert shape_problems(*heldout, "heldout") == []


def test_digit_spans_carry_the_value_they_spell(heldout):
    problems, checked = digit_value_problems(*heldout)
    assert problems == []
    assert checked >= 70


def test_digit_value_reads_every_script_and_separator():
    assert digit_value("7ر12") == pytest.approx(12.7)
    assert digit_value("٣،٤٢٠") == 3420
    assert digit_value("۱۸۰۰") == 1800
    assert digit_value("1.2 مليون") == pytest.approx(1_200_000)
    assert digit_value("ثلاثة آلاف") is None and digit_value("1500 و2000") is None


def test_planted_non_figures_are_not_labelled(heldout):
    assert labelled_negatives(*heldout, NEGATIVES) == []


def test_gold_covers_every_code(heldout):
    assert coverage_gaps(heldout[1]) == []


def test_no_sentence_is_shared_with_the_tuning_set(heldout):
    assert sentences_shared_with_tuning_set(heldout[0]) == []
