"""The learned category and measure of a figure: two logistic regressions over the frame's
words and the rules' own decision (`figure_features.py`), read from
data/models/category.json and data/models/measure.json (`linear_model.py`).

They run after the rules (`apply_models`, the last step of `figures._figures`), and
`POLICY` says where their answer replaces the rules': for each field, one of
- `always`: the model decides;
- `fallback`: only where the rules fell back (basis `paragraph`, `report_default` or none);
- `confident`: where the model's probability is at least `threshold`;
- `fallback_or_confident`: either;
- `never`: the rules decide (the model is not read).
A field the model decided against the rules has basis `model`, and the record's confidence
is that of its other bases times the model's probability. Where the model agrees with the
rules the rules' basis stays. The measure is asked only of a figure whose final category is
`recruits` (the model decides it when the rules gave none, or when the policy says so).
`scripts/evaluate_models.py` gives the leave-one-round-out evidence for the policy.
"""
from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from helpers.extract.basis import MODEL, PARAGRAPH, REPORT_DEFAULT, confidence
from helpers.extract.figure_features import frame_features, rule_features
from helpers.extract.linear_model import LinearModel, load_model, model_exists, models_enabled

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

CATEGORY_CLASSES = ("recruits", "salary", "reward", "aid_recipients", "aid_amount", "casualties", "other")
MEASURE_CLASSES = ("stock", "flow", "target")
FALLBACK_BASES = frozenset({PARAGRAPH, REPORT_DEFAULT, None})
CATEGORY_C = 1.0     # the L2 strength the models are trained with (scripts/train_models.py)
MEASURE_C = 1.0
POLICY = {"category": "fallback_or_confident", "measure": "fallback_or_confident", "threshold": 0.9}


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
    return False


def decide(frame: list[str], category_rule: tuple, measure_rule: tuple, category_model: LinearModel,
           measure_model: LinearModel, policy: dict) -> Decision:
    """Category and measure from the frame's features and the rules' (decision, basis) pairs:
    `جنّدت الميليشيا قرابة 200 شاب` read as `other` by a report default → `recruits` (`model`)."""
    threshold = policy.get("threshold", 1.0)
    rule_category, category_basis = category_rule
    category, category_probability = rule_category, None
    if policy["category"] != "never":
        label, probability = category_model.best(frame + rule_features("category", rule_category, category_basis))
        if label != rule_category and _model_decides(policy["category"], category_basis, probability, threshold):
            category, category_basis, category_probability = label, MODEL, probability
    if category != "recruits":
        return Decision(category, category_basis, category_probability, None, None, None)
    rule_measure, measure_basis = measure_rule if rule_category == "recruits" else (None, None)
    measure, measure_probability = rule_measure, None
    if policy["measure"] != "never" or rule_measure is None:
        label, probability = measure_model.best(frame + rule_features("measure", rule_measure, measure_basis))
        if label != rule_measure and (rule_measure is None or _model_decides(
                policy["measure"], measure_basis, probability, threshold)):
            measure, measure_basis, measure_probability = label, MODEL, probability
    return Decision(category, category_basis, category_probability, measure, measure_basis, measure_probability)


def _models() -> tuple[LinearModel, LinearModel] | None:
    """The committed models, or None when a file is missing (the rules then decide alone)."""
    if not (model_exists("category") and model_exists("measure")):
        return None
    return load_model("category"), load_model("measure")


def apply_models(context: _ReportContext, pairs: list) -> None:
    """Each figure's category and measure as the policy decides (in place), with basis `model`
    and the model's probability in the confidence where the model changed the rules' answer."""
    if not pairs or not models_enabled():
        return
    models = _models()
    if models is None:
        return
    category_model, measure_model = models
    text, title_end = context.text, context.title_end
    for figure, quantity in pairs:
        _, sentence = context.sentence_of(quantity.start)
        basis = figure.basis
        frame = frame_features(text, quantity, sentence.start, sentence.end, title_end, figure.unit)
        decision = decide(frame, (figure.category, basis["category"]), (figure.measure, basis["measure"]),
                          category_model, measure_model, POLICY)
        if decision.category == figure.category and decision.measure == figure.measure:
            continue
        figure.category, figure.measure = decision.category, decision.measure
        basis["category"], basis["measure"] = decision.category_basis, decision.measure_basis
        figure.confidence = model_confidence(basis, decision)


def model_confidence(basis: dict, decision: Decision) -> float:
    """The confidence of the bases the rules decided, times the probability of each field the
    model decided: a `model` category at 0.8 with the rest from the frame → 0.8."""
    rest = {key: how for key, how in basis.items() if how != MODEL}
    value = confidence(rest)
    for probability in (decision.category_probability, decision.measure_probability):
        if probability is not None:
            value *= probability
    return round(value, 3)
