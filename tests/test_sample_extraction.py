"""The extractor returns what data/sample/README.md's figure tables promise.

Headline rows: value, bounds, qualifier, unit, category, measure, actor and area
exactly as the table gives them. Secondary rows: value and unit. Numbers the
README lists as not figures: no figure overlaps them.
"""
from __future__ import annotations

import math
from pathlib import Path

import pytest

from helpers.extract import extract_paths
from helpers.ingest.load import iter_load
from helpers.records import Report

SAMPLE = Path(__file__).resolve().parents[1] / "data" / "sample"
README = (SAMPLE / "README.md").read_text(encoding="utf-8")


def readme_rows(heading: str) -> list[list[str]]:
    section = README.split(f"## {heading}\n", 1)[1].split("\n## ", 1)[0]
    rows = []
    for line in section.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and not set("".join(cells)) <= set("-") and cells[0] != "report":
            rows.append(cells)
    return rows


FIGURE_ROWS = readme_rows("Headline figures")
NON_FIGURE_ROWS = readme_rows("Numbers that are NOT figures (must not be extracted)")


@pytest.fixture(scope="module")
def extracted():
    reports = {r.id: r for r in iter_load([SAMPLE]) if isinstance(r, Report)}
    return reports, extract_paths([SAMPLE]).figures


def _blank(value) -> str:
    """'' for None/NaN, else the value as the table writes it."""
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return str(value)


def _number(cell: str):
    return None if cell == "" else float(cell)


def _figure_at(reports, figures, report_id: str, words: str):
    start = reports[report_id].full_text.find(words)
    assert start >= 0, f"{words!r} not in {report_id}"
    end = start + len(words)
    hits = figures[(figures.report_id == report_id) & (figures.start < end) & (figures.end > start)]
    assert len(hits) == 1, f"{report_id}: {len(hits)} figures overlap {words!r}"
    return hits.iloc[0]


def test_tables_were_read():
    assert len(FIGURE_ROWS) == 77 and sum(r[11] == "headline" for r in FIGURE_ROWS) == 65
    assert len(NON_FIGURE_ROWS) >= 12


@pytest.mark.parametrize("row", FIGURE_ROWS, ids=[f"{r[0]}:{r[1]}" for r in FIGURE_ROWS])
def test_table_figure_is_extracted(extracted, row):
    report_id, words, value, low, high, qualifier, unit, category, measure, actor, area, level = row
    reports, figures = extracted
    f = _figure_at(reports, figures, report_id, words)
    assert float(f.value) == pytest.approx(float(value)) and f.unit == unit
    if level == "secondary":
        return
    bounds = (None if _blank(f.value_min) == "" else float(f.value_min),
              None if _blank(f.value_max) == "" else float(f.value_max))
    assert bounds == (_number(low), _number(high))
    got = (f.qualifier, f.category, _blank(f.measure), _blank(f.actor), _blank(f.area) or "—")
    assert got == (qualifier, category, measure, actor, area)


def _report_ids(cell: str, reports) -> list[str]:
    prefixes = [p.strip() for p in cell.split(",")]
    return [rid for rid in reports if any(rid.startswith(p) and rid[len(p)] in "_abc" for p in prefixes)]


@pytest.mark.parametrize("row", [r for r in NON_FIGURE_ROWS if r[0] not in ("all", "18")],
                         ids=[f"{r[0]}:{r[1]}" for r in NON_FIGURE_ROWS if r[0] not in ("all", "18")])
def test_listed_non_figure_is_not_extracted(extracted, row):
    reports, figures = extracted
    cell, words = row[0], row[1]
    ids = _report_ids(cell, reports)
    assert ids, cell
    for report_id in ids:
        text = reports[report_id].full_text
        for phrase in (p.strip().strip("`") for p in words.split("·")):
            start = text.find(phrase)
            assert start >= 0, f"{phrase!r} not in {report_id}"
            end = start + len(phrase)
            hits = figures[(figures.report_id == report_id) & (figures.start < end) & (figures.end > start)]
            assert hits.empty, f"{report_id}: {list(hits.text)} extracted from {phrase!r}"


def test_html_traps_and_urls_give_no_figures(extracted):
    reports, figures = extracted
    html = figures[figures.report_id == "18_iran-damascus-fatemiyoun"]
    assert not set(html.value) & {99999, 77777, 5555, 12345, 1, 2021}
    assert not (figures.value == 2018).any() and not (figures.value == 2019).any()
