"""The actor model (helpers.extract.actor_model): candidates and their features, the committed
model's decisions on sentences of our own, the policy applied to a report's records, and the
committed file being what scripts/train_models.py trains."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from helpers.extract import actor_model
from helpers.extract.actor_model import (
    MODEL, candidate_codes, candidate_features, candidate_logits, decide, decide_actors, rank, record_kind,
)
from helpers.extract.context import _ReportContext
from helpers.extract.figures import _figures
from helpers.extract.incentives import _incentives
from helpers.extract.lexicons import load_lexicons
from helpers.extract.linear_model import load_model, model_document, parse_model, rules_only
from helpers.extract.stage import extract_report
from helpers.paths import ROOT

sys.path.insert(0, str(Path(__file__).resolve().parent))
from report_builders import report_of  # noqa: E402

PARTY = ("أعلن حزب الله فتح باب الانتساب في القصير. "
         "وأعلن الحزب أنه سيمنح كل منتسب راتباً شهرياً مقداره 200 دولار.")
SETTLEMENT = ("قالت مصادر محلية إن قسد افتتحت مكتباً للتجنيد في الحسكة. "
              "وفي سياق آخر، سُوّيت أوضاع 250 شخصاً في مركز التسويات بمدينة القامشلي.")


def read(text: str, title: str | None = None):
    """(context, figure pairs, incentives) of a report of our own, read by the rules alone."""
    with rules_only():
        context = _ReportContext(report_of(text, title), load_lexicons())
        pairs = _figures(context)
        return context, pairs, _incentives(context, pairs)


def toy_model(weights: dict[str, float], thresholds: dict[str, float]):
    """A hand-made actor model: one weight per feature, the policy's thresholds."""
    header = {"name": "actor", "decides": "actor", "trained_by": "hand", "trained_on": [], "rows": 0,
              "score": {}, "policy": {"thresholds": thresholds}}
    features = sorted(weights)
    document = model_document(header, features, ["no", "yes"],
                              [[0.0] * len(features), [weights[f] for f in features]], [0.0, 0.0])
    return parse_model(Path("toy-actor.json"), json.dumps(document, ensure_ascii=False))


# --- candidates and features ----------------------------------------------------------------

def test_every_code_named_the_state_and_no_actor_are_candidates():
    context, pairs, _ = read(PARTY)
    assert candidate_codes(context, "iran") == ["iran", "regime", None]
    assert candidate_codes(context, "russia") == ["iran", "regime", "russia", None]


def test_a_pay_figure_after_a_bare_head_noun_points_at_the_party_named_before():
    context, pairs, _ = read(PARTY)
    [(figure, quantity)] = pairs
    assert (figure.text, figure.actor, figure.basis["actor"]) == ("200", "iran", "paragraph")
    features = candidate_features(context, quantity.start, quantity.end, figure.actor, figure.basis["actor"],
                                  record_kind(figure))
    iran, state, none = features["iran"], features["regime"], features[None]
    for feature in ("code:iran", "figure:salary|code:iran", "rule", "rule|b:paragraph", "named_by_head_noun",
                    "at:paragraph_before", "para_link:اعلن", "count:1", "most", "first"):
        assert feature in iran
    assert {"unnamed", "at:nowhere", "count:0"} <= set(state) and "rule" not in state
    assert {"none", "none|figure:salary", "none|no_actor_in_sentence"} <= set(none)


def test_the_sentence_s_cues_and_the_mentions_near_the_record_are_features():
    context, pairs, incentives = read(SETTLEMENT)
    [(figure, quantity)] = pairs
    assert (figure.text, figure.actor, figure.basis["actor"]) == ("250", "regime", "clause")
    features = candidate_features(context, quantity.start, quantity.end, figure.actor, figure.basis["actor"],
                                  record_kind(figure))
    assert {"cue:settlement|code:regime", "report:settlements|code:regime",
            "rule", "rule|b:clause"} <= set(features["regime"])
    assert {"cue:settlement|code:sdf", "at:paragraph_before", "para_link:ان"} <= set(features["sdf"])
    assert "none|cue:settlement" in features[None]


