"""CSV cells that are safe to open in a spreadsheet program.

A report's title, source or sentence is whatever the outlet wrote, and a cell
starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a
formula by Excel, LibreOffice and Google Sheets (`=HYPERLINK(…)`, `+cmd|…`).
Following OWASP's advice on CSV injection, every text cell Rasd writes to a
CSV file that starts with one of these characters gets a single quote in front
(`'=HYPERLINK(…)`): the spreadsheet shows the text, and runs nothing. Numbers
stay numbers (a negative number is not text). Parquet and JSONL keep the text
exactly as read: they are not opened by spreadsheets as formulas.
"""
from __future__ import annotations

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """`'=1+1'` → `"'=1+1"`; any other value is returned as it is."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def neutralise_row(row: dict) -> dict:
    """Every cell of a CSV row, neutralised."""
    return {key: neutralise(value) for key, value in row.items()}
