"""Incentives: cue words and verb + object patterns, pay figures that stand for an offer,
one record per (report, incentive, actor).

Over 500 lines: the offer rules (what is not an offer, who gives it) read the same
cue matches and clause bounds as the finding of cues; a split into finding and
filtering would pass those between two modules for every cue.
"""
from __future__ import annotations

from typing import TYPE_CHECKING

import dataclasses
import re
from dataclasses import dataclass

import ahocorasick

from helpers.records import Figure, Incentive
from helpers.extract.attribution import previous_word, word_in
from helpers.extract.categories import _INCENTIVE_FIGURE, _price_or_fee, _unit_class
from helpers.extract.basis import FRAME, REPORT_DEFAULT, confidence
from helpers.extract.figures import _attribute, _copy_attribution, _sentence_fields
from helpers.extract.frames import _clause_words_before, _distance, _span
from helpers.extract.references import back_nouns, head_noun_referred_to

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

# `اتفاق التسوية`, `مناطق التسوية`: a name for a deal or a zone, not an offer
_NOT_OFFER_BEFORE = frozenset({"اتفاق", "اتفاقات", "اتفاقيات", "اتفاقيه", "مناطق", "منطقه", "لجنه", "لجان",
                               # `من حملة الجنسية السورية`: a nationality held, not citizenship offered
                               "حمله", "حاملي", "حاملو", "يحملون",
                               # `مقاتلي التسويات`, `بنود التسوية`, `ممن أجروا تسوية`: a status described
                               "مقاتلي", "عناصر", "بنود", "اجروا", "اجري", "اجرت", "قاموا", "خضعوا", "خضع",
                               # `شركة الصياد للحراسة والحماية`: a company's trade
                               "الحراسه", "للحراسه", "لخدمات",
                               # `جمعية مساعدات القوميات`: a body's name, not aid given
                               "جمعيه", "موسسه", "منظمه", "هييه", "برنامج"})



_AID_KINDS = frozenset({"food_aid", "clothing", "blankets_heating", "school_supplies", "medical", "fuel"})
_PAY_CODES = {"salary": "cash_salary", "reward": "cash_reward"}
_GOODS_KIND = {"food_basket": "food_aid"}   # a generic aid word quantified by these units


@dataclass(slots=True)
class _Hit:
    """An incentive cue, or a pay figure that stands for one (`1500 يورو شهرياً`)."""

    start: int
    end: int
    code: str
    generic: bool = False    # `مساعدات`: dropped when the actor gives a named kind of aid
    money: bool = False      # `مبلغ`: the code follows its figure (monthly → cash_salary)
    figure: Figure | None = None  # the pay figure it stands for: same actor and place


def _incentive_hits(context: _ReportContext, pairs: list) -> list[_Hit]:
    text = context.text
    clauses = [(m.start, m.end) for m in context.incentive_hits if m.entry["note"] == "pattern"]
    hits = [_Hit(m.start, m.end, m.entry["incentive"], m.entry["note"].startswith("generic"),
                 m.entry["note"].startswith("money")) for m in context.incentive_hits
            if not _not_an_offer(text, m, clauses)]
    for figure, quantity in pairs:
        code = _PAY_CODES.get(figure.category)
        if code is None or _unit_class(figure.unit) != "money":
            continue
        start, end = _span(quantity)
        hits.append(_Hit(start, end, code, figure=figure))
    return hits


