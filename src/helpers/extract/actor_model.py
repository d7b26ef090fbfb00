"""The actor of a figure and the giver of an incentive, chosen among candidates by a learned
ranking model (`data/models/actor.json`, read by `helpers.extract.linear_model`).

Each actor code the report names (`Mention.code` of `context.actors`), the rules' own choice
and "no actor" are the candidates of a record. Each candidate is described by string features
(`candidate_features`): where its nearest mention stands (same clause, sentence, paragraph,
title; before or after; how many words away), the word that links it (`بإشراف`, `التابعة`,
`المدعوم`, `غرار`…), what the rules' tests say of that mention (a setting, compared with,
an overseer, a funder, the owner named after the figure, the giver named after the cue),
how often the report names it, whether the rules chose it and on what basis, and the outlet
(`source:` line). The model gives each candidate a score; the softmax over the candidates is
their probability. `decide_actors` applies the decision to a report's records under the policy
of the model file's header (`policy`): the model overrules the rules' choice where its best
candidate reaches the probability the policy sets for the basis the rules decided on.
"""
from __future__ import annotations

import dataclasses
import math
import re
from bisect import bisect_left, bisect_right
from collections import Counter
from typing import TYPE_CHECKING

from helpers.extract.actor_choice import _captor, _owner_after
from helpers.extract.actor_givers import _giver_named_after, funder
from helpers.extract.actor_settings import compared_with, delivered_to, overseen_by, received_by, served_in
from helpers.extract.mentions import NGO
from helpers.extract.references import back_nouns
from helpers.extract.words import _clause_bounds, _raw_previous_word, _strip_clitics, _word_start
from helpers.ingest.normalise import normalise

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

NONE = "none"            # the candidate "no actor" (an NGO's aid, a civilian toll)
STATE = "regime"         # always a candidate: the state is often named by its procedures only
MODEL = "model"          # basis of an actor the model decided
MODEL_NAME = "actor"     # data/models/actor.json


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
    codes = set(report_facts(context).counts) | {STATE}
    if rule_code is not None:
        codes.add(rule_code)
    return sorted(codes) + [None]


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
    """Features of a candidate that depend on the report and the record's kind only (cached)."""
    cache = context.__dict__.setdefault("_actor_report_parts", {})
    found = cache.get((code, record))
    if found is not None:
        return found
    facts = report_facts(context)
    kind = record.split(":", 1)[0]
    if code is None:
        features = ["none", f"none|{kind}", f"none|{record}", f"none|codes:{_count_bucket(len(facts.counts))}"]
        features += [f"none|{cue}" for cue in facts.report_cues]
    else:
        features = [f"code:{code}", f"{kind}|code:{code}", f"{record}|code:{code}"]
        n = facts.counts.get(code, 0)
        features.append(f"count:{_count_bucket(n)}")
        if n == 0:
            features.append("unnamed")
        if code in facts.most:
            features.append("most")
        if code in facts.in_title:
            features.append("title")
        if code == facts.first:
            features.append("first")
        features += [f"src:{w}|code:{code}" for w in facts.source_words]
        features += [f"{cue}|code:{code}" for cue in facts.report_cues]
    found = cache[(code, record)] = tuple(features)
    return found


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


# --- the decision ---------------------------------------------------------------------------

def feature_weights(model) -> dict[str, float]:
    """Feature → its weight in a candidate's score (the second class's weight less the first's:
    a binary model stored as two classes), found once per model."""
    found = _WEIGHTS.get(id(model))
    if found is None or found[0] is not model:
        weights = {f: w[-1] - w[0] for f, w in model.weights.items()}
        found = _WEIGHTS[id(model)] = (model, weights, model.intercepts[-1] - model.intercepts[0])
    return found[1]


_WEIGHTS: dict[int, tuple] = {}


def logit(model, features) -> float:
    """A candidate's score: the intercept and the weights of its features."""
    weights = feature_weights(model)
    return _WEIGHTS[id(model)][2] + sum(weights.get(f, 0.0) for f in features)


