"""Incentives: cue words and verb + object patterns, pay figures that stand for an offer,
one record per (report, incentive, actor)."""
from __future__ import annotations

from typing import TYPE_CHECKING

import re
from dataclasses import dataclass

import ahocorasick

from helpers.records import Figure, Incentive
from helpers.extract.attribution import word_in
from helpers.extract.categories import _INCENTIVE_FIGURE, _price_or_fee, _unit_class
from helpers.extract.basis import FRAME, confidence
from helpers.extract.figures import _attribute, _copy_attribution, _sentence_fields
from helpers.extract.frames import _distance, _span

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

# `اتفاق التسوية`, `مناطق التسوية`: a name for a deal or a zone, not an offer
_NOT_OFFER_BEFORE = frozenset({"اتفاق", "اتفاقات", "اتفاقيات", "اتفاقيه", "مناطق", "منطقه", "لجنه", "لجان",
                               # `من حملة الجنسية السورية`: a nationality held, not citizenship offered
                               "حمله", "حاملي", "حاملو", "يحملون",
                               # `مقاتلي التسويات`, `بنود التسوية`, `ممن أجروا تسوية`: a status described
                               "مقاتلي", "عناصر", "بنود", "اجروا", "اجري", "اجرت", "قاموا", "خضعوا", "خضع",
                               # `شركة الصياد للحراسة والحماية`: a company's trade
                               "الحراسه", "للحراسه", "لخدمات"})



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
            actor, actor_basis = context.actor_with_basis(hit.start, hit.end, incentive=True)
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
            basis={"incentive": FRAME, "actor": None, "regions": None},
        )
        if hit.figure is not None:
            _copy_attribution(hit.figure, incentive)
        else:
            _attribute(context, incentive, hit.start, hit.end, actor, actor_basis)
        incentive.confidence = confidence(incentive.basis)
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


# `العاملين في حماية حقول النفط`: guarding a site is a job, not protection offered to people
_GUARDED_SITES = frozenset({"حقول", "الحقول", "حقل", "منشات", "المنشات", "منشاه", "مواقع", "المواقع", "قوافل",
                            "القوافل", "مقرات", "المقرات", "ابار", "الابار", "مستودعات", "المستودعات", "الطرق",
                            "طرق", "خطوط", "الحدود", "حدود", "السفارات", "المطار", "مطار", "القاعده", "قاعده",
                            "المنطقه", "المناطق", "منطقه", "مناطق"})


def guards_a_site(text: str, end: int) -> bool:
    """A protection cue whose object is a site (`حماية حقول النفط`), not the people offered it."""
    following = text[end:end + 30].split()
    return bool(following) and word_in(following[0], _GUARDED_SITES)


# --- round 3: incentives named by a verb and its object --------------------------

@dataclass(frozen=True)
class PatternHit:
    """An incentive found by a verb + object pattern; shaped like a lexicon match."""

    start: int
    end: int
    entry: dict


