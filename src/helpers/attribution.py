"""Who (actor) and where (area, regions) a figure or incentive is about.

The rules, with examples, are written for users in docs/data_dictionary.md
("How the fields are decided"); in short:

Actor: sources are masked; opponents (`ضد داعش`), actors inside cue words and
national phrases are dropped; settings (`على حواجز …`, `لمقاتلي …`) are taken
only inside the record's own clause. In the sentence: the owner right after a
figure (`7 عناصر من الحمزات`), else the nearest actor before it in its clause,
else one just after it (an incentive: only a named giver), else the nearest in
an earlier clause; else the paragraph's last earlier actor; else the report's
main actor. Proxies map to their sponsor in actors.csv. An NGO's funder
(`بتمويل من`) gives way to the NGO (actor null); an actor guarded against
(`حماية من …`) is an opponent; a member's force after `في` is not a setting.

Place: neighbouring places form phrases (`ريفي إدلب وحلب`); the nearest phrase
of the sentence wins (commas and destinations count as distance, later
clauses are skipped; a destination abroad wins the sentence); else the
paragraph's last earlier phrase; else the report's main place (the
governorate, or abroad, named most). regions = the
phrase's governorates; area = its macro-area (narrowed by a governorate named
inside it; kept by examples `كدرعا`, `ولا سيما في درعا`), `abroad`,
`national`, or the first place's governorate.

Round 3 (the verb and its complement): joining a course is not enlisting
(`joins_a_course`), money deducted from pay is not pay (`deducted`), protection
of a site is not an offer (`guards_a_site`), incentives named by a verb and its
object a few words apart (`pattern_incentives`), a bare number of people
(`counts_people`), and a stated affiliation beats the lexicon's sponsor
(`apply_affiliation`).
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

import ahocorasick

NATIONAL = "national"
ABROAD = "abroad"
NGO = "ngo"   # Mention.kind of an aid organisation (actors.csv source row, note `ngo…`): a doer with no code

# words that may stand between two places of one phrase (after clitics are removed)
_JOINERS = frozenset(
    "و في من ب ل ضمن ريف ريفي الريف ارياف محافظه محافظتي محافظات مدينه مدينتي مدن منطقه منطقتي مناطق "
    "بلده بلدتي بلدات قريه قريتي قري ناحيه نواحي مخيم باديه البادية قطاع القطاع القطاعين "
    "شرق غرب شمال جنوب شرقي غربي شمالي جنوبي الشرقي الغربي الشمالي الجنوبي الشرقيه الغربيه "
    "الشماليه الجنوبيه الاوسط الاوسطي وسط و، ، , كل من وكل".split()
)
_GAP_WORD = re.compile(r"[^\s،,]+|[،,]")
_MAX_GAP = 40
_COMMA_PENALTY = 120
_PLACE_NOUNS = ("ريف", "ريفي", "الريف", "محافظات", "محافظه", "مدينه", "منطقه", "بلده", "قريه", "باديه", "ناحيه", "مخيم")
_DIRECTIONS = ("الشرقي", "الغربي", "الشمالي", "الجنوبي", "الشرقيه", "الغربيه", "الشماليه", "الجنوبيه")


@dataclass(slots=True)   # made by the dozen per report: not frozen, whose init is 4 times slower
class Mention:
    """A lexicon hit in the normalised text."""

    start: int
    end: int
    code: str | None            # actor code, or place area
    regions: tuple[str, ...] = ()
    kind: str = ""
    example: bool = False       # place written with the clitic كـ (such as)


@dataclass(slots=True)   # made by the dozen per report: not frozen, whose init is 4 times slower
class Location:
    area: str | None
    regions: tuple[str, ...]
    start: int                  # normalised span of the words naming it
    end: int


@dataclass(slots=True)
class Phrase:
    start: int
    end: int
    mentions: list[Mention] = field(default_factory=list)


def is_macro(mention: Mention) -> bool:
    return mention.kind == "macro_area"


# --- actors -----------------------------------------------------------------

# Words before an actor that make it a place or a setting rather than a doer
# (`على حواجز الأمن العسكري`, `الخدمة في جيش النظام`): such a mention is
# taken only inside the evidence's own clause, and never carried.
_SETTING_WORDS = frozenset({"علي", "في", "حواجز", "حاجز", "لدي", "عند", "سجون", "معتقلات", "مواجهه",
                            # attackers: `مقتل 11 عنصراً في هجمات لخلايا تنظيم الدولة`
                            "هجمات", "هجوم", "هجوما", "خلايا", "قصف", "غارات", "غاره", "كمين", "استهداف",
                            # `في هجوم شنه التنظيم`, `بكمين نصبته خلية`: the attacker after its verb
                            "شنه", "شنها", "شنته", "شنتها", "شنوه", "نفذه", "نفذها", "نفذته", "نفذتها",
                            "نصبه", "نصبها", "نصبته", "نصبتها", "تبناه", "تبنته", "تبناها",
                            # a partner, not the doer: `استمرت 18 يوماً بمشاركة قوات التحالف`
                            "بمشاركه", "بمسانده", "بمؤازره",
                            # the force one serves in: `إعفائهم من الالتحاق بجيش النظام`
                            "الالتحاق", "بالالتحاق"})
# Words before an actor named after an incentive that make it the giver
# (`مساعدات مقدمة من القوات الروسية`, `سلال وزعتها القوات الروسية`).
_GIVER_WORDS = frozenset({"من", "قبل", "مقدمه", "المقدمه", "قدمها", "قدمتها", "وزعها", "وزعتها", "تقدمها",
                          "يقدمها", "توزعها", "يوزعها", "منحتها", "منحها", "اطلقتها", "اطلقها",
                          "نفقه"})   # `يتلقون العلاج على نفقة الحرس`: the payer gives it
_CLAUSE_END = re.compile(r"[،,]|\s(?:فيما|بينما|حين)\s")
_COMMA = re.compile(r"[،,]")
_CONTRAST = re.compile(r"\s(?:فيما|بينما|حين)\s")


@lru_cache(maxsize=64)   # every record of a sentence asks
def _clause_ends(text: str, sentence_start: int, sentence_end: int) -> tuple[tuple[int, int], ...]:
    """The spans of `_CLAUSE_END` in the sentence (commas found apart: the scan is cheaper)."""
    ends = [m.span() for m in _COMMA.finditer(text, sentence_start, sentence_end)]
    if any(text.find(word, sentence_start, sentence_end) != -1 for word in ("فيما", "بينما", "حين")):
        ends += [m.span() for m in _CONTRAST.finditer(text, sentence_start, sentence_end)]
        ends.sort()
    return tuple(ends)


def _clause_bounds(text: str, start: int, end: int, sentence_start: int, sentence_end: int) -> tuple[int, int]:
    """Where the clause of [start, end) starts (after the last clause end before it)
    and ends (at the first clause end after it)."""
    clause_start = sentence_start
    if not sentence_start <= start <= sentence_end:   # evidence outside the sentence: scan as asked
        for m in _CLAUSE_END.finditer(text, sentence_start, start):
            clause_start = m.end()
        found = _CLAUSE_END.search(text, end, sentence_end)
        return clause_start, (found.start() if found else sentence_end)
    for a, b in _clause_ends(text, sentence_start, sentence_end):
        if b <= start:
            clause_start = b
        elif a >= end:
            return clause_start, a
        elif a < end < b:       # a clause end across `end`: search from `end` itself
            found = _CLAUSE_END.search(text, end, sentence_end)
            return clause_start, (found.start() if found else sentence_end)
    return clause_start, sentence_end


_AFTER_WINDOW = 40


_OWNER_GAP = re.compile(r"\s*(?:\w+\s+){0,2}من\s+(?:\w+\s+)?(?:(?:\w+\s+)?(?:ال)?تابع\w*\s+)?$")   # `من خلية تابعة لـ`


def _owner_after(text: str, mentions: list[Mention], end: int) -> Mention | None:
    """`7 عناصر من فصيل السلطان مراد`, `12 عنصرا من قوات النظام`: the actor the
    counted people belong to, right after the figure."""
    for m in mentions:
        if m.start >= end:
            if m.start - end <= 30 and _OWNER_GAP.fullmatch(text, end, _word_start(text, m.start)):
                return m
            return None
    return None


def _ranks_joined(text: str, mentions: list[Mention], end: int, clause_end: int) -> Mention | None:
    """`85 عنصراً من الدفاع الوطني انتقلوا إلى صفوف الحرس الثوري`: the force whose ranks
    the counted people join (after the figure, same clause) beats the one they come from."""
    if text.find("صفوف", end, clause_end) < 0:
        return None
    for m in mentions:
        if end <= m.start and m.end <= clause_end:
            words = text[max(0, m.start - 20):_word_start(text, m.start)].split()[-2:]
            if len(words) == 2 and words[1] == "صفوف" and words[0] in ("الي", "والي"):
                return m
    return None


_CAPTOR_VERBS = frozenset({"اسر", "واسر", "اسرت", "واسرت", "اسروا", "واسروا"})


def _captor(text: str, mention: Mention) -> bool:
    """Is `mention` the subject of a capture verb (`أسر خلاله التنظيم`, `أسرت قسد`)?"""
    start = _word_start(text, mention.start)
    return any(w in _CAPTOR_VERBS for w in text[max(0, start - 20):start].split()[-2:])


def _word_start(text: str, start: int) -> int:
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def previous_word(text: str, start: int) -> str:
    """The word before the one at `start` (its attached clitics skipped), as written."""
    return _raw_previous_word(text, start)


def word_in(word: str, words: frozenset | set) -> bool:
    """`word` or `word` without its clitics (`وعلى` → `علي`) is one of `words`."""
    return word in words or _strip_clitics(word) in words


def _raw_previous_word(text: str, start: int) -> str:
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    before = text[max(0, start - 24):start].rsplit(None, 1)
    return before[-1] if before else ""


_PREVENTED_AFTER = frozenset({"منع", "يمنع", "تمنع"})
# `رواتب لمقاتلي قسد`: the actor after "for the fighters of" receives, it does not give
_RECIPIENT_NOUNS = frozenset({"مقاتلي", "عناصر", "منتسبي", "مجندي", "متطوعي", "اسر", "عايلات", "ذوي"})


# `مصادر في الإدارة الذاتية`, `قيادي في الفيلق الخامس`: a speaker's own side, not a setting;
# so is a member's (`راتب نظيره في الفرقة الرابعة`, `العنصر في الفيلق الخامس`)
_SPEAKER_NOUNS = frozenset({"مصادر", "مصدر", "مسؤول", "مسؤولون", "مسؤولين", "قيادي", "قياديون", "قياديين",
                            "ناطق", "متحدث", "قايد", "قاده",
                            "عنصر", "العنصر", "عناصر", "نظيره", "نظيرهم", "نظراوه", "مقاتل", "المقاتل", "مقاتلي",
                            "مجند", "المجند", "منتسب", "المنتسب", "منتسبي", "متطوع", "المتطوع"})


def _speaker_affiliation(text: str, mention: Mention) -> bool:
    words = text[max(0, mention.start - 30):_word_start(text, mention.start)].split()[-2:]
    return len(words) == 2 and words[1] == "في" and word_in(words[0], _SPEAKER_NOUNS)


def is_setting(text: str, mention: Mention) -> bool:
    if _speaker_affiliation(text, mention):
        return False
    raw = _raw_previous_word(text, mention.start)
    if raw.startswith("ل") and raw[1:] in _RECIPIENT_NOUNS:
        return True
    # `بمنع عناصر قوات النظام من التعدي`: the actor that is kept away
    if any(word_in(w, _PREVENTED_AFTER) for w in text[max(0, mention.start - 24):mention.start].split()[-2:]):
        return True
    if raw in _SUPPORT_LAST and _supporter(text, mention.start):
        return True
    if raw == "مع":   # a partner: `وزعت محافظة حمص بالتعاون مع الهلال الأحمر 400 سلة`
        start = _word_start(text, mention.start)
        words = text[max(0, start - 24):start].split()
        return len(words) >= 2 and word_in(words[-2], _PARTNER_BEFORE_WITH)
    return word_in(raw, _SETTING_WORDS)


# `بدعم من طيران التحالف الدولي`, `بدعم جوي من روسيا`: a supporter, not the doer
_SUPPORT_LAST = frozenset({"من", "طيران", "قوات", "مقاتلات"})
_SUPPORTED_BY = re.compile(r"(?<!\w)بدعم\s+(?:\w+\s+)?من\s+(?:(?:طيران|قوات|مقاتلات)\s+)?$")


def _supporter(text: str, start: int) -> bool:
    low = max(0, start - 30)
    return text.find("بدعم", low, start) >= 0 and _SUPPORTED_BY.search(text, low, _word_start(text, start)) is not None


_PARTNER_BEFORE_WITH = frozenset({"بالتعاون", "بالتنسيق", "بالشراكه", "تعاون", "بالاشتراك"})


NOT_ACTOR_BEFORE_ADJECTIVE = frozenset({
    "ليره", "الليره", "دولار", "دولارا", "الدولار", "دولارات", "الحدود", "حدود", "الاراضي", "اراضي", "اللغه", "العمله", "الجنسيه", "الاسواق",
    "المدن", "الولايات", "البضايع", "المنتجات", "الصناعه", "الثقافه", "الاجواء"})


def adjective_is_not_actor(text: str, start: int) -> bool:
    """`الليرة التركية`, `الحدود التركية`: the adjective describes a thing, not an actor."""
    return word_in(previous_word(text, start), NOT_ACTOR_BEFORE_ADJECTIVE)


_BORDER_WORDS = frozenset({"الحدود", "حدود", "الحدودي", "الحدوديه", "الحدوديين"})


def border_neighbour(text: str, start: int) -> bool:
    """`معبر باب الهوى الحدودي مع تركيا`: the state across a border is a place, not a doer."""
    if not text.startswith("مع ", max(0, start - 3)):
        return False
    words = text[max(0, start - 30):start].split()
    return len(words) >= 2 and word_in(words[-2], _BORDER_WORDS)


def national_is_not_place(text: str, start: int) -> bool:
    """`ليرة سورية` is a currency, not the whole country; `الحدود السورية اللبنانية`
    is a border line, not the whole country."""
    return word_in(previous_word(text, start), _NOT_NATIONAL_BEFORE)


_NOT_NATIONAL_BEFORE = frozenset({"ليره", "الليره", "ليرات", "الحدود", "حدود"})


# words that introduce examples of a place named before (`ولا سيما في درعا`)
_EXAMPLE_WORDS = frozenset({"سيما", "خاصه", "خصوصا", "مثل", "منها", "كمثل", "ومنها"})


def introduced_as_example(text: str, start: int) -> bool:
    """Is the place at `start` an example: written with the clitic كـ
    (`كدرعا`, `وكالقنيطرة`) or after `ولا سيما`, `خاصة`, `مثل` (`في` may follow)?"""
    word_start = start
    while word_start > 0 and text[word_start - 1].isalpha():
        word_start -= 1
    if text[word_start:start] in ("ك", "وك", "كال", "وكال"):
        return True
    words = text[max(0, word_start - 20):word_start].split()
    if words and words[-1] == "في":
        words = words[:-1]
    return bool(words) and word_in(words[-1], _EXAMPLE_WORDS)


def is_ngo_row(entry) -> bool:
    """An actors.csv row for an NGO or UN agency (`الهلال الأحمر`): kind source, note `ngo…`."""
    return entry["kind"] == "source" and (entry["note"] or "").startswith("ngo")


# `مقدمة من مركز المصالحة الروسي`: words before `من` that name the giver behind a distributor
_ON_BEHALF_WORDS = frozenset({"مقدمه", "المقدمه", "مقدمات", "المقدمات", "مرسله", "المرسله", "مهداه", "المهداه"})


_FUNDED_BY = re.compile(r"(?:بتمويل|بدعم|تمويل|دعم|ممول\w*|الممول\w*)\s+(?:\w+\s+)?من\s+$")


def funder(text: str, mention: Mention) -> bool:
    """`بتمويل من الحكومة التركية`: the actor pays for the work of another."""
    start, end = max(0, mention.start - 30), _word_start(text, mention.start)
    window = text[start:end]
    if "تمويل" not in window and "دعم" not in window and "ممول" not in window:
        return False                     # the common case, without the regex
    return _FUNDED_BY.search(text, start, end) is not None


def _funded_ngo(text: str, mentions: list[Mention], chosen: Mention) -> Mention:
    """The funder of an NGO named before it (`جمعية خيرية، بتمويل من تركيا`) is not
    the giver: the NGO is (actor null)."""
    if chosen.kind != NGO and funder(text, chosen):
        ngo = [m for m in mentions if m.kind == NGO and m.end <= chosen.start]
        if ngo:
            return ngo[-1]
    return chosen


def _on_behalf(text: str, mentions: list[Mention], chosen: Mention, end: int, clause_end: int) -> Mention:
    """An NGO distributing aid `مقدمة من` a listed actor gives way to that actor;
    an NGO's funder gives way to the NGO."""
    if chosen.kind != NGO:
        return _funded_ngo(text, mentions, chosen)
    for m in mentions:
        if m.start >= end and m.end <= clause_end and m.code:
            words = text[max(0, m.start - 30):_word_start(text, m.start)].split()[-2:]
            if len(words) == 2 and words[1] in ("من", "قبل") and word_in(words[0], _ON_BEHALF_WORDS):
                return m
    return chosen


