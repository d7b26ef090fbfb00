"""Charts show the hand-computed numbers, in the right language, in the right places."""
import matplotlib

matplotlib.use("Agg")

import matplotlib.colors as mcolors  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from matplotlib.container import BarContainer  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.present import chart_map, charts  # noqa: E402
from helpers.present.arabic_text import label  # noqa: E402
from helpers.records import Figure, Incentive  # noqa: E402


def figure(n, report, date, value, *, category="recruits", measure="stock", actor="russia", area="SY-DY",
           regions=None, unit="person", qualifier="approx"):
    if regions is None:
        regions = [area] if area and area.startswith("SY-") else []
    return Figure(id=f"f{n}", report_id=report, report_date=date, value=value, value_min=None, value_max=None,
                  qualifier=qualifier, unit=unit, category=category, measure=measure, actor=actor,
                  actor_text=None, regions=regions, area=area, area_text=None, text=str(value),
                  start=n, end=n + 4, sentence="…").to_dict()


def incentive(n, report, kind, actor, area, regions=None):
    if regions is None:
        regions = [area] if area and area.startswith("SY-") else []
    return Incentive(id=f"i{n}", report_id=report, report_date="2022-01-10", incentive=kind, actor=actor,
                     actor_text=None, regions=regions, area=area, area_text=None, figure_id=None,
                     text="…", start=0, end=1, sentence="…").to_dict()


@pytest.fixture
def figures():
    return pd.DataFrame([
        # Russia in Deir ez-Zor: running totals 1200 then 1800, then 150 new arrivals → 1950 (not a sum: 3150)
        figure(1, "r1", "2021-03-01", 1200),
        figure(2, "r2", "2021-06-01", 1800),
        figure(3, "r3", "2021-07-15", 150, measure="flow"),
        figure(4, "r2", "2021-06-01", 2300, actor="iran", area="west_euphrates", regions=["SY-DY"]),
        figure(5, "r4", "2021-09-01", 900, actor="iran", area="SY-HM"),
        figure(6, "r4", "2021-09-01", 400, actor="russia", area="SY-HM", measure="flow"),
        figure(7, "r5", "2021-10-01", 5400, actor="turkey", area="SY-HL"),
        figure(8, "r5", "2021-10-01", 100, actor="turkey", area="SY-HL", qualifier="vague"),  # never counted
        figure(9, "r5", "2021-10-01", 10000, actor="turkey", area="SY-HL", measure="target"),  # not recruits
        figure(10, "r6", "2021-11-01", 1600, area="south", regions=["SY-DR", "SY-QU", "SY-SU"]),
        # aid
        figure(11, "r6", "2021-11-01", 750, category="aid_recipients", measure=None, unit="family", area="SY-HM"),
        figure(12, "r7", "2021-12-01", 500, category="aid_amount", measure=None, unit="food_basket", area="SY-HM"),
        figure(13, "r8", "2022-02-01", 200, category="aid_amount", measure=None, unit="food_basket", area="SY-HM"),
        figure(14, "r7", "2021-12-01", 300, category="aid_amount", measure=None, unit="food_basket",
               actor="iran", area="SY-DY"),
        figure(15, "r8", "2022-02-01", 40, category="aid_amount", measure=None, unit="tonne", area="SY-DY"),
        figure(16, "r8", "2022-02-01", 50, category="aid_amount", measure=None, unit="food_basket",
               area="SY-DY", qualifier="vague"),
    ])


@pytest.fixture
def incentives():
    return pd.DataFrame([
        incentive(1, "r1", "cash_salary", "russia", "SY-DY"),
        incentive(2, "r2", "cash_salary", "russia", "SY-HM"),
        incentive(3, "r2", "food_aid", "iran", "west_euphrates", ["SY-DY"]),
        incentive(4, "r3", "security_settlement", "russia", "south", ["SY-DR", "SY-QU", "SY-SU"]),
        incentive(8, "r7", "cash_reward", "regime", "national"),
        incentive(5, "r4", "cash_salary", "iran", "SY-DY"),
        incentive(6, "r5", "conscription_exemption", "russia", "SY-DY"),
        incentive(7, "r6", "food_aid", "russia", "SY-HM"),
    ])


