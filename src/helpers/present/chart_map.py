"""The choropleth of the 14 governorates (`governorate_map`) and the numbers it shows:
per-governorate as-of totals (`governorate_values`) and the wider areas spanning several
governorates (`wider_areas`), hatched on the map and listed at its side."""
from __future__ import annotations

import json
import math
from collections.abc import Mapping
from functools import lru_cache

import matplotlib
import numpy as np
import pandas as pd
from matplotlib import cm, ticker
from matplotlib.colors import BoundaryNorm
from matplotlib.figure import Figure
from matplotlib.patches import PathPatch
from matplotlib.path import Path as MplPath

from helpers.cells import is_missing, regions_of
from helpers.paths import GEO
from helpers.present.arabic_text import label
from helpers.present.chart_base import (
    STYLE,
    figure_title,
    format_value,
    name,
    new_figure,
    reading_side,
    source_note,
    text,
)
from helpers.present.labels import GOVERNORATES_CSV, check_lang, display_name, governorate_names

GEOJSON = GEO / "syria_admin1.geojson"
NO_VALUE_COLOUR = "#f2f2f2"
UNDOF_COLOUR = "#9e9e9e"
MAP_CMAP = "YlOrRd"


@lru_cache(maxsize=1)
def _features() -> tuple[dict, ...]:
    with open(GEOJSON, encoding="utf-8") as handle:
        return tuple(json.load(handle)["features"])


def _feature_path(geometry: dict) -> MplPath:
    """One compound path for a (Multi)Polygon; holes wound against the outer ring."""
    polygons = geometry["coordinates"] if geometry["type"] == "MultiPolygon" else [geometry["coordinates"]]
    rings = []
    for polygon in polygons:
        for index, ring in enumerate(polygon):
            points = np.asarray(ring, dtype=float)
            clockwise = _signed_area(points) < 0
            if clockwise != (index > 0):  # outer ring anticlockwise, holes clockwise
                points = points[::-1]
            rings.append(MplPath(points, closed=True))
    return MplPath.make_compound_path(*rings)


def _signed_area(points: np.ndarray) -> float:
    x, y = points[:, 0], points[:, 1]
    return 0.5 * float(np.dot(x, np.roll(y, -1)) - np.dot(np.roll(x, -1), y))


def class_bounds(values) -> list[float]:
    """Class limits for the map's colours: 1, 2.5, 5 × powers of ten from the smallest
    value to the largest (at most 7 classes), so 25 and 1,385 fall in different classes."""
    positive = [float(v) for v in values if v and float(v) > 0]
    if not positive:
        return [0.0, 1.0]
    low, high = min(positive), max(positive)
    steps = [m * 10 ** e for e in range(0, 9) for m in (1, 2.5, 5)]
    bounds = [b for b in steps if b <= low][-1:] or [0.0]
    bounds += [b for b in steps if low < b < high * 1.0001]
    bounds.append(next(b for b in steps if b > high))
    while len(bounds) > 8:  # too many classes: keep every other limit
        bounds = bounds[::2] + ([bounds[-1]] if bounds[-1] not in bounds[::2] else [])
    return bounds


HATCHES = ["////", "\\\\", "xxx", "...", "---", "|||"]
# Governorates too small for their name: label at (lon, lat) in the sea or outside, with a leader line.
LABEL_AT = {"SY-HM": (37.55, 35.17)}  # where the stored label point sits on a border
LEADER_LABELS = {"SY-LA": (35.05, 35.75), "SY-TA": (35.05, 35.05), "SY-DI": (35.0, 33.95),
                 "SY-QU": (35.0, 33.25), "SY-DR": (35.35, 32.55)}


