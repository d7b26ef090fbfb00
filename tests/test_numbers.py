"""helpers.extract.numbers: every quantity with value, bounds, qualifier, unit and spans; no non-figures.

All sentences are written for these tests (invented, carrying the kinds of facts reports carry).
"""
from __future__ import annotations

import pytest

from helpers.extract.lexicons import SCHEMAS, LexiconError, Lexicons, read_lexicon
from helpers.ingest.normalise import normalise
from helpers.extract.number_words import NUMBER_WORDS
from helpers.extract.numbers import Quantity, find_quantities, load_number_lexicons


def found(text: str) -> tuple[str, list[Quantity]]:
    normalised = normalise(text).text
    return normalised, find_quantities(normalised)


def facts(text: str) -> list[tuple]:
    """(number words, value, value_min, value_max, qualifier, unit) for each quantity."""
    normalised, quantities = found(text)
    return [(normalised[q.start:q.end], q.value, q.value_min, q.value_max, q.qualifier, q.unit)
            for q in quantities]


def only(text: str) -> tuple[str, Quantity]:
    normalised, quantities = found(text)
    assert len(quantities) == 1, [normalised[q.start:q.end] for q in quantities]
    return normalised, quantities[0]


def norm(text: str) -> str:
    return normalise(text).text


def case(words, value, qualifier="exact", unit=None, low=None, high=None):
    return (normalise(words).text, value, low, high, qualifier, unit)


# --- digits -------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("ارتفع العدد إلى 1270 شخصاً", [case("1270", 1270, unit="person")]),
    ("ارتفع العدد إلى ١٢٧٠ شخصاً", [case("1270", 1270, unit="person")]),
    ("ارتفع العدد إلى ۱۲۷۰ شخصاً", [case("1270", 1270, unit="person")]),
    ("وصلت 2,150 طن من الطحين", [case("2,150", 2150, unit="tonne")]),
    ("وصلت 2،150 طن من الطحين", [case("2،150", 2150, unit="tonne")]),
    ("وصلت 2٬150 طن من الطحين", [case("2,150", 2150, unit="tonne")]),
    ("حمولة 3.8 طن", [case("3.8", 3.8, unit="tonne")]),
    ("حمولة 3٫8 طن", [case("3.8", 3.8, unit="tonne")]),
])
def test_digits_in_every_script_and_separator(text, expected):
    assert facts(text) == expected


@pytest.mark.parametrize("text, words, value", [
    ("وزعت 26ر8 أطنان من الطحين", "26ر8", 8.26),
    ("وزعت 4ر20 طنا من الطحين", "4ر20", 20.4),
    ("وزعت 5ر1 طن من الطحين", "5ر1", 1.5),
])
def test_state_media_decimals_read_the_part_after_ra_first(text, words, value):
    normalised, q = only(text)
    assert (normalised[q.start:q.end], q.value, q.unit) == (norm(words), value, "tonne")


def test_ra_without_digits_after_it_is_not_a_decimal():
    assert [(f[0], f[1]) for f in facts("وصل 12رجلا و8 رجال")] == [("12", 12), ("8", 8)]


def test_arabic_comma_between_separate_numbers_is_not_a_thousands_separator():
    assert [f[1] for f in facts("قتل 3، 150 جريحا")] == [3, 150]


# --- number words -----------------------------------------------------------------------

@pytest.mark.parametrize("text, words, value", [
    ("انضم ثلاثة آلاف وخمسمئة شاب", "ثلاثة آلاف وخمسمئة", 3500),
    ("رصدت الجهة مليونان لهذا الغرض", "مليونان", 2_000_000),
    ("التحق خمسة وعشرون متطوعا", "خمسة وعشرون", 25),
    ("التحق اثنا عشر ألفا", "اثنا عشر ألفا", 12_000),
    ("التحق اثني عشر مقاتلا", "اثني عشر", 12),
    ("التحق ثلاث عشرة امرأة", "ثلاث عشرة", 13),
    ("بلغ العدد عشرين مقاتلا", "عشرين", 20),
    ("بلغ العدد مئتين وخمسين", "مئتين وخمسين", 250),
    ("بلغ العدد ثلاثمئة", "ثلاثمئة", 300),
    ("بلغ العدد ثلاثمائة وخمسة", "ثلاثمائة وخمسة", 305),
    ("بلغ العدد تسعمئة وتسعة وتسعين", "تسعمئة وتسعة وتسعين", 999),
    ("بلغ العدد ثلاث مئة", "ثلاث مئة", 300),
    ("بلغت القيمة ألفين وخمسمئة دولار", "ألفين وخمسمئة", 2500),
    ("بلغت القيمة ألفي دولار", "ألفي", 2000),
    ("خصص تعويضاً قدره مليونا ليرة", "مليونا", 2_000_000),
    ("بلغت الكلفة ثلاثة ملايين ليرة", "ثلاثة ملايين", 3_000_000),
    ("بلغت الكلفة مليون ونصف ليرة", "مليون ونصف", 1_500_000),
    ("بلغت الكلفة نصف مليون ليرة", "نصف مليون", 500_000),
    ("بلغت الكلفة مليارين", "مليارين", 2_000_000_000),
    ("دفعوا بثلاثة آلاف دولار", "ثلاثة آلاف", 3000),
    ("واحد وعشرون عنصرا", "واحد وعشرون", 21),
])
def test_number_words(text, words, value):
    normalised, q = only(text)
    assert normalised[q.start:q.end] == normalise(words).text
    assert q.value == value and q.qualifier == "exact"


