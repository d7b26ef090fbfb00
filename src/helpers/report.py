"""The HTML report an analyst can send: one self-contained, script-free file.

`write_report(run_dir)` reads the tables the notebooks wrote into a run folder
(reports, figures, incentives, rejections, totals, charts/) and renders
`report.html` from `templates/report.html.j2`:
- works offline: no external URL, charts embedded as data: URIs;
- `<html lang="ar" dir="rtl">` (or English labels with `lang="en"`), Arabic text `dir="rtl"`;
- every number next to its evidence sentence, report id, date and source;
- the rejected inputs with their reasons;
- everything from report text escaped (Jinja2 autoescape), and a
  Content-Security-Policy that forbids scripts as defence in depth.
"""
from __future__ import annotations

import base64
import json
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd
from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from helpers import labels
from helpers.labels import display_name

TEMPLATES = Path(__file__).with_name("templates")
CSP = "default-src 'none'; img-src data:; style-src 'unsafe-inline'; script-src 'none'; base-uri 'none'; form-action 'none'"

# Table files inside a run folder (written by the notebooks, read here).
TABLES = ("inputs", "reports", "figures", "incentives", "rejections", "totals", "contradictions",
          "corrections_applied", "corrections_orphaned")

LABELS = {
    "ar": {
        "title": "رصد — تقرير الأرقام والحوافز",
        "run": "التشغيل", "generated": "أُنشئ", "parameters": "المعطيات",
        "findings": "الخلاصة", "charts": "الرسوم البيانية", "totals": "المجاميع حتى تاريخه",
        "figures": "الأرقام مع أدلتها", "incentives": "الحوافز مع أدلتها",
        "rejections": "المدخلات المرفوضة", "reports": "التقارير المقروءة",
        "value": "الرقم", "category": "الفئة", "actor": "الجهة", "area": "المنطقة",
        "evidence": "جملة الدليل", "report": "التقرير", "date": "التاريخ", "source": "المصدر",
        "incentive": "الحافز", "path": "الملف", "line": "السطر", "reason": "السبب",
        "kind": "النوع", "rejected": "مرفوض", "warning": "تنبيه",
        "none": "لا شيء", "omitted": "عُرض {shown} من {total}؛ الجدول الكامل في {file}.",
        "no_charts": "لا رسوم: {why}", "no_totals": "لا مجاميع: {why}",
        "files": "ملفات التشغيل: الجداول بصيغتي CSV وParquet، والرسوم بصيغتي PNG وSVG، وmanifest.json.",
        "contradictions": "أرقام متعارضة بين المصادر", "first": "الأول", "second": "الثاني",
        "corrections": "تصحيحات المحللين", "orphaned": "تصحيحات لم يعد سجلها موجوداً",
        "record": "السجل", "action": "الإجراء", "field": "الحقل", "old": "القيمة السابقة", "new": "القيمة الجديدة",
    },
    "en": {
        "title": "Rasd — figures and incentives report",
        "run": "Run", "generated": "Generated", "parameters": "Parameters",
        "findings": "Findings", "charts": "Charts", "totals": "As-of totals",
        "figures": "Figures with their evidence", "incentives": "Incentives with their evidence",
        "rejections": "Rejected inputs", "reports": "Reports read",
        "value": "Figure", "category": "Category", "actor": "Actor", "area": "Area",
        "evidence": "Evidence sentence", "report": "Report", "date": "Date", "source": "Source",
        "incentive": "Incentive", "path": "File", "line": "Line", "reason": "Reason",
        "kind": "Kind", "rejected": "rejected", "warning": "warning",
        "none": "none", "omitted": "Showing {shown} of {total}; the full table is {file}.",
        "no_charts": "No charts: {why}", "no_totals": "No totals: {why}",
        "files": "Run files: tables as CSV and Parquet, charts as PNG and SVG, and manifest.json.",
        "contradictions": "Running totals that disagree between sources", "first": "first", "second": "second",
        "corrections": "Analyst corrections", "orphaned": "Corrections whose record no longer exists",
        "record": "Record", "action": "Action", "field": "Field", "old": "Old value", "new": "New value",
    },
}

QUALIFIER = {
    "ar": {"approx": "نحو {v}", "more_than": "أكثر من {v}", "at_least": "{v} على الأقل",
           "less_than": "أقل من {v}", "at_most": "{v} على الأكثر", "range": "بين {lo} و{hi}",
           "vague": "{v} (تقدير مبهم)"},
    "en": {"approx": "about {v}", "more_than": "more than {v}", "at_least": "at least {v}",
           "less_than": "less than {v}", "at_most": "at most {v}", "range": "{lo}–{hi}",
           "vague": "{v} (vague)"},
}


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


