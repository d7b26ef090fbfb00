"""Knowledge as data: the CSV lexicons in data/lexicons/, validated on load.

Each lexicon is a UTF-8 CSV with a header. One column holds the words to
match (written as reports write them); the others say what the words mean.
Rows are validated on load: a bad row raises `LexiconError` naming the file
and line. Blank lines and lines starting with `#` are skipped. Matching is in
helpers.extract.matching.
"""
from __future__ import annotations

import csv
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from helpers.ingest.normalise import normalise_key
from helpers.paths import LEXICONS
from helpers.extract.lexicon_entry import Entry
from helpers.extract.matching import Match, Matcher, MultiMatcher

ACTORS = ("russia", "iran", "turkey", "regime", "us_coalition", "sdf", "isis")
GOVERNORATES = (
    "SY-DI", "SY-RD", "SY-DR", "SY-QU", "SY-SU", "SY-HM", "SY-HI",
    "SY-HL", "SY-ID", "SY-LA", "SY-TA", "SY-RA", "SY-DY", "SY-HA",
)
INCENTIVES = (
    "cash_salary", "cash_reward", "food_aid", "clothing", "blankets_heating",
    "school_supplies", "medical", "fuel", "property_restitution",
    "security_settlement", "conscription_exemption", "protection", "citizenship",
    "service_near_home", "education_scholarship", "aid_unspecified",
)


class LexiconError(ValueError):
    """A lexicon row that cannot be used; names the file and line."""

    def __init__(self, path: Path | str, line: int | None, message: str):
        self.path, self.line, self.message = str(path), line, message
        where = self.path if line is None else f"{self.path}:{line}"
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True)
class Column:
    name: str
    required: bool = True
    choices: tuple[str, ...] | None = None
    multi: bool = False  # several values separated by `|`

    def check(self, value: str) -> str | None:
        """Return a problem with `value`, or None when it is fine."""
        if not value:
            return f"column {self.name!r} is empty" if self.required else None
        if self.choices is None:
            return None
        values = value.split("|") if self.multi else [value]
        unknown = [v for v in values if v not in self.choices]
        if unknown:
            return f"column {self.name!r}: unknown value {'|'.join(unknown)!r} (allowed: {', '.join(self.choices)})"
        return None


@dataclass(frozen=True)
class Schema:
    file: str
    key: str                                   # the column with the words to match
    columns: tuple[Column, ...]
    check_row: Callable[[dict[str, str]], str | None] | None = None

    @property
    def header(self) -> list[str]:
        return [self.key] + [c.name for c in self.columns]


def read_lexicon(path: Path, schema: Schema) -> list[Entry]:
    """Read and validate one lexicon file."""
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError:
        raise LexiconError(path, None, "lexicon file is missing") from None
    except UnicodeDecodeError as error:
        raise LexiconError(path, None, f"not UTF-8 ({error.reason})") from None
    rows = csv.reader(text.splitlines())
    header = next(rows, None)
    if header is None or [h.strip() for h in header] != schema.header:
        raise LexiconError(path, 1, f"header must be {','.join(schema.header)}, found {','.join(header or [])}")
    entries: list[Entry] = []
    seen: dict[str, Entry] = {}
    for line, cells in enumerate(rows, start=2):
        if not cells or not any(cells) or cells[0].lstrip().startswith("#"):
            continue
        entry = _entry(path, line, cells, schema)
        earlier = seen.get(entry.key)
        if earlier and _meaning(earlier, schema) != _meaning(entry, schema):
            raise LexiconError(path, line, f"{entry.row[schema.key]!r} already means something else at line {earlier.line}")
        seen.setdefault(entry.key, entry)
        entries.append(entry)
    return entries


def _entry(path: Path, line: int, cells: list[str], schema: Schema) -> Entry:
    if len(cells) != len(schema.header):
        raise LexiconError(path, line, f"expected {len(schema.header)} columns, found {len(cells)}")
    row = {name: cell.strip() for name, cell in zip(schema.header, cells)}
    key = normalise_key(row[schema.key])
    if not key or key == "*":
        raise LexiconError(path, line, f"column {schema.key!r} is empty")
    if "*" in key[:-1]:
        raise LexiconError(path, line, "`*` is allowed only at the end of a name")
    for column in schema.columns:
        problem = column.check(row[column.name])
        if problem:
            raise LexiconError(path, line, problem)
    problem = schema.check_row(row) if schema.check_row else None
    if problem:
        raise LexiconError(path, line, problem)
    return Entry(key, row, str(path), line)


