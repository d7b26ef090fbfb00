"""Counting over time end to end, on a series of reports written for it
(tests/fixtures/series/README.md tells the story). Expected values are
computed by hand from the reports."""
from pathlib import Path

import pytest
from pandas.testing import assert_frame_equal

from helpers.run.pipeline import run_pipeline

SERIES = sorted(str(p) for p in (Path(__file__).parent / "fixtures" / "series").glob("*.txt"))


@pytest.fixture(scope="module")
def no_corrections(tmp_path_factory):
    empty = tmp_path_factory.mktemp("corrections") / "corrections.csv"
    empty.write_text("id,action,field,value,reason\n", encoding="utf-8")
    return empty


@pytest.fixture(scope="module")
def result(no_corrections):
    return run_pipeline(SERIES, corrections=no_corrections, as_of="2021-06-30")


def recruits(result, measure):
    table = result.aggregation.recruits
    rows = table[(table["actor"] == "iran") & (table["area"] == "SY-DR") & (table["measure"] == measure)]
    assert len(rows) == 1, table[["actor", "area", "measure", "value"]]
    return rows.iloc[0]


def test_latest_total_plus_later_batch(result):
    row = recruits(result, "stock")
    assert row["value"] == 600 + 80
    assert row["report_ids"] == ["s4", "s5"]


def test_contradicting_source_stays_visible(result):
    row = recruits(result, "stock")
    assert [(c["value"], c["report_id"], c["source"]) for c in row["conflicts"]] == [(520, "s2", "مرصد الجنوب")]
    pairs = result.aggregation.contradictions
    assert sorted(zip(pairs["report_a"], pairs["report_b"])) == [("s2", "s4")]


def test_republished_report_is_linked_and_its_figure_counts_once(result):
    reports = result.reports.set_index("id")
    assert reports.loc["s3", "near_duplicate_of"] == "s2"
    figures = result.figures.set_index("report_id")
    assert figures.loc["s3", "repeat_of"] == figures.loc["s2", "id"]


def test_target_is_apart(result):
    assert recruits(result, "target")["value"] == 1000


def test_as_of_earlier_date(no_corrections):
    early = run_pipeline(SERIES, corrections=no_corrections, as_of="2021-03-01")
    assert recruits(early, "stock")["value"] == 400


def test_correction_and_orphan_correction(result, tmp_path):
    wrong = result.figures[(result.figures["report_id"] == "s4") & (result.figures["value"] == 600)]
    corrections = tmp_path / "corrections.csv"
    corrections.write_text(
        "id,action,field,value,reason\n"
        f"{wrong.iloc[0]['id']},reject,,,the site counted volunteers of two areas\n"
        "s9:gone,reject,,,record from a report since withdrawn\n", encoding="utf-8")
    corrected = run_pipeline(SERIES, corrections=corrections, as_of="2021-06-30")
    assert recruits(corrected, "stock")["value"] == 520 + 80
    assert corrected.corrections.applied["id"].tolist() == [wrong.iloc[0]["id"]]
    assert corrected.corrections.orphans["id"].tolist() == ["s9:gone"]


def test_aid_is_summed_in_its_own_unit(result):
    aid = result.aggregation.aid
    row = aid[(aid["actor"] == "russia") & (aid["unit"] == "food_basket")].iloc[0]
    assert (row["value"], row["area"], row["regions"]) == (300, "SY-HM", ["SY-HM"])


def test_aggregate_command_prints_one_row_per_group(capsys, no_corrections):
    from helpers.aggregate_cli import main

    assert main([*SERIES, "--as-of", "2021-06-30", "--corrections", str(no_corrections)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == ("actor,area,regions,category,measure,unit,value,as_of,report_ids,figure_ids,basis,conflicts,"
                        "destination")
    rows = [line.split(",") for line in lines[1:]]
    assert [(r[0], r[1], r[4], r[6], r[8]) for r in rows] == [
        ("iran", "SY-DR", "stock", "680", "s4|s5"), ("iran", "SY-DR", "target", "1000", "s6"),
        ("russia", "SY-HM", "", "300", "s7")]
    assert rows[0][11] == "520@s2"


def test_aggregate_command_with_no_readable_report_exits_2(capsys, tmp_path):
    from helpers.aggregate_cli import main

    assert main([str(tmp_path / "missing")]) == 2
    assert "missing" in capsys.readouterr().err


def test_aid_window_does_not_drop_earlier_running_totals(capsys, no_corrections):
    from helpers.aggregate_cli import main

    assert main([*SERIES, "--as-of", "2021-06-30", "--since", "2021-06-01",
                 "--corrections", str(no_corrections)]) == 0
    rows = [line.split(",") for line in capsys.readouterr().out.splitlines()[1:]]
    assert [(r[0], r[4], r[6]) for r in rows] == [("iran", "stock", "680"), ("iran", "target", "1000")]


def test_a_store_is_counted_without_its_sentences_and_gives_the_same_tables(no_corrections, tmp_path):
    """`aggregate --store` reads the figures without their texts (a large store must fit in
    memory) and reads back the sentences of the contradictions' two sides alone."""
    from helpers.run.pipeline import aggregate_store
    from helpers.run.run_tables import read_figures_to_count

    in_memory = run_pipeline(SERIES, corrections=no_corrections, as_of="2021-06-30", store=tmp_path / "store")
    over_store, _ = aggregate_store(tmp_path / "store", no_corrections, as_of="2021-06-30")
    assert "sentence" not in read_figures_to_count(tmp_path / "store").columns
    for name in ("recruits", "aid", "contradictions"):   # values come back from Parquet as floats
        assert_frame_equal(getattr(over_store, name), getattr(in_memory.aggregation, name), check_dtype=False)
    pairs = over_store.contradictions
    assert len(pairs) == 1
    assert pairs.loc[0, "sentence_a"] and "520" in pairs.loc[0, "sentence_a"].translate(str.maketrans("٠١٢٣٤٥٦٧٨٩", "0123456789"))