def choose_actor(text: str, mentions: list[Mention], start: int, end: int, sentence_start: int,
                 sentence_end: int, incentive: bool = False,
                 settings: frozenset | None = None) -> Mention | None:
    """The actor of evidence [start, end) from its own sentence, or None.

    0. for a figure, the owner named right after it (`7 عناصر من الحمزات`);
    1. the nearest mention before it in its clause that is not a setting;
    2. else the first after it in its clause, close by (for an incentive only
       when named as the giver: `وزعتها القوات الروسية`);
    3. else the nearest mention in an earlier clause of the sentence that is
       not a setting (`على حواجز الأمن العسكري`).
    """
    clause_start, clause_end = _clause_bounds(text, start, end, sentence_start, sentence_end)
    if settings is None:
        settings = frozenset(m.start for m in mentions if is_setting(text, m))
    in_sentence = [m for m in mentions if m.start >= sentence_start and m.end <= sentence_end]
    if not incentive:
        ranks = _ranks_joined(text, in_sentence, end, clause_end)
        if ranks is not None:
            return ranks
        owner = _owner_after(text, in_sentence, end)
        if owner is not None:
            return owner
    before = [m for m in in_sentence if m.end <= start]
    own = [m for m in before if m.start >= clause_start and m.start not in settings]
    if own and not incentive and _captor(text, own[-1]):
        victims = [m for m in before if m.start not in settings and m.code != own[-1].code]
        if victims:   # `أسر خلاله التنظيم 3 جنود` after `موقع لقوات النظام`: the captives' force
            return victims[-1]
    if own:
        return _on_behalf(text, in_sentence, own[-1], end, clause_end)
    for m in in_sentence:
        if m.start >= end and m.end <= clause_end and m.start - end <= _AFTER_WINDOW:
            word = previous_word(text, m.start)
            # an incentive's giver: `وزعتها القوات الروسية`, or an aid body right after it (`مساعدات الهلال الأحمر`)
            giver = word_in(word, _GIVER_WORDS) or (m.kind == NGO and not text[end:_word_start(text, m.start)].strip())
            if giver if incentive else not word_in(word, _SETTING_WORDS - {"في"}):
                return m
            break
    earlier = [m for m in before if m.start not in settings]
    return _funded_ngo(text, in_sentence, earlier[-1]) if earlier else None


