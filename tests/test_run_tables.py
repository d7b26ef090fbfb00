"""Step 2 without holding the records (`run_pipeline(hold=False)`, `helpers.run.run_tables`):
the run folder's tables are the same files as when every record is held, and a re-run with
a cache links the archive's parts instead of writing them again (`helpers.store.archive`)."""
from __future__ import annotations

import filecmp
import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from helpers import paths
from helpers.run import run_tables
from helpers.run import steps as rasd
from helpers.store.cache import LazyRecords

SAMPLE = paths.SAMPLE_CORPUS


def run_step2(corpus, out: Path, hold: bool, corrections=None, cache=None) -> dict:
    """What notebook 02 writes, into `out`; returns the cache summary."""
    out.mkdir(parents=True)
    result = rasd.pipeline_step([str(c) for c in corpus], None, None, corrections, workers=1, store=out / "store",
                                cache=cache, hold=hold)
    rasd.write_run_tables(out, result, result.aggregation.table(), rasd.problems_frame(result.problems))
    return result.cache


def assert_same_tables(held: Path, streamed: Path) -> None:
    names = sorted(p.name for p in held.glob("*.csv"))
    assert names == sorted(p.name for p in streamed.glob("*.csv"))
    assert {"figures.csv", "incentives.csv", "totals.csv", "contradictions.csv"} <= set(names)
    for name in names:
        assert filecmp.cmp(held / name, streamed / name, shallow=False), name
        stem = name[:-4]
        pd.testing.assert_frame_equal(pd.read_parquet(held / f"{stem}.parquet"),
                                      pd.read_parquet(streamed / f"{stem}.parquet"), obj=stem)


