"""Extract figures and incentives, each with its evidence, from one report.

`extract_report(report)` → (figures, incentives). Offsets index
`report.full_text` (`full_text[start:end] == text` always holds): all
matching runs on the normalised text and every span is mapped back with
`Normalised.span()`.

Category and measure come from cues.csv (the cue nearest the number decides,
within what the unit allows); actor and place from helpers.attribution.
Record ids are stable for the same report id, text and position:
figures `{report_id}:f:{start}`, incentives `{report_id}:i:{incentive}:{actor}`.
"""
from __future__ import annotations

import argparse
import csv
import json
import re
import sys
from collections.abc import Iterable, Iterator
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field, fields
from functools import lru_cache
from pathlib import Path

from helpers import attribution as at
from helpers import numbers  # registers the number lexicons before any load_lexicons()
from helpers.lexicons import ACTORS, Column, Lexicons, Schema, load_lexicons, register
from helpers.normalise import Normalised, normalise
from helpers.records import Figure, Incentive, Rejection, Report
from helpers.sentences import SentenceIndex, split_sentences

CATEGORIES = ("recruits", "salary", "reward", "aid_recipients", "aid_amount", "casualties", "other")
MEASURES = ("stock", "flow", "target")


def _cue_row(row: dict[str, str]) -> str | None:
    if not (row["category"] or row["measure"] or row["scope"]):
        return "a cue needs a category, a measure or a scope"
    return None


register("cues", Schema("cues.csv", "cue", (
    Column("category", required=False, choices=CATEGORIES),
    Column("measure", required=False, choices=MEASURES),
    Column("scope", required=False, choices=("national",)),
    Column("note", required=False),
), _cue_row))

register("actor_adjectives", Schema("actor_adjectives.csv", "adjective", (
    Column("actor", choices=ACTORS),
    Column("note", required=False),
)))

TIME_UNITS = frozenset({"day", "week", "month", "year", "hour", "minute"})
CURRENCIES = frozenset({"usd", "syp", "try", "eur"})
PEOPLE_UNITS = frozenset({"person", ""})
FAMILY_UNITS = frozenset({"family"})
AID_GOODS_UNITS = frozenset({"food_basket", "tonne", "kg"})
_ALLOWED = {
    "people": ("recruits", "casualties", "aid_recipients", "other"),  # other: deserters, returnees (cues.csv)
    "family": ("aid_recipients", "casualties", "recruits", "other"),  # other: returnee families
    "money": ("salary", "reward", "aid_amount", "aid_recipients"),
    "goods": ("aid_amount",),
}
# a killing word beats a nearer "fighters"; "monthly" marks pay as a salary
_CATEGORY_BONUS = {"casualties": 40, "salary": 15, "other": 40}
_INCENTIVE_FIGURE = {
    "cash_salary": "salary", "cash_reward": "reward",
    **{k: "aid_amount" for k in ("food_aid", "clothing", "blankets_heating", "school_supplies",
                                 "medical", "fuel", "aid_unspecified")},
}
FIGURE_FIELDS = [f.name for f in fields(Figure)]
INCENTIVE_FIELDS = [f.name for f in fields(Incentive)]
# contract order, `type` first
FIGURE_COLUMNS = ["type"] + [n for n in FIGURE_FIELDS if n != "type"]
INCENTIVE_COLUMNS = ["type"] + [n for n in INCENTIVE_FIELDS if n != "type"]


def find_quantities(text: str, lexicons: Lexicons | None = None, word_hits: list | None = None) -> list:
    """The quantities of normalised `text` (helpers.numbers)."""
    return numbers.find_quantities(text, lexicons, word_hits)


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    category: str
    measure: str
    batch: bool = False    # `دفعة`, `الجدد`: new arrivals whatever else the sentence says
    weak: bool = False     # `يضم`: a total only when nothing nearer says otherwise
    noun: bool = False     # `عائلة`: a recipient noun, no clue for what money is
    count: bool = False    # `ارتفع عدد`: a total that governs its whole clause
    captive: bool = False  # `اعتقل`: arrested people are other, captured members casualties


# the lexicons the context scans for, in one pass (Lexicons.scan) with the number words
# and the incentive patterns' words
_SCANNED = ("actors", "actor_adjectives", "incentives", "cues", "places")


