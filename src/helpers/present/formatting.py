"""Cells as text for the report and the JupyterLab views: numbers, units in agreement, codes as names, the evidence sentence with its words marked."""
from __future__ import annotations


import pandas as pd
from markupsafe import Markup, escape

from helpers import cells
from helpers.cells import regions_of
from helpers.present.labels import COUNTED, count_noun, display_name


QUALIFIER = {
    "ar": {"approx": "نحو {v}", "more_than": "أكثر من {v}", "at_least": "{v} على الأقل",
           "less_than": "أقل من {v}", "at_most": "{v} على الأكثر", "range": "بين {lo} و{hi}",
           "vague": "{v} (تقدير مبهم)"},
    "en": {"approx": "about {v}", "more_than": "more than {v}", "at_least": "at least {v}",
           "less_than": "less than {v}", "at_most": "at most {v}", "range": "{lo}–{hi}",
           "vague": "{v} (vague)"},
}


def is_missing(value) -> bool:
    """None, NaN, NA (helpers.cells.is_missing), NaT and blank strings count as missing."""
    return cells.is_missing(value) or value is pd.NaT or (isinstance(value, str) and not value.strip())


def text_or_empty(value) -> str:
    """Missing → ''; 7.0 (an integer read back as float) → '7'; else str(value)."""
    if is_missing(value):
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def isolate(value) -> str:
    """Text wrapped in Unicode left-to-right isolates, so ids and dates keep their order inside Arabic."""
    return f"\u2066{text_or_empty(value)}\u2069"


def format_number(value) -> str:
    """1234.0 → '1,234'; 8.26 → '8.26'; text is returned as given."""
    if is_missing(value):
        return ""
    try:
        number = float(value)
    except (TypeError, ValueError):
        return str(value)
    if number.is_integer():
        return f"{int(number):,}"
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def as_number(value) -> float | None:
    try:
        return None if is_missing(value) else float(value)
    except (TypeError, ValueError):
        return None


def label(code, kind: str, lang: str) -> str:
    """Display name of a code (helpers.present.labels); empty when there is none."""
    code = text_or_empty(code)
    return display_name(kind, code, lang) if code else ""


def regions_text(value, lang: str) -> str:
    """A regions cell (list, array, or text as our CSV files write it) as names."""
    return "، ".join(label(code, "area", lang) for code in regions_of(value))


def unit_words(unit, number, lang: str) -> str:
    """The unit after a number, agreeing with it in Arabic: 3 أشهر، 15 شخصاً، 2 شخصان."""
    unit = text_or_empty(unit)
    if unit == "percent":
        return "%"
    if unit in COUNTED and number is not None:
        return count_noun(unit, number, lang)
    return label(unit, "unit_after_number", lang) if unit else ""


def amount_text(value, unit, lang: str) -> str:
    """'1,800 شخص', '3 أشهر', '8.26 tonnes'."""
    number = as_number(value)
    return f"{format_number(value)} {unit_words(unit, number, lang)}".strip()


def figure_value_text(row: dict, lang: str) -> str:
    """The figure as a phrase: 'نحو 1,270 شخصاً', 'بين 100 و300 دولار'."""
    qualifier = text_or_empty(row.get("qualifier"))
    template = QUALIFIER[lang].get(qualifier, "{v}")
    phrase = template.format(
        v=format_number(row.get("value")),
        lo=format_number(row.get("value_min") if not is_missing(row.get("value_min")) else row.get("value")),
        hi=format_number(row.get("value_max")),
    )
    last = row.get("value_max") if qualifier == "range" and not is_missing(row.get("value_max")) else row.get("value")
    return f"{phrase} {unit_words(row.get('unit'), as_number(last), lang)}".strip()


def marked_sentence(row: dict) -> Markup:
    """The evidence sentence, escaped, with the record's own words in <mark>."""
    sentence, words = text_or_empty(row.get("sentence")), text_or_empty(row.get("text"))
    at = -1
    try:
        at = int(row.get("start")) - int(row.get("sentence_start"))
    except (TypeError, ValueError):
        pass
    if not (0 <= at and sentence[at:at + len(words)] == words):
        at = sentence.find(words) if words else -1
    if at < 0 or not words:
        return escape(sentence)
    before, after = sentence[:at], sentence[at + len(words):]
    return escape(before) + Markup("<mark>") + escape(words) + Markup("</mark>") + escape(after)


def link(text, anchor: str | None) -> Markup:
    """`text` linking to `#anchor` (plain escaped text when there is no anchor)."""
    if not anchor:
        return escape(text)
    return Markup('<a href="#{}">{}</a>').format(anchor, text)
