"""The clause around a number: its words before a cue, negation, distances that count a
comma as farther, and the measure (stock / flow / target) of a recruits figure."""
from __future__ import annotations

import re
from dataclasses import dataclass

from helpers.extract.basis import CLAUSE, FRAME, REPORT_DEFAULT
from helpers.extract.measure_frames import (
    decided_to, each_batch_size, liable_to_service, part_of_divided_batch, pushed_into_a_force, wished_for_after,
)
from helpers.extract.predicates import (
    batch_size, count_estimated, count_reaches, force_counted, future_after, listed, part_of_group, payroll, purpose_after,
    standing, tasked,
)

_NEGATORS = frozenset({"لم", "لن", "لا", "ليس", "دون", "بدون", "عدم", "ولم", "ولا", "ولن", "بلا"})
_NEGATION_WINDOW = 6  # words
# `لا سيما` (especially), `لا تزال` (still), `لا يقل عن` (at least): not a denial
_NOT_NEGATING_NEXT = frozenset({"سيما", "يزال", "تزال", "زال", "زالت", "يقل", "تقل", "يتجاوز", "تتجاوز",
                                "يزيد", "تزيد", "بد", "يكتفي", "تكتفي", "تقتصر", "يقتصر"})


@dataclass(slots=True)
class _Cue:
    start: int
    end: int
    category: str
    measure: str
    batch: bool = False    # `دفعة`, `الجدد`: new arrivals whatever else the sentence says
    weak: bool = False     # `يضم`: a total only when nothing nearer says otherwise
    noun: bool = False     # `عائلة`: a recipient noun, no clue for what money is
    count: bool = False    # `ارتفع عدد`: a total that governs its whole clause
    captive: bool = False  # `اعتقل`: arrested people are other, captured members casualties


_UP_TO_LAST_BREAK = re.compile(r".*[.؟!؛،,\n]", re.S)   # greedy: through the last break


def _clause_words_before(text: str, start: int, characters: int, most: int) -> list[str]:
    """The last `most` words of the `characters` before `start`, not crossing a clause break."""
    before = text[max(0, start - characters):start]
    last_break = _UP_TO_LAST_BREAK.match(before)
    return (before[last_break.end():] if last_break else before).split()[-most:]


def _negated(text: str, start: int) -> bool:
    """`لم يحصلوا على رواتب`: a negator among the few words before the cue."""
    words = _clause_words_before(text, start, 60, _NEGATION_WINDOW)
    if _NEGATORS.isdisjoint(words):
        return False                     # the common case, without the loop below
    return any(w in _NEGATORS and (i + 1 >= len(words) or words[i + 1] not in _NOT_NEGATING_NEXT)
               for i, w in enumerate(words))


def _settle_measures(text: str, cues: list[_Cue]) -> list[_Cue]:
    """`عدد المنضمين` counts a total: the noun after `عدد` is not a new arrival.
    `لتجنيد` / `بهدف تجنيد` (in order to recruit) is a wish, not an arrival."""
    counted_until = -1
    for cue in cues:
        if cue.measure == "flow" and cue.start < counted_until:
            cue.measure = ""
        elif cue.measure == "flow" and _purpose_clitic(text, cue.start):
            cue.measure = "target"
        if cue.measure == "stock" and text[cue.start:cue.end].endswith("عدد"):
            counted_until = _word_end(text, cue.end)
    return cues


def _purpose_clitic(text: str, start: int) -> bool:
    """Is the word at `start` written with the clitic ل (`لتجنيد`, `ولتجنيد`)?"""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    return text[word_start:start] in ("ل", "ول", "فل", "لل", "ولل")


def _word_end(text: str, position: int) -> int:
    """End of the word after `position` (skipping one space)."""
    while position < len(text) and text[position] == " ":
        position += 1
    while position < len(text) and text[position].isalpha():
        position += 1
    return position


def _distance(cue_start: int, cue_end: int, start: int, end: int) -> int:
    if cue_end <= start:
        return start - cue_end
    if cue_start >= end:
        return cue_start - end
    return 0


_CLAUSE_BREAK = re.compile(r"[،,؛]")
_COUNT_WORDS = ("عدد", "اعداد", "تعداد")


def _rising_count(measure: str, words: str) -> bool:
    """`ارتفع عدد`, `بلغ عدد`: a verb of reaching and its count (not bare `عدد`)."""
    return measure == "stock" and " " in words and words.endswith(_COUNT_WORDS)
_CLAUSE_PENALTY = 60     # a cue across a comma counts as this much farther
_BATCH_WINDOW = 40
_WEAK_PENALTY = 30


def _gap(text: str, cue: _Cue, start: int, end: int) -> str:
    """The words between a cue and [start, end)."""
    return text[cue.end:start] if cue.end <= start else text[end:cue.start]