class _ReportContext:
    """Everything found once per report and shared by its records."""

    def __init__(self, report: Report, lexicons: Lexicons):
        self.report = report
        self._originals: dict[tuple[int, int], tuple[int, int, str]] = {}
        self._resolved: dict[int, at.Location] = {}
        self._area_texts: dict[tuple[int, int], str] = {}
        self._back_nouns: dict[int, tuple] = {}   # sentence → bare head nouns (`اللواء`)
        self._paragraph_starts: list[int] | None = None
        self.norm: Normalised = normalise(report.full_text)
        text = self.norm.text
        self.text = text
        self.sentences = split_sentences(text)
        self.index = SentenceIndex(self.sentences)
        title_end = len(normalise(report.title).text) if report.title else 0
        self.title_end = title_end
        (actor_hits, adjective_hits, incentive_hits, cue_hits, place_hits), (number_words, pattern_words) = \
            lexicons.scan(_SCANNED, text, (numbers.number_word_forms(lexicons), at.PATTERN_WORDS))
        actors, sources = [], []
        for m in actor_hits:
            kind = at.NGO if at.is_ngo_row(m.entry) else m.entry["kind"]
            mention = at.Mention(m.start, m.end, m.entry["actor"] or None, kind=kind)
            if kind == "state" and at.border_neighbour(text, m.start):
                continue   # `الحدودي مع تركيا`
            # an NGO stays a (code-less) doer: its aid has actor null
            (actors if kind == at.NGO or (kind != "source" and mention.code) else sources).append(mention)
        adjectives = [at.Mention(m.start, m.end, m.entry["actor"], kind="adjective")
                      for m in adjective_hits
                      if not at.adjective_is_not_actor(text, m.start)]
        source_spans = _Spans(sources)
        actors = _longest_first(actors + [a for a in adjectives if not source_spans.overlaps(a.start, a.end)]
                                + at.governorate_givers(text, place_hits))
        named = _Spans(actors + sources)
        # verb + object (`يؤجل … سوق`)
        incentive_hits = list(incentive_hits) + at.pattern_incentives(text, {word for _, word in pattern_words})
        self.incentive_hits = [m for m in incentive_hits
                               if not named.contains(m.start, m.end)
                               and not _negated(text, m.start)
                               and not (m.entry["incentive"] == "protection" and at.guards_a_site(text, m.end))
                               and not at.word_in(at.previous_word(text, m.start), _NOT_OFFER_BEFORE)]
        # an actor named inside an incentive (`منع قوات النظام من التجاوز`) is not its giver
        hit_spans = _Spans(self.incentive_hits)
        actors = [a for a in actors if not hit_spans.contains(a.start, a.end)]
        self.actors = at.apply_affiliation(text, at.drop_opponents(text, actors))
        cues, national = [], []
        refusals = "رفض" in text or "امتنع" in text   # once per report: most have neither
        prices = "سعر" in text or "ثمن" in text
        for m in cue_hits:
            if m.entry["scope"] == "national":
                if not source_spans.overlaps(m.start, m.end) and not at.national_is_not_place(text, m.start):
                    national.append(at.Mention(m.start, m.end, at.NATIONAL, (), "national"))
            elif not named.overlaps(m.start, m.end):
                category, measure, batch, weak, noun, captive = _cue_fields(m.entry)
                if category == "recruits" and at.joins_a_course(text, m.end):
                    continue   # `التحق بها 75 طالباً` (a course): not enlisting
                if prices and category == "aid_amount" and _priced(text, m.start):
                    continue   # `سعر ربطة الخبز`: a priced good, not aid
                if refusals and category == "recruits" and _refused(text, m.start):
                    category, measure = "other", ""   # `رفض نحو 300 شاب الانضمام`: they stay out
                cues.append(_Cue(m.start, m.end, category, measure, batch, weak, noun,
                                 measure == "stock" and _rising_count(measure, text[m.start:m.end]), captive))
        self.cues = _settle_measures(text, cues)
        # `مناطق سيطرة النظام` names the country's regime-held part, not the regime
        national_spans = _Spans(national)
        self.actors = [a for a in self.actors if not national_spans.contains(a.start, a.end)]
        self.settings = frozenset(a.start for a in self.actors if at.is_setting(text, a))
        self.carriers = [a for a in self.actors if a.start not in self.settings and a.code]
        self.carrier_ends = at.ends_index(self.carriers)
        self.main_actor = at.main_actor(text, [a for a in self.actors if a.code], title_end, self.settings)
        blocked = _Spans(self.actors + sources)
        places = [self._place(m) for m in place_hits]
        places = [p for p in places if not blocked.overlaps(p.start, p.end)
                  and not at.is_dateline(text, p.start, p.end)]
        national = [n for n in national if not blocked.overlaps(n.start, n.end)]
        self.places = _longest_first(places + national)
        self.any_abroad = any(p.code == at.ABROAD for p in self.places)
        self.phrases = at.group_phrases(text, self.places, self.index.index_of)
        self.main_place = at.main_place(self.phrases)
        self.quantities = [q for q in find_quantities(text, lexicons, number_words)
                           if not blocked.overlaps(q.start, q.end)]
        # per-sentence buckets, so that each record looks only at its sentence
        self.actors_in = self._bucket(self.actors)
        self.phrases_in = self._bucket(self.phrases)
        self.cues_in = self._bucket(self.cues)
        self.quantities_in = self._bucket(self.quantities)

    def _bucket(self, items: list) -> list[list]:
        buckets: list[list] = [[] for _ in self.sentences]
        for item in items:
            i = self.index.index_of(item.start)
            if i is not None:
                buckets[i].append(item)
        return buckets

    def _place(self, match) -> at.Mention:
        entry = match.entry
        regions = _regions(entry["regions"])
        return at.Mention(match.start, match.end, entry["area"], regions, entry["kind"],
                          example=at.introduced_as_example(self.text, match.start))

    # --- original offsets ---------------------------------------------------
    def original(self, start: int, end: int) -> tuple[int, int, str]:
        """Original (start, end, text) of a normalised span (cached: sentences,
        actors and places are asked for many times)."""
        key = (start, end)
        found = self._originals.get(key)
        if found is None:
            a, b = self.norm.span(start, end)
            found = self._originals[key] = (a, b, self.report.full_text[a:b])
        return found

    def sentence_of(self, position: int):
        i = self.index.index_of(position)
        return i, (self.sentences[i] if i is not None else None)

    # --- attribution ----------------------------------------------------------
    def actor_for(self, start: int, end: int, incentive: bool = False) -> at.Mention | None:
        i, sentence = self.sentence_of(start)
        if sentence is not None:
            found = at.choose_actor(self.text, self.actors_in[i], start, end, sentence.start, sentence.end,
                                    incentive, self.settings)
            if found is not None:
                return found
            found = at.cell_referred_to(self.text, self.actors, sentence.start, sentence.end)
            if found is not None:
                return found   # `وأوضح البيان أن الخلية جندت …`: the cell named before, and its actor
            hits = self._back_nouns.get(i)
            if hits is None:
                hits = self._back_nouns[i] = at.back_nouns(self.text, sentence.start, sentence.end)
            found = at.head_noun_referred_to(self.text, self.actors, hits, start, end, sentence.start) if hits else None
            if found is not None:
                return found   # `4 من عناصر اللواء`: the brigade named before (`اللواء الثامن`)
            found = at.last_before(self.carriers, sentence.start, self._paragraph_start(i), self.carrier_ends)
            if found is not None:
                return found
        return self.main_actor

    def place_for(self, start: int, end: int) -> at.Location | None:
        i, sentence = self.sentence_of(start)
        if sentence is not None:
            own = self.phrases_in[i]
            destination = at.abroad_destination(self.text, own, start, end)
            if destination is not None:
                return self._resolve(destination, own)
            phrase = at.choose_phrase(self.text, own, start, end)
            if phrase is not None:
                return self._resolve(phrase, own)
            there = self._there(i)
            if there is not None:
                return there
            floor = self._paragraph_start(i)
            for j in range(i - 1, -1, -1):
                if self.sentences[j].start < floor:
                    break
                if self.phrases_in[j]:   # a destination abroad carries before the sentence's last place
                    carried = (self.any_abroad and at.abroad_destination(self.text, self.phrases_in[j])
                               or self.phrases_in[j][-1])
                    return self._resolve(carried, self.phrases_in[j])
        return self.main_place

    def _there(self, i: int) -> at.Location | None:
        """`ويتقاضى المقاتل هناك …` (there): the last place abroad named before."""
        sentence = self.sentences[i]
        if not _THERE.search(self.text, sentence.start, sentence.end):
            return None
        for j in range(i - 1, -1, -1):
            for phrase in reversed(self.phrases_in[j]):
                if all(m.code == at.ABROAD for m in phrase.mentions):
                    return self._resolve(phrase, self.phrases_in[j])
        return None

    def _resolve(self, phrase: at.Phrase, own: list) -> at.Location:
        found = self._resolved.get(id(phrase))
        if found is None:
            found = self._resolved[id(phrase)] = at.resolve_phrase(phrase, own)
        return found

    def area_text(self, place: at.Location) -> str:
        key = (place.start, place.end)
        found = self._area_texts.get(key)
        if found is None:
            a, b = at.widen_place_text(self.text, place.start, place.end)
            found = self._area_texts[key] = self.original(a, b)[2]
        return found

    def _paragraph_start(self, i: int) -> int:
        """Start of the first sentence of sentence i's paragraph (computed once per report)."""
        if self._paragraph_starts is None:
            starts, first = [], 0
            for index, sentence in enumerate(self.sentences):
                if index == 0 or self.sentences[index - 1].paragraph != sentence.paragraph:
                    first = sentence.start
                starts.append(first)
            self._paragraph_starts = starts
        return self._paragraph_starts[i]


