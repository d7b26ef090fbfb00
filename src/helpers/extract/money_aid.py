"""Money and aid counts read from their wording: carriers of aid counted, fees the recruits
pay, what aid in kind is worth, sums paid on signing, allowances added to a salary.
`categories.categorise_with_basis` and `figures` call them in their order."""
from __future__ import annotations

import re

from helpers.extract.attribution import previous_word, word_in
from helpers.extract.frames import _Cue, _clause_words_before


# `ثلاث شحنات جوية`, `58 طائرة`, `10 شاحنات`: carriers counted (planes, shipments, trucks, convoys, ships)
_CARRIER_NOUN = re.compile(r"[وبل]?(?:ال)?(?:طاير|شاحن|شحن|قافل|قوافل|سفين|سفن|باخر|بواخر)\w*")
_AID_WORDS = re.compile(r"(?<!\w)[وبل]?(?:ال|لل)?(?:مساعدات|معونات|معونه|اغاثه|اغاثيه|الاغاثيه|الاغاثه)(?!\w)"
                        r"(?!\s+(?:ال)?عسكريه)")   # not `مساعدات عسكرية`: arms for a force


def carried_aid(text: str, noun: str | None, spans: list[tuple[int, int]]) -> bool:
    """`وسبق ذلك إرسال ثلاث شحنات جوية إيرانية إلى دمشق` under a title or in a paragraph about aid
    (`spans`): the carriers counted are an amount of aid."""
    return (noun is not None and _CARRIER_NOUN.fullmatch(noun.split()[0]) is not None
            and any(_AID_WORDS.search(text, low, high) for low, high in spans))


# `منحاً دراسية قيمتها`, `سلال غذائية بقيمة`, `قسائم شرائية تبلغ قيمتها`: the worth of aid in kind
_WORTH_OF_AID = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:منح\w*\s+(?:ال)?دراسي\w*|سلال\w*|سلل\w*|سله\w*|قسايم\w*|قسيمه\w*"
                           r"|حصص\w*|مساعدات\s+(?:ال)?(?:غذاييه|عينيه|انسانيه))(?:\s+\S+){0,2}?\s+"
                           r"(?:(?:تبلغ|بلغت|تصل)\s+)?(?:قيمتها|قيمته|قيمه|بقيمه|قيمتهما)\s+(?:\S+\s+)?$")


# `يُطالَب بدفع`, `فرض على المنتسبين`, `يُلزم بدفع`: money laid on the recruits to pay
_DEMANDING = frozenset({"يطالب", "يطالبون", "تطالب", "مطالب", "مطالبين", "يلزم", "يلزمون", "تلزم", "الزام", "الزامهم",
                        "فرض", "فرضت", "يفرض", "تفرض", "اجبار", "يجبر", "تجبر", "يتوجب", "يترتب"})
_FEE_WORDS = frozenset({"رسوم", "رسما", "الرسوم", "كرسوم"})


def fee_demanded(text: str, start: int) -> bool:
    """`وأضاف أن كل متقدم يُطالَب بدفع 25 ألف ليرة`, `فرض على المنتسبين 100 دولار`: a sum the
    people must pay (a word of demand or fees among the few words before it, in its clause) is
    no pay and no reward."""
    words = _clause_words_before(text, start, 60, 5)
    return any(word_in(w, _DEMANDING) or word_in(w, _FEE_WORDS) for w in words)


def worth_of_aid(text: str, start: int) -> bool:
    """`يرصد المركز لطلاب الشهادة منحاً دراسية قيمتها 100 ألف ليرة`: the money before is what
    a scholarship or aid in kind is worth (an aid amount), not a wage or a reward."""
    low = max(0, start - 70)
    if text.find("قيم", low, start) < 0:
        return False   # the common case, without the pattern
    return _WORTH_OF_AID.search(text, low, start) is not None


_NAMED_PAY = re.compile(r"راتب|رواتب|مرتب|شهري|اجر|اجور")


def names_pay(text: str, cue: _Cue) -> bool:
    """`راتب شهري`: a salary cue that names pay itself, not a contract (`العقد`)."""
    return _NAMED_PAY.search(text, cue.start, cue.end) is not None


_ON_SIGNING = re.compile(r"[^،,.؛\n]{0,40}?(?<!\w)(?:عند|لدي|فور|بمجرد)\s+(?:ال)?(?:توقيع|التوقيع|انتساب|الانتساب|التحاق"
                         r"|الالتحاق|تطوع|التطوع)\w*")


def on_signing(text: str, end: int, sentence_end: int) -> bool:
    """`تدفع الميليشيا 50 ألف ليرة لكل عنصر عند توقيع العقد`: a sum paid on signing or joining
    (named within a few words after it, in its clause) is a one-off reward."""
    return _ON_SIGNING.match(text, end, sentence_end) is not None


def with_allowances(text: str, cue: _Cue, cues: list[_Cue], sentence_start: int) -> bool:
    """`راتباً قد يصل مع التعويضات`: allowances (`مع` + a reward word) added to a salary named
    before them in the sentence are part of that salary."""
    return (previous_word(text, cue.start) == "مع"
            and any(c.category == "salary" and sentence_start <= c.start and c.end <= cue.start for c in cues))


# `الدولار الأمريكي الواحد يعادل 13750`, `سعر صرف الدولار 13 ألفاً`: a bare number after the dollar's rate
_RATE_BEFORE = re.compile(r"(?:(?<!\w)(?:ال)?(?:دولار|يورو)\w*(?:\s+(?:ال)?(?:امريكي|اميركي))?(?:\s+(?:ال)?واحد)?"
                          r"\s+(?:يعادل|يساوي|يقابل|مقابل|=)|(?<!\w)سعر\s+(?:صرف\s+)?(?:ال)?(?:دولار|يورو)\w*"
                          r"(?:\s+(?:ال)?(?:امريكي|اميركي))?(?:\s+\S+){0,3}?(?:\s+(?:الي|نحو|حوالي|بلغ|يبلغ))?)\s*(?:ال)?$")


def exchange_rate(text: str, start: int) -> bool:
    """`الدولار الأمريكي الواحد يعادل 13750 وفق موقع الليرة اليوم`: a bare number given as the
    dollar's rate is Syrian pounds, and no pay."""
    low = max(0, start - 60)
    if text.find("دولار", low, start) < 0 and text.find("يورو", low, start) < 0:
        return False   # the common case
    return _RATE_BEFORE.search(text, low, start) is not None
