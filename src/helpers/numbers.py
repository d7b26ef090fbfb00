"""The number layer: every quantity in normalised Arabic text, and no number that is not a figure.

`find_quantities(text)` scans NORMALISED text (helpers.normalise) with two compiled regexes, one
for digit runs and one for number words, vague words and dual nouns, then looks only around each
candidate for its prefix, qualifier, unit and range partner. Words live in three lexicons (data/lexicons/):
- units.csv: the noun or sign that says what is counted (and dual nouns: عنصرين = 2 persons);
- qualifiers.csv: نحو / أكثر من / كحد أدنى ..., range openers, change verbs and vague words;
- non_figure_cues.csv: words that make a number a name, date, time or reference (اللواء 313).
Number words (ثلاثة آلاف وخمسمئة) are grammar, so they are in code below.
"""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import ahocorasick

from helpers.lexicons import (
    Column, Entry, Lexicons, Match, Matcher, Schema, _spellings, _trie_pattern, read_lexicon, register,
)
from helpers.paths import LEXICONS

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


# --- number words (normalised spellings) ------------------------------------------------

_UNIT, _TEEN_HEAD, _TEN, _HUNDRED, _SCALE, _SCALE_PLURAL, _HALF, _TEN_WORD = (
    "unit", "teen_head", "ten", "hundred", "scale", "scale_plural", "half", "ten_word")


def _number_words() -> dict[str, tuple[str, float]]:
    words: dict[str, tuple[str, float]] = {}
    units = {"ثلاث": 3, "اربع": 4, "خمس": 5, "ست": 6, "سبع": 7, "ثمان": 8, "تسع": 9}
    for stem, value in units.items():
        words[stem] = words[stem + "ه"] = (_UNIT, value)
    words.update({"ثماني": (_UNIT, 8), "ثمانيه": (_UNIT, 8), "واحد": (_UNIT, 1), "واحده": (_UNIT, 1)})
    for w in ("اثنان", "اثنين", "اثنتان", "اثنتين"):
        words[w] = (_UNIT, 2)
    words["عشر"] = words["عشره"] = (_TEN_WORD, 10)
    for w, value in (("احد", 1), ("احدي", 1), ("اثنا", 2), ("اثني", 2), ("اثنتا", 2), ("اثنتي", 2)):
        words[w] = (_TEEN_HEAD, value)
    tens = {"عشر": 20, "ثلاث": 30, "اربع": 40, "خمس": 50, "ست": 60, "سبع": 70, "ثمان": 80, "تسع": 90}
    for stem, value in tens.items():
        words[stem + "ون"] = words[stem + "ين"] = (_TEN, value)
    for w in ("ميه", "مايه", "مئه"):
        words[w] = (_HUNDRED, 100)
    for w in ("ميتان", "ميتين", "ميتا", "ميتي", "مايتان", "مايتين", "مايتا", "مايتي"):
        words[w] = (_HUNDRED, 200)
    hundreds = {"ثلاث": 300, "اربع": 400, "خمس": 500, "ست": 600, "سبع": 700, "ثمان": 800,
                "ثماني": 800, "تسع": 900}
    for stem, value in hundreds.items():
        words[stem + "ميه"] = words[stem + "مايه"] = (_HUNDRED, value)
    for base, value in (("الف", 1e3), ("مليون", 1e6), ("مليار", 1e9)):
        words[base] = words[base + "ا"] = (_SCALE, value)
        for dual in ("ان", "ين", "ي"):
            words[base + dual] = (_SCALE, 2 * value)
    words.update({"الاف": (_SCALE_PLURAL, 1e3), "الالاف": (_SCALE_PLURAL, 1e3),
                  "ملايين": (_SCALE_PLURAL, 1e6), "مليارات": (_SCALE_PLURAL, 1e9),
                  "نصف": (_HALF, 0.5)})
    return words


NUMBER_WORDS = _number_words()
_SCALE_SINGLE = {"الف", "الفا", "مليون", "مليونا", "مليار", "مليارا"}  # count comes before them

_SP = r"[^\S\n]"
_DIGITS = r"[0-9]{1,3}(?:[,،][0-9]{3})+(?:\.[0-9]+)?(?![0-9])|[0-9]+ر[0-9]+|[0-9]+(?:\.[0-9]+)?"
_NOT_FIGURE_DIGITS = (   # dates, clock times, phone numbers: skipped whole
    r"[0-9]{4}[-/.][0-9]{1,2}[-/.][0-9]{1,2}(?![0-9])"
    r"|[0-9]{1,2}[-/.][0-9]{1,2}[-/.](?:[0-9]{4}|[0-9]{2})(?![0-9])"
    r"|[0-9]{1,2}:[0-9]{2}(?::[0-9]{2})?(?![0-9])"
    r"|[0-9]{1,2}/[0-9]{1,2}(?![0-9/])"
    r"|(?:\+|00)[0-9]{1,4}(?:[ -]?[0-9]{1,4}){2,}(?![0-9])"
    r"|0[0-9]{1,3}[ -][0-9]{3,}(?:[ -][0-9]{2,4}){0,2}(?![0-9])"   # local: 011 2234567, 0944 123 456
    r"|0[0-9]{8,}(?![0-9])")
