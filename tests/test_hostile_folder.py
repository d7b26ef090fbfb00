"""One `helpers run` over a folder of good reports mixed with hostile input
(issue 10): the run finishes, the report is whole, every good report's figures
are there, every hostile file is named with its reason, no traceback, and no
CSV cell a spreadsheet would run. A folder with nothing readable exits 2."""
from __future__ import annotations

import csv
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from helpers.safe_csv import FORMULA_STARTS

GOOD = {
    "good-1.txt": "id: good-1\ndate: 2024-02-11\nsource: شبكة الرصد المحلية\n\nارتفاع أعداد المنتسبين في البادية\n\n"
                  "قالت مصادر محلية إن عدد الشبان الذين انضموا إلى الفيلق الخامس في ريف حمص الشرقي "
                  "ارتفع إلى نحو 900 عنصر، مقابل راتب شهري قدره 120 دولاراً.\n",
    "good-2.md": "id: good-2\ndate: 2024-01-20\nsource: وكالة محلية\n\nتوزيع سلال في ريف حماة\n\n"
                 "وزعت القوات الروسية 500 سلة غذائية على العائلات في الريف الحموي الشمالي.\n",
}
GOOD_LINE = {"id": "good-3", "date": "2024-03-05", "title": "=HYPERLINK(\"http://x\",\"click\")",
             "source": "@SUM(1+1)", "text": "+cmd|' /C calc'!A0 استقطبت الميليشيات الموالية لإيران "
                                            "في الميادين أكثر من 300 شاب خلال الأسبوع الماضي."}


def hostile_folder(root: Path) -> tuple[Path, dict[str, str]]:
    """The corpus, and for each hostile input the words its rejection must hold."""
    corpus = root / "incoming"
    corpus.mkdir(parents=True)
    for name, text in GOOD.items():
        (corpus / name).write_text(text, encoding="utf-8")
    lines = [json.dumps(GOOD_LINE, ensure_ascii=False), '{"id": "s", "text": "\\ud800"}',
             "[" * 100_000 + "]" * 100_000, '{"id": "n", "text": "x", "n": ' + "7" * 5000 + "}", "{broken"]
    (corpus / "feed.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (corpus / "huge-number.txt").write_text("id: huge\n\nعنوان\n\nجندت روسيا " + "9" * 400 + " عنصر في درعا.\n",
                                            encoding="utf-8")
    (corpus / "one-line.txt").write_text("سطر طويل " + "جندت روسيا 300 عنصر في درعا، " * 3500, encoding="utf-8")
    (corpus / "table.csv").write_text('id,title,text\nc-1,"-2+3","انضم 40 عنصراً\nإلى الفيلق الخامس في درعا."\n'
                                      "c-2,عنوان,\n", encoding="utf-8")
    (corpus / "dup").mkdir()
    (corpus / "dup" / "good-1.txt").write_text(GOOD["good-1.txt"].replace("900", "950"), encoding="utf-8")
    with open(os.fsencode(corpus) + b"/caf\xe9.txt", "w", encoding="utf-8") as handle:
        handle.write("id: latin-name\n\nعنوان\n\nوصلت دفعة من 70 عنصراً إلى المعسكر في دير الزور.\n")
    (corpus / "scan.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    (corpus / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    (corpus / "empty.txt").write_bytes(b"")
    os.symlink("..", corpus / "up")
    os.symlink("self", corpus / "self")
    expected = {
        "feed.jsonl:2": "lone surrogate", "feed.jsonl:3": "nested too deeply", "feed.jsonl:4": "Exceeds the limit",
        "feed.jsonl:5": "broken JSON line", "huge-number.txt": "400 digits is beyond any real count",
        "table.csv:4": "row 2 has empty text", "good-1.txt": "also used by",
        "caf\\xe9.txt": "not valid UTF-8", "scan.png": "unsupported file type", "binary.txt": "binary file",
        "empty.txt": "empty file", "up": "outside the folder given", "self": "link loop",
    }
    return corpus, expected


def tracebacks_of_the_run(stderr: str) -> list[str]:
    """The tracebacks in a run's stderr, less those a notebook kernel's ZMQ stream logs of its own at
    shutdown now and then (pyzmq's `zmqstream._log_error`: "Uncaught exception in ZMQStream
    callback"), which do not come from the run's code."""
    lines, blocks = stderr.splitlines(), []
    for i, line in enumerate(lines):
        if "Traceback (most recent call last):" in line:
            indent = len(line) - len(line.lstrip())
            block = [line] + list(itertools.takewhile(lambda rest: len(rest) - len(rest.lstrip()) > indent,
                                                      lines[i + 1:]))
            if not any("zmq/eventloop/" in row for row in block):
                blocks.append("\n".join(block))
    return blocks


def test_a_kernel_s_zmq_log_is_not_a_traceback_of_the_run():
    zmq_log = ("[E] Uncaught exception in ZMQStream callback\n    Traceback (most recent call last):\n"
               "      File \"/v/zmq/eventloop/zmqstream.py\", line 585, in _log_error\n        f.result()\n")
    ours = "Traceback (most recent call last):\n  File \"/v/helpers/run/steps.py\", line 3, in go\nKeyError: 'x'\n"
    assert tracebacks_of_the_run("[1/4] 01_load\n" + zmq_log) == []
    assert tracebacks_of_the_run(zmq_log + ours) == [
        "Traceback (most recent call last):\n  File \"/v/helpers/run/steps.py\", line 3, in go"]


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "run", *args], capture_output=True, text=True,
                          timeout=600, env={**os.environ, "PYTHONWARNINGS": "ignore"})


