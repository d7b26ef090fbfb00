"""Property-based tests (hypothesis) of the recruits timeline over odd tables: empty, one
report, one actor, hundreds of actors, one day, ten years, missing and unreadable dates,
missing and non-finite values. Each point must be the sum of the records it names, each
countable arrival drawn once, and the chart bounded whatever the table holds."""
from __future__ import annotations

import math

import matplotlib

matplotlib.use("Agg")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402
import pytest  # noqa: E402
from hypothesis import HealthCheck, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from matplotlib.backends.backend_agg import FigureCanvasAgg  # noqa: E402
from matplotlib.text import Text  # noqa: E402

from helpers.analysis.aggregate import mark_repeats  # noqa: E402
from helpers.present import timeline  # noqa: E402
from helpers.present.chart_base import chart_data  # noqa: E402
from helpers.records import FIGURE_COLUMNS  # noqa: E402

CONTRACT_ACTORS = ["russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis", None]
AREAS = ["SY-DY", "SY-HM", "SY-HL", "SY-HI", "SY-DR", "SY-RA", "SY-ID", "SY-LA", "south", "west_euphrates",
         "national", "abroad", None]
KINDS = [("recruits", "stock"), ("recruits", "flow"), ("recruits", "target"), ("aid_recipients", None)]
TEN_YEARS = st.dates(min_value=pd.Timestamp("2015-01-01").date(), max_value=pd.Timestamp("2024-12-31").date()).map(str)
UNREADABLE = st.sampled_from([None, "not a date", "", "2021-13-45", float("nan")])
VALUES = st.one_of(st.integers(0, 10**6).map(float), st.sampled_from([0.0, 1.0, 10.0**15, math.nan, math.inf]))


@st.composite
def record(draw, actors=st.sampled_from(CONTRACT_ACTORS), dates=TEN_YEARS, reports=st.integers(0, 8)):
    number = draw(st.integers(0, 10**6))
    category, measure = draw(st.sampled_from(KINDS))
    area = draw(st.sampled_from(AREAS))
    report = draw(reports)
    return {"id": f"r{report}:f:{number}", "report_id": f"r{report}", "report_date": draw(dates),
            "value": draw(VALUES), "value_min": None, "value_max": None,
            "qualifier": draw(st.sampled_from(["exact", "approx", "more_than", "vague"])), "unit": "person",
            "category": category, "measure": measure, "actor": draw(actors), "actor_text": None,
            "regions": [area] if area and area.startswith("SY-") else [], "area": area, "area_text": None,
            "text": "٣٠٠", "start": number, "end": number + 3, "sentence": "جملة", "sentence_start": 0,
            "source": None, "type": "figure"}


TABLES = st.one_of(
    st.just([]),                                                                             # empty
    st.lists(record(reports=st.just(0)), min_size=1, max_size=6),                            # one report
    st.lists(record(actors=st.just("iran")), min_size=1, max_size=20),                       # one actor
    st.builds(lambda rows, count: [row | {"id": f"{row['id']}:{n}", "actor": f"militia_{n}"}   # hundreds of actors
                                   for n in range(count) for row in rows],
              st.lists(record(), min_size=1, max_size=3), st.integers(100, 300)),
    st.lists(record(dates=st.just("2020-02-29")), min_size=1, max_size=15),                  # one day
    st.lists(record(dates=st.sampled_from(["2015-01-01", "2024-12-31"]) | TEN_YEARS), min_size=2, max_size=30),
    st.lists(record(dates=UNREADABLE | TEN_YEARS), min_size=1, max_size=20),                 # missing dates
)


def frame(rows: list[dict]) -> pd.DataFrame:
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS).drop_duplicates("id").reset_index(drop=True)


def countable(figures: pd.DataFrame) -> pd.DataFrame:
    """The records a timeline may draw, worked out here from the contract: recruits,
    running totals and arrivals, not vague, not a repeat, a finite value, a readable date."""
    if figures.empty:
        return figures
    marked = mark_repeats(figures)
    dates = pd.to_datetime(marked["report_date"], errors="coerce")
    values = pd.to_numeric(marked["value"], errors="coerce").astype(float)
    keep = ((marked["category"] == "recruits") & marked["measure"].isin(["stock", "flow"])
            & (marked["qualifier"] != "vague") & marked["repeat_of"].isna() & np.isfinite(values) & dates.notna())
    return marked.assign(value=values, date=dates.dt.normalize())[keep.to_numpy(bool)].set_index("id")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(TABLES)
