"""Every CSV Rasd writes is safe to open in a spreadsheet (OWASP CSV injection)."""
from __future__ import annotations

import csv
import io
import json

import pytest

from helpers.cli import main
from helpers.safe_csv import FORMULA_STARTS, neutralise

HOSTILE = {"id": "x", "title": "=HYPERLINK(\"http://x\")", "source": "@SUM(1)",
           "text": "+cmd|' /C calc'!A0 جندت روسيا 300 عنصر في درعا."}


@pytest.mark.parametrize("value, safe", [
    ("=1+1", "'=1+1"), ("+1", "'+1"), ("-1", "'-1"), ("@A1", "'@A1"), ("\tx", "'\tx"), ("\rx", "'\rx"),
    ("نص", "نص"), ("a=b", "a=b"), ("", ""), (-5, -5), (3.5, 3.5), (None, None),
])
def test_neutralise(value, safe):
    assert neutralise(value) == safe


@pytest.mark.parametrize("command", ["extract", "load"])
def test_cli_csv_has_no_formula_cell(tmp_path, capsys, command):
    source = tmp_path / "in.jsonl"
    source.write_text(json.dumps(HOSTILE, ensure_ascii=False) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert main([command, str(source), "--format", "csv", "--out", str(out)]) == 0
    cells = [cell for row in csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"))) for cell in row]
    assert not [cell for cell in cells if cell.startswith(FORMULA_STARTS)]
    assert "'@SUM(1)" in cells                             # the source, kept readable
    if command == "load":
        assert "'=HYPERLINK(\"http://x\")" in cells and any(cell.startswith("'+cmd|") for cell in cells)


def test_run_tables_neutralise_text_of_every_dtype(tmp_path):
    import pandas as pd

    from helpers.run.steps import write_tables

    frame = pd.DataFrame({"source": pd.array(["@SUM(1)", "ok"], dtype="string"), "title": ["=1", "-"],
                          "value": [-3, 2], "regions": [["SY-DY"], []]})
    [csv_path, _] = write_tables(tmp_path, t=frame)
    rows = list(csv.reader(io.StringIO(csv_path.read_text(encoding="utf-8"))))
    assert rows == [["source", "title", "value", "regions"], ["'@SUM(1)", "'=1", "-3", "SY-DY"], ["ok", "'-", "2", ""]]
