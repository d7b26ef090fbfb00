"""The category of a figure (recruits, salary, reward, aid, casualties, other): the cue
nearest the number decides, within what its unit allows (cues.csv). The rules read
from the clause's frame are in category_frames.py."""
from __future__ import annotations

import re

from helpers.extract.lexicons import Column, Schema, register
from helpers.extract.attribution import _CAPTOR_VERBS, previous_word, word_in
from helpers.extract.basis import CLAUSE, FRAME, REPORT_DEFAULT
from helpers.extract.frames import (
    _gap,
    _Cue, _BATCH_WINDOW, _CLAUSE_BREAK, _clause_words_before, _gap_distance, _span,
)
from helpers.extract.category_frames import (
    benefited_from_a_ruling, deserted_after_enlisting, enlisting_told_as_past, joined_a_settlement, left_a_place,
    monthly_named_before, pay_for_service, returning, described_as_evaders, signing_up, spent_on_things, team_size,
    who_the_people_are,
)
from helpers.extract.lexicons import ACTORS
from helpers.extract.money_frames import budgeted, deducted, paid_to_members
from helpers.extract.money_aid import fee_demanded, names_pay, on_signing, with_allowances, worth_of_aid
from helpers.extract.predicates import force_counted
from helpers.extract.numbers import CATEGORIES

MEASURES = ("stock", "flow", "target")

def _cue_row(row: dict[str, str]) -> str | None:
    if not (row["category"] or row["measure"] or row["scope"]):
        return "a cue needs a category, a measure or a scope"
    return None


register("cues", Schema("cues.csv", "cue", (
    Column("category", required=False, choices=CATEGORIES),
    Column("measure", required=False, choices=MEASURES),
    Column("scope", required=False, choices=("national",)),
    Column("note", required=False),
), _cue_row))

register("actor_adjectives", Schema("actor_adjectives.csv", "adjective", (
    Column("actor", choices=ACTORS),
    Column("note", required=False),
)))


TIME_UNITS = frozenset({"day", "week", "month", "year", "hour", "minute"})
CURRENCIES = frozenset({"usd", "syp", "try", "eur"})
PEOPLE_UNITS = frozenset({"person", ""})
FAMILY_UNITS = frozenset({"family"})
AID_GOODS_UNITS = frozenset({"food_basket", "tonne", "kg"})
_ALLOWED = {
    "people": ("recruits", "casualties", "aid_recipients", "other"),  # other: deserters, returnees (cues.csv)
    "family": ("aid_recipients", "casualties", "recruits", "other"),  # other: returnee families
    "money": ("salary", "reward", "aid_amount", "aid_recipients"),
    "goods": ("aid_amount",),
}
# a killing word beats a nearer "fighters"; "monthly" marks pay as a salary
_CATEGORY_BONUS = {"casualties": 40, "salary": 15, "other": 40}
_INCENTIVE_FIGURE = {
    "cash_salary": "salary", "cash_reward": "reward",
    **{k: "aid_amount" for k in ("food_aid", "clothing", "blankets_heating", "school_supplies",
                                 "medical", "fuel", "aid_unspecified")},
}






_CUE_FIELDS: dict[int, tuple] = {}


def _cue_fields(entry) -> tuple:
    """(category, measure, batch, weak, noun, captive) of a cues.csv entry, worked out once per entry."""
    cached = _CUE_FIELDS.get(id(entry))
    if cached is None or cached[0] is not entry:
        if len(_CUE_FIELDS) > 4096:
            _CUE_FIELDS.clear()
        note = entry["note"]
        cached = _CUE_FIELDS[id(entry)] = (entry, (entry["category"], entry["measure"], note.startswith("batch"),
                                                   note.startswith("weak"), note.startswith("noun"),
                                                   note.startswith("captive")))
    return cached[1]


