"""The learned category and measure of a figure: two logistic regressions over the frame's
words and the rules' own decision (`figure_features.py`), read from
data/models/category.json and data/models/measure.json (`linear_model.py`).

They run after the rules (`apply_models`, the last step of `figures._figures`), and
`POLICY` says where their answer replaces the rules': for each field, one of
- `always`: the model decides;
- `fallback`: only where the rules fell back (basis `paragraph`, `report_default` or none);
- `confident`: where the model's probability is at least `threshold`;
- `fallback_or_confident`: either;
- `fallback_and_confident`: where the rules fell back and the model's probability is at least `threshold`;
- `never`: the rules decide (the model is not read).
A field the model decided against the rules has basis `model`, and the record's confidence
is that of its other bases times the model's probability. Where the model agrees with the
rules the rules' basis stays. The measure is asked only of a figure whose final category is
`recruits` (the model decides it when the rules gave none and the model reaches the policy's
threshold, or when the policy says so), except
the rules' own null for men their clause counts taking part in an event.
`scripts/evaluate_models.py` gives the leave-one-round-out evidence for the policy.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.extract.basis import MODEL, PARAGRAPH, REPORT_DEFAULT, confidence
from helpers.extract.figure_features import frame_features, rule_features, sentence_features
from helpers.extract.linear_model import LinearModel, load_model, model_exists, models_enabled
from helpers.extract.predicates import taking_part

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

CATEGORY_CLASSES = ("recruits", "salary", "reward", "aid_recipients", "aid_amount", "casualties", "other")
MEASURE_CLASSES = ("stock", "flow", "target")
FALLBACK_BASES = frozenset({PARAGRAPH, REPORT_DEFAULT, None})
# a duration or a share is `other` by the contract: the models are not asked
RULES_ONLY_UNITS = frozenset({"day", "week", "month", "year", "hour", "percent"})
CATEGORY_C = 1.0     # the L2 strength the models are trained with (scripts/train_models.py)
MEASURE_C = 1.0
# The evidence is scripts/evaluate_models.py (README, "The learned layer"): the measure of a recruit
# figure where the rules fell back and the model is at least even (leave one round out over rounds
# 07–18 0.618 against the rules' blind 0.547). Asked everywhere the model scores 0.690, but it then
# overrules clear frames of our own sentences (`ارتفع عدد الشبان … إلى 3000 شاب`, a total, read as
# a flow). The category stays the rules' (the model gained 0.013 under this policy and took
# `آلاف السوريين` living in tents for recruits in the sample corpus).
POLICY = {"category": "never", "measure": "fallback_and_confident", "threshold": 0.5}


@dataclass(frozen=True, slots=True)
class Decision:
    category: str
    category_basis: str | None
    category_probability: float | None   # the model's, when it decided
    measure: str | None
    measure_basis: str | None
    measure_probability: float | None


def _model_decides(mode: str, basis: str | None, probability: float, threshold: float) -> bool:
    """Does the policy's `mode` let the model decide here?"""
    if mode == "always":
        return True
    if mode == "fallback":
        return basis in FALLBACK_BASES
    if mode == "confident":
        return probability >= threshold
    if mode == "fallback_or_confident":
        return basis in FALLBACK_BASES or probability >= threshold
    if mode == "fallback_and_confident":
        return basis in FALLBACK_BASES and probability >= threshold
    return False


@dataclass(frozen=True)
class Models:
    """The category and measure models, with their weights joined for one lookup per feature."""

    category: LinearModel
    measure: LinearModel
    joint: dict            # feature → the category weights, then the measure weights
    rules: dict            # (field, decision, basis) → the logits of the rule features (no intercept)


def joined(category: LinearModel, measure: LinearModel) -> Models:
    """`Models` of two linear models: each feature's weights in both, zeros where one lacks it."""
    none_c, none_m = (0.0,) * len(category.classes), (0.0,) * len(measure.classes)
    joint = {feature: category.weights.get(feature, none_c) + measure.weights.get(feature, none_m)
             for feature in set(category.weights) | set(measure.weights)}
    return Models(category, measure, joint, {})


def _rule_scores(models: Models, field: str, decision, basis) -> list[float]:
    """The logits the rules' (decision, basis) add, summed once per combination."""
    key = (field, decision, basis)
    found = models.rules.get(key)
    if found is None:
        model = models.category if field == "category" else models.measure
        found = models.rules[key] = model.scores(rule_features(field, decision, basis), [0.0] * len(model.classes))
    return found


def sentence_scores(models: Models, words: list[str]) -> list[float]:
    """The category logits of a sentence's words (intercept included), shared by its figures."""
    return models.category.scores(words)


