"""The scorer behind `make eval` and the integrity of the labelled evaluation set."""
from __future__ import annotations

import json
import re
import sys
import types
from collections import Counter
from pathlib import Path

import pytest

from helpers import evaluate
from helpers.evaluate import (
    GOLD_PATH, REPORTS_PATH, load_labelled_set, locate, match_spans, prf, read_gold, same_value, score,
    sentence_around, Span, validate_gold,
)

# --- hand-made cases -------------------------------------------------------------

R1 = "تجنيد في دير الزور\n\nانضم 300 شاب و1300 آخرون إلى الميليشيات. ووزعت 50 سلة و20 طناً."
R2 = "عنوان\n\nنحو 400 عنصر في درعا."
TEXTS = {"r1": R1, "r2": R2}


def gold_figure(report_id, text, occurrence=1, value=None, **fields):
    record = {"report_id": report_id, "type": "figure", "text": text, "occurrence": occurrence,
              "value": value, "value_min": None, "value_max": None, "qualifier": "exact",
              "unit": "person", "category": "recruits", "measure": "flow", "actor": "iran",
              "regions": ["SY-DY"], "area": "SY-DY"}
    record.update(fields)
    return record


def predicted_figure(gold, start=None, end=None, **changes):
    """A prediction equal to `gold`, at its span unless moved, with `changes`."""
    text = TEXTS[gold["report_id"]]
    gold_start, gold_end = locate(text, gold["text"], gold["occurrence"])
    record = {k: v for k, v in gold.items() if k not in ("occurrence",)}
    record.update(start=gold_start if start is None else start, end=gold_end if end is None else end)
    record.update(changes)
    return record


def incentive(report_id, code, actor, regions, area=None):
    return {"report_id": report_id, "type": "incentive", "incentive": code, "actor": actor,
            "regions": regions, "area": area}


def test_locate_counts_substring_hits_including_inside_longer_numbers():
    assert locate(R1, "300", 1) == (R1.index("300 شاب"), R1.index("300 شاب") + 3)
    inside = R1.index("1300") + 1
    assert locate(R1, "300", 2) == (inside, inside + 3)
    with pytest.raises(ValueError, match="does not occur 3"):
        locate(R1, "300", 3)


def test_figure_precision_recall_f1_and_value_mismatch():
    g300 = gold_figure("r1", "300", value=300)
    g1300 = gold_figure("r1", "1300", value=1300)
    g50 = gold_figure("r1", "50", value=50, unit="food_basket", category="aid_amount", measure=None)
    g400 = gold_figure("r2", "400", value=400, qualifier="approx", regions=["SY-DR"], area="SY-DR",
                       actor="russia")
    predicted = [
        predicted_figure(g300),                                   # right
        predicted_figure(g1300, value=130),                       # overlaps, wrong value
        predicted_figure(g400, start=R2.index("نحو"), actor="iran",
                         regions=["SY-DR"]),                      # wider span, wrong actor
    ]
    scores = score([g300, g1300, g50, g400], predicted, TEXTS)
    assert (scores.gold_figures, scores.predicted_figures, scores.matched_figures) == (4, 3, 2)
    assert scores.figure_precision == pytest.approx(2 / 3)
    assert scores.figure_recall == pytest.approx(1 / 2)
    assert scores.figure_f1 == pytest.approx(4 / 7)
    assert scores.field_accuracy["actor"] == 0.5
    assert scores.field_accuracy["category"] == 1.0
    assert scores.field_accuracy["regions"] == 1.0
    kinds = Counter((f.report_id, f.kind) for f in scores.failures)
    # the value mismatch is one failure line, though it counts as a miss and a false positive
    assert kinds == Counter({("r1", "value"): 1, ("r1", "missed"): 1, ("r2", "actor"): 1})
    value_failure = next(f for f in scores.failures if f.kind == "value")
    assert "value=1300" in value_failure.gold and "value=130" in value_failure.predicted
    assert value_failure.sentence == "انضم 300 شاب و1300 آخرون إلى الميليشيات."


