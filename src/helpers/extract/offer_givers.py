"""Who gives an offer: the agent of the verb of giving that governs the cue
(`الأمم المتحدة قدمت … إغاثة طبية`), a backer named after an aid body, the regime for a
settlement with no giver named, and a second giver joined by `و`."""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import re

from helpers.extract.mentions import Mention
from helpers.extract.offer_patterns import _finditer_at_words
from helpers.extract.references import back_nouns, head_noun_referred_to

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext
    from helpers.extract.offer_pay import _Hit

REGIME = "regime"
_SETTLEMENT_WORD = re.compile(r"تسوي|تسوى|سوي")
_CASH_IN_LIEU = re.compile(r"بدل")


def _state_procedure(code: str, cue: str) -> bool:
    """`يواصل مركز التسويات استقبال من يرغبون في تسوية أوضاعهم`: a settlement of status with
    no giver named is the state's own procedure (the regime's), and so is paying cash in lieu of
    service (`يسددوا بدلاً نقدياً عوضاً عن الخدمة الاحتياطية`). A deferral of service is not
    (the SDF defers its own duty service)."""
    return ((code == "security_settlement" and _SETTLEMENT_WORD.search(cue) is not None)
            or (code == "conscription_exemption" and _CASH_IN_LIEU.search(cue) is not None))


# evaders of the army's service, the flag service, the Syrian state or army named in the sentence
_STATE_WORDS = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:متخلف|فار)\w*\s+(?:عن|من)\s+(?:ال)?(?:خدم|جيش)\w*"
                          r"|خدمه\s+العلم|(?<!تنظيم\s)الدوله\s+السوريه|الجيش\s+العربي\s+السوري|القياده\s+العامه\s+للجيش")


# actors who settle no one's status with the regime's army: one named near such a settlement obstructs it
REGIME_OPPONENTS = frozenset({"sdf", "isis", "us_coalition", "turkey"})


def settled_by_the_state(text: str, sentence) -> bool:
    """`لجنتا الاستقطاب … في تسوية أوضاع المتخلفين عن الخدمة الاحتياطية`, `وفق البنود التي أقرتها
    الدولة السورية`: a settlement of army evaders or under the Syrian state's terms is the regime's
    when the actor nearest is one of its opponents (`رغم العراقيل التي تضعها قسد`); an ally that
    offers it to recruits (`عرض تسوية أمنية على المتخلفين`) keeps it."""
    return _STATE_WORDS.search(text, sentence.start, sentence.end) is not None


_AND_ONLY = re.compile(r"(?:\s+(?:ال)?(?:سوري|سوريه|روسي|روسيه|ايراني|ايرانيه|تركي|تركيه))?\s*و\s*")


def _add_coordinated_givers(context: _ReportContext, found: dict, sentence_of: dict, firm: set) -> None:
    """`رواتب ميليشيات النظام السوري وإيران التي لا تتجاوز 25 دولاراً`: an offer whose giver is
    joined by `و` to another actor in its sentence is offered by both (a copy for the second)."""
    text = context.text
    for (code, actor), record in list(found.items()):
        i = sentence_of.get((code, actor))
        if actor is None or i is None:
            continue
        mentions = [m for m in context.actors_in[i] if m.code]
        for first, second in zip(mentions, mentions[1:]):
            if first.code == second.code or actor not in (first.code, second.code) \
                    or not _AND_ONLY.fullmatch(text, first.end, second.start):
                continue
            other = second if first.code == actor else first
            if (code, other.code) in found:
                continue
            found[(code, other.code)] = dataclasses.replace(
                record, id=f"{record.report_id}:i:{code}:{other.code}", actor=other.code,
                actor_text=context.original(other.start, other.end)[2], basis=dict(record.basis))
            if (code, actor) in firm:
                firm.add((code, other.code))


# verbs of giving, offering, promising and paying, whose agent is an incentive's giver
_GIVING = re.compile(r"(?<!\w)[وف]?س?(?:يقدم|تقدم|قدم|يمنح|تمنح|منح|يوزع|توزع|وزع|يعرض|تعرض|عرض|يدفع|تدفع|دفع"
                     r"|يصرف|تصرف|صرف|يتعهد|تتعهد|تعهد|وعد|يومن|تومن|امن|يوفر|توفر|وفر|يخصص|تخصص|خصص"
                     r"|اوصل|يوصل|توصل|سلم|يسلم|سدد|يسدد|تسدد|يتكفل|تتكفل|تكفل"
                     # aid sent: `أرسلت سوريا … شحنة من المساعدات`
                     r"|ارسل|يرسل|ترسل|سير|يسير|تسير"
                     # who recruits for pay offers it: `خطة الحزب بتجنيد الشاب لقاء مبلغ شهري`
                     r"|جند|يجند|تجند|بتجنيد|يستقطب|تستقطب|استقطب)(?:ت|وا|ون|ه|ها|هم)?(?!\w)")
_BARE_SUBJECTS = ("الحزب", "الميليشيا", "المليشيا", "الفصيل", "الشركه", "الفيلق", "اللواء", "الفرقه", "الحرس",
                  "المجموعه", "المجلس")
_GIVER_GAP = 3   # words between the agent and its verb (`الحزب أنه سيمنح`)