def read_table(run_dir: Path, name: str) -> pd.DataFrame:
    """`name.parquet` (preferred) or `name.csv` from a run folder; empty if neither exists."""
    parquet, csv = run_dir / f"{name}.parquet", run_dir / f"{name}.csv"
    if parquet.exists():
        return pd.read_parquet(parquet)
    if csv.exists():
        return pd.read_csv(csv, dtype=str, keep_default_na=False)
    return pd.DataFrame()


def load_run_tables(run_dir: Path | str) -> RunTables:
    """Read every table, the chart PNGs and `notes.json` from a run folder."""
    run_dir = Path(run_dir)
    tables = RunTables(**{name: read_table(run_dir, name) for name in TABLES})
    tables.charts = sorted((run_dir / "charts").glob("*.png"))
    notes = run_dir / "notes.json"
    if notes.exists():
        tables.notes = json.loads(notes.read_text(encoding="utf-8"))
    return tables


# --- formatting -------------------------------------------------------------

def is_missing(value) -> bool:
    """None, NaN, NA (helpers.labels.is_missing), NaT and blank strings count as missing."""
    return labels.is_missing(value) or value is pd.NaT or (isinstance(value, str) and not value.strip())


def text_or_empty(value) -> str:
    """Missing → ''; 7.0 (an integer read back as float) → '7'; else str(value)."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def isolate(value) -> str:
    """Text wrapped in Unicode left-to-right isolates, so ids and dates keep their order inside Arabic."""
    return f"\u2066{text_or_empty(value)}\u2069"


def format_number(value) -> str:
    """1234.0 → '1,234'; 8.26 → '8.26'; text is returned as given."""
    if is_missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def label(code, kind: str, lang: str) -> str:
    """Display name of a code (helpers.labels); empty when there is none."""
    code = text_or_empty(code)
    return display_name(kind, code, lang) if code else ""


def regions_text(value, lang: str) -> str:
    """A regions cell (list, array, or text as our CSV files write it) as names."""
    return "، ".join(label(code, "area", lang) for code in labels.regions_of(value))


def figure_value_text(row: dict, lang: str) -> str:
    """The figure as a phrase: 'نحو 1,270 شخص', 'بين 100 و300 دولار'."""
    qualifier = text_or_empty(row.get("qualifier"))
    template = QUALIFIER[lang].get(qualifier, "{v}")
    phrase = template.format(
        v=format_number(row.get("value")),
        lo=format_number(row.get("value_min") if not is_missing(row.get("value_min")) else row.get("value")),
        hi=format_number(row.get("value_max")),
    )
    unit = label(row.get("unit"), "unit_after_number", lang)
    return f"{phrase} {unit}".strip()


def marked_sentence(row: dict) -> Markup:
    """The evidence sentence, escaped, with the record's own words in <mark>."""
    sentence, words = text_or_empty(row.get("sentence")), text_or_empty(row.get("text"))
    at = -1
    try:
        at = int(row.get("start")) - int(row.get("sentence_start"))
    except (TypeError, ValueError):
        pass
    if not (0 <= at and sentence[at:at + len(words)] == words):
        at = sentence.find(words) if words else -1
    if at < 0 or not words:
        return escape(sentence)
    before, after = sentence[:at], sentence[at + len(words):]
    return escape(before) + Markup("<mark>") + escape(words) + Markup("</mark>") + escape(after)


# --- the data behind the page ---------------------------------------------------

def report_index(reports: pd.DataFrame) -> dict[str, dict]:
    """Report metadata by id (title, date, source, url, path)."""
    if reports.empty or "id" not in reports:
        return {}
    return {str(row["id"]): row for row in reports.to_dict("records")}


