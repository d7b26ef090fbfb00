"""The actor of a figure and the giver of an incentive, chosen among candidates by a learned
ranking model (`data/models/actor.json`, read by `helpers.extract.linear_model`).

The candidates and their features are `helpers.extract.actor_candidates`'. The model gives each
candidate a score (`candidate_logits`: the weights of its features); the softmax over the
candidates is their probability (`rank`). `decide_actors` applies the decision to a report's
records under the policy of the model file's header (`policy`): the model overrules the rules'
choice where its best candidate reaches the probability the policy sets for the basis the rules
decided on (`decide`).
"""
from __future__ import annotations

import math
from bisect import bisect_left
from typing import TYPE_CHECKING

from helpers.extract.basis import confidence
from helpers.extract.linear_model import load_model, model_exists, models_enabled
from helpers.extract.actor_candidates import (  # noqa: F401  (candidate_codes, candidate_features: re-exported)
    _Where, _record_part, _sentence_part, candidate_codes, candidate_features, report_facts, report_features,
    report_key,
)

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

MODEL = "model"          # basis of an actor the model decided
MODEL_NAME = "actor"     # data/models/actor.json


# --- the decision ---------------------------------------------------------------------------

def feature_weights(model) -> dict[str, float]:
    """Feature → its weight in a candidate's score (the second class's weight less the first's:
    a binary model stored as two classes), found once per model."""
    found = _WEIGHTS.get(id(model))
    if found is None or found[0] is not model:
        weights = {f: w[-1] - w[0] for f, w in model.weights.items()}
        found = _WEIGHTS[id(model)] = (model, weights, model.intercepts[-1] - model.intercepts[0])
    return found[1]


_WEIGHTS: dict[int, tuple] = {}


def logit(model, features) -> float:
    """A candidate's score: the intercept and the weights of its features."""
    weights = feature_weights(model)
    return _WEIGHTS[id(model)][2] + sum(weights.get(f, 0.0) for f in features)


def candidate_logits(context: _ReportContext, model, start: int, end: int, rule_code: str | None,
                     rule_basis: str | None, record: str) -> dict[str | None, float]:
    """Candidate → score, as `logit` of `candidate_features` (the report's and the sentence's
    parts summed once each per report and sentence)."""
    weights = feature_weights(model)
    intercept = _WEIGHTS[id(model)][2]
    sums = context.__dict__.setdefault("_actor_sums", {})
    where = _Where(context, start, end, record)
    scores = {}
    for code in candidate_codes(context, rule_code):
        of_report = _report_sum(model, report_key(context, code, record))
        of_sentence = sums.get((id(model), where.i, code))
        if of_sentence is None:
            of_sentence = sums[(id(model), where.i, code)] = sum(
                weights.get(f, 0.0) for f in _sentence_part(context, where, code))
        scores[code] = intercept + of_report + of_sentence + sum(
            weights.get(f, 0.0) for f in _record_part(context, where, code, rule_code, rule_basis))
    return scores


def _report_sum(model, key: tuple) -> float:
    """The summed weights of a candidate's report features (`report_features(*key)`), kept per
    model and key: most reports share them."""
    cache = _REPORT_SUMS.setdefault(id(model), (model, {}))
    if cache[0] is not model:
        cache = _REPORT_SUMS[id(model)] = (model, {})
    found = cache[1].get(key)
    if found is None:
        if len(cache[1]) > 65536:
            cache[1].clear()
        weights = feature_weights(model)
        found = cache[1][key] = sum(weights.get(f, 0.0) for f in report_features(*key))
    return found


_REPORT_SUMS: dict[int, tuple] = {}


def rank(scores: dict) -> list[tuple[str | None, float]]:
    """Candidates with their probabilities (softmax of their scores), best first; ties go to
    the order given."""
    top = max(scores.values())
    exps = {code: math.exp(score - top) for code, score in scores.items()}
    total = sum(exps.values())
    return sorted(((code, e / total) for code, e in exps.items()), key=lambda pair: -pair[1])


def decide(scores: dict, rule_code: str | None, rule_basis: str | None,
           policy: dict) -> tuple[str | None, float] | None:
    """The model's (code, probability) where the policy lets it overrule the rules, else None.
    `policy["thresholds"]` maps the rules' basis to the probability the model's best candidate
    (other than the rules' choice) needs: `{"report_default": 0.5, "frame": 0.9}`; a basis not
    listed keeps the rules' choice. `scores`: candidate → score (`candidate_logits`)."""
    threshold = (policy.get("thresholds") or {}).get(rule_basis or "none")
    if threshold is None or len(scores) < 2:
        return None
    ordered = {rule_code: scores[rule_code]} if rule_code in scores else {}
    ordered.update(scores)
    best, probability = rank(ordered)[0]
    if best == rule_code or probability < threshold:
        return None
    return best, probability


def record_kind(record) -> str:
    """`figure:salary`, `incentive:food_aid`: the record's kind, a feature crossed with the candidates."""
    if record.type == "figure":
        return f"figure:{record.category}"
    return f"incentive:{record.incentive}"


