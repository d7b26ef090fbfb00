"""The HTML report an analyst can send: one self-contained, script-free file.

`write_report(run_dir)` reads the tables the notebooks wrote into a run folder
(reports, figures, incentives, rejections, totals, charts/) and renders
`report.html` from `templates/report.html.j2`:
- key findings first, then a table of contents; every number in the findings
  and the totals links to its evidence rows (`#t…` totals, `#f…` figures);
- one number, one meaning: the findings, the recruits chart and the totals
  table read the same rows (`helpers.present.totals_view`);
- wholly in Arabic (`dir="rtl"`) or wholly in English: every word the page
  adds comes from `helpers.present.labels.REPORT_TEXT`; the reports' own words are
  marked as quotes (`class="quote"`, `lang="ar"`);
- readable on any screen: tables and charts scroll in their own box, charts
  are SVG, a print stylesheet;
- works offline: no external URL, charts embedded as data: URIs; everything
  from report text escaped (Jinja2 autoescape), and a Content-Security-Policy
  that forbids scripts as defence in depth.
Findings are built by the small functions in `FINDINGS`; add one there.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from helpers.cells import regions_of
from helpers.present import labels
from helpers.present.labels import DURATION_UNITS, REPORT_TEXT, display_name
from helpers.present.review import reviewed_count, with_guess_marks, with_review_status
from helpers.present.totals_view import place_name, recruit_rows, split_items
from helpers.present.formatting import amount_text, as_number, figure_value_text, format_number, is_missing, isolate, label, link, marked_sentence, regions_text, text_or_empty

TEMPLATES = Path(__file__).with_name("templates")
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; base-uri 'none'; form-action 'none'"

# Table files inside a run folder (written by the notebooks, read here).
TABLES = ("inputs", "reports", "figures", "incentives", "rejections", "totals", "contradictions",
          "corrections_applied", "corrections_orphaned")

LABELS = REPORT_TEXT  # one table per language, in helpers.present.labels

SECTIONS = ("findings", "charts", "totals", "contradictions", "corrections", "figures", "durations",
            "incentives", "rejections", "reports")
PARAMETER_NAMES = {"corpus": ("المدونة", "corpus"), "since": ("من تاريخ", "since"),
                   "until": ("حتى تاريخ", "until"), "lang": ("اللغة", "language")}


@dataclass
class RunTables:
    """What a run folder holds, as DataFrames (empty when a table is missing)."""

    inputs: pd.DataFrame = field(default_factory=pd.DataFrame)  # every report read, before the date window
    reports: pd.DataFrame = field(default_factory=pd.DataFrame)  # the reports inside the window
    figures: pd.DataFrame = field(default_factory=pd.DataFrame)
    incentives: pd.DataFrame = field(default_factory=pd.DataFrame)
    rejections: pd.DataFrame = field(default_factory=pd.DataFrame)
    totals: pd.DataFrame = field(default_factory=pd.DataFrame)
    contradictions: pd.DataFrame = field(default_factory=pd.DataFrame)
    corrections_applied: pd.DataFrame = field(default_factory=pd.DataFrame)
    corrections_orphaned: pd.DataFrame = field(default_factory=pd.DataFrame)
    charts: list[Path] = field(default_factory=list)
    notes: dict[str, str] = field(default_factory=dict)  # e.g. {"charts": "why there are none"}
    previous_totals: pd.DataFrame | None = None  # the last good run's totals, if there is one
    previous_run: str = ""


def read_table(run_dir: Path, name: str) -> pd.DataFrame:
    """`name.parquet` (preferred) or `name.csv` from a run folder; empty if neither exists."""
    parquet, csv = run_dir / f"{name}.parquet", run_dir / f"{name}.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        return pd.read_csv(csv, dtype=str, keep_default_na=False)
    return pd.DataFrame()


def previous_run_dir(run_dir: Path) -> Path | None:
    """The last good run (`<out>/latest`) when it is another folder with a totals table."""
    try:
        target = (run_dir.parent / "latest").resolve(strict=True)
    except (OSError, RuntimeError):
        return None
    if target == run_dir.resolve():
        return None
    return target if any((target / f"totals.{ext}").exists() for ext in ("parquet", "csv")) else None


def load_run_tables(run_dir: Path | str) -> RunTables:
    """Read every table, the charts, `notes.json` and the previous good run's totals."""
    run_dir = Path(run_dir)
    tables = RunTables(**{name: read_table(run_dir, name) for name in TABLES})
    tables.charts = sorted((run_dir / "charts").glob("*.png"))
    notes = run_dir / "notes.json"
    if notes.exists():
        tables.notes = json.loads(notes.read_text(encoding="utf-8"))
    previous = previous_run_dir(run_dir)
    if previous is not None:
        tables.previous_totals, tables.previous_run = read_table(previous, "totals"), previous.name
    return tables


