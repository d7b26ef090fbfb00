"""Limits that keep one report from stalling a run: sentences cut at a fixed
length, a time budget per report, and numbers beyond any real count refused
with their reason."""
from __future__ import annotations

import math

import pytest

from helpers.extract.stage import extract_within_budget
from helpers.extract.budget import numbers_refused
from helpers.extract import extract_report
from helpers.ingest.load import LoadWarning
from helpers.extract.number_words import beyond_any_count
from helpers.extract.numbers import find_quantities
from helpers.records import Report
from helpers.ingest.sentences import MAX_SENTENCE_CHARS, split_sentences


def report(text: str, report_id: str = "r") -> Report:
    return Report(id=report_id, title=None, text=text, full_text=text, date=None, date_origin=None, source=None,
                  url=None, path=f"{report_id}.txt", line=None, encoding="utf-8", content_hash="h")


CLAUSE = "وقالت مصادر محلية إن روسيا جندت 300 عنصر في درعا، "


def test_over_long_sentence_is_cut_after_a_comma():
    text = CLAUSE * 70
    sentences = split_sentences(text)
    assert len(text) > 3 * MAX_SENTENCE_CHARS
    assert all(s.end - s.start <= MAX_SENTENCE_CHARS for s in sentences)
    assert all(text[s.end] == "،" for s in sentences)   # each piece ends at a clause's comma
    # nothing lost: every clause's figure is still read, in every piece
    assert [f.value for f in extract_report(report(text))[0]] == [300] * 70


def test_sentence_without_commas_or_spaces_is_cut_at_the_limit():
    text = "ا" * (2 * MAX_SENTENCE_CHARS + 5)
    assert [(s.start, s.end) for s in split_sentences(text)] == [
        (0, MAX_SENTENCE_CHARS), (MAX_SENTENCE_CHARS, 2 * MAX_SENTENCE_CHARS), (2 * MAX_SENTENCE_CHARS, len(text))]


def test_ordinary_sentences_are_not_cut():
    text = "جندت روسيا 300 عنصر في درعا. " * 3
    assert len(split_sentences(text)) == 3


@pytest.mark.parametrize("value, refused", [
    (10 ** 15 - 1, False), (10 ** 15, True), (float("inf"), True), (float("nan"), True), (-1e16, True),
    (300, False), (None, False),
])
def test_beyond_any_count(value, refused):
    assert beyond_any_count(value) is refused


def test_numbers_beyond_any_count_are_not_figures_and_are_named():
    text = "جندت روسيا " + "9" * 400 + " عنصر و 300 مقاتل في درعا و١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧ شخصا"
    assert [q.value for q in find_quantities(text.replace("١٢٣٤٥٦٧٨٩٠١٢٣٤٥٦٧", "12345678901234567"))] == [300]
    figures, _, problems = extract_within_budget(report(text))
    assert [f.value for f in figures] == [300]
    assert all(math.isfinite(f.value) for f in figures)
    assert [type(p) for p in problems] == [LoadWarning, LoadWarning]
    assert [str(p) for p in problems] == [
        "r.txt: warning: report r, characters 11–411: a number of 400 digits is beyond any real count "
        "(more than 15 digits); not read as a figure",
        "r.txt: warning: report r, characters 438–455: a number of 17 digits is beyond any real count "
        "(more than 15 digits); not read as a figure",
    ]
    assert numbers_refused(report("جندت روسيا 999999999999999 عنصرا")) == []   # 15 digits: still a number


def test_report_over_its_time_budget_is_refused_with_its_reason():
    slow = report("1 " * 400_000, "slow")
    figures, incentives, problems = extract_within_budget(slow, seconds=0.05)
    assert (figures, incentives) == ([], [])
    [problem] = problems
    assert not isinstance(problem, LoadWarning)
    assert problem.path == "slow.txt"
    assert problem.reason.startswith("report slow: extraction stopped after 0.05 CPU seconds (REPORT_SECONDS")
    # the budget is left as it was: the next report extracts normally
    assert [f.value for f in extract_within_budget(report(CLAUSE))[0]] == [300]
