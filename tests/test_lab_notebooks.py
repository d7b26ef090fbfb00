"""Notebooks 05 (explore) and 06 (review) run headless under papermill on the sample corpus."""
from __future__ import annotations

import json

import papermill
import pytest

from helpers import paths
from helpers.present import explore
from helpers.run.pipeline import run_pipeline
from helpers.run.runner import KERNEL, KERNEL_ARGUMENTS
from helpers.run.steps import sample_run_data, write_tables


@pytest.fixture(scope="module")
def sample_run(tmp_path_factory):
    """A run folder of the sample corpus with the tables notebook 02 writes."""
    folder = tmp_path_factory.mktemp("sample-run")
    none = folder / "none.csv"
    none.write_text("id,action,field,value,reason\n", encoding="utf-8")
    result = run_pipeline(corrections=none)
    write_tables(folder, reports=result.reports, figures=result.figures, incentives=result.incentives,
                 totals=result.aggregation.table(), contradictions=result.aggregation.contradictions)
    return folder


def execute(name: str, folder, parameters: dict) -> list[str]:
    target = folder / f"out-{name}"
    papermill.execute_notebook(str(paths.NOTEBOOKS / name), str(target), parameters=parameters, kernel_name=KERNEL,
                               progress_bar=False, cwd=str(folder), extra_arguments=KERNEL_ARGUMENTS)
    cells = json.loads(target.read_text(encoding="utf-8"))["cells"]
    return ["".join(output.get("text", "")) + "".join(output.get("data", {}).get("text/plain", ""))
            + "".join(output.get("data", {}).get("text/markdown", ""))
            for cell in cells if cell["cell_type"] == "code" for output in cell["outputs"]]


def test_explore_notebook_runs_headless(sample_run, tmp_path):
    outputs = "\n".join(execute("05_explore.ipynb", tmp_path, {"run_dir": str(sample_run)}))
    assert "**77** figures" in outputs
    assert "VBox(" in outputs  # the widget, as text without a browser
    assert "Running totals for `('iran', 'west_euphrates')`" in outputs and "1385" in outputs


def test_review_notebook_runs_headless_and_writes_nothing(sample_run, tmp_path):
    corrections = tmp_path / "corrections.csv"
    outputs = "\n".join(execute("06_review.ipynb", tmp_path, {"run_dir": str(sample_run),
                                                              "corrections": str(corrections)}))
    run = explore.open_run(sample_run)
    queue_length = len(run.figures.query("repeat_of.isna()")) + len(run.incentives)  # figures once each
    assert f"records to review; decisions go to `{corrections}`" in outputs and "VBox(" in outputs
    assert f"**{queue_length}** records to review" in outputs
    assert not corrections.exists()


def test_default_run_folder_falls_back_to_the_sample_corpus(monkeypatch, tmp_path):
    monkeypatch.setattr(paths, "REPORTS", tmp_path / "reports")
    monkeypatch.setattr(paths, "ROOT", tmp_path)
    monkeypatch.chdir(tmp_path)                    # a reports/latest of the checkout is not seen
    opened = explore.open_run("reports/latest", sample=sample_run_data)
    assert opened.run_dir is None and "sample corpus" in opened.note and len(opened.figures) == 77
    with pytest.raises(FileNotFoundError, match="no run here"):   # nothing to fall back on: said, not guessed
        explore.open_run("reports/latest")