def copied_from_figure(incentive, figures: list):
    """The pay figure an incentive's actor was copied from (its evidence overlaps the figure's,
    `راتب 200 دولار`, and it has the figure's actor: a second giver joined by `و` does not),
    else None."""
    return _copied_from(incentive, {figure.id: (figure, figure.actor) for figure in figures})


def _copied_from(incentive, by_id: dict):
    """`copied_from_figure` with figure id → (figure, its actor as the rules chose it)."""
    figure, actor = by_id.get(incentive.figure_id, (None, None)) if incentive.figure_id is not None else (None, None)
    if figure is not None and actor == incentive.actor and figure.start < incentive.end and incentive.start < figure.end:
        return figure
    return None


# --- at run time ----------------------------------------------------------------------------

def decide_actors(context: _ReportContext, pairs: list, incentives: list, model=None) -> list:
    """Apply the actor model (`model`, else data/models/actor.json when it is there; never
    inside `rules_only()`) to a report's figures (`pairs`: figure, quantity) and incentives, in
    place; an incentive copied from a pay figure follows it. Incentives that come to share a
    kind and actor are kept once (the first). Returns the incentives."""
    if not models_enabled() or (not pairs and not incentives):
        return incentives
    model = model or committed_model()
    if model is None:
        return incentives
    policy = model.header.get("policy") or {}
    by_id = {figure.id: (figure, figure.actor) for figure, _ in pairs}   # the rules' actors
    decided: dict[str, float] = {}   # figure id → the model's probability
    for figure, quantity in pairs:
        probability = _decide(context, model, policy, figure, quantity.start, quantity.end)
        if probability is not None:
            decided[figure.id] = probability
    changed = bool(decided)
    for incentive in incentives:
        figure = _copied_from(incentive, by_id)
        if figure is not None:
            if figure.id in decided:
                _set_actor(incentive, figure.actor, figure.actor_text, decided[figure.id])
            continue
        if (policy.get("thresholds") or {}).get(incentive.basis["actor"] or "none") is not None:
            start, end = normalised_span(context, incentive.start, incentive.end)
            taken = {i.actor for i in incentives if i.incentive == incentive.incentive and i is not incentive}
            changed |= _decide(context, model, policy, incentive, start, end, taken) is not None
    return _once_per_kind_and_actor(incentives) if changed else incentives


def committed_model():
    """data/models/actor.json, read and validated once per process (None when there is none)."""
    if not _COMMITTED:
        _COMMITTED.append(load_model(MODEL_NAME) if model_exists(MODEL_NAME) else None)
    return _COMMITTED[0]


_COMMITTED: list = []


def _decide(context: _ReportContext, model, policy: dict, record, start: int, end: int,
            taken: set = frozenset()) -> float | None:
    """Let the model decide the record's actor (see `decide`); its probability when it did. An
    incentive is not given an actor in `taken` (one that offers the same kind already: the two
    would become one record)."""
    if (policy.get("thresholds") or {}).get(record.basis["actor"] or "none") is None:
        return None                      # a basis the policy leaves to the rules: nothing to score
    scores = candidate_logits(context, model, start, end, record.actor, record.basis["actor"], record_kind(record))
    choice = decide(scores, record.actor, record.basis["actor"], policy)
    if choice is None or choice[0] in taken:
        return None
    code, probability = choice
    _set_actor(record, code, _actor_text(context, code, start), probability)
    return probability


def _set_actor(record, code: str | None, text: str | None, probability: float) -> None:
    record.actor, record.actor_text = code, text
    record.basis["actor"] = MODEL
    record.confidence = _with_probability(record.basis, probability)


def _actor_text(context: _ReportContext, code: str | None, start: int) -> str | None:
    """The words naming `code` nearest before `start` (else the first after it)."""
    if code is None:
        return None
    facts = report_facts(context)
    named = [m for m in facts.coded if m.code == code]
    if not named:
        return None
    before = [m for m in named if m.end <= start]
    mention = before[-1] if before else named[0]
    return context.original(mention.start, mention.end)[2]


def _others(basis: dict) -> float:
    """The product of the weights of every basis but the actor's."""
    return confidence({k: v for k, v in basis.items() if k != "actor"})


def _with_probability(basis: dict, probability: float) -> float:
    """Confidence of a record whose actor the model chose: the other bases' weights times the
    model's probability."""
    return round(_others(basis) * probability, 3)


def normalised_span(context: _ReportContext, start: int, end: int) -> tuple[int, int]:
    """The normalised [start, end) of an original span (the inverse of `Normalised.span`)."""
    norm = context.norm
    if not norm.deleted_at:
        return start, end
    positions = range(len(norm.text))
    low = bisect_left(positions, start, key=norm.to_original)
    high = bisect_left(positions, end, key=norm.to_original)
    return low, max(high, low + 1)


def _once_per_kind_and_actor(incentives: list) -> list:
    """The first incentive of each (kind, actor), its id rebuilt from them."""
    kept, seen = [], set()
    for incentive in incentives:
        key = (incentive.incentive, incentive.actor)
        if key in seen:
            continue
        seen.add(key)
        incentive.id = f"{incentive.report_id}:i:{incentive.incentive}:{incentive.actor or '-'}"
        kept.append(incentive)
    return kept
