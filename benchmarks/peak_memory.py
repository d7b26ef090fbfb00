"""Peak memory of a command while it runs: its process tree sampled on a thread.

    child = subprocess.Popen(command)
    with sampling(child) as memory:
        child.wait()
    memory.summed          # the highest RSS of the whole tree at one sample (bytes)
    memory.peak_of(pid)    # one process's own peak; memory.others(): every other process's, largest first

Each sample sums the RSS of the child and all its descendants (`tree_rss`) and
keeps each process's own peak, named by its command (`kernel` for a Jupyter
kernel). A process that ends between two samples is skipped; the sampling
stops when the child ends.
"""
from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field

import psutil

MIB = 2 ** 20


@dataclass
class PeakMemory:
    root: int                           # the child's pid
    summed: int = 0                     # bytes: the highest summed RSS of the tree at one sample
    now: int = 0                        # bytes: the child's own RSS at the latest sample
    each: dict[int, list] = field(default_factory=dict)   # pid → [order seen, peak RSS, name]

    def peak_of(self, pid: int) -> int:
        seen = self.each.get(pid)
        return seen[1] if seen else 0

    def others(self) -> list[int]:
        """The peaks of every process but the child, largest first (the workers of a pool)."""
        return sorted((seen[1] for pid, seen in self.each.items() if pid != self.root), reverse=True)


def tree_rss(process: psutil.Process, peaks: dict | None = None) -> int:
    """Summed RSS of `process` and its descendants; `peaks` (pid → [order seen, peak RSS, name])
    keeps each process's own peak. Raises psutil.Error when `process` itself is gone."""
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        try:
            rss = proc.memory_info().rss
            if peaks is not None:
                seen = peaks.setdefault(proc.pid, [len(peaks), 0, _name(proc)])
                if seen[2] != "kernel":   # first seen between fork and exec: named by its parent's command
                    seen[2] = _name(proc)
                seen[1] = max(seen[1], rss)
            total += rss
        except psutil.Error:
            pass
    return total


def _name(proc: psutil.Process) -> str:
    command = proc.cmdline()
    return "kernel" if any("ipykernel" in part for part in command) else " ".join(command[1:4])[:60]


@contextmanager
def sampling(child: subprocess.Popen, every: float = 0.2, say_every: float | None = None) -> Iterator[PeakMemory]:
    """Sample `child`'s process tree every `every` seconds until it ends; the figures are
    complete when the `with` block is left (wait for the child inside it). `say_every`:
    also print the child's RSS and the summed peak so far every so many seconds."""
    memory, watched = PeakMemory(child.pid), psutil.Process(child.pid)
    began = time.perf_counter()

    def sample() -> None:
        said = began
        while child.poll() is None:
            try:
                memory.summed = max(memory.summed, tree_rss(watched, memory.each))
                memory.now = watched.memory_info().rss
            except psutil.Error:
                return
            if say_every is not None and time.perf_counter() - said > say_every:
                said = time.perf_counter()
                print(f"  {said - began:5.0f} s: parent RSS now {memory.now / MIB:.0f} MiB, "
                      f"summed peak {memory.summed / MIB:.0f} MiB", flush=True)
            time.sleep(every)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        yield memory
    finally:
        sampler.join()
