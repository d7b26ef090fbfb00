"""The learned layer's core: the model file (validated on load), its probabilities, the
rules-only switch, and the training rows matched to gold (scripts/labelled_rows.py)."""
from __future__ import annotations

import json
import math
import sys

import pytest

from helpers.extract.linear_model import (
    ModelFileError, load_model, model_document, models_enabled, parse_model, rules_only, softmax, write_model,
)
from helpers.paths import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import labelled_rows  # noqa: E402

HEADER = {"name": "toy", "decides": "figure measure", "trained_by": "hand", "trained_on": ["none"],
          "rows": 0, "score": {}}


def toy_document(**changes):
    document = {"header": dict(HEADER), "features": ["w:بلغ", "w:انضم", "noun:عنصر"],
                "classes": ["stock", "flow", "target"],
                "coefficients": [[2.0, -1.0, 0.0], [-1.0, 2.0, 0.0], [0.0, 0.0, 0.0]],
                "intercepts": [0.0, 0.5, -0.5]}
    document.update(changes)
    return document


def toy_model(tmp_path, **changes):
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(toy_document(**changes), ensure_ascii=False), encoding="utf-8")
    return load_model(path)


def test_probabilities_are_the_softmax_of_intercept_plus_the_weights_present(tmp_path):
    model = toy_model(tmp_path)
    # `بلغ عدد العناصر`: stock 0+2, flow 0.5-1, target -0.5
    probabilities = model.probabilities({"w:بلغ", "noun:عنصر"})
    expected = softmax([2.0, -0.5, -0.5])
    assert list(probabilities) == ["stock", "flow", "target"]
    assert [round(p, 6) for p in probabilities.values()] == [round(p, 6) for p in expected]
    assert round(probabilities["stock"], 4) == 0.859
    assert model.best({"w:انضم"}) == ("flow", pytest.approx(softmax([-1.0, 2.5, -0.5])[1]))


def test_unknown_features_are_ignored_and_weighted_features_scale(tmp_path):
    model = toy_model(tmp_path)
    assert model.scores({"w:غير_معروف"}) == [0.0, 0.5, -0.5]
    assert model.scores({"w:بلغ": 0.5}) == [1.0, 0.0, -0.5]


def test_a_feature_with_no_weight_is_not_kept(tmp_path):
    model = toy_model(tmp_path)
    assert set(model.weights) == {"w:بلغ", "w:انضم"}


def test_softmax_is_stable_for_large_scores():
    assert softmax([1000.0, 1000.0]) == [0.5, 0.5]
    assert math.isclose(sum(softmax([-800.0, 3.0, 700.0])), 1.0)


@pytest.mark.parametrize("changes, message", [
    ({"classes": ["stock", "flow"]}, "coefficients: not one row per class (2)"),
    ({"features": ["w:بلغ", "w:بلغ", "x"]}, "features: repeated entries"),
    ({"coefficients": [[2.0, -1.0], [-1.0, 2.0, 0.0], [0.0, 0.0, 0.0]]},
     "coefficients[0]: not one weight per feature (3)"),
    ({"intercepts": [0.0, float("nan"), 1.0]}, "intercepts: not one finite number per class (3)"),
    ({"header": {"name": "toy"}}, "header: missing 'decides'"),
    ({"classes": ["stock"], "coefficients": [[0, 0, 0]], "intercepts": [0]}, "classes: fewer than two"),
])
def test_a_bad_model_file_is_refused_naming_the_file_and_the_key(tmp_path, changes, message):
    path = tmp_path / "bad.json"
    path.write_text(json.dumps(toy_document(**changes)), encoding="utf-8")
    with pytest.raises(ModelFileError) as error:
        load_model(path)
    assert str(error.value).startswith(f"{path}: {message}")


def test_a_model_file_that_is_not_json_names_its_line(tmp_path):
    with pytest.raises(ModelFileError, match=r"bad\.json:2: not JSON"):
        parse_model(tmp_path / "bad.json", '{"header": {},\n "features": ]}')


def test_a_missing_model_file_is_one_clear_error(tmp_path):
    with pytest.raises(ModelFileError, match=r"nothing\.json: cannot read the model file"):
        load_model("nothing", tmp_path)


def test_written_documents_read_back_the_same(tmp_path):
    document = model_document(HEADER, ["a", "b"], ["no", "yes"], [[0.0, 0.0], [1.23456789, -2.0]], [0.0, 0.1])
    assert document["coefficients"][1] == [1.234568, -2.0]
    write_model(document, tmp_path / "m.json")
    assert json.loads((tmp_path / "m.json").read_text(encoding="utf-8")) == document
    model = load_model(tmp_path / "m.json")
    # a binary model: softmax of [0, z] is the logistic of z
    assert model.probabilities({"a"})["yes"] == pytest.approx(1 / (1 + math.exp(-(0.1 + 1.23456789))), abs=1e-6)


