"""One Figure per quantity: category, measure, actor and place, and the parts of a group."""
from __future__ import annotations

from typing import TYPE_CHECKING

import re

from helpers.records import Figure
from helpers.extract.basis import BASES, CLAUSE, FRAME, PARAGRAPH, REPORT_DEFAULT, confidence
from helpers.extract.categories import categorise_with_basis
from helpers.extract.money_frames import deducted
from helpers.extract.figure_model import apply_models
from helpers.extract.place_model import choose_place, with_place_probability
from helpers.extract.money_aid import carried_aid, exchange_rate
from helpers.extract.frames import _span, measure_with_basis
from helpers.extract.predicates import taking_part
from helpers.extract.references import among_previous, counts_people

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

def _figures(context: _ReportContext) -> list[tuple[Figure, object]]:
    """Each figure with the quantity it came from."""
    report = context.report
    figures = []
    previous: tuple[int | None, Figure | None] = (None, None)   # (sentence, figure) of the last figure
    previous_end = 0
    shares: set[str] = set()   # sums read as the worth or a share of the sum before them
    for quantity in context.quantities:
        i, sentence = context.sentence_of(quantity.start)
        if sentence is None:
            continue
        cues = context.cues_in[i]
        category, category_basis = categorise_with_basis(context.text, quantity, cues, sentence.start, sentence.end)
        if category == "other" and category_basis == REPORT_DEFAULT and carried_aid(
                context.text, quantity.noun, [(0, context.title_end), (context._paragraph_start(i), sentence.end)]):
            category, category_basis = "aid_amount", PARAGRAPH   # `ثلاث شحنات جوية` in a report on aid
        measure, measure_basis = (measure_with_basis(context.text, quantity, cues, context.quantities_in[i],
                                                     sentence.start, sentence.end)
                                  if category == "recruits" else (None, None))
        if (measure is None and category == "recruits" and category_basis == FRAME
                and not taking_part(context.text, quantity.start, sentence.start)):
            measure = "flow"   # `اجتاز الاختبارات مع مئات آخرين`: recruits and nothing to say how: arrivals, the commonest
        if (category == "recruits" and measure_basis != FRAME and previous[0] == i
                and previous[1].category == "recruits" and previous[1].measure
                and _another_estimate(context.text, quantity.start, sentence.start)):
            measure, measure_basis = previous[1].measure, CLAUSE   # `بينما ذكر آخرون أعداداً تتراوح بين 700 و1000`
        span_start, span_end = _span(quantity)
        start, end, text = context.original(quantity.start, quantity.end)
        figure = Figure(
            id=f"{report.id}:f:{start}", report_id=report.id, report_date=report.date,
            value=quantity.value, value_min=quantity.value_min, value_max=quantity.value_max,
            qualifier=quantity.qualifier, unit=quantity.unit, category=category, measure=measure,
            actor=None, actor_text=None, regions=[], area=None, area_text=None,
            text=text, start=start, end=end, **_sentence_fields(context, sentence), source=report.source,
            basis={"category": category_basis, "unit": FRAME if quantity.unit else REPORT_DEFAULT,
                   "measure": measure_basis, "actor": None, "regions": None},
        )
        rate = not quantity.unit and exchange_rate(context.text, span_start)
        if rate:
            figure.unit, figure.category, figure.measure = "syp", "other", None   # `الدولار الواحد يعادل 13750`
            figure.basis.update(unit=FRAME, category=FRAME, measure=None)
        elif (not quantity.unit and previous[0] == i and previous[1].unit
                and _changed_to(context.text, previous_end, quantity.start, quantity.end)):
            figure.unit = previous[1].unit   # `من 1.2 مليون ليرة إلى 1.8 مليون`, `بعد أن كانت 200 ألف،`
            figure.category, figure.measure = previous[1].category, previous[1].measure
            figure.basis.update(unit=CLAUSE, category=CLAUSE, measure=CLAUSE if figure.measure else None)
        elif not quantity.unit and counts_people(context.text, span_start, span_end, context.actors):
            figure.unit = "person"   # `بينهم 3 من حزب الله`, `قُتل منهم 12`
            figure.basis["unit"] = FRAME
        if figure.category == "other" and figure.unit == "person" and category_basis != FRAME:
            group = (_group_referred_to(context.text, span_end, figures)
                     or _group_referred_to(context.text, quantity.end, figures))
            if group is not None:    # `120 من هؤلاء`, `10 آلاف منهم`: people of the group counted before
                figure.category = group.category
                figure.measure, figure.basis["measure"] = (
                    measure_with_basis(context.text, quantity, cues, context.quantities_in[i], sentence.start,
                                       sentence.end) if group.category == "recruits" else (None, None))
                figure.basis["category"] = CLAUSE
        if not quantity.unit and figure.unit is None:
            currency = _pay_in_currency_before(context.text, sentence.start, quantity.start, figures)
            if currency is not None:
                figure.unit, figure.category, figure.measure = currency, "salary", None
                figure.basis.update(unit=PARAGRAPH, category=FRAME, measure=None)
        if figure.unit is None and figure.category in ("recruits", "casualties"):
            figure.unit = "person"   # `نحو (3600) على الأقل تطوعوا`: men, though no noun says so
            figure.basis["unit"] = CLAUSE
        if (not rate and previous[0] == i and previous[1].unit in _CURRENCIES and figure.unit in _CURRENCIES | {None}
                and not deducted(context.text, span_start)
                and (_worth_or_share(context.text, previous_end, quantity.start)
                     or (previous[1].id in shares and _LISTED_AND.search(context.text, previous_end, quantity.start)))):
            figure.category = previous[1].category   # `وهو مبلغ يوازي 1250 دولار`, `منه 800 دولار لعائلته`
            figure.basis["category"] = CLAUSE
            shares.add(figure.id)
        if previous[0] == i and figure.unit == "try" and previous[1].unit == "syp" and _bare_pound_before(
                context.text, previous_end, quantity.start):
            previous[1].unit = "try"   # `600 ليرة إلى 400 ليرة تركية`: the second pound names the first
        elif previous[0] == i and previous[1].unit == "try" and _bare_pound(context.text, quantity):
            figure.unit = "try"   # `3000 ليرة تركية بدلاً من 2000 ليرة`: the first pound names the second
            figure.basis["unit"] = CLAUSE
        elif (not figure.unit and previous[0] == i and previous[1].unit in _CURRENCIES
              and _listed_after(context.text, previous_end, quantity.start, quantity.end)):
            figure.unit, figure.category = previous[1].unit, previous[1].category   # `80 ألف ليرة …، و50 ألف`
            figure.basis.update(unit=CLAUSE, category=CLAUSE)
        if not rate and previous[0] == i and previous[1].unit in _CURRENCIES and _restated(
                context.text, previous_end, quantity.start):
            _restate(previous[1], figure, context.text, quantity)   # `40 ألف ليرة، وهو مبلغ يوازي 1250 دولار`
        if figure.unit in _CURRENCIES and figure.category == "other" and figure.basis["category"] == REPORT_DEFAULT:
            whole = _sum_it_is_part_of(context.text, sentence.start, quantity.start, figure.unit, figures)
            if whole is not None:   # `1400 دولار تُدفع في مكانين: 800 دولار لأسرته، و600 دولار يقبضها`
                figure.category = whole.category
                figure.basis["category"] = CLAUSE
        place_probability = _attribute(context, figure, quantity.start, quantity.end)
        if previous[0] == i and figure.unit == previous[1].unit == "person" and among_previous(
                context.text, quantity.start, quantity.end, context.actors_in[i]):
            _share_group(previous[1], figure)   # `القبض على 27 عنصراً …، بينهم 6 قياديين`
        elif previous[0] == i and figure.unit and figure.unit == previous[1].unit and _part_after(context.text, span_end):
            _share_group(previous[1], figure)   # `850 عائلة …، وإن 40 عائلة منها عادت`: a part of them
        figure.confidence = with_place_probability(confidence(figure.basis), place_probability)
        previous, previous_end = (i, figure), quantity.end
        figures.append((figure, quantity))
    _title_read_as_body(figures, context.title_end)
    _arrests_for_service(figures, context)
    apply_models(context, figures)   # the learned category and measure, where the policy lets them decide
    return figures


