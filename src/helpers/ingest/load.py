"""LOAD stage: read report files and folders into `Report` records.

Shapes: `.txt`/`.md` (one report; optional `key: value` header), `.jsonl`
(one report per line), `.csv` (a `text` column), `.html`/`.htm` (article text).
Encodings: UTF-8 with or without BOM, UTF-16 with BOM, Windows-1256.

Nothing is lost silently: every file, line or row that cannot be read becomes a
`Rejection` naming the path, the line/row and the reason, and the run goes on.
Problems that do not stop a report (an unreadable date, a reused id) become
`LoadWarning`s. Folder walks skip, on purpose and without a message, only the
housekeeping names in `IGNORED_NAMES` and `IGNORED_FOLDERS`.
"""
from __future__ import annotations

import argparse
import codecs
import csv
import datetime as dt
import errno
import hashlib
import io
import itertools
import json
import os
import re
import sys
from collections import ChainMap
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable, Iterator

from helpers.ingest.normalise import normalise, normalise_key
from helpers.records import Rejection, Report
from helpers.safe_csv import neutralise_row

MAX_FILE_BYTES = 20 * 1024 * 1024   # one report's limit: a larger .txt/.md/.html file, or
                                    # a larger JSONL line / CSV row, is rejected unread
HEAD_BYTES = 64 * 1024              # start of a streamed file checked for BOM and binary content
DATELINE_WINDOW = 300               # characters of body searched for a dateline
SUPPORTED_SUFFIXES = (".txt", ".md", ".jsonl", ".csv", ".html", ".htm")
# Skipped silently when walking a folder (a file named on the command line is always read).
IGNORED_NAMES = frozenset({
    ".gitkeep", ".gitignore", ".keep", ".ds_store", "thumbs.db", "desktop.ini",
    "readme", "readme.md", "readme.txt", "license", "license.md", "license.txt",
})
IGNORED_FOLDERS = frozenset({".git", ".ipynb_checkpoints", "__pycache__"})
META_FIELDS = ("id", "title", "date", "source", "url")
# Arabic header keys accepted next to the English ones.
_HEADER_KEYS = {
    **{key: key for key in META_FIELDS},
    "المعرف": "id", "العنوان": "title", "التاريخ": "date", "المصدر": "source", "الرابط": "url",
}


@dataclass(frozen=True)
class LoadWarning(Rejection):
    """A problem that did not stop the report from loading (the report is kept)."""

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: warning: {self.reason}"


@dataclass
class LoadResult:
    reports: list[Report] = field(default_factory=list)
    rejections: list[Rejection] = field(default_factory=list)
    warnings: list[Rejection] = field(default_factory=list)


@dataclass
class _Draft:
    """A report as parsed from its file, before dates, hashes and duplicates."""

    line: int | None          # file line the report starts on (None: one report per file)
    text: str
    title: str | None
    meta: dict[str, str]
    row: int | None = None    # its number among the file's records (JSONL line, CSV row), for the id


class _Unreadable(Exception):
    """The whole file cannot be read; the message is the rejection reason."""


# ---------------------------------------------------------------- public API

def load_paths(paths: Iterable[str | Path], max_file_bytes: int = MAX_FILE_BYTES) -> LoadResult:
    """Read every report under `paths` (files or folders) into one `LoadResult`."""
    result = LoadResult()
    for item in iter_load(paths, max_file_bytes):
        if isinstance(item, Report):
            result.reports.append(item)
        elif isinstance(item, LoadWarning):
            result.warnings.append(item)
        else:
            result.rejections.append(item)
    return result


def iter_load(paths: Iterable[str | Path], max_file_bytes: int = MAX_FILE_BYTES, files=None, items=None,
              state: _RunState | None = None, on_item=None) -> Iterator[Report | Rejection]:
    """Stream reports, rejections and warnings (`LoadWarning`, a `Rejection`
    subclass) in file order. Folders are walked recursively in sorted order.

    `files` (a `helpers.store.files.FileMemo`) remembers what each file gave:
    a file unchanged since (same path, size and modification time) is not
    read again; its reports come back as `RecalledReport`s (no text), with
    the same ids, duplicates and warnings as a reading would give.
    `items` and `state`: go on from an earlier reading (the rest of `input_items(paths)`,
    and `state_after` the reports it gave); `on_item(item, stamp)` is called once all
    of an item's reports and problems are yielded (`stamp`: a file's `file_stamp`
    taken before it was read)."""
    state = state if state is not None else _RunState()
    for item in (items if items is not None else _files(paths)):
        stamp = file_stamp(item) if on_item is not None and not isinstance(item, Rejection) else None
        if isinstance(item, Rejection):
            yield item
        elif files is not None:
            yield from _load_file_remembered(item, max_file_bytes, state, files)
        else:
            yield from _load_file(item, max_file_bytes, state)
        if on_item is not None:
            on_item(item, stamp)