_THERE = re.compile(r"هناك(?<!\wهناك)(?!\w)")   # the word first: the regex engine skips to it
# `اتفاق التسوية`, `مناطق التسوية`: a name for a deal or a zone, not an offer
_NOT_OFFER_BEFORE = frozenset({"اتفاق", "اتفاقات", "اتفاقيات", "اتفاقيه", "مناطق", "منطقه", "لجنه", "لجان"})
_NEGATORS = frozenset({"لم", "لن", "لا", "ليس", "دون", "بدون", "عدم", "ولم", "ولا", "ولن", "بلا"})
_NEGATION_WINDOW = 6  # words
# `لا سيما` (especially), `لا تزال` (still), `لا يقل عن` (at least): not a denial
_NOT_NEGATING_NEXT = frozenset({"سيما", "يزال", "تزال", "زال", "زالت", "يقل", "تقل", "يتجاوز", "تتجاوز",
                                "يزيد", "تزيد", "بد", "يكتفي", "تكتفي", "تقتصر", "يقتصر"})


_UP_TO_LAST_BREAK = re.compile(r".*[.؟!؛،,\n]", re.S)   # greedy: through the last break


def _clause_words_before(text: str, start: int, characters: int, most: int) -> list[str]:
    """The last `most` words of the `characters` before `start`, not crossing a clause break."""
    before = text[max(0, start - characters):start]
    last_break = _UP_TO_LAST_BREAK.match(before)
    return (before[last_break.end():] if last_break else before).split()[-most:]


def _negated(text: str, start: int) -> bool:
    """`لم يحصلوا على رواتب`: a negator among the few words before the cue."""
    words = _clause_words_before(text, start, 60, _NEGATION_WINDOW)
    if _NEGATORS.isdisjoint(words):
        return False                     # the common case, without the loop below
    return any(w in _NEGATORS and (i + 1 >= len(words) or words[i + 1] not in _NOT_NEGATING_NEXT)
               for i, w in enumerate(words))


_CUE_FIELDS: dict[int, tuple] = {}


def _cue_fields(entry) -> tuple:
    """(category, measure, batch, weak, noun, captive) of a cues.csv entry, worked out once per entry."""
    cached = _CUE_FIELDS.get(id(entry))
    if cached is None or cached[0] is not entry:
        if len(_CUE_FIELDS) > 4096:
            _CUE_FIELDS.clear()
        note = entry["note"]
        cached = _CUE_FIELDS[id(entry)] = (entry, (entry["category"], entry["measure"], note.startswith("batch"),
                                                   note.startswith("weak"), note.startswith("noun"),
                                                   note.startswith("captive")))
    return cached[1]


@lru_cache(maxsize=1024)
def _regions(column: str) -> tuple[str, ...]:
    """`SY-DR|SY-QU` → ("SY-DR", "SY-QU")."""
    return tuple(r for r in column.split("|") if r)


# `رفض نحو 300 شاب من أبناء المنطقة الانضمام`, `امتنعوا عن الالتحاق`: a refusal before the enlisting word
_REFUSALS = frozenset({"رفض", "رفضوا", "يرفض", "يرفضون", "ترفض", "امتنع", "امتنعوا", "يمتنع", "يمتنعون"})
_REFUSAL_WINDOW = 10  # words