@pytest.mark.parametrize("text", [
    "وصل الشهر السادس والثمانين من الحصار",
    "في السادس من الشهر الجاري",
    "للمرة الثالثة هذا العام",
    "وصلت الدفعة الرابعة إلى المعسكر",
    "وأعلن الفيلق الخامس عن فتح باب الانتساب",
    "في الجولة الثانية من المفاوضات",
    "يوم الاثنين ويوم الخميس ويوم الأربعاء",
    "أفاد عنصر واحد من المجموعة",
    "يحصل المجند الواحد على راتب",
    "أحد القادة في المنطقة",
])
def test_ordinals_weekdays_and_one_are_not_figures(text):
    assert facts(text) == []


def test_three_ones_and_threes_are_read_as_separate_numbers():
    assert facts("بين ثلاثة وخمسة عناصر") == [case("ثلاثة وخمسة", 3, "range", "person", 3, 5)]
    assert [f[1] for f in facts("خمسون ثم ستون")] == [50, 60]


# --- duals --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words, unit", [
    ("قتل عنصرين في الهجوم", "عنصرين", "person"),
    ("خلال اليومين الماضيين", "يومين", "day"),
    ("عقد مدته شهرين", "شهرين", "month"),
    ("وزعت على عائلتين", "عائلتين", "family"),
    ("وصل طنين من الطحين", "طنين", "tonne"),
    ("رافقتها شاحنتان", "شاحنتان", "vehicle"),
])
def test_duals_count_two(text, words, unit):
    normalised, q = only(text)
    assert (normalised[q.start:q.end], q.value, q.unit, q.qualifier) == (norm(words), 2, unit, "exact")


def test_dual_with_its_number_word_is_one_figure():
    assert facts("قتل عنصرين اثنين") == [case("عنصرين", 2, unit="person")]


def test_sound_plurals_that_look_like_duals_are_not_counted():
    assert facts("انضم المتطوعين والمقاتلين إلى التشكيل") == []


# --- scale words after digits ---------------------------------------------------------------

@pytest.mark.parametrize("text, words, value, unit", [
    ("يضم نحو 11 ألفاً من المقاتلين", "11 الفا", 11_000, "person"),
    ("وصل إلى نحو 11 ألفاً في المحافظات", "11 الفا", 11_000, None),
    ("يضم 10 آلاف عنصر", "10 الاف", 10_000, "person"),
    ("مكافأة قدرها 350 ألف ليرة سورية", "350 الف", 350_000, "syp"),
    ("مكافأة قدرها 3 ملايين ليرة", "3 ملايين", 3_000_000, "syp"),
    ("رصد 1.5 مليون دولار", "1.5 مليون", 1_500_000, "usd"),
    ("رصد 3 ملايين و500 ألف ليرة", "3 ملايين و500 الف", 3_500_000, "syp"),
    ("ضم 3 آلاف و500 عنصر", "3 الاف و500", 3500, "person"),
    ("وزعت 15 ألف عبوة مياه", "15 الف", 15_000, "item"),
])
def test_digits_times_scale_word(text, words, value, unit):
    normalised, q = only(text)
    assert (normalised[q.start:q.end], q.value, q.unit) == (norm(words), value, unit)


@pytest.mark.parametrize("text, words, value", [
    # a year before a vague plural is not multiplied by it
    ("جنّدت الشركة منذ عام 2020 آلاف الشبان", "الاف", 1000),
    # but a sloppy plural after other digits still scales them
    ("حملت الشحنات 305 آلاف رغيف", "305 الاف", 305_000),
])
def test_a_year_before_a_vague_plural(text, words, value):
    normalised, q = only(text)
    assert (normalised[q.start:q.end], q.value) == (norm(words), value)


# --- brackets, quotes, glued prefixes ---------------------------------------------------------

