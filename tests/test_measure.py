"""The measure (stock / flow / target) of recruits figures, read from the predicate of the
number's clause on real wording (issue 9, class 1). Examples written for these tests."""
from __future__ import annotations

import pytest

from helpers.extract import extract_report
from helpers.records import Report


def _figures(text: str) -> dict[str, tuple]:
    report = Report(id="t", title=None, text=text, full_text=text, date="2020-01-01", date_origin=None,
                    source=None, url=None, path="t", line=None, encoding="utf-8", content_hash="t")
    figures, _ = extract_report(report)
    return {f.text: (f.category, f.measure, f.basis["measure"]) for f in figures}


@pytest.mark.parametrize("text, number, measure, basis", [
    # a count reaching the number is a running total, whatever verb the relative clause holds
    ("قالت المصادر إن عدد الشبان الذين جندتهم الميليشيا ونقلتهم إلى البادية بلغ نحو 400 شاب.",
     "400", "stock", "frame"),
    ("نقلت الفصائل ثلاث دفعات من المقاتلين إلى ليبيا، بلغ تعدادهم 900 مقاتل.", "900", "stock", "frame"),
    ("أكدت المصادر أن من وصلوا إلى المعسكر من المقاتلين ليسوا سوى 80 مقاتلاً.", "80", "stock", "frame"),
    # the size of one batch or one load is its arrivals
    ("خرّجت الميليشيا دورة جديدة من المنتسبين إلى صفوفها يبلغ عددهم 150 عنصراً.", "150", "flow", "frame"),
    ("أقلعت من القاعدة طائرة شحن تقلّ 200 مقاتل من الفصائل.", "200", "flow", "frame"),
    # a standing size
    ("وصل المئات إلى البادية، في حين يوجد 600 مقاتل آخرون في المعسكرات بانتظار نقلهم.",
     "600", "stock", "frame"),
    # tasked to recruit: a wanted number, even across an aside between commas
    ("كلّف الحرس الثوري مكاتبه في البوكمال، وهي مكاتب أمنية، بتجنيد 200 شاب من أبناء المنطقة.",
     "200", "target", "frame"),
    # a purpose named after the number says why they were taken, not a wish
    ("احتجزت الدوريات عشرات الشبان في البلدة لتجنيدهم في صفوفها.", "عشرات", "flow", "clause"),
    # men a campaign already gathered
    ("أطلقت الميليشيا حملة لاستقطاب مقاتلين من أبناء العشائر، من بينهم 120 شاباً من الميادين.",
     "120", "flow", "clause"),
    # a wish before the number stays a target
    ("تسعى الميليشيا لتجنيد 500 شاب من أبناء المنطقة.", "500", "target", "frame"),
])
def test_measure_from_the_clause_predicate(text, number, measure, basis):
    category, got_measure, got_basis = _figures(text)[number]
    assert (category, got_measure, got_basis) == ("recruits", measure, basis)