# `رفض نحو 300 شاب من أبناء المنطقة الانضمام`, `امتنعوا عن الالتحاق`: a refusal before the enlisting word
_REFUSALS = frozenset({"رفض", "رفضوا", "يرفض", "يرفضون", "ترفض", "امتنع", "امتنعوا", "يمتنع", "يمتنعون"})
_REFUSAL_WINDOW = 10  # words


def _refused(text: str, start: int) -> bool:
    """A refusal verb among the few words before the cue at `start`, in its clause."""
    return any(word_in(w, _REFUSALS) for w in _clause_words_before(text, start, 80, _REFUSAL_WINDOW))


# `بلغ سعر ربطة الخبز 1500 ليرة`, `تهريب المطلوبين مقابل مبالغ تتراوح بين 1500 و2000 دولار`
_PRICE_WORDS = frozenset({"سعر", "ثمن", "اسعار", "تهريب", "تهريبهم", "تهريبه", "بدلا", "البدل"})
_PRICE_WINDOW = 8  # words


def _priced(text: str, start: int) -> bool:
    """`سعر ربطة الخبز`: the word before the cue at `start` names a price."""
    return word_in(previous_word(text, start), _PRICE_WORDS)


def _price_or_fee(text: str, start: int) -> bool:
    """A price or a smuggling fee: such a word among the few words before the money, in its clause."""
    low = max(0, start - 90)
    if (text.find("سعر", low, start) < 0 and text.find("ثمن", low, start) < 0
            and text.find("تهريب", low, start) < 0 and text.find("بدل", low, start) < 0):
        return False   # the common case, without slicing
    words = _clause_words_before(text, start, 90, _PRICE_WINDOW)
    return any(word_in(w, _PRICE_WORDS) and not _instead_of(words, i) for i, w in enumerate(words))


def _instead_of(words: list[str], i: int) -> bool:
    """`راتبه 3000 ليرة بدلاً من 2000 ليرة`: `بدلا من` is `instead of`, not a fee paid in lieu."""
    return words[i] == "بدلا" and i + 1 < len(words) and words[i + 1] in ("من", "عن")


# --- category and measure ------------------------------------------------------

def _unit_class(unit: str | None) -> str | None:
    unit = unit or ""
    if unit in TIME_UNITS or unit == "percent":
        return None
    if unit in CURRENCIES:
        return "money"
    if unit in PEOPLE_UNITS:
        return "people"
    if unit in FAMILY_UNITS:
        return "family"
    return "goods"


def categorise(text: str, quantity, cues: list[_Cue], sentence_start: int, sentence_end: int) -> str:
    """The figure's category: the nearest cue among those the unit allows."""
    return categorise_with_basis(text, quantity, cues, sentence_start, sentence_end)[0]


