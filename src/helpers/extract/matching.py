"""Lexicon matching on normalised text (helpers.ingest.normalise).

- whole words only, leftmost-longest, non-overlapping;
- attached clitics are allowed before a name: و ف then ب ل ك then ال
  (`وبالميادين`, `للقوات`, `والريف`); after the clitic ل the article is
  written ل alone, also before names listed without it (`للمساعدات`);
- a space inside a name also matches no space or several (`البو كمال` = `البوكمال`),
  but not a line break;
- a trailing `*` matches any word ending (`مكافا*` → مكافاه, مكافات).
"""
from __future__ import annotations

import re
from collections.abc import Iterable
from typing import NamedTuple

import ahocorasick

from helpers.extract.lexicon_entry import Entry

# --- matching -------------------------------------------------------------

_CLITICS = r"(?:[وف])??(?:[بكل])??"
_PARTICLES = ("البو", "ابو", "ام", "بني", "بيت", "تل", "دير", "عين", "كفر", "خان", "راس", "جسر", "مرج", "بير")
_WORD_CHAR = r"[^\W_]"
_HEAD = rf"{_CLITICS}(?:ال|(?<=ل)ل)??"     # clitics, then the article (ل alone after ل)


class Match(NamedTuple):
    """A lexicon hit (a named tuple: made by the hundred per report, cheaply)."""

    start: int      # offsets in the normalised text; the clitics are outside
    end: int
    entry: Entry

    @property
    def key(self) -> str:
        return self.entry.key


_new_tuple = tuple.__new__   # `_new_tuple(Match, (start, end, entry))`: a Match made in C (made by the hundred)


class Matcher:
    """Finds lexicon entries in normalised text (see module docstring)."""

    def __init__(self, entries: Iterable[Entry]):
        self.entries = list(entries)
        self._exact: dict[str, Entry] = {}
        self._prefixes: dict[str, Entry] = {}
        variants: list[str] = []
        for entry in self.entries:
            stem = entry.key.rstrip("*")
            table = self._prefixes if entry.is_prefix else self._exact
            for variant in _spellings(stem):
                table.setdefault(_compact(variant), entry)
                variants.append(variant + ("*" if entry.is_prefix else ""))
        body = _trie_pattern(variants) if variants else "(?!)"
        self._variants = variants      # for MultiMatcher
        self._pattern = re.compile(
            rf"(?<!{_WORD_CHAR}){_HEAD}(?P<name>{body})(?!{_WORD_CHAR})"
        )

    def find_all(self, text: str, start: int = 0, end: int | None = None) -> list[Match]:
        end = len(text) if end is None else end
        found = []
        for m in self._pattern.finditer(text, start, end):
            entry = self._lookup(m.group("name"))
            if entry is not None:
                found.append(Match(m.start("name"), m.end("name"), entry))
        return found

    def match_at(self, text: str, position: int) -> Match | None:
        """The entry that starts exactly at `position` (clitics allowed), if any."""
        m = self._pattern.match(text, position)
        if m is None:
            return None
        entry = self._lookup(m.group("name"))
        return Match(m.start("name"), m.end("name"), entry) if entry else None

    def _lookup(self, surface: str) -> Entry | None:
        compact = _compact(surface)
        entry = self._exact.get(compact)
        if entry is not None:
            return entry
        for size in range(len(compact), 0, -1):
            entry = self._prefixes.get(compact[:size])
            if entry is not None:
                return entry
        return None


