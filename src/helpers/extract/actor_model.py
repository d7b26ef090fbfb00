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


def report_facts(context: _ReportContext) -> ReportFacts:
    """`ReportFacts` of the report, kept on the context (`context._actor_facts`)."""
    found = context.__dict__.get("_actor_facts")
    if found is None:
        coded = sorted((m for m in context.actors if m.code), key=lambda m: m.start)
        counts = Counter(m.code for m in coded)
        top = max(counts.values(), default=0)
        found = context.__dict__["_actor_facts"] = ReportFacts(
            counts, frozenset(c for c, n in counts.items() if n == top),
            frozenset(m.code for m in coded if m.end <= context.title_end),
            coded[0].code if coded else None, source_words(context.report.source or ""),
            coded, [m.start for m in coded],
            ["report:settlements"] if len(_SETTLEMENT.findall(context.text)) >= 2 else [])
    return found


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
    return tuple({noun[2:] for _, _, noun in back_nouns(context.text, sentence.start, sentence.end)})


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


def _mention_flags(context: _ReportContext, mention, end: int, clause_end: int, figure: bool,
                   in_sentence: list) -> list[str]:
    """What the rules' tests say of one mention: `setting`, `compared` (`على غرار روسيا`),
    `delivered_to`, `received_by`, `overseer` (`بإشراف`), `funder` (`بتمويل من`), `served_in`,
    `captor`, `owner` (`7 عناصر من الحمزات`), `giver` (`قدمتها جمعية`), its kind."""
    text = context.text
    flags = [f"kind:{mention.kind or 'actor'}"]
    if mention.start in context.settings:
        flags.append("setting")
    for name, test in (("compared", compared_with), ("delivered_to", delivered_to), ("received_by", received_by),
                       ("overseer", overseen_by), ("funder", funder), ("served_in", served_in),
                       ("captor", _captor)):
        if test(text, mention):
            flags.append(name)
    if mention.start >= end:
        if figure and _owner_after(text, in_sentence, end) is mention:
            flags.append("owner")
        if _giver_named_after(text, in_sentence, end, clause_end) is mention:
            flags.append("giver")
    return flags


def candidate_features(context: _ReportContext, start: int, end: int, rule_code: str | None,
                       rule_basis: str | None, record: str) -> dict[str | None, list[str]]:
    """Candidate code (None for no actor) → its features, for the record at [start, end) of
    the normalised text. `record` names the record's kind: `figure:recruits`,
    `incentive:food_aid`… `رواتب تدفعها روسيا لعناصر الفيلق` for a salary gives
    `{"russia": ["code:russia", "at:clause_after", "link:تدفعها", …], None: ["none", …]}`."""
    facts = report_facts(context)
    text = context.text
    i, sentence = context.sentence_of(start)
    figure = record.startswith("figure")
    kind = record.split(":", 1)
    codes = set(facts.counts) | {STATE}
    if rule_code is not None:
        codes.add(rule_code)
    by_code: dict[str | None, list[str]] = {}
    if sentence is not None:
        clause_start, clause_end = _clause_bounds(text, start, end, sentence.start, sentence.end)
        paragraph_start = context._paragraph_start(i)
        in_sentence = context.actors_in[i]
    else:
        clause_start = clause_end = paragraph_start = start
        in_sentence = []
    sentence_has_ngo = any(m.kind == NGO for m in in_sentence)
    cues = sentence_cues(context, i, sentence) + facts.report_cues
    nouns = _back_noun_stems(context, i, sentence)
    for code in sorted(codes):
        features = [f"code:{code}", f"{kind[0]}|code:{code}", f"{record}|code:{code}"]
        features += [f"{cue}|code:{code}" for cue in cues]
        if nouns and any(context.text.find(stem, m.start, m.end) >= 0 for m in facts.coded if m.code == code
                         for stem in nouns):
            features.append("named_by_head_noun")
        if code == rule_code:
            features += ["rule", f"rule|b:{rule_basis}", f"rule|{record}"]
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
        features += _position_features(context, facts, code, start, end, sentence, clause_start, clause_end,
                                       paragraph_start, in_sentence, figure)
        by_code[code] = features
    none = ["none", f"none|{kind[0]}", f"none|{record}", f"none|codes:{_count_bucket(len(facts.counts))}"]
    none += [f"none|{cue}" for cue in cues]
    none.append(f"none|sentence_codes:{_count_bucket(len({m.code for m in in_sentence if m.code}))}")
    if rule_code is None:
        none += ["none|rule", f"none|rule|b:{rule_basis}"]
    if sentence_has_ngo:   # an aid body or a doer with no code (`حكومة الوفاق`) near the record
        none.append("none|ngo_in_sentence")
        none += ["none|" + f for f in _position_features(context, facts, None, start, end, sentence, clause_start,
                                                          clause_end, paragraph_start, in_sentence, figure)
                 if not f.startswith("at:nowhere")]
    if not any(m.code for m in in_sentence):
        none.append("none|no_actor_in_sentence")
    by_code[None] = none
    return by_code