def test_field_accuracies_regions_as_sets_and_bounds():
    g = gold_figure("r1", "300", value=300, qualifier="more_than", value_min=300,
                    regions=["SY-DR", "SY-QU", "SY-SU"], area="south")
    right = predicted_figure(g, regions=["SY-SU", "SY-DR", "SY-QU"])
    scores = score([g], [right], TEXTS)
    assert scores.field_accuracy == {name: 1.0 for name in evaluate.FIGURE_FIELDS}
    wrong = predicted_figure(g, regions=["SY-DR"], value_min=None, qualifier="approx", measure="stock")
    scores = score([g], [wrong], TEXTS)
    assert scores.figure_f1 == 1.0
    assert scores.field_accuracy["regions"] == 0.0
    assert scores.field_accuracy["bounds"] == 0.0
    assert scores.field_accuracy["qualifier"] == 0.0
    assert scores.field_accuracy["measure"] == 0.0
    assert scores.field_accuracy["area"] == 1.0
    assert scores.missed_goals() == ["qualifier", "regions"]   # no incentives anywhere: not missed


def test_recruit_measure_accuracy_counts_only_gold_recruits():
    recruits = gold_figure("r1", "300", value=300, measure="stock")
    parcels = gold_figure("r1", "50", value=50, category="aid_amount", measure=None, unit="food_basket")
    others = gold_figure("r1", "1300", value=1300, measure="flow")
    predicted = [predicted_figure(recruits, measure="flow"), predicted_figure(parcels, measure="stock"),
                 predicted_figure(others)]
    scores = score([recruits, parcels, others], predicted, TEXTS)
    assert scores.recruit_measures == 2
    assert scores.recruit_measure_accuracy == 0.5
    assert scores.field_accuracy["measure"] == 1 / 3
    assert "measure, recruits (2)" in evaluate.format_scores(scores)


def test_blind_row_is_read_from_the_rounds_readme(tmp_path):
    readme = tmp_path / "README.md"
    readme.write_text("# Round\n\n| a | b |\n|---|---|\n| 1.000 | 2 |\n\n## Blind score (before tuning)\n\n"
                      "| figure F1 | unit |\n|---|---|\n| 0.927 | 0.526 (10 of 19) |\n", encoding="utf-8")
    assert evaluate.blind_row(readme) == ["0.927", "0.526 (10 of 19)"]
    readme.write_text("# Round\n\nno score yet\n", encoding="utf-8")
    assert evaluate.blind_row(readme) is None
    readme.write_text("## Blind score\n\n| extractor | figure F1 | unit |\n|---|---|---|\n"
                      "| start of session | 0.963 | 0.777 |\n| frames, tuned | 0.970 | 0.786 |\n", encoding="utf-8")
    assert evaluate.blind_rows(readme) == [("blind, start of session", ["0.963", "0.777"]),
                                           ("blind, frames, tuned", ["0.970", "0.786"])]


def test_labelled_sets_lists_the_tuned_set_rounds_and_held_out_sets(tmp_path):
    for folder in ("eval", "eval/round07", "eval/round08", "heldout2", "heldout3"):
        (tmp_path / folder / "reports").mkdir(parents=True)
        (tmp_path / folder / "gold.jsonl").write_text("", encoding="utf-8")
    (tmp_path / "eval" / "round09").mkdir()          # not landed yet: no reports, no gold
    names = [s.name for s in evaluate.labelled_sets(tmp_path)]
    root = tmp_path.name
    assert names == ["tuned (tests/eval)", f"{root}/eval/round07", f"{root}/eval/round08",
                     f"{root}/heldout2", f"{root}/heldout3"]


def test_overlap_matching_is_one_to_one_and_greedy_by_overlap():
    gold = [Span("r", 0, 4, {}), Span("r", 5, 9, {})]
    wide = Span("r", 2, 9, {})      # overlaps gold 0 by 2, gold 1 by 4
    small = Span("r", 3, 5, {})     # overlaps gold 0 by 1
    other = Span("q", 0, 9, {})     # another report: never matched
    pairs = match_spans(gold, [small, wide, other])
    assert [(g.start, p.start) for g, p in pairs] == [(5, 2), (0, 3)]
    touching = Span("r", 4, 5, {})  # [4,5) touches both but overlaps neither
    assert match_spans(gold, [touching]) == []


def test_value_tolerance_is_relative():
    assert same_value(8.26, 8.26 * (1 + 5e-7))
    assert not same_value(8.26, 8.27)
    assert same_value(1270, 1270.0)
    assert not same_value(0, 1e-9)


