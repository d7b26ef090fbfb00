"""Charts an analyst can send: recruits, aid, incentives, timeline, map.

Every function takes a DataFrame of contract records (or an aggregated
table from `helpers.analysis.aggregate`) and returns a matplotlib `Figure` with
labels in Arabic (`lang="ar"`) or English (`lang="en"`); `save()` writes it
as PNG and SVG, and beside them as CSV the table a chart's numbers come from when it
carries one (`chart_base.attach_data`: the timeline's points with their record ids; the
recruits bars name their totals-table row in each bar's gid instead). Arabic strings pass
through `arabic_text.label()`, which shapes them only on a matplotlib that cannot (see
that module). The shared pieces are in `chart_base`, the map in `chart_map`, the timeline
in `timeline`.
Figures are built with `matplotlib.figure.Figure` (not pyplot), so nothing
is left open and notebooks show each chart once.
"""
from __future__ import annotations

import math
from collections.abc import Mapping
from pathlib import Path

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import ticker
from matplotlib.figure import Figure

from helpers.cells import is_missing, regions_of
from helpers.analysis.aggregate import aid_totals, recruits_as_of
from helpers.present.arabic_text import label, ltr
from helpers.present.chart_base import (
    ACTOR_COLOURS,
    NOTE_HEIGHT,
    STYLE,
    chart_data,
    counted_once,
    figure_title,
    format_value,
    name,
    new_figure,
    no_data_figure,
    reading_side,
    report_count,
    reserve_bottom,
    source_note,
    text,
)
from helpers.present.chart_map import (  # noqa: F401 - the map's names, as charts.<name>
    NO_VALUE_COLOUR,
    UNDOF_COLOUR,
    class_bounds,
    governorate_map,
    governorate_values,
    wider_areas,
)
from helpers.present.labels import UNIT_ORDER, check_lang, governorate_names
from helpers.present.timeline import date_label, recruit_series, timeline, timeline_table
from helpers.present.totals_view import place_name, recruit_rows, split_items
from helpers.store.csv_pieces import write_csv_piece


# --- shared layout ---------------------------------------------------------------

def _stacked_bars(ax, table: pd.DataFrame, category_labels: list[str], lang: str, axis_label: str) -> None:
    """Horizontal bars, one row per category (largest on top), stacked by actor.

    `table` has columns row (0..n-1, top first), actor, value. Arabic mirrors
    the axis: bars grow leftwards from names on the right.
    """
    rows = len(category_labels)
    if rows == 0 or table.empty:   # an empty panel: nothing to stack
        ax.set_axis_off()
        return
    actor_order = table.groupby("actor", dropna=False)["value"].sum().sort_values(ascending=False).index
    left = np.zeros(rows)
    for actor in actor_order:
        part = table[table["actor"].isna()] if is_missing(actor) else table[table["actor"] == actor]
        widths = np.zeros(rows)
        for row, value in zip(part["row"], part["value"]):
            widths[row] += value
        ax.barh(np.arange(rows), widths, left=left, height=0.65, label=name("actor", actor, lang),
                color=ACTOR_COLOURS.get(None if is_missing(actor) else actor, "#7f8c8d"),
                edgecolor="white", linewidth=0.6)
        left += widths
    for row, total in enumerate(left):
        ax.text(total, row, f" {format_value(total)} ", va="center", ha="left", fontsize=9, color="#333333")
    ax.set_yticks(np.arange(rows), category_labels)
    ax.set_ylim(rows - 0.5, -0.5)  # first row on top
    ax.set_xlim(0, max(left.max(), 1) * 1.15)
    ax.set_xlabel(axis_label)
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    _mirror_for_arabic(ax, lang)


def _actor_legend(fig: Figure, axes, lang: str) -> None:
    """One legend of actors for the whole figure, under the plots."""
    handles: dict = {}
    for ax in axes:
        for handle, text_ in zip(*ax.get_legend_handles_labels()):
            handles.setdefault(text_, handle)
    items = list(handles.items())[::-1] if lang == "ar" else list(handles.items())  # read from the right
    if not items:   # only empty panels: no actor to name
        return
    columns = min(len(items), 6)
    height = fig.get_figheight()
    fig.legend([h for _, h in items], [t for t, _ in items], loc="lower center", ncols=columns, fontsize=9,
               bbox_to_anchor=(0.5, NOTE_HEIGHT / height))
    reserve_bottom(fig, NOTE_HEIGHT + 0.1 + 0.3 * math.ceil(len(items) / columns))


