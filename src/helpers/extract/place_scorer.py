"""The place model's scores at run time, fast: the same logits as
`helpers.extract.place_model.candidate_features` read by `LinearModel.scores` (the training
path; `tests/test_place_model.py` checks they agree), with what does not depend on the record
summed once per report, the nearest occurrence elsewhere found once per sentence, candidates
skipped that cannot beat the best one found (`FastScorer._bound`), and each feature's weight
looked up once per process (`_Weights`): a record adds floats, it formats no feature name."""
from __future__ import annotations

import math
import weakref
from bisect import bisect_right
from typing import TYPE_CHECKING

from helpers.extract.attribution import Location, _clause_bounds
from helpers.extract.linear_model import LinearModel
from helpers.extract.place_model import (
    FLAGS, Occurrence, _area_kind, _distance_bucket, key_of, occurrence_position, occurrence_words, plain_features,
    positional_features, report_places, static_features,
)
from helpers.extract.places import later_clause

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


class _Weights:
    """One model's logit weights (class 1 minus class 0) by feature name, and the sums of the
    names a record would add, by what the names are made of (found once per process).

    Every logit is summed name by name in the order `candidate_features`' names come in, a
    name the model does not weigh adding nothing (x + 0.0 is x): the same floats whichever
    path asks."""

    def __init__(self, model: LinearModel):
        self.model = model
        self.weights = {f: w[1] - w[0] for f, w in model.weights.items()}
        self.intercept = model.intercepts[1] - model.intercepts[0]
        self.margin = float(model.header.get("margin", 0.0))
        weights = self.weights
        self.flags = sum(max(0.0, weights.get(flag, 0.0)) for flag in FLAGS)
        self.inside_or_around = max(0.0, weights.get("inside_rule", 0.0), weights.get("around_rule", 0.0))
        self.positional: dict[tuple, tuple[tuple[float, ...], tuple[float, ...]]] = {}
        self.plain: dict[tuple, float] = {}
        self.best_elsewhere: dict[str, float] = {}
        self.elsewhere: dict[tuple, tuple[float, tuple[float, ...]]] = {}
        self.key_statics: dict[tuple, float] = {}
        self.rule_tails: dict[tuple, tuple[float, ...]] = {}

    def nonzero(self, names) -> tuple[float, ...]:
        """The weights of `names`, in order, those the model does not weigh left out."""
        get = self.weights.get
        return tuple(w for w in (get(name, 0.0) for name in names) if w)

    def best_position_elsewhere(self, word: str) -> float:
        """The highest weight of the positions an occurrence after `word` can take seen from
        another sentence (later, paragraph or earlier, 1–3 sentences away)."""
        found = self.best_elsewhere.get(word)
        if found is None:
            weights = self.weights
            positions = [weights.get("at:later", 0.0) + weights.get(f"w1:later:{word}", 0.0)]
            for where in ("paragraph", "earlier"):
                shared = weights.get(f"at:{where}", 0.0) + weights.get(f"w1:{where}:{word}", 0.0)
                positions += [shared + weights.get(f"at:{where}:{gap}", 0.0) for gap in (1, 2, 3)]
            found = self.best_elsewhere[word] = max(positions)
        return found

    def rule_tail(self, rules: Location | None, rules_basis: str | None) -> tuple[float, ...]:
        """The weights of the rules' choice's own names (`from:rule`, `rule:paragraph`, `rule_area:…`)."""
        area = rules.area if rules is not None else None
        cache_key = (rules_basis, area)
        found = self.rule_tails.get(cache_key)
        if found is None:
            names = ["from:rule", f"rule:{rules_basis}"]
            if area:
                names.append(f"rule_area:{_area_kind(area)}")
            found = self.rule_tails[cache_key] = self.nonzero(names)
        return found


_WEIGHTS: dict[int, _Weights] = {}


def model_weights(model: LinearModel) -> _Weights:
    """The model's `_Weights`, made once per process."""
    found = _WEIGHTS.get(id(model))
    if found is None or found.model is not model:
        found = _WEIGHTS[id(model)] = _Weights(model)
    return found


