"""One table cell, read however it was stored and written back for CSV: shared by every stage.

`is_missing("")` is False, `regions_of("SY-DY|SY-HM")` is ['SY-DY', 'SY-HM'],
and `csv_cell(["SY-DY", "SY-HM"])` writes it back as "SY-DY|SY-HM".
"""
from __future__ import annotations

import json
import math

import pandas as pd


def is_missing(value) -> bool:
    """None, NaN and pd.NA: the one test for an empty cell (report.py adds blank text)."""
    return value is None or (isinstance(value, float) and math.isnan(value)) or value is pd.NA


def regions_of(value) -> list[str]:
    """A list cell (`regions`, `report_ids`) as a list of strings, however it was stored:
    list, tuple or array (Parquet), JSON text, 'A|B' text (our CSV files), or missing."""
    if is_missing(value):
        return []
    if isinstance(value, str):
        value = value.strip()
        if value.startswith("["):
            return [str(code) for code in json.loads(value)]
        return [part for part in value.split("|") if part]
    return [str(code) for code in value]


def csv_cell(value):
    """Lists as 'a|b', dicts as JSON, for CSV files (Parquet keeps the real types)."""
    if isinstance(value, dict):
        return json.dumps(value, ensure_ascii=False)
    items = value.tolist() if hasattr(value, "tolist") else value  # arrays (Parquet) → lists
    if isinstance(items, (list, tuple)):
        return "|".join(json.dumps(i, ensure_ascii=False) if isinstance(i, dict) else str(i) for i in items)
    return value