def governorate_map(values: Mapping[str, float], lang: str = "ar", title: str | None = None, *,
                    value_label: str | None = None, note: str | None = None,
                    n_reports: int | None = None, wider: list[dict] | None = None) -> Figure:
    """Choropleth of the 14 governorates: `values` maps ISO 3166-2 codes to numbers.

    Colours are classed on a 1–2.5–5 scale (`class_bounds`), so small counts differ.
    `wider` lists totals of areas spanning several governorates (dicts with name,
    regions, value and text): their governorates are hatched, one pattern per area,
    and their totals are listed at the side. Governorates without a value are pale
    grey, the UNDOF zone mid grey. Each patch carries its ISO code as gid ("UNDOF"
    for the zone; "wider-<n>" for a hatch).
    """
    check_lang(lang)
    names = governorate_names()
    unknown = sorted(set(values) - set(names))
    if unknown:
        raise ValueError(f"governorate_map: unknown governorate codes {unknown}; expected ISO 3166-2 codes "
                         f"from {GOVERNORATES_CSV.name}")
    present = {code: float(v) for code, v in values.items() if not is_missing(v)}
    bounds = class_bounds(present.values())
    cmap = matplotlib.colormaps[MAP_CMAP].resampled(len(bounds) - 1)
    norm = BoundaryNorm(bounds, cmap.N)
    wider = wider or []
    fig = new_figure(11 if wider else 8.5, 7.4)
    with matplotlib.rc_context(STYLE):
        if wider:
            ratios = [3.2, 1] if lang != "ar" else [1, 3.2]
            axes = fig.subplots(1, 2, width_ratios=ratios)
            ax, side = (axes[1], axes[0]) if lang == "ar" else (axes[0], axes[1])
        else:
            ax, side = fig.add_subplot(), None
        by_code = {feature["properties"]["iso_3166_2"]: feature for feature in _features()}
        for code, feature in by_code.items():
            colour = UNDOF_COLOUR if code is None else (
                cmap(norm(present[code])) if code in present else NO_VALUE_COLOUR)
            ax.add_patch(PathPatch(_feature_path(feature["geometry"]), facecolor=colour, edgecolor="#8c8c8c",
                                   linewidth=0.7, gid=code or "UNDOF"))
        for number, area in enumerate(wider):
            for code in area["regions"]:
                if code in by_code:
                    ax.add_patch(PathPatch(_feature_path(by_code[code]["geometry"]), facecolor="none",
                                           edgecolor="#333333", linewidth=1.2, hatch=HATCHES[number % len(HATCHES)],
                                           gid=f"wider-{number}"))
        _label_governorates(ax, present, norm, lang)
        ax.autoscale_view()
        x0, x1 = ax.get_xlim()
        ax.set_xlim(x0 - 0.9, x1)  # room in the west for the leader-line labels
        ax.set_aspect(1 / math.cos(math.radians(35)))  # degrees of longitude are shorter at 35° N
        ax.set_axis_off()
        figure_title(fig, label(title) if title else text("map_title", lang), lang)
        if note:
            ax.set_title(label(note), fontsize=9, fontweight="normal", color="#555555", loc=reading_side(lang))
        bar = fig.colorbar(cm.ScalarMappable(norm=norm, cmap=cmap), ax=ax, shrink=0.6, aspect=30,
                           location="bottom", pad=0.02, spacing="uniform", ticks=bounds)
        bar.ax.xaxis.set_major_formatter(ticker.FuncFormatter(lambda v, _: f"{v:,.0f}"))
        if lang == "ar":
            bar.ax.invert_xaxis()  # small to large, read from the right
        if value_label:
            bar.set_label(label(value_label))
        ax.legend(handles=_map_legend(lang), loc="lower right", fontsize=8)
        if side is not None:
            _wider_panel(side, wider, lang)
    source_note(fig, n_reports, lang)
    return fig


def _wider_panel(ax, wider: list[dict], lang: str) -> None:
    """The side panel: one hatched swatch per wide area with its name and total."""
    from matplotlib.patches import Rectangle

    ax.set_axis_off()
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    x_text, ha = (0.78, "right") if lang == "ar" else (0.22, "left")
    x_box = 0.82 if lang == "ar" else 0.02
    ax.text(0.98 if lang == "ar" else 0.02, 0.9, text("wider_areas", lang), ha=ha, va="top",
            fontsize=11, fontweight="bold")
    for number, area in enumerate(wider):
        y = 0.8 - number * 0.14
        ax.add_patch(Rectangle((x_box, y - 0.07), 0.16, 0.07, facecolor="white", edgecolor="#333333",
                               hatch=HATCHES[number % len(HATCHES)], gid=f"wider-key-{number}"))
        ax.text(x_text, y - 0.01, label(area["name"]), ha=ha, va="top", fontsize=10, fontweight="bold")
        ax.text(x_text, y - 0.05, label(area["text"]), ha=ha, va="top", fontsize=9, color="#333333",
                wrap=True)


