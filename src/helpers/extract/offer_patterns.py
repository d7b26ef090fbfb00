"""Offers stated as a clause: a verb of giving, sparing or guarding and its object
(`لن يتم تعقبهم لأداء الخدمة`, `يؤجل المركز سوق من يسوي وضعه`), and kinds of aid named by
adjectives joined to one aid noun. Each pattern gives a hit shaped like a lexicon match."""
from __future__ import annotations

import re
from dataclasses import dataclass

import ahocorasick


@dataclass(frozen=True)
class PatternHit:
    """An incentive found by a verb + object pattern; shaped like a lexicon match."""

    start: int
    end: int
    entry: dict


_GAP = r"\s+(?:[^\s،,.]+\s+){0,3}?"
_DUTY = r"(?:(?:اداء|اتمام|تاديه)\s+)?"   # `من أداء الخدمة`: the duty named before the service
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
    (rf"(?<!\w)[وف]?(?P<cue>(?:اعفي|اعفت|يعفي|تعفي|سيعفي)\w*{_GAP}من\s+{_DUTY}(?:ال)?(?:استدعاء|خدمه|تجنيد|احتياط)\w*)",
     "conscription_exemption", (("اعفي", "اعفت", "يعفي", "تعفي"), ("استدعاء", "خدمه", "تجنيد", "احتياط"))),
    # `يُستثنى المنتسبون من السوق إلى الخدمة`, `سيُستثنون من أداء الخدمة`: left out of the call-up
    (rf"(?<!\w)[وف]?(?P<cue>(?:س?[يت]ستثن|استثني|استثناء|استثناو|استثناي)\w*{_GAP}من\s+{_DUTY}(?:ال)?(?:استدعاء|خدمه|تجنيد|احتياط|سوق)\w*)",
     "conscription_exemption", (("يستثن", "تستثن", "استثني", "استثناء", "استثناو", "استثناي"),
                                ("استدعاء", "خدمه", "تجنيد", "احتياط", "سوق"))),
    # `شطب أسمائهم من قوائم المطلوبين للاحتياط`: off the call-up lists
    (rf"(?<!\w)[وفب]?(?P<cue>(?:شطب|رفع|حذف|ازاله|ازال|ازالت)\w*\s+(?:ال)?(?:اسماء|اسم)\w*{_GAP}(?:من\s+)?(?:ال)?"
     rf"(?:قوايم|قايمه|لوايح)\w*\s+(?:\S+\s+)?(?:لل|ل|في\s+)?(?:ال)?(?:احتياط|خدمه|تجنيد|سوق)\w*)",
     "conscription_exemption", (("شطب", "رفع", "حذف", "ازال"), ("اسماء", "اسم"), ("قوايم", "قايمه", "لوايح"),
                                ("احتياط", "خدمه", "تجنيد", "سوق"))),
    # `شطب أسمائهم من قوائم الملاحقة`, `رفع أسماء المطلوبين من القوائم`: off the wanted lists
    (rf"(?<!\w)[وفب]?(?P<cue>(?:شطب|رفع|حذف|ازاله|ازال|ازالت)\w*\s+(?:ال)?(?:اسماء|اسم)\w*{_GAP}(?:من\s+)?(?:ال)?(?:قوايم|قايمه|لوايح)\w*)",
     "security_settlement", (("شطب", "رفع", "حذف", "ازال"), ("اسماء", "اسم"), ("قوايم", "قايمه", "لوايح"))),
    # `بطاقات تسهل مرورهم على الحواجز`
    (r"(?<!\w)[وف]?(?P<cue>(?:تسهل|يسهل|تسهيل)\s+(?:مرور|تنقل|التنقل)\w*)", "security_settlement",
     (("تسهل", "يسهل", "تسهيل"), ("مرور", "تنقل"))),
    # `وجبة يومية مجانية`, `وجبات ساخنة`, `3 آلاف وجبة طعام`: meals handed out
    (r"(?<!\w)[وبل]?(?P<cue>(?:ال)?(?:وجبه|وجبات)\s+(?:ال)?(?:يوميه|مجانيه|ساخنه|غذاييه|افطار|طعام))", "food_aid",
     (("وجبه", "وجبات"),)),
    # `تعتمد في ذلك على المال`, `جندتهم طهران بسلاحي التشيع والمال`: money as the lure
    (r"(?<!\w)[وف]?(?:يعتمد|تعتمد|يعتمدون|بسلاح)\w*\s+(?:[^\s،,.]+\s+){0,5}?(?:علي\s+)?(?P<cue>و?المال)(?!\w)",
     "cash_reward",
     (("يعتمد", "تعتمد", "بسلاح"), ("المال",))),
))


