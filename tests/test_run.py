"""`python -m helpers run`: papermill run folder, manifest, latest link, failures."""
from __future__ import annotations

import hashlib
import json
import os
import re
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import pytest

from helpers.run import runner, steps

# A tiny corpus in our own words: three reports, one with a hostile title, and one broken file.
REPORTS = {
    "t-001.txt": "id: t-001\ndate: 2024-02-11\nsource: شبكة الرصد المحلية\n\n"
                 "ارتفاع أعداد المنتسبين في البادية\n\n"
                 "قالت مصادر محلية إن عدد الشبان الذين انضموا إلى الفيلق الخامس في ريف حمص الشرقي "
                 "ارتفع إلى نحو 900 عنصر، مقابل راتب شهري قدره 120 دولاراً.\n",
    "t-002.txt": "id: t-002\ndate: 2024-03-05\nsource: موقع تجريبي\n\n"
                 "<script>alert(1)</script>\n\n"
                 "ذكرت المصادر أن الميليشيات الموالية لإيران في الميادين استقطبت أكثر من 300 شاب خلال الأسبوع الماضي. "
                 "وكتب أحدهم <img src=x onerror=alert(2)> في منشور على الإنترنت.\n",
    "t-003.md": "id: t-003\ndate: 2024-01-20\nsource: وكالة محلية\n\n"
                "توزيع سلال في ريف حماة\n\n"
                "وزعت القوات الروسية 500 سلة غذائية على العائلات في الريف الحموي الشمالي.\n",
    "bad.jsonl": '{"id": "j-1", "text": "وصلت دفعة من 40 عنصراً إلى المعسكر."}\n{this is not json\n',
}
NOTEBOOK_NAMES = ["01_load.ipynb", "02_extract.ipynb", "03_charts.ipynb", "04_report.ipynb"]


def write_corpus(folder: Path) -> Path:
    folder.mkdir(parents=True)
    for name, text in REPORTS.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "helpers", "run", *args], capture_output=True, text=True,
                          timeout=300, env={**os.environ, "PYTHONWARNINGS": "ignore"})


@pytest.fixture(scope="module")
def good_run(tmp_path_factory):
    """One successful run shared by the tests below."""
    root = tmp_path_factory.mktemp("run")
    corpus = write_corpus(root / "corpus")
    out = root / "reports"
    result = run_cli("--corpus", str(corpus), "--out", str(out))
    assert result.returncode == 0, result.stderr
    run_dir = Path(result.stdout.strip().splitlines()[-1]).parent
    return {"result": result, "corpus": corpus, "out": out, "run_dir": run_dir}


def test_run_prints_report_path_and_one_progress_line_per_notebook(good_run):
    result, run_dir = good_run["result"], good_run["run_dir"]
    assert result.stdout.strip().splitlines()[-1] == str(run_dir / "report.html")
    assert re.fullmatch(r"\d{8}T\d{6}Z-[0-9a-f]{6}", run_dir.name)
    assert run_dir.parent == good_run["out"].resolve()
    # Kernel-side log lines may interleave with progress on a busy machine: read the marks, not whole lines.
    started = re.findall(r"\[(\d)/4\] (\S+) …", result.stderr)
    assert started == [(str(i), name) for i, name in enumerate(NOTEBOOK_NAMES, start=1)]
    assert len(re.findall(r" ok \(\d+\.\d s\)", result.stderr)) == 4


def test_run_folder_holds_notebooks_tables_charts_and_report(good_run):
    run_dir = good_run["run_dir"]
    for name in NOTEBOOK_NAMES:
        executed = json.loads((run_dir / name).read_text(encoding="utf-8"))
        assert executed["metadata"]["papermill"]["exception"] is None
        assert any(cell.get("outputs") for cell in executed["cells"] if cell["cell_type"] == "code")
    for table in ("inputs", "reports", "figures", "incentives", "totals", "rejections"):
        csv = pd.read_csv(run_dir / f"{table}.csv")
        assert len(csv) == len(pd.read_parquet(run_dir / f"{table}.parquet")), table
    pngs = sorted(p.stem for p in (run_dir / "charts").glob("*.png"))
    assert pngs and pngs == sorted(p.stem for p in (run_dir / "charts").glob("*.svg"))
    assert (run_dir / "report.html").stat().st_size > 0


