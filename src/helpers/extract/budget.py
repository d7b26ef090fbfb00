"""Limits on one report's extraction, so that no report can stall a run.

Extraction is linear in a report's size (see benchmarks/bench_report_size.py),
and one report is at most 20 MB (helpers.ingest.load.MAX_FILE_BYTES). On top of that,
`extract_within_budget` (extract/stage.py) stops a report whose extraction takes longer than
`REPORT_SECONDS` and refuses it with its reason; the run goes on with the next.
It also names the numbers that `helpers.extract.numbers.beyond_any_count` refused,
so that none is dropped silently.
"""
from __future__ import annotations

import re
import signal
import threading
from contextlib import contextmanager, nullcontext

from helpers.records import Rejection, Report

REPORT_SECONDS = 120.0   # one report's budget, in CPU seconds (a 20 MB report of ordinary text needs ~30)
_LONG_RUN = re.compile(r"\d[\d,،]{15,}")   # cheap test on the raw text before normalising it


class OverBudget(Exception):
    """Extraction of one report ran past its time budget."""


def numbers_refused(report: Report) -> list[Rejection]:
    """A warning for each number of the report too long to be a count."""
    if not _LONG_RUN.search(report.full_text):
        return []
    from helpers.ingest.load import LoadWarning
    from helpers.ingest.normalise import normalise
    from helpers.extract.number_words import numbers_beyond_any_count

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
