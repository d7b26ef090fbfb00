"""The number layer: every quantity in normalised Arabic text, and no number that is not a figure.

`find_quantities(text)` scans NORMALISED text (helpers.ingest.normalise) with two compiled regexes, one
for digit runs and one for number words, vague words and dual nouns, then looks only around each
candidate for its prefix, qualifier, unit and range partner. Words live in three lexicons (data/lexicons/):
- units.csv: the noun or sign that says what is counted (and dual nouns: عنصرين = 2 persons);
- qualifiers.csv: نحو / أكثر من / كحد أدنى ..., range openers, change verbs and vague words;
- non_figure_cues.csv: words that make a number a name, date, time or reference (اللواء 313).
Number words (ثلاثة آلاف وخمسمئة) are grammar, so they are in code below.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from operator import itemgetter
from pathlib import Path

from helpers.extract.lexicons import Column, Entry, Lexicons, Schema, read_lexicon, register
from helpers.extract.matching import Matcher
from helpers.paths import LEXICONS
from helpers.extract.number_cues import (
    _NOT_FIGURE, _bracketed_reference, _count_after_year_word, _counted_noun_after, _counted_noun_before, _is_year,
    _issue_number, _lexicon_word_at, _list_marker, _noun, _noun_before, _opener, _ordinal_teen,
    _qualifier_after, _qualifier_before, _range, _sign_before, _unit_after, _with_article, _word_after,
    _word_start,
)
from helpers.extract.number_words import (
    NUMBER_WORDS, beyond_any_count, _AFTER_DEFINITE, _Atom, _CLITICS, _Candidate, _LATIN,
    _LONE_PREFIX, _ONE, _SPACE_CLOSE, _TWO, _Unit, _VAGUE_SCALE, _WordAt, _atom_of,
    _clean, _parse_number, _whole_words, digit_matches,
)
from helpers.extract.number_tables import _Tables, _build_tables

UNITS = ("person", "family", "usd", "syp", "try", "eur", "percent", "tonne", "kg", "food_basket",
         "item", "vehicle", "day", "week", "month", "year", "hour", "minute", "litre")
QUALIFIERS = ("exact", "approx", "more_than", "at_least", "less_than", "at_most", "range", "vague")
CATEGORIES = ("recruits", "salary", "reward", "aid_recipients", "aid_amount", "casualties", "other")
NON_FIGURE_KINDS = ("unit_name", "date", "time", "reference", "page", "ordinal", "frequency", "measure")


def _qualifier_row(row: dict[str, str]) -> str | None:
    vague = row["qualifier"] == "vague"
    if vague != (row["position"] == "self"):
        return "position 'self' goes with qualifier 'vague' and only with it"
    if not vague:
        return "value_min is only for vague words" if row["value_min"] else None
    try:
        ok = float(row["value_min"]) > 0
    except ValueError:
        ok = False
    return None if ok else f"a vague word needs a positive number in value_min, found {row['value_min']!r}"


SCHEMAS = {
    "units": Schema("units.csv", "word", (
        Column("unit", choices=UNITS),
        Column("number", choices=("sg", "pl", "dual")),
        Column("category", required=False, choices=CATEGORIES),
        Column("note", required=False),
    )),
    "qualifiers": Schema("qualifiers.csv", "cue", (
        Column("qualifier", choices=QUALIFIERS[1:] + ("change",)),
        Column("position", choices=("before", "after", "self"), multi=True),
        Column("value_min", required=False),
        Column("reach", required=False, choices=tuple(str(n) for n in range(1, 13))),
        Column("note", required=False),
    ), _qualifier_row),
    "non_figure_cues": Schema("non_figure_cues.csv", "cue", (
        Column("position", choices=("before", "after", "both")),
        Column("kind", choices=NON_FIGURE_KINDS),
        Column("note", required=False),
    )),
}
for _name, _schema in SCHEMAS.items():
    register(_name, _schema)


@dataclass(slots=True)   # made by the dozen per report: not frozen, whose init is 4 times slower
class Quantity:
    """One quantity. All offsets index the NORMALISED text."""

    start: int                  # the number's own words (digits / number words / scale word)
    end: int
    value: int | float          # a range's lower end; a vague word's lower bound
    value_min: int | float | None
    value_max: int | float | None
    qualifier: str              # exact approx more_than at_least less_than at_most range vague
    unit: str | None
    unit_start: int | None
    unit_end: int | None
    span_start: int             # whole expression: qualifier, number(s), unit
    span_end: int
    noun: str | None            # the unit word(s), else the word right after the number
    unit_category: str | None   # category hint from units.csv
    following: str | None = None  # the word right after the whole expression (شهريا, كمكافاه)


# --- lexicon tables (built in helpers.extract.number_tables) -------------------------------

_TABLES: dict[tuple[int, ...], tuple[tuple, _Tables]] = {}
_OWN: dict[Path, tuple[tuple[float, ...], Lexicons]] = {}


def load_number_lexicons(directory: Path | str = LEXICONS) -> Lexicons:
    """The three number lexicons only (cached until a file changes)."""
    directory = Path(directory)
    stamp = tuple(_mtime(directory / s.file) for s in SCHEMAS.values())
    cached = _OWN.get(directory)
    if cached is None or cached[0] != stamp:
        lexicons = Lexicons({name: Matcher(read_lexicon(directory / s.file, s)) for name, s in SCHEMAS.items()})
        _OWN[directory] = cached = (stamp, lexicons)
    return cached[1]


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return -1.0


_NAMES = tuple(SCHEMAS)
_START_AND_KIND = itemgetter(0, 1)


def _tables(lexicons: Lexicons | None) -> _Tables:
    if lexicons is not None:   # asked twice per report: the last answer, while its three matchers stand
        last = lexicons.__dict__.get("_number_tables")
        if last is not None:
            (units, qualifiers, non_figure), tables = last
            get = lexicons.get
            if get(_NAMES[0]) is units and get(_NAMES[1]) is qualifiers and get(_NAMES[2]) is non_figure:
                return tables
        tables = _tables_of(lexicons)
        if all(name in lexicons for name in SCHEMAS):
            lexicons.__dict__["_number_tables"] = (tuple(lexicons[name] for name in _NAMES), tables)
        return tables
    return _tables_of(lexicons)


def _tables_of(lexicons: Lexicons | None) -> _Tables:
    if lexicons is None or any(name not in lexicons for name in SCHEMAS):
        lexicons = load_number_lexicons()
    sources = tuple(lexicons[name] for name in SCHEMAS)
    key = tuple(id(s) for s in sources)
    cached = _TABLES.get(key)
    if cached is None or not all(a is b for a, b in zip(cached[0], sources)):
        if len(_TABLES) >= 8:
            _TABLES.clear()
        cached = _TABLES[key] = (sources, _build_tables(*(s.entries for s in sources)))
    return cached[1]


def number_word_forms(lexicons: Lexicons | None = None) -> dict[str, tuple[int, int]]:
    """The words `find_quantities` reads (number, vague and dual words with their clitics)
    → (length, clitics' length): to find them in a scan shared with other lexicons."""
    return _tables(lexicons).word_forms


def find_quantities(text: str, lexicons: Lexicons | None = None,
                    word_hits: list[tuple[int, tuple[int, int]]] | None = None) -> list[Quantity]:
    """Quantities in NORMALISED text (helpers.ingest.normalise.normalise(...).text), in order.
    `word_hits`: every (end, value) occurrence of `number_word_forms()` in `text`, when
    a shared scan found them already."""
    t = _tables(lexicons)
    if word_hits is None:
        word_hits = [(last + 1, value) for last, value in t.word_automaton.iter(text)]
    hits = [(m.start(), 0, m) for m in digit_matches(text)]
    hits += [(w.start, 1, w) for w in _whole_words(text, word_hits)]
    hits.sort(key=_START_AND_KIND)   # (start, kind) pairs are unique
    found: list[Quantity] = []
    taken_until = 0
    reverse = text[::-1]
    has_url = "://" in text or "www." in text
    for start, is_word, m in hits:
        if start < taken_until:
            continue
        if is_word:
            quantity, until = _read_word(text, reverse, m, t)
        else:
            quantity, until = _read_digits(text, reverse, m, t, has_url)
        taken_until = max(taken_until, until, quantity.span_end if quantity else 0)
        if quantity is not None:
            found.append(quantity)
    return found


def _read_digits(text: str, reverse: str, m: re.Match, t: _Tables,
                 has_url: bool = True) -> tuple[Quantity | None, int]:
    if m.lastgroup == "skip":
        return None, m.end()
    start = m.start()
    url_end = _url_end(text, start) if has_url else 0
    if url_end:
        return None, url_end
    prefix = _digit_prefix(text, start)
    first = _atom_of(m)
    number = _parse_number(text, first)
    if prefix is None or _LATIN.match(text, first.end):
        return None, number.end                   # part of a name or code: R-77, M4, 24M, اف16
    candidate = _Candidate(start, prefix[0], prefix[1], number, first.text, True)
    return _read(text, reverse, candidate, t), number.end


def _read_word(text: str, reverse: str, m: _WordAt, t: _Tables) -> tuple[Quantity | None, int]:
    word, start = m.word, m.start
    if word in NUMBER_WORDS:
        kind, value = NUMBER_WORDS[word]
        first = _Atom(kind, value, word, m.end)
        number = _parse_number(text, first)
        if number.atoms:
            candidate = _Candidate(start, m.pre_start, m.pre.endswith("ال") or m.pre.endswith("لل"), number, word, False)
            return _read(text, reverse, candidate, t), number.end
    entry, start = _word_entry(word, start, t)
    if entry is None:
        return None, m.end
    if entry.row.get("qualifier") == "vague":
        quantity = _vague(text, start, m.end, entry, t)
    else:
        quantity = _dual(text, reverse, start, m.end, entry, t)
    return quantity, quantity.span_end


def _word_entry(word: str, start: int, t: _Tables) -> tuple[Entry | None, int]:
    """The vague or dual entry for a scanned word (`الالاف` → آلاف, its text without ال)."""
    compact = word.replace(" ", "")
    entry = t.words.get(compact)
    if entry is None and compact.startswith("ال"):
        entry, start = t.words.get(compact[2:]), start + 2
    return entry, start


def _url_end(text: str, position: int) -> int:
    """End of the URL that holds `position`, or 0."""
    token_start = _token_start(text, position)
    token = text[token_start:position]
    if "://" not in token and "www." not in token:
        return 0
    end = len(text)
    for stop in (" ", "\n"):
        found = text.find(stop, position)
        if found != -1:
            end = min(end, found)
    return end


def _token_start(text: str, position: int, most: int = 100) -> int:
    """Start of the run of non-space characters that ends at `position` (looking back at most `most`)."""
    floor = max(0, position - most)
    return max(text.rfind(" ", floor, position), text.rfind("\n", floor, position), floor - 1) + 1


def _digit_prefix(text: str, start: int) -> tuple[int, bool] | None:
    """(start of the glued or lone prefix, is it the article), or None when the digits are
    part of a name or code (R-77, اف16)."""
    i = start
    while i > 0 and text[i - 1].isalpha() and start - i <= 5:
        i -= 1
    if i < start:
        glued = text[i:start]
        if (i > 0 and text[i - 1].isalpha()) or not _CLITICS.fullmatch(glued):
            return None
        return i, glued.endswith("ال") or glued.endswith("لل")
    if start >= 2 and text[start - 1] in "-/#_=" and text[start - 2].isalnum():
        return None
    if _LATIN.search(text, _token_start(text, start), start):
        return None                              # alert(1), Su-24, COVID-19
    lone = _LONE_PREFIX.search(text, max(0, start - 6), start) if text[start - 1:start] in (" ", "\t") else None
    if lone and lone.group("p"):
        p = lone.group("p")
        return lone.start(), p.endswith("ال") or p.endswith("لل")
    return start, False


def _read(text: str, reverse: str, c: _Candidate, t: _Tables) -> Quantity | None:
    """The Quantity for a candidate number, or None when it is not a figure."""
    if c.number.atoms == 1 and c.raw in _ONE:
        return None                              # عنصر واحد / المجند الواحد: a singular, not a figure
    after = _SPACE_CLOSE.match(text, c.end).end()
    if _lexicon_word_at(t.not_after, text, after) is not None or _list_marker(text, c) or _ordinal_teen(text, c):
        return None                              # 19 ايار, 10 صباحا, 2019م; "1- " at a line start; التاسع عشر
    unit = _unit_after(text, c.end, t)
    not_figure = t.not_before.ending_at(reverse, c.prefix_start)
    if not_figure is not None and (unit is None or (not_figure.entry["kind"] in ("date", "time")
                                                    and not _count_after_year_word(c, not_figure))):
        return None                              # اللواء 313 (but: خسر اللواء 14 عنصرا)
    if unit is None and (_bracketed_reference(text, c) or _issue_number(text, c)):
        return None                              # [14898]; صحيفه الوطن – العدد 4127
    unit_before = None
    if unit is None:
        unit_before = _sign_before(text, c.prefix_start, t)
    if c.definite and unit is None:
        unit_before = _noun_before(text, c.prefix_start, t, "pl")
        if unit_before is None and not _AFTER_DEFINITE.match(text, after):
            return None                          # الشهر الـ 86, السادس والثمانين: ordinals
    if c.raw in _TWO and c.number.atoms == 1 and _noun_before(text, c.prefix_start, t, "dual"):
        return None                              # عنصرين اثنين: the dual noun already says 2
    cue_position = c.prefix_start if unit_before is None else min(c.prefix_start, unit_before.start)
    cue = _qualifier_before(text, reverse, cue_position, t, far=not c.definite)   # الـ24 ساعه: a window
    return _qualified(text, c, unit, unit_before, cue, t)


def _qualified(text: str, c: _Candidate, unit: _Unit | None, unit_before: _Unit | None, cue, t: _Tables):
    """Qualifier, bounds, range and spans of a number that is a figure."""
    value, low, high, qualifier = c.number.value, None, None, "exact"
    start, end = c.start, c.end
    span_start, span_end = c.start, c.end
    unit_end = unit.end if unit else c.end
    ranged = _range(text, c, unit, unit_end, _opener(cue), cue.start if cue else c.start, t)
    if ranged is _NOT_FIGURE:
        return None
    if ranged is not None:
        value, high, unit, unit_end, end = ranged
        qualifier, low, span_end = "range", value, max(span_end, unit_end)
        span_start = cue.start if cue is not None else span_start
    elif cue is not None and cue.entry["qualifier"] not in ("range", "change"):
        qualifier, span_start = cue.entry["qualifier"], cue.start
    unit = unit or unit_before
    if unit is not None:
        span_start, span_end = min(span_start, unit.start), max(span_end, unit.end)
    else:
        unit = (_counted_noun_before(text, c.prefix_start, t)   # outside the span: it stands apart
                or _counted_noun_after(text, c.end, t))
    after_cue = _qualifier_after(text, max(span_end, unit_end), t)
    if after_cue is not None:
        if qualifier in ("exact", "approx"):
            qualifier = after_cue.entry["qualifier"]
        span_end = after_cue.end
    if qualifier in ("exact", "at_most") and unit is None and _is_year(c):
        return None                              # 2019, حتي 2019
    if qualifier in ("more_than", "at_least"):
        low = value
    elif qualifier in ("less_than", "at_most"):
        high = value
    if beyond_any_count(value) or beyond_any_count(high):
        return None                              # see numbers_beyond_any_count for the reason
    return Quantity(
        start=start, end=end, value=_clean(value),
        value_min=None if low is None else _clean(low), value_max=None if high is None else _clean(high),
        qualifier=qualifier, unit=unit.entry["unit"] if unit else None,
        unit_start=unit.start if unit else None, unit_end=unit.end if unit else None,
        span_start=span_start, span_end=span_end, noun=_noun(text, c.end, unit, t),
        unit_category=(unit.entry["category"] or None) if unit else None,
        following=_word_after(text, span_end),
    )


# --- quantities with no number: vague words and dual nouns ----------------------------------

def _vague(text: str, start: int, end: int, entry: Entry, t: _Tables) -> Quantity:
    """عشرات الشبان، مئات العائلات، عشرات الالاف: value = the word's scale, its lower bound."""
    value = float(entry["value_min"])
    scale = _VAGUE_SCALE.match(text, end)
    if scale is not None and value < 1000:
        value *= 1e6 if scale.group("w") == "ملايين" else 1e3
        end = scale.end()
    unit = _unit_after(text, end, t)
    span_end = unit.end if unit else end
    unit = unit or _counted_noun_before(text, start, t)    # قدر عدد المنتسبين بعشرات الالاف
    return Quantity(
        start=start, end=end, value=_clean(value), value_min=None, value_max=None,
        qualifier="vague", unit=unit.entry["unit"] if unit else None,
        unit_start=unit.start if unit else None, unit_end=unit.end if unit else None,
        span_start=start, span_end=span_end, noun=_noun(text, end, unit, t),
        unit_category=(unit.entry["category"] or None) if unit else None,
        following=_word_after(text, span_end),
    )


def _dual(text: str, reverse: str, start: int, end: int, entry: Entry, t: _Tables) -> Quantity:
    """عنصرين، اليومين الماضيين: the count 2 is in the noun (its text without ال)."""
    word_start = _with_article(text, start)
    qualifier, span_start = "exact", word_start
    cue = _qualifier_before(text, reverse, _word_start(text, start), t, far=word_start == start)
    if cue is not None and cue.entry["qualifier"] not in ("range", "change"):
        qualifier, span_start = cue.entry["qualifier"], cue.start
    return Quantity(
        start=start, end=end, value=2,
        value_min=2 if qualifier in ("more_than", "at_least") else None,
        value_max=2 if qualifier in ("less_than", "at_most") else None,
        qualifier=qualifier, unit=entry["unit"], unit_start=start, unit_end=end,
        span_start=span_start, span_end=end, noun=text[word_start:end],
        unit_category=entry["category"] or None, following=_word_after(text, end),
    )