def _incentives(context: _ReportContext, pairs: list) -> list[Incentive]:
    report = context.report
    title_end = context.title_end
    hits = sorted(_incentive_hits(context, pairs), key=lambda h: (h.start < title_end, h.start))
    body_codes = {h.code for h in hits if h.start >= title_end}
    body_codes |= {code for code, covered in _TITLE_COVERED.items() if covered & body_codes}
    found: dict[tuple[str, str | None], Incentive] = {}
    named: set[tuple[str, str | None]] = set()
    vague_money: set[tuple[str, str | None]] = set()   # `مبالغ مالية`: the salary when one is paid
    firm: set[tuple[str, str | None]] = set()          # named by a word of their own
    money_figures: set[str] = set()                    # figures of vague money words (`بمبلغ يصل إلى 80 ألف`)
    pay_figures: dict[tuple[str, str | None], set[str]] = {}
    by_sentence = _pairs_by_sentence(context, pairs)
    sentence_of: dict[tuple[str, str | None], int] = {}
    for hit in hits:
        i, sentence = context.sentence_of(hit.start)
        if sentence is None or (hit.start < title_end and (hit.code in body_codes
                                                           or (hit.generic and body_codes & _AID_KINDS))):
            continue  # a title sums up the body: its cues count only for what the body lacks
        if hit.money and hit.figure is None and _price_or_fee(context.text, hit.start):
            continue  # `تهريب المطلوبين مقابل مبالغ …`: a fee paid, not money offered
        figure = hit.figure or _quantifying_figure(context, by_sentence.get(i, ()), hit, sentence)
        code = _PAY_CODES[figure.category] if hit.money and figure is not None else hit.code
        if code == "cash_reward" and (hit.money or hit.figure) and _paid_for_a_term(context.text, sentence, hit.start):
            code = "cash_salary"
        elif (hit.money and code == "cash_reward" and figure is not None
              and _pays_salaries(context.text, sentence, hit.start)):
            code = "cash_salary"          # its figure stands for no reward of its own
            money_figures.add(figure.id)
        if hit.generic and figure is not None and figure.unit in _GOODS_KIND:
            code = _GOODS_KIND[figure.unit]   # `مساعدات … 4 سلال`: the aid is food
        if hit.figure is not None:
            key = (code, hit.figure.actor)
        else:
            actor, actor_basis = _giver(context, i, sentence, hit), FRAME
            if actor is None or not actor.code:   # an aid body gives way to a backer named after the cue
                named_actor, named_basis = context.actor_with_basis(hit.start, hit.end, incentive=True)
                if actor is None or (named_actor is not None and named_actor.start >= actor.end
                                     and _backer(context.text, named_actor.start)):
                    actor, actor_basis = named_actor, named_basis
            key = (code, actor.code if actor else None)
            if key[1] is None and _state_procedure(code, context.text[hit.start:hit.end]):
                key = (code, REGIME)
        if not hit.generic:
            named.add(key)
        if hit.money and code == "cash_reward" and figure is None and not _paid_once(context.text, sentence, hit.start):
            vague_money.add(key)
        elif hit.figure is not None:
            pay_figures.setdefault(key, set()).add(hit.figure.id)
        else:
            firm.add(key)
        if key in found:
            if found[key].figure_id is None and figure is not None:
                found[key].figure_id = figure.id
            continue
        start, end, text = context.original(hit.start, hit.end)
        incentive = Incentive(
            id=f"{report.id}:i:{code}:{key[1] or '-'}", report_id=report.id, report_date=report.date,
            incentive=code, actor=None, actor_text=None, regions=[], area=None, area_text=None,
            figure_id=figure.id if figure else None, text=text, start=start, end=end,
            **_sentence_fields(context, sentence), source=report.source,
            basis={"incentive": FRAME, "actor": None, "regions": None},
        )
        if hit.figure is not None:
            _copy_attribution(hit.figure, incentive)
        else:
            _attribute(context, incentive, hit.start, hit.end, actor, actor_basis)
            if key[1] == REGIME and incentive.actor is None:
                incentive.actor, incentive.basis["actor"] = REGIME, REPORT_DEFAULT
        incentive.confidence = confidence(incentive.basis)
        found[key] = incentive
        sentence_of[key] = i
    firm |= {key for key, ids in pay_figures.items() if ids - money_figures}
    _add_coordinated_givers(context, found, sentence_of, firm)
    # `المساعدات` after named kinds of aid refers to them
    given_kinds = {actor for (code, actor) in found if code in _AID_KINDS}
    return [record for key, record in found.items()
            if not (key[0] == "aid_unspecified" and key not in named and key[1] in given_kinds)
            and not (key in vague_money and key not in firm and ("cash_salary", key[1]) in found)]


REGIME = "regime"
_SETTLEMENT_WORD = re.compile(r"تسوي|تسوى|سوي")


def _state_procedure(code: str, cue: str) -> bool:
    """`يواصل مركز التسويات استقبال من يرغبون في تسوية أوضاعهم`: a settlement of status with
    no giver named is the state's own procedure (the regime's). A deferral of service is not
    (the SDF defers its own duty service)."""
    return code == "security_settlement" and _SETTLEMENT_WORD.search(cue) is not None


_AND_ONLY = re.compile(r"(?:\s+(?:ال)?(?:سوري|سوريه|روسي|روسيه|ايراني|ايرانيه|تركي|تركيه))?\s*و\s*")


def _add_coordinated_givers(context: _ReportContext, found: dict, sentence_of: dict, firm: set) -> None:
    """`رواتب ميليشيات النظام السوري وإيران التي لا تتجاوز 25 دولاراً`: an offer whose giver is
    joined by `و` to another actor in its sentence is offered by both (a copy for the second)."""
    text = context.text
    for (code, actor), record in list(found.items()):
        i = sentence_of.get((code, actor))
        if actor is None or i is None:
            continue
        mentions = [m for m in context.actors_in[i] if m.code]
        for first, second in zip(mentions, mentions[1:]):
            if first.code == second.code or actor not in (first.code, second.code) \
                    or not _AND_ONLY.fullmatch(text, first.end, second.start):
                continue
            other = second if first.code == actor else first
            if (code, other.code) in found:
                continue
            found[(code, other.code)] = dataclasses.replace(
                record, id=f"{record.report_id}:i:{code}:{other.code}", actor=other.code,
                actor_text=context.original(other.start, other.end)[2], basis=dict(record.basis))
            if (code, actor) in firm:
                firm.add((code, other.code))