# the lookahead lets the regex engine jump from digit to digit
_DIGIT_SCAN = re.compile(rf"(?=[0-9+])(?:(?P<skip>{_NOT_FIGURE_DIGITS})|(?P<digits>{_DIGITS}))")
_NUMBER_WORD = _trie_pattern(NUMBER_WORDS)
_NEXT_ATOM = re.compile(
    rf"(?P<conn>{_SP}*و{_SP}*|{_SP}+)(?:(?P<digits>{_DIGITS})|(?P<word>{_NUMBER_WORD})(?![^\W_]))")
_FIRST_ATOM = re.compile(rf"(?P<digits>{_DIGITS})|(?P<word>{_NUMBER_WORD})(?![^\W_])")
_CLITICS = re.compile(r"[وف]?[بكل]?(?:ال)?|[وف]?لل")
_LONE_PREFIX = re.compile(rf"(?<![^\W_])(?P<p>[وف]?[بكل]?(?:ال)?|[وف]?لل){_SP}*\Z")
_OPENERS = "([{«\"'‘’“”"
_DELIMITER_CHARS = frozenset("()[]{}«»\"'‘’“”،,.:;!؟?/-–—*…")   # and whitespace
_CLOSERS = ")]}»\"'‘’“”"
_GAP_CHARS = frozenset(" \t:" + _OPENERS + _CLOSERS)       # may stand between a cue and its number
_SPACE_CLOSE = re.compile(rf"(?:{_SP}|[{re.escape(_CLOSERS)}])*")
_RANGE_LINK = re.compile(rf"{_SP}*(?P<link>و|الي|حتي|-|–|—){_SP}*")
_MIN_FROM = re.compile(rf"{_SP}*من{_SP}+")
_WORD = re.compile(r"[^\W\d_]+")
# a verb's subject that names what is measured lets the verb reach further (up to 12 words):
# تجاوز عدد المنتسبين ... 2350، لم تتجاوز حصه الاسره من مساعدات ... في الاحياء نفسها 4 سلال
_MONEY_NOUN = (r"(?:راتب|رواتب|مرتب|مرتبات|اجر|اجره|اجرت|اجور|قيمه|قيمت|مبلغ|مبالغ|مكافاه|مكافات|تعويض"
               r"|تعويضات|منحه|مده|مدت|حصه|حصت|حصص)(?:ه|ها|هم|هن)?(?![^\W_])")
_COUNT_GAP = re.compile(rf"{_SP}+[وفبل]?(?:ال)?(?:عدد[^\W\d_]*|(?:اعداد|حصيله|نسبه|نسبت|اجمالي|مجموع)(?:ه|ها|هم|هن)?"
                        rf"(?![^\W_])|{_MONEY_NOUN})(?:{_SP}+[^\W\d_]+){{0,12}}(?:{_SP}|[{re.escape(_OPENERS)}])*")
# present يصل/تصل with a money or share subject, then الي: "up to" (تصل رواتب قسد الي نحو 200 دولار);
# a count reaching a total stays as it is (يصل عدد المقاتلين ... الي نحو 6 الاف)
_SPLIT_UP_TO = re.compile(rf"(?<![^\W_])[لوف]?[يت]صل{_SP}+(?:ال)?{_MONEY_NOUN}"
                          rf"(?:{_SP}+[^\W\d_]+){{0,5}}{_SP}+الي{_SP}*\Z")
# a verb does not reach over these: a new clause starts (فيما، بينما، وقال ان ...)
_CLAUSE_BREAKS = frozenset({"ان", "انه", "انها", "بان", "وان", "فان", "حيث", "بينما", "وبينما", "فيما",
                            "اذ", "لكن", "لكنه", "ولكن", "قال", "وقال", "اضاف", "واضاف", "ثم"})
# a number after these is a time window, not what a verb far before it bounds
_TIME_WINDOW = frozenset({"خلال", "منذ", "طوال", "قبل", "بعد", "لمده", "مده"})
_WORD_GAP = re.compile(rf"(?:{_SP}+[^\W\d_]+)*(?:{_SP}|[{re.escape(_OPENERS)}])*")
_AFTER_DEFINITE = re.compile(r"ال(?:ماضي|اخير|مقبل|قادم|سابق|اول)")
_POSSESSIVE = ("ه", "ها", "هم", "هن", "نا", "كم")   # ايامه الخمسه الاولي: his five first days
_PERIOD = re.compile(rf"(?:شهريا|سنويا|يوميا|اسبوعيا|فقط|في{_SP}+(?:ال)?(?:شهر|يوم|اسبوع|سنه|عام)|منهم|منهن)(?![^\W_])")
_NISBA = re.compile(r"[^\W\d_]{2,}(?:ي|يه|يين|يون)(?![^\W_])")   # 300 مقاتل سوري تقريبا
_VAGUE_SCALE = re.compile(rf"{_SP}+(?:ال)?(?P<w>الاف|ملايين)(?![^\W_])")
_STOPWORDS = frozenset({"من", "في", "الي", "علي", "عن", "و", "او", "ثم", "مع", "قد", "ان", "الذي", "التي"})
_LATIN = re.compile(r"[A-Za-z]")
_ANY_DIGIT = re.compile(r"[0-9]")
_COUNT_WORD = re.compile(rf"(?<![^\W_])[وفبل]?(?:ال)?(?:عدد|اعداد|حصيله){_SP}+(?P<noun>[^\W\d_]+)")
_YEAR = re.compile(r"(?:19|20)[0-9]{2}")
_TWO = frozenset({"اثنين", "اثنان", "اثنتين", "اثنتان"})
_ONE = frozenset({"واحد", "واحده"})
_MOST_ATOMS = 12     # no number needs more words (تسعمئة وتسعة وتسعون الفا وتسعمئة وتسعة وتسعون)


