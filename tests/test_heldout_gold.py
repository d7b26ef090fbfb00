"""Integrity of the held-out evaluation set (tests/heldout/): every gold figure is
found at its text/occurrence, its value agrees with the digits it points at, every
code is a contract code, the planted non-figures stay unlabelled, and no text is
shared with the tuning set (tests/eval/)."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from helpers import evaluate
from helpers.evaluate import load_labelled_set, locate, validate_gold
from helpers.load import load_paths
from helpers.paths import ROOT

HELDOUT = ROOT / "tests" / "heldout"
GOLD = HELDOUT / "gold.jsonl"
REPORTS = HELDOUT / "reports"

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

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
SCALES = {"ألف": 1_000, "ألفاً": 1_000, "آلاف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000}


def digit_value(text: str) -> float | None:
    """The value of a digits(+scale word) span, read independently of the extractor;
    None for spans written in words or ranges."""
    parts = text.translate(DIGITS).split()
    number = parts[0].replace("،", "").replace("٬", "")
    if len(parts) > 2 or not re.fullmatch(r"\d+(?:[.ر]\d+)?", number):
        return None
    if "ر" in number:  # state-media decimals: the digits after ر come first
        whole, fraction = number.split("ر")
        value = float(f"{fraction}.{whole}")
    else:
        value = float(number)
    if len(parts) == 2:
        if parts[1] not in SCALES:
            return None
        value *= SCALES[parts[1]]
    return value


@pytest.fixture(scope="module")
def heldout():
    reports, gold, problems = load_labelled_set(REPORTS, GOLD)
    assert problems == []
    return reports, gold


def test_every_gold_record_is_located_and_uses_contract_codes(heldout):
    reports, gold = heldout
    assert validate_gold(gold, {i: r.full_text for i, r in reports.items()}) == []


def test_reports_are_25_short_reports_with_headers(heldout):
    reports, gold = heldout
    assert sorted(reports) == [f"heldout_{n:02d}" for n in range(1, 26)]
    for report_id, report in reports.items():
        assert Path(report.path).stem == report_id
        assert report.date and report.source and report.title
        assert 80 <= len(report.full_text.split()) <= 200, report_id
    assert {g["report_id"] for g in gold} == set(reports)


def test_digit_spans_carry_the_value_they_spell(heldout):
    reports, gold = heldout
    checked = 0
    for record in (g for g in gold if g["type"] == "figure"):
        start, end = locate(reports[record["report_id"]].full_text, record["text"], record["occurrence"])
        assert reports[record["report_id"]].full_text[start:end] == record["text"]
        expected = digit_value(record["text"])
        if expected is not None:
            checked += 1
            assert record["value"] == pytest.approx(expected), record
    assert checked >= 70


def test_digit_value_reads_every_script_and_separator():
    assert digit_value("7ر12") == pytest.approx(12.7)
    assert digit_value("٣،٤٢٠") == 3420
    assert digit_value("۱۸۰۰") == 1800
    assert digit_value("1.2 مليون") == pytest.approx(1_200_000)
    assert digit_value("ثلاثة آلاف") is None and digit_value("1500 و2000") is None


def test_planted_non_figures_are_not_labelled(heldout):
    reports, gold = heldout
    spans = {}
    for g in gold:
        if g["type"] == "figure":
            spans.setdefault(g["report_id"], []).append(
                locate(reports[g["report_id"]].full_text, g["text"], g["occurrence"]))
    for report_id, phrases in NEGATIVES.items():
        text = reports[report_id].full_text
        for phrase in phrases:
            start = text.find(phrase)
            assert start != -1, (report_id, phrase)
            end = start + len(phrase)
            assert all(e <= start or s >= end for s, e in spans.get(report_id, [])), (report_id, phrase)


def test_gold_covers_every_code(heldout):
    _, gold = heldout
    figures = [g for g in gold if g["type"] == "figure"]
    incentives = [g for g in gold if g["type"] == "incentive"]
    for name, codes, least in (("qualifier", evaluate.QUALIFIERS, 2),
                               ("category", evaluate.CATEGORIES, 3),
                               ("measure", evaluate.MEASURES, 3)):
        counts = Counter(g[name] for g in figures)
        assert {c for c in codes if counts[c] < least} == set(), name
    assert set(evaluate.ACTORS) <= {g["actor"] for g in figures}
    assert set(evaluate.INCENTIVES) == {g["incentive"] for g in incentives}
    assert {"abroad", "national", "west_euphrates", "south", "badia", "northwest", "qalamoun",
            "olive_branch"} <= {g["area"] for g in gold}
    scripts = Counter("arabic" if re.search("[٠-٩]", g["text"]) else
                      "persian" if re.search("[۰-۹]", g["text"]) else
                      "western" if re.search("[0-9]", g["text"]) else "words" for g in figures)
    assert min(scripts.values()) >= 4 and len(scripts) == 4


def test_no_sentence_is_shared_with_the_tuning_set(heldout):
    reports, _ = heldout
    tuning = load_paths([evaluate.REPORTS_PATH]).reports
    seen = {" ".join(s.split()) for r in tuning for s in re.split(r"[.\n،]", r.full_text)
            if len(s.split()) >= 6}
    shared = [(i, s) for i, r in reports.items() for s in re.split(r"[.\n،]", r.full_text)
              if len(s.split()) >= 6 and " ".join(s.split()) in seen]
    assert shared == []
