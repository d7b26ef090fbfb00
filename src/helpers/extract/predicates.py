"""The predicate of a recruits figure's clause, read from its form rather than from one
listed word: a verb of reaching with a count (`بلغ تعدادهم 550`: a total), the size of
one batch (`دورة جديدة … يبلغ عددهم 238`: arrivals), a standing state (`يوجد`,
`حالياً`: a total), a tasking (`كلّفت … بتجنيد 300`: wanted), a purpose named after the
number (`تحتجز عشرات الشبان لتجنيدهم`: the act, not the wish) and a part of a group a
campaign already gathered (`حملة لاستقطاب مقاتلين، من بينهم 300`).

Each function looks at normalised text (alef, yeh and teh marbuta folded, no diacritics)
and returns whether its construction governs the number; `frames.measure_with_basis`
decides their order."""
from __future__ import annotations

import re

_CLAUSE_BREAK = re.compile(r"[،,؛.!؟\n]")

# words that may stand between a predicate and its number: qualifiers and prepositions
_LINK = (r"(?:(?:الي|نحو|حوالي|قرابه|زهاء|ما|يقارب|يقرب|يناهز|اكثر|اقل|من|عن|بين|ما\s+بين|ال|لـ|ل|ب|"
         r"فقط|سوي|الا|اي|ما\s+يزيد)\s+)*")
# a verb of reaching or exceeding, any person, with the clitics و ف ل
_REACH = (r"[وفل]?(?:بلغ|يبلغ|تبلغ|بلغت|وصل|يصل|تصل|وصلت|ارتفع|يرتفع|ترتفع|ارتفعت|تجاوز|يتجاوز|تتجاوز|تجاوزت"
          r"|تخطي|يتخطي|تتخطي|تخطت|ناهز|يناهز|تناهز|ناهزت|فاق|يفوق|تفوق|فاقت|قارب|يقارب|تقارب|قاربت)")
# a count noun, with a possessive ending (`تعدادهم`, `عددها`)
_COUNT = r"[وبل]?(?:ال)?(?:عدد|تعداد|اعداد|حصيله|مجموع|اجمالي|مجمل)(?:هم|ها|ه|هما|هن)?"
_COUNT_WORD = re.compile(rf"(?<!\w){_COUNT}(?!\w)")
# `بلغ تعدادهم 550`, `يبلغ عددهم نحو 238`: the verb and its count right before the number
_REACH_COUNT = re.compile(rf"(?<!\w){_REACH}\s+{_COUNT}\s+{_LINK}$")
# `عدد السوريين الذين جندتهم روسيا … بلغ نحو 2000`: the verb right before, the count earlier
_REACH_ONLY = re.compile(rf"(?<!\w){_REACH}\s+{_LINK}$")
# `من وصلوا إلى أذربيجان ليسوا سوى 320`: those who did X are no more than N
# `وصل تعداد من انضموا إلى صفوف هذه القوات إلى نحو 800`: the verb and its count first, the number after `إلى`
_REACH_THEN_COUNT = re.compile(rf"(?<!\w){_REACH}\s+{_COUNT}(?!\w)")
_TO_NUMBER = re.compile(rf"(?<!\w)(?:الي|لـ|ل)\s*{_LINK}$")
_NEW_MEMBERS = re.compile(r"(?<!\w)(?:ال)?جدد(?!\w)")   # `عدد المتطوعين الجدد`: a count of arrivals
_NO_MORE_THAN = re.compile(r"(?<!\w)(?:ليسوا|ليس|لم\s+يكونوا|لا\s+يتجاوزون|لم\s+يتجاوزوا|لا\s+يزيدون\s+عن|"
                           r"لا\s+يزيد\s+عددهم\s+عن)\s+(?:سوي|الا)?\s*$")
_RELATIVE_SUBJECT = re.compile(r"(?<!\w)(?:من|الذين|اللذين|اللواتي)\s+\S+")