def _giver(context: _ReportContext, i: int, sentence, hit: _Hit):
    """The agent of the verb of giving that governs the cue, when an actor or aid body is
    named right before it or right after it: `الأمم المتحدة قدمت … إغاثة طبية`,
    `يعرض الجانب الروسي راتباً`, `المساعدات الروسية` (an adjective of the cue itself)."""
    text = context.text
    mentions = context.actors_in[i] if i is not None else ()
    low = max(sentence.start, hit.start - 150)
    if not mentions and not any(noun in text[low:hit.start] for noun in _BARE_SUBJECTS):
        return None   # the common case: no actor and no bare head noun to give it
    for m in mentions:   # `المساعدات الروسية`: the cue's own adjective
        if m.kind == "adjective" and hit.end <= m.start and not text[hit.end:m.start].strip():
            return m
    verb = None
    for found in _giving_verbs(context, i, sentence):   # the cue may be the verb (`تدفعه`)
        if found.start() >= hit.end:
            break
        if found.start() >= low and not _sends_troops(text, found, hit.start):
            verb = found
    if verb is None:
        return None
    after = [m for m in mentions if verb.end() <= m.start and (m.end <= hit.start or verb.start() >= hit.start)
             and len(text[verb.end():m.start].split()) <= 1 and not _recipient(text, verb.end(), m.start)]
    if after:
        return after[0]
    before = [m for m in mentions if m.end <= verb.start() and len(text[m.end:verb.start()].split()) <= _GIVER_GAP
              and not _COMMA_BETWEEN.search(text, m.end, verb.start())]
    return before[-1] if before else _bare_giver(context, sentence, verb.start())


_SENDING = re.compile(r"[وف]?س?(?:ارسل|يرسل|ترسل|سير|يسير|تسير)(?:ت|وا|ون|ه|ها|هم)?")
_TROOPS = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:مقاتل|عناصر|عنصر|جنود|جندي|قوات|تعزيزات|مسلح|مرتزق|ارتال|رتل)\w*")


def _sends_troops(text: str, verb, cue_start: int) -> bool:
    """`وأرسلت تركيا نحو 600 مقاتل …، في حين أعلنت قسد … مقابل رواتب`: a verb of sending whose
    object is fighters gives nothing (`أرسلت سوريا … شحنة من المساعدات` does)."""
    return (_SENDING.fullmatch(text, verb.start(), verb.end()) is not None
            and _TROOPS.search(text, verb.end(), cue_start) is not None)


# `عفو أصدرته فصائل المعارضة`, `منحة خصصها النظام`: the cue's giver named by a relative verb after it
_ISSUED_BY = re.compile(r"\s+(?:اصدر|اصدرت|منح|منحت|قدم|قدمت|وزع|وزعت|اقر|اقرت|خصص|خصصت|اعلن|اعلنت)(?:ه|ها|هم)"
                        r"\s+(?P<agent>[^\s،,.]+(?:\s+[^\s،,.]+){0,2})")


def issued_by(context: _ReportContext, i: int, hit: _Hit):
    """`ثم يشمله عفو أصدرته فصائل المعارضة بدرعا`: a verb right after the cue, carrying the cue as
    its object pronoun, names the giver: the listed actor it names, else a doer of no code (the
    offer has no listed giver, whoever the report is about)."""
    found = _ISSUED_BY.match(context.text, hit.end)
    if found is None:
        return None
    start, end = found.span("agent")
    for m in context.actors_in[i]:
        if start <= m.start < end:
            return m
    return Mention(start, end, None, kind="doer")


_TO_WORDS = frozenset({"الي", "علي", "لدي", "ل", "لـ"})


def _recipient(text: str, verb_end: int, start: int) -> bool:
    """`التي سُلّمت إلى السلطات السورية`: an actor after `إلى` or `على` is who receives, not who gives."""
    between = text[verb_end:start].split()
    return bool(between) and between[-1].strip("\"'«»“”") in _TO_WORDS


def _giving_verbs(context: _ReportContext, i: int, sentence) -> list:
    """The verbs of giving in sentence `i`, in order (found once per sentence and report)."""
    cache = context.__dict__.setdefault("_giving_verbs", {})
    found = cache.get(i)
    if found is None:
        text = context.text
        found = cache[i] = []
        for m in _finditer_at_words(_GIVING, text[sentence.start:sentence.end]):
            start = m.start() + sentence.start
            found.append(_Span(start + (not text[start].isalpha()), m.end() + sentence.start))  # a twin's match: one early
    return found


def _bare_giver(context: _ReportContext, sentence, verb_start: int):
    """`ويُذكر أن الميليشيا تستغل الفقر … فتعرض على الشبان رواتب`: the verb's subject is a bare
    head noun (`الميليشيا`, `الحزب`): the force named with that noun before."""
    low = max(sentence.start, verb_start - 60)
    nouns = [h for h in back_nouns(context.text, low, verb_start)]
    if not nouns:
        return None
    pos, stop, _ = nouns[-1]
    return head_noun_referred_to(context.text, context.actors, (nouns[-1],), stop, stop, sentence.start,
                                 context.actor_index)


class _Span:
    """A verb's span in the whole text (a match found in a window, shifted)."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int):
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_COMMA_BETWEEN = re.compile(r"[،,.]")
_BACKED = re.compile(r"(?:مقدمه|المقدمه|مقدمات|بتمويل|بدعم|بتبرع|هديه)\s+(?:من\s+)?$")


def _backer(text: str, start: int) -> bool:
    """`سلة غذائية مقدمة من مركز المصالحة الروسي`: the actor at `start` funds the aid a body hands out."""
    return _BACKED.search(text[max(0, start - 24):start]) is not None

