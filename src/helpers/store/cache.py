"""The extraction cache: what each report gave, keyed by its content and the extractor's version.

A report's key is the sha256 of what extraction reads from it (its text with
title, id, date and source); the extractor's version is the sha256 of the
lexicon files and of the source of `helpers.extract` and every Rasd module it
imports, so editing a lexicon or a rule starts a fresh cache (and the run says
so). Entries live under `<cache>/<version>/part-<n>.parquet`, one row per
report (its figure and incentive rows as JSON, its MinHash signature as
bytes), written as the run goes. An index of keys is read at start; entries
are read back one row group at a time, and reports come in the order they
were written, so a re-run reads each row group once. Beside them,
`files.json` (`helpers.store.files.FileMemo`) remembers what each input file
gave, so that a re-run neither reads nor hashes a file that has not changed.
"""
from __future__ import annotations

import ast
import hashlib
import json
import sys
import uuid
from collections import OrderedDict
from pathlib import Path

import numpy as np
import pyarrow as pa
import pyarrow.parquet as pq

from helpers.paths import LEXICONS
from helpers.records import Report

PACKAGE = Path(__file__).resolve().parents[1]
SCHEMA = pa.schema([("key", pa.string()), ("figures", pa.string()), ("incentives", pa.string()),
                    ("signature", pa.binary())])
ROW_GROUP = 500
OPEN_ROW_GROUPS = 4


def report_key(report: Report) -> str:
    parts = [report.content_hash, report.id, report.date or "", report.source or "", report.title or ""]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def row_key(row: dict) -> str:
    """`report_key` of a report's row (`helpers.run.engine.report_row`: the same fields)."""
    parts = [row["content_hash"], row["id"], row["date"] or "", row["source"] or "", row["title"] or ""]
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


def _module_file(name: str) -> Path | None:
    parts = name.split(".")[1:]
    if not parts:
        return None  # the package itself: its __init__ holds no rules
    relative = Path(*parts)
    for candidate in (PACKAGE / relative.with_suffix(".py"), PACKAGE / relative / "__init__.py"):
        if candidate.is_file():
            return candidate
    return None


_STATEMENT_LISTS = ("body", "orelse", "finalbody", "handlers", "cases")


def import_statements(tree: ast.AST):
    """Every import statement of a module, at any depth: only statement lists are walked
    (an import is a statement), a tenth of the nodes `ast.walk` visits."""
    todo = [tree]
    while todo:
        node = todo.pop()
        if isinstance(node, (ast.Import, ast.ImportFrom)):
            yield node
            continue
        for name in _STATEMENT_LISTS:
            value = getattr(node, name, None)
            if isinstance(value, list):
                todo.extend(value)


