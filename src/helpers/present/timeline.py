"""The recruits timeline: reported recruit numbers by month (by week over a short span).

One panel per actor (the largest `MAX_ACTOR_PANELS`, the rest in one "other actors"
panel), one colour per area (the largest `MAX_AREA_LINES`, the rest as "other areas"),
so the chart and its legend keep their size whatever the corpus holds. In each period a
running total is the latest one reported for the area (the areas of the "other" bucket
added, each as of that period); new arrivals are summed. Every drawn point is a row of
`timeline_table`, which the figure carries (`chart_base.attach_data`) and `charts.save`
writes beside it as `recruits_timeline.csv`, with the ids of the records the point rests
on; each drawn series has the gid `timeline-<series>` of its rows.
"""
from __future__ import annotations

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.dates import MO, AutoDateLocator, WeekdayLocator, num2date
from matplotlib.figure import Figure
from matplotlib.lines import Line2D

from helpers.present.arabic_text import label
from helpers.present.chart_base import (
    NOTE_HEIGHT,
    STYLE,
    attach_data,
    counted_once,
    figure_title,
    name,
    new_figure,
    no_data_figure,
    reading_side,
    report_count,
    reserve_bottom,
    source_note,
    text,
)
from helpers.present.labels import check_lang

MAX_ACTOR_PANELS = 4   # actors drawn in a panel of their own; more than one further actor share a panel
MAX_AREA_LINES = 6     # areas drawn in a colour of their own; more than one further area share a colour
SHORT_SPAN_DAYS = 92   # reports spanning less than this are drawn by week, longer spans by month
OTHER = "other"        # the code of the shared actor panel and the shared area colour
LEGEND_COLUMNS = 4
MARKED_STEPS = 36     # running-total steps drawn with a marker on each period up to this many periods

MARKERS = ["o", "s", "D", "^", "v", "P", "X"]
AREA_COLOURS = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b"]
OTHER_COLOUR = "#8c8c8c"
ARABIC_MONTHS = ("كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
                 "تشرين الأول", "تشرين الثاني", "كانون الأول")
TIMELINE_COLUMNS = ["series", "actor", "area", "measure", "period", "period_kind", "value", "records",
                    "figure_ids", "report_ids"]
SERIES_COLUMNS = ["id", "report_id", "actor", "area", "measure", "value", "date"]