def _refused(text: str, start: int) -> bool:
    """A refusal verb among the few words before the cue at `start`, in its clause."""
    return any(at.word_in(w, _REFUSALS) for w in _clause_words_before(text, start, 80, _REFUSAL_WINDOW))


# `بلغ سعر ربطة الخبز 1500 ليرة`, `تهريب المطلوبين مقابل مبالغ تتراوح بين 1500 و2000 دولار`
_PRICE_WORDS = frozenset({"سعر", "ثمن", "اسعار", "تهريب", "تهريبهم", "تهريبه", "بدلا", "البدل"})
_PRICE_WINDOW = 8  # words


def _priced(text: str, start: int) -> bool:
    """`سعر ربطة الخبز`: the word before the cue at `start` names a price."""
    return at.word_in(at.previous_word(text, start), _PRICE_WORDS)


def _price_or_fee(text: str, start: int) -> bool:
    """A price or a smuggling fee: such a word among the few words before the money, in its clause."""
    low = max(0, start - 90)
    if (text.find("سعر", low, start) < 0 and text.find("ثمن", low, start) < 0
            and text.find("تهريب", low, start) < 0 and text.find("بدل", low, start) < 0):
        return False   # the common case, without slicing
    return any(at.word_in(w, _PRICE_WORDS) for w in _clause_words_before(text, start, 90, _PRICE_WINDOW))


def _settle_measures(text: str, cues: list[_Cue]) -> list[_Cue]:
    """`عدد المنضمين` counts a total: the noun after `عدد` is not a new arrival.
    `لتجنيد` / `بهدف تجنيد` (in order to recruit) is a wish, not an arrival."""
    counted_until = -1
    for cue in cues:
        if cue.measure == "flow" and cue.start < counted_until:
            cue.measure = ""
        elif cue.measure == "flow" and _purpose_clitic(text, cue.start):
            cue.measure = "target"
        if cue.measure == "stock" and text[cue.start:cue.end].endswith("عدد"):
            counted_until = _word_end(text, cue.end)
    return cues


def _purpose_clitic(text: str, start: int) -> bool:
    """Is the word at `start` written with the clitic ل (`لتجنيد`, `ولتجنيد`)?"""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:start] in ("ل", "ول", "فل", "لل", "ولل")


def _word_end(text: str, position: int) -> int:
    """End of the word after `position` (skipping one space)."""
    while position < len(text) and text[position] == " ":
        position += 1
    while position < len(text) and text[position].isalpha():
        position += 1
    return position


def _longest_first(mentions: list) -> list:
    """Mentions in text order; of two that overlap the longer stays
    (`شمال سوريا` is a macro-area, not the country)."""
    if not mentions:
        return []
    occupied = bytearray(max(m.end for m in mentions))
    kept: list = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if occupied.find(1, m.start, m.end) == -1:
            occupied[m.start:m.end] = b"\x01" * (m.end - m.start)
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


class _Spans:
    """Sorted non-overlapping spans with a fast overlap test."""

    def __init__(self, spans: Iterable):
        ordered = sorted((s.start, s.end) for s in spans)
        self.starts = [a for a, _ in ordered]
        self.ends = [b for _, b in ordered]

    def overlaps(self, start: int, end: int) -> bool:
        i = bisect_left(self.starts, end)   # spans starting before `end`
        return i > 0 and self.ends[i - 1] > start

    def contains(self, start: int, end: int) -> bool:
        """Is [start, end) strictly inside one of the spans?"""
        i = bisect_right(self.starts, start)
        if i == 0:
            return False
        a, b = self.starts[i - 1], self.ends[i - 1]
        return a <= start and end <= b and (a, b) != (start, end)


# --- category and measure ------------------------------------------------------

def _unit_class(unit: str | None) -> str | None:
    unit = unit or ""
    if unit in TIME_UNITS or unit == "percent":
        return None
    if unit in CURRENCIES:
        return "money"
    if unit in PEOPLE_UNITS:
        return "people"
    if unit in FAMILY_UNITS:
        return "family"
    return "goods"


def _distance(cue_start: int, cue_end: int, start: int, end: int) -> int:
    if cue_end <= start:
        return start - cue_end
    if cue_start >= end:
        return cue_start - end
    return 0


_CLAUSE_BREAK = re.compile(r"[،,؛]")
_COUNT_WORDS = ("عدد", "اعداد", "تعداد")


def _rising_count(measure: str, words: str) -> bool:
    """`ارتفع عدد`, `بلغ عدد`: a verb of reaching and its count (not bare `عدد`)."""
    return measure == "stock" and " " in words and words.endswith(_COUNT_WORDS)
_CLAUSE_PENALTY = 60     # a cue across a comma counts as this much farther
_BATCH_WINDOW = 40
_WEAK_PENALTY = 30


def _gap_distance(text: str, cue: _Cue, start: int, end: int) -> int:
    distance = _distance(cue.start, cue.end, start, end)
    gap = text[cue.end:start] if cue.end <= start else text[end:cue.start]
    return distance + (_CLAUSE_PENALTY if _CLAUSE_BREAK.search(gap) else 0)


