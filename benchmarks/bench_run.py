"""Benchmark `python -m helpers run`: wall time and peak memory of a whole run.

    .venv/bin/python benchmarks/bench_run.py            # data/sample   (goal < 60 s)
    .venv/bin/python benchmarks/bench_run.py --big      # + 10,000 generated reports (goal < 3 min)
    .venv/bin/python benchmarks/bench_run.py --big --reports 2000
    .venv/bin/python benchmarks/bench_run.py --jsonl --reports 100000 --again --new 1000   # the archive goal
    .venv/bin/python benchmarks/bench_run.py --jsonl --reports 100000 --keep-cache --new 1000
        # the same with the cache an earlier run filled (benchmarks/out/runs/cache)
    .venv/bin/python benchmarks/bench_run.py --jsonl --reports 10000 --copies 10
    .venv/bin/python benchmarks/bench_run.py --jsonl --reports 10000 --copies 10 --new 1000 --new-only
        # 100k reports (10 copies of 10k, every one in benchmarks/out/copies_cache: no extraction),
        # then the re-run with 1,000 new reports (the store linked from the cache's archive)
    .venv/bin/python benchmarks/bench_run.py --jsonl --reports 100000 --cache benchmarks/out/cache
        # the same run with bench_aggregate's extraction cache of that corpus: everything but extraction

`--jsonl` uses bench_extract's realistic generator instead (~3 KB reports,
dates spread over four years, JSONL files of 1,000 reports); `--again` runs
once more on the same corpus (every report from the cache); `--new N` then
adds N new reports in one more file and runs again: the extraction cache
(benchmarks/out/runs/cache, emptied before the first run unless
`--keep-cache`) re-reads only those. Each run prints its wall time, the CPU
seconds of all its processes, the load average, and each notebook's time
beside its kernel's peak RSS.

Runs go to benchmarks/out/ (git-ignored); the generated corpus is kept there
and reused. Peak RSS is sampled every 0.1 s over the runner and its kernels
(summed: the runner and one kernel live at a time), plus the largest single
process as reported by getrusage.
"""
from __future__ import annotations

import argparse
import os
import random
import resource
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

from peak_memory import sampling

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"

# Building blocks for generated reports, in our own words.
OPENINGS = ["أفادت مصادر محلية", "قال ناشطون من المنطقة", "ذكرت شبكة إخبارية محلية", "نقل مراسلون عن سكان"]
ACTORS = ["الفيلق الخامس", "الميليشيات الموالية لإيران", "الفصائل الموالية لتركيا", "القوات الروسية", "الحرس الثوري"]
PLACES = ["ريف دير الزور الشرقي", "مدينة الميادين", "ريف حمص الشرقي", "الريف الحموي", "ريف درعا الغربي",
          "مدينة البوكمال", "ريف حلب الشمالي"]
EVENTS = [
    "أن عدد المنتسبين إلى {actor} في {place} ارتفع إلى نحو {n} عنصر",
    "أن {actor} استقطبت أكثر من {n} شاب في {place} خلال الشهر الماضي",
    "أن {actor} وزعت {n} سلة غذائية على العائلات في {place}",
    "أن {actor} تدفع راتباً شهرياً قدره {m} دولاراً للمنتسب الجديد في {place}",
    "أن {actor} وعدت المنضمين في {place} بتسوية أوضاعهم الأمنية",
]
FILLER = ["وتأتي هذه الخطوة في ظل أوضاع معيشية صعبة يعيشها السكان.",
          "ولم يصدر أي تعليق رسمي على هذه المعلومات حتى الآن.",
          "ويقول متابعون إن الإقبال يتفاوت من بلدة إلى أخرى."]