class MultiMatcher:
    """Several matchers in one scan of the text: `find_all(text)[i]` is
    `matchers[i].find_all(text)` (the same words, clitics and order).

    One Aho–Corasick automaton (pyahocorasick) holds every spelling of every
    matcher and reports where each one occurs, in C. A hit counts when it
    starts a word, or follows a clitic head that starts one, and ends one (or
    its name is a prefix `*`). Per word and matcher the regex's choice is kept:
    the shortest head first (its lazy order), then the longest name.

    `extras` are other word lists (word → payload) that ride on the same pass:
    `scan` also returns every place each of their words occurs, boundaries
    unchecked, for the caller's own rules (number words, pattern triggers)."""

    def __init__(self, matchers: Iterable[Matcher], extras: tuple[dict[str, object], ...] = ()):
        self.matchers = tuple(matchers)
        self.extras = tuple(extras)
        self._lookups = tuple(m._lookup for m in self.matchers)
        self._automaton = _automaton(self.matchers, self.extras)

    def find_all(self, text: str) -> list[list[Match]]:
        return self.scan(text)[0]

    def scan(self, text: str) -> tuple[list[list[Match]], list[list[tuple[int, object]]]]:
        """(`find_all(text)`, for each extra word list the (end, payload) of each occurrence
        of its words, in text order; `end` is exclusive)."""
        scanned, origin = _squeeze_spaces(text)
        extra_hits: list[list[tuple[int, object]]] = [[] for _ in self.extras]
        best = self._best_per_word(scanned, extra_hits)
        if origin is not None:
            extra_hits = [[(origin[end - 1] + 1, payload) for end, payload in hits] for hits in extra_hits]
        found: list[list[Match]] = [[] for _ in self.matchers]
        ends = [0] * len(self.matchers)     # each matcher resumes after its own last match
        count = len(self.matchers)
        # by word start, then matcher: each matcher's words in text order (keys are unique)
        for key, (_, end, start, entry) in sorted(best.items()):
            word, i = divmod(key, count)
            if word >= ends[i]:
                ends[i] = end
                if origin is not None:
                    start, end = origin[start], origin[end - 1] + 1
                if entry is None:           # a prefix name: its entry depends on the whole word
                    entry = self._lookups[i](text[start:end])
                    if entry is None:
                        continue
                found[i].append(_new_tuple(Match, (start, end, entry)))
        return found, extra_hits

    def _best_per_word(self, text: str, extra_hits: list[list]) -> dict[int, tuple]:
        """word start × number of matchers + matcher → (head rank, end, name start, entry or
        None for a prefix) of the match the regex would pick; the extra words' hits go to
        `extra_hits`."""
        best: dict[int, tuple] = {}
        if self._automaton.kind != ahocorasick.AHOCORASICK:
            return best                     # no words at all
        size = len(text)
        count = len(self.matchers)
        rank_of = _HEAD_RANK.get
        word_end = _WORD_REST.match
        heads_last = _HEAD_LAST
        longest = _LONGEST_HEAD
        get = best.get
        for last, (length, exact, prefix, extra) in self._automaton.iter(text):
            end = last + 1
            if extra:
                for k, payload in extra:
                    extra_hits[k].append((end, payload))
                if not exact and not prefix:
                    continue
            if not prefix and end < size and text[end].isalnum():
                continue                    # a whole name that goes on into a longer word
            start = end - length
            if start and text[start - 1].isalnum():      # inside a word: only after a clitic head
                if text[start - 1] not in heads_last:
                    continue
                word = start - 1
                floor = start - longest if start > longest else 0
                while word > floor and text[word - 1].isalnum():
                    word -= 1
                if word and text[word - 1].isalnum():
                    continue
                rank = rank_of(text[word:start])
                if rank is None:
                    continue
            else:
                word = start
                rank = 0
            base = word * count
            if exact and (end == size or not text[end].isalnum()):
                for i, entry in exact:
                    old = get(base + i)
                    if old is None or rank < old[0] or (rank == old[0] and end > old[1]):
                        best[base + i] = (rank, end, start, entry)
            if prefix:
                stop = word_end(text, end).end()
                for i in prefix:
                    old = get(base + i)
                    if old is None or rank < old[0] or (rank == old[0] and stop > old[1]):
                        best[base + i] = (rank, stop, start, None)
        return best


def _head_ranks() -> dict[str, int]:
    """The clitic heads `_HEAD` allows, in the order its lazy quantifiers try them
    (و/ف, then ب/ك/ل, then the article ال, or ل after the clitic ل)."""
    ranks = {"": 0, "ال": 1, "لل": 4}
    for second in "بكل":
        ranks[second], ranks[second + "ال"] = 2, 3
    for first in "وف":
        ranks[first], ranks[first + "ال"], ranks[first + "لل"] = 5, 6, 9
        for second in "بكل":
            ranks[first + second], ranks[first + second + "ال"] = 7, 8
    return ranks