_GAP = r"\s+(?:[^\s،,.]+\s+){0,3}?"
# (pattern on normalised text, incentive, word groups): the verb may stand a few words from
# its object; a text is scanned only when it holds a word of each group
_INCENTIVE_PATTERNS = tuple((re.compile(p), code, needs) for p, code, needs in (
    # `يؤجل المركز سوق من يسوي وضعه`, `تأجيل التحاقهم بالخدمة`: call-up deferred
    (rf"(?<!\w)[وف]?(?P<cue>(?:يوجل|توجل|اجل|اجلت|تاجيل|ارجاء|يرجي|ترجي)\w*{_GAP}(?:سوق|السوق|التحاق|الالتحاق|الخدمه|خدمه)\w*)",
     "conscription_exemption", (("اجل", "يوجل", "توجل", "تاجيل", "ارجاء", "يرجي", "ترجي"), ("سوق", "التحاق", "خدمه"))),
    # `ستلغي طلبات الاحتياط عن …`, `إلغاء سوقهم للاحتياط`: the reserve call-up cancelled
    (rf"(?<!\w)[وف]?(?P<cue>(?:س?[يت]لغي|الغاء|الغت|الغي)\w*{_GAP}(?:ال)?(?:احتياط|سوق)\w*)",
     "conscription_exemption", (("يلغي", "تلغي", "ستلغي", "سيلغي", "الغاء", "الغت", "الغي"), ("احتياط", "سوق"))),
    # `بطاقات تمنع توقيفهم على الحواجز`, `تحول دون اعتقالهم`: kept from arrest
    (r"(?<!\w)[وف]?(?P<cue>(?:تمنع|يمنع|تحول\s+دون|يحول\s+دون|تحميهم\s+من|تحميه\s+من)\s+(?:\S+\s+)?(?:توقيف|اعتقال|احتجاز|ملاحقه)\w*)",
     "security_settlement", (("تمنع", "يمنع", "دون", "تحمي"), ("توقيف", "اعتقال", "احتجاز", "ملاحقه"))),
    # `أُعفي 260 طالباً من الاستدعاء`: spared the call-up (not `أُعفي من منصبه`)
    (rf"(?<!\w)[وف]?(?P<cue>(?:اعفي|اعفت|يعفي|تعفي|سيعفي)\w*{_GAP}من\s+(?:ال)?(?:استدعاء|خدمه|تجنيد|احتياط)\w*)",
     "conscription_exemption", (("اعفي", "اعفت", "يعفي", "تعفي"), ("استدعاء", "خدمه", "تجنيد", "احتياط"))),
    # `بطاقات تسهل مرورهم على الحواجز`
    (r"(?<!\w)[وف]?(?P<cue>(?:تسهل|يسهل|تسهيل)\s+(?:مرور|تنقل|التنقل)\w*)", "security_settlement",
     (("تسهل", "يسهل", "تسهيل"), ("مرور", "تنقل"))),
    # `وجبة يومية مجانية`, `وجبات ساخنة`: meals handed out
    (r"(?<!\w)[وبل]?(?P<cue>(?:ال)?(?:وجبه|وجبات)\s+(?:يوميه|مجانيه|ساخنه|غذاييه|افطار))", "food_aid",
     (("وجبه", "وجبات"),)),
    # `تعتمد في ذلك على المال`, `جندتهم طهران بسلاحي التشيع والمال`: money as the lure
    (r"(?<!\w)[وف]?(?:يعتمد|تعتمد|يعتمدون|بسلاح)\w*\s+(?:[^\s،,.]+\s+){0,5}?(?:علي\s+)?(?P<cue>و?المال)(?!\w)",
     "cash_reward",
     (("يعتمد", "تعتمد", "بسلاح"), ("المال",))),
))


# the words the incentive patterns need (word → itself), for a scan shared with the lexicons
PATTERN_WORDS = {word: word for _, _, needs in _INCENTIVE_PATTERNS for group in needs for word in group}


def _pattern_words_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in PATTERN_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_PATTERN_WORDS_AUTOMATON = _pattern_words_automaton()
_WORD_START = r"(?<!\w)"
_SKIPPING: dict[re.Pattern, re.Pattern] = {}


def _finditer_at_words(pattern: re.Pattern, text: str):
    r"""`pattern.finditer(text)`, faster for a pattern opening with `(?<!\w)`: its twin
    opening with `\W` lets the regex engine skip from delimiter to delimiter (the twin's
    match starts one character early; the resume point itself is tried with `pattern`)."""
    if not pattern.pattern.startswith(_WORD_START):
        yield from pattern.finditer(text)
        return
    twin = _SKIPPING.get(pattern)
    if twin is None:
        twin = _SKIPPING[pattern] = re.compile(r"\W" + pattern.pattern[len(_WORD_START):], pattern.flags)
    position = 0
    while True:
        m = pattern.match(text, position) or twin.search(text, position)
        if m is None or m.end() == position:
            if m is not None:       # an empty match: leave it to finditer's own rules
                yield from (n for n in pattern.finditer(text, position))
            return
        yield m
        position = m.end()


def pattern_incentives(text: str, present: set[str] | None = None) -> list[PatternHit]:
    """Incentives named by a verb and its object a few words apart (`يؤجل المركز سوق …`).
    `present`: the `PATTERN_WORDS` found in `text`, when a shared scan found them already."""
    hits = []
    if present is None:
        present = {word for _, word in _PATTERN_WORDS_AUTOMATON.iter(text)}
    for pattern, code, needs in _INCENTIVE_PATTERNS:
        if not all(present.intersection(group) for group in needs):
            continue
        for m in _finditer_at_words(pattern, text):
            hits.append(PatternHit(m.start("cue"), m.end(), {"incentive": code, "note": "pattern", "cue": m.group("cue")}))
    return hits