# a mention after these words is the one acted against or left, not the doer
_OPPONENT_WORDS = frozenset({"ضد", "عن", "خصوم", "معارضي", "معارضو", "اعداء", "مناهضي"})


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


def drop_opponents(text: str, mentions: list[Mention]) -> list[Mention]:
    """Drop actors named as opponents (`ضد داعش والنظام`, `المنشقين عن قوات النظام`,
    `حماية من دوريات الأمن العسكري`, `بتهمة التعامل مع …`, `المواجهات مع …`,
    `المطلوبين لأفرع النظام`), and those joined to them by `و`."""
    kept, previous_dropped = [], None
    wanted = "مطلوب" in text
    for m in mentions:
        joined = previous_dropped is not None and text[previous_dropped.end:m.start].strip() in ("و", "")
        protected = _protected_from(text, m.start)
        previous = previous_word(text, m.start)
        if (joined or protected or word_in(previous, _OPPONENT_WORDS)
                or ((wanted or previous in _AGAINST_LAST) and _named_against(text, m.start, previous, wanted))):
            previous_dropped = m
        else:
            kept.append(m)
            previous_dropped = None
    return kept


def ends_index(mentions: list) -> list[int] | None:
    """Running maximum of the mentions' ends, for `last_before` to bisect (None when
    the mentions are not in start order and it must scan)."""
    if any(a.start > b.start for a, b in zip(mentions, mentions[1:])):
        return None
    return list(itertools.accumulate((m.end for m in mentions), max))