def test_tables_carry_the_corpus(good_run):
    run_dir = good_run["run_dir"]
    reports = pd.read_parquet(run_dir / "reports.parquet")
    assert sorted(reports["id"]) == ["j-1", "t-001", "t-002", "t-003"]
    assert reports.set_index("id").loc["t-002", "title"] == "<script>alert(1)</script>"
    figures = pd.read_parquet(run_dir / "figures.parquet")
    row = figures[(figures["report_id"] == "t-001") & (figures["value"] == 900)]
    assert len(row) == 1 and "900" in row.iloc[0]["text"] and row.iloc[0]["text"] in row.iloc[0]["sentence"]
    assert row.iloc[0]["category"] == "recruits"
    rejections = pd.read_csv(run_dir / "rejections.csv")
    bad = rejections[rejections["path"].str.endswith("bad.jsonl")]
    assert bad["line"].tolist() == [2] and bad["kind"].tolist() == ["rejected"]


def test_report_escapes_the_hostile_title(good_run):
    html = (good_run["run_dir"] / "report.html").read_text(encoding="utf-8")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html and "<script" not in html.lower()
    assert '<html lang="ar" dir="rtl">' in html


def test_manifest_records_inputs_versions_and_timings(good_run):
    run_dir, corpus = good_run["run_dir"], good_run["corpus"]
    manifest = json.loads((run_dir / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "ok" and manifest["failure"] is None and manifest["run_id"] == run_dir.name
    expected = {str((corpus / name).resolve()): hashlib.sha256((corpus / name).read_bytes()).hexdigest()
                for name in REPORTS}
    assert {item["path"]: item["sha256"] for item in manifest["inputs"]} == expected
    assert manifest["parameters"]["corpus"] == [str(corpus.resolve())]
    assert manifest["parameters"]["interactive"] is False
    assert [(n["name"], n["status"]) for n in manifest["notebooks"]] == [(n, "ok") for n in NOTEBOOK_NAMES]
    assert all(n["seconds"] > 0 for n in manifest["notebooks"])
    for package in ("python", "pandas", "matplotlib", "papermill", "pyarrow", "nbclient"):
        assert re.match(r"\d+\.\d+", manifest["versions"][package]), package
    assert "report.html" in manifest["outputs"] and "figures.parquet" in manifest["outputs"]


def test_latest_points_at_the_good_run(good_run):
    latest = good_run["out"] / "latest"
    assert latest.is_symlink() and os.readlink(latest) == good_run["run_dir"].name
    assert not list(good_run["out"].glob(".latest-*"))


def test_bad_parameter_value_is_one_line_before_any_notebook(good_run):
    out, corpus, good_dir = good_run["out"], good_run["corpus"], good_run["run_dir"]
    before = set(out.iterdir())
    result = run_cli("--corpus", str(corpus), "--out", str(out), "--param", "since=last-week",
                     "--param", "max_rows=10")
    assert (result.returncode, result.stdout) == (2, "")
    assert result.stderr == "run: parameter since must be a date YYYY-MM-DD, got 'last-week'\n"
    assert set(out.iterdir()) == before
    assert os.readlink(out / "latest") == good_dir.name


def test_failing_notebook_names_notebook_and_cell_and_keeps_latest(tmp_path, monkeypatch, capsys):
    from papermill.exceptions import PapermillExecutionError

    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "reports"
    fake_notebooks(monkeypatch, ["good", "failed"])
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 0
    fake = runner.execute_notebook

    def execute(source, target, parameters, cwd):
        fake(source, target, parameters, cwd)
        if Path(source).name == "02_extract.ipynb":
            raise PapermillExecutionError(3, 4, "x = 1", "ValueError", "bad\nvalue", [])

    monkeypatch.setattr(runner, "execute_notebook", execute)
    capsys.readouterr()
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    failures = [line for line in captured.err.splitlines() if line.startswith("run failed:")]
    assert failures == [f"run failed: 02_extract.ipynb cell 3 (In [4]): ValueError: bad value — "
                        f"partial outputs kept in {out / 'failed'}"]
    assert captured.out == ""
    manifest = json.loads((out / "failed" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["status"] == "failed"
    assert (manifest["failure"]["notebook"], manifest["failure"]["cell_index"]) == ("02_extract.ipynb", 3)
    assert [n["status"] for n in manifest["notebooks"]] == ["ok", "failed", "pending", "pending"]
    assert not (out / "failed" / "report.html").exists()
    assert os.readlink(out / "latest") == "good"


def test_missing_corpus_is_a_clean_error_before_running(tmp_path, capsys):
    out = tmp_path / "reports"
    assert runner.main(["--corpus", str(tmp_path / "nowhere"), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"run: corpus path not found: {tmp_path / 'nowhere'}\n"
    assert not out.exists() or not any(out.iterdir())


def test_unknown_parameter_is_a_clean_error(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    assert runner.main(["--corpus", str(corpus), "--out", str(tmp_path / "r"), "--param", "colour=red"]) == 2
    assert "unknown parameter(s) ['colour']" in capsys.readouterr().err
    assert not (tmp_path / "r").exists()   # nothing is made before the parameters are checked


def test_reversed_window_is_a_clean_error(tmp_path, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    assert runner.main(["--corpus", str(corpus), "--out", str(tmp_path / "r"), "--since", "2024-05-01",
                     "--until", "2024-01-01"]) == 2
    assert capsys.readouterr().err == "run: --since 2024-05-01 is after --until 2024-01-01\n"


def test_bad_date_option_exits_2(tmp_path):
    with pytest.raises(SystemExit) as exit_:
        runner.main(["--since", "11/02/2024", "--out", str(tmp_path)])
    assert exit_.value.code == 2


def test_parse_param_reads_json_else_text():
    assert runner.parse_param("max_rows=10") == ("max_rows", 10)
    assert runner.parse_param("corpus=[\"a\", \"b\"]") == ("corpus", ["a", "b"])
    assert runner.parse_param("lang=en") == ("lang", "en")
    with pytest.raises(runner.UsageError):
        runner.parse_param("no-equals-sign")


def test_run_ids_are_timestamped_and_distinct():
    now = datetime(2026, 1, 5, 6, 7, 8, tzinfo=timezone.utc)
    first, second = runner.make_run_id(now), runner.make_run_id(now)
    assert first.startswith("20260105T060708Z-") and first != second


def test_switch_latest_replaces_the_link(tmp_path):
    (tmp_path / "a").mkdir(), (tmp_path / "b").mkdir()
    runner.switch_latest(tmp_path, "a")
    runner.switch_latest(tmp_path, "b")
    assert os.readlink(tmp_path / "latest") == "b" and sorted(p.name for p in tmp_path.iterdir()) == ["a", "b", "latest"]


def test_write_tables_joins_lists_in_csv_and_keeps_them_in_parquet(tmp_path):
    frame = pd.DataFrame({"id": ["f1", "f2"], "regions": [["SY-DR", "SY-QU"], []], "value": [1.5, 2]})
    steps.write_tables(tmp_path, figures=frame)
    assert (tmp_path / "figures.csv").read_text(encoding="utf-8") == "id,regions,value\nf1,SY-DR|SY-QU,1.5\nf2,,2.0\n"
    assert [list(r) for r in pd.read_parquet(tmp_path / "figures.parquet")["regions"]] == [["SY-DR", "SY-QU"], []]


def test_input_files_walks_folders_and_skips_hidden(tmp_path):
    write_corpus(tmp_path / "c")
    (tmp_path / "c" / ".hidden.txt").write_text("x", encoding="utf-8")
    (tmp_path / "c" / "sub").mkdir()
    (tmp_path / "c" / "sub" / "z.txt").write_text("x", encoding="utf-8")
    names = [p.relative_to(tmp_path / "c").as_posix() for p in runner.input_files([str(tmp_path / "c")])]
    assert names == ["bad.jsonl", "sub/z.txt", "t-001.txt", "t-002.txt", "t-003.md"]


def test_notebooks_are_clean_and_match_their_generator():
    import importlib.util

    from helpers import paths

    spec = importlib.util.spec_from_file_location("make_notebooks", paths.ROOT / "scripts" / "make_notebooks.py")
    make_notebooks = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(make_notebooks)
    assert make_notebooks.main(["--check"]) == 0
    for name in NOTEBOOK_NAMES:
        cells = json.loads((paths.NOTEBOOKS / name).read_text(encoding="utf-8"))["cells"]
        assert cells[0]["cell_type"] == "markdown" and "".join(cells[0]["source"]).startswith("# ")
        assert cells[1]["metadata"].get("tags") == ["parameters"]
        code = [c for c in cells if c["cell_type"] == "code"]
        assert all(c["outputs"] == [] and c["execution_count"] is None for c in code), name


def fake_notebooks(monkeypatch, ids):
    """Run without kernels: each notebook copies its source; 04 writes report.html. Run ids come from `ids`."""
    def execute(source, target, parameters, cwd):
        Path(target).write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
        if Path(source).name == NOTEBOOK_NAMES[-1]:
            (Path(cwd) / "report.html").write_text("<html></html>", encoding="utf-8")

    monkeypatch.setattr(runner, "execute_notebook", execute)
    ids = iter(ids)
    monkeypatch.setattr(runner, "make_run_id", lambda now=None, salt="": next(ids))


def test_an_existing_run_folder_is_never_reused(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "reports"
    (out / "taken").mkdir(parents=True)
    (out / "taken" / "keep.txt").write_text("earlier run", encoding="utf-8")
    fake_notebooks(monkeypatch, ["taken", "fresh"])
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 0
    assert capsys.readouterr().out.strip() == str((out / "fresh" / "report.html").resolve())
    assert sorted(p.name for p in (out / "taken").iterdir()) == ["keep.txt"]
    assert os.readlink(out / "latest") == "fresh"


def test_a_dangling_latest_link_is_replaced(tmp_path, monkeypatch):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "reports"
    out.mkdir()
    os.symlink("deleted-run", out / "latest")
    fake_notebooks(monkeypatch, ["new-run"])
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 0
    assert os.readlink(out / "latest") == "new-run" and (out / "latest" / "report.html").exists()


def test_a_corpus_path_with_spaces_and_arabic_names_is_passed_whole(tmp_path, monkeypatch):
    corpus = tmp_path / "تقارير الربيع 2024"
    corpus.mkdir()
    (corpus / "تقرير أول.txt").write_text(REPORTS["t-001.txt"], encoding="utf-8")
    out = tmp_path / "reports"
    fake_notebooks(monkeypatch, ["arabic-run"])
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 0
    manifest = json.loads((out / "arabic-run" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["parameters"]["corpus"] == [str(corpus.resolve())]
    assert [i["path"] for i in manifest["inputs"]] == [str((corpus / "تقرير أول.txt").resolve())]
    assert manifest["status"] == "ok"


def test_input_files_lists_what_load_reads(tmp_path):
    """Same walk as helpers.ingest.load: housekeeping folders and broken links are not inputs."""
    write_corpus(tmp_path / "c")
    (tmp_path / "c" / "__pycache__").mkdir()
    (tmp_path / "c" / "__pycache__" / "x.txt").write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "missing.txt", tmp_path / "c" / "gone.txt")
    names = [p.relative_to(tmp_path / "c").as_posix() for p in runner.input_files([str(tmp_path / "c")])]
    assert names == ["bad.jsonl", "t-001.txt", "t-002.txt", "t-003.md"]


def test_a_latest_that_is_a_real_folder_is_a_clear_error_not_a_traceback(tmp_path, monkeypatch, capsys):
    corpus = write_corpus(tmp_path / "corpus")
    out = tmp_path / "reports"
    (out / "latest").mkdir(parents=True)
    fake_notebooks(monkeypatch, ["run-a"])
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 1
    captured = capsys.readouterr()
    assert captured.out.strip() == str((out / "run-a" / "report.html").resolve())
    assert captured.err.splitlines()[-1].startswith(
        f"run: report written, but {out / 'latest'} could not be pointed at run-a: ")
    assert (out / "latest").is_dir() and not (out / "latest").is_symlink()
    assert not [p.name for p in out.iterdir() if p.name.startswith(".latest")]
