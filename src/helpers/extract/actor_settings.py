"""Actor, step 1: mentions that are settings, never the doer (`على حواجز الأمن العسكري`,
`رواتب لمقاتلي قسد`, a side compared with, goods' receiver, a supporter or partner);
a setting is taken only inside the record's own clause and never carried."""
from __future__ import annotations

import re

from helpers.extract.mentions import NGO, Mention
from helpers.extract.words import _raw_previous_word, _word_start, word_in, words_before


# Words before an actor that make it a place or a setting rather than a doer
# (`على حواجز الأمن العسكري`, `الخدمة في جيش النظام`): such a mention is
# taken only inside the evidence's own clause, and never carried.
_SETTING_WORDS = frozenset({"علي", "في", "حواجز", "حاجز", "لدي", "عند", "سجون", "معتقلات", "مواجهه",
                            # attackers: `مقتل 11 عنصراً في هجمات لخلايا تنظيم الدولة`
                            "هجمات", "هجوم", "هجوما", "خلايا", "قصف", "غارات", "غاره", "كمين", "استهداف",
                            # `في هجوم شنه التنظيم`, `بكمين نصبته خلية`: the attacker after its verb
                            "شنه", "شنها", "شنته", "شنتها", "شنوه", "نفذه", "نفذها", "نفذته", "نفذتها",
                            "نصبه", "نصبها", "نصبته", "نصبتها", "تبناه", "تبنته", "تبناها",
                            # a partner, not the doer: `استمرت 18 يوماً بمشاركة قوات التحالف`
                            "بمشاركه", "بمسانده", "بموازره",
                            # the force one serves in: `إعفائهم من الالتحاق بجيش النظام`
                            "الالتحاق", "بالالتحاق",
                            # an area described by who holds it: `المحافظات الخاضعة لسيطرة النظام`
                            "سيطره", "لسيطره", "نفوذ", "لنفوذ",
                            # the side fought beside: `80 ألف مقاتل أجنبي إلى جانب النظام`
                            "جانب"})


_PREVENTED_AFTER = frozenset({"منع", "يمنع", "تمنع"})
# `رواتب لمقاتلي قسد`: the actor after "for the fighters of" receives, it does not give
_RECIPIENT_NOUNS = frozenset({"مقاتلي", "عناصر", "منتسبي", "مجندي", "متطوعي", "اسر", "عايلات", "ذوي"})


# `مصادر في الإدارة الذاتية`, `قيادي في الفيلق الخامس`: a speaker's own side, not a setting;
# so is a member's (`راتب نظيره في الفرقة الرابعة`, `العنصر في الفيلق الخامس`)
# (normalised spelling: `مسؤول` is read `مسوول`)
_SPEAKER_NOUNS = frozenset({"مصادر", "مصدر", "مسوول", "مسوولون", "مسوولين", "مسوولي", "المسوول", "قيادي",
                            "قياديون", "قياديين", "الناطق", "المتحدث", "ممثل", "ممثلي", "مندوب",
                            "ناطق", "متحدث", "قايد", "قاده",
                            "عنصر", "العنصر", "عناصر", "نظيره", "نظيرهم", "نظراوه", "مقاتل", "المقاتل", "مقاتلي",
                            "مجند", "المجند", "منتسب", "المنتسب", "منتسبي", "متطوع", "المتطوع"})


def _speaker_affiliation(text: str, mention: Mention) -> bool:
    words = text[max(0, mention.start - 30):_word_start(text, mention.start)].split()[-2:]
    return len(words) == 2 and words[1] == "في" and word_in(words[0], _SPEAKER_NOUNS)


# `قياساً بما يتقاضاه عناصر قوات النظام`, `أكثر مما يدفعه الجيش السوري`, `تحذو حذو روسيا`:
# the side a figure is set against, a few words after the comparison word
_COMPARED = re.compile(r"(?<!\w)(?:[وب]?قياسا|[وب]?مقارنه|بالمقارنه|(?:اكثر|اقل|اعلي|ادني)\s+م(?:ما|ن)|حذو|غرار)"
                       r"\s+(?:\S+\s+){0,3}$")


