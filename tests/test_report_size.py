"""Extraction stays linear in a report's size: the back-references to a cell or a head
noun named earlier look the text up through `MentionIndex` (binary searches), and give
what the whole-text scans they replace give."""
import re

from hypothesis import given, settings, strategies as st

from helpers.extract.attribution import Mention
from helpers.extract.references import (
    _CELL_NAMED, MentionIndex, cell_referred_to, head_noun_referred_to,
)
from helpers.ingest.normalise import normalise


def _scan_first_coded(mentions, low, high):
    return next((m for m in mentions if m.code and low <= m.start <= high), None)


# words the cell pattern and the head nouns care about, glued or spaced at random
_PIECES = ["خليه", "خلايا", "الخليه", "وخلايا", "بخليه", "اللواء", "الفصيل", "لواء", "فصيل", " ", " ", "،", ".",
           "ab", "و", "x"]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40), st.data())
def test_cell_ends_before_any_position_are_those_of_a_scan_to_it(pieces, data):
    text = "".join(pieces)
    index = MentionIndex(text, [])
    position = data.draw(st.integers(0, len(text)))
    assert index.cell_ends_before(position) == [m.end() for m in _CELL_NAMED.finditer(text, 0, position)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.booleans()), max_size=12), st.integers(-5, 70), st.integers(0, 30))
def test_first_coded_is_the_first_coded_mention_in_the_window(spans, low, width):
    mentions = sorted((Mention(start, start + 3, "iran" if coded else None) for start, coded in spans),
                      key=lambda m: m.start)
    index = MentionIndex("x" * 80, mentions)
    assert index.first_coded(low, low + width) is _scan_first_coded(mentions, low, low + width)


def test_unordered_mentions_are_scanned_in_list_order():
    mentions = [Mention(30, 33, "russia"), Mention(10, 13, "iran")]
    index = MentionIndex("x" * 40, mentions)
    assert not index.ordered
    assert index.first_coded(0, 40).code == "russia"


def _actors_of(text, names):
    return [Mention(m.start(), m.end(), code) for name, code in names for m in re.finditer(name, text)]


def test_cell_named_before_gives_its_actor_through_the_index():
    text = normalise("ألقي القبض على خلية تابعة لتنظيم الدولة في دير الزور. وأوضح البيان أن الخلية جندت 12 شاباً.").text
    mentions = sorted(_actors_of(text, [("تنظيم الدوله", "isis")]), key=lambda m: m.start)
    second = text.index(normalise("وأوضح").text)
    found = cell_referred_to(text, mentions, second, len(text), MentionIndex(text, mentions))
    assert (found.code, found.start) == ("isis", text.index("تنظيم الدوله"))
    assert cell_referred_to(text, mentions, second, len(text)) is found


def test_head_noun_refers_to_the_last_named_force_through_the_index():
    text = normalise("انتشر اللواء الثامن في بصرى الشام. وقتل 4 من عناصر اللواء في كمين.").text
    mentions = [Mention(text.index("اللواء الثامن"), text.index("اللواء الثامن") + 13, "russia")]
    second = text.index("وقتل")
    noun = text.index("اللواء", second)
    hits = ((noun, noun + 6, "اللواء"),)
    number = text.index("4")
    found = head_noun_referred_to(text, mentions, hits, number, number + 1, second, MentionIndex(text, mentions))
    assert found is mentions[0]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 60), st.integers(1, 8), st.booleans()), max_size=12),
       st.integers(0, 75), st.data())
def test_named_with_is_the_last_holder_of_the_noun_before(spans, before, data):
    from helpers.extract.references import _named_with

    text = "".join(data.draw(st.lists(st.sampled_from(["حزب", "لواء", " ", "x"]), min_size=80, max_size=80)))
    mentions = sorted((Mention(start, start + length, "iran" if coded else None) for start, length, coded in spans),
                      key=lambda m: m.start)
    index = MentionIndex(text, mentions)
    for stem in ("حزب", "لواء"):
        assert index.named_with(stem, before) is _named_with(text, mentions, stem, before)
