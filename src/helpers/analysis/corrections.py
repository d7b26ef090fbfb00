"""Analyst corrections, kept in data/corrections.csv and applied on every run.

Columns: `id` (a figure or incentive record id), `action` (`correct`,
`reject` or `accept`), `field` and `value` (for `correct`: the field to change
and its new value; lists such as `regions` are written `SY-DR|SY-QU`),
`reason`, and optionally `reviewed_by`, `reviewed_at` (who decided, and when).
Files with only the first five columns read as before.
A bad row is reported with its file and line and skipped; a correction whose
record no longer exists is listed as orphaned, never dropped silently.

Reviewed records: an `accept` row (the analyst confirmed the record as read)
or a `correct` row (the analyst read it and fixed a field) marks the record
`reviewed` in the corrected tables; the totals built on it can then say so.

Two analysts may write at once: `append_decision` takes an exclusive lock
(`fcntl.flock`, on `<file>.lock` beside the file) around each append, so rows
are never interleaved or lost.
"""
from __future__ import annotations

import csv
import io
import os
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd

from helpers.extract import MEASURES
from helpers.cells import is_missing, regions_of
from helpers.extract.lexicons import ACTORS, GOVERNORATES, INCENTIVES
from helpers.extract.numbers import CATEGORIES, QUALIFIERS
from helpers.records import Rejection

COLUMNS = ["id", "action", "field", "value", "reason"]
REVIEW_COLUMNS = ["reviewed_by", "reviewed_at"]  # optional; written by the review notebook
ACTIONS = ("correct", "reject", "accept")
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
APPLIED_COLUMNS = ["id", "action", "field", "old", "new", "reason", "line", "reviewed_by"]


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
    header = [h.strip() for h in reader.fieldnames or []]
    if header not in (COLUMNS, COLUMNS + REVIEW_COLUMNS):
        return [], [Rejection(str(path), 1, f"header must be {','.join(COLUMNS)} "
                                            f"(optionally then {','.join(REVIEW_COLUMNS)})")]
    reader.fieldnames = header
    for row in reader:
        line = reader.line_num
        row = {key: (value or "").strip() for key, value in row.items() if key}
        row = dict.fromkeys(REVIEW_COLUMNS, "") | row
        problem = _problem(row)
        if problem:
            problems.append(Rejection(str(path), line, problem))
        else:
            rows.append(row | {"line": line})
    return rows, problems