# --- formatting -------------------------------------------------------------


def ltr_text(value) -> Markup:
    """Ids and dates kept left to right inside either language."""
    return Markup('<bdi class="ltr">{}</bdi>').format(text_or_empty(value))


def quote(value) -> Markup:
    """The reports' own words (titles, sources, place names): marked as a quote in Arabic."""
    return Markup('<span class="quote" lang="ar" dir="rtl">{}</span>').format(text_or_empty(value))


def fill(template: str, **parts) -> Markup:
    """A label with its blanks filled: markup parts kept, text parts escaped."""
    return escape(template).format(**parts)


# --- anchors: where each number's evidence is -----------------------------------

@dataclass
class Anchors:
    """Ids of the rows a number links to: figures (`f<n>`) and totals (`t<n>`)."""

    figures: dict[str, str]
    totals: dict = field(default_factory=dict)  # totals table index → anchor

    @classmethod
    def of(cls, figures_shown: pd.DataFrame, totals: pd.DataFrame) -> "Anchors":
        ids = figures_shown["id"].map(str) if "id" in figures_shown else pd.Series(dtype=str)
        return cls({figure_id: f"f{n}" for n, figure_id in enumerate(ids, start=1)},
                   {index: f"t{n}" for n, index in enumerate(totals.index, start=1)})

    def figure(self, figure_id) -> str | None:
        return self.figures.get(str(figure_id))


# --- the data behind the page ---------------------------------------------------

def report_index(reports: pd.DataFrame) -> dict[str, dict]:
    """Report metadata by id (title, date, source, url, path)."""
    if reports.empty or "id" not in reports:
        return {}
    return {str(row["id"]): row for row in reports.to_dict("records")}


def is_duration(row: dict) -> bool:
    return text_or_empty(row.get("unit")) in DURATION_UNITS


def evidence_rows(records: pd.DataFrame, reports: dict[str, dict], lang: str, kind: str,
                  anchors: Anchors | None = None) -> list[dict]:
    """One display row per figure or incentive, with its report's metadata and anchor."""
    rows = []
    for row in records.to_dict("records"):
        meta = reports.get(str(row.get("report_id")), {})
        rows.append({
            "anchor": anchors.figure(row.get("id")) if anchors and kind == "figure" else None,
            "what": figure_value_text(row, lang) if kind == "figure" else label(row.get("incentive"), "incentive", lang),
            "category": label(row.get("category"), "category", lang) if kind == "figure" else "",
            "actor": label(row.get("actor"), "actor", lang),
            "actor_text": text_or_empty(row.get("actor_text")),
            "area": label(row.get("area"), "area", lang) or regions_text(row.get("regions"), lang),
            "sentence": marked_sentence(row),
            "report_id": text_or_empty(row.get("report_id")),
            "report_title": text_or_empty(meta.get("title")),
            "date": text_or_empty(row.get("report_date")) or text_or_empty(meta.get("date")),
            "source": text_or_empty(row.get("source")) or text_or_empty(meta.get("source")),
        })
    return rows


def split_figures(figures: pd.DataFrame) -> tuple[pd.DataFrame, pd.DataFrame]:
    """(figures, durations): contract months and hours are not counts of anything."""
    if figures.empty or "unit" not in figures:
        return figures, figures.iloc[0:0]
    durations = figures["unit"].isin(DURATION_UNITS)
    return figures[~durations], figures[durations]