def categorise(text: str, quantity, cues: list[_Cue], sentence_start: int, sentence_end: int) -> str:
    """The figure's category: the nearest cue among those the unit allows."""
    unit_class = _unit_class(quantity.unit)
    if unit_class is None:
        return "other"
    allowed = _ALLOWED[unit_class]
    span_start, span_end = _span(quantity)
    if unit_class == "money" and (at.deducted(text, span_start) or _price_or_fee(text, span_start)):
        return "other"   # `يقتطع منها الفصيل قرابة 300 دولار`: a deduction, not pay; a price or a fee
    if "other" in allowed and _enlisting(text, cues, span_start, span_end, sentence_start, sentence_end):
        allowed = tuple(c for c in allowed if c != "other")  # `جندت 150 من المنشقين`: recruits
    best, best_score, best_cue = None, None, None
    aid_sentence = None
    for cue in cues:
        if cue.category not in allowed or cue.start < sentence_start or cue.end > sentence_end:
            continue
        if unit_class == "money" and cue.noun:
            continue
        if cue.noun and cue.category == "other" and _verb_in_clause(text, cues, cue, allowed, span_start, span_end):
            continue   # `استفاد منها 140 طالباً`: the verb, not the noun `طالب`, says what they are
        if cue.category == "other" and at.word_in(at.previous_word(text, cue.start), _RELATIVES):
            # `قُدّمت لـ 3550 فرداً من العائلات التي عادت`: describes aid recipients
            if aid_sentence is None:
                aid_sentence = _aid_context(cues, sentence_start, sentence_end)
            if aid_sentence:
                continue
        score = _gap_distance(text, cue, span_start, span_end) - _CATEGORY_BONUS.get(cue.category, 0)
        if best_score is None or score < best_score:
            best, best_score, best_cue = cue.category, score, cue
    if best_cue is not None and best_cue.captive and best == "other" and _members_counted(text, quantity.end):
        return "casualties"   # `اعتقال 5 من أعضاء التنظيم`: captured fighters
    if best_cue is not None and best_cue.captive and best == "other" and _driven_to_service(text, span_end, sentence_end):
        return "recruits"   # `اعتقلت 47 شاباً …، وساقتهم إلى مراكز التجنيد`: arrested for service
    hint = getattr(quantity, "unit_category", None)
    if (best or hint) == "recruits" and _members_counted(text, quantity.end) and (
            _captive_before(text, cues, span_start) or _captor_verb_before(text, span_start)):
        return "casualties"   # `القبض على 27 عنصراً من خلايا التنظيم`: the seizing verb governs the noun
    if best is not None:
        # money handed out as aid is an aid amount, not a recipient count
        return "aid_amount" if unit_class == "money" and best == "aid_recipients" else best
    if hint in allowed:
        return hint
    if unit_class == "family":
        return "aid_recipients"
    if unit_class == "goods" and (quantity.unit in AID_GOODS_UNITS or _aid_context(cues, sentence_start, sentence_end)):
        return "aid_amount"
    return "other"


_RELATIVES = frozenset({"التي", "الذي", "الذين", "اللواتي", "اللاتي"})
# `4 عناصر من الأمن العسكري`, `5 من أعضاء التنظيم`: the counted people are members of a force
_MEMBERS_AFTER = re.compile(r"\s*(?:من\s+)?(?:ال)?(?:عنصر\w*|عناصر|اعضاء|مقاتل\w*|مسلح\w*|جنود|جندي\w*|ضباط|ضابط\w*"
                            r"|افراد|مرتزق\w*|خلايا|حراس|حارس\w*)(?!\w)")


_DRIVEN = re.compile(r"(?<!\w)[وف]?(?:ساق|اقتاد|سيق|ارسل|نقل|حول)\w*(?:هم|وهم)\s+(?:الي|ل)\S*\s+"
                     r"(?:\S+\s+){0,2}?\S*(?:التجنيد|تجنيد|الخدمه|الاحتياط|التدريب)(?!\w)")


def _driven_to_service(text: str, end: int, sentence_end: int) -> bool:
    """After arrests, a later clause that takes them (`وساقتهم`, `واقتادوهم`) to a
    recruiting office or to service."""
    return _DRIVEN.search(text, end, sentence_end) is not None


def _captive_before(text: str, cues: list[_Cue], start: int) -> bool:
    """A seizing verb (`اعتقل`, `القبض على`) a few words before `start`, in its clause."""
    return any(c.captive and c.end <= start and start - c.end <= _BATCH_WINDOW
               and not _CLAUSE_BREAK.search(text, c.end, start) for c in cues)


def _captor_verb_before(text: str, start: int) -> bool:
    """`أسر خلاله التنظيم 3 جنود`: a capture verb a few words before, in the clause."""
    if text.find("اسر", max(0, start - _BATCH_WINDOW), start) < 0:
        return False   # the common case, without splitting
    words = _CLAUSE_BREAK.split(text[max(0, start - _BATCH_WINDOW):start])[-1].split()
    return any(w in at._CAPTOR_VERBS for w in words)


def _members_counted(text: str, end: int) -> bool:
    """Is the noun right after the number one for members of an armed force?"""
    return _MEMBERS_AFTER.match(text, end) is not None


_JOIN_VERB = re.compile(r"\w{0,2}ضمت?")   # `ضم … 120 شاباً من المتخلفين`: took them in


def _enlisting(text: str, cues: list[_Cue], start: int, end: int, sentence_start: int,
               sentence_end: int) -> bool:
    """A verb of enlisting (`انضم`, `جندت`) in the figure's clause: deserters or
    evaders it counts are joining, not leaving."""
    for cue in cues:
        if (cue.measure in ("flow", "target")
                and (cue.category == "recruits" or (not cue.category and _JOIN_VERB.fullmatch(text, cue.start, cue.end)))
                and sentence_start <= cue.start and cue.end <= sentence_end):
            low, high = (cue.end, start) if cue.end <= start else (end, cue.start)
            if not _CLAUSE_BREAK.search(text, low, max(low, high)):
                return True
    return False


def _verb_in_clause(text: str, cues: list[_Cue], noun: _Cue, allowed: tuple, start: int, end: int) -> bool:
    """Another (non-noun) cue of an allowed category in the figure's clause (no comma between)."""
    for cue in cues:
        if cue is noun or cue.noun or cue.category not in allowed:
            continue
        low, high = (cue.end, start) if cue.end <= start else (end, cue.start)
        if high >= low and high - low <= 60 and not _CLAUSE_BREAK.search(text, low, high):
            return True
    return False