def bars(ax) -> dict[str, tuple[list[float], list[float]]]:
    """Legend label → (widths, lefts) of each stacked bar series, top row first."""
    return {c.get_label(): ([p.get_width() for p in c.patches], [p.get_x() for p in c.patches])
            for c in ax.containers if isinstance(c, BarContainer)}


def ticks(ax, axis="y") -> list[str]:
    return [t.get_text() for t in (ax.get_yticklabels() if axis == "y" else ax.get_xticklabels())]


def all_text(fig) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text)]


def total_bars(ax) -> list[tuple[str, float, str]]:
    """(tick label, width, gid) of each bar, top first."""
    patches = [p for c in ax.containers if isinstance(c, BarContainer) for p in c.patches]
    patches.sort(key=lambda p: p.get_y())
    return [(tick, p.get_width(), p.get_gid()) for tick, p in zip(ticks(ax), patches)]


def test_recruits_are_as_of_totals_one_bar_per_total(figures):
    fig = charts.recruits_by_region_actor(figures, lang="en")
    ax = fig.axes[0]
    assert [(name, width) for name, width, _ in total_bars(ax)] == [
        ("Turkey — Aleppo", 5400), ("Iran — West of the Euphrates", 2300), ("Russia — Deir ez-Zor", 1950),
        ("Russia — Southern Syria", 1600), ("Iran — Hama", 900), ("Russia — Hama", 400)]
    assert all(p.get_x() == 0 for p in ax.patches)  # nothing stacked
    assert "Source: Rasd extraction from 8 reports" in all_text(fig)
    assert any("as of 2021-11-01" in t for t in all_text(fig))


def test_recruits_chart_in_arabic_names_governorates_and_actors(figures):
    fig = charts.recruits_by_region_actor(figures, lang="ar")
    ax = fig.axes[0]
    assert [name for name, _, _ in total_bars(ax)][:2] == [label("تركيا — حلب"), label("إيران — غرب الفرات")]
    assert ax.xaxis_inverted()  # bars grow leftwards from names on the right
    assert label("المصدر: استخراج رصد من تقارير عددها 8") in all_text(fig)


def test_recruits_chart_names_destinations_abroad_and_hatches_arrivals():
    table = pd.DataFrame([
        {"actor": "turkey", "area": "abroad", "regions": [], "category": "recruits", "measure": "stock",
         "value": 11000, "as_of": "2020-06-18", "destination": "ليبيا"},
        {"actor": "turkey", "area": "abroad", "regions": [], "category": "recruits", "measure": "flow",
         "value": 1500, "as_of": "2020-10-12", "destination": "أذربيجان"},
        {"actor": "sdf", "area": "SY-RA", "regions": ["SY-RA"], "category": "recruits", "measure": "target",
         "value": 600, "as_of": "2019-12-03", "destination": None},
    ])
    fig = charts.recruits_chart(table, lang="en", n_reports=2)
    ax = fig.axes[0]
    assert total_bars(ax) == [("Turkey — Libya", 11000, "total-0"), ("Turkey — Azerbaijan", 1500, "total-1")]
    hatched = {p.get_gid(): bool(p.get_hatch()) for p in ax.patches}
    assert hatched == {"total-0": False, "total-1": True}  # new arrivals are not a running total
    assert "new arrivals only, no running total reported" in all_text(fig)


def test_recruits_chart_takes_an_aggregated_table():
    table = pd.DataFrame([
        {"actor": "iran", "area": "SY-HM", "regions": ["SY-HM"], "value": 70, "as_of": "2020-01-02"},
        {"actor": "iran", "area": "SY-DY", "regions": ["SY-DY"], "value": 90, "as_of": "2020-01-05"},
        {"actor": None, "area": None, "regions": [], "value": 20, "as_of": None},
    ]).assign(measure="stock")
    ax = charts.recruits_chart(table, lang="en", n_reports=3).axes[0]
    assert [(n, w) for n, w, _ in total_bars(ax)] == [("Iran — Deir ez-Zor", 90), ("Iran — Hama", 70),
                                                       ("Unattributed — Unlocated", 20)]


