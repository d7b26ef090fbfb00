"""Incentives, assembled: cue words and clause patterns (offer_patterns.py) less what is
not an offer (not_offers.py), pay figures that stand for an offer (offer_pay.py), each given
its giver (offer_givers.py); one record per (report, incentive, actor)."""
from __future__ import annotations

from typing import TYPE_CHECKING

from helpers.records import Incentive
from helpers.extract.categories import _price_or_fee, _unit_class
from helpers.extract.basis import FRAME, REPORT_DEFAULT, confidence
from helpers.extract.place_model import with_place_probability
from helpers.extract.figures import _attribute, _copy_attribution, _sentence_fields
from helpers.extract.frames import _span
from helpers.extract.not_offers import _not_an_offer
from helpers.extract.offer_givers import (
    REGIME, REGIME_OPPONENTS, _add_coordinated_givers, _backer, _giver, _state_procedure, issued_by,
    settled_by_the_state)
from helpers.extract.offer_pay import (
    _PAY_CODES, _Hit, _last_of_a_series, _paid_for_a_term, _paid_monthly, _paid_once, _pairs_by_sentence, _pays_salaries, _quantifying_figure)

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

_AID_KINDS = frozenset({"food_aid", "clothing", "blankets_heating", "school_supplies", "medical", "fuel"})
_GOODS_KIND = {"food_basket": "food_aid"}   # a generic aid word quantified by these units
# a title's code that the body's codes sum up (`وعود بالحماية` over `يحموهم من الاعتقال`)
_TITLE_COVERED = {"protection": frozenset({"security_settlement", "conscription_exemption"})}


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
        elif code == "cash_reward" and hit.figure is None and (
                _paid_monthly(context.text, hit.end) or _last_of_a_series(context.text, hit.start)):
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
            actor, actor_basis = issued_by(context, i, hit) or _giver(context, i, sentence, hit), FRAME
            by_the_state = False
            if actor is None or not actor.code:   # an aid body gives way to a backer named after the cue
                named_actor, named_basis = context.actor_with_basis(hit.start, hit.end, incentive=True)
                if actor is None or (named_actor is not None and named_actor.start >= actor.end
                                     and _backer(context.text, named_actor.start)):
                    actor, actor_basis = named_actor, named_basis
                    if actor is not None and actor.code in REGIME_OPPONENTS and _state_procedure(
                            code, context.text[hit.start:hit.end]) and settled_by_the_state(context.text, sentence):
                        actor, by_the_state = None, True   # `تسوية أوضاع المتخلفين عن الخدمة`: the regime's
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
        place_probability = None
        if hit.figure is not None:
            _copy_attribution(hit.figure, incentive)
        else:
            place_probability = _attribute(context, incentive, hit.start, hit.end, actor, actor_basis)
            if key[1] == REGIME and (incentive.actor is None or by_the_state):
                incentive.actor, incentive.basis["actor"] = REGIME, REPORT_DEFAULT
                if by_the_state:
                    incentive.actor_text = None
        incentive.confidence = with_place_probability(confidence(incentive.basis), place_probability)
        found[key] = incentive
        sentence_of[key] = i
    firm |= {key for key, ids in pay_figures.items() if ids - money_figures}
    _add_coordinated_givers(context, found, sentence_of, firm)
    # `المساعدات` after named kinds of aid refers to them
    given_kinds = {actor for (code, actor) in found if code in _AID_KINDS}
    return [record for key, record in found.items()
            if not (key[0] == "aid_unspecified" and key not in named and key[1] in given_kinds)
            and not (key in vague_money and key not in firm and ("cash_salary", key[1]) in found)]