def _aid_context(cues: list[_Cue], start: int, end: int) -> bool:
    return any(c.category in ("aid_recipients", "aid_amount") and start <= c.start < end for c in cues)


def measure_of(text: str, quantity, cues: list[_Cue], others: list, sentence_start: int,
               sentence_end: int) -> str | None:
    """stock / flow / target for a recruits figure, in this order:
    1. a wish before it in its clause (`تسعى … لتجنيد 500`, `بحاجة إلى 250`);
    2. a batch or new members next to it in its clause (`دفعة جديدة تضم 300`);
    3. a running total just before it (`ارتفع عدد المنضمين إلى 1500`): it
       governs the first number after it;
    4. else the nearest measure cue (`comprises` counts as farther)."""
    start, end = quantity.start, quantity.end
    in_sentence = [c for c in cues if c.measure and sentence_start <= c.start and c.end <= sentence_end]
    preceding = []
    for cue in reversed([c for c in in_sentence if c.end <= start]):
        if any(cue.end <= o.start < start for o in others):
            break
        preceding.append(cue)          # nearest first, no other number in between
    same_clause = [c for c in preceding if not _CLAUSE_BREAK.search(text, c.end, start)]
    if any(c.measure == "target" for c in same_clause):
        return "target"
    if any(c.batch and _gap_distance(text, c, start, end) <= _BATCH_WINDOW for c in in_sentence):
        return "flow"
    # `ارتفع عدد الذين نقلتهم تركيا إلى ليبيا إلى 11 ألفاً`: governs through its clause
    if any(c.count for c in same_clause):
        return "stock"
    if preceding and preceding[0].measure == "stock" and not preceding[0].weak:
        return "stock"
    best, best_distance = None, None
    for cue in in_sentence:
        distance = _gap_distance(text, cue, start, end) + (_WEAK_PENALTY if cue.weak else 0)
        if best_distance is None or distance < best_distance:
            best, best_distance = cue.measure, distance
    return best


def _span(quantity) -> tuple[int, int]:
    start = getattr(quantity, "span_start", None)
    end = getattr(quantity, "span_end", None)
    return (quantity.start if start is None else start, quantity.end if end is None else end)


# --- records ---------------------------------------------------------------------

def extract_report(report: Report, lexicons: Lexicons | None = None) -> tuple[list[Figure], list[Incentive]]:
    """Figures and incentives of one report, each with its evidence."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    context = _ReportContext(report, lexicons)
    pairs = _figures(context)
    incentives = _incentives(context, pairs)
    return [figure for figure, _ in pairs], incentives


def _figures(context: _ReportContext) -> list[tuple[Figure, object]]:
    """Each figure with the quantity it came from."""
    report = context.report
    figures = []
    previous: tuple[int | None, Figure | None] = (None, None)   # (sentence, figure) of the last figure
    previous_end = 0
    for quantity in context.quantities:
        i, sentence = context.sentence_of(quantity.start)
        if sentence is None:
            continue
        cues = context.cues_in[i]
        category = categorise(context.text, quantity, cues, sentence.start, sentence.end)
        measure = (measure_of(context.text, quantity, cues, context.quantities_in[i], sentence.start,
                              sentence.end) if category == "recruits" else None)
        span_start, span_end = _span(quantity)
        start, end, text = context.original(quantity.start, quantity.end)
        figure = Figure(
            id=f"{report.id}:f:{start}", report_id=report.id, report_date=report.date,
            value=quantity.value, value_min=quantity.value_min, value_max=quantity.value_max,
            qualifier=quantity.qualifier, unit=quantity.unit, category=category, measure=measure,
            actor=None, actor_text=None, regions=[], area=None, area_text=None,
            text=text, start=start, end=end, **_sentence_fields(context, sentence), source=report.source,
        )
        if (not quantity.unit and previous[0] == i and previous[1].unit
                and _changed_to(context.text, previous_end, quantity.start, quantity.end)):
            figure.unit = previous[1].unit   # `من 1.2 مليون ليرة إلى 1.8 مليون`, `بعد أن كانت 200 ألف،`
            figure.category, figure.measure = previous[1].category, previous[1].measure
        elif not quantity.unit and at.counts_people(context.text, span_start, span_end, context.actors):
            figure.unit = "person"   # `بينهم 3 من حزب الله`, `قُتل منهم 12`
            group = _group_referred_to(context.text, span_end, figures) if category == "other" else None
            if group is not None:    # `120 من هؤلاء`: people of the group counted before
                figure.category = group.category
                figure.measure = (measure_of(context.text, quantity, cues, context.quantities_in[i], sentence.start,
                                             sentence.end) if group.category == "recruits" else None)
        _attribute(context, figure, quantity.start, quantity.end)
        if previous[0] == i and figure.unit == previous[1].unit == "person" and at.among_previous(
                context.text, quantity.start, quantity.end, context.actors_in[i]):
            _share_group(previous[1], figure)   # `القبض على 27 عنصراً …، بينهم 6 قياديين`
        elif previous[0] == i and figure.unit and figure.unit == previous[1].unit and _part_after(context.text, span_end):
            _share_group(previous[1], figure)   # `850 عائلة …، وإن 40 عائلة منها عادت`: a part of them
        previous, previous_end = (i, figure), quantity.end
        figures.append((figure, quantity))
    return figures


def _part_after(text: str, end: int) -> bool:
    """`40 عائلة منها`: the counted noun followed by `of them`."""
    return text[end:end + 8].split()[:1] in (["منها"], ["منهم"], ["منهن"])


def _group_referred_to(text: str, end: int, figures: list) -> Figure | None:
    """`120 من هؤلاء`: the last people counted before, whose kind the part shares."""
    if text[end:end + 14].split()[:2] != ["من", "هولاء"]:
        return None
    for figure, _ in reversed(figures):
        if figure.unit == "person":
            return figure
    return None


# a bare number closing a change whose first amount named the unit
_CHANGE_TO = re.compile(r"(?<!\w)(?:الي|كان|كانت|كانوا)\s+(?:(?:نحو|حوالي|قرابه)\s+)?$")
_BARE_END = re.compile(r"\s*(?:[،,.؛)]|$)")


def _changed_to(text: str, previous_end: int, start: int, end: int) -> bool:
    """`رفعت الرواتب من 1.2 مليون ليرة إلى 1.8 مليون،`: the second amount, with no
    unit word and nothing after it, is in the first one's unit."""
    return (start - previous_end <= 50 and _BARE_END.match(text, end) is not None
            and _CHANGE_TO.search(text, previous_end, start) is not None)