def test_aid_has_one_panel_per_category_and_unit_with_sums(figures):
    fig = charts.aid_by_region(figures, lang="en")
    titles = [ax.get_title(loc="left") for ax in fig.axes]
    assert titles == ["Aid recipients (families)", "Aid amounts (food baskets)", "Aid amounts (tonnes)"]
    baskets = fig.axes[1]
    assert ticks(baskets) == ["Hama", "Deir ez-Zor"]
    assert bars(baskets)["Russia"][0] == [700, 0]  # 500 + 200, the vague 50 left out
    assert bars(baskets)["Iran"][0] == [0, 300]
    assert bars(fig.axes[2])["Russia"][0] == [40]


def test_incentive_heatmaps_count_records(incentives):
    fig = charts.incentives_by_actor_region(incentives, lang="en")
    by_title = {ax.get_title(): ax for ax in fig.axes}
    actor_ax, area_ax = by_title["By actor"], by_title["By governorate"]
    rows = ["Monthly salary", "Food aid", "Cash reward", "Conscription exemption", "Security settlement"]
    assert ticks(actor_ax) == rows
    assert ticks(actor_ax, "x") == ["Russia", "Iran", "Syrian government"]
    np.testing.assert_array_equal(actor_ax.images[0].get_array(),
                                  [[2, 1, 0], [1, 1, 0], [0, 0, 1], [1, 0, 0], [1, 0, 0]])
    # west of the Euphrates counts in Deir ez-Zor; the south in each of its three governorates
    assert ticks(area_ax, "x") == ["Deir ez-Zor", "Hama", "Daraa", "Quneitra", "As-Suwayda", "Syria (national)"]
    np.testing.assert_array_equal(area_ax.images[0].get_array(),
                                  [[2, 1, 0, 0, 0, 0], [1, 1, 0, 0, 0, 0], [0, 0, 0, 0, 0, 1],
                                   [1, 0, 0, 0, 0, 0], [0, 0, 1, 1, 1, 0]])


def test_incentive_heatmap_reads_right_to_left_in_arabic(incentives):
    fig = charts.incentives_by_actor_region(incentives, lang="ar")
    actor_ax = {ax.get_title(): ax for ax in fig.axes}[label("حسب الجهة")]
    # largest column on the right
    assert ticks(actor_ax, "x") == [label("النظام السوري"), label("إيران"), label("روسيا")]
    assert ticks(actor_ax)[0] == label("راتب شهري")
    np.testing.assert_array_equal(actor_ax.images[0].get_array()[0], [0, 1, 2])


def test_arabic_timeline_dates_are_arabic_months():
    from matplotlib.dates import date2num

    assert charts.date_label(date2num(pd.Timestamp("2018-05-01")), "ar") == label("أيار 2018")
    assert charts.date_label(date2num(pd.Timestamp("2018-01-01")), "ar") == "2018"
    assert charts.date_label(date2num(pd.Timestamp("2018-05-01")), "en") == "May 2018"
    assert charts.date_label(date2num(pd.Timestamp("2018-05-07")), "ar", day=True) == label("7 أيار 2018")


def test_map_colours_governorates_by_class_so_small_counts_differ():
    fig = charts.governorate_map({"SY-DY": 1385, "SY-HM": 10000, "SY-HL": 25}, lang="ar", value_label="عدد")
    patches = {p.get_gid(): p for p in fig.axes[0].patches}
    assert set(patches) == set(charts.governorate_names()) | {"UNDOF"}
    colours = {code: tuple(patches[code].get_facecolor()) for code in ("SY-DY", "SY-HM", "SY-HL")}
    assert len(set(colours.values())) == 3  # 25, 1,385 and 10,000 in three classes
    assert mcolors.same_color(patches["SY-HA"].get_facecolor(), charts.NO_VALUE_COLOUR)
    assert mcolors.same_color(patches["UNDOF"].get_facecolor(), charts.UNDOF_COLOUR)
    texts = {t.get_gid(): t.get_text() for t in fig.axes[0].texts}
    assert texts["label-SY-DY"] == label("دير الزور") + "\n1,385"
    assert texts["label-SY-HA"] == label("الحسكة")


