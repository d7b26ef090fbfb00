"""`helpers run` when things go wrong around the notebooks: bad parameter
types, signals, an unwritable or full output folder, a kernel that dies, a
chart that cannot be drawn. Notebooks are faked (no kernels), so these are fast."""
from __future__ import annotations

import csv
import errno
import json
import os
import signal
from pathlib import Path

import pandas as pd
import pytest

from helpers.run import runner, steps

GOOD = "id: a\ndate: 2024-02-11\n\nعنوان\n\nانضم 300 عنصر إلى الفيلق الخامس في درعا.\n"
NAMES = ["01_load.ipynb", "02_extract.ipynb", "03_charts.ipynb", "04_report.ipynb"]


@pytest.fixture
def corpus(tmp_path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text(GOOD, encoding="utf-8")
    return folder


def fake(monkeypatch, ids, during=None, inputs: int | None = None):
    """Notebooks that copy themselves; 01 writes `inputs` rows (None: no table), 04 a report;
    `during(name, target, cwd)` runs inside each."""
    def execute(source, target, parameters, cwd):
        Path(target).write_text(Path(source).read_text(encoding="utf-8"), encoding="utf-8")
        name = Path(source).name
        if name == NAMES[0] and inputs is not None:
            pd.DataFrame({"id": [f"r{i}" for i in range(inputs)]}).to_parquet(Path(cwd) / "inputs.parquet")
            pd.DataFrame({"kind": ["rejected"], "path": ["x/bad.jsonl"], "line": [2.0], "reason": ["broken JSON line"]}
                         ).to_parquet(Path(cwd) / "load_rejections.parquet")
        if during is not None:
            during(name, Path(target), Path(cwd))
        if name == NAMES[-1]:
            (Path(cwd) / "report.html").write_text("<html></html>", encoding="utf-8")

    monkeypatch.setattr(runner, "execute_notebook", execute)
    ids = iter(ids)
    monkeypatch.setattr(runner, "make_run_id", lambda now=None, salt="": next(ids))


def manifest(out: Path, run_id: str) -> dict:
    return json.loads((out / run_id / "manifest.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("param, message", [
    ("max_rows=\"abc\"", "run: parameter max_rows must be a whole number (default 2000), got 'abc'"),
    ("max_rows=2.5", "run: parameter max_rows must be a whole number (default 2000), got 2.5"),
    ("interactive=3", "run: parameter interactive must be true or false (default True), got 3"),
    ("until=2024-13-01", "run: parameter until must be a date YYYY-MM-DD, got '2024-13-01'"),
    ("corrections=[1]", "run: parameter corrections must be a file path, got [1]"),
])
def test_a_bad_parameter_is_one_line_before_any_notebook(corpus, tmp_path, monkeypatch, capsys, param, message):
    started = []
    monkeypatch.setattr(runner, "execute_notebook", lambda *a: started.append(a))
    assert runner.main(["--corpus", str(corpus), "--out", str(tmp_path / "r"), "--param", param]) == 2
    assert capsys.readouterr().err == message + "\n"
    assert started == [] and not (tmp_path / "r").exists()


def test_rejections_are_printed_on_stderr_with_whole_line_numbers(corpus, tmp_path, monkeypatch, capsys):
    fake(monkeypatch, ["r1"], inputs=1)
    assert runner.main(["--corpus", str(corpus), "--out", str(tmp_path / "out")]) == 0
    assert "x/bad.jsonl:2: broken JSON line\n" in capsys.readouterr().err


def test_zero_reports_read_exits_2_and_keeps_latest(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"
    fake(monkeypatch, ["good", "empty"], inputs=1)
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 0
    fake(monkeypatch, ["empty"], inputs=0)
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 2
    err = capsys.readouterr().err
    assert "run failed: 01_load.ipynb: no report could be read from the corpus" in err
    assert os.readlink(out / "latest") == "good"
    assert manifest(out, "empty")["status"] == "failed"
    assert [n["status"] for n in manifest(out, "empty")["notebooks"]] == ["ok", "pending", "pending", "pending"]


@pytest.mark.parametrize("signum", [signal.SIGTERM, signal.SIGINT])
def test_a_signal_marks_the_manifest_cancelled(corpus, tmp_path, monkeypatch, capsys, signum):
    out = tmp_path / "out"

    def interrupt(name, target, cwd):
        if name == NAMES[1]:
            os.kill(os.getpid(), signum)

    fake(monkeypatch, ["stopped"], during=interrupt, inputs=1)
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 128 + signum
    found = manifest(out, "stopped")
    assert found["status"] == "cancelled"
    assert found["failure"]["error"] == f"cancelled by {signal.Signals(signum).name}"
    assert [n["status"] for n in found["notebooks"]] == ["ok", "cancelled", "pending", "pending"]
    assert not (out / "latest").exists()
    assert signal.getsignal(signal.SIGTERM) is signal.SIG_DFL   # the handler is put back


def test_a_read_only_output_folder_is_one_line(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "ro"
    out.mkdir()
    real_mkdir = Path.mkdir

    def read_only(self, *args, **kwargs):   # as chmod 500 does for a user other than root
        if self.parent == out:
            raise PermissionError(errno.EACCES, "Permission denied", str(self))
        return real_mkdir(self, *args, **kwargs)

    fake(monkeypatch, ["x"], inputs=1)
    monkeypatch.setattr(Path, "mkdir", read_only)
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"run: cannot write to {out}: Permission denied\n"
    assert list(out.iterdir()) == []


def test_a_full_disk_at_start_is_one_line_and_leaves_no_tmp(corpus, tmp_path, capsys, monkeypatch):
    out = tmp_path / "out"

    def full(self, data):
        Path.write_text(self, "")   # the partial file a full disk leaves
        raise OSError(errno.ENOSPC, "No space left on device")

    fake(monkeypatch, ["full"], inputs=1)
    monkeypatch.setattr(Path, "write_bytes", full)
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == 2
    assert capsys.readouterr().err == f"run: cannot write to {out / 'full'}: No space left on device\n"
    assert not list(out.rglob("*.tmp"))


def test_manifest_is_written_whatever_the_file_names(tmp_path):
    manifest_ = runner.Manifest(run_id="x", parameters={"corpus": ["/tmp/caf\udce9"]}, inputs=[], versions={},
                             command=["run", "--corpus", "/tmp/caf\udce9"], started="now")
    path = manifest_.write(tmp_path)
    assert json.loads(path.read_text(encoding="utf-8"))["parameters"]["corpus"] == ["/tmp/caf\udce9"]
    assert not list(tmp_path.glob("*.tmp"))


def test_a_kernel_killed_mid_cell_is_placed_in_that_cell(tmp_path):
    executed = tmp_path / "02_extract.ipynb"
    cells = [{"cell_type": "code", "execution_count": 1, "metadata": {"papermill": {"status": "completed"}}},
             {"cell_type": "code", "execution_count": 2, "metadata": {"papermill": {"status": "running"}}},
             {"cell_type": "code", "execution_count": None, "metadata": {"papermill": {"status": "pending"}}}]
    executed.write_text(json.dumps({"cells": cells}), encoding="utf-8")
    DeadKernelError = type("DeadKernelError", (RuntimeError,), {})
    failure = runner.failure_from("02_extract.ipynb", DeadKernelError("Kernel died"), executed)
    assert failure.line() == ("run failed: 02_extract.ipynb cell 1 (In [2]): the kernel died while the cell ran "
                              "(killed or out of memory): Kernel died")


def test_a_chart_that_could_not_be_drawn_makes_the_run_partial(corpus, tmp_path, monkeypatch, capsys):
    out = tmp_path / "out"

    def broken_chart(name, target, cwd):
        if name == NAMES[2]:
            (cwd / "charts").mkdir()
            (cwd / "charts" / "failures.json").write_text(json.dumps({"aid_by_area": "ValueError: bad"}))

    fake(monkeypatch, ["part"], during=broken_chart, inputs=1)
    assert runner.main(["--corpus", str(corpus), "--out", str(out)]) == runner.EXIT_PARTIAL == 3
    assert "run: partial: aid_by_area: could not be drawn: ValueError: bad" in capsys.readouterr().err
    found = manifest(out, "part")
    assert (found["status"], found["problems"]) == ("partial", ["aid_by_area: could not be drawn: ValueError: bad"])
    assert os.readlink(out / "latest") == "part"   # the report was made: it is the latest


def test_run_tables_neutralise_formulas_in_object_and_arrow_string_columns(tmp_path):
    frame = pd.DataFrame({"title": ["=HYPERLINK(1)", "plain"], "source": ["@SUM(1)", "-2+3"], "n": [1, 2]})
    frame = frame.astype({"source": "string"})
    steps.write_tables(tmp_path, t=frame)
    rows = list(csv.reader(open(tmp_path / "t.csv", encoding="utf-8", newline="")))
    assert rows[1:] == [["'=HYPERLINK(1)", "'@SUM(1)", "1"], ["plain", "'-2+3", "2"]]
    assert pd.read_parquet(tmp_path / "t.parquet")["source"].tolist() == ["@SUM(1)", "-2+3"]


def test_the_rejections_table_keeps_to_max_rows():
    from helpers.present import report

    rejections = pd.DataFrame({"kind": ["rejected"] * 5, "path": [f"f{i}.txt" for i in range(5)],
                               "line": [1.0, 2.0, None, 4.0, 5.0], "reason": ["broken"] * 5})
    html = report.render_report(report.RunTables(rejections=rejections), lang="en", max_rows=2)
    section = html.split('<section id="rejections">')[1].split("</section>")[0]
    assert section.count("<tr><td>") == 2 and "(5)" in section
    assert "Showing 2 of 5" in section and "rejections.csv" in section
    assert "2.0" not in section                      # line numbers are whole numbers
