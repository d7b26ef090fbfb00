"""What is not an offer: a cue word that names a status described, a duty laid on people,
a penalty threatened, something taken away, a nationality held, a guard's job or a force's task,
a force's name, a place's name, an official's portfolio, goods priced or short, a deal between
parties, arms for a force, a manner, or a figure of speech (`ممن أجروا تسوية`, `وإلا تعرّض للملاحقة`,
`من حملة الجنسية السورية`, `قوات الحماية الذاتية`, `بلدة «الكسوة»`, `معاون الوزير للصحة والعلاج`,
`أسعار الخبز`, `التسوية السياسية`, `مساعدات عسكرية`, `تفتيش دقيق`)."""
from __future__ import annotations

import re

import ahocorasick

from helpers.extract.attribution import previous_word, word_in
from helpers.extract.frames import _clause_words_before

# `اتفاق التسوية`, `مناطق التسوية`: a name for a deal or a zone, not an offer
_NOT_OFFER_BEFORE = frozenset({"اتفاق", "اتفاقات", "اتفاقيات", "اتفاقيه", "مناطق", "منطقه", "لجنه", "لجان",
                               # `من حملة الجنسية السورية`: a nationality held, not citizenship offered
                               "حمله", "حاملي", "حاملو", "يحملون",
                               # `مقاتلي التسويات`, `بنود التسوية`, `ممن أجروا تسوية`: a status described
                               "مقاتلي", "عناصر", "بنود", "اجروا", "اجري", "اجرت", "قاموا", "خضعوا", "خضع",
                               # `شركة الصياد للحراسة والحماية`: a company's trade
                               "الحراسه", "للحراسه", "لخدمات",
                               # `جمعية مساعدات القوميات`: a body's name, not aid given
                               "جمعيه", "موسسه", "منظمه", "هييه", "برنامج"})


_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"})
_HOLDERS = frozenset({"حمله", "حاملي", "حاملو", "حامل", "يحمل", "تحمل", "يحملون", "يحملان", "بجنسيه"})
_OFFER_WORDS = frozenset({"منح", "يمنح", "تمنح", "بمنح", "منحهم", "منحه", "سيمنح", "الحصول", "حصول", "يحصل",
                          "يحصلون", "وعود", "وعد", "وعدهم", "يعد", "تعد", "اعطاء", "اعطاءهم", "تجنيس", "تقديم",
                          "يقدم", "تقدم", "قدم", "توزيع", "وزع", "وزعت", "يوزع", "توزع", "مزايا", "امتيازات",
                          "تامين", "تامين", "مخصصات", "تكفل", "يكفل", "مقابل", "لقاء", "تعهد", "تعهدت",
                          "يتقاضي", "يتقاضون", "عروض", "اغراءات", "تسليم", "سلم", "سلمت", "تشمل", "شملت",
                          # `ستتحمل نفقات اللباس والطعام`: costs borne for them
                          "يتحمل", "تتحمل", "سيتحمل", "ستتحمل", "نفقات", "تكاليف"})
_DEMANDS = frozenset({"يطالب", "تطالب", "يطالبهم", "طالبت", "مطالبه", "يلزم", "تلزم", "الزام", "الزامهم",
                      "اجبار", "يجبر", "تجبر", "مطالبين",
                      "حملهم"})   # `أخفقت في حملهم على التسوية`: pushed to it, not offered it
_WITHDRAWN = frozenset({"الغت", "الغي", "الغاء", "اوقفت", "اوقف", "ايقاف", "قطع", "قطعت", "اقتطاع", "اقتطعت",
                        "خصم", "خصمت", "حسم", "حرمان", "حرمت", "حرم", "سحب", "سحبت",
                        "يقتطع", "تقتطع", "اقتطع", "يخصم", "تخصم", "يحسم", "تحسم", "يستقطع", "تستقطع"})
_GUARD_WORDS = ("حراسه", "الحراسه", "للحراسه", "بحراسه")
_SERVICE_PAPERS = frozenset({"الخدمه", "خدمه", "العسكريه", "عسكريه", "التجنيد"})


