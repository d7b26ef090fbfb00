import pandas as pd
import pytest

from helpers.analysis.corrections import append_decision, apply_corrections, decision_row, read_corrections
from helpers.records import FIGURE_COLUMNS, INCENTIVE_COLUMNS

HEADER = "id,action,field,value,reason\n"


def tables():
    figures = pd.DataFrame([dict.fromkeys(FIGURE_COLUMNS) | {"id": "f1", "value": 1270, "actor": "iran",
                                                              "regions": ["SY-DY"]},
                            dict.fromkeys(FIGURE_COLUMNS) | {"id": "f2", "value": 150, "actor": "iran",
                                                              "regions": []}], columns=FIGURE_COLUMNS)
    incentives = pd.DataFrame([dict.fromkeys(INCENTIVE_COLUMNS) | {"id": "i1", "incentive": "food_aid"}],
                              columns=INCENTIVE_COLUMNS)
    return {"figures": figures, "incentives": incentives}


def write(tmp_path, body):
    path = tmp_path / "corrections.csv"
    path.write_text(HEADER + body, encoding="utf-8")
    return path


def test_corrections_change_and_reject_records_and_are_listed(tmp_path):
    rows, problems = read_corrections(write(tmp_path, (
        "f1,correct,value,1385,the report says 1385 in its second paragraph\n"
        "f2,correct,regions,SY-DR|SY-QU,reward offered in the south\n"
        "i1,reject,,,cue is about a market price not aid\n")))
    assert problems == []
    fixed, report = apply_corrections(tables(), rows)
    figures = fixed["figures"].set_index("id")
    assert figures.loc["f1", "value"] == 1385
    assert figures.loc["f2", "regions"] == ["SY-DR", "SY-QU"]
    assert fixed["incentives"].empty
    assert report.applied[["id", "action", "old", "new", "line"]].values.tolist() == [
        ["f1", "correct", 1270, 1385, 2], ["f2", "correct", [], ["SY-DR", "SY-QU"], 3], ["i1", "reject", None, None, 4]]
    assert report.orphans.empty


def test_a_correction_whose_record_is_gone_is_reported_not_dropped(tmp_path):
    rows, _ = read_corrections(write(tmp_path, "old-id,reject,,,duplicate story\n"))
    fixed, report = apply_corrections(tables(), rows)
    assert report.orphans[["id", "reason", "line"]].values.tolist() == [["old-id", "duplicate story", 2]]
    assert len(fixed["figures"]) == 2


def test_bad_rows_name_file_and_line_and_the_rest_apply(tmp_path):
    path = write(tmp_path, (
        "f1,correct,actor,hezbollah,proxy\n"
        "f1,correct,value,lots,typo\n"
        "f1,remove,,,no such action\n"
        "f1,correct,colour,red,not a field\n"
        "f2,correct,actor,russia,\n"
        "f2,correct,regions,Deir,not a code\n"
        "f1,correct,qualifier,exact,the report gives the exact count\n"))
    rows, problems = read_corrections(path)
    assert [(p.line, p.path) for p in problems] == [(line, str(path)) for line in (2, 3, 4, 5, 6, 7)]
    assert "'hezbollah' is not a valid actor" in problems[0].reason
    assert "must be a number" in problems[1].reason
    assert "needs a reason" in problems[4].reason
    assert [row["line"] for row in rows] == [8]