class _Atom(NamedTuple):
    kind: str            # "digits" or a number-word kind
    value: float
    text: str
    end: int


class _Number(NamedTuple):
    value: float
    end: int
    scale: float | None  # the scale word that closed the number (الف = 1000), if it came last
    atoms: int


# --- lexicon tables --------------------------------------------------------------------------

class _EndMatcher:
    """Finds the lexicon entry that ends right before a position (only spaces, brackets and
    quotes between), longest first, with one anchored regex match on the reversed text."""

    def __init__(self, entries: list[Entry]):
        self.lookup: dict[str, Entry] = {}
        variants = []
        for entry in entries:
            for spelling in _spellings(entry.key.rstrip("*")):
                reverse = spelling[::-1]
                self.lookup.setdefault(reverse.replace(" ", ""), entry)
                variants.append(reverse)
        body = _trie_pattern(variants) if variants else "(?!)"
        gap = re.escape("".join(sorted(_GAP_CHARS)))
        # reversed: the name, then the article and clitics that stood before it (لل: للواء 313), then a word edge
        self.pattern = re.compile(rf"[{gap}]*(?P<name>{body})(?:لل|(?:لا)?[بكل]?)[وف]?(?![^\W_])")

    def ending_at(self, reverse: str, position: int) -> Match | None:
        """`reverse` is text[::-1]; `position` an offset in text."""
        m = self.pattern.match(reverse, len(reverse) - position)
        if m is None:
            return None
        entry = self.lookup.get(_SPACES.sub("", m.group("name")))
        if entry is None:
            return None
        return Match(len(reverse) - m.end("name"), len(reverse) - m.start("name"), entry)


_SPACES = re.compile(r"\s+")


@dataclass(frozen=True)
class _Tables:
    units: Matcher
    symbols: dict[str, Entry]       # $ % ٪ €
    word_forms: dict[str, tuple[int, int]]  # number, vague and dual words with their clitics → (length, head)
    word_automaton: ahocorasick.Automaton   # the same, for a text scanned on its own
    words: dict[str, Entry]         # vague and dual spellings (compact) → entry
    before: Matcher                 # qualifier cues before the number, range openers, change verbs
    before_end: _EndMatcher
    after: Matcher
    reach_stems: re.Pattern         # the longest word of each far-reaching verb cue and change verb
    not_before: _EndMatcher
    not_after: Matcher
    up_to: Entry | None             # the يصل الي row: its split form (تصل رواتب قسد الي 200)
    far_stems: re.Pattern           # the longest word of each cue with a reach


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


def _tables(lexicons: Lexicons | None) -> _Tables:
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


def _build_tables(units: list[Entry], qualifiers: list[Entry], non_figure: list[Entry]) -> _Tables:
    def at(entries: list[Entry], position: str) -> list[Entry]:
        return [e for e in entries if position in e["position"].split("|") or e["position"] == "both"]

    words: dict[str, Entry] = {}
    for entry in at(qualifiers, "self") + [e for e in units if e["number"] == "dual"]:
        for spelling in _spellings(entry.key.rstrip("*")):
            words.setdefault(spelling.replace(" ", ""), entry)
    stems = {max(e.key.split(), key=len) for e in qualifiers if e["reach"] or e["qualifier"] == "change"}
    far = {max(e.key.split(), key=len) for e in qualifiers if e["reach"]}
    return _Tables(
        units=Matcher(units),
        symbols={e.key: e for e in units if not _WORD.search(e.key)},
        word_forms=(forms := _word_forms(list(NUMBER_WORDS) + [w for w in words if w not in NUMBER_WORDS])),
        word_automaton=_automaton_of(forms),
        words=words,
        before=Matcher(at(qualifiers, "before")),
        before_end=_EndMatcher(at(qualifiers, "before")),
        after=Matcher(at(qualifiers, "after")),
        reach_stems=re.compile("|".join(sorted(map(re.escape, stems), key=len, reverse=True)) or "(?!)"),
        not_before=_EndMatcher(at(non_figure, "before")),
        not_after=Matcher(at(non_figure, "after")),
        up_to=next((e for e in qualifiers if e.key == "يصل الي" and e["qualifier"] == "at_most"), None),
        far_stems=re.compile("|".join(sorted(map(re.escape, far), key=len, reverse=True)) or "(?!)"),
    )


# --- reading a number: atoms joined by spaces and و ------------------------------------------