def decide(frame, sentence: list[float] | None, category_rule: tuple, measure_rule: tuple, models: Models,
           policy: dict, taking_part: bool = False) -> Decision:
    """Category and measure from the frame's features (each once), the sentence's category
    logits (`sentence_scores`; None when the policy never asks the category model) and the
    rules' (decision, basis) pairs (`taking_part`: the men take part in an event, whose null
    measure is the rules' own): `جنّدت الميليشيا قرابة 200
    شاب` read as `other` by a report default → `recruits` (`model`)."""
    threshold = policy.get("threshold", 1.0)
    n = len(models.category.classes)
    rows = [row for row in map(models.joint.get, frame) if row is not None]
    sums = [sum(column) for column in zip(*rows)] if rows else [0.0] * (n + len(models.measure.classes))
    rule_category, category_basis = category_rule
    category, category_probability = rule_category, None
    if policy["category"] != "never":
        rule = _rule_scores(models, "category", rule_category, category_basis)
        label, probability = models.category.best_of([a + b + c for a, b, c in zip(sentence, sums, rule)])
        if label != rule_category and _model_decides(policy["category"], category_basis, probability, threshold):
            category, category_basis, category_probability = label, MODEL, probability
    if category != "recruits":
        return Decision(category, category_basis, category_probability, None, None, None)
    rule_measure, measure_basis = measure_rule if rule_category == "recruits" else (None, None)
    measure, measure_probability = rule_measure, None
    if rule_measure is None and taking_part:
        # the rules' own null: men the clause counts as recruits taking part in an event
        # (`شارك 40 عنصراً في الاستعراض`, data dictionary, measure rule 9)
        return Decision(category, category_basis, category_probability, None, measure_basis, None)
    if policy["measure"] != "never" or rule_measure is None:
        rule = _rule_scores(models, "measure", rule_measure, measure_basis)
        label, probability = models.measure.best_of(
            [a + b + c for a, b, c in zip(models.measure.intercepts, sums[n:], rule)])
        if label != rule_measure and (_fills_missing_measure(rule_measure, probability, policy) or (
                rule_measure is not None and _model_decides(policy["measure"], measure_basis, probability, threshold))):
            measure, measure_basis, measure_probability = label, MODEL, probability
    return Decision(category, category_basis, category_probability, measure, measure_basis, measure_probability)


def _fills_missing_measure(rule_measure: str | None, probability: float, policy: dict) -> bool:
    """A recruit figure the rules left without a measure takes the model's when the model is at
    least as sure as the policy's threshold (any probability when the policy has none): at 0.49
    under a threshold of 0.5 the rules' null stays."""
    return rule_measure is None and probability >= policy.get("threshold", 0.0)


def _models() -> Models | None:
    """The committed models, read once per process (`forget_models` reads them again), or
    None when a file is missing (the rules then decide alone)."""
    if not _LOADED:
        found = joined(load_model("category"), load_model("measure")) if (
            model_exists("category") and model_exists("measure")) else None
        _LOADED.append(found)
    return _LOADED[0]


_LOADED: list = []


def forget_models() -> None:
    """Read the model files again at the next figure (after `scripts/train_models.py`)."""
    _LOADED.clear()


def apply_models(context: _ReportContext, pairs: list) -> None:
    """Each figure's category and measure as the policy decides (in place), with basis `model`
    and the model's probability in the confidence where the model changed the rules' answer."""
    if not pairs or not models_enabled():
        return
    models = _models()
    if models is None:
        return
    text, title_end = context.text, context.title_end
    scores_of: dict[int, list[float]] = {}   # sentence → the category logits of its words, summed once
    for figure, quantity in pairs:
        if figure.unit in RULES_ONLY_UNITS or not may_change(figure.category, figure.measure, figure.basis, POLICY):
            continue
        i, sentence = context.sentence_of(quantity.start)
        basis = figure.basis
        frame = frame_features(text, quantity, sentence.start, sentence.end, title_end, figure.unit)
        scores = scores_of.get(i)
        if scores is None and POLICY["category"] != "never":
            scores = scores_of[i] = sentence_scores(models, sentence_features(text, sentence.start, sentence.end))
        decision = decide(set(frame), scores, (figure.category, basis["category"]), (figure.measure, basis["measure"]),
                          models, POLICY, takes_part(text, quantity.start, sentence.start))
        if decision.category == figure.category and decision.measure == figure.measure:
            continue
        figure.category, figure.measure = decision.category, decision.measure
        basis["category"], basis["measure"] = decision.category_basis, decision.measure_basis
        figure.confidence = model_confidence(basis, decision)


def may_change(category: str, measure: str | None, basis: dict, policy: dict) -> bool:
    """Could the policy let the models change this figure? Under `fallback`, a figure whose
    category the rules read firmly (`frame`, `clause`) and that is not recruits, or is recruits
    with a firm measure, keeps the rules' reading: its features are not even computed."""
    if policy["category"] not in _FALLBACK_MODES | {"never"} or (
            policy["category"] != "never" and basis["category"] in FALLBACK_BASES):
        return True
    if category != "recruits":
        return False
    return measure is None or policy["measure"] not in _FALLBACK_MODES or basis["measure"] in FALLBACK_BASES


_FALLBACK_MODES = frozenset({"fallback", "fallback_and_confident"})


def takes_part(text: str, start: int, sentence_start: int) -> bool:
    """`شارك 40 عنصراً من الفيلق الخامس في الاستعراض`: men counted taking part in an event
    (`predicates.taking_part`), to whom the rules give no measure."""
    return taking_part(text, start, sentence_start)


def model_confidence(basis: dict, decision: Decision) -> float:
    """The confidence of the bases the rules decided, times the probability of each field the
    model decided: a `model` category at 0.8 with the rest from the frame → 0.8."""
    rest = {key: how for key, how in basis.items() if how != MODEL}
    value = confidence(rest)
    for probability in (decision.category_probability, decision.measure_probability):
        if probability is not None:
            value *= probability
    return round(value, 3)