# `ذكروا أعداداً تتراوح بين`, `تقديرات تشير إلى`: the number given as numbers or an estimate, no verb of its own
_ESTIMATE_NOUN = re.compile(r"(?<!\w)(?:اعدادا|ارقاما|اعداد|ارقام|تقديرات|تقديرا)(?:\s+[^\s\d،,؛]+){0,3}?\s+(?:ال)?$")


def _another_estimate(text: str, start: int, sentence_start: int) -> bool:
    """`أُبلغ بقرار بنشر 1000 مقاتل، بينما ذكر آخرون أعداداً تتراوح بين 700 و1000`: a count
    introduced only as numbers or an estimate, after another count of recruits in its sentence,
    is another estimate of the same men and takes that count's measure."""
    return _ESTIMATE_NOUN.search(text, max(sentence_start, start - 60), start) is not None


def _arrests_for_service(figures: list, context: _ReportContext) -> None:
    """Once the report ties arrests to service (`«قسد» تحتجز عشرات الشبان لتجنيدهم`,
    `اعتقال 20 شاباً متخلفين عن الخدمة`: recruits arrested, a flow), men
    counted as arrested in its later sentences (`أكثر من 40 شاباً اعتُقلوا على حواجز`) are
    recruits taken in the same campaign (basis `paragraph`)."""
    tied = False
    for figure, quantity in figures:
        i, _ = context.sentence_of(quantity.start)
        cues = context.cues_in[i]
        # arrested, and for no other reason the sentence names (`بتهمة تهريب المطلوبين`)
        arrested = any(c.captive for c in cues)
        arrests = arrested and not any(c.category == "other" and not c.captive for c in cues)
        if arrested and figure.category == "recruits" and figure.measure == "flow":
            tied = True
        elif tied and arrests and figure.category == "other" and figure.unit == "person":
            figure.category, figure.measure = "recruits", "flow"
            figure.basis.update(category=PARAGRAPH, measure=PARAGRAPH)
            figure.confidence = confidence(figure.basis)


