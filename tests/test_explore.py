"""Asking a run questions (helpers.present.explore), on the sample corpus: filters, totals, history, exports."""
from __future__ import annotations

import openpyxl
import pandas as pd
import pytest

from helpers.present import explore
from helpers.run.pipeline import run_pipeline


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    none = tmp_path_factory.mktemp("c") / "none.csv"
    none.write_text("id,action,field,value,reason\n", encoding="utf-8")
    result = run_pipeline(corrections=none)
    return explore.RunData(result.figures, result.incentives, result.aggregation.table(),
                           result.aggregation.contradictions, result.reports, None)


def _stock(view: explore.View, actor: str, area: str) -> float:
    totals = view.totals
    row = totals[(totals["actor"] == actor) & (totals["area"] == area) & (totals["measure"] == "stock")]
    return row["value"].tolist()


def test_no_filter_gives_the_run_totals(data):
    everything = explore.view(data, explore.Filters())
    assert len(everything.figures) == len(data.figures) == 77
    assert _stock(everything, "iran", "west_euphrates") == [1385]  # the 115 arrivals of that day are inside it


def test_actor_filter_keeps_only_that_actor(data):
    iran = explore.view(data, explore.Filters(actors=("iran",)))
    assert set(iran.figures["actor"]) == {"iran"} and set(iran.totals["actor"]) == {"iran"}
    assert set(iran.incentives["actor"]) == {"iran"}
    unattributed = explore.apply_filters(data.figures, explore.Filters(actors=(explore.NONE,)))
    assert unattributed["actor"].isna().all() and len(unattributed) == data.figures["actor"].isna().sum()


def test_date_range_recounts_the_running_total_as_of_its_end(data):
    before = explore.view(data, explore.Filters(actors=("iran",), places=("west_euphrates",), until="2018-12-31"))
    assert _stock(before, "iran", "west_euphrates") == [1270]
    later = explore.view(data, explore.Filters(actors=("iran",), places=("west_euphrates",), since="2018-07-01"))
    assert sorted(later.figures["report_date"])[0] >= "2018-07-01"


def test_a_governorate_matches_areas_inside_it_and_figures_listing_it(data):
    deir = explore.apply_filters(data.figures, explore.Filters(places=("SY-DY",)))
    assert len(deir) and all(area == "SY-DY" or "SY-DY" in list(regions)
                             for area, regions in zip(deir["area"], deir["regions"]))
    assert "west_euphrates" in set(deir["area"])


def test_source_filter_changes_which_report_sets_the_total(data):
    source = data.figures.set_index("report_id").loc["07_iran-west-euphrates-1270", "source"]
    source = source.iloc[0] if isinstance(source, pd.Series) else source
    one_source = explore.view(data, explore.Filters(actors=("iran",), places=("west_euphrates",), sources=(source,)))
    assert set(one_source.figures["source"]) == {source}
    assert _stock(one_source, "iran", "west_euphrates") == [1270]


def test_options_list_what_the_records_hold(data):
    choices = explore.options(data.figures, "en")
    assert ("Iran", "iran") in choices["actors"] and ("Unlocated", "") not in choices["actors"]
    assert ("West of the Euphrates", "west_euphrates") in choices["places"]
    assert ("Deir ez-Zor", "SY-DY") in choices["places"] or any(v == "SY-DY" for _, v in choices["places"])
    assert explore.date_bounds(data.figures)[0] <= "2018-06-14"


def test_evolution_of_one_total_point_by_point_with_sources(data):
    points = explore.evolution(data.figures, "iran", "west_euphrates")
    assert points[["report_date", "measure", "value", "running_total"]].values.tolist() == [
        ["2018-06-14", "stock", 1100, 1100], ["2018-10-22", "stock", 1270, 1270],
        ["2019-02-10", "stock", 1385, 1385], ["2019-02-10", "flow", 115, 1385]]
    assert points["running_total"].iloc[-1] == _stock(explore.view(data, explore.Filters()), "iran", "west_euphrates")[0]
    assert points["source"].tolist() == ["شبكة أخبار الفرات (مثال)", "موقع الجسر الشرقي (مثال)",
                                         "شبكة أخبار الفرات (مثال)", "شبكة أخبار الفرات (مثال)"]
    keys = explore.series_keys(data.figures)
    assert ("iran", "west_euphrates") in keys
    abroad = [place for actor, place in keys if place.startswith("abroad:")]
    assert len(abroad) >= 2 and len(set(abroad)) == len(abroad)  # Libya is not Azerbaijan
    for place in abroad:
        assert explore.evolution(data.figures, "turkey", place)["id"].map(
            lambda i: data.figures.set_index("id").loc[i, "area"] == "abroad").all()


