"""Asking a run's tables questions: filters, re-counted totals, a total's history, exports.

The explore notebook (05) draws widgets over these functions; they take and
return plain DataFrames, so each one is tested without widgets.

- `open_run(run_dir, sample)`: the tables a run folder holds (figures, incentives,
  totals, contradictions, reports); `sample` gives them when there is no run yet;
- `Filters` and `apply_filters`: actor, governorate or area, category,
  measure, source and a date range; `view` re-counts the as-of totals on the
  filtered records with `helpers.analysis.aggregate`, the same code as the report;
- `evolution`: the running totals reported for one actor and area, in date
  order, each point with its source, and the contradictions beside them;
- `export_view`: the filtered records and totals as CSV and as an Excel
  workbook (sheets right to left for Arabic).
"""
from __future__ import annotations

import base64
import io
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from pathlib import Path

import pandas as pd
from markupsafe import escape

from helpers import paths
from helpers.analysis.aggregate import aggregate
from helpers.cells import is_missing, regions_of
from helpers.present.labels import display_name
from helpers.ingest.normalise import normalise_key

NONE = ""  # the filter value standing for "no actor" / "no place"
EVIDENCE_COLUMNS = ["value", "qualifier", "unit", "category", "measure", "actor", "area", "regions",
                    "report_date", "source", "report_id", "sentence", "id"]
TOTALS_COLUMNS = ["actor", "area", "category", "measure", "unit", "value", "as_of", "basis", "report_ids"]
HEADERS_AR = {
    "actor": "الجهة", "area": "المنطقة", "category": "الفئة", "measure": "النوع", "unit": "الوحدة",
    "value": "القيمة", "as_of": "حتى تاريخ", "basis": "الأساس", "report_ids": "التقارير",
    "report_date": "التاريخ", "running_total": "الإجمالي التراكمي", "source": "المصدر", "report_id": "التقرير",
    "sentence": "جملة الدليل", "value_a": "الرقم الأول", "report_a": "التقرير الأول", "date_a": "التاريخ الأول",
    "source_a": "المصدر الأول", "sentence_a": "الجملة الأولى", "value_b": "الرقم الثاني", "report_b": "التقرير الثاني",
    "date_b": "التاريخ الثاني", "source_b": "المصدر الثاني", "sentence_b": "الجملة الثانية",
}


@dataclass
class RunData:
    figures: pd.DataFrame
    incentives: pd.DataFrame
    totals: pd.DataFrame
    contradictions: pd.DataFrame
    reports: pd.DataFrame
    run_dir: Path | None
    note: str = ""


def resolve_run_dir(run_dir: str | Path | None) -> Path:
    """A run folder parameter: None → reports/latest; a relative path that does not
    exist from the working folder is taken from the project root."""
    folder = Path(run_dir) if run_dir else paths.REPORTS / "latest"
    if not folder.is_absolute() and not folder.exists():
        folder = paths.ROOT / folder
    return folder


def open_run(run_dir: str | Path | None = None, sample: Callable[[], RunData] | None = None) -> RunData:
    """The tables of a run folder. When the default `reports/latest` does not exist yet
    (a fresh clone) and `sample` is given, its tables are shown instead (the notebooks pass
    `helpers.run.steps.sample_run_data`: the sample corpus run in memory), and `note` says so."""
    from helpers.present.report import read_table

    folder = resolve_run_dir(run_dir)
    if (folder / "figures.parquet").exists() or (folder / "figures.csv").exists():
        tables = {name: read_table(folder, name) for name in
                  ("figures", "incentives", "totals", "contradictions", "reports")}
        return RunData(**tables, run_dir=folder)
    if sample is None or run_dir not in (None, "", "reports/latest"):
        raise FileNotFoundError(f"{folder}: no run here (no figures table); run `python -m helpers run` first")
    return replace(sample(), run_dir=None,
                   note=f"{folder} does not exist yet: showing the sample corpus, run in memory")