def _digits_value(raw: str) -> float:
    if "ر" in raw:   # Syrian state media: 26ر8 = 8.26 (the part after ر is the integer)
        fraction, integer = raw.split("ر")
        return float(f"{integer}.{fraction}")
    return float(raw.replace(",", "").replace("،", ""))


def _atom_of(m: re.Match) -> _Atom:
    digits = m.group("digits")
    if digits is not None:
        return _Atom("digits", _digits_value(digits), digits, m.end())
    word = m.group("word")
    kind, value = NUMBER_WORDS[word]
    return _Atom(kind, value, word, m.end())


def _parse_number(text: str, first: _Atom) -> _Number:
    """Combine `first` with the atoms that follow it (ثلاثه الاف وخمسميه, 350 الف, 3 ملايين و500 الف)."""
    atoms: list[tuple[str | None, _Atom]] = [(None, first)]
    position = first.end
    while len(atoms) < _MOST_ATOMS and (m := _NEXT_ATOM.match(text, position)) is not None:
        atoms.append(("waw" if "و" in m.group("conn") else "space", _atom_of(m)))
        position = m.end()
    if len(atoms) == 1:
        return _Number(first.value, first.end, None, 1) if first.kind in ("digits", _UNIT, _TEN, _HUNDRED, _TEN_WORD) \
            else _combine(atoms)
    return _combine(atoms)


def _combine(atoms: list[tuple[str | None, _Atom]]) -> _Number:
    """Greedy reading of the atoms; stops at the first atom that cannot continue the number."""
    total, segment, state, last_scale = 0.0, 0.0, "start", float("inf")
    best: _Number | None = None
    closed: _Number | None = None          # the reading at the last scale word
    for index, (conn, atom) in enumerate(atoms):
        step = _step(state, conn, atom, total, segment, last_scale)
        if step == "digits_after_scale":
            step = ("D", total, atom.value, last_scale) if _scale_follows(atoms, index, last_scale) else None
        if step is None:
            if conn == "space" and atom.kind in (_SCALE, _SCALE_PLURAL) and state in "UTHD" and closed:
                best = closed               # ثلاثه الاف و|خمسه الاف: the second part is another number
            break
        state, total, segment, last_scale = step
        if state == "open":
            best = closed = _Number(total, atom.end, last_scale, index + 1)
        elif state not in ("P", "F"):
            best = _Number(total + segment, atom.end, None, index + 1)
        if state == "end":
            break
    return best or _Number(0, atoms[0][1].end, None, 0)


_SEGMENT_STATE = {_UNIT: "U", _TEN_WORD: "T", _TEEN_HEAD: "P", _TEN: "T", _HUNDRED: "H", "digits": "D", _HALF: "F"}


def _step(state: str, conn: str | None, atom: _Atom, total: float, segment: float, last_scale: float):
    """(state, total, segment, last_scale) after one more atom, or None if it does not fit.
    States: U unit, P احد/اثنا waiting for عشر, T tens or teens, H hundreds, D digits,
    F نصف, open = after a scale word, end = after ونصف."""
    kind, value, word = atom.kind, atom.value, atom.text
    if state == "start":
        if kind in _SEGMENT_STATE:
            return _SEGMENT_STATE[kind], 0.0, value, last_scale
        if kind == _SCALE:
            if word.endswith("ا"):
                value *= 2                  # مليونا ليره: the dual in construct (after a count: 11 الفا)
            return "open", value, 0.0, value
        return None
    if state == "open":
        if conn != "waw":
            return None
        if kind == "digits":
            return "digits_after_scale"
        if kind in (_UNIT, _TEN_WORD, _TEEN_HEAD, _TEN, _HUNDRED):
            return _SEGMENT_STATE[kind], total, value, last_scale
        if kind == _SCALE and value < last_scale:
            return "open", total + value, 0.0, value
        if kind == _HALF:
            return "end", total + last_scale * 0.5, 0.0, last_scale
        return None
    if conn == "space":
        if kind == _TEN_WORD and (state == "P" or state == "U" and segment < 10):
            return "T", total, segment + 10, last_scale
        if kind == _HUNDRED and value == 100 and state == "U" and segment < 10:
            return "H", total, segment * 100, last_scale          # ثلاث ميه
        if state == "F" and kind == _SCALE and word in _SCALE_SINGLE:
            return "open", 0.5 * value, 0.0, value                 # نصف مليون
        if state in "UTHD" and kind in (_SCALE, _SCALE_PLURAL) and value < last_scale:
            if kind == _SCALE and word not in _SCALE_SINGLE:
                return None                                        # ثلاثه الفان
            if kind == _SCALE_PLURAL and state != "D" and not 3 <= segment <= 10:
                return None
            return "open", total + segment * value, 0.0, value
        return None
    if conn == "waw":
        if state == "H" and kind in (_UNIT, _TEN_WORD, _TEN, _TEEN_HEAD):
            return _SEGMENT_STATE[kind], total, segment + value, last_scale
        if state == "U" and kind == _TEN and 0 < segment % 100 < 10:
            return "T", total, segment + value, last_scale         # خمسه وعشرون
    return None


