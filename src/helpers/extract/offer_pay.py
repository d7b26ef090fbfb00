"""Money that stands for an offer: whether a sum is a salary or a reward (paid once for a
wound or a signature, for a contract's term, in a sentence about salaries), and the figure
in a cue's sentence that quantifies it."""
from __future__ import annotations

from typing import TYPE_CHECKING

import re
from dataclasses import dataclass

from helpers.records import Figure
from helpers.extract.categories import _INCENTIVE_FIGURE
from helpers.extract.frames import _distance, _span

if TYPE_CHECKING:
    from helpers.extract.context import _ReportContext

_PAY_CODES = {"salary": "cash_salary", "reward": "cash_reward"}


@dataclass(slots=True)
class _Hit:
    """An incentive cue, or a pay figure that stands for one (`1500 يورو شهرياً`)."""

    start: int
    end: int
    code: str
    generic: bool = False    # `مساعدات`: dropped when the actor gives a named kind of aid
    money: bool = False      # `مبلغ`: the code follows its figure (monthly → cash_salary)
    figure: Figure | None = None  # the pay figure it stands for: same actor and place


_MONEY_ONCE = re.compile(r"(?<!\w)[وبلف]?(?:ال|لل)?(?:اصاب|يصاب|تصاب|مقتل|يقتل|وفا|قتل|جرح|جروح|استشهاد|يستشهد|عجز|توقيع|مره\s+واحده|ذوي|عايل|عوايل)")
_TERM = re.compile(r"(?<!\w)[وبل]?(?:ال)?(?:عقد|عقود)\w*")
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


_MONTHLY_AFTER = re.compile(r"\s+(?:ال)?(?:شهري|شهريه|شهريا)(?!\w)")


def _paid_monthly(text: str, end: int) -> bool:
    """`مكافآت شهرية`, `منحاً شهرية`: a reward paid every month is pay (`cash_salary`)."""
    return _MONTHLY_AFTER.match(text, end) is not None


_SERIES_BEFORE = re.compile(r"(?<!\w)[وف]?(?:اخر|اول)\s+$")


def _last_of_a_series(text: str, start: int) -> bool:
    """`آخر منحة مالية تسلّمها المقاتلون كانت في شباط`: a grant named as the last (or first)
    of its series is paid again and again, pay (`cash_salary`)."""
    return _SERIES_BEFORE.search(text, max(0, start - 8), start) is not None


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

