"""What every chart shares: its phrases in two languages, its style, its figure, title,
source note and "no data" panel, and the data table a chart carries beside its image.

Arabic strings pass through `arabic_text.label()`, which shapes them only on a
matplotlib that cannot (see that module), so nothing here shapes twice.
"""
from __future__ import annotations

import matplotlib
import pandas as pd
from matplotlib.figure import Figure

from helpers.analysis.aggregate import mark_repeats
from helpers.cells import regions_of
from helpers.present.arabic_text import ARABIC_FONT, label
from helpers.present.labels import check_lang, display_name

TEXT = {
    "recruits_title": ("أعداد المجندين حسب المنطقة والجهة", "Recruits by area and actor"),
    "recruits_note": ("آخر إجمالي تراكمي مُعلن لكل جهة ومنطقة مع الدفعات اللاحقة",
                      "Latest reported running total per actor and area, plus later arrivals"),
    "stock_bar": ("إجمالي تراكمي (مع الدفعات اللاحقة)", "running total (with later arrivals)"),
    "flow_bar": ("دفعات جديدة فقط، دون إجمالي معلن", "new arrivals only, no running total reported"),
    "wider_areas": ("مناطق تمتد على عدة محافظات", "Areas spanning several governorates"),
    "recruits_axis": ("عدد المجندين", "Recruits"),
    "aid_title": ("المساعدات حسب المنطقة", "Aid by area"),
    "aid_note": ("مجموع التوزيعات المعلنة، كل توزيع مرة واحدة", "Sum of reported distributions, each counted once"),
    "incentives_title": ("الحوافز المعروضة حسب الجهة والمحافظة", "Incentives offered by actor and governorate"),
    "incentives_by_actor": ("حسب الجهة", "By actor"),
    "incentives_by_area": ("حسب المحافظة", "By governorate"),
    "incentives_note": ("عدد التقارير التي ذكرت الحافز", "Number of reports mentioning the incentive"),
    "timeline_title": ("أعداد المجندين المعلنة عبر الزمن", "Reported recruit numbers over time"),
    "timeline_axis": ("العدد المعلن", "Reported number"),
    "timeline_date_month": ("شهر التقرير", "Month of the report"),
    "timeline_date_week": ("أسبوع التقرير (من يوم الاثنين)", "Week of the report (from Monday)"),
    "timeline_note_month": ("شهرياً: آخر إجمالي تراكمي لكل منطقة، ومجموع الدفعات الجديدة",
                            "By month: latest running total per area, new arrivals added up"),
    "timeline_note_week": ("أسبوعياً: آخر إجمالي تراكمي لكل منطقة، ومجموع الدفعات الجديدة",
                           "By week: latest running total per area, new arrivals added up"),
    "timeline_other_note": ("«أخرى» تجمع الباقي", "“other” adds up the rest"),
    "timeline_stock": ("إجمالي تراكمي (آخر رقم في الفترة)", "running total (latest in the period)"),
    "timeline_flow": ("دفعات جديدة (مجموع الفترة)", "new arrivals (added up over the period)"),
    "other_actors": ("جهات أخرى", "Other actors"),
    "other_areas": ("مناطق أخرى", "Other areas"),
    "map_title": ("التوزع حسب المحافظة", "By governorate"),
    "map_no_value": ("لا أرقام", "no figures"),
    "recruits_map_title": ("المجندون حسب المحافظة", "Recruits by governorate"),
    "recruits_map_note": ("آخر إجمالي لكل جهة، مجموع الجهات؛ المناطق الممتدة على عدة محافظات مظللة ومجاميعها في الجانب",
                          "Latest total per actor, actors added; areas spanning several governorates hatched, totals at the side"),
    "as_of": ("حتى {date}", "as of {date}"),
    "source": ("المصدر: استخراج رصد من تقارير عددها {n}", "Source: Rasd extraction from {n} reports"),
    "source_1": ("المصدر: استخراج رصد من تقرير واحد", "Source: Rasd extraction from 1 report"),
    "no_data": ("لا توجد بيانات", "No data"),
    "not_drawn": ("تعذر رسم هذا الرسم البياني", "This chart could not be drawn"),
    "undof": ("منطقة الفصل (أندوف)", "UNDOF zone"),
}

