"""Extraction speed and memory on a generated corpus.

Writes N reports (~3 KB of Arabic each, built from invented sentences whose
actors and places are drawn from the project's lexicons, with varied numbers
and incentive cues) as JSONL files in a temporary folder, then streams them
through `helpers.extract.iter_records` and prints reports/second (wall time,
and per CPU second: steadier on a shared machine) and peak memory after
2,000 and N reports. Run it on one core (`taskset -c 0`).
Goal: ≥ 1,000 reports/s on the realistic corpus, memory flat in corpus size.

Two corpora:
- realistic: density taken from the sample corpus (data/sample,
  25 reports: 3.8 records per KB, sentences of ~140 characters; 40% of
  sentences carry a figure, ~65% name an actor, ~60% a place, ~45% an
  incentive cue) and the real seed report (3.7 KB, 14 records = 3.75 per KB,
  sentences of ~200 characters; 40% figure, 70% actor, 60% place, 60% cue).
  Generated: ~11 sentences of ~160 characters per report, 43% opening with a
  figure clause (39% end up with a figure), the other clauses naming actors,
  places or incentives, or context; measured 4.0 records per KB (73% of
  sentences with an actor, 67% a place, 55% an incentive cue). The output
  prints the corpus's records per KB next to the sample corpus's, measured live.
- dense (`--dense`): the worst case, one short figure sentence after another
  (~30 records in every 3 KB report, ~9.5 per KB).
Without `--dense` / `--realistic` both run, realistic first.

    .venv/bin/python benchmarks/bench_extract.py [--reports N] [--dense | --realistic] [--profile]
"""
from __future__ import annotations

import argparse
import cProfile
import csv
import json
import pstats
import random
import re
import resource
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from helpers.extract import iter_records
from helpers.extract.lexicons import load_lexicons
from helpers.paths import LEXICONS, SAMPLE_CORPUS

# short sentences, each with a figure (the dense corpus; the realistic one's figure clauses)
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
FIGURE_TEMPLATES = [t for t in TEMPLATES if "{n}" in t]
# realistic corpus: sentences without a figure (invented wording)
ACTOR_CLAUSES = [
    "وأكد ناشطون أن {actor} تواصل نشاطها في المنطقة عبر وسطاء محليين من وجهاء العشائر",
    "وتعمل {actor} على توسيع حضورها بين الشبان الذين فقدوا مصادر دخلهم خلال السنوات الأخيرة",
    "وعقدت {actor} اجتماعا مع وجهاء {place} لبحث ترتيبات المرحلة المقبلة وآلية التنسيق بين الطرفين",
    "وتنتشر عناصر {actor} في محيط {place} منذ مطلع العام وسط استياء الأهالي من تصرفاتهم",
]
PLACE_CLAUSES = [
    "وتعاني {place} من نقص حاد في الخدمات الأساسية ومياه الشرب وانقطاع متكرر للكهرباء",
    "وشهدت {place} حركة نزوح محدودة نحو القرى المجاورة بعد تدهور الأوضاع الأمنية",
]
INCENTIVE_CLAUSES = [
    "وتقدم {actor} للمنتسبين الجدد وعودا بتسوية أوضاعهم الأمنية وإعفائهم من الخدمة الإلزامية",
    "ويحصل الملتحقون على سلال غذائية ومحروقات للتدفئة إضافة إلى رعاية طبية مجانية لعائلاتهم",
    "كما تتكفل {actor} بتوزيع حقائب مدرسية وقرطاسية على أبناء المنتسبين في {place}",
]
FILLER_CLAUSES = [
    "ويأتي ذلك في ظل تنافس واضح بين القوى المختلفة على استمالة السكان وكسب ولائهم",
    "ولم يصدر أي تعليق رسمي حتى لحظة إعداد هذا التقرير على ما تداولته الصفحات المحلية",
    "ويرى متابعون للشأن المحلي أن هذه الخطوات تندرج ضمن مساع أوسع لترسيخ النفوذ",
]
FIGURE_SHARE = 0.43           # sample corpus and seed: 40% of sentences carry a figure
# the other clauses of a realistic sentence, by share
CLAUSE_MIX = ((0.30, ACTOR_CLAUSES), (0.15, PLACE_CLAUSES), (0.25, INCENTIVE_CLAUSES), (0.30, FILLER_CLAUSES))
SENTENCE_CHARACTERS = 140     # a realistic sentence joins clauses up to about this length
REPORT_BYTES = 3000           # UTF-8 bytes of title and text
TITLE = "تقرير عن التجنيد والمساعدات"


