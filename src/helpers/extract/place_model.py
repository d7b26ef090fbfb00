"""The learned layer of places: which of the report's places a figure or an incentive is about.

Every place the report names is a candidate, grouped by the governorates it stands for (the
`regions` a record would get): each phrase (`ريفي حلب واللاذقية`), each mention of a phrase of
several (`حلب`, `اللاذقية`), the union of the places of the record's sentence, the report's main
place, the rules' own choice (`helpers.extract.context._ReportContext.place_with_basis`) and
"no governorate" (the whole country, abroad, unknown). `candidate_features` describes each one
as strings: where its nearest mention stands from the record (same clause, sentence, paragraph,
before or after, how far), the word before it (`في`, `من`, `إلى`, `أبناء`, `ينحدرون`…), the
rules' flags (a destination, an origin of displaced people, a transit crossing), what kind of
place it is (governorate, town, macro-area), how often the report names it, whether the title
names it, and whether the rules chose it and on which basis.

The model (`data/models/place.json`, a logistic regression trained by
`scripts/place_training.py`) scores each candidate; `choose_place` keeps the best one, and
overrides the rules only when its probability beats the rules' choice by `MARGIN` (the policy
measured leave-one-round-out; see the model file's header). The record's regions basis is then
`model` and its confidence the model's probability.
"""
from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from helpers.extract.attribution import ABROAD, NATIONAL, Location, Phrase, _clause_bounds, _strip_clitics, \
    is_macro, words_before
from helpers.extract.basis import MODEL, WEIGHTS
from helpers.extract.linear_model import LinearModel, load_model, model_exists, models_enabled
from helpers.extract.places import (
    _abroad_origin, _describes_a_place, _is_destination, displaced_from, is_transit, later_clause, returned_to,
)

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

MODEL_NAME = "place"
ASKED = frozenset({"paragraph", "report_default"})   # the rules' regions bases the model is asked to check
MARGIN = 0.0   # replaced by the model file's header `margin` (the policy chosen leave-one-round-out)


@dataclass(slots=True)
class Occurrence:
    """One place of the report that stands for a candidate: its phrase, sentence, and how it got there."""

    sentence: int
    start: int
    end: int
    source: str                 # phrase, mention, union
    phrase: Phrase | None
    kinds: tuple[str, ...]
    words: tuple[str, str] | None = None      # the word classes before it (`occurrence_words`)
    static: tuple[str, ...] | None = None     # its features that do not depend on the record


@dataclass(slots=True)
class Candidate:
    """Regions a record could get, with the place that names them and every occurrence."""

    key: tuple[str, ...]        # sorted regions; () for the whole country, abroad or nothing
    location: Location | None
    occurrences: list[Occurrence] = field(default_factory=list)
    sources: set[str] = field(default_factory=set)


@dataclass(slots=True)
class ReportPlaces:
    """The places of one report, found once and asked by every record."""

    occurrences: list[tuple[tuple[str, ...], Location, Occurrence]]
    counts: dict[tuple[str, ...], int]
    title_keys: frozenset
    most_named: tuple[str, ...] | None
    any_abroad: bool
    any_national: bool


def key_of(location: Location | None) -> tuple[str, ...]:
    """`Location("SY-HL", ("SY-LA", "SY-HL"), …)` → ("SY-HL", "SY-LA")."""
    return tuple(sorted(location.regions)) if location is not None else ()


