"""The learned category and measure: the policy's logic on toy models, the committed
models' decisions on sentences of our own, and the training script reproducing them."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from helpers.extract import extract_report
from helpers.extract.figure_features import bare, sentence_features, words_after, words_before
from helpers.extract.figure_model import (
    CATEGORY_CLASSES, MEASURE_CLASSES, POLICY, Decision, decide, joined, may_change, model_confidence, sentence_scores,
)
from helpers.extract.linear_model import LinearModel, load_model, rules_only
from helpers.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))


def toy(classes, weights, intercepts=None) -> LinearModel:
    return LinearModel(Path("toy.json"), {}, tuple(classes), weights, tuple(intercepts or [0.0] * len(classes)))


# the toy category model: `s:قتل` → casualties (p ≈ 0.9 with its 7 classes), else the rules' word
MODELS = joined(toy(CATEGORY_CLASSES, {"s:قتل": (0, 0, 0, 0, 0, 4.0, 0), "s:جند": (5.0, 0, 0, 0, 0, 0, 0),
                                       "rule:recruits": (2.0, 0, 0, 0, 0, 0, 0), "rule:other": (0, 0, 0, 0, 0, 0, 2.0)}),
                toy(MEASURE_CLASSES, {"bs:بلغ": (3.0, 0, 0), "bs:انضم": (0, 3.0, 0)}))


def run(frame, sentence, category_rule, measure_rule, policy) -> Decision:
    return decide(set(frame), sentence_scores(MODELS, sentence), category_rule, measure_rule, MODELS, policy)


def test_the_model_decides_against_the_rules_where_the_policy_lets_it():
    sentence = ["s:قتل", "s:عنصرا"]
    always = run([], sentence, ("recruits", "frame"), ("flow", "frame"),
                 {"category": "always", "measure": "always"})
    assert always == Decision("casualties", "model", pytest.approx(always.category_probability), None, None, None)
    assert always.category_probability > 0.5
    fallback = run([], sentence, ("recruits", "frame"), ("flow", "frame"),
                   {"category": "fallback", "measure": "fallback"})
    assert (fallback.category, fallback.category_basis, fallback.measure) == ("recruits", "frame", "flow")
    carried = run([], sentence, ("recruits", "paragraph"), ("flow", "frame"),
                  {"category": "fallback", "measure": "fallback"})
    assert (carried.category, carried.category_basis) == ("casualties", "model")
    never = run([], sentence, ("recruits", None), ("flow", None),
                {"category": "never", "measure": "never"})
    assert (never.category, never.measure) == ("recruits", "flow")


def test_a_confident_model_needs_its_threshold():
    sentence = ["s:قتل"]
    low = run([], sentence, ("recruits", "frame"), ("flow", "frame"),
              {"category": "confident", "measure": "confident", "threshold": 0.99})
    assert low.category == "recruits"
    high = run([], sentence, ("recruits", "frame"), ("flow", "frame"),
               {"category": "confident", "measure": "confident", "threshold": 0.5})
    assert high.category == "casualties"


def test_a_figure_made_recruits_gets_its_measure_from_the_model():
    kept = run(["bs:بلغ"], [], ("other", "report_default"), (None, None), {"category": "always", "measure": "never"})
    assert (kept.category, kept.category_basis, kept.measure) == ("other", "report_default", None)
    made = run(["bs:بلغ"], ["s:جند"], ("other", "report_default"), (None, None), {"category": "fallback", "measure": "never"})
    assert (made.category, made.category_basis, made.measure, made.measure_basis) == ("recruits", "model", "stock", "model")
    # a recruits figure the rules left without a measure gets the model's, even under `never`…
    filled = run(["bs:بلغ"], [], ("recruits", "clause"), (None, "report_default"), {"category": "never", "measure": "never"})
    assert (filled.measure, filled.measure_basis) == ("stock", "model")
    # …and under a threshold only when the model reaches it (`bs:بلغ` gives stock at 0.909)
    unsure = run(["bs:بلغ"], [], ("recruits", "clause"), (None, "report_default"),
                 {"category": "never", "measure": "fallback_and_confident", "threshold": 0.95})
    assert (unsure.measure, unsure.measure_basis, unsure.measure_probability) == (None, "report_default", None)
    sure = run(["bs:بلغ"], [], ("recruits", "clause"), (None, "report_default"),
               {"category": "never", "measure": "fallback_and_confident", "threshold": 0.9})
    assert (sure.measure, sure.measure_basis) == ("stock", "model")
    assert sure.measure_probability == pytest.approx(0.909, abs=0.001)
    # …unless its own clause made it recruits (`شارك 40 عنصراً في الاستعراض`: the rules' own null)
    taking_part = decide({"bs:بلغ"}, sentence_scores(MODELS, []), ("recruits", "frame"), (None, "report_default"),
                         MODELS, {"category": "never", "measure": "always"}, taking_part=True)
    assert (taking_part.measure, taking_part.measure_basis) == (None, "report_default")
    agreeing = run(["bs:انضم"], [], ("recruits", "frame"), ("flow", "frame"), {"category": "always", "measure": "always"})
    assert (agreeing.measure, agreeing.measure_basis, agreeing.measure_probability) == ("flow", "frame", None)


def test_under_fallback_a_firm_reading_is_left_alone_before_any_feature_is_read():
    fallback = {"category": "fallback", "measure": "fallback"}
    firm = {"category": "frame", "unit": "frame", "measure": "frame", "actor": "frame", "regions": "frame"}
    assert not may_change("salary", None, firm, fallback)
    assert not may_change("recruits", "stock", firm, fallback)
    assert may_change("recruits", "stock", dict(firm, measure="report_default"), fallback)
    assert may_change("recruits", None, dict(firm, measure=None), fallback)
    assert may_change("other", None, dict(firm, category="paragraph"), fallback)
    assert may_change("salary", None, firm, {"category": "always", "measure": "always"})
    measure_only = {"category": "never", "measure": "fallback"}
    assert not may_change("other", None, dict(firm, category="report_default"), measure_only)
    assert may_change("recruits", "flow", dict(firm, measure="paragraph"), measure_only)


def test_confidence_multiplies_the_model_probability_into_the_rest():
    basis = {"category": "model", "unit": "frame", "measure": None, "actor": "paragraph", "regions": "frame"}
    decision = Decision("casualties", "model", 0.8, None, None, None)
    assert model_confidence(basis, decision) == 0.6   # 0.75 × 0.8


def test_frame_words_are_read_within_the_clause():
    text = "وقال المصدر، وفق مراسلنا، إن عدد المنتسبين ارتفع إلى 1350 شخصا ضمن المنطقة، بعد حملة"
    start = text.index("1350")
    own, previous = words_before(text, start, 0)
    assert own == ["إن", "عدد", "المنتسبين", "ارتفع", "إلى"] or own[-3:] == ["المنتسبين", "ارتفع", "إلى"]
    assert previous == ["وفق", "مراسلنا"]
    assert words_after(text, start + 4, len(text)) == ["شخصا", "ضمن", "المنطقة"]
    assert bare("وبالمنضمين") == "منضمين" and bare("لتجنيد") == "تجنيد" and bare("الي") == "الي"
    assert sentence_features("قتل 12 عنصرا من الميليشيا", 0, 25) == ["s:قتل", "s:عنصرا", "s:من", "s:ميليشيا"]


# --- the committed models -------------------------------------------------------------

def test_the_committed_models_validate_and_say_what_trained_them():
    for name, classes in (("category", set(CATEGORY_CLASSES)), ("measure", set(MEASURE_CLASSES))):
        model = load_model(name)
        assert set(model.classes) <= classes and len(model.classes) >= 3
        assert model.header["trained_by"] == "scripts/train_models.py"
        assert "tests/eval/round17" in model.header["trained_on"]
        assert not any("heldout" in s for s in model.header["trained_on"])
        assert model.header["score"]["leave_one_round_out"]


def only_figure(text: str, value, rules: bool = False):
    from report_builders import report_of

    report = report_of(text, "تقرير")
    if rules:
        with rules_only():
            figures, _ = extract_report(report)
    else:
        figures, _ = extract_report(report)
    [figure] = [f for f in figures if f.value == value]
    return figure


PRESENCE = "وأشار التقرير إلى وجود 500 مقاتل سوري في ليبيا ضمن صفوف الشركات الروسية."


def test_where_the_rules_fell_back_the_committed_model_reads_a_presence_as_a_standing_size():
    rules = only_figure(PRESENCE, 500, rules=True)
    assert (rules.category, rules.measure, rules.basis["measure"]) == ("recruits", "flow", "report_default")
    figure = only_figure(PRESENCE, 500)
    assert (figure.category, figure.measure) == ("recruits", "stock")
    assert (figure.basis["category"], figure.basis["measure"]) == ("frame", "model")
    assert figure.confidence == 0.52   # the frame weights × the model's probability


def test_where_the_model_agrees_the_rules_basis_stays():
    text = "وذكرت الشبكة أن 150 شاباً من بلدة الميادين باتوا في صفوف الميليشيات الإيرانية خلال الشهر الماضي."
    figure = only_figure(text, 150)
    assert (figure.measure, figure.basis["measure"], figure.confidence) == ("flow", "report_default", 0.6)


def test_a_firm_reading_and_the_category_stay_the_rules():
    assert POLICY["category"] == "never"
    figure = only_figure("ارتفع عدد المنتسبين إلى الحرس الثوري في دير الزور إلى 1350 عنصراً.", 1350)
    assert (figure.category, figure.measure, figure.basis["measure"]) == ("recruits", "stock", "frame")
    tents = only_figure("ويعيش آلاف السوريين في خيام لا تقي من المطر في ريف إدلب.", 1000)
    assert (tents.category, tents.basis["category"]) == ("other", "report_default")


def test_retraining_with_the_script_reproduces_the_committed_weights():
    """`scripts/train_models.py` rebuilds data/models/*.json: same vocabulary and classes, every
    weight within 1e-4 (the rules' blind decisions are rebuilt from git history on demand)."""
    pytest.importorskip("sklearn")
    import train_models
    from helpers.extract.linear_model import model_path

    for name, document in train_models.trained_documents().items():
        assert train_models.differences(document, model_path(name)) == []
        assert document["header"] == load_model(name).header


def test_evaluate_scores_the_rules_alone_with_rules_only(tmp_path, capsys):
    from helpers import evaluate

    (tmp_path / "reports").mkdir()
    (tmp_path / "reports" / "p1.txt").write_text(f"id: p1\n\nتقرير\n\n{PRESENCE}", encoding="utf-8")
    gold = {"report_id": "p1", "type": "figure", "text": "500", "occurrence": 1, "value": 500, "value_min": None,
            "value_max": None, "qualifier": "exact", "unit": "person", "category": "recruits", "measure": "stock",
            "actor": "russia", "regions": [], "area": "abroad"}
    (tmp_path / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    arguments = ["--reports", str(tmp_path / "reports"), "--gold", str(tmp_path / "gold.jsonl")]
    assert evaluate.main(arguments) == 0
    assert "measure accuracy             1.000" in capsys.readouterr().out
    assert evaluate.main(arguments + ["--rules-only"]) == 0
    assert "measure accuracy             0.000" in capsys.readouterr().out