# a title's code that the body's codes sum up (`وعود بالحماية` over `يحموهم من الاعتقال`)
_TITLE_COVERED = {"protection": frozenset({"security_settlement", "conscription_exemption"})}
_MONEY_ONCE = re.compile(r"(?<!\w)[وبلف]?(?:ال|لل)?(?:اصاب|يصاب|تصاب|مقتل|يقتل|وفا|قتل|جرح|جروح|استشهاد|يستشهد|عجز|توقيع|مره\s+واحده|ذوي|عايل|عوايل)")
_TERM = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:عقد|عقود)\w*")
_DEMONSTRATIVES = frozenset({"هذا", "هذه", "ذلك", "تلك", "هذين", "هاتين"})
_CLAUSE_BREAK = re.compile(r"[،,.؛\n]")


def _clause_of(text: str, start: int, sentence) -> tuple[int, int]:
    low = max((m.end() for m in _CLAUSE_BREAK.finditer(text, sentence.start, start)), default=sentence.start)
    high = _CLAUSE_BREAK.search(text, start, sentence.end)
    return low, high.start() if high else sentence.end


def _paid_once(text: str, sentence, start: int) -> bool:
    """`يحصل في حال إصابته على مبلغ`: money for a wound, a death or a signature (in the money's
    clause) is a reward."""
    low, high = _clause_of(text, start, sentence)
    return _MONEY_ONCE.search(text, low, high) is not None


_SALARY_WORDS = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:رواتب|راتب|مرتبات)")


def _pays_salaries(text: str, sentence, start: int) -> bool:
    """`الرواتب سلمت بانتظام، بمبلغ يصل إلى 80 ألف ليرة`: a sum in a sentence about salaries is the salary."""
    return (_SALARY_WORDS.search(text, sentence.start, sentence.end) is not None
            and not _paid_once(text, sentence, start))


def _paid_for_a_term(text: str, sentence, start: int) -> bool:
    """`تمتد العقود ثلاثة أشهر لقاء مبلغ قدره 3000 دولار`: money for a contract's term is pay."""
    return _TERM.search(text, sentence.start, sentence.end) is not None and not _paid_once(text, sentence, start)


_HOLDERS = frozenset({"حمله", "حاملي", "حاملو", "حامل", "يحمل", "تحمل", "يحملون", "يحملان", "بجنسيه"})
_OFFER_WORDS = frozenset({"منح", "يمنح", "تمنح", "بمنح", "منحهم", "منحه", "سيمنح", "الحصول", "حصول", "يحصل",
                          "يحصلون", "وعود", "وعد", "وعدهم", "يعد", "تعد", "اعطاء", "اعطاءهم", "تجنيس", "تقديم",
                          "يقدم", "تقدم", "قدم", "توزيع", "وزع", "وزعت", "يوزع", "توزع", "مزايا", "امتيازات",
                          "تامين", "تامين", "مخصصات", "تكفل", "يكفل", "مقابل", "لقاء", "تعهد", "تعهدت",
                          "يتقاضي", "يتقاضون", "عروض", "اغراءات", "تسليم", "سلم", "سلمت", "تشمل", "شملت"})
_DEMANDS = frozenset({"يطالب", "تطالب", "يطالبهم", "طالبت", "مطالبه", "يلزم", "تلزم", "الزام", "الزامهم",
                      "اجبار", "يجبر", "تجبر", "مطالبين"})
_WITHDRAWN = frozenset({"الغت", "الغي", "الغاء", "اوقفت", "اوقف", "ايقاف", "قطع", "قطعت", "اقتطاع", "اقتطعت",
                        "خصم", "خصمت", "حسم", "حرمان", "حرمت", "حرم", "سحب", "سحبت"})
_GUARD_WORDS = ("حراسه", "الحراسه", "للحراسه", "بحراسه")
_SERVICE_PAPERS = frozenset({"الخدمه", "خدمه", "العسكريه", "عسكريه", "التجنيد"})


# verbs of giving, offering, promising and paying, whose agent is an incentive's giver
_GIVING = re.compile(r"(?<!\w)[وف]?س?(?:يقدم|تقدم|قدم|يمنح|تمنح|منح|يوزع|توزع|وزع|يعرض|تعرض|عرض|يدفع|تدفع|دفع"
                     r"|يصرف|تصرف|صرف|يتعهد|تتعهد|تعهد|وعد|يومن|تومن|امن|يوفر|توفر|وفر|يخصص|تخصص|خصص"
                     r"|اوصل|يوصل|توصل|سلم|يسلم|سدد|يسدد|تسدد|يتكفل|تتكفل|تكفل"
                     # who recruits for pay offers it: `خطة الحزب بتجنيد الشاب لقاء مبلغ شهري`
                     r"|جند|يجند|تجند|بتجنيد|يستقطب|تستقطب|استقطب)(?:ت|وا|ون|ه|ها|هم)?(?!\w)")
