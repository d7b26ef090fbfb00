"""Lexicon hits that name neither a doer nor a place: a currency or thing described
(`الليرة التركية`), the state across a border, `السورية` as an adjective; and places
named as examples (`كدرعا`, `ولا سيما في درعا`); an aid body's short name after its full one."""
from __future__ import annotations

import re

from helpers.extract.mentions import NGO, Mention
from helpers.extract.words import _raw_previous_word, _word_start, previous_word, word_in


NOT_ACTOR_BEFORE_ADJECTIVE = frozenset({
    "ليره", "الليره", "دولار", "دولارا", "الدولار", "دولارات", "الحدود", "حدود", "الاراضي", "اراضي", "اللغه", "العمله", "الجنسيه", "الاسواق",
    "المدن", "الولايات", "البضايع", "المنتجات", "الصناعه", "الثقافه", "الاجواء"})


def adjective_is_not_actor(text: str, start: int) -> bool:
    """`الليرة التركية`, `(الدولار الأمريكي`: the adjective describes a thing, not an actor."""
    return word_in(previous_word(text, start).lstrip("(«\"'“"), NOT_ACTOR_BEFORE_ADJECTIVE)


# `موقع «نيوز ري» الروسي`, `صحيفة "كوميرسانت" الروسية`: an outlet's noun, then its quoted name
_OUTLET_NAMED = re.compile(r"(?<!\w)[وبلف]?(?:ال)?(?:موقع|صحيفه|وكاله|قناه|شبكه|مجله|اذاعه|تلفزيون|منصه)"
                           r"\s*[«\"“][^»\"”\n]{1,40}[»\"”]\s*$")


def names_an_outlets_nationality(text: str, start: int) -> bool:
    """`ونقل موقع «نيوز ري» الروسي عن الأسد أنه صرّح …`: a nationality adjective right after
    an outlet's quoted name is where the outlet is from; the outlet reports, it does not act."""
    return _OUTLET_NAMED.search(text, max(0, start - 60), _word_start(text, start)) is not None


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
    return (word_in(previous_word(text, start), _NOT_NATIONAL_BEFORE) or syrian_adjective(text, start)
            or part_of_the_country(text, start))


# compass parts of the country no macro-area row names (`شمال سوريا`, `جنوب سوريا` are rows)
_COUNTRY_PARTS = frozenset({"شرق", "شرقي", "غرب", "غربي", "وسط"})


def part_of_the_country(text: str, start: int) -> bool:
    """`تعتقل عشرات الشبان شرقي سوريا`: a compass part of the country is neither the whole
    country nor one governorate, so the record takes the place its paragraph or report names."""
    return text.startswith("سوري", start) and word_in(previous_word(text, start), _COUNTRY_PARTS)


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


def names_an_ngos_nationality(text: str, start: int, ngo_ends: frozenset) -> bool:
    """`الهلال الأحمر التركي`, `جمعية خيرية قطرية`: an adjective right after an aid body's name
    (`ngo_ends`: where those names end) is the body's nationality, not a second doer."""
    word_start = _word_start(text, start)
    return word_start > 0 and text[word_start - 1] == " " and (word_start - 1) in ngo_ends


def shortened_names(text: str, actors: list[Mention]) -> list[Mention]:
    """`أرسل الهلال الأحمر التركي 145 شاحنة … وأضاف أن الهلال الأحمر استطاع`: an aid body's bare
    name (an NGO row) that begins the full name of a listed actor named before it refers back to
    that actor (`actors` in text order)."""
    full: dict[str, str] = {}
    kept = []
    for m in actors:
        name = text[m.start:m.end]
        if m.kind == NGO and m.code is None:
            code = next((c for long, c in full.items() if long.startswith(name + " ")), None)
            if code is not None:
                m = Mention(m.start, m.end, code, m.regions, kind="proxy")
        elif m.code and " " in name:
            full.setdefault(name, m.code)
        kept.append(m)
    return kept


# `مؤسسة "قاديروف" الخيرية`, `جمعية البر الخيرية`: a named charity, its name between noun and adjective
_NAMED_CHARITY = re.compile(r"(?<!\w)[وبلف]?(?:ال)?(?:مؤسسه|موسسه|جمعيه|منظمه|هييه)\s+(?:[^\s،,.]+\s+){1,3}?"
                            r"(?:ال)?(?:خيريه|انسانيه|اغاثيه)(?!\w)")


def named_charities(text: str, actors: list[Mention]) -> list[Mention]:
    """`أما مؤسسة "قاديروف" الخيرية الشيشانية فقدمت 110 سلال`: a charity named by its own name is an
    aid body (a doer with no code), unless a listed actor's name lies inside (`مؤسسة جهاد البناء
    الخيرية` stays Iran's)."""
    if "خيري" not in text and "انسانيه" not in text and "اغاثيه" not in text:
        return []                        # the common case, without the regex
    found = []
    for match in _NAMED_CHARITY.finditer(text):
        start, end = match.start(), match.end()
        while text[start] in "وبلف" and not text.startswith(("مؤسس", "موسس", "جمعي", "منظم", "هيي", "ال"), start):
            start += 1
        if not any(m.code and m.start < end and start < m.end for m in actors):
            found.append(Mention(start, end, None, kind=NGO))
    return found
