"""Measure and category of recruit counts read from constructions of the clause (issue 9,
rounds 16–17): decisions and plans, men of service age or wanted for service, those someone
wishes to enlist, each of several batches, a batch split into groups, a course's trainees,
a total (`مجمل`), another estimate of the same men, settled status, men pushed into a force
and arrested evaders. Sentences written for these tests."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.records import Report


def _figures(text: str, title: str | None = None) -> dict[str, tuple]:
    full = f"{title}\n\n{text}" if title else text
    report = Report(id="t", title=title, text=text, full_text=full, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    return {f.text: (f.category, f.measure, f.basis["measure"]) for f in figures}


@pytest.mark.parametrize("text, number, measure, basis", [
    # a decision, plan or order to send men: still to be sent
    ("قال المصدر إنه صدر قرار بنشر نحو 800 مقاتل على الحدود الشمالية.", "800", "target", "frame"),
    ("وضعت القيادة خطة لنقل 500 عنصر من الفصيل إلى البادية.", "500", "target", "frame"),
    ("أصدرت القيادة أوامر بإرسال 300 عنصر إلى دير الزور.", "300", "target", "frame"),
    # those it wishes to enlist, named after the number
    ("حددت الميليشيا بـ 450 عنصراً العدد الأقصى لمن تريد ضمهم هذا العام.", "450", "target", "frame"),
    # men of service age, men wanted for service
    ("يقيم في المدينة آلاف الشبان ممن بلغوا سن الخدمة الإلزامية.", "آلاف", "target", "frame"),
    ("تضم المحافظة نحو 90 ألفاً من المطلوبين لأداء الخدمة الاحتياطية.", "90 ألفاً", "target", "frame"),
    ("قال إن 300 شاب ممن هم في سن الخدمة يسكنون البلدة.", "300", "target", "frame"),
    # names on lists sent out
    ("أرسلت شعبة التجنيد قوائم فيها أسماء 300 شاب من أبناء البلدة.", "300", "target", "frame"),
    # the size of each of several batches
    ("خرّجت الأكاديمية عشر دورات، يتراوح عدد أفراد كل منها بين 100 و150 مقاتلاً.", "100 و150", "flow", "frame"),
    ("يتراوح عدد عناصر كل دفعة بين 50 و70 عنصراً.", "50 و70", "flow", "frame"),
    # the groups a batch was split into
    ("قُسّمت الدفعة إلى ثلاث مجموعات: ضمّت الأولى ثلاثين شخصاً تدرّبوا على القنص.", "ثلاثين", "flow", "frame"),
    # a total (`مجمل`) that a verb of reaching brings to the number, the article glued to words
    ("وتقول مصادر إن مجمل المقاتلين الموالين للحكومة يقارب الخمسين ألف مقاتل.", "خمسين ألف", "stock", "frame"),
    ("مجمل المقاتلين في صفوف الفصائل يناهز 25 ألف مقاتل.", "25 ألف", "stock", "frame"),
    ("يناهز مجمل عناصر الفيلق 4000 عنصر.", "4000", "stock", "frame"),
])
def test_measure_read_from_the_construction(text, number, measure, basis):
    assert _figures(text)[number] == ("recruits", measure, basis)


def test_another_estimate_of_the_same_men_takes_their_measure():
    figures = _figures("أُبلغ القادة بصدور أمر بإرسال 600 مقاتل إلى الجبهة، بينما ذكر مصدر آخر أعداداً "
                       "تتراوح بين 400 و600.")
    assert figures["600"] == ("recruits", "target", "frame")
    assert figures["400 و600"] == ("recruits", "target", "clause")


def test_trainees_of_a_course_arrive_but_men_at_a_parade_have_no_measure():
    course = _figures("أُقيمت دورة للقناصة في المعسكر، وشارك فيها 35 مقاتلاً من أبناء المنطقة.")
    assert course["35"] == ("recruits", "flow", "report_default")
    parade = _figures("شارك 40 عنصراً من الفيلق في الاستعراض العسكري.")
    assert parade["40"][:2] == ("recruits", None)


def test_men_arrested_while_wanted_for_service_arrive():
    figures = _figures("اعتقلت الدورية 12 شاباً من المطلوبين للخدمة الإلزامية.")
    assert figures["12"][:2] == ("recruits", "flow")


@pytest.mark.parametrize("text, number, expected", [
    # a settled status: other, no measure
    ("سُوّيت أوضاع 420 شخصاً من أبناء الريف الغربي خلال يومين.", "420", ("other", None)),
    ("سُوّيت أوضاع 50 عنصراً من الفصائل في مركز المدينة.", "50", ("other", None)),
    # `أوضاع` as living conditions is no settlement
    ("خصصت المنظمة مبلغاً لتحسين أوضاع 300 أسرة نازحة في المخيم.", "300", ("aid_recipients", None)),
    ("وأفاد المسؤول بأن أوضاع 900 مدني إلى جانب 75 عسكرياً سُوّيت في المركز.", "75", ("other", None)),
    # `سوى` (except) is no settling
    ("لم ينضم إلى الفيلق سوى 300 شاب من البلدة.", "300", ("recruits", "flow")),
    # men pushed into a force or a front
    ("الحكومة تدفع بالمئات إلى الفرقة الرابعة.", "مئات", ("recruits", "flow")),
    ("تزج الميليشيا بـ 300 شاب في جبهات القتال.", "300", ("recruits", "flow")),
    # arrested men described as evaders of service, not a part of them who are
    ("اعتقلت الحواجز 14 شاباً متخلفين عن الخدمة الإلزامية.", "14", ("recruits", "flow")),
    ("اعتقلت دورية 6 شبان من القرية، بينهم اثنان من المتخلفين عن الخدمة، واقتادتهم إلى جهة مجهولة.",
     "6", ("other", None)),
])
def test_category_read_from_the_construction(text, number, expected):
    assert _figures(text)[number][:2] == expected


def test_arrests_told_in_the_present_tie_later_arrests_to_service():
    figures = _figures("وأقامت الشرطة حواجز في البلدات، فاعتقلت نحو 70 شاباً واقتادتهم إلى مقرها.",
                       title="الشرطة العسكرية تعتقل عشرات الشبان وتقتادهم إلى الخدمة الإلزامية")
    assert figures["عشرات"][:2] == ("recruits", "flow")
    assert figures["70"] == ("recruits", "flow", "paragraph")


def test_close_to_is_approximate():
    report = Report(id="t", title=None, text="انضم ما يقرب من 250 شاباً إلى الفيلق.",
                    full_text="انضم ما يقرب من 250 شاباً إلى الفيلق.", date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figure = extract_report(report)[0][0]
    assert (figure.value, figure.qualifier) == (250, "approx")