def categorise_with_basis(text: str, quantity, cues: list[_Cue], sentence_start: int,
                          sentence_end: int) -> tuple[str, str]:
    """(category, basis): `frame` when the unit or a cue of the number's clause decides
    (`جندت 150 شاباً`), `clause` for a cue across a comma or a default from the unit,
    `report_default` when nothing decides (`other`)."""
    unit_class = _unit_class(quantity.unit)
    if unit_class is None:
        return "other", FRAME
    allowed = _ALLOWED[unit_class]
    span_start, span_end = _span(quantity)
    if unit_class == "money" and (deducted(text, span_start) or _price_or_fee(text, span_start)
                                  or budgeted(text, span_start, sentence_start) or spent_on_things(text, span_end)):
        return "other", FRAME   # `يقتطع منها الفصيل قرابة 300 دولار`: a deduction, not pay; a price or a fee
    if unit_class == "money" and fee_demanded(text, span_start):
        return "other", FRAME   # `كل متقدم يُطالَب بدفع 25 ألف ليرة`: a fee the recruits pay
    if unit_class == "money" and worth_of_aid(text, span_start):
        return "aid_amount", FRAME   # `منحاً دراسية قيمتها 100 ألف ليرة في الشهر`: what the aid is worth, not pay
    if unit_class != "money" and (_size_of_one(text, span_start) or _household_size(text, span_start)):
        return "other", FRAME   # `تزن الواحدة منها 55 كيلوغراماً`, `لأسرة من خمسة أفراد`
    if unit_class in ("people", "family") and joined_a_settlement(text, span_start, span_end, sentence_start,
                                                                  sentence_end):
        return "other", FRAME   # `انضم نحو 5 آلاف شخص إلى التسوية`: they settled their status, they did not enlist
    settled_or_enlisted = who_the_people_are(text, quantity.end, span_start, span_end, sentence_start, sentence_end,
                                             unit_class)
    if settled_or_enlisted:
        return settled_or_enlisted, FRAME   # `سُوّيت أوضاع 300 شخص` → other, `يدفع بالمئات إلى الفيلق` → recruits
    if unit_class == "people" and _paid_as_members(text, quantity.start):
        return "recruits", FRAME   # `دفع رواتب الآلاف من السوريين العاملين في ميليشياتها`
    if getattr(quantity, "unit_category", None) == "other":
        return "other", FRAME   # `سبع حملات إغاثة`, `ستة مصادر`: the counted noun is no aid and no person of a force
    if unit_class == "people" and team_size(text, span_start, sentence_start):
        return "other", FRAME   # `فريقاً إيرانياً للبحث والإنقاذ يضم 11 شخصاً`
    if unit_class == "people" and returning(text, cues, span_start, sentence_start):
        return "other", FRAME   # `عاد إلى مدينة إعزاز … 240 مقاتلاً من فصيل السلطان مراد`: fighters coming home
    if unit_class == "people" and benefited_from_a_ruling(text, quantity.end, sentence_end):
        return "other", FRAME   # `نحو 130 شاباً استفادوا من هذا القرار`: let off by a decree
    if unit_class == "people" and deserted_after_enlisting(text, cues, sentence_start, sentence_end):
        return "other", FRAME   # `أعلن 55 شاباً انشقاقهم عن قسد، بعدما جُنّدوا قسراً`
    if "other" in allowed and _enlisting(text, cues, span_start, span_end, sentence_start, sentence_end):
        allowed = tuple(c for c in allowed if c != "other")  # `جندت 150 من المنشقين`: recruits
    best, best_score, best_cue = None, None, None
    aid_sentence = None
    for cue in cues:
        if cue.category not in allowed or cue.start < sentence_start or cue.end > sentence_end:
            continue
        if unit_class == "money" and cue.noun:
            continue
        if cue.noun and unit_class == "people" and cue.category in ("aid_recipients", "casualties") \
                and _CLAUSE_BREAK.search(_gap(text, cue, span_start, span_end)):
            continue   # `عدد من سجّلوا أسماءهم تخطّى 3 آلاف شخص، …، مع تعويض لعائلة من يُقتل`: another clause's noun
        if cue.category == "other" and left_a_place(text, cue):
            continue   # `غادر مدينة إدلب ضمن كتيبة من ألف مقاتل`: a journey, not a desertion
        if cue.noun and cue.category == "other" and _verb_in_clause(text, cues, cue, allowed, span_start, span_end):
            continue   # `استفاد منها 140 طالباً`: the verb, not the noun `طالب`, says what they are
        if cue.category == "other" and word_in(previous_word(text, cue.start), _RELATIVES):
            # `قُدّمت لـ 3550 فرداً من العائلات التي عادت`: describes aid recipients
            if aid_sentence is None:
                aid_sentence = _aid_context(cues, sentence_start, sentence_end)
            if aid_sentence:
                continue
        score = _gap_distance(text, cue, span_start, span_end) - _CATEGORY_BONUS.get(cue.category, 0)
        if best_score is None or score < best_score:
            best, best_score, best_cue = cue.category, score, cue
    if best_cue is not None and best_cue.captive and best == "other" and _members_counted(text, quantity.end):
        return "casualties", FRAME   # `اعتقال 5 من أعضاء التنظيم`: captured fighters
    if best_cue is not None and best_cue.captive and best == "other" and _driven_to_service(text, span_end, sentence_end):
        return "recruits", FRAME   # `اعتقلت 47 شاباً …، وساقتهم إلى مراكز التجنيد`: arrested for service
    if best == "other" and described_as_evaders(text, quantity.end) and _captive_before(text, cues, span_start):
        return "recruits", FRAME   # `اعتقلت الحواجز 14 شاباً متخلفين عن الخدمة`: seized evaders, taken for service
    hint = getattr(quantity, "unit_category", None)
    if (best or hint) == "recruits" and _members_counted(text, quantity.end) and (
            _captive_before(text, cues, span_start) or _captor_verb_before(text, span_start)):
        return "casualties", FRAME   # `القبض على 27 عنصراً من خلايا التنظيم`: the seizing verb governs the noun
    if unit_class == "money" and _compensation(text, span_start):
        return "reward", FRAME   # `يحصل المرتزق في حال إصابته على مبلغ قد يصل إلى 35 ألف دولار`
    if best == "reward" and with_allowances(text, best_cue, cues, sentence_start):
        best = "salary"   # `راتباً قد يصل مع التعويضات إلى مليون و300 ألف`: the salary, allowances included
    if best == "reward" and monthly_named_before(text, best_cue.start, best_cue.end):
        best = "salary"   # `تُدفع هذه المنحة البالغة 3800 ليرة` after `المنحة الشهرية`
    if best == "reward" and _contract_pay(text, best_cue, sentence_start, sentence_end):
        best = "salary"   # `تمتد العقود ثلاثة أشهر لقاء مبلغ قدره 3000 دولار`: pay under a contract
    if unit_class == "money" and best in (None, "salary") and _life_event(text, span_start, quantity.end, sentence_end):
        return "reward", FRAME   # `50 ألف ليرة لكل مقاتل عقد قرانه أو رُزق بمولود`: a one-off gift
    if unit_class == "money" and (best in (None, "aid_amount", "aid_recipients") or (
            best == "salary" and not names_pay(text, best_cue))) and on_signing(
            text, quantity.end, sentence_end):
        return "reward", FRAME   # `50 ألف ليرة لكل عنصر عند توقيع العقد`: a one-off sum on joining
    if unit_class == "money" and best in (None, "aid_amount", "aid_recipients") and paid_to_members(text, span_start, quantity.end):
        return "salary", FRAME   # `بواقع 100 دولار لكل عنصر`: pay handed to each member
    if unit_class == "money" and best == "reward" and _generic_sum(text, best_cue) and _salary_named_before(
            text, cues, sentence_start, best_cue.start):
        return "salary", FRAME   # `الرواتب سلمت … بمبلغ يصل إلى 80 ألف ليرة`: the sum is the pay named
    if unit_class == "people" and best is None and signing_up(text, sentence_start, sentence_end):
        return "recruits", CLAUSE   # `قصد مئات الأشخاص منطقة الصايد بهدف التسجيل` (with a security company)
    if unit_class == "people" and best is None and force_counted(text, quantity.start, sentence_start):
        return "recruits", FRAME    # `يبلغ تعداد ميليشيا حرس القرى بأكملها 1500`: a force's size
    if unit_class == "people" and best is None and _wanted_in_sentence(text, cues, sentence_start, span_start):
        return "recruits", CLAUSE   # `حاجة شركة أمنية إلى عدد من الأشخاص، لا يتجاوز 150 شخصاً`
    if unit_class == "money" and best is None and pay_for_service(text, span_start, span_end, sentence_start,
                                                                    sentence_end):
        return "salary", FRAME   # `يحثّون شباناً على التوجه إلى النيجر لقاء 1500 دولار`
    if unit_class == "money" and best is None and _paid_out(text, span_start, quantity.end):
        return "salary", CLAUSE   # `ويُدفع منها 1700 دولار قبل الصعود إلى الطائرة`: pay with no other word
    if best is not None:
        how = CLAUSE if _CLAUSE_BREAK.search(_gap(text, best_cue, span_start, span_end)) else FRAME
        # money handed out as aid is an aid amount, not a recipient count
        return ("aid_amount" if unit_class == "money" and best == "aid_recipients" else best), how
    if hint in allowed:
        return hint, FRAME
    if unit_class == "family":
        return "aid_recipients", CLAUSE
    if unit_class == "goods" and (quantity.unit in AID_GOODS_UNITS or _aid_context(cues, sentence_start, sentence_end)):
        return "aid_amount", CLAUSE
    return "other", REPORT_DEFAULT


