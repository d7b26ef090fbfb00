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
- corrections from data/corrections.csv are applied first (`helpers.analysis.corrections`).
"""
from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.present.labels import is_missing, regions_of
from helpers.ingest.normalise import normalise_key

REPEAT_DAYS = 7
CONTRADICTION_DAYS = 14
GROUP_COLUMNS = ["actor", "area", "regions", "category", "measure", "unit", "value", "as_of",
                 "report_ids", "figure_ids", "basis", "conflicts", "destination"]
_GROUP = ["actor", "area", "_destination"]  # places abroad are told apart: Libya is not Azerbaijan
_SAME_FIGURE = ["category", "measure", "actor", "area", "unit", "value"]
_SUMMABLE = ["aid_recipients", "aid_amount"]


DAY_NS = 86_400 * 10**9
_NAT = np.iinfo(np.int64).min  # NaT as int64: sorts before every date


def _dates(frame: pd.DataFrame) -> pd.Series:
    return pd.to_datetime(frame["report_date"], errors="coerce")


def _nanoseconds(dates: pd.Series) -> np.ndarray:
    """Dates as int64 nanoseconds (NaT is the smallest int64)."""
    return dates.to_numpy(dtype="datetime64[ns]").view(np.int64)


def _day_gap(later: np.ndarray, earlier: np.ndarray) -> np.ndarray:
    """Whole days from `earlier` to `later` (floored like Timedelta.days); NaN when either is undated."""
    gap = np.floor_divide(later - earlier, DAY_NS).astype(float)
    gap[(later == _NAT) | (earlier == _NAT)] = np.nan
    return gap


def _group_codes(frame: pd.DataFrame, keys: list[str], sort: bool) -> np.ndarray:
    """One integer per distinct key (missing values are a key of their own)."""
    if frame.empty:
        return np.zeros(0, dtype=np.int64)
    return frame.groupby(keys, dropna=False, sort=sort).ngroup().to_numpy()


def _bounds(codes: np.ndarray) -> dict[int, tuple[int, int]]:
    """For codes sorted ascending: code → (first, end) positions of its run."""
    if len(codes) == 0:
        return {}
    starts = np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])
    ends = np.r_[starts[1:], len(codes)]
    return {int(codes[s]): (int(s), int(e)) for s, e in zip(starts, ends)}


def mark_repeats(figures: pd.DataFrame, report_groups: dict[str, str] | None = None,
                 days: int = REPEAT_DAYS) -> pd.DataFrame:
    """Add `repeat_of`: the id of the first record of the same figure, or None.

    Two records are the same figure when value, unit, category, measure, actor
    and area agree and they come from reports in one near-duplicate group
    (`report_groups`: report id → group id) or lie within `days` of each other.
    A figure seen once is never a repeat (found for all records at once); the
    records of figures seen more than once are then walked in date order, each
    compared only with the first records kept for its own figure.
    """
    frame = figures.copy()
    frame["repeat_of"] = None
    if frame.empty:
        return frame
    groups = report_groups or {}
    order = frame.assign(_date=_dates(frame)).sort_values(["_date", "report_id", "start"], na_position="last",
                                                          kind="stable")
    keys = _group_codes(order, _SAME_FIGURE, sort=False)
    seen_more_than_once = np.bincount(keys)[keys] > 1
    positions = np.flatnonzero(seen_more_than_once)
    ids = order["id"].to_numpy(object)[positions]
    reports = order["report_id"].to_numpy(object)[positions]
    stamps = _nanoseconds(order["_date"])[positions]
    repeat_of = np.full(len(order), None, dtype=object)
    first_seen: dict[int, list[tuple]] = {}
    for slot, key, record_id, report, stamp in zip(positions, keys[positions], ids, reports, stamps):
        group = groups.get(report, report)
        for kept_id, kept_stamp, kept_group, kept_report in first_seen.get(key, ()):
            if kept_report == report:
                continue
            close = kept_stamp != _NAT and stamp != _NAT and abs((stamp - kept_stamp) // DAY_NS) <= days
            if kept_group == group or close:
                repeat_of[slot] = kept_id
                break
        else:
            first_seen.setdefault(key, []).append((record_id, stamp, group, report))
    frame.loc[order.index, "repeat_of"] = repeat_of
    frame["repeat_of"] = frame["repeat_of"].astype(object).where(frame["repeat_of"].notna(), None)
    return frame


def _countable(figures: pd.DataFrame, category: str | Sequence[str]) -> pd.DataFrame:
    categories = [category] if isinstance(category, str) else list(category)
    frame = figures[figures["category"].isin(categories) & (figures["qualifier"] != "vague")]
    if "repeat_of" in frame:
        frame = frame[frame["repeat_of"].isna()]
    abroad = (frame["area"] == "abroad") & frame["area_text"].map(lambda text: isinstance(text, str), na_action="ignore").fillna(False).astype(bool)
    destination = pd.Series("", index=frame.index, dtype=object)
    destination[abroad] = frame.loc[abroad, "area_text"].map(normalise_key)
    return frame.assign(_date=_dates(frame), _destination=destination)


def _within(frame: pd.DataFrame, since: str | None, until: str | None) -> pd.DataFrame:
    if since:
        frame = frame[frame["_date"] >= pd.Timestamp(since)]
    if until:
        frame = frame[frame["_date"] <= pd.Timestamp(until)]
    return frame


class _Columns:
    """A table's columns as plain arrays, in one order, for building output rows."""

    NAMES = ("id", "report_id", "report_date", "value", "actor", "area", "regions", "category",
             "unit", "area_text", "source", "sentence")

    def __init__(self, frame: pd.DataFrame):
        self.arrays = {name: (frame[name].to_numpy(object) if name in frame else np.full(len(frame), None, object))
                       for name in self.NAMES}
        self.stamp = _nanoseconds(frame["_date"]) if "_date" in frame else None

    def record(self, position: int) -> dict:
        return {name: array[position] for name, array in self.arrays.items()}

    def records(self, positions) -> list[dict]:
        return [self.record(p) for p in positions]


