"""Aggregation time and memory at 10k, 30k and 100k generated reports: is it linear?

    .venv/bin/python benchmarks/bench_aggregate.py [--sizes 10000,30000,100000] [--workers N] [--copies 1,3,10]
    .venv/bin/python benchmarks/bench_aggregate.py --extract 10000     # extraction alone: time, peak memory

The corpus is `bench_extract`'s realistic generator with report dates spread
over four years (as-of totals, repeats and contradictions need dates). It is
extracted once with `helpers extract --format parquet` into
benchmarks/out/ (kept and reused, with the extraction cache), then each size
runs in a fresh process: read the figures of its first N reports from the
Parquet store, apply corrections and aggregate (repeats, as-of totals, aid,
contradictions). Printed per size: seconds (wall and CPU), peak RSS of the
process and what aggregation added to it, and the rows found; then the time
per 10k reports of each size next to the smallest one's (goal: within 20%).
The figures are read as `helpers aggregate --store` reads them (without their
texts; the contradictions' sentences are read back afterwards, timed apart).

`--copies 1,3,10` then runs `helpers aggregate --store` itself over the whole
store and over stores of 3 and 10 copies of it (300k and 1M reports' worth of
figures: copies renamed, values shifted, dates kept; see `replicate`), for the
archive goal (1M reports aggregated in ≤ 4 GiB) where extracting 1M reports
is out of reach of the machine. `--extract N` measures `helpers extract
--workers 2 --format parquet` alone over the first N reports (no cache).
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
        seconds, cpu, peak = _measured(command)
        (store / "complete").touch()
        print(f"extracted {count} reports into {store}: {seconds:.0f} s wall, {cpu:.0f} CPU s over all processes, "
              f"peak RSS {peak / 2**20:.0f} MiB over all processes", flush=True)
    return store


def _measured(command: list[str]) -> tuple[float, float, int]:
    """Run `command`; (wall seconds, CPU seconds of it and its children, peak summed RSS in bytes)."""
    from peak_memory import sampling

    began, cpu_before = time.perf_counter(), _children_cpu()
    child = subprocess.Popen(command)
    with sampling(child, every=0.2) as memory:
        if child.wait() != 0:
            raise SystemExit(f"extraction failed (exit {child.returncode}): {' '.join(command)}")
    return time.perf_counter() - began, _children_cpu() - cpu_before, memory.summed


def _children_cpu() -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def one(store: Path, reports: int) -> dict:
    """Aggregate the first `reports` reports of the store (run in its own process)."""
    import pyarrow.dataset as ds

    from helpers.analysis import corrections
    from helpers.analysis.aggregate import aggregate
    from helpers.paths import CORRECTIONS
    from helpers.run.run_tables import read_figures_to_count, with_sentences
    from helpers.store.parquet import read_table

    wanted = [f"bench_{n:05d}" for n in range(reports)]
    figures = read_figures_to_count(store, filter=ds.field("report_id").isin(wanted))
    groups = _groups(read_table(store, "reports", columns=["id", "near_duplicate_of"]))
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    wall, cpu = time.perf_counter(), time.process_time()
    rows, _ = corrections.read_corrections(CORRECTIONS)
    tables, _ = corrections.apply_corrections({"figures": figures}, rows)
    result = aggregate(tables["figures"], report_groups=groups)
    wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
    # the contradictions' sentences, read back from the store (a scan of the store's sentence
    # column whatever the size asked for here: timed apart)
    sentences = time.process_time()
    result.contradictions = with_sentences(result.contradictions, store, ds.field("report_id").isin(wanted))
    return {"reports": reports, "figures": len(figures), "wall": wall, "cpu": cpu,
            "sentences_cpu": time.process_time() - sentences,
            "peak_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
            "added_mib": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 - before,
            "totals": len(result.table()), "contradictions": len(result.contradictions),
            "repeats": int(result.figures["repeat_of"].notna().sum())}


def measure_extract(corpus: Path, reports: int, workers: int) -> None:
    """`helpers extract --workers N --format parquet` (no cache) over the first `reports`
    reports of `corpus` (files of 1,000): time and peak memory over all processes."""
    files = sorted((corpus / "jsonl").glob("part_*.jsonl"))[: max(1, reports // 1000)]
    out = OUT / f"extract_only_{reports}"
    import shutil
    shutil.rmtree(out, ignore_errors=True)
    command = [sys.executable, "-m", "helpers", "extract", *map(str, files), "--format", "parquet",
               "--out", str(out), "--workers", str(workers)]
    seconds, cpu, peak = _measured(command)
    print(f"extract --workers {workers} of {len(files) * 1000} reports into Parquet (no cache): {seconds:.0f} s wall, "
          f"{cpu:.0f} CPU s, {len(files) * 1000 / cpu:.0f} reports per CPU second, "
          f"peak RSS {peak / 2**20:.0f} MiB over all processes", flush=True)
    shutil.rmtree(out, ignore_errors=True)


def replicate(store: Path, copies: int) -> Path:
    """A store of `copies` × the reports of `store`: copy k renames every report and figure
    (`bench_k…`) and adds k to every value, dates unchanged. So the figures are new ones (not
    repeats) and the dates stay over the same four years: the density grows with the copies,
    as when more outlets cover the same years. For a corpus too large to extract here."""
    import pyarrow as pa
    import pyarrow.compute as pc
    import pyarrow.dataset as ds
    import pyarrow.parquet as pq

    target = OUT / f"{store.name}_x{copies}"
    if (target / "complete").exists():
        return target
    for name in ("figures", "reports"):
        dataset = ds.dataset(store / name, format="parquet", partitioning="hive")
        for month in sorted({f.path.split("month=")[1].split("/")[0] for f in dataset.get_fragments()}):
            table = dataset.to_table(filter=ds.field("month") == month).drop_columns(["month"])
            parts = []
            for k in range(copies):
                copy = table
                for column in ("id", "report_id", "near_duplicate_of"):
                    if column in copy.column_names:
                        renamed = pc.replace_substring(copy[column], "bench_", f"bench_{k}")
                        copy = copy.set_column(copy.column_names.index(column), column, renamed)
                if name == "figures":
                    copy = copy.set_column(copy.column_names.index("value"), "value",
                                           pc.add(copy["value"], pa.scalar(float(k))))
                parts.append(copy)
            (target / name / f"month={month}").mkdir(parents=True, exist_ok=True)
            pq.write_table(pa.concat_tables(parts), target / name / f"month={month}" / "part-0.parquet")
    (target / "complete").touch()
    return target


def whole_store(store: Path) -> dict:
    """`helpers aggregate --store` over the whole store, as the command runs it (own process)."""
    before = time.perf_counter()
    command = [sys.executable, "-m", "helpers", "aggregate", "--store", str(store)]
    with open(OUT / "whole_store.csv", "w") as out:
        cpu_before = _children_cpu()
        child = subprocess.run(command, stdout=out, check=True)
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"wall": time.perf_counter() - before, "cpu": _children_cpu() - cpu_before,
            "peak_mib": usage.ru_maxrss / 1024, "returncode": child.returncode}


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
    parser.add_argument("--whole", metavar="STORE", help=argparse.SUPPRESS)
    parser.add_argument("--extract", type=int, metavar="N",
                        help="only: time and peak memory of extracting the first N reports into Parquet (no cache)")
    parser.add_argument("--copies", default="",
                        help="then `helpers aggregate --store` over stores of k × the largest size, e.g. 1,3,10 "
                             "(copies renamed, values shifted: see replicate())")
    args = parser.parse_args(argv)
    if args.whole:
        print(json.dumps(whole_store(Path(args.whole))))
        return 0
    if args.one:
        print(json.dumps(one(Path(args.one[0]), int(args.one[1]))))
        return 0
    if args.extract:
        sizes = sorted(int(s) for s in args.sizes.split(","))
        measure_extract(OUT / f"aggregate_corpus_{sizes[-1]}", args.extract, args.workers or 2)
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
              f"{result['cpu']:6.1f} s CPU (+{result['sentences_cpu']:.1f} reading sentences back)  peak RSS {result['peak_mib']:5.0f} MiB "
              f"(aggregation added {result['added_mib']:4.0f})  {result['totals']} totals, "
              f"{result['repeats']} repeats, {result['contradictions']} contradictions", flush=True)
    base = results[0]["cpu"] / results[0]["reports"]
    for result in results:
        ratio = result["cpu"] / result["reports"] / base
        print(f"  CPU per report at {result['reports']}: {ratio:.2f}× the {results[0]['reports']} one "
              f"({'linear within 20%' if ratio <= 1.2 else 'NOT linear within 20%'})")
    for copies in [int(c) for c in args.copies.split(",") if c]:
        target = replicate(store, copies) if copies > 1 else store
        result = subprocess.run([sys.executable, __file__, "--whole", str(target)], check=True,
                                capture_output=True, text=True).stdout.strip().splitlines()[-1]
        result = json.loads(result)
        reports = copies * sizes[-1]
        print(f"helpers aggregate --store, {reports} reports ({copies} × {sizes[-1]}): {result['wall']:.1f} s wall, "
              f"{result['cpu']:.1f} CPU s ({result['cpu'] / reports * 1e4:.2f} per 10k reports), "
              f"peak RSS {result['peak_mib']:.0f} MiB", flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