_BARE_SUBJECTS = ("الحزب", "الميليشيا", "المليشيا", "الفصيل", "الشركه", "الفيلق", "اللواء", "الفرقه", "الحرس",
                  "المجموعه", "المجلس")
_GIVER_GAP = 3   # words between the agent and its verb (`الحزب أنه سيمنح`)


def _giver(context: _ReportContext, i: int, sentence, hit: _Hit):
    """The agent of the verb of giving that governs the cue, when an actor or aid body is
    named right before it or right after it: `الأمم المتحدة قدمت … إغاثة طبية`,
    `يعرض الجانب الروسي راتباً`, `المساعدات الروسية` (an adjective of the cue itself)."""
    text = context.text
    mentions = context.actors_in[i] if i is not None else ()
    low = max(sentence.start, hit.start - 150)
    if not mentions and not any(noun in text[low:hit.start] for noun in _BARE_SUBJECTS):
        return None   # the common case: no actor and no bare head noun to give it
    for m in mentions:   # `المساعدات الروسية`: the cue's own adjective
        if m.kind == "adjective" and hit.end <= m.start and not text[hit.end:m.start].strip():
            return m
    verb = None
    for found in _giving_verbs(context, i, sentence):   # the cue may be the verb (`تدفعه`)
        if found.start() >= hit.end:
            break
        if found.start() >= low:
            verb = found
    if verb is None:
        return None
    after = [m for m in mentions if verb.end() <= m.start and (m.end <= hit.start or verb.start() >= hit.start)
             and len(text[verb.end():m.start].split()) <= 1]
    if after:
        return after[0]
    before = [m for m in mentions if m.end <= verb.start() and len(text[m.end:verb.start()].split()) <= _GIVER_GAP
              and not _COMMA_BETWEEN.search(text, m.end, verb.start())]
    return before[-1] if before else _bare_giver(context, sentence, verb.start())


def _giving_verbs(context: _ReportContext, i: int, sentence) -> list:
    """The verbs of giving in sentence `i`, in order (found once per sentence and report)."""
    cache = context.__dict__.setdefault("_giving_verbs", {})
    found = cache.get(i)
    if found is None:
        text = context.text
        found = cache[i] = []
        for m in _finditer_at_words(_GIVING, text[sentence.start:sentence.end]):
            start = m.start() + sentence.start
            found.append(_Span(start + (not text[start].isalpha()), m.end() + sentence.start))  # a twin's match: one early
    return found


def _bare_giver(context: _ReportContext, sentence, verb_start: int):
    """`ويُذكر أن الميليشيا تستغل الفقر … فتعرض على الشبان رواتب`: the verb's subject is a bare
    head noun (`الميليشيا`, `الحزب`): the force named with that noun before."""
    low = max(sentence.start, verb_start - 60)
    nouns = [h for h in back_nouns(context.text, low, verb_start)]
    if not nouns:
        return None
    pos, stop, _ = nouns[-1]
    return head_noun_referred_to(context.text, context.actors, (nouns[-1],), stop, stop, sentence.start,
                                 context.actor_index)


class _Span:
    """A verb's span in the whole text (a match found in a window, shifted)."""

    __slots__ = ("_start", "_end")

    def __init__(self, start: int, end: int):
        self._start, self._end = start, end

    def start(self) -> int:
        return self._start

    def end(self) -> int:
        return self._end


_COMMA_BETWEEN = re.compile(r"[،,.]")
_BACKED = re.compile(r"(?:مقدمه|المقدمه|مقدمات|بتمويل|بدعم|بتبرع|هديه)\s+(?:من\s+)?$")


def _backer(text: str, start: int) -> bool:
    """`سلة غذائية مقدمة من مركز المصالحة الروسي`: the actor at `start` funds the aid a body hands out."""
    return _BACKED.search(text[max(0, start - 24):start]) is not None


def _word_start(text: str, start: int) -> int:
    """Where the word holding `start` begins (its clitics and article included: `والمكافأة`)."""
    while start > 0 and text[start - 1].isalpha():
        start -= 1
    return start


def _words_before(text: str, start: int, most: int) -> list[str]:
    """The last `most` words before `start` in its clause, clitics kept."""
    return _clause_words_before(text, start, 70, most)


