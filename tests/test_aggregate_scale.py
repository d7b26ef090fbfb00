"""The columnar aggregation gives what the plain definition gives, on random series
full of ties, undated reports, repeats and close dates. The reference below is
the rule written out record by record (all pairs, one row at a time): slow, plain,
and the definition the vectorised code must match."""
import random

import pandas as pd
import pytest

from helpers.analysis.aggregate import (CONTRADICTION_DAYS, REPEAT_DAYS, aggregate, contradictions, mark_repeats,
                               recruits_as_of)
from helpers.records import FIGURE_COLUMNS


def random_figures(seed: int, count: int) -> pd.DataFrame:
    rng = random.Random(seed)
    rows = []
    for number in range(count):
        row = dict.fromkeys(FIGURE_COLUMNS)
        undated = rng.random() < 0.08
        row.update(
            id=f"f{number}", report_id=f"r{rng.randint(0, count // 3)}",
            report_date=None if undated else f"2021-{rng.randint(1, 3):02d}-{rng.randint(1, 28):02d}",
            value=rng.choice([100, 120, 150, 200, 250.5]), qualifier=rng.choice(["exact", "approx", "vague"]),
            unit="person", category=rng.choice(["recruits", "recruits", "aid_recipients"]),
            measure=rng.choice(["stock", "stock", "flow", "target"]), actor=rng.choice(["iran", "russia", None]),
            area=rng.choice(["SY-DY", "SY-DR", "abroad", None]), area_text=rng.choice(["ليبيا", "أذربيجان"]),
            regions=["SY-DY"], start=rng.randint(0, 500), sentence=f"sentence {number}",
            source=rng.choice(["a", "b", None]))
        rows.append(row)
    return pd.DataFrame(rows, columns=FIGURE_COLUMNS)


def reference_repeats(figures, groups, days=REPEAT_DAYS):
    dates = pd.to_datetime(figures["report_date"], errors="coerce")
    order = figures.assign(_date=dates).sort_values(["_date", "report_id", "start"], na_position="last", kind="stable")
    kept, repeat_of = {}, {}
    for _, row in order.iterrows():
        key = tuple(None if pd.isna(row[c]) else row[c] for c in ["category", "measure", "actor", "area", "unit", "value"])
        group = groups.get(row["report_id"], row["report_id"])
        for kept_id, kept_date, kept_group, kept_report in kept.get(key, []):
            if kept_report == row["report_id"]:
                continue
            close = pd.notna(kept_date) and pd.notna(row["_date"]) and abs((row["_date"] - kept_date).days) <= days
            if kept_group == group or close:
                repeat_of[row["id"]] = kept_id
                break
        else:
            kept.setdefault(key, []).append((row["id"], row["_date"], group, row["report_id"]))
    return [repeat_of.get(i) for i in figures["id"]]


def reference_pairs(marked, days=CONTRADICTION_DAYS):
    frame = marked[(marked["category"] == "recruits") & (marked["qualifier"] != "vague")
                   & marked["repeat_of"].isna() & (marked["measure"] == "stock")]
    frame = frame.assign(_date=pd.to_datetime(frame["report_date"], errors="coerce"),
                         _dest=[t if a == "abroad" else "" for a, t in zip(frame["area"], frame["area_text"])])
    frame = frame.sort_values("_date")  # as the rule was first written: ties in quicksort order
    pairs = []
    for _, group in frame.groupby(["actor", "area", "_dest"], dropna=False, sort=True):
        records = [r for _, r in group.iterrows()]
        for i, first in enumerate(records):
            for second in records[i + 1:]:
                if (second["_date"] - first["_date"]).days > days:
                    break
                if first["value"] != second["value"] and first["report_id"] != second["report_id"]:
                    pairs.append((first["id"], second["id"]))
    return pairs


@pytest.mark.parametrize("seed", range(8))
def test_repeats_match_the_record_by_record_rule(seed):
    figures = random_figures(seed, 300)
    groups = {f"r{n}": f"r{n - n % 4}" for n in range(100)}  # every four reports republish the first
    assert mark_repeats(figures, groups)["repeat_of"].tolist() == reference_repeats(figures, groups)


@pytest.mark.parametrize("seed", range(8))
def test_contradictions_match_all_pairs(seed):
    marked = mark_repeats(random_figures(seed, 300))
    table = contradictions(marked)
    sentence_id = dict(zip(marked["sentence"], marked["id"]))
    found = [(sentence_id[a], sentence_id[b]) for a, b in zip(table["sentence_a"], table["sentence_b"])]
    assert found == reference_pairs(marked)
    assert len(found) > 0


def missing_as_dash(value):
    return "-" if value is None or pd.isna(value) else value


def test_latest_total_and_its_conflicts_on_a_random_series():
    marked = mark_repeats(random_figures(3, 300))
    table = recruits_as_of(marked, as_of="2021-02-15")
    stocks = table[table["measure"] == "stock"]
    assert len(stocks) > 3
    dated = marked.assign(_date=pd.to_datetime(marked["report_date"]))
    for row in stocks.itertuples():
        chosen = dated.set_index("id").loc[row.figure_ids[0]]
        same = dated[(dated["category"] == "recruits") & (dated["measure"] == "stock") & (dated["qualifier"] != "vague")
                     & dated["repeat_of"].isna() & (dated["actor"].fillna("-") == missing_as_dash(row.actor))
                     & (dated["area"].fillna("-") == missing_as_dash(row.area)) & (dated["_date"] <= "2021-02-15")]
        if row.area == "abroad":
            same = same[same["area_text"] == row.destination]
        # the chosen total is the latest dated one (the largest value on its date)
        assert chosen["_date"] == same["_date"].max()
        assert chosen["value"] == same[same["_date"] == chosen["_date"]]["value"].max()
        for conflict in row.conflicts:
            assert conflict["value"] != chosen["value"] and conflict["report_id"] != chosen["report_id"]


def test_empty_input_gives_empty_tables():
    result = aggregate(pd.DataFrame(columns=FIGURE_COLUMNS))
    assert result.recruits.empty and result.aid.empty and result.contradictions.empty
    assert list(result.contradictions.columns)[:3] == ["actor", "area", "value_a"]