def _share_group(group: Figure, part: Figure) -> None:
    """A part counted among a group (`بينهم`) is of the group's kind and actor."""
    part.category, part.measure = group.category, group.measure
    part.actor, part.actor_text = group.actor, group.actor_text


_AID_KINDS = frozenset({"food_aid", "clothing", "blankets_heating", "school_supplies", "medical", "fuel"})
_PAY_CODES = {"salary": "cash_salary", "reward": "cash_reward"}
_GOODS_KIND = {"food_basket": "food_aid"}   # a generic aid word quantified by these units


@dataclass(slots=True)
class _Hit:
    """An incentive cue, or a pay figure that stands for one (`1500 يورو شهرياً`)."""

    start: int
    end: int
    code: str
    generic: bool = False    # `مساعدات`: dropped when the actor gives a named kind of aid
    money: bool = False      # `مبلغ`: the code follows its figure (monthly → cash_salary)
    figure: Figure | None = None  # the pay figure it stands for: same actor and place


def _incentive_hits(context: _ReportContext, pairs: list) -> list[_Hit]:
    hits = [_Hit(m.start, m.end, m.entry["incentive"], m.entry["note"].startswith("generic"),
                 m.entry["note"].startswith("money")) for m in context.incentive_hits]
    for figure, quantity in pairs:
        code = _PAY_CODES.get(figure.category)
        if code is None or _unit_class(figure.unit) != "money":
            continue
        start, end = _span(quantity)
        hits.append(_Hit(start, end, code, figure=figure))
    return hits


def _incentives(context: _ReportContext, pairs: list) -> list[Incentive]:
    report = context.report
    title_end = context.title_end
    hits = sorted(_incentive_hits(context, pairs), key=lambda h: (h.start < title_end, h.start))
    body_codes = {h.code for h in hits if h.start >= title_end}
    found: dict[tuple[str, str | None], Incentive] = {}
    named: set[tuple[str, str | None]] = set()
    by_sentence = _pairs_by_sentence(context, pairs)
    for hit in hits:
        i, sentence = context.sentence_of(hit.start)
        if sentence is None or (hit.start < title_end and (hit.code in body_codes
                                                           or (hit.generic and body_codes & _AID_KINDS))):
            continue  # a title sums up the body: its cues count only for what the body lacks
        if hit.money and hit.figure is None and _price_or_fee(context.text, hit.start):
            continue  # `تهريب المطلوبين مقابل مبالغ …`: a fee paid, not money offered
        figure = hit.figure or _quantifying_figure(context, by_sentence.get(i, ()), hit, sentence)
        code = _PAY_CODES[figure.category] if hit.money and figure is not None else hit.code
        if hit.generic and figure is not None and figure.unit in _GOODS_KIND:
            code = _GOODS_KIND[figure.unit]   # `مساعدات … 4 سلال`: the aid is food
        if hit.figure is not None:
            key = (code, hit.figure.actor)
        else:
            actor = context.actor_for(hit.start, hit.end, incentive=True)
            key = (code, actor.code if actor else None)
        if not hit.generic:
            named.add(key)
        if key in found:
            if found[key].figure_id is None and figure is not None:
                found[key].figure_id = figure.id
            continue
        start, end, text = context.original(hit.start, hit.end)
        incentive = Incentive(
            id=f"{report.id}:i:{code}:{key[1] or '-'}", report_id=report.id, report_date=report.date,
            incentive=code, actor=None, actor_text=None, regions=[], area=None, area_text=None,
            figure_id=figure.id if figure else None, text=text, start=start, end=end,
            **_sentence_fields(context, sentence), source=report.source,
        )
        if hit.figure is not None:
            _copy_attribution(hit.figure, incentive)
        else:
            _attribute(context, incentive, hit.start, hit.end, actor)
        found[key] = incentive
    # `المساعدات` after named kinds of aid refers to them
    given_kinds = {actor for (code, actor) in found if code in _AID_KINDS}
    return [record for key, record in found.items()
            if not (key[0] == "aid_unspecified" and key not in named and key[1] in given_kinds)]


def _pairs_by_sentence(context: _ReportContext, pairs: list) -> dict[int, list]:
    """(figure, quantity) pairs by the sentence their quantity starts in, in order:
    an incentive looks only at its own sentence's figures (linear, not pairwise)."""
    buckets: dict[int, list] = {}
    for pair in pairs:
        buckets.setdefault(context.index.index_of(pair[1].start), []).append(pair)
    return buckets