def _not_an_offer(text: str, hit, clauses: list[tuple[int, int]]) -> bool:
    """A cue that names no offer: one of the rules below."""
    code, note = hit.entry["incentive"], hit.entry["note"]
    if note == "pattern":
        return False
    if code == "protection" and (any(a <= hit.start < b for a, b in clauses) or _protection_not_offered(text, hit)):
        return True
    if note.startswith("offer") and not _offered(text, hit.start):
        return True
    if (code == "fuel" and _fuel_for_war(text, hit.end)) or (code == "food_aid" and _exact_adjective(text, hit)):
        return True
    if note.startswith(("money", "generic")) and word_in(previous_word(text, hit.start), _DEMONSTRATIVES):
        return True    # `الفارق بين هذا المبلغ …`, `هذه المساعدات تعبر عن …`: named before
    triggers = _TRIGGERS.get(code, _TRIGGERS[None])
    # the window sliced: Automaton.iter(text, start, end) costs the length of the whole text
    if triggers is not None and next(triggers.iter(text[max(0, hit.start - 84):hit.start]), None) is None:
        return False    # the common case: no word of the rules below just before the cue
    before = _words_before(text, _word_start(text, hit.start), 10)
    return (_nationality_described(text, hit, code, before) or _demanded(before) or _withdrawn(before)
            or _status_described(code, before) or _guard_job(code, before[-5:]) or _service_papers(text, hit, code)
            or _assessor(code, before))


# `شباب ديرالزور وقود لحملات التجنيد`, `وقوداً للحرب`: young men as the fuel of a war
_FUEL_FOR = re.compile(r"\s+(?:ل|لل)(?:حمل|حرب|حروب|معارك|معرك|صراع|جبه|نزاع|مشروع|اطماع|مخطط)\w*")


def _fuel_for_war(text: str, end: int) -> bool:
    """`شباب ديرالزور وقود لحملات التجنيد`: fuel for a war or a campaign is a figure of speech."""
    return _FUEL_FOR.match(text, end) is not None


_MEASURED_NOUNS = frozenset({"حجم", "عدد", "رقم", "الرقم", "موعد", "تاريخ", "وصف", "تحديد", "معني", "تفاصيل", "الحجم",
                             "العدد", "الموعد", "التاريخ", "الوصف", "التحديد", "المعني", "بالتحديد"})


def _exact_adjective(text: str, hit) -> bool:
    """`حجمه الدقيق`, `العدد الدقيق`: `الدقيق` as `exact` after the noun it describes, not flour."""
    if text[hit.start:hit.end] != "دقيق" or text[hit.start - 2:hit.start] != "ال":
        return False
    word = previous_word(text, hit.start - 2).strip("،,.")
    return word_in(word, _MEASURED_NOUNS) or (word.endswith(("ه", "ها", "هم")) and not word_in(word, _OFFER_WORDS))


def _nationality_described(text: str, hit, code: str, before: list[str]) -> bool:
    """`من حملة الجنسية السورية`, `أن يحمل الجنسية السورية`: a nationality held, not citizenship
    offered (`منح الجنسية السورية` to foreign fighters is one)."""
    if code != "citizenship":
        return False
    if any(word_in(w, _HOLDERS) for w in before[-2:]):
        return True
    following = text[hit.end:hit.end + 12].split()
    return bool(following) and following[0] == "السوريه" and not any(word_in(w, _OFFER_WORDS) for w in before[-5:])


# `منذ تسويات عام 2018`, `ممن أجروا تسوية`, `قاموا بتسوية أوضاعهم`, `مقاتلي التسويات`
_STATUS_BEFORE = frozenset({"منذ", "بعد", "عقب", "اثر", "قبل", "مقاتلي", "عناصر", "بنود", "اجروا", "اجري",
                            "اجرت", "اجرينا", "قاموا", "قام", "خضعوا", "خضع", "ممن", "اتموا", "انجزوا",
                            "ملف", "ملفي", "ملفات",   # `ملفي التسويات والتجنيد`: a dossier
                            "مدن", "بلدات", "قري"})   # `مدن التسويات`: towns named by their deal


def _automaton(words) -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in words:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


def _triggers() -> dict:
    """Per code, the words the rules of `_not_an_offer` look for before a cue (substrings: a
    gate); None: always checked (those rules look after the cue)."""
    general = _DEMANDS | _WITHDRAWN
    return {None: _automaton(general), "citizenship": None, "school_supplies": None,
            "security_settlement": _automaton(general | _STATUS_BEFORE),
            "protection": _automaton(general | set(_GUARD_WORDS)),
            "medical": _automaton(general | {"يحدد", "تحدد", "يقرر", "تقرر"})}


def _status_described(code: str, before: list[str]) -> bool:
    """A settlement already made (`ممن أجروا تسوية مع النظام`, `منذ تسويات عام 2018`)
    is a status the text describes, not an offer."""
    return code == "security_settlement" and any(word_in(w, _STATUS_BEFORE) for w in before[-2:])


def _assessor(code: str, before: list[str]) -> bool:
    """`نسبة العجز التي يحددها فريق طبي مختص`: doctors who assess, not care given."""
    return code == "medical" and any(w.startswith(("يحدد", "تحدد", "يقرر", "تقرر")) for w in before[-2:])