@pytest.mark.parametrize("text, number, measure", [
    # an enlisting verb with its object pronoun, under a count that reaches the number
    ("قالت المصادر إن عدد الشبان الذين جندتهم الميليشيا بلغ 700 شاب.", "700", "stock"),
    # volunteering in the present tense is an arrival
    ("أخذ عشرات الشبان يتطوعون في الميليشيات الموالية.", "عشرات", "flow"),
    # thousands taken into a force's ranks, no time span: a bulletin's running total
    ("ضمت الميليشيا إلى صفوفها آلاف المقاتلين من أبناء المنطقة.", "آلاف", "stock"),
])
def test_enlisting_verbs_in_their_inflected_forms(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number, measure", [
    # men on a payroll are the force's size
    ("تسدد الوزارة لـ 8 آلاف مقاتل من الفصائل الحليفة رواتب شهرية.", "8 آلاف", "stock"),
    ("تسلم القادة 5 ملايين دولار لقرابة 4 آلاف مقاتل.", "4 آلاف", "stock"),
    # a future verb of enlisting or deploying right after the number: still wanted
    ("تدفع الوزارة رواتب 10 آلاف مقاتل، وأوضحت الدراسة أن 20 ألفاً منهم سيُدفع بهم إلى الجبهات.",
     "20 ألفاً", "target"),
    # a future transfer stays a flow (cues.csv: سينقل)
    ("وأضافت المصادر أن 60 من المقاتلين سيُنقلون إلى البادية.", "60", "flow"),
])
def test_payroll_and_future(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number, measure", [
    # a decision covering men, and men in a force's ranks with no verb of moving: a size
    ("وقال المسؤول إن القرار يشمل نحو 9 آلاف عنصر من القوات.", "9 آلاف", "stock"),
    ("مئات المجندين في صفوف الميليشيات بريف حلب", "مئات", "stock"),
    # an expected joining is a target, even next to a new batch
    ("تتوقع القيادة أن يلتحق نحو 3 آلاف شاب بالدفعة الجديدة.", "3 آلاف", "target"),
])
def test_standing_and_expected(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


def test_recruits_with_nothing_to_say_how_are_arrivals_by_default():
    category, measure, basis = _figures("وروى أحد المتطوعين أنه اجتاز اختبارات اللياقة مع 300 متطوع آخرين.")["300"]
    assert (category, measure, basis) == ("recruits", "flow", "report_default")


@pytest.mark.parametrize("text, number, measure", [
    # a further part of a group a campaign gathered
    ("وسّعت الشركة حملتها لاستقطاب مقاتلين، من بينهم 200 مقاتل من حمص، فضلاً عن 150 فرداً من درعا.",
     "150", "flow"),
    # thousands who signed up, no time span: a running total
    ("أشارت مصادر إلى أن الآلاف سجّلوا أسماءهم للقتال في صفوف الشركة.", "آلاف", "stock"),
])
def test_parts_and_sign_ups(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


def test_a_verb_between_the_number_and_the_ranks_decides_not_the_ranks():
    category, measure, _ = _figures("أعلنت الوزارة أن أكثر من 9 آلاف شاب تطوعوا في صفوف الجيش خلال العام الماضي.")["9 آلاف"]
    assert (category, measure) == ("recruits", "flow")


@pytest.mark.parametrize("text, number, measure", [
    ("ومن المقرر أن يضم الفوج الجديد 400 عنصر من أبناء المنطقة.", "400", "target"),
    ("ومن المتوقع أن ينضم 600 شاب إلى الميليشيا الشهر المقبل.", "600", "target"),
    ("وينضم شهرياً نحو 50 شاباً إلى الميليشيا.", "50", "flow"),
])
def test_planned_expected_and_present_joining(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number, measure", [
    # a verb of enlisting over a period named by its start: that period's arrivals, thousands too
    ("وكانت الشركة قد جنّدت منذ عام 2019 آلاف الشبان من أبناء الريف لإرسالهم إلى الجبهات.", "آلاف", "flow"),
    ("وقد ضم الفوج نحو 900 عنصر من أبناء القرى منذ اتفاق التسوية.", "900", "flow"),
    # a count reaching a number, the period named after it
    ("وقالت المصادر إن عدد المنتسبين إلى الفوج تخطّى 2500 شاب منذ مطلع الصيف.", "2500", "flow"),
    # a rise told on the count stays a running total, even kept from a start
    ("انتسب 60 شاباً الأسبوع الماضي، ليرتفع عدد المنتسبين منذ مطلع العام إلى 1300 عنصر.", "1300", "stock"),
    # thousands enlisted with no period: a running total
    ("جنّدت الميليشيا ما يقارب 7 آلاف عنصر في المحافظة.", "7 آلاف", "stock"),
])
def test_counts_over_a_period(text, number, measure):
    """The annotation guide's "Counts over a period"."""
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number", [
    ("ويقدّر ناشطون عدد المنتسبين المحليين إلى الميليشيا بنحو 4500 منتسب.", "4500"),
    ("أما المقاتلون في صفوف الفوج، فيُقدَّر تعدادهم بأكثر من 1200 مقاتل.", "1200"),
])
def test_a_count_estimated_at_a_number_is_a_running_total(text, number):
    category, measure, basis = _figures(text)[number]
    assert (category, measure, basis) == ("recruits", "stock", "frame")


