"""Offers named by another form of a lexicon word: the object of a verb of giving, promising,
exempting or luring whose stem (clitics, article, pronoun suffix, plural or accusative ending
taken off) is the stem of an incentive cue (`incentives.csv`), read as that cue's incentive.

    `وزعت الجمعية طروداً غذائية على العائلات`  → food_aid (cue `طرود غذائية`, accusative form)
    `وعدتهم بتسويات لأوضاعهم`                   → security_settlement (cue `تسوية`, plural form)

A hit is shaped like a lexicon match (`entry`: incentive, note `family`, or the cue's own
`money`/`generic` note) and goes through the same not-an-offer rules as every cue."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from helpers.ingest.normalise import normalise

# verbs and nouns of giving, promising, exempting, paying in return and luring (normalised)
OFFER_PREDICATES = {
    "give": frozenset({"منح", "يمنح", "تمنح", "سيمنح", "منحهم", "منحه", "تقديم", "يقدم", "تقدم", "قدم", "قدمت",
                       "يقدمون", "توزيع", "وزع", "وزعت", "يوزع", "توزع", "تامين", "يومن", "تومن", "اعطاء",
                       "يعطي", "تعطي", "تسليم", "سلم", "سلمت", "صرف", "يصرف", "تصرف", "تكفل", "يتكفل",
                       "تتكفل", "يكفل", "تتحمل", "يتحمل", "تخصيص", "خصص", "خصصت", "مخصصات", "تشمل",
                       "يشمل", "حصول", "الحصول", "يحصل", "يحصلون", "يتقاضي", "يتقاضون", "يتلقي", "يتلقون",
                       "يمنحون", "تمنحهم", "يستفيد", "يستفيدون"}),
    "promise": frozenset({"وعود", "وعد", "وعدت", "وعدهم", "يعد", "تعد", "يعدون", "تعهد", "تعهدت", "يتعهد",
                          "تتعهد", "ضمان", "يضمن", "تضمن", "الوعود"}),
    "exempt": frozenset({"اعفاء", "اعفي", "يعفي", "تعفي", "استثناء", "يستثني", "تستثني", "تاجيل", "يوجل"}),
    "in_return": frozenset({"مقابل", "لقاء", "بدل"}),
    "lure": frozenset({"مغريات", "اغراءات", "اغراء", "امتيازات", "مزايا", "عروض", "حوافز", "استماله",
                       "استقطاب", "ترغيب"}),
}
_ALL_PREDICATES = frozenset().union(*OFFER_PREDICATES.values())
_PREDICATE = re.compile(r"(?<!\w)[وفبل]?(?:" + "|".join(sorted(_ALL_PREDICATES, key=len, reverse=True))
                        + r")(?:هم|ها|ه)?(?!\w)")
_CLAUSE_BREAK = re.compile(r"[،,.؛:!?؟\n]")
_WORD = re.compile(r"\w+")
FAMILIES = [False]       # off: `[True]` appended switches them on (scripts/offer_training.py scores them)
_OBJECT_WORDS = 5        # words after the predicate read for its object
_PRONOUNS = ("هم", "ها", "هن", "كم")
_ENDINGS = ("ات", "ين", "ون", "ه", "ا")


@dataclass(frozen=True)
class FamilyHit:
    """An incentive named by a form of a cue word; shaped like a lexicon match."""

    start: int
    end: int
    entry: dict


@lru_cache(maxsize=65536)
def word_stem(word: str) -> str:
    """`وبالمستحقات` → `مستحق`, `طرودا` → `طرود`, `تسويات` → `تسوي`, `مساعده` → `مساعد`."""
    for clitic in ("وب", "ول", "وف", "و", "ف", "ب", "ل"):
        if word.startswith(clitic) and len(word) > len(clitic) + 2:
            word = word[len(clitic):]
            break
    for article in ("ال", "لل"):
        if word.startswith(article) and len(word) > len(article) + 2:
            word = word[len(article):]
            break
    for pronoun in _PRONOUNS:
        if word.endswith(pronoun) and len(word) > len(pronoun) + 2:
            word = word[:-len(pronoun)]
            break
    for ending in _ENDINGS:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[:-len(ending)]
    return word


_PREDICATE_STEMS = frozenset(word_stem(w) for w in _ALL_PREDICATES)


def stem_index(entries) -> dict[tuple[str, ...], dict]:
    """(stem, …) of each cue of one or two words → its entry (a stem two incentives share is left out)."""
    found: dict[tuple[str, ...], dict] = {}
    shared: set[tuple[str, ...]] = set()
    for entry in entries:
        words = normalise(entry.key.rstrip("*")).text.split()
        if not 1 <= len(words) <= 2:
            continue
        stems = tuple(word_stem(w) for w in words)
        if any(len(s) < 3 for s in stems) or any(w in _ALL_PREDICATES for w in words):
            continue
        if stems in found and found[stems]["incentive"] != entry["incentive"]:
            shared.add(stems)
        found.setdefault(stems, entry)
    return {stems: entry for stems, entry in found.items() if stems not in shared}


_INDEXES: dict[int, tuple] = {}


def _index_of(matcher) -> dict:
    cached = _INDEXES.get(id(matcher))
    if cached is None or cached[0] is not matcher:
        cached = (matcher, stem_index(matcher.entries))
        _INDEXES[id(matcher)] = cached
    return cached[1]


def family_hits(text: str, matcher, taken: list) -> list[FamilyHit]:
    """The objects of offer predicates in `text` (normalised) that are forms of a cue of
    `matcher` (the incentive lexicon), where no hit of `taken` already stands."""
    index = None
    found: list[FamilyHit] = []
    for predicate in _PREDICATE.finditer(text):
        stop = _CLAUSE_BREAK.search(text, predicate.end(), predicate.end() + 80)
        words = list(_WORD.finditer(text, predicate.end(), stop.start() if stop else predicate.end() + 80))
        words = words[:_OBJECT_WORDS]
        if index is None:
            index = _index_of(matcher)
        i = 0
        while i < len(words):
            word = words[i]
            if word_stem(word.group()) in _PREDICATE_STEMS:
                i += 1
                continue
            stems = tuple(word_stem(w.group()) for w in words[i:i + 2])
            width, entry = next(((n, index[stems[:n]]) for n in (2, 1) if len(stems) >= n and stems[:n] in index),
                                (0, None))
            if entry is not None:
                start, end = word.start(), words[i + width - 1].end()
                if not any(h.start < end and start < h.end for h in taken) and not any(
                        h.start < end and start < h.end for h in found):
                    note = entry["note"] if entry["note"].startswith(("money", "generic")) else "family"
                    found.append(FamilyHit(start, end, {"cue": entry.key, "incentive": entry["incentive"],
                                                        "note": note, "family": True}))
                i += width
            else:
                i += 1
    return found


# adjectives that name the kind of what is given (normalised, masculine and feminine)
KIND_ADJECTIVES = {"مالي": "cash_reward", "ماليه": "cash_reward", "مادي": "cash_reward", "ماديه": "cash_reward",
                   "نقدي": "cash_reward", "نقديه": "cash_reward", "طبي": "medical", "طبيه": "medical",
                   "علاجي": "medical", "علاجيه": "medical", "صحي": "medical", "صحيه": "medical",
                   "غذايي": "food_aid", "غذاييه": "food_aid", "تموينيه": "food_aid", "مدرسي": "school_supplies",
                   "مدرسيه": "school_supplies", "مكتبيه": "school_supplies", "قرطاسيه": "school_supplies"}
_KIND_ADJECTIVE = re.compile(r"(?<!\w)(?P<noun>[^\W\d]{3,})\s+(?:ال)?(?P<adjective>" + "|".join(
    sorted(KIND_ADJECTIVES, key=len, reverse=True)) + r")(?!\w)")


def kind_adjective_hits(text: str, taken: list) -> list[FamilyHit]:
    """A noun and an adjective of kind in a sentence that holds an offer predicate before them:
    `شملت علاجات طبية` → medical, `عبر الإغراء المالي` → cash_reward."""
    found: list[FamilyHit] = []
    for m in _KIND_ADJECTIVE.finditer(text):
        start, end = m.start("noun"), m.end()
        if any(h.start < end and start < h.end for h in taken):
            continue
        sentence_start = max(text.rfind(".", 0, start), text.rfind("\n", 0, start)) + 1
        if not _PREDICATE.search(text, sentence_start, start) and word_stem(m.group("noun")) not in _PREDICATE_STEMS:
            continue
        found.append(FamilyHit(start, end, {"cue": m.group(), "incentive": KIND_ADJECTIVES[m.group("adjective")],
                                            "note": "family", "family": True}))
    return found
