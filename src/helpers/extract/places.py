"""Where a figure or an incentive is about: place phrases, destinations, origins and the
report's main place (rules summed up in helpers.extract.attribution's docstring)."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache
from helpers.extract.attribution import (
    ABROAD, Location, Mention, NATIONAL, Phrase, _COMMA_PENALTY, _DIRECTIONS, _GAP_WORD, _JOINERS,
    _MAX_GAP, _PLACE_NOUNS, _QUOTE_MARKS, _strip_clitics, _word_start, is_macro, previous_word, word_in,
    words_before,
)
from helpers.extract.place_movements import (  # noqa: F401  (place_model and tests import them from here)
    _ARRIVAL_VERBS, _DESTINATION_WORDS, _PLACE_NOUN_SET, _RETURN_VERBS, _TRANSIT_NOUNS, _is_destination,
    by_way_of, correspondents_beat, displaced_from, is_transit, returned_to, sent_to_a_front,
)

# --- places -----------------------------------------------------------------

# before a bare `سورية` these make it the country: prepositions, and nouns of place or people
# in construct (`داخل سورية`, `شمال سورية`, `أبناء سورية`)
_COUNTRY_BEFORE = frozenset({"في", "الي", "من", "عن", "داخل", "خارج", "عموم", "انحاء", "ارجاء", "كل", "جميع",
                             "شمال", "جنوب", "شرق", "غرب", "وسط", "شمالي", "جنوبي", "شرقي", "غربي", "اراضي",
                             "نحو", "باتجاه", "عبر", "مع", "حول", "بشان", "ضد", "بين",
                             "ابناء", "اهالي", "سكان", "لاجيي", "طلاب", "شعب", "مواطني", "شباب",
                             "حدود", "مدن", "محافظات", "مناطق", "قري", "بلدات", "مطارات", "موانئ", "مخيمات"})


_INSTITUTION_NOUNS = frozenset({"بنك", "مصرف", "تلفزيون", "اذاعه", "جامعه", "وكاله", "صحيفه", "شبكه", "موقع",
                                "منصه", "قناه", "مجله", "شركه", "منتخب", "اتحاد", "مجلس", "ايتلاف", "حكومه",
                                "جيش", "مركز", "مرصد", "منظمه", "هييه", "لجنه"})


def syria_not_a_place(text: str, start: int, end: int) -> bool:
    """`سيدة سورية` (the adjective, `syrian_adjective_bare`); `بنك سوريا`, `تلفزيون سوريا`,
    `منتخب سوريا`: after an institution's noun the country's name is part of a name."""
    if syrian_adjective_bare(text, start, end):
        return True
    return text.startswith("سوري", start) and word_in(previous_word(text, start), _INSTITUTION_NOUNS)


def syrian_adjective_bare(text: str, start: int, end: int) -> bool:
    """`سيدة سورية`, `مصادر سورية`: a bare `سورية` after a noun is the adjective Syrian, not
    the country (`في سورية`, `إلى سورية`, `داخل سورية` are the country)."""
    if text[start:end] != "سوريه" or (start > 0 and text[start - 1].isalpha()):
        return False   # `سوريا`, `بسورية`, `لسورية`: the country
    previous = previous_word(text, start)
    return bool(previous) and not word_in(previous, _COUNTRY_BEFORE) and previous[-1:].isalpha()


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
    """Only joiners between two places; quotation marks are transparent
    (`معبري "جديدة يابوس" و"تلكلخ"` is one phrase), and so is the name of an
    unlisted village after its noun (`مدينة حلب وبلدة كيرسان في اللاذقية`)."""
    if end - start > _MAX_GAP:
        return False
    if unlisted_list_item(text, start, end):
        return True
    named = 0   # unlisted words allowed after a settlement noun
    for word in _GAP_WORD.findall(text, start, end):
        word = word.strip(_QUOTE_MARKS)
        if not word:
            continue
        joiner = _as_joiner(word)
        if joiner is not None:
            named = _NAME_WORDS if joiner in _SETTLEMENT_NOUNS else 0
        elif named:
            named -= 1   # `وبلدة كيرسان في اللاذقية`: a village the gazetteer lacks
        else:
            return False
    return True


_LIST_ITEM = re.compile(r"\s*[،,]\s*[^\s،,.:]+\s*[،,]\s*")


def unlisted_list_item(text: str, start: int, end: int) -> bool:
    """`وهي: جرابلس، مارع، الراعي، قباسين`: one word alone between two commas, between two
    places of a list, is a place the gazetteer lacks (or leaves out as a common word)."""
    return _LIST_ITEM.fullmatch(text, start, end) is not None


def _as_joiner(word: str) -> str | None:
    """`word` as a joiner, bare or without its clitics (`وبلدة` → `بلده`, not `لده`)."""
    for form in (word, word[1:] if word[:1] in "وف" else "", _strip_clitics(word)):
        if form in _JOINERS or form in _LOCATING_WORDS:
            return form
    return None


# `محافظة الحسكة بأقصى شمال شرقي البلاد`, `الطبقة، المدينة الأكبر …`: words that say where the
# place before lies join it to the macro-area after (`الواقعة ضمن مناطق سيطرة النظام` does not:
# `_describes_a_place`)
_LOCATING_WORDS = frozenset({"اقصي", "القريه", "البلده", "المدينه", "البلدات", "القري", "المدن",
                             # `في حوض اليرموك بأقصى الجنوب الغربي من سوريا`
                             "الجنوب", "الشمال", "الشرق", "الغرب"})


_SETTLEMENT_NOUNS = frozenset({"بلده", "قريه", "مدينه", "ناحيه", "مخيم"})
_NAME_WORDS = 2




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
        macro = _narrowest_macro(mentions, macro)
        area = macro.code
        # `شرق الفرات بريف دير الزور`: a governorate named inside a macro-area narrows it
        narrower = [r for m in mentions if not is_macro(m) for r in m.regions]
        regions = list(dict.fromkeys(narrower)) if narrower else list(macro.regions)
    elif all(m.code == ABROAD for m in mentions):
        area = ABROAD
    elif all(m.code == NATIONAL for m in mentions):
        area = NATIONAL
    else:
        # `إلى سوريا من لبنان والأردن`: the country and places abroad, no governorate
        area = next((m.code for m in mentions if m.code not in (ABROAD, NATIONAL)), mentions[0].code)
    return Location(area, tuple(regions), phrase.start, phrase.end)


def _narrowest_macro(mentions: list[Mention], macro: Mention) -> Mention:
    """`منطقة "درع الفرات" بالشمال السوري`: of two macro-areas one inside the other,
    the inner one names the place."""
    for m in mentions:
        if is_macro(m) and len(m.regions) < len(macro.regions) and set(m.regions) <= set(macro.regions):
            macro = m
    return macro


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


_DESTINATION_PENALTY = 300


def choose_phrase(text: str, phrases: list[Phrase], start: int, end: int,
                  penalties: dict[int, int | None] | None = None) -> Phrase | None:
    """The phrase nearest to [start, end); crossing a comma adds distance, and
    so does a destination (`إلى جبهات إدلب`): people come from the other place.
    `penalties`: a dict kept for one text, where each phrase's `phrase_penalty` is kept
    by its start (the records of a sentence ask about the same phrases)."""
    best, best_distance = None, None
    for phrase in phrases:
        if penalties is None:
            penalty = phrase_penalty(text, phrase)
        else:
            penalty = penalties.get(phrase.start, -1)
            if penalty == -1:
                penalty = penalties[phrase.start] = phrase_penalty(text, phrase)
        if penalty is None:
            continue
        if phrase.end <= start:
            distance = start - phrase.end + _comma_penalty(text, phrase.end, start)
        elif phrase.start >= end:
            if later_clause(text, end, phrase.start):
                continue  # a place named in a later clause is about that clause
            distance = phrase.start - end + _comma_penalty(text, end, phrase.start)
        else:
            distance = 0
        distance += penalty
        if best_distance is None or distance < best_distance:
            best, best_distance = phrase, distance
    return best


def phrase_penalty(text: str, phrase: Phrase) -> int | None:
    """The distance `choose_phrase` adds to a phrase whatever the record (`إلى جبهات إدلب`:
    a destination), or None for a phrase no record takes (`المهجرين القادمين من …`)."""
    if displaced_from(text, phrase.start) or _describes_a_place(text, phrase) or sent_to_a_front(text, phrase.start):
        return None
    if _abroad_origin(text, phrase):
        return 2 * _DESTINATION_PENALTY   # only when nothing else is named
    if ((_is_destination(text, phrase.start) and not returned_to(text, phrase.start))
            or is_transit(text, phrase.start) or (_abroad(phrase) and _after_return(text, phrase.start))
            or correspondents_beat(text, phrase.start)):
        return _DESTINATION_PENALTY
    return 0


_LYING = frozenset({"الواقعه", "الواقع", "الواقعين", "الواقعتين", "الكاينه", "الكاين"})


def _describes_a_place(text: str, phrase: Phrase) -> bool:
    """`مدينة دير الزور، الواقعة ضمن مناطق سيطرة النظام`: the whole country's part named
    after `الواقعة ضمن` describes the place before it, it is not the record's place."""
    if any(m.code != NATIONAL for m in phrase.mentions):
        return False
    words = words_before(text, phrase.start, 30, 2)
    return bool(words) and (word_in(words[-1], _LYING) or (len(words) == 2 and word_in(words[0], _LYING)))


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
            if start is not None and phrase.start > start and _earlier_event(text, phrase.start):
                continue
            return phrase
    return None


