"""Arabic chart text comes out joined and right to left, never reversed.

Method: render a word as a chart title through the real pipeline (`label()`,
Agg, savefig to PNG) and compare it with a reference built independently of
matplotlib's shaping: the contextual presentation forms arabic-reshaper
expects, put in visual order by python-bidi, each drawn alone, left to right,
at the font's own advance widths. Both images are cropped to their ink,
scaled to one size and compared by correlation. The two known failures
(shaping applied twice → reversed; no shaping on old matplotlib → unjoined
letters in logical order) are rendered too and must score low.
"""
import io

import matplotlib

matplotlib.use("Agg")

import arabic_reshaper  # noqa: E402
import numpy as np  # noqa: E402
import pytest  # noqa: E402
from bidi.algorithm import get_display  # noqa: E402
from matplotlib import font_manager, ft2font  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402
from PIL import Image  # noqa: E402

from helpers.present import arabic_text
from helpers.present.arabic_text import ARABIC_FONT, LRO, PDF, label, needs_manual_shaping, shape_manually  # noqa: E402

WORDS = ["حماة", "دير الزور", "اللاذقية", "الرقة"]
SIZE, DPI, WIDTH, HEIGHT = 40, 100, 600, 120
GOOD, BAD = 0.85, 0.5


def _pixels(fig: Figure, keep: str | None = None) -> np.ndarray:
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=DPI, facecolor="white")
    if keep:  # for looking at by eye: RASD_KEEP_PNG=dir pytest ...
        with open(keep, "wb") as handle:
            handle.write(buffer.getvalue())
    buffer.seek(0)
    return 1 - np.asarray(Image.open(buffer).convert("L"), dtype=float) / 255


def as_chart_title(text: str, keep: str | None = None) -> np.ndarray:
    """The shipped path: a title on an Axes, saved with Agg."""
    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI))
    ax = fig.add_subplot()
    ax.set_axis_off()
    ax.set_title(text, fontsize=SIZE, family=ARABIC_FONT, y=0.1)
    return _pixels(fig, keep)


def glyph_by_glyph(chars: str, keep: str | None = None) -> np.ndarray:
    """Each character drawn on its own, left to right, at the font's advance widths."""
    font = ft2font.FT2Font(font_manager.findfont(font_manager.FontProperties(family=ARABIC_FONT)))
    font.set_size(SIZE, DPI)
    fig = Figure(figsize=(WIDTH / DPI, HEIGHT / DPI))
    x = 100.0
    for char in chars:
        advance = font.load_char(ord(char), flags=ft2font.LoadFlags.NO_HINTING).linearHoriAdvance / 65536
        if not char.isspace():
            fig.text(x, HEIGHT / 2, char, fontsize=SIZE, family=ARABIC_FONT, va="baseline", transform=None)
        x += advance
    return _pixels(fig, keep)


def expected_glyphs(word: str) -> str:
    """Presentation forms in visual (left-to-right) order: what the reader must see."""
    return get_display(arabic_reshaper.reshape(word))