def _sorted(frame: pd.DataFrame, codes: np.ndarray, undated_first: bool, *then: str) -> np.ndarray:
    """Positions of `frame` ordered by group code, date (undated first or last), `then`
    columns and original order: the order `_oldest_first` and the old loops used."""
    stamp = _nanoseconds(frame["_date"])
    undated = stamp == _NAT
    keys = [np.arange(len(frame))]
    keys += [pd.to_numeric(frame[column], errors="coerce").to_numpy(float) for column in reversed(then)]
    keys += [stamp, undated if not undated_first else ~undated, codes]
    return np.lexsort(keys)


def recruits_as_of(figures: pd.DataFrame, as_of: str | None = None,
                   contradiction_days: int = CONTRADICTION_DAYS) -> pd.DataFrame:
    """One row per actor and area: the latest running total as of `as_of`
    plus later new arrivals, and one row per actor and area for the latest target."""
    frame = _within(_countable(figures, "recruits"), None, as_of).reset_index(drop=True)
    if frame.empty:
        return _table([], as_of)
    codes = _group_codes(frame, _GROUP, sort=True)
    columns = _Columns(frame)
    measure = frame["measure"].to_numpy(object)
    stamp = columns.stamp
    stocks = np.flatnonzero(measure == "stock")
    stock_order = stocks[_sorted(frame.iloc[stocks], codes[stocks], True, "value")]
    stock_bounds = _bounds(codes[stock_order])
    flows_by_group = _positions_by_code(codes, np.flatnonzero(measure == "flow"))
    targets_by_group = _positions_by_code(codes, np.flatnonzero(measure == "target"))
    dates = frame["_date"].to_numpy()
    rows = []
    for code in range(int(codes.max()) + 1):
        if code in stock_bounds:
            first, end = stock_bounds[code]
            rows.append(_stock_row(columns, stock_order[first:end], flows_by_group.get(code, ()),
                                   stamp, contradiction_days))
        elif code in flows_by_group:
            rows.append(_flows_only(columns, _by_date(flows_by_group[code], dates, undated_first=True)))
        if code in targets_by_group:
            latest = columns.record(_by_date(targets_by_group[code], dates, undated_first=True)[-1])
            rows.append(_row(latest, "target", latest["value"], [latest], f"target {latest['value']:g}"))
    return _table(rows, as_of)


