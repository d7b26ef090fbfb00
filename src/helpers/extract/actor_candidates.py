"""Candidates for the actor of a figure or the giver of an incentive, and their features
(read by the ranking model of `helpers.extract.actor_model`).

Each actor code the report names (`Mention.code` of `context.actors`), the state, the rules'
own choice and "no actor" are the candidates of a record (`candidate_codes`). Each candidate
is described by string features (`candidate_features`) in three parts: of the report (how
often and where it is named, the outlet's `source:` line), of the sentence (cues that point at
a side without naming it, a bare head noun naming it, where it is named when the sentence does
not name it) and of the record (whether the rules chose it and on what basis, where its mentions
in the sentence stand, the word before the nearest one, what the rules' tests say of it).
"""
from __future__ import annotations

import dataclasses
import re
from functools import lru_cache
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from helpers.extract.actor_choice import _captor, _owner_after
from helpers.extract.actor_givers import _giver_named_after, funder
from helpers.extract.actor_settings import compared_with, delivered_to, overseen_by, received_by, served_in
from helpers.extract.mentions import NGO
from helpers.extract.references import back_nouns
from helpers.extract.words import _clause_bounds, _raw_previous_word, _strip_clitics
from helpers.ingest.normalise import normalise

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

STATE = "regime"         # always a candidate: the state is often named by its procedures only


# --- what the report says once ----------------------------------------------------------

@dataclasses.dataclass
class ReportFacts:
    """Counts and places of each actor code in one report, found once."""

    counts: Counter
    most: frozenset          # the codes named most often
    in_title: frozenset
    first: str | None        # the first code named
    source_words: tuple[str, ...]
    coded: list              # coded mentions in text order
    starts: list[int]
    report_cues: list        # `report:settlements` when the report speaks of settlements twice or more
    by_code: dict            # code → its mentions in text order


def report_facts(context: _ReportContext) -> ReportFacts:
    """`ReportFacts` of the report, kept on the context (`context._actor_facts`)."""
    found = context.__dict__.get("_actor_facts")
    if found is None:
        coded = sorted((m for m in context.actors if m.code), key=lambda m: m.start)
        counts = Counter(m.code for m in coded)
        by_code: dict[str, list] = {}
        for m in coded:
            by_code.setdefault(m.code, []).append(m)
        top = max(counts.values(), default=0)
        found = context.__dict__["_actor_facts"] = ReportFacts(
            counts, frozenset(c for c, n in counts.items() if n == top),
            frozenset(m.code for m in coded if m.end <= context.title_end),
            coded[0].code if coded else None, source_words(context.report.source or ""),
            coded, [m.start for m in coded],
            ["report:settlements"] if _speaks_of_settlements(context.text) else [], by_code)
    return found


def _speaks_of_settlements(text: str) -> bool:
    """Does the report name settlements twice or more (`مركز التسويات … تسوية أوضاع`)?"""
    if text.count("سوي") < 2:
        return False                     # the common case, without the regex
    found = _SETTLEMENT.finditer(text)
    return next(found, None) is not None and next(found, None) is not None


@lru_cache(maxsize=256)   # a corpus has a few dozen outlets
def source_words(source: str) -> tuple[str, ...]:
    """`وكالة روسية ناطقة بالعربية` → the normalised words of the outlet's line, clitics split
    (`روسيه`, `ناطقه`, `عربيه`…): the outlet's country and side, for `candidate_features`."""
    words = normalise(source).text.split()
    return tuple(sorted({_strip_clitics(w).removeprefix("ال") for w in words if len(w) > 2}))


# words of a sentence that point at a side without naming it
_SETTLEMENT = re.compile(r"(?<!\w)[وبلف]?(?:ال|ل)?(?:تسوي(?:ه|ات)|سويت)(?!\w)")
_SENTENCE_CUES = (
    ("settlement", _SETTLEMENT),                                                      # `تسوية أوضاع`
    ("service", re.compile(r"(?:الخدمه|خدمه)\s+(?:العلم|الالزاميه|الاحتياطيه)|الاحتياط|التجنيد\s+الاجباري")),
    ("civilians", re.compile(r"(?<!\w)[وب]?(?:ال)?مدني(?:ا|ين|ون)?(?!\w)")),            # `32 مدنياً`
    ("countries", re.compile(r"(?<!\w)(?:دول|منظمات|جهات)\s")),                        # `من دول ومنظمات`
    ("official", re.compile(r"(?<!\w)(?:ال)?(?:رسمي|رسميه|سانا|الحكوميه|الحكومه\s+السوريه|السلطات\s+السوريه)(?!\w)")),
)