# --- totals as shown -------------------------------------------------------------

def figures_by_id(figures: pd.DataFrame) -> dict[str, dict]:
    if figures.empty or "id" not in figures:
        return {}
    return {str(row["id"]): row for row in figures.to_dict("records")}


def basis_text(row: dict, figures: dict[str, dict], lang: str) -> str:
    """How a total was reached, in `lang`, from its own figure records."""
    t = LABELS[lang]
    records = [figures[i] for i in regions_of(row.get("figure_ids")) if i in figures]
    if not records:
        return ""
    if row.get("category") == "recruits":
        if row.get("measure") == "target":
            return t["basis_target"].format(value=format_number(records[-1].get("value")))
        stocks = [r for r in records if r.get("measure") == "stock"]
        flows = " + ".join(format_number(r.get("value")) for r in records if r.get("measure") == "flow")
        if not stocks:
            return t["basis_flows_only"].format(values=flows)
        text = t["basis_stock"].format(value=format_number(stocks[0].get("value")),
                                       date=isolate(stocks[0].get("report_date")))
        return text + (" + " + t["basis_flows"].format(values=flows) if flows else "")
    if len(records) == 1:
        return ""
    return t["basis_sum"].format(values=" + ".join(format_number(r.get("value")) for r in records))


def total_display_rows(tables: RunTables, lang: str, anchors: Anchors) -> list[dict]:
    """The totals table as shown: one row per total (items of different kinds apart),
    every cell in `lang`, each with its anchor and links to its evidence rows."""
    if tables.totals.empty:
        return []
    figures = figures_by_id(tables.figures)
    view = with_guess_marks(with_review_status(split_items(tables.totals, tables.figures), tables.figures),
                            tables.figures)
    rows = []
    for row in view.to_dict("records"):
        where = place_name(row, lang)
        if not is_missing(row.get("item_kind")):
            item = quote(row["item_kind"])
        else:
            item = ""
        figure_ids = regions_of(row.get("figure_ids"))
        rows.append({
            "anchor": anchors.totals.get(row.get("total_row")) if row.get("total_row") is not None else None,
            "actor": label(row.get("actor"), "actor", lang) or display_name("actor", None, lang),
            "area": where,
            "category": label(row.get("category"), "category", lang),
            "measure": label(row.get("measure"), "measure", lang),
            "value": amount_text(row.get("value"), row.get("unit"), lang),
            "item": item,
            "as_of": text_or_empty(row.get("as_of")),
            "basis": basis_text(row, figures, lang),
            "reports": [text_or_empty(i) for i in regions_of(row.get("report_ids"))],
            "evidence": [(n, anchors.figure(i)) for n, i in enumerate(figure_ids, start=1)],
            "conflicts": conflict_text(row.get("conflicts"), lang),
            "reviewed": LABELS[lang]["yes" if row["reviewed"] else "no"],
            "guessed": ("، " if lang == "ar" else ", ").join(LABELS[lang][f"guess_{a}"] for a in row["guessed"]),
        })
    return rows


def conflict_text(value, lang: str = "ar") -> str:
    """Conflicting totals (list of dicts) as 'value @ report (date)'."""
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return text_or_empty(value)
    return " | ".join(f"{format_number(c.get('value'))} @ {text_or_empty(c.get('report_id'))} "
                      f"({text_or_empty(c.get('report_date'))})" for c in value if isinstance(c, dict))


# --- findings: each a small function of the run's tables --------------------------

@dataclass
class Context:
    tables: RunTables
    lang: str
    anchors: Anchors

    @property
    def t(self) -> dict[str, str]:
        return LABELS[self.lang]


def counted(kind: str, n: int, lang: str) -> str:
    return labels.count_phrase(kind, n, lang)


