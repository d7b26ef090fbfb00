"""Integrity of dev round 15 (tests/eval/round15/): 20 close paraphrases of real published
Arabic reports, a mixed week at the desk (recruit counts with their measure, pay, rewards,
fees, aid, incentives), labelled blind. Checks (from heldout_checks.py): gold figures located
at text/occurrence with the value their digits spell, contract codes, planted non-figures
unlabelled, one incentive per (report, incentive, actor), no sentence shared with the tuning
set; and the round's own spread of measures, outlets and governorates."""
from __future__ import annotations

from collections import Counter

import pytest

from heldout_checks import (digit_value_problems, gold_problems, labelled_negatives, load_set,
                            sentences_shared_with_tuning_set, shape_problems)
from helpers.paths import ROOT

ROUND15 = ROOT / "tests" / "eval" / "round15"
REPORT_COUNT = 20

# Numbers in the real reports that a careful analyst does not label: datelines, times,
# years and birth years, ordinals, duals and pairs that name their members, `واحد`,
# unit names with a number, a fraction, and a sidebar's singular `جريحاً`.
NEGATIVES = {
    "r15_01": ["20:48", "2022.09.02", "مدينتي القامشلي", "أخ واحد"],
    "r15_02": ["لجنتا", "الخدمتين", "مدينتي القامشلي"],
    "r15_03": ["للمرة الثانية", "يومه الثاني", "ثاني زيادة", "منطقتي", "للعنصر الواحد"],
    "r15_04": ["1998 إلى 2006", "محافظتي"],
    "r15_05": ["الأولى من نوعها", "أول دورة"],
    "r15_06": ["يوم واحد"],
    "r15_07": ["17 ديسمبر", "نوفمبر 2020"],
    "r15_08": ["الـ13", "السابعة", "20:20", "25 فبراير 2023"],
    "r15_09": ["الشعبين", "البلدين"],
    "r15_10": ["خلال 2017", "منذ 2011"],
    "r15_11": ["عام 2011"],
    "r15_12": ["الشهر 12 من 2019", "25 يناير", "الفرقة التاسعة", "نصف العناصر", "الملفين"],
    "r15_13": ["13 آذار", "2018", "عمليتي", "العمليتين", "جريحاً مدنياً"],
    "r15_14": ["الدفعة الأولى", "الفرقة الرابعة"],
    "r15_15": ["نهاية عام 2020", "كانون الثاني"],
    "r15_19": ["اللواء 313"],
    "r15_20": ["دفعةً أولى"],
}


@pytest.fixture(scope="module")
def round15():
    return load_set(ROUND15)


def test_every_gold_record_is_located_and_uses_contract_codes(round15):
    assert gold_problems(*round15) == []


def test_reports_are_20_reports_of_120_to_400_words_with_headers(round15):
    assert shape_problems(*round15, "r15", REPORT_COUNT, (120, 400)) == []


def test_digit_spans_carry_the_value_they_spell(round15):
    problems, checked = digit_value_problems(*round15)
    assert problems == []
    assert checked >= 60


def test_planted_non_figures_are_not_labelled(round15):
    assert labelled_negatives(*round15, NEGATIVES) == []


def test_one_incentive_record_per_report_incentive_and_actor(round15):
    triples = Counter((g["report_id"], g["incentive"], g["actor"])
                      for g in round15[1] if g["type"] == "incentive")
    assert [t for t, n in triples.items() if n > 1] == []


def test_recruit_counts_exercise_every_measure(round15):
    """A mixed round: standing sizes, new batches and wanted numbers all occur."""
    measures = Counter(g["measure"] for g in round15[1]
                       if g["type"] == "figure" and g["category"] == "recruits")
    assert measures["stock"] >= 5 and measures["flow"] >= 5 and measures["target"] >= 2


def test_outlets_include_russian_turkish_and_iranian_arabic_language_media(round15):
    sources = {r.source for r in round15[0].values()}
    assert len(sources) >= 6
    for nationality in ("روسي", "تركي", "إيراني"):
        assert any(nationality in s for s in sources), nationality


def test_suwayda_hasakah_raqqa_and_aleppo_are_covered(round15):
    governorates = Counter(r for g in round15[1] for r in g["regions"])
    assert all(governorates[code] >= 3 for code in ("SY-SU", "SY-HA", "SY-RA", "SY-HL"))


def test_no_sentence_is_shared_with_the_tuning_set(round15):
    assert sentences_shared_with_tuning_set(round15[0]) == []
