"""Property-based tests (hypothesis): charts and aggregation over generated
tables — empty, one row, NaN, huge values, all abroad, all national — never
stop the report, and the totals keep their meaning."""
from __future__ import annotations

import math

import pandas as pd
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from matplotlib.backends.backend_agg import FigureCanvasAgg

from helpers.analysis.aggregate import (
    CONTRADICTION_DAYS,
    aggregate,
    aid_totals,
    contradictions,
    mark_repeats,
    recruits_as_of,
)
from helpers.present import charts
from helpers.records import FIGURE_COLUMNS, INCENTIVE_COLUMNS

ACTORS = [None, "russia", "iran", "turkey", "regime"]
PLACES = [  # (area, regions): a governorate, a macro-area over two, national, abroad
    ("SY-DY", ["SY-DY"]), ("SY-HM", ["SY-HM"]), ("south", ["SY-DR", "SY-QU", "SY-SU"]),
    (None, []), ("abroad", []),
]
KINDS = [("recruits", "stock", "person"), ("recruits", "flow", "person"), ("recruits", "target", "person"),
         ("aid_recipients", None, "family"), ("aid_amount", None, "food_basket"), ("aid_recipients", None, None),
         ("salary", None, "usd"),
         ("other", None, None)]
FINITE = st.one_of(st.integers(0, 10**14), st.floats(0, 1e14, allow_nan=False), st.sampled_from([0, 1, 10**14]))
DATES = st.one_of(st.none(), st.dates(min_value=pd.Timestamp("2018-01-01").date(),
                                      max_value=pd.Timestamp("2025-12-31").date()).map(str))


@st.composite
def figure_rows(draw, values=FINITE, places=st.sampled_from(PLACES)):
    number = draw(st.integers(0, 10**6))
    category, measure, unit = draw(st.sampled_from(KINDS))
    area, regions = draw(places)
    value = draw(values)
    return {
        "id": f"r{number % 7}:f:{number}", "report_id": f"r{number % 7}", "report_date": draw(DATES),
        "value": value, "value_min": None, "value_max": None,
        "qualifier": draw(st.sampled_from(["exact", "approx", "more_than", "vague"])),
        "unit": unit, "category": category, "measure": measure, "actor": draw(st.sampled_from(ACTORS)),
        "actor_text": None, "regions": list(regions), "area": area, "area_text": None, "text": "٣٠٠",
        "start": number, "end": number + 3, "sentence": "جملة", "sentence_start": 0,
        "source": draw(st.sampled_from([None, "مصدر", "=HYPERLINK(1)"])), "type": "figure",
    }


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).drop_duplicates("id")


def incentives_of(figures: pd.DataFrame) -> pd.DataFrame:
    rows = [{"id": f"{r.report_id}:i:food_aid:{r.actor}", "report_id": r.report_id, "report_date": r.report_date,
             "incentive": "food_aid", "actor": r.actor, "actor_text": None, "regions": r.regions, "area": r.area,
             "area_text": None, "figure_id": None, "text": "سلال", "start": 0, "end": 4, "sentence": "جملة",
             "sentence_start": 0, "source": None, "type": "incentive"} for r in figures.itertuples()]
    return pd.DataFrame(rows, columns=INCENTIVE_COLUMNS).drop_duplicates("id")


TABLES = st.one_of(
    st.just([]),                                                    # empty
    st.lists(figure_rows(), min_size=1, max_size=1),                # a single row
    st.lists(figure_rows(), max_size=25),
    st.lists(figure_rows(places=st.just(("abroad", []))), min_size=1, max_size=10),   # all abroad
    st.lists(figure_rows(places=st.just((None, []))), min_size=1, max_size=10),       # all national
    st.lists(figure_rows(values=st.just(10**15 - 1)), min_size=1, max_size=5),          # huge values
)
SLOW = settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SLOW
@given(TABLES, st.sampled_from(["ar", "en"]))
def test_every_chart_draws_from_any_valid_table(rows, lang):
    figures = frame(rows)
    failures: dict[str, str] = {}
    drawn = charts.all_charts(figures, incentives_of(figures), lang, failures)
    for fig in drawn.values():
        FigureCanvasAgg(fig).draw()           # rendering finds NaN/inf axis limits too
    assert list(drawn) == ["recruits_by_area_actor", "recruits_map", "aid_by_area",
                           "incentives_by_actor_area", "recruits_timeline"]
    assert failures == {}


@settings(max_examples=3, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                HealthCheck.function_scoped_fixture])
@given(st.lists(figure_rows(values=st.sampled_from([math.nan, math.inf, -math.inf, 10**300])), min_size=1,
                max_size=6))