@pytest.mark.parametrize("text, words, value, unit", [
    ("يضم نحو (5400) عنصر", "5400", 5400, "person"),
    ("يضم ’’4750’’ مرتزقا", "4750", 4750, "person"),
    ('يضم "300" مقاتل', "300", 300, "person"),
    ("يضم «200» مقاتل", "200", 200, "person"),
    ("مقابل بـ2000 دولار", "2000", 2000, "usd"),
    ("منح لـ 3550 فردا", "3550", 3550, "person"),
    ("خلال ال24 ساعة", "24", 24, "hour"),
    ("خلال الـ24 ساعة", "24", 24, "hour"),
    ("خلال الساعات الـ 48 الماضية", "48", 48, "hour"),
    ("مقابل ب200 دولار", "200", 200, "usd"),
    ("قتل 5 وجرح و300 شخص", None, None, None),
])
def test_brackets_quotes_and_glued_prefixes(text, words, value, unit):
    normalised, quantities = found(text)
    if words is None:          # the last case: two numbers, both read with the glued و
        assert [(normalised[q.start:q.end], q.value) for q in quantities] == [("5", 5), ("300", 300)]
        return
    assert len(quantities) == 1
    q = quantities[0]
    assert (normalised[q.start:q.end], q.value, q.unit) == (norm(words), value, unit)


def test_definite_number_without_a_counted_noun_is_an_ordinal():
    assert facts("دخل الحصار الشهر الـ 86") == []
    assert facts("خلال الـ 48 الماضية") == [case("48", 48)]


# --- currencies and percent ---------------------------------------------------------------------

@pytest.mark.parametrize("text, value, unit, unit_words", [
    ("راتب 200$ شهرياً", 200, "usd", "$"),
    ("راتب $200 شهرياً", 200, "usd", "$"),
    ("راتب 100 دولار أميركي", 100, "usd", "دولار اميركي"),
    ("راتب 100 دولاراً أمريكياً", 100, "usd", "دولارا امريكيا"),
    ("مكافأة 150 دولارا", 150, "usd", "دولارا"),
    ("مبلغ 350 ليرة سورية", 350, "syp", "ليره سوريه"),
    ("مبلغ 350 ليرة تركية", 350, "try", "ليره تركيه"),
    ("مبلغ 300 يورو", 300, "eur", "يورو"),
    ("بنسبة 50%", 50, "percent", "%"),
    ("بنسبة 50٪", 50, "percent", "٪"),
    ("بنسبة 25في المئة", 25, "percent", "في الميه"),
    ("بنسبة 25 بالمئة", 25, "percent", "بالميه"),
    ("بنسبة 25 في المائة", 25, "percent", "في المايه"),
])
def test_currencies_and_percent(text, value, unit, unit_words):
    normalised, q = only(text)
    assert (q.value, q.unit, normalised[q.unit_start:q.unit_end]) == (value, unit, unit_words)


def test_a_following_and_is_not_a_unit():
    normalised, q = only("قتل 86 والشهر الماضي شهد هدوءا")
    assert (q.value, q.unit) == (86, None)


# --- qualifiers -----------------------------------------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier, low, high", [
    ("ارتفع العدد إلى نحو 1270 شخصاً", 1270, "approx", None, None),
    ("ضم قرابة 800 منتسب", 800, "approx", None, None),
    ("ضم حوالي 800 منتسب", 800, "approx", None, None),
    ("ضم ما يقارب ثلاثة آلاف عنصر", 3000, "approx", None, None),
    ("ضم زهاء 800 منتسب", 800, "approx", None, None),
    ("ضم 800 منتسب تقريباً", 800, "approx", None, None),
    ("ضم أكثر من 2350 متطوعا", 2350, "more_than", 2350, None),
    ("وصل ما يزيد على 40 طناً", 40, "more_than", 40, None),
    ("وصل ما يزيد عن 40 طناً", 40, "more_than", 40, None),
    ("تجاوز عدد المتطوعين في البلدة 2350", 2350, "more_than", 2350, None),
    ("ضم ما لا يقل عن 1600 مرتزق", 1600, "at_least", 1600, None),
    ("راتب 150 دولاراً كحد أدنى", 150, "at_least", 150, None),
    ("ضم 50 شخصا على الأقل", 50, "at_least", 50, None),
    ("راتب أقل من 40 دولاراً", 40, "less_than", None, 40),
    ("راتب لا يتجاوز 3 ملايين ليرة", 3_000_000, "at_most", None, 3_000_000),
    ("راتب 200$ في الشهر كحد أقصى", 200, "at_most", None, 200),
    ("لا تتجاوز رواتب المجندين 70 دولاراً", 70, "at_most", None, 70),
    ("ضم أكثر من نحو 300 عنصر", 300, "more_than", 300, None),
    ("راتب يصل حتى 300 دولار", 300, "at_most", None, 300),
    ("عدد يفوق 500 شخص", 500, "more_than", 500, None),
    ("ضم 50 شخصا أو أكثر", 50, "at_least", 50, None),
    ("يقترب من 11 ألف عنصر", 11_000, "approx", None, None),
    ("خمسمئة منهم على الأقل", 500, "at_least", 500, None),
])
def test_qualifiers_and_bounds(text, value, qualifier, low, high):
    _, q = only(text)
    assert (q.value, q.qualifier, q.value_min, q.value_max) == (value, qualifier, low, high)