def _gap_distance(text: str, cue: _Cue, start: int, end: int) -> int:
    distance = _distance(cue.start, cue.end, start, end)
    return distance + (_CLAUSE_PENALTY if _CLAUSE_BREAK.search(_gap(text, cue, start, end)) else 0)


def measure_of(text: str, quantity, cues: list[_Cue], others: list, sentence_start: int,
               sentence_end: int) -> str | None:
    """The measure of a recruits figure (see `measure_with_basis`)."""
    return measure_with_basis(text, quantity, cues, others, sentence_start, sentence_end)[0]


def measure_with_basis(text: str, quantity, cues: list[_Cue], others: list, sentence_start: int,
                       sentence_end: int) -> tuple[str | None, str]:
    """stock / flow / target for a recruits figure, in this order:
    1. a wish before it in its clause (`تسعى … لتجنيد 500`, `بحاجة إلى 250`);
    2. a batch or new members next to it in its clause (`دفعة جديدة تضم 300`);
    3. a running total just before it (`ارتفع عدد المنضمين إلى 1500`): it
       governs the first number after it;
    4. else the nearest measure cue (`comprises` counts as farther)."""
    start, end = quantity.start, quantity.end
    in_sentence = [c for c in cues if c.measure and sentence_start <= c.start and c.end <= sentence_end]
    preceding = []
    for cue in reversed([c for c in in_sentence if c.end <= start]):
        if any(cue.end <= o.start < start for o in others):
            break
        preceding.append(cue)          # nearest first, no other number in between
    same_clause = [c for c in preceding if not _CLAUSE_BREAK.search(text, c.end, start)]
    part = part_of_group(text, start, sentence_start)
    if any(c.measure == "target" for c in same_clause) and not part:
        return "target", FRAME
    if same_clause and same_clause[0].measure == "flow" and tasked(text, same_clause[0].start, sentence_start):
        return "target", FRAME  # `كلّفت مكاتب الفيلق بتجنيد 300 شاب`: the act it was told to do
    if decided_to(text, start, sentence_start) and not part:
        return "target", FRAME  # `صدر قرار بنشر نحو 800 مقاتل`: men still to be sent
    if future_after(text, end, sentence_end):
        return "target", FRAME  # `30 ألفاً منهم سيُدفع بهم`: still to be sent
    if listed(text, start, end, sentence_start, sentence_end):
        return "target", FRAME  # `قائمة بنحو 23 ألف اسم لشبان مرشحين`: names on a list, still wanted
    if wished_for_after(text, end, sentence_end):
        return "target", FRAME  # `حددت بـ 500 عنصر العدد الأقصى لمن تريد ضمهم`: those it wishes to enlist
    if liable_to_service(text, end, sentence_end) and not any(
            c.captive for c in cues if sentence_start <= c.start < sentence_end):
        return "target", FRAME  # `آلاف الشبان ممن بلغوا سن التجنيد`: men the army still wants
    if _paid_for(text, start, sentence_start) or payroll(text, start, end, sentence_start):
        return "stock", FRAME   # `تدفع رواتب 86 ألف مسلح`: the payroll is the force's size
    if any(c.count for c in same_clause if _SO_FAR.fullmatch(text, c.start, c.end)):
        return "stock", FRAME   # `تمكنت حتى الآن من تجنيد نحو 2000`: so far, a running total
    if _recent_window(text, start, sentence_start) or (
            _since(text, start, end, sentence_start, sentence_end) and not any(c.count for c in same_clause)
            and not _rise_on_count(text, start, sentence_start)):
        return "flow", FRAME    # `وصل خلال الأسبوع المنصرم إلى 20`, `منذ بداية العام تخطى 1500`: arrivals since
    if batch_size(text, start, sentence_start) or each_batch_size(text, start, sentence_start) or \
            part_of_divided_batch(text, start, sentence_start) or pushed_into_a_force(text, start, end):
        return "flow", FRAME    # `دورة جديدة من الملتحقين يبلغ عددهم 238`: one batch's size
    if any(c.batch and _gap_distance(text, c, start, end) <= _BATCH_WINDOW and not _number_between(c, start, end, others)
           for c in in_sentence):
        return "flow", FRAME
    # `ارتفع عدد الذين نقلتهم تركيا إلى ليبيا إلى 11 ألفاً`: governs through its clause
    if any(c.count for c in same_clause) or count_reaches(text, start, sentence_start) or count_estimated(
            text, start, sentence_start) or force_counted(text, start, sentence_start):
        return "stock", FRAME   # `بلغ تعدادهم 550`, `يقدّر عدد المنتسبين بنحو 22 ألفاً`: a running total
    if not any(c.measure == "flow" for c in same_clause) and standing(text, start, end, sentence_start, sentence_end):
        return "stock", FRAME   # `يوجد مئات آخرون داخل المعسكرات`: a standing size
    if preceding and preceding[0].measure == "stock" and not preceding[0].weak:
        if _count_wanted(text, preceding[0], in_sentence):
            return "target", CLAUSE   # `حاجة شركة أمنية إلى عدد محدد من الأشخاص، لا يتجاوز 150`
        return "stock", (FRAME if preceding[0] in same_clause else CLAUSE)
    best, best_distance, best_cue = None, None, None
    purposes = 0
    for cue in in_sentence:
        if cue.measure == "target" and (_ASKED_NOT_TO.match(text, cue.end) or _THEIR_NEED.match(text, cue.end)):
            continue   # `طلب عدم ذكر اسمه`, `حاجة الشبان إلى عمل`: no men wanted
        if cue.measure == "target" and purpose_after(text, cue.start, end):
            purposes += 1   # `تحتجز عشرات الشبان لتجنيدهم`: why they were taken, not a wish
            continue
        distance = _gap_distance(text, cue, start, end) + (_WEAK_PENALTY if cue.weak else 0)
        if best_distance is None or distance < best_distance:
            best, best_distance, best_cue = cue.measure, distance, cue
    if best == "target" and part:
        return "flow", CLAUSE   # `حملة لاستقطاب مقاتلين، من بينهم 300 مقاتل`: already gathered
    if best_cue is None:
        if purposes or any(c.captive for c in cues if sentence_start <= c.start < sentence_end):
            return "flow", CLAUSE   # `اعتقلوا عشرات الشبان … لاقتيادهم إلى التجنيد`: taken for service
        return None, REPORT_DEFAULT
    how = CLAUSE if _CLAUSE_BREAK.search(_gap(text, best_cue, start, end)) else FRAME
    if best == "flow" and not best_cue.batch and _thousands(quantity) and _enlisting_verb(text, best_cue) \
            and not _TIME_SPAN.search(text, sentence_start, sentence_end):
        return "stock", CLAUSE   # `جندت إيران ما يقارب 18 ألف عنصر`: thousands enlisted, a running total
    return best, how