def _meaning(entry: Entry, schema: Schema) -> tuple[str, ...]:
    return tuple(entry.row[c.name] for c in schema.columns if c.name != "note")


# --- the project's lexicons -------------------------------------------------

def _actor_row(row: dict[str, str]) -> str | None:
    if row["kind"] == "source" and row["actor"]:
        return "a reporting source has no actor (leave `actor` empty)"
    if row["kind"] != "source" and not row["actor"]:
        return "column 'actor' is empty"
    side = speaks_for(row)
    if side is not None:
        if row["kind"] != "source":
            return "only a reporting source speaks for a side (`speaks for …` in `note`)"
        if side not in ACTORS:
            return f"note: `speaks for` needs one of {', '.join(ACTORS)}"
    return None


SPEAKS_FOR = "speaks for "


def speaks_for(row) -> str | None:
    """The side a state outlet speaks for: its note starts `speaks for regime: …`."""
    note = row["note"] or ""
    if not note.startswith(SPEAKS_FOR):
        return None
    return note[len(SPEAKS_FOR):].split(":", 1)[0].strip()


def _place_row(row: dict[str, str]) -> str | None:
    if row["area"] == "abroad" and row["regions"]:
        return "places abroad have no regions"
    if row["area"] != "abroad" and not row["regions"]:
        return "column 'regions' is empty"
    if row["area"] in GOVERNORATES and row["regions"] != row["area"]:
        return f"a place in {row['area']} has regions {row['area']}"
    return None


SCHEMAS: dict[str, Schema] = {
    "actors": Schema("actors.csv", "name", (
        Column("actor", required=False, choices=ACTORS),
        Column("kind", choices=("state", "force", "proxy", "capital", "source")),
        Column("note", required=False),
    ), _actor_row),
    "places": Schema("gazetteer.csv", "name", (
        Column("area"),
        Column("regions", required=False, choices=GOVERNORATES, multi=True),
        Column("kind", choices=("governorate", "governorate_adjective", "city", "town", "village",
                                "district", "area", "macro_area", "abroad")),
        Column("name_en", required=False),
        Column("source"),
    ), _place_row),
    "incentives": Schema("incentives.csv", "cue", (
        Column("incentive", choices=INCENTIVES),
        Column("note", required=False),
    )),
}


class Lexicons(dict):
    """Matchers by lexicon name: `lexicons.actors`, `lexicons["places"]`."""

    def __getattr__(self, name: str) -> Matcher:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def find_each(self, names: tuple[str, ...], text: str) -> list[list[Match]]:
        """`[self[name].find_all(text) for name in names]`, in one scan of `text`."""
        return self.scan(names, text)[0]

    def scan(self, names: tuple[str, ...], text: str, extras: tuple[dict[str, object], ...] = ()):
        """`find_each(names, text)` and the hits of the `extras` word lists, in one pass
        (`MultiMatcher.scan`); the extras are kept by identity: pass the same dicts."""
        matchers = tuple(self[name] for name in names)
        cache = self.__dict__.setdefault("_multi", {})
        key = (names, tuple(map(id, extras)))
        cached = cache.get(key)
        if cached is None or not (all(a is b for a, b in zip(cached.matchers, matchers))
                                  and all(a is b for a, b in zip(cached.extras, extras))):
            cached = cache[key] = MultiMatcher(matchers, extras)
        return cached.scan(text)


def register(name: str, schema: Schema) -> None:
    """Add a lexicon; stage modules register theirs when imported."""
    SCHEMAS[name] = schema


def load_lexicons(directory: Path | str = LEXICONS) -> Lexicons:
    """Read and validate every registered lexicon in `directory`
    (cached until a file changes)."""
    directory = Path(directory)
    schemas = tuple(sorted(SCHEMAS.items(), key=lambda item: item[0]))
    stamp = tuple(_mtime(directory / schema.file) for _, schema in schemas)
    return _load_cached(directory, schemas, stamp)


@lru_cache(maxsize=8)
def _load_cached(directory: Path, schemas: tuple, _stamp: tuple) -> Lexicons:
    return Lexicons({name: Matcher(read_lexicon(directory / schema.file, schema)) for name, schema in schemas})


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return -1.0
