"""Integrity checks shared by the held-out evaluation sets (tests/heldout/,
tests/heldout2/): each returns the problems it finds, so a test asserts `== []`.
Values are read here independently of the extractor."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from helpers import evaluate
from helpers.evaluate import load_labelled_set, locate, validate_gold
from helpers.ingest.load import load_paths

DIGITS = str.maketrans("٠١٢٣٤٥٦٧٨٩۰۱۲۳۴۵۶۷۸۹", "01234567890123456789")
SCALES = {"ألف": 1_000, "ألفاً": 1_000, "آلاف": 1_000, "مليون": 1_000_000, "ملايين": 1_000_000}
REQUIRED_AREAS = {"abroad", "national", "west_euphrates", "south", "badia", "northwest",
                  "qalamoun", "olive_branch"}


def digit_value(text: str) -> float | None:
    """The value of a digits(+scale word) span; None for spans in words or ranges."""
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


def load_set(folder: Path) -> tuple[dict, list[dict]]:
    """Reports by id and gold records of one held-out set (loader problems raise)."""
    reports, gold, problems = load_labelled_set(folder / "reports", folder / "gold.jsonl")
    if problems:
        raise ValueError(f"{folder}: {problems}")
    return reports, gold


def gold_problems(reports: dict, gold: list[dict]) -> list[str]:
    """Unlocatable figures, codes outside the contract, duplicates."""
    return validate_gold(gold, {i: r.full_text for i, r in reports.items()})


def shape_problems(reports: dict, gold: list[dict], prefix: str, count: int = 25,
                   words: tuple[int, int] = (80, 200)) -> list[str]:
    """`count` reports `<prefix>_01` … of `words` words with headers, all labelled."""
    problems = []
    if sorted(reports) != [f"{prefix}_{n:02d}" for n in range(1, count + 1)]:
        problems.append(f"report ids {sorted(reports)}")
    for report_id, report in reports.items():
        if Path(report.path).stem != report_id:
            problems.append(f"{report_id}: file name {report.path}")
        if not (report.date and report.source and report.title):
            problems.append(f"{report_id}: header")
        if not words[0] <= len(report.full_text.split()) <= words[1]:
            problems.append(f"{report_id}: {len(report.full_text.split())} words")
    if {g["report_id"] for g in gold} != set(reports):
        problems.append("a report without gold records")
    return problems


def digit_value_problems(reports: dict, gold: list[dict]) -> tuple[list[str], int]:
    """Figures whose span or value disagrees with the digits they point at, and how
    many digit spans were checked."""
    problems, checked = [], 0
    for record in (g for g in gold if g["type"] == "figure"):
        text = reports[record["report_id"]].full_text
        start, end = locate(text, record["text"], record["occurrence"])
        if text[start:end] != record["text"]:
            problems.append(f"span {record}")
        expected = digit_value(record["text"])
        if expected is not None:
            checked += 1
            if abs(record["value"] - expected) > 1e-6 * max(1.0, expected):
                problems.append(f"value {record['value']} != {expected}: {record}")
    return problems, checked


def labelled_negatives(reports: dict, gold: list[dict], negatives: dict[str, list[str]]) -> list:
    """Planted non-figures that are missing from their report or overlap a gold figure."""
    spans: dict[str, list[tuple[int, int]]] = {}
    for g in gold:
        if g["type"] == "figure":
            spans.setdefault(g["report_id"], []).append(
                locate(reports[g["report_id"]].full_text, g["text"], g["occurrence"]))
    problems = []
    for report_id, phrases in negatives.items():
        text = reports[report_id].full_text
        for phrase in phrases:
            start = text.find(phrase)
            end = start + len(phrase)
            if start == -1 or any(not (e <= start or s >= end) for s, e in spans.get(report_id, [])):
                problems.append((report_id, phrase))
    return problems


def coverage_gaps(gold: list[dict]) -> list[str]:
    """Codes, areas and digit scripts the set does not exercise often enough."""
    figures = [g for g in gold if g["type"] == "figure"]
    incentives = [g for g in gold if g["type"] == "incentive"]
    gaps = []
    for name, codes, least in (("qualifier", evaluate.QUALIFIERS, 2),
                               ("category", evaluate.CATEGORIES, 3),
                               ("measure", evaluate.MEASURES, 3)):
        counts = Counter(g[name] for g in figures)
        gaps += [f"{name} {c}" for c in sorted(codes) if counts[c] < least]
    gaps += [f"actor {a}" for a in sorted(set(evaluate.ACTORS) - {g["actor"] for g in figures})]
    gaps += [f"incentive {i}" for i in sorted(set(evaluate.INCENTIVES) - {g["incentive"] for g in incentives})]
    gaps += [f"area {a}" for a in sorted(REQUIRED_AREAS - {g["area"] for g in gold})]
    scripts = Counter("arabic" if re.search("[٠-٩]", g["text"]) else
                      "persian" if re.search("[۰-۹]", g["text"]) else
                      "western" if re.search("[0-9]", g["text"]) else "words" for g in figures)
    gaps += [f"script {s}" for s in ("arabic", "persian", "western", "words") if scripts[s] < 4]
    return gaps


def sentences_shared_with_tuning_set(reports: dict) -> list[tuple[str, str]]:
    """Sentences of six or more words that also appear in tests/eval/."""
    tuning = load_paths([evaluate.REPORTS_PATH]).reports
    seen = {" ".join(s.split()) for r in tuning for s in re.split(r"[.\n،]", r.full_text)
            if len(s.split()) >= 6}
    return [(i, s) for i, r in reports.items() for s in re.split(r"[.\n،]", r.full_text)
            if len(s.split()) >= 6 and " ".join(s.split()) in seen]
