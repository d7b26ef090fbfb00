"""The whole pipeline in one call: load → normalise → extract → correct → aggregate.

Notebooks, the aggregate command and the report runner all go through
`run_pipeline`, so every view of the numbers is computed the same way.
Reports stream through one at a time; only records and signatures are kept.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers import corrections as corrections_stage
from helpers.aggregate import Aggregation, aggregate
from helpers.budget import extract_within_budget
from helpers.lexicons import load_lexicons
from helpers.load import LoadWarning, iter_load
from helpers.near_duplicates import NearDuplicateIndex
from helpers.paths import CORRECTIONS, SAMPLE_CORPUS
from helpers.records import FIGURE_COLUMNS, INCENTIVE_COLUMNS, Figure, Incentive, Rejection, Report

REPORT_COLUMNS = ["id", "title", "date", "date_origin", "source", "url", "path", "line",
                  "encoding", "content_hash", "duplicate_of", "near_duplicate_of", "similarity"]


@dataclass
class PipelineResult:
    reports: pd.DataFrame
    figures: pd.DataFrame
    incentives: pd.DataFrame
    problems: list[Rejection]
    corrections: corrections_stage.CorrectionReport
    aggregation: Aggregation
    inputs: list[str] = field(default_factory=list)

    @property
    def reports_read(self) -> int:
        return len(self.reports)


def run_pipeline(paths: str | Path | Iterable[str | Path] | None = None, corrections: str | Path | None = None,
                 as_of: str | None = None, since: str | None = None,
                 until: str | None = None, aid_since: str | None = None) -> PipelineResult:
    """Run every stage on `paths`, one path or several (default: the sample corpus).

    `since`/`until` keep reports dated inside the window (undated reports are
    then left out, each with a note in `problems`); `as_of` (default `until`)
    is the date running totals are counted at. `aid_since` starts the window
    aid is summed over without leaving earlier reports out (default `since`).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    inputs = [str(p) for p in (paths or [SAMPLE_CORPUS])]
    correction_rows, correction_problems = corrections_stage.read_corrections(   # first: a bad file stops
        corrections or CORRECTIONS, required=corrections is not None)          # the run before the work
    lexicons = load_lexicons()
    near = NearDuplicateIndex()
    reports, figures, incentives, problems = [], [], [], []
    for item in iter_load(inputs):
        if isinstance(item, Rejection):
            problems.append(item)
            continue
        if not _in_window(item, since, until, problems):
            continue
        found_figures, found_incentives, found_problems = extract_within_budget(item, lexicons)
        problems += found_problems
        if any(not isinstance(p, LoadWarning) for p in found_problems):
            continue   # refused: over its time budget
        figures += [_row(r, item) for r in found_figures]
        incentives += [_row(r, item) for r in found_incentives]
        reports.append(_report_row(item, near))

    tables, correction_report = corrections_stage.apply_corrections(
        {"figures": pd.DataFrame(figures, columns=FIGURE_COLUMNS),
         "incentives": pd.DataFrame(incentives, columns=INCENTIVE_COLUMNS)},
        correction_rows)
    correction_report.problems = correction_problems
    aggregation = aggregate(tables["figures"], as_of=as_of or until, since=aid_since or since,
                            report_groups=near.group_of)
    return PipelineResult(
        reports=pd.DataFrame(reports, columns=REPORT_COLUMNS),
        figures=aggregation.figures,
        incentives=tables["incentives"],
        problems=problems + correction_problems,
        corrections=correction_report,
        aggregation=aggregation,
        inputs=inputs,
    )


def _in_window(report: Report, since: str | None, until: str | None, problems: list[Rejection]) -> bool:
    if not since and not until:
        return True
    if report.date is None:
        problems.append(Rejection(report.path, report.line, f"report {report.id} has no date; left out of the dated window"))
        return False
    return (not since or report.date >= since) and (not until or report.date <= until)


def _row(record: Figure | Incentive, report: Report) -> dict:
    row = record.to_dict()
    row["source"] = row["source"] or report.source
    return row


def _report_row(report: Report, near: NearDuplicateIndex) -> dict:
    earlier = near.add(report.id, report.full_text)
    similarity = near.similar_to.get(report.id, (None, None))[1]
    row = {column: getattr(report, column, None) for column in REPORT_COLUMNS}
    return row | {"near_duplicate_of": earlier, "similarity": similarity}