# --- offers stated as a clause: a verb of giving, sparing or guarding and its object ----

_SERVICE = r"(?:ال)?(?:خدمه|احتياط|تجنيد|جيش|سوق|الزاميه|عسكريه)"
# (pattern, incentive, word groups): tried after the patterns above, the more specific first
_OFFER_PATTERNS = tuple((re.compile(p), code, needs) for p, code, needs in (
    # `لن يتم تعقبهم لأداء الخدمة`, `يمنع تجنيدهم في الخدمة`, `يحول عملياً دون سوقهم إلى الخدمة`
    (rf"(?<!\w)[وف]?(?P<cue>(?:لن\s+يتم|لا\s+يتم|عدم|يمنع|تمنع|منع|(?:يحول|تحول)\s+(?:\S+\s+)?دون)\s+"
     rf"(?:\S+\s+)?(?:تعقب|ملاحق|سوق|تجنيد|طلب|استدعاء|التحاق|سحب)\w*\s+(?:[^\s،,.]+\s+){{0,3}}?[وبل]?{_SERVICE}\w*)",
     "conscription_exemption", (("يتم", "عدم", "منع", "دون"),
                                ("تعقب", "ملاحق", "سوق", "تجنيد", "طلب", "استدعاء", "التحاق", "سحب"),
                                ("خدمه", "احتياط", "تجنيد", "جيش", "سوق", "الزامي", "عسكري"))),
    # `لن يتم تعقبهم`, `عدم مساءلتهم`: kept from pursuit (no call-up named)
    (r"(?<!\w)[وف]?(?P<cue>(?:لن\s+يتم|لا\s+يتم|عدم)\s+(?:تعقب|ملاحق|اعتقال|توقيف|مساءل|محاسب|اعتراض)\w*)",
     "security_settlement", (("يتم", "عدم"), ("تعقب", "ملاحق", "اعتقال", "توقيف", "مساءل", "محاسب", "اعتراض"))),
    # `يحموا المتطوعين من الاعتقال ومن التجنيد الإجباري`: guarded from the call-up
    (r"(?<!\w)[وفل]?(?P<cue>(?:يحم|تحم|حمايت|حمايه)\w*\s+(?:[^\s،,.]+\s+){0,5}?و?من\s+[وبل]?(?:ال)?(?:تجنيد|خدمه|سوق|احتياط)\w*)",
     "conscription_exemption", (("يحمي", "يحمو", "تحمي", "حماي"), ("تجنيد", "خدمه", "سوق", "احتياط"))),
    # `يحموا المتطوعين من الاعتقال`, `بطاقة تمنع أي جهة من اعتراضهم`, `تقي صاحبها التوقيف`
    (r"(?<!\w)[وفل]?(?:يحم|تحم|حمايت|حمايه|تمنع|يمنع|تقي|يقي)\w*\s+(?:[^\s،,.]+\s+){0,3}?(?:من\s+)?"
     r"(?P<cue>(?:ال)?(?:اعتقال|توقيف|اعتراض|تعرض|ملاحقه|احتجاز)\w*)",
     "security_settlement", (("يحمي", "يحمو", "تحمي", "حماي", "تمنع", "يمنع", " تقي ", " يقي "),
                             ("اعتقال", "توقيف", "اعتراض", "تعرض", "ملاحقه", "احتجاز"))),
    # `تُسوّى أوضاعه`, `يسوّي وضعهم`: a status settled, said by its verb
    (r"(?<!\w)[وف]?(?P<cue>(?:س?[يت]سوي|سويت)\s+(?:ال)?(?:اوضاع|وضع)\w*)", "security_settlement",
     (("يسوي", "تسوي", "سويت"), ("وضع", "اوضاع"))),
    # `عبور الحواجز دون أن يعترضهم أحد`: passing unhindered
    (r"(?<!\w)[وف]?(?P<cue>دون\s+ان\s+(?:يعترض|يتعرض|يوقف|يلاحق|يسال)\w*)", "security_settlement",
     (("دون",), ("يعترض", "يتعرض", "يوقف", "يلاحق", "يسال"))),
    # `يخدم في قريته أو بلدته`, `الخدمة ضمن المدينة`: serving near home
    (r"(?<!\w)[وفل]?(?P<cue>(?:يخدم|تخدم|خدمته|خدمتهم)\w*\s+(?:\S+\s+)?(?:في|ضمن|داخل|قرب)\s+"
     r"(?:قري|بلد|منطق|مدين|محافظ|منزل|مناطق)\w*(?:ه|هم))(?!\w)", "service_near_home",
     (("يخدم", "تخدم", "خدمت"), ("قري", "بلد", "منطق", "مدين", "محافظ", "منزل"))),
    # `احتساب الخدمة في صفوفه بدلاً من الإلزامية`: service counted instead of conscription
    (r"(?<!\w)[وفب]?(?P<cue>(?:احتساب|تحتسب|يحتسب|اعتبار|تعتبر|تعد)\w*\s+(?:[^\s،,.]+\s+){0,5}?بدلا\s+(?:من|عن)\s+"
     r"(?:ال)?(?:خدمه\s+)?(?:ال)?(?:الزاميه|الزامي|احتياط|اجباريه)\w*)",
     "conscription_exemption", (("احتساب", "تحتسب", "يحتسب", "اعتبار", "تعتبر", " تعد "), ("بدلا",))),
    # `وعود بأن يبقوا في بلداتهم وقراهم`, `وبألّا يُزج بهم في جبهات القتال`: kept near home
    (r"(?<!\w)[وفلب]?(?P<cue>(?:(?:ان|ا)?\s*س?(?:يبقوا|يبقون|يبقي|تبقي)|البقاء|بقاءهم|بقايهم)\s+(?:\S+\s+)?"
     r"(?:في|ضمن|داخل)\s+(?:بلدات|قري|قرا|مناطق|منطق|مدن|بيوت|منازل)\w*(?:ه|هم))(?!\w)", "service_near_home",
     (("يبقوا", "يبقون", "يبقي", "تبقي", "البقاء", "بقاءهم", "بقايهم"),
      ("بلدات", "قري", "قرا", "مناطق", "منطق", "مدن", "بيوت", "منازل"))),
    (r"(?<!\w)[وفب]?(?P<cue>(?:الا|لا|عدم|لن)\s+(?:يزج|زج|يرسل|ارسال|ارسالهم|يساق|سوق)\w*\s+(?:بهم\s+)?(?:الي|في|علي)\s+"
     r"(?:ال)?(?:جبهات|جبهه|خطوط|الجبهات|معارك))", "service_near_home",
     (("يزج", "زج", "يرسل", "ارسال", "يساق", "سوق"), ("جبهات", "جبهه", "خطوط", "معارك"))),
    # `بطاقات عسكرية إيرانية تتيح لهم عبور الحواجز`: passing checkpoints
    (r"(?<!\w)[وف]?(?P<cue>(?:تتيح|يتيح|تخول|يخول|تسمح|يسمح)\w*\s+(?:\S+\s+)?(?:ب)?(?:عبور|المرور|مرور|التنقل|تنقل|اجتياز)\w*"
     r"\s+(?:\S+\s+)?(?:ال)?حواجز)", "security_settlement",
     (("تتيح", "يتيح", "تخول", "يخول", "تسمح", "يسمح"), ("حواجز",))),
    # `المنحة التي تقرر صرفها في العيد`: a grant paid out, said by a relative clause
    (r"(?<!\w)[وفلب]?(?P<cue>(?:ال)?(?:منحه|منح|منحات))\s+(?:التي|الذي)\s+(?:\S+\s+)?"
     r"(?:صرف|يصرف|تصرف|صرفت|توزيع|توزع|وزعت|دفع|تدفع|دفعت|منح|تمنح|منحت)\w*(?!\w)", "cash_reward",
     (("منحه", "منح"), ("صرف", "توزيع", "توزع", "وزعت", "دفع", "تدفع", "تمنح", "منحت"))),
    # `عناصره سيخدمون داخل مناطق حوران`: a promise (future tense) to serve inside a named area
    (r"(?<!\w)[وف]?(?P<cue>س[يت]خدم\w*\s+(?:\S+\s+)?(?:في|ضمن|داخل)\s+(?:مناطق|منطقه|قري|قرا|بلدات|مدن|محافظه)(?:\s+\w+)?)",
     "service_near_home", (("سيخدم", "ستخدم"), ("مناطق", "منطق", "قري", "قرا", "بلدات", "مدن", "محافظ"))),
    # `بأن يوقف النظام ملاحقته لهم`, `إيقاف ملاحقتهم`, `الكف عن ملاحقتهم`: pursuit stopped
    (r"(?<!\w)[وفب]?(?P<cue>(?:س?[يت]وقف|ايقاف|وقف|اوقف|(?:ال|س?[يت])?كف\s+عن)\s+(?:[^\s،,.]+\s+){0,3}?(?:ال)?ملاحق\w*)",
     "security_settlement", (("يوقف", "توقف", "ايقاف", "وقف", "اوقف", "كف عن"), ("ملاحق",))),
    # `دورة مجانية لتعليم الأطفال`, `دروس تعليمية مجانية`: free teaching
    (r"(?<!\w)[وفلب]?(?P<cue>(?:ال)?(?:دوره|دورات|دروس|تعليم|تدريس)\s+(?:\S+\s+)?(?:ال)?مجاني\w*)",
     "education_scholarship", (("دوره", "دورات", "دروس", "تعليم", "تدريس"), ("مجاني",))),
    # `سيستضيف المخيم عشرين طالباً قادمين من سورية`: students hosted (the cue is the students: a
    # subject between verb and object stays a giver)
    (r"(?<!\w)[وف]?(?:س?[يت]ستضيف|استضاف|استضافه)\w*\s+(?:[^\s،,.]+\s+){0,4}?(?P<cue>(?:ال|لل)?(?:طلاب|طالب|طلبه)\w*)",
     "education_scholarship", (("ستضيف", "استضاف"), ("طلاب", "طالب", "طلبه"))),
    # `قدّموا لهم الدعم`: support given to people (not `الدعم العسكري`)
    (r"(?<!\w)[وف]?(?P<cue>(?:قدم|يقدم|تقدم|قدمت|قدموا|يقدمون|تقديم)\s+(?:لهم|له|لها)\s+(?:ال)?دعم)"
     r"(?!\w|\s+(?:ال)?(?:عسكري|لوجستي|جوي|مالي|سياسي|ناري|استخباراتي|اعلامي|فني|تقني|معنوي|نفسي|الكامل))",
     "aid_unspecified", (("قدم", "تقديم"), ("دعم",))),
    # `ضعف ما تدفعه الميليشيات لمجنديها كل شهر`: a monthly payment named by its verb
    (r"(?<!\w)[وف]?(?P<cue>(?:يدفع|تدفع|يصرف|تصرف)\w*)\s+(?:[^\s،,.]+\s+){0,5}?(?:كل\s+شهر|شهريا|في\s+الشهر)",
     "cash_salary", (("يدفع", "تدفع", "يصرف", "تصرف"), ("كل شهر", "شهريا", "في الشهر"))),
))