_EARLIER = re.compile(r"(?<!\w)(?:سابقا|من قبل|سبق|قبل ذلك|في وقت سابق)(?!\w)")


def _earlier_event(text: str, start: int) -> bool:
    """`عشرات سجّلوا أسماءهم في السويداء لدى شركة … المتورطة من قبل في تجنيد الشبان في ليبيا`,
    `… تضم أشخاصاً جُنّدوا سابقاً إلى ليبيا`: a place abroad after the record, in a clause
    about what happened before, does not send the record's people there."""
    low = max(0, start - 60)
    clause = max(text.rfind("،", low, start), text.rfind(",", low, start))
    return _EARLIER.search(text, max(low, clause + 1), start) is not None


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


_MARTYR = re.compile(r"(?<!\w)[وبل]?(?:ال|لل)?شهيد[هة]?\s+(?:[^\s\"»”]+\s+){0,2}$")   # a closing quote ends the name


def in_a_name(text: str, start: int) -> bool:
    """`دورة "الشهيد مظلوم حسكة"`, `أكاديمية الشهيد دجوار عفرين`: a place within the
    two words after `الشهيد` is part of a fallen fighter's name, not a place."""
    low = max(0, start - 40)
    return text.find("شهيد", low, start) >= 0 and (_MARTYR.search(text, low, _word_start(text, start)) is not None
                                                   or in_quoted_martyrs_name(text, start))


