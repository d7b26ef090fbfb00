"""Training examples for the learned category and measure, and the fit (scikit-learn,
training only). Used by `train_models.py` and `evaluate_models.py`.

An example is one extracted figure matched to a gold figure (`labelled_rows`): its frame's
features (`helpers.extract.figure_features`) plus the rules' decision and basis, and the
gold label. On a dev round the rules' decision is their *blind* one (`blind_rules.py`: the
extractor that first scored the round, before any rule was tuned on it), so that the model
learns how far the rules can be trusted on wording they have not seen; on the tuned set,
which has no blind run, it is today's.
"""
from __future__ import annotations

from dataclasses import dataclass

from blind_rules import blind_figures
from labelled_rows import ROUNDS, FigureRow, LabelledReport
from helpers.evaluate import Span, locate, match_spans, same_value
from helpers.extract.figure_features import frame_features, rule_features, sentence_features
from helpers.extract.figure_model import CATEGORY_CLASSES, MEASURE_CLASSES

SEED = 0


@dataclass
class Example:
    row: FigureRow
    frame: list[str]           # the frame's features, without the rules'
    sentence: list[str]        # the sentence's words (the category's features)
    category_rule: tuple[str | None, str | None]   # the rules' (decision, basis) used as features
    measure_rule: tuple[str | None, str | None]
    category: str              # gold
    measure: str | None        # gold

    @property
    def set_name(self) -> str:
        return self.row.set_name

    def category_features(self) -> list[str]:
        return self.frame + self.sentence + rule_features("category", *self.category_rule)

    def measure_features(self) -> list[str]:
        return self.frame + rule_features("measure", *self.measure_rule)


def blind_decisions(reports: list[LabelledReport]) -> dict[tuple, dict]:
    """(report id, gold text, occurrence) → the blind extractor's figure matched to that gold
    figure (same value), for every dev round among the reports."""
    found: dict[tuple, dict] = {}
    rounds = sorted({r.set_name for r in reports if r.set_name in ROUNDS})
    for round_name in rounds:
        texts = {r.report.id: r.report.full_text for r in reports if r.set_name == round_name}
        gold = [g for r in reports if r.set_name == round_name for g in r.gold if g["type"] == "figure"]
        gold_spans = [Span(g["report_id"], *locate(texts[g["report_id"]], g["text"], g["occurrence"]), g)
                      for g in gold]
        predicted = [Span(f["report_id"], f["start"], f["end"], f) for f in blind_figures(round_name)
                     if f["report_id"] in texts]
        for g, p in match_spans(gold_spans, predicted):
            if same_value(g.record["value"], p.record["value"]):
                found[gold_key(g.record)] = p.record
    return found


def gold_key(gold: dict) -> tuple:
    """A gold figure's identity: (report id, text, occurrence)."""
    return gold["report_id"], gold["text"], gold["occurrence"]


def examples(reports: list[LabelledReport], blind: dict[tuple, dict] | None, *,
             blind_unit: bool = True) -> list[Example]:
    """An example per extracted figure matched to gold. With `blind` (see `blind_decisions`),
    a dev round's rule features (and unit) are the blind extractor's; without, today's."""
    found = []
    for report in reports:
        context = report.context
        for row in report.figures:
            if row.gold is None:
                continue
            figure, quantity = row.figure, row.quantity
            earlier = blind.get(gold_key(row.gold)) if blind is not None else None
            unit = (earlier["unit"] if earlier is not None and blind_unit else figure.unit)
            category_rule = _rule(figure, earlier, "category")
            measure_rule = _rule(figure, earlier, "measure")
            _, sentence = context.sentence_of(quantity.start)
            frame = frame_features(context.text, quantity, sentence.start, sentence.end, context.title_end, unit)
            words = sentence_features(context.text, sentence.start, sentence.end)
            found.append(Example(row, frame, words, category_rule, measure_rule, row.gold["category"], row.gold.get("measure")))
    return found


def _rule(figure, earlier: dict | None, field: str) -> tuple[str | None, str | None]:
    """The rules' (decision, basis) on `field`: the blind extractor's when it found the figure
    (rounds 07–10 were scored blind before records had a basis: today's basis stands in),
    else today's."""
    if earlier is None:
        return getattr(figure, field), figure.basis.get(field)
    basis = earlier.get("basis")
    how = basis.get(field) if isinstance(basis, dict) else figure.basis.get(field)
    if earlier.get(field) is None and field == "measure":
        how = None
    return earlier.get(field), how


MIN_COUNT = 2   # a feature seen in fewer training rows is left out of the vocabulary


def fit(feature_lists: list[list[str]], labels: list[str], classes: tuple[str, ...], c: float,
        min_count: int = MIN_COUNT):
    """A multinomial logistic regression (L2, `c`), deterministic: sorted vocabulary of the
    features seen in at least `min_count` rows, lbfgs.
    Returns (vocabulary, classes present, coefficients per class, intercepts)."""
    import numpy as np
    from collections import Counter
    from sklearn.linear_model import LogisticRegression

    counts = Counter(f for features in feature_lists for f in set(features))
    vocabulary = sorted(f for f, n in counts.items() if n >= min_count)
    index = {f: j for j, f in enumerate(vocabulary)}
    matrix = _matrix(feature_lists, index)
    present = [k for k in classes if k in set(labels)]
    model = LogisticRegression(C=c, max_iter=5000, random_state=SEED)
    model.fit(matrix, np.array(labels))
    coefficients, intercepts = model.coef_, model.intercept_
    if len(model.classes_) == 2:   # scikit-learn keeps one row for two classes: the second's
        coefficients = np.vstack([np.zeros_like(coefficients), coefficients])
        intercepts = np.concatenate([[0.0], intercepts])
    order = [list(model.classes_).index(k) for k in present]
    return vocabulary, present, coefficients[order].tolist(), intercepts[order].tolist()


def _matrix(feature_lists: list[list[str]], index: dict[str, int]):
    """The binary sparse matrix of the rows (a feature present once or more is 1)."""
    from scipy.sparse import csr_matrix

    rows, columns = [], []
    for i, features in enumerate(feature_lists):
        for j in sorted({index[f] for f in features if f in index}):
            rows.append(i)
            columns.append(j)
    return csr_matrix(([1.0] * len(rows), (rows, columns)), shape=(len(feature_lists), len(index)))


def category_data(examples_: list[Example]) -> tuple[list[list[str]], list[str]]:
    """Features and gold category of every example."""
    return [e.category_features() for e in examples_], [e.category for e in examples_]


def measure_data(examples_: list[Example]) -> tuple[list[list[str]], list[str]]:
    """Recruit figures only: the measure is asked of them alone."""
    chosen = [e for e in examples_ if e.category == "recruits" and e.measure]
    return [e.measure_features() for e in chosen], [e.measure for e in chosen]


__all__ = ["CATEGORY_CLASSES", "MEASURE_CLASSES", "Example", "blind_decisions", "category_data", "examples", "fit",
           "measure_data"]