def last_before(mentions: list, position: int, floor: int, ends: list[int] | None = None):
    """The last mention ending at or before `position` and starting at or after `floor`
    (before the first that ends after `position`). With `ends` (`ends_index`), a
    bisection instead of a scan: `بعد 300 عنصر ... وقالت روسيا` in a long report stays fast."""
    if ends is not None:
        stop = bisect.bisect_right(ends, position)
        return mentions[stop - 1] if stop and mentions[stop - 1].start >= floor else None
    found = None
    for m in mentions:
        if m.end > position:
            break
        if m.start >= floor:
            found = m
    return found


def main_actor(text: str, mentions: list[Mention], title_end: int,
               settings: frozenset | None = None) -> Mention | None:
    """Most mentioned actor (settings aside); ties go to the first in the title, then the first."""
    if settings is None:
        settings = frozenset(m.start for m in mentions if is_setting(text, m))
    mentions = [m for m in mentions if m.start not in settings] or mentions
    if not mentions:
        return None
    counts = Counter(m.code for m in mentions)
    best = max(counts.values())
    tied = [m for m in mentions if counts[m.code] == best]
    in_title = [m for m in tied if m.end <= title_end]
    return (in_title or tied)[0]


# --- places -----------------------------------------------------------------

def group_phrases(text: str, places: list[Mention], sentence_of) -> list[Phrase]:
    """Join neighbouring place mentions of one sentence into phrases."""
    phrases: list[Phrase] = []
    for mention in places:
        last = phrases[-1] if phrases else None
        if (last is not None and not mention.example
                and sentence_of(last.end - 1) == sentence_of(mention.start)
                and _only_joiners(text, last.end, mention.start)):
            last.mentions.append(mention)
            last.end = mention.end
        else:
            phrases.append(Phrase(mention.start, mention.end, [mention]))
    return phrases


