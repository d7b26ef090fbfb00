"""The archive goal's extraction: `helpers extract --workers 2 --format parquet`, memory per process.

    .venv/bin/python benchmarks/bench_archive.py --sizes 10000,30000,100000   # extract the first N reports
    .venv/bin/python benchmarks/bench_archive.py --sizes 10000 --trace        # + the parent's largest holders
    .venv/bin/python benchmarks/bench_archive.py --replay 1000000             # the parent alone, 1M reports
    .venv/bin/python benchmarks/bench_archive.py --sizes 100000 --stub        # no records: reading, pool, index
    .venv/bin/python benchmarks/bench_archive.py --index 200000               # the near-duplicate index alone

The corpus is bench_aggregate's (`bench_extract`'s realistic reports, dates spread
over four years, JSONL files of 1,000 reports), generated once for the largest
size under benchmarks/out/aggregate_corpus_<N>; its first N reports are the
same whatever the largest size. Each size runs `helpers extract --workers 2
--format parquet` (no cache) in a fresh process tree sampled every 0.2 s:
printed are wall and CPU seconds over all processes, the peak of their summed
RSS, and each process's own peak (the parent, which reads, indexes near-
duplicates and writes the store; the workers, which extract).

`--trace` runs the parent under tracemalloc (the workers stop it) and lists
the source lines holding the most memory just before the store is closed:
what grows with the corpus. `--replay N` measures the parent's share at a
size extraction cannot reach here: the extraction results of the corpus's
first 1,000 reports are replayed N times over (ids renamed, signatures
random, one report in 20 a near-duplicate of an earlier one) through the
same writing path (`helpers.extract_cli._write`: Parquet store and near-
duplicate index), then the loader reads the first N of `--sizes` reports alone, without extracting.
"""
from __future__ import annotations

import argparse
import os
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))


def corpus(count: int) -> Path:
    """bench_aggregate's generated corpus of `count` reports (made once, kept)."""
    import bench_extract

    folder = OUT / f"aggregate_corpus_{count}"
    if not (folder / "complete").exists():
        (folder / "jsonl").mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        bench_extract.generate(folder / "jsonl", count, spread=True)
        (folder / "complete").touch()
        print(f"generated {count} reports in {time.perf_counter() - began:.0f} s", flush=True)
    return folder / "jsonl"


def measured(command: list[str]) -> dict:
    """Run `command`: wall and CPU seconds (all processes), peak summed RSS and each process's peak."""
    from peak_memory import sampling

    began, cpu_before = time.perf_counter(), _children_cpu()
    child = subprocess.Popen(command)
    with sampling(child, every=0.2, say_every=60) as memory:
        if child.wait() != 0:
            raise SystemExit(f"failed (exit {child.returncode}): {' '.join(command)}")
    return {"wall": time.perf_counter() - began, "cpu": _children_cpu() - cpu_before, "peak": memory.summed,
            "parent": memory.peak_of(child.pid), "workers": memory.others()}


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract(files: list[Path], workers: int, trace: bool, stub: bool = False) -> None:
    out = OUT / f"archive_store_{len(files)}k_{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    arguments = [*map(str, files), "--format", "parquet", "--out", str(out), "--workers", str(workers)]
    command = ([sys.executable, __file__, "--traced" if trace else "--stubbed", *arguments] if trace or stub
               else [sys.executable, "-m", "helpers", "extract", *arguments])
    load = os.getloadavg()
    result = measured(command)
    mib = 2 ** 20
    print(f"extract --workers {workers}, {len(files) * 1000} reports{' (traced)' if trace else ''}"
          f"{' (records not extracted: loading, signatures, index and reports table only)' if stub else ''}: "
          f"{result['wall']:.0f} s wall, {result['cpu']:.0f} CPU s "
          f"({len(files) * 1000 / result['cpu']:.0f} reports per CPU s), peak RSS {result['peak'] / mib:.0f} MiB "
          f"over all processes; parent {result['parent'] / mib:.0f} MiB, workers "
          f"{', '.join(f'{w / mib:.0f}' for w in result['workers'])} MiB; load average at start "
          f"{load[0]:.1f}, at end {os.getloadavg()[0]:.1f}", flush=True)
    shutil.rmtree(out, ignore_errors=True)


