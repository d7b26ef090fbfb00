"""Would a learned measure beat the rules? A leave-one-round-out check (issue 9, item 4).

For every recruits figure of the labelled dev rounds (tests/eval/round07 … round12) and the
tuned set that the extractor also reads as recruits, it builds the frame's features (the
rules' own answer and basis, the words of the clause before and after the number, the
nearest measure cue on each side and its word, count and batch cues, qualifier, size,
title) and trains a logistic regression (scikit-learn, fixed seed) on every set but one
round, then scores it on that round next to the rules, overall and where the rules found
no predicate (measure basis `report_default`).

    .venv/bin/python -m pip install scikit-learn   # not a Rasd dependency: the model lost
    .venv/bin/python scripts/measure_model_check.py [C]

The held-out sets (tests/heldout*) are never read."""
import math
import re
import sys
from collections import Counter

from helpers import evaluate as ev
from helpers.extract.context import _ReportContext
from helpers.extract.lexicons import load_lexicons
from helpers.extract.stage import extract_report

SETS = [("tuned", "tests/eval/reports", "tests/eval/gold.jsonl")] + [
    (f"round{r:02d}", f"tests/eval/round{r:02d}/reports", f"tests/eval/round{r:02d}/gold.jsonl") for r in range(7, 13)]
BREAK = re.compile(r"[،,؛.!؟\n]")


def features(ctx, q, figure) -> dict:
    """The frame of one recruits figure as named features."""
    text = ctx.text
    i, sentence = ctx.sentence_of(q.start)
    cues = ctx.cues_in[i]
    f = {"rule=" + str(figure.measure): 1, "rule_basis=" + str(figure.basis.get("measure")): 1,
         "qual=" + q.qualifier: 1, "mag": math.log10(max(q.value, 1)) / 5, "title": int(q.start < ctx.title_end)}
    before = text[max(sentence.start, q.start - 120):q.start]
    cut = max((m.end() for m in BREAK.finditer(before)), default=0)
    clause_before = before[cut:].split()
    after = text[q.end:min(sentence.end, q.end + 80)]
    clause_after = BREAK.split(after, 1)[0].split()
    for w in clause_before[-6:]:
        f["wb=" + w] = 1
    for w in clause_after[:4]:
        f["wa=" + w] = 1
    if clause_before:
        f["prev=" + clause_before[-1]] = 1
    nearest_before = [c for c in cues if c.end <= q.start and c.measure]
    nearest_after = [c for c in cues if c.start >= q.end and c.measure]
    if nearest_before:
        c = nearest_before[-1]
        f["cb=" + c.measure] = 1
        f["cbw=" + text[c.start:c.end]] = 1
        f["cb_same_clause"] = int(not BREAK.search(text, c.end, q.start))
    if nearest_after:
        c = nearest_after[0]
        f["ca=" + c.measure] = 1
        f["caw=" + text[c.start:c.end]] = 1
    for c in cues:
        if c.count:
            f["count"] = 1
        if c.batch:
            f["batch"] = 1
    return f


def examples(name, reports_dir, gold_path, lexicons) -> list[tuple]:
    """(set, features, gold measure, rules' measure, rules' basis) for each recruits figure
    of one labelled set that the extractor also reads as recruits."""
    reports, gold, _ = ev.load_labelled_set(reports_dir, gold_path)
    out = []
    gold_by_report = {}
    for g in gold:
        if g["type"] == "figure" and g["category"] == "recruits" and g.get("measure"):
            gold_by_report.setdefault(g["report_id"], []).append(g)
    for rid, report in reports.items():
        if rid not in gold_by_report:
            continue
        figures, _ = extract_report(report, lexicons)
        ctx = _ReportContext(report, lexicons)
        by_start = {}
        for q in ctx.quantities:
            by_start[ctx.original(q.start, q.end)[0]] = q
        text = report.full_text
        for g in gold_by_report[rid]:
            start, end = ev.locate(text, g["text"], g["occurrence"])
            match = [f for f in figures if f.start < end and start < f.end and f.category == "recruits"]
            if not match:
                continue
            figure = match[0]
            q = by_start.get(figure.start)
            if q is None:
                continue
            out.append((name, features(ctx, q, figure), g["measure"], figure.measure, figure.basis.get("measure")))
    return out


def main():
    try:
        from sklearn.feature_extraction import DictVectorizer
        from sklearn.linear_model import LogisticRegression
    except ImportError:
        print("measure_model_check: needs scikit-learn (pip install scikit-learn)", file=sys.stderr)
        return 2
    lexicons = load_lexicons()
    data = []
    for s in SETS:
        data += examples(*s, lexicons)
    print(Counter(d[0] for d in data))
    rows = []
    for held in [s[0] for s in SETS[1:]]:
        train = [d for d in data if d[0] != held]
        test = [d for d in data if d[0] == held]
        vec = DictVectorizer()
        X = vec.fit_transform([d[1] for d in train])
        model = LogisticRegression(C=float(sys.argv[1]) if len(sys.argv) > 1 else 1.0, max_iter=2000, random_state=0)
        model.fit(X, [d[2] for d in train])
        pred = model.predict(vec.transform([d[1] for d in test]))
        rules = sum(d[3] == d[2] for d in test)
        learned = sum(p == d[2] for p, d in zip(pred, test))
        nop = [(p, d) for p, d in zip(pred, test) if d[4] in (None, "report_default")]
        hybrid = sum((p if d[4] in (None, "report_default") else d[3]) == d[2] for p, d in zip(pred, test))
        rows.append((held, len(test), rules, learned, hybrid, len(nop), sum(d[3] == d[2] for _, d in nop),
                     sum(p == d[2] for p, d in nop)))
    print("| left out | n | rules | model | rules + model where no predicate | no-predicate n | rules there | model there |")
    for r in rows:
        print(f"| {r[0]} | {r[1]} | {r[2]/r[1]:.3f} | {r[3]/r[1]:.3f} | {r[4]/r[1]:.3f} | {r[5]} | {r[6]} | {r[7]} |")
    tot = [sum(r[i] for r in rows) for i in range(1, 8)]
    print(f"| all | {tot[0]} | {tot[1]/tot[0]:.3f} | {tot[2]/tot[0]:.3f} | {tot[3]/tot[0]:.3f} | {tot[4]} | {tot[5]} | {tot[6]} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