def _only_joiners(text: str, start: int, end: int) -> bool:
    if end - start > _MAX_GAP:
        return False
    for word in _GAP_WORD.findall(text, start, end):
        if word not in _JOINERS and _strip_clitics(word) not in _JOINERS:
            return False
    return True


@lru_cache(maxsize=65536)
def _strip_clitics(word: str) -> str:
    for prefix in ("وب", "ول", "وف", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


def resolve_phrase(phrase: Phrase, sentence_places: list[Phrase]) -> Location:
    """The area and regions a phrase names (module rules 3–5)."""
    mentions = phrase.mentions
    if mentions[0].example:
        holder = _example_holder(phrase, sentence_places)
        if holder is not None:
            return Location(holder.code, holder.regions, holder.start, holder.end)
    regions: list[str] = []
    for m in mentions:
        regions.extend(r for r in m.regions if r not in regions)
    macro = next((m for m in mentions if is_macro(m) and set(regions) <= set(m.regions)), None)
    if macro is not None:
        area = macro.code
        # `شرق الفرات بريف دير الزور`: a governorate named inside a macro-area narrows it
        narrower = [r for m in mentions if not is_macro(m) for r in m.regions]
        if narrower:
            regions = list(dict.fromkeys(narrower))
    elif all(m.code == ABROAD for m in mentions):
        area = ABROAD
    elif all(m.code == NATIONAL for m in mentions):
        area = NATIONAL
    else:
        # `إلى سوريا من لبنان والأردن`: the country and places abroad, no governorate
        area = next((m.code for m in mentions if m.code not in (ABROAD, NATIONAL)), mentions[0].code)
    return Location(area, tuple(regions), phrase.start, phrase.end)


def _example_holder(phrase: Phrase, sentence_places: list[Phrase]) -> Mention | None:
    wanted = {r for m in phrase.mentions for r in m.regions}
    holder = None
    for other in sentence_places:
        if other.end > phrase.start:
            break
        for m in other.mentions:
            if is_macro(m) and wanted and wanted <= set(m.regions):
                holder = m
    return holder


_DESTINATION_WORDS = frozenset({"الي", "نحو", "باتجاه", "جبهات", "جبهه"})
_DESTINATION_PENALTY = 300


def choose_phrase(text: str, phrases: list[Phrase], start: int, end: int) -> Phrase | None:
    """The phrase nearest to [start, end); crossing a comma adds distance, and
    so does a destination (`إلى جبهات إدلب`): people come from the other place."""
    best, best_distance = None, None
    for phrase in phrases:
        if displaced_from(text, phrase.start):
            continue
        if phrase.end <= start:
            distance = start - phrase.end + _comma_penalty(text, phrase.end, start)
        elif phrase.start >= end:
            if later_clause(text, end, phrase.start):
                continue  # a place named in a later clause is about that clause
            distance = phrase.start - end + _comma_penalty(text, end, phrase.start)
        else:
            distance = 0
        if _abroad_origin(text, phrase):
            distance += 2 * _DESTINATION_PENALTY   # only when nothing else is named
        elif (_is_destination(text, phrase.start) or is_transit(text, phrase.start)
              or (_abroad(phrase) and _after_return(text, phrase.start))):
            distance += _DESTINATION_PENALTY
        if best_distance is None or distance < best_distance:
            best, best_distance = phrase, distance
    return best


def abroad_destination(text: str, phrases: list[Phrase], start: int | None = None,
                       end: int | None = None) -> Phrase | None:
    """A place abroad the sentence sends people to (not one they come from):
    the whole sentence is about it (`نقلت 300 مقاتل من عفرين إلى ليبيا`), except
    a clause set against the record's by `بينما`/`فيما`/`في حين` (`عاد 240 إلى
    إعزاز، بينما أرسلت أنقرة 180 إلى طرابلس`: the 240 are in Azaz)."""
    for phrase in phrases:
        if _abroad(phrase) and not _abroad_origin(text, phrase):
            if start is not None and end is not None and contrasted(text, start, end, phrase):
                continue
            if _after_return(text, phrase.start) or _intended(text, phrase.start):
                continue
            return phrase
    return None


_INTENT_WORDS = frozenset({"بقصد", "بهدف", "بنيه", "قاصدين", "محاولين", "محاولا", "ينوون"})


def _intended(text: str, start: int) -> bool:
    """`اعتقل 25 شاباً في الشيخ مسكين … بقصد السفر إلى ليبيا`: a place abroad people
    only meant to reach is not where the record happens."""
    words = text[max(0, start - 40):_word_start(text, start)].split()[-3:]
    return any(word in _INTENT_WORDS for word in words[:-1])


_RETURN = re.compile(r"(?<!\w)[وف]?(?:عاد|عادوا|عادت|يعود|يعودون|عوده|العايدين|العايدون)(?!\w)")
_RETURN_WINDOW = 200


@lru_cache(maxsize=128)
def _after_return(text: str, start: int) -> bool:
    """`عاد إلى إعزاز 240 مقاتلاً بعد انتهاء عقودهم في ليبيا`: after a return
    verb in the same clause, a place abroad is where people were, not where they go."""
    low = max(0, start - _RETURN_WINDOW)
    found = None
    for found in _RETURN.finditer(text, low, start):
        pass
    return found is not None and _CONTRAST.search(text, found.end(), start) is None


_CONTRAST = re.compile(r"(?<!\w)(?:بينما|فيما|في حين|حين)(?!\w)")


def contrasted(text: str, start: int, end: int, phrase: Phrase) -> bool:
    """Is `phrase` in another clause than [start, end), set against it by a contrast word?"""
    low, high = (end, phrase.start) if phrase.start >= end else (phrase.end, start)
    return low < high and _CONTRAST.search(text, low, high) is not None


_DATELINE_AFTER = re.compile(r"\s*[-–—]\s*[^\s:،,]+(?:\s+[^\s:،,]+){0,2}\s*:")


def is_dateline(text: str, start: int, end: int) -> bool:
    """`دمشق-سانا:` at a line start: where the agency files from, not where the
    events happen (the place is kept out of attribution)."""
    return _at_line_start(text, start) and _DATELINE_AFTER.match(text, end) is not None


def _at_line_start(text: str, position: int) -> bool:
    """Only white space between the line's start and `position` (looks back over
    that white space only, so a report in one long line stays linear)."""
    i = position - 1
    while i >= 0 and text[i] != "\n" and text[i].isspace():
        i -= 1
    return i < 0 or text[i] == "\n"


def _abroad(phrase: Phrase) -> bool:
    for m in phrase.mentions:
        if m.code != ABROAD:
            return False
    return True


def _abroad_origin(text: str, phrase: Phrase) -> bool:
    """`عاد 50 مقاتلا من ليبيا`: a place abroad people come back from."""
    return _abroad(phrase) and word_in(previous_word(text, phrase.start), _FROM_WORDS)


_FROM_WORDS = frozenset({"من", "عن"})
_PLACE_NOUN_SET = frozenset(_PLACE_NOUNS)


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


_TRANSIT_NOUNS = frozenset({"معبر", "منفذ", "بوابه", "طريق", "ميناء", "مطار"})


@lru_cache(maxsize=128)
def is_transit(text: str, start: int) -> bool:
    """`عبر معبر باب الهوى`: a place goods or people pass through is not where
    the record happens (`… إلى مخيمات شمال غرب البلاد` is)."""
    words = text[max(0, start - 30):_word_start(text, start)].split()[-2:]
    crossing = text.startswith(_CROSSING_NAMES, start)   # a name that starts `معبر …`
    if words and word_in(words[-1], _TRANSIT_NOUNS):
        words, crossing = words[:-1], True
    # `عبر معبر باب الهوى`; `عبرت قافلة من معبر باب الهوى`: the crossing passed through
    return bool(words) and (words[-1] == "عبر" or (crossing and words[-1] == "من"))


_CROSSING_NAMES = ("معبر", "منفذ", "مطار", "ميناء")


@lru_cache(maxsize=128)
def displaced_from(text: str, start: int) -> bool:
    """`المهجرين القادمين من منطقة …`: where displaced people come from is not
    where the record happens."""
    words = text[max(0, start - 40):_word_start(text, start)].split()[-3:]
    if words and word_in(words[-1], _PLACE_NOUN_SET):
        words = words[:-1]
    return len(words) >= 2 and words[-1] == "من" and word_in(words[-2], _DISPLACED_WORDS)


# a comma, then a word that starts a new statement: `، وإن توزيعاً مماثلاً سيجري في …`
_CLAUSE_GAP = re.compile(r"[،,؛]\s*(?!وذلك|واصيب|واصابه|وجرح)(?:و|فيما|بينما|في حين|كما|ثم|لكن|الا ان)")


def later_clause(text: str, start: int, end: int) -> bool:
    """Does a new statement begin between `start` and `end`? A comma followed by
    `و…`, `فيما`, `بينما`, `كما` … does; `، وذلك ضمن …`, `، غالبيتهم من …` and the
    wounded after the dead (`قُتل 14 …، وأصيب نحو 20 آخرين، جراء غارات قرب البوكمال`)
    continue the clause."""
    return _CLAUSE_GAP.search(text, start, end) is not None


def _comma_penalty(text: str, start: int, end: int) -> int:
    segment = text[start:end]
    return _COMMA_PENALTY if ("،" in segment or "," in segment) else 0


def main_place(phrases: list[Phrase]) -> Location | None:
    """The report's main place: the first phrase naming the governorate named
    most often, cut to its mentions of it; with no governorate, the first
    place abroad or national phrase."""
    counts: Counter = Counter()
    for phrase in phrases:
        for m in phrase.mentions:
            counts.update(_counted_as(m))
    if not counts:
        return resolve_phrase(phrases[0], []) if phrases else None
    best = max(counts.values())
    top = next(r for phrase in phrases for m in phrase.mentions for r in _counted_as(m) if counts[r] == best)
    if top == ABROAD:   # a report about fighters in Libya or Ukraine
        for phrase in phrases:
            named = [m for m in phrase.mentions if m.code == ABROAD]
            if named:
                return resolve_phrase(Phrase(named[0].start, named[-1].end, named), [])
    for phrase in phrases:
        named = [m for m in phrase.mentions if top in m.regions]
        if named:
            return resolve_phrase(Phrase(named[0].start, named[-1].end, named), [])
    return None


def _counted_as(mention: Mention) -> tuple[str, ...]:
    """What a mention counts for when the main place is chosen: its governorates, or abroad."""
    return ("abroad",) if mention.code == ABROAD else mention.regions


def widen_place_text(text: str, start: int, end: int) -> tuple[int, int]:
    """Take in a place noun before (`ريف`, `محافظة`) and a direction after (`الشرقي`)."""
    if start > 1 and text[start - 1] == " ":
        word_start = text.rfind(" ", 0, start - 1) + 1
        word = text[word_start:start - 1]
        stripped = _strip_clitics(word)
        if word in _PLACE_NOUNS:
            start = word_start
        elif stripped in _PLACE_NOUNS:
            start = word_start + len(word) - len(stripped)
    for direction in _DIRECTIONS:
        if text.startswith(" " + direction, end):
            end += 1 + len(direction)
            break
    return start, end


# --- round 3: the complement of the governing verb -------------------------------

# `التحق بها 75 طالباً` (a course), `الملتحقين بتلك الدورات`: joining a course or a school is not enlisting
_COURSE_NOUNS = r"(?:ال)?(?:دوره|دورات|مدرسه|مدارس|معهد|جامعه|جامعات|كليه|حلقه|حلقات|مخيم صيفي)"
_JOINS_COURSE = re.compile(rf"\s+ب(?:(?:تلك|هذه|هذا|ذلك)\s+)?{_COURSE_NOUNS}(?!\w)")
_JOINS_PRONOUN = re.compile(r"\s+(?:بها|به|بهما|اليها|اليه)(?!\w)")
_COURSE_BEFORE = re.compile(rf"(?<!\w){_COURSE_NOUNS}(?!\w)")
_COURSE_WINDOW = 80


def joins_a_course(text: str, end: int) -> bool:
    """Does the enlisting word ending at `end` join a course or a school (`التحق بالدورة`,
    `التحق بها` after `دورة جديدة`) rather than a force?"""
    if _JOINS_COURSE.match(text, end):
        return True
    if _JOINS_PRONOUN.match(text, end):
        line_start = text.rfind("\n", 0, end) + 1
        low = max(line_start, end - _COURSE_WINDOW)
        return _COURSE_BEFORE.search(text, low, end) is not None
    return False


# `يقتطع منها الفصيل قرابة 300 دولار`: money deducted from pay is not pay
_DEDUCTION = re.compile(r"(?<!\w)[وف]?(?:يقتطع|تقتطع|اقتطع|اقتطاع|يخصم|تخصم|خصم|يستقطع|تستقطع)\w*")
_DEDUCTION_WORDS = 5


def deducted(text: str, start: int) -> bool:
    """Is the money at `start` deducted (a deduction verb among the few words before it, same clause)?"""
    before = text[max(0, start - 60):start]
    cut = max(before.rfind(c) for c in ".؟!؛،,\n")
    words = before[cut + 1:].split()[-_DEDUCTION_WORDS:]
    return any(_DEDUCTION.fullmatch(w) for w in words)


# `العاملين في حماية حقول النفط`: guarding a site is a job, not protection offered to people
_GUARDED_SITES = frozenset({"حقول", "الحقول", "حقل", "منشات", "المنشات", "منشاه", "مواقع", "المواقع", "قوافل",
                            "القوافل", "مقرات", "المقرات", "ابار", "الابار", "مستودعات", "المستودعات", "الطرق",
                            "طرق", "خطوط", "الحدود", "حدود", "السفارات", "المطار", "مطار", "القاعده", "قاعده"})


def guards_a_site(text: str, end: int) -> bool:
    """A protection cue whose object is a site (`حماية حقول النفط`), not the people offered it."""
    following = text[end:end + 30].split()
    return bool(following) and word_in(following[0], _GUARDED_SITES)



# --- round 3: incentives named by a verb and its object --------------------------

@dataclass(frozen=True)
class PatternHit:
    """An incentive found by a verb + object pattern; shaped like a lexicon match."""

    start: int
    end: int
    entry: dict


_GAP = r"\s+(?:[^\s،,.]+\s+){0,3}?"
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
    (rf"(?<!\w)[وف]?(?P<cue>(?:اعفي|اعفت|يعفي|تعفي|سيعفي)\w*{_GAP}من\s+(?:ال)?(?:استدعاء|خدمه|تجنيد|احتياط)\w*)",
     "conscription_exemption", (("اعفي", "اعفت", "يعفي", "تعفي"), ("استدعاء", "خدمه", "تجنيد", "احتياط"))),
    # `بطاقات تسهل مرورهم على الحواجز`
    (r"(?<!\w)[وف]?(?P<cue>(?:تسهل|يسهل|تسهيل)\s+(?:مرور|تنقل|التنقل)\w*)", "security_settlement",
     (("تسهل", "يسهل", "تسهيل"), ("مرور", "تنقل"))),
    # `وجبة يومية مجانية`, `وجبات ساخنة`: meals handed out
    (r"(?<!\w)[وبل]?(?P<cue>(?:ال)?(?:وجبه|وجبات)\s+(?:يوميه|مجانيه|ساخنه|غذاييه|افطار))", "food_aid",
     (("وجبه", "وجبات"),)),
))