def test_incentive_triples_and_region_agreement():
    gold = [incentive("r1", "cash_salary", "iran", ["SY-DY"], "SY-DY"),
            incentive("r1", "food_aid", "russia", ["SY-HM"], "SY-HM"),
            incentive("r2", "fuel", None, ["SY-DR"], "SY-DR")]
    predicted = [incentive("r1", "cash_salary", "iran", ["SY-DY"]) | {"start": 5},
                 incentive("r1", "cash_salary", "iran", ["SY-HL"]) | {"start": 9},   # same triple: collapses
                 incentive("r1", "food_aid", "iran", ["SY-HM"]),                     # wrong actor
                 incentive("r2", "fuel", None, ["SY-DR", "SY-SU"])]                  # wrong regions
    scores = score(gold, predicted, TEXTS)
    assert (scores.gold_incentives, scores.predicted_incentives, scores.matched_incentives) == (3, 3, 2)
    assert scores.incentive_precision == pytest.approx(2 / 3)
    assert scores.incentive_recall == pytest.approx(2 / 3)
    assert scores.incentive_f1 == pytest.approx(2 / 3)
    assert scores.incentive_regions == 0.5
    kinds = sorted(f.kind for f in scores.failures)
    assert kinds == ["incentive_missed", "incentive_regions", "incentive_spurious"]


def test_prf_edge_cases():
    assert prf(0, 0, 0) == (1.0, 1.0, 1.0)
    assert prf(0, 0, 5) == (0.0, 0.0, 0.0)
    assert prf(0, 3, 0) == (0.0, 0.0, 0.0)
    assert prf(3, 4, 6) == pytest.approx((0.75, 0.5, 0.6))


def test_no_matches_gives_no_accuracy_and_misses_every_goal():
    scores = score([gold_figure("r1", "300", value=300)], [], TEXTS)
    assert scores.field_accuracy["actor"] is None
    assert scores.missed_goals() == ["figure_f1", "category", "actor", "qualifier", "regions"]


def test_sentence_around():
    start = R1.index("50")
    assert sentence_around(R1, start, start + 2) == "ووزعت 50 سلة و20 طناً."
    text = "عنوان\n\nوزعت 3.8 طن. ثم وصلت 12 شاحنة."
    start = text.index("3.8")
    assert sentence_around(text, start, start + 3) == "وزعت 3.8 طن."


def test_validate_gold_reports_bad_codes_and_spans():
    bad = [gold_figure("r1", "300", occurrence=3, value=300),
           gold_figure("r1", "50", value=50, category="aid", measure=None),
           gold_figure("r1", "20", value=20, qualifier="more_than"),           # value_min missing
           gold_figure("r1", "300", value=300, area="south", regions=["SY-HL"]),
           gold_figure("r1", "300", value=300, measure=None),                  # recruits need a measure
           incentive("r2", "free_lunch", "iran", ["SY-DR"], "SY-DR"),
           incentive("r9", "fuel", None, [], None)]
    problems = [p for p in validate_gold(bad, TEXTS) if "same as gold record" not in p]  # 4 and 5 share a span
    assert len(problems) == 7
    assert "does not occur 3" in problems[0]
    assert "category 'aid'" in problems[1]
    assert "bounds None..None for more_than 20" in problems[2]
    assert "area 'south'" in problems[3]
    assert "measure None for category 'recruits'" in problems[4]
    assert "incentive 'free_lunch'" in problems[5]
    assert "no report 'r9'" in problems[6]
    narrowed = gold_figure("r1", "300", value=300, area="east_euphrates", regions=["SY-DY"])
    assert validate_gold([narrowed], TEXTS) == []


def test_validate_gold_reports_a_span_or_triple_labelled_twice():
    twice = [gold_figure("r1", "50", value=50, category="aid_amount", measure=None, unit="food_basket"),
             incentive("r2", "fuel", "iran", ["SY-DR"], "SY-DR")]
    assert validate_gold(twice, TEXTS) == []
    problems = validate_gold(twice + twice, TEXTS)
    assert problems == ["gold record 3 (r1): same as gold record 1", "gold record 4 (r2): same as gold record 2"]


def test_read_gold_names_file_and_line(tmp_path):
    path = tmp_path / "gold.jsonl"
    path.write_text('{"type": "figure"}\n\n{oops\n', encoding="utf-8")
    with pytest.raises(ValueError, match=r"gold.jsonl:3: not JSON"):
        read_gold(path)


# --- the command, with a stand-in extractor ----------------------------------------

