"""The fast paths of the extraction machinery find exactly what their plain forms find
(property-based, hypothesis): the one-pass lexicon scan (helpers.extract.matching.MultiMatcher)
against each lexicon's own regex (Matcher.find_all), and the digit scan that is tried only
where a digit stands (number_words.digit_matches) against the regex's own finditer."""
from __future__ import annotations

import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import helpers.extract  # noqa: F401  (registers every lexicon)
from helpers.extract.context import _SCANNED
from helpers.extract.lexicons import load_lexicons
from helpers.extract.matching import MultiMatcher
from helpers.extract.number_words import _DIGIT_SCAN, digit_matches

LEXICONS = load_lexicons()
MATCHERS = [LEXICONS[name] for name in _SCANNED]
# listed names as reports write them: a prefix name (`مكافا*`) gets an ending
NAMES = sorted({entry.key.rstrip("*") for matcher in MATCHERS for entry in matcher.entries})
# the clitic heads the matchers allow, and some that they do not (`كل`, `لا`, a stray letter)
HEADS = ["", "", "", "و", "ف", "ب", "ك", "ل", "ال", "لل", "وال", "بال", "وب", "ولل", "فبال", "كل", "لا", "م", "ت"]
ENDINGS = ["", "", "", "ه", "ات", "ين", "هم", "ا"]
GAPS = [" ", " ", " ", "  ", "   ", "، ", ",", ".", "\n", "\n\n", " (", ") ", "-", "", "«", "» "]
LETTERS = "ابتثجحخدذرزسشصضطظعغفقكلمنهويءه"

name = st.builds(lambda head, word, ending: head + word + ending,
                 st.sampled_from(HEADS), st.sampled_from(NAMES), st.sampled_from(ENDINGS))
filler = st.text(alphabet=LETTERS, min_size=1, max_size=7)
# a name cut short or run into the next word also tests the word edges
piece = st.one_of(name, name, name, filler, st.sampled_from(NAMES).map(lambda w: w[: max(1, len(w) - 1)]))
text = st.lists(st.tuples(piece, st.sampled_from(GAPS)), min_size=1, max_size=14).map(
    lambda parts: "".join(p + g for p, g in parts))

FAST = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FAST
@given(text)
def test_one_scan_finds_what_each_lexicon_finds_alone(sample):
    assert LEXICONS.find_each(_SCANNED, sample) == [m.find_all(sample) for m in MATCHERS]


EXTRAS = ({"ست": "six", "ميه": "hundred", "الف": "thousand", "قوات": "forces"}, {"جند": "recruit"})
WITH_EXTRAS = MultiMatcher(MATCHERS, EXTRAS)   # built once: an automaton of every lexicon


@FAST
@given(text)
def test_extra_words_are_found_wherever_they_stand(sample):
    found, hits = WITH_EXTRAS.scan(sample)
    assert found == [m.find_all(sample) for m in MATCHERS]
    for words, seen in zip(EXTRAS, hits):
        expected = sorted((start + len(word), payload) for word, payload in words.items()
                          for start in range(len(sample)) if sample.startswith(word, start))
        assert seen == expected   # in text order, ends in the text's own offsets (the scan squeezes spaces)


DIGIT_TEXT = st.text(alphabet="0123456789+-/.:,، ابت\n", max_size=60)


@FAST
@given(DIGIT_TEXT)
def test_the_digit_scan_tried_only_at_digits_matches_finditer(sample):
    plain = [(m.span(), m.lastgroup, m.group("digits")) for m in _DIGIT_SCAN.finditer(sample)]
    assert [(m.span(), m.lastgroup, m.group("digits")) for m in digit_matches(sample)] == plain


def test_the_digit_scan_skips_dates_and_phone_numbers_as_finditer_does():
    sample = "في 2019-03-12 جند 1,500 عنصر، هاتف +963 11 2234567 و 12:30 و300"
    assert [(m.group(), m.lastgroup) for m in digit_matches(sample)] == [
        ("2019-03-12", "skip"), ("1,500", "digits"), ("+963 11 2234567", "skip"), ("12:30", "skip"), ("300", "digits")]


STEMS = ["يتجاوز", "تجاوز", "تتجاوز", "يزيد", "زيد", "الا", "يقل", "تقل", "يقارب", "قارب", "يتعد", "يتعدي", "تتعد", "تتعدي"]


@FAST
@given(st.sets(st.sampled_from(STEMS), min_size=1),
       st.lists(st.sampled_from(STEMS + ["و", "ال", " ", "،", "ز", "ي"]), max_size=20).map("".join))
def test_the_stems_trie_finds_what_the_alternation_longest_first_finds(words, sample):
    from helpers.extract.number_tables import _words_pattern
    alternation = re.compile("|".join(sorted(map(re.escape, words), key=len, reverse=True)))
    assert [m.span() for m in _words_pattern(words).finditer(sample)] == \
        [m.span() for m in alternation.finditer(sample)]


def _longest_first_plain(mentions: list) -> list:
    """The rule written plainly: longest first, a mention stays when none of its characters is
    taken yet; then text order."""
    taken: set[int] = set()
    kept: list = []
    for m in sorted(mentions, key=lambda m: (m.start - m.end, m.start)):
        if taken.isdisjoint(range(m.start, m.end)):
            taken.update(range(m.start, m.end))
            kept.append(m)
    return sorted(kept, key=lambda m: m.start)


SPANS = st.lists(st.tuples(st.integers(0, 40), st.integers(0, 6)).map(lambda p: (p[0], p[0] + p[1])), max_size=12)


@FAST
@given(SPANS)
def test_longest_first_keeps_what_the_plain_rule_keeps(spans):
    from helpers.extract.attribution import Mention
    from helpers.extract.context import _longest_first
    mentions = [Mention(a, b, "iran") for a, b in spans]
    assert [(m.start, m.end) for m in _longest_first(mentions)] == \
        [(m.start, m.end) for m in _longest_first_plain(mentions)]
