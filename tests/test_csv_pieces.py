"""CSV written a piece at a time: the same file as one piece, lists joined, formulas defused."""
import io

import pandas as pd

from helpers.store import csv_pieces


def _written(frame: pd.DataFrame) -> str:
    out = io.StringIO()
    csv_pieces.write_csv_piece(out, frame, header=True)
    return out.getvalue()


def test_cells_are_flattened_and_formulas_get_an_apostrophe():
    frame = pd.DataFrame({"regions": [["SY-DY", "SY-HM"], []], "sentence": ["=1+2", "بلغ 1270"],
                          "basis": [{"actor": "frame"}, None], "value": [1270, 150]})
    assert _written(frame).splitlines() == [
        "regions,sentence,basis,value",
        "SY-DY|SY-HM,'=1+2,\"{\"\"actor\"\": \"\"frame\"\"}\",1270",
        ",بلغ 1270,,150",
    ]


def test_pieces_of_three_rows_write_the_same_file_as_one(monkeypatch):
    frame = pd.DataFrame({"id": [f"r{i}" for i in range(8)], "regions": [["SY-DR"]] * 8,
                          "text": ["+مئة", "ألف"] * 4})
    whole = _written(frame)
    monkeypatch.setattr(csv_pieces, "CSV_CHUNK_ROWS", 3)
    assert _written(frame) == whole and whole.count("\n") == 9