def test_qualifier_span_covers_cue_number_and_unit():
    normalised, q = only("وقال إن ما لا يقل عن 1600 مرتزق وصلوا")
    assert normalised[q.span_start:q.span_end] == "ما لا يقل عن 1600 مرتزق"
    assert normalised[q.start:q.end] == "1600"
    assert q.noun == "مرتزق" and q.unit_category == "recruits"


def test_a_cue_far_from_the_number_does_not_qualify_it():
    _, q = only("نحو المدينة، حيث وصل 300 عنصر")
    assert q.qualifier == "exact"
    _, q = only("تجاوز الرتل الحاجز ومعه 3 عناصر")
    assert q.qualifier == "exact"


# --- ranges -------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, words, low, high, unit", [
    ("راتب بين 100 و300 دولار", "100 و300", 100, 300, "usd"),
    ("راتب من 150 دولاراً إلى 300 دولار", "150 دولارا الي 300", 150, 300, "usd"),
    ("راتب يتراوح بين مئة ومئتي دولار", "مئة ومئتي", 100, 200, "usd"),
    ("راتب يتراوح بين 40 و50 ألف ليرة", "40 و50 الف", 40_000, 50_000, "syp"),
    ("راتب 100-300 دولار", "100-300", 100, 300, "usd"),
    ("رواتب تبدأ من 150 دولاراً إلى 300 دولار", "150 دولارا الي 300", 150, 300, "usd"),
    ("راتب بين نحو 100 و300 دولار", "100 و300", 100, 300, "usd"),
    ("بين ثلاثة آلاف وخمسة آلاف عنصر", "ثلاثة آلاف وخمسة آلاف", 3000, 5000, "person"),
])
def test_a_range_is_one_quantity(text, words, low, high, unit):
    normalised, q = only(text)
    assert normalised[q.start:q.end] == normalise(words).text
    assert (q.value, q.value_min, q.value_max, q.qualifier, q.unit) == (low, low, high, "range", unit)


def test_a_change_from_one_number_to_another_is_two_figures():
    assert facts("ارتفع العدد من 800 إلى 1270 متطوعا") == [
        case("800", 800), case("1270", 1270, unit="person")]
    assert facts("رفعت الفصائل في الريف الغربي قيمة المكافأة للمنتسب الجديد من 150 دولاراً إلى 250 دولاراً") == [
        case("150", 150, unit="usd"), case("250", 250, unit="usd")]


def test_a_change_verb_in_an_earlier_sentence_does_not_split_a_range():
    assert facts("ارتفع العدد. الراتب من 150 دولاراً إلى 250 دولاراً") == [
        case("150 دولاراً إلى 250", 150, "range", "usd", 150, 250)]


def test_and_without_between_is_two_figures():
    assert [f[1] for f in facts("وصل 100 و300 عنصر")] == [100, 300]
    assert [f[1] for f in facts("وصل ثلاثة آلاف وخمسة آلاف")] == [3000, 5000]
    assert [f[1] for f in facts("وصل 3 آلاف و5000 عنصر")] == [3000, 5000]


# --- vague quantities -----------------------------------------------------------------------------

@pytest.mark.parametrize("text, words, value, unit", [
    ("انضم عشرات الشبان", "عشرات", 10, "person"),
    ("استفادت مئات العائلات", "مئات", 100, "family"),
    ("هجر آلاف السوريين", "آلاف", 1000, "person"),
    ("هجر لآلاف السوريين", "آلاف", 1000, "person"),
    ("هجر عشرات الآلاف من المدنيين", "عشرات الآلاف", 10_000, "person"),
    ("هجر مئات الآلاف", "مئات الآلاف", 100_000, None),
    ("هجر ملايين السوريين", "ملايين", 1_000_000, "person"),
])
def test_vague_words_take_their_scale_as_value(text, words, value, unit):
    normalised, q = only(text)
    assert normalised[q.start:q.end] == normalise(words).text
    assert (q.value, q.value_min, q.value_max, q.qualifier, q.unit) == (value, None, None, "vague", unit)


def test_thousands_after_a_number_is_a_scale_not_vague():
    assert facts("ضم 10 آلاف عنصر") == [case("10 آلاف", 10_000, unit="person")]


def test_some_and_a_number_of_are_not_figures():
    assert facts("انضم عدد من الشبان وبعض الرجال") == []


# --- units ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, unit, category", [
    ("وزعت 500 سلة غذائية", "food_basket", "aid_amount"),
    ("وزعت على 750 أسرة", "family", None),
    ("وزعت على 750 عوائل", "family", None),
    ("وزعت 2000 حقيبة مدرسية", "item", "aid_amount"),
    ("وزعت 300 بطانية", "item", "aid_amount"),
    ("وزعت 900 ربطة خبز", "item", "aid_amount"),
    ("أرسلت 12 شاحنة", "vehicle", None),
    ("نقلت 7 حافلات", "vehicle", None),
    ("عقد لمدة 6 أشهر", "month", "other"),
    ("عقد لمدة 3 سنوات", "year", "other"),
    ("خلال 10 أيام", "day", "other"),
    ("وصلت 3 أسابيع", "week", "other"),
    ("وزعت 20 كيلو", "kg", None),
    ("وزعت 20 ليتراً من المازوت", "litre", "aid_amount"),
    ("قتل 17 شخصاً", "person", None),
    ("قتل 30 آخرون", "person", None),
    ("التحق 200 من المتطوعين", "person", "recruits"),
])
def test_units_from_the_word_after_the_number(text, unit, category):
    _, q = only(text)
    assert (q.unit, q.unit_category) == (unit, category)