def recruit_series(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Dated, countable recruit figures (running totals and arrivals, not vague, finite
    value), each figure once (a republished one is left out), oldest first."""
    needed = {"category", "measure", "qualifier", "report_date", "value", "id", "report_id"}
    if figures_df.empty or not needed <= set(figures_df.columns):
        return pd.DataFrame(columns=SERIES_COLUMNS)
    frame = figures_df if "repeat_of" in figures_df else counted_once(figures_df)
    keep = ((frame["category"] == "recruits") & frame["measure"].isin(["stock", "flow"])
            & (frame["qualifier"] != "vague") & frame["repeat_of"].isna())
    frame = frame[keep.to_numpy(bool)]
    values = pd.to_numeric(frame["value"], errors="coerce").astype(float)
    frame = frame.assign(value=values, date=pd.to_datetime(frame["report_date"], errors="coerce").dt.normalize())
    frame = frame[np.isfinite(frame["value"].to_numpy()) & frame["date"].notna().to_numpy()]
    return frame.sort_values(["date", "value"], kind="stable")


def timeline_table(figures_df: pd.DataFrame) -> pd.DataFrame:
    """The timeline's points, one row each: series (the drawn line, numbered panel by panel),
    actor and area (codes, "" when missing, `OTHER` for a shared bucket), measure, period
    (ISO date of the month's or Monday's week's first day), period_kind, value, records,
    figure_ids and report_ids ("|"-joined) of the records it rests on.

    A running total is the latest reported in the period for each actor and area of the
    series (by date, then the larger on one date), those of a shared bucket added as each
    stood at that period; new arrivals are summed over the period.
    """
    series = recruit_series(figures_df)
    if series.empty:
        return pd.DataFrame(columns=TIMELINE_COLUMNS)
    series = series.assign(_actor=_codes(series["actor"]), _area=_codes(series["area"]))
    kind = "week" if (series["date"].max() - series["date"].min()).days < SHORT_SPAN_DAYS else "month"
    weights = _weights(series)
    actors = _ranked(weights.groupby(level="_actor").sum(), MAX_ACTOR_PANELS)
    areas = _ranked(weights.groupby(level="_area").sum(), MAX_AREA_LINES)
    series = series.assign(panel=series["_actor"].where(series["_actor"].isin(actors), OTHER),
                           line=series["_area"].where(series["_area"].isin(areas), OTHER),
                           period=_period_start(series["date"], kind))
    parts = [_stock_points(series[series["measure"] == "stock"]), _flow_points(series[series["measure"] == "flow"])]
    points = pd.concat([part for part in parts if not part.empty], ignore_index=True)
    panel_rank = {code: i for i, code in enumerate([*actors, OTHER])}
    line_rank = {code: i for i, code in enumerate([*areas, OTHER])}
    points = points.assign(_order=list(zip(points["panel"].map(panel_rank), points["line"].map(line_rank),
                                           points["measure"].map({"stock": 0, "flow": 1}))))
    points = points.sort_values(["_order", "period"], kind="stable")
    numbers = {order: n for n, order in enumerate(sorted(set(points["_order"])))}
    return pd.DataFrame({
        "series": points["_order"].map(numbers).to_numpy(int), "actor": points["panel"].to_numpy(object),
        "area": points["line"].to_numpy(object), "measure": points["measure"].to_numpy(object),
        "period": pd.to_datetime(points["period"]).dt.strftime("%Y-%m-%d").to_numpy(object), "period_kind": kind,
        "value": points["value"].to_numpy(float), "records": points["records"].to_numpy(int),
        "figure_ids": points["figure_ids"].to_numpy(object), "report_ids": points["report_ids"].to_numpy(object),
    }, columns=TIMELINE_COLUMNS).pipe(_with_order, actors, areas)


def _with_order(table: pd.DataFrame, actors: list[str], areas: list[str]) -> pd.DataFrame:
    """Keep the areas' ranking (largest first, `OTHER` last) for the legend (`attrs["areas"]`)."""
    drawn = set(table["area"])
    table.attrs["areas"] = [a for a in [*areas, OTHER] if a in drawn]
    return table


def _codes(column: pd.Series) -> pd.Series:
    """Codes as text, "" where missing."""
    return column.astype(object).where(column.notna(), "").astype(str).astype(object)


def _weights(series: pd.DataFrame) -> pd.Series:
    """How much each (actor, area) weighs in the ranking: its largest running total
    plus its arrivals added up."""
    stock = series[series["measure"] == "stock"].groupby(["_actor", "_area"])["value"].max()
    flow = series[series["measure"] == "flow"].groupby(["_actor", "_area"])["value"].sum()
    return stock.add(flow, fill_value=0)


def _ranked(totals: pd.Series, limit: int) -> list[str]:
    """The codes drawn on their own, largest total first (ties by code): all of them when
    at most one is left over, else the first `limit` (the rest go to `OTHER`)."""
    order = sorted(totals.items(), key=lambda item: (-item[1], item[0]))
    codes = [code for code, _ in order]
    return codes if len(codes) <= limit + 1 else codes[:limit]


def _period_start(dates: pd.Series, kind: str) -> pd.Series:
    if kind == "week":
        return dates - pd.to_timedelta(dates.dt.day_of_week, unit="D")
    return dates.dt.to_period("M").dt.to_timestamp()


def _joined(values) -> str:
    return "|".join(str(v) for v in values)


def _unique_joined(values) -> str:
    return "|".join(dict.fromkeys(str(v) for v in values))


def _flow_points(flows: pd.DataFrame) -> pd.DataFrame:
    """New arrivals summed per series and period."""
    grouped = flows.groupby(["panel", "line", "period"], sort=True)
    return pd.DataFrame({
        "value": grouped["value"].sum(), "records": grouped["id"].size(),
        "figure_ids": grouped["id"].agg(_joined), "report_ids": grouped["report_id"].agg(_unique_joined),
    }).reset_index().assign(measure="flow")


def _stock_points(stocks: pd.DataFrame) -> pd.DataFrame:
    """Per series and period: the latest running total of each of its (actor, area)
    reported by then, added up (a series of one actor and area: its latest in the period)."""
    columns = ["panel", "line", "period", "value", "records", "figure_ids", "report_ids"]
    latest = stocks.drop_duplicates(["panel", "line", "_actor", "_area", "period"], keep="last")
    latest = latest.assign(_pair=latest["_actor"] + "\x1f" + latest["_area"])
    pairs = latest.groupby(["panel", "line"], sort=True)["_pair"].transform("nunique")
    single = latest[pairs.to_numpy() == 1]
    parts = [pd.DataFrame({"panel": single["panel"], "line": single["line"], "period": single["period"],
                           "value": single["value"], "records": 1, "figure_ids": single["id"].astype(str),
                           "report_ids": single["report_id"].astype(str)}, columns=columns)]
    for (panel, line), part in latest[pairs.to_numpy() > 1].groupby(["panel", "line"], sort=True):
        parts.append(_bucket_points(panel, line, part, columns))
    return pd.concat([part for part in parts if not part.empty] or [parts[0]], ignore_index=True
                     ).assign(measure="stock")


def _bucket_points(panel: str, line: str, part: pd.DataFrame, columns: list[str]) -> pd.DataFrame:
    """The points of a bucket of several (actor, area): at each period where one of them
    reported, the latest running total of each as of then, added up."""
    wide = part.pivot(index="period", columns="_pair", values=["value", "id", "report_id"]).ffill()
    values = wide["value"].to_numpy(float)
    ids, reports = wide["id"].to_numpy(object), wide["report_id"].to_numpy(object)
    present = ~np.isnan(values)
    return pd.DataFrame({
        "panel": panel, "line": line, "period": wide.index, "value": np.where(present, values, 0.0).sum(axis=1),
        "records": present.sum(axis=1), "figure_ids": [_joined(ids[row][present[row]]) for row in range(len(wide))],
        "report_ids": [_unique_joined(reports[row][present[row]]) for row in range(len(wide))]}, columns=columns)


# --- drawing ----------------------------------------------------------------------

def date_label(value: float, lang: str, day: bool = False) -> str:
    """An axis date: the year alone in January ('2018'), else 'May 2018' in English and
    'أيار 2018' in Arabic (not Latin 2018-05); with `day`, '7 May 2018' / '7 أيار 2018'."""
    when = num2date(value)
    if day:
        return label(f"{when.day} {ARABIC_MONTHS[when.month - 1]} {when.year}") if lang == "ar" \
            else f"{when.day} {when:%b %Y}"
    if when.month == 1:
        return str(when.year)
    if lang == "ar":
        return label(f"{ARABIC_MONTHS[when.month - 1]} {when.year}")
    return f"{when:%b %Y}"


def timeline(figures_df: pd.DataFrame, lang: str = "ar") -> Figure:
    """Reported recruit numbers by month (by week over a short span), one panel per actor
    (largest first): running totals as steps, arrivals as open markers, one colour per
    area; the points are `timeline_table`'s rows, attached to the figure."""
    check_lang(lang)
    n_reports = report_count(figures_df)
    title = text("timeline_title", lang)
    table = timeline_table(figures_df)
    if table.empty:
        return no_data_figure(lang, title, n_reports)
    panels = list(dict.fromkeys(table["actor"]))
    lines = table.attrs["areas"]
    colours = {area: OTHER_COLOUR if area == OTHER else AREA_COLOURS[i % len(AREA_COLOURS)]
               for i, area in enumerate(lines)}
    markers = {area: MARKERS[i % len(MARKERS)] for i, area in enumerate(lines)}
    kind = table["period_kind"].iloc[0]
    fig = new_figure(10, 1.6 + 2.1 * len(panels))
    with matplotlib.rc_context(STYLE):
        axes = fig.subplots(len(panels), 1, sharex=True, squeeze=False)[:, 0]
        for ax, panel in zip(axes, panels):
            part = table[table["actor"] == panel]
            for number, points in part.groupby("series", sort=True):
                _draw_series(ax, points, number, colours, markers)
            ax.set_title(_panel_name(panel, lang), fontsize=11, loc=reading_side(lang))
            ax.yaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
            ax.set_ylim(bottom=0, top=max(float(part["value"].max()), 1) * 1.2)
            ax.grid(axis="y", color="#e5e5e5")
            ax.spines["right"].set_visible(False)
        axes[0].set_title(_note(table, kind, lang), fontsize=9, fontweight="normal", color="#555555",
                          loc="left" if lang == "ar" else "right")
        figure_title(fig, title, lang)
        fig.supylabel(text("timeline_axis", lang), fontsize=10)
        _date_axis(axes[-1], table, kind, lang)
        _legend(fig, lines, colours, markers, lang)
    source_note(fig, n_reports, lang)
    return attach_data(fig, table)


def _draw_series(ax, points: pd.DataFrame, number: int, colours: dict, markers: dict) -> None:
    """Running totals as steps, a marker on each period while there are at most
    `MARKED_STEPS` (beyond, the steps alone); arrivals as open markers."""
    area = points["area"].iloc[0]
    x, y = pd.to_datetime(points["period"]).to_numpy(), points["value"].to_numpy(float)
    if points["measure"].iloc[0] == "stock":
        ax.plot(x, y, drawstyle="steps-post", marker=markers[area] if len(points) <= MARKED_STEPS else None,
                color=colours[area], linewidth=1.8, markersize=4, gid=f"timeline-{number}")
    else:
        ax.plot(x, y, linestyle="none", marker=markers[area], markerfacecolor="white", color=colours[area],
                markersize=6, markeredgewidth=1.3, gid=f"timeline-{number}")


def _panel_name(panel: str, lang: str) -> str:
    return text("other_actors", lang) if panel == OTHER else name("actor", panel or None, lang)


def _area_name(area: str, lang: str) -> str:
    return text("other_areas", lang) if area == OTHER else name("area", area or None, lang)


def _note(table: pd.DataFrame, kind: str, lang: str) -> str:
    note = text(f"timeline_note_{kind}", lang)
    if (table["area"] == OTHER).any() or (table["actor"] == OTHER).any():
        note = label(note + ("؛ " if lang == "ar" else "; ") + text("timeline_other_note", lang))
    return note


def _date_axis(ax, table: pd.DataFrame, kind: str, lang: str) -> None:
    """Dates from the first period to the last with half a period of room on each side;
    by week, a tick on Mondays (the first day of each drawn week)."""
    periods = pd.to_datetime(table["period"])
    room = pd.Timedelta(days=4 if kind == "week" else 16)
    ax.set_xlim(periods.min() - room, periods.max() + room)
    ax.set_xlabel(text(f"timeline_date_{kind}", lang))
    if kind == "week":
        weeks = (periods.max() - periods.min()).days // 7 + 1
        ax.xaxis.set_major_locator(WeekdayLocator(byweekday=MO, interval=-(-weeks // 6)))
    else:
        ax.xaxis.set_major_locator(AutoDateLocator(minticks=3, maxticks=7))
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: date_label(v, lang, day=kind == "week")))


def _legend(fig: Figure, lines: list[str], colours: dict, markers: dict, lang: str) -> None:
    """One legend for the figure: a colour per area, then what a line and an open marker mean."""
    handles = [Line2D([], [], color=colours[a], marker=markers[a], linewidth=1.8, markersize=5,
                      label=_area_name(a, lang)) for a in lines]
    handles += [Line2D([], [], color="#555555", marker="o", markersize=4, drawstyle="steps-post",
                       label=text("timeline_stock", lang)),
                Line2D([], [], color="#555555", marker="o", markerfacecolor="white", linestyle="none",
                       markersize=6, label=text("timeline_flow", lang))]
    columns = min(len(handles), LEGEND_COLUMNS)
    rows = -(-len(handles) // columns)
    fig.legend(handles=legend_order(handles, columns, rtl=lang == "ar"), loc="lower center", ncols=columns,
               fontsize=9, bbox_to_anchor=(0.5, NOTE_HEIGHT / fig.get_figheight()))
    reserve_bottom(fig, NOTE_HEIGHT + 0.15 + 0.28 * rows)


def legend_order(handles: list, columns: int, rtl: bool) -> list:
    """`handles` in the order matplotlib's legend takes them (column by column) so that they
    read row by row: from the left, or with `rtl` from the right; the last row is filled up
    with blank entries on the side reading ends."""
    rows = -(-len(handles) // columns)
    padded = handles + [Line2D([], [], linestyle="none", label=" ")] * (rows * columns - len(handles))
    grid = [padded[row * columns:(row + 1) * columns] for row in range(rows)]
    if rtl:
        grid = [row[::-1] for row in grid]
    return [grid[row][column] for column in range(columns) for row in range(rows)]
