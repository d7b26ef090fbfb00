"""The recruits timeline: monthly (weekly) points whose numbers are hand-computed sums of
named records, a legend of bounded size, and a data table written beside the chart."""
import matplotlib

matplotlib.use("Agg")

import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.present import charts, timeline  # noqa: E402
from helpers.present.arabic_text import label  # noqa: E402
from helpers.present.chart_base import chart_data  # noqa: E402
from test_charts import figure, figures  # noqa: E402,F401 - `figures` is the fixture of test_charts


def rows(table: pd.DataFrame) -> list[tuple]:
    return [tuple(r) for r in table[["series", "actor", "area", "measure", "period", "value", "figure_ids",
                                     "report_ids"]].itertuples(index=False)]


def legend_texts(fig, rtl: bool = False) -> list[str]:
    """The legend's entries as they read on the drawn figure: row by row, from the left
    (from the right with `rtl`), blanks left out."""
    renderer = FigureCanvasAgg(fig).get_renderer()
    fig.draw(renderer)
    placed = [(t.get_window_extent(renderer), t.get_text()) for legend in fig.legends for t in legend.get_texts()
              if t.get_text().strip()]
    reading = sorted(placed, key=lambda item: (-round(item[0].y0), -item[0].x1 if rtl else item[0].x0))
    return [text for _, text in reading]


def drawn_series(fig) -> dict[str, list[float]]:
    return {line.get_gid(): list(line.get_ydata()) for ax in fig.axes for line in ax.get_lines()
            if (line.get_gid() or "").startswith("timeline-")}


def test_points_are_monthly_latest_totals_and_summed_arrivals(figures):
    table = charts.timeline_table(figures)
    assert set(table["period_kind"]) == {"month"}
    # turkey first (largest), then russia (1,800 + 150 + 1,600 + 400), then iran (2,300 + 900)
    assert rows(table) == [
        (0, "turkey", "SY-HL", "stock", "2021-10-01", 5400.0, "f7", "r5"),   # not the vague 100, not the target
        (1, "russia", "SY-DY", "stock", "2021-03-01", 1200.0, "f1", "r1"),
        (1, "russia", "SY-DY", "stock", "2021-06-01", 1800.0, "f2", "r2"),
        (2, "russia", "SY-DY", "flow", "2021-07-01", 150.0, "f3", "r3"),
        (3, "russia", "south", "stock", "2021-11-01", 1600.0, "f10", "r6"),
        (4, "russia", "SY-HM", "flow", "2021-09-01", 400.0, "f6", "r4"),
        (5, "iran", "west_euphrates", "stock", "2021-06-01", 2300.0, "f4", "r2"),
        (6, "iran", "SY-HM", "stock", "2021-09-01", 900.0, "f5", "r4"),
    ]


def test_the_chart_draws_the_table_rows_one_gid_per_series(figures):
    fig = charts.timeline(figures, lang="en")
    table = chart_data(fig)
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Turkey", "Russia", "Iran"]
    expected = {f"timeline-{n}": list(part["value"]) for n, part in table.groupby("series")}
    assert drawn_series(fig) == expected
    stock = next(line for line in fig.axes[1].get_lines() if line.get_gid() == "timeline-1")
    assert stock.get_drawstyle() == "steps-post"
    assert [pd.Timestamp(x).date().isoformat() for x in stock.get_xdata()] == ["2021-03-01", "2021-06-01"]
    assert legend_texts(fig) == ["Aleppo", "West of the Euphrates", "Deir ez-Zor", "Southern Syria", "Hama",
                                 "running total (latest in the period)", "new arrivals (added up over the period)"]


def test_a_republished_arrival_is_drawn_once(figures):
    repeat = pd.DataFrame([figure(17, "r9", "2021-07-17", 150, measure="flow")])  # r3's 150, two days on
    table = charts.timeline_table(pd.concat([figures, repeat], ignore_index=True))
    arrivals = table[(table["actor"] == "russia") & (table["area"] == "SY-DY") & (table["measure"] == "flow")]
    assert list(zip(arrivals["period"], arrivals["value"], arrivals["figure_ids"])) == [("2021-07-01", 150.0, "f3")]


def many_areas() -> pd.DataFrame:
    """Russia's running totals in eight governorates: six large ones on 2019-01-10, then
    Idlib 200 (February), Latakia 100 and Idlib 250 (April)."""
    large = [("SY-DY", 8000), ("SY-HM", 7000), ("SY-HL", 6000), ("SY-HI", 5000), ("SY-RA", 4000), ("SY-HA", 3000)]
    records = [figure(n, f"r{n}", "2019-01-10", value, area=area) for n, (area, value) in enumerate(large)]
    records += [figure(10, "r10", "2019-02-03", 200, area="SY-ID"), figure(11, "r11", "2019-04-15", 100, area="SY-LA"),
                figure(12, "r12", "2019-04-20", 250, area="SY-ID")]
    return pd.DataFrame(records)


