"""Arabic labels for matplotlib charts: shape only where matplotlib cannot.

matplotlib 3.11 lays text out with libraqm (HarfBuzz shaping + the bidi
algorithm), so a plain logical-order Arabic string renders joined and right to
left. Older versions draw code points one by one, left to right; there the
string must be reshaped into presentation forms (arabic-reshaper) and put in
visual order (python-bidi). Doing both on 3.11 reverses the text silently.

`label()` applies the old recipe only when matplotlib has no libraqm, and
never twice: text already in presentation forms is treated as shaped.
"""
from __future__ import annotations

import re
from functools import lru_cache

import matplotlib
from matplotlib import ft2font

# Bundled with matplotlib (mpl-data/fonts/ttf), so it is there on a fresh
# machine; it covers the Arabic block and both presentation-form blocks.
ARABIC_FONT = "DejaVu Sans"

_ARABIC_LETTERS = re.compile("[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF]")
_PRESENTATION_FORMS = re.compile("[\uFB50-\uFDFF\uFE70-\uFEFF]")
LRO, PDF = "\u202D", "\u202C"  # left-to-right override … pop directional formatting
LRI, PDI = "\u2066", "\u2069"  # left-to-right isolate … pop directional isolate
_BIDI_CONTROLS = re.compile("[\u200E\u200F\u202A-\u202E\u2066-\u2069]")


@lru_cache(maxsize=None)
def needs_manual_shaping() -> bool:
    """True when this matplotlib cannot shape Arabic itself (no libraqm).

    matplotlib exposes the libraqm it was built with as
    `matplotlib.ft2font.__libraqm_version__` (from 3.11 on, where text layout
    goes through libraqm); before 3.11 there is no such attribute.
    """
    if getattr(ft2font, "__libraqm_version__", None):
        return False
    major, minor = (int(part) for part in matplotlib.__version__.split(".")[:2])
    return (major, minor) < (3, 11)


def is_arabic(text: str) -> bool:
    """True if the text holds Arabic letters or presentation forms."""
    return bool(_ARABIC_LETTERS.search(text) or _PRESENTATION_FORMS.search(text))


def is_shaped(text: str) -> bool:
    """True if the text was already shaped (presentation forms, visual order)."""
    return text.startswith(LRO) or bool(_PRESENTATION_FORMS.search(text))


def shape_manually(text: str) -> str:
    """The pre-3.11 recipe: contextual presentation forms in visual order, line by line."""
    import arabic_reshaper

    try:
        from bidi import get_display  # python-bidi >= 0.5: full algorithm, isolates included
    except ImportError:  # python-bidi 0.4: no isolates, so use embeddings instead
        from bidi.algorithm import get_display as _legacy

        def get_display(line: str) -> str:
            return _legacy(line.replace(LRI, "\u202A").replace(PDI, PDF))

    lines = (get_display(arabic_reshaper.reshape(line)) for line in text.split("\n"))
    # Once in visual order the controls have done their work; old matplotlib would draw them as boxes.
    return "\n".join(_BIDI_CONTROLS.sub("", line) for line in lines)


def ltr(run: str) -> str:
    """Keep a left-to-right run (a date like 2021-11-01) in order inside Arabic text."""
    return LRI + run + PDI


def label(text: str, *, manual: bool | None = None) -> str:
    """Text ready to hand to matplotlib, drawn joined and right to left.

    `manual` forces the pre-3.11 recipe (True) or native shaping (False);
    by default it follows `needs_manual_shaping()`. Idempotent:
    `label(label(s)) == label(s)`.
    """
    if not text or not is_arabic(text):
        return text
    manual = needs_manual_shaping() if manual is None else manual
    if is_shaped(text):
        if manual or text.startswith(LRO):
            return text
        # Pre-shaped visual-order text on a libraqm build: stop a second reordering.
        return "\n".join(LRO + line + PDF for line in text.split("\n"))
    return shape_manually(text) if manual else text