_A_NUMBER_OF = re.compile(r"\s+(?:\S+\s+){0,4}?(?:الي\s+)?(?:عدد|اعداد)(?!\w)")


def _wanted_in_sentence(text: str, cues: list[_Cue], sentence_start: int, start: int) -> bool:
    """A need or request for a number of people (`حاجة شركة أمنية إلى عدد محدد من الأشخاص`)
    before people counted with no other word for them: the people wanted by whoever needs them."""
    return any(c.measure == "target" and not c.category and sentence_start <= c.start < start
               and (found := _A_NUMBER_OF.match(text, c.end, start)) is not None
               and not _CLAUSE_BREAK.search(text, c.end, found.end()) for c in cues)


_SUM_NOUNS = ("مبلغ", "مبلغا", "مبالغ")
_CONTRACT = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:عقد|عقود|عقده|عقدا)(?!\w)")


def _contract_pay(text: str, cue: _Cue, sentence_start: int, sentence_end: int) -> bool:
    """A bare sum (`مبلغ`) in a sentence about a contract (`وفق عقد لمدة ثلاثة أشهر`) is
    the contract's pay, a salary; a named reward (`مكافأة`) stays a reward."""
    if text[cue.start:cue.end] not in _SUM_NOUNS:
        return False
    low = max(text.rfind("،", sentence_start, cue.start), text.rfind(",", sentence_start, cue.start), sentence_start)
    high = cue.end
    for _ in range(2):   # its clause and the next (`بمبلغ 55 ألف ليرة، وفق عقد مدني`)
        found = _CLAUSE_BREAK.search(text, high + 1, sentence_end)
        high = found.start() if found else sentence_end
    return _CONTRACT.search(text, low, high) is not None


