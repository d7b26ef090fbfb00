"""Extraction on every core, the Parquet store and the extraction cache: the same
records, in the same order, whatever the number of workers or what the cache held."""
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.run.engine import extract_reports, reports_of
from helpers.paths import LEXICONS, SAMPLE_CORPUS
from helpers.run.pipeline import run_pipeline
from helpers.store.cache import ExtractionCache, extraction_sources, extractor_version
from helpers.store.parquet import read_table

ROOT = Path(__file__).resolve().parents[1]


def extract_command(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "extract", *args], capture_output=True, text=True,
                          cwd=ROOT, check=False)


def test_two_workers_write_exactly_what_one_writes():
    one = extract_command(str(SAMPLE_CORPUS), "--workers", "1")
    two = extract_command(str(SAMPLE_CORPUS), "--workers", "2", "--chunk-reports", "3")
    assert one.returncode == two.returncode == 0
    assert one.stdout == two.stdout
    rows = [json.loads(line) for line in two.stdout.splitlines()]
    assert len(rows) > 100 and list(rows[0])[:2] == ["type", "id"]
    assert two.stderr.strip().endswith("extract: 25 report(s) read, 0 rejected")


def test_pool_results_come_back_in_reading_order():
    def ids(workers):
        reports = reports_of([SAMPLE_CORPUS], lambda rejection: None)
        return [(done.report["id"], [r["id"] for r in done.figures + done.incentives])
                for done in extract_reports(reports, workers, chunk_reports=2)]
    assert ids(2) == ids(1)
    assert [report for report, _ in ids(1)] == sorted(report for report, _ in ids(1))


def test_workers_must_be_positive():
    result = extract_command(str(SAMPLE_CORPUS), "--workers", "0")
    assert result.returncode == 2 and "--workers" in result.stderr


@pytest.fixture()
def no_corrections(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("id,action,field,value,reason\n", encoding="utf-8")
    return path


def test_store_holds_every_record_partitioned_by_month(tmp_path, no_corrections):
    result = run_pipeline([SAMPLE_CORPUS], corrections=no_corrections, workers=2, store=tmp_path / "store")
    stored = read_table(tmp_path / "store", "figures")
    assert stored["id"].tolist() == result.figures["id"].tolist()
    assert stored["value"].tolist() == result.figures["value"].tolist()
    assert stored["regions"].tolist() == result.figures["regions"].tolist()
    months = sorted(p.name for p in (tmp_path / "store" / "figures").iterdir())
    assert months[0].startswith("month=20") and len(months) > 5
    june = read_table(tmp_path / "store", "figures", columns=["id", "report_date"], months=[months[0][6:]])
    assert set(june["report_date"].str[:7]) == {months[0][6:]}
    assert read_table(tmp_path / "store", "reports")["id"].tolist() == result.reports["id"].tolist()


def test_cache_reuses_unchanged_reports_and_gives_the_same_results(tmp_path, no_corrections):
    corpus = tmp_path / "corpus"
    shutil.copytree(SAMPLE_CORPUS, corpus)
    cache = tmp_path / "cache"
    first = run_pipeline([corpus], corrections=no_corrections, workers=1, cache=cache)
    assert (first.cache["hits"], first.cache["misses"]) == (0, 25)
    changed = sorted(corpus.glob("*.txt"))[3]
    changed.write_text(changed.read_text(encoding="utf-8") + "\nووزعت روسيا 40 سلة غذائية في درعا.\n",
                       encoding="utf-8")
    second = run_pipeline([corpus], corrections=no_corrections, workers=1, cache=cache)
    assert (second.cache["hits"], second.cache["misses"]) == (24, 1)
    fresh = run_pipeline([corpus], corrections=no_corrections, workers=1)
    for table in ("figures", "incentives", "reports"):
        pd.testing.assert_frame_equal(getattr(second, table), getattr(fresh, table))
    pd.testing.assert_frame_equal(second.aggregation.table(), fresh.aggregation.table())


def test_a_lexicon_change_is_a_new_extractor_version(tmp_path):
    lexicons = tmp_path / "lexicons"
    shutil.copytree(LEXICONS, lexicons)
    before = extractor_version(lexicons)
    with open(lexicons / "incentives.csv", "a", encoding="utf-8") as handle:
        handle.write("\n")
    assert extractor_version(lexicons) != before
    assert {p.name for p in extraction_sources()} >= {"numbers.py", "attribution.py", "lexicons.py"}


def test_a_new_version_says_everything_is_extracted_again(tmp_path):
    old = ExtractionCache(tmp_path, version="aaaa")
    old.put("k", [], [], [1, 2])
    old.close()
    new = ExtractionCache(tmp_path, version="bbbb")
    assert "k" not in new
    summary = new.close()
    assert summary["re_extracted_all"] is True
    assert "every report is extracted again" in summary["note"] and "aaaa" in summary["note"]


def test_aggregate_over_a_parquet_store_equals_aggregate_over_the_reports(tmp_path):
    written = extract_command(str(SAMPLE_CORPUS), "--format", "parquet", "--out", str(tmp_path / "store"),
                              "--workers", "2", "--chunk-reports", "4")
    assert written.returncode == 0, written.stderr
    over_store = subprocess.run([sys.executable, "-m", "helpers", "aggregate", "--store", str(tmp_path / "store")],
                                capture_output=True, text=True, cwd=ROOT, check=True).stdout
    over_reports = subprocess.run([sys.executable, "-m", "helpers", "aggregate", str(SAMPLE_CORPUS)],
                                  capture_output=True, text=True, cwd=ROOT, check=True).stdout
    assert over_store == over_reports and over_store.count("\n") > 10
