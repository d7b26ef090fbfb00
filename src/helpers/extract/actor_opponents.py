"""Actor, step 2: mentions named as opponents (`ضد داعش`, `المنشقين عن قوات النظام`,
`حماية من دوريات الأمن العسكري`) are dropped before any actor is chosen."""
from __future__ import annotations

import re

from helpers.extract.mentions import Mention
from helpers.extract.words import _word_start, previous_word, word_in


# a mention after these words is the one acted against or left, not the doer
_OPPONENT_WORDS = frozenset({"ضد", "عن", "خصوم", "معارضي", "معارضو", "اعداء", "مناهضي",
                            # `هدفه طرد قسد والقوات الأمريكية`, `الوحدات التي تقاتل تنظيم الدولة`: the
                            # object of expelling or fighting is not the doer
                            "طرد", "اخراج", "محاربه", "قتال", "تقاتل", "يقاتل", "يقاتلون", "تحارب", "يحارب",
                            "محاربي", "مقاتله"})


# `حماية من دوريات الأمن العسكري`, `تحميه من الاعتقال على حواجز …`: the actor guarded against
_PROTECTED_FROM = re.compile(r"(?:حمايه|حمايته|حمايتهم|تحمي\w*|يحمي\w*)\s+من\s+(?:\w+\s+)?$")


def _protected_from(text: str, start: int) -> bool:
    window_start, window_end = max(0, start - 40), _word_start(text, start)
    window = text[window_start:window_end]
    if "حماي" not in window and "حمي" not in window:
        return False                     # the common case, without the regex
    return _PROTECTED_FROM.search(text, window_start, window_end) is not None


# `بتهمة التعامل مع الإدارة الذاتية`, `بتهمة العمل لصالح الحزب`: the side one is accused of serving;
# `المواجهات الأخيرة مع تنظيم الدولة`: the side fought against
_AGAINST = re.compile(r"(?:(?:بتهمه|بتهم|تهمه)\s+(?:\S+\s+){0,2}(?:مع|لصالح)"
                      r"|(?:ال)?(?:مواجهات|اشتباكات|معارك|مواجهه)\s+(?:\S+\s+)?مع"
                      r"|(?:بالانتماء|بالانتساب|الانتماء)\s+الي)\s+$")
_AGAINST_LAST = frozenset({"مع", "لصالح", "الي"})   # `مشتبهاً بالانتماء إلى التنظيم`: suspected of
# `المطلوبين لأفرع النظام الأمنية`, `مطلوب للأمن العسكري`: the side that wants them
_WANTED_BY = frozenset({"المطلوبين", "مطلوبين", "المطلوب", "مطلوب", "مطلوبا"})


def _named_against(text: str, start: int, previous: str, wanted: bool) -> bool:
    """Is the actor at `start` (after the word `previous`) the side accused of, fought against,
    or wanting the people (`wanted`: the report says `مطلوب…` somewhere)?"""
    low = max(0, start - 50)
    if previous in _AGAINST_LAST:
        if previous == "الي" and text.find("انت", low, start) < 0:
            return False   # `إلى` without `الانتماء` before it: the common case
        return _AGAINST.search(text, low, _word_start(text, start)) is not None
    if not wanted or text.find("مطلوب", low, start) < 0:
        return False   # the common case, without slicing
    return any(w in _WANTED_BY for w in text[low:_word_start(text, start)].split()[-2:])


_BRACKETS = " \"'«»“”()"   # `إخراج "قوات سوريا الديمقراطية" (قسد) والقوات الأمريكية`: one list


def drop_opponents(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop actors named as opponents (`ضد داعش والنظام`, `المنشقين عن قوات النظام`,
    `حماية من دوريات الأمن العسكري`, `بتهمة التعامل مع …`, `المواجهات مع …`,
    `المطلوبين لأفرع النظام`), and those joined to them by `و`."""
    kept, previous_dropped = [], None
    wanted = "مطلوب" in text
    for m in mentions:
        joined = previous_dropped is not None and text[previous_dropped.end:m.start].strip(_BRACKETS) in ("و", "")
        protected = _protected_from(text, m.start)
        previous = previous_word(text, m.start)
        if (joined or protected or word_in(previous, _OPPONENT_WORDS)
                or ((wanted or previous in _AGAINST_LAST) and _named_against(text, m.start, previous, wanted))):
            previous_dropped = m
        else:
            kept.append(m)
            previous_dropped = None
    return kept