def names(file: str, column: str, keep) -> list[str]:
    with open(LEXICONS / file, encoding="utf-8") as handle:
        rows = [r for r in csv.DictReader(line for line in handle if not line.startswith("#"))]
    return [r[column] for r in rows if keep(r) and "*" not in r[column]]


class _Writer:
    """Draws sentences for one corpus from the lexicons."""

    def __init__(self, dense: bool, seed: int):
        self.rng = random.Random(seed)
        self.dense = dense
        self.actors = names("actors.csv", "name", lambda r: r["kind"] in ("force", "proxy"))
        self.places = names("gazetteer.csv", "name", lambda r: r["kind"] in ("governorate", "city", "town"))

    def fill(self, template: str) -> str:
        rng = self.rng
        return template.format(actor=rng.choice(self.actors), place=rng.choice(self.places),
                               n=rng.randint(2, 4000))

    def clause(self) -> str:
        draw = self.rng.random()
        for share, pool in CLAUSE_MIX:
            if draw < share:
                break
            draw -= share
        return self.fill(self.rng.choice(pool))

    def sentence(self) -> str:
        if self.dense:
            return self.fill(self.rng.choice(TEMPLATES))
        figure = self.rng.random() < FIGURE_SHARE
        text = self.fill(self.rng.choice(FIGURE_TEMPLATES)).rstrip(".") if figure else self.clause()
        while len(text) < SENTENCE_CHARACTERS:
            text += "، " + self.clause()
        return text + "."

    def report(self) -> str:
        """Sentences up to REPORT_BYTES of report text with its title (3.0 KB on average:
        the last sentence is kept when at least half of it fits)."""
        budget = REPORT_BYTES - len(TITLE.encode("utf-8")) - 2
        sentences, size = [], 0
        while True:
            sentence = self.sentence()
            length = len(sentence.encode("utf-8")) + 1
            if sentences and size + length / 2 > budget:
                break
            sentences.append(sentence)
            size += length
        return "\n\n".join(" ".join(sentences[i:i + 4]) for i in range(0, len(sentences), 4))


def spread_date(number: int) -> str:
    """A report date spread over four years (2019–2022), the same for the same number."""
    return (date(2019, 1, 1) + timedelta(days=number * 37 % 1461)).isoformat()


def generate(folder: Path, count: int, dense: bool = False, per_file: int = 1000, seed: int = 7,
             spread: bool = False, first_number: int = 0) -> list[Path]:
    """Write `count` reports as JSONL files of `per_file` reports (streamed, never held).

    All reports are dated 2021-06-01 unless `spread` (then `spread_date`: as-of
    totals and contradictions need dates). `first_number` starts ids and file
    names further on, for an archive that grows."""
    writer = _Writer(dense, seed)
    paths = []
    for first in range(first_number, first_number + count, per_file):
        path = folder / f"part_{first // per_file:03d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for number in range(first, min(first + per_file, first_number + count)):
                record = {"id": f"bench_{number:05d}", "date": spread_date(number) if spread else "2021-06-01",
                          "title": TITLE, "text": writer.report()}
                out.write(json.dumps(record, ensure_ascii=False) + "\n")
        paths.append(path)
    return paths


def text_kilobytes(paths: list[Path]) -> float:
    """KB (UTF-8) of report text, title included, in generated JSONL files."""
    size = 0
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                record = json.loads(line)
                size += len(f"{record['title']}\n\n{record['text']}".encode("utf-8"))
    return size / 1000


def peak_mib() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def records_per_kb(paths: list[Path]) -> tuple[float, int]:
    """Records per KB (UTF-8 full text) and report count of the reports under `paths`."""
    from helpers.ingest.load import iter_load
    from helpers.records import Report
    reports = [r for r in iter_load(paths) if isinstance(r, Report)]
    size = sum(len(r.full_text.encode("utf-8")) for r in reports) / 1000
    records = sum(1 for _ in iter_records(reports, load_lexicons()))
    return (records / size if size else 0.0), len(reports)


_DIGITS = re.compile(r"[0-9\u0660-\u0669\u06f0-\u06f9]+")


def digit_floor(paths: list[Path]) -> tuple[float, float]:
    """The floor: one bare regex pass for digits over the same JSONL lines
    (no JSON parsing, no extraction). Returns (seconds, CPU seconds)."""
    started = (time.perf_counter(), time.process_time())
    found = 0
    for path in paths:
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                found += len(_DIGITS.findall(line))
    return time.perf_counter() - started[0], time.process_time() - started[1]


