"""Arabic normalisation for matching, with an exact map back to the user's text.

Every rule either replaces one character by one character (digits, alef, yeh,
teh marbuta, hamza carriers) or deletes it (tatweel, diacritics, invisible
direction marks). So a normalised offset maps back to the original through the
list of deletion points alone: `Normalised.span()` gives the original span.
"""
from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

_ONE_TO_ONE = {
    **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
    **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    "\u066B": ".",  # Arabic decimal separator
    "\u066C": ",",  # Arabic thousands separator
    "أ": "ا", "إ": "ا", "آ": "ا", "ٱ": "ا",
    "ى": "ي", "ی": "ي", "ئ": "ي",
    "ؤ": "و",
    "ة": "ه",
    "ک": "ك",
}
_TABLE = str.maketrans(_ONE_TO_ONE)
# str.translate is slow on non-ASCII text; replacing each present character is
# many times faster and the same, since no replacement is itself replaced
_REPLACEMENTS = tuple(_ONE_TO_ONE.items())
assert not set(_ONE_TO_ONE.values()) & set(_ONE_TO_ONE)

# tatweel, harakat and Quranic marks, superscript alef, zero-width and bidi controls
_DELETED = "\u0640\u064B-\u065F\u0670\u06D6-\u06ED\u061C\u200B-\u200F\u202A-\u202E\u2066-\u2069"
_DELETED_RE = re.compile(f"[{_DELETED}]")
_TRAILING_MARKS_RE = re.compile(f"[{_DELETED}]*")
_SPACES_RE = re.compile(r"\s+")


@dataclass(frozen=True)
class Normalised:
    """`text` is `original` normalised; `deleted_at` are the normalised
    positions where original characters were deleted (non-decreasing)."""

    original: str
    text: str
    deleted_at: tuple[int, ...] = ()

    def to_original(self, position: int) -> int:
        """Original offset of the normalised character at `position`."""
        if not self.deleted_at:
            return position
        return position + bisect_right(self.deleted_at, position)

    def span(self, start: int, end: int) -> tuple[int, int]:
        """Original (start, end) of normalised [start, end); the end takes in
        diacritics that follow the last character, so words stay whole."""
        if not self.deleted_at:
            return start, end
        original_start = self.to_original(start)
        if end <= start:
            return original_start, original_start
        original_end = self.to_original(end - 1) + 1
        original_end = _TRAILING_MARKS_RE.match(self.original, original_end).end()
        return original_start, original_end


def normalise(text: str) -> Normalised:
    """Normalise `text` for matching and keep the map back to it."""
    translated = _translate(text)
    deletions = [m.start() for m in _DELETED_RE.finditer(translated)]
    if not deletions:
        return Normalised(text, translated)
    kept = _DELETED_RE.sub("", translated)
    deleted_at = tuple(position - index for index, position in enumerate(deletions))
    return Normalised(text, kept, deleted_at)


def _translate(text: str) -> str:
    """`text.translate(_TABLE)`, faster."""
    for char, replacement in _REPLACEMENTS:
        if char in text:
            text = text.replace(char, replacement)
    return text


def normalise_key(text: str) -> str:
    """Normalised form of a lexicon entry or name: also trims and collapses spaces."""
    return _SPACES_RE.sub(" ", normalise(text).text).strip()