def _mirror_for_arabic(ax, lang: str) -> None:
    """Right-to-left reading: category names on the right, values growing leftwards."""
    if lang != "ar":
        ax.spines["right"].set_visible(False)
        return
    ax.invert_xaxis()
    ax.yaxis.tick_right()
    ax.spines["left"].set_visible(False)
    for item in ax.texts:  # value labels sit at the bar's far (left) end
        item.set_ha("right")


def _area_rows(table: pd.DataFrame, lang: str) -> tuple[pd.DataFrame, list[str]]:
    """Number the areas by total (largest first) and name them."""
    keyed = table.assign(_area=table["area"].map(lambda a: "" if is_missing(a) else a))
    totals = keyed.groupby("_area")["value"].sum().sort_values(ascending=False, kind="stable")
    order = {area: i for i, area in enumerate(totals.index)}
    labels = [name("area", area or None, lang) for area in totals.index]
    return keyed.assign(row=keyed["_area"].map(order)), labels


# --- recruits ---------------------------------------------------------------------

def latest_totals(figures_df: pd.DataFrame) -> pd.DataFrame:
    """As-of recruit totals per actor and area (`helpers.analysis.aggregate.recruits_as_of`),
    running totals and new arrivals only (targets are not recruits)."""
    if figures_df.empty:
        return pd.DataFrame(columns=["actor", "area", "regions", "measure", "value", "as_of", "report_ids"])
    table = recruits_as_of(counted_once(figures_df))
    return table[table["measure"].isin(["stock", "flow"])].reset_index(drop=True)


def recruits_by_region_actor(figures_df: pd.DataFrame, lang: str = "ar") -> Figure:
    """Recruits per actor and area from figure records (as-of totals, not sums)."""
    check_lang(lang)
    return recruits_chart(latest_totals(figures_df), lang, n_reports=report_count(figures_df))


def recruits_chart(table: pd.DataFrame, lang: str = "ar", n_reports: int | None = None) -> Figure:
    """One bar per recruits total (`helpers.present.totals_view.recruit_rows`): the bars are the
    totals table's rows, each named by actor and area (or destination abroad).
    New arrivals without a running total are hatched and say so in the legend;
    nothing is stacked, so no bar adds a running total to arrivals."""
    check_lang(lang)
    n_reports = report_count(table) if n_reports is None else n_reports
    title = text("recruits_title", lang)
    rows = recruit_rows(table.assign(category=table["category"] if "category" in table else "recruits")
                        ) if not table.empty else table
    if rows.empty:
        return no_data_figure(lang, title, n_reports)
    names = [label(f"{name('actor', r.get('actor') if not is_missing(r.get('actor')) else None, lang)} — "
                   f"{label(place_name(r, lang))}") for r in rows.to_dict("records")]
    fig = new_figure(9, 1.9 + 0.42 * len(names))
    with matplotlib.rc_context(STYLE):
        ax = fig.add_subplot()
        _total_bars(ax, rows, names, lang)
        figure_title(fig, title, lang)
        _measure_legend(fig, ax, rows, lang)
        ax.set_title(_subtitle(text("recruits_note", lang), rows, lang), fontsize=9,
                     fontweight="normal", color="#555555", loc=reading_side(lang))
    source_note(fig, n_reports, lang)
    return fig


def _total_bars(ax, rows: pd.DataFrame, names: list[str], lang: str) -> None:
    """Horizontal bars, largest on top; each bar's gid is `total-<row of the totals table>`."""
    positions = np.arange(len(rows))
    for position, row in zip(positions, rows.to_dict("records")):
        actor = None if is_missing(row.get("actor")) else row.get("actor")
        flow = row.get("measure") == "flow"
        ax.barh(position, row["value"], height=0.65, color=ACTOR_COLOURS.get(actor, "#7f8c8d"),
                edgecolor="white" if not flow else "#333333", linewidth=0.6, hatch="///" if flow else None,
                alpha=0.75 if flow else 1.0, gid=f"total-{row.get('total_row', position)}",
                label=name("actor", actor, lang))
        ax.text(row["value"], position, f" {format_value(row['value'])} ", va="center", ha="left", fontsize=9, color="#333333")
    ax.set_yticks(positions, names)
    ax.set_ylim(len(rows) - 0.5, -0.5)
    ax.set_xlim(0, max(float(rows["value"].max()), 1) * 1.15)
    ax.set_xlabel(text("recruits_axis", lang))
    ax.tick_params(axis="y", length=0)
    ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
    _mirror_for_arabic(ax, lang)