def _map_legend(lang: str) -> list:
    from matplotlib.patches import Patch

    return [Patch(facecolor=NO_VALUE_COLOUR, edgecolor="#bbbbbb", label=text("map_no_value", lang)),
            Patch(facecolor=UNDOF_COLOUR, edgecolor="#bbbbbb", label=text("undof", lang))]


def wider_areas(table: pd.DataFrame, lang: str = "ar") -> list[dict]:
    """Totals of areas spanning several governorates (the south, the coast), one entry per area:
    {name, regions, value, text} where text lists each actor's total."""
    if table.empty or "regions" not in table:
        return []
    frame = table.assign(_regions=table["regions"].map(regions_of))
    frame = frame[frame["_regions"].map(len) > 1]
    entries = []
    for area, group in frame.groupby("area", sort=False):
        group = group.sort_values("value", ascending=False, kind="stable")
        parts = [f"{display_name('actor', None if is_missing(r['actor']) else r['actor'], lang)} "
                 f"{format_value(r['value'])}" for _, r in group.iterrows()]
        entries.append({"name": display_name("area", area, lang), "regions": group["_regions"].iloc[0],
                        "value": float(group["value"].sum()),
                        "text": ("، " if lang == "ar" else ", ").join(parts)})
    return sorted(entries, key=lambda e: -e["value"])


def _label_governorates(ax, present: Mapping[str, float], norm, lang: str) -> None:
    """Name and value of each governorate; small ones outside with a leader line."""
    for feature in _features():
        props = feature["properties"]
        code = props["iso_3166_2"]
        if code is None:
            continue
        value = present.get(code)
        caption = name("area", code, lang) + ("" if value is None else f"\n{format_value(value)}")
        weight = "bold" if value is not None else "normal"
        if code in LEADER_LABELS:
            ax.annotate(caption, xy=(props["label_lon"], props["label_lat"]), xytext=LEADER_LABELS[code],
                        ha="center", va="center", fontsize=8.5, color="#222222", fontweight=weight,
                        arrowprops={"arrowstyle": "-", "color": "#555555", "linewidth": 0.8,
                                    "shrinkA": 2, "shrinkB": 0}, gid=f"label-{code}")
            continue
        dark = value is not None and norm(value) > 0.6 * (norm.N - 1)
        ax.text(*LABEL_AT.get(code, (props["label_lon"], props["label_lat"])), caption, ha="center", va="center",
                fontsize=9.5, color="white" if dark else "#222222", fontweight=weight, gid=f"label-{code}",
                bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "alpha": 0.55, "linewidth": 0}
                if not dark else None)


def governorate_values(table: pd.DataFrame) -> dict[str, float]:
    """Per-governorate totals for the map from an as-of table (actor, area, regions, value, as_of).

    Rows whose area lies in one governorate count there. Within one governorate
    and actor only the most recent total is kept (areas there may overlap);
    actors are added. Rows spanning several governorates (e.g. the south)
    cannot be split and are left out.
    """
    frame = table.assign(_regions=table["regions"].map(regions_of))
    frame = frame[frame["_regions"].map(len) == 1]
    if frame.empty:
        return {}
    frame = frame.assign(governorate=frame["_regions"].str[0],
                         _actor=frame["actor"].map(lambda a: "" if is_missing(a) else a),
                         _as_of=pd.to_datetime(frame.get("as_of"), errors="coerce"))
    latest = (frame.sort_values(["_as_of", "value"], na_position="first", kind="stable")
              .groupby(["governorate", "_actor"]).tail(1))
    return {code: float(v) for code, v in latest.groupby("governorate")["value"].sum().items()}
