"""Who (actor) and where (area, regions) a figure or incentive is about.

Over 500 lines: the actor rules (settings, opponents, the giver and the head of a pair)
share this module's word helpers (`previous_word`, `words_before`, `word_in`) with
places.py and references.py; the split that would bring it under is words / roles.

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

Real wording (docs/data_dictionary.md, "Real-wording rules"): the giver named after
a verb of giving (`_giver_named_after`), comparisons, allies, receivers and holders
of an area as settings (`compared_with`, `delivered_to`, `received_by`), the first of
a joined pair (`_head_of_pair`) and a state outlet's side (`outlet_side`).
"""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

NATIONAL = "national"
ABROAD = "abroad"
NGO = "ngo"   # Mention.kind of an aid organisation (actors.csv source row, note `ngo…`): a doer with no code

# words that may stand between two places of one phrase (after clitics are removed)
_JOINERS = frozenset(
    "و في من ب ل ضمن ريف ريفي الريف ارياف محافظه محافظتي محافظات مدينه مدينتي مدن منطقه منطقتي مناطق "
    "بلده بلدتي بلدات قريه قريتي قري ناحيه نواحي مخيم باديه البادية قطاع القطاع القطاعين "
    "شرق غرب شمال جنوب شرقي غربي شمالي جنوبي الشرقي الغربي الشمالي الجنوبي الشرقيه الغربيه "
    "الشماليه الجنوبيه الاوسط الاوسطي وسط و، ، , كل من وكل او "
    # `مدينة السقيلبية التابعة لمحافظة حماة`: a place and the governorate it belongs to
    "التابعه التابع".split()
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


@lru_cache(maxsize=65536)
def _strip_clitics(word: str) -> str:
    for prefix in ("وب", "ول", "وف", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) > len(prefix) + 1:
            return word[len(prefix):]
    return word


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
                            "الالتحاق", "بالالتحاق",
                            # an area described by who holds it: `المحافظات الخاضعة لسيطرة النظام`
                            "سيطره", "لسيطره", "نفوذ", "لنفوذ",
                            # the side fought beside: `80 ألف مقاتل أجنبي إلى جانب النظام`
                            "جانب"})
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
    """The word before the one at `start`, quotation marks skipped (`إخراج "قسد"` → `إخراج`)."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    while start > 0 and text[start - 1] in _QUOTE_MARKS:
        start -= 1
    before = text[max(0, start - 24):start].rsplit(None, 1)
    return before[-1].strip(_QUOTE_MARKS) if before else ""


_QUOTE_MARKS = "\"'«»“”„‘’ "


def words_before(text: str, start: int, characters: int, most: int) -> list[str]:
    """The last `most` words in the `characters` before the word at `start`, quotation
    marks dropped (`عبر معبر "نصيب"` → [`عبر`, `معبر`])."""
    words = (w.strip(_QUOTE_MARKS) for w in text[max(0, start - characters):_word_start(text, start)].split())
    return [w for w in words if w][-most:]


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


# `قياساً بما يتقاضاه عناصر قوات النظام`, `أكثر مما يدفعه الجيش السوري`, `تحذو حذو روسيا`:
# the side a figure is set against, a few words after the comparison word
_COMPARED = re.compile(r"(?<!\w)(?:[وب]?قياسا|[وب]?مقارنه|بالمقارنه|(?:اكثر|اقل|اعلي|ادني)\s+م(?:ما|ن)|حذو|غرار)"
                       r"\s+(?:\S+\s+){0,3}$")


def compared_with(text: str, mention: Mention) -> bool:
    """Is `mention` the side a figure is compared with (`قياساً بما يتقاضاه عناصر قوات
    النظام`), not the one it belongs to?"""
    low, high = max(0, mention.start - 45), _word_start(text, mention.start)
    window = text[low:high]
    if not any(word in window for word in ("قياس", "مقارن", "مما", "حذو", "غرار", "من ")):
        return False                     # the common case, without the regex
    return _COMPARED.search(text, low, high) is not None


# `سُلّمت إلى السلطات السورية`, `وصلت إلى قاعدة حميميم`: the one goods are handed or flown to
_DELIVERY_STEMS = ("سلم", "وصل", "ارسل", "نقل", "اوصل", "تسليم", "ايصال", "حطت", "هبطت")


def delivered_to(text: str, mention: Mention) -> bool:
    """Is `mention` the receiver of goods handed over or the place they reach
    (`حمولة الطائرة التي سُلّمت إلى السلطات السورية`)?"""
    if text.find("الي", max(0, mention.start - 8), mention.start) < 0:
        return False                     # the common case, without splitting
    words = words_before(text, mention.start, 40, 3)
    if len(words) < 2 or words[-1] != "الي":
        return False
    # `وصلت` and `فوصلت`, `وسُلّمت هناك إلى`: the stem with or without a clitic, an adverb between
    return any(verb.startswith(_DELIVERY_STEMS) or (verb[:1] in "وف" and verb[1:].startswith(_DELIVERY_STEMS))
               for verb in words[:-1])


_RECEIVING_VERBS = frozenset({"تسلم", "تسلمت", "استلم", "استلمت", "يتسلم", "تتسلم", "يستلم", "تستلم", "تلقي",
                              "تلقت", "يتلقي", "تتلقي"})


def received_by(text: str, mention: Mention) -> bool:
    """`وتسلم فريق من الهلال الأحمر العربي السوري المواد`: the subject of a verb of
    receiving takes the goods, it does not give them."""
    window = text[max(0, mention.start - 30):mention.start]
    if "سلم" not in window and "تلق" not in window:
        return False                     # the common case, without splitting
    return any(word_in(w, _RECEIVING_VERBS) for w in words_before(text, mention.start, 30, 3))


def is_setting(text: str, mention: Mention) -> bool:
    if compared_with(text, mention) or delivered_to(text, mention) or received_by(text, mention):
        return True
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
    """`الليرة التركية`, `(الدولار الأمريكي`: the adjective describes a thing, not an actor."""
    return word_in(previous_word(text, start).lstrip("(«\"'“"), NOT_ACTOR_BEFORE_ADJECTIVE)


_BORDER_WORDS = frozenset({"الحدود", "حدود", "الحدودي", "الحدوديه", "الحدوديين"})


def border_neighbour(text: str, start: int) -> bool:
    """`معبر باب الهوى الحدودي مع تركيا`: the state across a border is a place, not a doer."""
    if not text.startswith("مع ", max(0, start - 3)):
        return False
    words = text[max(0, start - 30):start].split()
    return len(words) >= 2 and word_in(words[-2], _BORDER_WORDS)


def national_is_not_place(text: str, start: int) -> bool:
    """`ليرة سورية` is a currency, not the whole country; `الحدود السورية اللبنانية`
    is a border line, not the whole country; see also `syrian_adjective`."""
    return word_in(previous_word(text, start), _NOT_NATIONAL_BEFORE) or syrian_adjective(text, start)


_ARTICLES = frozenset({"ال", "وال", "بال", "فال", "كال", "لل", "ولل"})
# nouns after which `السورية` names the land: `الأراضي السورية`, `المدن السورية`
_LAND_NOUNS = frozenset({"الاراضي", "اراضي", "المناطق", "مناطق", "المدن", "مدن", "البلدات", "القري", "المحافظات",
                         "محافظات", "الساحه", "الجغرافيا", "الدوله", "البلاد", "الداخل"})


def syrian_adjective(text: str, start: int) -> bool:
    """`حملة الجنسية السورية`, `الواجهة السورية لفاغنر`: `سوري…` with the article describes
    a thing, not a place (after a land noun it is one: `الأراضي السورية`)."""
    word_start = _word_start(text, start)
    if text[word_start:start] not in _ARTICLES or not text.startswith("سوري", start):
        return False
    return not word_in(_raw_previous_word(text, start), _LAND_NOUNS)


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
    """An actors.csv row for an NGO or UN agency (`الهلال الأحمر`), or another doer with no
    code (`حكومة الوفاق` in Libya): kind source, note `ngo…` or `doer…`."""
    return entry["kind"] == "source" and (entry["note"] or "").startswith(("ngo", "doer"))


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
    giver = _giver_named_after(text, in_sentence, end, clause_end)
    if giver is not None:
        return giver
    before = [m for m in in_sentence if m.end <= start]
    own = [m for m in before if m.start >= clause_start and m.start not in settings]
    if own and not incentive and _captor(text, own[-1]):
        victims = [m for m in before if m.start not in settings and m.code != own[-1].code]
        if victims:   # `أسر خلاله التنظيم 3 جنود` after `موقع لقوات النظام`: the captives' force
            return victims[-1]
    if own:
        return _on_behalf(text, in_sentence, _head_of_pair(text, own), end, clause_end)
    for m in in_sentence:
        if m.start >= end and m.end <= clause_end and m.start - end <= _AFTER_WINDOW:
            word = previous_word(text, m.start)
            # an incentive's giver: `وزعتها القوات الروسية`, or an aid body right after it (`مساعدات الهلال الأحمر`)
            giver = word_in(word, _GIVER_WORDS) or (m.kind == NGO and not text[end:_word_start(text, m.start)].strip())
            if giver if incentive else not (word_in(word, _SETTING_WORDS - {"في"}) or compared_with(text, m)
                                            or delivered_to(text, m)):
                return m
            break
    earlier = [m for m in before if m.start not in settings]
    return _funded_ngo(text, in_sentence, _head_of_pair(text, earlier)) if earlier else None


# `سلال غذائية قدمها الحلفاء الروس`: a verb of giving with the thing given as its object pronoun
_GIVEN_BY = re.compile(r"\s*(?:[^\s،,.]+\s+){0,3}?[وف]?(?:قدم|قدمت|وزع|وزعت|ارسل|ارسلت|منح|منحت|اهدي|اهدت|تبرع|تبرعت"
                       r"|يقدم|تقدم|يوزع|توزع)(?:ها|ه|هما|هم)\s")
_GIVER_GAP = 40


def _head_of_pair(text: str, own: list[Mention]) -> Mention:
    """`ما تمنحه ميليشيات النظام السوري وإيران، والذي لا يتعدى 25 دولاراً`: of two actors
    joined by `و` the first heads the pair."""
    last = own[-1]
    if len(own) >= 2 and _PAIRED.fullmatch(text, own[-2].end, last.start):
        return own[-2]
    return last


_PAIRED = re.compile(r"\s*(?:ال\w+\s+)?و\s*")   # `ميليشيات النظام السوري وإيران`: an adjective may close the first


def _giver_named_after(text: str, mentions: list[Mention], end: int, clause_end: int) -> Mention | None:
    """`تسلمت الكنيسة 5 أطنان من الطحين قدّمتها جمعية خيرية`: the agent of a verb of
    giving whose object is the thing just counted or named is its giver, whoever is
    named before (a receiver, a speaker)."""
    found = _GIVEN_BY.match(text, end, clause_end)
    if found is None:
        return None
    for m in mentions:
        if m.start >= found.end() and m.end <= clause_end:
            return m if m.start - found.end() <= _GIVER_GAP else None
    return None


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


def outlet_side(outlets: list[Mention]) -> Mention | None:
    """A report that names no doer (not even an aid body), told by state outlets of one side (`أفادت وكالة
    سانا بأن مئات الأشخاص أجروا التسوية`), is about that side: the first such outlet,
    when they all speak for the same side."""
    if not outlets or any(m.code != outlets[0].code for m in outlets):
        return None
    return outlets[0]
