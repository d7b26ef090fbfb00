"""Actor, step 3: the actor of one figure or incentive from its own sentence
(`choose_actor`): the owner after a figure, the ranks joined, the nearest actor in
its clause, a giver after it, or the nearest in an earlier clause."""
from __future__ import annotations

import re

from helpers.extract.actor_givers import _GIVER_WORDS, _funded_ngo, _giver_named_after, _on_behalf, funder
from helpers.extract.actor_settings import _SETTING_WORDS, compared_with, delivered_to, is_setting
from helpers.extract.mentions import NGO, Mention
from helpers.extract.words import _clause_bounds, _word_start, previous_word, word_in


_AFTER_WINDOW = 40


# `من خلية تابعة لـ`; `86 ألف مسلح ضمن ميليشيا الدفاع الوطني`, `30 قتيلاً في صفوف قوات النظام`
_OWNER_GAP = re.compile(r"\s*(?:\w+\s+){0,2}(?:من|ضمن|(?:في|ضمن)\s+صفوف)\s+(?:\w+\s+)?"
                        r"(?:(?:\w+\s+)?(?:ال)?تابع\w*\s+)?[\"«“]?$")


def _owner_after(text: str, mentions: list[Mention], end: int) -> Mention | None:
    """`7 عناصر من فصيل السلطان مراد`, `12 عنصرا من قوات النظام`: the actor the
    counted people belong to, right after the figure."""
    for m in mentions:
        if m.start >= end:
            if m.start - end <= 30 and _OWNER_GAP.fullmatch(text, end, _word_start(text, m.start)):
                return m
            return None
    return None


def _ranks_joined(text: str, mentions: list[Mention], end: int, clause_end: int) -> Mention | None:
    """`85 عنصراً من الدفاع الوطني انتقلوا إلى صفوف الحرس الثوري`: the force whose ranks
    the counted people join (after the figure, same clause) beats the one they come from."""
    if text.find("صفوف", end, clause_end) < 0:
        return None
    for m in mentions:
        if end <= m.start and m.end <= clause_end:
            words = text[max(0, m.start - 20):_word_start(text, m.start)].split()[-2:]
            if len(words) == 2 and words[1] == "صفوف" and words[0] in ("الي", "والي"):
                return m
    return None


_INTO_GAP = re.compile(r"\s*(?:[^\s،,.]+\s+)?(?:الي|والي)\s+[\"«“]?")


def pushed_into(text: str, mentions: list[Mention], end: int) -> Mention | None:
    """`النظام يدفع بالمئات إلى الفيلق الخامس`, `ضمّ 300 شاب إلى الفيلق`: a force (not a state)
    named right after the figure and `إلى` is the one the counted people join; it beats the
    subject that sends them."""
    for m in mentions:
        if m.start >= end:
            if m.kind in ("force", "proxy") and _INTO_GAP.fullmatch(text, end, m.start):
                return m
            return None
    return None


_CAPTOR_VERBS = frozenset({"اسر", "واسر", "اسرت", "واسرت", "اسروا", "واسروا"})


def _captor(text: str, mention: Mention) -> bool:
    """Is `mention` the subject of a capture verb (`أسر خلاله التنظيم`, `أسرت قسد`)?"""
    start = _word_start(text, mention.start)
    return any(w in _CAPTOR_VERBS for w in text[max(0, start - 20):start].split()[-2:])


def choose_actor(text: str, mentions: list[Mention], start: int, end: int, sentence_start: int,
                 sentence_end: int, incentive: bool = False,
                 settings: frozenset | None = None) -> Mention | None:
    """The actor of evidence [start, end) from its own sentence, or None.

    0. for a figure, the owner named right after it (`7 عناصر من الحمزات`);
    1. the nearest mention before it in its clause that is not a setting;
    2. else the first after it in its clause, close by (for an incentive only
       when named as the giver: `وزعتها القوات الروسية`);
    3. else the nearest mention in an earlier clause of the sentence that is
       not a setting (`على حواجز الأمن العسكري`).
    """
    clause_start, clause_end = _clause_bounds(text, start, end, sentence_start, sentence_end)
    if settings is None:
        settings = frozenset(m.start for m in mentions if is_setting(text, m))
    in_sentence = [m for m in mentions if m.start >= sentence_start and m.end <= sentence_end]
    if not incentive:
        ranks = _ranks_joined(text, in_sentence, end, clause_end) or pushed_into(text, in_sentence, end)
        if ranks is not None:
            return ranks
        owner = _owner_after(text, in_sentence, end)
        if owner is not None and not funder(text, owner):   # `600 سلة بدعم من مركز المصالحة`: a backer
            return owner
    giver = _giver_named_after(text, in_sentence, end, clause_end)
    if giver is not None:
        return giver
    before = [m for m in in_sentence if m.end <= start]
    own = [m for m in before if m.start >= clause_start and m.start not in settings]
    if own and not incentive and _captor(text, own[-1]):
        victims = [m for m in before if m.start not in settings and m.code != own[-1].code]
        if victims:   # `أسر خلاله التنظيم 3 جنود` after `موقع لقوات النظام`: the captives' force
            return victims[-1]
    if own:
        return _on_behalf(text, in_sentence, _head_of_pair(text, own), end, clause_end)
    for m in in_sentence:
        if m.start >= end and m.end <= clause_end and m.start - end <= _AFTER_WINDOW:
            word = previous_word(text, m.start)
            # an incentive's giver: `وزعتها القوات الروسية`, or an aid body right after it (`مساعدات الهلال الأحمر`)
            giver = word_in(word, _GIVER_WORDS) or (m.kind == NGO and not text[end:_word_start(text, m.start)].strip())
            if giver if incentive else not (word_in(word, _SETTING_WORDS - {"في"}) or compared_with(text, m)
                                            or delivered_to(text, m)):
                return m
            break
    earlier = [m for m in before if m.start not in settings]
    return _funded_ngo(text, in_sentence, _head_of_pair(text, earlier)) if earlier else None


def _head_of_pair(text: str, own: list[Mention]) -> Mention:
    """`ما تمنحه ميليشيات النظام السوري وإيران، والذي لا يتعدى 25 دولاراً`: of two actors
    joined by `و` the first heads the pair."""
    last = own[-1]
    if len(own) >= 2 and _PAIRED.fullmatch(text, own[-2].end, last.start):
        return own[-2]
    return last


_PAIRED = re.compile(r"\s*(?:ال\w+\s+)?و\s*")   # `ميليشيات النظام السوري وإيران`: an adjective may close the first