def test_every_point_is_the_sum_of_the_records_it_names(rows):
    figures = frame(rows)
    table = timeline.timeline_table(figures)
    records = countable(figures)
    assert table.empty == records.empty
    if table.empty:
        return
    # bounded: at most four actors and six areas by name, plus one "other" each
    actors, areas = set(table["actor"]), set(table["area"])
    assert len(actors - {timeline.OTHER}) <= timeline.MAX_ACTOR_PANELS + (timeline.OTHER not in actors)
    assert len(areas - {timeline.OTHER}) <= timeline.MAX_AREA_LINES + (timeline.OTHER not in areas)
    named = {"" if a is None or a != a else a for a in records["actor"]}
    assert (timeline.OTHER in actors) == (len(named) > timeline.MAX_ACTOR_PANELS + 1)
    # periods: months, or weeks (Mondays) when the reports span less than SHORT_SPAN_DAYS
    span = (records["date"].max() - records["date"].min()).days
    periods = pd.to_datetime(table["period"])
    if span < timeline.SHORT_SPAN_DAYS:
        assert set(table["period_kind"]) == {"week"} and (periods.dt.day_of_week == 0).all()
    else:
        assert set(table["period_kind"]) == {"month"} and (periods.dt.day == 1).all()
    step = pd.Timedelta(days=7) if span < timeline.SHORT_SPAN_DAYS else pd.offsets.MonthBegin(1)
    for _, row in table.iterrows():
        ids = row["figure_ids"].split("|")
        named_records = records.loc[ids]
        start = pd.Timestamp(row["period"])
        assert row["records"] == len(ids)
        assert set(named_records["measure"]) == {row["measure"]}
        assert row["value"] == pytest.approx(named_records["value"].sum(), rel=1e-12)
        assert row["report_ids"].split("|") == list(dict.fromkeys(named_records["report_id"]))
        assert (named_records["date"] < start + step).all()   # nothing from a later period
        if row["measure"] == "flow":   # arrivals of this period only
            assert (named_records["date"] >= start).all()
        else:   # one running total per actor and area, one of them from this period
            assert not named_records[["actor", "area"]].astype(str).duplicated().any()
            assert (named_records["date"] >= start).any()
    # every countable arrival is drawn once, and they add up to the arrivals reported
    flows = table[table["measure"] == "flow"]
    flow_ids = [i for cell in flows["figure_ids"] for i in cell.split("|")]
    assert sorted(flow_ids) == sorted(records.index[records["measure"] == "flow"])
    # one series is one actor, area and measure, its periods in order
    for _, series in table.groupby("series"):
        assert len(series[["actor", "area", "measure"]].drop_duplicates()) == 1
        assert series["period"].is_monotonic_increasing and not series["period"].duplicated().any()


@settings(max_examples=6, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(TABLES, st.sampled_from(["ar", "en"]))
def test_the_chart_draws_its_table_with_a_bounded_legend(rows, lang):
    fig = timeline.timeline(frame(rows), lang)
    FigureCanvasAgg(fig).draw()   # rendering finds NaN/inf axis limits too
    table = chart_data(fig)
    if table is None:
        assert any(t.get_text() in ("No data", "لا توجد بيانات") for t in fig.findobj(Text))
        return
    drawn = {line.get_gid(): list(line.get_ydata()) for ax in fig.axes for line in ax.get_lines()}
    assert drawn == {f"timeline-{n}": list(part["value"]) for n, part in table.groupby("series")}
    entries = [t.get_text() for legend in fig.legends for t in legend.get_texts() if t.get_text().strip()]
    assert len(entries) == table["area"].nunique() + 2 <= timeline.MAX_AREA_LINES + 3
    assert len(fig.axes) == table["actor"].nunique() <= timeline.MAX_ACTOR_PANELS + 1