def _clause_before(text: str, start: int, low: int) -> str:
    """The text of the number's clause before `start` (from `low` at most)."""
    before = text[low:start]
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(before)), default=0)
    return before[cut:]


# `يبلغ تعداد ميليشيا حرس القرى بأكملها 1500`: the verb, the count and what it counts, then the number
_REACH_COUNT_OF = re.compile(rf"(?<!\w){_REACH}\s+{_COUNT}(?:\s+[^\s\d]+){{1,5}}\s+{_LINK}$")
# `تعداد الميليشيات الإيرانية`, `عدد عناصر الفيلق`: the count of a force's members
_FORCE_COUNT = re.compile(rf"(?<!\w){_COUNT}\s+(?:(?:ال)?[^\s\d]+\s+(?:في|ضمن|لدي|داخل)\s+(?:صفوف\s+)?)?"
                          r"(?:(?:ال)?(?:عناصر|مقاتلي|افراد|منتسبي|مسلحي)\s+)?[ول]?(?:ال)?"
                          r"(?:ميليشي|مليشي|قوات|فصائل|فصيل|فيلق|لواء|فرقه|حرس|كتائب|كتيبه|تشكيلات|مجلس|جيش)\w*")
_COUNT_ENDS = re.compile(rf"(?<!\w)(?:{_REACH}|{_COUNT})\s+{_LINK}$|(?<!\w)ب{_LINK}$")


def force_counted(text: str, start: int, sentence_start: int) -> bool:
    """The number is what a count of a force's members reaches: `يبلغ تعداد ميليشيا حرس القرى
    بأكملها 1500`, `تعداد الميليشيات الإيرانية على الأراضي السورية، من حملة الجنسية السورية
    ومن جنسيات أخرى، يفوق الـ 58 ألف شخص` (across an aside, no other number between)."""
    low = max(sentence_start, start - 200)
    found = None
    for found in _FORCE_COUNT.finditer(text, low, start):
        pass
    if found is None or any(ch.isdigit() for ch in text[found.end():start]):
        return False
    return (_COUNT_ENDS.search(text, found.start(), start) is not None
            or _REACH_COUNT_OF.search(text, max(low, found.start() - 12), start) is not None)


def count_reaches(text: str, start: int, sentence_start: int) -> bool:
    """A count reaching the number in its clause: `بلغ تعدادهم 550`, or a count noun earlier
    in the clause and a verb of reaching right before the number (`عدد السوريين الذين
    جندتهم روسيا … بلغ نحو 2000`), or the verb and its count first and the number after
    `إلى` (`وصل تعداد من انضموا إلى صفوفها إلى نحو 800`), or those who did something
    `ليسوا سوى 320`."""
    clause = _clause_before(text, start, max(sentence_start, start - 200))
    if clause.endswith(" ال"):
        clause = clause[:-2]   # `يقارب المائتي ألف`: the article glued to a number in words
    if _REACH_COUNT.search(clause):
        return True
    if _REACH_ONLY.search(clause) and _COUNT_WORD.search(clause):
        return True
    if _REACH_THEN_COUNT.search(clause) and _TO_NUMBER.search(clause) and _NEW_MEMBERS.search(clause) is None:
        return True
    if _REACH_COUNT_OF.search(clause) and _NEW_MEMBERS.search(clause) is None:
        return True
    return _NO_MORE_THAN.search(clause) is not None and _RELATIVE_SUBJECT.search(clause) is not None


# `تقدّر المصادر عدد من التحقوا … بأقل من 100`, `فيُقدَّر تعدادهم بأكثر من 9700`: a count estimated at a number
_ESTIMATE = re.compile(r"(?<!\w)[وف]?(?:يقدر|تقدر|قدر|قدرت|قدروا|يقدرون|تقديرات|تقدير)(?!\w)")
_ESTIMATED_AT = re.compile(r"(?<!\w)ب(?:(?:اقل|اكثر|نحو|حوالي|قرابه|زهاء|ما\s+يقارب|ما\s+يناهز|ما\s+يزيد\s+(?:علي|عن)"
                           r"|ما\s+لا\s+يقل\s+عن)(?:\s+من)?\s+)?(?:ال)?$")


