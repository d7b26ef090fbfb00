"""Analyst corrections, kept in data/corrections.csv and applied on every run.

Columns: `id` (a figure or incentive record id), `action` (`correct` or
`reject`), `field` and `value` (for `correct`: the field to change and its new
value; lists such as `regions` are written `SY-DR|SY-QU`), `reason`.
A bad row is reported with its file and line and skipped; a correction whose
record no longer exists is listed as orphaned, never dropped silently.
"""
from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.extract import MEASURES
from helpers.labels import is_missing, regions_of
from helpers.lexicons import ACTORS, GOVERNORATES, INCENTIVES
from helpers.numbers import CATEGORIES, QUALIFIERS
from helpers.records import Rejection

COLUMNS = ["id", "action", "field", "value", "reason"]
CHOICES = {  # the contract's codes, as the extractor defines them
    "qualifier": QUALIFIERS,
    "category": CATEGORIES,
    "measure": MEASURES + ("",),
    "actor": ACTORS + ("",),
    "incentive": INCENTIVES,
}
NUMBERS = ("value", "value_min", "value_max")
FREE_TEXT = ("unit", "area", "report_date")
LIST_FIELDS = ("regions",)
EDITABLE = tuple(CHOICES) + NUMBERS + FREE_TEXT + LIST_FIELDS
APPLIED_COLUMNS = ["id", "action", "field", "old", "new", "reason", "line"]


@dataclass
class CorrectionReport:
    applied: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=APPLIED_COLUMNS))
    orphans: pd.DataFrame = field(default_factory=lambda: pd.DataFrame(columns=COLUMNS + ["line"]))
    problems: list[Rejection] = field(default_factory=list)

    def applied_as_text(self) -> pd.DataFrame:
        """`applied` with old and new values as text, for files and reports."""
        return self.applied.assign(old=self.applied["old"].map(_as_text), new=self.applied["new"].map(_as_text))


def _as_text(value) -> str:
    """A cell as text; lists (arrays, once read back from Parquet) as 'A|B'."""
    if is_missing(value):
        return ""
    if isinstance(value, (list, tuple, np.ndarray)):
        return "|".join(regions_of(value))
    return str(value)


class CorrectionsError(ValueError):
    """The corrections file as a whole cannot be read: `file[:line]: reason`, one line."""


def check_readable(path: Path | str) -> None:
    """Raise CorrectionsError unless `path` is a corrections file that can be read."""
    read_corrections(path, required=True)


def read_corrections(path: Path | str, required: bool = False) -> tuple[list[dict], list[Rejection]]:
    """Valid rows (each with its `line`) and the problems of the others. A file
    that cannot be read at all (a folder, not UTF-8, broken CSV) raises
    CorrectionsError; so does a missing one when `required` (the user named it)."""
    path = Path(path)
    if not path.exists():
        if required:
            raise CorrectionsError(f"{path}: no such corrections file")
        return [], []
    if path.is_dir():
        raise CorrectionsError(f"{path}: is a folder, not a corrections file")
    try:
        data = path.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as error:
        raise CorrectionsError(f"{path}: cannot read: {error.strerror or error}") from None
    except UnicodeDecodeError as error:
        line = data[:error.start].count(b"\n") + 1
        raise CorrectionsError(f"{path}:{line}: not UTF-8 (byte 0x{data[error.start]:02x}); "
                               "save the file as UTF-8") from None
    if not text.strip():
        return [], []
    try:
        return _rows(path, text)
    except csv.Error as error:
        raise CorrectionsError(f"{path}: broken CSV: {error}") from None


def _rows(path: Path, text: str) -> tuple[list[dict], list[Rejection]]:
    rows, problems = [], []
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or [h.strip() for h in reader.fieldnames] != COLUMNS:
        return [], [Rejection(str(path), 1, f"header must be {','.join(COLUMNS)}")]
    for row in reader:
        line = reader.line_num
        row = {key: (value or "").strip() for key, value in row.items() if key}
        problem = _problem(row)
        if problem:
            problems.append(Rejection(str(path), line, problem))
        else:
            rows.append(row | {"line": line})
    return rows, problems


def _problem(row: dict) -> str | None:
    if not row["id"]:
        return "no record id"
    if row["action"] not in ("correct", "reject"):
        return f"action must be correct or reject, not {row['action']!r}"
    if not row["reason"]:
        return "every correction needs a reason"
    if row["action"] == "reject":
        return None
    name, value = row["field"], row["value"]
    if name not in EDITABLE:
        return f"field {name!r} cannot be corrected (editable: {', '.join(EDITABLE)})"
    if name in CHOICES and value not in CHOICES[name]:
        return f"{value!r} is not a valid {name}"
    if name in NUMBERS and value:
        try:
            float(value)
        except ValueError:
            return f"{name} must be a number, not {value!r}"
    if name in LIST_FIELDS and any(code not in GOVERNORATES for code in value.split("|") if code):
        return f"regions must be governorate codes such as SY-DY, not {value!r}"
    return None


def apply_corrections(frames: dict[str, pd.DataFrame], corrections: list[dict]
                      ) -> tuple[dict[str, pd.DataFrame], CorrectionReport]:
    """Apply corrections to record tables (e.g. figures and incentives), each
    with an `id` column. Ids missing from every table are orphans."""
    frames = {name: frame.copy() for name, frame in frames.items()}
    where = {record_id: (name, position) for name, frame in frames.items()
             for position, record_id in zip(frame.index, frame["id"])}
    applied, orphans, rejected = [], [], {name: [] for name in frames}
    for row in corrections:
        if row["id"] not in where:
            orphans.append({c: row[c] for c in COLUMNS + ["line"]})
            continue
        name, position = where[row["id"]]
        if row["action"] == "reject":
            rejected[name].append(position)
            applied.append(_applied(row, None, None))
            continue
        frame = frames[name]
        if row["field"] not in frame.columns:
            orphans.append({c: row[c] for c in COLUMNS + ["line"]})
            continue
        old, new = frame.at[position, row["field"]], _typed(row["field"], row["value"])
        frame.at[position, row["field"]] = new
        applied.append(_applied(row, old, new))
    frames = {name: frame.drop(index=rejected[name]) for name, frame in frames.items()}
    report = CorrectionReport(pd.DataFrame(applied, columns=APPLIED_COLUMNS),
                              pd.DataFrame(orphans, columns=COLUMNS + ["line"]))
    return frames, report


def _typed(name: str, value: str):
    if name in NUMBERS:
        number = float(value) if value else None
        return int(number) if number is not None and number.is_integer() else number
    if name in LIST_FIELDS:
        return [code for code in value.split("|") if code]
    return value or None


def _applied(row: dict, old, new) -> dict:
    return {"id": row["id"], "action": row["action"], "field": row["field"] or None,
            "old": old, "new": new, "reason": row["reason"], "line": row["line"]}
