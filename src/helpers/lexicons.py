"""The lexicons, at their old import path: they live in helpers.extract.lexicons."""
from helpers.extract.lexicons import (  # noqa: F401  (re-exported)
    ACTORS, GOVERNORATES, INCENTIVES, SCHEMAS, Column, Entry, LexiconError, Lexicons, Schema, load_lexicons,
    read_lexicon, register,
)
from helpers.extract.matching import Match, Matcher, MultiMatcher  # noqa: F401