_RELATIVES = frozenset({"التي", "الذي", "الذين", "اللواتي", "اللاتي"})
# `4 عناصر من الأمن العسكري`, `5 من أعضاء التنظيم`: the counted people are members of a force
_MEMBERS_AFTER = re.compile(r"\s*(?:من\s+)?(?:ال)?(?:عنصر\w*|عناصر|اعضاء|مقاتل\w*|مسلح\w*|جنود|جندي\w*|ضباط|ضابط\w*"
                            r"|افراد|مرتزق\w*|خلايا|حراس|حارس\w*)(?!\w)")


_DRIVEN = re.compile(r"(?<!\w)[وفل]?(?:ساق|اقتاد|اقتياد|سوق|سيق|ارسل|نقل|حول|تقتاد|يقتاد|تسوق|يسوق)\w*(?:هم|وهم)\s+(?:الي|ل)\S*\s+"
                     r"(?:\S+\s+){0,2}?\S*(?:التجنيد|تجنيد|الخدمه|الاحتياط|التدريب|معسكر|معسكرات)(?!\w)"
                     # `اعتقلوا عشرة من الشبان بذريعة الخدمة الإجبارية`: arrested on the pretext of service
                     r"|(?<!\w)(?:بذريعه|بحجه)\s+(?:الخدمه|التجنيد|الاحتياط)(?!\w)"
                     # `اعتقلت عشرات الشبان، ضمن حملتها للتجنيد الإجباري`: arrested in a conscription drive
                     r"|(?<!\w)(?:ضمن|في\s+اطار|خلال)\s+(?:ال)?حمل(?:ه|ات|تها|ته)\S*\s+(?:\S+\s+)?(?:لل|ل)?(?:ال)?تجنيد(?!\w)")