def _problem(row: dict) -> str | None:
    if not row["id"]:
        return "no record id"
    if row["action"] not in ACTIONS:
        return f"action must be correct, reject or accept, not {row['action']!r}"
    if row["action"] == "accept":
        return None
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
    with an `id` column. Ids missing from every table are orphans. Every table
    gains `reviewed` (an analyst accepted or corrected the record) and
    `reviewed_by` (who, the latest decision's)."""
    frames = {name: frame.assign(reviewed=False, reviewed_by=None) for name, frame in frames.items()}
    where = {record_id: (name, position) for name, frame in frames.items()
             for position, record_id in zip(frame.index, frame["id"])}
    applied, orphans, rejected = [], [], {name: [] for name in frames}
    for row in corrections:
        if row["id"] not in where:
            orphans.append({c: row[c] for c in COLUMNS + ["line"]})
            continue
        name, position = where[row["id"]]
        frame = frames[name]
        if row["action"] == "reject":
            rejected[name].append(position)
            applied.append(_applied(row, None, None))
            continue
        if row["action"] == "accept":
            _mark_reviewed(frame, position, row)
            applied.append(_applied(row, None, None))
            continue
        if row["field"] not in frame.columns:
            orphans.append({c: row[c] for c in COLUMNS + ["line"]})
            continue
        old, new = frame.at[position, row["field"]], _typed(row["field"], row["value"])
        frame.at[position, row["field"]] = new
        _mark_reviewed(frame, position, row)
        applied.append(_applied(row, old, new))
    frames = {name: frame.drop(index=rejected[name]) for name, frame in frames.items()}
    report = CorrectionReport(pd.DataFrame(applied, columns=APPLIED_COLUMNS),
                              pd.DataFrame(orphans, columns=COLUMNS + ["line"]))
    return frames, report


def _mark_reviewed(frame: pd.DataFrame, position, row: dict) -> None:
    frame.at[position, "reviewed"] = True
    frame.at[position, "reviewed_by"] = row.get("reviewed_by") or None


def _typed(name: str, value: str):
    if name in NUMBERS:
        number = float(value) if value else None
        return int(number) if number is not None and number.is_integer() else number
    if name in LIST_FIELDS:
        return [code for code in value.split("|") if code]
    return value or None


def _applied(row: dict, old, new) -> dict:
    return {"id": row["id"], "action": row["action"], "field": row["field"] or None,
            "old": old, "new": new, "reason": row["reason"], "line": row["line"],
            "reviewed_by": row.get("reviewed_by") or None}


# --- appending review decisions -------------------------------------------------

def decision_row(record_id: str, action: str, reviewed_by: str, field: str = "", value: str = "",
                 reason: str = "", reviewed_at: str | None = None) -> dict:
    """One checked decision (accept, correct or reject), stamped with reviewer and UTC time.
    Raises ValueError with the reason when the row would be refused on reading."""
    from datetime import datetime, timezone

    row = {"id": str(record_id).strip(), "action": action, "field": field.strip(), "value": str(value).strip(),
           "reason": " ".join(str(reason).split()), "reviewed_by": " ".join(str(reviewed_by).split()),
           "reviewed_at": reviewed_at or datetime.now(timezone.utc).isoformat(timespec="seconds")}
    problem = _problem(row)
    if problem:
        raise ValueError(problem)
    if not row["reviewed_by"]:
        raise ValueError("a review decision needs the reviewer's name")
    return row


def append_decision(path: Path | str, row: dict) -> None:
    """Append one decision to the corrections file, atomically with respect to
    other writers: under an exclusive `fcntl.flock` on `<path>.lock`, the row is
    written with one `write` call and fsynced. A missing or empty file gets the
    full header; a five-column file is first rewritten (temp file, `os.replace`)
    with the two review columns added, its rows unchanged."""
    import fcntl  # POSIX; imported here so reading corrections works everywhere

    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path.with_name(path.name + ".lock"), "a") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            _ensure_review_header(path)
            line = _csv_line([row.get(c, "") for c in COLUMNS + REVIEW_COLUMNS])
            with open(path, "a", encoding="utf-8", newline="") as handle:
                handle.write(line)
                handle.flush()
                os.fsync(handle.fileno())
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def _csv_line(cells: list) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerow(cells)
    return buffer.getvalue()


def _ensure_review_header(path: Path) -> None:
    """Called under the lock: the file exists, its header has the review columns
    and it ends with a line break. Reads only the header unless it must be rewritten."""
    with open(path, "a+b") as handle:  # creates it when missing
        handle.seek(0)
        first = handle.readline().decode("utf-8-sig")
        handle.seek(0, os.SEEK_END)
        size = handle.tell()
        if size:
            handle.seek(size - 1)
            ends_in_newline = handle.read(1) == b"\n"
    header = next(csv.reader([first]), [])
    header = [h.strip() for h in header]
    if not first.strip():
        if path.read_text(encoding="utf-8-sig").strip():
            raise ValueError(f"{path}:1: the header line is empty")
        path.write_text(_csv_line(COLUMNS + REVIEW_COLUMNS), encoding="utf-8")
        return
    if header == COLUMNS + REVIEW_COLUMNS:
        if not ends_in_newline:
            with open(path, "a", encoding="utf-8", newline="") as handle:
                handle.write("\n")
        return
    if header != COLUMNS:
        raise ValueError(f"{path}:1: header must be {','.join(COLUMNS)} (optionally then {','.join(REVIEW_COLUMNS)})")
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8-sig"))))
    upgraded = _csv_line(COLUMNS + REVIEW_COLUMNS) + "".join(
        _csv_line(row + [""] * len(REVIEW_COLUMNS) if row else row) for row in rows[1:])
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_text(upgraded, encoding="utf-8")
    os.replace(tmp, path)
