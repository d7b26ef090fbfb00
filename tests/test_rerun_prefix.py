"""A re-run takes what the archive's reports gave as it is (`helpers.store.run_prefix`): the
reports table's rows, the problems and the archive's counts up to the last input file that is
unchanged and in its place; only what follows goes through the engine. Every table it writes is
the one a run from scratch (no cache, every record held) writes on the same inputs."""
from __future__ import annotations

import os
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.records import Rejection
from helpers.run import steps as rasd
from helpers.store.run_prefix import RunPrefix

SAMPLE = paths.SAMPLE_CORPUS
HEADER = "date: 2024-03-02\nsource: شبكة محلية\n\n"
CLAUSE = "قالت مصادر محلية إن عدد المنتسبين إلى الفيلق الخامس في ريف درعا الغربي ارتفع إلى نحو {n} عنصر.\n"


@pytest.fixture
def engine_saw(monkeypatch):
    """The ids of the reports the engine was given, per run."""
    import helpers.run.pipeline as pipeline

    seen: list[str] = []
    real = pipeline.extract_reports

    def spied(reports, *args, **kwargs):
        def counted():
            for report in reports:
                seen.append(report.id)
                yield report
        return real(counted(), *args, **kwargs)

    monkeypatch.setattr(pipeline, "extract_reports", spied)
    return seen


def run_step2(corpus: Path, out: Path, cache: Path | None = None) -> dict:
    """What notebook 02 writes into `out` (with `cache`: the store linked from its archive;
    without: every record held, nothing kept); returns the cache summary."""
    out.mkdir(parents=True)
    result = rasd.pipeline_step([str(corpus)], None, None, None, workers=1, store=out / "store", cache=cache,
                                hold=cache is None)
    rasd.write_run_tables(out, result, result.aggregation.table(), rasd.problems_frame(result.problems))
    return result.cache


def assert_same_tables(scratch: Path, rerun: Path) -> None:
    """Every table, byte for byte (CSV) and value for value (Parquet)."""
    names = sorted(p.name for p in scratch.glob("*.csv"))
    assert names == sorted(p.name for p in rerun.glob("*.csv"))
    assert {"reports.csv", "figures.csv", "incentives.csv", "totals.csv", "contradictions.csv",
            "rejections.csv"} <= set(names)
    for name in names:
        assert (scratch / name).read_bytes() == (rerun / name).read_bytes(), name
        pd.testing.assert_frame_equal(pd.read_parquet(scratch / name.replace(".csv", ".parquet")),
                                      pd.read_parquet(rerun / name.replace(".csv", ".parquet")), obj=name)


def assert_same_load_summary(corpus: Path, cache: Path) -> None:
    """Notebook 01's reports table and problems, with the cache as without it."""
    rows, problems = rasd.load_summary_step([str(corpus)], cache)
    fresh_rows, fresh_problems = rasd.load_summary_step([str(corpus)])
    pd.testing.assert_frame_equal(rows, fresh_rows)
    assert problems == fresh_problems


def write(folder: Path, name: str, report_id: str, figure: int, date_line: str = "date: 2024-03-02") -> None:
    (folder / name).write_text(f"id: {report_id}\n{date_line}\nsource: شبكة محلية\n\nتقرير {report_id}\n\n"
                               + CLAUSE.format(n=figure), encoding="utf-8")


@pytest.fixture
def corpus(tmp_path) -> Path:
    """The sample corpus and one report with load warnings (an id the sample uses, a date that
    cannot be read), read after every sample report."""
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("README*"))
    write(folder, "30_warned.txt", "gen-a", 410, date_line="date: يوم ما")
    (folder / "30_warned.txt").write_text((folder / "30_warned.txt").read_text(encoding="utf-8").replace(
        "id: gen-a", "id: " + sample_ids(folder)[0]), encoding="utf-8")
    return folder


def sample_ids(folder: Path) -> list[str]:
    from helpers.ingest.load import load_paths

    return [r.id for r in load_paths([folder]).reports]


def reports_after(folder: Path, first_file: str) -> list[str]:
    """The ids a run from scratch reads from `first_file` on (in file order)."""
    from helpers.ingest.load import load_paths

    reports = load_paths([folder]).reports
    return [r.id for r in reports if Path(r.path).name >= first_file]