def _driven_to_service(text: str, end: int, sentence_end: int) -> bool:
    """After arrests, a later clause that takes them (`وساقتهم`, `واقتادوهم`) to a
    recruiting office or to service."""
    return _DRIVEN.search(text, end, sentence_end) is not None


def _captive_before(text: str, cues: list[_Cue], start: int) -> bool:
    """A seizing verb (`اعتقل`, `القبض على`) a few words before `start`, in its clause."""
    return any(c.captive and c.end <= start and start - c.end <= _BATCH_WINDOW
               and not _CLAUSE_BREAK.search(text, c.end, start) for c in cues)


def _captor_verb_before(text: str, start: int) -> bool:
    """`أسر خلاله التنظيم 3 جنود`: a capture verb a few words before, in the clause."""
    if text.find("اسر", max(0, start - _BATCH_WINDOW), start) < 0:
        return False   # the common case, without splitting
    words = _CLAUSE_BREAK.split(text[max(0, start - _BATCH_WINDOW):start])[-1].split()
    return any(w in _CAPTOR_VERBS for w in words)


def _members_counted(text: str, end: int) -> bool:
    """Is the noun right after the number one for members of an armed force?"""
    return _MEMBERS_AFTER.match(text, end) is not None


_JOIN_VERB = re.compile(r"\w{0,2}ضمت?")   # `ضم … 120 شاباً من المتخلفين`: took them in


def _enlisting(text: str, cues: list[_Cue], start: int, end: int, sentence_start: int,
               sentence_end: int) -> bool:
    """A verb of enlisting (`انضم`, `جندت`) in the figure's clause: deserters or
    evaders it counts are joining, not leaving."""
    for cue in cues:
        if not (sentence_start <= cue.start and cue.end <= sentence_end):
            continue
        if _into_ranks(text, cue):
            low, high = (cue.end, start) if cue.end <= start else (end, cue.start)
            if high - low <= 40 and not _CLAUSE_BREAK.search(text, low, max(low, high)):
                return True
        if (cue.measure in ("flow", "target")
                and (cue.category == "recruits" or (not cue.category and _JOIN_VERB.fullmatch(text, cue.start, cue.end)))
                and not enlisting_told_as_past(text, cue.start)):
            low, high = (cue.end, start) if cue.end <= start else (end, cue.start)
            if not _CLAUSE_BREAK.search(text, low, max(low, high)):
                return True
    return False




def _into_ranks(text: str, cue: _Cue) -> bool:
    """`ضمّت إلى صفوفها قرابة 30 عنصراً`: ranks joined (`إلى صفوف`), an enlisting whatever the verb."""
    return text.startswith("صفوف", cue.start) and previous_word(text, cue.start) in ("الي", "الى")


def _verb_in_clause(text: str, cues: list[_Cue], noun: _Cue, allowed: tuple, start: int, end: int) -> bool:
    """Another (non-noun) cue of an allowed category in the figure's clause (no comma between)."""
    for cue in cues:
        if cue is noun or cue.noun or cue.category not in allowed:
            continue
        low, high = (cue.end, start) if cue.end <= start else (end, cue.start)
        if high >= low and high - low <= 60 and not _CLAUSE_BREAK.search(text, low, high):
            return True
    return False


def _aid_context(cues: list[_Cue], start: int, end: int) -> bool:
    return any(c.category in ("aid_recipients", "aid_amount") and start <= c.start < end for c in cues)


# --- round 3: the complement of the governing verb -------------------------------