class FastScorer:
    """The model's logit of every candidate of a report's records, as `candidate_features` and
    `LinearModel.scores` give it, with what does not depend on the record summed once per report
    (each key's own features, each occurrence's words and flags), the nearest occurrence in
    other sentences and each sentence's union found once per sentence."""

    def __init__(self, model: LinearModel, context: _ReportContext):
        tables = model_weights(model)
        self.tables = tables
        self.weights, self.intercept, self.margin = tables.weights, tables.intercept, tables.margin
        # a weak reference: the scorer is cached on the context, and a cycle would leave every
        # report's objects to the cycle collector instead of freeing them when the report is done
        self.context = weakref.proxy(context)
        self.text = context.text
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
        self._bases: dict[tuple, tuple[float, tuple[float, ...]]] = {}
        self._bounds: dict[tuple[str, ...], float] = {}
        self._ranked_keys: list | None = None
        self._elsewhere_parts: dict[tuple, tuple[float, tuple[float, ...]]] = {}
        self._sentences: dict[int, tuple] = {}
        self.sentences = context.sentences
        self.sentence_starts = [sentence.start for sentence in context.sentences]
        context._paragraph_start(0) if context.sentences else None
        self.paragraph_starts = context._paragraph_starts or []

    def _sum(self, names) -> float:
        weights = self.weights
        return sum(weights.get(name, 0.0) for name in names)

    def _key_static(self, key: tuple[str, ...], union: bool) -> float:
        """The logit part of the key's own features (`candidate_features` without the record),
        summed once per process for what they are made of."""
        found = self._static.get((key, union))
        if found is not None:
            return found
        places = self.places
        sources = {o.source for o in self.keys.get(key, ())}
        if union:
            sources.add("union")
        is_main = key == self.main_key
        if is_main:
            sources.add("main")
        if key == ():
            sources.add("none")
        count = places.counts.get(key, 0)
        made_of = (min(len(key), 3), is_main, tuple(sources), count, bool(key) and key == places.most_named,
                   key in places.title_keys, not key and places.any_abroad, not key and places.any_national,
                   not self.keys.get(key))
        found = self.tables.key_statics.get(made_of)
        if found is None:
            size, is_main, sources, count, most_named, in_title, abroad, national, no_occurrence = made_of
            names = ["bias", f"size:{size}"]
            if is_main:
                names.append("main")
            names += [f"from:{source}" for source in sources]
            names.append(f"count:{min(count, 4)}")
            if most_named:
                names.append("most_named")
            if in_title:
                names.append("named_in_title")
            names += [name for name, on in (("abroad_named", abroad), ("national_named", national)) if on]
            if no_occurrence:
                names.append("no_occurrence")   # taken back when an occurrence is found
            found = self.tables.key_statics[made_of] = (self._sum(names)
                                                        + self.weights.get("log_count", 0.0) * math.log1p(count))
        self._static[(key, union)] = found
        return found

    def _occurrence(self, occurrence: Occurrence) -> float:
        found = self._occurrence_static.get(id(occurrence))
        if found is None:
            found = self._occurrence_static[id(occurrence)] = self._sum(static_features(self.context, occurrence))
        return found

    def _word(self, occurrence: Occurrence) -> str:
        """The class of the word before the occurrence (`occurrence_words`, first)."""
        words = occurrence.words
        return words[0] if words is not None else occurrence_words(self.context, occurrence)[0]

    def _positional(self, occurrence: Occurrence, where: str, side: str, distance: int,
                    end: int) -> tuple[tuple[float, ...], tuple[float, ...]]:
        """The weights of `positional_features` (what they are made of: where, side, distance
        bucket, a later clause, the word before) and of their `rule&at:` names."""
        word = self._word(occurrence)
        if where == "clause" or where == "sentence":
            later = side == "after" and later_clause(self.text, end, occurrence.start)
            cache_key = (where, side, _distance_bucket(distance), later, word)
        else:
            cache_key = (where, distance, word)
        tables = self.tables
        found = tables.positional.get(cache_key)
        if found is None:
            names = positional_features(self.context, occurrence, where, side, distance, end)
            found = tables.positional[cache_key] = (
                tables.nonzero(names), tables.nonzero([f"rule&{name}" for name in names if name.startswith("at:")]))
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

    def _elsewhere_logit(self, occurrence: Occurrence, where: str, gap: int) -> tuple[float, tuple[float, ...]]:
        """The logit part of an occurrence seen from another sentence, and its `rule&at:` weights."""
        cache_key = (id(occurrence), where, gap)
        found = self._elsewhere_parts.get(cache_key)
        if found is None:
            tables = self.tables
            word = self._word(occurrence)
            names_key = (where, gap, word)   # what `positional_features` seen from elsewhere is made of
            part = tables.elsewhere.get(names_key)
            if part is None:
                names = positional_features(self.context, occurrence, where, "", gap, 0)
                part = tables.elsewhere[names_key] = (
                    self._sum(names), tables.nonzero([f"rule&{name}" for name in names if name.startswith("at:")]))
            found = self._elsewhere_parts[cache_key] = (part[0] + self._occurrence(occurrence), part[1])
        return found

    def _elsewhere_part(self, i: int, key: tuple[str, ...]) -> tuple[float, tuple[float, ...]]:
        """The logit of a key sentence i does not name, without the record's own parts, and the
        `rule&at:` weights of its nearest occurrence elsewhere."""
        cache_key = (i, key)
        found = self._bases.get(cache_key)
        if found is None:
            logit = self.intercept + self._key_static(key, False)
            at_weights: tuple[float, ...] = ()
            elsewhere = self._nearest_elsewhere(i, key)
            if elsewhere is not None:
                part, at_weights = self._elsewhere_logit(*elsewhere)
                logit += part
            found = self._bases[cache_key] = (logit, at_weights)
        return found

    def _bound(self, key: tuple[str, ...]) -> float:
        """A logit the key cannot exceed when its sentence does not name it and it is neither the
        rules' choice nor the union (its best occurrence elsewhere, at its best distance)."""
        found = self._bounds.get(key)
        if found is None:
            tables = self.tables
            best = 0.0
            flags = tables.flags
            for occurrence in self.keys.get(key, ()):
                static = self._plain(occurrence) + flags
                position = tables.best_position_elsewhere(self._word(occurrence))
                best = max(best, static + position) if best else static + position
            found = self._bounds[key] = (self.intercept + self._key_static(key, False) + best
                                         + tables.inside_or_around)
        return found

    def _plain(self, occurrence: Occurrence) -> float:
        """The summed weights of `plain_features` (by what they are made of, once per process)."""
        text = self.text
        start = occurrence.start
        word_begin = start
        while word_begin > 0 and text[word_begin - 1].isalpha():
            word_begin -= 1
        cache_key = (occurrence.source, occurrence_words(self.context, occurrence), text[word_begin:start],
                     occurrence.kinds, start < self.context.title_end)
        plain = self.tables.plain
        found = plain.get(cache_key)
        if found is None:
            found = plain[cache_key] = self._sum(plain_features(self.context, occurrence))
        return found

    def _ranked(self) -> list[tuple[float, tuple[str, ...]]]:
        """The report's non-empty keys by their bound (`_bound`), highest first."""
        if self._ranked_keys is None:
            self._ranked_keys = sorted(((self._bound(key), key) for key in self.keys if key), reverse=True)
        return self._ranked_keys

    def _sentence(self, i: int) -> tuple:
        """What sentence i's records share: the keys it names with their occurrences (in text
        order), the keys every record of it scores (those it names and nothing, in the
        candidates' order), and the union of its phrases (key, occurrence, location) when it
        has two or more."""
        own = self.by_sentence.get(i, ())
        named: dict[tuple[str, ...], list[Occurrence]] = {}
        for k, o, _ in own:
            named.setdefault(k, []).append(o)
        union = (None, None, None)
        phrases = [(k, o, loc) for k, o, loc in own if o.source == "phrase" and k]
        if len(phrases) > 1:
            union_key = tuple(sorted({r for k, _, _ in phrases for r in k}))
            occurrence = Occurrence(i, phrases[0][1].start, phrases[-1][1].end, "union", None, ())
            union = (union_key, occurrence, Location(phrases[0][2].area, union_key, occurrence.start, occurrence.end))
        always = [key for key in self.keys if key in named or not key]
        found = self._sentences[i] = (named, always) + union
        return found

    def best(self, start: int, end: int, rules: Location | None, rules_basis: str | None):
        """(best probability, the rules' choice's probability, best location, best is the rules')."""
        i = bisect_right(self.sentence_starts, start) - 1   # `context.sentence_of`
        if i < 0 or start >= self.sentences[i].end:
            return None
        sentence = self.sentences[i]
        shared = self._sentences.get(i) or self._sentence(i)
        named, always, union_key, union_occurrence, union_location = shared
        record = _Record(self, i, sentence, start, end, rules, rules_basis, named, union_key, union_occurrence)
        rules_key = record.rules_key
        logit_of = record.logit
        rules_logit = logit_of(rules_key)
        computed = {rules_key: rules_logit}
        for key in always:   # the keys the sentence names, and nothing
            if key != rules_key:
                computed[key] = logit_of(key)
        if union_key is not None and union_key != rules_key:
            computed[union_key] = logit_of(union_key)
        threshold = max(computed.values())
        for bound, key in self._ranked():   # the other keys, those that could beat the best first
            if bound <= threshold:
                break
            if key not in computed:
                computed[key] = logit = logit_of(key)
                threshold = max(threshold, logit)
        best_key, best_logit = rules_key, rules_logit
        if len(computed) > 1:   # the first of the best in the candidates' order
            for key in self.keys:
                logit = computed.get(key)
                if logit is not None and logit > best_logit:
                    best_logit, best_key = logit, key
            if union_key is not None and union_key not in self.keys:
                logit = computed.get(union_key)
                if logit is not None and logit > best_logit:
                    best_logit, best_key = logit, union_key
        location = self._location(best_key, union_key, union_location, rules, rules_key)
        return _sigmoid(best_logit), _sigmoid(rules_logit), location, best_key == rules_key

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