def coverage_finding(ctx: Context) -> list[Markup]:
    """How much was read: reports and their date range, figures, incentives, rejections."""
    tables, lang, t = ctx.tables, ctx.lang, ctx.t
    dates = sorted(d for d in tables.reports.get("date", pd.Series(dtype=str)).map(text_or_empty) if d)
    span = fill(t["span"], first=ltr_text(dates[0]), last=ltr_text(dates[-1])) if dates else t["undated"]
    outside = max(0, len(tables.inputs) - len(tables.reports))
    figures, durations = split_figures(tables.figures)
    return [fill(t["coverage"],
                 reports=link(counted("report", len(tables.reports), lang), "reports"), span=span,
                 outside=t["coverage_outside"].format(n=outside) if outside else "",
                 figures=link(counted("figure", len(figures), lang), "figures"),
                 incentives=link(counted("incentive", len(tables.incentives), lang), "incentives"),
                 rejected=link(counted("rejected_input", len(tables.rejections), lang), "rejections"))]


def latest_total_findings(ctx: Context, top: int = 8) -> list[Markup]:
    """The latest recruits total per actor and area (or destination), with its date and reports."""
    lang, t = ctx.lang, ctx.t
    rows = recruit_rows(ctx.tables.totals)
    lines = []
    for row in rows.head(top).to_dict("records"):
        ids = regions_of(row.get("figure_ids"))
        reports = regions_of(row.get("report_ids"))
        lines.append(fill(
            t["finding_total"], who=label(row.get("actor"), "actor", lang) or display_name("actor", None, lang),
            where=place_name(row, lang),
            value=link(amount_text(row["value"], row.get("unit"), lang), ctx.anchors.totals.get(row["total_row"])),
            date=ltr_text(row.get("as_of")), measure=label(row.get("measure"), "measure", lang),
            sources=link(counted("report", len(reports), lang), ctx.anchors.figure(ids[-1]) if ids else None)))
    if len(rows) > top:
        lines.append(fill(t["finding_more"], n=link(str(len(rows) - top), "totals")))
    return lines


def change_key(row: dict) -> tuple:
    return tuple(text_or_empty(row.get(c)) for c in ("actor", "area", "destination", "measure"))


def change_findings(ctx: Context, top: int = 5) -> list[Markup]:
    """What changed since the last good run, from its totals table."""
    lang, t, previous = ctx.lang, ctx.t, ctx.tables.previous_totals
    if previous is None:
        return [escape(t["finding_no_previous"])]
    run = ltr_text(ctx.tables.previous_run)
    before = {change_key(r): as_number(r.get("value")) for r in recruit_rows(previous).to_dict("records")}
    lines = []
    for row in recruit_rows(ctx.tables.totals).to_dict("records"):
        old, new = before.get(change_key(row)), as_number(row.get("value"))
        if old == new:
            continue
        value = link(amount_text(new, row.get("unit"), lang), ctx.anchors.totals.get(row["total_row"]))
        parts = dict(run=run, who=label(row.get("actor"), "actor", lang) or display_name("actor", None, lang),
                     where=place_name(row, lang), value=value)
        lines.append(fill(t["finding_new"], **parts) if old is None else
                     fill(t["finding_changed"], old=format_number(old), **parts))
    return lines[:top] or [fill(t["finding_unchanged"], run=run)]


def contradiction_findings(ctx: Context, top: int = 5) -> list[Markup]:
    """Running totals that disagree between sources, both sides named."""
    lang, t, pairs = ctx.lang, ctx.t, ctx.tables.contradictions
    if pairs.empty:
        return [escape(t["finding_no_conflicts"])]
    lines = []
    for row in pairs.head(top).to_dict("records"):
        lines.append(fill(
            t["finding_conflict"], who=label(row.get("actor"), "actor", lang) or display_name("actor", None, lang),
            where=label(row.get("area"), "area", lang) or t["unlocated"],
            a=link(format_number(row.get("value_a")), "contradictions"), b=link(format_number(row.get("value_b")), "contradictions"),
            source_a=quote(row.get("source_a")), source_b=quote(row.get("source_b")),
            date_a=ltr_text(row.get("date_a")), date_b=ltr_text(row.get("date_b"))))
    return lines


