"""LOAD stage against hostile input: every failure of a line, row, file name or
link is one `path:line: reason` rejection, and the neighbours load."""
from __future__ import annotations

import json
import os
import tracemalloc
from pathlib import Path

import pytest

from helpers.ingest.load import LoadWarning, load_paths, safe_text

GOOD = "افتتح مكتب جديد لتسجيل المتطوعين براتب شهري قدره 150 دولارا."


def line(**fields) -> str:
    return json.dumps(fields, ensure_ascii=False)


def reasons(result) -> dict:
    return {(Path(r.path).name, r.line): r.reason for r in result.rejections}


def test_jsonl_line_failures_of_every_kind_reject_only_that_line(tmp_path):
    path = tmp_path / "feed.jsonl"
    rows = [
        line(id="ok-1", text=GOOD),
        '{"id": "sur", "text": "\\ud800 نص"}',               # lone surrogate
        "[" * 100_000 + "]" * 100_000,                        # nesting past the recursion limit
        '{"id": "big", "text": "نص", "n": ' + "9" * 5000 + "}",  # integer past int's digit limit
        '{"id": "title-sur", "title": "\\udfff", "text": "نص"}',
        line(id="ok-2", text=GOOD),
    ]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    result = load_paths([path])
    assert [r.id for r in result.reports] == ["ok-1", "ok-2"]
    got = reasons(result)
    assert sorted(got) == [("feed.jsonl", 2), ("feed.jsonl", 3), ("feed.jsonl", 4), ("feed.jsonl", 5)]
    assert "'text' holds a lone surrogate" in got[("feed.jsonl", 2)]
    assert got[("feed.jsonl", 3)] == "unreadable JSON line: nested too deeply"
    assert got[("feed.jsonl", 4)].startswith("unreadable JSON line: ValueError: Exceeds the limit")
    assert "'title' holds a lone surrogate" in got[("feed.jsonl", 5)]


def test_jsonl_line_of_bad_bytes_is_one_rejection_and_the_rest_loads(tmp_path):
    path = tmp_path / "mixed.jsonl"
    path.write_bytes(line(text=GOOD).encode() + b"\n" + b'{"text": "caf\xe9 ok"}\n' + line(text=GOOD).encode() + b"\n")
    result = load_paths([path])
    assert [(r.id, r.line) for r in result.reports] == [("mixed-1", 1), ("mixed-3", 3)]
    assert [(r.line, r.reason.split(" (")[0]) for r in result.rejections] == [(2, "undecodable: not UTF-8")]


def test_size_limit_is_per_report_not_per_file(tmp_path):
    """A JSONL or CSV file far above the limit loads record by record; only the
    record above the limit is refused."""
    limit = 64 * 1024
    path = tmp_path / "export.jsonl"
    with open(path, "w", encoding="utf-8") as handle:
        for number in range(400):                       # ~1 MB, 16× the limit
            handle.write(line(id=f"r{number}", text=GOOD * 40) + "\n")
        handle.write(line(id="huge", text="ا" * limit) + "\n")
    table = tmp_path / "export.csv"
    table.write_text("id,text\n" + "".join(f"c{n},{GOOD * 40}\n" for n in range(400)), encoding="utf-8")
    assert path.stat().st_size > 10 * limit and table.stat().st_size > 10 * limit
    result = load_paths([path, table], max_file_bytes=limit)
    assert len(result.reports) == 800
    assert [(r.line, r.reason) for r in result.rejections] == [
        (401, "line is 0.1 MB, above the 0.0625 MB limit for one report")]


def test_streamed_file_memory_does_not_grow_with_its_size(tmp_path):
    def peak(count: int) -> int:
        path = tmp_path / f"n{count}.jsonl"
        path.write_text("".join(line(id=f"{count}-{n}", text=GOOD * 20) + "\n" for n in range(count)),
                        encoding="utf-8")
        tracemalloc.start()
        reports = sum(1 for item in __import__("helpers.ingest.load", fromlist=["iter_load"]).iter_load(path)
                      if not hasattr(item, "reason"))
        _, top = tracemalloc.get_traced_memory()
        tracemalloc.stop()
        assert reports == count
        return top

    small, large = peak(200), peak(2000)
    assert large < 2 * small + 200_000, (small, large)   # 10× the file, not 10× the memory


