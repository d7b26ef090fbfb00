"""Counting right over time: as-of totals, repeats, contradictions, corrections.

Summing every extracted figure answers wrongly: monitoring reports restate
running totals, outlets republish reports, and targets are not recruits.
This stage turns figure records (a DataFrame with the contract's columns)
into tables an analyst can quote:

- `mark_repeats`: the same figure (value, unit, category, measure, actor,
  area) within a few days, or in a republished report, counts once;
- `recruits_as_of`: per actor and area, the latest running total (stock) as
  of a date plus the new arrivals (flow) reported after it; targets apart;
- `aid_totals`: recipients and amounts summed per actor, area and unit over
  a window, each distribution once;
- `contradictions`: different running totals for one actor and area from
  different sources on close dates, both kept with their sources;
- corrections from data/corrections.csv are applied first (`helpers.corrections`).
"""
from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.cli import date_arg
from helpers.labels import is_missing, regions_of
from helpers.normalise import normalise_key

REPEAT_DAYS = 7
CONTRADICTION_DAYS = 14
GROUP_COLUMNS = ["actor", "area", "regions", "category", "measure", "unit", "value", "as_of",
                 "report_ids", "figure_ids", "basis", "conflicts", "destination"]
_GROUP = ["actor", "area", "_destination"]  # places abroad are told apart: Libya is not Azerbaijan
_SAME_FIGURE = ["category", "measure", "actor", "area", "unit", "value"]
_SUMMABLE = ["aid_recipients", "aid_amount"]


def _dates(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["report_date"], errors="coerce")


def _key(value) -> object:
    """Hashable stand-in for a cell (lists become tuples, NaN becomes None)."""
    if isinstance(value, (list, tuple, np.ndarray)):
        return tuple(regions_of(value))
    return None if is_missing(value) else value


def mark_repeats(figures: pd.DataFrame, report_groups: dict[str, str] | None = None,
                 days: int = REPEAT_DAYS) -> pd.DataFrame:
    """Add `repeat_of`: the id of the first record of the same figure, or None.

    Two records are the same figure when value, unit, category, measure, actor
    and area agree and they come from reports in one near-duplicate group
    (`report_groups`: report id → group id) or lie within `days` of each other.
    """
    frame = figures.copy()
    frame["repeat_of"] = None
    if frame.empty:
        return frame
    groups = report_groups or {}
    order = frame.assign(_date=_dates(frame)).sort_values(["_date", "report_id", "start"], na_position="last")
    first_seen: dict[tuple, list[tuple]] = {}
    for index, row in order.iterrows():
        key = tuple(_key(row[c]) for c in _SAME_FIGURE)
        group = groups.get(row["report_id"], row["report_id"])
        for kept_id, kept_date, kept_group, kept_report in first_seen.get(key, []):
            if kept_report == row["report_id"]:
                continue
            close = pd.notna(kept_date) and pd.notna(row["_date"]) and abs((row["_date"] - kept_date).days) <= days
            if kept_group == group or close:
                frame.at[index, "repeat_of"] = kept_id
                break
        else:
            first_seen.setdefault(key, []).append((row["id"], row["_date"], group, row["report_id"]))
    return frame


def _countable(figures: pd.DataFrame, category: str | Sequence[str]) -> pd.DataFrame:
    categories = [category] if isinstance(category, str) else list(category)
    frame = figures[figures["category"].isin(categories) & (figures["qualifier"] != "vague")]
    if "repeat_of" in frame:
        frame = frame[frame["repeat_of"].isna()]
    return frame.assign(_date=_dates(frame), _destination=[
        normalise_key(text) if area == "abroad" and isinstance(text, str) else ""
        for area, text in zip(frame["area"], frame["area_text"])])


def _within(frame: pd.DataFrame, since: str | None, until: str | None) -> pd.DataFrame:
    if since:
        frame = frame[frame["_date"] >= pd.Timestamp(since)]
    if until:
        frame = frame[frame["_date"] <= pd.Timestamp(until)]
    return frame


