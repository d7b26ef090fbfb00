"""Training rows for the learned layer: every extracted figure and incentive of the
labelled sets we may learn from, with the gold record it matches (or None).

Training-only code (the runtime never imports it). How to use it, from a script in
`scripts/` (which puts this folder on `sys.path`) or a test (`sys.path.insert(0, ROOT/"scripts")`):

    from labelled_rows import labelled_reports, figure_rows, incentive_rows, leave_one_round_out

    reports = list(labelled_reports())           # the tuned set + rounds 07–17, rules only
    rows = figure_rows(reports)                  # one FigureRow per extracted figure
    for held_out, train, test in leave_one_round_out(rows):
        ...                                      # fit on `train`, predict `test`, score

- `labelled_reports()` loads each allowed set (`ALLOWED_SETS`: the tuned set `tests/eval`
  and `tests/eval/round07` … `round18`; never `tests/heldout*`, never a later round),
  runs the extractor with every model off (`rules_only`: the rows hold the rules' own
  decisions) and matches its records to gold with `helpers.evaluate`'s own matching:
  figures by `match_spans` and `same_value`, incentives by (report, incentive, actor).
- A `FigureRow` holds the figure, the `Quantity` it came from and the report's
  `_ReportContext` (normalised `context.text`, `context.cues_in`, `context.quantities_in`,
  `context.sentence_of(quantity.start)`…): the handles the runtime has when it decides,
  so features computed here are the features computed at run time. `gold` is the matched
  gold figure (same value) or None (spurious, or a different value).
- An `IncentiveRow` holds the incentive, the context and `start` (its offset in the
  normalised text); `gold` is the gold incentive of the same (report, incentive, actor),
  and `gold_same_kind` the gold incentives of the same report and incentive whatever their
  actor (for learning the actor: the right one is there when `gold` is None).
- `LabelledReport.missed_figures` / `missed_incentives`: gold the extractor did not find.
- `leave_one_round_out(rows)` yields (round, train rows, test rows) for each round 07–17:
  train = the tuned set + the ten other rounds.
- `score_rows(reports, figure_override=…)` scores a whole set with `helpers.evaluate.score`
  after replacing fields of the extracted records: the number to put beside the rules'.
"""
from __future__ import annotations

import sys
from bisect import bisect_left
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from helpers.evaluate import (  # noqa: E402
    LabelledSet, Span, load_labelled_set, locate, match_spans, same_value, score, validate_gold, Scores,
)
from helpers.extract.context import _ReportContext  # noqa: E402
from helpers.extract.figures import _figures  # noqa: E402
from helpers.extract.incentives import _incentives  # noqa: E402
from helpers.extract.lexicons import load_lexicons  # noqa: E402
from helpers.extract.linear_model import rules_only  # noqa: E402
from helpers.records import Figure, Incentive, Report  # noqa: E402

TUNED = "tuned"
ROUNDS = tuple(f"round{k:02d}" for k in range(7, 19))          # round07 … round18
ALLOWED_SETS = (TUNED,) + ROUNDS


def allowed_set(name: str, tests: Path = ROOT / "tests") -> LabelledSet:
    """`tuned` → tests/eval; `round07` → tests/eval/round07. Anything else (a held-out set,
    a round after 18) raises ValueError: the learned layer never sees it."""
    if name not in ALLOWED_SETS:
        raise ValueError(f"{name!r} is not a set the learned layer may train on ({', '.join(ALLOWED_SETS)})")
    folder = tests / "eval" if name == TUNED else tests / "eval" / name
    return LabelledSet(name, folder / "reports", folder / "gold.jsonl", None)


@dataclass
class FigureRow:
    set_name: str
    report_id: str
    figure: Figure
    quantity: object               # helpers.extract.numbers.Quantity (normalised offsets)
    context: _ReportContext
    gold: dict | None              # the matched gold figure of the same value, else None


@dataclass
class IncentiveRow:
    set_name: str
    report_id: str
    incentive: Incentive
    start: int                     # offset of the incentive's evidence in context.text
    context: _ReportContext
    gold: dict | None              # gold of the same (report, incentive, actor), else None
    gold_same_kind: list[dict] = field(default_factory=list)   # gold of the same (report, incentive)


@dataclass
class LabelledReport:
    set_name: str
    report: Report
    context: _ReportContext
    figures: list[FigureRow]
    incentives: list[IncentiveRow]
    gold: list[dict]
    missed_figures: list[dict]
    missed_incentives: list[dict]


