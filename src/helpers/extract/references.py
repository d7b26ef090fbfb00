"""Back-references: a bare number of people (`بينهم 3 من حزب الله`), a stated affiliation,
a governorate that gives, a cell or a head noun named before (`عناصر اللواء`)."""
from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from helpers.extract.attribution import Mention, _owner_after, _word_start, previous_word, word_in

# --- round 3: a bare number that counts people ----------------------------------

_PARTITIVE_BEFORE = frozenset({"منهم", "بينهم", "منهن", "بينهن", "منها", "عددهم", "وعددهم"})
# `عاد 40 آخرون`, `أُسر اثنان آخران`: "others" counts people
_OTHERS_AFTER = frozenset({"اخرون", "اخرين", "اخران", "اخرتان", "اخريين"})
_PEOPLE_AFTER_MIN = frozenset({"عناصر", "عناصره", "عناصرها", "مقاتلي", "مقاتليه", "افراد", "ابناء", "منتسبي",
                               "مجندي", "متطوعي", "اعضاء", "قاده", "ضباط", "جنود", "عسكريي", "مسلحي",
                               "هولاء", "خريجي"})


# `وزعت محافظة حماة 1500 سلة`: a governorate's administration handing out aid is the state
_GIVING_VERBS = frozenset({"وزعت", "قدمت", "سلمت", "منحت", "اطلقت", "تقدم", "توزع", "تسلم", "تمنح"})
_TO_THEM = frozenset({"لهم", "لها", "له", "لهن", "لهما"})


def governorate_givers(text: str, places: list) -> list[Mention]:
    """`وزعت محافظة حمص …`: `محافظة X` right after a verb of giving, as a regime mention."""
    givers = []
    if "محافظه" not in text:
        return givers
    for m in places:
        if text.find("محافظه", max(0, m.start - 10), m.start) < 0 or m.entry["kind"] != "governorate":
            continue
        words = text[max(0, m.start - 30):_word_start(text, m.start)].split()[-3:]
        if len(words) == 3 and words[1] in _TO_THEM:
            words = words[::2]   # `قدمت لهم محافظة حمص`: the recipients between verb and giver
        words = words[-2:]
        if len(words) == 2 and words[1] == "محافظه" and word_in(words[0], _GIVING_VERBS):
            givers.append(Mention(text.rfind("محافظه", 0, m.start), m.end, "regime", kind="state"))
    return givers


_CELL_BACK = re.compile(r"(?<!\w)[وف]?ال(?:خليه|خلايا)(?!\w)")
_CELL_NAMED = re.compile(r"(?<!\w)\w{0,3}(?:خليه|خلايا)(?!\w)")
_CELL_WINDOW = 40


def cell_referred_to(text: str, mentions: list[Mention], sentence_start: int, sentence_end: int,
                     index: MentionIndex | None = None) -> Mention | None:
    """A sentence that names no actor but `الخلية` (the cell): the actor named right
    after the last cell mentioned before it (`خلية تابعة لتنظيم الدولة`)."""
    if text.find("خلي", sentence_start, sentence_end) < 0 or not _CELL_BACK.search(text, sentence_start, sentence_end):
        return None
    index = index or MentionIndex(text, mentions)
    for cell_end in reversed(index.cell_ends_before(sentence_start)):
        found = index.first_coded(cell_end, cell_end + _CELL_WINDOW)
        if found is not None:
            return found
    return None


_WORD_PAIR = re.compile(r"\w\w")