def _demanded(before: list[str]) -> bool:
    """`قراراً يطالب فيه المطلوبين بتسوية أوضاعهم`: a duty laid on them, not an offer."""
    return any(word_in(w.strip('"'), _DEMANDS) for w in before)


def _withdrawn(before: list[str]) -> bool:
    """`ألغت الميليشيا المنحة`, `اقتطاع مبالغ من رواتبهم`: taken away, not offered."""
    return any(word_in(w, _WITHDRAWN) for w in before[-4:])


def _guard_job(code: str, before: list[str]) -> bool:
    """`حراسة المنشآت النفطية وحمايتها`, `شركة الصياد للحراسة والحماية`: a guard's job."""
    return code == "protection" and any(w.endswith(_GUARD_WORDS) for w in before)


def _service_papers(text: str, hit, code: str) -> bool:
    """`قطع دفاتر الخدمة`: a service booklet, not school supplies."""
    if code != "school_supplies":
        return False
    following = text[hit.end:hit.end + 16].split()
    return bool(following) and following[0] in _SERVICE_PAPERS


def _offered(text: str, start: int) -> bool:
    """`مزايا خاصة باللباس والطعام`: a common word (note `offer`) names an incentive only after
    a word of giving or offering in its clause."""
    return any(word_in(w, _OFFER_WORDS) for w in _clause_words_before(text, start, 90, 8))


_TRIGGERS = _triggers()


def _pairs_by_sentence(context: _ReportContext, pairs: list) -> dict[int, list]:
    """(figure, quantity) pairs by the sentence their quantity starts in, in order:
    an incentive looks only at its own sentence's figures (linear, not pairwise)."""
    buckets: dict[int, list] = {}
    for pair in pairs:
        buckets.setdefault(context.index.index_of(pair[1].start), []).append(pair)
    return buckets


def _quantifying_figure(context: _ReportContext, pairs, hit: _Hit, sentence) -> Figure | None:
    """The nearest figure in the hit's sentence whose category fits the incentive
    (`pairs`: the figures of that sentence)."""
    wanted = set(_PAY_CODES) if hit.money else {_INCENTIVE_FIGURE.get(hit.code)}
    best, best_distance = None, None
    for figure, quantity in pairs:
        if figure.category not in wanted or not (sentence.start <= quantity.start < sentence.end):
            continue
        distance = _distance(*_span(quantity), hit.start, hit.end)
        if best_distance is None or distance < best_distance:
            best, best_distance = figure, distance
    return best


# `العاملين في حماية حقول النفط`: guarding a site is a job, not protection offered to people
_GUARDED_SITES = frozenset({"حقول", "الحقول", "حقل", "منشات", "المنشات", "منشاه", "مواقع", "المواقع", "قوافل",
                            "القوافل", "مقرات", "المقرات", "ابار", "الابار", "مستودعات", "المستودعات", "الطرق",
                            "طرق", "خطوط", "الحدود", "حدود", "السفارات", "المطار", "مطار", "القاعده", "قاعده",
                            "المنطقه", "المناطق", "منطقه", "مناطق"})


# `قوات الحماية الذاتية`, `وحدات حماية الشعب`: a force's name; `حماية أنفسهم`: their own motive;
# `لحماية مصالح موسكو`: the recruits' task
_FORCE_BEFORE = frozenset({"قوات", "وحدات", "لقوات", "لوحدات", "قوه", "كتايب", "فوج"})
_NOT_PEOPLE_AFTER = frozenset({"الذاتيه", "الشعب", "المراه", "انفسهم", "انفسنا", "نفسه", "انفسكم", "مصالح",
                               "المصالح", "مصالحها", "مصالحه", "الامن"}) | _GUARDED_SITES
_QUOTES = "«»\"'“”()[].,،:؛"


def _protection_not_offered(text: str, hit) -> bool:
    """`قوات الحماية الذاتية`, `لحماية مصالح موسكو`, `هي حماية المنطقة.`, `في «حماية المنشآت»`:
    a force's name, or protection of a site, an interest or oneself, not offered to recruits."""
    before = text[max(0, hit.start - 20):hit.start].split()
    if before and word_in(before[-1].strip(_QUOTES), _FORCE_BEFORE):
        return True
    following = text[hit.end:hit.end + 30].split()
    return bool(following) and word_in(following[0].strip(_QUOTES), _NOT_PEOPLE_AFTER)


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
    # `تعتمد في ذلك على المال`, `جندتهم طهران بسلاحي التشيع والمال`: money as the lure
    (r"(?<!\w)[وف]?(?:يعتمد|تعتمد|يعتمدون|بسلاح)\w*\s+(?:[^\s،,.]+\s+){0,5}?(?:علي\s+)?(?P<cue>و?المال)(?!\w)",
     "cash_reward",
     (("يعتمد", "تعتمد", "بسلاح"), ("المال",))),
))


