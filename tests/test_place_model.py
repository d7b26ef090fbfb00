"""The learned layer of places (helpers.extract.place_model, data/models/place.json)."""
import json
import sys

import pytest

from helpers.extract import extract_report
from helpers.extract.context import _ReportContext
from helpers.extract.lexicons import load_lexicons
from helpers.extract.linear_model import load_model, model_path, model_problems, rules_only
from helpers.extract.place_model import (
    candidate_features, choose_place, place_candidates, with_place_probability,
)
from helpers.paths import ROOT
from report_builders import report_of

# the rules carry the origin abroad (`قادمة من العراق`) to the next sentence; the model takes the city
REINFORCEMENTS = ("وصلت تعزيزات عسكرية إيرانية إلى مدينة دير الزور قادمة من العراق. "
                  "وتضم التعزيزات نحو 400 مقاتل، وقد انتشرت في أحياء الجورة والقصور.")
# the rules take the desert of a later clause (`في معارك البادية`); the model the place named before
RECRUITED_BEFORE = ("أرسل الحرس الثوري تعزيزات إلى حمص. وكان الحزب قد جند نحو 300 شاب من المنطقة "
                    "خلال العام الماضي، قُتل منهم 12 في معارك البادية.")


def _figure(text: str, value: int, title: str | None = None):
    figures, _ = extract_report(report_of(text, title))
    return next(f for f in figures if f.value == value)


def test_the_model_file_validates_and_names_its_training():
    document = json.loads(model_path("place").read_text(encoding="utf-8"))
    assert model_problems(document) == []
    header = document["header"]
    assert header["trained_by"] == "scripts/place_training.py"
    assert not any("heldout" in name for name in header["trained_on"])
    assert header["score"]["figure_regions"]["model_on_blind_rules"] > header["score"]["figure_regions"]["rules_blind"]
    assert load_model("place").classes == ("0", "1")


def test_the_model_takes_the_city_where_the_rules_carry_an_origin_abroad():
    with rules_only():
        rules = _figure(REINFORCEMENTS, 400, "تعزيزات إيرانية")
    assert (rules.regions, rules.area, rules.basis["regions"]) == ([], "abroad", "paragraph")
    figure = _figure(REINFORCEMENTS, 400, "تعزيزات إيرانية")
    assert (figure.regions, figure.area, figure.basis["regions"]) == (["SY-DY"], "SY-DY", "model")
    assert figure.area_text == "مدينة دير الزور"
    assert figure.basis["actor"] == "paragraph"
    assert figure.confidence == 0.479   # the actor's paragraph weight 0.75 × the model's probability 0.639


def test_the_model_keeps_recruits_where_they_were_recruited_not_where_some_fell():
    with rules_only():
        assert _figure(RECRUITED_BEFORE, 300).area == "badia"
    recruited = _figure(RECRUITED_BEFORE, 300)
    assert (recruited.regions, recruited.area, recruited.basis["regions"]) == (["SY-HI"], "SY-HI", "model")
    fallen = _figure(RECRUITED_BEFORE, 12)   # the dead of the desert battles stay in the desert
    assert (fallen.area, fallen.basis["regions"]) == ("badia", "frame")


def test_the_model_agrees_with_the_rules_on_a_plain_clause():
    figure = _figure("جندت إيران 500 شاب في دير الزور.", 500)
    assert (figure.regions, figure.area, figure.basis["regions"], figure.confidence) == (["SY-DY"], "SY-DY", "frame", 1.0)


def test_candidates_are_every_place_by_its_regions_with_the_rules_and_nothing():
    context = _ReportContext(report_of(REINFORCEMENTS, "تعزيزات إيرانية"), load_lexicons())
    start = context.text.index("400")
    rules, basis = context.place_with_basis(start, start + 3)
    candidates = place_candidates(context, start, start + 3, rules)
    assert sorted(candidates) == [(), ("SY-DY",)]
    assert candidates[()].sources == {"phrase", "rule", "none"}       # العراق, and the rules' abroad
    assert candidates[("SY-DY",)].sources == {"phrase", "main"}
    features = candidate_features(context, candidates[("SY-DY",)], start, start + 3, rules, basis)
    assert {"main", "from:phrase", "at:paragraph:1", "w1:مدينه", "kind:governorate"} <= set(features)
    location, how, probability = choose_place(context, start, start + 3, rules, basis)
    assert (location.area, how, round(probability, 3)) == ("SY-DY", "model", 0.639)


def test_confidence_carries_the_probability_in_place_of_the_weight():
    from helpers.extract.basis import MODEL, WEIGHTS
    assert with_place_probability(0.9, None) == 0.9
    assert with_place_probability(round(WEIGHTS[MODEL] * 0.9, 3), 0.5) == 0.45


def test_rules_only_switches_the_model_off():
    context = _ReportContext(report_of(REINFORCEMENTS), load_lexicons())
    start = context.text.index("400")
    rules, basis = context.place_with_basis(start, start + 3)
    with rules_only():
        assert choose_place(context, start, start + 3, rules, basis) == (rules, basis, None)


@pytest.mark.skipif(not (ROOT / ".git").exists(), reason="needs the repository")
def test_retraining_reproduces_the_committed_weights(tmp_path):
    pytest.importorskip("sklearn")
    sys.path.insert(0, str(ROOT / "scripts"))
    import place_training

    retrained = place_training.train(tmp_path / "place.json")
    committed = json.loads(model_path("place").read_text(encoding="utf-8"))
    assert retrained["features"] == committed["features"]
    for new, old in zip(retrained["coefficients"][1] + retrained["intercepts"],
                        committed["coefficients"][1] + committed["intercepts"]):
        assert abs(new - old) < 1e-4


def test_the_fast_scorer_gives_the_training_path_s_logits():
    """`place_scorer.FastScorer` (run time) and `candidate_features` (training) agree on every
    number of 30 reports of the tuned set: the best candidate, its probability and the rules'."""
    from helpers.evaluate import REPORTS_PATH
    from helpers.ingest.load import load_paths
    from helpers.extract.place_model import key_of, place_model, scored_candidates
    from helpers.extract.place_scorer import FastScorer

    lexicons = load_lexicons()
    reports = sorted(load_paths([REPORTS_PATH]).reports, key=lambda r: r.id)[:30]
    checked = 0
    for report in reports:
        context = _ReportContext(report, lexicons)
        model = place_model(context)
        fast = FastScorer(model, context)
        for quantity in context.quantities:
            rules, basis = context.place_with_basis(quantity.start, quantity.end)
            scored = scored_candidates(model, context, quantity.start, quantity.end, rules, basis)
            best_probability, best = scored[0]
            rules_probability = next(p for p, c in scored if "rule" in c.sources)
            found = fast.best(quantity.start, quantity.end, rules, basis)
            assert found[0] == pytest.approx(best_probability, abs=1e-9)
            assert found[1] == pytest.approx(rules_probability, abs=1e-9)
            assert found[3] == ("rule" in best.sources)
            if not found[3]:
                assert key_of(found[2]) == best.key
            checked += 1
    assert checked > 100
