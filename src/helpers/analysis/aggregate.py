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

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.cells import is_missing, regions_of
from helpers.ingest.normalise import normalise_key

REPEAT_DAYS = 7
CONTRADICTION_DAYS = 14
GROUP_COLUMNS = ["actor", "area", "regions", "category", "measure", "unit", "value", "as_of",
                 "report_ids", "figure_ids", "basis", "conflicts", "destination"]
_GROUP = ["actor", "area", "_destination"]  # places abroad are told apart: Libya is not Azerbaijan
_SAME_FIGURE = ["category", "measure", "actor", "area", "unit", "value"]
_SUMMABLE = ["aid_recipients", "aid_amount"]


# Figure columns aggregation never reads: a store is aggregated without them (`sentence`
# is read back for the contradictions' rows alone), so a large one fits in memory.
NOT_AGGREGATED = ("text", "sentence", "actor_text", "basis", "sentence_start", "end", "confidence", "type")

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
    matched with the first record kept for its own figure from another report
    of its group or dated within `days` (`_Kept` finds it without a scan).
    """
    frame = figures.assign(repeat_of=None)   # the other columns are shared, not copied
    if frame.empty:
        return frame
    groups = report_groups or {}
    order = frame[["report_date", "report_id", "start", "id", *_SAME_FIGURE]].assign(_date=_dates(frame))
    order = order.sort_values(["_date", "report_id", "start"], na_position="last", kind="stable")
    keys = _group_codes(order, _SAME_FIGURE, sort=False)
    seen_more_than_once = np.bincount(keys)[keys] > 1
    positions = np.flatnonzero(seen_more_than_once)
    ids = order["id"].to_numpy(object)[positions]
    reports = order["report_id"].to_numpy(object)[positions]
    stamps = _nanoseconds(order["_date"])[positions].tolist()
    repeat_of = np.full(len(order), None, dtype=object)
    first_seen: dict[int, _Kept] = {}
    for slot, key, record_id, report, stamp in zip(positions, keys[positions].tolist(), ids, reports, stamps):
        group = groups.get(report, report)
        kept = first_seen.get(key)
        if kept is None:
            kept = first_seen[key] = _Kept()
        match = kept.first_match(report, group, stamp, days)
        if match is None:
            kept.add(record_id, stamp, group, report)
        else:
            repeat_of[slot] = match
    frame.loc[order.index, "repeat_of"] = repeat_of
    frame["repeat_of"] = frame["repeat_of"].astype(object).where(frame["repeat_of"].notna(), None)
    return frame


class _Kept:
    """The records kept (not repeats) of one figure, in the date order they were met,
    indexed by near-duplicate group and by date: the first one a new record repeats
    is found in a few steps, not by a scan of them all."""

    def __init__(self):
        self.ids: list[str] = []
        self.reports: list = []
        self.by_group: dict = {}
        self.dated: list[int] = []         # positions of the dated records kept
        self.dated_stamps: list[int] = []  # their dates (nanoseconds), ascending as met

    def add(self, record_id, stamp: int, group, report) -> None:
        self.by_group.setdefault(group, []).append(len(self.ids))
        if stamp != _NAT:
            self.dated.append(len(self.ids))
            self.dated_stamps.append(stamp)
        self.ids.append(record_id)
        self.reports.append(report)

    def first_match(self, report, group, stamp: int, days: int):
        """The id of the first record kept from another report that is in `group` or
        dated at most `days` whole days before `stamp` (records come in date order), or None."""
        best = len(self.ids)
        for position in self.by_group.get(group, ()):
            if self.reports[position] != report:
                best = position
                break
        if stamp != _NAT:
            # whole days apart ≤ days ⇔ kept date > stamp − (days + 1) days (never later than stamp)
            first_close = bisect.bisect_right(self.dated_stamps, stamp - (days + 1) * DAY_NS)
            for position in self.dated[first_close:]:
                if position >= best:
                    break
                if self.reports[position] != report:
                    best = position
                    break
        return self.ids[best] if best < len(self.ids) else None


def _countable(figures: pd.DataFrame, category: str | Sequence[str]) -> pd.DataFrame:
    categories = [category] if isinstance(category, str) else list(category)
    frame = figures[figures["category"].isin(categories) & (figures["qualifier"] != "vague")]
    if "repeat_of" in frame:
        frame = frame[frame["repeat_of"].isna()]
    destination = np.full(len(frame), "", dtype=object)
    abroad = np.flatnonzero((frame["area"] == "abroad").to_numpy(bool, na_value=False))
    if len(abroad):
        codes, texts = pd.factorize(frame["area_text"].to_numpy(object)[abroad])   # each text normalised once
        keys = np.array([normalise_key(text) if isinstance(text, str) else "" for text in texts] + [""], dtype=object)
        destination[abroad] = keys[codes]   # code -1 (missing) takes the last key, ""
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
            latest = _by_date(targets_by_group[code], dates, undated_first=True)[-1]
            value = columns.arrays["value"][latest]
            rows.append(_row(columns, latest, "target", value, [latest], f"target {value:g}"))
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
    latest_stamp = stamp[latest_position]
    flows = np.asarray(flows, dtype=np.int64)
    later = flows[(stamp[flows] != _NAT) & (stamp[flows] > latest_stamp)] if latest_stamp != _NAT else flows[:0]
    values = columns.arrays["value"]
    value = values[latest_position] + (np.sum(values[later]) if len(later) else 0)
    basis = f"total {values[latest_position]:g} on {columns.arrays['report_date'][latest_position]}"
    if len(later):
        basis += " + new arrivals " + " + ".join(f"{values[p]:g}" for p in later)
    row = _row(columns, latest_position, "stock", value, [latest_position, *later], basis)
    row["conflicts"] = _conflicts_with(columns, latest_position, stocks, stamp, days)
    return row


def _flows_only(columns: _Columns, flows: np.ndarray) -> dict:
    values = columns.arrays["value"][flows]
    basis = "new arrivals " + " + ".join(f"{v:g}" for v in values) + " (no running total reported)"
    return _row(columns, flows[-1], "flow", pd.Series(values).sum(), flows, basis)


def _conflicts_with(columns: _Columns, latest: int, stocks: np.ndarray, stamp: np.ndarray, days: int) -> list[dict]:
    """Other sources' running totals close to the chosen one that disagree with it."""
    gap = np.abs(_day_gap(stamp[stocks], np.full(len(stocks), stamp[latest])))
    values, reports = columns.arrays["value"][stocks], columns.arrays["report_id"][stocks]
    disagree = (gap <= days) & (values != values[-1]) & (reports != reports[-1])
    arrays = columns.arrays
    return [{"value": arrays["value"][p], "report_id": arrays["report_id"][p],
             "report_date": arrays["report_date"][p], "source": arrays["source"][p]} for p in stocks[disagree]]