def _imported_modules(path: Path, package: str) -> set[str]:
    names = set()
    for node in import_statements(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative import inside a subpackage
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                module = f"{base}.{node.module}" if node.module else base
            else:
                module = node.module or ""
            names.add(module)
            names |= {f"{module}.{alias.name}" for alias in node.names}
    return {n for n in names if n == "helpers" or n.startswith("helpers.")}


def extraction_sources(root: str = "helpers.extract") -> list[Path]:
    """The source files of `root` and every Rasd module it imports, directly or not."""
    seen, files, todo = set(), {}, [root]
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        seen.add(name)
        path = _module_file(name)
        if path is None:
            continue
        files[name] = path
        package = name if path.name == "__init__.py" else name.rsplit(".", 1)[0]
        todo += sorted(_imported_modules(path, package) - seen)
        if path.name == "__init__.py":  # a subpackage: all its modules count
            todo += [f"{name}.{p.stem}" for p in sorted(path.parent.glob("*.py")) if p.stem != "__init__"]
    return sorted(set(files.values()))


def extractor_version(lexicons: Path = LEXICONS) -> str:
    """sha256 (first 16 hex digits) of the lexicons and the extraction code."""
    digest = hashlib.sha256()
    for path in sorted(p for p in Path(lexicons).rglob("*") if p.is_file()):
        digest.update(f"lexicon {path.relative_to(lexicons)}\n".encode())
        digest.update(path.read_bytes())
    for path in extraction_sources():
        digest.update(f"code {path.relative_to(PACKAGE)}\n".encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:16]


class LazyRecords(list):
    """A cached report's records (list of dicts), decoded from their JSON on first use;
    `len()` counts them in the JSON without decoding it: a run that links its store from
    the archive (`helpers.run.run_tables.LinkedRecords`) needs only how many there are.
    The text is `json.dumps` of rows whose first key is "id" (`helpers.run.engine.record_row`),
    so each row starts with `{"id": ` and that cannot occur inside a JSON string (its quotes
    are escaped there)."""

    def __init__(self, text: str):
        super().__init__()
        self._text = text

    def _decoded(self) -> None:
        if self._text is not None:
            text, self._text = self._text, None
            super().extend(json.loads(text))

    def __len__(self) -> int:
        if self._text is not None:
            return self._text.count('{"id": ')
        return super().__len__()

    def __bool__(self) -> bool:
        return len(self) > 0

    def __iter__(self):
        self._decoded()
        return super().__iter__()

    def __getitem__(self, index):
        self._decoded()
        return super().__getitem__(index)

    def __eq__(self, other):
        self._decoded()
        return super().__eq__(other)

    def __repr__(self) -> str:
        self._decoded()
        return super().__repr__()

    def __reduce_ex__(self, protocol):   # pickled (a worker, Dask) as the plain list it stands for
        self._decoded()
        return (list, (list(super().__iter__()),))


class ExtractionCache:
    """Look up and add extraction results by report key, for one extractor version.
    `lazy=True`: `get` returns `LazyRecords`, decoded only when read."""

    lazy = False

    def __init__(self, folder: str | Path, version: str | None = None):
        self.root = Path(folder)
        self.version = version or extractor_version()
        self.folder = self.root / self.version
        self.hits = self.misses = 0
        self.previous = sorted(p.name for p in self.root.iterdir() if p.is_dir() and p.name != self.version) \
            if self.root.is_dir() else []
        self.fresh = not self.folder.is_dir()
        self._where: dict[str, tuple[Path, int, int]] = {}
        for path in sorted(self.folder.glob("part-*.parquet")) if self.folder.is_dir() else []:
            self._index(path)
        from helpers.store.files import FileMemo

        self.files = FileMemo(self.folder / "files.json", usable=lambda report: report_key(report) in self)
        self._groups: OrderedDict = OrderedDict()
        self._writer: pq.ParquetWriter | None = None
        self._rows: list[dict] = []

    def _index(self, path: Path) -> None:
        parquet = pq.ParquetFile(path)
        for group in range(parquet.num_row_groups):
            keys = parquet.read_row_group(group, columns=["key"]).column("key").to_pylist()
            for row, key in enumerate(keys):
                self._where[key] = (path, group, row)

    def __contains__(self, key: str) -> bool:
        return key in self._where

    def get(self, key: str) -> tuple[list[dict], list[dict], np.ndarray]:
        path, group, row = self._where[key]
        table = self._groups.get((path, group))
        if table is None:
            table = pq.ParquetFile(path).read_row_group(group).to_pydict()
            self._groups[(path, group)] = table
            if len(self._groups) > OPEN_ROW_GROUPS:
                self._groups.popitem(last=False)
        self.hits += 1
        signature = np.frombuffer(table["signature"][row], dtype=np.uint32).copy()
        if self.lazy:
            return LazyRecords(table["figures"][row]), LazyRecords(table["incentives"][row]), signature
        return json.loads(table["figures"][row]), json.loads(table["incentives"][row]), signature

    def put(self, key: str, figures: list[dict], incentives: list[dict], signature) -> None:
        self.misses += 1
        self._rows.append({"key": key, "figures": json.dumps(figures, ensure_ascii=False),
                           "incentives": json.dumps(incentives, ensure_ascii=False),
                           "signature": np.asarray(signature, dtype=np.uint32).tobytes()})
        if len(self._rows) >= ROW_GROUP:
            self._flush()

    def _flush(self) -> None:
        if not self._rows:
            return
        if self._writer is None:
            self.folder.mkdir(parents=True, exist_ok=True)
            self._writer = pq.ParquetWriter(self.folder / f"part-{uuid.uuid4().hex[:12]}.parquet", SCHEMA)
        self._writer.write_table(pa.Table.from_pylist(self._rows, schema=SCHEMA), row_group_size=ROW_GROUP)
        self._rows = []

    def close(self) -> dict:
        """Write what is pending; returns the summary the manifest records."""
        self._flush()
        if self._writer is not None:
            self._writer.close()
            self._writer = None
        self.files.save()
        return {"extractor_version": self.version, "hits": self.hits, "misses": self.misses,
                "files_read": self.files.files_read, "files_unchanged": self.files.files_recalled,
                "folder": str(self.root), "re_extracted_all": self.fresh and bool(self.previous),
                "note": self.note()}

    def note(self) -> str:
        if self.fresh and self.previous:
            return (f"extractor version {self.version} is new (lexicons or extraction code changed since "
                    f"{self.previous[-1]}): every report is extracted again")
        return (f"extractor version {self.version}: {self.hits} report(s) from the cache, {self.misses} extracted; "
                f"{self.files.files_unchanged_text()}")


def open_cache(folder: str | Path | None) -> ExtractionCache | None:
    """An ExtractionCache for `folder`, or None without one; says on stderr when it starts afresh."""
    if folder is None:
        return None
    cache = ExtractionCache(folder)
    if cache.fresh and cache.previous:
        print(f"cache: {cache.note()}", file=sys.stderr)
    return cache
