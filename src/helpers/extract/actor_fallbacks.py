"""Actor, step 4: when the sentence names none, a settlement it speaks of (the state's own
procedure: `settled_by_the_state`), else the paragraph's last earlier actor (`last_before`,
carried over), else the report's main actor (`main_actor`), else the side of the state
outlets that tell it (`outlet_side`) or of the settlements it is about."""
from __future__ import annotations

import bisect
import itertools
import re
from collections import Counter

from helpers.extract.actor_settings import is_setting, overseen_by
from helpers.extract.mentions import Mention


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
    """Most mentioned actor (settings and overseers aside); ties go to the first in the title, then the first."""
    if settings is None:
        settings = frozenset(m.start for m in mentions if is_setting(text, m))
    mentions = [m for m in mentions if m.start not in settings and not overseen_by(text, m)] or mentions
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


REGIME = "regime"
# `مركز التسويات`, `لجان التسوية`, `من سُوّيت أوضاعهم`: the settlement's own bodies, or men settled
_SETTLEMENT_BODY = re.compile(r"(?<!\w)[وبلف]?(?P<body>(?:ال)?(?:مركز|مراكز|لجنه|لجان|لجنتا|لجنتي)\s+(?:ال)?"
                              r"(?:تسويه|تسويات))(?!\w)|(?<!\w)[وف]?(?P<settled>سويت\s+اوضاع)")
_SETTLEMENT = re.compile(r"(?<!\w)[وبلف]?(?P<noun>(?:ال|ل)?تسوي(?:ه|ات))(?!\w)")


def _named_by(found: re.Match) -> Mention:
    """The regime, named by the settlement's words (clitics left out)."""
    return Mention(found.start(found.lastgroup), found.end(found.lastgroup), REGIME, kind="state")


def settled_by_the_state(text: str, low: int, high: int, joined: bool) -> Mention | None:
    """`وأكدت اللجان أن 3553 مطلوباً انضموا إلى التسوية الجارية في مركز بلدة السبخة`: a figure of
    men who join a settlement (`joined`, read from its clause) or counted by the settlement's own
    bodies (`لجان التسوية … تلقّت نحو 400 طلب`), in a sentence that names no doer, is about the
    state's own procedure: the regime, named by the settlement's words."""
    if text.find("سوي", low, high) < 0:
        return None                      # the common case, without the regex
    found = _SETTLEMENT_BODY.search(text, low, high) or (_SETTLEMENT.search(text, low, high) if joined else None)
    return _named_by(found) if found else None


def settlement_side(text: str) -> Mention | None:
    """A report that names no doer at all and speaks of settlements more than once (`مئات الشبان
    يلتحقون بتسويات درعا`, `مركز التسويات`) is about the state's procedure: the regime."""
    found = list(_SETTLEMENT.finditer(text))
    return _named_by(found[0]) if len(found) >= 2 else None
