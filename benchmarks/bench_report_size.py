"""Extraction time per MB of report, from 3 KB to 20 MB reports, side by side in one run.

Extraction must be linear in a report's size (issue 10): the time per MB of
text is the same whether the text comes as many 3 KB reports or as one 20 MB
report. Reports are built from the realistic generator of bench_extract.py
(invented sentences, lexicon actors and places, ~4 records per KB); for each
size, enough reports of that size are extracted to make at least 1 MB, and the
CPU time (steadier than wall time on a shared machine) per MB is printed with
its ratio to the 3 KB row. A second column does the same for text with no
sentence end at all (a scraped page in one line, every `.` turned into `،`).

    .venv/bin/python benchmarks/bench_report_size.py [--largest-mb 20]
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_extract import TITLE, _Writer  # noqa: E402

from helpers.extract import extract_report  # noqa: E402
from helpers.extract.lexicons import load_lexicons
from helpers.records import Report  # noqa: E402

SIZES_KB = [3, 30, 300, 3 * 1024, 10 * 1024, 20 * 1024]


def report_of(writer: _Writer, kilobytes: float, one_line: bool, number: int) -> Report:
    parts, size = [], 0
    while size < kilobytes * 1024 - 200:
        part = writer.report()
        parts.append(part)
        size += len(part.encode("utf-8")) + 2
    text = "\n\n".join(parts)
    if one_line:
        text = text.replace(".", "،").replace("\n", " ")
    return Report(id=f"size-{number}", title=TITLE, text=text, full_text=f"{TITLE}\n\n{text}", date="2021-06-01",
                  date_origin="metadata", source=None, url=None, path="bench", line=None, encoding="utf-8",
                  content_hash=str(number))


def seconds_per_mb(kilobytes: float, one_line: bool, lexicons) -> tuple[float, int, int]:
    """CPU seconds per MB over reports of `kilobytes`, at least 1 MB of them; (s/MB, reports, records)."""
    writer = _Writer(False, seed=11)
    count = max(1, round(1024 / kilobytes))
    reports = [report_of(writer, kilobytes, one_line, n) for n in range(count)]
    megabytes = sum(len(r.full_text.encode("utf-8")) for r in reports) / 2**20
    started = time.process_time()
    records = 0
    for report in reports:
        figures, incentives = extract_report(report, lexicons)
        records += len(figures) + len(incentives)
    return (time.process_time() - started) / megabytes, count, records


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--largest-mb", type=float, default=20, help="largest report size (default 20)")
    args = parser.parse_args()
    lexicons = load_lexicons()
    extract_report(report_of(_Writer(False, 1), 3, False, 0), lexicons)   # warm caches
    sizes = [kb for kb in SIZES_KB if kb <= args.largest_mb * 1024]
    print(f"{'report size':>12} {'reports':>8} {'records':>8} {'s/MB':>7} {'ratio':>6} "
          f"{'one-line s/MB':>14} {'ratio':>6}")
    floor = {}
    for kilobytes in sizes:
        row = []
        for one_line in (False, True):
            per_mb, count, records = seconds_per_mb(kilobytes, one_line, lexicons)
            floor.setdefault(one_line, per_mb)
            row.append((per_mb, per_mb / floor[one_line], count, records))
        label = f"{kilobytes} KB" if kilobytes < 1024 else f"{kilobytes // 1024} MB"
        (a, ra, count, records), (b, rb, _, _) = row
        print(f"{label:>12} {count:>8} {records:>8} {a:>7.2f} {ra:>6.2f} {b:>14.2f} {rb:>6.2f}", flush=True)


if __name__ == "__main__":
    main()
