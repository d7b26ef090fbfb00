"""The as-of totals as the report shows them, shared by the summary, the charts and the totals table.

One number has one meaning on every part of the page, so all three read
their rows from here:
- `recruit_rows`: one row per recruits total (running total or new arrivals),
  with `place` naming the area, or the destination for fighters sent abroad
  (Libya and Azerbaijan are two rows, never one "abroad");
- `split_items`: aid counted in `item` is not summed across kinds of item
  (school bags and water bottles are two rows);
- `item_kind`: the word after the number, naming what the items are.
"""
from __future__ import annotations

import pandas as pd

from helpers.cells import is_missing, regions_of
from helpers.present.labels import destination_name, display_name

RECRUIT_MEASURES = ("stock", "flow")


def place_name(row: dict, lang: str) -> str:
    """Where a total is: the area's name, or the destination for 'abroad'."""
    if row.get("area") == "abroad":
        return destination_name(row.get("destination"), lang)
    return display_name("area", None if is_missing(row.get("area")) else row.get("area"), lang)


def recruit_rows(totals: pd.DataFrame) -> pd.DataFrame:
    """Recruits totals (running totals and new arrivals), largest first; targets left out.

    Keeps the totals table's index, so a row can be found again in it."""
    needed = {"category", "measure", "value"}
    if totals.empty or not needed <= set(totals.columns):
        return pd.DataFrame(columns=list(totals.columns) + ["total_row"])
    rows = totals[(totals["category"] == "recruits") & totals["measure"].isin(RECRUIT_MEASURES)]
    rows = rows.assign(total_row=rows.index)
    return rows.sort_values("value", ascending=False, kind="stable")


def item_kind(figure: dict) -> str:
    """The first word after the number: '2500 حقيبة مدرسية' → 'حقيبة'; '' when none."""
    sentence = figure.get("sentence")
    try:
        at = int(figure.get("end")) - int(figure.get("sentence_start"))
    except (TypeError, ValueError):
        return ""
    if not isinstance(sentence, str) or not 0 <= at <= len(sentence):
        return ""
    words = sentence[at:].replace("،", " ").replace(",", " ").split()
    return words[0].strip(".:؛") if words else ""


def split_items(totals: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """Aid totals in `item` units that add different kinds of item become one row
    per kind (`item_kind` set); every other row is kept as it is."""
    if totals.empty or "unit" not in totals or figures.empty or "id" not in figures:
        return totals.assign(item_kind=None) if not totals.empty else totals
    by_id = {str(row["id"]): row for row in figures.to_dict("records")}
    rows = []
    for index, row in totals.iterrows():
        record = row.to_dict() | {"item_kind": None, "total_row": index}
        if row.get("unit") != "item":
            rows.append(record)
            continue
        groups: dict[str, list[dict]] = {}
        for figure_id in regions_of(row.get("figure_ids")):
            figure = by_id.get(figure_id)
            if figure is not None:
                groups.setdefault(item_kind(figure), []).append(figure)
        if len(groups) <= 1:
            rows.append(record | {"item_kind": next(iter(groups), None)})
            continue
        for kind, members in groups.items():
            rows.append(record | {
                "item_kind": kind, "value": sum(float(f["value"]) for f in members),
                "figure_ids": [str(f["id"]) for f in members],
                "report_ids": sorted({str(f["report_id"]) for f in members}),
                "as_of": max((f["report_date"] for f in members if not is_missing(f.get("report_date"))),
                             default=row.get("as_of")),
                "basis": " + ".join(f"{float(f['value']):g}" for f in members),
            })
    return pd.DataFrame(rows).reset_index(drop=True)