def report_places(context: _ReportContext) -> ReportPlaces:
    """Every phrase and every mention of the report as (key, location, occurrence); cached on the context."""
    found = context.__dict__.get("_learned_places")
    if found is not None:
        return found
    occurrences = []
    counts: dict[tuple[str, ...], int] = {}
    for i, phrases in enumerate(context.phrases_in):
        for phrase in phrases:
            location = context._resolve(phrase, phrases)
            kinds = tuple(sorted({m.kind for m in phrase.mentions}))
            key = key_of(location)
            occurrences.append((key, location, Occurrence(i, phrase.start, phrase.end, "phrase", phrase, kinds)))
            counts[key] = counts.get(key, 0) + 1
            if len(phrase.mentions) > 1:
                for m in phrase.mentions:
                    # what `resolve_phrase` gives one mention alone, without the call
                    single = Location(m.code, tuple(dict.fromkeys(m.regions)), m.start, m.end)
                    occurrences.append((key_of(single), single, Occurrence(i, m.start, m.end, "mention", phrase,
                                                                           (m.kind,))))
    mention_counts: dict[str, int] = {}
    for phrase in context.phrases:
        for m in phrase.mentions:
            for region in m.regions:
                mention_counts[region] = mention_counts.get(region, 0) + 1
    title_keys = frozenset(key for key, _, o in occurrences if o.start < context.title_end)
    most = max(counts.items(), key=lambda kv: kv[1])[0] if counts else None
    found = ReportPlaces(occurrences, counts, title_keys, most,
                         any(p.code == ABROAD for p in context.places), any(p.code == NATIONAL for p in context.places))
    context.__dict__["_learned_places"] = found
    return found


def place_candidates(context: _ReportContext, start: int, end: int,
                     rules: Location | None) -> dict[tuple[str, ...], Candidate]:
    """The candidates of the record at [start, end) (normalised offsets), by key."""
    places = report_places(context)
    candidates: dict[tuple[str, ...], Candidate] = {}

    def add(key, location, occurrence, source):
        candidate = candidates.get(key)
        if candidate is None:
            candidate = candidates[key] = Candidate(key, location)
        if occurrence is not None:
            candidate.occurrences.append(occurrence)
        candidate.sources.add(source)

    for key, location, occurrence in places.occurrences:
        add(key, location, occurrence, occurrence.source)
    i, sentence = context.sentence_of(start)
    if sentence is not None:
        own = [(k, loc, o) for k, loc, o in places.occurrences
               if o.sentence == i and o.source == "phrase" and k]
        if len(own) > 1:
            union = tuple(sorted({r for k, _, _ in own for r in k}))
            first = own[0][1]
            add(union, Location(first.area, union, own[0][2].start, own[-1][2].end),
                Occurrence(i, own[0][2].start, own[-1][2].end, "union", None, ()), "union")
    add(key_of(rules), rules, None, "rule")
    add(key_of(context.main_place), context.main_place, None, "main")
    add((), None, None, "none")
    return candidates


# --- features ------------------------------------------------------------------------

_BEFORE_WORDS = frozenset({
    "في", "من", "الي", "نحو", "باتجاه", "عبر", "داخل", "خارج", "ابناء", "اهالي", "سكان", "قادمه", "قادمين",
    "القادمين", "ينحدرون", "ينحدر", "المنحدرين", "ريف", "ريفي", "محافظه", "مدينه", "منطقه", "مناطق", "بلده",
    "شرق", "غرب", "شمال", "جنوب", "شرقي", "غربي", "شمالي", "جنوبي", "جبهات", "محور", "حي", "بلدتي", "مدينتي",
    "قرب", "مثل", "سيما", "عن", "علي", "الي", "ضمن", "و", "مطار", "قاعده", "معبر", "مخيم", "حتي", "اقصي",
    "بين", "انحاء", "عموم", "كل", "كافه", "سيطره", "الواقعه", "التابعه", "لصالح", "مع", "الجنوب", "الشمال",
})


def _word_class(word: str) -> str:
    """`بريف` → `ريف`, `وأبناء` → `ابناء`; a word outside the short list → `other`."""
    if word in _BEFORE_WORDS:
        return word
    stripped = _strip_clitics(word)
    return stripped if stripped in _BEFORE_WORDS else "other"