def sentence_cues(context: _ReportContext, i: int | None, sentence) -> list[str]:
    """`cue:settlement`, `cue:service`… for the words of sentence `i` that point at a side
    without naming it (`سُوّيت أوضاع 4812 شخصاً`), found once per sentence."""
    if sentence is None:
        return []
    cache = context.__dict__.setdefault("_actor_cues", {})
    found = cache.get(i)
    if found is None:
        found = cache[i] = [f"cue:{name}" for name, pattern in _SENTENCE_CUES
                            if pattern.search(context.text, sentence.start, sentence.end)]
    return found


def _back_noun_stems(context: _ReportContext, i: int | None, sentence) -> tuple[str, ...]:
    """Stems of the bare head nouns of a sentence (`الحزب` → `حزب`), matched against the
    candidates' names: `أعلن الحزب أنه سيمنح` points at `حزب الله`."""
    if sentence is None:
        return ()
    cache = context.__dict__.setdefault("_actor_nouns", {})
    found = cache.get(i)
    if found is None:
        found = cache[i] = tuple(sorted({noun[2:] for _, _, noun in back_nouns(context.text, sentence.start,
                                                                                sentence.end)}))
    return found


# --- one record's candidates -------------------------------------------------------------

def _bucket(n: int) -> str:
    """Word distance as a bucket: 0, 1, 2, 3-5, 6-10, 11+."""
    return str(n) if n <= 2 else "3-5" if n <= 5 else "6-10" if n <= 10 else "11+"


def _count_bucket(n: int) -> str:
    return str(n) if n <= 2 else "3-4" if n <= 4 else "5+"


def _link_word(text: str, mention) -> str:
    """The word before a mention, clitics split: `بإشراف قوات النظام` → `اشراف`."""
    word = _raw_previous_word(text, mention.start).strip("،,.:؛()")
    return _strip_clitics(word) if word else "^"


def _mention_flags(context: _ReportContext, mention) -> tuple[str, ...]:
    """What the rules' tests say of one mention (found once per mention): `setting`,
    `compared` (`على غرار روسيا`), `delivered_to`, `received_by`, `overseer` (`بإشراف`),
    `funder` (`بتمويل من`), `served_in`, `captor`, and its kind."""
    cache = context.__dict__.setdefault("_actor_flags", {})
    found = cache.get(mention.start)
    if found is None:
        text = context.text
        flags = [f"flag:kind:{mention.kind or 'actor'}"]
        if mention.start in context.settings:
            flags.append("flag:setting")
        for name, test in (("compared", compared_with), ("delivered_to", delivered_to), ("received_by", received_by),
                           ("overseer", overseen_by), ("funder", funder), ("served_in", served_in),
                           ("captor", _captor)):
            if test(text, mention):
                flags.append(f"flag:{name}")
        found = cache[mention.start] = tuple(flags)
    return found


def _after_flags(context: _ReportContext, mention, end: int, clause_end: int, figure: bool,
                 in_sentence: list) -> list[str]:
    """`flag:owner` (`7 عناصر من الحمزات`), `flag:giver` (`قدمتها جمعية`) for a mention after the record."""
    flags = []
    if figure and _owner_after(context.text, in_sentence, end) is mention:
        flags.append("flag:owner")
    if _giver_named_after(context.text, in_sentence, end, clause_end) is mention:
        flags.append("flag:giver")
    return flags


