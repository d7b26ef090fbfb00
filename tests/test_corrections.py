import pandas as pd

from helpers.corrections import apply_corrections, read_corrections
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
    assert rows == [] and str(problems[0]) == f"{path}:1: header must be id,action,field,value,reason"


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