_ASKED_NOT_TO = re.compile(r"\s+(?:عدم|الا)(?!\w)")
# `حاجة الشبان إلى عمل`: the people's own need, not a need for men
_THEIR_NEED = re.compile(r"\s+(?:ال)?(?:شبان|شباب|اهالي|سكان|عائلات|اسر|الناس|مواطنين|نازحين|مهجرين)\s+(?:الي|ل)")
_COUNT_CUE = re.compile(r"[وبل]?(?:ال)?(?:عدد|اعداد|تعداد)")


def _count_wanted(text: str, count: _Cue, in_sentence: list[_Cue]) -> bool:
    """A bare count noun (`عدد`) that is the object of a wish or need before it in its clause
    (`حاجة شركة أمنية إلى عدد محدد من الأشخاص`): the number it governs is wanted."""
    if not _COUNT_CUE.fullmatch(text, count.start, count.end):
        return False
    return any(c.measure == "target" and c.end <= count.start and count.start - c.end <= 40
               and not _CLAUSE_BREAK.search(text, c.end, count.start) for c in in_sentence)


_SO_FAR = re.compile(r"(?:حتي|لغايه|الي)\s+(?:الان|اللحظه|اليوم|تاريخه)")
_PAY_NOUNS = frozenset({"رواتب", "راتب", "اجور", "مرتبات", "مخصصات", "برواتب", "لرواتب"})
_PAY_WINDOW = 3   # words


def _paid_for(text: str, start: int, sentence_start: int) -> bool:
    """`إيران تؤمّن كل شهر رواتب 86 ألف مقاتل`, `يكفي رواتب لألف عنصر`: a pay noun right
    before the count (a few words, same clause) counts a force on the payroll."""
    words = _clause_words_before(text, start, min(60, start - sentence_start), _PAY_WINDOW)
    return any(w in _PAY_NOUNS or (w[:1] in "وف" and w[1:] in _PAY_NOUNS) for w in words)


_RECENT_WINDOW = re.compile(r"(?:خلال|في)\s+(?:(?:ال)?(?:اسبوع|شهر|ايام|يومين|ساعات|اسابيع|اشهر|اسبوعين|شهرين)\s+"
                            r"(?:ال)?(?:منصرم|ماضي|ماضيه|اخير|اخيره|فايت|سابق)|(?:ال)?(?:24|48)\s+ساعه)")