class _Where:
    """A record's place in its report: sentence, clause, paragraph and the actors of its sentence."""

    __slots__ = ("start", "end", "i", "sentence", "clause_start", "clause_end", "paragraph_start", "in_sentence",
                 "figure", "record", "kind")

    def __init__(self, context: _ReportContext, start: int, end: int, record: str):
        self.start, self.end, self.record = start, end, record
        self.kind = record.split(":", 1)[0]
        self.figure = self.kind == "figure"
        self.i, self.sentence = context.sentence_of(start)
        if self.sentence is not None:
            self.clause_start, self.clause_end = _clause_bounds(context.text, start, end, self.sentence.start,
                                                                self.sentence.end)
            self.paragraph_start = context._paragraph_start(self.i)
            self.in_sentence = context.actors_in[self.i]
        else:
            self.clause_start = self.clause_end = self.paragraph_start = start
            self.in_sentence = []


def candidate_codes(context: _ReportContext, rule_code: str | None) -> list[str | None]:
    """The codes the report names, the state and the rules' choice, sorted; then None."""
    cache = context.__dict__.setdefault("_actor_codes", {})
    found = cache.get(rule_code)
    if found is None:
        codes = set(report_facts(context).counts) | {STATE}
        if rule_code is not None:
            codes.add(rule_code)
        found = cache[rule_code] = sorted(codes) + [None]
    return found


def candidate_features(context: _ReportContext, start: int, end: int, rule_code: str | None,
                       rule_basis: str | None, record: str) -> dict[str | None, list[str]]:
    """Candidate code (None for no actor) → its features, for the record at [start, end) of
    the normalised text. `record` names the record's kind: `figure:recruits`,
    `incentive:food_aid`… `رواتب تدفعها روسيا لعناصر الفيلق` for a salary gives
    `{"russia": ["code:russia", …, "at:clause_after", "link:تدفعها", …], None: ["none", …]}`.
    The features come in three parts: of the report (`_report_part`), of the sentence
    (`_sentence_part`) and of the record itself (`_record_part`)."""
    where = _Where(context, start, end, record)
    return {code: list(_report_part(context, code, record)) + list(_sentence_part(context, where, code))
            + _record_part(context, where, code, rule_code, rule_basis)
            for code in candidate_codes(context, rule_code)}


def _report_part(context: _ReportContext, code: str | None, record: str) -> tuple[str, ...]:
    """Features of a candidate that depend on the report and the record's kind only."""
    return report_features(*report_key(context, code, record))


def report_key(context: _ReportContext, code: str | None, record: str) -> tuple:
    """What a candidate's report features depend on (reports alike share them: `report_features`)."""
    facts = report_facts(context)
    if code is None:
        return None, record, len(facts.counts), False, False, False, (), tuple(facts.report_cues)
    return (code, record, facts.counts.get(code, 0), code in facts.most, code in facts.in_title,
            code == facts.first, facts.source_words, tuple(facts.report_cues))


@lru_cache(maxsize=4096)
def report_features(code: str | None, record: str, count: int, most: bool, title: bool, first: bool,
                    source: tuple, report_cues: tuple) -> tuple[str, ...]:
    """`("russia", "figure:salary", 3, True, False, True, ("روسيه",), ())` → `code:russia`,
    `figure|code:russia`, `figure:salary|code:russia`, `count:3-4`, `most`, `first`,
    `src:روسيه|code:russia`."""
    kind = record.split(":", 1)[0]
    if code is None:
        features = ["none", f"none|{kind}", f"none|{record}", f"none|codes:{_count_bucket(count)}"]
        return tuple(features + [f"none|{cue}" for cue in report_cues])
    features = [f"code:{code}", f"{kind}|code:{code}", f"{record}|code:{code}", f"count:{_count_bucket(count)}"]
    if count == 0:
        features.append("unnamed")
    if most:
        features.append("most")
    if title:
        features.append("title")
    if first:
        features.append("first")
    features += [f"src:{w}|code:{code}" for w in source]
    return tuple(features + [f"{cue}|code:{code}" for cue in report_cues])