# --- filters ------------------------------------------------------------------------

@dataclass
class Filters:
    """Empty selections mean 'all'. `places` holds areas and governorate codes."""

    actors: tuple = ()
    places: tuple = ()
    categories: tuple = ()
    measures: tuple = ()
    sources: tuple = ()
    since: str | None = None
    until: str | None = None


def _code(value) -> str:
    return NONE if is_missing(value) else str(value)


def options(figures: pd.DataFrame, lang: str = "en") -> dict[str, list[tuple[str, str]]]:
    """(label, value) pairs for each filter, from the values the records hold."""
    def name(kind: str, code: str) -> str:
        shown = display_name(kind, code or None, lang) if kind else code
        return "—" if shown in ("", "None") else shown

    def pairs(kind: str, values) -> list[tuple[str, str]]:
        return [(name(kind, code), code) for code in sorted({_code(v) for v in values})]

    places = set(figures.get("area", pd.Series(dtype=object)).map(_code))
    places |= {code for cell in figures.get("regions", pd.Series(dtype=object)) for code in regions_of(cell)}
    return {
        "actors": pairs("actor", figures.get("actor", [])),
        "places": pairs("area", places),
        "categories": pairs("category", figures.get("category", [])),
        "measures": pairs("measure", figures.get("measure", [])),
        "sources": pairs("", figures.get("source", [])),
    }


def date_bounds(figures: pd.DataFrame) -> tuple[str | None, str | None]:
    dates = sorted(d for d in figures.get("report_date", pd.Series(dtype=object)) if not is_missing(d) and d)
    return (dates[0], dates[-1]) if dates else (None, None)