@pytest.mark.parametrize("text, number, measure", [
    # what a graduating course or batch comprises is its arrivals
    ("خرّجت الميليشيا دورة عسكرية جديدة تضم نحو 800 مقاتل من أبناء المنطقة.", "800", "flow"),
    ("وأكدت المصادر أن الدورة تضم في صفوفها نحو 600 مقاتل.", "600", "flow"),
    ("وقال المصدر إن الفصيل خرّج أربع كتائب في الأشهر الأخيرة، تضم 350 مقاتلاً.", "350", "flow"),
    # the size of the first group sent
    ("وقد أرسل القيادي أول مجموعة منهم، وقوامها 45 عنصراً، إلى جبهات البادية.", "45", "flow"),
    # a count reaching a number, the verb and the count first, the number after `إلى`
    ("إذ وصل تعداد من انضموا إلى صفوف هذه القوات إلى نحو 700 منتسب.", "700", "stock"),
    # a force comprising the men counted
    ("40 ألف مقاتل تضمهم الميليشيات الموالية لإيران في البلاد.", "40 ألف", "stock"),
    # names on a list of candidates are still wanted
    ("وأكدت الصحيفة وجود قائمة بنحو 12 ألف اسم لشبان مرشحين للسفر.", "12 ألف", "target"),
    ("ونحو 9 آلاف من الشبان تضمهم قائمة المرشحين الجدد.", "9 آلاف", "target"),
    # the count of new members over a recent window is arrivals
    ("ارتفع عدد المتطوعين الجدد خلال الشهرين الماضيين إلى قرابة 500 متطوع.", "500", "flow"),
])
def test_batches_standing_forces_and_lists(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number, measure", [
    # the count of a force's members reaching a number, across an aside
    ("أفاد المرصد بأن تعداد الميليشيات الموالية لإيران في البادية، من السوريين ومن غيرهم، يفوق الـ 7 آلاف شخص.",
     "7 آلاف", "stock"),
    ("في حين يبلغ تعداد ميليشيا حرس المنشآت بأكملها 900 ينتشرون في القرى.", "900", "stock"),
    # a set number a company needs is wanted
    ("تحدث الإعلان عن حاجة شركة أمنية إلى عدد محدد من الأشخاص، لا يتجاوز 200 شخص.", "200", "target"),
    # men about to travel are arrivals, and a request for anonymity is no wish for men
    ("وقال شاب طلب عدم ذكر اسمه، إن 40 شاباً من أبناء المدينة سيتوجهون خلال أيام إلى المطار.", "40", "flow"),
])
def test_force_counts_needs_and_travel(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number, measure", [
    # a force's own members over a span of time stay its size
    ("تراجع عدد عناصر الفوج من نحو 4 آلاف إلى أقل من 1500 خلال عامين.", "1500", "stock"),
    # men on a payroll named some words after them
    ("وتصرف الحكومة لنحو عشرين ألفاً من مقاتلي الفصائل المعروفة باسم الجيش الوطني السوري رواتب شهرية.",
     "عشرين ألفاً", "stock"),
    # men taken away since a morning are arrivals
    ("وقال المصدر إن ما يزيد على 80 شاباً اقتيدوا، منذ صباح الخميس، نحو مراكز التجميع.", "80", "flow"),
])
def test_own_members_payroll_and_men_taken(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number, measure", [
    # `إعداد` (preparing) is not `أعداد` (numbers), though normalisation folds them
    ("وافق الرئيس على مساعدة آلاف المتطوعين على التوجه إلى الجبهة، مؤكداً ما نُقل عن إعداد قوائم بالأسماء.",
     "آلاف", "flow"),
    # the young men's own need for work is no wish for men; signing contracts is signing up
    ("استغلت الميليشيا حاجة الشبان إلى عمل، وهو ما دفع العشرات من سكان المدينة إلى التوجه نحو المكتب "
     "للتوقيع على العقود.", "عشرات", "flow"),
])
def test_homographs_and_the_peoples_own_need(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


@pytest.mark.parametrize("text, number", [
    # still somewhere, or serving in a force's ranks now: a standing size
    ("لا يزال نحو 2500 مقاتل سوري في ليبيا.", "2500"),
    ("يخدم في صفوفها نحو 3 آلاف سوري.", "3 آلاف"),
    ("يعمل نحو 600 شاب من أبناء المنطقة في صفوف الميليشيا.", "600"),
])
def test_still_there_and_serving_in_the_ranks(text, number):
    category, measure, _ = _figures(text)[number]
    assert (category, measure) == ("recruits", "stock")


@pytest.mark.parametrize("text, number, measure", [
    # men receiving their pay are the force on the payroll
    ("تسلّم نحو 700 عنصر رواتبهم من الجانب الإيراني هذا الشهر.", "700", "stock"),
    # people estimated in a force's ranks, with no noun of their own
    ("وتقدر مصادر محلية أعداد السوريين في الميليشيات الإيرانية بأكثر من 8 آلاف.", "8 آلاف", "stock"),
    # expected to join
    ("ومن المنتظر أن يلتحق 250 شاباً آخرين بالدورة المقبلة.", "250", "target"),
])
def test_payroll_received_estimates_and_expected(text, number, measure):
    category, got_measure, _ = _figures(text)[number]
    assert (category, got_measure) == ("recruits", measure)


def test_a_vague_title_sums_up_the_body_count_of_its_order():
    title = "الحزب جنّد آلاف السوريين استعداداً لمعركة"
    body = "وأوضحت المصادر أن عدد من جنّدتهم الميليشيا منذ مطلع هذا العام تخطّى 1800 شاب."
    report = Report(id="t", title=title, text=body, full_text=f"{title}\n\n{body}", date="2020-01-01",
                    date_origin=None, source=None, url=None, path="t", line=None, encoding="utf-8",
                    content_hash="t")
    figures, _ = extract_report(report)
    assert [(f.value, f.measure) for f in figures] == [(1000, "flow"), (1800, "flow")]


@pytest.mark.parametrize("text, number", [
    ("وتريد الشركة تجنيد 1000 شاب قبل نهاية العام.", "1000"),
    ("ويهدف الفيلق إلى ضم 800 عنصر جديد.", "800"),
    ("وكانت الميليشيا قد أعلنت عن رغبتها بتجنيد 300 شاب.", "300"),
])
def test_wants_aims_and_wishes_are_targets(text, number):
    category, measure, _ = _figures(text)[number]
    assert (category, measure) == ("recruits", "target")


def test_a_rise_on_the_count_kept_from_a_start_stays_a_running_total():
    text = "قالت المصادر إن عدد المنتسبين إلى الميليشيا في الريف الغربي ارتفع إلى نحو 450 شاباً منذ مطلع العام."
    assert _figures(text)["450"][:2] == ("recruits", "stock")
