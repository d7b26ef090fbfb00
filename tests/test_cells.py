"""The shared cell helpers: missing values, list cells read back from CSV, Parquet and JSON."""
import math

import numpy as np
import pandas as pd
from hypothesis import given
from hypothesis import strategies as st

from helpers.cells import csv_cell, is_missing, regions_of


def test_missing_values_are_none_nan_and_na_but_not_blank_text():
    assert [is_missing(v) for v in (None, math.nan, pd.NA, "", 0, "SY-DY")] == [
        True, True, True, False, False, False]


def test_list_cells_read_from_every_stored_form():
    assert regions_of("SY-DY|SY-HM") == ["SY-DY", "SY-HM"]
    assert regions_of('["SY-DR", "SY-QU"]') == ["SY-DR", "SY-QU"]
    assert regions_of(np.array(["SY-HA"])) == ["SY-HA"]
    assert regions_of(None) == [] and regions_of("") == []


def test_csv_cell_joins_lists_and_writes_dicts_as_json():
    assert csv_cell(["SY-DY", "SY-HM"]) == "SY-DY|SY-HM"
    assert csv_cell({"actor": "frame"}) == '{"actor": "frame"}'
    assert csv_cell(1270) == 1270


codes = st.text(alphabet="ABCDEFGHIJKLMNOPQRSTUVWXYZ-ابتثدير", min_size=1, max_size=8)


@given(st.lists(codes, max_size=6))
def test_a_list_written_for_csv_reads_back_the_same(items):
    assert regions_of(csv_cell(items)) == items
    assert regions_of(csv_cell(np.array(items, dtype=object))) == items