def test_unit_and_noun_offsets():
    normalised, q = only("وزعت الجمعية 500 سلة غذائية على الأهالي")
    assert normalised[q.unit_start:q.unit_end] == "سله غذاييه"
    assert normalised[q.span_start:q.span_end] == "500 سله غذاييه"
    assert q.noun == "سله غذاييه" and q.following == "علي"


def test_a_number_without_unit_counts_the_noun_after_adad():
    normalised, q = only("وأكد أن عدد عناصر الفيلق وصل إلى نحو 11 ألفاً")
    assert (q.value, q.unit, normalised[q.unit_start:q.unit_end]) == (11_000, "person", "عناصر")
    assert normalised[q.span_start:q.span_end] == "نحو 11 الفا"
    _, q = only("قدر المصدر عدد المنتسبين بعشرات الآلاف")
    assert (q.value, q.qualifier, q.unit) == (10_000, "vague", "person")


def test_adad_before_another_number_or_sentence_does_not_give_the_unit():
    assert facts("بلغ عدد المقاتلين 300. ثم وصل 40") == [
        case("300", 300, unit="person"), case("40", 40)]
    assert facts("عدد من الشبان وصل 40") == [case("40", 40)]


def test_noun_without_unit_is_the_next_word():
    _, q = only("انضم 40 كشافاً إلى المعسكر")   # (فتى is a person unit since round 5)
    assert (q.unit, q.noun) == (None, "كشافا")


# --- numbers that are not figures -------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "هاجم اللواء 313 مواقع في البادية",
    "انسحب اللواء 137 من المنطقة",
    "انتشرت الفرقة 25 على الطريق",
    "وصل الفوج 47 إلى المدينة",
    "في 19 أيار الماضي",
    "في 12 سبتمبر 2019",
    "خلال العام 2022",
    "منذ عام 2019",
    "في 3 كانون الثاني",
    "في 3 يناير",
    "منذ 2011 وحتى اليوم",
    "بتاريخ 2021-03-04",
    "بتاريخ 12/5/2019",
    "عند الساعة 10 صباحاً",
    "عند 10:30",
    "رقم العدد [14898]",
    "للتواصل +961 3 123 456",
    "على الرقم 0933123456",
    "المصدر https://example.org/news/2019/05/12345",
    "وفق القرار 2254",
    "بموجب المادة 5 من القانون",
    "بصواريخ R-77",
    "بطائرات F-16",
    "طائرات Su 24M",
    "<script>alert(1)</script>",
    "حتى 2019",
    "في 19/5 الماضي",
    "سنة 1441هـ",
    "في 2019م",
    "في القرن التاسع عشر",
    "في الحادي عشر من الشهر",
    "تكرر القصف 3 مرات",
    "تضاعف العدد ثلاثة أضعاف",
    "في الفترة بين 1 و15 آذار",
    "خلال 2019-2020",
    "من 2015 إلى 2018",
    "بين عامي 2015 و2018",
    "على بعد 10 كم من المدينة",
    "داخل منطقة الـ55 كم",
    "مساحة 300 دونم",
])
def test_not_figures(text):
    assert facts(text) == []


def test_list_numbers_at_a_line_start_are_not_figures():
    assert facts("1- انضم 300 شاب\n2) وصل 40 طنا") == [
        case("300", 300, unit="person"), case("40", 40, unit="tonne")]


def test_ten_with_a_counted_noun_is_a_figure():
    assert facts("عقد مدته عشر سنوات") == [case("عشر", 10, unit="year")]


def test_a_unit_name_followed_by_a_counted_noun_is_a_count():
    assert facts("خسر اللواء 14 عنصراً في الهجمات") == [case("14", 14, unit="person")]


def test_a_year_with_a_unit_or_qualifier_is_a_count():
    assert facts("وزعت 2000 حقيبة") == [case("2000", 2000, unit="item")]
    assert facts("ضم نحو 2000") == [case("2000", 2000, "approx")]


# --- offsets, order, robustness -------------------------------------------------------------------------

def test_offsets_index_the_normalised_text_and_map_back():
    original = "وأكد المصدر أن نحوَ ١٢٧٠ شخصاً انضموا، وأن عشراتِ الشبان ينتظرون"
    normalised = normalise(original)
    quantities = find_quantities(normalised.text)
    assert [normalised.text[q.start:q.end] for q in quantities] == ["1270", "عشرات"]
    a, b = normalised.span(quantities[0].start, quantities[0].end)
    assert original[a:b] == "١٢٧٠"
    a, b = normalised.span(quantities[0].span_start, quantities[0].span_end)
    assert original[a:b] == "نحوَ ١٢٧٠ شخصاً"