def input_items(paths: Iterable[str | Path]) -> Iterator[Path | Rejection]:
    """What `iter_load` reads for `paths`, in its order: each file, and each path refused unread."""
    return _files(paths)


def file_stamp(path: Path) -> tuple[int, int] | None:
    """(size, modification time in nanoseconds) of a file, or None when it cannot be seen."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return status.st_size, status.st_mtime_ns


def state_after(ids, paths, lines, content_hashes, duplicates) -> _RunState:
    """The loader's state after reading reports with these columns (in order): each id
    claimed where it was read, and each text's first report (`_claim_id`, `_first_with_hash`)."""
    state = _RunState()
    for report_id, path, line, content_hash, duplicate_of in zip(ids, paths, lines, content_hashes, duplicates):
        state.where_by_id[report_id] = path if line is None else f"{path}:{line}"
        if duplicate_of is None:
            state.first_id_by_hash[content_hash] = report_id
    return state


def input_files(paths: Iterable[str | Path]) -> Iterator[Path]:
    """The files `iter_load` would open for `paths`, in its order, each once
    (paths it refuses without reading — hidden, missing, broken links — left out)."""
    return (item for item in _files(paths) if isinstance(item, Path))


def decode_bytes(data: bytes) -> tuple[str, str]:
    """Text and encoding name of `data`: BOM first, then strict UTF-8, then
    Windows-1256 when the result reads as Arabic. Raises `ValueError` otherwise."""
    try:
        return _decode(data)
    except _Unreadable as error:
        raise ValueError(str(error)) from None


def parse_date(value: str) -> str | None:
    """ISO date of a metadata value (ISO, YYYY/MM/DD, DD/MM/YYYY, DD-MM-YYYY,
    Arabic-Indic digits, or a day + month name + year), else None."""
    text = normalise(value).text.strip()
    for pattern, order in _METADATA_DATES:
        match = pattern.fullmatch(text)
        if match:
            return _iso(*(int(match.group(name)) for name in order))
    return _dateline_in(text)


def find_dateline(text: str, window: int = DATELINE_WINDOW) -> str | None:
    """ISO date of the first dateline found in the first `window` characters."""
    return _dateline_in(normalise(text[:window]).text)


# ---------------------------------------------------------------- walking

@dataclass
class _RunState:
    first_id_by_hash: dict[str, str] = field(default_factory=dict)
    where_by_id: dict[str, str] = field(default_factory=dict)