def count_estimated(text: str, start: int, sentence_start: int) -> bool:
    """The number of people just named, estimated (`أما العناصر والمجندون في الميليشيات،
    فيُقدَّر تعدادهم بأكثر من 9700`): an estimating verb and `their count` earlier in the
    clause, the number after `ب`: a standing size. (A force's count estimated, `يقدّر عدد
    عناصر الميليشيا بنحو 2000`, is `force_counted`.)"""
    clause = _clause_before(text, start, max(sentence_start, start - 200))
    estimate = _ESTIMATE.search(clause)
    return (estimate is not None and _THEIR_COUNT.search(clause, estimate.end()) is not None
            and _ESTIMATED_AT.search(clause) is not None)


# `تعدادهم`, `عددهم`: the count of people just named
_THEIR_COUNT = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:عدد|تعداد|اعداد)(?:هم|هن)(?!\w)")


_ONE_BATCH = re.compile(r"(?<!\w)[وب]?(?:ال)?(?:دفعه|دوره|قافله|رحله|مجموعه|حافله|طائره|طايره)(?:\s+\S+)?\s+"
                        r"(?:جديده|اولي|ثانيه|ثالثه|اخري|من)(?!\w)")
_SEVERAL_BATCHES = re.compile(r"(?<!\w)[وب]?(?:ال)?(?:دفعات|دفعتين|دفعتان|دورات|قوافل|رحلات)(?!\w)")
_LOAD = re.compile(r"(?<!\w)(?:عدد\s+ركاب\w*|(?:ت|ي)قل|(?:ت|ي)قلان|تحمل|يحمل|على\s+متنها)\s+" + _LINK + "$")


# `أرسل أول مجموعة منهم`, `آخر دفعة`: one batch named by its order
_ORDERED_BATCH = re.compile(r"(?<!\w)[وب]?(?:اول|ثاني|ثالث|رابع|خامس|اخر|احدث)\s+(?:ال)?(?:دفعه|دوره|قافله|رحله|مجموعه)(?!\w)")
# `وقوامها 30 عنصراً`: the size of what was just named
_SIZE_WORD = re.compile(r"(?<!\w)[و]?(?:قوامها|قوامه|تعدادها|عددها)\s+" + _LINK + "$")
# `تخرّج دورة … تضم نحو 5 آلاف`, `الدورة تضم في صفوفها نحو 5000`: what a course or batch comprises
_COMPRISES = re.compile(r"(?<!\w)(?:يضم|تضم|ضمت|ضم)(?:\s+(?:في|بين)\s+(?:صفوفها|صفوفه|جنباتها))?\s+" + _LINK + "$")
_BATCH_SUBJECT = re.compile(r"(?<!\w)[وب]?(?:ال)?(?:دوره|دفعه)(?!\w)")
_GRADUATING = re.compile(r"(?<!\w)[وف]?(?:خرج|خرجت|يخرج|تخرج|تخرجت|يتخرج|تخريج|التخريج)(?!\w)")