def report_text(rng: random.Random, number: int) -> str:
    day = f"20{rng.randint(18, 23)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
    lines = [f"id: gen-{number:05d}", f"date: {day}", "source: مصدر مولَّد للاختبار", "",
             f"تقرير مولَّد رقم {number}", ""]
    for _ in range(rng.randint(3, 6)):
        event = rng.choice(EVENTS).format(actor=rng.choice(ACTORS), place=rng.choice(PLACES),
                                          n=rng.randint(20, 5000), m=rng.randint(50, 400))
        lines.append(f"{rng.choice(OPENINGS)} {event}. {rng.choice(FILLER)}")
    return "\n".join(lines) + "\n"


def generate(folder: Path, reports: int, seed: int = 11) -> Path:
    """Write `reports` .txt files (100 per sub-folder); reuse them if already there."""
    marker = folder.with_name(folder.name + ".complete")  # outside the corpus: load would list it
    if marker.exists():
        return folder
    rng = random.Random(seed)
    for number in range(reports):
        sub = folder / f"part{number // 100:03d}"
        sub.mkdir(parents=True, exist_ok=True)
        (sub / f"r{number:05d}.txt").write_text(report_text(rng, number), encoding="utf-8")
    marker.touch()
    return folder


def generate_jsonl(folder: Path, reports: int, first_number: int = 0) -> Path:
    """bench_extract's realistic reports as JSONL (reused if already there)."""
    sys.path.insert(0, str(ROOT / "benchmarks"))
    import bench_extract

    marker = folder.with_name(folder.name + ".complete")
    if not marker.exists():
        folder.mkdir(parents=True, exist_ok=True)
        bench_extract.generate(folder, reports, spread=True, first_number=first_number)
        marker.touch()
    return folder


def cpu_of_children() -> float:
    """CPU seconds (user + system) of every finished child and what it waited for (kernels, workers)."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def timed_run(corpus: Path | list[Path] | None, label: str, extra: Sequence[str] = ()) -> tuple[float, int, int]:
    """Run the runner once; returns (seconds, peak summed RSS, ru_maxrss of the largest child) in bytes.
    Prints the CPU seconds over all the run's processes and the load average before and after."""
    command = [sys.executable, "-m", "helpers", "run", "--out", str(OUT / "runs"), *extra]
    if corpus:
        command += ["--corpus", *[str(c) for c in (corpus if isinstance(corpus, list) else [corpus])]]
    load_before, cpu_before = os.getloadavg(), cpu_of_children()
    started = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    with sampling(child, every=0.1) as memory:
        stdout, stderr = child.communicate()
        seconds = time.perf_counter() - started
    peak, peaks = memory.summed, memory.each
    cpu = cpu_of_children() - cpu_before
    load_after = os.getloadavg()
    largest = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    status = "ok" if child.returncode == 0 else f"FAILED (exit {child.returncode})"
    print(f"{label}: {seconds:.1f} s wall, {cpu:.1f} CPU s over all processes, peak RSS {peak / 2**20:.0f} MiB "
          f"(largest process {largest / 2**20:.0f} MiB), {status}; load average {load_before[0]:.1f} before, "
          f"{load_after[0]:.1f} after")
    print("  " + stderr.strip().replace("\n", "\n  "))
    kernels = [seen for seen in sorted(peaks.values()) if seen[2] == "kernel"]
    print("  peak RSS of each process over 100 MiB, in order started (kernels: one per notebook, 01 first): "
          + ", ".join(f"{name} {rss / 2**20:.0f} MiB" for _, rss, name in sorted(peaks.values()) if rss > 100 * 2**20)
          + f" ({len(kernels)} kernels)")
    if stdout.strip():
        print("  report: " + stdout.strip().splitlines()[-1])
        print_notebooks(Path(stdout.strip().splitlines()[-1]).parent, [rss for _, rss, _ in kernels])
    return seconds, peak, largest