def candidate_logits(context: _ReportContext, model, start: int, end: int, rule_code: str | None,
                     rule_basis: str | None, record: str) -> dict[str | None, float]:
    """Candidate → score, as `logit` of `candidate_features` (the report's and the sentence's
    parts summed once each per report and sentence)."""
    weights = feature_weights(model)
    intercept = _WEIGHTS[id(model)][2]
    sums = context.__dict__.setdefault("_actor_sums", {})
    where = _Where(context, start, end, record)
    scores = {}
    for code in candidate_codes(context, rule_code):
        of_report = sums.get((id(model), code, record))
        if of_report is None:
            of_report = sums[(id(model), code, record)] = sum(
                weights.get(f, 0.0) for f in _report_part(context, code, record))
        of_sentence = sums.get((id(model), where.i, code))
        if of_sentence is None:
            of_sentence = sums[(id(model), where.i, code)] = sum(
                weights.get(f, 0.0) for f in _sentence_part(context, where, code))
        scores[code] = intercept + of_report + of_sentence + sum(
            weights.get(f, 0.0) for f in _record_part(context, where, code, rule_code, rule_basis))
    return scores


def rank(scores: dict) -> list[tuple[str | None, float]]:
    """Candidates with their probabilities (softmax of their scores), best first; ties go to
    the order given."""
    top = max(scores.values())
    exps = {code: math.exp(score - top) for code, score in scores.items()}
    total = sum(exps.values())
    return sorted(((code, e / total) for code, e in exps.items()), key=lambda pair: -pair[1])


def decide(scores: dict, rule_code: str | None, rule_basis: str | None,
           policy: dict) -> tuple[str | None, float] | None:
    """The model's (code, probability) where the policy lets it overrule the rules, else None.
    `policy["thresholds"]` maps the rules' basis to the probability the model's best candidate
    (other than the rules' choice) needs: `{"report_default": 0.5, "frame": 0.9}`; a basis not
    listed keeps the rules' choice. `scores`: candidate → score (`candidate_logits`)."""
    threshold = (policy.get("thresholds") or {}).get(rule_basis or "none")
    if threshold is None or len(scores) < 2:
        return None
    ordered = {rule_code: scores[rule_code]} if rule_code in scores else {}
    ordered.update(scores)
    best, probability = rank(ordered)[0]
    if best == rule_code or probability < threshold:
        return None
    return best, probability


def record_kind(record) -> str:
    """`figure:salary`, `incentive:food_aid`: the record's kind, a feature crossed with the candidates."""
    if record.type == "figure":
        return f"figure:{record.category}"
    return f"incentive:{record.incentive}"


def copied_from_figure(incentive, figures: list):
    """The pay figure an incentive's actor was copied from (its evidence overlaps the figure's,
    `راتب 200 دولار`, and it has the figure's actor: a second giver joined by `و` does not),
    else None."""
    return _copied_from(incentive, {figure.id: (figure, figure.actor) for figure in figures})


def _copied_from(incentive, by_id: dict):
    """`copied_from_figure` with figure id → (figure, its actor as the rules chose it)."""
    figure, actor = by_id.get(incentive.figure_id, (None, None)) if incentive.figure_id is not None else (None, None)
    if figure is not None and actor == incentive.actor and figure.start < incentive.end and incentive.start < figure.end:
        return figure
    return None


# --- at run time ----------------------------------------------------------------------------