@pytest.fixture(scope="module")
def hostile_run(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile")
    corpus, expected = hostile_folder(root)
    out = root / "reports"
    result = run_cli("--corpus", str(corpus), "--out", str(out), "--lang", "en")
    return {"result": result, "corpus": corpus, "expected": expected, "out": out}


def test_the_run_finishes_with_a_full_report(hostile_run):
    result, out = hostile_run["result"], hostile_run["out"]
    assert result.returncode == 0, result.stderr
    assert tracebacks_of_the_run(result.stderr) == []
    run_dir = out / os.readlink(out / "latest")
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["problems"] == []
    html = (run_dir / "report.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>")
    assert html.count("data:image/svg+xml;base64,") + html.count("data:image/png;base64,") >= 5   # every chart
    assert not (run_dir / "charts" / "failures.json").exists()
    assert not list(run_dir.rglob("*.tmp"))
    assert "caf\\\\xe9.txt" in json.dumps(manifest["inputs"])


def test_every_good_report_gives_its_figures(hostile_run):
    run_dir = hostile_run["out"] / "latest"
    figures = pd.read_parquet(run_dir / "figures.parquet")
    found = set(zip(figures["report_id"], figures["value"]))
    # dup/good-1.txt comes first in the walk and keeps the id; the top-level file is read as good-1~2
    assert {("good-1", 950), ("good-1~2", 900), ("good-1~2", 120), ("good-2", 500), ("good-3", 300),
            ("c-1", 40), ("latin-name", 70)} <= found
    assert figures["id"].is_unique
    assert figures["value"].map(lambda v: abs(v) < 1e15).all()
    assert (figures["report_id"] == "one-line").sum() == 3500     # the 100 KB line, every clause read


def test_every_hostile_file_is_named_with_its_reason(hostile_run):
    stderr, corpus = hostile_run["result"].stderr, hostile_run["corpus"]
    lines = stderr.splitlines()
    for where, reason in hostile_run["expected"].items():
        prefix = f"{corpus}/{where}:"
        assert any(line.startswith(prefix) and reason in line for line in lines), (where, reason)
    rejections = pd.read_parquet(hostile_run["out"] / "latest" / "rejections.parquet")
    assert rejections["line"].dropna().map(float.is_integer).all()


def test_no_csv_cell_is_a_formula(hostile_run):
    run_dir = hostile_run["out"] / "latest"
    seen = []
    for table in run_dir.glob("*.csv"):
        with open(table, encoding="utf-8", newline="") as handle:
            for row in csv.reader(handle):
                seen += row
                assert not [cell for cell in row if cell.startswith(FORMULA_STARTS)], table.name
    assert "'=HYPERLINK(\"http://x\",\"click\")" in seen and "'@SUM(1+1)" in seen and "'-2+3" in seen


def test_a_folder_with_nothing_readable_exits_2_and_keeps_latest(hostile_run, tmp_path):
    out = hostile_run["out"]
    before = os.readlink(out / "latest")
    corpus = tmp_path / "nothing"
    corpus.mkdir()
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "bad.jsonl").write_text("{broken\n", encoding="utf-8")
    result = run_cli("--corpus", str(corpus), "--out", str(out))
    assert result.returncode == 2
    assert tracebacks_of_the_run(result.stderr) == []
    assert f"{corpus / 'bad.jsonl'}:1: broken JSON line" in result.stderr
    assert "no report could be read from the corpus" in result.stderr
    assert os.readlink(out / "latest") == before


def test_a_missing_or_unreadable_corrections_file_is_one_line(tmp_path):
    corpus = tmp_path / "c"
    corpus.mkdir()
    (corpus / "a.txt").write_text(GOOD["good-1.txt"], encoding="utf-8")
    missing = run_cli("--corpus", str(corpus), "--out", str(tmp_path / "r"), "--param",
                      f"corrections={tmp_path / 'nope.csv'}")
    assert (missing.returncode, missing.stderr) == (
        2, f"run: parameter corrections: {tmp_path / 'nope.csv'}: no such corrections file\n")
    latin = tmp_path / "latin.csv"
    latin.write_bytes(b"id,action,field,value,reason\nx,reject,,,caf\xe9\n")
    broken = run_cli("--corpus", str(corpus), "--out", str(tmp_path / "r"), "--param", f"corrections={latin}")
    assert (broken.returncode, broken.stderr) == (
        2, f"run: parameter corrections: {latin}:2: not UTF-8 (byte 0xe9); save the file as UTF-8\n")
    assert not (tmp_path / "r").exists()
