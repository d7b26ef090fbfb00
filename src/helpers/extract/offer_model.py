"""The learned offer check: keep or drop each incentive the rules give, by a small logistic
regression (`data/models/offer.json`, trained by `scripts/offer_training.py` on the rules'
blind incentives of each dev round) over what stands around its evidence: the kind, the
predicate of its clause (giving, promising, exempting, paying in return, luring), a negation
or threat, a status described in the past, how far the nearest recruiting word is, and
whether it stands in the title. Off inside `rules_only()`. Asked only of a cue in the body
that neither a figure nor an offer predicate backs (a quarter of them), it drops one whose
probability of being a right offer falls below the policy's threshold (the model's header).

    `وعدت الميليشيات المنتسبين الجدد برواتب شهرية`  → kept (an offer predicate backs it)
    `أفاد مصدر بأن مبلغ الصفقة بين الطرفين لم يعلن`  → dropped (p ≈ 0.2: a sum described)
"""
from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from helpers.extract.frames import _clause_words_before
from helpers.extract.offer_families import FAMILIES, OFFER_PREDICATES as _PREDICATES
from helpers.extract.linear_model import load_model, model_exists, models_enabled
from helpers.extract.words import _strip_clitics

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

MODEL_NAME = "offer"

_NEGATORS = frozenset({"لم", "لن", "لا", "ليس", "دون", "بدون", "عدم", "بلا", "غير"})
# `ممن أجروا تسوية`, `سبق أن حصلوا`, `كانوا يتقاضون`: a status described
_STATUS = frozenset({"اجروا", "اجري", "خضعوا", "خضع", "سبق", "سابقا", "كانوا", "كان", "كانت", "ممن", "الذين",
                     "حاملي", "حمله", "يحملون", "مقاتلي", "بنود", "سابق", "السابق", "السابقه"})
_THREAT = re.compile(r"(?<!\w)(?:والا|تحت\s+طايله|طايله|عقوبه|العقوبه|يهدد|تهدد|تهديد|ملاحقه|الملاحقه|اعتقال)(?!\w)")
_RECRUITING = re.compile(r"(?<!\w)[وبلف]?(?:ال|لل)?(?:تجنيد|يجند|تجند|جند|انتساب|ينتسب|المنتسب|منتسب|انضمام|ينضم|"
                         r"التحاق|يلتحق|تطوع|متطوع|مقاتل|عناصر|صفوف|تطويع|استقطاب|تجنيده|الانضمام)\w*")
_NEAR = 60       # characters: a recruiting word this close stands in the offer's own phrase
_BEFORE = 10     # words of the clause before the cue read for its predicate


def offer_features(context: _ReportContext, code: str, start: int, end: int, *, actor_basis: str | None,
                   actor: str | None, figure: bool, others_of_kind: int, sentences: dict | None = None) -> list[str]:
    """The features of an incentive whose evidence is [start, end) of `context.text`:
    `["code:cash_salary", "pred:promise", "recruit:near", "section:body", …]`. `sentences`
    keeps what was read of each sentence (its threat, its recruiting words) for the next cue."""
    text = context.text
    raw = _words_before(text, start)
    before = raw + [_strip_clitics(w) for w in raw]   # `وعدت` as written, `بمنح` without its clitic
    features = [f"code:{code}", "section:title" if start < context.title_end else "section:body",
                f"actor_basis:{actor_basis or 'none'}", "actor:none" if actor is None else "actor:named"]
    if figure:
        features.append("figure")
    if FAMILIES[-1] and any(h.start == start and h.entry.get("family") for h in context.incentive_hits):
        features += ["source:family", f"family:{code}"]   # a form of a cue word, or a noun and adjective of kind
    if others_of_kind:
        features.append("kind_twice")
    classes = _predicate_classes(before)
    features += [f"pred:{name}" for name in classes] or ["pred:none"]
    features += [f"code_pred:{code}:{name}" for name in classes or ("none",)]
    if not _NEGATORS.isdisjoint(before):
        features.append("negated")
    if not _STATUS.isdisjoint(before):
        features.append("status")
    _, sentence = context.sentence_of(start)
    low, high = (sentence.start, sentence.end) if sentence is not None else (max(0, start - 200), end + 200)
    read = sentences.get(low) if sentences is not None else None
    if read is None:
        read = _read_sentence(text, low, high)
        if sentences is not None:
            sentences[low] = read
    threat, recruiting = read
    if threat:
        features.append("threat")
    nearest = min((min(abs(at - start), abs(at - end)) for at in recruiting), default=None)
    features.append("recruit:none" if nearest is None else "recruit:near" if nearest <= _NEAR else "recruit:sentence")
    if raw:
        features.append(f"w-1:{_strip_clitics(raw[-1])}")
    cue = text[start:end].split()
    if cue:
        features.append(f"cue:{_strip_clitics(cue[0])}")
    after = text[end:end + 30].split()
    if after:
        features.append(f"w+1:{_strip_clitics(after[0])}")
    return features