def _files(paths: Iterable[str | Path]) -> Iterator[Path | Rejection]:
    """Files to read for `paths`, in walk order, and what is refused unread;
    a file met a second time (same real path) is a `LoadWarning`, and so is a
    file name that is not valid UTF-8 (shown with escapes; the file is read)."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        for item in _expand(Path(given)):
            if isinstance(item, Rejection):
                yield type(item)(safe_text(item.path), item.line, item.reason)
                continue
            key = os.path.realpath(item)
            shown = safe_text(str(item))
            if key in seen:
                yield LoadWarning(shown, None, "file given more than once; read only the first time")
                continue
            seen.add(key)
            if shown != str(item):
                yield LoadWarning(shown, None, "file name is not valid UTF-8; shown here with \\x escapes")
            yield item


def _expand(path: Path) -> Iterator[Path | Rejection]:
    """The files a command-line path stands for, or why it cannot be read."""
    if path.is_dir():
        root = os.path.realpath(path)
        yield from _walk(path, root, {root})
    elif path.is_file():
        yield path
    elif path.is_symlink():
        yield Rejection(str(path), None, _link_problem(path))
    elif path.exists():
        yield Rejection(str(path), None, "not a regular file or folder")
    else:
        yield Rejection(str(path), None, "no such file or folder")


def _walk(folder: Path, root: str, visited: set[str]) -> Iterator[Path | Rejection]:
    """Files under `folder`, never leaving `root` (the folder given): a link to
    a place outside it, a link loop or a broken link is a rejection."""
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Rejection(str(folder), None, f"cannot list folder: {error.strerror or error}")
        return
    for entry in entries:
        path = folder / entry.name
        name = entry.name.lower()
        if entry.name in IGNORED_FOLDERS or name in IGNORED_NAMES:
            continue
        if entry.name.startswith("."):
            kind = "folder" if entry.is_dir() else "file"
            yield Rejection(str(path), None, f"hidden {kind} not read (rename it without the leading dot to load it)")
            continue
        try:
            is_dir, is_file, is_link = entry.is_dir(), entry.is_file(), entry.is_symlink()
        except OSError as error:
            problem = _link_problem(path) if os.path.islink(path) else f"cannot examine: {error.strerror or error}"
            yield Rejection(str(path), None, problem)
            continue
        real = os.path.realpath(path)
        if is_link and not (is_dir or is_file):
            yield Rejection(str(path), None, _link_problem(path))
        elif is_link and not _inside(real, root):
            yield Rejection(str(path), None, f"link to {safe_text(real)}, outside the folder given; not followed")
        elif is_dir and real in visited:
            yield Rejection(str(path), None, f"link loop: leads back to {safe_text(real)}; not followed")
        elif is_dir:
            yield from _walk(path, root, visited | {real})
        elif is_file:
            yield path
        else:
            yield Rejection(str(path), None, "not a regular file (device, socket or pipe)")


def _inside(real: str, root: str) -> bool:
    return real == root or real.startswith(root.rstrip(os.sep) + os.sep)


def _link_problem(path: Path) -> str:
    """Why a link leads nowhere: a loop or a missing target."""
    try:
        os.stat(path)
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "link loop: the link leads back to itself; not followed"
        return f"broken link (target {safe_text(os.readlink(path))!r} not found)" if os.path.islink(path) \
            else f"cannot examine: {error.strerror or error}"
    return "not a regular file or folder"


# ---------------------------------------------------------------- one file

def _load_file(path: Path, max_file_bytes: int, state: _RunState, claims: list | None = None
               ) -> Iterator[Report | Rejection]:
    """Every report of one file, or why (part of) it cannot be read. Any failure
    of the input, expected or not, becomes a rejection; the next file still loads."""
    suffix = path.suffix.lower()
    shown = safe_text(str(path))
    if suffix not in _PARSERS and suffix not in _STREAM_PARSERS:
        kind = f"file type {suffix!r}" if suffix else "file without an extension"
        yield Rejection(shown, None, f"unsupported {kind}; Rasd reads {' '.join(SUPPORTED_SUFFIXES)}")
        return
    line = None
    try:
        for draft, encoding in _drafts(path, suffix, max_file_bytes):
            line = draft.line
            if isinstance(draft, Rejection):
                yield draft
                continue
            try:
                yield from _finish(draft, path, encoding, state, claims)
            except Exception as error:  # noqa: BLE001 - one bad report never stops the file
                yield Rejection(shown, draft.line, f"cannot be read: {_reason_of(error)}")
    except _Unreadable as error:
        yield Rejection(shown, None, str(error))
    except Exception as error:  # noqa: BLE001 - nor does one bad file stop the run
        where = "" if line is None else f" after line {line}"
        yield Rejection(shown, None, f"cannot be read{where}: {_reason_of(error)}")


def _drafts(path: Path, suffix: str, max_file_bytes: int) -> Iterator[tuple[_Draft | Rejection, str | None]]:
    """(draft or rejection, encoding) for each record of the file, in order."""
    if suffix in _STREAM_PARSERS:
        yield from _STREAM_PARSERS[suffix](path, max_file_bytes)
        return
    text, encoding = _read_text(path, max_file_bytes)
    for draft in _PARSERS[suffix](text, path):
        yield draft, encoding


def _reason_of(error: BaseException) -> str:
    """An unexpected exception as one short line."""
    if isinstance(error, RecursionError):
        return "nested too deeply"
    message = " ".join(str(error).split())
    message = message if len(message) <= 200 else message[:199] + "…"
    return f"{type(error).__name__}: {safe_text(message)}" if message else type(error).__name__


def safe_text(text: str) -> str:
    """`text` that encodes as UTF-8: the undecodable bytes of a file name and lone
    surrogates are shown as `\\xff` / `\\ud800` escapes (`b\\xe9.txt`)."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def _read_text(path: Path, max_file_bytes: int) -> tuple[str, str]:
    try:
        size = path.stat().st_size
        if size == 0:
            raise _Unreadable("empty file")
        if size > max_file_bytes:
            raise _Unreadable(f"file is {size / 2**20:.1f} MB, above the "
                              f"{max_file_bytes / 2**20:g} MB limit (MAX_FILE_BYTES); split it")
        data = path.read_bytes()
    except OSError as error:
        raise _Unreadable(f"cannot read file: {error.strerror or error}") from None
    text, encoding = _decode(data)
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise _Unreadable("empty file (only white space)")
    return text, encoding


def _decode(data: bytes) -> tuple[str, str]:
    if data.startswith(codecs.BOM_UTF8):
        text, encoding = _strict(data[3:], "utf-8", "UTF-8 after a UTF-8 BOM"), "utf-8-sig"
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text, encoding = _strict(data, "utf-16", "UTF-16 after a UTF-16 BOM"), "utf-16"
    elif b"\x00" in data:
        raise _Unreadable("binary file (contains NUL bytes), not text; UTF-16 files need a BOM")
    else:
        try:
            text, encoding = data.decode("utf-8"), "utf-8"
        except UnicodeDecodeError as error:
            text, encoding = data.decode("cp1256"), "cp1256"
            if not _reads_as_arabic(text):
                raise _Unreadable(
                    f"undecodable: not UTF-8 (byte 0x{data[error.start]:02x} at offset {error.start}), "
                    "no UTF-16 BOM, and not Windows-1256 Arabic text") from None
    if _looks_binary(text):
        raise _Unreadable("binary file (control characters), not text")
    return text, encoding


