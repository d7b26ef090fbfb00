"""The tables the number layer reads, built once per set of its three lexicons (units,
qualifiers, non_figure_cues): matchers for the cues before and after a number, the number,
vague and dual word forms, and the stems of far-reaching cues. `helpers.extract.numbers`
caches them; `helpers.extract.number_cues` reads them."""
from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick

from helpers.extract.lexicon_entry import Entry
from helpers.extract.matching import Match, Matcher, _spellings, _trie_pattern
from helpers.extract.number_words import NUMBER_WORDS, _GAP_CHARS, _WORD, _automaton_of, _word_forms


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
        reach_stems=_words_pattern(stems),
        not_before=_EndMatcher(at(non_figure, "before")),
        not_after=Matcher(at(non_figure, "after")),
        up_to=next((e for e in qualifiers if e.key == "يصل الي" and e["qualifier"] == "at_most"), None),
        far_stems=_words_pattern(far),
    )


def _words_pattern(words: set[str]) -> re.Pattern:
    """The leftmost, then longest, of `words` (plain words): a character trie, which the
    regex engine tries in one pass per position instead of word by word (three times faster
    than the alternation longest first, which finds the same)."""
    if not words:
        return re.compile("(?!)")
    if any(" " in word or "*" in word for word in words):   # the trie reads these as patterns
        return re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    return re.compile(_trie_pattern(words))
