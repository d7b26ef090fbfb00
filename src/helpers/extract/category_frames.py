"""Category rules read from the predicate of the number's clause (issue 9, class 7):
who the people counted are (joined a settlement, deserted after an enlisting, came home,
signed up) and what a sum of money pays for (service in return, a share or worth of pay,
equipment). `categories.categorise_with_basis` calls them in its order."""
from __future__ import annotations

import re

from helpers.extract.attribution import previous_word, word_in
from helpers.extract.frames import _CLAUSE_BREAK, _Cue
from helpers.extract.measure_frames import liable_to_service, part_of_divided_batch, pushed_into_a_force

# `انشقاق 55 شاباً … بعد تجنيدهم`: an enlisting told as past, before what the sentence counts
AFTER_WORDS = frozenset({"بعد", "بعدما", "اثر", "عقب"})


# `سرّح 23 عنصراً كانوا قد التحقوا بصفوفه`, `ممن جُنّدوا`: an enlisting that describes the men
_DESCRIBED_BEFORE = re.compile(r"(?<!\w)(?:(?:كانوا|كان|كن|قد\s+كانوا)\s+قد|ممن|الذين|اللذين)\s+$")


def enlisting_told_as_past(text: str, start: int) -> bool:
    """Is the enlisting word at `start` told as what came before (`بعد تجنيدهم`) or as what
    describes the men counted (`كانوا قد التحقوا بصفوفه`, `ممن جُنّدوا`), rather than as the
    clause's own act?"""
    return (word_in(previous_word(text, start), AFTER_WORDS)
            or _DESCRIBED_BEFORE.search(text, max(0, start - 20), start) is not None)


_DESERTING = re.compile(r"[وفل]?(?:ال)?(?:انشق|تنشق|ينشق)\w*")   # the act, not `المنشقين` describing the men


def deserted_after_enlisting(text: str, cues: list[_Cue], sentence_start: int, sentence_end: int) -> bool:
    """A desertion in the sentence, and every enlisting in it told as what came before
    (`أعلن خمسة وخمسون شاباً انشقاقهم عن قسد، بعدما جُنّدوا قسراً`): the men counted left."""
    in_sentence = [c for c in cues if sentence_start <= c.start and c.end <= sentence_end]
    if not any(c.category == "other" and _DESERTING.fullmatch(text, c.start, c.end) for c in in_sentence):
        return False
    enlisting = [c for c in in_sentence if c.category == "recruits" and c.measure]
    return bool(enlisting) and all(word_in(previous_word(text, c.start), AFTER_WORDS) for c in enlisting)


# a verb of joining, performing or undergoing, then (a few words on) a settlement as its complement
_SETTLING = re.compile(
    r"(?<!\w)[وف]?(?:ال)?(?:انضم|ينضم|تنضم|انضمام|منضم|التحق|يلتحق|تلتحق|التحاق|ملتحق|اجري|اجروا|يجري|يجرون|اجرت"
    r"|خضع|يخضع|خضوع|تقدم|يتقدم|مقبل|المقبل|راجع|يراجع|توافد|يتوافد)\w*\s+(?:\S+\s+){0,4}?"
    r"(?:(?:(?:الي|في|علي)\s+|ب|ل)(?:ال)?(?:(?:عمليه|عمليات|مركز|مراكز|لجنه|لجان)\s+(?:ال)?)?(?:تسويه|تسويات)"
    r")(?!\w)"
    # `أجرى عشرات الشبان تسويات`: a settlement performed, as the verb's object
    r"|(?<!\w)[وف]?(?:اجري|اجروا|يجري|يجرون|اجرت)\s+(?:\S+\s+){0,3}?(?:ال)?(?:تسويه|تسويات)(?!\w)")
# `20 شاباً ممن أجروا تسوية`, `أبناء المناطق التي خضعت للتسوية`: a past settlement describing them
_DESCRIBING_RELATIVE = re.compile(r"(?<!\w)(?:ممن|التي|الذي|اللتين|اللواتي|اللاتي)\s+$")
_AFTER_SETTLING = re.compile(r"(?<!\w)(?:بعد|بعدما|اثر|عقب|منذ)\s+(?:\S+\s+)?$")


# `المئات من الشبان ممن يرغبون بتسوية أوضاعهم`, `قدموا لتسوية أوضاعهم`: men seeking a settlement
_SEEKING_SETTLEMENT = re.compile(r"(?<!\w)(?:(?:يرغبون|يرغب|الراغبين|راغبين|الراغبون|يريدون)\s+(?:في\s+|ب)"
                                 r"|[وف]?(?:ل|بهدف\s+|بغيه\s+|من\s+اجل\s+))(?:ال)?(?:تسويه|تسويات)(?!\w)")