def _position_features(context, facts: ReportFacts, code: str, start: int, end: int, sentence, clause_start: int,
                       clause_end: int, paragraph_start: int, in_sentence: list, figure: bool) -> list[str]:
    """Where the code's mentions stand from the record: the scopes it is named in, and the
    nearest mention of its sentence (direction, distance, linking word, the rules' flags)."""
    text = context.text
    features = []
    own = [m for m in in_sentence if m.code == code]
    nearest, nearest_gap = None, None
    for m in own:
        before = m.end <= start
        in_clause = clause_start <= m.start and m.end <= clause_end
        features.append(f"at:{'clause' if in_clause else 'sentence'}_{'before' if before else 'after'}")
        gap = len(text[m.end:start].split()) if before else len(text[end:m.start].split())
        if nearest_gap is None or gap < nearest_gap:
            nearest, nearest_gap = m, gap
    if nearest is not None:
        direction = "before" if nearest.end <= start else "after"
        link = _link_word(text, nearest)
        features += [f"near:{direction}:{_bucket(nearest_gap)}", f"link:{link}", f"link:{direction}:{link}"]
        features += [f"flag:{flag}" for flag in
                     _mention_flags(context, nearest, end, clause_end, figure, in_sentence)]
        if all(m.start in context.settings for m in own):
            features.append("all_settings")
    elif sentence is not None:
        low, high = bisect_left(facts.starts, paragraph_start), bisect_left(facts.starts, sentence.start)
        earlier = [m for m in facts.coded[low:high] if m.code == code]
        if earlier:
            features.append("at:paragraph_before")
            last = earlier[-1]
            features.append(f"para_link:{_link_word(text, last)}")
            if last.start in context.settings:
                features.append("para_setting")
        if any(m.code == code for m in facts.coded[:low]):
            features.append("at:report_before")
        after = bisect_right(facts.starts, sentence.end)
        if any(m.code == code for m in facts.coded[after:]):
            features.append("at:report_after")
    if not own and facts.counts.get(code, 0) == 0:
        features.append("at:nowhere")
    return features


# --- the decision ---------------------------------------------------------------------------

def rank(model, by_code: dict) -> list[tuple[str | None, float]]:
    """Candidates with their probabilities (softmax of the model's scores), best first;
    ties go to the order given (the rules' choice first when the caller puts it first)."""
    codes = list(by_code)
    scores = [_logit(model, by_code[c]) for c in codes]
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    ranked = sorted(zip(codes, (e / total for e in exps)), key=lambda pair: -pair[1])
    return ranked


def _logit(model, features: list[str]) -> float:
    """The candidate's score: the second class's logit less the first's (a binary model
    stored as two classes)."""
    scores = model.scores(features)
    return scores[-1] - scores[0]


def record_kind(record) -> str:
    """`figure:salary`, `incentive:food_aid`: the record's kind, a feature crossed with the candidates."""
    if record.type == "figure":
        return f"figure:{record.category}"
    return f"incentive:{record.incentive}"


def copied_from_figure(incentive, figures: list):
    """The pay figure an incentive's actor was copied from (its evidence overlaps the
    figure's: `راتب 200 دولار`), else None."""
    if incentive.figure_id is None:
        return None
    for figure in figures:
        if figure.id == incentive.figure_id:
            return figure if figure.start < incentive.end and incentive.start < figure.end else None
    return None


def decide(model, by_code: dict, rule_code: str | None, rule_basis: str | None,
           policy: dict) -> tuple[str | None, float] | None:
    """The model's (code, probability) where the policy lets it overrule the rules, else None.
    `policy["thresholds"]` maps the rules' basis to the probability the model's best candidate
    (other than the rules' choice) needs: `{"report_default": 0.5, "frame": 0.9}`; a basis not
    listed keeps the rules' choice."""
    threshold = (policy.get("thresholds") or {}).get(rule_basis or "none")
    if threshold is None or len(by_code) < 2:
        return None
    ordered = {rule_code: by_code[rule_code]} if rule_code in by_code else {}
    ordered.update(by_code)
    best, probability = rank(model, ordered)[0]
    if best == rule_code or probability < threshold:
        return None
    return best, probability


# --- at run time ----------------------------------------------------------------------------

def decide_actors(context: _ReportContext, pairs: list, incentives: list) -> list:
    """Apply the actor model (when its file is there and models are on) to a report's figures
    (`pairs`: figure, quantity) and incentives, in place; an incentive copied from a pay figure
    follows it. Incentives that come to share a kind and actor are kept once (the first).
    Returns the incentives."""
    from helpers.extract.linear_model import load_model, model_exists, models_enabled

    if not models_enabled() or not model_exists(MODEL_NAME):
        return incentives
    facts = report_facts(context)
    if not facts.counts:
        return incentives            # no actor named: nothing to choose among
    model = load_model(MODEL_NAME)
    policy = model.header.get("policy") or {}
    decided: dict[str, float] = {}   # figure id → the model's probability
    for figure, quantity in pairs:
        probability = _decide(context, model, policy, figure, quantity.start, quantity.end)
        if probability is not None:
            decided[figure.id] = probability
    figures = [figure for figure, _ in pairs]
    changed = bool(decided)
    for incentive in incentives:
        figure = copied_from_figure(incentive, figures)
        if figure is not None:
            if figure.id in decided:
                _set_actor(incentive, figure.actor, figure.actor_text, decided[figure.id])
            continue
        start, end = normalised_span(context, incentive.start, incentive.end)
        changed |= _decide(context, model, policy, incentive, start, end) is not None
    return _once_per_kind_and_actor(incentives) if changed else incentives


def _decide(context: _ReportContext, model, policy: dict, record, start: int, end: int) -> float | None:
    """Let the model decide the record's actor (see `decide`); its probability when it did."""
    by_code = candidate_features(context, start, end, record.actor, record.basis["actor"], record_kind(record))
    choice = decide(model, by_code, record.actor, record.basis["actor"], policy)
    if choice is None:
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
