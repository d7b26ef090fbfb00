"""What each input file gave, so that a re-run does not read unchanged files again.

The extraction cache (`helpers.store.cache`) knows each report's records by its
key; this memo knows, per file, which reports (and which warnings) reading it
gave. A file whose path, size and modification time (nanoseconds) are those
recorded is not opened: its reports come back from the memo as
`helpers.ingest.load.RecalledReport`s and their records from the cache. A changed or
new file is read, and only its new or changed reports are extracted.

The memo lives beside the cache entries, in the extractor version's folder
(`<cache>/<version>/files.json`), so a lexicon or rule change, which starts a
new version, reads and extracts everything again. It is written at the end of
a run, through a temporary file and `os.replace`.
"""
from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from helpers.ingest.load import LoadWarning
from helpers.records import Rejection

FORMAT = 1
# the report fields a recalled report gets back (id and duplicate_of are decided again in each run)
_FIELDS = ("title", "date", "date_origin", "source", "url", "path", "line", "encoding", "content_hash")


class FileMemo:
    """Per input file (its path as shown and its real path): size, mtime_ns and what it gave."""

    def __init__(self, path: Path, usable=lambda report: True):
        self.path = Path(path)
        self.usable = usable            # is a recalled report's extraction at hand?
        self.files_read = self.files_recalled = 0
        self._entries: dict[str, dict] = {}
        self._changed = False
        try:
            stored = json.loads(self.path.read_text(encoding="utf-8"))
            if stored.get("format") == FORMAT:
                self._entries = stored["files"]
        except (OSError, ValueError, KeyError, AttributeError):
            pass   # no memo yet, or one that cannot be read: every file is read

    @staticmethod
    def stamp(path: Path) -> tuple[int, int] | None:
        try:
            status = os.stat(path)
        except OSError:
            return None
        return status.st_size, status.st_mtime_ns

    @staticmethod
    def _key(path: Path, shown: str) -> str:
        return f"{shown}\0{os.path.realpath(path)}"

    def lookup(self, path: Path, shown: str) -> list | None:
        """What the file gave when it was last read, if it has not changed since."""
        entry = self._entries.get(self._key(path, shown))
        if entry is None or tuple(entry["stamp"]) != self.stamp(path):
            return None
        items = []
        for item in entry["items"]:
            if item[0] == "problem":
                _, kind, where, line, reason = item
                items.append(("problem", (LoadWarning if kind == "LoadWarning" else Rejection)(where, line, reason)))
            else:
                _, written_id, where, fields, warnings = item
                fields = dict(fields, warnings=tuple(LoadWarning(*w) for w in warnings))
                items.append(("report", written_id, where, fields))
        return items

    def record(self, path: Path, shown: str, stamp: tuple[int, int] | None, items: list) -> None:
        """Remember what reading the file gave (`stamp`: taken before reading it)."""
        from helpers.extract.budget import numbers_refused

        self.files_read += 1
        key = self._key(path, shown)
        if stamp is None:
            return
        stored = []
        for item in items:
            if item[0] == "problem":
                problem = item[1]
                stored.append(["problem", type(problem).__name__, problem.path, problem.line, problem.reason])
            else:
                _, written_id, where, report = item
                warnings = [[w.path, w.line, w.reason] for w in numbers_refused(report)]
                stored.append(["report", written_id, where, {name: getattr(report, name) for name in _FIELDS},
                               warnings])
        self._entries[key] = {"stamp": list(stamp), "items": stored}
        self._changed = True

    def files_unchanged_text(self) -> str:
        return f"{self.files_recalled} unchanged file(s) not read again, {self.files_read} read"

    def save(self) -> None:
        if not self._changed:
            return
        partial = self.path.with_name(self.path.name + ".tmp")
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            # ASCII escapes: a file name that is not UTF-8 (surrogates) is stored and read back as it is
            partial.write_text(json.dumps({"format": FORMAT, "files": self._entries}), encoding="ascii")
            os.replace(partial, self.path)
        except OSError as error:
            print(f"{self.path}: cannot write ({error.strerror}); the next run reads every file again",
                  file=sys.stderr)
            partial.unlink(missing_ok=True)
        self._changed = False