class MentionIndex:
    """A report's mentions by start, and its cell words, found once: the back-references
    above look at the whole text before a sentence, so each look is a binary search
    (a scan per sentence would make a report's time grow with the square of its size)."""

    def __init__(self, text: str, mentions: list[Mention]):
        self.text, self.mentions = text, mentions
        self.starts = [m.start for m in mentions]
        self.ordered = all(a <= b for a, b in zip(self.starts, self.starts[1:]))
        self._cell_ends: list[int] | None = None
        self._holders: dict[str, list[Mention]] = {}
        self._holder_starts: dict[str, list[int]] = {}

    def first_coded(self, low: int, high: int) -> Mention | None:
        """The first mention (in list order) with a code starting in [low, high]."""
        if not self.ordered:
            return next((m for m in self.mentions if m.code and low <= m.start <= high), None)
        i = bisect_left(self.starts, low)
        while i < len(self.starts) and self.starts[i] <= high:
            if self.mentions[i].code:
                return self.mentions[i]
            i += 1
        return None

    def named_with(self, stem: str, before: int) -> Mention | None:
        """`_named_with(text, mentions, stem, before)`, by a binary search among the
        mentions whose name holds `stem` (found once per stem)."""
        if not self.ordered:
            return _named_with(self.text, self.mentions, stem, before)
        holders = self._holders.get(stem)
        if holders is None:
            holders = self._holders[stem] = [m for m in self.mentions
                                             if m.code and self.text.find(stem, m.start, m.end) >= 0]
            self._holder_starts[stem] = [m.start for m in holders]
        for i in range(bisect_left(self._holder_starts[stem], before) - 1, -1, -1):
            if holders[i].end <= before:
                return holders[i]
        return None

    def cell_ends_before(self, position: int) -> list[int]:
        """Ends of `_CELL_NAMED` in text[:position], as `finditer(text, 0, position)` finds them."""
        if _WORD_PAIR.match(self.text, max(0, position - 1), position + 1):   # a word across `position`
            return [m.end() for m in _CELL_NAMED.finditer(self.text, 0, position)]
        if self._cell_ends is None:
            self._cell_ends = [m.end() for m in _CELL_NAMED.finditer(self.text)]
        return self._cell_ends[:bisect_right(self._cell_ends, position)]


_AMONG = frozenset({"بينهم", "بينهن", "وبينهم"})