@pytest.fixture
def corrections_file(tmp_path):
    """Every kind of correction, on the sample's records: a value, a rejection, regions, a unit
    starting like a formula, an acceptance, an incentive's actor, an orphan, and a second
    correction of one record."""
    held = tmp_path / "probe"
    run_step2([SAMPLE], held, hold=True)
    figures = pd.read_parquet(held / "figures.parquet")["id"].tolist()
    incentive = pd.read_parquet(held / "incentives.parquet")["id"].tolist()[2]
    path = tmp_path / "corrections.csv"
    path.write_text("id,action,field,value,reason,reviewed_by,reviewed_at\n"
                    f"{figures[0]},correct,value,1234,fix,ann,2026-12-01\n"
                    f"{figures[1]},reject,,,wrong,bob,2026-12-01\n"
                    f"{figures[3]},correct,regions,SY-DR|SY-QU,place,,\n"
                    f"{figures[7]},correct,unit,=وحدة,text,ann,\n"
                    f"{figures[18]},accept,,,ok,carl,\n"
                    f"{figures[38]},correct,actor,iran,who,,\n"
                    f"{incentive},correct,actor,russia,inc,,\n"
                    "nobody:f:1,reject,,,gone,,\n"
                    f"{figures[0]},correct,category,aid_recipients,again,,\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("piece_rows", [50_000, 7])
def test_tables_written_from_the_store_are_the_files_written_from_memory(tmp_path, corrections_file, monkeypatch,
                                                                         piece_rows):
    monkeypatch.setattr(run_tables, "CHUNK_ROWS", piece_rows)   # 7: many pieces, each corrected on its own
    run_step2([SAMPLE], tmp_path / "held", hold=True, corrections=str(corrections_file))
    run_step2([SAMPLE], tmp_path / "streamed", hold=False, corrections=str(corrections_file))
    assert_same_tables(tmp_path / "held", tmp_path / "streamed")
    applied = pd.read_csv(tmp_path / "streamed" / "corrections_applied.csv")
    assert len(applied) == 8 and (applied["action"] == "reject").sum() == 1
    orphans = pd.read_csv(tmp_path / "streamed" / "corrections_orphaned.csv")
    assert orphans["id"].tolist() == ["nobody:f:1"]
    figures = pd.read_parquet(tmp_path / "streamed" / "figures.parquet").set_index("id")
    first = applied["id"].iloc[0]
    assert figures.loc[first, "value"] == 1234 and figures.loc[first, "category"] == "aid_recipients"
    assert ",'=وحدة," in (tmp_path / "streamed" / "figures.csv").read_text(encoding="utf-8")


def test_an_empty_corpus_gives_the_same_empty_tables(tmp_path):
    corpus = tmp_path / "empty"
    corpus.mkdir()
    run_step2([corpus], tmp_path / "held", hold=True)
    run_step2([corpus], tmp_path / "streamed", hold=False)
    for name in ("figures", "incentives", "totals"):
        assert (tmp_path / "held" / f"{name}.csv").read_text() == (tmp_path / "streamed" / f"{name}.csv").read_text()


def corpus_copy(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    shutil.copytree(SAMPLE, folder, ignore=shutil.ignore_patterns("README*"))
    return folder


def new_report(folder: Path, name: str) -> None:
    (folder / name).write_text("id: new-1\ndate: 2024-03-02\nsource: شبكة محلية\n\nتقرير جديد\n\n"
                               "قالت مصادر محلية إن عدد المنتسبين إلى الفيلق الخامس في ريف درعا الغربي "
                               "ارتفع إلى نحو 300 عنصر.\n", encoding="utf-8")


def test_a_rerun_links_the_archive_and_appends_only_the_new_reports(tmp_path):
    corpus, cache = corpus_copy(tmp_path), tmp_path / "cache"
    first = run_step2([corpus], tmp_path / "run1", hold=False, cache=cache)
    assert first["store"]["linked"] and first["store"]["reports_from_archive"] == 0
    archived = first["store"]["reports_appended"]
    assert archived > 10 and first["files_read"] > 10

    new_report(corpus, "zz_new.txt")   # sorted last: read after every archived report
    second = run_step2([corpus], tmp_path / "run2", hold=False, cache=cache)
    assert second["files_read"] == 1 and second["hits"] == archived and second["misses"] == 1
    assert second["store"] | {"note": ""} == {"linked": True, "archive": second["store"]["archive"],
                                             "files_linked": second["store"]["files_linked"], "note": "",
                                             "reports_from_archive": archived, "reports_appended": 1}
    archive = Path(second["store"]["archive"])
    parts = json.loads((archive / "parts.json").read_text())["parts"]
    assert [(p["name"], p["reports"]) for p in parts] == [("00001", archived), ("00002", 1)]
    # every record file of the run's store is the archive's file itself (a hard link), not a copy
    stored = sorted(p for table in ("figures", "incentives")
                    for p in (tmp_path / "run2" / "store" / table).glob("month=*/part-*.parquet"))
    assert stored and all((archive / p.relative_to(tmp_path / "run2" / "store")).samefile(p) for p in stored)
    assert {p.name for p in stored} == {"part-00001.parquet", "part-00002.parquet"}
    # the same tables as a run that holds every record and has no cache
    run_step2([corpus], tmp_path / "held", hold=True)
    assert_same_tables(tmp_path / "held", tmp_path / "run2")


def republication(folder: Path, source: str, name: str, report_id: str, date: str) -> None:
    """A sample report published again under another id and date, one sentence added."""
    body = (SAMPLE / source).read_text(encoding="utf-8").split("\n\n", 1)[1]
    (folder / name).write_text(f"id: {report_id}\ndate: {date}\nsource: شبكة محلية\n\n{body}\n"
                               "وأكد ناشطون صحة هذه الأنباء.\n", encoding="utf-8")


@pytest.mark.parametrize("piece_rows", [50_000, 7])
def test_reruns_recall_the_saved_near_duplicate_index_and_kept_pieces_and_give_a_fresh_runs_tables(
        tmp_path, monkeypatch, piece_rows):
    """Each run that appends to the archive keeps the near-duplicate index of the archive's
    reports beside it, and the pieces of its figures and incentives files; the next run recalls
    its archived reports' links from the index and adds only the new ones, and copies the pieces
    nothing changed. At each step (a republication, one dated before every report: archived
    figures become its repeats, a corrections file, then the same run again) the tables are a
    run from scratch's over the same reports: the reports table (near_duplicate_of, similarity),
    the records, the totals."""
    from helpers.analysis.near_duplicates import saved_reports
    from helpers.store.written import KeptPieces

    monkeypatch.setattr(run_tables, "CHUNK_ROWS", piece_rows)   # 7: many pieces, most inside the archive
    copied = []
    real_get = KeptPieces.get
    monkeypatch.setattr(KeptPieces, "get", lambda self, start, key: copied.append(real_get(self, start, key))
                        or copied[-1])
    corpus, cache = corpus_copy(tmp_path), tmp_path / "cache"
    first = run_step2([corpus], tmp_path / "run1", hold=False, cache=cache)
    archive = Path(first["store"]["archive"])
    assert saved_reports(archive / "near") == first["store"]["reports_appended"]
    assert not any(copied)
    figures = pd.read_parquet(tmp_path / "run1" / "figures.parquet")["id"].tolist()
    corrections = tmp_path / "corrections.csv"
    corrections.write_text("id,action,field,value,reason,reviewed_by,reviewed_at\n"
                           f"{figures[2]},correct,value,777,fix,ann,2026-12-01\n"
                           f"{figures[5]},reject,,,wrong,bob,2026-12-01\n", encoding="utf-8")
    steps = [("zz_1.txt", "repub-1", "2024-05-01", None), ("zz_2.txt", "repub-2", "2016-01-01", None),
             (None, None, None, str(corrections)), (None, None, None, str(corrections))]
    for number, (name, report_id, date, corrected) in enumerate(steps, start=2):
        if name:
            republication(corpus, "01_russia-badia-hunters.txt", name, report_id, date)
        copied.clear()
        summary = run_step2([corpus], tmp_path / f"run{number}", hold=False, cache=cache, corrections=corrected)
        assert summary["store"]["linked"] and summary["store"]["reports_appended"] == (1 if name else 0)
        assert saved_reports(archive / "near") == summary["hits"] + (1 if name else 0)
        run_step2([corpus], tmp_path / f"held{number}", hold=True, corrections=corrected)
        assert_same_tables(tmp_path / f"held{number}", tmp_path / f"run{number}")
        if piece_rows == 7:   # new corrections change every piece; the same run again none
            assert copied and (any(copied) if number != 4 else not any(copied))
            assert all(copied) if number in (2, 5) else True
    reports = pd.read_parquet(tmp_path / "run3" / "reports.parquet").set_index("id")
    original = reports.index[reports["path"].str.endswith("01_russia-badia-hunters.txt")][0]
    assert reports.loc["repub-1", "near_duplicate_of"] == original
    assert reports.loc["repub-2", "near_duplicate_of"] == "repub-1" and reports.loc["repub-2", "similarity"] == 1.0


def test_a_run_that_leaves_the_archive_order_forgets_the_saved_index_past_the_shared_reports(tmp_path):
    corpus, cache = corpus_copy(tmp_path), tmp_path / "cache"
    republication(corpus, "01_russia-badia-hunters.txt", "zz_1.txt", "repub-1", "2024-05-01")
    run_step2([corpus], tmp_path / "run1", hold=False, cache=cache)
    (corpus / "zz_1.txt").rename(corpus / "00_1.txt")      # the republication now read first: it repeats none
    summary = run_step2([corpus], tmp_path / "run2", hold=False, cache=cache)
    assert not summary["store"]["linked"]
    run_step2([corpus], tmp_path / "held", hold=True)
    assert_same_tables(tmp_path / "held", tmp_path / "run2")
    reports = pd.read_parquet(tmp_path / "run2" / "reports.parquet").set_index("id")
    assert pd.isna(reports.loc["repub-1", "near_duplicate_of"])
    assert reports["near_duplicate_of"].eq("repub-1").any()    # the original now repeats it


def test_a_run_whose_reports_differ_from_the_archive_writes_its_store_and_gives_the_same_tables(tmp_path):
    corpus, cache = corpus_copy(tmp_path), tmp_path / "cache"
    run_step2([corpus], tmp_path / "run1", hold=False, cache=cache)
    removed = sorted(corpus.glob("*.txt"))[2]
    removed.unlink()                          # a report of the middle gone: the first two are shared
    new_report(corpus, "00_first.txt")        # and a new one read first: nothing is shared
    for label in ("first", "middle"):
        if label == "middle":
            (corpus / "00_first.txt").unlink()
        summary = run_step2([corpus], tmp_path / f"run-{label}", hold=False, cache=cache)
        assert not summary["store"]["linked"]
        assert summary["store"]["reports_from_archive"] == (0 if label == "first" else 2)
        run_step2([corpus], tmp_path / f"held-{label}", hold=True)
        assert_same_tables(tmp_path / f"held-{label}", tmp_path / f"run-{label}")
    archive = Path(summary["store"]["archive"])
    assert len(json.loads((archive / "parts.json").read_text())["parts"]) == 1   # the archive is unchanged


def test_lazy_records_are_counted_without_decoding_and_decoded_when_read():
    rows = [{"id": "r:f:1", "sentence": 'قال {"id": "x"}', "basis": {"actor": "frame"}}, {"id": "r:f:2"}]
    records = LazyRecords(json.dumps(rows, ensure_ascii=False))
    assert len(records) == 2 and records._text is not None     # counted in the text
    assert list(records) == rows and records[1] == {"id": "r:f:2"} and records._text is None
    assert len(LazyRecords("[]")) == 0 and not LazyRecords("[]")


@pytest.mark.parametrize("max_rows", [3, 2000])
def test_the_report_read_in_part_is_the_report_read_whole(tmp_path, corrections_file, max_rows):
    from helpers.present import report

    out = tmp_path / "run"
    run_step2([SAMPLE], out, hold=False, corrections=str(corrections_file))
    whole = report.load_run_tables(out)
    part = report.load_run_tables(out, max_rows=max_rows)
    assert len(part.figures) < len(whole.figures) if max_rows == 3 else len(part.figures) <= len(whole.figures)
    assert part.counts == {"figures": len(report.split_figures(whole.figures)[0]),
                           "durations": len(report.split_figures(whole.figures)[1]),
                           "incentives": len(whole.incentives)}
    for lang in ("ar", "en"):
        pages = [report.render_report(tables, lang=lang, run_id="r", generated="g", max_rows=max_rows)
                 for tables in (whole, part)]
        assert pages[0] == pages[1]
        assert report.findings(whole, lang) == report.findings(part, lang)


def test_the_charts_drawn_from_the_chart_columns_are_the_charts_drawn_from_whole_tables(tmp_path):
    import io

    import matplotlib

    from helpers.present import charts

    out = tmp_path / "run"
    run_step2([SAMPLE], out, hold=False)
    figures, incentives, totals = rasd.chart_tables(out)
    assert "sentence" in figures and figures["sentence"].notna().sum() == (figures["unit"] == "item").sum() > 0
    assert "text" not in figures and "sentence" not in incentives

    def pictures(*tables) -> dict[str, bytes]:
        drawn = charts.all_charts(*tables, lang="ar", totals=totals)
        found = {}
        with matplotlib.rc_context({"svg.hashsalt": "rasd"}):
            for name, figure in drawn.items():
                buffer = io.BytesIO()
                figure.savefig(buffer, format="svg", metadata={"Date": None})
                found[name] = buffer.getvalue()
        return found

    whole = pictures(pd.read_parquet(out / "figures.parquet"), pd.read_parquet(out / "incentives.parquet"))
    assert pictures(figures, incentives) == whole and len(whole) == 5