def test_areas_beyond_six_are_one_other_line_their_totals_added_as_of_each_month():
    table = charts.timeline_table(many_areas())
    other = table[table["area"] == "other"]
    # February: Idlib's 200; April: Idlib's latest 250 plus Latakia's 100 (not 200 + 250 + 100)
    assert list(zip(other["period"], other["value"], other["figure_ids"], other["records"])) == [
        ("2019-02-01", 200.0, "f10", 1), ("2019-04-01", 350.0, "f12|f11", 2)]
    assert list(dict.fromkeys(table["area"])) == ["SY-DY", "SY-HM", "SY-HL", "SY-HI", "SY-RA", "SY-HA", "other"]
    fig = charts.timeline(many_areas(), lang="ar")
    names = legend_texts(fig, rtl=True)
    assert len(names) == 9 and names[0] == label("دير الزور")
    assert label("مناطق أخرى") in names and label("دير الزور") in names


def test_one_area_more_than_six_keeps_its_own_name():
    seven = many_areas()
    seven = seven[seven["area"] != "SY-LA"]
    assert "other" not in set(charts.timeline_table(seven)["area"])


def many_actors() -> pd.DataFrame:
    flows = [("russia", "SY-DY", "2020-01-05", 500), ("iran", "SY-DY", "2020-01-10", 400),
             ("turkey", "SY-HL", "2020-02-01", 300), ("regime", "SY-HM", "2020-03-01", 200),
             ("sdf", "SY-RA", "2020-05-03", 20), ("isis", "SY-DY", "2020-05-20", 10),
             ("isis", "SY-RA", "2020-05-25", 5)]
    return pd.DataFrame([figure(n, f"r{n}", date, value, actor=actor, area=area, measure="flow")
                         for n, (actor, area, date, value) in enumerate(flows)])


def test_actors_beyond_four_share_one_panel_their_arrivals_added():
    table = charts.timeline_table(many_actors())
    assert list(dict.fromkeys(table["actor"])) == ["russia", "iran", "turkey", "regime", "other"]
    other = table[table["actor"] == "other"]
    assert list(zip(other["area"], other["period"], other["value"], other["figure_ids"], other["report_ids"])) == [
        ("SY-DY", "2020-05-01", 10.0, "f5", "r5"), ("SY-RA", "2020-05-01", 25.0, "f4|f6", "r4|r6")]
    fig = charts.timeline(many_actors(), lang="en")
    assert [ax.get_title(loc="left") for ax in fig.axes] == ["Russia", "Iran", "Turkey", "Syrian government",
                                                             "Other actors"]
    assert any("“other” adds up the rest" in t.get_text() for t in fig.findobj(Text))


def test_a_short_span_is_drawn_by_week_with_days_on_the_axis():
    records = pd.DataFrame([figure(1, "r1", "2022-03-02", 100, measure="flow"),   # a Wednesday
                            figure(2, "r2", "2022-03-06", 50, measure="flow"),    # the Sunday of that week
                            figure(3, "r3", "2022-03-07", 70, measure="flow")])   # the next Monday
    table = charts.timeline_table(records)
    assert list(zip(table["period_kind"], table["period"], table["value"])) == [
        ("week", "2022-02-28", 150.0), ("week", "2022-03-07", 70.0)]
    fig = charts.timeline(records, lang="ar")
    FigureCanvasAgg(fig).draw()
    ticks = [t.get_text() for t in fig.axes[-1].get_xticklabels() if t.get_text()]
    assert ticks and all(label("آذار") in t or label("شباط") in t for t in ticks)


def test_undated_and_unreadable_dates_are_left_out():
    records = pd.DataFrame([figure(1, "r1", None, 100), figure(2, "r2", "not a date", 100),
                            figure(3, "r3", "2020-05-05", 300)])
    assert list(charts.timeline_table(records)["figure_ids"]) == ["f3"]
    assert "No data" in [t.get_text() for t in charts.timeline(records.iloc[:2], "en").findobj(Text)]


def test_the_data_table_is_written_beside_the_chart(tmp_path, figures):
    written = charts.save(charts.timeline(figures, "en"), tmp_path, "recruits_timeline")
    assert [p.name for p in written] == ["recruits_timeline.png", "recruits_timeline.svg", "recruits_timeline.csv"]
    back = pd.read_csv(tmp_path / "recruits_timeline.csv", keep_default_na=False)
    assert list(back.columns) == timeline.TIMELINE_COLUMNS
    assert back.loc[back["series"] == 1, "figure_ids"].tolist() == ["f1", "f2"]


@pytest.mark.parametrize(("count", "columns", "rtl", "expected"), [
    (5, 4, False, ["a", "e", "b", "_", "c", "_", "d", "_"]),   # rows a b c d / e _ _ _
    (5, 4, True, ["d", "_", "c", "_", "b", "_", "a", "e"]),    # rows d c b a / _ _ _ e: read from the right
    (3, 4, True, ["c", "b", "a"]),
])
def test_legend_entries_read_row_by_row(count, columns, rtl, expected):
    from matplotlib.lines import Line2D

    handles = [Line2D([], [], label=chr(ord("a") + n)) for n in range(count)]
    order = timeline.legend_order(handles, min(count, columns), rtl)
    assert [h.get_label().strip() or "_" for h in order] == expected