def _sentence_part(context: _ReportContext, where: _Where, code: str | None) -> tuple[str, ...]:
    """Features of a candidate that depend on the record's sentence only (cached): the sentence's
    cues, a head noun naming it, and where it is named when the sentence does not name it."""
    cache = context.__dict__.setdefault("_actor_sentence_parts", {})
    key = (where.i, code)
    found = cache.get(key)
    if found is not None:
        return found
    facts = report_facts(context)
    cues = sentence_cues(context, where.i, where.sentence)
    in_sentence = where.in_sentence
    if code is None:
        features = [f"none|{cue}" for cue in cues]
        features.append(f"none|sentence_codes:{_count_bucket(len({m.code for m in in_sentence if m.code}))}")
        if any(m.kind == NGO for m in in_sentence):   # an aid body or a doer with no code (`حكومة الوفاق`)
            features.append("none|ngo_in_sentence")
        if not any(m.code for m in in_sentence):
            features.append("none|no_actor_in_sentence")
    else:
        features = [f"{cue}|code:{code}" for cue in cues]
        nouns = _back_noun_stems(context, where.i, where.sentence)
        if nouns and any(context.text.find(stem, m.start, m.end) >= 0 for m in facts.by_code.get(code, ())
                         for stem in nouns):
            features.append("named_by_head_noun")
        if not any(m.code == code for m in in_sentence):
            features += _elsewhere(context, facts, where, code)
    found = cache[key] = tuple(features)
    return found


def _elsewhere(context: _ReportContext, facts: ReportFacts, where: _Where, code: str) -> list[str]:
    """Where a code its record's sentence does not name is named: earlier in the paragraph (the
    word before its last mention, a setting?), earlier or later in the report, nowhere."""
    features = []
    named = facts.by_code.get(code)
    if where.sentence is not None and named:
        starts = [m.start for m in named]
        low = bisect_left(starts, where.paragraph_start)
        high = bisect_left(starts, where.sentence.start)
        if high > low:
            last = named[high - 1]
            features += ["at:paragraph_before", f"para_link:{_link_word(context.text, last)}"]
            if last.start in context.settings:
                features.append("para_setting")
        if low > 0:
            features.append("at:report_before")
        if bisect_right(starts, where.sentence.end) < len(starts):
            features.append("at:report_after")
    if facts.counts.get(code, 0) == 0:
        features.append("at:nowhere")
    return features


def _record_part(context: _ReportContext, where: _Where, code: str | None, rule_code: str | None,
                 rule_basis: str | None) -> list[str]:
    """Features of a candidate that depend on the record: the rules' choice and its basis, and
    the candidate's mentions in the record's sentence (an aid body's for None)."""
    features = []
    if code == rule_code:
        features += (["none|rule", f"none|rule|b:{rule_basis}"] if code is None
                     else ["rule", f"rule|b:{rule_basis}", f"rule|{where.record}"])
    own = [m for m in where.in_sentence if m.code == code]
    if not own:
        return features
    position = _mentions_near(context, where, own)
    return features + (["none|" + f for f in position] if code is None else position)


def _mentions_near(context: _ReportContext, where: _Where, own: list) -> list[str]:
    """The scopes of a candidate's mentions in the record's sentence (`at:clause_before`…) and
    its nearest one: direction, word distance, linking word, the rules' flags."""
    text = context.text
    start, end = where.start, where.end
    features = []
    nearest, nearest_gap = None, None
    for m in own:
        before = m.end <= start
        in_clause = where.clause_start <= m.start and m.end <= where.clause_end
        features.append(f"at:{'clause' if in_clause else 'sentence'}_{'before' if before else 'after'}")
        gap = len(text[m.end:start].split()) if before else len(text[end:m.start].split())
        if nearest_gap is None or gap < nearest_gap:
            nearest, nearest_gap = m, gap
    direction = "before" if nearest.end <= start else "after"
    link = _link_word(text, nearest)
    features += [f"near:{direction}:{_bucket(nearest_gap)}", f"link:{link}", f"link:{direction}:{link}"]
    features += _mention_flags(context, nearest)
    if nearest.start >= end:
        features += _after_flags(context, nearest, end, where.clause_end, where.figure, where.in_sentence)
    if all(m.start in context.settings for m in own):
        features.append("all_settings")
    return features