def recruits_as_of(figures: pd.DataFrame, as_of: str | None = None,
                   contradiction_days: int = CONTRADICTION_DAYS) -> pd.DataFrame:
    """One row per actor and area: the latest running total as of `as_of`
    plus later new arrivals, and one row per actor and area for the latest target."""
    frame = _within(_countable(figures, "recruits"), None, as_of)
    rows = []
    for _, group in frame.groupby(_GROUP, dropna=False, sort=True):
        stock_row = _stock_total(group, contradiction_days)
        if stock_row:
            rows.append(stock_row)
        elif not group[group["measure"] == "flow"].empty:
            rows.append(_flows_only(group))
        target = _oldest_first(group[group["measure"] == "target"])
        if not target.empty:
            latest = target.iloc[-1]
            rows.append(_row(latest, "target", latest["value"], [latest], f"target {latest['value']:g}"))
    return _table(rows, as_of)


def _oldest_first(frame: pd.DataFrame, *then: str) -> pd.DataFrame:
    """By report date, undated records first: the last row is the latest dated one,
    and an undated record is used only when nothing is dated."""
    return frame.sort_values(["_date", *then], na_position="first")


def _stock_total(group: pd.DataFrame, contradiction_days: int) -> dict | None:
    stocks = _oldest_first(group[group["measure"] == "stock"], "value")
    if stocks.empty:
        return None
    latest = stocks.iloc[-1]
    flows = group[(group["measure"] == "flow") & (group["_date"] > latest["_date"])]
    value = latest["value"] + flows["value"].sum()
    basis = f"total {latest['value']:g} on {latest['report_date']}"
    if not flows.empty:
        basis += " + new arrivals " + " + ".join(f"{v:g}" for v in flows["value"])
    row = _row(latest, "stock", value, [latest, *[r for _, r in flows.iterrows()]], basis)
    row["conflicts"] = _conflicts_with(latest, stocks, contradiction_days)
    return row


def _flows_only(group: pd.DataFrame) -> dict:
    flows = _oldest_first(group[group["measure"] == "flow"])
    latest = flows.iloc[-1]
    basis = "new arrivals " + " + ".join(f"{v:g}" for v in flows["value"]) + " (no running total reported)"
    return _row(latest, "flow", flows["value"].sum(), [r for _, r in flows.iterrows()], basis)


def _conflicts_with(latest: pd.Series, stocks: pd.DataFrame, days: int) -> list[dict]:
    """Other sources' running totals close to the chosen one that disagree with it."""
    close = stocks[(stocks["_date"] - latest["_date"]).abs().dt.days <= days]
    disagree = close[(close["value"] != latest["value"]) & (close["report_id"] != latest["report_id"])]
    return [{"value": r["value"], "report_id": r["report_id"], "report_date": r["report_date"],
             "source": r.get("source")} for _, r in disagree.iterrows()]


def _row(latest: pd.Series, measure: str | None, value, records: Iterable[pd.Series], basis: str) -> dict:
    records = list(records)
    return {
        "actor": latest["actor"], "area": latest["area"], "regions": regions_of(latest["regions"]),
        "category": latest["category"], "measure": measure, "unit": latest["unit"], "value": value,
        "as_of": max((r["report_date"] for r in records if not is_missing(r["report_date"]) and r["report_date"]),
                     default=None),
        "report_ids": sorted({r["report_id"] for r in records}),
        "figure_ids": [r["id"] for r in records], "basis": basis, "conflicts": [],
        "destination": latest["area_text"] if latest["area"] == "abroad" else None,
    }


def _table(rows: list[dict], as_of: str | None) -> pd.DataFrame:
    table = pd.DataFrame(rows, columns=GROUP_COLUMNS)
    if as_of is not None and not table.empty:
        table["as_of"] = as_of
    return table


def aid_totals(figures: pd.DataFrame, since: str | None = None, until: str | None = None) -> pd.DataFrame:
    """Aid recipients and amounts summed per actor, area, category and unit over a window."""
    frame = _within(_countable(figures, _SUMMABLE), since, until)
    rows = []
    keys = _GROUP + ["category", "unit"]
    for _, group in frame.groupby(keys, dropna=False, sort=True):
        records = [r for _, r in group.sort_values("_date").iterrows()]
        basis = " + ".join(f"{r['value']:g}" for r in records)
        row = _row(records[-1], None, group["value"].sum(), records, basis)
        row["regions"] = sorted({code for r in records for code in regions_of(r["regions"])})
        rows.append(row)
    return _table(rows, None)


