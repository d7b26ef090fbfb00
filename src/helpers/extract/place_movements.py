"""Where people or goods move, for `places.phrase_penalty`: destinations (`إلى جبهات إدلب`),
fronts people are sent to, returns and arrivals, crossings and routes passed through, places
displaced people come from, and a correspondent's beat."""
from __future__ import annotations

import re
from functools import lru_cache

from helpers.extract.mentions import _PLACE_NOUNS
from helpers.extract.words import _word_start, word_in, words_before

_PLACE_NOUN_SET = frozenset(_PLACE_NOUNS)
_DESTINATION_WORDS = frozenset({"الي", "نحو", "باتجاه", "جبهات", "جبهه"})


_DISPLACED_WORDS = frozenset({"القادمين", "القادمون", "المهجرين", "المهجرون", "النازحين", "النازحون",
                              "الفارين", "الوافدين", "مهجري", "نازحي", "نازحه", "النازحه", "نازحين",
                              "نازحون", "مهجره", "المهجره", "مهجرين", "قادمين", "قادمه", "القادمه"})


@lru_cache(maxsize=128)   # asked once per record for each place of its sentence
def _is_destination(text: str, start: int) -> bool:
    """`إلى جبهات إدلب`: where people are sent, farther than where they are."""
    words = text[max(0, start - 40):_word_start(text, start)].split()[-3:]
    if words and word_in(words[-1], _PLACE_NOUN_SET):
        words = words[:-1]
    if words and words[-1] in _DEPTH_WORDS:   # `نحو عمق البادية`
        words = words[:-1]
    if not words:
        return False
    return word_in(words[-1], _DESTINATION_WORDS)


_DEPTH_WORDS = frozenset({"عمق", "داخل", "اطراف", "محيط"})
_FRONT_NOUNS = frozenset({"جبهات", "جبهه", "الجبهات", "خطوط"})


@lru_cache(maxsize=128)
def sent_to_a_front(text: str, start: int) -> bool:
    """`خشية أن يُرسلوا إلى جبهات الشمال السوري`: the front people are sent to is where
    they would fight, never where they are counted (they are counted where they live)."""
    words = words_before(text, start, 40, 3)
    return len(words) >= 2 and word_in(words[-1], _FRONT_NOUNS) and word_in(words[-2], _SENT_TO_WORDS)


_SENT_TO_WORDS = frozenset({"الي", "نحو", "باتجاه"})
_RETURN_VERBS = frozenset({"عاد", "عادوا", "عادت", "يعود", "يعودون", "رجع", "رجعوا", "رجعت", "يرجعون",
                           "عوده", "العايدين", "العايدون", "عايدين", "اعيد", "اعيدوا", "رجوع"})
# arriving: `فريق … قد وصل إلى حلب`; a stop on the way when an onward move follows
# (`وصلت إلى العاصمة …، على أن تتوجه بعدها إلى دير الزور`)
_ARRIVAL_VERBS = frozenset({"وصل", "وصلت", "وصلوا", "يصل", "تصل", "يصلون", "حطت", "هبطت"})
_ONWARD = re.compile(r"(?<!\w)(?:[وف]?(?:تتوجه|يتوجه|ستتوجه|سيتوجه|تنقل|ستنقل|ينقل|سينقل)|بعدها)(?!\w)")


@lru_cache(maxsize=128)
def returned_to(text: str, start: int) -> bool:
    """`737 لاجئاً رجعوا إلى سوريا`, `فريق … قد وصل إلى حلب`: the place people return
    or arrive to is where they are now, not a destination farther than the place
    they came through (unless they move on from it: `على أن تتوجه بعدها إلى …`)."""
    words = words_before(text, start, 40, 3)
    if words and word_in(words[-1], _PLACE_NOUN_SET):
        words = words[:-1]
    if len(words) < 2 or words[-1] != "الي":
        return False
    if word_in(words[-2], _ARRIVAL_VERBS):
        return _ONWARD.search(text, start, start + 150) is None
    return word_in(words[-2], _RETURN_VERBS)


_TRANSIT_NOUNS = frozenset({"معبر", "منفذ", "بوابه", "طريق", "ميناء", "مطار",
                            # dual and plural: `عبر معبري جديدة يابوس وتلكلخ`, `عبر المعابر`
                            "معبري", "معابر", "المعابر", "منفذي", "منافذ", "مطاري", "مطارات"})


@lru_cache(maxsize=128)
def is_transit(text: str, start: int) -> bool:
    """`عبر معبر باب الهوى`, `عبر معبري "جديدة يابوس" و"تلكلخ"`: a place goods or
    people pass through is not where the record happens (`… إلى مخيمات شمال غرب
    البلاد` is)."""
    words = words_before(text, start, 40, 3)
    if by_way_of(words):
        return True
    words = words[-2:]
    crossing = text.startswith(_CROSSING_NAMES, start)   # a name that starts `معبر …`
    if words and word_in(words[-1], _TRANSIT_NOUNS):
        words, crossing = words[:-1], True
    # `عبر معبر باب الهوى`; `عبرت قافلة من معبر باب الهوى`: the crossing passed through
    return bool(words) and (words[-1] == "عبر" or (crossing and words[-1] == "من"))


def by_way_of(words: list[str]) -> bool:
    """`وصلت المساعدات عن طريق مطار دمشق`, `عن طريق تركيا`: the words before a place
    end in `عن طريق` (by way of), with a crossing's noun or none between, so the place
    is a route, not where the record happens."""
    if words and words[-1] != "طريق" and word_in(words[-1], _TRANSIT_NOUNS):
        words = words[:-1]
    return words[-2:] == ["عن", "طريق"]


_CROSSING_NAMES = ("معبر", "منفذ", "مطار", "ميناء")


@lru_cache(maxsize=128)
def displaced_from(text: str, start: int) -> bool:
    """`المهجرين القادمين من منطقة …`: where displaced people come from is not
    where the record happens."""
    words = text[max(0, start - 40):_word_start(text, start)].split()[-3:]
    if words and word_in(words[-1], _PLACE_NOUN_SET):
        words = words[:-1]
    return len(words) >= 2 and words[-1] == "من" and word_in(words[-2], _DISPLACED_WORDS)


# `مراسل`, `مراسلنا`, `المراسلة`, `يراسل`: a reporter, whose beat may follow his outlet's name
_CORRESPONDENT = re.compile(r"(?<!\w)[وفل]?(?:ال)?(?:مراسل\w*|يراسل|تراسل)(?!\w)")
_BEAT_WORDS = 5


def correspondents_beat(text: str, start: int) -> bool:
    """`نقل مراسل إذاعة «شام إف إم» بالمنطقة الجنوبية أن 1400 شخص … بمدينة درعا`,
    `الذي يراسل الوكالة من درعا`: the place a few words after a correspondent (his outlet
    between, no comma) is where he works; the record's place, when the sentence names one,
    is another."""
    low = max(0, start - 60)
    found = None
    for found in _CORRESPONDENT.finditer(text, low, start):
        pass
    if found is None:
        return False
    between = text[found.end():_word_start(text, start)]
    return "،" not in between and "," not in between and len(between.split()) <= _BEAT_WORDS