def _measure_legend(fig: Figure, ax, rows: pd.DataFrame, lang: str) -> None:
    """What a plain and a hatched bar mean."""
    from matplotlib.patches import Patch

    handles = [Patch(facecolor="#bbbbbb", edgecolor="white", label=text("stock_bar", lang))]
    if (rows["measure"] == "flow").any():
        handles.append(Patch(facecolor="#dddddd", edgecolor="#333333", hatch="///", label=text("flow_bar", lang)))
    if lang == "ar":
        handles = handles[::-1]
    fig.legend(handles=handles, loc="lower center", ncols=len(handles), fontsize=9,
               bbox_to_anchor=(0.5, NOTE_HEIGHT / fig.get_figheight()))
    reserve_bottom(fig, NOTE_HEIGHT + 0.45)


def _subtitle(note: str, table: pd.DataFrame, lang: str) -> str:
    dates = [d for d in table.get("as_of", pd.Series(dtype=object)) if not is_missing(d)]
    if not dates:
        return note
    date = str(max(dates))
    return label(f"{note} — {text('as_of', lang, date=ltr(date) if lang == 'ar' else date)}")


# --- aid --------------------------------------------------------------------------

def aid_by_region(figures_df: pd.DataFrame, lang: str = "ar") -> Figure:
    """Aid recipients and amounts per area, one panel per category and unit, stacked by actor."""
    check_lang(lang)
    if figures_df.empty:
        return no_data_figure(lang, text("aid_title", lang), 0)
    once = counted_once(figures_df)
    return aid_chart(split_items(aid_totals(once), once), lang, n_reports=report_count(figures_df))


def aid_chart(table: pd.DataFrame, lang: str = "ar", n_reports: int | None = None) -> Figure:
    """Panels from an aid table with columns category, unit, actor, area, value."""
    check_lang(lang)
    n_reports = report_count(table) if n_reports is None else n_reports
    title = text("aid_title", lang)
    if table.empty:
        return no_data_figure(lang, title, n_reports)
    panels = _aid_panels(table)
    heights = [0.5 + 0.4 * table_part["area"].nunique(dropna=False) for _, table_part in panels]
    fig = new_figure(9, 1.6 + sum(heights) + 0.8 * len(panels))
    with matplotlib.rc_context(STYLE):
        axes = fig.subplots(len(panels), 1, squeeze=False, height_ratios=heights)[:, 0]
        for ax, ((category, unit, kind), part) in zip(axes, panels):
            rows, labels = _area_rows(part, lang)
            _stacked_bars(ax, rows, labels, lang, "")
            what = name('unit', unit, lang) + (f": {kind}" if kind else "")
            ax.set_title(label(f"{name('category', category, lang)} ({what})"), fontsize=11, loc=reading_side(lang))
        _actor_legend(fig, axes, lang)
        figure_title(fig, title, lang)
    source_note(fig, n_reports, lang)
    return fig


def _aid_panels(table: pd.DataFrame) -> list[tuple[tuple[str, str, str], pd.DataFrame]]:
    """One panel per category, unit and kind of item (school bags are not added to bottles)."""
    rank = {unit: i for i, unit in enumerate(UNIT_ORDER)}
    table = table.assign(kind_=table["item_kind"].map(lambda k: "" if is_missing(k) else k)
                         if "item_kind" in table else "")
    keys = table[["category", "unit", "kind_"]].drop_duplicates().itertuples(index=False)
    ordered = sorted(keys, key=lambda k: (rank.get(k.unit, len(rank)), str(k.unit), str(k.category), k.kind_))
    return [((k.category, k.unit, k.kind_), table[(table["category"] == k.category) & (table["unit"] == k.unit)
                                                  & (table["kind_"] == k.kind_)]) for k in ordered]


# --- incentives -------------------------------------------------------------------