ACTOR_COLOURS = {
    "russia": "#c0392b", "iran": "#1e8449", "turkey": "#d35400", "regime": "#5d6d7e",
    "us_coalition": "#2e86c1", "sdf": "#f1c40f", "isis": "#222222", None: "#aab7b8",
}

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": [ARABIC_FONT],
    "font.size": 11,
    "axes.titlesize": 14,
    "axes.titleweight": "bold",
    "axes.labelsize": 11,
    "axes.spines.top": False,
    "axes.grid": False,
    "legend.frameon": False,
    "svg.fonttype": "path",  # glyph outlines: shaped text looks the same everywhere
    "svg.hashsalt": "rasd",  # stable element ids, so reruns write identical SVGs
}


def text(key: str, lang: str, **fields) -> str:
    """A chart phrase (title, axis label, note) in `lang`, ready to draw."""
    check_lang(lang)
    pair = TEXT[key]
    return label((pair[0] if lang == "ar" else pair[1]).format(**fields))


def name(kind: str, code, lang: str = "ar") -> str:
    """Display name of a contract code (see helpers.present.labels), ready to draw."""
    return label(display_name(kind, code, lang))


# --- shared layout ---------------------------------------------------------------

def new_figure(width: float, height: float) -> Figure:
    with matplotlib.rc_context(STYLE):
        return Figure(figsize=(width, height), dpi=100, layout="constrained")


def report_count(*frames: pd.DataFrame) -> int:
    ids: set = set()
    for frame in frames:
        if "report_id" in frame:
            ids |= set(frame["report_id"].dropna())
        elif "report_ids" in frame:
            ids |= {i for cell in frame["report_ids"] for i in regions_of(cell)}
    return len(ids)


def source_note(fig: Figure, n_reports: int | None, lang: str) -> None:
    if n_reports is None:
        return
    note = text("source_1", lang) if n_reports == 1 else text("source", lang, n=n_reports)
    x, ha = (0.995, "right") if lang == "ar" else (0.005, "left")
    with matplotlib.rc_context(STYLE):
        fig.text(x, 0.008, note, ha=ha, va="bottom", fontsize=8, color="#666666")
    reserve_bottom(fig, 0.35)


NOTE_HEIGHT = 0.3  # inches kept for the source note at the foot of every chart


def reserve_bottom(fig: Figure, inches: float) -> None:
    """Keep the bottom `inches` of the figure free of axes (for the note and legend)."""
    engine = fig.get_layout_engine()
    current = engine.get().get("rect", (0, 0, 1, 1))[1]
    bottom = max(current, inches / fig.get_figheight())
    engine.set(rect=(0, bottom, 1, 1 - bottom))


def no_data_figure(lang: str, title: str, n_reports: int | None) -> Figure:
    fig = new_figure(8, 2.5)
    with matplotlib.rc_context(STYLE):
        ax = fig.add_subplot()
        ax.set_axis_off()
        ax.set_title(title)
        ax.text(0.5, 0.5, text("no_data", lang), ha="center", va="center", fontsize=13, color="#666666")
    source_note(fig, n_reports, lang)
    return fig


def format_value(value: float) -> str:
    return f"{value:,.0f}" if float(value).is_integer() or abs(value) >= 100 else f"{value:,.1f}"


def figure_title(fig: Figure, title: str, lang: str) -> None:
    """Figure title on the reading side: right for Arabic, left for English."""
    x, ha = (0.99, "right") if lang == "ar" else (0.01, "left")
    fig.suptitle(title, x=x, ha=ha, fontsize=14, fontweight="bold")


def reading_side(lang: str) -> str:
    return "right" if lang == "ar" else "left"



def counted_once(figures_df: pd.DataFrame) -> pd.DataFrame:
    """Figure records with `regions` as lists (Parquet gives arrays) and repeats
    marked (`aggregate.mark_repeats`) unless already done."""
    frame = figures_df.assign(regions=figures_df["regions"].map(regions_of))
    return frame if "repeat_of" in frame else mark_repeats(frame)




DATA_ATTRIBUTE = "rasd_data"   # the table a chart's numbers come from, written beside its image


def attach_data(fig: Figure, table: pd.DataFrame) -> Figure:
    """Keep `table` (one row per drawn number, with the record ids it rests on) on `fig`,
    so `charts.save` writes it beside the image as `<name>.csv`."""
    setattr(fig, DATA_ATTRIBUTE, table)
    return fig


def chart_data(fig: Figure) -> pd.DataFrame | None:
    """The table attached by `attach_data`, or None."""
    return getattr(fig, DATA_ATTRIBUTE, None)
