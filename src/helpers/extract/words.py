"""Word and clause helpers shared by the actor and place rules: the word before a
mention (its clitics and quotation marks skipped) and the clause a figure stands in."""
from __future__ import annotations

import re
from functools import lru_cache


@lru_cache(maxsize=65536)
def _strip_clitics(word: str) -> str:
    for prefix in ("وب", "ول", "وف", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


_CLAUSE_END = re.compile(r"[،,]|\s(?:فيما|بينما|حين)\s")
_COMMA = re.compile(r"[،,]")
_CONTRAST = re.compile(r"\s(?:فيما|بينما|حين)\s")


@lru_cache(maxsize=64)   # every record of a sentence asks
def _clause_ends(text: str, sentence_start: int, sentence_end: int) -> tuple[tuple[int, int], ...]:
    """The spans of `_CLAUSE_END` in the sentence (commas found apart: the scan is cheaper)."""
    ends = [m.span() for m in _COMMA.finditer(text, sentence_start, sentence_end)]
    if any(text.find(word, sentence_start, sentence_end) != -1 for word in ("فيما", "بينما", "حين")):
        ends += [m.span() for m in _CONTRAST.finditer(text, sentence_start, sentence_end)]
        ends.sort()
    return tuple(ends)


def _clause_bounds(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """Where the clause of [start, end) starts (after the last clause end before it)
    and ends (at the first clause end after it)."""
    clause_start = sentence_start
    if not sentence_start <= start <= sentence_end:   # evidence outside the sentence: scan as asked
        for m in _CLAUSE_END.finditer(text, sentence_start, start):
            clause_start = m.end()
        found = _CLAUSE_END.search(text, end, sentence_end)
        return clause_start, (found.start() if found else sentence_end)
    for a, b in _clause_ends(text, sentence_start, sentence_end):
        if b <= start:
            clause_start = b
        elif a >= end:
            return clause_start, a
        elif a < end < b:       # a clause end across `end`: search from `end` itself
            found = _CLAUSE_END.search(text, end, sentence_end)
            return clause_start, (found.start() if found else sentence_end)
    return clause_start, sentence_end


def _word_start(text: str, start: int) -> int:
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def previous_word(text: str, start: int) -> str:
    """The word before the one at `start` (its attached clitics skipped), as written."""
    return _raw_previous_word(text, start)


def word_in(word: str, words: frozenset | set) -> bool:
    """`word` or `word` without its clitics (`وعلى` → `علي`) is one of `words`."""
    return word in words or _strip_clitics(word) in words


def _raw_previous_word(text: str, start: int) -> str:
    """The word before the one at `start`, quotation marks skipped (`إخراج "قسد"` → `إخراج`)."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while start > 0 and text[start - 1] in _QUOTE_MARKS:
        start -= 1
    before = text[max(0, start - 24):start].rsplit(None, 1)
    return before[-1].strip(_QUOTE_MARKS) if before else ""


_QUOTE_MARKS = "\"'«»“”„‘’ "


def words_before(text: str, start: int, characters: int, most: int) -> list[str]:
    """The last `most` words in the `characters` before the word at `start`, quotation
    marks dropped (`عبر معبر "نصيب"` → [`عبر`, `معبر`])."""
    words = (w.strip(_QUOTE_MARKS) for w in text[max(0, start - characters):_word_start(text, start)].split())
    return [w for w in words if w][-most:]