def traced(arguments: list[str]) -> int:
    """`helpers extract ARGUMENTS` with tracemalloc on in this process (not in the workers)."""
    import tracemalloc

    import helpers.run.engine as engine
    from helpers import extract_cli

    load_lexicons = engine._lexicons

    def untraced_lexicons():   # the pool's initializer and every worker task: no tracing there
        if tracemalloc.is_tracing():
            tracemalloc.stop()
        return load_lexicons()

    engine._lexicons = untraced_lexicons
    snapshot_at_close()
    return extract_cli.main(arguments)


def stubbed(arguments: list[str]) -> int:
    """`helpers extract ARGUMENTS` with every report's records left out: what remains is the
    parent's reading, the pool's traffic, the signatures and the near-duplicate index."""
    import helpers.extract.stage as stage
    from helpers import extract_cli

    stage.extract_within_budget = lambda report, lexicons: ([], [], [])
    return extract_cli.main(arguments)


def snapshot_at_close() -> None:
    """Start tracemalloc; print the largest holders of memory when the store is about to close."""
    import tracemalloc

    from helpers.store.parquet import RecordTables

    tracemalloc.start(4)
    close = RecordTables.close

    def close_after_snapshot(self, frames=True):
        if tracemalloc.is_tracing():
            snapshot = tracemalloc.take_snapshot().filter_traces([tracemalloc.Filter(False, tracemalloc.__file__)])
            current, peak = tracemalloc.get_traced_memory()
            print(f"parent, traced: {current / 2**20:.0f} MiB now, {peak / 2**20:.0f} MiB at peak; largest holders:",
                  file=sys.stderr)
            for stat in snapshot.statistics("lineno")[:12]:
                frame = stat.traceback[0]
                print(f"  {stat.size / 2**20:8.1f} MiB  {stat.count:>9} blocks  "
                      f"{Path(frame.filename).name}:{frame.lineno}", file=sys.stderr)
        return close(self, frames)

    RecordTables.close = close_after_snapshot


def replay(total: int, folder: Path, trace: bool = False) -> None:
    """The parent's work for `total` reports without extraction (see the module's docstring)."""
    import numpy as np
    import psutil

    from helpers import extract_cli
    from helpers.run.engine import Extracted, extract_reports, reports_of

    sample = list(extract_reports(reports_of([folder / "part_000.jsonl"], lambda r: None), 1))
    rng = np.random.default_rng(3)
    me = psutil.Process()
    base, began, cpu = me.memory_info().rss, time.perf_counter(), time.process_time()
    print(f"replay: {len(sample)} extracted reports replayed to {total}; RSS before {base / 2**20:.0f} MiB", flush=True)

    def items():
        signatures = np.empty((0, 128), dtype=np.uint32)
        for number in range(total):
            if number % 100_000 == 0 and number:
                print(f"  {number:>8} reports: RSS {me.memory_info().rss / 2**20:.0f} MiB, "
                      f"{time.process_time() - cpu:.0f} CPU s", flush=True)
            template = sample[number % len(sample)]
            name = f"replay_{number:07d}"
            if number % 20 == 19:   # a near-duplicate of an earlier report: 20 of 128 values changed
                signature = signatures[rng.integers(len(signatures))].copy()
                signature[rng.choice(128, 20, replace=False)] = rng.integers(0, 2 ** 32, 20, dtype=np.uint32)
            else:
                signature = rng.integers(0, 2 ** 32, 128, dtype=np.uint32)
            if len(signatures) < 5_000:
                signatures = np.vstack([signatures, signature])
            else:
                signatures[number % 5_000] = signature
            yield Extracted(template.report | {"id": name},
                            [row | {"id": f"{name}{row['id'][len(template.report['id']):]}", "report_id": name}
                             for row in template.figures],
                            [row | {"id": f"{name}{row['id'][len(template.report['id']):]}", "report_id": name}
                             for row in template.incentives],
                            signature)

    out = OUT / f"archive_replay_store_{os.getpid()}"
    shutil.rmtree(out, ignore_errors=True)
    if trace:
        snapshot_at_close()
    extract_cli._write(items(), argparse.Namespace(format="parquet", out=str(out)))
    print(f"replay: {total} reports written in {time.perf_counter() - began:.0f} s wall, "
          f"{time.process_time() - cpu:.0f} CPU s; peak RSS {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB "
          f"(+{resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - base / 2**20:.0f} over the start)", flush=True)
    shutil.rmtree(out, ignore_errors=True)