def _quantifying_figure(context: _ReportContext, pairs, hit: _Hit, sentence) -> Figure | None:
    """The nearest figure in the hit's sentence whose category fits the incentive
    (`pairs`: the figures of that sentence)."""
    wanted = set(_PAY_CODES) if hit.money else {_INCENTIVE_FIGURE.get(hit.code)}
    best, best_distance = None, None
    for figure, quantity in pairs:
        if figure.category not in wanted or not (sentence.start <= quantity.start < sentence.end):
            continue
        distance = _distance(*_span(quantity), hit.start, hit.end)
        if best_distance is None or distance < best_distance:
            best, best_distance = figure, distance
    return best


def _copy_attribution(source, target) -> None:
    for name in ("actor", "actor_text", "regions", "area", "area_text"):
        setattr(target, name, getattr(source, name))


def _sentence_fields(context: _ReportContext, sentence) -> dict:
    start, _, text = context.original(sentence.start, sentence.end)
    return {"sentence": text, "sentence_start": start}


def _attribute(context: _ReportContext, record, start: int, end: int, actor=None) -> None:
    actor = actor if actor is not None else context.actor_for(start, end)
    if actor is not None and actor.code:
        record.actor = actor.code
        record.actor_text = context.original(actor.start, actor.end)[2]
    place = context.place_for(start, end)
    if place is not None:
        record.area = place.area
        record.regions = sorted(place.regions)
        record.area_text = context.area_text(place)


# --- streaming and tables ------------------------------------------------------------

@dataclass
class ExtractResult:
    figures: "object"      # pandas.DataFrame, columns FIGURE_COLUMNS
    incentives: "object"   # pandas.DataFrame, columns INCENTIVE_COLUMNS
    rejections: list[Rejection]
    warnings: list[Rejection] = field(default_factory=list)  # helpers.load.LoadWarning: reports kept


def _is_warning(item: Rejection) -> bool:
    from helpers.load import LoadWarning
    return isinstance(item, LoadWarning)


def _reports(paths_or_reports, on_rejection) -> Iterator[Report]:
    items = [paths_or_reports] if isinstance(paths_or_reports, (str, Path, Report)) else paths_or_reports
    paths = []
    for item in items:
        if isinstance(item, Report):
            yield item
        else:
            paths.append(item)
    if paths:
        from helpers.load import iter_load
        for item in iter_load(paths):
            if isinstance(item, Rejection):
                on_rejection(item)
            else:
                yield item


def iter_records(paths_or_reports, lexicons: Lexicons | None = None,
                 on_rejection=None) -> Iterator[Figure | Incentive]:
    """Figures and incentives, one report at a time. Paths are read through
    helpers.load.iter_load; each rejection goes to `on_rejection` (default:
    printed on stderr), never dropped."""
    lexicons = lexicons if lexicons is not None else load_lexicons()
    on_rejection = on_rejection or (lambda r: print(r, file=sys.stderr))
    from helpers.budget import extract_within_budget
    for report in _reports(paths_or_reports, on_rejection):
        figures, incentives, problems = extract_within_budget(report, lexicons)
        for problem in problems:
            on_rejection(problem)
        yield from figures
        yield from incentives


def extract_paths(paths, lexicons: Lexicons | None = None) -> ExtractResult:
    """Figures and incentives of every report under `paths`, as DataFrames."""
    import pandas as pd
    rejections: list[Rejection] = []
    warnings: list[Rejection] = []

    def note(item: Rejection) -> None:
        (warnings if _is_warning(item) else rejections).append(item)

    figures, incentives = [], []
    for record in iter_records(paths, lexicons, note):
        (figures if record.type == "figure" else incentives).append(_row(record))
    return ExtractResult(pd.DataFrame(figures, columns=FIGURE_COLUMNS),
                         pd.DataFrame(incentives, columns=INCENTIVE_COLUMNS), rejections, warnings)


def _row(record: Figure | Incentive) -> dict:
    return {name: getattr(record, name) for name in
            (FIGURE_COLUMNS if record.type == "figure" else INCENTIVE_COLUMNS)}


# --- command line ---------------------------------------------------------------------

CSV_COLUMNS = list(dict.fromkeys(FIGURE_COLUMNS + INCENTIVE_COLUMNS))


def main(argv: list[str] | None = None) -> int:
    """`python -m helpers extract PATH... [--format jsonl|csv] [--out FILE]`."""
    parser = argparse.ArgumentParser(prog="python -m helpers extract",
                                     description="Figures and incentives, each with its evidence.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="report files or folders")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--out", help="write here instead of stdout")
    args = parser.parse_args(argv)
    counter = _ReportCounter()
    try:
        out = open(args.out, "w", encoding="utf-8", newline="") if args.out else sys.stdout
    except OSError as error:
        print(f"{args.out}: cannot write ({error.strerror})", file=sys.stderr)
        return 2
    try:
        records = iter_records(counter.wrap(args.paths), on_rejection=counter.reject)
        if args.format == "jsonl":
            for record in records:
                out.write(json.dumps(_row(record), ensure_ascii=False) + "\n")
        else:
            from helpers.safe_csv import neutralise_row
            writer = csv.DictWriter(out, fieldnames=CSV_COLUMNS, extrasaction="ignore")
            writer.writeheader()
            for record in records:
                row = _row(record)
                row["regions"] = "|".join(row["regions"])
                writer.writerow(neutralise_row({k: ("" if v is None else v) for k, v in row.items()}))
    finally:
        if args.out:
            out.close()
    print(f"extract: {counter.reports} report(s) read, {counter.rejected} rejected", file=sys.stderr)
    return 0 if counter.reports else 2


class _ReportCounter:
    """Counts reports read and prints rejections as `path:line: reason`."""

    def __init__(self):
        self.reports = 0
        self.rejected = 0

    def wrap(self, paths) -> Iterator[Report]:
        for report in _reports(list(paths), self.reject):
            self.reports += 1
            yield report

    def reject(self, rejection: Rejection) -> None:
        if not _is_warning(rejection):
            self.rejected += 1
        print(rejection, file=sys.stderr)