def _words_before(text: str, start: int) -> list[str]:
    """The clause's last words before the word holding `start` (`برواتب`: before its clitic)."""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return _clause_words_before(text, word_start, 90, _BEFORE)


def _predicate_classes(before: list[str]) -> list[str]:
    """The classes of the offer predicates among `before` (`["promise"]` for `وعدت … ب`)."""
    return [name for name, words in _PREDICATES.items() if not words.isdisjoint(before)]


def offered_by_predicate(text: str, start: int) -> bool:
    """`وعدت الفصائل المنتسبين برواتب`: a verb or noun of offering stands before the cue."""
    raw = _words_before(text, start)
    return bool(_predicate_classes(raw + [_strip_clitics(w) for w in raw]))


def _read_sentence(text: str, low: int, high: int) -> tuple[bool, tuple[int, ...]]:
    """(a threat is there, where its recruiting words start) for text[low:high]."""
    return (_THREAT.search(text, low, high) is not None,
            tuple(m.start() for m in _RECRUITING.finditer(text, low, high)))


def keep_offers(context: _ReportContext, incentives: list, model=None) -> list:
    """The incentives the offer model keeps (all of them inside `rules_only()` or without a
    model): one in the body is dropped when its probability of being a right offer is under
    the policy's `drop_below` (`kept_by_policy`)."""
    if not incentives or not models_enabled():
        return incentives
    model = model or committed_model()
    if model is None:
        return incentives
    policy = model.header.get("policy") or {}
    if policy.get("drop_below") is None:
        return incentives
    from helpers.extract.actor_model import logit, normalised_span

    kept, sentences = [], {}
    unbacked_only = policy.get("unbacked_only")
    for incentive in incentives:
        if unbacked_only and incentive.figure_id is not None:
            kept.append(incentive)      # a figure stands for it: not asked
            continue
        start, end = normalised_span(context, incentive.start, incentive.end)
        if (policy.get("body_only") and start < context.title_end) or (
                unbacked_only and offered_by_predicate(context.text, start)):
            kept.append(incentive)      # a title's cue (the title rule decides), or an offer verb's object
            continue
        others = sum(1 for i in incentives if i.incentive == incentive.incentive and i is not incentive)
        features = offer_features(context, incentive.incentive, start, end, actor_basis=incentive.basis.get("actor"),
                                  actor=incentive.actor, figure=incentive.figure_id is not None,
                                  others_of_kind=others, sentences=sentences)
        if kept_by_policy(policy, 1.0 / (1.0 + math.exp(-logit(model, features))), features):
            kept.append(incentive)
    return kept


def kept_by_policy(policy: dict, probability: float, features: list[str]) -> bool:
    """The policy's decision (`{"drop_below": 0.5, "body_only": True, "unbacked_only": True}`):
    keep a title's cue, a cue with a figure or an offer predicate, and any other whose
    probability of being a right offer reaches `drop_below`."""
    return bool((policy.get("body_only") and "section:title" in features)
                or (policy.get("unbacked_only") and ("figure" in features or "pred:none" not in features))
                or probability >= policy["drop_below"])


def committed_model():
    """data/models/offer.json, read and validated once per process (None when there is none)."""
    if not _COMMITTED:
        _COMMITTED.append(load_model(MODEL_NAME) if model_exists(MODEL_NAME) else None)
    return _COMMITTED[0]


_COMMITTED: list = []