def print_notebooks(run_dir: Path, kernel_peaks: list[int]) -> None:
    """Each notebook's seconds (from the manifest) beside its kernel's peak RSS."""
    import json

    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    for number, step in enumerate(manifest["notebooks"]):
        peak = f", kernel peak {kernel_peaks[number] / 2**20:.0f} MiB" if number < len(kernel_peaks) else ""
        print(f"  {step['name']}: {step['seconds']} s{peak}")
    if manifest.get("cache"):
        print(f"  cache: {manifest['cache'].get('note')}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--big", action="store_true", help="also run on a generated corpus")
    parser.add_argument("--reports", type=int, default=10_000, help="size of the generated corpus")
    parser.add_argument("--jsonl", action="store_true", help="only: a realistic JSONL corpus (bench_extract's)")
    parser.add_argument("--new", type=int, default=0, help="with --jsonl: then add N reports and run again")
    parser.add_argument("--cache", type=Path, default=None,
                        help="with --jsonl: use this extraction cache as it is (e.g. bench_aggregate's, "
                             "benchmarks/out/cache, filled by extracting the same corpus) instead of an empty one: "
                             "the run without the cost of extraction")
    parser.add_argument("--keep-cache", action="store_true",
                        help="with --jsonl: keep benchmarks/out/runs/cache as an earlier run left it")
    parser.add_argument("--again", action="store_true", help="with --jsonl: run once more on the same corpus")
    parser.add_argument("--copies", type=int, default=0,
                        help="with --jsonl: run on N copies of the corpus, every report already in the cache "
                             "(benchmarks/out/copies_cache, filled by extracting the corpus once): N times the "
                             "records without N times the extraction")
    parser.add_argument("--new-only", action="store_true",
                        help="with --new: only the run with the new reports (the cache and its archive "
                             "filled by an earlier run of the same command without it)")
    args = parser.parse_args(argv)
    OUT.mkdir(parents=True, exist_ok=True)
    if args.jsonl:
        return jsonl_runs(args.reports, args.new, args.cache, args.keep_cache or args.new_only, args.again,
                          args.copies, args.new_only)
    seconds, _, _ = timed_run(None, "data/sample")
    print(f"  goal < 60 s: {'met' if seconds < 60 else 'MISSED'}")
    if args.big:
        began = time.perf_counter()
        corpus = generate(OUT / f"corpus_{args.reports}", args.reports)
        print(f"generated corpus ready in {time.perf_counter() - began:.1f} s: {corpus}")
        seconds, _, _ = timed_run(corpus, f"{args.reports} generated reports")
        print(f"  goal < 180 s: {'met' if seconds < 180 else 'MISSED'}")
    return 0


def jsonl_runs(reports: int, new: int, cache: Path | None = None, keep_cache: bool = False,
               again: bool = False, copies: int = 0, new_only: bool = False) -> int:
    import shutil

    corpus = generate_jsonl(OUT / f"jsonl_{reports}", reports)
    if cache is None and not keep_cache:
        shutil.rmtree(OUT / "runs" / "cache", ignore_errors=True)
    extra = ["--cache", str(cache)] if cache else []
    state = f"cache {cache}" if cache else ("the kept cache" if keep_cache else "empty cache")
    if copies:
        cache = cache or OUT / "copies_cache"
        corpus = copied_corpus(reports, copies, cache)
        extra, state = ["--cache", str(cache)], f"{copies} copies, every report in the cache {cache}"
        reports *= copies
    if not new_only:
        seconds, peak, _ = timed_run(corpus, f"{reports} JSONL reports, {state}", extra)
        print(f"  goal ≤ 180 s and ≤ 2 GiB: {'met' if seconds <= 180 and peak <= 2**31 else 'MISSED'}")
    if again:
        seconds, peak, _ = timed_run(corpus, f"{reports} JSONL reports again, warm cache", extra)
        print(f"  goal ≤ 180 s and ≤ 2 GiB: {'met' if seconds <= 180 and peak <= 2**31 else 'MISSED'}")
    if new:
        extra_corpus = generate_jsonl(OUT / f"jsonl_{reports}_new_{new}", new, first_number=reports)
        seconds, _, _ = timed_run([corpus, extra_corpus], f"{reports} + {new} new JSONL reports, warm cache", extra)
        starts = kernel_start_seconds()
        print(f"  kernel start (an empty notebook under papermill, 4 times): {starts:.1f} s; "
              f"beyond it: {seconds - starts:.1f} s (goal ≤ 20 s)")
    return 0