def apply_filters(records: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The records (figures or incentives) that pass every filter."""
    if records.empty:
        return records
    keep = pd.Series(True, index=records.index)
    for column, chosen in (("actor", filters.actors), ("category", filters.categories),
                           ("measure", filters.measures), ("source", filters.sources)):
        if chosen and column in records:
            keep &= records[column].map(_code).isin(set(chosen))
    if filters.places:
        wanted = set(filters.places)
        keep &= pd.Series([(_code(area) in wanted) or bool(wanted & set(regions_of(regions)))
                           for area, regions in zip(records["area"], records["regions"])], index=records.index)
    dates = records["report_date"].map(lambda d: None if is_missing(d) or not d else str(d))
    if filters.since:
        keep &= dates.map(lambda d: d is not None and d >= filters.since)
    if filters.until:
        keep &= dates.map(lambda d: d is not None and d <= filters.until)
    return records[keep]


@dataclass
class View:
    figures: pd.DataFrame
    incentives: pd.DataFrame
    totals: pd.DataFrame
    contradictions: pd.DataFrame = field(default_factory=pd.DataFrame)


def report_groups(reports: pd.DataFrame) -> dict[str, str]:
    """Report id → the report it republishes (near_duplicate_of / duplicate_of), for repeats."""
    groups = {}
    for row in reports.to_dict("records") if not reports.empty else []:
        earlier = row.get("near_duplicate_of") or row.get("duplicate_of")
        if not is_missing(earlier) and earlier:
            groups[str(row["id"])] = str(earlier)
            groups.setdefault(str(earlier), str(earlier))
    return groups


def view(data: RunData, filters: Filters) -> View:
    """The filtered records and their as-of totals, counted as the report counts them."""
    figures = apply_filters(data.figures, filters)
    incentives = apply_filters(data.incentives, filters)
    plain = figures.drop(columns=["repeat_of"], errors="ignore").assign(
        regions=figures["regions"].map(regions_of) if "regions" in figures else [])
    counted = aggregate(plain, as_of=filters.until, since=filters.since, report_groups=report_groups(data.reports))
    return View(counted.figures, incentives, counted.table(), counted.contradictions)


# --- showing --------------------------------------------------------------------------

def chart_data_uri(figure) -> str:
    """A matplotlib figure as a PNG data: URI (for an <img> in a widget)."""
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=90)
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def charts(figures: pd.DataFrame, lang: str = "ar") -> dict[str, str]:
    """The report's recruits and aid charts (helpers.present.charts) of these records, as data URIs."""
    from helpers.present import charts as rasd_charts

    return {"recruits": chart_data_uri(rasd_charts.recruits_by_region_actor(figures, lang)),
            "aid": chart_data_uri(rasd_charts.aid_by_region(figures, lang))}


def totals_frame(totals: pd.DataFrame, lang: str = "ar") -> pd.DataFrame:
    """As-of totals with display names, one row each, for the screen and exports."""
    if totals.empty:
        return pd.DataFrame(columns=TOTALS_COLUMNS)
    shown = totals[[c for c in TOTALS_COLUMNS if c in totals]].copy()
    for column in ("actor", "area", "category", "measure", "unit"):
        shown[column] = shown[column].map(lambda code, kind=column: "" if is_missing(code) else display_name(
            kind if kind != "unit" else "unit", code, lang))
    shown["report_ids"] = shown["report_ids"].map(lambda ids: "|".join(regions_of(ids)))
    return shown.reset_index(drop=True)


def table_html(frame: pd.DataFrame, css_class: str, lang: str = "ar") -> str:
    """A table for the screen; Arabic column names (those of the report) when lang is ar."""
    direction = "rtl" if lang == "ar" else "ltr"
    if lang == "ar":
        frame = frame.rename(columns=HEADERS_AR)
    style = (f"<style>.{css_class} th, .{css_class} td {{text-align: start; padding: 2px 10px; "
             f"vertical-align: top}}</style>")
    return style + f'<div dir="{direction}">' + frame.to_html(index=False, escape=True, na_rep="",
                                                     classes=css_class, border=0) + "</div>"


def evidence_html(figures: pd.DataFrame, lang: str = "ar", max_rows: int = 200) -> str:
    """The figures with their sentence, the number marked, and where they come from."""
    from helpers.present.formatting import figure_value_text, marked_sentence

    direction = "rtl" if lang == "ar" else "ltr"
    rows = []
    for record in figures.head(max_rows).to_dict("records"):
        rows.append(
            f"<tr><td>{escape(figure_value_text(record, lang))}</td>"
            f"<td>{escape(display_name('actor', _code(record.get('actor')) or None, lang))}</td>"
            f"<td>{escape(display_name('area', _code(record.get('area')) or None, lang))}</td>"
            f'<td dir="rtl">{marked_sentence(record)}</td>'
            f"<td>{escape(_code(record.get('source')))}</td><td>{escape(_code(record.get('report_date')))}</td>"
            f"<td>{escape(_code(record.get('report_id')))}</td></tr>")
    more = f"<p>{min(max_rows, len(figures))} / {len(figures)}</p>" if len(figures) > max_rows else ""
    head = "".join(f"<th>{h}</th>" for h in ("value", "actor", "area", "sentence", "source", "date", "report"))
    return (f'<div dir="{direction}"><table class="rasd-evidence"><thead><tr>{head}</tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>{more}</div>")


# --- how a total evolved ---------------------------------------------------------------

def series_keys(figures: pd.DataFrame) -> list[tuple[str, str]]:
    """(actor, place) pairs with running totals or new arrivals of recruits, most points first.
    The place is the area, or `abroad:<destination>` (each destination abroad its own series)."""
    recruits = _recruit_points(figures)
    if recruits.empty:
        return []
    counts = recruits.groupby([recruits["actor"].map(_code), _places(recruits)]).size()
    return [key for key, _ in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))]


def _places(frame: pd.DataFrame) -> pd.Series:
    return pd.Series([f"abroad:{normalise_key(text) if isinstance(text, str) else ''}" if area == "abroad" else _code(area)
                      for area, text in zip(frame["area"], frame["area_text"])], index=frame.index, dtype=object)