@pytest.mark.parametrize(("values", "expected"), [
    ([25, 1385, 10000], [10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000, 25000]),
    ([5], [5, 10]), ([], [0.0, 1.0])])
def test_class_bounds_step_one_two_and_a_half_five(values, expected):
    bounds = charts.class_bounds(values)
    assert bounds[0] <= min(values or [0]) and bounds[-1] > max(values or [0])
    assert len(bounds) <= 8
    assert set(bounds) <= set(expected)


def test_map_hatches_areas_spanning_governorates_and_lists_them_aside():
    wider = charts.wider_areas(pd.DataFrame([
        {"actor": "russia", "area": "south", "regions": ["SY-DR", "SY-QU", "SY-SU"], "value": 5400},
        {"actor": "iran", "area": "south", "regions": ["SY-DR", "SY-QU", "SY-SU"], "value": 1900},
        {"actor": "russia", "area": "SY-HM", "regions": ["SY-HM"], "value": 10000}]), "en")
    assert wider == [{"name": "Southern Syria", "regions": ["SY-DR", "SY-QU", "SY-SU"], "value": 7300.0,
                      "text": "Russia 5,400, Iran 1,900"}]
    fig = charts.governorate_map({"SY-HM": 10000}, "en", wider=wider)
    hatched = [p for p in fig.axes[0].patches if p.get_gid() == "wider-0"]
    assert len(hatched) == 3 and all(p.get_hatch() for p in hatched)
    assert "Russia 5,400, Iran 1,900" in all_text(fig) and "Southern Syria" in all_text(fig)
    leader = {t.get_gid(): t for t in fig.axes[0].texts}["label-SY-QU"]
    assert leader.arrow_patch is not None  # Quneitra is labelled outside, with a leader line


def test_map_rings_keep_damascus_a_hole_in_rif_dimashq():
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.figure import Figure as MplFigure
    from matplotlib.patches import PathPatch

    rif = next(f for f in chart_map._features() if f["properties"]["iso_3166_2"] == "SY-RD")
    fig = MplFigure(figsize=(4, 4), dpi=100)
    canvas = FigureCanvasAgg(fig)
    ax = fig.add_axes((0, 0, 1, 1))
    ax.add_patch(PathPatch(chart_map._feature_path(rif["geometry"]), facecolor="red", edgecolor="none"))
    ax.set_xlim(35.8, 38.4)
    ax.set_ylim(32.6, 34.3)
    canvas.draw()
    pixels = np.asarray(canvas.buffer_rgba())

    def colour_at(lon, lat):
        x, y = ax.transData.transform((lon, lat))
        return tuple(pixels[int(400 - y), int(x)][:3])

    assert colour_at(36.27, 33.51) == (255, 255, 255)  # Damascus city: the hole stays empty
    assert colour_at(37.07, 33.53) == (255, 0, 0)  # the countryside around it is filled


def test_map_rejects_unknown_codes():
    with pytest.raises(ValueError, match="SY-XX"):
        charts.governorate_map({"SY-XX": 1})


def test_governorate_values_from_as_of_table(figures):
    values = charts.governorate_values(charts.latest_totals(figures))
    # Deir ez-Zor: Russia 1950 + Iran (west of the Euphrates) 2300; the south spans three: left out
    assert values == {"SY-DY": 4250.0, "SY-HL": 5400.0, "SY-HM": 1300.0}
    piped = pd.DataFrame([{"actor": "iran", "area": "SY-HM", "regions": "SY-HM", "value": 5, "as_of": None},
                          {"actor": "iran", "area": "south", "regions": "SY-DR|SY-SU", "value": 9, "as_of": None}])
    assert charts.governorate_values(piped) == {"SY-HM": 5.0}