def _title_read_as_body(figures: list, title_end: int) -> None:
    """A title sums up its body: `فاغنر تجنّد نحو 2000 مرتزق` is read as the body's
    figure of the same value and unit (`تمكنت حتى الآن من تجنيد نحو 2000 مرتزق`):
    its category and measure (and its unit, when the title has none)."""
    if not title_end:
        return
    body: dict = {}
    for figure, quantity in figures:
        if quantity.start >= title_end:
            body.setdefault((figure.value, figure.unit), figure)
            body.setdefault((figure.value, None), figure)
    for figure, quantity in figures:
        if quantity.start >= title_end:
            break
        twin = body.get((figure.value, figure.unit)) or _vague_summed_up(figure, figures, title_end)
        if twin is None or twin.category != figure.category and figure.category != "other" \
                and not _settled_in_body(twin) or figure.measure == "target":
            continue   # `موسكو تطلب 300 شاب`: a title's own wish stays
        figure.unit = figure.unit or twin.unit
        figure.category, figure.measure = twin.category, twin.measure
        figure.basis.update(category=PARAGRAPH, measure=PARAGRAPH if figure.measure else None)
        figure.confidence = confidence(figure.basis)


def _vague_summed_up(figure, figures: list, title_end: int):
    """`حزب الله جنّد آلاف السوريين` over a body counting `تخطّى 1500 شاب`: a vague title
    figure of recruits sums up the body's first recruit count of its order of magnitude."""
    if figure.qualifier != "vague" or figure.category != "recruits":
        return None
    for other, quantity in figures:
        if quantity.start >= title_end and other.category == "recruits" and other.qualifier != "vague" \
                and figure.value <= other.value < 10 * figure.value:
            return other
    return None


def _settled_in_body(twin) -> bool:
    """The body's figure is people its own clause makes `other` (`مجموع من التحقوا بالتسوية
    قد تجاوز 25 ألف شخص`): the title's `انضموا` sums up the same people."""
    return twin.category == "other" and twin.unit == "person" and twin.basis.get("category") == FRAME


# `وهو مبلغ يوازي 1250 دولار`, `أي ما يعادل`, `فتُسلَّم منه 800 دولار`, `في مكانين: 800 دولار`
_WORTH_OR_SHARE = re.compile(r"(?<!\w)(?:يوازي|توازي|يعادل|تعادل|يساوي|تساوي|منه|منها)(?!\w)(?:\s+\S+){0,2}?\s*$"
                             r"|:\s*$")


def _worth_or_share(text: str, previous_end: int, start: int) -> bool:
    """The sum is the previous sum's worth in another currency or a share of it, said in
    the few words between them: it is of the same kind (salary, reward…)."""
    return start - previous_end <= 70 and _WORTH_OR_SHARE.search(text, previous_end, start) is not None