# --- offers stated as a clause: a verb of giving, sparing or guarding and its object ----

_SERVICE = r"(?:ال)?(?:خدمه|احتياط|تجنيد|جيش|سوق|الزاميه|عسكريه)"
# (pattern, incentive, word groups): tried after the patterns above, the more specific first
_OFFER_PATTERNS = tuple((re.compile(p), code, needs) for p, code, needs in (
    # `لن يتم تعقبهم لأداء الخدمة`, `يمنع تجنيدهم في الخدمة`, `يحول عملياً دون سوقهم إلى الخدمة`
    (rf"(?<!\w)[وف]?(?P<cue>(?:لن\s+يتم|لا\s+يتم|عدم|يمنع|تمنع|منع|(?:يحول|تحول)\s+(?:\S+\s+)?دون)\s+"
     rf"(?:\S+\s+)?(?:تعقب|ملاحق|سوق|تجنيد|طلب|استدعاء|التحاق|سحب)\w*\s+(?:[^\s،,.]+\s+){{0,3}}?[وبل]?{_SERVICE}\w*)",
     "conscription_exemption", (("يتم", "عدم", "منع", "دون"),
                                ("تعقب", "ملاحق", "سوق", "تجنيد", "طلب", "استدعاء", "التحاق", "سحب"),
                                ("خدمه", "احتياط", "تجنيد", "جيش", "سوق", "الزامي", "عسكري"))),
    # `لن يتم تعقبهم`, `عدم مساءلتهم`: kept from pursuit (no call-up named)
    (r"(?<!\w)[وف]?(?P<cue>(?:لن\s+يتم|لا\s+يتم|عدم)\s+(?:تعقب|ملاحق|اعتقال|توقيف|مساءل|محاسب|اعتراض)\w*)",
     "security_settlement", (("يتم", "عدم"), ("تعقب", "ملاحق", "اعتقال", "توقيف", "مساءل", "محاسب", "اعتراض"))),
    # `يحموا المتطوعين من الاعتقال ومن التجنيد الإجباري`: guarded from the call-up
    (r"(?<!\w)[وفل]?(?P<cue>(?:يحم|تحم|حمايت|حمايه)\w*\s+(?:[^\s،,.]+\s+){0,5}?و?من\s+[وبل]?(?:ال)?(?:تجنيد|خدمه|سوق|احتياط)\w*)",
     "conscription_exemption", (("يحمي", "يحمو", "تحمي", "حماي"), ("تجنيد", "خدمه", "سوق", "احتياط"))),
    # `يحموا المتطوعين من الاعتقال`, `بطاقة تمنع أي جهة من اعتراضهم`, `تقي صاحبها التوقيف`
    (r"(?<!\w)[وفل]?(?:يحم|تحم|حمايت|حمايه|تمنع|يمنع|تقي|يقي)\w*\s+(?:[^\s،,.]+\s+){0,3}?(?:من\s+)?"
     r"(?P<cue>(?:ال)?(?:اعتقال|توقيف|اعتراض|تعرض|ملاحقه|احتجاز)\w*)",
     "security_settlement", (("يحمي", "يحمو", "تحمي", "حماي", "تمنع", "يمنع", " تقي ", " يقي "),
                             ("اعتقال", "توقيف", "اعتراض", "تعرض", "ملاحقه", "احتجاز"))),
    # `تُسوّى أوضاعه`, `يسوّي وضعهم`: a status settled, said by its verb
    (r"(?<!\w)[وف]?(?P<cue>(?:س?[يت]سوي|سويت)\s+(?:ال)?(?:اوضاع|وضع)\w*)", "security_settlement",
     (("يسوي", "تسوي", "سويت"), ("وضع", "اوضاع"))),
    # `عبور الحواجز دون أن يعترضهم أحد`: passing unhindered
    (r"(?<!\w)[وف]?(?P<cue>دون\s+ان\s+(?:يعترض|يتعرض|يوقف|يلاحق|يسال)\w*)", "security_settlement",
     (("دون",), ("يعترض", "يتعرض", "يوقف", "يلاحق", "يسال"))),
    # `يخدم في قريته أو بلدته`, `الخدمة ضمن المدينة`: serving near home
    (r"(?<!\w)[وفل]?(?P<cue>(?:يخدم|تخدم|خدمته|خدمتهم)\w*\s+(?:\S+\s+)?(?:في|ضمن|داخل|قرب)\s+"
     r"(?:قري|بلد|منطق|مدين|محافظ|منزل|مناطق)\w*(?:ه|هم))(?!\w)", "service_near_home",
     (("يخدم", "تخدم", "خدمت"), ("قري", "بلد", "منطق", "مدين", "محافظ", "منزل"))),
    # `احتساب الخدمة في صفوفه بدلاً من الإلزامية`: service counted instead of conscription
    (r"(?<!\w)[وفب]?(?P<cue>(?:احتساب|تحتسب|يحتسب|اعتبار|تعتبر|تعد)\w*\s+(?:[^\s،,.]+\s+){0,5}?بدلا\s+(?:من|عن)\s+"
     r"(?:ال)?(?:خدمه\s+)?(?:ال)?(?:الزاميه|الزامي|احتياط|اجباريه)\w*)",
     "conscription_exemption", (("احتساب", "تحتسب", "يحتسب", "اعتبار", "تعتبر", " تعد "), ("بدلا",))),
    # `ضعف ما تدفعه الميليشيات لمجنديها كل شهر`: a monthly payment named by its verb
    (r"(?<!\w)[وف]?(?P<cue>(?:يدفع|تدفع|يصرف|تصرف)\w*)\s+(?:[^\s،,.]+\s+){0,5}?(?:كل\s+شهر|شهريا|في\s+الشهر)",
     "cash_salary", (("يدفع", "تدفع", "يصرف", "تصرف"), ("كل شهر", "شهريا", "في الشهر"))),
))

