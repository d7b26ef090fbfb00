"""`python -m helpers extract`: figures and incentives of every report, on every core.

    python -m helpers extract PATH... [--format jsonl|csv|parquet] [--out FILE|DIR]
                              [--workers N] [--cache DIR] [--engine local|dask] [--scheduler ADDRESS]

Reports are read in file order and extracted by `helpers.run.engine` in a pool of
`--workers` processes (default: all cores); records come out in the same
order whatever the number of workers. `--format parquet` writes them to
`--out DIR` as Parquet partitioned by report month (`helpers.store.parquet`).
`--cache DIR` reuses the results of unchanged reports (`helpers.store.cache`).
"""
from __future__ import annotations

import argparse
import csv
import json
import sys

from helpers.run.engine import CHUNK_REPORTS, default_workers, extract_reports, reports_of
from helpers.records import FIGURE_COLUMNS, INCENTIVE_COLUMNS, Rejection

# the contract's order, `type` first
FIGURE_OUTPUT = ["type"] + [name for name in FIGURE_COLUMNS if name != "type"]
INCENTIVE_OUTPUT = ["type"] + [name for name in INCENTIVE_COLUMNS if name != "type"]
CSV_COLUMNS = list(dict.fromkeys(FIGURE_OUTPUT + INCENTIVE_OUTPUT))


def _rows(item) -> list[dict]:
    """A report's records as output rows, figures then incentives, in contract order."""
    return ([{name: row[name] for name in FIGURE_OUTPUT} for row in item.figures]
            + [{name: row[name] for name in INCENTIVE_OUTPUT} for row in item.incentives])


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers extract",
                                     description="Figures and incentives, each with its evidence.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--format", choices=("jsonl", "csv", "parquet"), default="jsonl")
    parser.add_argument("--out", help="write here instead of stdout (a folder for parquet)")
    parser.add_argument("--workers", type=_positive, default=None,
                        help=f"extraction processes (default: all cores, here {default_workers()})")
    parser.add_argument("--chunk-reports", type=_positive, default=CHUNK_REPORTS, help=argparse.SUPPRESS)
    parser.add_argument("--cache", metavar="DIR", help="reuse the extraction of unchanged reports from DIR")
    parser.add_argument("--engine", choices=("local", "dask"), default="local",
                        help="local: a process pool here; dask: a Dask cluster (--scheduler)")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler address (default $DASK_SCHEDULER_ADDRESS; none: a local cluster)")
    return parser


def _positive(text: str) -> int:
    try:
        number = int(text)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number ≥ 1, not {text!r}")
    return number


class _Counter:
    """Counts reports and rejections; prints each rejection as `path:line: reason`."""

    def __init__(self):
        self.reports = self.rejected = 0

    def reject(self, rejection: Rejection) -> None:
        from helpers.ingest.load import LoadWarning

        if not isinstance(rejection, LoadWarning):
            self.rejected += 1
        print(rejection, file=sys.stderr)

    def wrap(self, reports):
        for report in reports:
            self.reports += 1
            yield report


def _telling_problems(done, counter: _Counter):
    """Each report's problems (numbers refused, a refusal over the time budget) printed and counted."""
    for item in done:
        for problem in item.problems:
            counter.reject(problem)
        yield item


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.format == "parquet" and not args.out:
        print("extract: --format parquet needs --out DIR", file=sys.stderr)
        return 2
    if args.engine == "dask":
        from helpers.run.engine_dask import extract_command

        return extract_command(args)
    counter = _Counter()
    from helpers.store.cache import open_cache

    cache = open_cache(args.cache)
    reports = counter.wrap(reports_of(args.paths, counter.reject, cache))
    signatures = args.format == "parquet" or cache is not None   # the store and the cache keep them
    done = _telling_problems(extract_reports(reports, args.workers, args.chunk_reports,
                                             signatures=signatures, cache=cache), counter)
    try:
        code = _write(done, args)
    except OSError as error:
        print(f"{args.out}: cannot write ({error.strerror})", file=sys.stderr)
        return 2
    if cache is not None:
        print(f"extract: cache: {cache.close()['note']}", file=sys.stderr)
    print(f"extract: {counter.reports} report(s) read, {counter.rejected} rejected", file=sys.stderr)
    return code if counter.reports else 2


def _write(done, args) -> int:
    if args.format == "parquet":
        from helpers.run.engine import REPORT_TABLE_COLUMNS
        from helpers.store.parquet import RecordTables

        from helpers.analysis.near_duplicates import NearDuplicateIndex

        tables, near = RecordTables(REPORT_TABLE_COLUMNS, args.out, keep=False), NearDuplicateIndex()
        for item in done:
            if item.refused:
                continue
            tables.add_records(item)
            tables.add_report(item, near)
        tables.close(frames=False)
        near.close()
        return 0
    out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    try:
        if args.format == "jsonl":
            for item in done:
                for row in _rows(item):
                    out.write(json.dumps(row, ensure_ascii=False) + "\n")
        else:
            from helpers.safe_csv import neutralise_row   # formula-like text made safe (OWASP)
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for item in done:
                for row in _rows(item):
                    row = row | {"regions": "|".join(row["regions"])}
                    if isinstance(row.get("basis"), dict):
                        row["basis"] = json.dumps(row["basis"], ensure_ascii=False)
                    writer.writerow(neutralise_row({k: ("" if v is None else v) for k, v in row.items()}))
    finally:
        if args.out:
            out.close()
    return 0
