"""Everything found once per report and shared by its records: actors, places, cues,
incentive cues and quantities, bucketed by sentence, with the original offsets."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from operator import attrgetter
from collections.abc import Iterable
from functools import cached_property, lru_cache

from helpers.ingest.normalise import Normalised, normalise
from helpers.extract.offer_families import FAMILIES, family_hits, kind_adjective_hits
from helpers.records import Report
from helpers.ingest.sentences import SentenceIndex, split_sentences
from helpers.extract.basis import CLAUSE, FRAME, PARAGRAPH, REPORT_DEFAULT
from helpers.extract.attribution import (
    _clause_bounds, ends_index,
    ABROAD, Location, Mention, NATIONAL, NGO, Phrase, adjective_is_not_actor, border_neighbour,
    choose_actor, drop_opponents, introduced_as_example, is_ngo_row, is_setting, last_before, main_actor,
    outlet_side, settled_by_the_state, settlement_side,
    named_charities, names_an_ngos_nationality, names_an_outlets_nationality, national_is_not_place,
    previous_word, shortened_names, word_in,
)
from helpers.extract.categories import _cue_fields, _priced, _refused, joins_a_course
from helpers.extract.category_frames import joined_a_settlement
from helpers.extract.frames import _Cue, _negated, _rising_count, _settle_measures
from helpers.extract.not_offers import _NOT_OFFER_BEFORE, guards_a_site
from helpers.extract.offer_patterns import PATTERN_WORDS, pattern_incentives
from helpers.extract.lexicons import Lexicons, speaks_for
from helpers.extract.numbers import find_quantities, number_word_forms
from helpers.extract.places import (
    abroad_destination, choose_phrase, group_phrases, in_a_name, is_dateline, main_place, outlets_named_after_places,
    resolve_phrase, syria_not_a_place, widen_place_text,
)
from helpers.extract.references import (
    MentionIndex, apply_affiliation, back_nouns, cell_referred_to, country_givers, governorate_givers, head_noun_referred_to,
)

# the lexicons the context scans for, in one pass (Lexicons.scan) with the number words
# and the incentive patterns' words
_SCANNED = ("actors", "actor_adjectives", "incentives", "cues", "places")


class _ReportContext:
    """Everything found once per report and shared by its records."""

    def __init__(self, report: Report, lexicons: Lexicons):
        self.report = report
        self._originals: dict[tuple[int, int], tuple[int, int, str]] = {}
        self._resolved: dict[int, Location] = {}
        self._area_texts: dict[tuple[int, int], str] = {}
        self._back_nouns: dict[int, tuple] = {}   # sentence → bare head nouns (`اللواء`)
        self._paragraph_starts: list[int] | None = None
        self._carried_place: dict[int, tuple] = {}   # sentence → the place of its records, when it names none
        self._phrase_penalties: dict[int, int | None] = {}   # phrase start → places.phrase_penalty
        self.norm: Normalised = normalise(report.full_text)
        text = self.norm.text
        self.text = text
        self.sentences = split_sentences(text)
        self.index = SentenceIndex(self.sentences)
        self._starts = [s.start for s in self.sentences]
        title_end = len(normalise(report.title).text) if report.title else 0
        self.title_end = title_end
        (actor_hits, adjective_hits, incentive_hits, cue_hits, place_hits), (number_words, pattern_words) = \
            lexicons.scan(_SCANNED, text, (number_word_forms(lexicons), PATTERN_WORDS))
        actors, sources, outlets = [], [], []
        for m in actor_hits:
            kind = NGO if is_ngo_row(m.entry) else m.entry["kind"]
            mention = Mention(m.start, m.end, m.entry["actor"] or None, kind=kind)
            if kind == "state" and border_neighbour(text, m.start):
                continue   # `الحدودي مع تركيا`
            # an NGO stays a (code-less) doer: its aid has actor null
            (actors if kind == NGO or (kind != "source" and mention.code) else sources).append(mention)
            if kind == "source" and speaks_for(m.entry):
                outlets.append(Mention(m.start, m.end, speaks_for(m.entry), kind="source"))
        ngo_ends = frozenset(m.end for m in actors if m.kind == NGO)
        adjectives = [Mention(m.start, m.end, m.entry["actor"], kind="adjective")
                      for m in adjective_hits
                      if not adjective_is_not_actor(text, m.start) and not names_an_outlets_nationality(text, m.start)
                      and not (ngo_ends and names_an_ngos_nationality(text, m.start, ngo_ends))]
        source_spans = _Spans(sources)
        actors = _longest_first(actors + [a for a in adjectives if not source_spans.overlaps(a.start, a.end)]
                                + (governorates := governorate_givers(text, place_hits)) + country_givers(text)
                                + named_charities(text, actors))
        named = _Spans(actors + sources)
        # verb + object (`يؤجل … سوق`)
        incentive_hits = list(incentive_hits) + pattern_incentives(text, {word for _, word in pattern_words})
        if FAMILIES[-1]:   # another form of a cue word, as the object of an offer verb
            incentive_hits += family_hits(text, lexicons.incentives, incentive_hits)
            incentive_hits += kind_adjective_hits(text, incentive_hits)
        self.incentive_hits = [m for m in incentive_hits
                               if not named.contains(m.start, m.end)
                               and not _negated(text, m.start)
                               and not (m.entry["incentive"] == "protection" and guards_a_site(text, m.end))
                               and not word_in(previous_word(text, m.start), _NOT_OFFER_BEFORE)]
        # an actor named inside an incentive (`منع قوات النظام من التجاوز`) is not its giver
        hit_spans = _Spans(self.incentive_hits)
        actors = [a for a in actors if not hit_spans.contains(a.start, a.end)]
        if ngo_ends:   # `الهلال الأحمر` after `الهلال الأحمر التركي`
            actors = shortened_names(text, actors)
        self.actors = apply_affiliation(text, drop_opponents(text, actors))
        cues, national = [], []
        refusals = "رفض" in text or "امتنع" in text   # once per report: most have neither
        prices = "سعر" in text or "ثمن" in text
        for m in cue_hits:
            if m.entry["scope"] == "national":
                if not source_spans.overlaps(m.start, m.end) and not national_is_not_place(text, m.start) \
                        and not syria_not_a_place(text, m.start, m.end) and not self._accusative(m.start, m.end):
                    national.append(Mention(m.start, m.end, NATIONAL, (), "national"))
            elif not named.overlaps(m.start, m.end):
                category, measure, batch, weak, noun, captive = _cue_fields(m.entry)
                if category == "recruits" and joins_a_course(text, m.end):
                    continue   # `التحق بها 75 طالباً` (a course): not enlisting
                if prices and category == "aid_amount" and _priced(text, m.start):
                    continue   # `سعر ربطة الخبز`: a priced good, not aid
                if measure == "stock" and text.startswith("اعداد", m.end - 5) and self._preparing(m.end - 5):
                    continue   # `إعداد قوائم`, `إعداد هذا التقرير`: preparing, not numbers (أعداد)
                if refusals and category == "recruits" and _refused(text, m.start):
                    category, measure = "other", ""   # `رفض نحو 300 شاب الانضمام`: they stay out
                cues.append(_Cue(m.start, m.end, category, measure, batch, weak, noun,
                                 measure == "stock" and (_rising_count(measure, text[m.start:m.end])
                                                          or m.entry["note"].startswith("so far")), captive))
        self.cues = _settle_measures(text, cues)
        # `مناطق سيطرة النظام` names the country's regime-held part, not the regime
        national_spans = _Spans(national)
        self.actors = [a for a in self.actors if not national_spans.contains(a.start, a.end)]
        self.actor_index = MentionIndex(text, self.actors)
        self.settings = frozenset(a.start for a in self.actors if is_setting(text, a))
        self.carriers = [a for a in self.actors if a.start not in self.settings and a.code]
        self.carrier_ends = ends_index(self.carriers)
        self.main_actor = (main_actor(text, [a for a in self.actors if a.code], title_end, self.settings)
                           or (outlet_side(outlets) if not self.actors else None))
        # figures of a report about settlements that names no doer (incentives have their own rule)
        self.settlement_default = None if self.main_actor or self.actors else settlement_side(text)
        # opponents hide the places in their names too (`إخراج قوات سوريا الديمقراطية`)
        quantities = find_quantities(text, lexicons, number_words)
        # a governorate that gives (`محافظة ريف دمشق توفر …`) is also the place it gives in
        giving_governorates = {(g.start, g.end) for g in governorates}
        blocked = _Spans([a for a in actors if not national_spans.contains(a.start, a.end)
                          and (a.start, a.end) not in giving_governorates] + sources
                         + outlets_named_after_places(text, place_hits, quantities))
        places = [self._place(m) for m in place_hits]
        places = [p for p in places if not blocked.overlaps(p.start, p.end)
                  and not is_dateline(text, p.start, p.end) and not in_a_name(text, p.start)]
        # `رئيس الجمهورية في سوريا`: the country after `في` at the end of a name is still a place
        national = [n for n in national if not blocked.overlaps(n.start, n.end)
                    or previous_word(text, n.start) == "في"]
        self.places = _longest_first(places + national)
        self.any_abroad = any(p.code == ABROAD for p in self.places)
        self.phrases = group_phrases(text, self.places, self.index.index_of)
        self.main_place = main_place(self.phrases)
        self.quantities = [q for q in quantities if not blocked.overlaps(q.start, q.end)]
        # per-sentence buckets, so that each record looks only at its sentence
        self.actors_in = self._bucket(self.actors)
        self.phrases_in = self._bucket(self.phrases)
        self.cues_in = self._bucket(self.cues)
        self.quantities_in = self._bucket(self.quantities)

    def _preparing(self, start: int) -> bool:
        """Is the normalised `اعداد` at `start` written `إعداد` (preparing) rather than `أعداد`
        (numbers)? Normalisation folds the two alefs; the original keeps them."""
        return self.original(start, start + 1)[2] == "إ"

    @cached_property
    def names_pairs(self) -> bool:
        """`المنطقتين`: most reports name no pair of areas, and their records skip the clause scan."""
        return any(noun in self.text for noun in _PAIR_NOUNS)

    def _bucket(self, items: list) -> list[list]:
        """Items by the sentence holding their start (`SentenceIndex.index_of`, inlined)."""
        sentences = self.sentences
        starts = self._starts
        buckets: list[list] = [[] for _ in sentences]
        for item in items:
            i = bisect_right(starts, item.start) - 1
            if i >= 0 and item.start < sentences[i].end:
                buckets[i].append(item)
        return buckets

    def _accusative(self, start: int, end: int) -> bool:
        """`قتيلاً سورياً`, `شاباً سوريًا`: written with the tanween of the accusative,
        `سوريا` is the adjective Syrian (normalising drops the mark, so the original is read)."""
        a, b = self.norm.span(start, end)
        return "\u064b" in self.report.full_text[a:b + 1]

    def _place(self, match) -> Mention:
        entry = match.entry
        regions = _regions(entry["regions"])
        return Mention(match.start, match.end, entry["area"], regions, entry["kind"],
                          example=introduced_as_example(self.text, match.start))

    # --- original offsets ---------------------------------------------------
    def original(self, start: int, end: int) -> tuple[int, int, str]:
        """Original (start, end, text) of a normalised span (cached: sentences,
        actors and places are asked for many times)."""
        key = (start, end)
        found = self._originals.get(key)
        if found is None:
            a, b = self.norm.span(start, end) if self.norm.deleted_at else key
            found = self._originals[key] = (a, b, self.report.full_text[a:b])
        return found

    def sentence_of(self, position: int):
        """(index, sentence) holding `position`, else (None, None) (`SentenceIndex.index_of`, inlined)."""
        i = bisect_right(self._starts, position) - 1
        if i < 0:
            return None, None
        sentence = self.sentences[i]
        return (i, sentence) if position < sentence.end else (None, None)

    # --- attribution ----------------------------------------------------------
    def actor_for(self, start: int, end: int, incentive: bool = False) -> Mention | None:
        return self.actor_with_basis(start, end, incentive)[0]

    def actor_with_basis(self, start: int, end: int, incentive: bool = False) -> tuple[Mention | None, str]:
        """The actor of [start, end) and how it was found (helpers.extract.basis)."""
        # a settlement in the sentence decides figures; a settlement cue with no giver takes the
        # report's default (the regime, by `settlement_side`, when the report names no doer)
        settled = not incentive and "سوي" not in self.text[start:end]
        i, sentence = self.sentence_of(start)
        if sentence is not None:
            found = choose_actor(self.text, self.actors_in[i], start, end, sentence.start, sentence.end,
                                 incentive, self.settings)
            if found is not None:
                return found, self._in_clause(found, start, end, sentence)
            found = None if not settled else settled_by_the_state(
                self.text, sentence.start, sentence.end,
                joined_a_settlement(self.text, start, end, sentence.start, sentence.end))
            if found is not None:
                return found, CLAUSE   # `3553 مطلوباً انضموا إلى التسوية`: the state's procedure
            found = cell_referred_to(self.text, self.actors, sentence.start, sentence.end, self.actor_index)
            if found is not None:
                return found, PARAGRAPH   # `وأوضح البيان أن الخلية جندت …`: the cell named before, and its actor
            hits = self._back_nouns.get(i)
            if hits is None:
                hits = self._back_nouns[i] = back_nouns(self.text, sentence.start, sentence.end)
            found = (head_noun_referred_to(self.text, self.actors, hits, start, end, sentence.start, self.actor_index)
                     if hits else None)
            if found is not None:
                return found, PARAGRAPH   # `4 من عناصر اللواء`: the brigade named before (`اللواء الثامن`)
            found = last_before(self.carriers, sentence.start, self._paragraph_start(i), self.carrier_ends)
            if found is not None:
                return found, PARAGRAPH
        return (self.settlement_default if not incentive and self.settlement_default else self.main_actor), REPORT_DEFAULT

    def _in_clause(self, mention, start: int, end: int, sentence) -> str:
        """`frame` when `mention` stands in the clause of [start, end), else `clause`."""
        low, high = _clause_bounds(self.text, start, end, sentence.start, sentence.end)
        return FRAME if low <= mention.start and mention.end <= high else CLAUSE

    def place_for(self, start: int, end: int) -> Location | None:
        return self.place_with_basis(start, end)[0]

    def place_with_basis(self, start: int, end: int) -> tuple[Location | None, str]:
        """The place of [start, end) and how it was found (helpers.extract.basis)."""
        i, sentence = self.sentence_of(start)
        if sentence is not None:
            both = self._both_areas(i, start, end)
            if both is not None:
                return both
            own = self.phrases_in[i]
            if not own:   # a sentence naming no place: the same for all its records
                return self._place_carried(i)
            destination = abroad_destination(self.text, own, start, end)
            if destination is not None:
                return self._resolve(destination, own), self._in_clause(destination, start, end, sentence)
            phrase = choose_phrase(self.text, own, start, end, self._phrase_penalties)
            if phrase is not None:
                return self._resolve(phrase, own), self._in_clause(phrase, start, end, sentence)
            return self._place_carried(i)
        return self.main_place, REPORT_DEFAULT

    def _place_carried(self, i: int) -> tuple[Location | None, str]:
        """The place sentence i's records get when their own sentence decides none (the same
        for all of them: found once)."""
        carried = self._carried_place.get(i)
        if carried is None:
            carried = self._carried_place[i] = self._place_carried_from(i)
        return carried

    def _place_carried_from(self, i: int) -> tuple[Location | None, str]:
        there = self._there(i)
        if there is not None:
            return there, PARAGRAPH
        floor = self._paragraph_start(i)
        for j in range(i - 1, -1, -1):
            if self.sentences[j].start < floor:
                break
            if self.phrases_in[j]:   # a destination abroad carries before the sentence's last place
                carried = (self.any_abroad and abroad_destination(self.text, self.phrases_in[j])
                           or self.phrases_in[j][-1])
                return self._resolve(carried, self.phrases_in[j]), PARAGRAPH
        return self.main_place, REPORT_DEFAULT

    def _both_areas(self, i: int, start: int, end: int) -> tuple[Location, str] | None:
        """`ليصل عدد المنتسبين في المنطقتين إلى 5700`: a total over the two areas named
        before is one place over both: regions of both, area naming the pair
        (`south+west_euphrates`), never one of them."""
        if not self.names_pairs:
            return None
        sentence = self.sentences[i]
        low, high = _clause_bounds(self.text, start, end, sentence.start, sentence.end)
        dual = _BOTH_AREAS.search(self.text, low, high)
        if dual is None:
            return None
        found: list[Location] = []
        for j in range(i, max(-1, i - 6), -1):
            for phrase in reversed(self.phrases_in[j]):
                if phrase.end > dual.start():
                    continue
                place = self._resolve(phrase, self.phrases_in[j])
                if place.area in (ABROAD, NATIONAL, None) or any(place.area == f.area for f in found):
                    continue
                found.append(place)
                if len(found) == 2:
                    second, first = found
                    regions = tuple(sorted(set(first.regions) | set(second.regions)))
                    pair = Location(f"{first.area}+{second.area}", regions, dual.start(), dual.end())
                    return pair, (CLAUSE if j == i else PARAGRAPH)
        return None

    def _there(self, i: int) -> Location | None:
        """`ويتقاضى المقاتل هناك …` (there): the last place abroad named before."""
        sentence = self.sentences[i]
        if not _THERE.search(self.text, sentence.start, sentence.end):
            return None
        for j in range(i - 1, -1, -1):
            for phrase in reversed(self.phrases_in[j]):
                if all(m.code == ABROAD for m in phrase.mentions):
                    return self._resolve(phrase, self.phrases_in[j])
        return None

    def _resolve(self, phrase: Phrase, own: list) -> Location:
        found = self._resolved.get(id(phrase))
        if found is None:
            found = self._resolved[id(phrase)] = resolve_phrase(phrase, own)
        return found

    def area_text(self, place: Location) -> str:
        key = (place.start, place.end)
        found = self._area_texts.get(key)
        if found is None:
            a, b = widen_place_text(self.text, place.start, place.end)
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


_BOTH_AREAS = re.compile(r"(?<!\w)[وفب]?(?:كلتا\s+|كلا\s+)?ال(?:منطقتين|منطقتان|محافظتين|محافظتان|ضفتين|جبهتين)(?!\w)")
_PAIR_NOUNS = ("منطقتين", "منطقتان", "محافظتين", "محافظتان", "ضفتين", "جبهتين")   # _BOTH_AREAS's words
_THERE = re.compile(r"هناك(?<!\wهناك)(?!\w)")   # the word first: the regex engine skips to it


@lru_cache(maxsize=1024)
def _regions(column: str) -> tuple[str, ...]:
    """`SY-DR|SY-QU` → ("SY-DR", "SY-QU")."""
    return tuple(r for r in column.split("|") if r)


_START = attrgetter("start")


def _longest_first(mentions: list) -> list:
    """Mentions in text order; of two that overlap the longer stays
    (`شمال سوريا` is a macro-area, not the country)."""
    if not mentions:
        return []
    ordered = sorted(mentions, key=_START)
    end = -1
    for m in ordered:   # the common case: no two overlap, and all are kept
        if m.start < end or m.end <= m.start:
            break
        end = m.end
    else:
        return ordered
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