_JOINED_IT = re.compile(r"(?<!\w)[وف]?(?:ال)?(?:انضم|ينضم|منضم|التحق|يلتحق|ملتحق)\w*\s+(?:اليها|بها)(?!\w)")
_JOINING_A_FORCE = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:انضمام|التحاق|تطوع|تجنيد|انتساب)(?!\w)"
                              r"(?!\s+(?:(?:الي|في)\s+)?(?:ب|ل)?(?:ال)?(?:تسوي|مصالح))|صفوف")


def joined_a_settlement(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """People who joined, underwent or came to seek a settlement, in the number's clause: `انضم
    نحو 5 آلاف شخص إلى التسوية`, `بلغ عدد المنضمين إلى التسوية 809`, `أجرى عشرات الشبان تسويات`,
    `توافد المئات ممن يرغبون بتسوية أوضاعهم` (not when they also join a force: `لتسوية أوضاعهم
    والانضمام إلى الفيلق`).
    A settlement told as past (`بعد تسوية أوضاعهم`, `منذ تسويات 2018`) or describing the men
    (`20 شاباً ممن أجروا تسوية`) is not the clause's act."""
    low = max(sentence_start, start - 160)
    cut = max((m.end() for m in _CLAUSE_BREAK.finditer(text, low, start)), default=low)
    found = _CLAUSE_BREAK.search(text, end, min(sentence_end, end + 160))
    high = found.start() if found else min(sentence_end, end + 160)
    if text.find("تسوي", cut, high) < 0:
        # `المنضمين إلى التسوية 809، بينما وصل عدد من انضموا إليها … إلى 1257`: the settlement by a pronoun
        joined_it = _JOINED_IT.search(text, cut, high)
        return (joined_it is not None and text.find("تسوي", max(sentence_start, cut - 120), cut) >= 0
                and not _JOINING_A_FORCE.search(text, cut, high))
    if _JOINING_A_FORCE.search(text, cut, high):
        return False   # `لتسوية أوضاعهم والانضمام إلى صفوف الفيلق`: settled to join a force
    if _SEEKING_SETTLEMENT.search(text, cut, high):
        return True    # `توافد المئات من الشبان ممن يرغبون بتسوية أوضاعهم`: they came to settle
    for match in _SETTLING.finditer(text, cut, high):
        noun = text.rfind("تسوي", match.start(), match.end())
        if _AFTER_SETTLING.search(text, max(cut, noun - 16), noun - (2 if text[noun - 2:noun] == "ال" else 0)):
            continue
        if not _DESCRIBING_RELATIVE.search(text, max(cut, match.start() - 8), match.start()):
            return True
    return False


# `13 مليون دولار للمعدات القتالية`: money spent on things, not paid to people
_ON_THINGS = re.compile(r"\s*\S*\s+(?:\S+\s+)?(?:امريكي\s+|اميركي\s+)?(?:ل|لل|لشراء\s+(?:ال)?)(?:ال)?"
                        r"(?:معدات|اسلحه|سلاح|ذخائر|ذخيره|تجهيزات|اليات|اجهزه)(?!\w)")


def spent_on_things(text: str, end: int) -> bool:
    """`و13 مليون دولار للمعدات القتالية`: a sum for equipment or weapons is `other`."""
    return _ON_THINGS.match(text, end) is not None


_SERVICE_NOUN = r"(?:ال)?(?:توجه|سفر|قتال|عمل|خدمه|انضمام|التحاق|تطوع|حراسه|ذهاب|مشاركه)(?!\w)"
_SERVICE = re.compile(rf"(?<!\w)[وب]?{_SERVICE_NOUN}")
# `300 دولار مقابل التوجه إلى أوكرانيا`: the service named right after `in return for`
_IN_RETURN_FOR_SERVICE = re.compile(rf"[^،,.؛]{{0,30}}?(?<!\w)(?:لقاء|مقابل)\s+{_SERVICE_NOUN}")
# `7 آلاف دولار لقاء كل 7 أشهر من العمل`: money in return for a term of work, a wage
_IN_RETURN_FOR_TERM = re.compile(r"[^،,.؛]{0,30}?(?<!\w)(?:لقاء|مقابل)\s+(?:كل\s+)?(?:\S+\s+)?"
                                 r"(?:شهر|اشهر|شهور|اسبوع|اسابيع|سنه|سنوات|عام|اعوام)(?!\w)")
# `على التوجه إلى النيجر لقاء 1500 دولار`: the money right after `in return for`
_IN_RETURN_BEFORE = re.compile(r"(?<!\w)(?:لقاء|مقابل)\s+(?:(?:ما\s+بين|بين|نحو|حوالي|قرابه|مبلغ)\s+)*$")


def pay_for_service(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """Money given in return (`لقاء`, `مقابل`) for going, fighting or serving, either order:
    `يحثّون شباناً على التوجه إلى النيجر لقاء 1500 دولار`, `عرضت على المتطوعين 300 دولار
    مقابل التوجه إلى أوكرانيا والعمل حراساً`, `7 آلاف دولار لقاء كل 7 أشهر من العمل`: pay for the
    service or for a term of it, a salary."""
    if _IN_RETURN_FOR_SERVICE.match(text, end, sentence_end) or _IN_RETURN_FOR_TERM.match(text, end, sentence_end):
        return True
    return (_IN_RETURN_BEFORE.search(text, max(sentence_start, start - 30), start) is not None
            and _SERVICE.search(text, max(sentence_start, start - 70), start) is not None)


_SIGNING_UP = re.compile(r"(?<!\w)[وفبل]?(?:ال|لل)?(?:تسجيل|سجلوا|يسجلون|يسجلوا|تسجيلهم|متقدمين|المتقدمين)(?!\w)")


def signing_up(text: str, sentence_start: int, sentence_end: int) -> bool:
    """People counted with no other word for them, in a sentence about signing up
    (`مئات يتوافدون إلى ريف حمص للتسجيل في شركة`): volunteers registering with a force."""
    return _SIGNING_UP.search(text, sentence_start, sentence_end) is not None


_RETURNING = re.compile(r"[وف]?(?:عاد|عادوا|عادت|يعود|يعودون|تعود|عوده|العوده|عودتهم)(?:\s+الي)?")
_RETURN_WINDOW = 90


def returning(text: str, cues: list[_Cue], start: int, sentence_start: int) -> bool:
    """A verb of returning before the number in its clause, with no verb of enlisting or
    sending between (`عاد إلى مدينة إعزاز خلال الأيام العشرة الأخيرة 240 مقاتلاً`), or a
    return followed by its arrival (`أتاحت لهم العودة، فوصل 200 مرتزق`): the fighters
    counted came home; they are not recruits."""
    low = max(sentence_start, start - _RETURN_WINDOW)
    back = [c for c in cues if low <= c.start and c.end <= start]
    arrived = _ARRIVED_THEN.search(text, max(low, start - 30), start) is not None
    for i, cue in enumerate(back):
        if not (cue.category == "other" and _RETURNING.fullmatch(text, cue.start, cue.end)):
            continue
        later = [c for c in back[i + 1:] if c.measure]
        if not _CLAUSE_BREAK.search(text, cue.end, start) and not later:
            return True
        if arrived and all(_ARRIVING.fullmatch(text, c.start, c.end) for c in later):
            return True   # `أتاحت لهم العودة، فوصل 200 مرتزق`: the return's arrivals
    return False


# `…، فوصل 200 مرتزق`: an arrival told as what followed, right before the number
_ARRIVED_THEN = re.compile(r"(?<!\w)ف(?:وصل|وصلت|وصلوا)\s+$")
_ARRIVING = re.compile(r"[وف]?(?:وصل|وصلت|وصلوا)")


# `فريقاً إيرانياً للبحث والإنقاذ يضم 11 شخصاً`, `وفد يضم 20 شخصاً`: the size of a team or delegation
_TEAM_OF = re.compile(r"(?<!\w)[وف]?(?:ال)?(?:فريق|فريقا|وفد|وفدا|طاقم|طاقما|بعثه)(?:\s+\S+){0,4}?\s+"
                      r"(?:يضم|تضم|ضم|ضمت|مؤلف\s+من|مولف\s+من|مكون\s+من|قوامه)\s+(?:\S+\s+)?$")


def team_size(text: str, start: int, sentence_start: int) -> bool:
    """People counted as the members of a team or delegation (`فريقاً للبحث والإنقاذ يضم 11
    شخصاً`): rescuers, officials or envoys, not recruits."""
    return _TEAM_OF.search(text, max(sentence_start, start - 80), start) is not None


# `غادر مدينة إدلب ضمن كتيبة من ألف مقاتل`: leaving a town on the way, not leaving a force
_LEFT_A_PLACE = re.compile(r"\s+(?:ال)?(?:مدينه|بلده|قريه|مطار|الاراضي|اراضي|البلاد|سوريا|سوريه|الي|نحو|باتجاه)(?!\w)")


def left_a_place(text: str, cue: _Cue) -> bool:
    """Is the leaving cue (`غادر`) followed by a town or a direction rather than a camp or a force?"""
    return text.startswith("غادر", cue.start) and _LEFT_A_PLACE.match(text, cue.end) is not None


# `130 شاباً استفادوا من هذا القرار`: men a decree, amnesty or exemption applied to
_BENEFITED_FROM_A_RULING = re.compile(
    r"(?:\s+\S+){0,2}?\s+[و]?(?:استفاد|يستفيد|تستفيد)\w*\s+(?:من\s+)?(?:(?:هذا|هذه|ذلك|تلك)\s+)?"
    r"(?:ال)?(?:قرار|مرسوم|عفو|اعفاء|استثناء|تعميم)\w*(?!\w)")


def benefited_from_a_ruling(text: str, end: int, sentence_end: int) -> bool:
    """People counted as those a decree, an amnesty or an exemption applied to (`نحو 130 شاباً
    استفادوا من هذا القرار`): draft evaders let off, not recruits."""
    return _BENEFITED_FROM_A_RULING.match(text, end, sentence_end) is not None


# `سُوّيت أوضاع 300 شخص`, `تسوية أوضاع 120 مطلوباً`: a status settled; `سُوّيت` in the clause
_STATUS_BEFORE = re.compile(r"(?<!\w)[وب]?(?:ال)?اوضاع\s+(?:\S+\s+)?(?:(?:نحو|حوالي|قرابه|زهاء|اكثر\s+من|ال)\s+)?$")
# (not bare `سوي`: normalised `سوى`, "except")
_SETTLED_VERB = re.compile(r"(?<!\w)[وف]?(?:سويت|تسوي|يسوي|تمت\s+تسويه|جرت\s+تسويه)(?!\w)")
_SETTLING_WORD = re.compile(r"(?<!\w)[وفبل]?(?:ال)?(?:سويت|تسوي|يسوي|تسويه|تسويات)(?!\w)")


def status_settled(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """People whose status was settled: `أوضاع` (status) right before the number in a sentence
    that settles (`سُوّيت أوضاع 300 شخص`, `تسوية أوضاع 120 مطلوباً`; not `تحسين أوضاع 300 أسرة`,
    their living conditions), or the settling verb in the number's clause (`إلى جانب 40 عسكرياً
    سُوّيت بين السبت والأحد`): they made their peace with the state, they did not enlist (other)."""
    if _STATUS_BEFORE.search(text, max(sentence_start, start - 40), start) is not None and \
            _SETTLING_WORD.search(text, sentence_start, sentence_end) is not None:
        return True
    low = max((m.end() for m in _CLAUSE_BREAK.finditer(text, max(sentence_start, start - 80), start)),
              default=max(sentence_start, start - 80))
    found = _CLAUSE_BREAK.search(text, end, min(sentence_end, end + 80))
    high = found.start() if found else min(sentence_end, end + 80)
    return _SETTLED_VERB.search(text, low, high) is not None


# `اعتقال 14 شاباً متخلفين عن الخدمة`: the counted men described as evaders of service
_EVADERS = re.compile(r"\s+(?:[^\s\d،,]+\s+)?(?:ال)?(?:متخلفين|متخلفون)\s+عن\s+(?:اداء\s+)?(?:ال)?(?:خدمه|تجنيد|احتياط)(?!\w)")


def described_as_evaders(text: str, end: int) -> bool:
    """The men counted described as evaders of service right after their noun (`اعتقلت الحواجز
    14 شاباً متخلفين عن الخدمة`; not `بينهم اثنان من المتخلفين`, a part of them): seized by a
    verb before them in their clause, they are taken for service (recruits)."""
    return _EVADERS.match(text, end) is not None


def who_the_people_are(text: str, end: int, span_start: int, span_end: int, sentence_start: int,
                       sentence_end: int, unit_class: str | None) -> str | None:
    """The category a construction of the number's clause gives people (or families), else None:
    their status settled (`سُوّيت أوضاع 300 شخص`) → other; wanted for service or of service age
    (`90 ألفاً من المطلوبين لأداء الخدمة`), a group a batch was split into (`ضمّت الأولى 40
    شخصاً`), pushed into a force (`يدفع بالمئات إلى الفيلق`) → recruits."""
    if unit_class in ("people", "family") and status_settled(text, span_start, span_end, sentence_start, sentence_end):
        return "other"
    if unit_class == "people" and (liable_to_service(text, end, sentence_end)
                                   or part_of_divided_batch(text, span_start, sentence_start)
                                   or pushed_into_a_force(text, span_start, span_end)):
        return "recruits"
    return None


_POINTING = frozenset({"هذا", "هذه", "ذلك", "تلك"})


def monthly_named_before(text: str, start: int, end: int) -> bool:
    """`تُدفع هذه المنحة البالغة 3800 ليرة` after `المنحة الشهرية التي يحصل عليها العناصر`: a
    noun pointed at by a demonstrative refers back to its earlier use, which calls it monthly pay."""
    if previous_word(text, start) not in _POINTING:
        return False
    noun = text[start:end]
    noun = noun[2:] if noun.startswith("ال") else noun
    return re.search(rf"(?<!\w)(?:ال)?{re.escape(noun)}\s+(?:ال)?شهري", text[:start]) is not None