def incentives_by_actor_region(incentives_df: pd.DataFrame, lang: str = "ar") -> Figure:
    """Two heatmaps of incentive records: incentive × actor and incentive × area."""
    check_lang(lang)
    n_reports = report_count(incentives_df)
    title = text("incentives_title", lang)
    if incentives_df.empty:
        return no_data_figure(lang, title, n_reports)
    frame = incentives_df.assign(
        actor=incentives_df["actor"].map(lambda a: "" if is_missing(a) else a),
        area=incentives_df["area"].map(lambda a: "" if is_missing(a) else a))
    by_actor = _count_matrix(frame, "actor")
    by_area = _count_matrix(_by_governorate(frame), "area").reindex(by_actor.index)
    width = min(max(5.5 + 0.9 * (len(by_actor.columns) + len(by_area.columns)), 9), 16)
    fig = new_figure(width, 2.6 + 0.42 * len(by_actor))
    with matplotlib.rc_context(STYLE):
        ratios = [len(by_actor.columns) + 0.5, len(by_area.columns) + 0.5]
        axes = fig.subplots(1, 2, width_ratios=ratios[::-1] if lang == "ar" else ratios)
        if lang == "ar":
            axes = axes[::-1]  # first panel on the right
        _heatmap(axes[0], by_actor, "actor", lang, text("incentives_by_actor", lang), show_rows=True)
        _heatmap(axes[1], by_area, "area", lang, text("incentives_by_area", lang), show_rows=False)
        figure_title(fig, title, lang)
    source_note(fig, n_reports, lang)
    return fig


def _by_governorate(frame: pd.DataFrame) -> pd.DataFrame:
    """One row per incentive and governorate it covers (the south → its three);
    records with no governorate keep their area (national, abroad, unlocated)."""
    where = [regions_of(r) or [area] for r, area in zip(frame["regions"], frame["area"])]
    return frame.assign(area=where).explode("area")


def _count_matrix(frame: pd.DataFrame, column: str) -> pd.DataFrame:
    """Incentive × column record counts, rows and columns by total, largest first."""
    counts = pd.crosstab(frame["incentive"], frame[column])
    rows = counts.sum(axis=1).sort_values(ascending=False, kind="stable").index
    columns = counts.sum(axis=0).sort_values(ascending=False, kind="stable").index
    return counts.loc[rows, columns]


def _heatmap(ax, counts: pd.DataFrame, kind: str, lang: str, title: str, show_rows: bool) -> None:
    columns = list(counts.columns)
    matrix = counts.to_numpy(dtype=float)
    if lang == "ar":  # read right to left: largest column on the right
        matrix, columns = matrix[:, ::-1], columns[::-1]
    ax.imshow(matrix, cmap="Blues", aspect="auto", vmin=0, vmax=max(matrix.max(), 1))
    for (row, col), value in np.ndenumerate(matrix):
        if value:
            colour = "white" if value > matrix.max() * 0.6 else "#222222"
            ax.text(col, row, f"{value:.0f}", ha="center", va="center", fontsize=9, color=colour)
    ax.set_xticks(range(len(columns)), [name(kind, c or None, lang) for c in columns],
                  rotation=-30 if lang == "ar" else 30, ha="left" if lang == "ar" else "right",
                  rotation_mode="anchor")
    ax.set_xticks(np.arange(len(columns) + 1) - 0.5, minor=True)
    ax.set_yticks(np.arange(len(counts.index) + 1) - 0.5, minor=True)
    ax.grid(which="minor", color="white", linewidth=2)
    ax.tick_params(which="minor", length=0)
    ax.set_yticks(range(len(counts.index)), [name("incentive", c, lang) for c in counts.index])
    if lang == "ar":
        ax.yaxis.tick_right()
    if not show_rows:
        ax.tick_params(axis="y", labelleft=False, labelright=False)
    ax.tick_params(length=0)
    for spine in ax.spines.values():
        spine.set_visible(False)
    ax.set_title(title, fontsize=11)


# --- output -----------------------------------------------------------------------

def save(fig: Figure, out_dir: str | Path, name: str, dpi: int = 150) -> list[Path]:
    """Write `name.png` and `name.svg` into out_dir (created if needed), and `name.csv` when the
    chart carries its data table (`chart_base.chart_data`); return the written paths."""
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    paths = [out / f"{name}.png", out / f"{name}.svg"]
    with matplotlib.rc_context(STYLE):
        for path in paths:
            fig.savefig(path, dpi=dpi, facecolor="white", metadata=_metadata(path))
    data = chart_data(fig)
    if data is not None:
        paths.append(out / f"{name}.csv")
        with paths[-1].open("w", encoding="utf-8", newline="") as csv_file:
            write_csv_piece(csv_file, data, header=True)
    return paths


