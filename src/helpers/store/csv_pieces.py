"""Tables written to CSV a piece at a time: lists joined and dicts as JSON
(`helpers.cells.csv_cell`: a `regions` cell ['SY-DY', 'SY-HM'] is written SY-DY|SY-HM), and a
text cell a spreadsheet would run as a formula (`=1+2`) written with a leading apostrophe."""
from __future__ import annotations

import numpy as np
import pandas as pd

from helpers.cells import csv_cell

CSV_CHUNK_ROWS = 20_000


def write_csv_piece(csv_file, frame: pd.DataFrame, header: bool) -> None:
    """Rows of a table to an open CSV file, CSV_CHUNK_ROWS rows' cells at a time (not the table's);
    text cells neutralised, lists and dicts flattened (`csv_cell`). Plain text columns are
    neutralised column-wise; a cell by cell pass only where a column holds lists or dicts."""
    from helpers.safe_csv import FORMULA_STARTS, neutralise

    texts = frame.select_dtypes(include=["object", "string"]).columns  # text, lists and dicts
    for first in range(0, max(len(frame), 1), CSV_CHUNK_ROWS):
        flat = frame.iloc[first:first + CSV_CHUNK_ROWS].copy(deep=False)
        for column in texts:
            cells = flat[column]
            if _plain_text(cells):
                risky = cells.str.startswith(FORMULA_STARTS).fillna(False).to_numpy(bool)
                if risky.any():
                    cells = cells.copy()
                    cells[risky] = "'" + cells[risky]
                flat[column] = cells
            else:
                flat[column] = _flat_cells(cells.to_numpy(object), neutralise)
        flat.to_csv(csv_file, index=False, header=header and first == 0)


def _flat_cells(cells: np.ndarray, neutralise) -> np.ndarray:
    """`neutralise(csv_cell(value))` of each cell, computed once per distinct list or dict
    (regions and bases repeat a few shapes over a whole corpus)."""
    out = np.empty(len(cells), dtype=object)
    done: dict = {}
    for position, value in enumerate(cells):
        if isinstance(value, dict):
            key = ("dict", tuple(value.items()))
        elif isinstance(value, (list, tuple, np.ndarray)):
            key = ("list", tuple(value.tolist() if isinstance(value, np.ndarray) else value))
        else:
            out[position] = neutralise(csv_cell(value))
            continue
        try:
            found = done.get(key)
        except TypeError:   # an unhashable item (a dict in a list)
            out[position] = neutralise(csv_cell(value))
            continue
        if found is None:
            found = done[key] = neutralise(csv_cell(value))
        out[position] = found
    return out


def _plain_text(cells: pd.Series) -> bool:
    """A column of text (or missing) only: no lists, dicts or numbers among its cells."""
    if isinstance(cells.dtype, pd.StringDtype):
        return True
    if cells.dtype != object:
        return False
    kinds = set(map(type, cells.to_numpy(object)))
    return kinds <= {str, type(None)}