def _word_start(text: str, start: int) -> int:
    """Where the word holding `start` begins (its clitics and article included: `والمكافأة`)."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _words_before(text: str, start: int, most: int) -> list[str]:
    """The last `most` words before `start` in its clause, clitics kept."""
    return _clause_words_before(text, start, 70, most)


def _not_an_offer(text: str, hit, clauses: list[tuple[int, int]]) -> bool:
    """A cue that names no offer: one of the rules below."""
    code, note = hit.entry["incentive"], hit.entry["note"]
    if note == "pattern":
        return False
    if code == "protection" and (any(a <= hit.start < b for a, b in clauses) or _protection_not_offered(text, hit)):
        return True
    if note.startswith("offer") and not _offered(text, hit.start):
        return True
    if (code == "fuel" and _fuel_for_war(text, hit.end)) or (code == "food_aid" and (
            _exact_adjective(text, hit) or _manner_adjective(text, hit))):
        return True
    if _place_named(text, hit.start) or _portfolio(text, hit.start):
        return True
    if code in _GOODS_CODES and _priced_or_short(text, hit.start):
        return True
    if _not_for_people(text, hit, code):
        return True
    if note.startswith(("money", "generic")) and word_in(previous_word(text, hit.start), _DEMONSTRATIVES):
        return True    # `الفارق بين هذا المبلغ …`, `هذه المساعدات تعبر عن …`: named before
    triggers = _TRIGGERS.get(code, _TRIGGERS[None])
    # the window sliced: Automaton.iter(text, start, end) costs the length of the whole text
    if triggers is not None and next(triggers.iter(text[max(0, hit.start - 84):hit.start]), None) is None:
        return False    # the common case: no word of the rules below just before the cue
    before = _words_before(text, _word_start(text, hit.start), 10)
    return (_nationality_described(text, hit, code, before) or _demanded(before) or _withdrawn(before)
            or _threatened(code, before, text, hit.start) or _status_described(code, before) or _guard_job(code, before[-5:]) or _service_papers(text, hit, code)
            or _assessor(code, before))


# `شباب ديرالزور وقود لحملات التجنيد`, `وقوداً للحرب`: young men as the fuel of a war
_FUEL_FOR = re.compile(r"\s+(?:ل|لل)(?:حمل|حرب|حروب|معارك|معرك|صراع|جبه|نزاع|مشروع|اطماع|مخطط)\w*")


def _fuel_for_war(text: str, end: int) -> bool:
    """`شباب ديرالزور وقود لحملات التجنيد`: fuel for a war or a campaign is a figure of speech."""
    return _FUEL_FOR.match(text, end) is not None


# `التسوية السياسية`, `تسوية النزاع`: a settlement between states or parties; `مساعدات عسكرية`:
# arms for a force; neither is offered to people
_NOT_FOR_PEOPLE_AFTER = {
    "security_settlement": frozenset({"السياسيه", "سياسيه", "النزاع", "نزاع", "الازمه", "ازمه", "الصراع", "الخلاف",
                                      "الخلافات", "سلميه", "شامله", "اقليميه", "الحرب"}),
    "aid_unspecified": frozenset({"عسكريه", "العسكريه", "تسليحيه", "لوجستيه", "اللوجستيه"}),
}


def _not_for_people(text: str, hit, code: str) -> bool:
    """`دعمها للتسوية السياسية في سوريا`, `تقدم واشنطن مساعدات عسكرية لقسد`: the word after the
    cue makes it a deal between parties or arms for a force, not something offered to people."""
    words = _NOT_FOR_PEOPLE_AFTER.get(code)
    if words is None:
        return False
    following = text[hit.end:hit.end + 20].split()
    return bool(following) and following[0].strip(_QUOTES) in words


_GOODS_CODES = frozenset({"food_aid", "fuel", "medical", "clothing", "blankets_heating"})
# `ارتفاع أسعار الخبز`, `أزمة المازوت`, `شح الأدوية`, `بيع المحروقات`: goods priced, short or sold
_PRICE_OR_SHORTAGE = frozenset({"سعر", "اسعار", "ثمن", "اثمان", "تكلفه", "كلفه", "غلاء", "نقص", "شح", "فقدان",
                                "انقطاع", "ازمه", "ازمات", "طوابير", "طابور", "بيع", "يبيع", "تبيع", "يبيعون",
                                "شراء", "يشتري", "تهريب", "احتكار", "ندره"})


_PRICE_GATE = re.compile(r"سعر|اسعار|ثمن|كلف|غلاء|نقص|شح|فقدان|انقطاع|ازم|طواب|طابور|بيع|شراء|يشتري|تهريب|احتكار|ندره")


def _priced_or_short(text: str, start: int) -> bool:
    """`رفع النظام أسعار الخبز`, `أزمة المازوت`, `سعر ربطة الخبز`: goods named by their price, their
    shortage or their sale (one of the two words before) are no offer."""
    if _PRICE_GATE.search(text, max(0, start - 30), start) is None:
        return False   # the common case
    return any(word_in(w, _PRICE_OR_SHORTAGE) for w in _clause_words_before(text, _word_start(text, start), 30, 2))


_MEASURED_NOUNS = frozenset({"حجم", "عدد", "رقم", "الرقم", "موعد", "تاريخ", "وصف", "تحديد", "معني", "تفاصيل", "الحجم",
                             "العدد", "الموعد", "التاريخ", "الوصف", "التحديد", "المعني", "بالتحديد"})


def _exact_adjective(text: str, hit) -> bool:
    """`حجمه الدقيق`, `العدد الدقيق`: `الدقيق` as `exact` after the noun it describes, not flour."""
    if text[hit.start:hit.end] != "دقيق" or text[hit.start - 2:hit.start] != "ال":
        return False
    word = previous_word(text, hit.start - 2).strip("،,.")
    return word_in(word, _MEASURED_NOUNS) or (word.endswith(("ه", "ها", "هم")) and not word_in(word, _OFFER_WORDS))


# `تفتيش دقيق`, `بشكل دقيق`: `دقيق` bare after a noun it describes; flour is counted, bagged or given
_FLOUR_BEFORE = frozenset({"كيس", "اكياس", "كيسا", "طن", "اطنان", "طنا", "كغ", "كيلو", "ربطه", "ربطات", "ماده",
                           "مادتي", "من", "كميه", "كميات", "شحنه", "شحنات"})


def _manner_adjective(text: str, hit) -> bool:
    """`رافق ذلك تفتيش دقيق للمارة`: `دقيق` with no clitic or article after a noun is `thorough`,
    not flour (`كيساً من الدقيق`, `توزيع دقيق` stay flour)."""
    if text[hit.start:hit.end] != "دقيق" or _word_start(text, hit.start) != hit.start:
        return False
    word = previous_word(text, hit.start).strip("،,.")
    return not (word_in(word, _FLOUR_BEFORE) or word_in(word, _OFFER_WORDS))


# `بلدة «الكسوة»`, `مدينة الكسوة`: a cue word that names a place after a noun of place
_PLACE_NOUNS = frozenset({"بلده", "بلدة", "مدينه", "قريه", "حي", "ناحيه", "مخيم", "بلدتي", "قريتي", "مدينتي"})


def _place_named(text: str, start: int) -> bool:
    """`منها مركز في بلدة «الكسوة» بريف دمشق`: the cue (`كسوة`, clothing) names the town after
    `بلدة`, `مدينة`, `قرية` or `حي` (quotation marks skipped)."""
    return word_in(previous_word(text, start), _PLACE_NOUNS)


# `معاون الوزير للصحة والعلاج`, `مدير مكتب الإغاثة`: an official's office
_OFFICES = frozenset({"وزير", "الوزير", "وزاره", "معاون", "نايب", "مدير", "مديريه", "مكتب", "هييه", "مفوض", "مسوول"})


def _portfolio(text: str, start: int) -> bool:
    """`معاون الوزير الإيراني للصحة والعلاج والتعليم الطبي`: a cue in the list of an official's
    portfolio (`لل…` after the office, joined by `و`) names a job, not an offer."""
    prefix = text[_word_start(text, start):start]
    if prefix not in ("لل", "وال", "ول", "ل"):
        return False
    words = _clause_words_before(text, _word_start(text, start), 60, 6)
    first = prefix
    while words and words[-1].startswith(("وال", "لل")):   # the portfolio's earlier items
        first = words.pop()
    if not first.startswith("لل"):
        return False
    while words and words[-1].startswith("ال") and not word_in(words[-1], _OFFICES):
        words.pop()   # an adjective of the office (`الوزير الإيراني`)
    return bool(words) and word_in(words[-1], _OFFICES)


# `وإلا تعرّض للملاحقة الأمنية`, `يعرّضهم للاعتقال`: a penalty threatened, not pursuit lifted;
# a verb of exposure (spelt as `تعرض`, offers) counts only before `لـ` (`تعرض قسد تسوية` offers one)
_OTHERWISE = frozenset({"والا", "فالا", "طايله"})   # `تحت طائلة الملاحقة`: under penalty of pursuit
_EXPOSED = frozenset({"تعرض", "يتعرض", "تعرضوا", "يتعرضون", "يعرضه", "يعرضهم", "تعرضه", "تعرضهم", "عرضه",
                      "معرضين", "معرض", "سيتعرض"})
_THREATS = _OTHERWISE | _EXPOSED


def _threatened(code: str, before: list[str], text: str, start: int) -> bool:
    """`يُمنع أي عنصر من الانسحاب … وإلا تعرّض للملاحقة الأمنية`: pursuit as the penalty of a
    rule (after `وإلا`, or a verb of exposure and `لـ`) is no settlement offered."""
    if code != "security_settlement":
        return False
    exposed = text[_word_start(text, start):start].startswith("ل")
    return any(word_in(w, _OTHERWISE) or (exposed and word_in(w, _EXPOSED)) for w in before[-2:])


def _nationality_described(text: str, hit, code: str, before: list[str]) -> bool:
    """`من حملة الجنسية السورية`, `أن يحمل الجنسية السورية`: a nationality held, not citizenship
    offered (`منح الجنسية السورية` to foreign fighters is one)."""
    if code != "citizenship":
        return False
    if any(word_in(w, _HOLDERS) for w in before[-2:]):
        return True
    following = text[hit.end:hit.end + 12].split()
    return bool(following) and following[0] == "السوريه" and not any(word_in(w, _OFFER_WORDS) for w in before[-5:])


# `منذ تسويات عام 2018`, `ممن أجروا تسوية`, `قاموا بتسوية أوضاعهم`, `مقاتلي التسويات`
_STATUS_BEFORE = frozenset({"منذ", "بعد", "عقب", "اثر", "قبل", "مقاتلي", "عناصر", "بنود", "اجروا", "اجري",
                            "اجرت", "اجرينا", "قاموا", "قام", "خضعوا", "خضع", "ممن", "اتموا", "انجزوا",
                            "ملف", "ملفي", "ملفات",   # `ملفي التسويات والتجنيد`: a dossier
                            "مدن", "بلدات", "قري"})   # `مدن التسويات`: towns named by their deal


def _automaton(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _triggers() -> dict:
    """Per code, the words the rules of `_not_an_offer` look for before a cue (substrings: a
    gate); None: always checked (those rules look after the cue)."""
    general = _DEMANDS | _WITHDRAWN
    return {None: _automaton(general), "citizenship": None, "school_supplies": None,
            "security_settlement": _automaton(general | _STATUS_BEFORE | _THREATS),
            "protection": _automaton(general | set(_GUARD_WORDS)),
            "medical": _automaton(general | {"يحدد", "تحدد", "يقرر", "تقرر"})}


def _status_described(code: str, before: list[str]) -> bool:
    """A settlement already made (`ممن أجروا تسوية مع النظام`, `منذ تسويات عام 2018`)
    is a status the text describes, not an offer."""
    return code == "security_settlement" and any(word_in(w, _STATUS_BEFORE) for w in before[-2:])


def _assessor(code: str, before: list[str]) -> bool:
    """`نسبة العجز التي يحددها فريق طبي مختص`: doctors who assess, not care given."""
    return code == "medical" and any(w.startswith(("يحدد", "تحدد", "يقرر", "تقرر")) for w in before[-2:])


def _demanded(before: list[str]) -> bool:
    """`قراراً يطالب فيه المطلوبين بتسوية أوضاعهم`: a duty laid on them, not an offer."""
    return any(word_in(w.strip('"'), _DEMANDS) for w in before)


def _withdrawn(before: list[str]) -> bool:
    """`ألغت الميليشيا المنحة`, `اقتطاع مبالغ من رواتبهم`: taken away, not offered."""
    return any(word_in(w, _WITHDRAWN) for w in before[-4:])


def _guard_job(code: str, before: list[str]) -> bool:
    """`حراسة المنشآت النفطية وحمايتها`, `شركة الصياد للحراسة والحماية`: a guard's job."""
    return code == "protection" and any(w.endswith(_GUARD_WORDS) for w in before)


