"""The cache-hit path: a re-run does not read files that have not changed since the cache
last saw them (`helpers.store.files`), and gives exactly what reading them gives."""
import json
import os
import shutil

import pandas as pd
import pytest

import helpers.ingest.load
from helpers.run.engine import extract_reports, reports_of
from helpers.paths import SAMPLE_CORPUS
from helpers.run.pipeline import run_pipeline
from helpers.store.cache import ExtractionCache


@pytest.fixture()
def no_corrections(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("id,action,field,value,reason\n", encoding="utf-8")
    return path


@pytest.fixture()
def corpus(tmp_path):
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, folder)
    return folder


@pytest.fixture()
def opened(monkeypatch):
    """The files the loader reads, in order."""
    paths = []
    read = helpers.ingest.load._load_file

    def counting(path, *args, **kwargs):
        paths.append(path.name)
        return read(path, *args, **kwargs)

    monkeypatch.setattr(helpers.ingest.load, "_load_file", counting)
    return paths


def _run(corpus, cache, corrections, **kwargs):
    return run_pipeline([corpus], corrections=corrections, workers=1, cache=cache, **kwargs)


def _counts(result):
    c = result.cache
    return c["hits"], c["misses"], c["files_read"], c["files_unchanged"]


def test_a_rerun_reads_no_unchanged_file_and_gives_the_same_tables(tmp_path, corpus, no_corrections, opened):
    files = len([p for p in corpus.rglob("*") if p.is_file() and p.name != "README.md"])
    first = _run(corpus, tmp_path / "cache", no_corrections)
    assert _counts(first) == (0, 25, files, 0)
    assert len(opened) == files
    opened.clear()
    second = _run(corpus, tmp_path / "cache", no_corrections)
    assert _counts(second) == (25, 0, 0, files)
    assert opened == []
    assert "25 report(s) from the cache, 0 extracted; 22 unchanged file(s) not read again, 0 read" in \
        second.cache["note"]
    for table in ("figures", "incentives", "reports"):
        pd.testing.assert_frame_equal(getattr(second, table), getattr(first, table))
    pd.testing.assert_frame_equal(second.aggregation.table(), first.aggregation.table())


def test_touching_one_file_reads_only_that_file(tmp_path, corpus, no_corrections, opened):
    _run(corpus, tmp_path / "cache", no_corrections)
    touched = sorted(corpus.glob("*.txt"))[2]
    stat = touched.stat()
    os.utime(touched, ns=(stat.st_atime_ns, stat.st_mtime_ns + 5_000_000_000))
    opened.clear()
    second = _run(corpus, tmp_path / "cache", no_corrections)
    assert opened == [touched.name]
    assert _counts(second) == (25, 0, 1, 21)    # its text is unchanged: its report comes from the cache
    opened.clear()
    assert _counts(_run(corpus, tmp_path / "cache", no_corrections)) == (25, 0, 0, 22)
    assert opened == []


def test_an_edited_file_is_read_and_only_its_report_extracted(tmp_path, corpus, no_corrections, opened):
    _run(corpus, tmp_path / "cache", no_corrections)
    changed = sorted(corpus.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nووزعت روسيا 40 سلة غذائية في درعا.\n",
                       encoding="utf-8")
    opened.clear()
    second = _run(corpus, tmp_path / "cache", no_corrections)
    assert opened == [changed.name]
    assert _counts(second) == (24, 1, 1, 21)
    fresh = run_pipeline([corpus], corrections=no_corrections, workers=1)
    for table in ("figures", "incentives", "reports"):
        pd.testing.assert_frame_equal(getattr(second, table), getattr(fresh, table))


def _jsonl(path, rows):
    path.write_text("".join(json.dumps(row, ensure_ascii=False) + "\n" for row in rows), encoding="utf-8")


