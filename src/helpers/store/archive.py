"""Every record a cache has given, as one append-only Parquet store that runs link into theirs.

`<cache>/<version>/store/` holds figures and incentives partitioned by report month, as a
run's store does (`helpers.store.parquet`), in parts: a run that extracts new reports appends
one part (`<table>/month=…/part-<n>.parquet`, and `keys/part-<n>.parquet`: its reports' cache
keys in order); `parts.json` lists the parts committed, each with its counts and how its number
columns came out (`RecordTables.number_kinds`). A part is never written again once committed.

A run whose reports are the archive's, in the archive's order, then new ones gets the same
records with the same `seq` as if it wrote them all: it writes only the new ones (a new part)
and hard-links every part into its own store (`link_into`). Any other run (reports removed or
reordered) copies from the archive the records of the reports it shares with it up to the
first difference, then writes the rest itself (`copy_prefix`).
"""
from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from helpers.store.parquet import ORDER

FORMAT = 1
RECORD_TABLES = ("figures", "incentives")


class Archive:
    """The committed parts of one archive folder."""

    def __init__(self, folder: str | Path):
        self.folder = Path(folder)
        self.parts: list[dict] = []
        try:
            stored = json.loads((self.folder / "parts.json").read_text(encoding="utf-8"))
            if stored.get("format") == FORMAT:
                self.parts = stored["parts"]
        except (OSError, ValueError, KeyError, AttributeError):
            self.parts = []   # none yet, or unreadable: the run writes its own store and starts one
        self._keys: list[str] | None = None

    @property
    def keys(self) -> list[str]:
        """The cache keys of the archive's reports, in order."""
        if self._keys is None:
            self._keys = []
            for part in self.parts:
                self._keys += pq.read_table(self.folder / "keys" / f"part-{part['name']}.parquet").column("key").to_pylist()
        return self._keys

    def count(self, table: str) -> int:
        return sum(part["counts"][table] for part in self.parts)

    def next_name(self) -> str:
        return f"{len(self.parts) + 1:05d}"

    def files(self, table: str, names: list[str] | None = None) -> list[Path]:
        """The Parquet files of the committed parts (or of `names`) of `table`."""
        wanted = {f"part-{part['name']}.parquet" for part in self.parts} if names is None else \
            {f"part-{name}.parquet" for name in names}
        return sorted(p for p in (self.folder / table).glob("month=*/part-*.parquet") if p.name in wanted)

    def kinds(self, table: str, parts: list[dict] | None = None) -> dict[str, str]:
        """How the number columns of `table` come out over `parts` (default all): 'int' when every
        part had only whole ints, 'none' when every part had only None, else 'float'."""
        chosen = [p for p in (self.parts if parts is None else parts) if p["counts"][table]]
        columns = {c for part in chosen for c in part["kinds"][table]}
        kinds = {}
        for column in sorted(columns):
            seen = {part["kinds"][table].get(column, "float") for part in chosen}
            kinds[column] = seen.pop() if len(seen) == 1 else "float"
        return kinds

    def commit(self, name: str, keys: list[str], counts: dict[str, int], kinds: dict[str, dict[str, str]]) -> None:
        """Record part `name` (its record files already written) with its reports' keys."""
        (self.folder / "keys").mkdir(parents=True, exist_ok=True)
        pq.write_table(pa.table({"key": pa.array(keys, pa.string())}), self.folder / "keys" / f"part-{name}.parquet")
        self.parts.append({"name": name, "reports": len(keys), "counts": counts, "kinds": kinds})
        partial = self.folder / "parts.json.tmp"
        partial.write_text(json.dumps({"format": FORMAT, "parts": self.parts}), encoding="utf-8")
        os.replace(partial, self.folder / "parts.json")
        if self._keys is not None:
            self._keys += keys

    def link_into(self, store: Path) -> int:
        """Hard-link every committed part into `store` (copied where a link cannot be made,
        e.g. across file systems); returns the number of files."""
        linked = 0
        for table in RECORD_TABLES:
            for path in self.files(table):
                target = store / path.relative_to(self.folder)
                target.parent.mkdir(parents=True, exist_ok=True)
                try:
                    os.link(path, target)
                except OSError:
                    shutil.copy2(path, target)
                linked += 1
        return linked

    def copy_prefix(self, store: Path, counts: dict[str, int], part: str = "archive") -> None:
        """Copy into `store` the first `counts[table]` records of each table (those of the
        reports a run shares with the archive up to the first difference), by report month."""
        for table in RECORD_TABLES:
            if not counts.get(table):
                continue
            for path in self.files(table):
                month = path.parent.name
                rows = pq.read_table(path, filters=[(ORDER, "<", counts[table])])
                if rows.num_rows:
                    target = store / table / month / f"part-{part}-{path.stem.split('-', 1)[1]}.parquet"
                    target.parent.mkdir(parents=True, exist_ok=True)
                    pq.write_table(rows, target)

    def parts_within(self, reports: int) -> list[dict]:
        """The parts holding the first `reports` reports."""
        chosen, seen = [], 0
        for part in self.parts:
            if seen >= reports:
                break
            chosen.append(part)
            seen += part["reports"]
        return chosen