_SINCE = re.compile(r"(?<!\w)منذ\s+(?!(?:ذلك|الان|حينه|زمن|فتره)(?!\w))\S")
# `تجاوز 3500 شاب منذ بداية العام`, `تخطى 3 آلاف خلال الأيام الخمسة الأولى`: the period after the number
_PERIOD_AFTER = re.compile(r"(?:\s+\S+){0,3}?\s+(?:منذ\s+\S|خلال\s+(?:ال)?(?:عام|سنه|اشهر|شهر|شهرين|اسبوع|اسابيع"
                           r"|ايام|يوم|يومين|عامين|سنتين|سنوات|اعوام|فتره|صيف|ربيع|شتاء|خريف)\S*)")


_RISE = re.compile(r"(?<!\w)[وفل]?(?:ارتفع|يرتفع|ترتفع|ارتفعت|زاد|يزداد|ازداد|تزايد)(?!\w)")
_COUNT_NOUN = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:عدد|تعداد|اعداد|حصيله)(?:هم|ها)?(?!\w)")


def _rise_on_count(text: str, start: int, sentence_start: int) -> bool:
    """`عدد المنتسبين … ارتفع إلى نحو 400 شاب منذ مطلع العام`: a rise told on a count in the
    clause before the number, a running total even when kept from a start."""
    low = max(sentence_start, start - 160)
    clause = max(text.rfind("،", low, start), text.rfind(",", low, start), low - 1) + 1
    return _RISE.search(text, clause, start) is not None and _COUNT_NOUN.search(text, clause, start) is not None


_OWN_MEMBERS = re.compile(r"(?<!\w)(?:عدد|تعداد)\s+(?:ال)?(?:عناصر|مقاتلي|مقاتل|افراد|اعضاء)\w*")


def _since(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> bool:
    """`عدد المجندين منذ بداية العام تخطى 1500 شاب`, `جنّدت منذ عام 2020 آلاف الشبان`,
    `تجاوز 3500 شاب منذ بداية العام`: counted over a period named by its start, in the clause
    before the number, or by its start or length right after it: the arrivals of that period."""
    low = max(sentence_start, start - 100)
    clause = max(text.rfind("،", low, start), text.rfind(",", low, start))
    if _OWN_MEMBERS.search(text, max(low, clause + 1), start) is not None:
        return False   # `تراجع عدد عناصره من 5 آلاف إلى 1800 خلال عامين`: a force's size, not arrivals
    if _SINCE.search(text, max(low, clause + 1), start) is not None:
        return True
    found = _PERIOD_AFTER.match(text, end, sentence_end)
    return found is not None and not _CLAUSE_BREAK.search(text, end, found.end())


def _recent_window(text: str, start: int, sentence_start: int) -> bool:
    """`وصل عدد المتطوعين خلال الأسبوع المنصرم إلى 20`: a count bounded by a recent
    window, in the clause before the number, counts that window's arrivals."""
    low = max(sentence_start, start - 80)
    clause = text.rfind("،", low, start)
    return _RECENT_WINDOW.search(text, max(low, clause + 1), start) is not None


def _number_between(cue: _Cue, start: int, end: int, others: list) -> bool:
    """Another number between a cue and [start, end): the cue is that number's (`800 عنصر بعد انضمام 200 شاب جديد`)."""
    low, high = (cue.end, start) if cue.end <= start else (end, cue.start)
    return any(low <= o.start < high for o in others)


def _thousands(quantity) -> bool:
    """Thousands of men (`18 ألف`, `آلاف`, from 3000 up; `أكثر من 1900` is not)."""
    return quantity.value >= 3000 or (quantity.qualifier == "vague" and quantity.value >= 1000)


_ENLIST_STEMS = ("جند", "تجنيد", "ضم", "تطوع", "انخرط", "سجل")
# a time span makes a count of enlisted men the arrivals of that span (`منذ مطلع العام`, `خلال العام الماضي`)
_TIME_SPAN = re.compile(r"(?<!\w)(?:منذ|خلال|مطلع|طيله|طوال)(?!\w)")


def _enlisting_verb(text: str, cue: _Cue) -> bool:
    """`جندت إيران ما يقارب 18 ألف عنصر`, `ضمت إلى صفوفها 9 آلاف`: a verb of enlisting
    (not of moving: `نقلت`, `وصلوا`, `التحق`); with thousands and no time span, a
    monitoring bulletin's running total."""
    word = text[cue.start:cue.end].split()[0]
    if word == "الي":   # `ضمت إلى صفوفها آلاف المقاتلين`: the verb before the ranks
        before = text[max(0, cue.start - 20):cue.start].split()
        word = before[-1] if before else word
    if word[:1] in "وفل" and not word.startswith(_ENLIST_STEMS):
        word = word[1:]
    return word.startswith(_ENLIST_STEMS)


def _span(quantity) -> tuple[int, int]:
    start = getattr(quantity, "span_start", None)
    end = getattr(quantity, "span_end", None)
    return (quantity.start if start is None else start, quantity.end if end is None else end)