def place_name(place: str, lang: str = "ar") -> str:
    """A series' place for display: the area's name, or 'Abroad (destination)'."""
    if place.startswith("abroad:"):
        return f"{display_name('area', 'abroad', lang)} ({place.split(':', 1)[1]})"
    return display_name("area", place or None, lang)


def _recruit_points(figures: pd.DataFrame) -> pd.DataFrame:
    if figures.empty:
        return figures
    keep = (figures["category"] == "recruits") & figures["measure"].isin(["stock", "flow"]) & (
        figures["qualifier"] != "vague")
    if "repeat_of" in figures:
        keep &= figures["repeat_of"].map(is_missing)
    return figures[keep]


def evolution(figures: pd.DataFrame, actor: str, area: str) -> pd.DataFrame:
    """Each reported running total or batch of new arrivals for one actor and place (`series_keys`), by date,
    with the running total it gives, counted as `helpers.analysis.aggregate` counts: a running total
    replaces it; arrivals add to it only when reported after the last running total's date
    (arrivals reported with it are inside it). Each point keeps its source and report."""
    points = _recruit_points(figures)
    points = points[(points["actor"].map(_code) == actor) & (_places(points) == area)]
    points = points.assign(_stock_first=(points["measure"] != "stock"))
    points = points.sort_values(["report_date", "_stock_first", "start"], na_position="first", kind="stable")
    rows, running, stock_date = [], None, None
    for record in points.to_dict("records"):
        value, date = record["value"], record["report_date"]
        if record["measure"] == "stock":
            running, stock_date = value, date
        elif running is None or stock_date is None or (date and date > stock_date):
            running = value if running is None else running + value
        rows.append({"report_date": date, "measure": record["measure"], "value": value,
                     "running_total": running, "source": record.get("source"), "report_id": record["report_id"],
                     "sentence": record["sentence"], "id": record["id"]})
    return pd.DataFrame(rows, columns=["report_date", "measure", "value", "running_total", "source", "report_id",
                                       "sentence", "id"])


def contradictions_for(contradictions: pd.DataFrame, actor: str, area: str) -> pd.DataFrame:
    """The pairs of disagreeing running totals for one actor and area, side by side."""
    if contradictions.empty:
        return contradictions
    keep = (contradictions["actor"].map(_code) == actor) & (contradictions["area"].map(_code) == area)
    return contradictions[keep].reset_index(drop=True)


# --- exports ---------------------------------------------------------------------------

def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Cells for CSV and Excel: lists joined, formula-like text neutralised (helpers.safe_csv)."""
    from helpers.cells import csv_cell
    from helpers.safe_csv import neutralise

    return frame.map(lambda value: neutralise(csv_cell(value)))


def export_view(current: View, stem: str | Path, lang: str = "ar") -> tuple[Path, Path]:
    """Write `<stem>.csv` (the filtered figures) and `<stem>.xlsx` (sheets `figures`
    and `totals`; right to left when lang is ar). Returns the two paths."""
    stem = Path(stem)
    stem.parent.mkdir(parents=True, exist_ok=True)
    figures = _flat(current.figures[[c for c in EVIDENCE_COLUMNS if c in current.figures]])
    totals = _flat(totals_frame(current.totals, lang))
    csv_path, xlsx_path = stem.with_suffix(".csv"), stem.with_suffix(".xlsx")
    figures.to_csv(csv_path, index=False, encoding="utf-8-sig")  # the BOM lets Excel read Arabic
    with pd.ExcelWriter(xlsx_path, engine="openpyxl") as writer:
        figures.to_excel(writer, sheet_name="figures", index=False)
        totals.to_excel(writer, sheet_name="totals", index=False)
        for sheet in writer.book.worksheets:
            sheet.sheet_view.rightToLeft = lang == "ar"
            sheet.freeze_panes = "A2"
    return csv_path, xlsx_path
