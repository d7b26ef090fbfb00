"""Aggregation time and memory at 10k, 30k and 100k generated reports: is it linear?

    .venv/bin/python benchmarks/bench_aggregate.py [--sizes 10000,30000,100000] [--workers N]

The corpus is `bench_extract`'s realistic generator with report dates spread
over four years (as-of totals, repeats and contradictions need dates). It is
extracted once with `helpers extract --format parquet` into
benchmarks/out/ (kept and reused, with the extraction cache), then each size
runs in a fresh process: read the figures of its first N reports from the
Parquet store, apply corrections and aggregate (repeats, as-of totals, aid,
contradictions). Printed per size: seconds (wall and CPU), peak RSS of the
process and what aggregation added to it, and the rows found; then the time
per 10k reports of each size next to the smallest one's (goal: within 20%).
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
sys.path.insert(0, str(ROOT / "benchmarks"))


def prepare(count: int, workers: int | None) -> Path:
    """Generate and extract `count` reports once; returns the Parquet store."""
    import bench_extract

    corpus, store = OUT / f"aggregate_corpus_{count}", OUT / f"aggregate_store_{count}"
    if not (corpus / "complete").exists():
        (corpus / "jsonl").mkdir(parents=True, exist_ok=True)
        began = time.perf_counter()
        bench_extract.generate(corpus / "jsonl", count, spread=True)
        (corpus / "complete").touch()
        print(f"generated {count} reports in {time.perf_counter() - began:.0f} s")
    if not (store / "complete").exists():
        began = time.perf_counter()
        command = [sys.executable, "-m", "helpers", "extract", str(corpus / "jsonl"), "--format", "parquet",
                   "--out", str(store), "--cache", str(OUT / "cache")]
        if workers:
            command += ["--workers", str(workers)]
        subprocess.run(command, check=True)
        (store / "complete").touch()
        print(f"extracted into {store} in {time.perf_counter() - began:.0f} s")
    return store


def one(store: Path, reports: int) -> dict:
    """Aggregate the first `reports` reports of the store (run in its own process)."""
    import pyarrow.dataset as ds

    from helpers.analysis import corrections
    from helpers.analysis.aggregate import aggregate
    from helpers.paths import CORRECTIONS
    from helpers.store.parquet import read_table

    wanted = [f"bench_{n:05d}" for n in range(reports)]
    figures = read_table(store, "figures", filter=ds.field("report_id").isin(wanted))
    groups = _groups(read_table(store, "reports", columns=["id", "near_duplicate_of"]))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    rows, _ = corrections.read_corrections(CORRECTIONS)
    tables, _ = corrections.apply_corrections({"figures": figures}, rows)
    result = aggregate(tables["figures"], report_groups=groups)
    return {"reports": reports, "figures": len(figures), "wall": time.perf_counter() - wall,
            "cpu": time.process_time() - cpu, "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "added_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before,
            "totals": len(result.table()), "contradictions": len(result.contradictions),
            "repeats": int(result.figures["repeat_of"].notna().sum())}


def _groups(reports) -> dict[str, str]:
    group_of: dict[str, str] = {}
    for report, earlier in zip(reports["id"], reports["near_duplicate_of"]):
        group_of[report] = group_of.get(earlier, earlier) if isinstance(earlier, str) else report
    return group_of


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,30000,100000")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default all cores)")
    parser.add_argument("--one", nargs=2, metavar=("STORE", "REPORTS"), help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.one:
        print(json.dumps(one(Path(args.one[0]), int(args.one[1]))))
        return 0
    sizes = sorted(int(s) for s in args.sizes.split(","))
    OUT.mkdir(parents=True, exist_ok=True)
    store = prepare(sizes[-1], args.workers)
    results = []
    for size in sizes:
        line = subprocess.run([sys.executable, __file__, "--one", str(store), str(size)], check=True,
                              capture_output=True, text=True).stdout.strip().splitlines()[-1]
        result = json.loads(line)
        results.append(result)
        print(f"{size:>7} reports  {result['figures']:>8} figures  {result['wall']:6.1f} s wall  "
              f"{result['cpu']:6.1f} s CPU  peak RSS {result['peak_mib']:5.0f} MiB "
              f"(aggregation added {result['added_mib']:4.0f})  {result['totals']} totals, "
              f"{result['repeats']} repeats, {result['contradictions']} contradictions", flush=True)
    base = results[0]["cpu"] / results[0]["reports"]
    for result in results:
        ratio = result["cpu"] / result["reports"] / base
        print(f"  CPU per report at {result['reports']}: {ratio:.2f}× the {results[0]['reports']} one "
              f"({'linear within 20%' if ratio <= 1.2 else 'NOT linear within 20%'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