# `التحق بها 75 طالباً` (a course), `الملتحقين بتلك الدورات`: joining a course or a school is not enlisting
_COURSE_NOUNS = r"(?:ال)?(?:دوره|دورات|مدرسه|مدارس|معهد|جامعه|جامعات|كليه|حلقه|حلقات|مخيم صيفي)"
_JOINS_COURSE = re.compile(rf"\s+ب(?:(?:تلك|هذه|هذا|ذلك)\s+)?{_COURSE_NOUNS}(?!\w)")
_JOINS_PRONOUN = re.compile(r"\s+(?:بها|به|بهما|اليها|اليه)(?!\w)")
_COURSE_BEFORE = re.compile(rf"(?<!\w){_COURSE_NOUNS}(?!\w)")
_COURSE_WINDOW = 80


_JOINS_SETTLEMENT = re.compile(r"\s+(?:الي|في)\s+(?:ال)?(?:تسويه|تسويات)(?!\w)")


def joins_a_course(text: str, end: int) -> bool:
    """Does the enlisting word ending at `end` join a course or a school (`التحق بالدورة`,
    `التحق بها` after `دورة جديدة`), or a settlement (`انضموا إلى التسوية`: they settled
    their status, they did not enlist), rather than a force?"""
    if _JOINS_COURSE.match(text, end) or _JOINS_SETTLEMENT.match(text, end):
        return True
    if _JOINS_PRONOUN.match(text, end):
        line_start = text.rfind("\n", 0, end) + 1
        low = max(line_start, end - _COURSE_WINDOW)
        return _COURSE_BEFORE.search(text, low, end) is not None
    return False


_GENERIC_SUMS = frozenset({"مبلغ", "مبلغا", "بمبلغ", "المبلغ"})


def _generic_sum(text: str, cue: _Cue) -> bool:
    """`مبلغ`: a sum of no stated kind."""
    return word_in(text[cue.start:cue.end], _GENERIC_SUMS)


_SUM_OF_MONEY = re.compile(r"(?<!\w)(?:دولار|ليره|ليرات|يورو)|\$")


def _salary_named_before(text: str, cues: list[_Cue], start: int, sum_start: int) -> bool:
    """A word of pay (`الرواتب`, `العقود`) earlier in the sentence, and no other sum of money
    before `sum_start` (`عقوداً مقابل 1000 دولار شهرياً، إضافة إلى مبلغ 500 دولار`: a second sum;
    `الرواتب الشهرية بالدولار` names a currency, not a sum)."""
    return (_SUM_OF_MONEY.search(text, start, sum_start) is None
            and any(c.category == "salary" and start <= c.start and c.end <= sum_start for c in cues))


_LIFE_EVENT = re.compile(r"(?<!\w)[وفل]?(?:عقد\s+قران|عقد\s+قرانه|تزوج|زواج|زفاف|رزق\s+بمولود|مولود\s+جديد|ولاده)\w*")


def _life_event(text: str, start: int, end: int, sentence_end: int) -> bool:
    """`وزّع 50 ألف ليرة لكل مقاتل عقد قرانه أو رُزق بمولود`, `منحة زواج قيمتها مليونا ليرة`:
    money for a wedding or a birth (named within a few words of it) is a one-off reward."""
    return (_LIFE_EVENT.search(text, end, min(sentence_end, end + 90)) is not None
            or _LIFE_EVENT.search(text, max(0, start - 40), start) is not None)


# compensation for injury or death is a one-off `reward` (annotation conventions, round 10)
_HARM = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:اصابه\w*|اصابت\w*|مقتل\w*|وفاه\w*|وفات\w*|استشهاد\w*|تعويض\w*)(?!\w)")