def _scale_follows(atoms: list, index: int, last_scale: float) -> bool:
    """Digits after `و` continue a number when smaller than the scale before them
    (3 الاف و500 = 3500) or followed by a smaller scale (3 ملايين و500 الف)."""
    if index + 1 < len(atoms) and atoms[index + 1][0] == "space":
        following = atoms[index + 1][1]
        if following.kind in (_SCALE, _SCALE_PLURAL):
            return following.value < last_scale
    return atoms[index][1].value < last_scale


MAX_COUNT_DIGITS = 15   # no real count, sum or price in a report has more digits
_LONG_DIGITS = re.compile(r"[0-9][0-9,،]*[0-9]")


def beyond_any_count(value: float | None) -> bool:
    """A value no report could mean as a count: infinite, NaN, or above 15 digits
    (`999999999999999999 مقاتل` is a typo or an id, never a figure)."""
    return value is not None and (not math.isfinite(value) or abs(value) >= 10 ** MAX_COUNT_DIGITS)


def numbers_beyond_any_count(text: str) -> list[tuple[int, int, str]]:
    """(start, end, reason) of each written number in normalised `text` that
    `beyond_any_count` refuses: why it is not a figure (`1` followed by 400 zeros)."""
    found = []
    for match in _LONG_DIGITS.finditer(text):
        digits = sum(character.isdigit() for character in match.group())
        if digits > MAX_COUNT_DIGITS:
            found.append((match.start(), match.end(), f"a number of {digits} digits is beyond any real count "
                                                      f"(more than {MAX_COUNT_DIGITS} digits); not read as a figure"))
    return found


def _clean(value: float) -> int | float:
    return int(value) if float(value).is_integer() else round(value, 6)


# --- finding quantities ---------------------------------------------------------------------

class _Unit(NamedTuple):
    start: int
    end: int
    entry: Entry


class _Candidate(NamedTuple):
    """A number on its way to a Quantity."""

    start: int
    prefix_start: int            # glued or lone prefix (بـ، لـ، الـ) included
    definite: bool               # written with the article: الـ 86
    number: _Number
    raw: str                     # the first atom as written
    is_digits: bool

    @property
    def end(self) -> int:
        return self.number.end


def number_word_forms(lexicons: Lexicons | None = None) -> dict[str, tuple[int, int]]:
    """The words `find_quantities` reads (number, vague and dual words with their clitics)
    → (length, clitics' length): to find them in a scan shared with other lexicons."""
    return _tables(lexicons).word_forms


def find_quantities(text: str, lexicons: Lexicons | None = None,
                    word_hits: list[tuple[int, tuple[int, int]]] | None = None) -> list[Quantity]:
    """Quantities in NORMALISED text (helpers.normalise.normalise(...).text), in order.
    `word_hits`: every (end, value) occurrence of `number_word_forms()` in `text`, when
    a shared scan found them already."""
    t = _tables(lexicons)
    if word_hits is None:
        word_hits = [(last + 1, value) for last, value in t.word_automaton.iter(text)]
    hits = [(m.start(), 0, m) for m in _DIGIT_SCAN.finditer(text)]
    hits += [(w.start, 1, w) for w in _whole_words(text, word_hits)]
    hits.sort(key=lambda hit: (hit[0], hit[1]))
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


class _WordAt(NamedTuple):
    """A number word, vague word or dual noun, with the clitics before it (`pre`)."""

    pre_start: int
    start: int
    end: int
    pre: str
    word: str


# the clitics before a number word, in the order they are tried (the first that leaves a
# known word wins); no ك: normalised كميات (amounts) would read as ك + مئات
_WORD_HEADS = tuple(first + second + article for first in ("", "و", "ف") for second in ("", "ب", "ل")
                    for article in ("", "ال"))


def _word_forms(words: list[str]) -> dict[str, tuple[int, int]]:
    """Each word with each clitic head → (length, length of the head)."""
    heads: dict[str, int] = {}
    for head in _WORD_HEADS:
        for word in words:
            heads.setdefault(head + word, len(head))
    return {form: (len(form), head) for form, head in heads.items()}


def _automaton_of(forms: dict[str, tuple[int, int]]) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for form, value in forms.items():
        automaton.add_word(form, value)
    automaton.make_automaton()
    return automaton


def _whole_words(text: str, word_hits: list[tuple[int, tuple[int, int]]]) -> list[_WordAt]:
    """The hits that are whole words after a delimiter (or at the start), in order."""
    found = []
    size = len(text)
    for end, (length, head) in word_hits:
        start = end - length
        if start and not (text[start - 1] in _DELIMITER_CHARS or text[start - 1].isspace()):
            continue
        if end < size and text[end].isalnum():
            continue
        found.append(_WordAt(start, start + head, end, text[start:start + head], text[start + head:end]))
    return found


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
        unit = _counted_noun_before(text, c.prefix_start, t)   # outside the span: it stands apart
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


def _lexicon_word_at(matcher: Matcher, text: str, position: int):
    """matcher.match_at that also works right after digits (2019م, 25في المئه)."""
    if position > 0 and text[position - 1].isdigit():
        match = matcher.match_at(text[position:position + 30], 0)
        if match is None or match.start != 0:
            return None
        return Match(position, position + match.end, match.entry)
    return matcher.match_at(text, position)


