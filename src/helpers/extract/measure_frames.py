"""Measure predicates read from the clause of a recruit count (`frames.measure_with_basis`
calls them in its order): a decision to send men, men of service age or wanted for
service, a count of those someone wishes to enlist, the size of each of several batches
or of a group a batch was split into, and men pushed into a force (the last three also
read by `categories` to make the people counted recruits). Matched on normalised text
(`ي` for `ى`, `ه` for `ة`, no hamza on alef)."""
from __future__ import annotations

import re

from helpers.extract.predicates import _LINK, _clause_before


# a decision, plan or order, then `ب`/`ل` and a verbal noun of sending or enlisting
_DECISION = re.compile(
    r"(?<!\w)[وب]?(?:ال)?(?:قرار|قرارا|خطه|خطط|امر|امرا|اوامر|تعليمات|مخطط|توجيهات)\s+(?:\S+\s+)?"
    r"(?:ب|ل)(?:ال)?(?:نشر|ارسال|نقل|تجنيد|ضم|استقدام|زج|دفع|حشد|استقطاب|تعبئه|فرز|سحب|تسليح)\s+"
    + _LINK + "$")


def decided_to(text: str, start: int, sentence_start: int) -> bool:
    """A decision, plan or order to send or enlist the men counted, in the number's clause
    before it: `صدر قرار بنشر نحو 800 مقاتل على الحدود`, `خطة لنقل 500 عنصر`: men still to
    be sent, a target."""
    clause = _clause_before(text, start, max(sentence_start, start - 120))
    return _DECISION.search(clause) is not None


# `ممن بلغوا سن التجنيد`, `في سن الخدمة`, `من المطلوبين لأداء الخدمة`, `مطلوبين للاحتياط`
_LIABLE_AFTER = re.compile(
    r"[^،,؛.!؟\n]{0,60}?(?<!\w)(?:"
    r"(?:بلغوا|بلغ|يبلغون|في|ب)\s+(?:ال)?سن\s+(?:ال)?(?:خدمه|تجنيد|احتياط)"
    r"|(?:ال)?(?:مطلوبين|مطلوب)\s+(?:ل|لل|الي\s+)?(?:(?:ال)?اداء\s+(?:ال)?)?(?:خدمه|تجنيد|احتياط)"
    r")(?!\w)")


def liable_to_service(text: str, end: int, sentence_end: int) -> bool:
    """Men counted as of service age or wanted for service, in the number's clause after it:
    `عشرات آلاف الشبان ممن بلغوا سن التجنيد`, `نحو 90 ألفاً من المطلوبين لأداء الخدمة`: men the
    army still wants (recruits; a target, unless the sentence tells of their arrest)."""
    return _LIABLE_AFTER.match(text, end, sentence_end) is not None


_WISH_VERBS = (r"(?:ترغب|يرغب|تريد|يريد|تنوي|ينوي|تسعي|يسعي|تعتزم|يعتزم|تخطط|يخطط|تامل|يامل)")
# `العدد النهائي لمن ترغب في تجنيدهم`: the people someone wishes to enlist, after the number
_WISHED_AFTER = re.compile(
    r"[^،,؛.!؟\n]{0,50}?(?<!\w)(?:لمن|ممن|من|الذين|اللذين)\s+" + _WISH_VERBS
    + r"\s+(?:(?:في|الي|علي)\s+|ب|ل)?(?:ال)?(?:تجنيد|ضم|استقطاب|نشر|ارسال|استقدام|التحاق|انضمام)\w*")


def wished_for_after(text: str, end: int, sentence_end: int) -> bool:
    """The number counts those someone wishes to enlist, named after it in its clause:
    `حددت بـ 500 عنصر العدد الأقصى لمن تريد ضمهم`: a target."""
    return _WISHED_AFTER.match(text, end, sentence_end) is not None


# `عدد مقاتلي كل منها`, `عدد أفراد كل دفعة`: a count of each of several batches
_EACH_BATCH = re.compile(
    r"(?<!\w)[وب]?(?:ال)?(?:عدد|تعداد)\s+(?:\S+\s+){0,2}?(?:كل|كلا)\s+(?:منها|منهما|واحده\s+منها|واحد\s+منها"
    r"|دوره|دفعه|مجموعه|قافله|رحله|حافله|طائره)(?!\w)")


def each_batch_size(text: str, start: int, sentence_start: int) -> bool:
    """The size of each of several batches, in the number's clause before it: `خرّجت الأكاديمية
    عشر دورات، يتراوح عدد أفراد كل منها بين 100 و150`: one batch's arrivals, a flow."""
    clause = _clause_before(text, start, max(sentence_start, start - 120))
    return _EACH_BATCH.search(clause) is not None


# `قُسّمت الدفعة إلى مجموعتين: ضمّت الأولى 40 شخصاً`: a batch or course split into groups
_BATCH_DIVIDED = re.compile(r"(?<!\w)[وف]?(?:قسمت|قسم|انقسمت|توزعت|وزعت|فرزت)\s+(?:ال)?(?:دفعه|دوره|مجموعه)(?!\w)")


def part_of_divided_batch(text: str, start: int, sentence_start: int) -> bool:
    """People counted in a sentence that splits a batch or course into groups: `قُسّمت الدفعة
    إلى مجموعتين: ضمّت الأولى أربعين شخصاً، والثانية خمسين`: each group is part of the batch
    (recruits; a batch's size, a flow)."""
    return _BATCH_DIVIDED.search(text, sentence_start, start) is not None


# `النظام يدفع بالمئات إلى الفيلق الخامس`: pushing men into a force
_PUSHED_INTO = re.compile(r"(?<!\w)[وف]?(?:يدفع|تدفع|دفع|دفعت|يزج|تزج|زج|زجت)(?:\s+[^\s\d]+)?\s+ب\s*(?:ال)?$")
_INTO_FORCE = re.compile(r"\s*(?:\S+\s+){0,3}?(?:الي|في)\s+(?:صفوف\s+)?[ول]?(?:ال)?(?:فيلق|ميليشي|مليشي|قوات|فصائل|فصيل"
                         r"|لواء|فرقه|جبهات|جبهه|معارك|حرب|الحرب|القتال)\w*")


def pushed_into_a_force(text: str, start: int, end: int) -> bool:
    """`النظام يدفع بالمئات إلى الفيلق الخامس`, `تزج بـ 300 شاب في جبهات القتال`: men
    pushed into a force or a front (recruits, arrivals: a flow)."""
    return (_PUSHED_INTO.search(text, max(0, start - 30), start) is not None
            and _INTO_FORCE.match(text, end) is not None)