def test_ids_duplicates_and_warnings_of_unchanged_files_are_decided_again(tmp_path, no_corrections, opened):
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "وأفادت مصادر محلية أن الفيلق الخامس جند 120 شاباً في ريف درعا الغربي."
    _jsonl(corpus / "a.jsonl", [{"id": "x", "date": "2021-05-01", "text": text},
                                {"id": "y", "date": "not a date", "text": text + " وقتل 3 عناصر."}])
    _jsonl(corpus / "b.jsonl", [{"id": "x", "date": "2021-05-02", "text": text}])
    (corpus / "b.jsonl").open("a", encoding="utf-8").write("{broken\n")
    first = _run(corpus, tmp_path / "cache", no_corrections)
    opened.clear()
    second = _run(corpus, tmp_path / "cache", no_corrections)
    assert opened == []
    assert _counts(second) == (3, 0, 0, 2)
    assert second.reports[["id", "duplicate_of"]].fillna("-").values.tolist() == [["x", "-"], ["y", "-"], ["x~2", "x"]]
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    reasons = [p.reason for p in second.problems]
    assert any("unreadable date 'not a date'" in r for r in reasons)
    assert any("id 'x' is also used by" in r and "'x~2'" in r for r in reasons)
    assert any(p.line == 2 and "b.jsonl" in p.path for p in second.problems if "warning" not in str(p))
    pd.testing.assert_frame_equal(second.figures, first.figures)


def test_an_id_taken_by_a_new_earlier_file_makes_the_later_file_read_again(tmp_path, no_corrections, opened):
    corpus = tmp_path / "c"
    corpus.mkdir()
    text = "وأفادت مصادر محلية أن الفيلق الخامس جند 120 شاباً في ريف درعا الغربي."
    _jsonl(corpus / "b.jsonl", [{"id": "x", "date": "2021-05-02", "text": text}])
    _run(corpus, tmp_path / "cache", no_corrections)
    _jsonl(corpus / "a.jsonl", [{"id": "x", "date": "2021-05-01", "text": text + " ووزعت 40 سلة."}])
    opened.clear()
    second = _run(corpus, tmp_path / "cache", no_corrections)
    assert opened == ["a.jsonl", "b.jsonl"]   # b's report is now read as x~2: a new key, extracted again
    assert second.reports["id"].tolist() == ["x", "x~2"]
    assert _counts(second) == (0, 2, 2, 0)
    fresh = run_pipeline([corpus], corrections=no_corrections, workers=1)
    pd.testing.assert_frame_equal(second.figures, fresh.figures)


def test_a_new_extractor_version_reads_and_extracts_everything(tmp_path, corpus, opened):
    def run(version):
        cache = ExtractionCache(tmp_path / "cache", version=version)
        done = list(extract_reports(reports_of([corpus], lambda problem: None, cache), 1, cache=cache))
        return cache.close(), done

    run("aaaa")
    opened.clear()
    summary, done = run("aaaa")
    assert (summary["hits"], summary["files_read"], opened) == (25, 0, [])
    summary, done = run("bbbb")   # lexicons or rules edited: a new version
    assert (summary["hits"], summary["misses"], summary["files_read"], summary["files_unchanged"]) == (0, 25, 22, 0)
    assert summary["re_extracted_all"] is True and "every report is extracted again" in summary["note"]
    assert len(opened) == 22 and not any(item.cached for item in done)


def test_import_statements_are_all_those_a_full_walk_finds():
    import ast

    from helpers.store.cache import PACKAGE, import_statements

    for path in sorted(PACKAGE.rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        every = [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
        assert sorted(map(ast.dump, import_statements(tree))) == sorted(map(ast.dump, every)), path


def test_a_file_name_that_is_not_utf8_is_remembered(tmp_path, no_corrections, opened):
    corpus = tmp_path / "c"
    corpus.mkdir()
    name = os.fsdecode(b"r\xe9port.txt")   # Latin-1 bytes: not UTF-8
    (corpus / name).write_text("date: 2021-05-01\n\nجند الفيلق الخامس 120 شاباً في ريف درعا.\n", encoding="utf-8")
    first = _run(corpus, tmp_path / "cache", no_corrections)
    opened.clear()
    second = _run(corpus, tmp_path / "cache", no_corrections)
    assert opened == [] and _counts(second) == (1, 0, 0, 1)
    assert second.reports["path"].tolist() == first.reports["path"].tolist()
    assert [str(p) for p in second.problems] == [str(p) for p in first.problems]
    assert any("not valid UTF-8" in str(p) for p in second.problems)
