"""Actor of aid and incentives: the giver named after a verb of giving
(`سلال غذائية قدمها الحلفاء الروس`), the listed actor an NGO hands out for (`مقدمة من`),
and an NGO's funder, who gives way to the NGO (`بتمويل من`)."""
from __future__ import annotations

import re

from helpers.extract.mentions import NGO, Mention
from helpers.extract.words import _word_start, word_in


# Words before an actor named after an incentive that make it the giver
# (`مساعدات مقدمة من القوات الروسية`, `سلال وزعتها القوات الروسية`).
_GIVER_WORDS = frozenset({"من", "قبل", "مقدمه", "المقدمه", "قدمها", "قدمتها", "وزعها", "وزعتها", "تقدمها",
                          "يقدمها", "توزعها", "يوزعها", "منحتها", "منحها", "اطلقتها", "اطلقها",
                          "نفقه"})   # `يتلقون العلاج على نفقة الحرس`: the payer gives it


# `مقدمة من مركز المصالحة الروسي`: words before `من` that name the giver behind a distributor
_ON_BEHALF_WORDS = frozenset({"مقدمه", "المقدمه", "مقدمات", "المقدمات", "مرسله", "المرسله", "مهداه", "المهداه"})


_FUNDED_BY = re.compile(r"(?:بتمويل|بدعم|تمويل|دعم|ممول\w*|الممول\w*)\s+(?:\w+\s+)?من\s+$")


def funder(text: str, mention: Mention) -> bool:
    """`بتمويل من الحكومة التركية`: the actor pays for the work of another."""
    start, end = max(0, mention.start - 30), _word_start(text, mention.start)
    window = text[start:end]
    if "تمويل" not in window and "دعم" not in window and "ممول" not in window:
        return False                     # the common case, without the regex
    return _FUNDED_BY.search(text, start, end) is not None


def _funded_ngo(text: str, mentions: list[Mention], chosen: Mention) -> Mention:
    """The funder of an NGO named before it (`جمعية خيرية، بتمويل من تركيا`) is not
    the giver: the NGO is (actor null)."""
    if chosen.kind != NGO and funder(text, chosen):
        ngo = [m for m in mentions if m.kind == NGO and m.end <= chosen.start]
        if ngo:
            return ngo[-1]
    return chosen


def _on_behalf(text: str, mentions: list[Mention], chosen: Mention, end: int, clause_end: int) -> Mention:
    """An NGO distributing aid `مقدمة من` a listed actor gives way to that actor;
    an NGO's funder gives way to the NGO."""
    if chosen.kind != NGO:
        return _funded_ngo(text, mentions, chosen)
    for m in mentions:
        if m.start >= end and m.end <= clause_end and m.code:
            words = text[max(0, m.start - 30):_word_start(text, m.start)].split()[-2:]
            if len(words) == 2 and words[1] in ("من", "قبل") and word_in(words[0], _ON_BEHALF_WORDS):
                return m
    return chosen


# `سلال غذائية قدمها الحلفاء الروس`: a verb of giving with the thing given as its object pronoun
_GIVEN_BY = re.compile(r"\s*(?:[^\s،,.]+\s+){0,3}?[وف]?(?:قدم|قدمت|وزع|وزعت|ارسل|ارسلت|منح|منحت|اهدي|اهدت|تبرع|تبرعت"
                       r"|يقدم|تقدم|يوزع|توزع)(?:ها|ه|هما|هم)\s")
_GIVER_GAP = 40


def _giver_named_after(text: str, mentions: list[Mention], end: int, clause_end: int) -> Mention | None:
    """`تسلمت الكنيسة 5 أطنان من الطحين قدّمتها جمعية خيرية`: the agent of a verb of
    giving whose object is the thing just counted or named is its giver, whoever is
    named before (a receiver, a speaker)."""
    found = _GIVEN_BY.match(text, end, clause_end)
    if found is None:
        return None
    for m in mentions:
        if m.start >= found.end() and m.end <= clause_end:
            return m if m.start - found.end() <= _GIVER_GAP else None
    return None
