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
    resolve_phrase,
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
                    single = resolve_phrase(Phrase(m.start, m.end, [m]), [])
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
    looked up once per report."""
    if not models_enabled():
        return None
    if context is not None and "_place_model" in context.__dict__:
        return context.__dict__["_place_model"]
    model = load_model(MODEL_NAME) if model_exists(MODEL_NAME) else None
    if context is not None:
        context.__dict__["_place_model"] = model
    return model


def scored_candidates(model: LinearModel, context: _ReportContext, start: int, end: int,
                      rules: Location | None, rules_basis: str | None) -> list[tuple[float, Candidate]]:
    """(probability, candidate) for every candidate, best first (ties: the rules' choice, then text
    order), from `candidate_features` (what training reads; `_FastScorer` gives the same logits)."""
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
    if model is None:
        return rules, rules_basis, None
    scorer = context.__dict__.get("_place_scorer")
    if scorer is None:
        scorer = context.__dict__["_place_scorer"] = _FastScorer(model, context)
    found = scorer.best(start, end, rules, rules_basis)
    if found is None:   # the record stands in no sentence: the plain path
        scored = scored_candidates(model, context, start, end, rules, rules_basis)
        rules_probability = next(p for p, c in scored if "rule" in c.sources)
        best_probability, best = scored[0]
        found = (best_probability, rules_probability, best.location, "rule" in best.sources)
    best_probability, rules_probability, location, is_rules = found
    if is_rules or best_probability - rules_probability <= float(model.header.get("margin", MARGIN)):
        return rules, rules_basis, None
    return location, MODEL, best_probability


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


class _FastScorer:
    """The model's logit of every candidate of a report's records, as `candidate_features` and
    `LinearModel.scores` give it, with what does not depend on the record summed once per report
    (each key's own features, each occurrence's words and flags) and the nearest occurrence in
    other sentences found once per sentence. Extraction stays within a few percent of the rules'."""

    def __init__(self, model: LinearModel, context: _ReportContext):
        cached = _FLAT.get(id(model))
        if cached is None or cached[0] is not model:
            cached = _FLAT[id(model)] = (model, {f: w[1] - w[0] for f, w in model.weights.items()},
                                         model.intercepts[1] - model.intercepts[0])
        self.weights, self.intercept = cached[1], cached[2]
        self.context = context
        self.places = report_places(context)
        self.main_key = key_of(context.main_place)
        self.keys: dict[tuple[str, ...], list[Occurrence]] = {}
        self.locations: dict[tuple[str, ...], Location | None] = {}
        self.by_sentence: dict[int, list[tuple[tuple[str, ...], Occurrence, Location]]] = {}
        for key, location, occurrence in self.places.occurrences:
            self.keys.setdefault(key, []).append(occurrence)
            self.locations.setdefault(key, location)
            self.by_sentence.setdefault(occurrence.sentence, []).append((key, occurrence, location))
        for key, location in ((self.main_key, context.main_place), ((), None)):
            self.keys.setdefault(key, [])
            self.locations.setdefault(key, location)
        self._static: dict[tuple, float] = {}
        self._occurrence_static: dict[int, float] = {}
        self._elsewhere: dict[tuple[int, tuple[str, ...]], tuple | None] = {}
        self._bases: dict[tuple, tuple[float, list[str]]] = {}
        self._bounds: dict[tuple[str, ...], float] = {}
        self._elsewhere_parts: dict[tuple, tuple[float, list[str]]] = {}
        self.sentence_starts = [sentence.start for sentence in context.sentences]
        context._paragraph_start(0) if context.sentences else None
        self.paragraph_starts = context._paragraph_starts or []

    def _sum(self, names) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) for name in names)

    def _key_static(self, key: tuple[str, ...], union: bool) -> float:
        """The logit part of the key's own features (`candidate_features` without the record)."""
        found = self._static.get((key, union))
        if found is not None:
            return found
        places = self.places
        names = ["bias", f"size:{min(len(key), 3)}"]
        sources = {o.source for o in self.keys.get(key, ())}
        if union:
            sources.add("union")
        if key == self.main_key:
            sources.add("main")
            names.append("main")
        if key == ():
            sources.add("none")
        names += [f"from:{source}" for source in sources]
        count = places.counts.get(key, 0)
        names.append(f"count:{min(count, 4)}")
        if key and key == places.most_named:
            names.append("most_named")
        if key in places.title_keys:
            names.append("named_in_title")
        if not key:
            names += [name for name, on in (("abroad_named", places.any_abroad),
                                            ("national_named", places.any_national)) if on]
        if not self.keys.get(key):
            names.append("no_occurrence")   # taken back when an occurrence is found
        found = self._static[(key, union)] = self._sum(names) + self.weights.get("log_count", 0.0) * math.log1p(count)
        return found

    def _occurrence(self, occurrence: Occurrence) -> float:
        found = self._occurrence_static.get(id(occurrence))
        if found is None:
            found = self._occurrence_static[id(occurrence)] = self._sum(static_features(self.context, occurrence))
        return found

    def _nearest_elsewhere(self, i: int, key: tuple[str, ...]):
        """(occurrence, where, gap) of the key's nearest occurrence outside sentence i (the first of
        the nearest), ranked as `occurrence_position` ranks them."""
        cache_key = (i, key)
        if cache_key in self._elsewhere:
            return self._elsewhere[cache_key]
        paragraph = self.paragraph_starts[i]
        starts = self.sentence_starts
        best_rank, best = 7000, None
        for occurrence in self.keys.get(key, ()):
            j = occurrence.sentence
            if j == i:
                continue
            if j > i:
                rank, where, gap = 6000, "later", 0
            else:
                gap = min(i - j, 3)
                if starts[j] >= paragraph:
                    rank, where = 2000 + 10 * gap, "paragraph"
                else:
                    rank, where = 4000 + 10 * gap, "earlier"
            if rank < best_rank:
                best_rank, best = rank, (occurrence, where, gap)
        self._elsewhere[cache_key] = best
        return best

    def _elsewhere_logit(self, occurrence: Occurrence, where: str, gap: int) -> tuple[float, list[str]]:
        """The logit part of an occurrence seen from another sentence, and its `rule&at:` names."""
        cache_key = (id(occurrence), where, gap)
        found = self._elsewhere_parts.get(cache_key)
        if found is None:
            names = positional_features(self.context, occurrence, where, "", gap, 0)
            found = self._elsewhere_parts[cache_key] = (
                self._sum(names) + self._occurrence(occurrence),
                [f"rule&{name}" for name in names if name.startswith("at:")])
        return found

    def _elsewhere_part(self, i: int, key: tuple[str, ...]) -> tuple[float, list[str]]:
        """The logit of a key sentence i does not name, without the record's own parts, and the
        `rule&at:` names of its nearest occurrence elsewhere."""
        cache_key = (i, key)
        found = self._bases.get(cache_key)
        if found is None:
            logit = self.intercept + self._key_static(key, False)
            at_names: list[str] = []
            elsewhere = self._nearest_elsewhere(i, key)
            if elsewhere is not None:
                part, at_names = self._elsewhere_logit(*elsewhere)
                logit += part
            found = self._bases[cache_key] = (logit, at_names)
        return found

    def _bound(self, key: tuple[str, ...]) -> float:
        """A logit the key cannot exceed when its sentence does not name it and it is neither the
        rules' choice nor the union (its best occurrence elsewhere, at its best distance)."""
        found = self._bounds.get(key)
        if found is None:
            weights = self.weights
            best = 0.0
            flags = sum(max(0.0, weights.get(flag, 0.0)) for flag in FLAGS)
            for occurrence in self.keys.get(key, ()):
                word = occurrence_words(self.context, occurrence)[0]
                static = self._sum(plain_features(self.context, occurrence)) + flags
                positions = [weights.get("at:later", 0.0) + weights.get(f"w1:later:{word}", 0.0)]
                for where in ("paragraph", "earlier"):
                    shared = weights.get(f"at:{where}", 0.0) + weights.get(f"w1:{where}:{word}", 0.0)
                    positions += [shared + weights.get(f"at:{where}:{gap}", 0.0) for gap in (1, 2, 3)]
                best = max(best, static + max(positions)) if best else static + max(positions)
            found = self._bounds[key] = (self.intercept + self._key_static(key, False) + best
                                         + max(0.0, weights.get("inside_rule", 0.0), weights.get("around_rule", 0.0)))
        return found

    def best(self, start: int, end: int, rules: Location | None, rules_basis: str | None):
        """(best probability, the rules' choice's probability, best location, best is the rules')."""
        context = self.context
        i, sentence = context.sentence_of(start)
        if sentence is None:
            return None
        own = self.by_sentence.get(i, ())
        union_key, union_occurrence, union_location = None, None, None
        if len(own) > 1:
            phrases = [(k, o, loc) for k, o, loc in own if o.source == "phrase" and k]
            if len(phrases) > 1:
                union_key = tuple(sorted({r for k, _, _ in phrases for r in k}))
                union_occurrence = Occurrence(i, phrases[0][1].start, phrases[-1][1].end, "union", None, ())
                union_location = Location(phrases[0][2].area, union_key, union_occurrence.start, union_occurrence.end)
        rules_key = key_of(rules)
        named = {k for k, _, _ in own}
        clause = [None]
        rules_set = frozenset(rules_key)

        def logit_of(key):
            is_rule = key == rules_key
            is_union = key == union_key
            names: list[str] = []
            if key in self.keys and key not in named and not is_union:
                logit, at_names = self._elsewhere_part(i, key)
                if is_rule:
                    names += at_names
            else:   # named in the sentence, the union, or a key only the rules give
                if clause[0] is None:
                    clause[0] = _clause_bounds(context.text, start, end, sentence.start, sentence.end)
                logit = self.intercept + self._key_static(key, is_union)
                logit += self._nearest_in_sentence(key, i, own, start, end, clause[0],
                                                   is_union and union_occurrence, is_rule, names)
            if is_rule:
                names += ["from:rule", f"rule:{rules_basis}"]
                if rules is not None and rules.area:
                    names.append(f"rule_area:{_area_kind(rules.area)}")
            elif rules_key and key:
                if rules_set.issuperset(key) and len(key) < len(rules_set):
                    names.append("inside_rule")
                elif rules_set.issubset(key) and len(key) > len(rules_set):
                    names.append("around_rule")
            if not key:
                location = self._location((), None, None, rules, rules_key)
                if location is not None and location.area:
                    names.append(f"empty_area:{location.area}")
            weights = self.weights
            for name in names:
                if name[0] == "-":
                    logit -= weights.get(name[1:], 0.0)
                else:
                    logit += weights.get(name, 0.0)
            return logit

        rules_logit = best_logit = logit_of(rules_key)
        best_key = rules_key
        keys = list(self.keys)
        if union_key is not None and union_key not in self.keys:
            keys.append(union_key)
        for key in keys:
            if key == rules_key:
                continue
            if key not in named and key != union_key and key and self._bound(key) <= best_logit:
                continue   # cannot beat the best so far
            logit = logit_of(key)
            if logit > best_logit:
                best_logit, best_key = logit, key
        location = self._location(best_key, union_key, union_location, rules, rules_key)
        return _sigmoid(best_logit), _sigmoid(rules_logit), location, best_key == rules_key

    def _nearest_in_sentence(self, key, i, own, start, end, clause, union_occurrence, is_rule, names) -> float:
        """The logit part of the key's nearest occurrence (in the sentence first, the union last,
        else elsewhere); its names go to `names`."""
        context = self.context
        chosen, near = None, 0
        occurrences = [o for k, o, _ in own if k == key]
        if union_occurrence:
            occurrences.append(union_occurrence)
        for occurrence in occurrences:
            position = occurrence_position(context, occurrence, start, end, i, clause)
            if position[0] < 1000 + 150:
                near += 1
            if chosen is None or position[0] < chosen[1][0]:
                chosen = (occurrence, position)
        if near > 1:
            names.append("named_twice_near")
        if chosen is not None:
            occurrence, (_, where, side, distance) = chosen
        else:
            elsewhere = self._nearest_elsewhere(i, key)
            if elsewhere is None:
                return 0.0
            occurrence, where, distance = elsewhere
            side = ""
        if not self.keys.get(key):
            names.append("-no_occurrence")   # the union's own occurrence
        found = positional_features(context, occurrence, where, side, distance, end)
        names += found
        if is_rule:
            names += [f"rule&{name}" for name in found if name.startswith("at:")]
        return self._occurrence(occurrence)

    def _location(self, key, union_key, union_location, rules, rules_key) -> Location | None:
        """The candidate's location as `place_candidates` gives it: its first occurrence's, the
        union's, the rules', the main place's."""
        if self.keys.get(key):
            return self.locations[key]
        if key == union_key and union_location is not None:
            return union_location
        if key == rules_key:
            return rules
        return self.locations.get(key)


_FLAT: dict[int, tuple] = {}


def with_place_probability(value: float, probability: float | None) -> float:
    """A record's confidence with the place model's probability in place of the `model` basis's
    weight: 0.9 (the weight) → 0.72 for a place chosen with probability 0.72."""
    if probability is None:
        return value
    return round(value / WEIGHTS[MODEL] * probability, 3)