def _compensation(text: str, start: int) -> bool:
    """`في حال إصابته على مبلغ … 35 ألف دولار`, `تعويضاً مالياً يصل لـ 15 مليون`: injury, death or
    compensation among the words before the money, in its clause, or a death named just after it."""
    low = max(0, start - 70)
    if _DEATH_AFTER.match(text, start):
        return True
    if not any(text.find(w, low, start) >= 0 for w in ("اصاب", "مقتل", "وفا", "استشهاد", "تعويض")):
        return False   # the common case
    words = _clause_words_before(text, start, 70, 8)
    for i, word in enumerate(words):
        if _HARM.fullmatch(word):
            # `راتباً قد يصل مع التعويضات إلى مليون`: a salary with its allowances stays a salary
            return not (i and words[i - 1] == "مع" and any(_SALARY_NOUN.fullmatch(w) for w in words[:i]))
    return False


_SALARY_NOUN = re.compile(r"[وبل]?(?:ال)?(?:راتب|رواتب|مرتب|مرتبات)\w*")


# `تتقاضى عائلته 60 ألف دولار إذا فقد حياته`: paid on a death named after the money
_DEATH_AFTER = re.compile(r"[^،,.؛\n]{0,40}?(?<!\w)(?:اذا|ان|في حال|حال|عند)\s+(?:فقد حياته|قتل|مقتله|وفاته|استشهاده|اصابته)(?!\w)")


_PAYING = frozenset({"يدفع", "تدفع", "دفع", "دفعت", "يصرف", "تصرف", "صرف", "صرفت", "يسلم", "تسلم", "سلم", "سلمت",
                     # `على أن يتسلم المرتزق 400 دولار`: received by the recruit
                     "يتسلم", "يتسلمون", "يستلم", "يستلمون", "استلم", "يقبض", "يقبضون", "قبض"})


_PAID_AFTER = re.compile(r"\s*\S+(?:\s+(?:امريكي|اميركي|سوريه|تركيه))?\s+(?:يدفع|تدفع|تصرف|يصرف)(?:ها|ه)?(?!\w)")


def _paid_out(text: str, start: int, end: int) -> bool:
    """`ويُدفع منها 1700 دولار`, `يحصل على 1400 دولار أميركي تُدفع في مكانين`: a verb of paying
    among the three words before the money, in its clause, or right after its currency."""
    after = text[end:end + 30]
    if "ثمن" in after or "سعر" in after or "شراء" in after:
        return False   # `دفع التاجر 900 دولار ثمن سيارة`: a price
    return (any(word_in(w, _PAYING) for w in _clause_words_before(text, start, 40, 3))
            or _PAID_AFTER.match(text, end) is not None)


# `تتسع الواحدة منها لـ 5 ليترات`, `تزن الواحدة منها 55 كيلوغراماً`: the size of one item, not aid given
_ONE_OF_THEM = re.compile(r"(?<!\w)(?:الواحده|الواحد|كل\s+واحده?)\s+منها(?:\s+\S+)?\s+(?:ل|ب)?(?:ـ\s*)?$")


def _size_of_one(text: str, start: int) -> bool:
    """`الواحدة منها` right before the number: the measure of one item."""
    before = text[max(0, start - 40):start]
    return "منها" in before and _ONE_OF_THEM.search(before) is not None


# `المعيل لأسرة من خمسة أفراد`: the size of a household
_HOUSEHOLD_OF = re.compile(r"(?<!\w)[لو]?(?:ال)?(?:اسره|عائله)\s+(?:مكونه\s+|تتالف\s+)?من\s+$")


def _household_size(text: str, start: int) -> bool:
    """`لأسرة من خمسة أفراد`: a household's size, not people counted."""
    return _HOUSEHOLD_OF.search(text, max(0, start - 30), start) is not None


# `دفع رواتب الآلاف من السوريين`: the people whose pay is paid serve the payer
def _paid_as_members(text: str, start: int) -> bool:
    """Pay written right before the people counted (`رواتب الآلاف`, `رواتب 86 ألف مسلح`)."""
    return _PAY_BEFORE.search(text, max(0, start - 12), start) is not None


_PAY_BEFORE = re.compile(r"(?<!\w)[ول]?(?:ال)?(?:رواتب|راتب)\s+(?:ال)?$")