def _part_after(text: str, end: int) -> bool:
    """`40 عائلة منها`: the counted noun followed by `of them`."""
    return text[end:end + 8].split()[:1] in (["منها"], ["منهم"], ["منهن"])


def _group_referred_to(text: str, end: int, figures: list) -> Figure | None:
    """`120 من هؤلاء`, `أكثر من 10 آلاف منهم ما زالوا موجودين`: the last people counted
    before, whose kind the part shares (not a part counted the same way: `رجع منهم 5600`)."""
    words = text[end:end + 14].split()
    if words[:2] != ["من", "هولاء"] and words[:1] != ["منهم"]:
        return None
    for figure, quantity in reversed(figures):
        if figure.unit == "person" and not _PART_BEFORE.search(text, max(0, quantity.start - 14), quantity.start):
            return figure
    return None


_PART_BEFORE = re.compile(r"(?<!\w)(?:منهم|بينهم)\s+(?:\S+\s+)?$")


# a bare number closing a change whose first amount named the unit
_CHANGE_TO = re.compile(r"(?<!\w)(?:الي|كان|كانت|كانوا)\s+(?:(?:نحو|حوالي|قرابه)\s+)?$")
_BARE_END = re.compile(r"\s*(?:[،,.؛)]|$)")


def _changed_to(text: str, previous_end: int, start: int, end: int) -> bool:
    """`رفعت الرواتب من 1.2 مليون ليرة إلى 1.8 مليون،`: the second amount, with no
    unit word and nothing after it, is in the first one's unit."""
    return (start - previous_end <= 50 and _BARE_END.match(text, end) is not None
            and _CHANGE_TO.search(text, previous_end, start) is not None)


_CURRENCIES = frozenset({"usd", "syp", "try", "eur"})
# `600 ليرة إلى 400 ليرة تركية`, `بين 500 ليرة و700 ليرة تركية`: only a bare pound and a link between
_BARE_POUND_LINK = re.compile(r"\s*(?:ليره|ليرات)\s*(?:الي|حتي|و|-|–|لتصبح|ليصبح|لتصل|ليصل|فاصبحت|فاصبح)\s*(?:ال)?$")


def _bare_pound_before(text: str, previous_end: int, start: int) -> bool:
    """Is the text between the previous amount and this one a bare pound and a link
    (`من 600 ليرة لتصبح 400 ليرة تركية`)?"""
    return start - previous_end <= 24 and _BARE_POUND_LINK.match(text, previous_end, start) is not None


# `ليصبح الراتب 150للعنصر`, `وتصل رواتبهم إلى 75 ألفاً`: a pay word governing a bare amount
_PAY_GOVERNS = re.compile(r"(?<!\w)[وفل]?(?:ال)?(?:رواتب|راتب|مرتب|مرتبات)\w*\s+(?:[^\s\d،,.]+\s+)?(?:(?:يصل|تصل|يبلغ|تبلغ|الي|نحو|حوالي"
                          r"|قرابه|بحدود|حدود|ب)\s+){0,2}(?:ال)?$")


def _pay_in_currency_before(text: str, sentence_start: int, start: int, figures: list) -> str | None:
    """`خفّض رواتبه 50 دولاراً ليصبح الراتب 150للعنصر`: a bare amount that a pay word governs is
    pay, in the currency of the last amount of money before it in the report."""
    if _PAY_GOVERNS.search(text, max(sentence_start, start - 40), start) is None:
        return None
    for figure, _ in reversed(figures):
        if figure.unit in _CURRENCIES:
            return figure.unit
    return None


# `وهو مبلغ يوازي 1250 دولار`, `500 ألف ليرة (نحو 40 دولاراً)`: the same sum in another currency
_RESTATED = re.compile(r"(?:(?<!\w)(?:ما\s+)?(?:يوازي|توازي|يعادل|تعادل|يساوي|تساوي)\s+|\(\s*(?:اي\s+)?(?:ما\s+يعادل\s+)?)"
                       r"(?:(?:نحو|حوالي|قرابه|تقريبا)\s+)?$")


def _restated(text: str, previous_end: int, start: int) -> bool:
    """Is the amount at `start` the sum before it (`previous_end`) restated in another currency?"""
    return start - previous_end <= 60 and _RESTATED.search(text, max(previous_end, start - 30), start) is not None