def _distance_bucket(distance: int) -> str:
    """0, 1–20, 21–60, 61–150, more: how far a place stands from the record, in characters."""
    if distance <= 0:
        return "0"
    if distance <= 20:
        return "20"
    if distance <= 60:
        return "60"
    if distance <= 150:
        return "150"
    return "far"


def occurrence_position(context: _ReportContext, occurrence: Occurrence, start: int, end: int,
                        sentence_index: int | None, clause: tuple[int, int] | None) -> tuple[int, str, str, int]:
    """(rank, where, side, distance) of an occurrence seen from the record at [start, end): the
    lower the rank the nearer (same clause < same sentence < paragraph < earlier < later)."""
    if sentence_index is not None and occurrence.sentence == sentence_index:
        if occurrence.end <= start:
            side, distance = "before", start - occurrence.end
        elif occurrence.start >= end:
            side, distance = "after", occurrence.start - end
        else:
            side, distance = "over", 0
        if clause is not None and clause[0] <= occurrence.start and occurrence.end <= clause[1]:
            return distance, "clause", side, distance
        return 1000 + distance, "sentence", side, distance
    if sentence_index is not None and occurrence.sentence < sentence_index:
        gap = min(sentence_index - occurrence.sentence, 3)
        if context.sentences[occurrence.sentence].start >= context._paragraph_start(sentence_index):
            return 2000 + 10 * gap, "paragraph", "", gap
        return 4000 + 10 * gap, "earlier", "", gap
    return 6000, "later", "", 0


def occurrence_features(context: _ReportContext, occurrence: Occurrence, start: int, end: int,
                        sentence_index: int | None, clause: tuple[int, int] | None) -> tuple[int, list[str]]:
    """(rank, features) of one occurrence seen from the record at [start, end) (see
    `occurrence_position`): where it stands, the words before it, the rules' flags."""
    rank, where, side, distance = occurrence_position(context, occurrence, start, end, sentence_index, clause)
    return rank, positional_features(context, occurrence, where, side, distance, end) + list(static_features(
        context, occurrence))


def positional_features(context: _ReportContext, occurrence: Occurrence, where: str, side: str, distance: int,
                        end: int) -> list[str]:
    """`at:clause:before`, `dist:clause:20`, `w1:clause:في`…: where the occurrence stands."""
    features = [f"at:{where}"]
    if where in ("clause", "sentence"):
        features += [f"at:{where}:{side}", f"dist:{where}:{_distance_bucket(distance)}"]
        if side == "after" and later_clause(context.text, end, occurrence.start):
            features.append("later_clause")
    elif where != "later":
        features.append(f"at:{where}:{distance}")
    features.append(f"w1:{where}:{occurrence_words(context, occurrence)[0]}")
    return features


def occurrence_words(context: _ReportContext, occurrence: Occurrence) -> tuple[str, str]:
    """The classes of the two words before the occurrence (`إلى مدينة دير الزور` → (`مدينه`, `الي`))."""
    if occurrence.words is None:
        words = words_before(context.text, occurrence.start, 40, 2)
        occurrence.words = (_word_class(words[-1]) if words else "none",
                            _word_class(words[-2]) if len(words) > 1 else "none")
    return occurrence.words


def static_features(context: _ReportContext, occurrence: Occurrence) -> tuple[str, ...]:
    """The occurrence's features that do not depend on the record (found once per report):
    its source and kind, the words before it, the title, and the rules' flags."""
    if occurrence.static is not None:
        return occurrence.static
    text = context.text
    features = plain_features(context, occurrence)
    if _is_destination(text, occurrence.start) and not returned_to(text, occurrence.start):
        features.append("destination")
    if displaced_from(text, occurrence.start):
        features.append("displaced_from")
    if is_transit(text, occurrence.start):
        features.append("transit")
    phrase = occurrence.phrase
    if phrase is not None:
        if _abroad_origin(text, phrase):
            features.append("abroad_origin")
        if _describes_a_place(text, phrase):
            features.append("describes")
        if any(m.example for m in phrase.mentions):
            features.append("example")
        if any(is_macro(m) for m in phrase.mentions):
            features.append("macro_in_phrase")
    occurrence.static = tuple(features)
    return occurrence.static


