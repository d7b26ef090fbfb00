"""Progress of long work: a tqdm bar on a terminal or in a notebook, plain lines elsewhere.

In a cron log (stderr not a terminal) a bar would be a mess of carriage
returns, so there a plain line is printed every `PLAIN_EVERY_SECONDS` instead,
and a last one at the end, only once the work has taken that long: short runs
stay quiet.
"""
from __future__ import annotations

import sys
import time
from contextlib import contextmanager

PLAIN_EVERY_SECONDS = 30.0


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    try:
        return shell is not None and type(shell.get_ipython()).__name__ == "ZMQInteractiveShell"
    except AttributeError:
        return False


class _PlainLines:
    def __init__(self, label: str, unit: str, every: float, stream):
        self.label, self.unit, self.every, self.stream = label, unit, every, stream
        self.count = 0
        self.started = self.last = time.monotonic()
        self.printed = False

    def update(self, n: int = 1) -> None:
        self.count += n
        now = time.monotonic()
        if now - self.last >= self.every:
            self._line(now)

    def _line(self, now: float) -> None:
        elapsed = now - self.started
        rate = self.count / elapsed if elapsed else 0.0
        print(f"{self.label}: {self.count} {self.unit}s, {elapsed:.0f} s ({rate:.0f} {self.unit}s/s)",
              file=self.stream, flush=True)
        self.last, self.printed = now, True

    def close(self) -> None:
        if self.printed:
            self._line(time.monotonic())


@contextmanager
def progress_bar(label: str, unit: str = "item", total: int | None = None, enabled: bool | None = None,
                 every: float = PLAIN_EVERY_SECONDS, stream=None):
    """A counter with `update(n)`: tqdm when `enabled` (default: on a terminal or in a notebook),
    else plain lines on `stream` (default stderr) for work that lasts."""
    stream = stream or sys.stderr
    if enabled is None:
        enabled = _in_notebook() or (hasattr(stream, "isatty") and stream.isatty())
    if enabled:
        from tqdm.auto import tqdm

        bar = tqdm(total=total, desc=label, unit=unit, file=None if _in_notebook() else stream)
        try:
            yield bar
        finally:
            bar.close()
        return
    plain = _PlainLines(label, unit, every, stream)
    try:
        yield plain
    finally:
        plain.close()
