"""Integrity of the second held-out set (tests/heldout2/), with the checks of
heldout_checks.py: gold figures located at text/occurrence with the value their
digits spell, contract codes, planted non-figures unlabelled, every code exercised,
no sentence shared with the tuning set (tests/eval/), and the gold still the frozen one."""
from __future__ import annotations

import hashlib

import pytest

from heldout_checks import (coverage_gaps, digit_value_problems, gold_problems,
                            labelled_negatives, load_set, sentences_shared_with_tuning_set,
                            shape_problems)
from helpers.paths import ROOT

HELDOUT2 = ROOT / "tests" / "heldout2"

# Numbers planted on purpose that a careful analyst does not label (unit names,
# ordinals, dates and years, page furniture, phone numbers, a multiplier, a
# fraction, `واحد`, a zone named by its width).
NEGATIVES = {
    "heldout2_01": ["3 آذار", "اللواء الثامن"],
    "heldout2_02": ["031-2214567", "الحملة الثامنة"],
    "heldout2_03": ["الكتيبة 54", "الفصل الدراسي الثاني"],
    "heldout2_04": ["15 تشرين الأول", "كدفعة أولى"],
    "heldout2_05": ["1998 إلى 2003"],
    "heldout2_07": ["الـ55 كيلومتراً"],
    "heldout2_10": ["لمرة واحدة"],
    "heldout2_13": ["لمرة واحدة"],
    "heldout2_14": ["العدد 13977", "الصفحة 4", "الخامسة عشرة", "015-2238890"],
    "heldout2_16": ["أسبوعه الأول"],
    "heldout2_17": ["ربعهم"],
    "heldout2_19": ["الدفعة الأولى"],
    "heldout2_20": ["للشهر الثالث", "دفعة واحدة"],
    "heldout2_23": ["ضعف", "عام 2019"],
}


@pytest.fixture(scope="module")
def heldout2():
    return load_set(HELDOUT2)


def test_every_gold_record_is_located_and_uses_contract_codes(heldout2):
    assert gold_problems(*heldout2) == []


def test_reports_are_25_short_reports_with_headers(heldout2):
    assert shape_problems(*heldout2, "heldout2") == []


def test_digit_spans_carry_the_value_they_spell(heldout2):
    problems, checked = digit_value_problems(*heldout2)
    assert problems == []
    assert checked >= 100


def test_planted_non_figures_are_not_labelled(heldout2):
    assert labelled_negatives(*heldout2, NEGATIVES) == []


def test_gold_covers_every_code(heldout2):
    assert coverage_gaps(heldout2[1]) == []


def test_no_sentence_is_shared_with_the_tuning_set(heldout2):
    assert sentences_shared_with_tuning_set(heldout2[0]) == []


def test_gold_is_the_frozen_gold():
    """The README quotes this digest; scores were measured on exactly this gold."""
    digest = hashlib.sha256((HELDOUT2 / "gold.jsonl").read_bytes()).hexdigest()
    readme = (HELDOUT2 / "README.md").read_text(encoding="utf-8")
    assert f"`{digest}`" in readme