def test_the_cache_reads_a_changed_file_again(tmp_path):
    first = toy_model(tmp_path)
    assert load_model(tmp_path / "toy.json") is first
    path = tmp_path / "toy.json"
    path.write_text(json.dumps(toy_document(intercepts=[1.0, 0.0, 0.0])), encoding="utf-8")
    import os
    os.utime(path, ns=(1, 1))
    assert load_model(path).intercepts == (1.0, 0.0, 0.0)


def test_rules_only_switches_the_models_off_inside_its_block():
    assert models_enabled()
    with rules_only():
        assert not models_enabled()
        with rules_only():
            assert not models_enabled()
        assert not models_enabled()
    assert models_enabled()


# --- the training rows ----------------------------------------------------------------

REPORT = "تجنيد في دير الزور\n\nارتفع عدد المنتسبين إلى 1350 عنصراً. وانضم 40 شاباً جديداً. ودفعت إيران راتباً قدره 200 دولار."


def gold_figure(text, value, category, measure, unit="person", occurrence=1):
    return {"report_id": "t1", "type": "figure", "text": text, "occurrence": occurrence, "value": value,
            "value_min": None, "value_max": None, "qualifier": "exact", "unit": unit, "category": category,
            "measure": measure, "actor": "iran", "regions": ["SY-DY"], "area": "SY-DY"}


@pytest.fixture
def tiny_tests(tmp_path):
    """A `tests/` folder whose tuned set is one report of our own."""
    folder = tmp_path / "tests" / "eval"
    (folder / "reports").mkdir(parents=True)
    (folder / "reports" / "t1.txt").write_text("id: t1\n\n" + REPORT, encoding="utf-8")
    gold = [gold_figure("1350", 1350, "recruits", "stock"),
            gold_figure("40", 41, "recruits", "flow"),   # a different value: no match
            gold_figure("1350 عنصراً. وانضم", 7, "other", None),  # not found by the extractor
            {"report_id": "t1", "type": "incentive", "incentive": "cash_salary", "actor": "iran",
             "regions": ["SY-DY"], "area": "SY-DY"}]
    (folder / "gold.jsonl").write_text("\n".join(json.dumps(g, ensure_ascii=False) for g in gold), encoding="utf-8")
    return tmp_path / "tests"


def test_rows_pair_each_extracted_figure_with_its_gold_of_the_same_value(tiny_tests):
    [report] = list(labelled_rows.labelled_reports(["tuned"], tiny_tests))
    values = [(row.figure.value, row.gold["text"] if row.gold else None) for row in report.figures]
    assert values == [(1350, "1350"), (40, None), (200, None)]
    row = report.figures[0]
    assert row.context.text[row.quantity.start:row.quantity.end] == "1350"
    assert row.set_name == "tuned" and row.report_id == "t1"
    assert [g["value"] for g in report.missed_figures] == [41, 7]


def test_incentive_rows_carry_their_gold_and_offset_in_the_normalised_text(tiny_tests):
    [report] = list(labelled_rows.labelled_reports(["tuned"], tiny_tests))
    [row] = [r for r in report.incentives if r.incentive.incentive == "cash_salary"]
    assert row.gold is not None and row.gold["actor"] == "iran"
    assert [g["incentive"] for g in row.gold_same_kind] == ["cash_salary"]
    assert row.context.text[row.start:row.start + 3] == row.incentive.text[:3]


def test_scoring_rows_with_an_override_changes_only_that_field(tiny_tests):
    reports = list(labelled_rows.labelled_reports(["tuned"], tiny_tests))
    assert labelled_rows.score_rows(reports).field_accuracy["measure"] == 1.0
    scores = labelled_rows.score_rows(reports, lambda row: {"measure": "flow"})
    assert scores.field_accuracy["measure"] == 0.0
    assert scores.field_accuracy["category"] == 1.0


def test_held_out_sets_and_later_rounds_are_refused():
    for name in ("heldout", "heldout3", "round19", "tests/heldout"):
        with pytest.raises(ValueError, match="not a set the learned layer may train on"):
            labelled_rows.allowed_set(name)
    assert labelled_rows.ROUNDS[0] == "round07" and labelled_rows.ROUNDS[-1] == "round18"


def test_leave_one_round_out_trains_on_the_tuned_set_and_the_other_rounds():
    class Row:
        def __init__(self, set_name):
            self.set_name = set_name
    rows = [Row(name) for name in ("tuned", "round07", "round08", "round08", "round09")]
    splits = {held: ([r.set_name for r in train], [r.set_name for r in test])
              for held, train, test in labelled_rows.leave_one_round_out(rows, ["round07", "round08"])}
    assert splits == {"round07": (["tuned", "round08", "round08", "round09"], ["round07"]),
                      "round08": (["tuned", "round07", "round09"], ["round08", "round08"])}
