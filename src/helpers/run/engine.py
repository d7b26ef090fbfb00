"""Where extraction runs: in this process, in a pool of processes, or on Dask.

Reports are read here, in file order, by `helpers.ingest.load.iter_load` and sent to
the workers in chunks; results come back in the same order whatever the
number of workers, so `--workers 2` writes exactly what `--workers 1` writes.
At most a few chunks are in flight at once: the corpus is never held.

Each report comes back as an `Extracted`: its row for the reports table (no
text), its figure and incentive rows, and its MinHash signature for the
near-duplicate index. The text itself stays behind in the worker.
"""
from __future__ import annotations

import itertools
import os
import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from helpers.records import FIGURE_COLUMNS, INCENTIVE_COLUMNS, Rejection, Report

CHUNK_REPORTS = 200  # reports per task: large enough to hide the pickling, small enough to stream
IN_FLIGHT_PER_WORKER = 3
REPORT_COLUMNS = ["id", "title", "date", "date_origin", "source", "url", "path", "line",
                  "encoding", "content_hash", "duplicate_of"]
REPORT_TABLE_COLUMNS = REPORT_COLUMNS + ["near_duplicate_of", "similarity"]  # the stored reports table


@dataclass
class Extracted:
    """What extraction keeps of one report."""

    report: dict                      # REPORT_COLUMNS
    figures: list[dict]               # FIGURE_COLUMNS, `source` filled from the report
    incentives: list[dict]            # INCENTIVE_COLUMNS
    signature: object = None          # MinHash hash values (numpy array), or None
    cached: bool = False              # taken from the extraction cache
    problems: list = field(default_factory=list)  # warnings, or the refusal of a report over its time budget
    refused: bool = False             # over its time budget: no records (see helpers.extract.budget)