_HEAD_RANK = _head_ranks()
_LONGEST_HEAD = max(map(len, _HEAD_RANK))
_HEAD_LAST = frozenset(head[-1] for head in _HEAD_RANK if head)
_WORD_REST = re.compile(rf"{_WORD_CHAR}*")
_SPACE_RUN = re.compile(" {2,}")


def _automaton(matchers: tuple[Matcher, ...], extras: tuple[dict[str, object], ...]) -> ahocorasick.Automaton:
    """Every spelling of every matcher's names (a space also written as none) and every
    extra word → (length, (matcher, entry) for the matchers listing it whole, matchers
    listing it as a prefix, (extra list, payload) for the extra lists holding it)."""
    owners: dict[str, tuple[dict[int, Entry], set[int], dict[int, object]]] = {}
    for i, matcher in enumerate(matchers):
        for variant in matcher._variants:
            for form in _space_forms(variant.rstrip("*")):
                exact, prefix, _ = owners.setdefault(form, ({}, set(), {}))
                if variant.endswith("*"):
                    prefix.add(i)
                else:
                    exact[i] = matcher._exact[_compact(form)]
    for k, words in enumerate(extras):
        for word, payload in words.items():
            owners.setdefault(word, ({}, set(), {}))[2][k] = payload
    automaton = ahocorasick.Automaton()
    for form, (exact, prefix, extra) in owners.items():
        automaton.add_word(form, (len(form), tuple(sorted(exact.items())), tuple(sorted(prefix)),
                                  tuple(sorted(extra.items()))))
    if owners:
        automaton.make_automaton()
    return automaton


def _space_forms(name: str) -> set[str]:
    """`البو كمال` → {البو كمال, البوكمال}: each space also written as none."""
    parts = name.split(" ")
    forms = {parts[0]}
    for part in parts[1:]:
        forms = {form + joint + part for form in forms for joint in (" ", "")}
    return forms


def _squeeze_spaces(text: str) -> tuple[str, list[int] | None]:
    """`text` with runs of spaces written as one, and where each of its characters was
    (None when nothing was squeezed): a name also matches across several spaces."""
    if "  " not in text:
        return text, None
    pieces, origin, position = [], [], 0
    for run in _SPACE_RUN.finditer(text):
        keep = run.start() + 1
        pieces.append(text[position:keep])
        origin.extend(range(position, keep))
        position = run.end()
    pieces.append(text[position:])
    origin.extend(range(position, len(text)))
    return "".join(pieces), origin


def _compact(text: str) -> str:
    return text.replace(" ", "")


def _spellings(key: str) -> set[str]:
    """`الX` is also written `لX` after the clitic ل (`للقوات`)."""
    spellings = {key}
    for particle in _PARTICLES:
        if key.startswith(particle) and len(key) > len(particle) + 1 and key[len(particle)] != " ":
            spellings.add(f"{particle} {key[len(particle):]}")
    if key.startswith("ال"):
        spellings |= {"ل" + s[2:] for s in spellings if s.startswith("ال")}
    return spellings


def _trie_pattern(words: Iterable[str]) -> str:
    """A regex matching the words, longest first, built as a character trie
    so that the regex engine never tries the words one by one."""
    trie: dict = {}
    for word in words:
        node = trie
        for char in word:
            node = node.setdefault(char, {})
        node[""] = True
    return _node_pattern(trie)


# Arabic letters, most frequent first: the regex engine tries a trie node's branches in order
_LETTER_RANK = {c: i for i, c in enumerate("اليمونهرتبعدسفقكحجشصطخزثغضذظءئؤ")}


def _branch_order(char: str) -> tuple:
    """Spaces first and `*` last (they may overlap the others); the letters, which exclude
    one another, by frequency: the engine reaches the branch that matches sooner."""
    return (char == "*", char > " ", _LETTER_RANK.get(char, len(_LETTER_RANK)), char)


def _node_pattern(node: dict) -> str:
    ends_here = "" in node
    branches = []
    # `*` (any ending) goes last, so that a longer listed name wins over a prefix
    for char in sorted((c for c in node if c), key=_branch_order):
        if char == "*":
            branches.append(rf"{_WORD_CHAR}*")
        elif char == " ":
            branches.append(" *" + _node_pattern(node[char]))
        else:
            branches.append(re.escape(char) + _node_pattern(node[char]))
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if ends_here:
        return f"(?:{body})?"
    return body