def compared_with(text: str, mention: Mention) -> bool:
    """Is `mention` the side a figure is compared with (`قياساً بما يتقاضاه عناصر قوات
    النظام`), not the one it belongs to?"""
    low, high = max(0, mention.start - 45), _word_start(text, mention.start)
    window = text[low:high]
    if not any(word in window for word in ("قياس", "مقارن", "مما", "حذو", "غرار", "من ")):
        return False                     # the common case, without the regex
    return _COMPARED.search(text, low, high) is not None


# `سُلّمت إلى السلطات السورية`, `وصلت إلى قاعدة حميميم`: the one goods are handed or flown to
_DELIVERY_STEMS = ("سلم", "وصل", "ارسل", "نقل", "اوصل", "تسليم", "ايصال", "حطت", "هبطت")


def delivered_to(text: str, mention: Mention) -> bool:
    """Is `mention` the receiver of goods handed over or the place they reach
    (`حمولة الطائرة التي سُلّمت إلى السلطات السورية`)?"""
    if text.find("الي", max(0, mention.start - 8), mention.start) < 0:
        return False                     # the common case, without splitting
    words = words_before(text, mention.start, 40, 3)
    if len(words) < 2 or words[-1] != "الي":
        return False
    # `وصلت` and `فوصلت`, `وسُلّمت هناك إلى`: the stem with or without a clitic, an adverb between
    return any(verb.startswith(_DELIVERY_STEMS) or (verb[:1] in "وف" and verb[1:].startswith(_DELIVERY_STEMS))
               for verb in words[:-1])


_RECEIVING_VERBS = frozenset({"تسلم", "تسلمت", "استلم", "استلمت", "يتسلم", "تتسلم", "يستلم", "تستلم", "تلقي",
                              "تلقت", "يتلقي", "تتلقي"})


def received_by(text: str, mention: Mention) -> bool:
    """`وتسلم فريق من الهلال الأحمر العربي السوري المواد`: the subject of a verb of
    receiving takes the goods, it does not give them."""
    window = text[max(0, mention.start - 30):mention.start]
    if "سلم" not in window and "تلق" not in window:
        return False                     # the common case, without splitting
    return any(word_in(w, _RECEIVING_VERBS) for w in words_before(text, mention.start, 30, 3))


# `بإشراف مباشر من قوات النظام`, `تحت إشراف الجيش الروسي`, `يشرف عليها الأمن العسكري`: who oversees
_OVERSEEN_BY = re.compile(r"(?<!\w)(?:(?:ب|تحت\s+)(?:اشراف|رعايه)\s+(?:مباشر\s+)?(?:من\s+)?"
                          r"|[يت]شرف\s+علي(?:ها|ه|هم)\s+(?:مباشره\s+)?)$")


def overseen_by(text: str, mention: Mention) -> bool:
    """`بدأت ميليشيا حزب الله استقبال المنتسبين الجدد بإشراف مباشر من قوات النظام`: the side
    that oversees another's work (see `overseen_in_passing`)."""
    low, high = max(0, mention.start - 40), _word_start(text, mention.start)
    if text.find("شراف", low, high) < 0 and text.find("رعايه", low, high) < 0 and text.find("شرف", low, high) < 0:
        return False                     # the common case, without the regex
    return _OVERSEEN_BY.search(text, low, high) is not None


# `يمنع تجنيدهم في الخدمة الإلزامية بالجيش السوري`: the army one would serve in, with the clitic بـ
_SERVICE_WORDS = frozenset({"الخدمه", "خدمه", "الخدمتين", "الالزاميه", "الاحتياطيه", "العسكريه", "الاجباريه"})


def served_in(text: str, mention: Mention) -> bool:
    """`الخدمة الإلزامية بالجيش السوري`: the force named with `بـ` after a word of military
    service is where one serves (as `الخدمة في جيش النظام`), not the doer."""
    start = _word_start(text, mention.start)
    if not text.startswith(("ب", "وب"), start) or start == mention.start:
        return False
    return any(word_in(w, _SERVICE_WORDS) for w in text[max(0, start - 24):start].split()[-2:])


# `منذ تأكيد الأمم المتحدة وصول ألفين منهم`, `بحسب الأمم المتحدة`: words that make an aid body the source
_REPORTED_BY = frozenset({"تاكيد", "بحسب", "حسب", "وفق", "وفقا", "تقديرات", "تقرير", "احصاييات", "ارقام", "بيانات"})


