"""Benchmark the LOAD stage: a generated corpus of ~3 KB Arabic reports.

    .venv/bin/python benchmarks/bench_load.py [--files 10000] [--tracemalloc]

Writes mostly `.txt` files with a header plus a few `.jsonl` and `.csv` files
into a temporary folder, then times `iter_load` (streaming) and `load_paths`
(everything in memory). Goal: under 10 s for 10,000 files on 2 cores.
"""
from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

from helpers.ingest.load import iter_load, load_paths
from helpers.records import Report

SUBJECTS = ["وزعت جهة موالية لروسيا", "افتتح مكتب تابع للحرس الثوري", "أعلنت فصائل موالية لتركيا",
            "قالت مصادر محلية إن مركز المصالحة", "ذكر ناشطون أن الفيلق الخامس", "أفاد مراسلون بأن جمعية خيرية"]
ACTIONS = ["سلالا غذائية على العائلات", "باب التطوع أمام الشبان", "رواتب شهرية للمنتسبين الجدد",
           "حقائب مدرسية على الأطفال", "مكافآت مالية لمن يلتحق بصفوفها", "أغطية ولوازم تدفئة للنازحين"]
PLACES = ["في ريف دير الزور الشرقي", "في بلدات الريف الحموي", "في مدينة الميادين", "قرب خطوط التماس في ريف إدلب",
          "في قرى الجنوب السوري", "في أحياء مدينة حلب"]
TAILS = ["خلال الأسبوع الماضي.", "وسط إقبال محدود.", "بحسب ما نقل سكان.", "ضمن حملة مستمرة منذ أشهر.",
         "مقابل تسوية أوضاع المطلوبين.", "في ظل ظروف معيشية صعبة."]
MONTHS = ["كانون الثاني", "شباط", "آذار", "نيسان", "أيار", "حزيران", "تموز", "آب", "أيلول",
          "تشرين الأول", "تشرين الثاني", "كانون الأول"]


def sentence(rng: random.Random) -> str:
    count = rng.randint(20, 3000)
    return f"{rng.choice(SUBJECTS)} {count} من {rng.choice(ACTIONS)} {rng.choice(PLACES)} {rng.choice(TAILS)}"


def body(rng: random.Random, size: int = 3000) -> str:
    parts, length = [], 0
    while length < size:
        parts.append(sentence(rng))
        length += len(parts[-1].encode()) + 1
    return "\n".join(parts)


def generate(folder: Path, files: int, seed: int = 7) -> int:
    """Write the corpus; returns the number of reports in it."""
    rng = random.Random(seed)
    tables, rows_per_table = 10, 20
    reports = 0
    for number in range(files - tables):
        sub = folder / f"batch{number // 1000:02d}"
        sub.mkdir(exist_ok=True)
        dateline = f"دمشق، {rng.randint(1, 28)} {rng.choice(MONTHS)} {rng.randint(2016, 2023)} - "
        header = f"source: مراسل\nurl: https://example.org/{number}\n\n" if number % 2 else f"date: 2020-01-{number % 28 + 1:02d}\n\n"
        text = f"{header}تقرير رقم {number}\n{dateline}{body(rng)}\n"
        (sub / f"r{number:05d}.txt").write_text(text, encoding="utf-8")
        reports += 1
    for table in range(tables):
        rows = [{"id": f"t{table}-{row}", "date": "12/05/2019", "text": body(rng)} for row in range(rows_per_table)]
        if table % 2:
            with open(folder / f"table{table}.csv", "w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=["id", "date", "text"])
                writer.writeheader()
                writer.writerows(rows)
        else:
            lines = (json.dumps(row, ensure_ascii=False) for row in rows)
            (folder / f"feed{table}.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
        reports += rows_per_table
    return reports


def timed(run) -> tuple[float, object]:
    start = time.perf_counter()
    value = run()
    seconds = time.perf_counter() - start
    return seconds, value


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=10_000)
    parser.add_argument("--tracemalloc", action="store_true",
                        help="also measure Python heap peaks (slows the run down)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="rasd-bench-load-") as tmp:
        folder = Path(tmp)
        seconds, expected = timed(lambda: generate(folder, args.files))
        size = sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())
        print(f"generated {args.files} files, {expected} reports, {size / 2**20:.1f} MB in {seconds:.1f} s")

        def stream() -> int:
            return sum(isinstance(item, Report) for item in iter_load([folder]))

        seconds, streamed = timed(stream)
        print(f"iter_load:  {streamed} reports in {seconds:.2f} s = {args.files / seconds:,.0f} files/s")
        seconds, result = timed(lambda: load_paths([folder]))
        print(f"load_paths: {len(result.reports)} reports in {seconds:.2f} s = {args.files / seconds:,.0f} files/s; "
              f"{len(result.rejections)} rejected, {len(result.warnings)} warnings")
        dated = sum(report.date is not None for report in result.reports)
        print(f"dated: {dated}/{len(result.reports)}")
        del result
        print(f"peak RSS of the process: {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
        if args.tracemalloc:
            for label, run in (("iter_load", stream), ("load_paths", lambda: load_paths([folder]))):
                tracemalloc.start()
                run()
                peak = tracemalloc.get_traced_memory()[1]
                tracemalloc.stop()
                print(f"python heap peak, {label}: {peak / 2**20:.1f} MB")
        ok = streamed == expected
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