def test_mentions_in_the_record_s_sentence_give_direction_distance_link_word_and_flags():
    text = "وزعت القوات الروسية 500 سلة غذائية على الأهالي في حماة، بإشراف قوات النظام."
    context, pairs, _ = read(text)
    [(figure, quantity)] = pairs
    features = candidate_features(context, quantity.start, quantity.end, figure.actor, figure.basis["actor"],
                                  record_kind(figure))
    # the word before, its clitic split off (`وزعت` → `زعت`, `بإشراف` → `اشراف`)
    assert {"rule", "rule|b:frame", "at:clause_before", "near:before:0", "link:زعت",
            "flag:kind:force"} <= set(features["russia"])
    assert {"at:sentence_after", "near:after:6-10", "link:اشراف", "link:after:اشراف",
            "flag:overseer"} <= set(features["regime"])


# --- scores and the policy ---------------------------------------------------------------------

def test_rank_is_the_softmax_of_the_candidates_scores_best_first():
    ranked = rank({"iran": 2.0, "regime": 0.0, None: 0.0})
    assert [code for code, _ in ranked] == ["iran", "regime", None]
    assert ranked[0][1] == pytest.approx(0.7869, abs=1e-4)
    assert sum(p for _, p in ranked) == pytest.approx(1.0)


def test_the_policy_overrules_only_on_its_bases_and_above_its_threshold():
    scores = {"sdf": 0.0, "regime": 2.0, None: -5.0}
    policy = {"thresholds": {"report_default": 0.7, "clause": 0.9}}
    assert decide(scores, "sdf", "report_default", policy) == ("regime", pytest.approx(0.8801, abs=1e-4))
    assert decide(scores, "sdf", "clause", policy) is None        # 0.88 < 0.9
    assert decide(scores, "sdf", "frame", policy) is None         # a basis the policy leaves to the rules
    assert decide(scores, "regime", "report_default", policy) is None   # the rules already chose it


def test_a_confident_model_overrules_a_report_default_and_the_record_says_so():
    context, pairs, incentives = read(SETTLEMENT)
    [settlement] = [i for i in incentives if i.incentive == "security_settlement"]
    assert (settlement.actor, settlement.basis["actor"]) == ("sdf", "paragraph")
    model = toy_model({"cue:settlement|code:regime": 3.0, "rule": 1.0}, {"paragraph": 0.7})
    kept = decide_actors(context, pairs, incentives, model)
    [settlement] = [i for i in kept if i.incentive == "security_settlement"]
    assert (settlement.actor, settlement.actor_text, settlement.basis["actor"]) == ("regime", None, MODEL)
    assert settlement.id.endswith(":i:security_settlement:regime")
    # e^3 / (e^3 + e^1 for the rules' sdf + e^0 for no actor), its other bases `frame` (1.0)
    assert settlement.confidence == pytest.approx(0.844, abs=1e-3)
    [(figure, _)] = pairs
    assert (figure.actor, figure.basis["actor"]) == ("regime", "clause")   # a clause basis: not asked


def test_an_incentive_is_never_given_an_actor_that_offers_the_same_kind_already():
    text = ("أطلقت روسيا برنامجاً لتسوية أوضاع المتخلفين في درعا. ووزعت قسد مساعدات غذائية في الحسكة. "
            "وتعرض قسد تسوية أوضاع على الشبان.")
    context, pairs, incentives = read(text)
    assert [(i.incentive, i.actor) for i in incentives] == [
        ("security_settlement", "russia"), ("food_aid", "sdf"), ("security_settlement", "sdf")]
    model = toy_model({"code:russia": 6.0}, {"frame": 0.5, "clause": 0.5, "paragraph": 0.5,
                                             "report_default": 0.5, "none": 0.5})
    kept = decide_actors(context, pairs, incentives, model)
    assert [(i.incentive, i.actor, i.basis["actor"]) for i in kept] == [
        ("security_settlement", "russia", "frame"), ("food_aid", "russia", MODEL),
        ("security_settlement", "sdf", "frame")]     # Russia offers a settlement already: sdf's stays
    assert kept[1].id == "w1:i:food_aid:russia"


