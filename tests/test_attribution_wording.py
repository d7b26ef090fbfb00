"""Actor and place on real-report wording (issue 9): each rule of attribution.py,
places.py and references.py added for it, on short examples of our own, with the
real lexicons and number finder."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.extract.lexicons import load_lexicons
from helpers.records import Report


@pytest.fixture(scope="module")
def lexicons():
    return load_lexicons()


def _report(text: str, title: str | None = None) -> Report:
    full = f"{title}\n\n{text}" if title else text
    return Report(id="w1", title=title, text=text, full_text=full, date="2021-05-01",
                  date_origin="metadata", source=None, url=None, path="test.txt", line=None,
                  encoding="utf-8", content_hash="h", duplicate_of=None)


def figure(text: str, lexicons, number: str, title: str | None = None, occurrence: int = 1):
    """The figure whose text is `number` (its `occurrence`-th), checked to sit at its offsets."""
    report = _report(text, title)
    figures, _ = extract_report(report, lexicons)
    found = [f for f in figures if f.text == number]
    assert len(found) >= occurrence, [(f.text, f.value) for f in figures]
    f = found[occurrence - 1]
    assert report.full_text[f.start:f.end] == number
    return f


def place_of(f) -> tuple:
    return f.area, f.regions, f.area_text, f.basis["regions"]


# --- places ---------------------------------------------------------------------

def test_crossings_named_in_the_dual_and_in_quotes_are_passed_through(lexicons):
    text = 'عاد 242 لاجئاً إلى سوريا، دخلوا عبر معبري "جديدة يابوس" و"تلكلخ" قادمين من لبنان.'
    f = figure(text, lexicons, "242")
    assert place_of(f) == ("national", [], "سوريا", "frame")


def test_the_place_people_return_to_is_where_they_are(lexicons):
    text = "قال مسؤول في درعا يوم الأحد الماضي إن 300 نازح رجعوا إلى حلب."
    assert place_of(figure(text, lexicons, "300")) == ("SY-HL", ["SY-HL"], "حلب", "frame")
    # a destination people are sent to stays farther than where they are
    text = "قال مسؤول في درعا يوم الأحد الماضي إن 300 شاب أرسلوا إلى حلب."
    assert place_of(figure(text, lexicons, "300")) == ("SY-DR", ["SY-DR"], "درعا", "frame")


def test_the_inner_of_two_macro_areas_names_the_place(lexicons):
    text = 'انضم 900 مقاتل إلى الفصيل في منطقة "درع الفرات" بالشمال السوري.'
    f = figure(text, lexicons, "900")
    assert (f.area, f.regions) == ("euphrates_shield", ["SY-HL"])
    assert f.area_text == 'درع الفرات" بالشمال السوري'