def _metadata(path: Path) -> dict:
    # Fixed metadata keeps the files byte-stable across runs.
    if path.suffix == ".svg":
        return {"Date": None}
    return {"Software": None}


def all_charts(figures_df: pd.DataFrame, incentives_df: pd.DataFrame, lang: str = "ar",
               totals: pd.DataFrame | None = None, failures: dict[str, str] | None = None) -> dict[str, Figure]:
    """Every chart of the report by file name. With `totals` (the run's as-of totals table,
    as the report shows it) the recruits bars and the map read that table, so they
    agree with the report's summary and totals table. A chart that cannot be drawn
    from the data never stops the others: it becomes a panel saying "could not be
    drawn: reason", and the reason goes into `failures` (chart name → reason)."""
    failures = {} if failures is None else failures
    n_reports = report_count(figures_df)

    def recruits() -> pd.DataFrame:
        table = latest_totals(figures_df) if totals is None else totals
        return recruit_rows(table) if "category" in table else table

    def recruits_map() -> Figure:
        rows = recruits()
        return governorate_map(governorate_values(rows), lang, text("recruits_map_title", lang),
                               value_label=text("recruits_axis", lang), note=text("recruits_map_note", lang),
                               n_reports=n_reports, wider=wider_areas(rows, lang))

    drawers = {
        "recruits_by_area_actor": lambda: recruits_chart(recruits(), lang, n_reports=n_reports),
        "recruits_map": recruits_map,
        "aid_by_area": lambda: aid_by_region(figures_df, lang),
        "incentives_by_actor_area": lambda: incentives_by_actor_region(incentives_df, lang),
        "recruits_timeline": lambda: timeline(figures_df, lang),
    }
    return {chart_name: drawn(chart_name, draw, lang, failures) for chart_name, draw in drawers.items()}


def drawn(chart_name: str, draw, lang: str, failures: dict[str, str]) -> Figure:
    """`draw()`, or a panel saying why it could not be drawn (recorded in `failures`)."""
    try:
        return draw()
    except Exception as error:  # noqa: BLE001 - one chart never stops the report
        failures[chart_name] = failure_reason(error)
        return not_drawn(failures[chart_name], lang, chart_name)


def failure_reason(error: BaseException) -> str:
    message = " ".join(str(error).split())
    message = message if len(message) <= 160 else message[:159] + "…"
    return f"{type(error).__name__}: {message}" if message else type(error).__name__


def not_drawn(reason: str, lang: str = "ar", chart_name: str = "") -> Figure:
    """A panel in place of a chart: "<chart>: could not be drawn: reason"."""
    fig = new_figure(8, 2.2)
    with matplotlib.rc_context(STYLE):
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(text("not_drawn", lang))
        ax.text(0.5, 0.45, f"{chart_name + ': ' if chart_name else ''}could not be drawn: {reason}", ha="center", va="center", fontsize=9,
                color="#8a1c1c", wrap=True)
    return fig


def save_all(charts: Mapping[str, Figure], out_dir: str | Path,
             failures: dict[str, str] | None = None) -> list[Path]:
    """Save every chart; return the written paths. A chart that cannot be saved
    is saved as a "could not be drawn" panel, its reason in `failures`."""
    failures = {} if failures is None else failures
    written: list[Path] = []
    for chart_name, fig in charts.items():
        try:
            written += save(fig, out_dir, chart_name)
        except Exception as error:  # noqa: BLE001 - e.g. NaN axis limits found only when rendering
            failures[chart_name] = failure_reason(error)
            written += save(not_drawn(failures[chart_name], chart_name=chart_name), out_dir, chart_name)
    return written


__all__ = [
    "recruits_by_region_actor", "recruits_chart", "latest_totals", "aid_by_region", "aid_chart",
    "incentives_by_actor_region", "timeline", "timeline_table", "recruit_series", "date_label",
    "governorate_map", "governorate_values", "wider_areas", "class_bounds", "save", "save_all", "all_charts", "name", "text", "governorate_names", "drawn", "not_drawn",
]
