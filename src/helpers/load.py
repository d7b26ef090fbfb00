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
import hashlib
import io
import json
import os
import re
import sys
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Iterable, Iterator

from helpers.normalise import normalise, normalise_key
from helpers.records import Rejection, Report

MAX_FILE_BYTES = 20 * 1024 * 1024   # larger files are rejected before reading
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

    line: int | None
    text: str
    title: str | None
    meta: dict[str, str]


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


def iter_load(paths: Iterable[str | Path], max_file_bytes: int = MAX_FILE_BYTES
              ) -> Iterator[Report | Rejection]:
    """Stream reports, rejections and warnings (`LoadWarning`, a `Rejection`
    subclass) in file order. Folders are walked recursively in sorted order."""
    state = _RunState()
    for item in _files(paths):
        if isinstance(item, Rejection):
            yield item
        else:
            yield from _load_file(item, max_file_bytes, state)


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
    a file met a second time (same real path) is a `LoadWarning`."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    seen: set[str] = set()
    for given in paths:
        for item in _expand(Path(given)):
            if isinstance(item, Path):
                key = os.path.realpath(item)
                if key in seen:
                    item = LoadWarning(str(item), None, "file given more than once; read only the first time")
                seen.add(key)
            yield item


def _expand(path: Path) -> Iterator[Path | Rejection]:
    """The files a command-line path stands for, or why it cannot be read."""
    if path.is_dir():
        yield from _walk(path, {os.path.realpath(path)})
    elif path.is_file():
        yield path
    elif path.exists():
        yield Rejection(str(path), None, "not a regular file or folder")
    else:
        yield Rejection(str(path), None, "no such file or folder")


def _walk(folder: Path, visited: set[str]) -> Iterator[Path | Rejection]:
    try:
        entries = sorted(os.scandir(folder), key=lambda entry: entry.name)
    except OSError as error:
        yield Rejection(str(folder), None, f"cannot list folder: {error.strerror or error}")
        return
    for entry in entries:
        path = folder / entry.name
        name = entry.name.lower()
        try:
            is_dir, is_file = entry.is_dir(), entry.is_file()
        except OSError as error:
            yield Rejection(str(path), None, f"cannot examine: {error.strerror or error}")
            continue
        if is_dir:
            real = os.path.realpath(path)
            if entry.name in IGNORED_FOLDERS or real in visited:
                continue
            if entry.name.startswith("."):
                yield Rejection(str(path), None, "hidden folder not read (rename it without the leading dot to load it)")
                continue
            yield from _walk(path, visited | {real})
        elif name in IGNORED_NAMES:
            continue
        elif entry.name.startswith("."):
            yield Rejection(str(path), None, "hidden file not read (rename it without the leading dot to load it)")
        elif is_file:
            yield path
        else:
            yield Rejection(str(path), None, "not a regular file (broken link or device)")


# ---------------------------------------------------------------- one file

def _load_file(path: Path, max_file_bytes: int, state: _RunState) -> Iterator[Report | Rejection]:
    suffix = path.suffix.lower()
    parser = _PARSERS.get(suffix)
    if parser is None:
        kind = f"file type {suffix!r}" if suffix else "file without an extension"
        yield Rejection(str(path), None, f"unsupported {kind}; Rasd reads {' '.join(SUPPORTED_SUFFIXES)}")
        return
    try:
        text, encoding = _read_text(path, max_file_bytes)
        drafts = list(parser(text, path))
    except _Unreadable as error:
        yield Rejection(str(path), None, str(error))
        return
    for draft in drafts:
        if isinstance(draft, Rejection):
            yield draft
        else:
            yield from _finish(draft, path, encoding, state)


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


def _parse_jsonl(text: str, path: Path) -> Iterator[_Draft | Rejection]:
    """`.jsonl`: one JSON object per line; blank lines are skipped."""
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError as error:
            yield Rejection(str(path), number, f"broken JSON line: {error.msg} (column {error.colno})")
            continue
        if not isinstance(item, dict):
            yield Rejection(str(path), number, f"expected a JSON object, got {type(item).__name__}")
            continue
        yield _row_draft(item, path, number)


def _parse_csv(text: str, path: Path) -> Iterator[_Draft | Rejection]:
    """`.csv`: a header row with a `text` column; rows numbered from 1 after it."""
    first_line = text.split("\n", 1)[0]
    delimiter = max(",;\t", key=first_line.count)
    csv.field_size_limit(2**31 - 1)  # one report's text may exceed the 128 KB default
    reader = csv.reader(io.StringIO(text), delimiter=delimiter)
    try:
        header = [name.strip().lower() for name in next(reader, [])]
    except csv.Error as error:
        raise _Unreadable(f"broken CSV header: {error}") from None
    if "text" not in header:
        raise _Unreadable(f"CSV has no 'text' column (columns: {', '.join(header)})")
    row_number = 0
    try:
        for row_number, row in enumerate(reader, 1):
            if not row or not any(cell.strip() for cell in row):
                continue
            yield _row_draft(dict(zip(header, row)), path, row_number, "row")
    except csv.Error as error:
        yield Rejection(str(path), row_number + 1, f"broken CSV from row {row_number + 1} on: {error}")


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
    return _Draft(number, text.strip(), meta.get("title"), meta)


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


_PARSERS = {
    ".txt": _parse_text_file, ".md": _parse_text_file, ".jsonl": _parse_jsonl,
    ".csv": _parse_csv, ".html": _parse_html, ".htm": _parse_html,
}


# ---------------------------------------------------------------- report

def _finish(draft: _Draft, path: Path, encoding: str, state: _RunState) -> Iterator[Report | Rejection]:
    """Build the `Report`: id, full text, date, hash, duplicate flag, and warnings."""
    where = str(path) if draft.line is None else f"{path}:{draft.line}"
    report_id = draft.meta.get("id") or (path.stem if draft.line is None else f"{path.stem}-{draft.line}")
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
        yield LoadWarning(str(path), draft.line, f"unreadable date {raw_date!r}; {fallback}")
    if report_id in state.where_by_id:
        yield LoadWarning(str(path), draft.line,
                          f"id {report_id!r} is also used by {state.where_by_id[report_id]}")
    else:
        state.where_by_id[report_id] = where
    content_hash = hashlib.sha256(full_text.encode("utf-8")).hexdigest()
    duplicate_of = state.first_id_by_hash.get(content_hash)
    if duplicate_of is None:
        state.first_id_by_hash[content_hash] = report_id
    yield Report(
        id=report_id, title=title, text=draft.text, full_text=full_text,
        date=date, date_origin=origin,
        source=draft.meta.get("source"), url=draft.meta.get("url"),
        path=str(path), line=draft.line, encoding=encoding,
        content_hash=content_hash, duplicate_of=duplicate_of,
    )


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
    return lambda report: table.writerow(report.to_dict())


if __name__ == "__main__":
    raise SystemExit(main())