def incentive_findings(ctx: Context, top: int = 3) -> list[Markup]:
    """The incentives named in the most reports."""
    incentives, lang, t = ctx.tables.incentives, ctx.lang, ctx.t
    if incentives.empty or not {"incentive", "report_id"} <= set(incentives.columns):
        return []
    counts = incentives.groupby("incentive")["report_id"].nunique().sort_values(ascending=False, kind="stable")
    items = ("، " if lang == "ar" else ", ").join(
        t["finding_incentive_item"].format(name=label(name, "incentive", lang), reports=counted("report", n, lang))
        for name, n in counts.head(top).items())
    return [fill(t["finding_incentives"], items=link(items, "incentives"))]


def reviewed_finding(ctx: Context) -> list[Markup]:
    """'N of M totals reviewed by an analyst': every figure behind them accepted or corrected."""
    if ctx.tables.totals.empty:
        return []
    done, total = reviewed_count(ctx.tables.totals, ctx.tables.figures)
    return [fill(ctx.t["finding_reviewed"], done=str(done), total=str(total))]


def guessed_finding(ctx: Context) -> list[Markup]:
    """How many totals rest on an attribute that nothing in the text decided."""
    if ctx.tables.totals.empty:
        return []
    marked = with_guess_marks(ctx.tables.totals, ctx.tables.figures)
    n = int(marked["guessed"].map(bool).sum())
    return [fill(ctx.t["finding_guessed"], n=link(str(n), "totals"), total=str(len(marked)))] if n else []


# The findings, in order; each takes the Context and returns lines of markup.
FINDINGS = [coverage_finding, latest_total_findings, change_findings, contradiction_findings, incentive_findings,
            guessed_finding, reviewed_finding]


def finding_lines(tables: RunTables, lang: str = "ar", anchors: Anchors | None = None) -> list[Markup]:
    """Every finding as markup (numbers linked to their evidence)."""
    if anchors is None:
        anchors = Anchors.of(split_figures(tables.figures)[0], tables.totals)
    ctx = Context(tables, lang, anchors)
    return [line for finder in FINDINGS for line in finder(ctx)]


def findings(tables: RunTables, lang: str = "ar") -> list[str]:
    """The findings as plain text (for notebooks and logs)."""
    return [Markup(line).striptags() for line in finding_lines(tables, lang)]


# --- the rest of the page ------------------------------------------------------

def image_data_uri(path: Path) -> str:
    if path.suffix == ".svg":
        return "data:image/svg+xml;base64," + base64.b64encode(path.read_bytes()).decode("ascii")
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


CHART_ORDER = ("recruits_by_area_actor", "recruits_map", "recruits_timeline", "aid_by_area", "incentives_by_actor_area")


def chart_items(paths: list[Path], lang: str) -> list[dict]:
    """Each chart once, as SVG when it was saved as SVG too, with its caption in `lang`;
    recruits first, in CHART_ORDER, then any other chart by name."""
    t = LABELS[lang]
    items = []
    rank = {name: i for i, name in enumerate(CHART_ORDER)}
    for png in sorted(paths, key=lambda p: (rank.get(p.stem, len(rank)), p.stem)):
        svg = png.with_suffix(".svg")
        items.append({"name": png.stem, "src": image_data_uri(svg if svg.exists() else png),
                      "caption": t.get(f"chart_{png.stem}", t["charts"])})
    return items


