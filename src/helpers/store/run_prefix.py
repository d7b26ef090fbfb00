"""What the archive's reports gave a run, kept so that the next run takes it as it is instead of
sending those reports through the engine again.

A run that appends to the cache's archive (`helpers.run.run_tables.LinkedRecords`) keeps beside
it (`<archive>/run/`): the input items it read, in order (each file with its path as shown, real
path, size and modification time in nanoseconds; each path refused unread), and after each item
how many reports, load problems, extraction problems, figures and incentives the run had then;
the reports table's rows (with their near-duplicate links) and the problems. Only the items
before the first report the archive does not hold (one refused over its time budget) are kept,
with a digest of the archive's cache keys of their reports.

A later run whose input items begin with the same items, every file unchanged, takes the rows,
problems and counts up to the last such item as they are (`RunPrefix.match`), and reads,
extracts and links only what follows, the loader going on from the ids and texts those rows
claimed (`helpers.ingest.load.state_after`). Its own prefix is kept for the next run.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import pyarrow as pa
import pyarrow.parquet as pq

from helpers.ingest.load import LoadWarning, file_stamp, safe_text
from helpers.records import Rejection

FORMAT = 1
COUNTS = ("reports", "load_problems", "extraction_problems", "figures", "incentives")


def item_entry(item, stamp: tuple[int, int] | None) -> list | None:
    """How an input item is kept and compared: a file by its shown and real path and `stamp`
    (None when the file cannot be seen: never kept), a refused path by its problem."""
    if isinstance(item, Rejection):
        return ["problem", *problem_entry(item)]
    if stamp is None:
        return None
    return ["file", safe_text(str(item)), os.path.realpath(item), list(stamp)]


def problem_entry(problem: Rejection) -> list:
    return [type(problem).__name__, problem.path, problem.line, problem.reason]


def problem_of(entry: list) -> Rejection:
    kind, path, line, reason = entry
    return (LoadWarning if kind == "LoadWarning" else Rejection)(path, line, reason)


def keys_digest(keys: list[str]) -> str:
    return hashlib.sha256("\n".join(keys).encode()).hexdigest()


class RunPrefix:
    """A kept prefix of a run (see the module's text)."""

    def __init__(self, folder: Path, meta: dict, rows: pa.Table):
        self.folder = folder
        self._rows = rows
        self.items: list[list] = meta["items"]           # [entry, counts after it (COUNTS order)]
        self.load_problems: list[list] = meta["load_problems"]
        self.extraction_problems: list[list] = meta["extraction_problems"]

    @classmethod
    def load(cls, folder: str | Path, archive_keys: list[str]) -> RunPrefix | None:
        """The prefix kept in `folder` when it belongs to an archive holding `archive_keys`."""
        folder = Path(folder)
        try:
            meta = json.loads((folder / "prefix.json").read_text(encoding="ascii"))
            if meta.get("format") != FORMAT:
                return None
            reports = meta["items"][-1][1][0] if meta["items"] else 0
            if reports > len(archive_keys) or meta["keys"] != keys_digest(archive_keys[:reports]):
                return None
            rows = pq.read_table(folder / "reports.parquet")   # read now: the folder is replaced whole by a save
            if rows.num_rows != reports:
                return None
            return cls(folder, meta, rows)
        except (OSError, ValueError, KeyError, IndexError, TypeError, pa.ArrowException):
            return None

    def match(self, items) -> tuple[int, object]:
        """How many of the kept items `items` (an iterator of `input_items`) begins with, and
        the iterator of the items after them."""
        import itertools

        matched = 0
        for item in items:
            if matched < len(self.items) and item_entry(item, None if isinstance(item, Rejection)
                                                        else file_stamp(item)) == self.items[matched][0]:
                matched += 1
                continue
            return matched, itertools.chain([item], items)
        return matched, iter(())

    def counts(self, matched: int) -> dict[str, int]:
        """COUNTS after the first `matched` items."""
        return dict(zip(COUNTS, self.items[matched - 1][1] if matched else [0] * len(COUNTS)))

    def files(self, matched: int) -> int:
        return sum(1 for entry, _ in self.items[:matched] if entry[0] == "file")

    def rows(self, reports: int) -> pa.Table:
        return self._rows.slice(0, reports)


@dataclass
class Recalled:
    """What a kept prefix gives a run whose input items begin with its items unchanged."""

    items: object                    # the run's input items after the recalled ones (an iterator)
    state: object = None             # the loader's state after them (`helpers.ingest.load.state_after`)
    prefix: RunPrefix | None = None
    matched: int = 0                 # input items recalled
    counts: dict = field(default_factory=lambda: dict.fromkeys(COUNTS, 0))
    rows: pa.Table | None = None     # the reports table's rows of those items
    load_problems: list = field(default_factory=list)
    extraction_problems: list = field(default_factory=list)

    @property
    def files(self) -> int:
        return self.prefix.files(self.matched) if self.prefix else 0


def recall(inputs: list[str], archive) -> Recalled:
    """The run prefix kept beside `archive` (a `helpers.store.archive.Archive`) for a run
    reading `inputs`: the rows, problems and counts of the input items it begins with, unchanged."""
    from helpers.ingest.load import input_items, state_after

    items = input_items(inputs)
    prefix = RunPrefix.load(archive.folder / "run", archive.keys) if archive.parts else None
    matched = 0
    if prefix is not None:
        matched, items = prefix.match(items)
    if not matched:
        return Recalled(items)
    counts = prefix.counts(matched)
    rows = prefix.rows(counts["reports"])
    state = state_after(*(rows.column(name).to_pylist() for name in ("id", "path", "line", "content_hash",
                                                                      "duplicate_of")))
    return Recalled(items, state, prefix, matched, counts, rows,
                    [problem_of(entry) for entry in prefix.load_problems[:counts["load_problems"]]],
                    [problem_of(entry) for entry in prefix.extraction_problems[:counts["extraction_problems"]]])


class PrefixRecorder:
    """Follows a run's input items and its reports' results, and keeps its prefix at the end."""

    def __init__(self, load_problems: list, prefix: RunPrefix | None = None, matched: int = 0):
        self.items = list(prefix.items[:matched]) if prefix else []
        self.base = prefix.counts(matched) if prefix else dict.fromkeys(COUNTS, 0)
        self.load_problems = load_problems   # the run's load problems, as they come
        self.loaded = self.base["reports"]   # reports the loader gave so far
        self.open = True            # every item so far could be kept
        # per report from the base on: extraction problems, figures and incentives so far, and refused
        self.after: dict[str, list[int]] = {"extraction_problems": [], "figures": [], "incentives": []}
        self.first_refused: int | None = None
        self._pending: list[tuple[list, int, int]] = []   # (entry, reports, load problems) after each new item

    def on_item(self, item, stamp) -> None:
        """`helpers.ingest.load.iter_load`'s `on_item`: one more input item read."""
        entry = item_entry(item, stamp)
        if entry is None:
            self.open = False
        if self.open:
            self._pending.append((entry, self.loaded, len(self.load_problems)))

    def counted(self, reports):
        """The loader's reports, counted as they go by."""
        for report in reports:
            self.loaded += 1
            yield report

    def on_report(self, done) -> None:
        """One report's engine result, in reading order."""
        number = self.base["reports"] + len(self.after["figures"])
        if done.refused and self.first_refused is None:
            self.first_refused = number
        added = {"extraction_problems": len(done.problems), "figures": 0 if done.refused else len(done.figures),
                 "incentives": 0 if done.refused else len(done.incentives)}
        for name, column in self.after.items():
            column.append((column[-1] if column else self.base[name]) + added[name])

    def _total(self, name: str, reports: int) -> int:
        if reports == self.base["reports"]:
            return self.base[name]
        return self.after[name][reports - self.base["reports"] - 1]

    def save(self, folder: str | Path, rows: pa.Table, load_problems: list, extraction_problems: list,
             archive_keys: list[str]) -> None:
        """Keep the run's prefix in `folder` (replaced whole); `rows`: the run's reports table,
        `load_problems` and `extraction_problems`: the run's, in order."""
        limit = self.first_refused if self.first_refused is not None else self.loaded
        items = list(self.items)
        for entry, reports, problems in self._pending:
            if reports > limit:
                break
            items.append([entry, [reports, problems, self._total("extraction_problems", reports),
                                  self._total("figures", reports), self._total("incentives", reports)]])
        kept = items[-1][1] if items else [0] * len(COUNTS)
        reports = kept[0]
        meta = {"format": FORMAT, "keys": keys_digest(archive_keys[:reports]), "items": items,
                "load_problems": [problem_entry(p) for p in load_problems[:kept[1]]],
                "extraction_problems": [problem_entry(p) for p in extraction_problems[:kept[2]]]}
        folder = Path(folder)
        partial = folder.with_name(f".{folder.name}-{uuid.uuid4().hex[:8]}")
        try:
            partial.mkdir(parents=True)
            pq.write_table(rows.slice(0, reports), partial / "reports.parquet")
            # ASCII escapes: a file name that is not UTF-8 (surrogates) is kept and read back as it is
            (partial / "prefix.json").write_text(json.dumps(meta), encoding="ascii")
            old = folder.with_name(f".{folder.name}-old-{uuid.uuid4().hex[:8]}")
            if folder.exists():
                os.replace(folder, old)
            os.replace(partial, folder)
            shutil.rmtree(old, ignore_errors=True)
        except (OSError, ValueError, pa.ArrowException):
            shutil.rmtree(partial, ignore_errors=True)   # not kept: the next run reads every report again