# kinds of aid named by adjectives joined to one aid noun
# (`مساعدات إغاثية وإنسانية وغذائية وطبية`, `المعونات الغذائية والصحية والمعيشية`)
# (`مواد غذائية وطبية وإغاثية`: relief goods listed beside named kinds are aid of no kind given;
# `أدوات طبية ومدرسية`: school things)
_AID_ADJECTIVES = {"غذاييه": "food_aid", "طبيه": "medical", "صحيه": "medical", "دواييه": "medical",
                   "معيشيه": "aid_unspecified", "تموينيه": "food_aid", "اغاثيه": "aid_unspecified",
                   "مدرسيه": "school_supplies"}
_JOINED_ADJECTIVES = tuple(f"و{article}{word}" for word in _AID_ADJECTIVES for article in ("", "ال"))
_PASSING_ADJECTIVES = frozenset({"انسانيه", "عاجله", "متنوعه", "اساسيه", "مختلفه", "نفسيه", "ماليه"})
_AID_NOUNS = re.compile(r"(?<!\w)[وبل]?(?:ال|ل)?(?:مساعدات|معونات|مواد|اغاثه|مستلزمات|ادوات)(?!\w)")


def coordinated_aid_kinds(text: str, present: set[str]) -> list[PatternHit]:
    """Each kind of aid named by an adjective of a list joined to one aid noun:
    `مساعدات إغاثية وإنسانية وغذائية وطبية` → food_aid and medical (the first adjective
    after the noun is left to the lexicon)."""
    if present.isdisjoint(_JOINED_ADJECTIVES):
        return []   # only an adjective joined by و adds a kind
    hits = []
    for m in _finditer_at_words(_AID_NOUNS, text):
        position = m.end()
        for word_match in _NEXT_WORD.finditer(text, position):
            if word_match.start() != position:
                break
            word = word_match.group("word")
            joined = word.startswith("و")
            bare = word[1:] if joined else word
            bare = bare[2:] if bare.startswith("ال") else bare
            code = _AID_ADJECTIVES.get(bare)
            if code is None and bare not in _PASSING_ADJECTIVES:
                break
            if code is not None and joined:
                start = word_match.start("word") + 1
                hits.append(PatternHit(start, word_match.end(), {"incentive": code, "note": "pattern",
                                                                 "cue": text[start:word_match.end()]}))
            position = word_match.end()
    return hits