def decide_actors(context: _ReportContext, pairs: list, incentives: list, model=None) -> list:
    """Apply the actor model (`model`, else data/models/actor.json when it is there; never
    inside `rules_only()`) to a report's figures (`pairs`: figure, quantity) and incentives, in
    place; an incentive copied from a pay figure follows it. Incentives that come to share a
    kind and actor are kept once (the first). Returns the incentives."""
    from helpers.extract.linear_model import load_model, model_exists, models_enabled

    if not models_enabled() or (model is None and not model_exists(MODEL_NAME)):
        return incentives
    if not pairs and not incentives:
        return incentives
    model = model or load_model(MODEL_NAME)
    policy = model.header.get("policy") or {}
    by_id = {figure.id: (figure, figure.actor) for figure, _ in pairs}   # the rules' actors
    decided: dict[str, float] = {}   # figure id → the model's probability
    for figure, quantity in pairs:
        probability = _decide(context, model, policy, figure, quantity.start, quantity.end)
        if probability is not None:
            decided[figure.id] = probability
    changed = bool(decided)
    for incentive in incentives:
        figure = _copied_from(incentive, by_id)
        if figure is not None:
            if figure.id in decided:
                _set_actor(incentive, figure.actor, figure.actor_text, decided[figure.id])
            continue
        if (policy.get("thresholds") or {}).get(incentive.basis["actor"] or "none") is not None:
            start, end = normalised_span(context, incentive.start, incentive.end)
            taken = {i.actor for i in incentives if i.incentive == incentive.incentive and i is not incentive}
            changed |= _decide(context, model, policy, incentive, start, end, taken) is not None
    return _once_per_kind_and_actor(incentives) if changed else incentives


def _decide(context: _ReportContext, model, policy: dict, record, start: int, end: int,
            taken: set = frozenset()) -> float | None:
    """Let the model decide the record's actor (see `decide`); its probability when it did. An
    incentive is not given an actor in `taken` (one that offers the same kind already: the two
    would become one record)."""
    if (policy.get("thresholds") or {}).get(record.basis["actor"] or "none") is None:
        return None                      # a basis the policy leaves to the rules: nothing to score
    scores = candidate_logits(context, model, start, end, record.actor, record.basis["actor"], record_kind(record))
    choice = decide(scores, record.actor, record.basis["actor"], policy)
    if choice is None or choice[0] in taken:
        return None
    code, probability = choice
    _set_actor(record, code, _actor_text(context, code, start), probability)
    return probability


def _set_actor(record, code: str | None, text: str | None, probability: float) -> None:
    record.actor, record.actor_text = code, text
    record.basis["actor"] = MODEL
    record.confidence = _with_probability(record.basis, probability)


def _actor_text(context: _ReportContext, code: str | None, start: int) -> str | None:
    """The words naming `code` nearest before `start` (else the first after it)."""
    if code is None:
        return None
    facts = report_facts(context)
    named = [m for m in facts.coded if m.code == code]
    if not named:
        return None
    before = [m for m in named if m.end <= start]
    mention = before[-1] if before else named[0]
    return context.original(mention.start, mention.end)[2]


def _others(basis: dict) -> float:
    """The product of the weights of every basis but the actor's."""
    from helpers.extract.basis import confidence
    return confidence({k: v for k, v in basis.items() if k != "actor"})


def _with_probability(basis: dict, probability: float) -> float:
    """Confidence of a record whose actor the model chose: the other bases' weights times the
    model's probability."""
    return round(_others(basis) * probability, 3)


def normalised_span(context: _ReportContext, start: int, end: int) -> tuple[int, int]:
    """The normalised [start, end) of an original span (the inverse of `Normalised.span`)."""
    norm = context.norm
    if not norm.deleted_at:
        return start, end
    positions = range(len(norm.text))
    low = bisect_left(positions, start, key=norm.to_original)
    high = bisect_left(positions, end, key=norm.to_original)
    return low, max(high, low + 1)


def _once_per_kind_and_actor(incentives: list) -> list:
    """The first incentive of each (kind, actor), its id rebuilt from them."""
    kept, seen = [], set()
    for incentive in incentives:
        key = (incentive.incentive, incentive.actor)
        if key in seen:
            continue
        seen.add(key)
        incentive.id = f"{incentive.report_id}:i:{incentive.incentive}:{incentive.actor or '-'}"
        kept.append(incentive)
    return kept
