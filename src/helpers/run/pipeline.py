"""The whole pipeline in one call: load → normalise → extract → correct → aggregate.

Notebooks, the aggregate command and the report runner all go through
`run_pipeline`, so every view of the numbers is computed the same way.
Reports stream through in chunks (`helpers.run.engine`: one process or a pool);
only records, kept as Arrow batches, and MinHash signatures are kept, and with
`store` the records are written to Parquet by report month as they are made.
"""
from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.analysis import corrections as corrections_stage
from helpers.analysis.aggregate import NOT_AGGREGATED, Aggregation, aggregate
from helpers.run.engine import REPORT_TABLE_COLUMNS, extract_reports, reports_of
from helpers.analysis.near_duplicates import NearDuplicateIndex
from helpers.paths import CORRECTIONS, SAMPLE_CORPUS
from helpers.records import Rejection, Report
from helpers.store.parquet import RecordTables
from helpers.run.run_tables import read_figures_to_count, with_sentences



@dataclass
class PipelineResult:
    reports: pd.DataFrame
    figures: pd.DataFrame
    incentives: pd.DataFrame
    problems: list[Rejection]
    corrections: corrections_stage.CorrectionReport
    aggregation: Aggregation
    inputs: list[str] = field(default_factory=list)
    cache: dict = field(default_factory=dict)   # hits, misses, extractor version (with a cache)
    stored: object = None   # with hold=False: a helpers.run.run_tables.StoredRecords (the records are there)

    @property
    def reports_read(self) -> int:
        return len(self.reports)


def run_pipeline(paths: str | Path | Iterable[str | Path] | None = None, corrections: str | Path | None = None,
                 as_of: str | None = None, since: str | None = None,
                 until: str | None = None, aid_since: str | None = None, workers: int | None = None,
                 store: str | Path | None = None, cache: str | Path | None = None,
                 progress: bool | None = None, engine: str = "local", scheduler: str | None = None,
                 hold: bool = True) -> PipelineResult:
    """Run every stage on `paths`, one path or several (default: the sample corpus).

    `since`/`until` keep reports dated inside the window (undated reports are
    then left out, each with a note in `problems`); `as_of` (default `until`)
    is the date running totals are counted at. `aid_since` starts the window
    aid is summed over without leaving earlier reports out (default `since`).
    `workers`: extraction processes (default all cores); `store`: a folder the
    records are written to as Parquet by report month; `cache`: a folder of
    earlier extractions, reused for unchanged reports; `progress`: a progress
    bar (default: when on a terminal or in a notebook). `engine="dask"` extracts
    on the Dask cluster at `scheduler` (`helpers.run.engine_dask`; no cache there).
    `hold=False` (with `store`, local engine): the records stay in the store, not in memory;
    `figures` is then the compact table aggregation read (no sentences or texts), `incentives`
    is None, and `stored` says how to write them out (`helpers.run.run_tables`).
    """
    if isinstance(paths, (str, Path)):
        paths = [paths]
    inputs = [str(p) for p in (paths or [SAMPLE_CORPUS])]
    correction_rows, correction_problems = corrections_stage.read_corrections(   # first: a bad file stops
        corrections or CORRECTIONS, required=corrections is not None)          # the run before the work
    if engine == "dask":
        return _run_on_dask(inputs, (correction_rows, correction_problems), as_of, since, until, aid_since,
                            workers, store, scheduler)
    hold = hold or store is None
    near = NearDuplicateIndex()
    problems: list[Rejection] = []              # the loader's and the window's, in reading order
    extraction_problems: list[Rejection] = []   # each report's, in report order (after the loader's)
    from helpers.run.progress import progress_bar
    from helpers.store.cache import open_cache

    extraction_cache = open_cache(cache)
    linked = None   # records linked from the cache's archive where they are the same (helpers.run.run_tables)
    if not hold and extraction_cache is not None and not since and not until:
        from helpers.run.run_tables import LinkedRecords

        linked = LinkedRecords(Path(store), extraction_cache)
    tables = RecordTables(REPORT_TABLE_COLUMNS, store, keep=True if hold else ("reports",),
                          only=("reports",) if linked else ("figures", "incentives", "reports"))
    items, state, recorder = None, None, None
    if linked is not None:
        items, state, recorder = _recall_prefix(inputs, linked, tables, extraction_cache, problems,
                                                extraction_problems)
    reports = (r for r in reports_of(inputs, problems.append, extraction_cache, items=items, state=state,
                                     on_item=recorder.on_item if recorder else None)
               if _in_window(r, since, until, problems))
    with progress_bar("extract", unit="report", enabled=progress) as bar:
        if recorder is not None:
            bar.update(recorder.loaded)
            reports = recorder.counted(reports)
        for done in extract_reports(reports, workers, cache=extraction_cache):
            extraction_problems += done.problems
            bar.update(1)
            if recorder is not None:
                recorder.on_report(done)
            if done.refused:
                continue   # refused: over its time budget
            if linked is not None:
                link = linked.add(done)   # first: a report that ends the linking changes `linked.near`
                tables.add_report(done, linked.near, link)
            else:
                tables.add_records(done)
                tables.add_report(done, near)
    loaded_problems = list(problems)
    problems += extraction_problems
    frames = tables.close()
    if linked is not None:
        kinds = linked.close()
        near = linked.near
        if linked.linking:   # the next run takes what this one gave for the archive's reports as it is
            recorder.save(linked.archive.folder / "run", tables.tables["reports"].arrow,
                          loaded_problems, extraction_problems,
                          linked.archive.keys)
    elif not hold:
        kinds = {name: tables.number_kinds(name) for name in ("figures", "incentives")}
    cache_summary = extraction_cache.close() if extraction_cache else {}
    if linked is not None:
        cache_summary["store"] = linked.summary()
    if not hold:
        return _from_store(kinds, frames["reports"], store, correction_rows, correction_problems, near,
                           as_of or until, aid_since or since, problems, inputs, cache_summary,
                           archive=linked.archive if linked is not None and linked.linking else None)

    corrected, correction_report = corrections_stage.apply_corrections(
        {"figures": frames["figures"], "incentives": frames["incentives"]}, correction_rows)
    correction_report.problems = correction_problems
    aggregation = aggregate(corrected["figures"], as_of=as_of or until, since=aid_since or since,
                            report_groups=near.groups())
    return PipelineResult(
        reports=frames["reports"],
        figures=aggregation.figures,
        incentives=corrected["incentives"],
        problems=problems + correction_problems,
        corrections=correction_report,
        aggregation=aggregation,
        inputs=inputs,
        cache=cache_summary,
    )


