"""Time helpers.extract.numbers.find_quantities on generated ~3 KB reports (one core).

Goal: under ~0.3 ms per KB of text, so the whole pipeline can reach 1,000 reports/s.
Run: .venv/bin/python benchmarks/bench_numbers.py [--reports N]
"""
from __future__ import annotations

import argparse
import random
import time

from helpers.ingest.normalise import normalise
from helpers.extract.numbers import find_quantities, load_number_lexicons

# Invented sentences carrying the kinds of facts reports carry (no article text).
SENTENCES = [
    "قالت مصادر محلية إن عدد المنتسبين إلى الفصيل ارتفع إلى نحو {n} شخصاً خلال الأشهر الماضية.",
    "ووزعت الجمعية {n} سلة غذائية على {m} عائلة في القرى المحيطة بالمدينة.",
    "ويتقاضى المتطوع راتباً يتراوح بين {a} و{b} دولار أميركي في الشهر.",
    "وأشار ناشطون إلى أن ما يقارب ثلاثة آلاف وخمسمئة عنصر التحقوا بالتشكيل منذ مطلع العام.",
    "وتمكن اللواء {n} من السيطرة على التلال في 19 أيار عام 2021 بحسب الرواية الرسمية.",
    "كما سلمت الشاحنات {t} أطنان من الطحين وأكثر من {n} بطانية قبل حلول الشتاء.",
    "وأفاد المصدر بمقتل عنصرين وإصابة عشرات آخرين خلال اليومين الماضيين قرب الحاجز.",
    "وبلغت نسبة المقبولين {p}% من المتقدمين، فيما رفضت مئات الطلبات لأسباب أمنية.",
    "ووعدت الجهة المجندين بمكافأة قدرها {n} ألف ليرة سورية لكل من يوقع عقداً مدته ستة أشهر.",
    "ونشرت الصحيفة الخبر في العدد {n} الصادر يوم الأحد، وللتواصل يمكن الاتصال على +963 11 223 344.",
    "ولا يتجاوز عدد العائدين {m} فرداً بحسب الإحصاءات التي جمعها المكتب خلال ال24 ساعة الأخيرة.",
    "وتضم المجموعة قرابة (1200) مقاتل، يتوزعون على عشرات النقاط في البادية والريف الشرقي.",
]
FILLER = [
    "وأوضحت المصادر أن التشكيل يعتمد على أبناء العشائر في المنطقة لتعزيز حضوره بين السكان.",
    "ويأتي ذلك في ظل تنافس متزايد بين القوى المختلفة على استمالة الشبان العاطلين عن العمل.",
    "ولم يصدر أي تعليق رسمي حتى ساعة إعداد هذا التقرير على ما تداولته الصفحات المحلية.",
    "وتشهد المنطقة أوضاعاً معيشية صعبة بسبب ارتفاع الأسعار وتراجع فرص العمل في القطاع الزراعي.",
    "وقال أحد الأهالي إن الدوريات باتت تمر بشكل شبه يومي على الطريق الواصل بين القرى.",
    "ويرى متابعون أن هذه الخطوات تهدف إلى ترسيخ النفوذ في المناطق القريبة من خطوط التماس.",
]


def make_report(rng: random.Random, size: int = 3000, density: float = 1.0) -> str:
    """About `size` characters; `density` = share of sentences that carry figures."""
    parts, length = [], 0
    while length < size:
        pool = SENTENCES if rng.random() < density else FILLER
        sentence = rng.choice(pool).format(
            n=rng.randint(20, 9000), m=rng.randint(5, 900), a=rng.randint(50, 150),
            b=rng.randint(160, 400), t=rng.randint(2, 60), p=rng.randint(5, 95))
        parts.append(sentence)
        length += len(sentence) + 1
    return " ".join(parts)


def run(reports: int, density: float) -> None:
    rng = random.Random(7)
    texts = [normalise(make_report(rng, density=density)).text for _ in range(reports)]
    lexicons = load_number_lexicons()
    find_quantities(texts[0], lexicons)                     # warm the caches
    kilobytes = sum(len(t.encode("utf-8")) for t in texts) / 1000
    characters = sum(len(t) for t in texts)
    started = time.perf_counter()
    found = sum(len(find_quantities(text, lexicons)) for text in texts)
    seconds = time.perf_counter() - started
    print(f"density {density:.2f}: {len(texts)} reports of ~{characters / len(texts):.0f} characters "
          f"({kilobytes / len(texts):.1f} KB UTF-8), {found / len(texts):.1f} quantities each")
    print(f"  find_quantities: {seconds / len(texts) * 1000:.3f} ms/report, "
          f"{seconds / kilobytes * 1000:.3f} ms/KB (UTF-8), "
          f"{seconds / (characters / 1000) * 1000:.3f} ms per 1000 characters, "
          f"{len(texts) / seconds:.0f} reports/s")


STRESS = {   # degenerate inputs: time must stay linear in the text length
    "و-chain of digits": "1 " + "و1 " * 20000,
    "repeated number words": "ثلاثة " * 20000,
    "1.1.1.1...": "1." * 50000,
    "1-1-1-1...": "1-" * 50000,
    "1/1/1/1...": "1/" * 50000,
    "letters without spaces": "ب" * 200000 + "5",
    "repeated cues": "أكثر من " * 20000 + "5",
}


def corpus(rounds: int = 50) -> None:
    """The sample corpus and the evaluation reports, as the extractor sees them."""
    from helpers.ingest.load import load_paths
    from helpers.paths import ROOT, SAMPLE_CORPUS

    folders = [p for p in (SAMPLE_CORPUS, ROOT / "tests" / "eval" / "reports") if p.exists()]
    texts = [normalise(r.full_text).text for r in load_paths(folders).reports]
    if not texts:
        return
    lexicons = load_number_lexicons()
    started = time.perf_counter()
    for _ in range(rounds):
        found = sum(len(find_quantities(text, lexicons)) for text in texts)
    seconds = (time.perf_counter() - started) / rounds
    characters = sum(len(t) for t in texts)
    kilobytes = sum(len(t.encode("utf-8")) for t in texts) / 1000
    print(f"corpus: {len(texts)} reports of ~{characters / len(texts):.0f} characters, "
          f"{found / len(texts):.1f} quantities each")
    print(f"  find_quantities: {seconds / len(texts) * 1000:.3f} ms/report, "
          f"{seconds / kilobytes * 1000:.3f} ms/KB (UTF-8), "
          f"{seconds / (characters / 1000) * 1000:.3f} ms per 1000 characters")


def stress() -> None:
    for name, raw in STRESS.items():
        text = normalise(raw).text
        started = time.perf_counter()
        found = len(find_quantities(text))
        seconds = time.perf_counter() - started
        print(f"stress {name}: {len(text)} characters, {found} quantities, {seconds * 1000:.0f} ms "
              f"({seconds / len(text) * 1e6:.2f} µs per character)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", type=int, default=2000)
    parser.add_argument("--density", type=float, action="append",
                        help="share of sentences with figures (repeatable; default 0.25 and 1.0)")
    args = parser.parse_args()
    for density in args.density or [0.25, 1.0]:
        run(args.reports, density)
    corpus()
    stress()


if __name__ == "__main__":
    main()
