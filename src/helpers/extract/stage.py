"""The extraction stage: `extract_report`, streaming, tables and the command line."""
from __future__ import annotations

import argparse
import csv
import gc
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass, field, fields
from pathlib import Path

from helpers.records import Figure, Incentive, Rejection, Report
from helpers.extract.context import _ReportContext
from helpers.extract.actor_model import decide_actors
from helpers.extract.figures import _figures
from helpers.extract.incentives import _incentives
from helpers.extract.offer_model import keep_offers
from helpers.extract.budget import REPORT_SECONDS, OverBudget, numbers_refused, time_limit
from helpers.extract.lexicons import Lexicons, load_lexicons

FIGURE_FIELDS = [f.name for f in fields(Figure)]
INCENTIVE_FIELDS = [f.name for f in fields(Incentive)]
# contract order, `type` first
FIGURE_COLUMNS = ["type"] + [n for n in FIGURE_FIELDS if n != "type"]
INCENTIVE_COLUMNS = ["type"] + [n for n in INCENTIVE_FIELDS if n != "type"]


def extract_report(report: Report, lexicons: Lexicons | None = None) -> tuple[list[Figure], list[Incentive]]:
    """Figures and incentives of one report, each with its evidence."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    # Python's cycle collector is off while one report is extracted. Extraction makes no
    # reference cycles (its objects are freed as they are dropped; `tests/test_extract_speed.py`
    # checks), but the collector would walk every object the report has made, again and
    # again as they pile up: a fifth of the time of a 20 MB report. A plain try/finally
    # costs less per report than a generator-based context manager.
    collecting = gc.isenabled()
    if collecting:
        gc.disable()
    try:
        context = _ReportContext(report, lexicons)
        pairs = _figures(context)
        incentives = decide_actors(context, pairs, keep_offers(context, _incentives(context, pairs)))
    finally:
        if collecting:
            gc.enable()
    return [figure for figure, _ in pairs], incentives


# --- streaming and tables ------------------------------------------------------------

@dataclass
class ExtractResult:
    figures: "object"      # pandas.DataFrame, columns FIGURE_COLUMNS
    incentives: "object"   # pandas.DataFrame, columns INCENTIVE_COLUMNS
    rejections: list[Rejection]
    warnings: list[Rejection] = field(default_factory=list)  # helpers.ingest.load.LoadWarning: reports kept


def _is_warning(item: Rejection) -> bool:
    from helpers.ingest.load import LoadWarning
    return isinstance(item, LoadWarning)


def _reports(paths_or_reports, on_rejection) -> Iterator[Report]:
    items = [paths_or_reports] if isinstance(paths_or_reports, (str, Path, Report)) else paths_or_reports
    paths = []
    for item in items:
        if isinstance(item, Report):
            yield item
        else:
            paths.append(item)
    if paths:
        from helpers.ingest.load import iter_load
        for item in iter_load(paths):
            if isinstance(item, Rejection):
                on_rejection(item)
            else:
                yield item


def iter_records(paths_or_reports, lexicons: Lexicons | None = None,
                 on_rejection=None) -> Iterator[Figure | Incentive]:
    """Figures and incentives, one report at a time. Paths are read through
    helpers.ingest.load.iter_load; each rejection goes to `on_rejection` (default:
    printed on stderr), never dropped."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    on_rejection = on_rejection or (lambda r: print(r, file=sys.stderr))
    for report in _reports(paths_or_reports, on_rejection):
        figures, incentives, problems = extract_within_budget(report, lexicons)
        for problem in problems:
            on_rejection(problem)
        yield from figures
        yield from incentives


def extract_paths(paths, lexicons: Lexicons | None = None) -> ExtractResult:
    """Figures and incentives of every report under `paths`, as DataFrames."""
    import pandas as pd
    rejections: list[Rejection] = []
    warnings: list[Rejection] = []

    def note(item: Rejection) -> None:
        (warnings if _is_warning(item) else rejections).append(item)

    figures, incentives = [], []
    for record in iter_records(paths, lexicons, note):
        (figures if record.type == "figure" else incentives).append(_row(record))
    return ExtractResult(pd.DataFrame(figures, columns=FIGURE_COLUMNS),
                         pd.DataFrame(incentives, columns=INCENTIVE_COLUMNS), rejections, warnings)


def _row(record: Figure | Incentive) -> dict:
    return {name: getattr(record, name) for name in
            (FIGURE_COLUMNS if record.type == "figure" else INCENTIVE_COLUMNS)}


# --- command line ---------------------------------------------------------------------

CSV_COLUMNS = list(dict.fromkeys(FIGURE_COLUMNS + INCENTIVE_COLUMNS))


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers extract PATH... [--format jsonl|csv] [--out FILE]`."""
    parser = argparse.ArgumentParser(prog="python -m helpers extract",
                                     description="Figures and incentives, each with its evidence.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--out", help="write here instead of stdout")
    args = parser.parse_args(argv)
    counter = _ReportCounter()
    try:
        out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    except OSError as error:
        print(f"{args.out}: cannot write ({error.strerror})", file=sys.stderr)
        return 2
    try:
        records = iter_records(counter.wrap(args.paths), on_rejection=counter.reject)
        if args.format == "jsonl":
            for record in records:
                out.write(json.dumps(_row(record), ensure_ascii=False) + "\n")
        else:
            from helpers.safe_csv import neutralise_row
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for record in records:
                row = _row(record)
                row["regions"] = "|".join(row["regions"])
                row["basis"] = json.dumps(row["basis"], ensure_ascii=False)
                writer.writerow(neutralise_row({k: ("" if v is None else v) for k, v in row.items()}))
    finally:
        if args.out:
            out.close()
    print(f"extract: {counter.reports} report(s) read, {counter.rejected} rejected", file=sys.stderr)
    return 0 if counter.reports else 2


class _ReportCounter:
    """Counts reports read and prints rejections as `path:line: reason`."""

    def __init__(self):
        self.reports = 0
        self.rejected = 0

    def wrap(self, paths) -> Iterator[Report]:
        for report in _reports(list(paths), self.reject):
            self.reports += 1
            yield report

    def reject(self, rejection: Rejection) -> None:
        if not _is_warning(rejection):
            self.rejected += 1
        print(rejection, file=sys.stderr)


def extract_within_budget(report: Report, lexicons=None, seconds: float | None = REPORT_SECONDS
                          ) -> tuple[list[Figure], list[Incentive], list[Rejection]]:
    """`helpers.extract.extract_report` with a time budget: (figures, incentives,
    problems). A report over budget gives no records and one rejection; numbers
    beyond any real count give a warning each (the report is kept)."""

    problems = numbers_refused(report)
    try:
        with time_limit(seconds):
            figures, incentives = extract_report(report, lexicons)
    except OverBudget:
        return [], [], problems + [Rejection(
            report.path, report.line,
            f"report {report.id}: extraction stopped after {seconds:g} CPU seconds (REPORT_SECONDS, the budget "
            f"for one report) at {len(report.full_text):,} characters; refused — split it into smaller reports")]
    return figures, incentives, problems