def _recall_prefix(inputs: list[str], linked, tables: RecordTables, cache, problems: list, extraction_problems: list):
    """(the input items left to read, the loader's state to read them from, a `PrefixRecorder`):
    the run prefix kept beside the cache's archive (`helpers.store.run_prefix`), where the run's
    input items begin with its items unchanged, gives the reports table's rows, the problems and
    the archive's counts up to the last such item, and the engine sees only what follows."""
    from helpers.ingest.load import input_items
    from helpers.store.run_prefix import PrefixRecorder, recall

    if not (linked.linking and linked.near_recalled):   # the links of the archive's reports are needed
        return input_items(inputs), None, PrefixRecorder(problems)
    recalled = recall(inputs, linked.archive)
    if recalled.matched:
        counts = recalled.counts
        tables.tables["reports"].add_table(recalled.rows)
        linked.recall(counts["reports"], counts["figures"], counts["incentives"])
        problems += recalled.load_problems
        extraction_problems += recalled.extraction_problems
        cache.hits += counts["reports"]
        cache.files.files_recalled += recalled.files
    return recalled.items, recalled.state, PrefixRecorder(problems, recalled.prefix, recalled.matched)


def _from_store(kinds: dict, reports: pd.DataFrame, store, correction_rows, correction_problems, near,
                as_of, since, problems, inputs, cache_summary, archive=None) -> PipelineResult:
    """Corrections and aggregation over the records of the store just written (`hold=False`);
    `archive`: the cache's archive the store is linked from."""
    from helpers.run import run_tables

    stored = run_tables.StoredRecords(Path(store), kinds, correction_rows, archive=archive)
    named = run_tables.named_records(stored)
    _, correction_report = corrections_stage.apply_corrections(named, correction_rows)
    correction_report.problems = correction_problems
    aggregation = aggregate(run_tables.figures_to_count(stored), as_of=as_of, since=since,
                            report_groups=near.group_of)
    if not aggregation.contradictions.empty:
        aggregation.contradictions = run_tables.sentences_corrected(
            with_sentences(aggregation.contradictions, store), named["figures"])
    return PipelineResult(reports=reports, figures=aggregation.figures, incentives=None,
                          problems=problems + correction_problems, corrections=correction_report,
                          aggregation=aggregation, inputs=inputs, cache=cache_summary, stored=stored)