def test_quantities_come_in_text_order_without_overlaps():
    text = "وزعت 500 سلة على مئات العائلات خلال اليومين الماضيين بقيمة 3 ملايين ليرة"
    normalised, quantities = found(text)
    assert [q.value for q in quantities] == [500, 100, 2, 3_000_000]
    for a, b in zip(quantities, quantities[1:]):
        assert a.span_end <= b.span_start


def test_empty_and_number_free_text():
    assert find_quantities("") == []
    assert facts("لا أرقام في هذا النص") == []


def test_every_number_word_reads_alone_or_in_context():
    for word, (kind, _) in NUMBER_WORDS.items():
        find_quantities(f"نص {word} نص")        # must not raise


def test_lexicons_from_the_extractor_are_used_and_missing_ones_loaded():
    own = load_number_lexicons()
    text = normalise("وصل 40 طنا").text
    assert find_quantities(text, own) == find_quantities(text, Lexicons()) == find_quantities(text)


# --- lexicon validation -------------------------------------------------------------------------------

def write(tmp_path, name: str, text: str):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_unit_names_file_and_line(tmp_path):
    path = write(tmp_path, "units.csv", "word,unit,number,category,note\nطن,tonne,sg,,\nبرميل,barrel,sg,,\n")
    with pytest.raises(LexiconError) as caught:
        read_lexicon(path, SCHEMAS["units"])
    assert (caught.value.path, caught.value.line) == (str(path), 3)
    assert "unknown value 'barrel'" in str(caught.value)


def test_vague_word_needs_a_positive_value(tmp_path):
    path = write(tmp_path, "qualifiers.csv", "cue,qualifier,position,value_min,reach,note\nعشرات,vague,self,,,\n")
    with pytest.raises(LexiconError) as caught:
        read_lexicon(path, SCHEMAS["qualifiers"])
    assert caught.value.line == 2 and "value_min" in str(caught.value)


def test_self_position_only_for_vague_words(tmp_path):
    path = write(tmp_path, "qualifiers.csv", "cue,qualifier,position,value_min,reach,note\nنحو,approx,self,,,\n")
    with pytest.raises(LexiconError, match=r"qualifiers.csv:2: position 'self'"):
        read_lexicon(path, SCHEMAS["qualifiers"])


def test_non_figure_kind_is_checked(tmp_path):
    path = write(tmp_path, "non_figure_cues.csv", "cue,position,kind,note\nاللواء,before,brigade,\n")
    with pytest.raises(LexiconError, match=r"non_figure_cues.csv:2: column 'kind'"):
        read_lexicon(path, SCHEMAS["non_figure_cues"])


def test_shipped_lexicons_load():
    lexicons = load_number_lexicons()
    assert {"units", "qualifiers", "non_figure_cues"} <= set(lexicons)
    units = {e.key: e["unit"] for e in lexicons["units"].entries}
    assert units["عنصرين"] == "person" and units["$"] == "usd"


def test_amounts_word_is_not_hundreds():
    # كميات (amounts) normalises to ك + ميات, the normalised spelling of مئات
    text = normalise("وزعت كميات كبيرة من الطحين ومئات السلال").text
    found = find_quantities(text)
    assert [(text[q.start:q.end], q.value, q.qualifier) for q in found] == [("ميات", 100, "vague")]


@pytest.mark.parametrize("phone", ["هاتف: 011 2234567", "للتواصل 0944 123 456", "فاكس 011-2234567"])
def test_local_phone_numbers_are_not_figures(phone):
    assert find_quantities(normalise(phone).text) == []


def test_a_count_next_to_a_phone_number_is_still_a_figure():
    text = normalise("وزعت الجمعية 300 سلة، وللاستفسار هاتف 011 2234567").text
    assert [(q.value, q.unit) for q in find_quantities(text)] == [(300, "food_basket")]


# --- issue numbers: page furniture after العدد -------------------------------------------------------

@pytest.mark.parametrize("text", [
    "صحيفة الوطن – العدد 4127",
    "العدد 4127 – الصفحة 5",
    "الصفحة 5 | العدد 4127",
    "نشرة المرصد الأسبوعية العدد 88",
    "مجلة الأزمنة - العدد 312 - السنة 12",
    "العدد رقم 312",
    "العدد: 312",
    "صدر عدد 55 من النشرة",
    "المصدر: الوطن، ص 4",
    "العدد (16203) – الصفحة 3",
])
def test_issue_and_page_numbers_are_not_figures(text):
    assert facts(text) == []


def test_a_masthead_line_does_not_hide_the_figures_below_it():
    normalised, quantities = found("صحيفة الوطن – العدد 4127\nوقال مصدر إن 300 شاب انضموا")
    assert [(normalised[q.start:q.end], q.value, q.unit) for q in quantities] == [("300", 300, "person")]


