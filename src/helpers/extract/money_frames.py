"""Predicates over a sum of money's clause: deducted from pay or the size of a pay cut, allotted
as a budget, or handed to each member (`100 دولار لكل عنصر`). Categories and figures read them."""
from __future__ import annotations

import re

from helpers.extract.attribution import word_in


# `يقتطع منها الفصيل قرابة 300 دولار`: money deducted from pay is not pay
_DEDUCTION = re.compile(r"(?<!\w)[وف]?(?:يقتطع|تقتطع|اقتطع|اقتطاع|يخصم|تخصم|خصم|يستقطع|تستقطع|يحسم|تحسم|حسم)\w*")
_DEDUCTION_WORDS = 9


def deducted(text: str, start: int) -> bool:
    """Is the money at `start` deducted (a deduction verb among the few words before it, same clause,
    `شريطة أن يُحسم منه 200 دولار`), or the size of a pay cut (`خفّض رواتبه 50 دولاراً`)?"""
    before = text[max(0, start - 60):start]
    cut = max(before.rfind(c) for c in ".؟!؛،,\n")
    words = before[cut + 1:].split()[-_DEDUCTION_WORDS:]
    return any(_DEDUCTION.fullmatch(w) for w in words) or pay_cut_by(before)


# `خفّض الفيلق رواتبه 50 دولاراً`: the amount a pay was cut by (not `خفضها إلى 150 دولاراً`, the new pay)
_PAY_CUT_BY = re.compile(r"(?<!\w)[وف]?(?:خفض|خفضت|يخفض|تخفض|تخفيض|قلص|قلصت|يقلص|تقلص|تقليص|انقص|انقصت)\s+"
                         r"(?:\S+\s+)?(?:ال)?(?:رواتب|راتب|مرتبات|اجور)\w*\s+(?:(?!(?:الي|حتي|لتصبح|ليصبح)\s)\S+\s+)?(?:(?:بمقدار|بنحو|بحوالي|بقيمه)\s+)?$")


def pay_cut_by(before: str) -> bool:
    """`وخفّض الفيلق رواتبه 50دولارا`: `before` (the text up to the money) ends with a verb of
    cutting and the pay it cuts."""
    return _PAY_CUT_BY.search(before) is not None


# `خصصت الولايات المتحدة مبلغ 177 مليون دولار للوحدات`: a budget allotted, not pay or a reward
_ALLOTTING = frozenset({"خصص", "خصصت", "تخصص", "يخصص"})
_ALLOTTING_WORDS = 4


def budgeted(text: str, start: int, sentence_start: int) -> bool:
    """`واشنطن تخصص 177 مليون دولار`: an allotting verb before the money in its sentence, with no
    word of pay between or right after it (`خصصت مبلغ 525 ألف ليرة راتباً شهرياً` stays a salary)."""
    low = max(sentence_start, start - 120)
    if text.find("خصص", low, start) < 0:
        return False   # the common case, without splitting
    words = text[low:start].split()
    after = text[start:start + 60].split()[1:7]
    for i, word in enumerate(words):
        if word_in(word, _ALLOTTING):
            return not any(_PAY_WORD.search(w) for w in words[i + 1:] + after)
    return False


_PAY_WORD = re.compile(r"راتب|رواتب|مكافا|منح|عقد|شهري|تعويض")


# `دفعت لكل مرتزق في ليبيا 1,200 دولار`, `بواقع 100 دولار أمريكي لكل عنصر`, `14 ألف ليرة تركية لعناصر الدفعة`
_TO_MEMBERS = re.compile(r"(?:\s+\S+){0,3}?\s+(?:لكل\s+|ل)(?:ال)?(?:عنصر\w*|عناصر\w*|مرتزق\w*|مقاتل\w*|متطوع\w*"
                         r"|منتسب\w*|مجند\w*)(?!\w)")


_EACH_MEMBER_BEFORE = re.compile(r"(?<!\w)لكل\s+(?:عنصر|مرتزق|مقاتل|متطوع|منتسب|مجند)\w*(?:\s+\S+){0,3}\s*$")


def paid_to_members(text: str, start: int, end: int) -> bool:
    """Money handed to each member, named a few words after it (`100 دولار أمريكي لكل عنصر`)
    or just before it in its clause (`دفعت لكل مرتزق في ليبيا 1,200 دولار`)."""
    if _TO_MEMBERS.match(text, end) is not None:
        return True
    before = text[max(0, start - 50):start]
    return "لكل" in before and _EACH_MEMBER_BEFORE.search(before) is not None