# kinds of aid named by adjectives joined to one aid noun
# (`مساعدات إغاثية وإنسانية وغذائية وطبية`, `المعونات الغذائية والصحية والمعيشية`)
_AID_ADJECTIVES = {"غذاييه": "food_aid", "طبيه": "medical", "صحيه": "medical", "دواييه": "medical",
                   "معيشيه": "aid_unspecified", "تموينيه": "food_aid"}
_JOINED_ADJECTIVES = tuple(f"و{article}{word}" for word in _AID_ADJECTIVES for article in ("", "ال"))
_PASSING_ADJECTIVES = frozenset({"انسانيه", "اغاثيه", "عاجله", "متنوعه", "اساسيه", "مختلفه", "نفسيه", "ماليه"})
_AID_NOUNS = re.compile(r"(?<!\w)[وبل]?(?:ال|ل)?(?:مساعدات|معونات|مواد|اغاثه|مستلزمات)(?!\w)")


def coordinated_aid_kinds(text: str, present: set[str]) -> list[PatternHit]:
    """Each kind of aid named by an adjective of a list joined to one aid noun:
    `مساعدات إغاثية وإنسانية وغذائية وطبية` → food_aid and medical (the first adjective
    after the noun is left to the lexicon)."""
    if not present.intersection(_JOINED_ADJECTIVES):
        return []   # only an adjective joined by و adds a kind
    hits = []
    for m in _finditer_at_words(_AID_NOUNS, text):
        position = m.end()
        for word_match in _NEXT_WORD.finditer(text, position):
            if word_match.start() != position:
                break
            word = word_match.group("word")
            joined = word.startswith("و")
            bare = word[1:] if joined else word
            bare = bare[2:] if bare.startswith("ال") else bare
            code = _AID_ADJECTIVES.get(bare)
            if code is None and bare not in _PASSING_ADJECTIVES:
                break
            if code is not None and joined:
                start = word_match.start("word") + 1
                hits.append(PatternHit(start, word_match.end(), {"incentive": code, "note": "pattern",
                                                                 "cue": text[start:word_match.end()]}))
            position = word_match.end()
    return hits


_NEXT_WORD = re.compile(r"\s+(?P<word>\w+)")


# the words the incentive patterns need (word → itself), for a scan shared with the lexicons
PATTERN_WORDS = {word: word for _, _, needs in _INCENTIVE_PATTERNS + _OFFER_PATTERNS
                 for group in needs for word in group} | {word: word for word in _JOINED_ADJECTIVES}


def _pattern_words_automaton() -> ahocorasick.Automaton:
    automaton = ahocorasick.Automaton()
    for word in PATTERN_WORDS:
        automaton.add_word(word, word)
    automaton.make_automaton()
    return automaton


_PATTERN_WORDS_AUTOMATON = None   # built on first use (pattern_incentives without `present`)
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
        global _PATTERN_WORDS_AUTOMATON
        _PATTERN_WORDS_AUTOMATON = _PATTERN_WORDS_AUTOMATON or _pattern_words_automaton()
        present = {word for _, word in _PATTERN_WORDS_AUTOMATON.iter(text)}
    taken: set[int] = set()   # a span read by an earlier (more specific) pattern
    for pattern, code, needs in _INCENTIVE_PATTERNS + _OFFER_PATTERNS:
        if not all(present.intersection(group) for group in needs):
            continue
        for m in _finditer_at_words(pattern, text):
            if m.start("cue") in taken:
                continue
            taken.add(m.start("cue"))
            hits.append(PatternHit(m.start("cue"), m.end("cue"), {"incentive": code, "note": "pattern", "cue": m.group("cue")}))
    hits += coordinated_aid_kinds(text, present)
    return hits