def index_alone(total: int) -> None:
    """The near-duplicate index alone: `total` random signatures (one in 20 an earlier one with
    20 of 128 values changed), CPU seconds and the RSS it adds."""
    import numpy as np
    import psutil

    from helpers.analysis.near_duplicates import NearDuplicateIndex

    rng = np.random.default_rng(1)
    index, me = NearDuplicateIndex(), psutil.Process()
    recent = rng.integers(0, 2 ** 32, (1000, 128), dtype=np.uint32)   # the latest 1,000 signatures
    before, cpu, links = me.memory_info().rss, time.process_time(), 0
    for number in range(total):
        if number % 20 == 19:
            values = recent[rng.integers(min(number, 1000))].copy()
            values[rng.choice(128, 20, replace=False)] = rng.integers(0, 2 ** 32, 20, dtype=np.uint32)
        else:
            values = rng.integers(0, 2 ** 32, 128, dtype=np.uint32)
        recent[number % 1000] = values
        links += index.add_hashvalues(f"bench_{number:07d}", values) is not None
    cpu = time.process_time() - cpu
    added = me.memory_info().rss - before
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024 - before
    print(f"index alone: {total} reports ({links} linked) in {cpu:.1f} CPU s ({cpu / total * 1e6:.0f} µs each); "
          f"RSS +{added / 2**20:.0f} MiB ({added / total:.0f} bytes per report), peak +{peak / 2**20:.0f} MiB", flush=True)


def read_only(files: list[Path]) -> None:
    """The loader alone over `files` (what the parent holds while reading): peak RSS."""
    import psutil

    from helpers.run.engine import reports_of

    me = psutil.Process()
    base, cpu, count = me.memory_info().rss, time.process_time(), 0
    for _ in reports_of(files, lambda r: None):
        count += 1
    print(f"loader alone: {count} reports read in {time.process_time() - cpu:.0f} CPU s; RSS {base / 2**20:.0f} → "
          f"{me.memory_info().rss / 2**20:.0f} MiB", flush=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--corpus", type=int, help="take them from the generated corpus of this size "
                        "(default: the largest size; the first N reports are the same)")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--trace", action="store_true", help="tracemalloc in the parent: its largest holders")
    parser.add_argument("--replay", type=int, metavar="N", help="instead: the parent alone at N reports")
    parser.add_argument("--index", type=int, metavar="N", help="instead: the near-duplicate index alone")
    parser.add_argument("--stub", action="store_true",
                        help="records not extracted: the parent's reading, pool traffic and index alone")
    parser.add_argument("--traced", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    parser.add_argument("--stubbed", nargs=argparse.REMAINDER, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.traced is not None:
        return traced(args.traced)
    if args.stubbed is not None:
        return stubbed(args.stubbed)
    if args.index:
        index_alone(args.index)
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    folder = corpus(args.corpus or sizes[-1])
    files = sorted(folder.glob("part_*.jsonl"))
    if args.replay:
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
                        f"import bench_archive as b; from pathlib import Path; b.replay({args.replay}, Path({str(folder)!r}), {args.trace})"],
                       check=True)
        subprocess.run([sys.executable, "-c", f"import sys; sys.path.insert(0, {str(ROOT / 'benchmarks')!r}); "
                        f"import bench_archive as b; from pathlib import Path; "
                        f"b.read_only(sorted(Path({str(folder)!r}).glob('part_*.jsonl'))[:{max(1, sizes[-1] // 1000)}])"],
                       check=True)
        return 0
    for size in sizes:
        extract(files[: max(1, size // 1000)], args.workers, args.trace, args.stub)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