def batch_size(text: str, start: int, sentence_start: int) -> bool:
    """The count of one batch or one load is its arrivals: `خرّجت دورة جديدة من الملتحقين
    يبلغ عددهم 238`, `طائرة … كان عدد ركابها أكثر من 300`, `طائرة تقلّ 300`, `أرسل أول
    مجموعة منهم، وقوامها 30 عنصراً`, `تخرّج دورة … تضم نحو 5 آلاف`, `خرّج ستة وحدات، تضم
    500 مقاتل`; a count over several batches (`نقلت دفعتين …، بلغ تعدادهم 550`) stays a total."""
    clause = _clause_before(text, start, max(sentence_start, start - 200))
    if _LOAD.search(clause):
        return True
    before = text[max(sentence_start, start - 200):start]
    if _SEVERAL_BATCHES.search(before) is None and (
            _SIZE_WORD.search(clause) and (_ORDERED_BATCH.search(before) or _ONE_BATCH.search(before))
            or _COMPRISES.search(clause) and (_GRADUATING.search(before) or _BATCH_SUBJECT.search(clause))):
        return True
    before = text[sentence_start:start]
    return (_REACH_COUNT.search(clause) is not None and _ONE_BATCH.search(before) is not None
            and _SEVERAL_BATCHES.search(before) is None)


_STANDING = re.compile(r"(?<!\w)[وف]?(?:يوجد|توجد|يتواجد\w*|تتواجد|متواجد\w*|موجود\w*|ينتشر\w*|تنتشر|منتشر\w*"
                       r"|يتمركز\w*|تتمركز|متمركز\w*|يشمل|تشمل|حاليا|الان|في\s+الوقت\s+(?:الراهن|الحالي))(?!\w)")
# `آلاف المجندين في صفوف الميليشيات`: men in a force's ranks, with no verb of moving
_IN_RANKS_AFTER = re.compile(r"(?:\s+\S+)?\s+(?:في|ضمن)\s+صفوف(?!\w)")   # the counted noun only between
_STANDING_WINDOW = 40
# `يخدم في صفوفها نحو 4 آلاف`, `700 شاب يعملون في صفوف الميليشيا`: serving in a force's ranks now
_SERVING = re.compile(r"(?<!\w)[وف]?(?:يخدم|يخدمون|تخدم|يقاتل|يقاتلون|تقاتل|يعمل|يعملون|تعمل|ينشط|ينشطون|تنشط)"
                      r"\s+(?:\S+\s+){0,7}?(?:في|ضمن)\s+(?:ال)?صفوف")
_STILL = re.compile(r"(?<!\w)(?:لا|ما)\s*(?:يزال|تزال|زال|زالت|زالوا|يزالون|تزالان)(?!\w)")
# `58 ألف مقاتل تضمهم الميليشيات الإيرانية`: a force comprising them
_COMPRISED_AFTER = re.compile(r"(?:\s+\S+){0,2}?\s+(?:تضمهم|يضمهم|تضمهن|يضمهن)(?!\w)")