def aid_body_as_source(text: str, mention: Mention) -> bool:
    """`خصوصاً منذ تأكيد الأمم المتحدة وصول ما لا يقل عن ألفين منهم بدعم تركي`: an aid body or UN
    agency named as the one that confirms or counts is the report's source, never the doer."""
    return mention.kind == NGO and word_in(_raw_previous_word(text, mention.start), _REPORTED_BY)


# bare head nouns that name a doer already named (`الحزب فتح مكاتب يشرف عليها الأمن العسكري`)
_DOER_HEADS = frozenset({"الحزب", "الميليشيا", "المليشيا", "الفصيل", "اللواء", "الشركه", "الفرقه", "الفيلق",
                         "الحرس"})
_SENTENCE_END = re.compile(r"[.!؟?\n]")


def overseen_in_passing(text: str, mention: Mention, mentions: list[Mention]) -> bool:
    """An overseer (`overseen_by`) with another doer before it in its sentence, named or by a bare
    head noun (`بدأت ميليشيا حزب الله … بإشراف مباشر من قوات النظام`); alone, the overseer runs
    what it oversees (`انضموا إلى مجموعات تشرف عليها القوات الروسية`)."""
    if not overseen_by(text, mention):
        return False
    low = max(0, mention.start - 160)
    low = max([m.end() for m in _SENTENCE_END.finditer(text, low, mention.start)], default=low)
    if any(low <= m.start < mention.start and m.code != mention.code for m in mentions):
        return True
    return any(word_in(w, _DOER_HEADS) for w in text[low:mention.start].split())


# `مع احتدام الصراع بين واشنطن وطهران`: the sides of a conflict, up to three words after `بين`
_CONFLICT_BETWEEN = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:صراع|نزاع|توتر|مواجهات|حرب|تصعيد|خلاف|معارك|اشتباكات)"
                               r"\s+بين\s+(?:\S+\s+){0,3}$")


def conflict_party(text: str, mention: Mention) -> bool:
    """`ومع احتدام الصراع بين واشنطن وطهران …، أنهى 85 شخصاً دورة … في صفوف الحرس الثوري`:
    a side named in a conflict between two is the backdrop, not the doer of the record."""
    low, high = max(0, mention.start - 50), _word_start(text, mention.start)
    if text.find("بين", low, high) < 0:
        return False                     # the common case, without the regex
    return _CONFLICT_BETWEEN.search(text, low, high) is not None


def is_setting(text: str, mention: Mention) -> bool:
    if (compared_with(text, mention) or delivered_to(text, mention) or received_by(text, mention)
            or conflict_party(text, mention)):
        return True
    if _speaker_affiliation(text, mention):
        return False
    if served_in(text, mention) or aid_body_as_source(text, mention):
        return True
    raw = _raw_previous_word(text, mention.start)
    if raw.startswith("ل") and raw[1:] in _RECIPIENT_NOUNS:
        return True
    # `بمنع عناصر قوات النظام من التعدي`: the actor that is kept away
    if any(word_in(w, _PREVENTED_AFTER) for w in text[max(0, mention.start - 24):mention.start].split()[-2:]):
        return True
    if raw in _SUPPORT_LAST and _supporter(text, mention.start):
        return True
    if raw == "مع":   # a partner: `وزعت محافظة حمص بالتعاون مع الهلال الأحمر 400 سلة`
        start = _word_start(text, mention.start)
        words = text[max(0, start - 24):start].split()
        return len(words) >= 2 and word_in(words[-2], _PARTNER_BEFORE_WITH)
    return word_in(raw, _SETTING_WORDS)


# `بدعم من طيران التحالف الدولي`, `بدعم جوي من روسيا`: a supporter, not the doer
_SUPPORT_LAST = frozenset({"من", "طيران", "قوات", "مقاتلات"})
_SUPPORTED_BY = re.compile(r"(?<!\w)بدعم\s+(?:\w+\s+)?من\s+(?:(?:طيران|قوات|مقاتلات)\s+)?$")


def _supporter(text: str, start: int) -> bool:
    low = max(0, start - 30)
    return text.find("بدعم", low, start) >= 0 and _SUPPORTED_BY.search(text, low, _word_start(text, start)) is not None


_PARTNER_BEFORE_WITH = frozenset({"بالتعاون", "بالتنسيق", "بالشراكه", "تعاون", "بالاشتراك"})
