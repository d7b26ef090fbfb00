"""One lexicon row (`Entry`): what `helpers.extract.lexicons` reads from a CSV and what
`helpers.extract.matching` hands back with each hit."""
from __future__ import annotations


class Entry(dict):
    """One lexicon row: its other columns as a dict (`entry["kind"]`, read by the
    hundred per report: a plain dict lookup), its normalised match key and where it
    was read."""

    __slots__ = ("key", "path", "line")

    def __init__(self, key: str, row: dict[str, str], path: str = "", line: int = 0):
        super().__init__(row)
        self.key, self.path, self.line = key, path, line

    def __repr__(self) -> str:
        return f"Entry({self.key!r}, {dict(self)!r}, {self.path!r}, {self.line})"

    def __eq__(self, other: object) -> bool:
        return (isinstance(other, Entry) and (self.key, self.path, self.line) == (other.key, other.path, other.line)
                and dict.__eq__(self, other))

    def __ne__(self, other: object) -> bool:
        return not self == other

    __hash__ = None     # a row is a dict: unhashable

    @property
    def row(self) -> dict[str, str]:
        return self

    @property
    def is_prefix(self) -> bool:
        return self.key.endswith("*")
