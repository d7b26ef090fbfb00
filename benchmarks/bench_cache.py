"""A re-run over a grown archive: only the new file is read and extracted (issue 12).

Builds an archive of N realistic generated reports (bench_extract's generator,
JSONL files of 1,000 reports, dates over 2019–2022) and M new ones in one more
file, then runs `helpers extract ARCHIVE --cache DIR --format parquet --out STORE`:

1. on the archive with an empty cache (everything read and extracted);
2. on the archive plus the new file (the archive's files unchanged: not read
   again, their records from the cache; the new file read and extracted);
3. the same again with nothing new (the pure cache-hit path);
4. the loader alone, in this process, reading every file or recalling them.

Each run prints its wall time, the CPU seconds of the command (all its
processes), the cache's note, and its ratio to the first run.

    .venv/bin/python benchmarks/bench_cache.py [--reports 10000] [--new 1000] [--workers N]

The corpora are kept in benchmarks/out/cache/ (git-ignored) and reused; the
cache and the store are emptied before the first run.
"""
from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out" / "cache"


def corpus(folder: Path, count: int, first_number: int, seed: int) -> Path:
    """bench_extract's realistic reports as JSONL files, reused when already written."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_extract

    marker = folder.with_name(folder.name + ".complete")
    if not marker.exists():
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        bench_extract.generate(folder, count, spread=True, first_number=first_number, seed=seed)
        marker.touch()
    return folder


def cpu_of_children() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def extract(paths: list[Path], workers: int | None, label: str) -> tuple[float, float]:
    """One `helpers extract` with the cache; (wall seconds, CPU seconds)."""
    store = OUT / "store"
    shutil.rmtree(store, ignore_errors=True)
    command = [sys.executable, "-m", "helpers", "extract", *map(str, paths), "--cache", str(OUT / "extraction_cache"),
               "--format", "parquet", "--out", str(store)]
    if workers:
        command += ["--workers", str(workers)]
    cpu, started = cpu_of_children(), time.perf_counter()
    done = subprocess.run(command, capture_output=True, text=True, check=False)
    seconds, cpu = time.perf_counter() - started, cpu_of_children() - cpu
    notes = [line for line in done.stderr.splitlines() if line.startswith("extract:")]
    status = "ok" if done.returncode == 0 else f"FAILED (exit {done.returncode}): {done.stderr[-500:]}"
    print(f"{label}: {seconds:.1f} s wall, {cpu:.1f} CPU s, {status}")
    for note in notes:
        print(f"  {note}")
    return seconds, cpu


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000, help="reports in the archive (default 10,000)")
    parser.add_argument("--new", type=int, default=1_000, help="new reports in one more file (default 1,000)")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default all cores)")
    args = parser.parse_args(argv)
    began = time.perf_counter()
    archive = corpus(OUT / f"archive_{args.reports}", args.reports, 0, seed=7)
    new = corpus(OUT / f"new_{args.reports}_{args.new}", args.new, args.reports, seed=8)
    print(f"corpus ready in {time.perf_counter() - began:.1f} s: {archive} ({args.reports:,} reports), "
          f"{new} ({args.new:,})")
    shutil.rmtree(OUT / "extraction_cache", ignore_errors=True)
    first = extract([archive], args.workers, f"1. {args.reports:,} reports, empty cache")
    second = extract([archive, new], args.workers, f"2. the same + {args.new:,} new reports in a new file")
    third = extract([archive, new], args.workers, "3. the same again, nothing new")
    for label, (seconds, cpu) in (("2", second), ("3", third)):
        print(f"run {label} / run 1: {seconds / first[0]:.3f} of the wall time, {cpu / first[1]:.3f} of the CPU time")
    loading_alone([archive, new])
    return 0


def loading_alone(paths: list[Path]) -> None:
    """The loader's share of run 3, in this process: every file read and hashed, or recalled."""
    from helpers.ingest.load import iter_load
    from helpers.store.cache import ExtractionCache, report_key

    cache = ExtractionCache(OUT / "extraction_cache")
    for label, files in (("every file read and hashed", None), ("unchanged files recalled", cache.files)):
        started = time.process_time()
        keys = [report_key(report) for report in iter_load(paths, files=files)]
        print(f"loading alone, {label}: {len(keys):,} reports and their cache keys in "
              f"{time.process_time() - started:.2f} CPU s")


if __name__ == "__main__":
    raise SystemExit(main())
