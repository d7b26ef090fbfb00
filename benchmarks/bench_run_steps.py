"""Where `helpers run`'s time and memory go: the steps notebooks 01–04 call, one after the
other in this process, each with its CPU seconds and the process's memory (issue 12).

    .venv/bin/python benchmarks/bench_run_steps.py CORPUS CACHE [--out DIR] [--also NEW_CORPUS]
    .venv/bin/python benchmarks/bench_run_steps.py CORPUS CACHE --prime

CACHE is an extraction cache that already holds CORPUS (e.g. bench_run's
benchmarks/out/runs/cache after `bench_run.py --jsonl`), so step 2 measures
everything but extraction; it is copied first, so the run starts from the same
archive each time (run it twice to see the linked store). `--prime` runs notebook
02's steps over CORPUS on CACHE itself (extracting what it lacks), leaving the
archive and what is kept beside it as a run of this code leaves them. `--also` adds a folder of
new reports after CORPUS (the re-run of a grown archive: only they are extracted). Kernel start and the
imports each notebook repeats are not counted here (bench_run counts them).
"""
from __future__ import annotations

import argparse
import gc
import resource
import shutil
import tempfile
import time
from pathlib import Path

import psutil

PROCESS = psutil.Process()


class step:
    """Prints a step's wall and CPU seconds, its memory before and after, and the peak so far."""

    def __init__(self, name: str):
        self.name = name

    def __enter__(self):
        self.wall, self.cpu, self.rss = time.perf_counter(), time.process_time(), PROCESS.memory_info().rss
        return self

    def __exit__(self, *exc):
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"{self.name:34s} {time.process_time() - self.cpu:7.1f} CPU s {time.perf_counter() - self.wall:7.1f} s wall"
              f"   memory {self.rss / 2**20:5.0f} → {PROCESS.memory_info().rss / 2**20:5.0f} MiB, peak {peak:5.0f} MiB",
              flush=True)
        return False


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus")
    parser.add_argument("cache", type=Path)
    parser.add_argument("--out", type=Path, default=None, help="run folder (default: a temporary one)")
    parser.add_argument("--also", action="append", default=[], help="another corpus folder, read after CORPUS")
    parser.add_argument("--prime", action="store_true",
                        help="run notebook 02's steps over CORPUS on CACHE itself, and nothing else")
    parser.add_argument("--profile", type=Path, default=None,
                        help="write a cProfile of the steps to this file (pstats format)")
    args = parser.parse_args(argv)
    if args.prime:
        prime(args.corpus, args.cache)
        return 0
    scratch = Path(tempfile.mkdtemp(prefix="rasd_steps_"))
    out = args.out or scratch / "run"
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    cache = scratch / "cache"
    shutil.copytree(args.cache, cache)
    try:
        if args.profile:
            import cProfile

            with cProfile.Profile() as profile:
                run_steps([args.corpus, *args.also], cache, out)
            profile.dump_stats(args.profile)
        else:
            run_steps([args.corpus, *args.also], cache, out)
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return 0


def prime(corpus: str, cache: Path) -> None:
    """Notebook 02's steps over `corpus` on `cache` (not a copy), into a run folder then removed."""
    from helpers.run import steps as rasd

    out = Path(tempfile.mkdtemp(prefix="rasd_prime_"))
    try:
        with step("02 pipeline_step on the cache"):
            result = rasd.pipeline_step([corpus], None, None, None, store=out / "store", cache=cache, hold=False)
        print(f"   {result.cache.get('note')}; {result.cache.get('store', {}).get('note')}")
        with step("02 write_run_tables"):
            rasd.write_run_tables(out, result, result.aggregation.table(), rasd.problems_frame(result.problems))
    finally:
        shutil.rmtree(out, ignore_errors=True)


def run_steps(corpus: list[str], cache: Path, out: Path) -> None:
    with step("imports (steps, pipeline)"):
        from helpers.run import pipeline, steps as rasd  # noqa: F401
    with step("01 load_summary_step"):
        reports, problems = rasd.load_summary_step(corpus, cache)
    with step("01 write_tables"):
        rasd.write_tables(out, inputs=reports, load_rejections=rasd.problems_frame(problems))
    del reports
    with step("02 pipeline_step (hold=False)"):
        result = rasd.pipeline_step(corpus, None, None, None, store=out / "store", cache=cache, hold=False)
    print(f"   {result.cache.get('note')}; {result.cache.get('store', {}).get('note')}")
    with step("02 write_run_tables"):
        counts = rasd.write_run_tables(out, result, result.aggregation.table(), rasd.problems_frame(result.problems))
    print(f"   {len(result.reports)} reports, {counts['figures']} figures, {counts['incentives']} incentives")
    del result
    gc.collect()
    with step("03 chart_tables"):
        figures, incentives, totals = rasd.chart_tables(out)
    with step("03 chart_step"):
        rasd.chart_step(figures, incentives, out, totals=totals)
    del figures, incentives, totals
    gc.collect()
    from helpers.present import report

    with step("04 load_run_tables (max_rows)"):
        tables = report.load_run_tables(out, max_rows=2000)
    with step("04 findings"):
        report.findings(tables, "ar")
    with step("04 write_report"):
        report.write_report(out, lang="ar", run_id=out.name, max_rows=2000)


if __name__ == "__main__":
    raise SystemExit(main())
