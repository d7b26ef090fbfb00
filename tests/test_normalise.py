from helpers.ingest.normalise import normalise, normalise_key


def test_digits_in_three_scripts_become_ascii():
    assert normalise("١٢٧٠ و۱۲۷۰ و1270").text == "1270 و1270 و1270"


def test_letter_variants_are_unified_one_to_one():
    source = "أإآٱ ى ی ئ ؤ ة ک"
    result = normalise(source)
    assert result.text == "اااا ي ي ي و ه ك"
    assert result.deleted_at == ()


def test_tatweel_diacritics_and_direction_marks_are_deleted():
    result = normalise("مـــقـاتِلٌ\u200f")
    assert result.text == "مقاتل"


def test_spans_map_back_to_the_original_characters():
    original = "وصل عددهم إلى نحوِ ١٢٧٠ شخصاً ـــ في البوكمال"
    result = normalise(original)
    for word, expected in [("1270", "١٢٧٠"), ("شخصا", "شخصاً"), ("نحو", "نحوِ"), ("البوكمال", "البوكمال")]:
        start = result.text.index(word)
        a, b = result.span(start, start + len(word))
        assert original[a:b] == expected


def test_identity_span_when_nothing_is_deleted():
    result = normalise("إلى 150 دولارا")
    assert result.span(4, 7) == (4, 7)


def test_key_normalisation_collapses_spaces():
    assert normalise_key("  البو   كمال ") == "البو كمال"


def test_fast_letter_replacement_equals_str_translate():
    from helpers.ingest.normalise import _TABLE, _translate
    mixed = "أإآٱ ىیئ ؤ ة ک ٠١٢٣٤٥٦٧٨٩ ۰۱۲۳۴۵۶۷۸۹ ٫٬ قرية ابن عامر 12.5"
    assert _translate(mixed) == mixed.translate(_TABLE)
    assert _translate(mixed) == "اااا ييي و ه ك 0123456789 0123456789 ., قريه ابن عامر 12.5"