# the words the incentive patterns need (word → itself), for a scan shared with the lexicons
PATTERN_WORDS = {word: word for _, _, needs in _INCENTIVE_PATTERNS for group in needs for word in group}


def _pattern_words_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in PATTERN_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_PATTERN_WORDS_AUTOMATON = _pattern_words_automaton()
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


def pattern_incentives(text: str, present: set[str] | None = None) -> list[PatternHit]:
    """Incentives named by a verb and its object a few words apart (`يؤجل المركز سوق …`).
    `present`: the `PATTERN_WORDS` found in `text`, when a shared scan found them already."""
    hits = []
    if present is None:
        present = {word for _, word in _PATTERN_WORDS_AUTOMATON.iter(text)}
    for pattern, code, needs in _INCENTIVE_PATTERNS:
        if not all(present.intersection(group) for group in needs):
            continue
        for m in _finditer_at_words(pattern, text):
            hits.append(PatternHit(m.start("cue"), m.end(), {"incentive": code, "note": "pattern", "cue": m.group("cue")}))
    return hits


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


def cell_referred_to(text: str, mentions: list[Mention], sentence_start: int, sentence_end: int) -> Mention | None:
    """A sentence that names no actor but `الخلية` (the cell): the actor named right
    after the last cell mentioned before it (`خلية تابعة لتنظيم الدولة`)."""
    if text.find("خلي", sentence_start, sentence_end) < 0 or not _CELL_BACK.search(text, sentence_start, sentence_end):
        return None
    cells = [m.end() for m in _CELL_NAMED.finditer(text, 0, sentence_start)]
    for cell_end in reversed(cells):
        for m in mentions:
            if m.code and cell_end <= m.start <= cell_end + _CELL_WINDOW:
                return m
    return None


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