def cell_text(value) -> str:
    """A table cell as text: numbers formatted, lists joined, dicts as key=value."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={cell_text(v)}" for k, v in value.items())
    if not isinstance(value, str) and hasattr(value, "__iter__"):
        return " | ".join(cell_text(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return text_or_empty(value)


CODED_FIELDS = {"actor": "actor", "area": "area", "category": "category", "measure": "measure",
                "unit": "unit", "incentive": "incentive"}


def correction_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    """Corrections with actions, fields and coded values named in `lang`."""
    t = LABELS[lang]
    rows = []
    for row in frame.to_dict("records"):
        name = text_or_empty(row.get("field"))
        kind = CODED_FIELDS.get(name)
        named = (lambda v: label(v, kind, lang) if kind and text_or_empty(v) else cell_text(v))
        rows.append({"id": text_or_empty(row.get("id")), "action": t.get(f"action_{text_or_empty(row.get('action'))}", ""),
                     "field": t.get(name, name) if name else "", "old": named(row.get("old")),
                     "new": named(row.get("new", row.get("value"))), "reason": text_or_empty(row.get("reason")),
                     "line": text_or_empty(row.get("line"))})
    return rows


def rejection_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    t = LABELS[lang]
    rows = []
    for row in frame.to_dict("records"):
        reason = text_or_empty(row.get("reason"))
        shown = labels.reason_text(reason, lang) or (reason if lang == "en" else t["reason_unknown"])
        rows.append({"kind": t.get(text_or_empty(row.get("kind")), ""), "path": text_or_empty(row.get("path")),
                     "line": text_or_empty(row.get("line")), "reason": shown})
    return rows


def contradiction_rows(frame: pd.DataFrame, lang: str) -> list[dict]:
    rows = []
    for row in text_records(frame):
        row["actor"] = label(row.get("actor"), "actor", lang) or display_name("actor", None, lang)
        row["area"] = label(row.get("area"), "area", lang)
        rows.append(row)
    return rows


def parameter_items(params: dict | None, lang: str) -> list[tuple[str, str, bool]]:
    """(name, value, is_known) for the run's parameters; unknown names stay as given."""
    items = []
    for key, value in (params or {}).items():
        shown = json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value
        names = PARAMETER_NAMES.get(key)
        items.append((names[0 if lang == "ar" else 1] if names else key, shown, bool(names)))
    return items


def render_report(tables: RunTables, *, lang: str = "ar", run_id: str = "",
                  params: dict | None = None, generated: str = "", max_rows: int = 2000) -> str:
    """The report page as a string."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, got {lang!r}")
    if max_rows < 0:
        raise ValueError(f"max_rows must be >= 0, got {max_rows}")
    reports = report_index(tables.reports)
    figures, durations = split_figures(tables.figures)
    shown = figures.head(max_rows)
    anchors = Anchors.of(shown, tables.totals)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.get_template("report.html.j2")
    t = LABELS[lang]
    return template.render(
        lang=lang, dir="rtl" if lang == "ar" else "ltr", t=t, csp=CSP,
        run_id=run_id, generated=generated, params=parameter_items(params, lang),
        sections=[(name, t[name]) for name in SECTIONS],
        findings=finding_lines(tables, lang, anchors),
        charts=chart_items(tables.charts, lang),
        notes=tables.notes,
        totals=total_display_rows(tables, lang, anchors),
        figures=evidence_rows(shown, reports, lang, "figure", anchors),
        figures_total=len(figures),
        durations=evidence_rows(durations.head(max_rows), reports, lang, "figure"),
        durations_total=len(durations),
        incentives=evidence_rows(tables.incentives.head(max_rows), reports, lang, "incentive"),
        incentives_total=len(tables.incentives),
        rejections=rejection_rows(tables.rejections.head(max_rows), lang),
        rejections_total=len(tables.rejections),
        reports=[{k: text_or_empty(v) for k, v in r.items()} for r in tables.reports.head(max_rows).to_dict("records")],
        reports_total=len(tables.reports),
        contradictions=contradiction_rows(tables.contradictions.head(max_rows), lang),
        contradictions_total=len(tables.contradictions),
        corrections=correction_rows(tables.corrections_applied, lang),
        orphaned=correction_rows(tables.corrections_orphaned, lang),
    )


def text_records(frame: pd.DataFrame) -> list[dict[str, str]]:
    """Rows of a table as cell texts, for the template (which escapes them)."""
    return [{key: cell_text(value) for key, value in row.items()} for row in frame.to_dict("records")]


def write_report(run_dir: Path | str, *, lang: str = "ar", run_id: str | None = None,
                 params: dict | None = None, max_rows: int = 2000, generated: str = "") -> Path:
    """Render `run_dir/report.html` from the tables in `run_dir`; returns its path."""
    run_dir = Path(run_dir)
    html = render_report(load_run_tables(run_dir), lang=lang, run_id=run_id or run_dir.name,
                         params=params, generated=generated, max_rows=max_rows)
    out = run_dir / "report.html"
    out.write_text(html, encoding="utf-8")
    return out