FLAGS = ("destination", "displaced_from", "transit", "abroad_origin", "describes", "example", "macro_in_phrase")


def plain_features(context: _ReportContext, occurrence: Occurrence) -> list[str]:
    """`static_features` without the rules' flags (`FLAGS`): source, kind, words before, title."""
    text = context.text
    before, before2 = occurrence_words(context, occurrence)
    features = [f"src:{occurrence.source}", f"w1:{before}", f"w2:{before2}",
                f"clitic:{text[_word_begin(text, occurrence.start):occurrence.start]}"]
    features += [f"kind:{kind}" for kind in occurrence.kinds]
    if occurrence.start < context.title_end:
        features.append("in_title")
    return features


def _word_begin(text: str, start: int) -> int:
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def candidate_features(context: _ReportContext, candidate: Candidate, start: int, end: int,
                       rules: Location | None, rules_basis: str | None) -> dict[str, float]:
    """The features of one candidate for the record at [start, end): its nearest occurrence's,
    the sources that name it, how it stands to the rules' choice, how often the report names it."""
    places = report_places(context)
    features: dict[str, float] = {"bias": 1.0}
    key = candidate.key
    size = len(key)
    features[f"size:{min(size, 3)}"] = 1.0
    for source in candidate.sources:
        features[f"from:{source}"] = 1.0
    rules_key = key_of(rules)
    if "rule" in candidate.sources:
        features[f"rule:{rules_basis}"] = 1.0
        if rules is not None and rules.area:
            features[f"rule_area:{_area_kind(rules.area)}"] = 1.0
    elif rules_key and key:
        if set(key) < set(rules_key):
            features["inside_rule"] = 1.0
        elif set(key) > set(rules_key):
            features["around_rule"] = 1.0
    if "main" in candidate.sources:
        features["main"] = 1.0
    count = places.counts.get(key, 0)
    features[f"count:{min(count, 4)}"] = 1.0
    if key and key == places.most_named:
        features["most_named"] = 1.0
    if key in places.title_keys:
        features["named_in_title"] = 1.0
    if not key:
        features["abroad_named"] = 1.0 if places.any_abroad else 0.0
        features["national_named"] = 1.0 if places.any_national else 0.0
        if candidate.location is not None and candidate.location.area:
            features[f"empty_area:{candidate.location.area}"] = 1.0
    i, sentence = context.sentence_of(start)
    clause = _clause_bounds(context.text, start, end, sentence.start, sentence.end) if sentence is not None else None
    best_rank, best = None, None
    near = 0
    for occurrence in candidate.occurrences:
        position = occurrence_position(context, occurrence, start, end, i, clause)
        if position[0] < 1000 + 150:
            near += 1
        if best_rank is None or position[0] < best_rank:
            best_rank, best = position[0], (occurrence, position)
    if best is None:
        features["no_occurrence"] = 1.0
    else:
        occurrence, (_, where, side, distance) = best
        found = positional_features(context, occurrence, where, side, distance, end)
        for name in found:
            features[name] = 1.0
        for name in static_features(context, occurrence):
            features[name] = 1.0
        if "rule" in candidate.sources:
            for name in found:
                if name.startswith("at:"):
                    features[f"rule&{name}"] = 1.0
    if near > 1:
        features["named_twice_near"] = 1.0
    features["log_count"] = math.log1p(count)
    return features


def _area_kind(area: str) -> str:
    if area in (ABROAD, NATIONAL):
        return area
    if area.startswith("SY-"):
        return "governorate"
    return "pair" if "+" in area else "macro"


# --- the decision --------------------------------------------------------------------