def labelled_reports(sets: Sequence[str] = ALLOWED_SETS, tests: Path = ROOT / "tests") -> Iterator[LabelledReport]:
    """Each report of the allowed sets, extracted by the rules alone and matched to gold,
    in a fixed order (set, then report id). A set whose gold does not validate raises."""
    lexicons = load_lexicons()
    for name in sets:
        labelled = allowed_set(name, tests)
        reports, gold, _ = load_labelled_set(labelled.reports, labelled.gold)
        texts = {report_id: report.full_text for report_id, report in reports.items()}
        problems = validate_gold(gold, texts)
        if problems:
            raise ValueError(f"{labelled.gold}: {problems[0]}")
        by_report: dict[str, list[dict]] = {}
        for record in gold:
            by_report.setdefault(record["report_id"], []).append(record)
        for report_id in sorted(reports):
            yield _labelled_report(name, reports[report_id], by_report.get(report_id, []), lexicons)


def _labelled_report(set_name: str, report: Report, gold: list[dict], lexicons) -> LabelledReport:
    with rules_only():
        context = _ReportContext(report, lexicons)
        pairs = _figures(context)
        incentives = _incentives(context, pairs)
    text = report.full_text
    gold_figures = [g for g in gold if g["type"] == "figure"]
    gold_spans = [Span(report.id, *locate(text, g["text"], g["occurrence"]), g) for g in gold_figures]
    predicted = [Span(report.id, f.start, f.end, {"pair": k}) for k, (f, _) in enumerate(pairs)]
    matched: dict[int, dict] = {}
    for g, p in match_spans(gold_spans, predicted):
        figure = pairs[p.record["pair"]][0]
        if same_value(g.record["value"], figure.value):
            matched[p.record["pair"]] = g.record
    figure_rows = [FigureRow(set_name, report.id, f, q, context, matched.get(k)) for k, (f, q) in enumerate(pairs)]
    found = {id(g) for g in matched.values()}
    gold_incentives = [g for g in gold if g["type"] == "incentive"]
    by_key = {}
    for g in gold_incentives:
        by_key.setdefault((g["incentive"], g.get("actor")), g)
    incentive_rows, seen = [], set()
    for incentive in sorted(incentives, key=lambda i: i.start):
        key = (incentive.incentive, incentive.actor)
        exact = by_key.get(key) if key not in seen else None
        seen.add(key)
        incentive_rows.append(IncentiveRow(
            set_name, report.id, incentive, normalised_offset(context, incentive.start), context, exact,
            [g for g in gold_incentives if g["incentive"] == incentive.incentive]))
    predicted_keys = {(i.incentive, i.actor) for i in incentives}
    return LabelledReport(set_name, report, context, figure_rows, incentive_rows, gold,
                          [g for g in gold_figures if id(g) not in found],
                          [g for key, g in by_key.items() if key not in predicted_keys])


def normalised_offset(context: _ReportContext, original: int) -> int:
    """The offset in `context.text` (normalised) of the character at `original` in the
    report's full text (the inverse of `Normalised.to_original`)."""
    norm = context.norm
    return bisect_left(range(len(norm.text)), original, key=norm.to_original)


def figure_rows(reports: Iterable[LabelledReport]) -> list[FigureRow]:
    """Every extracted figure of the reports, in order."""
    return [row for report in reports for row in report.figures]


def incentive_rows(reports: Iterable[LabelledReport]) -> list[IncentiveRow]:
    """Every extracted incentive of the reports, in order."""
    return [row for report in reports for row in report.incentives]


def leave_one_round_out(rows: Sequence, rounds: Sequence[str] = ROUNDS) -> Iterator[tuple[str, list, list]]:
    """(round, train, test) for each round: test = that round's rows, train = the tuned
    set's and the other rounds' rows. Works on any rows with a `set_name` (figure rows,
    incentive rows, labelled reports)."""
    for held_out in rounds:
        yield (held_out, [r for r in rows if r.set_name != held_out],
               [r for r in rows if r.set_name == held_out])


def score_rows(reports: Sequence[LabelledReport],
               figure_override: Callable[[FigureRow], dict] | None = None,
               incentive_override: Callable[[IncentiveRow], dict | None] | None = None) -> Scores:
    """`helpers.evaluate.score` of the reports' records, after `figure_override(row)` (a
    dict of fields to replace, e.g. `{"category": "recruits", "measure": "stock"}`) and
    `incentive_override(row)` (fields to replace; None drops the incentive)."""
    predicted: list[dict] = []
    for report in reports:
        for row in report.figures:
            record = row.figure.to_dict()
            if figure_override is not None:
                record.update(figure_override(row))
            predicted.append(record)
        for row in report.incentives:
            record = row.incentive.to_dict()
            if incentive_override is not None:
                changes = incentive_override(row)
                if changes is None:
                    continue
                record.update(changes)
            predicted.append(record)
    gold = [g for report in reports for g in report.gold]
    return score(gold, predicted, {report.report.id: report.report.full_text for report in reports})