def _by_date(positions: np.ndarray, dates: np.ndarray, undated_first: bool) -> np.ndarray:
    """`positions` ordered by date as pandas' `sort_values` on one date column orders them
    (numpy's quicksort of the dated ones, the undated ones apart in their order): ties
    between equal dates come out exactly as they always have."""
    chosen = dates[positions]
    undated = np.isnat(chosen)
    dated = positions[~undated][np.argsort(chosen[~undated], kind="quicksort")]
    return np.concatenate([positions[undated], dated] if undated_first else [dated, positions[undated]])


def _positions_by_code(codes: np.ndarray, positions: np.ndarray) -> dict[int, np.ndarray]:
    """code → the given positions with that code, in their given order."""
    order = positions[np.argsort(codes[positions], kind="stable")]
    return {code: order[first:end] for code, (first, end) in _bounds(codes[order]).items()}


def _stock_row(columns: _Columns, stocks: np.ndarray, flows: np.ndarray, stamp: np.ndarray, days: int) -> dict:
    """The latest running total plus the new arrivals reported after it (`stocks` oldest first)."""
    latest_position = stocks[-1]
    latest = columns.record(latest_position)
    latest_stamp = stamp[latest_position]
    later = [p for p in flows if latest_stamp != _NAT and stamp[p] != _NAT and stamp[p] > latest_stamp]
    values = columns.arrays["value"]
    value = latest["value"] + (np.sum(values[later]) if later else 0)
    basis = f"total {latest['value']:g} on {latest['report_date']}"
    if later:
        basis += " + new arrivals " + " + ".join(f"{values[p]:g}" for p in later)
    row = _row(latest, "stock", value, [latest, *columns.records(later)], basis)
    row["conflicts"] = _conflicts_with(columns, latest_position, stocks, stamp, days)
    return row


def _flows_only(columns: _Columns, flows: np.ndarray) -> dict:
    values = columns.arrays["value"][flows]
    basis = "new arrivals " + " + ".join(f"{v:g}" for v in values) + " (no running total reported)"
    return _row(columns.record(flows[-1]), "flow", pd.Series(values).sum(), columns.records(flows), basis)


def _conflicts_with(columns: _Columns, latest: int, stocks: np.ndarray, stamp: np.ndarray, days: int) -> list[dict]:
    """Other sources' running totals close to the chosen one that disagree with it."""
    gap = np.abs(_day_gap(stamp[stocks], np.full(len(stocks), stamp[latest])))
    values, reports = columns.arrays["value"][stocks], columns.arrays["report_id"][stocks]
    disagree = (gap <= days) & (values != values[-1]) & (reports != reports[-1])
    arrays = columns.arrays
    return [{"value": arrays["value"][p], "report_id": arrays["report_id"][p],
             "report_date": arrays["report_date"][p], "source": arrays["source"][p]} for p in stocks[disagree]]


def _row(latest: dict, measure: str | None, value, records: Iterable[dict], basis: str) -> dict:
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
    frame = _within(_countable(figures, _SUMMABLE), since, until).reset_index(drop=True)
    if frame.empty:
        return _table([], None)
    codes = _group_codes(frame, _GROUP + ["category", "unit"], sort=True)
    columns = _Columns(frame)
    in_frame_order = _positions_by_code(codes, np.arange(len(frame)))
    dates = frame["_date"].to_numpy()
    values = columns.arrays["value"]
    rows = []
    for code in sorted(in_frame_order):
        positions = _by_date(in_frame_order[code], dates, undated_first=False)
        records = columns.records(positions)
        basis = " + ".join(f"{r['value']:g}" for r in records)
        row = _row(records[-1], None, pd.Series(values[in_frame_order[code]]).sum(), records, basis)
        row["regions"] = sorted({code for r in records for code in regions_of(r["regions"])})
        rows.append(row)
    return _table(rows, None)


