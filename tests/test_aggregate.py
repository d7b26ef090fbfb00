"""As-of aggregation on hand-made figure records with hand-computed results."""
import pandas as pd
import pytest

from helpers.analysis.aggregate import aggregate, aid_totals, contradictions, mark_repeats, recruits_as_of, roll_up
from helpers.records import FIGURE_COLUMNS


def figure(id, report_id, date, value, *, category="recruits", measure="stock", actor="iran",
           area="west_euphrates", regions=("SY-DY",), unit="person", qualifier="approx", source="monitor"):
    row = dict.fromkeys(FIGURE_COLUMNS)
    row.update(id=id, report_id=report_id, report_date=date, value=value, category=category,
               measure=measure, actor=actor, area=area, regions=list(regions), unit=unit,
               qualifier=qualifier, source=source, start=0, sentence=f"sentence of {id}")
    return row


def frame(*rows):
    return pd.DataFrame(list(rows), columns=FIGURE_COLUMNS)


RISING = frame(
    figure("a1", "r1", "2019-01-10", 1200),
    figure("a2", "r2", "2019-03-02", 1270),
    figure("a3", "r3", "2019-06-20", 1385),
    figure("a4", "r4", "2019-07-05", 300, measure="flow"),
)


def test_latest_running_total_wins_not_the_sum():
    table = recruits_as_of(RISING, as_of="2019-04-01")
    assert table[["actor", "area", "measure", "value", "as_of"]].values.tolist() == [
        ["iran", "west_euphrates", "stock", 1270, "2019-04-01"]]
    assert table.loc[0, "report_ids"] == ["r2"]


def test_new_arrivals_after_the_total_are_added():
    table = recruits_as_of(RISING, as_of="2019-12-31")
    assert table.loc[0, "value"] == 1385 + 300
    assert table.loc[0, "report_ids"] == ["r3", "r4"]
    assert table.loc[0, "basis"] == "total 1385 on 2019-06-20 + new arrivals 300"


def test_new_arrivals_before_the_total_are_already_in_it():
    series = frame(figure("f", "r1", "2019-01-01", 100, measure="flow"),
                   figure("s", "r2", "2019-02-01", 900))
    assert recruits_as_of(series).loc[0, "value"] == 900


def test_targets_are_shown_apart_and_never_summed():
    series = frame(figure("s", "r1", "2020-01-01", 500),
                   figure("t", "r2", "2020-02-01", 2000, measure="target"))
    table = recruits_as_of(series).set_index("measure")
    assert table.loc["stock", "value"] == 500
    assert table.loc["target", "value"] == 2000


def test_vague_quantities_are_never_counted():
    series = frame(figure("s", "r1", "2020-01-01", 500),
                   figure("v", "r2", "2020-03-01", 100, measure="flow", qualifier="vague"))
    assert recruits_as_of(series).loc[0, "value"] == 500


def test_republished_figure_counts_once():
    series = frame(
        figure("x1", "orig", "2021-05-01", 250, category="aid_recipients", measure=None, unit="family", actor="russia",
               area="SY-HM", regions=("SY-HM",)),
        figure("x2", "copy", "2021-05-03", 250, category="aid_recipients", measure=None, unit="family", actor="russia",
               area="SY-HM", regions=("SY-HM",)),
        figure("x3", "later", "2021-08-01", 250, category="aid_recipients", measure=None, unit="family",
               actor="russia", area="SY-HM", regions=("SY-HM",)),
    )
    marked = mark_repeats(series)
    assert marked.set_index("id")["repeat_of"].to_dict() == {"x1": None, "x2": "x1", "x3": None}
    totals = aid_totals(marked)
    assert totals.loc[0, "value"] == 500
    assert totals.loc[0, "report_ids"] == ["later", "orig"]


def test_near_duplicate_reports_link_repeats_whatever_the_dates():
    series = frame(figure("y1", "orig", "2021-01-01", 40, category="aid_amount", measure=None, unit="tonne"),
                   figure("y2", "copy", "2021-03-01", 40, category="aid_amount", measure=None, unit="tonne"))
    marked = mark_repeats(series, report_groups={"orig": "orig", "copy": "orig"})
    assert marked.set_index("id").loc["y2", "repeat_of"] == "y1"


def test_aid_window_and_units_stay_apart():
    series = frame(
        figure("b1", "r1", "2022-01-05", 500, category="aid_amount", measure=None, unit="food_basket", actor="russia",
               area="SY-HM", regions=("SY-HM",)),
        figure("b2", "r2", "2022-03-05", 300, category="aid_amount", measure=None, unit="food_basket",
               actor="russia", area="SY-HM", regions=("SY-HM",)),
        figure("b3", "r3", "2022-03-09", 20, category="aid_amount", measure=None, unit="tonne", actor="russia",
               area="SY-HM", regions=("SY-HM",)),
        figure("b4", "r4", "2021-12-01", 999, category="aid_amount", measure=None, unit="food_basket",
               actor="russia", area="SY-HM", regions=("SY-HM",)),
    )
    totals = aid_totals(series, since="2022-01-01", until="2022-12-31")
    assert totals[["unit", "value"]].values.tolist() == [["food_basket", 800], ["tonne", 20]]


