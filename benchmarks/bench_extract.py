"""Extraction speed and memory on a generated corpus.

Writes 10,000 reports (~3 KB each; sentences with numbers, actors, places and
incentives drawn from the project's lexicons) as JSONL files in a temporary
folder, then streams them through `helpers.extract.iter_records` on one core
and prints reports/second and peak memory after 2,000 and 10,000 reports.
Goal: ≥ 1,000 reports/s with flat memory.

    .venv/bin/python benchmarks/bench_extract.py [--reports N] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import json
import pstats
import random
import resource
import tempfile
import time
from pathlib import Path

from helpers.extract import iter_records
from helpers.lexicons import load_lexicons
from helpers.paths import LEXICONS

TEMPLATES = [
    "وأفادت مصادر محلية أن {actor} جندت {n} شابا من أبناء {place} خلال الشهر الماضي.",
    "وارتفع عدد المنتسبين إلى صفوف {actor} في {place} إلى نحو {n} عنصر بحسب ناشطين.",
    "ووزعت {actor} قرابة {n} سلة غذائية على الأهالي في {place} ضمن حملة جديدة.",
    "ويتقاضى المتطوع لدى {actor} راتبا شهريا يصل إلى {n} دولار أمريكي.",
    "كما قدمت {actor} مكافأة مالية قدرها {n} ألف ليرة سورية لكل من يلتحق بها في {place}.",
    "وقتل {n} عناصر من {actor} في هجوم استهدف موقعا لهم قرب {place}.",
    "وتسعى {actor} لتجنيد أكثر من {n} شاب في {place} مقابل وعود بتسوية الأوضاع.",
    "واستفادت {n} عائلة من مساعدات طبية وأدوية وزعتها {actor} في {place}.",
    "وانضمت دفعة جديدة تضم {n} متطوعا إلى {actor} بعد دورة تدريبية استمرت 20 يوما.",
    "وتشير التقديرات إلى أن {actor} نقلت ما لا يقل عن {n} مقاتل إلى ليبيا.",
    "ولا تتجاوز نسبة الملتحقين من أبناء {place} {n} بالمئة من مجموع المتطوعين.",
    "وتعد {actor} المنتسبين بعدم سوقهم إلى الاحتياط والخدمة في قريتهم.",
    "ووزعت أيضا ألبسة شتوية وبطانيات ومستلزمات دراسية في ريف {place} الشرقي.",
    "وذكر المرصد السوري لحقوق الإنسان أن الحملة مستمرة منذ {n} أشهر في {place}.",
    "ويأتي ذلك في ظل تنافس واضح بين القوى المختلفة على استمالة السكان وكسب ولائهم.",
]


def names(file: str, column: str, keep) -> list[str]:
    with open(LEXICONS / file, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
    return [r[column] for r in rows if keep(r) and "*" not in r[column]]


def generate(folder: Path, count: int, per_file: int = 1000, seed: int = 7) -> list[Path]:
    rng = random.Random(seed)
    actors = names("actors.csv", "name", lambda r: r["kind"] in ("force", "proxy"))
    places = names("gazetteer.csv", "name", lambda r: r["kind"] in ("governorate", "city", "town"))
    paths = []
    for first in range(0, count, per_file):
        path = folder / f"part_{first // per_file:03d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for number in range(first, min(first + per_file, count)):
                sentences, size = [], 0
                while size < 3000:
                    sentence = rng.choice(TEMPLATES).format(
                        actor=rng.choice(actors), place=rng.choice(places), n=rng.randint(2, 4000))
                    sentences.append(sentence)
                    size += len(sentence.encode("utf-8")) + 1
                paragraphs = [" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4)]
                record = {"id": f"bench_{number:05d}", "date": "2021-06-01",
                          "title": "تقرير عن التجنيد والمساعدات", "text": "\n\n".join(paragraphs)}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def run(paths: list[Path], checkpoints: set[int]) -> None:
    lexicons = load_lexicons()
    print(f"after loading lexicons: peak RSS {peak_mib():.0f} MiB")
    reports, records, last_id = 0, 0, None
    started = time.perf_counter()
    for record in iter_records(paths, lexicons):
        records += 1
        if record.report_id != last_id:
            last_id = record.report_id
            reports += 1
            if reports - 1 in checkpoints:
                _print(reports - 1, records, started)
    _print(reports, records, started)


def _print(reports: int, records: int, started: float) -> None:
    elapsed = time.perf_counter() - started
    print(f"{reports:>6} reports  {records:>8} records  {elapsed:6.1f} s  "
          f"{reports / elapsed:7.0f} reports/s  peak RSS {peak_mib():.0f} MiB")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=10_000)
    parser.add_argument("--profile", action="store_true", help="cProfile the first 1,000 reports")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="rasd_bench_") as folder:
        paths = generate(Path(folder), args.reports)
        size = sum(p.stat().st_size for p in paths) / 1e6
        print(f"generated {args.reports} reports, {size:.0f} MB, in {folder}")
        if args.profile:
            profiler = cProfile.Profile()
            profiler.enable()
            run(paths[:1], set())
            profiler.disable()
            pstats.Stats(profiler).sort_stats("cumulative").print_stats(25)
        else:
            run(paths, {2_000, 10_000})


if __name__ == "__main__":
    main()