def _list_marker(text: str, c: _Candidate) -> bool:
    """`1- ` or `2) ` opening a line numbers a list item."""
    if text[c.end:c.end + 1] not in ("-", ")", ".", "–") or text[c.end + 1:c.end + 2] not in (" ", "\t"):
        return False
    p = c.prefix_start
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    return p == 0 or text[p - 1] == "\n"


_ORDINAL_BEFORE_TEEN = re.compile(rf"(?:ال)?(?:حادي|ثاني|ثالث|رابع|خامس|سادس|سابع|ثامن|تاسع)ه?{_SP}+\Z")


def _ordinal_teen(text: str, c: _Candidate) -> bool:
    """`عشر` in التاسع عشر / الحادي عشر is part of an ordinal."""
    return c.raw in ("عشر", "عشره") and c.number.atoms == 1 and \
        _ORDINAL_BEFORE_TEEN.search(text, max(0, c.prefix_start - 12), c.prefix_start) is not None


def _clause_start(text: str, position: int, most: int) -> int:
    """Where the sentence holding `position` starts, looking back at most `most` characters."""
    floor = max(0, position - most)
    return max(floor, text.rfind(".", floor, position) + 1, text.rfind("\n", floor, position) + 1)


def _counted_noun_before(text: str, position: int, t: _Tables) -> _Unit | None:
    """`عدد عناصر الفيلق ... وصل الي نحو 11 الفا`: the noun after عدد / حصيله earlier in the
    clause says what a number with no unit of its own counts."""
    start = _clause_start(text, position, 100)
    if all(text.find(word, start, position) == -1 for word in ("عدد", "عداد", "حصيله")):
        return None
    last = None
    for last in _COUNT_WORD.finditer(text, start, position):
        pass
    if last is None or _ANY_DIGIT.search(text, last.end(), position):
        return None
    match = _unit_word_at(text, last.start("noun"), t)
    if match is None or match.entry["number"] == "dual":
        return None
    return _Unit(_with_article(text, match.start), match.end, match.entry)


_ISSUE_WORD = re.compile(r"[وفب]?(?:ال)?عدد")
_PUBLICATION = r"(?:ال)?(?:صحيف[هت]|جريد[هت]|مجل[هت]|نشر[هت])"
# a line that opens with an outlet's name (or nothing) before العدد: صحيفه الوطن – العدد 4127
_MASTHEAD_LINE = re.compile(rf"{_SP}*(?:{_PUBLICATION}(?:{_SP}+[^\W\d_]+){{0,3}}{_SP}*)?(?:[-–—|/•:]{_SP}*)?\Z")
_MASTHEAD_AFTER = re.compile(
    rf"{_SP}*(?:[-–—|/]{_SP}*(?:(?:ال)?(?:صفحه|سنه|عدد)(?![^\W_])|{_PUBLICATION}|\n|\Z)"
    rf"|من{_SP}+{_PUBLICATION}|(?:ال)?(?:صفحه|سنه)(?![^\W_])|ص{_SP}*[0-9]|بتاريخ|الصادر)")


def _issue_number(text: str, c: _Candidate) -> bool:
    """`العدد 4127` with no counted noun is an issue number when the line reads like a masthead:
    `العدد` opens the line or follows a dash or an outlet (صحيفه الوطن – العدد 4127), or the number
    is followed by page furniture (– الصفحه 5) or `من` + an outlet (عدد 55 من النشره).
    `بلغ العدد 400`, `ارتفع العدد الي 520` stay figures."""
    p = c.prefix_start
    while p > 0 and text[p - 1] in _GAP_CHARS:               # العدد (16203)، العدد: 312
        p -= 1
    if text[p - 3:p] != "عدد":
        return False
    start = _word_start(text, p)
    if p - start > 6 or not _ISSUE_WORD.fullmatch(text, start, p):
        return False
    before = start
    while before > 0 and text[before - 1] in " \t":
        before -= 1
    if before > 0 and text[before - 1] in "-–—|/•":
        return True
    line_start = text.rfind("\n", max(0, start - 60), start) + 1
    if line_start == 0 and start > 60:                           # a long line: no masthead before
        return _MASTHEAD_AFTER.match(text, _SPACE_CLOSE.match(text, c.end).end()) is not None
    return _MASTHEAD_LINE.match(text, line_start, start) is not None \
        or _MASTHEAD_AFTER.match(text, _SPACE_CLOSE.match(text, c.end).end()) is not None


def _count_after_year_word(c: _Candidate, cue) -> bool:
    """`منذ مطلع العام 70 شاباً`: after `العام` a counted noun and digits that are no year."""
    return cue.entry["cue"] in ("عام", "سنه") and c.is_digits and _YEAR.fullmatch(c.raw) is None


def _is_year(c: _Candidate) -> bool:
    return c.is_digits and c.number.atoms == 1 and _YEAR.fullmatch(c.raw) is not None


def _bracketed_reference(text: str, c: _Candidate) -> bool:
    """`[14898]`: a number alone in square brackets is page furniture or a footnote."""
    return c.prefix_start > 0 and text[c.prefix_start - 1] == "[" and text[c.end:c.end + 1] == "]"