def copied_corpus(reports: int, copies: int, cache: Path) -> Path:
    """`copies` copies of the `reports` JSONL corpus (ids suffixed `-c<n>`, one letter of the
    title changed so no copy is an exact duplicate; texts, dates and offsets unchanged), and in
    `cache` an extraction entry for every copy made from the original's (ids rewritten): a
    corpus `copies` times as large whose run costs everything but extraction. The original's
    entries come from extracting it once (`helpers extract --cache`)."""
    import json

    import pyarrow as pa
    import pyarrow.parquet as pq

    from helpers.ingest.load import iter_load
    from helpers.records import Rejection
    from helpers.store.cache import ROW_GROUP, SCHEMA, ExtractionCache, report_key

    source = generate_jsonl(OUT / f"jsonl_{reports}", reports)
    folder = OUT / f"jsonl_{reports}_x{copies}"
    marker = folder.with_name(folder.name + ".complete")
    if marker.exists() and (cache / ".copied").exists():
        return folder
    subprocess.run([sys.executable, "-m", "helpers", "extract", str(source), "--cache", str(cache), "--format",
                    "parquet", "--out", str(OUT / "copies_store")], check=True, capture_output=True)
    folder.mkdir(parents=True, exist_ok=True)
    letters = "ابتثجحخدذرزسشصضطظعغفقكلمنهوي"
    for copy in range(copies):
        for path in sorted(source.glob("*.jsonl")):
            lines = []
            for line in path.read_text(encoding="utf-8").splitlines():
                item = json.loads(line)
                item["id"] = f"{item['id']}-c{copy}"
                item["title"] = letters[copy % len(letters)] + item["title"][1:]
                lines.append(json.dumps(item, ensure_ascii=False))
            (folder / f"c{copy:02d}_{path.name}").write_text("\n".join(lines) + "\n", encoding="utf-8")
    entries = ExtractionCache(cache)
    originals = [r for r in iter_load([str(source)]) if not isinstance(r, Rejection)]
    by_id = {r.id: report_key(r) for r in originals}
    rows = []
    writer = pq.ParquetWriter(entries.folder / "part-copies.parquet", SCHEMA)
    for report in iter_load([str(folder)]):
        if isinstance(report, Rejection):
            continue
        original = report.id.rsplit("-c", 1)[0]
        figures, incentives, signature = entries.get(by_id[original])
        rename = lambda rows_: json.dumps(rows_, ensure_ascii=False).replace(
            f'"{original}:', f'"{report.id}:').replace(f'"report_id": "{original}"', f'"report_id": "{report.id}"')
        rows.append({"key": report_key(report), "figures": rename(figures), "incentives": rename(incentives),
                     "signature": signature.tobytes()})
        if len(rows) >= ROW_GROUP:
            writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
            rows = []
    if rows:
        writer.write_table(pa.Table.from_pylist(rows, schema=SCHEMA))
    writer.close()
    marker.touch()
    (cache / ".copied").touch()
    return folder


def kernel_start_seconds(notebooks: int = 4) -> float:
    """Wall seconds papermill takes for `notebooks` notebooks of one cell importing the notebooks' steps:
    what any run pays before its own work."""
    import nbformat
    import papermill

    folder = OUT / "kernel_start"
    folder.mkdir(parents=True, exist_ok=True)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell("from helpers.run import steps")])
    notebook.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    source = folder / "empty.ipynb"
    nbformat.write(notebook, source)
    started = time.perf_counter()
    for number in range(notebooks):
        papermill.execute_notebook(str(source), str(folder / f"run{number}.ipynb"), kernel_name="python3",
                                   progress_bar=False, log_output=False)
    return time.perf_counter() - started


if __name__ == "__main__":
    raise SystemExit(main())