def _row(columns: _Columns, latest_position: int, measure: str | None, value, positions: Sequence[int],
         basis: str) -> dict:
    """An output row for the records at `positions`, described by the one at `latest_position`."""
    latest = columns.record(latest_position)
    arrays = columns.arrays
    return {
        "actor": latest["actor"], "area": latest["area"], "regions": regions_of(latest["regions"]),
        "category": latest["category"], "measure": measure, "unit": latest["unit"], "value": value,
        "as_of": max((d for d in arrays["report_date"][positions] if not is_missing(d) and d), default=None),
        "report_ids": sorted(set(arrays["report_id"][positions])),
        "figure_ids": list(arrays["id"][positions]), "basis": basis, "conflicts": [],
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
        basis = " + ".join(f"{v:g}" for v in values[positions])
        row = _row(columns, positions[-1], None, pd.Series(values[in_frame_order[code]]).sum(), positions, basis)
        row["regions"] = sorted({region for cell in columns.arrays["regions"][positions]
                                 for region in regions_of(cell)})
        rows.append(row)
    return _table(rows, None)


CONTRADICTION_COLUMNS = ["actor", "area", "value_a", "report_a", "date_a", "source_a", "sentence_a",
                         "value_b", "report_b", "date_b", "source_b", "sentence_b", "figure_a", "figure_b"]


def contradictions(figures: pd.DataFrame, days: int = CONTRADICTION_DAYS) -> pd.DataFrame:
    """Running totals that disagree with the one before them: for each running total
    (side b), the latest earlier total of the same actor and area (and destination)
    from another report, within `days`, that gives a different value (side a).
    Both sides keep their sources.

    One row at most per running total, so the table grows with the corpus, not with
    the square of its density; no disagreement is lost: a total that differs from
    any earlier one of another report within the window is side b of a row.
    Undated totals (sorted after the dated ones) are compared with the total before them."""
    stocks = _countable(figures, "recruits")
    stocks = stocks[stocks["measure"] == "stock"].reset_index(drop=True)
    if stocks.empty:
        return pd.DataFrame([], columns=CONTRADICTION_COLUMNS)
    codes = _group_codes(stocks, _GROUP, sort=True)
    by_date = _by_date(np.arange(len(stocks)), stocks["_date"].to_numpy(), undated_first=False)
    order = by_date[np.argsort(codes[by_date], kind="stable")]
    stocks, codes = stocks.iloc[order].reset_index(drop=True), codes[order]
    reports = stocks["report_id"].to_numpy(object)
    previous = _previous_disagreeing(codes, stocks["value"].to_numpy(object), pd.factorize(reports)[0],
                                     _nanoseconds(stocks["_date"]), days)
    second = np.flatnonzero(previous >= 0)
    first = previous[second]
    table = pd.DataFrame({"actor": stocks["actor"].to_numpy(object)[first],
                          "area": stocks["area"].to_numpy(object)[first]})
    missing = pd.Series(None, index=stocks.index, dtype=object)
    source, sentence = (stocks.get(name, missing) for name in ("source", "sentence"))
    for side, positions in (("a", first), ("b", second)):
        table[f"value_{side}"] = stocks["value"].to_numpy()[positions]
        table[f"report_{side}"] = reports[positions]
        table[f"date_{side}"] = stocks["report_date"].to_numpy(object)[positions]
        table[f"source_{side}"] = source.to_numpy(object)[positions]
        table[f"sentence_{side}"] = sentence.to_numpy(object)[positions]
        table[f"figure_{side}"] = stocks["id"].to_numpy(object)[positions]
    return table[CONTRADICTION_COLUMNS]


def _previous_disagreeing(codes: np.ndarray, values: np.ndarray, reports: np.ndarray, stamp: np.ndarray,
                          days: int) -> np.ndarray:
    """For rows sorted by group, then date (undated last): the position of the latest
    earlier row of the same group with another value and another report, dated at most
    `days` before (any, when either is undated), else -1.

    Each row walks back from the row before it, skipping at once the whole run of
    rows that share its value, or its report: the walk is a few jumps, never a scan
    of every pair, and stops at the window's edge."""
    n = len(codes)
    found = np.full(n, -1, dtype=np.int64)
    if n == 0:
        return found
    positions = np.arange(n)
    new_group = np.r_[True, codes[1:] != codes[:-1]]
    group_start = np.maximum.accumulate(np.where(new_group, positions, 0))
    value_start = _run_starts(new_group | np.r_[True, values[1:] != values[:-1]])
    report_start = _run_starts(new_group | np.r_[True, reports[1:] != reports[:-1]])
    undated = stamp == _NAT
    rows, candidate = positions[1:], positions[:-1]
    while len(rows):
        inside = candidate >= group_start[rows]
        close = undated[rows] | undated[candidate] | ((stamp[rows] - stamp[candidate]) // DAY_NS <= days)
        rows, candidate = rows[inside & close], candidate[inside & close]
        same_value = values[candidate] == values[rows]
        same_report = reports[candidate] == reports[rows]
        done = ~same_value & ~same_report
        found[rows[done]] = candidate[done]
        skip_value, skip_report = same_value[~done], same_report[~done]
        rows, candidate = rows[~done], candidate[~done]
        jump = np.minimum(np.where(skip_value, value_start[candidate], candidate),
                          np.where(skip_report, report_start[candidate], candidate))
        candidate = jump - 1
    return found


def _run_starts(starts_here: np.ndarray) -> np.ndarray:
    """For each position, the first position of its run (`starts_here` marks run starts)."""
    positions = np.arange(len(starts_here))
    return np.maximum.accumulate(np.where(starts_here, positions, 0))


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