def test_an_incentive_copied_from_its_pay_figure_follows_the_figure():
    text = "قالت مصادر إن روسيا تجند الشبان في حمص. ويتقاضى المتطوع راتباً قدره 300 دولار."
    context, pairs, incentives = read(text)
    [(figure, _)] = pairs
    [salary] = [i for i in incentives if i.incentive == "cash_salary"]
    assert salary.figure_id == figure.id and salary.actor == figure.actor == "russia"
    model = toy_model({"code:iran": 0.0, "unnamed": -1.0, "none": 4.0}, {"paragraph": 0.6, "report_default": 0.6})
    decide_actors(context, pairs, incentives, model)
    assert (figure.actor, figure.basis["actor"]) == (None, MODEL)
    assert (salary.actor, salary.basis["actor"]) == (None, MODEL)


def test_rules_only_keeps_every_rule_decision():
    context, pairs, incentives = read(SETTLEMENT)
    model = toy_model({"cue:settlement|code:regime": 9.0}, {"paragraph": 0.5})
    with rules_only():
        decide_actors(context, pairs, incentives, model)
    assert [(i.actor, i.basis["actor"]) for i in incentives if i.incentive == "security_settlement"] == [
        ("sdf", "paragraph")]


# --- the committed model -------------------------------------------------------------------------

def test_the_committed_model_file_validates_and_says_how_it_was_made():
    model = load_model("actor")
    header = model.header
    assert model.classes == ("no", "yes")
    assert header["trained_on"] == ["tests/eval"] + [f"tests/eval/round{k:02d}" for k in range(7, 19)]
    assert not any("heldout" in s for s in header["trained_on"])
    assert header["policy"]["thresholds"] == {"report_default": 0.7}
    score = header["score"]
    assert score["actor"]["model"] > score["actor"]["rules_blind_same_records"] + 0.03
    # over today's rules, tuned on every round, it may cost a record (round 16: 0.901 → 0.877)
    assert score["actor"]["model_over_rules_now"] >= score["actor"]["rules_now"] - 0.005
    assert score["incentive_f1"]["model"] > score["incentive_f1"]["rules_blind_same_records"]


def test_the_committed_model_keeps_the_rules_where_they_read_the_clause():
    for text, expected in ((PARTY, [("200", "iran")]),
                           ("دفعت حكومة الوفاق رواتب 500 مقاتل سوري من الموالين لتركيا في ليبيا.", [("500", "turkey")]),
                           ("وزع الهلال الأحمر 400 سلة غذائية على العائلات في حماة.", [("400", None)])):
        figures, _ = extract_report(report_of(text))
        assert [(f.text, f.actor) for f in figures] == expected
        assert all(f.basis["actor"] != MODEL for f in figures)


def test_the_committed_model_scores_a_report_default_settlement_for_the_side_named():
    context, pairs, incentives = read(SETTLEMENT)
    [settlement] = [i for i in incentives if i.incentive == "security_settlement"]
    start, end = actor_model.normalised_span(context, settlement.start, settlement.end)
    scores = candidate_logits(context, load_model("actor"), start, end, settlement.actor, settlement.basis["actor"],
                              record_kind(settlement))
    ranked = rank(scores)
    assert ranked[0][0] == "sdf"
    assert [code for code, _ in ranked][:2] == ["sdf", "regime"]


def test_the_committed_model_is_what_the_training_script_trains():
    scripts = ROOT / "scripts"
    sys.path.insert(0, str(scripts))
    try:
        import actor_training
        import blind_rules
        from labelled_rows import labelled_reports
    finally:
        sys.path.remove(str(scripts))
    probe = subprocess.run(["git", "-C", str(ROOT), "cat-file", "-e", blind_rules.BLIND_EXTRACTOR["round18"]],
                           capture_output=True)
    if probe.returncode != 0:
        pytest.skip("the blind extractors' commits are not in this clone's history")
    document = actor_training.actor_document(list(labelled_reports()))
    committed = json.loads((ROOT / "data" / "models" / "actor.json").read_text(encoding="utf-8"))
    assert document["features"] == committed["features"]
    worst = max(abs(a - b) for a, b in zip(document["coefficients"][1], committed["coefficients"][1]))
    assert worst < 1e-4
    assert document["intercepts"][1] == pytest.approx(committed["intercepts"][1], abs=1e-4)