def _restate(sum_before: Figure, figure: Figure, text: str, quantity) -> None:
    """`راتباً قدره 40 ألف ليرة، وهو مبلغ يوازي 1250 دولار`: the second amount is of the first
    one's kind; `يوازي نحو 6 مليون سوري` is in Syrian pounds."""
    after = text[quantity.end:quantity.end + 12].split()[:1]
    if figure.unit in (None, "person") and after and after[0].strip("،,.؛)") in ("سوري", "سوريه"):
        figure.unit = "syp"
        figure.basis["unit"] = CLAUSE
    if figure.unit in _CURRENCIES:
        figure.category, figure.measure = sum_before.category, None
        figure.basis.update(category=CLAUSE, measure=None)


def _sum_it_is_part_of(text: str, sentence_start: int, start: int, unit: str, figures: list) -> Figure | None:
    """`يحصل على 1400 دولار تُدفع في مكانين: 800 دولار تُسلَّم لأسرته، و600 دولار يقبضها بنفسه`:
    an amount after a colon that follows pay or a reward in the same currency, in its
    sentence, is a part of that sum, of its kind."""
    colon = text.rfind(":", sentence_start, start)
    if colon < 0:
        return None
    for figure, quantity in reversed(figures):
        if quantity.start < sentence_start:
            return None
        if quantity.end <= colon and figure.unit == unit and figure.category in ("salary", "reward"):
            return figure
    return None


_BARE_POUNDS = frozenset({"ليره", "ليرات"})


def _bare_pound(text: str, quantity) -> bool:
    """`2000 ليرة`: the amount's currency is a pound with no country named."""
    return (quantity.unit == "syp" and quantity.unit_start is not None
            and text[quantity.unit_start:quantity.unit_end] in _BARE_POUNDS)


# `بمبلغ يصل إلى 80 آلاف ليرة لمن يقاتلون …، و50 ألف لمن يعملون`: an amount listed after another
_LISTED_AND = re.compile(r"[،,]?\s*و$")
_SCALED = re.compile(r"\S*\s*(?:الف|آلاف|الاف|مليون|ملايين)")


def _listed_after(text: str, previous_end: int, start: int, end: int) -> bool:
    """A bare scaled amount joined by `و` to an amount of money a clause before it."""
    return (start - previous_end <= 80 and _LISTED_AND.search(text, max(previous_end, start - 3), start) is not None
            and _SCALED.fullmatch(text, start, end) is not None)


def _share_group(group: Figure, part: Figure) -> None:
    """A part counted among a group (`بينهم`) is of the group's kind and actor."""
    part.category, part.measure = group.category, group.measure
    part.actor, part.actor_text = group.actor, group.actor_text
    part.basis.update(category=CLAUSE, measure=CLAUSE if part.measure else None,
                      actor=group.basis["actor"] and _weaker(group.basis["actor"], CLAUSE))
    part.confidence = confidence(part.basis)


def _weaker(a: str, b: str) -> str:
    """The less firm of two bases (`clause` and `paragraph` → `paragraph`)."""
    return max(a, b, key=BASES.index)


def _copy_attribution(source, target) -> None:
    for name in ("actor", "actor_text", "regions", "area", "area_text"):
        setattr(target, name, getattr(source, name))
    target.basis["actor"], target.basis["regions"] = source.basis["actor"], source.basis["regions"]


def _sentence_fields(context: _ReportContext, sentence) -> dict:
    start, _, text = context.original(sentence.start, sentence.end)
    return {"sentence": text, "sentence_start": start}


def _attribute(context: _ReportContext, record, start: int, end: int, actor=None, actor_basis=None) -> float | None:
    """Actor and place of a record, with their bases; the place model's probability when it
    chose the place (`helpers.extract.place_model`), else None."""
    if actor is None:
        actor, actor_basis = context.actor_with_basis(start, end)
    if actor is not None and actor.code:
        record.actor = actor.code
        record.actor_text = context.original(actor.start, actor.end)[2]
    record.basis["actor"] = actor_basis or REPORT_DEFAULT
    place, basis = context.place_with_basis(start, end)
    place, record.basis["regions"], probability = choose_place(context, start, end, place, basis)
    if place is not None:
        record.area = place.area
        record.regions = sorted(place.regions)
        record.area_text = context.area_text(place)
    return probability