def test_a_rerun_sends_only_the_new_files_reports_through_the_engine(tmp_path, corpus, engine_saw):
    cache = tmp_path / "cache"
    first = run_step2(corpus, tmp_path / "run1", cache)
    archived = first["store"]["reports_appended"]
    assert len(engine_saw) == archived == 26 and first["misses"] == 26
    kept = RunPrefix.load(Path(first["store"]["archive"]) / "run", _archive_keys(first))
    assert kept is not None and kept.counts(len(kept.items))["reports"] == 26
    # new files: an exact copy of a sample report's text under another id (a duplicate), and
    # a report whose id an archived report has (read as `~2`)
    text = (corpus / "04_iran-west-euphrates-1100.txt").read_text(encoding="utf-8")
    (corpus / "40_copy.txt").write_text(text.replace(text.split("\n", 1)[0], "id: copy-04"), encoding="utf-8")
    write(corpus, "41_reused.txt", "gen-b", 620)
    (corpus / "41_reused.txt").write_text((corpus / "41_reused.txt").read_text(encoding="utf-8").replace(
        "id: gen-b", "id: " + sample_ids(corpus)[3]), encoding="utf-8")
    engine_saw.clear()
    second = run_step2(corpus, tmp_path / "run2", cache)
    reused = sample_ids(corpus)[3]
    assert engine_saw == ["copy-04", f"{reused}~2"]
    assert (second["hits"], second["misses"], second["files_unchanged"], second["files_read"]) == (26, 2, 23, 2)
    assert second["store"]["linked"] and second["store"]["reports_from_archive"] == 26
    assert_same_load_summary(corpus, cache)
    run_step2(corpus, tmp_path / "scratch")
    assert_same_tables(tmp_path / "scratch", tmp_path / "run2")
    reports = pd.read_parquet(tmp_path / "run2" / "reports.parquet").set_index("id")
    original = reports.index[reports["path"].str.endswith("04_iran-west-euphrates-1100.txt")][0]
    assert reports.loc["copy-04", "duplicate_of"] == original
    rejections = pd.read_csv(tmp_path / "run2" / "rejections.csv")
    assert rejections["reason"].str.contains("unreadable date 'يوم ما'").sum() == 1
    assert rejections["reason"].str.contains(f"read as '{sample_ids(corpus)[0]}~2'").sum() == 1
    assert rejections["reason"].str.contains(f"read as '{reused}~2'").sum() == 1
    figures = pd.read_parquet(tmp_path / "run2" / "figures.parquet")
    assert figures.loc[figures["report_id"] == f"{reused}~2", "value"].tolist() == [620]
    # the same run again: nothing through the engine, the same tables
    engine_saw.clear()
    third = run_step2(corpus, tmp_path / "run3", cache)
    assert engine_saw == [] and (third["hits"], third["misses"], third["files_unchanged"]) == (28, 0, 25)
    assert_same_tables(tmp_path / "scratch", tmp_path / "run3")


def _archive_keys(summary: dict) -> list[str]:
    from helpers.store.archive import Archive

    return Archive(summary["store"]["archive"]).keys


@pytest.mark.parametrize("change", ["edited", "removed", "touched"])
def test_a_file_changed_removed_or_touched_in_the_middle_is_read_again_from_there(tmp_path, corpus, engine_saw,
                                                                                  change):
    cache = tmp_path / "cache"
    run_step2(corpus, tmp_path / "run1", cache)
    middle = corpus / "10_iran-west-euphrates-1385.txt"
    expected = reports_after(corpus, "11") if change == "removed" else reports_after(corpus, "10")
    if change == "edited":
        middle.write_text(middle.read_text(encoding="utf-8") + "\n" + CLAUSE.format(n=730), encoding="utf-8")
    elif change == "removed":
        middle.unlink()
    else:   # the same bytes, a new modification time
        os.utime(middle, ns=(middle.stat().st_atime_ns, middle.stat().st_mtime_ns + 10**9))
    write(corpus, "40_new.txt", "new-1", 300)
    engine_saw.clear()
    summary = run_step2(corpus, tmp_path / "run2", cache)
    assert engine_saw == expected + ["new-1"]
    assert summary["store"]["linked"] == (change == "touched")
    assert_same_load_summary(corpus, cache)
    run_step2(corpus, tmp_path / "scratch")
    assert_same_tables(tmp_path / "scratch", tmp_path / "run2")
    figures = pd.read_parquet(tmp_path / "run2" / "figures.parquet")
    if change == "edited":
        assert 730 in figures["value"].tolist()
    # the run after it takes every file as it is again (when it appended to the archive)
    engine_saw.clear()
    run_step2(corpus, tmp_path / "run3", cache)
    assert engine_saw == ([] if change == "touched" else expected + ["new-1"])
    assert_same_tables(tmp_path / "scratch", tmp_path / "run3")