def run(paths: list[Path], checkpoints: set[int], kilobytes: float) -> None:
    floor_wall, floor_cpu = digit_floor(paths)
    lexicons = load_lexicons()
    reports, records, last_id = 0, 0, None
    started = (time.perf_counter(), time.process_time())
    for record in iter_records(paths, lexicons):
        records += 1
        if record.report_id != last_id:
            last_id = record.report_id
            reports += 1
            if reports - 1 in checkpoints:
                _print(reports - 1, records, started)
    _print(reports, records, started)
    cpu = time.process_time() - started[1]
    print(f"  {records / kilobytes:.2f} records per KB of report text")
    print(f"  digit-scan floor (a bare regex pass over the same JSONL): {reports / floor_wall:,.0f} reports/s "
          f"({reports / floor_cpu:,.0f} per CPU second); extraction is {cpu / floor_cpu:.0f}× the floor "
          f"in CPU seconds")


def compare_workers(count: int, workers: int) -> None:
    """One worker and `workers` side by side through helpers.run.engine (the pool the commands use):
    wall time, CPU seconds of all processes, and the speed-up."""
    from helpers.run.engine import extract_reports, reports_of

    with tempfile.TemporaryDirectory(prefix="rasd_bench_") as folder:
        paths = generate(Path(folder), count)
        print(f"realistic: {count} reports; one worker, then {workers}, side by side")
        results = {}
        for n in (1, workers):
            started = (time.perf_counter(), _cpu_all())
            done = sum(1 for _ in extract_reports(reports_of(paths, lambda r: None), n, signatures=False))
            wall, cpu = time.perf_counter() - started[0], _cpu_all() - started[1]
            results[n] = wall
            print(f"  {n} worker(s): {done} reports in {wall:.1f} s = {done / wall:,.0f} reports/s; "
                  f"{cpu:.1f} CPU seconds over all processes ({done / cpu:,.0f} reports per CPU second)")
        speedup = results[1] / results[workers]
        print(f"  {workers} workers are {speedup:.2f}× one worker (goal ≥ 1.8× for 2 on 2 cores: "
              f"{'met' if speedup >= 1.8 else 'MISSED'}; the machine is shared, so see the CPU seconds)")


def _cpu_all() -> float:
    """CPU seconds of this process and of its finished children."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def _print(reports: int, records: int, started: tuple[float, float]) -> None:
    elapsed = time.perf_counter() - started[0]
    cpu = time.process_time() - started[1]   # steadier than wall time on a shared machine
    print(f"{reports:>6} reports  {records:>8} records  {elapsed:6.1f} s  "
          f"{reports / elapsed:7.0f} reports/s  ({reports / cpu:.0f} per CPU second)  peak RSS {peak_mib():.0f} MiB")


def bench(count: int, dense: bool, profile: bool) -> None:
    name = "dense" if dense else "realistic"
    with tempfile.TemporaryDirectory(prefix="rasd_bench_") as folder:
        paths = generate(Path(folder), count, dense)
        size = sum(p.stat().st_size for p in paths) / 1e6
        kilobytes = text_kilobytes(paths)
        print(f"{name}: generated {count} reports, {size:.0f} MB of JSONL, "
              f"{kilobytes / count:.2f} KB of report text each on average")
        if profile:
            profiler = cProfile.Profile()
            profiler.enable()
            run(paths[:1], set(), kilobytes * min(1000, count) / count)
            profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(30)
        else:
            run(paths, {2_000, count}, kilobytes)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=10_000)
    group = parser.add_mutually_exclusive_group()
    group.add_argument("--dense", action="store_true", help="only the dense worst-case corpus")
    group.add_argument("--realistic", action="store_true", help="only the realistic corpus")
    parser.add_argument("--profile", action="store_true", help="cProfile the first 1,000 reports")
    parser.add_argument("--workers", type=int, metavar="N",
                        help="instead: one worker and N side by side (run without taskset)")
    args = parser.parse_args()
    if args.workers:
        compare_workers(args.reports, args.workers)
        return
    load_lexicons()
    print(f"after loading lexicons: peak RSS {peak_mib():.0f} MiB")
    if SAMPLE_CORPUS.exists():
        density, reports = records_per_kb([SAMPLE_CORPUS])
        print(f"sample corpus: {reports} reports, {density:.2f} records per KB (the realistic target)")
    for dense in ([True] if args.dense else [False] if args.realistic else [False, True]):
        bench(args.reports, dense, args.profile)


if __name__ == "__main__":
    main()