def _strict(data: bytes, codec: str, what: str) -> str:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as error:
        raise _Unreadable(f"undecodable: invalid {what} at byte offset {error.start}") from None


_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")
_ARABIC_RE = re.compile(r"[\u0600-\u06ff\ufb50-\ufdff\ufe70-\ufeff]")
_NON_ASCII_RE = re.compile(r"[^\x00-\x7f]")
_LATIN_RE = re.compile(r"[A-Za-z]")


def _looks_binary(text: str) -> bool:
    controls = len(_CONTROL_RE.findall(text))
    return "\x00" in text or controls > max(2, len(text) // 100)


def _reads_as_arabic(text: str) -> bool:
    """Windows-1256 decodes any bytes; accept it only for mostly-Arabic text."""
    non_ascii = len(_NON_ASCII_RE.findall(text))
    arabic = len(_ARABIC_RE.findall(text))
    latin = len(_LATIN_RE.findall(text))
    return (arabic >= 0.8 * non_ascii and arabic >= 0.3 * (arabic + latin) > 0
            and not _CONTROL_RE.search(text))


# ---------------------------------------------------------------- shapes

_HEADER_LINE_RE = re.compile(r"\s*([^\s:]+)\s*:\s*(.*?)\s*")
_FENCE = "---"


def _parse_text_file(text: str, path: Path) -> Iterator[_Draft | Rejection]:
    """`.txt`/`.md`: optional header, first non-empty line the title, rest the text."""
    meta, body = _split_header(text)
    lines = body.strip().split("\n")
    if meta.get("title"):
        title, rest = meta["title"], body.strip()
    elif len(lines) > 1:
        title, rest = lines[0].strip(), "\n".join(lines[1:]).strip()
        if path.suffix.lower() == ".md":
            title = title.lstrip("#").strip()
    else:
        title, rest = None, lines[0].strip()
    if not rest:
        yield Rejection(str(path), None, "no report text (only a header)")
        return
    yield _Draft(None, rest, title or None, meta)


def _split_header(text: str) -> tuple[dict[str, str], str]:
    """Metadata and the rest: `---` fences (any keys, known ones kept) or
    leading `key: value` lines with known keys, ended by a blank line."""
    lines = text.lstrip("\n").split("\n")
    if lines[0].strip() == _FENCE:
        for end in range(1, len(lines)):
            if lines[end].strip() == _FENCE:
                return _header_pairs(lines[1:end], known_only=False), "\n".join(lines[end + 1:])
        return {}, text
    count = 0
    while count < len(lines) and _header_pairs([lines[count]], known_only=True):
        count += 1
    return _header_pairs(lines[:count], known_only=True), "\n".join(lines[count:])


def _header_pairs(lines: list[str], known_only: bool) -> dict[str, str]:
    meta: dict[str, str] = {}
    for line in lines:
        match = _HEADER_LINE_RE.fullmatch(line)
        if not match:
            if known_only:
                return {}
            continue
        key = _HEADER_KEYS.get(match.group(1).lower())
        if key is None:
            if known_only:
                return {}
            continue
        meta[key] = match.group(2).strip("\"'")
    return meta


def _lines(path: Path, max_line_bytes: int) -> Iterator[tuple[int, str, str | None, str | None]]:
    """(line number, text, encoding, why the line cannot be read) for each line of a
    streamed file, one at a time. Encoding: BOM first; without one each line is
    UTF-8, else Windows-1256 when it reads as Arabic. A lone CR ends a line too."""
    with open(path, "rb") as handle:
        head = handle.read(HEAD_BYTES)
        if not head:
            raise _Unreadable("empty file")
        handle.seek(0)
        if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
            yield from _utf16_lines(handle)
            return
        if b"\x00" in head:
            raise _Unreadable("binary file (contains NUL bytes), not text; UTF-16 files need a BOM")
        if _looks_binary(head.decode("utf-8", "replace")):
            raise _Unreadable("binary file (control characters), not text")
        bom = head.startswith(codecs.BOM_UTF8)
        if bom:
            handle.seek(len(codecs.BOM_UTF8))
        number, offset, blank = 0, len(codecs.BOM_UTF8) if bom else 0, True
        for raw in handle:
            size = len(raw)
            raw = raw[:-1] if raw.endswith(b"\n") else raw
            raw = raw[:-1] if raw.endswith(b"\r") else raw
            for part in raw.split(b"\r"):
                number += 1
                if len(part) > max_line_bytes:
                    yield number, "", None, (f"line is {len(part) / 2**20:.1f} MB, above the "
                                             f"{max_line_bytes / 2**20:g} MB limit for one report")
                    continue
                text, encoding, problem = _decode_line(part, bom, offset)
                blank = blank and not text.strip()
                yield number, text, encoding, problem
            offset += size
        if blank:
            raise _Unreadable("empty file (only white space)")


def _decode_line(raw: bytes, bom: bool, offset: int) -> tuple[str, str | None, str | None]:
    try:
        return raw.decode("utf-8"), "utf-8-sig" if bom else "utf-8", None
    except UnicodeDecodeError as error:
        where = f"byte 0x{raw[error.start]:02x} at offset {offset + error.start}"
        if bom:
            return "", None, f"undecodable: invalid UTF-8 after a UTF-8 BOM ({where})"
        text = raw.decode("cp1256")
        if _reads_as_arabic(text):
            return text, "cp1256", None
        return "", None, f"undecodable: not UTF-8 ({where}), and not Windows-1256 Arabic text"


def _utf16_lines(handle) -> Iterator[tuple[int, str, str | None, str | None]]:
    stream = io.TextIOWrapper(handle, encoding="utf-16", newline=None)
    number, blank = 0, True
    try:
        for line in stream:
            number += 1
            blank = blank and not line.strip()
            yield number, line.rstrip("\n"), "utf-16", None
    except UnicodeDecodeError:
        yield number + 1, "", None, "undecodable: invalid UTF-16 after a UTF-16 BOM from this line on"
        return
    if blank:
        raise _Unreadable("empty file (only white space)")


def _stream_jsonl(path: Path, max_line_bytes: int) -> Iterator[tuple[_Draft | Rejection, str | None]]:
    """`.jsonl`: one JSON object per line, read line by line; blank lines are skipped.
    Any failure of a line (broken JSON, nesting too deep, a number too long,
    a lone surrogate) rejects that line only."""
    for number, line, encoding, problem in _lines(path, max_line_bytes):
        if problem is not None:
            yield Rejection(str(path), number, problem), None
        elif line.strip():
            yield _jsonl_draft(line, path, number), encoding


def _jsonl_draft(line: str, path: Path, number: int) -> _Draft | Rejection:
    try:
        item = json.loads(line)
    except json.JSONDecodeError as error:
        return Rejection(str(path), number, f"broken JSON line: {error.msg} (column {error.colno})")
    except Exception as error:  # noqa: BLE001 - RecursionError, ValueError (int too long), …
        return Rejection(str(path), number, f"unreadable JSON line: {_reason_of(error)}")
    if not isinstance(item, dict):
        return Rejection(str(path), number, f"expected a JSON object, got {type(item).__name__}")
    return _row_draft(item, path, number)


def _stream_csv(path: Path, max_row_bytes: int) -> Iterator[tuple[_Draft | Rejection, str | None]]:
    """`.csv`: a header row with a `text` column, read row by row. A row is
    numbered from 1 after the header (its id); its `line` is the file line it
    starts on, quoted line breaks counted."""
    bad: dict[int, str] = {}
    encodings: dict[int, str | None] = {}

    def texts() -> Iterator[str]:
        for number, text, encoding, problem in _lines(path, max_row_bytes):
            if problem is not None:
                bad[number] = problem
            encodings[number] = encoding
            yield text + "\n"

    csv.field_size_limit(2**31 - 1)  # the size limit is checked per row, below
    lines = texts()
    first = next(lines, "")
    delimiter = max(",;\t", key=first.count)
    reader = csv.reader(itertools.chain([first], lines), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as error:
        raise _Unreadable(f"broken CSV header: {error}") from None
    if bad.get(1):
        raise _Unreadable(f"header line: {bad[1]}")
    if "text" not in header:
        raise _Unreadable(f"CSV has no 'text' column (columns: {', '.join(header)})")
    row_number, end = 0, reader.line_num
    try:
        for row_number, row in enumerate(reader, 1):
            start, end = end + 1, reader.line_num
            draft = _csv_draft(row, header, path, row_number, start, end, bad, max_row_bytes)
            if draft is not None:
                yield draft, encodings.get(start)
            for number in range(start, end + 1):
                encodings.pop(number, None)
    except csv.Error as error:
        yield Rejection(str(path), end + 1, f"broken CSV from row {row_number + 1} on: {error}"), None


def _csv_draft(row: list[str], header: list[str], path: Path, row_number: int, start: int, end: int,
               bad: dict[int, str], max_row_bytes: int) -> _Draft | Rejection | None:
    problems = [bad.pop(number) for number in range(start, end + 1) if number in bad]
    if problems:
        return Rejection(str(path), start, f"row {row_number}: {problems[0]}")
    if not row or not any(cell.strip() for cell in row):
        return None
    size = sum(len(cell.encode("utf-8", "surrogatepass")) for cell in row)
    if size > max_row_bytes:
        return Rejection(str(path), start, f"row {row_number} is {size / 2**20:.1f} MB, above the "
                                           f"{max_row_bytes / 2**20:g} MB limit for one report")
    draft = _row_draft(dict(zip(header, row)), path, row_number, "row")
    if isinstance(draft, Rejection):
        return Rejection(draft.path, start, draft.reason)
    draft.line = start
    return draft


def _row_draft(item: dict, path: Path, number: int, what: str = "line") -> _Draft | Rejection:
    text = item.get("text")
    if text is None:
        return Rejection(str(path), number, f"{what} {number} has no 'text' field")
    if not isinstance(text, str):
        return Rejection(str(path), number, f"{what} {number}: 'text' is not a string")
    if not text.strip():
        return Rejection(str(path), number, f"{what} {number} has empty text")
    meta = {key: str(item[key]).strip() for key in META_FIELDS
            if item.get(key) is not None and str(item[key]).strip()}
    for key, value in [("text", text), *meta.items()]:
        if safe_text(value) != value:
            return Rejection(str(path), number, f"{what} {number}: '{key}' holds a lone surrogate "
                                                "(such as \\ud800), which is not Unicode text")
    return _Draft(number, text.strip(), meta.get("title"), meta, row=number)


_BLOCK_TAGS = "p, div, br, li, tr, h1, h2, h3, h4, h5, h6, blockquote, pre, section, article, figcaption"
_DROPPED_TAGS = ["script", "style", "noscript", "template", "nav", "header", "footer", "aside",
                 "form", "iframe", "svg", "button"]
_HTML_META = {
    "date": ("article:published_time", "date", "pubdate", "publish-date", "dc.date"),
    "source": ("og:site_name",),
    "url": ("og:url",),
}


def _parse_html(text: str, path: Path) -> Iterator[_Draft | Rejection]:
    """`.html`/`.htm`: the article text; title from the first <h1> of the
    article (removed from the text), else <title>."""
    from selectolax.lexbor import LexborHTMLParser

    tree = LexborHTMLParser(text)
    meta = _html_meta(tree)
    page_title = tree.css_first("title")
    tree.strip_tags(_DROPPED_TAGS)
    root = tree.css_first("article") or tree.css_first("main") or tree.body or tree.root
    title = None
    heading = root.css_first("h1") if root is not None else None
    if heading is not None and heading.text(strip=True):
        title = " ".join(heading.text().split())
        heading.decompose()
    elif page_title is not None and page_title.text(strip=True):
        title = " ".join(page_title.text().split())
    body = _html_text(root) if root is not None else ""
    if not body:
        yield Rejection(str(path), None, "no article text in the HTML page")
        return
    yield _Draft(None, body, title, meta)


def _html_meta(tree) -> dict[str, str]:
    meta: dict[str, str] = {}
    for node in tree.css("meta"):
        name = (node.attributes.get("property") or node.attributes.get("name") or "").lower()
        content = (node.attributes.get("content") or "").strip()
        for key, names in _HTML_META.items():
            if name in names and content and key not in meta:
                meta[key] = content
    if "date" not in meta:
        time = tree.css_first("time[datetime]")
        if time is not None and time.attributes.get("datetime"):
            meta["date"] = time.attributes["datetime"].strip()
    canonical = tree.css_first("link[rel=canonical]")
    if canonical is not None and canonical.attributes.get("href") and "url" not in meta:
        meta["url"] = canonical.attributes["href"].strip()
    return meta


def _html_text(root) -> str:
    for node in root.css(_BLOCK_TAGS):
        node.insert_before("\n")
        node.insert_after("\n")
    lines = (" ".join(line.split()) for line in root.text(separator="").split("\n"))
    return "\n".join(line for line in lines if line)


@dataclass(frozen=True)
class RecalledReport(Report):
    """A report of a file unchanged since an earlier run, recalled without reading the
    file: every field but the text (empty), and the warnings its text gave then."""

    warnings: tuple = ()


def _load_file_remembered(path: Path, max_file_bytes: int, state: _RunState, files
                          ) -> Iterator[Report | Rejection]:
    """`_load_file`, or what the file gave before when it has not changed since;
    what a reading gives is remembered for the next run."""
    shown = safe_text(str(path))
    entry = files.lookup(path, shown)
    if entry is not None:
        recalled = _recall(entry, shown, state, files.usable)
        if recalled is not None:
            files.files_recalled += 1
            yield from recalled
            return
    stamp = files.stamp(path)
    claims: list = []   # one per report, made just before it is yielded
    items: list = []
    reports = 0
    for item in _load_file(path, max_file_bytes, state, claims):
        if isinstance(item, Report):
            written_id, where, _ = claims[reports]
            items.append(("report", written_id, where, item))
            reports += 1
        elif len(claims) == reports or item is not claims[reports][2]:   # a reused id's warning is made again
            items.append(("problem", item))
        yield item
    files.record(path, shown, stamp, items)


def _recall(entry: list, shown: str, state: _RunState, usable) -> list | None:
    """What an unchanged file gives in this run: its reports with the ids and duplicates
    this run's earlier files leave them (None when a report's extraction is not at hand,
    e.g. its id is now taken and it must be read again)."""
    used = ChainMap({}, state.where_by_id)
    hashes = ChainMap({}, state.first_id_by_hash)
    out: list = []
    for item in entry:
        if item[0] == "problem":
            out.append(item[1])
            continue
        _, written_id, where, fields_ = item
        report_id, reused = _claim_id(written_id, where, used, shown, fields_["line"])
        if reused is not None:
            out.append(reused)
        duplicate_of = _first_with_hash(fields_["content_hash"], report_id, hashes)
        report = RecalledReport(id=report_id, text="", full_text="", duplicate_of=duplicate_of, **fields_)
        if not usable(report):
            return None
        out.append(report)
    state.where_by_id.update(used.maps[0])
    state.first_id_by_hash.update(hashes.maps[0])
    return out


_PARSERS = {".txt": _parse_text_file, ".md": _parse_text_file, ".html": _parse_html, ".htm": _parse_html}
_STREAM_PARSERS = {".jsonl": _stream_jsonl, ".csv": _stream_csv}


# ---------------------------------------------------------------- report

def _finish(draft: _Draft, path: Path, encoding: str, state: _RunState, claims: list | None = None
            ) -> Iterator[Report | Rejection]:
    """Build the `Report`: id, full text, date, hash, duplicate flag, and warnings.
    `claims` gets (id as written, where, the warning of a reused id or None) per report."""
    shown = safe_text(str(path))
    where = shown if draft.line is None else f"{shown}:{draft.line}"
    stem = safe_text(path.stem)
    row = draft.row if draft.row is not None else draft.line
    report_id = draft.meta.get("id") or (stem if row is None else f"{stem}-{row}")
    title = draft.title.strip() if draft.title and draft.title.strip() else None
    full_text = f"{title}\n\n{draft.text}" if title else draft.text
    date, origin = None, None
    raw_date = draft.meta.get("date")
    if raw_date:
        date = parse_date(raw_date)
        origin = "metadata" if date else None
    if date is None:
        date = find_dateline(full_text, DATELINE_WINDOW + (len(title) + 2 if title else 0))
        origin = "dateline" if date else None
    if raw_date and origin != "metadata":
        fallback = f"used the dateline date {date}" if date else "date left empty"
        yield LoadWarning(shown, draft.line, f"unreadable date {raw_date!r}; {fallback}")
    content_hash = hashlib.sha256(full_text.encode("utf-8")).hexdigest()
    written_id = report_id
    report_id, reused = _claim_id(report_id, where, state.where_by_id, shown, draft.line)
    if claims is not None:
        claims.append((written_id, where, reused))
    if reused is not None:
        yield reused
    duplicate_of = _first_with_hash(content_hash, report_id, state.first_id_by_hash)
    yield Report(
        id=report_id, title=title, text=draft.text, full_text=full_text,
        date=date, date_origin=origin,
        source=draft.meta.get("source"), url=draft.meta.get("url"),
        path=shown, line=draft.line, encoding=encoding,
        content_hash=content_hash, duplicate_of=duplicate_of,
    )


def _claim_id(report_id: str, where: str, used, shown: str, line: int | None) -> tuple[str, LoadWarning | None]:
    """The id the report is read as (its own, or `id~N` when taken) and the warning then."""
    warning = None
    if report_id in used:
        unique = _unused_id(report_id, used)
        warning = LoadWarning(shown, line, f"id {report_id!r} is also used by {used[report_id]}; "
                                           f"this report is read as {unique!r} so that record ids stay unique")
        report_id = unique
    used[report_id] = where
    return report_id, warning


def _first_with_hash(content_hash: str, report_id: str, first_id_by_hash) -> str | None:
    """The id of the first report with this text (None: this is the first, now remembered)."""
    duplicate_of = first_id_by_hash.get(content_hash)
    if duplicate_of is None:
        first_id_by_hash[content_hash] = report_id
    return duplicate_of


def _unused_id(report_id: str, used: dict[str, str]) -> str:
    """`dup2` → `dup2~2` (or the next free number): the id a repeated report id is read as."""
    number = 2
    while f"{report_id}~{number}" in used:
        number += 1
    return f"{report_id}~{number}"


# ---------------------------------------------------------------- dates

_MONTHS = {
    # Syrian / Levantine names
    "كانون الثاني": 1, "كانون ثاني": 1, "شباط": 2, "آذار": 3, "نيسان": 4, "أيار": 5,
    "حزيران": 6, "تموز": 7, "آب": 8, "أيلول": 9, "تشرين الأول": 10, "تشرين أول": 10,
    "تشرين الثاني": 11, "تشرين ثاني": 11, "كانون الأول": 12, "كانون أول": 12,
    # Egyptian / Gulf names
    "يناير": 1, "فبراير": 2, "مارس": 3, "أبريل": 4, "إبريل": 4, "ابريل": 4, "مايو": 5,
    "يونيو": 6, "يونيه": 6, "يوليو": 7, "يوليه": 7, "أغسطس": 8, "اغسطس": 8, "آغسطس": 8,
    "سبتمبر": 9, "أكتوبر": 10, "اكتوبر": 10, "نوفمبر": 11, "ديسمبر": 12,
}
_MONTH_BY_KEY = {normalise_key(name): number for name, number in _MONTHS.items()}
_MONTH_RE = "|".join(re.escape(key).replace(r"\ ", r"\s+")
                     for key in sorted(_MONTH_BY_KEY, key=len, reverse=True))
_NAMED_DATE_RE = re.compile(
    rf"(?<!\d)(?P<d>\d{{1,2}})\s*(?:من\s+)?(?:شهر\s+)?(?P<m>{_MONTH_RE})"
    rf"(?:\s*[/(-]\s*(?:{_MONTH_RE})\s*\)?)?\s*[،,]?\s*(?:من\s+)?(?:العام\s+|عام\s+|سنه\s+)?"
    rf"(?P<y>\d{{4}})(?!\d)")
_NUMERIC_DATELINE_RES = (
    re.compile(r"(?<![\d/.-])(?P<y>\d{4})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<d>\d{1,2})(?![\d/-]|\.\d)"),
    re.compile(r"(?<![\d/.-])(?P<d>\d{1,2})(?P<s>[-/.])(?P<m>\d{1,2})(?P=s)(?P<y>\d{4})(?![\d/-]|\.\d)"),
)
_METADATA_DATES = (
    (re.compile(r"(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?:[T ].*)?"), ("y", "m", "d")),
    (re.compile(r"(?P<y>\d{4})[/.](?P<m>\d{1,2})[/.](?P<d>\d{1,2})"), ("y", "m", "d")),
    (re.compile(r"(?P<d>\d{1,2})[/.-](?P<m>\d{1,2})[/.-](?P<y>\d{4})"), ("y", "m", "d")),
)


def _dateline_in(normalised: str) -> str | None:
    """Earliest valid date (named month or numeric) in normalised text."""
    best: tuple[int, str] | None = None
    for match in _NAMED_DATE_RE.finditer(normalised):
        month = _MONTH_BY_KEY[" ".join(match.group("m").split())]
        iso = _iso(int(match.group("y")), month, int(match.group("d")))
        if iso:
            best = (match.start(), iso)
            break
    for pattern in _NUMERIC_DATELINE_RES:
        for match in pattern.finditer(normalised):
            if best is not None and match.start() >= best[0]:
                break
            iso = _iso(int(match.group("y")), int(match.group("m")), int(match.group("d")))
            if iso:
                best = (match.start(), iso)
                break
    return best[1] if best else None


def _iso(year: int, month: int, day: int) -> str | None:
    if not 1900 <= year <= 2100:
        return None
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


# ---------------------------------------------------------------- command line

def main(argv: list[str] | None = None) -> int:
    """`python -m helpers load PATH... [--format jsonl|csv] [--out FILE]`."""
    parser = argparse.ArgumentParser(
        prog="python -m helpers load",
        description="Read report files and folders; print one record per report. "
                    "Rejected input and warnings go to stderr.")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    parser.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    parser.add_argument("--out", metavar="FILE", help="write here instead of stdout")
    parser.add_argument("--max-mb", type=float, default=MAX_FILE_BYTES / 2**20,
                        help="reject files larger than this (default %(default)g)")
    try:
        args = parser.parse_args(argv)
    except SystemExit as exit_:
        return int(exit_.code or 0)
    try:
        out = _open_out(args.out, args.format)
    except OSError as error:
        print(f"cannot write {args.out}: {error.strerror or error}", file=sys.stderr)
        return 2
    counts = {"reports": 0, "rejected": 0, "warnings": 0}
    try:
        write = _writer(out, args.format)
        for item in iter_load(args.paths, int(args.max_mb * 2**20)):
            if isinstance(item, Report):
                write(item)
                counts["reports"] += 1
            else:
                print(item, file=sys.stderr)
                counts["warnings" if isinstance(item, LoadWarning) else "rejected"] += 1
    finally:
        if out is not sys.stdout:
            out.close()
    print(f"load: {counts['reports']} reports, {counts['rejected']} rejected, "
          f"{counts['warnings']} warnings", file=sys.stderr)
    return 0 if counts["reports"] else 2


def _open_out(path: str | None, fmt: str):
    if path is None:
        return sys.stdout
    # utf-8-sig lets spreadsheet programs recognise Arabic in the CSV
    return open(path, "w", encoding="utf-8-sig" if fmt == "csv" else "utf-8", newline="")


def _writer(out, fmt: str):
    if fmt == "jsonl":
        return lambda report: out.write(json.dumps(report.to_dict(), ensure_ascii=False) + "\n")
    columns = [f.name for f in fields(Report)]
    table = csv.DictWriter(out, fieldnames=columns)
    table.writeheader()
    return lambda report: table.writerow(neutralise_row(report.to_dict()))


if __name__ == "__main__":
    raise SystemExit(main())
