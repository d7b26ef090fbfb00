"""The place model's scores at run time, fast: the same logits as
`helpers.extract.place_model.candidate_features` read by `LinearModel.scores` (the training
path; `tests/test_place_model.py` checks they agree), with what does not depend on the record
summed once per report, the nearest occurrence elsewhere found once per sentence, and
candidates skipped that cannot beat the best one found (`FastScorer._bound`)."""
from __future__ import annotations

import math
import weakref
from typing import TYPE_CHECKING

from helpers.extract.attribution import Location, _clause_bounds
from helpers.extract.linear_model import LinearModel
from helpers.extract.place_model import (
    FLAGS, Occurrence, _area_kind, key_of, occurrence_position, occurrence_words, plain_features,
    positional_features, report_places, static_features,
)

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext


def _sigmoid(z: float) -> float:
    return 1.0 / (1.0 + math.exp(-z)) if z >= 0 else math.exp(z) / (1.0 + math.exp(z))


class FastScorer:
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
        # a weak reference: the scorer is cached on the context, and a cycle would leave every
        # report's objects to the cycle collector instead of freeing them when the report is done
        self.context = weakref.proxy(context)
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
        self._ranked_keys: list | None = None
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

    def _ranked(self) -> list[tuple[float, tuple[str, ...]]]:
        """The report's non-empty keys by their bound (`_bound`), highest first."""
        if self._ranked_keys is None:
            self._ranked_keys = sorted(((self._bound(key), key) for key in self.keys if key), reverse=True)
        return self._ranked_keys

    def _order(self, union_key) -> list[tuple[str, ...]]:
        keys = list(self.keys)
        if union_key is not None and union_key not in self.keys:
            keys.append(union_key)
        return keys

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

        rules_logit = logit_of(rules_key)
        computed = {rules_key: rules_logit}
        for key in self.keys:   # the keys the sentence names, and nothing
            if key != rules_key and (key in named or not key):
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
        for key in self._order(union_key):   # the first of the best in the candidates' order
            logit = computed.get(key)
            if logit is not None and logit > best_logit:
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