@pytest.mark.parametrize("text, expected", [
    ("بلغ العدد 400 مقاتل", [case("400", 400, unit="person")]),
    ("ارتفع العدد إلى 520", [case("520", 520)]),
    ("عدد المنتسبين 300", [case("300", 300, unit="person")]),
    ("وبلغ العدد 400 بحسب المرصد", [case("400", 400)]),
    ("قالت الصحيفة إن العدد 300 حتى الآن", [case("300", 300)]),
    ("العدد 300 شاب انضموا", [case("300", 300, unit="person")]),
])
def test_adad_as_the_number_of_still_gives_figures(text, expected):
    assert facts(text) == expected


# --- a bounding verb a few words before its number ----------------------------------------------------

@pytest.mark.parametrize("text, value, qualifier, low, high, unit, span", [
    ("لا يزيد راتب المجند على 50 دولارا", 50, "at_most", None, 50, "usd",
     "لا يزيد راتب المجند على 50 دولارا"),
    ("لا يزيد راتب نظيره في الفرقة الرابعة على 50", 50, "at_most", None, 50, None,
     "لا يزيد راتب نظيره في الفرقة الرابعة على 50"),
    ("لا يزيد راتب المجند الشهري في صفوف الفرقة الرابعة على 50 دولارا", 50, "at_most", None, 50, "usd",
     "لا يزيد راتب المجند الشهري في صفوف الفرقة الرابعة على 50 دولارا"),
    ("لا يزيد راتب المجند على نحو 50 دولارا", 50, "at_most", None, 50, "usd",
     "لا يزيد راتب المجند على نحو 50 دولارا"),
    ("وتصل رواتب قسد إلى نحو 200 دولار", 200, "at_most", None, 200, "usd", "وتصل رواتب قسد إلى نحو 200 دولار"),
    ("تصل رواتب عناصر الفصيل إلى 200 دولار", 200, "at_most", None, 200, "usd",
     "تصل رواتب عناصر الفصيل إلى 200 دولار"),
    ("لم تتجاوز حصة الأسرة خلال الشهر الماضي 4 سلال", 4, "at_most", None, 4, "food_basket",
     "لم تتجاوز حصة الأسرة خلال الشهر الماضي 4 سلال"),
    ("لم تتجاوز حصة الأسرة من مساعدات المنظمة في الأحياء الشرقية نفسها 4 سلال", 4, "at_most", None, 4,
     "food_basket", "لم تتجاوز حصة الأسرة من مساعدات المنظمة في الأحياء الشرقية نفسها 4 سلال"),
    ("لا يقل عدد المنتسبين عن 300", 300, "at_least", 300, None, "person", "لا يقل عدد المنتسبين عن 300"),
    ("لم تتجاوز مدة الدورة شهرين", 2, "at_most", None, 2, "month", "لم تتجاوز مدة الدورة شهرين"),
])
def test_a_bounding_verb_reaches_over_its_subject(text, value, qualifier, low, high, unit, span):
    normalised, q = only(text)
    assert (q.value, q.qualifier, q.value_min, q.value_max, q.unit) == (value, qualifier, low, high, unit)
    assert normalised[q.span_start:q.span_end] == norm(span)


@pytest.mark.parametrize("text, expected", [
    # a count that reaches a total is not "up to"; nor is aid that reaches families
    ("يصل عدد المقاتلين في المعسكر إلى نحو 600", [case("600", 600, "approx", "person")]),
    ("تصل المساعدات إلى 500 عائلة", [case("500", 500, unit="family")]),
    # a clause break, a number word, or too long a subject stops the verb
    ("لا يتجاوز راتب المجند، وقال مصدر إن 40 عنصرا انشقوا", [case("40", 40, unit="person")]),
    ("لا يتجاوز راتب المجند في الفرقة بينما يتقاضى الضابط 300 دولار", [case("300", 300, unit="usd")]),
    ("لم يتجاوز عدد القتلى ثلاثة وأصيب 40 آخرون",
     [case("ثلاثة", 3, "at_most", "person", high=3), case("40", 40, unit="person")]),
    ("لا يزيد راتب المجند الشهري في صفوف الفرقة الرابعة وفي الفيلق الخامس وفي الدفاع الوطني على 50",
     [case("50", 50)]),
    # a time window between the verb and its number keeps its own reading
    ("لم يتجاوز عدد المتطوعين خلال شهرين 40 شابا",
     [case("شهرين", 2, unit="month"), case("40", 40, "at_most", "person", high=40)]),
    ("لم تتجاوز الطلبات المقدمة خلال الأسبوعين الأولين 2300 طلب",
     [case("أسبوعين", 2, unit="week"), case("2300", 2300, "at_most", "item", high=2300)]),
    # a change from about X to Y: two figures, the first still approximate
    ("تراجع عدد عناصره من نحو 5 آلاف إلى أقل من 1800",
     [case("5 آلاف", 5000, "approx", "person"), case("1800", 1800, "less_than", high=1800)]),
])
def test_where_a_bounding_verb_stops(text, expected):
    assert facts(text) == expected