def test_two_sources_that_disagree_are_both_kept():
    series = frame(figure("m", "monitor", "2019-03-01", 1270, source="مرصد"),
                   figure("o", "outlet", "2019-03-05", 1500, source="شبكة محلية"))
    pairs = contradictions(series)
    assert pairs[["value_a", "source_a", "value_b", "source_b"]].values.tolist() == [
        [1270, "مرصد", 1500, "شبكة محلية"]]
    row = recruits_as_of(series).iloc[0]
    assert row["value"] == 1500
    assert row["conflicts"] == [{"value": 1270, "report_id": "monitor", "report_date": "2019-03-01",
                                 "source": "مرصد"}]


def test_totals_far_apart_are_a_series_not_a_contradiction():
    assert contradictions(RISING.iloc[:2]).empty


def test_roll_up_does_not_add_an_area_to_the_areas_inside_it():
    series = frame(
        figure("d", "r1", "2020-01-01", 300, area="SY-DR", regions=("SY-DR",)),
        figure("q", "r2", "2020-01-02", 100, area="SY-QU", regions=("SY-QU",)),
        figure("s", "r3", "2019-06-01", 350, area="south", regions=("SY-DR", "SY-QU", "SY-SU")),
        figure("w", "r4", "2020-01-03", 1270, area="west_euphrates", regions=("SY-DY",)),
    )
    rolled = roll_up(recruits_as_of(series), by=["actor"])
    assert rolled.loc[0, "value"] == 1270 + 100 + 300
    assert "south (350) overlaps" in rolled.loc[0, "basis"]


def test_aggregate_runs_every_step():
    result = aggregate(RISING, as_of="2019-12-31")
    assert result.table()["value"].tolist() == [1685]
    assert "repeat_of" in result.figures


@pytest.mark.parametrize("as_of,expected", [("2019-01-31", 1200), ("2019-06-30", 1385)])
def test_as_of_dates(as_of, expected):
    assert recruits_as_of(RISING, as_of=as_of).loc[0, "value"] == expected


def test_tables_read_back_from_parquet_aggregate_the_same(tmp_path):
    path = tmp_path / "figures.parquet"
    RISING.to_parquet(path)
    again = pd.read_parquet(path)
    assert recruits_as_of(again, as_of="2019-12-31")[["value", "regions"]].values.tolist() == [[1685, ["SY-DY"]]]


def test_an_undated_running_total_does_not_override_a_dated_one():
    series = frame(figure("s", "r1", "2020-01-01", 500), figure("u", "r2", None, 100))
    table = recruits_as_of(series)
    assert table[["measure", "value", "as_of", "report_ids"]].values.tolist() == [
        ["stock", 500, "2020-01-01", ["r1"]]]
    assert table.loc[0, "basis"] == "total 500 on 2020-01-01"


def test_an_undated_running_total_is_used_when_nothing_is_dated():
    table = recruits_as_of(frame(figure("u", "r2", None, 100)))
    assert table[["value", "report_ids"]].values.tolist() == [[100, ["r2"]]]
    assert table.loc[0, "as_of"] is None


def test_an_undated_target_does_not_override_a_dated_one():
    series = frame(figure("t", "r1", "2020-02-01", 2000, measure="target"),
                   figure("u", "r2", None, 100, measure="target"))
    assert recruits_as_of(series)[["measure", "value", "as_of"]].values.tolist() == [["target", 2000, "2020-02-01"]]


def test_dated_and_undated_arrivals_are_added_without_error():
    series = frame(figure("f1", "r1", "2020-01-01", 300, measure="flow"),
                   figure("f2", "r2", None, 40, measure="flow"))
    table = recruits_as_of(series)
    assert table[["measure", "value", "as_of", "report_ids"]].values.tolist() == [
        ["flow", 340, "2020-01-01", ["r1", "r2"]]]


def test_aggregate_command_rejects_a_bad_or_reversed_date(tmp_path, capsys):
    from helpers.aggregate_cli import main

    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path), "--as-of", "2024-13-45"])
    assert exit_.value.code == 2
    assert "not a date (YYYY-MM-DD): '2024-13-45'" in capsys.readouterr().err
    with pytest.raises(SystemExit) as exit_:
        main([str(tmp_path), "--since", "2024-05-01", "--as-of", "2024-01-01"])
    assert exit_.value.code == 2
    assert "--since 2024-05-01 is after --as-of 2024-01-01" in capsys.readouterr().err


def test_destinations_abroad_are_counted_apart():
    series = frame(
        figure("l1", "r1", "2020-03-01", 4750, actor="turkey", area="abroad", regions=()),
        figure("a1", "r2", "2020-10-01", 1200, actor="turkey", area="abroad", regions=(), measure="flow"),
    )
    series["area_text"] = ["ليبيا", "أذربيجان"]
    table = recruits_as_of(series)
    assert sorted(zip(table["destination"], table["measure"], table["value"])) == [
        ("أذربيجان", "flow", 1200), ("ليبيا", "stock", 4750)]
