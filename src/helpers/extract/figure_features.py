"""The features of a figure's frame, as strings, for the learned category and measure
(`figure_model.py`); training computes them with the same functions
(`scripts/train_models.py`), so run time and training read the same words.

All offsets index the normalised text (`_ReportContext.text`): alefs folded, `ة` → `ه`,
`ى` → `ي`. A feature is `kind:value`:
- `b:` a word of the clause before the number (at most `WORDS_BEFORE`, nearest first as
  `b1:`), `bs:` the same word without its clitics (`وبلغ` → `بلغ`, `المنضمين` → `منضمين`),
  `bb:` a pair of neighbouring words before it;
- `a:` a word of the clause after the whole expression (at most `WORDS_AFTER`, nearest as
  `a1:`), `as:` without clitics; `n:` the counted noun (`Quantity.noun`);
- `p:` a word of the previous clause of the sentence (the predicate is often there:
  `بلغ عدد الذين التحقوا بالفصيل، وفق المصدر، 300`);
- `unit:`, `qual:`, `mag:` (the order of magnitude), `title` (the number is in the title);
- `s:` a word of the whole sentence without its clitics (the category's features only);
- `rule:` the rules' own decision and `basis:` how they reached it (added by the caller).
"""
from __future__ import annotations

import re
from functools import lru_cache

WORDS_BEFORE = 6
WORDS_AFTER = 4
_WINDOW_BEFORE = 90    # characters
_WINDOW_AFTER = 60
_BREAK = re.compile(r"[.؟!؛،,:\n]")
_LAST_BREAK = re.compile(r".*[.؟!؛،,:\n]", re.S)     # greedy: through the last break
_PUNCTUATION = "\"'«»“”()[]{}-–—/…"


@lru_cache(maxsize=65536)
def bare(word: str) -> str:
    """The word without its clitics and article: `وبالمنضمين` → `منضمين`, `لتجنيد` → `تجنيد`."""
    for prefix in ("وبال", "وال", "بال", "لل", "فال", "كال", "ال", "وب", "ول", "وف", "و", "ب", "ل", "ف"):
        if word.startswith(prefix) and len(word) > len(prefix) + 2:
            return word[len(prefix):]
    return word


def words_before(text: str, start: int, sentence_start: int) -> tuple[list[str], list[str]]:
    """(the words of the number's clause before it, the last words of the clause before
    that), nearest last: `ارتفع عدد المنتسبين، وفق المصدر، إلى 300` → (['الي'], ['وفق', 'المصدر'])."""
    low = max(sentence_start, start - _WINDOW_BEFORE)
    before = text[low:start]
    cut = _LAST_BREAK.match(before)
    if cut is None:
        return _clean(before.split()[-WORDS_BEFORE:]), []
    own = _clean(before[cut.end():].split()[-WORDS_BEFORE:])
    earlier = before[:cut.end() - 1]
    previous_cut = _LAST_BREAK.match(earlier)
    previous = earlier[previous_cut.end():] if previous_cut else earlier
    return own, _clean(previous.split()[-3:])


def words_after(text: str, end: int, sentence_end: int) -> list[str]:
    """The first words of the clause after the expression: `300 شاب انضموا، بحسب` → ['شاب', 'انضموا']."""
    after = text[end:min(sentence_end, end + _WINDOW_AFTER)]
    found = _BREAK.search(after)
    return _clean((after[:found.start()] if found else after).split()[:WORDS_AFTER])


def _clean(words: list[str]) -> list[str]:
    """The words without quotes and brackets, digits left out."""
    return [w for w in (word.strip(_PUNCTUATION) for word in words) if w and not w.isdigit()]


def magnitude(value: float) -> str:
    """`1350` → `3`, `0.5` → `0`: the number of digits before the point, at most 7."""
    digits = len(str(int(abs(value)))) if value >= 1 else 0
    return str(min(digits, 7))


def frame_features(text: str, quantity, sentence_start: int, sentence_end: int, title_end: int,
                   unit: str | None) -> list[str]:
    """The frame's words and the number's own reading: for `ارتفع عدد المنتسبين إلى نحو 1350
    شخصاً ضمن المنطقة` → `b1:الي`, `b:عدد`, `bs:منتسبين`, `bb:عدد_المنتسبين`, `a1:ضمن`,
    `n:شخصا`, `unit:person`, `qual:approx`, `mag:4`… (a feature may come twice: count it once)."""
    own, previous = words_before(text, quantity.start, sentence_start)
    features = [f"unit:{unit}", f"qual:{quantity.qualifier}", f"mag:{magnitude(quantity.value)}"]
    if quantity.start < title_end:
        features.append("title")
    if own:
        bares = list(map(bare, own))
        features.append("b1:" + own[-1])
        features.append("bs1:" + bares[-1])
        features += ["b:" + word for word in own]
        features += ["bs:" + word for word in bares]
        features += [f"bb:{first}_{second}" for first, second in zip(own, own[1:])]
    if previous:
        features += ["p:" + bare(word) for word in previous]
    after = words_after(text, max(quantity.span_end, quantity.end), sentence_end)
    if after:
        features.append("a1:" + after[0])
        features += ["a:" + word for word in after]
        features += ["as:" + bare(word) for word in after]
    if quantity.noun:
        features.append("n:" + bare(quantity.noun.split()[0]))
    return features


def sentence_features(text: str, sentence_start: int, sentence_end: int) -> list[str]:
    """Every word of the sentence without its clitics, once (the category's wider frame:
    `قتل 12 عنصراً من الميليشيا في غارة` → `s:قتل`, `s:عنصرا`, `s:ميليشيا`, `s:غاره`…)."""
    words = _clean(text[sentence_start:sentence_end].split())
    return [f"s:{word}" for word in dict.fromkeys(map(bare, words))]


def rule_features(field: str, decision: str | None, basis: str | None) -> list[str]:
    """The rules' decision on `field` and its basis: `("category", "recruits", "frame")` →
    `rule:recruits`, `basis:frame`, `rule_basis:recruits_frame`."""
    return [f"rule:{decision}", f"basis:{basis}", f"rule_basis:{decision}_{basis}"]