# --- a number word after a definite plural noun ------------------------------------------------------

@pytest.mark.parametrize("text, words, value, unit, unit_words", [
    ("خلال أيامه الخمسة الأولى", "خمسة", 5, "day", "أيامه"),
    ("خلال أشهرها الستة الأولى", "ستة", 6, "month", "أشهرها"),
    ("الأشهر الثلاثة الماضية", "ثلاثة", 3, "month", "الأشهر"),
    ("خلال الأيام العشرة الأخيرة", "عشرة", 10, "day", "الأيام"),
    ("عناصره الخمسون", "خمسون", 50, "person", "عناصره"),
    ("السنوات العشر", "عشر", 10, "year", "السنوات"),
])
def test_a_number_word_after_a_plural_noun_counts_it(text, words, value, unit, unit_words):
    normalised, q = only(text)
    assert (normalised[q.start:q.end], q.value, q.qualifier, q.unit) == (norm(words), value, "exact", unit)
    assert normalised[q.unit_start:q.unit_end] == norm(unit_words)


def test_a_definite_number_before_awwal_with_no_known_noun_is_a_figure():
    assert facts("افتتحت المراكز الخمسة الأولى") == [case("خمسة", 5)]


@pytest.mark.parametrize("text", [
    "اليوم الخامس", "الليلة الأولى", "الفرقة الخامسة", "الأسبوع الأول", "شهره الخامس",
    "في أيامه الأولى", "العشر الأواخر", "الدفعة الثالثة",
])
def test_ordinals_after_a_noun_are_not_figures(text):
    assert facts(text) == []


@pytest.mark.parametrize("text", ["انضموا للواء 313 في البادية", "العناصر التابعون للفرقة 30 في المطار"])
def test_a_unit_name_after_lil_is_not_a_figure(text):
    assert facts(text) == []


@pytest.mark.parametrize("text, value, qualifier, low, span", [
    ("نقلت الطائرات ثلاثمئة مقاتل سوري تقريباً", 300, "approx", None, "ثلاثمئة مقاتل سوري تقريباً"),
    ("انضم 200 عنصر محلي على الأقل", 200, "at_least", 200, "200 عنصر محلي على الأقل"),
])
def test_a_cue_after_the_unit_and_its_adjective_qualifies_the_number(text, value, qualifier, low, span):
    normalised, q = only(text)
    assert (q.value, q.qualifier, q.value_min, q.unit) == (value, qualifier, low, "person")
    assert normalised[q.span_start:q.span_end] == norm(span)


def test_a_short_word_after_the_unit_is_not_taken_for_an_adjective():
    assert facts("وصل 300 عنصر في تقريبا") == [case("300", 300, unit="person")]


def test_a_count_after_the_year_word_is_a_figure_but_a_year_is_not():
    assert facts("جند الحزب منذ مطلع العام 70 شاباً") == [case("70", 70, unit="person")]
    assert facts("نفذت خلال العام 6 دورات عسكرية") == [case("6", 6, unit="item")]
    assert facts("قتل منذ العام 2019 عنصراً") == []        # a year, whatever follows
    assert facts("خلال العام 2022") == []
    assert facts("عام 70 قتل") == []                        # no counted noun: a year


@pytest.mark.parametrize("text, value, unit, unit_words", [
    ("وزعت القافلة 900 ألف رغيف من الخبز", 900000, "item", "رغيف"),
    ("وضمت الشحنة 120 ألف قطعة من الألبسة", 120000, "item", "قطعه"),
    ("و400 وحدة من الأدوية", 400, "item", "وحده من"),
    ("راتب شهري قدره 35 ألف ليرة تركي", 35000, "try", "ليره تركي"),
    ("يبلغ راتبه 60 ألف ل. س", 60000, "syp", "ل. س"),
])
def test_goods_and_currency_forms(text, value, unit, unit_words):
    normalised, q = only(text)
    assert (q.value, q.unit, normalised[q.unit_start:q.unit_end]) == (value, unit, norm(unit_words))


@pytest.mark.parametrize("text, value, unit", [
    ("سُوّيت أوضاع 40 عسكرياً في المركز", 40, "person"),
    ("انضم 250 مطلوباً إلى التسوية", 250, "person"),
    ("وصلت 700 حزمة غذائية إلى المدينة", 700, "food_basket"),
])
def test_servicemen_wanted_men_and_food_parcels(text, value, unit):
    _, q = only(text)
    assert (q.value, q.unit) == (value, unit)


def test_wahdahu_alone_after_a_year_is_no_unit():
    assert facts("تسلموا خلال شهر نوفمبر 2020 وحده 140 طناً من المواد") == [case("140", 140, unit="tonne")]
