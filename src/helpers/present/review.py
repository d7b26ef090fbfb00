"""The review queue: which records an analyst should read first, and their decisions.

Order: records whose attributes rest on weak evidence come first, then those
behind the largest totals (recruits' totals before the others).

Weak evidence is read from the record's `basis` (attribute → `frame`,
`clause`, `paragraph` or `report_default`) and `confidence` (0–1) when the
extractor gives them; otherwise from what the record itself shows of the
attribution's fallbacks (helpers.attribution): an actor or place whose words
are not in the figure's sentence was carried over from the paragraph or taken
from the report's main one; no actor; no place; a recruit figure whose
measure was not decided; a vague quantity.

Each decision (accept, correct one field, reject with a reason) is appended at
once to the corrections file (`helpers.analysis.corrections.append_decision`), stamped
with the reviewer and the time; the next run applies it and counts the record
as reviewed. `with_review_status` then tells, per total, whether every figure
behind it was reviewed.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import pandas as pd
from markupsafe import escape

from helpers.analysis import corrections
from helpers.cells import is_missing, regions_of
from helpers.present.labels import MACRO_AREAS
from helpers.extract.lexicons import GOVERNORATES
from helpers.ingest.normalise import normalise_key

# how weak each basis is (the contract's codes)
BASIS_WEIGHT = {"frame": 0.0, "clause": 0.2, "paragraph": 0.6, "report_default": 1.0, "model": 0.4}
CARRIED = 0.6        # words not in the sentence, the report's text not at hand
MISSING_ACTOR = 1.0
MISSING_PLACE = 0.5
UNDECIDED_MEASURE = 0.8
VAGUE = 0.3
ACTOR_CATEGORIES = ("recruits", "salary", "reward")
QUEUE_COLUMNS = ["id", "kind", "weakness", "reasons", "total", "recruit_total", "value", "unit", "category",
                 "measure", "qualifier", "incentive", "actor", "actor_text", "area", "area_text", "regions",
                 "report_id", "report_date", "source", "text", "start", "sentence", "sentence_start"]


# --- how weak a record's reading is ------------------------------------------------

def _words_in(words, sentence) -> bool:
    if is_missing(words) or is_missing(sentence):
        return False
    return normalise_key(str(words)) in normalise_key(str(sentence))


def _basis(record: dict) -> dict:
    """The record's `basis` as a dict of the attributes it decides: a dict, a Parquet struct
    (read back as a dict with None for absent keys) or JSON text (our CSV files)."""
    basis = record.get("basis")
    if isinstance(basis, str) and basis.strip().startswith("{"):
        basis = json.loads(basis)
    if not isinstance(basis, dict):
        return {}
    return {attribute: how for attribute, how in basis.items() if isinstance(how, str) and how}


def carried_from(words, record: dict, full_text: str | None) -> str:
    """Where an actor's or place's words come from when the record's sentence does not hold them:
    `paragraph` (earlier in the same paragraph), else `report_default` (the report's main one);
    `carried` when the report's text is not at hand to tell."""
    if not full_text:
        return "carried"
    start = record.get("sentence_start")
    start = int(start) if not is_missing(start) else 0
    paragraph_start = full_text.rfind("\n", 0, start) + 1
    return "paragraph" if _words_in(words, full_text[paragraph_start:start]) else "report_default"


def weak_points(record: dict, full_text: str | None = None) -> list[tuple[str, float]]:
    """(reason, weight) for each attribute of a figure or incentive record that rests on weak evidence.

    Uses `basis` and `confidence` when the record has them, else the fallbacks its fields show
    (with the report's `full_text`, a carried actor or place is told apart from the report's default).
    Example: 'يتقاضى المنتسب راتباً قدره 200$' with actor_text 'الفيلق الخامس' from an earlier
    sentence gives ('actor: paragraph', 0.6)."""
    points: list[tuple[str, float]] = []
    basis = _basis(record)
    for attribute, how in basis.items():
        weight = BASIS_WEIGHT.get(how, 0.0)
        if weight:
            points.append((f"{attribute}: {how}", weight))
    confidence = record.get("confidence")
    if not is_missing(confidence):
        if float(confidence) < 1:
            points.append((f"confidence {float(confidence):.2f}", round(1 - float(confidence), 3)))
    is_figure = record.get("type", "figure") == "figure"
    category = record.get("category")
    needs_actor = not is_figure or category in ACTOR_CATEGORIES
    if "actor" not in basis:
        if is_missing(record.get("actor")):
            if needs_actor:
                points.append(("no actor", MISSING_ACTOR))
        elif not _words_in(record.get("actor_text"), record.get("sentence")):
            how = carried_from(record.get("actor_text"), record, full_text)
            points.append((f"actor: {how}", BASIS_WEIGHT.get(how, CARRIED)))
    if not {"area", "regions"} & set(basis):
        if is_missing(record.get("area")) and not regions_of(record.get("regions")):
            points.append(("no place", MISSING_PLACE))
        elif not is_missing(record.get("area_text")) and not _words_in(record.get("area_text"), record.get("sentence")):
            how = carried_from(record.get("area_text"), record, full_text)
            points.append((f"area: {how}", BASIS_WEIGHT.get(how, CARRIED)))
    if is_figure and category == "recruits" and is_missing(record.get("measure")) and "measure" not in basis:
        points.append(("running total, new arrivals or target not decided", UNDECIDED_MEASURE))
    if is_figure and record.get("qualifier") == "vague":
        points.append(("vague quantity", VAGUE))
    return points


def totals_behind(totals: pd.DataFrame) -> dict[str, tuple[bool, float]]:
    """Figure id → (behind a recruits total?, the largest total it is behind)."""
    behind: dict[str, tuple[bool, float]] = {}
    if totals.empty or "figure_ids" not in totals:
        return behind
    for row in totals.to_dict("records"):
        key = (row.get("category") == "recruits", float(row["value"]) if not is_missing(row.get("value")) else 0.0)
        for figure_id in regions_of(row["figure_ids"]):
            behind[figure_id] = max(behind.get(figure_id, (False, 0.0)), key)
    return behind


def decided_ids(path: Path | str) -> set[str]:
    """Ids that already have a decision in the corrections file (bad rows and a missing file: none)."""
    try:
        rows, _ = corrections.read_corrections(path)
    except ValueError:
        return set()
    return {row["id"] for row in rows}


def review_queue(figures: pd.DataFrame, incentives: pd.DataFrame | None = None, totals: pd.DataFrame | None = None,
                 texts: dict[str, str] | None = None, include_reviewed: bool = False,
                 decided: set[str] | None = None) -> pd.DataFrame:
    """Figures and incentives to review, weakest evidence first, then the records behind
    recruits' totals, then the largest totals. `texts` (report id → full text, `report_texts`)
    tells carried attributes from report defaults; ids in `decided` (`decided_ids`: decisions
    written since the run, by anyone) are left out."""
    texts, decided = texts or {}, decided or set()
    behind = totals_behind(totals if totals is not None else pd.DataFrame())
    rows = []
    for kind, frame in (("figure", figures), ("incentive", incentives)):
        if frame is None or frame.empty:
            continue
        for record in frame.to_dict("records"):
            if not include_reviewed and (record.get("reviewed") in (True, "True") or record["id"] in decided):
                continue
            if kind == "figure" and not is_missing(record.get("repeat_of")):
                continue  # the first record of a repeated figure stands for it
            points = weak_points(record | {"type": kind}, texts.get(str(record.get("report_id"))))
            recruit_total, total = behind.get(record["id"], (False, 0.0))
            rows.append({column: record.get(column) for column in QUEUE_COLUMNS} | {
                "kind": kind, "weakness": round(sum(w for _, w in points), 3),
                "reasons": [reason for reason, _ in points], "total": total, "recruit_total": recruit_total,
                "regions": regions_of(record.get("regions"))})
    queue = pd.DataFrame(rows, columns=QUEUE_COLUMNS)
    if queue.empty:
        return queue
    queue["_value"] = pd.to_numeric(queue["value"], errors="coerce").fillna(0)
    queue = queue.sort_values(["weakness", "recruit_total", "total", "_value", "id"],
                              ascending=[False, False, False, False, True], kind="stable")
    return queue.drop(columns="_value").reset_index(drop=True)


# --- what an item shows -----------------------------------------------------------

def highlighted_sentence(record: dict) -> str:
    """The evidence sentence as escaped HTML with the record's words in <mark>."""
    from helpers.present.formatting import marked_sentence

    return str(marked_sentence(record))


def paragraph_of(full_text: str, start: int, end: int) -> str:
    """The line (paragraph) of the report's text that holds [start, end)."""
    if not full_text or start is None or is_missing(start):
        return ""
    start, end = int(start), int(end)
    left = full_text.rfind("\n", 0, start) + 1
    right = full_text.find("\n", end)
    return full_text[left: right if right >= 0 else len(full_text)].strip()


def report_texts(reports: pd.DataFrame) -> dict[str, str]:
    """Report id → full text, read again from the files the run loaded (they are not kept in run tables)."""
    from helpers.ingest.load import load_paths

    if reports.empty or "path" not in reports:
        return {}
    paths = sorted({str(p) for p in reports["path"] if not is_missing(p) and Path(str(p)).exists()})
    wanted = set(reports["id"].astype(str))
    return {r.id: r.full_text for r in load_paths(paths).reports if r.id in wanted}


def item_html(item: dict, paragraph: str = "", lang: str = "en") -> str:
    """One queue item as HTML: the sentence with the number marked, its paragraph, fields, source and date."""
    direction = 'dir="rtl"'
    fields = [("value", item.get("value")), ("unit", item.get("unit")), ("category", item.get("category")),
              ("measure", item.get("measure")), ("qualifier", item.get("qualifier")),
              ("incentive", item.get("incentive")), ("actor", item.get("actor")),
              ("actor words", item.get("actor_text")), ("area", item.get("area")),
              ("area words", item.get("area_text")), ("regions", "|".join(regions_of(item.get("regions"))))]
    cells = "".join(f"<tr><th>{escape(name)}</th><td>{escape(_text(value))}</td></tr>"
                    for name, value in fields if not (is_missing(value) or value == ""))
    reasons = "; ".join(item.get("reasons") or []) or "no weak point found"
    return (f'<div class="rasd-item" data-record-id="{escape(item["id"])}" data-kind="{escape(item.get("kind", ""))}">'
            f'<p class="rasd-sentence" {direction}>{highlighted_sentence(item)}</p>'
            + (f'<p class="rasd-paragraph" {direction} style="color:#555">{escape(paragraph)}</p>'
               if paragraph.strip() and paragraph.strip() != _text(item.get("sentence")).strip() else "")
            + f'<table class="rasd-fields">{cells}</table>'
            f'<p><b>why first:</b> {escape(reasons)}; total behind it: {escape(_text(item.get("total")) if item.get("total") else "none")}</p>'
            f'<p class="rasd-source">{escape(_text(item.get("source")))} · {_ltr(item.get("report_date"))}'
            f' · report {_ltr(item.get("report_id"))} · record {_ltr(item["id"])}</p></div>')


def _ltr(value) -> str:
    """Dates and ids kept left to right beside Arabic text."""
    return f'<bdi dir="ltr">{escape(_text(value))}</bdi>'


def _text(value) -> str:
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return f"{int(value):,}"
    if isinstance(value, (list, tuple, np.ndarray)):
        return "|".join(str(v) for v in value)
    return str(value)


# --- decisions ------------------------------------------------------------------------

def field_choices(name: str) -> list[str]:
    """The valid values of a field an analyst may correct ('' = none), or [] when it is free."""
    if name in corrections.CHOICES:
        return list(corrections.CHOICES[name])
    if name == "regions":
        return sorted(GOVERNORATES)
    if name == "area":
        return sorted(GOVERNORATES) + [code for code in MACRO_AREAS if code]
    return []


def editable_fields(kind: str) -> list[str]:
    """Fields a figure or an incentive record has that the corrections file may change."""
    if kind == "incentive":
        return ["incentive", "actor", "area", "regions", "report_date"]
    return [name for name in corrections.EDITABLE if name != "incentive"]


@dataclass
class ReviewSession:
    """A reviewer working through the queue; each decision is appended at once."""

    queue: pd.DataFrame
    corrections_path: Path
    reviewer: str
    position: int = 0
    decided: list[dict] = field(default_factory=list)

    def current(self) -> dict | None:
        return self.queue.iloc[self.position].to_dict() if self.position < len(self.queue) else None

    def remaining(self) -> int:
        return max(0, len(self.queue) - self.position)

    def skip(self) -> None:
        self.position = min(self.position + 1, len(self.queue))

    def back(self) -> None:
        self.position = max(self.position - 1, 0)

    def accept(self) -> dict:
        return self._decide("accept")

    def correct(self, name: str, value: str, reason: str) -> dict:
        return self._decide("correct", field=name, value=value, reason=reason)

    def reject(self, reason: str) -> dict:
        return self._decide("reject", reason=reason)

    def _decide(self, action: str, **what) -> dict:
        item = self.current()
        if item is None:
            raise ValueError("the queue is done")
        row = corrections.decision_row(item["id"], action, self.reviewer, **what)
        corrections.append_decision(self.corrections_path, row)
        self.decided.append(row)
        self.skip()
        return row


# --- reviewed totals ----------------------------------------------------------------

def with_review_status(totals: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """`totals` plus `reviewed`: every figure behind the total was accepted or corrected by an analyst."""
    if totals.empty or "figure_ids" not in totals:
        return totals.assign(reviewed=pd.Series(dtype=bool))
    done = set()
    if not figures.empty and {"id", "reviewed"} <= set(figures.columns):
        done = set(figures.loc[figures["reviewed"].map(lambda v: v is True or v == "True"), "id"].astype(str))
    status = [bool(ids) and all(i in done for i in ids) for ids in totals["figure_ids"].map(regions_of)]
    return totals.assign(reviewed=status)


GUESSABLE = ("actor", "regions", "measure")


def guessed_attributes(record: dict) -> list[str]:
    """The attributes of a record that nothing in its text decided (basis `report_default`):
    `{"actor": "report_default", "regions": "frame"}` → `["actor"]`."""
    basis = _basis(record)
    return [attribute for attribute in GUESSABLE if basis.get(attribute) == "report_default"]


def with_guess_marks(totals: pd.DataFrame, figures: pd.DataFrame) -> pd.DataFrame:
    """`totals` plus `guessed`: the attributes that some unreviewed figure behind the total
    took from the report's defaults ([] when the total rests on the text or on a review)."""
    if totals.empty or "figure_ids" not in totals:
        return totals.assign(guessed=pd.Series(dtype=object))
    guessed_by_id = {}
    if not figures.empty and "id" in figures:
        for record in figures.to_dict("records"):
            if record.get("reviewed") is True or record.get("reviewed") == "True":
                continue
            guessed_by_id[str(record["id"])] = guessed_attributes(record)
    marks = [[a for a in GUESSABLE if any(a in guessed_by_id.get(i, ()) for i in regions_of(ids))]
             for ids in totals["figure_ids"]]
    return totals.assign(guessed=marks)


def reviewed_count(totals: pd.DataFrame, figures: pd.DataFrame) -> tuple[int, int]:
    """(totals whose every figure was reviewed, all totals)."""
    marked = with_review_status(totals, figures)
    return int(marked["reviewed"].sum()) if len(marked) else 0, len(marked)