def test_csv_line_numbers_count_quoted_line_breaks(tmp_path):
    path = tmp_path / "t.csv"
    path.write_text('id,text\na,"سطر\nثان\nثالث"\nb,\nc,' + GOOD + "\n", encoding="utf-8")
    result = load_paths([path])
    assert [(r.id, r.line) for r in result.reports] == [("a", 2), ("c", 6)]
    assert [(r.line, r.reason) for r in result.rejections] == [(5, "row 2 has empty text")]
    assert all(isinstance(r.line, int) for r in result.reports + result.rejections)


def test_csv_row_with_bad_bytes_is_one_rejection(tmp_path):
    path = tmp_path / "t.csv"
    path.write_bytes(f"id,text\na,{GOOD}\n".encode() + b"b,caf\xe9\n" + f"c,{GOOD}\n".encode())
    result = load_paths([path])
    assert [r.id for r in result.reports] == ["a", "c"]
    assert [(r.line, r.reason.split(" (")[0]) for r in result.rejections] == [(3, "row 2: undecodable: not UTF-8")]


def test_walk_stays_inside_the_folder(tmp_path):
    outside = tmp_path / "outside.txt"
    outside.write_text(GOOD, encoding="utf-8")
    corpus = tmp_path / "corpus"
    (corpus / "sub").mkdir(parents=True)
    (corpus / "sub" / "in.txt").write_text(GOOD, encoding="utf-8")
    os.symlink("..", corpus / "up")                 # the parent: outside
    os.symlink(outside, corpus / "out.txt")         # a file outside
    os.symlink("..", corpus / "sub" / "back")       # the corpus itself: a loop
    os.symlink("self", corpus / "self")             # a link to itself
    os.symlink("missing.txt", corpus / "gone.txt")  # broken
    result = load_paths([corpus])
    assert [r.path for r in result.reports] == [str(corpus / "sub" / "in.txt")]
    got = reasons(result)
    assert got[("up", None)] == f"link to {tmp_path}, outside the folder given; not followed"
    assert got[("out.txt", None)] == f"link to {outside}, outside the folder given; not followed"
    assert got[("back", None)] == f"link loop: leads back to {corpus}; not followed"
    assert got[("self", None)] == "link loop: the link leads back to itself; not followed"
    assert got[("gone.txt", None)] == "broken link (target 'missing.txt' not found)"


def test_file_name_that_is_not_utf8_is_read_and_shown_escaped(tmp_path):
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "w", encoding="utf-8") as handle:
        handle.write(GOOD)
    result = load_paths([tmp_path])
    [report] = result.reports
    assert report.path == f"{tmp_path}/caf\\xe9.txt" and report.id == "caf\\xe9"
    assert [(type(w), w.reason) for w in result.warnings] == [
        (LoadWarning, "file name is not valid UTF-8; shown here with \\x escapes")]
    json.dumps(report.to_dict(), ensure_ascii=False).encode("utf-8")   # writable anywhere


@pytest.mark.parametrize("text, shown", [("abc", "abc"), ("a\udce9", "a\\xe9"), ("\ud800", "\\ud800")])
def test_safe_text(text, shown):
    assert safe_text(text) == shown


def test_unexpected_failure_in_a_file_is_one_rejection(tmp_path, monkeypatch):
    from helpers.ingest import load

    def broken(text, path):
        raise MemoryError("no room")
        yield

    monkeypatch.setitem(load._PARSERS, ".txt", broken)
    (tmp_path / "a.txt").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(line(text=GOOD) + "\n", encoding="utf-8")
    result = load_paths([tmp_path])
    assert [r.id for r in result.reports] == ["b-1"]
    assert [str(r) for r in result.rejections] == [f"{tmp_path / 'a.txt'}: cannot be read: MemoryError: no room"]