def test_save_writes_png_and_svg(tmp_path, figures, incentives):
    written = charts.save_all(charts.all_charts(figures, incentives, "ar"), tmp_path / "charts")
    assert len(written) == 11   # five charts as PNG and SVG, and the timeline's data table
    for path in [p for p in written if p.suffix != ".csv"]:
        data = path.read_bytes()
        assert len(data) > 1000, path
        assert data.startswith(b"\x89PNG") if path.suffix == ".png" else b"<svg" in data[:400]
    assert [p.name for p in written if p.suffix == ".csv"] == ["recruits_timeline.csv"]
    assert sorted(p.name for p in written if p.suffix == ".png") == [
        "aid_by_area.png", "incentives_by_actor_area.png", "recruits_by_area_actor.png",
        "recruits_map.png", "recruits_timeline.png"]


def test_empty_input_gives_a_no_data_chart(figures, incentives):
    fig = charts.recruits_by_region_actor(figures.iloc[0:0], lang="en")
    assert "No data" in all_text(fig)
    assert "No data" in all_text(charts.incentives_by_actor_region(incentives.iloc[0:0], lang="en"))
    assert "No data" in all_text(charts.timeline(figures[figures["category"] == "aid_amount"], lang="en"))
    nothing = pd.DataFrame()  # a run that extracted no records at all
    for chart in (charts.recruits_by_region_actor, charts.aid_by_region, charts.timeline,
                  charts.incentives_by_actor_region):
        assert "No data" in all_text(chart(nothing, lang="en"))
    assert "Source: Rasd extraction from 0 reports" in all_text(charts.aid_by_region(nothing, lang="en"))


def test_labels_cover_every_contract_code():
    for code in ["russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis"]:
        assert charts.name("actor", code, "en") != code
    for code in ["cash_salary", "cash_reward", "food_aid", "clothing", "blankets_heating", "school_supplies",
                 "medical", "fuel", "property_restitution", "security_settlement", "conscription_exemption",
                 "protection", "citizenship", "service_near_home", "education_scholarship", "aid_unspecified"]:
        assert charts.name("incentive", code, "en") != code
        assert charts.name("incentive", code, "ar") != code
    assert charts.name("area", "SY-DY", "ar") == label("دير الزور")
    assert charts.name("unit", "lightyear", "en") == "lightyear"  # unknown codes shown as they are
    with pytest.raises(ValueError, match="lang"):
        charts.name("actor", "iran", "fr")


def test_a_republished_arrival_counts_once(figures):
    repeat = pd.DataFrame([figure(17, "r9", "2021-07-17", 150, measure="flow")])  # r3's 150, two days on
    ax = charts.recruits_by_region_actor(pd.concat([figures, repeat], ignore_index=True), lang="en").axes[0]
    assert ("Russia — Deir ez-Zor", 1950) in [(n, w) for n, w, _ in total_bars(ax)]


def test_tables_read_back_from_parquet_chart_the_same(tmp_path, figures, incentives):
    figures.to_parquet(tmp_path / "figures.parquet")  # regions come back as numpy arrays
    incentives.to_parquet(tmp_path / "incentives.parquet")
    back = pd.read_parquet(tmp_path / "figures.parquet")
    assert total_bars(charts.recruits_by_region_actor(back, "en").axes[0]) == \
        total_bars(charts.recruits_by_region_actor(figures, "en").axes[0])
    assert charts.governorate_values(charts.latest_totals(back)) == {"SY-DY": 4250.0, "SY-HL": 5400.0,
                                                                     "SY-HM": 1300.0}
    assert len(charts.all_charts(back, pd.read_parquet(tmp_path / "incentives.parquet"), "ar")) == 5


def test_every_code_the_extractor_emits_has_a_display_name():
    from helpers import extract
    from helpers.present import labels
    from helpers.extract import lexicons
    from helpers.extract import numbers

    emitted = {"unit": numbers.UNITS, "unit_after_number": numbers.UNITS, "category": numbers.CATEGORIES,
               "measure": extract.MEASURES, "actor": lexicons.ACTORS, "incentive": lexicons.INCENTIVES}
    for kind, codes in emitted.items():
        assert [code for code in codes if code not in labels.KINDS[kind]] == [], kind
    assert set(lexicons.GOVERNORATES) <= set(labels.governorate_names())
    assert charts.name("unit", "litre", "en") == "litres" and charts.name("unit", "litre", "ar") == label("ليترات")