def _run_on_dask(inputs, read_corrections, as_of, since, until, aid_since, workers, store, scheduler) -> PipelineResult:
    import tempfile

    from helpers.run.engine_dask import extract_to_store
    from helpers.store.parquet import read_table

    problems: list[Rejection] = []
    with tempfile.TemporaryDirectory(prefix="rasd_dask_") as scratch:
        folder = Path(store) if store is not None else Path(scratch)
        keep = (lambda row: _in_window(_Dated(row), since, until, problems)) if since or until else None
        rows = extract_to_store(inputs, folder, scheduler, workers, problems.append, keep=keep)
        kept = {row["id"] for row in rows}
        tables = {name: read_table(folder, name) for name in ("figures", "incentives")}
        tables = {name: frame[frame["report_id"].isin(kept)].reset_index(drop=True) for name, frame in tables.items()}
    near_groups: dict[str, str] = {}
    for row in rows:
        earlier = row["near_duplicate_of"]
        near_groups[row["id"]] = near_groups.get(earlier, earlier) if earlier else row["id"]
    correction_rows, correction_problems = read_corrections
    corrected, correction_report = corrections_stage.apply_corrections(tables, correction_rows)
    correction_report.problems = correction_problems
    aggregation = aggregate(corrected["figures"], as_of=as_of or until, since=aid_since or since,
                            report_groups=near_groups)
    return PipelineResult(reports=pd.DataFrame(rows, columns=REPORT_TABLE_COLUMNS), figures=aggregation.figures,
                          incentives=corrected["incentives"], problems=problems + correction_problems,
                          corrections=correction_report, aggregation=aggregation, inputs=inputs)


class _Dated:
    """A report row seen as a Report by `_in_window`."""

    def __init__(self, row: dict):
        self.id, self.date, self.path, self.line = row["id"], row["date"], row["path"], row["line"]


def _in_window(report: Report, since: str | None, until: str | None, problems: list[Rejection]) -> bool:
    if not since and not until:
        return True
    if report.date is None:
        problems.append(Rejection(report.path, report.line, f"report {report.id} has no date; left out of the dated window"))
        return False
    return (not since or report.date >= since) and (not until or report.date <= until)


def aggregate_store(folder: str | Path, corrections: str | Path | None = None, as_of: str | None = None,
                    since: str | None = None) -> tuple[Aggregation, corrections_stage.CorrectionReport]:
    """Corrections and aggregation over a Parquet store written by `run_pipeline(store=...)` or
    `helpers extract --format parquet` (near-duplicates from its reports table)."""
    from helpers.store.parquet import read_table

    rows, problems = corrections_stage.read_corrections(corrections or CORRECTIONS, required=corrections is not None)
    figures = read_figures_to_count(folder)
    reports = read_table(folder, "reports", columns=["id", "near_duplicate_of"])
    groups: dict[str, str] = {}
    for report, earlier in zip(reports["id"], reports["near_duplicate_of"]):
        groups[report] = groups.get(earlier, earlier) if isinstance(earlier, str) else report
    del reports
    # a correction of a column not read (a sentence, a basis) changes no count
    counted = [row for row in rows if row["field"] not in NOT_AGGREGATED]
    tables, report = corrections_stage.apply_corrections({"figures": figures}, counted)
    report.problems = problems
    del figures
    result = aggregate(tables["figures"], as_of=as_of, since=since, report_groups=groups)
    result.contradictions = with_sentences(result.contradictions, folder)
    return result, report