def default_workers() -> int:
    """All the cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def record_row(record, report: Report | None = None) -> dict:
    """A Figure or Incentive as a plain row (no deep copy), its source taken from the report."""
    columns = FIGURE_COLUMNS if record.type == "figure" else INCENTIVE_COLUMNS
    row = {name: getattr(record, name) for name in columns}
    row["regions"] = list(row["regions"])
    if report is not None and not row["source"]:
        row["source"] = report.source
    return row


def report_row(report: Report) -> dict:
    return {name: getattr(report, name) for name in REPORT_COLUMNS}


# --- one report, in whichever process ------------------------------------------------

_LEXICONS = None


def _lexicons():
    global _LEXICONS
    if _LEXICONS is None:
        import helpers.extract  # noqa: F401 - registers every lexicon's schema
        from helpers.extract.lexicons import load_lexicons
        _LEXICONS = load_lexicons()
    return _LEXICONS


def extract_one(report: Report, signatures: bool = True) -> Extracted:
    """Extract one report (`helpers.extract.extract_report` within its time budget) into plain rows."""
    from helpers.extract.stage import extract_within_budget
    from helpers.ingest.load import LoadWarning
    from helpers.analysis.near_duplicates import signature

    figures, incentives, problems = extract_within_budget(report, _lexicons())
    refused = any(not isinstance(p, LoadWarning) for p in problems)
    return Extracted(report_row(report), [record_row(r, report) for r in figures],
                     [record_row(r, report) for r in incentives],
                     signature(report.full_text).hashvalues if signatures and not refused else None,
                     problems=problems, refused=refused)


def _extract_chunk(reports: list[Report], signatures: bool) -> list[Extracted]:
    return [extract_one(report, signatures) for report in reports]


# --- the local engine -----------------------------------------------------------------

def _chunks(items: Iterable[Report], size: int) -> Iterator[list[Report]]:
    chunk = []
    for item in items:
        chunk.append(item)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def _pool(workers: int):
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    if threading.active_count() == 1:  # fork: workers start at once with the lexicons loaded here
        context = multiprocessing.get_context("fork")
    else:  # threads (a Jupyter kernel): forking them is unsafe; a fork server imports Rasd once
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload(["helpers.extract", "helpers.analysis.near_duplicates", "datasketch", "helpers.run.engine"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_lexicons)


class _Done:
    """A result computed here, with the interface of a future."""

    def __init__(self, value):
        self.value = value

    def result(self):
        return self.value


def extract_reports(reports: Iterable[Report], workers: int | None = None, chunk_reports: int = CHUNK_REPORTS,
                    signatures: bool = True, cache=None) -> Iterator[Extracted]:
    """Extract `reports` in order with `workers` processes (default: all cores; 1: here).

    A pool is started only when there is more than one chunk of reports, and only
    once a report is not in the cache. With
    `cache` (a `helpers.store.cache.ExtractionCache`), reports already in it are
    taken from it and only the others are extracted (and added to it)."""
    workers = workers or default_workers()
    chunks = _chunks(reports, chunk_reports)
    first = next(chunks, None)
    if first is None:
        return
    second = next(chunks, None) if workers > 1 else None
    if second is None:  # one chunk, or one worker: no pool
        for chunk in itertools.chain([first], chunks if workers <= 1 else ()):
            yield from _merge(chunk, _plan(chunk, cache), lambda todo: _Done(_extract_chunk(todo, signatures)),
                              cache)
        return
    pool = None   # started at the first report the cache does not hold
    try:
        pending: deque = deque()
        for chunk in itertools.chain([first, second], chunks):
            plan = _plan(chunk, cache)
            todo = [report for report, (_, hit) in zip(chunk, plan) if not hit]
            if todo and pool is None:
                pool = _pool(workers)
            pending.append((chunk, plan, pool.submit(_extract_chunk, todo, signatures) if todo else _Done([])))
            while len(pending) >= workers * IN_FLIGHT_PER_WORKER:
                yield from _merge(*pending.popleft(), cache=cache)
        while pending:
            yield from _merge(*pending.popleft(), cache=cache)
    finally:
        if pool is not None:
            pool.shutdown()


def _plan(chunk: list[Report], cache) -> list[tuple[str | None, bool]]:
    """(cache key, found in the cache) for each report of a chunk."""
    if cache is None:
        return [(None, False)] * len(chunk)
    from helpers.store.cache import report_key

    keys = [report_key(report) for report in chunk]
    return [(key, key in cache) for key in keys]


def _merge(chunk: list[Report], plan, work, cache) -> Iterator[Extracted]:
    """The chunk's results in order: cached ones from the cache, the others from `work`."""
    if callable(work):
        work = work([report for report, (_, hit) in zip(chunk, plan) if not hit])
    fresh = iter(work.result())
    for report, (key, hit) in zip(chunk, plan):
        if hit:
            from helpers.extract.budget import numbers_refused

            figures, incentives, signature = cache.get(key)
            recalled = getattr(report, "warnings", None)   # a helpers.ingest.load.RecalledReport: its text was not read
            yield Extracted(report_row(report), figures, incentives, signature, cached=True,
                            problems=list(recalled) if recalled is not None else numbers_refused(report))
            continue
        done = next(fresh)
        if cache is not None and not done.refused:
            cache.put(key, done.figures, done.incentives, done.signature)
        yield done


def reports_of(paths: Iterable, on_rejection: Callable[[Rejection], None], cache=None, items=None, state=None,
               on_item=None) -> Iterator[Report]:
    """Reports read by `helpers.ingest.load.iter_load`; every rejection and warning goes to `on_rejection`.
    With `cache`, files unchanged since it last saw them are not read (`helpers.store.files`);
    `items`, `state` and `on_item` as `iter_load` takes them."""
    from helpers.ingest.load import iter_load

    for item in iter_load([str(p) for p in paths], files=cache.files if cache is not None else None,
                          items=items, state=state, on_item=on_item):
        if isinstance(item, Rejection):
            on_rejection(item)
        else:
            yield item
