"""Around a number: what makes it no figure (a date, an issue number, an ordinal), its
qualifier cues before and after, its unit word or sign, and the second number of a range.
Offsets index the normalised text.
"""
from __future__ import annotations

import re
from helpers.extract.matching import Match, Matcher
from helpers.extract.number_words import (
    NUMBER_WORDS, _ANY_DIGIT, _CLAUSE_BREAKS, _COUNT_GAP, _COUNT_WORD, _Candidate, _FIRST_ATOM,
    _GAP_CHARS, _HUNDRED, _MIN_FROM, _NISBA, _ONE, _PERIOD, _POSSESSIVE, _RANGE_LINK, _SCALE,
    _SCALE_PLURAL, _SP, _SPACE_CLOSE, _SPLIT_UP_TO, _STOPWORDS, _TEN, _TEN_WORD, _TIME_WINDOW, _UNIT,
    _Unit, _WORD, _WORD_GAP, _YEAR, _atom_of, _parse_number,
)
from helpers.extract.number_tables import _Tables


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


_COUNT_AFTER = re.compile(rf"{_SP}*(?:عدد|اعداد|تعداد){_SP}+")


def _counted_noun_after(text: str, end: int, t: _Tables) -> _Unit | None:
    """`ارتفع إلى نحو 2200 عدد الشبان`: the noun of a `عدد X` right after a number with
    no unit of its own says what it counts (it stands outside the figure's span)."""
    via = _COUNT_AFTER.match(text, _SPACE_CLOSE.match(text, end).end())
    if via is None:
        return None
    match = _unit_word_at(text, via.end(), t)
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
        # `100-300`; `/1000 إلى 1500/ دولار`, `300 إلى 400 سوري`: a bare number up to another
        allowed = ("-", "–", "—", "الي") if a_unit is None and a.is_digits else ()
    elif opener == "من":
        allowed = ("الي", "حتي")
    else:
        allowed = ("و", "الي", "حتي", "-", "–", "—")   # بين 30 حتى 40، بين 1500-2000
    if link.group("link") not in allowed:
        return None
    if (opener == "من" or opener is None and link.group("link") == "الي") and _change_before(text, opener_start, t):
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