_NEXT_WORD = re.compile(r"\s+(?P<word>\w+)")


# the words the incentive patterns need (word → itself), for a scan shared with the lexicons
PATTERN_WORDS = {word: word for _, _, needs in _INCENTIVE_PATTERNS + _OFFER_PATTERNS
                 for group in needs for word in group} | {word: word for word in _JOINED_ADJECTIVES}


def _pattern_words_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in PATTERN_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_PATTERN_WORDS_AUTOMATON = None   # built on first use (pattern_incentives without `present`)
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


# every pattern in the order tried, each word group as a frozenset (checked once per pattern and report)
_PATTERNS_IN_ORDER = tuple((pattern, code, tuple(map(frozenset, needs)))
                           for pattern, code, needs in _INCENTIVE_PATTERNS + _OFFER_PATTERNS)


def _has_each(present: set[str], groups: tuple[frozenset[str], ...]) -> bool:
    """Does `present` hold a word of each group?"""
    for group in groups:
        if present.isdisjoint(group):
            return False
    return True


def pattern_incentives(text: str, present: set[str] | None = None) -> list[PatternHit]:
    """Incentives named by a verb and its object a few words apart (`يؤجل المركز سوق …`).
    `present`: the `PATTERN_WORDS` found in `text`, when a shared scan found them already."""
    hits = []
    if present is None:
        global _PATTERN_WORDS_AUTOMATON
        _PATTERN_WORDS_AUTOMATON = _PATTERN_WORDS_AUTOMATON or _pattern_words_automaton()
        present = {word for _, word in _PATTERN_WORDS_AUTOMATON.iter(text)}
    taken: set[int] = set()   # a span read by an earlier (more specific) pattern
    for pattern, code, needs in _PATTERNS_IN_ORDER:
        if not _has_each(present, needs):
            continue
        for m in _finditer_at_words(pattern, text):
            if m.start("cue") in taken:
                continue
            taken.add(m.start("cue"))
            hits.append(PatternHit(m.start("cue"), m.end("cue"), {"incentive": code, "note": "pattern", "cue": m.group("cue")}))
    hits += coordinated_aid_kinds(text, present)
    return hits
