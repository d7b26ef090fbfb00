"""Number words and digit runs read into values (`ثلاثة آلاف وخمسمئة` = 3500, `26ر8` = 8.26),
and the patterns the number layer shares. Number words are grammar, so they live in code.
"""
from __future__ import annotations

import math
import re
from typing import NamedTuple

import ahocorasick
from helpers.extract.lexicons import Entry
from helpers.extract.matching import _trie_pattern

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
_DIGIT_SCAN = re.compile(rf"(?=[0-9+])(?:(?P<skip>{_NOT_FIGURE_DIGITS})|(?P<digits>{_DIGITS}))")
_DIGIT_OR_PLUS = re.compile(r"[0-9+]")   # a plain character class: the regex engine skips to it in C


def digit_matches(text: str) -> list[re.Match]:
    """`list(_DIGIT_SCAN.finditer(text))`, about three times faster: `_DIGIT_SCAN` is tried
    only where a digit or `+` stands (no match of it starts anywhere else, and none is empty)."""
    found = []
    search, match = _DIGIT_OR_PLUS.search, _DIGIT_SCAN.match
    position = 0
    while (candidate := search(text, position)) is not None:
        m = match(text, candidate.start())
        if m is None:
            position = candidate.start() + 1
        else:
            found.append(m)
            position = m.end()
    return found
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
_SPACE_CLOSE = re.compile(rf"(?:{_SP}|[{re.escape(_CLOSERS)}]|/(?={_SP}))*")   # `1500/ دولار`: a closing slash
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
            if kind == _SCALE_PLURAL and state == "D" and total == 0 and 1900 <= segment <= 2099 \
                    and segment == int(segment):
                return None                                        # منذ عام 2020 آلاف الشبان: a year, then a vague count
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
