"""The number layer, at its old import path: it lives in helpers.extract.numbers."""
from helpers.extract.number_words import (  # noqa: F401
    MAX_COUNT_DIGITS, NUMBER_WORDS, beyond_any_count, numbers_beyond_any_count,
)
from helpers.extract.numbers import (  # noqa: F401
    CATEGORIES, NON_FIGURE_KINDS, QUALIFIERS, SCHEMAS, UNITS, Quantity, find_quantities, load_number_lexicons,
    number_word_forms,
)
