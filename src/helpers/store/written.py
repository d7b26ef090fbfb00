"""Pieces of the run folder's `figures` and `incentives` files kept beside the cache's archive,
so a re-run copies them instead of correcting and formatting the same records again.

`helpers.run.run_tables.write_record_tables` writes those files a piece at a time (a range of
`seq`). A piece whose records all lie in the archive's committed parts is decided by: those
parts (named by the cache keys of their reports, in order), the table's number kinds, the
corrections file's rows, each record's `repeat_of` (figures) and whether the piece carries the
CSV header, and the code that writes it. Their digest names the kept piece
(`<archive>/written/<table>/<first seq>-<digest>.csv` and `.parquet`: the piece's CSV text
and its Arrow table before the file's schema is applied). A piece with any other input is
written afresh and kept under its own digest; a piece reaching past the archive is never kept.
"""
from __future__ import annotations

import hashlib
import json
import os
import uuid
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq

PACKAGE = Path(__file__).resolve().parents[1]
WRITING_CODE = ("run/run_tables.py", "store/written.py", "store/csv_pieces.py", "store/parquet.py",
                "analysis/corrections.py", "safe_csv.py", "cells.py", "records.py")


def code_digest() -> str:
    """sha256 of the code that decides a piece's bytes, and of pandas' and pyarrow's versions."""
    digest = hashlib.sha256(f"pandas {pd.__version__} pyarrow {pa.__version__}\n".encode())
    for name in WRITING_CODE:
        path = PACKAGE / name
        digest.update(name.encode() + b"\n" + (path.read_bytes() if path.is_file() else b""))
    return digest.hexdigest()


class KeptPieces:
    """The kept pieces of one table of an archive (`helpers.store.archive.Archive`)."""

    def __init__(self, archive, table: str, kinds: dict | None, corrections: list[dict], chunk_rows: int):
        self.folder = archive.folder / "written" / table
        self.chunk_rows = chunk_rows
        self.ends, self.digests = [], []    # per committed part: records up to its end, digest up to it
        records, keys, reports = 0, hashlib.sha256(), 0
        for part in archive.parts:
            records += part["counts"][table]
            keys.update("\n".join(archive.keys[reports:reports + part["reports"]]).encode() + b"\n")
            reports += part["reports"]
            self.ends.append(records)
            self.digests.append(keys.hexdigest())
        self.common = json.dumps([code_digest(), table, chunk_rows, kinds or {}, corrections],
                                 sort_keys=True, default=str, ensure_ascii=False)

    def key(self, start: int, header: bool, repeat_of: list | None) -> str | None:
        """The digest naming the piece starting at `start`, or None when it reaches past the archive."""
        end = start + self.chunk_rows
        part = next((n for n, records in enumerate(self.ends) if records >= end), None)
        if part is None:
            return None
        digest = hashlib.sha256(f"{self.common}\n{start} {header} {self.digests[part]}\n".encode())
        if repeat_of is not None:
            digest.update(json.dumps(repeat_of, ensure_ascii=False).encode())
        return digest.hexdigest()[:32]

    def get(self, start: int, key: str) -> tuple[Path, pa.Table] | None:
        """(the piece's CSV file, its Arrow table), if kept."""
        csv_path, table_path = self._paths(start, key)
        if not (csv_path.is_file() and table_path.is_file()):
            return None
        try:
            return csv_path, pq.read_table(table_path)
        except (OSError, pa.ArrowException):
            return None

    def put(self, start: int, key: str, csv_text: str, table: pa.Table) -> None:
        """Keep a piece (written whole under a temporary name first); older keys of it go."""
        try:
            self.folder.mkdir(parents=True, exist_ok=True)
            csv_path, table_path = self._paths(start, key)
            for path, write in ((table_path, lambda p: pq.write_table(table, p)),
                                (csv_path, lambda p: p.write_text(csv_text, encoding="utf-8", newline=""))):
                partial = path.with_name(f".{uuid.uuid4().hex}.tmp")
                write(partial)
                os.replace(partial, path)
            for old in self.folder.glob(f"{start}-*"):
                if old.stem != f"{start}-{key}":
                    old.unlink(missing_ok=True)
        except OSError:
            pass   # a piece not kept is written again next time

    def _paths(self, start: int, key: str) -> tuple[Path, Path]:
        return self.folder / f"{start}-{key}.csv", self.folder / f"{start}-{key}.parquet"