def place_model(context: _ReportContext | None = None) -> LinearModel | None:
    """The committed place model, or None when it is absent or switched off (`rules_only`);
    read and validated once per process (`context` is kept for the callers' convenience)."""
    if not models_enabled():
        return None
    if not _LOADED:
        _LOADED.append(load_model(MODEL_NAME) if model_exists(MODEL_NAME) else None)
    return _LOADED[0]


_LOADED: list = []


def scored_candidates(model: LinearModel, context: _ReportContext, start: int, end: int,
                      rules: Location | None, rules_basis: str | None) -> list[tuple[float, Candidate]]:
    """(probability, candidate) for every candidate, best first (ties: the rules' choice, then text
    order), from `candidate_features` (what training reads; `place_scorer.FastScorer` gives the same logits)."""
    scored = []
    for candidate in place_candidates(context, start, end, rules).values():
        features = candidate_features(context, candidate, start, end, rules, rules_basis)
        probability = model.probabilities(features)["1"]
        scored.append((probability, "rule" in candidate.sources, candidate))
    scored.sort(key=lambda item: (-item[0], not item[1]))
    return [(p, c) for p, _, c in scored]


def choose_place(context: _ReportContext, start: int, end: int, rules: Location | None,
                 rules_basis: str | None) -> tuple[Location | None, str | None, float | None]:
    """(location, basis, probability) of the record at [start, end): the model's place when its
    probability beats the rules' choice's by the model's margin (basis `model`), else the rules'
    own (probability None). `وصلت تعزيزات … إلى مدينة دير الزور قادمة من العراق. وتضم التعزيزات
    نحو 400 مقاتل`: the rules carry the origin abroad to the 400, the model takes Deir ez-Zor."""
    model = place_model(context)
    if model is None or keeps_the_rules(rules):
        return rules, rules_basis, None
    asked = model.header.get("asked")
    if asked is not None and rules_basis not in asked:
        return rules, rules_basis, None   # the policy asks the model only where the rules fell back
    scorer = context.__dict__.get("_place_scorer")
    if scorer is None:
        from helpers.extract.place_scorer import FastScorer   # imports this module's feature functions
        scorer = context.__dict__["_place_scorer"] = FastScorer(model, context)
    found = scorer.best(start, end, rules, rules_basis)
    if found is None:   # the record stands in no sentence: the plain path
        scored = scored_candidates(model, context, start, end, rules, rules_basis)
        rules_probability = next(p for p, c in scored if "rule" in c.sources)
        best_probability, best = scored[0]
        found = (best_probability, rules_probability, best.location, "rule" in best.sources)
    best_probability, rules_probability, location, is_rules = found
    if is_rules or best_probability - rules_probability <= float(model.header.get("margin", MARGIN)):
        return rules, rules_basis, None
    if widens_the_frames_place(rules, rules_basis, location):
        return rules, rules_basis, None
    return location, MODEL, best_probability


def widens_the_frames_place(rules: Location | None, rules_basis: str | None, location: Location | None) -> bool:
    """`وكانت دفعة جديدة من 340 شاباً من ريف جبلة قد التحقت بالفيلق` in a report about `الساحل
    السوري`: a place the figure's own clause names (basis `frame`) is not widened to an area
    around it (the coast holds Latakia): the model may move the place, not blur it."""
    return (rules_basis == "frame" and rules is not None and location is not None and bool(rules.regions)
            and set(rules.regions) < set(location.regions))




def keeps_the_rules(rules: Location | None) -> bool:
    """A total the rules read over two areas (`في المنطقتين`, area `south+west_euphrates`) is
    never one of them: the model is not asked."""
    return rules is not None and "+" in (rules.area or "")


def with_place_probability(value: float, probability: float | None) -> float:
    """A record's confidence with the place model's probability in place of the `model` basis's
    weight: 0.9 (the weight) → 0.72 for a place chosen with probability 0.72."""
    if probability is None:
        return value
    return round(value / WEIGHTS[MODEL] * probability, 3)