def among_previous(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """`…، بينهم 6 قياديين`: a part of the group counted just before, its owner not named."""
    if text.find("بين", max(0, start - 12), start) < 0:
        return False
    return previous_word(text, start) in _AMONG and _owner_after(text, mentions, end) is None


def counts_people(text: str, start: int, end: int, mentions: list[Mention]) -> bool:
    """A number with no unit noun that counts people: `بينهم 3 من حزب الله`,
    `قُتل منهم 12`, `لم يُقبل منهم سوى 120`, `6 من عناصر الفرقة`."""
    before = text[max(0, start - 30):start].split()[-2:]
    if any(w in _PARTITIVE_BEFORE for w in before):
        return True
    after = text[end:end + 40].split()[:2]
    if after and after[0] in _OTHERS_AFTER:
        return True
    if len(after) == 2 and after[0] == "من" and word_in(after[1], _PEOPLE_AFTER_MIN):
        return True
    return bool(after) and after[0] == "من" and _owner_after(text, mentions, end) is not None


# --- round 3: an affiliation the text states beats the lexicon's sponsor -------------

# `الرديفة لقوات النظام` (auxiliary to), `وهي تابعة لقوات الأسد`: the side a unit belongs to
_AFFILIATION = re.compile(r"\s*(?:\S+\s+){0,3}?(?:(?:ال)(?:تابع|تابعه|مدعوم|مدعومه|موالي|مواليه|مرتبط|مرتبطه|رديف|رديفه)"
                          r"|(?:وهي|وهو)\s+(?:تابع|تابعه|مواليه|موال|مرتبطه|مرتبط|رديفه|رديف))"
                          r"\s+(?:لل|ل|من\s+|الي\s+)(?:ال)?")


def apply_affiliation(text: str, mentions: list[Mention]) -> list[Mention]:
    """`الفرقة 25 مهام خاصة التابعة لقوات النظام` → regime, whatever sponsor the lexicon
    gives the unit: the affiliation the text states wins (`X التابعة لـ Y`, `X المدعوم من Y`)."""
    result = list(mentions)
    for i, m in enumerate(result[:-1]):
        nxt = result[i + 1]
        if m.kind == "state" or not m.code or not nxt.code or nxt.code == m.code or nxt.start - m.end > 45:
            continue
        gap = text[m.end:_word_start(text, nxt.start)]
        if (_AFFILIATION.fullmatch(gap) or _AFFILIATION.fullmatch(text[m.end:nxt.start])
                or one_of_its_forces(text, m.end, nxt.start)):
            result[i] = Mention(m.start, m.end, nxt.code, m.regions, m.kind, m.example)
    return _affiliation_throughout(text, mentions, result)


# `«لواء القدس» (من ميليشيات الأسد)`, `لواء القدس، إحدى ميليشيات النظام`: one of a side's forces
_ONE_OF = re.compile(r"[\s\"'«»“”]*[(،,]\s*(?:وهو\s+|وهي\s+)?(?:من|احد|احدي)\s+")


def one_of_its_forces(text: str, end: int, next_start: int) -> bool:
    """`ميليشيا «لواء القدس» (من ميليشيات الأسد)`: a unit said to be one of a side's forces
    (`من`, `أحد`, `إحدى` after a bracket or comma, then that side's forces) belongs to that side."""
    return _ONE_OF.fullmatch(text, end, next_start) is not None


def _affiliation_throughout(text: str, before: list[Mention], after: list[Mention]) -> list[Mention]:
    """`«لواء القدس» يقلّص رواتب مقاتليه … قلّص «لواء القدس»، الميليشيا الرديفة لقوات النظام`:
    the side the text ties a unit to holds for every mention of that unit's name in the report."""
    stated = {text[b.start:b.end]: b.code for a, b in zip(before, after) if a.code != b.code}
    if not stated:
        return after
    return [Mention(m.start, m.end, stated[text[m.start:m.end]], m.regions, m.kind, m.example)
            if m.kind != "state" and m.code and text[m.start:m.end] in stated else m for m in after]


# --- round 6: a bare head noun that refers back to a named force -------------------

# `عناصر اللواء` after `اللواء الثامن`, `الميليشيا` after `ميليشيا الدفاع الوطني`
_BACK_NOUNS = ("اللواء", "المجلس", "الميليشيا", "المليشيا", "الفصيل", "الشركه", "المجموعه", "الفرقه", "الفيلق",
               "الحزب", "الحرس")   # `خطة الحزب بتجنيد الشاب`: the party named before (حزب الله)
_BACK_BEFORE = 60
_BACK_AFTER = 30
_BACK_NAMED_WINDOW = 40


def back_nouns(text: str, sentence_start: int, sentence_end: int) -> tuple[tuple[int, int, str], ...]:
    """(start, end, noun) of the bare head nouns in a sentence, found once per sentence."""
    hits = []
    for noun in _BACK_NOUNS:
        pos = text.find(noun, sentence_start, sentence_end)
        while pos >= 0:
            stop = pos + len(noun)
            if (pos == 0 or not text[pos - 1].isalpha() or text[pos - 1] in "وفب") and (
                    stop >= len(text) or not text[stop].isalpha()):
                hits.append((pos, stop, noun))
            pos = text.find(noun, stop, sentence_end)
    return tuple(hits)


def head_noun_referred_to(text: str, mentions: list[Mention], hits: tuple, start: int, end: int,
                          sentence_start: int, index: MentionIndex | None = None) -> Mention | None:
    """A sentence that names no actor but a bare head noun near the figure (`4 من عناصر
    اللواء`): the last actor before whose name holds that noun (`حزب الله` for `الحزب`),
    else the actor named at or right after the last earlier use of that noun."""
    best, best_distance = None, None
    for pos, stop, noun in hits:
        if stop <= start:
            distance = start - stop if start - stop <= _BACK_BEFORE else None
        else:
            distance = pos - end if pos - end <= _BACK_AFTER else None
        if distance is not None and (best_distance is None or distance < best_distance):
            best, best_distance = noun, distance
    if best is None:
        return None
    stem = best[2:]
    index = index or MentionIndex(text, mentions)
    named = index.named_with(stem, sentence_start)
    if named is not None:
        return named
    position = text.rfind(stem, 0, sentence_start)
    while position >= 0:
        found = index.first_coded(position - 2, position + len(stem) + _BACK_NAMED_WINDOW)
        if found is not None:
            return found
        position = text.rfind(stem, 0, position)
    return None


def _named_with(text: str, mentions: list[Mention], stem: str, before: int) -> Mention | None:
    """`وتبدأ خطة الحزب بتجنيد الشاب` after `حزب الله … الحزب والدفاع الوطني`: the last
    actor before `before` whose own name holds the noun, not the one named after a bare use."""
    for m in reversed(mentions):
        if m.code and m.end <= before and text.find(stem, m.start, m.end) >= 0:
            return m
    return None