_AFFILIATION = re.compile(r"\s*(?:\S+\s+){0,3}?(?:التابع|التابعه|المدعوم|المدعومه|الموالي|المواليه|المرتبط|المرتبطه)"
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
        if _AFFILIATION.fullmatch(gap) or _AFFILIATION.fullmatch(text[m.end:nxt.start]):
            result[i] = Mention(m.start, m.end, nxt.code, m.regions, m.kind, m.example)
    return result


# --- round 6: a bare head noun that refers back to a named force -------------------

# `عناصر اللواء` after `اللواء الثامن`, `الميليشيا` after `ميليشيا الدفاع الوطني`
_BACK_NOUNS = ("اللواء", "المجلس", "الميليشيا", "المليشيا", "الفصيل", "الشركه", "المجموعه", "الفرقه", "الفيلق")
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
                          sentence_start: int) -> Mention | None:
    """A sentence that names no actor but a bare head noun near the figure (`4 من عناصر
    اللواء`): the actor named at or right after the last earlier use of that noun."""
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
    position = text.rfind(stem, 0, sentence_start)
    while position >= 0:
        for m in mentions:
            if m.code and position - 2 <= m.start <= position + len(stem) + _BACK_NAMED_WINDOW:
                return m
        position = text.rfind(stem, 0, position)
    return None
