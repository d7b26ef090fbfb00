"""Limits on one report's extraction, so that no report can stall a run.

Extraction is linear in a report's size (see benchmarks/bench_report_size.py),
and one report is at most 20 MB (helpers.load.MAX_FILE_BYTES). On top of that,
`extract_within_budget` stops a report whose extraction takes longer than
`REPORT_SECONDS` and refuses it with its reason; the run goes on with the next.
It also names the numbers that `helpers.numbers.beyond_any_count` refused,
so that none is dropped silently.
"""
from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager, nullcontext

from helpers.records import Figure, Incentive, Rejection, Report

REPORT_SECONDS = 120.0   # one report's budget, in CPU seconds (a 20 MB report of ordinary text needs ~21)
_LONG_RUN = re.compile(r"\d[\d,،]{15,}")   # cheap test on the raw text before normalising it


class OverBudget(Exception):
    """Extraction of one report ran past its time budget."""


def extract_within_budget(report: Report, lexicons=None, seconds: float | None = REPORT_SECONDS
                          ) -> tuple[list[Figure], list[Incentive], list[Rejection]]:
    """`helpers.extract.extract_report` with a time budget: (figures, incentives,
    problems). A report over budget gives no records and one rejection; numbers
    beyond any real count give a warning each (the report is kept)."""
    from helpers.extract import extract_report

    problems = numbers_refused(report)
    try:
        with time_limit(seconds):
            figures, incentives = extract_report(report, lexicons)
    except OverBudget:
        return [], [], problems + [Rejection(
            report.path, report.line,
            f"report {report.id}: extraction stopped after {seconds:g} CPU seconds (REPORT_SECONDS, the budget "
            f"for one report) at {len(report.full_text):,} characters; refused — split it into smaller reports")]
    return figures, incentives, problems


def numbers_refused(report: Report) -> list[Rejection]:
    """A warning for each number of the report too long to be a count."""
    if not _LONG_RUN.search(report.full_text):
        return []
    from helpers.load import LoadWarning
    from helpers.normalise import normalise
    from helpers.numbers import numbers_beyond_any_count

    norm = normalise(report.full_text)
    warnings = []
    for start, end, reason in numbers_beyond_any_count(norm.text):
        first, last = norm.span(start, end)
        warnings.append(LoadWarning(report.path, report.line,
                                    f"report {report.id}, characters {first}–{last}: {reason}"))
    return warnings


@contextmanager
def _alarm(seconds: float):
    def stop(signum, frame):
        raise OverBudget()

    previous = signal.signal(signal.SIGVTALRM, stop)
    signal.setitimer(signal.ITIMER_VIRTUAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_VIRTUAL, 0)
        signal.signal(signal.SIGVTALRM, previous)


def time_limit(seconds: float | None):
    """Raise `OverBudget` in the block after `seconds` of CPU time (a busy machine
    does not shorten it; only in the main thread of a platform with SIGVTALRM,
    elsewhere no limit)."""
    if (not seconds or not hasattr(signal, "SIGVTALRM") or not hasattr(signal, "setitimer")
            or threading.current_thread() is not threading.main_thread()):
        return nullcontext()
    return _alarm(seconds)
