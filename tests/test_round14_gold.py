"""Integrity of dev round 14 (tests/eval/round14/): 20 close paraphrases of real published
Arabic reports on pay, rewards, deductions, aid and incentives, labelled blind. Checks
(from heldout_checks.py): gold figures located at text/occurrence with the value their
digits spell, contract codes, planted non-figures unlabelled, one incentive record per
(report, incentive, actor), and no sentence shared with the tuning set (tests/eval/)."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND14 = ROOT / "tests" / "eval" / "round14"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: a footnote mark,
# years and dates, times and page furniture, outlet names with a number, ordinals, duals
# and pairs that name their members, a fraction, and `كميات` (not `مئات`).
NEGATIVES = {
    "r14_01": ["(1)", "2016", "لواءين"],
    "r14_03": ["2024.05.26", "20:21"],
    "r14_04": ["دير الزور 24"],
    "r14_05": ["عام 2019"],
    "r14_06": ["ديرالزور24"],
    "r14_07": ["درعا 24"],
    "r14_08": ["عاماً واحداً"],
    "r14_09": ["الخدمتين"],
    "r14_10": ["عام 2014", "مطلع 2019"],
    "r14_13": ["مدتين", "الواحد"],
    "r14_15": ["الدفعة الأولى", "طائرة ثانية", "طائرة ثالثة"],
    "r14_16": ["الطائرة العاشرة"],
    "r14_17": ["كميات", "قريتي"],
    "r14_18": ["ريفي", "شهر"],
    "r14_19": ["8:39", "27 Sep 2017", "الثانية", "285763"],
    "r14_20": ["الأولى", "نصف", "البلدين"],
}


@pytest.fixture(scope="module")
def round14():
    return load_set(ROUND14)


def test_every_gold_record_is_located_and_uses_contract_codes(round14):
    assert gold_problems(*round14) == []


def test_reports_are_20_reports_of_120_to_400_words_with_headers(round14):
    assert shape_problems(*round14, "r14", REPORT_COUNT, (120, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round14):
    problems, checked = digit_value_problems(*round14)
    assert problems == []
    assert checked >= 60


def test_planted_non_figures_are_not_labelled(round14):
    assert labelled_negatives(*round14, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round14):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round14[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_every_report_has_a_money_aid_or_incentive_record(round14):
    """The round's emphasis: pay, rewards, deductions, aid and incentives."""
    money = {"salary", "reward", "aid_amount", "aid_recipients"}
    covered = {g["report_id"] for g in round14[1]
               if g["type"] == "incentive" or g.get("category") in money
               or g.get("unit") in {"usd", "syp", "try"}}
    assert sorted(set(round14[0]) - covered) == []


def test_no_sentence_is_shared_with_the_tuning_set(round14):
    assert sentences_shared_with_tuning_set(round14[0]) == []