def contradictions(figures: pd.DataFrame, days: int = CONTRADICTION_DAYS) -> pd.DataFrame:
    """Pairs of running totals for one actor and area, from different reports on
    close dates, that give different values. Both sides keep their sources."""
    stocks = _countable(figures, "recruits")
    stocks = stocks[stocks["measure"] == "stock"].sort_values("_date")
    pairs = []
    for (actor, area, _), group in stocks.groupby(_GROUP, dropna=False):
        records = [r for _, r in group.iterrows()]
        for i, first in enumerate(records):
            for second in records[i + 1:]:
                if (second["_date"] - first["_date"]).days > days:
                    break
                if first["value"] != second["value"] and first["report_id"] != second["report_id"]:
                    pairs.append(_pair(actor, area, first, second))
    columns = ["actor", "area", "value_a", "report_a", "date_a", "source_a", "sentence_a",
               "value_b", "report_b", "date_b", "source_b", "sentence_b"]
    return pd.DataFrame(pairs, columns=columns)


def _pair(actor, area, first: pd.Series, second: pd.Series) -> dict:
    pair = {"actor": actor, "area": area}
    for side, record in (("a", first), ("b", second)):
        pair |= {f"value_{side}": record["value"], f"report_{side}": record["report_id"],
                 f"date_{side}": record["report_date"], f"source_{side}": record.get("source"),
                 f"sentence_{side}": record["sentence"]}
    return pair


@dataclass
class Aggregation:
    """What the report shows: as-of recruits, aid over the window, contradictions."""

    recruits: pd.DataFrame
    aid: pd.DataFrame
    contradictions: pd.DataFrame
    figures: pd.DataFrame  # the records after corrections, with `repeat_of`

    def table(self) -> pd.DataFrame:
        return pd.concat([self.recruits, self.aid], ignore_index=True)


def aggregate(figures: pd.DataFrame, as_of: str | None = None, since: str | None = None,
              report_groups: dict[str, str] | None = None) -> Aggregation:
    """The whole stage on corrected figure records."""
    marked = mark_repeats(figures, report_groups)
    return Aggregation(
        recruits=recruits_as_of(marked, as_of),
        aid=aid_totals(marked, since, as_of),
        contradictions=contradictions(marked),
        figures=marked,
    )


def roll_up(table: pd.DataFrame, by: Sequence[str]) -> pd.DataFrame:
    """Group an as-of table more coarsely (e.g. by actor alone). Areas whose
    regions overlap are not added together: within a group the most recent
    area total is kept and overlapping ones are listed in `basis` instead."""
    rows = []
    for _, group in table.groupby(list(by) + ["category", "measure", "unit"], dropna=False, sort=True):
        kept, covered, skipped = [], set(), []
        for _, row in group.sort_values("as_of", ascending=False, na_position="last").iterrows():
            regions = set(regions_of(row["regions"]))
            if regions & covered:
                skipped.append(f"{row['area']} ({row['value']:g}) overlaps")
                continue
            covered |= regions
            kept.append(row)
        first = kept[0]
        rows.append({
            **{column: first[column] for column in GROUP_COLUMNS},
            "area": first["area"] if "area" in by else None,
            "regions": sorted(covered),
            "value": sum(r["value"] for r in kept),
            "report_ids": sorted({i for r in kept for i in r["report_ids"]}),
            "figure_ids": [i for r in kept for i in r["figure_ids"]],
            "basis": "; ".join([f"{r['area']}: {r['basis']}" for r in kept] + skipped),
        })
    return pd.DataFrame(rows, columns=GROUP_COLUMNS)


# --- command line ------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers aggregate",
                                     description="As-of totals per actor and area, with their reports.")
    parser.add_argument("paths", nargs="+", metavar="PATH")
    parser.add_argument("--as-of", type=date_arg, help="count what was reported up to this date (YYYY-MM-DD)")
    parser.add_argument("--since", type=date_arg, help="sum aid from this date (YYYY-MM-DD); running totals still count earlier reports")
    parser.add_argument("--by", default="actor,area", help="grouping columns (default actor,area)")
    parser.add_argument("--format", choices=["csv", "jsonl"], default="csv")
    parser.add_argument("--corrections", help="corrections CSV (default data/corrections.csv)")
    args = parser.parse_args(argv)
    if args.since and args.as_of and args.since > args.as_of:
        parser.error(f"--since {args.since} is after --as-of {args.as_of}")

    from helpers.pipeline import run_pipeline  # late import: the CLI only

    result = run_pipeline(args.paths, corrections=args.corrections, as_of=args.as_of, aid_since=args.since)
    for problem in result.problems:
        print(problem, file=sys.stderr)
    if result.reports_read == 0:
        return 2
    by = [column.strip() for column in args.by.split(",") if column.strip()]
    table = result.aggregation.table()
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