# `الشهيدين «سليمان كسرى ودلوفان قامشلي»`: a quotation opened after `الشهيد(ين)` and not yet closed
_MARTYRS_QUOTED = re.compile(r"(?<!\w)[وبل]?(?:ال|لل)?شهيد(?:ين|ان|ه|ة)?\s*[«\"“][^»\"”\n]*$")


def in_quoted_martyrs_name(text: str, start: int) -> bool:
    """`سُمّيت الدورة باسم الشهيدين «سليمان كسرى ودلوفان قامشلي»`: a place inside a quoted
    name after `الشهيد`/`الشهيدين` is part of the fallen fighters' names, however far in."""
    return _MARTYRS_QUOTED.search(text, max(0, start - 60), _word_start(text, start)) is not None


_OUTLET_NUMBER = re.compile(r"[\"»”']?\s*24(?![\d.,])")


def outlets_named_after_places(text: str, places: list, quantities: list) -> list[Mention]:
    """`موقع "السويداء 24"`, `شبكة درعا 24`: a place followed by a bare `24` (no counted
    noun: `وصل إلى درعا 24 عنصراً` is a count), or by `24` after an outlet noun, names a
    local news network, neither a place nor a figure."""
    counted = {q.start for q in quantities if q.unit or q.value != 24}
    found = []
    for place in places:
        number = _OUTLET_NUMBER.match(text, place.end)
        if number is not None and (number.end() - 2 not in counted
                                   or word_in(previous_word(text, place.start), _OUTLET_NOUNS)):
            found.append(Mention(place.start, number.end(), None, kind="source"))
    return found


# `لشبكة درعا 24 مصدر من اللواء`: after these a place and 24 name the outlet, whatever follows
_OUTLET_NOUNS = frozenset({"شبكه", "موقع", "مراسل", "صفحه", "قناه", "اذاعه", "منصه", "مراسلو", "مراسلي"})


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


