"""`rasd aggregate PATH...`: as-of totals per actor and area, from reports or from a Parquet store."""
from __future__ import annotations

import argparse
import sys

import pandas as pd

from helpers.cli import date_arg
from helpers.analysis.aggregate import roll_up


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers aggregate",
                                     description="As-of totals per actor and area, with their reports.")
    parser.add_argument("paths", nargs="*", metavar="PATH")
    parser.add_argument("--store", metavar="DIR",
                        help="aggregate the records of a Parquet store (helpers extract --format parquet) instead")
    parser.add_argument("--as-of", type=date_arg, help="count what was reported up to this date (YYYY-MM-DD)")
    parser.add_argument("--since", type=date_arg, help="sum aid from this date (YYYY-MM-DD); running totals still count earlier reports")
    parser.add_argument("--by", default="actor,area", help="grouping columns (default actor,area)")
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    parser.add_argument("--corrections", help="corrections CSV (default data/corrections.csv)")
    args = parser.parse_args(argv)
    if args.since and args.as_of and args.since > args.as_of:
        parser.error(f"--since {args.since} is after --as-of {args.as_of}")
    if bool(args.paths) == bool(args.store):
        parser.error("give report PATHs or --store DIR (one of them)")

    from helpers.run.pipeline import aggregate_store, run_pipeline  # late import: the CLI only

    if args.store:
        aggregation, corrected = aggregate_store(args.store, args.corrections, args.as_of, args.since)
        for problem in corrected.problems:
            print(problem, file=sys.stderr)
    else:
        result = run_pipeline(args.paths, corrections=args.corrections, as_of=args.as_of, aid_since=args.since)
        for problem in result.problems:
            print(problem, file=sys.stderr)
        if result.reports_read == 0:
            return 2
        aggregation = result.aggregation
    by = [column.strip() for column in args.by.split(",") if column.strip()]
    table = aggregation.table()
    if by != ["actor", "area"]:
        table = roll_up(table, by)
    _write(table, args.format)
    return 0


def _write(table: pd.DataFrame, fmt: str) -> None:
    if fmt == "jsonl":
        table.to_json(sys.stdout, orient="records", lines=True, force_ascii=False)
        return
    flat = table.copy()
    for column in ("regions", "report_ids", "figure_ids"):
        flat[column] = flat[column].map("|".join)
    flat["conflicts"] = flat["conflicts"].map(
        lambda items: "|".join(f"{c['value']:g}@{c['report_id']}" for c in items))
    from helpers.safe_csv import neutralise

    flat.map(neutralise).to_csv(sys.stdout, index=False)