def test_a_changed_lexicon_extracts_every_report_again_and_says_so(tmp_path, corpus, engine_saw, monkeypatch,
                                                                   capsys):
    import helpers.store.cache as cache_module

    lexicons = tmp_path / "lexicons"
    shutil.copytree(paths.LEXICONS, lexicons)
    real = cache_module.extractor_version
    monkeypatch.setattr(cache_module, "extractor_version", lambda: real(lexicons))
    cache = tmp_path / "cache"
    run_step2(corpus, tmp_path / "run1", cache)
    place_file = sorted(lexicons.glob("*.csv"))[0]
    place_file.write_bytes(place_file.read_bytes() + b"\n")   # an edit of a lexicon file
    write(corpus, "40_new.txt", "new-1", 300)
    engine_saw.clear()
    capsys.readouterr()
    summary = run_step2(corpus, tmp_path / "run2", cache)
    assert "every report is extracted again" in capsys.readouterr().err
    assert summary["re_extracted_all"] and (summary["hits"], summary["misses"]) == (0, 27)
    assert engine_saw == sample_ids(corpus) and len(engine_saw) == 27
    assert summary["store"]["reports_from_archive"] == 0
    run_step2(corpus, tmp_path / "scratch")
    assert_same_tables(tmp_path / "scratch", tmp_path / "run2")


def test_the_prefix_ends_before_a_report_refused_over_its_time_budget(tmp_path, corpus, engine_saw, monkeypatch):
    """A refused report is in no archive part: the prefix stops at the file before it, and
    the re-run reads it again (and refuses it again) with everything after it."""
    import helpers.run.engine as engine

    real = engine.extract_one

    def refusing(report, signatures=True):
        if report.id == "slow-1":
            return engine.Extracted(engine.report_row(report), [], [], None, refused=True,
                                    problems=[Rejection(report.path, report.line, "report slow-1: refused")])
        return real(report, signatures)

    monkeypatch.setattr(engine, "extract_one", refusing)
    write(corpus, "15b_slow.txt", "slow-1", 999)
    cache = tmp_path / "cache"
    first = run_step2(corpus, tmp_path / "run1", cache)
    kept = RunPrefix.load(Path(first["store"]["archive"]) / "run", _archive_keys(first))
    before = [name for name in sorted(p.name for p in corpus.iterdir()) if name < "15b"]
    assert [entry[1].rsplit("/", 1)[1] for entry, _ in kept.items] == before
    write(corpus, "40_new.txt", "new-1", 300)
    engine_saw.clear()
    run_step2(corpus, tmp_path / "run2", cache)
    assert engine_saw == reports_after(corpus, "15b")
    run_step2(corpus, tmp_path / "scratch")
    assert_same_tables(tmp_path / "scratch", tmp_path / "run2")
    assert "report slow-1: refused" in (tmp_path / "run2" / "rejections.csv").read_text(encoding="utf-8")


def test_a_prefix_kept_for_other_archive_reports_is_not_used(tmp_path, corpus):
    cache = tmp_path / "cache"
    first = run_step2(corpus, tmp_path / "run1", cache)
    keys = _archive_keys(first)
    folder = Path(first["store"]["archive"]) / "run"
    assert RunPrefix.load(folder, keys) is not None
    assert RunPrefix.load(folder, keys[:-1]) is None                 # fewer reports than it covers
    assert RunPrefix.load(folder, ["0" * 64] + keys[1:]) is None     # another report first


def test_a_file_name_that_is_not_utf8_is_kept_in_the_prefix_and_recalled(tmp_path, engine_saw):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    odd = os.fsdecode(b"caf\xe9.txt")                  # Latin-1 bytes: not UTF-8
    shutil.copy(SAMPLE / "07_iran-west-euphrates-1270.txt", corpus / odd)
    cache = tmp_path / "cache"
    run_step2(corpus, tmp_path / "run1", cache)
    write(corpus, "z.txt", "b-1", 240)   # read after it
    engine_saw.clear()
    summary = run_step2(corpus, tmp_path / "run2", cache)
    assert engine_saw == ["b-1"] and summary["files_unchanged"] == 1
    run_step2(corpus, tmp_path / "scratch")
    assert_same_tables(tmp_path / "scratch", tmp_path / "run2")