CONTRADICTION_COLUMNS = ["actor", "area", "value_a", "report_a", "date_a", "source_a", "sentence_a",
                         "value_b", "report_b", "date_b", "source_b", "sentence_b"]


def contradictions(figures: pd.DataFrame, days: int = CONTRADICTION_DAYS) -> pd.DataFrame:
    """Pairs of running totals for one actor and area, from different reports on
    close dates, that give different values. Both sides keep their sources.

    Stocks are sorted by group and date; each stock is paired only with the
    later ones inside its window (found by binary search), never with all."""
    stocks = _countable(figures, "recruits")
    stocks = stocks[stocks["measure"] == "stock"].reset_index(drop=True)
    if stocks.empty:
        return pd.DataFrame([], columns=CONTRADICTION_COLUMNS)
    codes = _group_codes(stocks, _GROUP, sort=True)
    by_date = _by_date(np.arange(len(stocks)), stocks["_date"].to_numpy(), undated_first=False)
    order = by_date[np.argsort(codes[by_date], kind="stable")]
    stocks, codes = stocks.iloc[order].reset_index(drop=True), codes[order]
    first, second = _window_pairs(codes, _nanoseconds(stocks["_date"]), days)
    values, reports = stocks["value"].to_numpy(object), stocks["report_id"].to_numpy(object)
    keep = (values[first] != values[second]) & (reports[first] != reports[second])
    first, second = first[keep], second[keep]
    table = pd.DataFrame({"actor": stocks["actor"].to_numpy(object)[first],
                          "area": stocks["area"].to_numpy(object)[first]})
    source = stocks["source"] if "source" in stocks else pd.Series(None, index=stocks.index, dtype=object)
    for side, positions in (("a", first), ("b", second)):
        table[f"value_{side}"] = stocks["value"].to_numpy()[positions]
        table[f"report_{side}"] = reports[positions]
        table[f"date_{side}"] = stocks["report_date"].to_numpy(object)[positions]
        table[f"source_{side}"] = source.to_numpy(object)[positions]
        table[f"sentence_{side}"] = stocks["sentence"].to_numpy(object)[positions]
    return table[CONTRADICTION_COLUMNS]


def _window_pairs(codes: np.ndarray, stamp: np.ndarray, days: int) -> tuple[np.ndarray, np.ndarray]:
    """(i, j) with i < j in one group (rows sorted by group, then date, undated last)
    such that j is dated at most `days` after i; an undated j pairs with i when no
    dated record of the group lies beyond i's window (the walk reaches it), and an
    undated i pairs with every later (undated) one."""
    n = len(codes)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    undated = stamp == _NAT
    group_end = np.searchsorted(codes, codes, side="right")
    dated_end = group_end - np.bincount(codes[undated], minlength=int(codes.max()) + 1)[codes]
    # the first dated record of the group more than `days` after each one
    beyond = np.searchsorted(_group_time_key(codes, np.where(undated, _LATEST, stamp)),
                             _group_time_key(codes, np.where(undated, _LATEST, stamp + (days + 1) * DAY_NS)))
    window_end = np.where(undated | (beyond >= dated_end), group_end, beyond)
    counts = np.maximum(window_end - np.arange(n) - 1, 0)
    first = np.repeat(np.arange(n), counts)
    offsets = np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    return first, first + 1 + offsets


_LATEST = np.int64(2**62)  # stands for "undated": after every date
_SECONDS = 2**35           # report dates fit in ±2^34 seconds around 1970 (datetime64[ns] spans ±2^33)


def _group_time_key(codes: np.ndarray, stamp: np.ndarray) -> np.ndarray:
    """One sortable int64 per (group code, time to the second); undated after every date."""
    seconds = np.where(stamp == _LATEST, _SECONDS - 1, np.floor_divide(stamp, 10**9) + _SECONDS // 2)
    return codes.astype(np.int64) * _SECONDS + np.clip(seconds, 0, _SECONDS - 1)


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