def standing(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """A standing size: a verb of being somewhere now, or `حالياً`, in the number's clause
    near it: `يوجد مئات آخرون داخل المعسكرات`, `1200 عنصر منتشرون حالياً في البادية`,
    `تغطي في الوقت الراهن 10 آلاف مقاتل`, `القرار يشمل نحو 14 ألف عنصر`, `آلاف المجندين في
    صفوف الميليشيات`, `58 ألف مقاتل تضمهم الميليشيات`, `لا يزال نحو 3 آلاف مقاتل في ليبيا`,
    `يخدم في صفوفها نحو 4 آلاف`."""
    before = _clause_before(text, start, max(sentence_start, start - _STANDING_WINDOW))
    after = text[end:min(sentence_end, end + _STANDING_WINDOW)]
    after = _CLAUSE_BREAK.split(after, 1)[0]
    clause = before + text[start:end] + after
    return (_STANDING.search(before) is not None or _STANDING.search(after) is not None
            or _STILL.search(clause) is not None or _SERVING.search(clause) is not None
            or _IN_RANKS_AFTER.match(text, end, sentence_end) is not None
            or _COMPRISED_AFTER.match(text, end, sentence_end) is not None)


_PURPOSE_BEFORE = re.compile(r"(?<!\w)(?:طلبا|بهدف|تمهيدا|بغيه|بقصد|من\s+اجل|سعيا)\s*(?:ل|لل)?$")


def purpose_after(text: str, cue_start: int, end: int) -> bool:
    """A purpose named after the number (`تحتجز عشرات الشبان لتجنيدهم`, `قصد عشرات الشبان
    المكتب طلباً للانضمام`, `عبروا … تمهيداً لنقلهم`): why the counted men were taken or
    came, not a number still wanted."""
    if cue_start < end:
        return False
    word_start = cue_start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    if text[word_start:cue_start] in ("ل", "ول", "لل", "ولل"):
        return True
    return _PURPOSE_BEFORE.search(text, max(0, word_start - 16), word_start) is not None


_PARTITIVE = re.compile(r"(?<!\w)(?:من\s+)?(?:بينهم|منهم|بينهن|منهن)\s+" + _LINK + "$")


# `من بينهم 300 مقاتل من حمص، فضلاً عن 320 فرداً`: a further part of the same group
_FURTHER_PART = re.compile(r"(?<!\w)(?:فضلا\s+عن|اضافه\s+الي|بالاضافه\s+الي|الي\s+جانب)\s+" + _LINK + "$")
_PARTITIVE_ANYWHERE = re.compile(r"(?<!\w)(?:من\s+)?(?:بينهم|منهم)(?!\w)")


def part_of_group(text: str, start: int, sentence_start: int) -> bool:
    """`وسّعت حملتها لاستقطاب مقاتلين …، من بينهم 300 مقاتل`: a part of men already
    gathered (`منهم`, `من بينهم` right before the number, or `فضلاً عن` after such a part)."""
    if _PARTITIVE.search(text, max(sentence_start, start - 40), start) is not None:
        return True
    low = max(sentence_start, start - 200)
    return (_FURTHER_PART.search(text, max(low, start - 30), start) is not None
            and _PARTITIVE_ANYWHERE.search(text, low, start) is not None)


_TASKING = re.compile(r"(?<!\w)[وف]?(?:كلف|كلفت|اوعز|اوعزت|امر|امرت|طالب|طالبت|وجه|وجهت)(?!\w)")
# the act as the tasking's object: `بتجنيد`, `بالبدء في جمع`, `بالعمل على تجنيد`
_TASK_OBJECT = re.compile(r"(?<!\w)[و]?ب(?:ال)?(?:(?:بدء|البدء|عمل|شروع)\s+(?:في|على|علي)\s+)?$")


def tasked(text: str, cue_start: int, sentence_start: int) -> bool:
    """An act someone was told to do: `كلّفت مكاتب الفيلق، وهو فيلق تدعمه، بتجنيد 300 شاب`,
    `أوعزت إلى السماسرة بالبدء في جمع 300 شاب`: a wanted number."""
    low = max(sentence_start, cue_start - 160)
    if _TASKING.search(text, low, cue_start) is None:
        return False
    word_start = cue_start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return _TASK_OBJECT.search(text, max(low, word_start - 24), cue_start) is not None


_PAYING_VERB = re.compile(r"(?<!\w)[وف]?(?:تسدد|يسدد|سددت|تدفع|يدفع|دفعت|تصرف|يصرف|صرفت|تؤمن|يؤمن|تمول|يمول|مولت)(?!\w)")
_PAY_NOUN_AFTER = re.compile(r"[^،,.؛]{0,100}?(?<!\w)(?:ال)?(?:رواتب|راتب|مرتبات|اجور)(?:هم|ه|ها)?(?!\w)")
# `20 مليون دولار لقرابة 10 آلاف مقاتل`: money for so many men
_MONEY_FOR = re.compile(r"(?:دولار|ليره|يورو)\S*(?:\s+(?:امريكي|اميركي|سوريه|تركيه))?\s+(?:ل|لـ\s*)"
                        r"(?:(?:قرابه|نحو|حوالي|زهاء|اكثر\s+من)\s+)?$")


_RECEIVING_VERB = re.compile(r"(?<!\w)[وف]?(?:تسلم|يتسلم|استلم|يستلم|يتقاضي|يتقاضون|تقاضي|قبض|يقبض|يقبضون)(?!\w)")


def payroll(text: str, start: int, end: int, sentence_start: int) -> bool:
    """Men on a payroll are the force's size: `تسدد لـ10 آلاف مقاتل رواتب شهرية` (a paying or
    receiving verb before, the pay noun after, one clause: `تسلّم نحو 900 عنصر رواتبهم`),
    `20 مليون دولار لقرابة 10 آلاف مقاتل`."""
    clause = _clause_before(text, start, max(sentence_start, start - 60))
    if _MONEY_FOR.search(clause):
        return True
    return ((_PAYING_VERB.search(clause) is not None or _RECEIVING_VERB.search(clause) is not None)
            and _PAY_NOUN_AFTER.match(text, end) is not None)


# `سيُدفع بهم`, `سينضمون`: a verb of the future right after the number, in its clause
_FUTURE_AFTER = re.compile(r"(?:\s+\S+){0,2}?\s+(?:س|سوف\s+)(?:ي|ت|ن)(?:تم|دفع|نضم|ضم|جند|لتحق"
                           r"|شارك|خضع|تخرج|ستقدم|ستقبل)\w*")   # not `سيتوجهون`, `سيُنقلون`: men moving, a flow


def future_after(text: str, end: int, sentence_end: int) -> bool:
    """`أوضحت أن 30 ألفاً منهم سيُدفع بهم لتنفيذ عمليات`: men still to be sent, a target."""
    found = _FUTURE_AFTER.match(text, end, sentence_end)
    return found is not None and not _CLAUSE_BREAK.search(text, end, found.end())


_TAKING_PART = re.compile(r"(?<!\w)[وف]?(?:ب)?(?:ال)?(?:شارك|يشارك|تشارك|شاركت|شاركوا|يشاركون|مشاركه|حضر|حضروا|يحضر)(?!\w)")


# a training course or camp: taking part in it is joining a batch of trainees
_COURSE = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:دوره|دورات|تدريب\w*|معسكر|معسكرات)(?!\w)")