def _service_papers(text: str, hit, code: str) -> bool:
    """`قطع دفاتر الخدمة`: a service booklet, not school supplies."""
    if code != "school_supplies":
        return False
    following = text[hit.end:hit.end + 16].split()
    return bool(following) and following[0] in _SERVICE_PAPERS


def _offered(text: str, start: int) -> bool:
    """`مزايا خاصة باللباس والطعام`: a common word (note `offer`) names an incentive only after
    a word of giving or offering in its clause."""
    return any(word_in(w, _OFFER_WORDS) for w in _clause_words_before(text, start, 90, 8))


_TRIGGERS = _triggers()


# `العاملين في حماية حقول النفط`: guarding a site is a job, not protection offered to people
_GUARDED_SITES = frozenset({"حقول", "الحقول", "حقل", "منشات", "المنشات", "منشاه", "مواقع", "المواقع", "قوافل",
                            "القوافل", "قافله", "القافله", "مقرات", "المقرات", "ابار", "الابار", "مستودعات", "المستودعات", "الطرق",
                            "طرق", "خطوط", "الحدود", "حدود", "السفارات", "المطار", "مطار", "القاعده", "قاعده",
                            "المنطقه", "المناطق", "منطقه", "مناطق",
                            # `بذريعة حماية مقام السيدة زينب`: a shrine
                            "مقام", "المقام", "مقامات", "المقامات", "مرقد", "المرقد", "مراقد", "المراقد",
                            "العتبات", "الاماكن"})


