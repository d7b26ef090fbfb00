"""Why the blind rules erred on incentives: each dev round's blind incentives (the extractor
that first scored the round, `blind_actors.py`) against its gold, every error sorted into
missed or spurious and given a cause, the cause read by comparing with today's rules (rules
only) and with the lexicon the blind extractor had.

    .venv/bin/python scripts/offer_errors.py [--list]

Causes of a missed gold incentive (report, incentive, actor):
- `giver/actor`: the blind rules had the same kind from another giver;
- `wrong code`: they had another kind where today's rules find this one;
- `cue not in lexicon`: today's rules find it by a lexicon word the blind lexicon lacked;
- `clause-stated offer`: today's rules find it by a verb + object pattern (`offer_patterns`);
- `pay figure`: today's rules find it from a pay figure;
- `cue known, dropped`: the blind lexicon had the word, a blind rule dropped it;
- `missed today too`: today's rules miss it as well.
Causes of a spurious blind incentive:
- `giver/actor`: the gold has the same kind from another giver, missed;
- `duplicate`: the same kind from a second giver beside a right one;
- `wrong code`: the gold has another kind at the same words;
- `status described, not offered`: today a not-offer rule drops its cue (`not_offers.py`);
- `cue since removed or narrowed`: today no lexicon word or pattern is there;
- `spurious today too`: today's rules still give it.
Never reads tests/heldout*.
"""
from __future__ import annotations

import argparse
import csv
import sys
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind_actors import blind_records  # noqa: E402
from blind_rules import BLIND_EXTRACTOR, BUILD, unpack  # noqa: E402
from labelled_rows import ROUNDS, labelled_reports, normalised_offset  # noqa: E402
from helpers.extract.not_offers import _not_an_offer  # noqa: E402
from helpers.ingest.normalise import normalise  # noqa: E402

MISSED = ("giver/actor", "wrong code", "cue not in lexicon", "clause-stated offer", "pay figure",
          "cue known, dropped", "missed today too")
SPURIOUS = ("giver/actor", "duplicate", "wrong code", "status described, not offered",
            "cue since removed or narrowed", "spurious today too")


def blind_lexicon(commit: str) -> set[str]:
    """The normalised cues of the blind extractor's incentive lexicon."""
    path = unpack(commit) / "data" / "lexicons" / "incentives.csv"
    rows = [line for line in path.read_text(encoding="utf-8").splitlines() if line and not line.startswith("#")]
    return {normalise(row["cue"]).text for row in csv.DictReader(rows) if row.get("cue")}


def _hit_at(context, start: int):
    """Today's incentive hit nearest the normalised offset `start`."""
    hits = [m for m in context.incentive_hits if m.start <= start + 2 and m.end >= start]
    return hits[0] if hits else None


def classify(report, blind: list[dict], lexicon: set[str]) -> list[tuple[str, str, str, str]]:
    """(kind, cause, code, evidence) for each incentive error of one report."""
    gold = {(g["incentive"], g.get("actor")) for g in report.gold if g["type"] == "incentive"}
    predicted = {(b["incentive"], b.get("actor")): b for b in blind}
    today = {(row.incentive.incentive, row.incentive.actor): row for row in report.incentives}
    today_by_code = {}
    for row in report.incentives:
        today_by_code.setdefault(row.incentive.incentive, row)
    text = report.report.full_text
    errors = []
    spurious_spans = {key: (b["start"], b["end"]) for key, b in predicted.items() if key not in gold}
    for key in sorted(gold - set(predicted), key=str):
        code, actor = key
        row = today.get(key) or today_by_code.get(code)
        evidence = text[row.incentive.start:row.incentive.end] if row else ""
        if any(c == code for c, _ in predicted):
            cause = "giver/actor"
        elif row is not None and any(s <= row.incentive.start < e or row.incentive.start <= s < row.incentive.end
                                     for s, e in spurious_spans.values()):
            cause = "wrong code"
        elif row is None:
            cause = "missed today too"
        elif row.incentive.figure_id and row.incentive.text and any(ch.isdigit() for ch in row.incentive.text):
            cause = "pay figure"
        else:
            hit = _hit_at(row.context, row.start)
            if hit is not None and hit.entry.get("note") == "pattern":
                cause = "clause-stated offer"
            elif hit is not None and normalise(hit.entry.get("cue", "")).text not in lexicon:
                cause = "cue not in lexicon"
            else:
                cause = "cue known, dropped"
        errors.append(("missed", cause, code, evidence))
    for key in sorted(set(predicted) - gold, key=str):
        code, actor = key
        b = predicted[key]
        evidence = text[b["start"]:b["end"]]
        same_code_gold = [k for k in gold if k[0] == code]
        context = report.context
        start = normalised_offset(context, b["start"])
        hit = _hit_at(context, start)
        clauses = [(m.start, m.end) for m in context.incentive_hits if m.entry["note"] == "pattern"]
        if same_code_gold and all(k in predicted for k in same_code_gold):
            cause = "duplicate"
        elif same_code_gold:
            cause = "giver/actor"
        elif any(k[0] != code and k not in predicted for k in gold) and any(
                row.incentive.start <= b["start"] < row.incentive.end or b["start"] <= row.incentive.start < b["end"]
                for k, row in today.items() if k in gold and k[0] != code):
            cause = "wrong code"
        elif any(k[0] == code for k in today):
            cause = "spurious today too"
        elif hit is not None and _not_an_offer(context.text, hit, clauses):
            cause = "status described, not offered"
        elif hit is None:
            cause = "cue since removed or narrowed"
        else:
            cause = "status described, not offered"   # context filters (negation, named actor) drop it today
        errors.append(("spurious", cause, code, evidence))
    return errors


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--list", action="store_true", help="also every error with its evidence")
    args = parser.parse_args(argv)
    reports = [r for r in labelled_reports(ROUNDS)]
    counts: Counter = Counter()
    by_code: Counter = Counter()
    per_round: dict[str, Counter] = {}
    for round_name in ROUNDS:
        lexicon = blind_lexicon(BLIND_EXTRACTOR[round_name])
        records = [b for b in blind_records(round_name) if b["type"] == "incentive"]
        tally = per_round.setdefault(round_name, Counter())
        for report in (r for r in reports if r.set_name == round_name):
            blind = [b for b in records if b["report_id"] == report.report.id]
            for kind, cause, code, evidence in classify(report, blind, lexicon):
                counts[kind, cause] += 1
                by_code[kind, code] += 1
                tally[kind] += 1
                if args.list:
                    print(f"{round_name} {report.report.id} {kind:8} {cause:30} {code:24} {evidence[:60]}")
    print("\n| kind | cause | errors |\n|---|---|---|")
    for kind, causes in (("missed", MISSED), ("spurious", SPURIOUS)):
        for cause in causes:
            print(f"| {kind} | {cause} | {counts[kind, cause]} |")
    print("\n| code | missed | spurious |\n|---|---|---|")
    for code in sorted({c for _, c in by_code}, key=lambda c: -(by_code["missed", c] + by_code["spurious", c])):
        print(f"| {code} | {by_code['missed', code]} | {by_code['spurious', code]} |")
    print("\n| round | missed | spurious |\n|---|---|---|")
    for round_name, tally in per_round.items():
        print(f"| {round_name} | {tally['missed']} | {tally['spurious']} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
