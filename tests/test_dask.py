"""--engine dask on a real (local) Dask cluster of two worker processes gives the
records and totals of the local engine, on the sample and on a generated corpus."""
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

distributed = pytest.importorskip("dask.distributed")

from helpers.run import engine_dask
from helpers.paths import SAMPLE_CORPUS  # noqa: E402
from helpers.run.pipeline import run_pipeline  # noqa: E402
from helpers.store.parquet import read_table  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "benchmarks"))


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
        yield cluster.scheduler_address


@pytest.fixture()
def no_corrections(tmp_path):
    path = tmp_path / "corrections.csv"
    path.write_text("id,action,field,value,reason\n", encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    import bench_extract

    folder = tmp_path_factory.mktemp("generated")
    bench_extract.generate(folder, 240, spread=True, per_file=40)  # six files: six partitions
    return folder


def same_records(local, frame):
    as_numbers = {"value": float, "value_min": float, "value_max": float}
    left = local.astype({k: v for k, v in as_numbers.items() if k in local}).reset_index(drop=True)
    right = frame.astype({k: v for k, v in as_numbers.items() if k in frame}).reset_index(drop=True)
    pd.testing.assert_frame_equal(left, right, check_dtype=False)


@pytest.mark.parametrize("corpus", ["sample", "generated"])
def test_dask_engine_gives_the_local_records_and_totals(corpus, generated, scheduler, no_corrections, tmp_path,
                                                        monkeypatch):
    monkeypatch.setattr(engine_dask, "PARTITION_BYTES", 8_000)  # several partitions even here
    paths = [SAMPLE_CORPUS if corpus == "sample" else generated]
    assert len(engine_dask.partitions(paths)) > 3
    local = run_pipeline(paths, corrections=no_corrections, workers=1)
    on_dask = run_pipeline(paths, corrections=no_corrections, engine="dask", scheduler=scheduler,
                           store=tmp_path / "store")
    assert len(local.figures) > 50
    same_records(local.figures, on_dask.figures)
    same_records(local.incentives, on_dask.incentives)
    assert on_dask.reports["id"].tolist() == local.reports["id"].tolist()
    def linked(frame):
        return [x if isinstance(x, str) else None for x in frame["near_duplicate_of"]]
    assert linked(on_dask.reports) == linked(local.reports)
    same_records(local.aggregation.table(), on_dask.aggregation.table())
    same_records(local.aggregation.contradictions, on_dask.aggregation.contradictions)
    parts = {p.name for p in (tmp_path / "store" / "figures").rglob("*.parquet")}
    assert len(parts) > 3  # written by the workers, one part per partition and month
    assert read_table(tmp_path / "store", "reports")["id"].tolist() == local.reports["id"].tolist()


def test_extract_command_on_dask_writes_a_store(scheduler, tmp_path):
    result = subprocess.run([sys.executable, "-m", "helpers", "extract", str(SAMPLE_CORPUS), "--engine", "dask",
                             "--scheduler", scheduler, "--format", "parquet", "--out", str(tmp_path / "store")],
                            capture_output=True, text=True, cwd=ROOT, check=False)
    assert result.returncode == 0, result.stderr
    assert "extract: 25 report(s) read, 0 rejected" in result.stderr
    assert len(read_table(tmp_path / "store", "figures")) > 50