# a comma, then a word that starts a new statement: `، وإن توزيعاً مماثلاً سيجري في …`
# or `، علاوة على ما وصل من إيران …` (what else happened: `ما` after `علاوة على`, `فضلاً عن`)
# `، وهي: الباب، جرابلس …` lists what was counted: it continues the clause
_CLAUSE_GAP = re.compile(r"[،,؛]\s*(?!وذلك|والمقصود|ويقصد|واصيب|واصابه|وجرح|وه[يوم]\s*:)"
                         r"(?:و|فيما|بينما|في حين|كما|ثم|لكن|الا ان|(?:علاوه علي|فضلا عن)\s+ما(?!\w))")


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
    """The report's main place: the place named most often (a governorate, abroad, or the
    whole country: `ترسو في سوريا` … `ميناء طرطوس` … `إلى سوريا` is about the country),
    ties to the first named; its first phrase, cut to its mentions of it."""
    counts: Counter = Counter()
    for phrase in phrases:
        for m in phrase.mentions:
            counts.update(_counted_as(m))
    if not counts:
        return resolve_phrase(phrases[0], []) if phrases else None
    country = _country_over_scattered_places(phrases, counts)
    if country is not None:
        return country
    best = max(counts.values())
    top = next(r for phrase in phrases for m in phrase.mentions for r in _counted_as(m) if counts[r] == best)
    if top in (ABROAD, NATIONAL):   # a report about fighters in Libya, or about the whole country
        for phrase in phrases:
            named = [m for m in phrase.mentions if m.code == top]
            if named:
                return resolve_phrase(Phrase(named[0].start, named[-1].end, named), [])
    naming = [phrase for phrase in phrases if any(top in m.regions for m in phrase.mentions)]
    if not naming:
        return None
    named = _always_together(naming[0], naming, top, Counter(r for p in phrases for r in _counted_in_phrase(p)))
    return resolve_phrase(Phrase(named[0].start, named[-1].end, named), [])


def _always_together(phrase: Phrase, naming: list[Phrase], top: str, counts: Counter) -> list[Mention]:
    """The mentions of the main place's phrase whose governorates are named with the main one
    every time it is named: `145 شاحنة إلى إدلب واللاذقية` … `إلى أرياف إدلب واللاذقية` is
    about both; `مساعدات لسكان الحسكة ودير الزور` then `في محافظة الحسكة` is about Hasakah.
    `counts`: how often the report names each governorate (`_counted_in_phrase`)."""
    kept = []
    for m in phrase.mentions:
        if m.code in (ABROAD, NATIONAL):
            continue
        if top in m.regions or (named_as_often(m, counts, counts[top])
                                and all(any(set(m.regions) <= set(o.regions) for o in p.mentions) for p in naming)):
            kept.append(m)
    return kept or phrase.mentions


def named_as_often(mention: Mention, counts: Counter, most: int) -> bool:
    """`في مناطق درع الفرات ونبع السلام وغصن الزيتون`: Aleppo is named twice (two operations),
    Raqqa and Hasakah once (`نبع السلام`); a place named fewer times than the report's main
    governorate, even in the same phrase, is not part of the main place."""
    return all(counts[r] >= most for r in mention.regions)


_SCATTERED = 3   # governorates, each named once


def _country_over_scattered_places(phrases: list[Phrase], counts: Counter) -> Location | None:
    """`يتركز معظمهم في محافظات حماة وحمص ودير الزور والحسكة` in a report about
    fighters in Syria: when no governorate is named twice, at least three are named
    once and the report names the whole country, the report is about the country."""
    if max(counts.values()) > 1 or sum(1 for r in counts if r not in (ABROAD, NATIONAL)) < _SCATTERED:
        return None
    for phrase in phrases:
        if all(m.code == NATIONAL for m in phrase.mentions):
            return resolve_phrase(phrase, [])
    return None


def _counted_in_phrase(phrase: Phrase) -> list[str]:
    """What one phrase counts for: each mention's `_counted_as`, except a governorate named after
    a place inside it (`مدينة السقيلبية التابعة لمحافظة حماة` counts Hama once; two areas of one
    governorate, `درع الفرات وغصن الزيتون`, count it twice)."""
    counted: list[str] = []
    for m in phrase.mentions:
        if m.kind == "governorate" and m.regions and set(m.regions) <= set(counted):
            continue
        counted.extend(_counted_as(m))
    return counted


def _counted_as(mention: Mention) -> tuple[str, ...]:
    """What a mention counts for when the main place is chosen: its governorates, abroad,
    or the whole country (`سفينة روسية ترسو في سوريا` … `ميناء طرطوس` … `في سوريا`)."""
    if mention.code in (ABROAD, NATIONAL):
        return (mention.code,)
    return mention.regions


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
