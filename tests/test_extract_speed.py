"""What keeps extraction fast without changing its records: no reference cycles (each report's
objects are freed as soon as it is done, never left to the cycle collector), and the
collector paused while a report is extracted, as it was found after."""
import gc
import weakref

from helpers.extract import extract_report
from helpers.extract.context import _ReportContext
from helpers.extract.lexicons import load_lexicons
from helpers.extract.place_model import choose_place
from report_builders import report_of

# two places in one sentence (the place model's union), a place carried from the sentence before
TWO_PLACES = ("وصلت تعزيزات عسكرية إيرانية إلى مدينة دير الزور قادمة من العراق. "
              "وتضم التعزيزات نحو 400 مقاتل، وقد جند الحرس الثوري 120 شابا من ريفي حلب واللاذقية "
              "مقابل راتب شهري قدره 150 دولارا.")


def test_extracting_a_report_makes_no_reference_cycle():
    report = report_of(TWO_PLACES)
    figures, _ = extract_report(report)
    assert sorted(f.value for f in figures) == [120, 150, 400]
    gc.collect()
    gc.disable()
    try:
        extract_report(report)
        unreachable = gc.collect()
    finally:
        gc.enable()
    assert unreachable == 0


def test_the_place_scorer_does_not_keep_its_report_alive():
    context = _ReportContext(report_of(TWO_PLACES), load_lexicons())
    quantity = next(q for q in context.quantities if q.value == 120)
    rules, basis = context.place_with_basis(quantity.start, quantity.end)
    choose_place(context, quantity.start, quantity.end, rules, basis)
    assert "_place_scorer" in context.__dict__
    alive = weakref.ref(context)
    del context
    assert alive() is None   # freed by reference counting, with its scorer


def test_the_collector_is_as_it_was_after_a_report():
    report = report_of(TWO_PLACES)
    assert gc.isenabled()
    extract_report(report)
    assert gc.isenabled()
    gc.disable()
    try:
        extract_report(report)
        assert not gc.isenabled()
    finally:
        gc.enable()