class _Record:
    """One record's logits (`FastScorer.best`): each candidate's, added name by name in
    `candidate_features`' order."""

    __slots__ = ("scorer", "i", "sentence", "start", "end", "rules", "rules_key", "rules_set", "named",
                 "union_key", "union_occurrence", "clause", "rule_tail")

    def __init__(self, scorer: FastScorer, i, sentence, start, end, rules, rules_basis, named, union_key,
                 union_occurrence):
        self.scorer = scorer
        self.i, self.sentence, self.start, self.end = i, sentence, start, end
        self.rules = rules
        self.rules_key = key_of(rules)
        self.rules_set = frozenset(self.rules_key)
        self.named = named
        self.union_key, self.union_occurrence = union_key, union_occurrence
        self.clause = None
        self.rule_tail = scorer.tables.rule_tail(rules, rules_basis)

    def logit(self, key) -> float:
        scorer = self.scorer
        weights = scorer.weights
        is_rule = key == self.rules_key
        is_union = key == self.union_key
        if key in scorer.keys and key not in self.named and not is_union:
            logit, at_weights = scorer._elsewhere_part(self.i, key)
            if is_rule:
                for weight in at_weights:
                    logit += weight
        else:   # named in the sentence, the union, or a key only the rules give
            logit = self._in_sentence(key, is_rule, is_union)
        if is_rule:
            for weight in self.rule_tail:
                logit += weight
        elif self.rules_key and key:
            rules_set = self.rules_set
            if rules_set.issuperset(key) and len(key) < len(rules_set):
                logit += weights.get("inside_rule", 0.0)
            elif rules_set.issubset(key) and len(key) > len(rules_set):
                logit += weights.get("around_rule", 0.0)
        if not key:
            location = scorer._location((), None, None, self.rules, self.rules_key)
            if location is not None and location.area:
                logit += weights.get(f"empty_area:{location.area}", 0.0)
        return logit

    def _in_sentence(self, key, is_rule: bool, is_union: bool) -> float:
        """The logit of a key by its nearest occurrence (in the sentence first, the union last,
        else elsewhere), the rules' names left to `logit`."""
        scorer = self.scorer
        sentence = self.sentence
        if self.clause is None:
            self.clause = _clause_bounds(scorer.text, self.start, self.end, sentence.start, sentence.end)
        logit = scorer.intercept + scorer._key_static(key, is_union)
        chosen, near = None, 0
        occurrences = self.named.get(key, ())
        if is_union and self.union_occurrence:
            occurrences = [*occurrences, self.union_occurrence]
        for occurrence in occurrences:
            position = occurrence_position(scorer.context, occurrence, self.start, self.end, self.i, self.clause)
            if position[0] < 1000 + 150:
                near += 1
            if chosen is None or position[0] < chosen[1][0]:
                chosen = (occurrence, position)
        if chosen is not None:
            occurrence, (_, where, side, distance) = chosen
        else:
            elsewhere = scorer._nearest_elsewhere(self.i, key)
            if elsewhere is None:
                return logit
            occurrence, where, distance = elsewhere
            side = ""
        logit += scorer._occurrence(occurrence)
        weights = scorer.weights
        if near > 1:
            logit += weights.get("named_twice_near", 0.0)
        if not scorer.keys.get(key):
            logit -= weights.get("no_occurrence", 0.0)   # the union's own occurrence
        positional, rule_positional = scorer._positional(occurrence, where, side, distance, self.end)
        for weight in positional:
            logit += weight
        if is_rule:
            for weight in rule_positional:
                logit += weight
        return logit