def evidence_rows(records: pd.DataFrame, reports: dict[str, dict], lang: str, kind: str) -> list[dict]:
    """One display row per figure or incentive, with its report's metadata."""
    rows = []
    for row in records.to_dict("records"):
        meta = reports.get(str(row.get("report_id")), {})
        rows.append({
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


def findings(tables: RunTables, lang: str = "ar") -> list[str]:
    """Short plain-text findings generated from the data (no markup)."""
    reports, figures, incentives = tables.reports, tables.figures, tables.incentives
    dates = sorted(d for d in reports.get("date", pd.Series(dtype=str)).map(text_or_empty) if d)
    span = f" ({isolate(dates[0])} → {isolate(dates[-1])})" if dates else ""
    outside = max(0, len(tables.inputs) - len(reports))
    if lang == "ar":
        window = f" (و{outside} تقريراً مقروءاً خارج النافذة الزمنية المطلوبة)" if outside else ""
        lines = [f"عدد التقارير المقروءة: {len(reports)}{span}{window}؛ الأرقام المستخرجة: {len(figures)}؛ "
                 f"الحوافز: {len(incentives)}؛ المدخلات المرفوضة: {len(tables.rejections)}."]
    else:
        window = f" (and {outside} read but outside the requested date window)" if outside else ""
        lines = [f"Reports read: {len(reports)}{span}{window}; figures: {len(figures)}; "
                 f"incentives: {len(incentives)}; rejected inputs: {len(tables.rejections)}."]
    lines += total_lines(tables.totals, lang) or latest_recruit_lines(figures, lang)
    lines += top_incentive_lines(incentives, lang)
    lines += reviewed_lines(tables, lang)
    return lines


def reviewed_lines(tables: RunTables, lang: str) -> list[str]:
    """'N of M totals reviewed by an analyst': every figure behind them accepted or corrected (helpers.review)."""
    from helpers.review import reviewed_count

    if tables.totals.empty:
        return []
    done, total = reviewed_count(tables.totals, tables.figures)
    if lang == "ar":
        return [f"راجع محلل {done} من {total} مجموعاً (كل رقم خلفها قُبل أو صُحّح)."]
    return [f"{done} of {total} totals reviewed by an analyst (every figure behind them accepted or corrected)."]


def with_reviewed(totals: pd.DataFrame, figures: pd.DataFrame, lang: str) -> pd.DataFrame:
    """The totals with a `reviewed` column: yes when every figure behind the total was reviewed."""
    from helpers.review import with_review_status

    words = ("نعم", "لا") if lang == "ar" else ("yes", "no")
    marked = with_review_status(totals, figures)
    return marked.assign(reviewed=marked["reviewed"].map(lambda done: words[0] if done else words[1]))


def total_lines(totals: pd.DataFrame, lang: str, top: int = 8) -> list[str]:
    """The largest as-of running totals of recruits (helpers.aggregate), with their basis and reports."""
    needed = {"category", "measure", "actor", "area", "value", "as_of", "report_ids"}
    if totals.empty or not needed <= set(totals.columns):
        return []
    stocks = totals[(totals["category"] == "recruits") & (totals["measure"] == "stock")]
    stocks = stocks.sort_values("value", ascending=False, kind="stable").head(top)
    lines = []
    for row in stocks.to_dict("records"):
        where = label(row["area"], "area", lang) or ("غير محددة" if lang == "ar" else "unlocated")
        who = label(row["actor"], "actor", lang) or display_name("actor", None, lang)
        reports = ", ".join(isolate(i) for i in labels.regions_of(row["report_ids"]))
        conflicts = len(row.get("conflicts") if row.get("conflicts") is not None else [])
        if lang == "ar":
            line = (f"حتى {isolate(row['as_of'])}: مجنّدو {who} في {where} "
                    f"{format_number(row['value'])} (التقارير: {reports})")
            line += f"؛ تعارضه أرقام من {conflicts} تقرير آخر." if conflicts else "."
        else:
            line = (f"As of {isolate(row['as_of'])}: {who} recruits in {where}: "
                    f"{format_number(row['value'])} (reports: {reports})")
            line += f"; contradicted by {conflicts} other report(s)." if conflicts else "."
        lines.append(line)
    return lines


def latest_recruit_lines(figures: pd.DataFrame, lang: str) -> list[str]:
    """Per actor, the most recent recruits figure (non-vague) with its report and date."""
    needed = {"category", "actor", "report_date", "value", "report_id"}
    if figures.empty or not needed <= set(figures.columns):
        return []
    recruits = figures[(figures["category"] == "recruits") & figures["actor"].map(lambda a: not is_missing(a))]
    if "qualifier" in recruits:
        recruits = recruits[recruits["qualifier"] != "vague"]
    lines = []
    for actor, group in recruits.groupby("actor", sort=True):
        row = group.sort_values("report_date", na_position="first", kind="stable").iloc[-1].to_dict()
        when = text_or_empty(row.get("report_date")) or ("دون تاريخ" if lang == "ar" else "undated")
        if lang == "ar":
            lines.append(f"آخر رقم للمجنّدين لدى {label(actor, 'actor', lang)}: {figure_value_text(row, lang)} "
                         f"(التقرير {isolate(row['report_id'])}، {isolate(when)}).")
        else:
            lines.append(f"Latest recruits figure for {label(actor, 'actor', lang)}: {figure_value_text(row, lang)} "
                         f"(report {isolate(row['report_id'])}, {isolate(when)}).")
    return lines


def top_incentive_lines(incentives: pd.DataFrame, lang: str, top: int = 3) -> list[str]:
    """The incentives named in the most reports."""
    if incentives.empty or not {"incentive", "report_id"} <= set(incentives.columns):
        return []
    counts = incentives.groupby("incentive")["report_id"].nunique().sort_values(ascending=False, kind="stable")
    parts = [f"{label(name, 'incentive', lang)} ({n})" for name, n in counts.head(top).items()]
    if lang == "ar":
        return ["أكثر الحوافز ذكراً (عدد التقارير): " + "، ".join(parts) + "."]
    return ["Incentives named in most reports (report count): " + ", ".join(parts) + "."]


def image_data_uri(path: Path) -> str:
    return "data:image/png;base64," + base64.b64encode(path.read_bytes()).decode("ascii")


def cell_text(value) -> str:
    """A table cell as text: numbers formatted, lists joined, dicts as key=value."""
    if isinstance(value, dict):
        return ", ".join(f"{k}={cell_text(v)}" for k, v in value.items())
    if not isinstance(value, str) and hasattr(value, "__iter__"):
        return " | ".join(cell_text(v) for v in value)
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return format_number(value)
    return text_or_empty(value)


TOTALS_HIDDEN = ("figure_ids", "regions")
TOTALS_HEADERS = {
    "actor": "الجهة", "area": "المنطقة", "category": "الفئة", "measure": "النوع", "unit": "الوحدة",
    "value": "القيمة", "as_of": "حتى تاريخ", "basis": "الأساس", "report_ids": "التقارير", "conflicts": "تعارضات",
    "destination": "الوجهة خارج سوريا", "reviewed": "راجعه محلل",
}
TOTALS_LABELS = {"actor": "actor", "area": "area", "category": "category", "measure": "measure", "unit": "unit"}


def conflict_text(value) -> str:
    """Conflicting totals (list of dicts) as 'value @ report (date)'."""
    if isinstance(value, str) or not hasattr(value, "__iter__"):
        return text_or_empty(value)
    return " | ".join(f"{format_number(c.get('value'))} @ {text_or_empty(c.get('report_id'))} "
                      f"({text_or_empty(c.get('report_date'))})" for c in value if isinstance(c, dict))


TOTALS_LTR = ("value", "as_of", "report_ids", "basis", "conflicts")


def plain_table(frame: pd.DataFrame, lang: str = "ar") -> dict:
    """Headers, rows of cell texts and which columns read left to right, for the as-of totals."""
    frame = frame.drop(columns=[c for c in TOTALS_HIDDEN if c in frame.columns])
    rows = []
    for record in frame.to_dict("records"):
        row = []
        for column, value in record.items():
            if column in TOTALS_LABELS:
                row.append(label(value, TOTALS_LABELS[column], lang))
            elif column == "conflicts":
                row.append(conflict_text(value))
            else:
                row.append(cell_text(value))
        rows.append(row)
    headers = [TOTALS_HEADERS.get(str(c), str(c)) if lang == "ar" else str(c) for c in frame.columns]
    ltr = [str(c) in TOTALS_LTR for c in frame.columns]
    return {"columns": headers, "rows": rows, "ltr": ltr, "date": [str(c) == "as_of" for c in frame.columns]}


def render_report(tables: RunTables, *, lang: str = "ar", run_id: str = "",
                  params: dict | None = None, generated: str = "", max_rows: int = 2000) -> str:
    """The report page as a string."""
    if lang not in LABELS:
        raise ValueError(f"lang must be one of {sorted(LABELS)}, got {lang!r}")
    if max_rows < 0:
        raise ValueError(f"max_rows must be >= 0, got {max_rows}")
    reports = report_index(tables.reports)
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=select_autoescape(default=True, default_for_string=True))
    template = env.get_template("report.html.j2")
    return template.render(
        lang=lang, dir="rtl" if lang == "ar" else "ltr", t=LABELS[lang], csp=CSP,
        run_id=run_id, generated=generated,
        params=[(key, json.dumps(value, ensure_ascii=False) if not isinstance(value, str) else value)
                for key, value in (params or {}).items()],
        findings=findings(tables, lang),
        charts=[{"name": p.stem, "src": image_data_uri(p)} for p in tables.charts],
        notes=tables.notes,
        totals=plain_table(with_reviewed(tables.totals, tables.figures, lang), lang) if not tables.totals.empty else None,
        figures=evidence_rows(tables.figures.head(max_rows), reports, lang, "figure"),
        figures_total=len(tables.figures),
        incentives=evidence_rows(tables.incentives.head(max_rows), reports, lang, "incentive"),
        incentives_total=len(tables.incentives),
        rejections=[{k: text_or_empty(v) for k, v in r.items()} for r in tables.rejections.to_dict("records")],
        reports=[{k: text_or_empty(v) for k, v in r.items()} for r in tables.reports.head(max_rows).to_dict("records")],
        reports_total=len(tables.reports),
        contradictions=text_records(tables.contradictions),
        corrections=text_records(tables.corrections_applied),
        orphaned=text_records(tables.corrections_orphaned),
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