def taking_part(text: str, start: int, sentence_start: int) -> bool:
    """`شارك 40 عنصراً من الفيلق في الاستعراض`: men taking part in an event, counted there,
    neither arriving nor a total; not men taking part in a training course named in the
    sentence before them (`أُقيمت دورة للقناصة، وشارك فيها 35 مقاتلاً`: its trainees, arrivals)."""
    return (_TAKING_PART.search(_clause_before(text, start, max(sentence_start, start - 40))) is not None
            and _COURSE.search(text, sentence_start, start) is None)


_LIST = r"(?:ال)?(?:قا[يئ]مه|قوا[يئ]م|لا[يئ]حه|لوا[يئ]ح)(?!\w)"
# `قائمة بنحو 23 ألف اسم`, `قوائم فيها أسماء 120 شاباً`: the list, a word, its names, then the number
_LIST_BEFORE = re.compile(rf"(?<!\w)[وب]?{_LIST}(?:\s+\S+)?(?:\s+[وب]?(?:ال)?اسماء)?\s+(?:ب|من\s+)?{_LINK}$")
_LIST_AFTER = re.compile(rf"(?:\s+\S+){{0,3}}?\s+(?:تضمهم|يضمهم|تضم|في|على|ضمن|وردت\s+في)\s+[وب]?{_LIST}")


def listed(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """Names on a list of candidates are men still wanted: `قائمة بنحو 23 ألف اسم لشبان
    وصفتهم بالمرشحين`, `23 ألفاً من الشبان تضمهم قائمة المرشحين الجدد`."""
    return (_LIST_BEFORE.search(text, max(sentence_start, start - 40), start) is not None
            or _LIST_AFTER.match(text, end, sentence_end) is not None)