# `قوات الحماية الذاتية`, `وحدات حماية الشعب`: a force's name; `حماية أنفسهم`: their own motive;
# `لحماية مصالح موسكو`: the recruits' task
_FORCE_BEFORE = frozenset({"قوات", "وحدات", "لقوات", "لوحدات", "قوه", "كتايب", "فوج"})
_NOT_PEOPLE_AFTER = frozenset({"الذاتيه", "الشعب", "المراه", "انفسهم", "انفسنا", "نفسه", "انفسكم", "مصالح",
                               "المصالح", "مصالحها", "مصالحه", "الامن",
                               # `بغية حماية المدينة وحدودها`: a town guarded, the recruits' task
                               "المدينه", "مدينه", "البلده", "بلده", "البلدات", "القريه", "قريه", "القري",
                               "المحافظه", "الريف", "البلاد", "الوطن", "الاراضي", "سوريا", "سوريه",
                               # `دور الشباب في حماية ذويهم`, `حماية أرضهم`: their own kin and land
                               "ذويهم", "اهلهم", "اهاليهم", "عايلاتهم", "ارضهم", "وطنهم", "مناطقهم", "مدنهم",
                               "قراهم", "بلداتهم",
                               # `مقاتل قادر على حماية الأرض والمجتمع`: the land and society at large
                               "الارض", "ارض", "المجتمع", "مجتمع", "المكتسبات"}) | _GUARDED_SITES