def test_a_chart_that_cannot_be_drawn_never_stops_the_others(tmp_path, rows):
    figures = frame(rows)
    failures: dict[str, str] = {}
    written = charts.save_all(charts.all_charts(figures, incentives_of(figures), "en", failures), tmp_path, failures)
    names = ["recruits_by_area_actor", "recruits_map", "aid_by_area", "incentives_by_actor_area", "recruits_timeline"]
    assert sorted(p.name for p in written if p.suffix != ".csv") == sorted(f"{n}.{ext}" for n in names
                                                                           for ext in ("png", "svg"))
    assert {p.name for p in written if p.suffix == ".csv"} <= {"recruits_timeline.csv"}
    assert all(p.stat().st_size > 0 for p in written)
    assert set(failures) <= set(names)
    assert all(reason.split(":")[0].isidentifier() for reason in failures.values())   # `ValueError: …`


def test_the_empty_aid_panel_of_the_held_out_run_is_drawn():
    """An aid figure without a unit used to give an empty panel and `left.max()` of nothing."""
    row = figure_rows().example() | {"category": "aid_recipients", "measure": None, "unit": None, "value": 40,
                                      "report_date": "2024-01-01", "area": "SY-DY", "regions": ["SY-DY"]}
    failures: dict[str, str] = {}
    fig = charts.drawn("aid_by_area", lambda: charts.aid_by_region(frame([row]), "en"), "en", failures)
    FigureCanvasAgg(fig).draw()
    assert failures == {}


@settings(max_examples=25, deadline=None)
@given(TABLES)
def test_aggregation_keeps_its_meaning_on_any_table(rows):
    figures = frame(rows)
    result = aggregate(figures)
    table = result.table()
    assert table["value"].map(lambda v: math.isfinite(v) and v >= 0).all()
    # running totals and arrivals are never summed across actors and areas: each row is one group
    assert not table.duplicated(["actor", "area", "measure", "category", "unit", "destination"]).any()
    recruits = recruits_as_of(mark_repeats(figures))
    countable = figures[(figures["category"] == "recruits") & (figures["qualifier"] != "vague")]
    assert recruits.empty == countable[countable["measure"].isin(["stock", "flow", "target"])].empty
    if not recruits.empty:   # a total never exceeds what its reports said, added up
        # (summed in another order: equal within a relative rounding error at large values)
        assert recruits["value"].sum() <= countable["value"].sum() * (1 + 1e-9) + 1e-6
    aid = aid_totals(mark_repeats(figures))
    assert set(aid["category"]) <= {"aid_recipients", "aid_amount"}


CLOSE_DATES = st.one_of(st.none(), st.dates(min_value=pd.Timestamp("2021-01-01").date(),
                                            max_value=pd.Timestamp("2021-02-15").date()).map(str))
RUNNING_TOTALS = st.lists(figure_rows(values=st.sampled_from([100, 100.0, 120, 150]),
                                      places=st.sampled_from(PLACES[:2] + PLACES[3:4])), min_size=1, max_size=30).map(
    lambda rows: [row | {"category": "recruits", "measure": "stock", "unit": "person", "qualifier": "exact"}
                  for row in rows])


def close(earlier, later) -> bool:
    return pd.isna(earlier) or pd.isna(later) or abs((later - earlier).days) <= CONTRADICTION_DAYS


@settings(max_examples=40, deadline=None)
@given(RUNNING_TOTALS, st.data())
def test_contradictions_lose_no_disagreement_and_grow_with_the_totals(rows, data):
    for row in rows:
        row["report_date"] = data.draw(CLOSE_DATES)
    figures = frame(rows)
    table = contradictions(figures)
    figures = figures.assign(when=pd.to_datetime(figures["report_date"]),
                             group=figures["actor"].fillna("-") + "/" + figures["area"].fillna("-"))
    record = figures.set_index("id")
    # every row is a real disagreement: one group, two reports, two values, close dates, a before b
    for a, b in zip(table["figure_a"], table["figure_b"]):
        first, second = record.loc[a], record.loc[b]
        assert first["group"] == second["group"]
        assert first["value"] != second["value"] and first["report_id"] != second["report_id"]
        assert close(first["when"], second["when"])
        assert pd.isna(second["when"]) or first["when"] <= second["when"]
    # each running total is side b of one row at most: the table grows with the totals
    assert not table["figure_b"].duplicated().any()
    # no disagreement is lost: of two close totals from two reports that differ, the later
    # (either one, on one date or both undated) is side b of a row
    sides = set(table["figure_b"])
    for _, group in figures.groupby("group"):
        items = list(group.itertuples())
        for i, a in enumerate(items):
            for b in items[i + 1:]:
                if a.value != b.value and a.report_id != b.report_id and close(a.when, b.when):
                    assert a.id in sides or b.id in sides, (a.id, b.id)
                    order = sorted([a, b], key=lambda item: (pd.isna(item.when), item.when if pd.notna(item.when) else 0))
                    if (pd.isna(a.when), a.when) != (pd.isna(b.when), b.when) and not (pd.isna(a.when) and pd.isna(b.when)):
                        assert order[1].id in sides, (a.id, b.id)