# --- cues around the number -------------------------------------------------------------------

def _qualifier_before(text: str, reverse: str, position: int, t: _Tables, far: bool = True):
    """The cue right before `position`; else, when `far`, a verb cue a few words before it.
    An approx cue gives way to a far bound (تصل رواتب قسد الي نحو 200 دولار: at most)."""
    cue = t.before_end.ending_at(reverse, position)
    if cue is not None and cue.entry["qualifier"] == "approx":
        outer = t.before_end.ending_at(reverse, _word_start(text, cue.start))
        if outer is not None and outer.entry["qualifier"] not in ("approx", "change") \
                and not (outer.key == "من" and _change_before(text, outer.start, t)):
            return outer                         # اكثر من نحو 100: the bound wins; بين نحو 100 و300
    if not far or (cue is not None and cue.entry["qualifier"] != "approx"):
        return cue
    bound = _far_bound(text, position if cue is None else cue.start, t)
    if bound is not None and text[_previous_word(text, position):position].strip() in _TIME_WINDOW:
        return cue                               # خلال شهرين: a time window, not the verb's object
    if cue is None or (bound is not None and bound.entry["qualifier"] in ("more_than", "at_least",
                                                                          "less_than", "at_most")):
        return bound
    return cue


def _far_bound(text: str, position: int, t: _Tables):
    """A verb cue a few words before `position`, over its subject but no clause break or number:
    لا تتجاوز رواتب مجندي قسد 70، تجاوز عدد المنتسبين ... 2350، تصل رواتب قسد الي 200."""
    if t.far_stems.search(text, max(0, position - 120), position):
        for match in reversed(_verb_cues(text, max(0, position - 120), position, t, t.far_stems)):
            reach = int(match.entry["reach"] or 0)
            if reach and (_COUNT_GAP.fullmatch(text, match.end, position)
                          or _words_between(text, match.end, position, reach)) \
                    and _open_gap(text[match.end:position]):
                return match
    if t.up_to is not None and _after_ila(text, position):
        split = _SPLIT_UP_TO.search(text, max(0, position - 80), position)
        if split is not None:
            return Match(split.start(), position, t.up_to)
    return None


def _after_ila(text: str, position: int) -> bool:
    """The word right before `position` is الي."""
    p = position
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    return text[p - 3:p] == "الي" and (p == 3 or not text[p - 4].isalpha())


def _open_gap(gap: str) -> bool:
    """No clause break and no number word (other than واحد، احد، نصف) between a verb and its number."""
    for word in gap.split():
        if word in _CLAUSE_BREAKS:
            return False
        kind = NUMBER_WORDS.get(word.removeprefix("و"), ("",))[0]
        if kind in (_UNIT, _TEN_WORD, _TEN, _HUNDRED, _SCALE, _SCALE_PLURAL) and word not in _ONE:
            return False
    return True


def _verb_cues(text: str, start: int, end: int, t: _Tables, stems: re.Pattern | None = None) -> list[Match]:
    """Qualifier cues in text[start:end] found through their longest word (يتجاوز in لا يتجاوز)."""
    found = []
    for stem in (stems or t.reach_stems).finditer(text, start, end):
        word = _word_start(text, stem.start())
        for cue_start in (_previous_word(text, _previous_word(text, word)), _previous_word(text, word), word):
            match = t.before.match_at(text, cue_start)
            if match is not None and match.start <= stem.start() < match.end and match.end <= end:
                found.append(match)
                break
    return found


def _previous_word(text: str, start: int) -> int:
    p = start
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    return _word_start(text, p) if p < start else start


def _words_between(text: str, start: int, end: int, most: int) -> bool:
    """Only up to `most` plain words (no digits, no punctuation) between start and end."""
    gap = _WORD_GAP.fullmatch(text, start, end)
    return gap is not None and len(gap.group().split()) <= most