def similarity(a: np.ndarray, b: np.ndarray, shape=(48, 192)) -> float:
    """Correlation of the two inked areas, each cropped and scaled to `shape`."""
    def normalised(image):
        rows = np.flatnonzero(image.max(axis=1) > 0.2)
        cols = np.flatnonzero(image.max(axis=0) > 0.2)
        assert rows.size and cols.size, "nothing was drawn"
        crop = image[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        scaled = Image.fromarray((crop * 255).astype(np.uint8)).resize(shape[::-1], Image.BILINEAR)
        values = np.asarray(scaled, dtype=float)
        return values - values.mean()

    a, b = normalised(a), normalised(b)
    return float((a * b).sum() / np.sqrt((a * a).sum() * (b * b).sum()))


def _keep(tmp_name: str) -> str | None:
    import os

    folder = os.environ.get("RASD_KEEP_PNG")
    return os.path.join(folder, tmp_name) if folder else None


@pytest.mark.parametrize("word", WORDS)
def test_label_renders_joined_right_to_left(word):
    reference = glyph_by_glyph(expected_glyphs(word), _keep(f"{word}-reference.png"))
    shipped = as_chart_title(label(word), _keep(f"{word}-label.png"))
    assert similarity(shipped, reference) > GOOD


@pytest.mark.parametrize("word", WORDS)
def test_the_check_catches_reversed_and_unjoined_text(word):
    reference = glyph_by_glyph(expected_glyphs(word))
    if needs_manual_shaping():
        pytest.skip("this matplotlib cannot shape, so the double-shaping failure cannot happen here")
    # The pre-3.11 recipe on a shaping matplotlib: shaped twice, so reversed.
    reversed_ = as_chart_title(shape_manually(word), _keep(f"{word}-double-shaped.png"))
    # Old matplotlib drawing the raw string: isolated letters, logical order, left to right.
    unjoined = glyph_by_glyph(word, _keep(f"{word}-unshaped.png"))
    assert similarity(reversed_, reference) < BAD
    assert similarity(unjoined, reference) < BAD


@pytest.mark.parametrize("word", WORDS)
def test_pre_shaped_text_is_not_reordered_again(word):
    # Someone hands label() text already shaped for old matplotlib: it must still read right.
    reference = glyph_by_glyph(expected_glyphs(word))
    assert similarity(as_chart_title(label(shape_manually(word))), reference) > GOOD


def test_detection_follows_libraqm():
    has_raqm = bool(getattr(ft2font, "__libraqm_version__", None))
    assert needs_manual_shaping() is (not has_raqm)
    major, minor = (int(p) for p in matplotlib.__version__.split(".")[:2])
    if (major, minor) >= (3, 11):
        assert has_raqm and needs_manual_shaping() is False


def test_manual_detection_without_libraqm(monkeypatch):
    monkeypatch.delattr(ft2font, "__libraqm_version__", raising=False)
    monkeypatch.setattr(matplotlib, "__version__", "3.10.8")
    arabic_text.needs_manual_shaping.cache_clear()
    try:
        assert arabic_text.needs_manual_shaping() is True
    finally:
        monkeypatch.undo()
        arabic_text.needs_manual_shaping.cache_clear()


def test_label_shapes_only_when_needed_and_never_twice():
    word = "دير الزور"
    assert label(word, manual=False) == word
    shaped = label(word, manual=True)
    assert shaped == expected_glyphs(word)
    assert shaped != word
    assert label(shaped, manual=True) == shaped  # idempotent on old matplotlib
    assert label(label(word)) == label(word)  # idempotent here
    # pre-shaped text on a shaping matplotlib is fenced against a second reordering
    assert label(shaped, manual=False) == LRO + shaped + PDF
    assert label(label(shaped, manual=False), manual=False) == LRO + shaped + PDF


def test_latin_and_empty_text_pass_through():
    assert label("Deir ez-Zor 2021") == "Deir ez-Zor 2021"
    assert label("") == ""
    assert label("2,350", manual=True) == "2,350"


def test_manual_recipe_drops_bidi_controls_old_matplotlib_would_draw():
    date = arabic_text.ltr("2021-11-01")
    shaped = label(f"حتى {date}", manual=True)
    assert "2021-11-01" in shaped
    assert not any(c in shaped for c in "\u2066\u2069\u202d\u202c")


def test_font_covers_arabic_and_presentation_forms():
    path = font_manager.findfont(font_manager.FontProperties(family=ARABIC_FONT), fallback_to_default=False)
    charmap = ft2font.FT2Font(path).get_charmap()
    for word in WORDS:
        for char in word.replace(" ", "") + expected_glyphs(word).replace(" ", ""):
            assert ord(char) in charmap, f"{ARABIC_FONT} has no glyph for U+{ord(char):04X}"