def test_arrivals_after_the_last_running_total_add_to_it():
    rows = [{"id": i, "category": "recruits", "qualifier": "exact", "actor": "iran", "area": "south", "area_text": None, "start": 0,
             "report_id": i, "sentence": "", "source": "s", "report_date": d, "measure": m, "value": v}
            for i, d, m, v in (("a", "2020-01-01", "flow", 40), ("b", "2020-02-01", "stock", 500),
                               ("c", "2020-03-01", "flow", 60), ("d", "2020-03-02", "flow", 25))]
    points = explore.evolution(pd.DataFrame(rows), "iran", "south")
    assert points["running_total"].tolist() == [40, 500, 560, 585]


def test_contradictions_are_picked_for_one_actor_and_area():
    pairs = pd.DataFrame([{"actor": "iran", "area": "south", "value_a": 500, "value_b": 800},
                          {"actor": "russia", "area": "south", "value_a": 1, "value_b": 2}])
    assert explore.contradictions_for(pairs, "iran", "south")[["value_a", "value_b"]].values.tolist() == [[500, 800]]


def test_evidence_marks_the_number_in_its_sentence(data):
    html = explore.evidence_html(data.figures[data.figures["id"] == data.figures["id"].iloc[0]], "ar")
    record = data.figures.iloc[0]
    assert f"<mark>{record['text']}</mark>" in html and record["report_id"] in html


def test_export_writes_csv_and_an_rtl_workbook_with_the_filtered_rows(data, tmp_path):
    current = explore.view(data, explore.Filters(actors=("russia",)))
    csv_path, xlsx_path = explore.export_view(current, tmp_path / "out" / "view", "ar")
    sheet = pd.read_excel(xlsx_path, sheet_name="figures")
    assert sheet["id"].tolist() == current.figures["id"].tolist() and set(sheet["actor"]) == {"russia"}
    assert len(pd.read_excel(xlsx_path, sheet_name="totals")) == len(current.totals)
    assert pd.read_csv(csv_path, encoding="utf-8-sig")["id"].tolist() == current.figures["id"].tolist()
    regions = sheet.set_index("id")["regions"].fillna("")
    first = current.figures.iloc[0]
    assert regions[first["id"]] == "|".join(first["regions"])
    book = openpyxl.load_workbook(xlsx_path)
    assert [ws.sheet_view.rightToLeft for ws in book.worksheets] == [True, True]
    _, english = explore.export_view(current, tmp_path / "en", "en")
    assert not openpyxl.load_workbook(english).worksheets[0].sheet_view.rightToLeft


def test_open_run_reads_a_folder_and_names_a_missing_one(data, tmp_path):
    from helpers.run.steps import write_tables

    write_tables(tmp_path, figures=data.figures, incentives=data.incentives, totals=data.totals,
                 contradictions=data.contradictions, reports=data.reports)
    opened = explore.open_run(tmp_path)
    assert opened.figures["id"].tolist() == data.figures["id"].tolist() and opened.run_dir == tmp_path
    with pytest.raises(FileNotFoundError, match="no run here"):
        explore.open_run(tmp_path / "absent")


def test_the_widgets_follow_the_filters_and_export_what_they_show(data, tmp_path):
    from helpers.present import lab

    explorer = lab.Explorer(data, lang="en", export_dir=tmp_path)
    totals, chart = explorer.totals.value, explorer.recruits_chart.value
    explorer.filters["actors"].value = ("iran",)
    assert explorer.totals.value != totals and explorer.recruits_chart.value != chart
    assert explorer.summary.value.startswith(f"<b>{(data.figures['actor'] == 'iran').sum()}</b> figures")
    csv_path, xlsx_path = explorer.export()
    assert csv_path.parent == tmp_path and set(pd.read_excel(xlsx_path)["actor"]) == {"iran"}
    explorer.series.value = ("iran", "west_euphrates")
    assert "1385" in explorer.history.value and "موقع الجسر الشرقي (مثال)" in explorer.history.value