# `لن تقتصر مهمته على حماية حوران`: the force's task, whatever it guards
_TASK_BEFORE = frozenset({"مهمته", "مهمتها", "مهمتهم", "مهامه", "مهامها", "مهامهم", "مهمه", "مهام", "واجبه",
                          "واجبها", "واجبهم",
                          # `بذريعة حماية …`, `قادر على حماية …`: a force's pretext or a fighter's ability
                          "بذريعه", "ذريعه", "بحجه", "حجه", "بدعوي", "قادر", "قادره", "قادرين", "قادرون"})
_QUOTES = "«»\"'“”()[].,،:؛"


def _protection_not_offered(text: str, hit) -> bool:
    """`قوات الحماية الذاتية`, `لحماية مصالح موسكو`, `هي حماية المنطقة.`, `في «حماية المنشآت»`,
    `مهمته حماية حوران`: a force's name or task, or protection of a site, a town, an interest or
    oneself, not offered to recruits."""
    before = text[max(0, hit.start - 30):hit.start].split()
    if before and word_in(before[-1].strip(_QUOTES), _FORCE_BEFORE):
        return True
    if any(word_in(w.strip(_QUOTES), _TASK_BEFORE) for w in before[-3:]):
        return True
    following = text[hit.end:hit.end + 30].split()
    return bool(following) and word_in(following[0].strip(_QUOTES), _NOT_PEOPLE_AFTER)


def guards_a_site(text: str, end: int) -> bool:
    """A protection cue whose object is a site (`حماية حقول النفط`), not the people offered it."""
    following = text[end:end + 30].split()
    return bool(following) and word_in(following[0], _GUARDED_SITES)