def _word_start(text: str, start: int) -> int:
    """Start of the word whose name starts at `start` (بنحو → the ب)."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _qualifier_after(text: str, position: int, t: _Tables):
    p = _SPACE_CLOSE.match(text, position).end()
    cue = t.after.match_at(text, p)
    if cue is None:
        period = _PERIOD.match(text, p) or _NISBA.match(text, p)   # 200$ في الشهر كحد اقصي
        if period is not None:
            cue = t.after.match_at(text, _SPACE_CLOSE.match(text, period.end()).end())
    return cue


def _with_article(text: str, start: int) -> int:
    """Include the article: the unit of `20 العائلات` is `العائلات`."""
    return start - 2 if text[start - 2:start] == "ال" else start


def _unit_after(text: str, end: int, t: _Tables) -> _Unit | None:
    p = _SPACE_CLOSE.match(text, end).end()
    if p < len(text) and text[p] in t.symbols:
        return _Unit(p, p + 1, t.symbols[text[p]])
    if p == end and p < len(text) and text[p].isalpha():      # glued: 25في المئه
        match = _lexicon_word_at(t.units, text, p)
        return _Unit(p, match.end, match.entry) if match is not None else None
    match = _unit_word_at(text, p, t)
    if match is None:
        via = _MIN_FROM.match(text, p)               # 200 من المتطوعين
        match = _unit_word_at(text, via.end(), t) if via else None
        if match is None or match.entry["number"] != "pl":
            return None
    return _Unit(_with_article(text, match.start), match.end, match.entry)


def _unit_word_at(text: str, position: int, t: _Tables):
    """A unit word at `position`, with at most the article before it
    (`86 والشهر` is "86 and the month", not 86 months)."""
    match = t.units.match_at(text, position)
    if match is None or text[position:match.start] not in ("", "ال"):
        return None
    return match


def _sign_before(text: str, position: int, t: _Tables) -> _Unit | None:
    p = position
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    if p > 0 and text[p - 1] in t.symbols:
        return _Unit(p - 1, p, t.symbols[text[p - 1]])
    return None


def _noun_before(text: str, position: int, t: _Tables, number: str) -> _Unit | None:
    """The unit word right before `position` when it has grammatical `number` (pl, dual):
    الساعات الـ48 counts hours; عنصرين اثنين is one figure."""
    p = position
    while p > 0 and text[p - 1] in " \t":
        p -= 1
    start = _word_start(text, p)
    if start == p:
        return None
    match = t.units.match_at(text, start)
    if match is None and number == "pl":
        match = _possessed_unit(text[start:p], t)          # ايامه الخمسه الاولي
        if match is not None:
            return _Unit(start + match.start, p, match.entry)
    if match is None or match.end != p or match.entry["number"] != number:
        return None
    return _Unit(_with_article(text, match.start), match.end, match.entry)


def _possessed_unit(word: str, t: _Tables) -> Match | None:
    """The plural unit word inside `word` with a possessive ending (ايامه, اشهرها)."""
    for ending in _POSSESSIVE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            stem = word[:-len(ending)]
            match = t.units.match_at(stem, 0)
            if match is not None and match.end == len(stem) and match.entry["number"] == "pl":
                return match
    return None


def _opener(cue) -> str | None:
    """The word that may open a range: من (من X الي Y, تبدا من X الي Y) or بين; None: only X-Y."""
    if cue is None or cue.entry["qualifier"] == "change":
        return None
    last = cue.key.split()[-1]
    return last if last in ("من", "بين") else None


def _range(text: str, a: _Candidate, a_unit: _Unit | None, a_end: int, opener: str | None,
           opener_start: int, t: _Tables):
    """(low, high, unit, unit_end, end of the high number) when `a` opens a range:
    بين 100 و300، من 150 دولارا الي 300 دولار، 100-300."""
    link = _RANGE_LINK.match(text, a_end)
    if link is None:
        return None
    if opener is None:
        allowed = ("-", "–", "—") if a_unit is None and a.is_digits else ()
    elif opener == "من":
        allowed = ("الي", "حتي")
    else:
        allowed = ("و", "الي")
    if link.group("link") not in allowed:
        return None
    if opener == "من" and _change_before(text, opener_start, t):
        return None                              # ارتفع من 800 الي 1270: a change, two figures
    b_match = _FIRST_ATOM.match(text, link.end())
    if b_match is None:
        return None
    b = _parse_number(text, _atom_of(b_match))
    if b.atoms == 0:
        return None
    if _lexicon_word_at(t.not_after, text, _SPACE_CLOSE.match(text, b.end).end()) is not None:
        return _NOT_FIGURE                       # بين 1 و15 اذار: days of a month
    b_unit = _unit_after(text, b.end, t)
    if a_unit is None and b_unit is None and _is_year(a) and b.atoms == 1 and _YEAR.fullmatch(b_match.group()):
        return _NOT_FIGURE                       # 2019-2020, من 2015 الي 2018: years
    if a_unit is not None and b_unit is not None and a_unit.entry["unit"] != b_unit.entry["unit"]:
        return None
    low = a.number.value
    if a.number.scale is None and b.scale is not None and low < b.value / b.scale:
        low *= b.scale                           # بين 40 و50 الف
    if not low < b.value:
        return None
    return low, b.value, a_unit or b_unit, b_unit.end if b_unit else b.end, b.end


_NOT_FIGURE = ("not a figure",)


def _change_before(text: str, position: int, t: _Tables) -> bool:
    """A change verb earlier in the sentence (رفعت ... قيمه المكافاه من 150 الي 250)."""
    start = _clause_start(text, position, 120)
    return any(m.entry["qualifier"] == "change" for m in _verb_cues(text, start, position, t))


def _noun(text: str, end: int, unit: _Unit | None, t: _Tables) -> str | None:
    """The unit word(s), else the plain word right after the number."""
    if unit is not None and unit.end - unit.start > 1:
        return text[unit.start:unit.end]
    word = _WORD.match(text, _SPACE_CLOSE.match(text, end).end())
    if word is None or word.group() in _STOPWORDS or t.after.match_at(text, word.start()) \
            or _FIRST_ATOM.fullmatch(word.group().removeprefix("و")):
        return None
    return word.group()


def _word_after(text: str, position: int) -> str | None:
    word = _WORD.match(text, _SPACE_CLOSE.match(text, position).end())
    return word.group() if word else None


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