def _write_set(folder: Path) -> Path:
    reports = folder / "reports"
    reports.mkdir()
    (reports / "t1.txt").write_text("id: t1\ndate: 2021-01-01\nsource: test\n\nعنوان\n\n"
                                    "انضم 300 شاب إلى الفيلق الخامس في درعا.\n", encoding="utf-8")
    gold = gold_figure("t1", "300", value=300, actor="russia", regions=["SY-DR"], area="SY-DR")
    (folder / "gold.jsonl").write_text(json.dumps(gold, ensure_ascii=False) + "\n", encoding="utf-8")
    return reports


def _fake_extractor(monkeypatch, figures_for):
    module = types.ModuleType("helpers.extract")
    module.extract_report = lambda report: (figures_for(report), [])
    monkeypatch.setitem(sys.modules, "helpers.extract", module)


def test_main_reports_scores_and_strict_exit(tmp_path, monkeypatch, capsys):
    reports = _write_set(tmp_path)
    args = ["--gold", str(tmp_path / "gold.jsonl"), "--reports", str(reports), "--strict", "--failures"]

    def perfect(report):
        start = report.full_text.index("300")
        return [{"type": "figure", "report_id": report.id, "start": start, "end": start + 3,
                 "text": "300", "value": 300, "value_min": None, "value_max": None,
                 "qualifier": "exact", "unit": "person", "category": "recruits", "measure": "flow",
                 "actor": "russia", "regions": ["SY-DR"], "area": "SY-DR"}]

    _fake_extractor(monkeypatch, perfect)
    assert evaluate.main(args) == 0
    out = capsys.readouterr().out
    assert "goals: all met" in out
    assert re.search(r"figure F1\s+1\.000\s+\(goal ≥ 0\.97: ok\)", out)

    _fake_extractor(monkeypatch, lambda report: [])
    assert evaluate.main(args) == 1
    out = capsys.readouterr().out
    assert re.search(r"figure recall\s+0\.000", out)
    assert "t1\tmissed\tgold='300' value=300" in out
    assert evaluate.main(args[:-2]) == 0     # without --strict it is a report


def test_main_goes_on_when_one_report_fails(tmp_path, monkeypatch, capsys):
    reports = _write_set(tmp_path)

    def broken(report):
        raise RuntimeError("boom")

    _fake_extractor(monkeypatch, broken)
    assert evaluate.main(["--gold", str(tmp_path / "gold.jsonl"), "--reports", str(reports)]) == 0
    captured = capsys.readouterr()
    assert "t1.txt: extraction failed: RuntimeError: boom" in captured.err
    assert "figures: gold 1, predicted 0, matched 0" in captured.out


# --- the labelled set itself ---------------------------------------------------------

@pytest.fixture(scope="module")
def eval_set():
    reports, gold, problems = load_labelled_set(REPORTS_PATH, GOLD_PATH)
    assert problems == []
    return reports, gold


def test_every_gold_record_is_located_and_uses_contract_codes(eval_set):
    reports, gold = eval_set
    assert validate_gold(gold, {i: r.full_text for i, r in reports.items()}) == []


def test_report_files_are_short_reports_with_headers(eval_set):
    reports, gold = eval_set
    assert len(reports) >= 45
    for report_id, report in reports.items():
        assert Path(report.path).stem == report_id and re.fullmatch(r"eval_\d{2,3}", report_id)
        assert report.date and report.source and report.title
        words = len(report.full_text.split())
        assert 60 <= words <= 200, (report_id, words)
    assert {g["report_id"] for g in gold} == set(reports)


def test_gold_covers_every_code_several_times(eval_set):
    _, gold = eval_set
    figures = [g for g in gold if g["type"] == "figure"]
    incentives = [g for g in gold if g["type"] == "incentive"]
    for name, codes, least in (("qualifier", evaluate.QUALIFIERS, 2),
                               ("category", evaluate.CATEGORIES, 3),
                               ("measure", evaluate.MEASURES, 3)):
        counts = Counter(g[name] for g in figures)
        assert {c for c in codes if counts[c] < least} == set(), name
    assert set(evaluate.ACTORS) <= {g["actor"] for g in figures}
    assert set(evaluate.INCENTIVES) <= {g["incentive"] for g in incentives}
    assert {"abroad", "national", "west_euphrates", "south", "badia", "northwest"} <= {
        g["area"] for g in gold}
    scripts = Counter("arabic" if re.search("[٠-٩]", g["text"]) else
                      "persian" if re.search("[۰-۹]", g["text"]) else
                      "western" if re.search("[0-9]", g["text"]) else "words" for g in figures)
    assert min(scripts.values()) >= 3 and len(scripts) == 4