def test_wrong_header_is_one_clear_problem(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("record,what\nf1,reject\n", encoding="utf-8")
    rows, problems = read_corrections(path)
    assert rows == [] and str(problems[0]) == (f"{path}:1: header must be id,action,field,value,reason "
                                               f"(optionally then reviewed_by,reviewed_at)")


def test_missing_file_means_no_corrections(tmp_path):
    assert read_corrections(tmp_path / "absent.csv") == ([], [])


def test_old_values_read_back_from_parquet_are_listed_as_text():
    import numpy as np

    frames = tables()
    frames["figures"]["regions"] = [np.array(["SY-DY", "SY-RA"], dtype=object), np.array([], dtype=object)]
    rows = [{"id": "f1", "action": "correct", "field": "regions", "value": "SY-DR|SY-QU", "reason": "r", "line": 2}]
    corrected, report = apply_corrections(frames, rows)
    assert report.applied_as_text()[["old", "new"]].values.tolist() == [["SY-DY|SY-RA", "SY-DR|SY-QU"]]
    assert list(corrected["figures"].loc[0, "regions"]) == ["SY-DR", "SY-QU"]


# --- review decisions ---------------------------------------------------------------

REVIEW_HEADER = "id,action,field,value,reason,reviewed_by,reviewed_at\n"


def test_accept_marks_the_record_reviewed_and_changes_nothing(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text(REVIEW_HEADER + "f1,accept,,,,Layla,2026-12-01T10:00:00+00:00\n"
                    "f2,correct,value,160,the text says 160,Omar,2026-12-01T10:01:00+00:00\n", encoding="utf-8")
    rows, problems = read_corrections(path)
    assert problems == []
    fixed, report = apply_corrections(tables(), rows)
    figures = fixed["figures"].set_index("id")
    assert figures.loc["f1", "value"] == 1270 and figures.loc["f2", "value"] == 160
    assert figures["reviewed"].to_dict() == {"f1": True, "f2": True}
    assert figures["reviewed_by"].to_dict() == {"f1": "Layla", "f2": "Omar"}
    assert fixed["incentives"]["reviewed"].tolist() == [False]
    assert report.applied[["id", "action", "reviewed_by"]].values.tolist() == [["f1", "accept", "Layla"],
                                                                              ["f2", "correct", "Omar"]]


def test_five_column_files_still_read_and_nothing_is_reviewed_without_a_decision(tmp_path):
    rows, problems = read_corrections(write(tmp_path, "f1,reject,,,not a recruit count\n"))
    assert problems == [] and rows[0]["reviewed_by"] == ""
    fixed, _ = apply_corrections(tables(), rows)
    assert fixed["figures"][["id", "reviewed"]].values.tolist() == [["f2", False]]


def test_an_unknown_action_names_the_three(tmp_path):
    _, problems = read_corrections(write(tmp_path, "f1,approve,,,\n"))
    assert problems[0].line == 2 and "correct, reject or accept" in problems[0].reason


def test_decision_row_checks_like_the_reader():
    row = decision_row("f1", "correct", "Layla", field="actor", value="iran", reason="Hezbollah is Iran's",
                       reviewed_at="2026-12-01T10:00:00+00:00")
    assert row == {"id": "f1", "action": "correct", "field": "actor", "value": "iran", "reason": "Hezbollah is Iran's",
                   "reviewed_by": "Layla", "reviewed_at": "2026-12-01T10:00:00+00:00"}
    with pytest.raises(ValueError, match="not a valid actor"):
        decision_row("f1", "correct", "Layla", field="actor", value="hezbollah", reason="x")
    with pytest.raises(ValueError, match="needs a reason"):
        decision_row("f1", "reject", "Layla")
    with pytest.raises(ValueError, match="reviewer"):
        decision_row("f1", "accept", " ")


def test_append_upgrades_a_five_column_file_and_keeps_its_rows(tmp_path):
    path = write(tmp_path, 'f2,correct,regions,SY-DR|SY-QU,"reward offered in the south, per the text"\n')
    append_decision(path, decision_row("f1", "accept", "Layla", reviewed_at="2026-12-01T10:00:00+00:00"))
    assert path.read_text(encoding="utf-8") == (
        REVIEW_HEADER
        + 'f2,correct,regions,SY-DR|SY-QU,"reward offered in the south, per the text",,\n'
        + "f1,accept,,,,Layla,2026-12-01T10:00:00+00:00\n")
    rows, problems = read_corrections(path)
    assert problems == [] and [(r["id"], r["action"], r["line"]) for r in rows] == [("f2", "correct", 2),
                                                                                    ("f1", "accept", 3)]


def test_append_creates_the_file_with_the_full_header(tmp_path):
    path = tmp_path / "new" / "corrections.csv"
    append_decision(path, decision_row("i1", "reject", "Omar", reason="price, not aid",
                                       reviewed_at="2026-12-01T10:00:00+00:00"))
    assert path.read_text(encoding="utf-8") == REVIEW_HEADER + 'i1,reject,,,"price, not aid",Omar,2026-12-01T10:00:00+00:00\n'


def _append_many(path: str, reviewer: str, count: int, start) -> None:
    start.wait()
    for n in range(count):
        append_decision(path, decision_row(f"{reviewer}-{n}", "reject", reviewer, reason=f"reason {n}, by {reviewer}"))


def _race(context, path, count: int) -> None:
    start = context.Barrier(2)
    workers = [context.Process(target=_append_many, args=(str(path), who, count, start)) for who in ("layla", "omar")]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join(120)
    assert [w.exitcode for w in workers] == [0, 0]


def _assert_all_there(path, count: int, old: tuple = ()) -> None:
    rows, problems = read_corrections(path)
    assert problems == []
    ids = [row["id"] for row in rows]
    assert sorted(ids) == sorted([*old, *(f"{who}-{n}" for who in ("layla", "omar") for n in range(count))])
    for who in ("layla", "omar"):  # each writer's rows in its own order
        assert [i for i in ids if i.startswith(who)] == [f"{who}-{n}" for n in range(count)]


def test_two_processes_appending_at_once_lose_nothing(tmp_path):
    import multiprocessing

    context = multiprocessing.get_context("fork")
    # the risky moments: both creating the file, both upgrading a five-column file
    for round_ in range(12):
        fresh = tmp_path / f"new-{round_}.csv"
        _race(context, fresh, 3)
        _assert_all_there(fresh, 3)
        old = write(tmp_path, "f0,reject,,,an old five-column row\n")
        _race(context, old, 3)
        _assert_all_there(old, 3, old=("f0",))
    long = tmp_path / "long.csv"
    _race(context, long, 150)  # and a long run of appends
    _assert_all_there(long, 150)
