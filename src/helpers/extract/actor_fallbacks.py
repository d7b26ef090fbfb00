"""Actor, step 4: when the sentence names none, the paragraph's last earlier actor
(`last_before`, carried over), else the report's main actor (`main_actor`), else the
side of the state outlets that tell it (`outlet_side`)."""
from __future__ import annotations

import bisect
import itertools
from collections import Counter

from helpers.extract.actor_settings import is_setting
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
