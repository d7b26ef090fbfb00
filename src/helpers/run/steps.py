"""The notebooks' steps: the only place where the notebooks touch the other stages
(load, pipeline, charts). Each notebook imports this module as `rasd`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.cells import csv_cell
from helpers.cli import iso_date


def resolve_corpus(corpus: list[str] | str | None) -> list[str]:
    """Notebook `corpus` parameter → list of paths (None: the sample corpus)."""
    if corpus is None:
        return [str(paths.SAMPLE_CORPUS)]
    return [corpus] if isinstance(corpus, str) else [str(p) for p in corpus]


def resolve_out_dir(out_dir: str | None) -> Path:
    """Notebook `out_dir` parameter → folder (None: reports/notebook, for JupyterLab)."""
    folder = Path(out_dir) if out_dir else paths.REPORTS / "notebook"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def check_window(since: str | None, until: str | None) -> tuple[str | None, str | None]:
    """Validate the date window parameters; raises ValueError naming the bad one."""
    checked = []
    for name, value in (("since", since), ("until", until)):
        try:
            checked.append(iso_date(value) if value else None)
        except (TypeError, ValueError):
            raise ValueError(f"parameter {name} must be a date YYYY-MM-DD, got {value!r}") from None
    if checked[0] and checked[1] and checked[0] > checked[1]:
        raise ValueError(f"since ({checked[0]}) is after until ({checked[1]})")
    return checked[0], checked[1]


def load_step(corpus: list[str]):
    """helpers.ingest.load.load_paths → LoadResult(reports, rejections, warnings)."""
    from helpers.ingest.load import load_paths

    return load_paths(corpus)


def load_summary_step(corpus: list[str]):
    """Stream the corpus once: every report's row without its text, and the rejections and warnings.
    Returns (reports table, problems); no report text is kept."""
    from helpers.run.engine import report_row
    from helpers.ingest.load import iter_load
    from helpers.run.progress import progress_bar
    from helpers.records import Rejection

    rows, problems = [], []
    with progress_bar("load", unit="report") as bar:
        for item in iter_load(corpus):
            if isinstance(item, Rejection):
                problems.append(item)
                continue
            rows.append(report_row(item))
            bar.update(1)
    return pd.DataFrame(rows), problems


def pipeline_step(corpus: list[str], since: str | None, until: str | None, corrections: str | None = None,
                  workers: int | None = None, store: str | Path | None = None, cache: str | Path | None = None,
                  engine: str = "local", scheduler: str | None = None):
    """helpers.run.pipeline.run_pipeline → PipelineResult (reports, figures, incentives, problems, aggregation).
    `store`: records as Parquet by report month; `cache`: extraction cache folder; `workers`: processes;
    `engine`: "local" or "dask" (on the cluster at `scheduler`)."""
    from helpers.run.pipeline import run_pipeline

    return run_pipeline(corpus, corrections=corrections, since=since, until=until, workers=workers,
                        store=store, cache=cache, engine=engine, scheduler=scheduler)


def write_cache_summary(out_dir: Path, summary: dict) -> None:
    """cache.json in the run folder: the runner copies it into the manifest."""
    if summary:
        (out_dir / "cache.json").write_text(json.dumps(summary, ensure_ascii=False, indent=2), encoding="utf-8")


def chart_step(figures: pd.DataFrame, incentives: pd.DataFrame, out_dir: Path, lang: str = "ar",
               totals: pd.DataFrame | None = None) -> list[Path]:
    """helpers.present.charts.all_charts, each saved as PNG + SVG in out_dir/charts; with `totals`
    (the run's totals table) the recruits bars and map show the report's own totals."""
    from helpers.present import charts

    failures: dict[str, str] = {}
    drawn = charts.all_charts(figures, incentives, lang=lang, totals=totals, failures=failures)
    saved = [Path(p) for p in charts.save_all(drawn, out_dir / "charts", failures)]
    record = out_dir / "charts" / "failures.json"   # read by the runner: the run is then `partial`
    if failures:
        record.write_text(json.dumps(failures, ensure_ascii=False, indent=2), encoding="utf-8")
        for chart_name, reason in failures.items():
            print(f"chart {chart_name} could not be drawn: {reason}", file=sys.stderr)
    elif record.exists():
        record.unlink()
    return saved


def problems_frame(problems) -> pd.DataFrame:
    """Rejections and load warnings as one table with a `kind` column."""
    from helpers.ingest.load import LoadWarning

    frame = frame_of(problems, columns=["path", "line", "reason"])
    frame.insert(0, "kind", ["warning" if isinstance(p, LoadWarning) else "rejected" for p in problems])
    return frame


def frame_of(records, columns: list[str] | None = None) -> pd.DataFrame:
    """Dataclass records (Report, Rejection, Figure, Incentive) → DataFrame."""
    return pd.DataFrame([r.to_dict() for r in records], columns=columns)


def write_tables(out_dir: Path, **tables: pd.DataFrame) -> list[Path]:
    """Write each table as `<name>.csv` and `<name>.parquet`; returns the files.
    CSV text cells that a spreadsheet would run as formulas are neutralised (helpers.safe_csv)."""
    from helpers.safe_csv import neutralise

    written = []
    for name, frame in tables.items():
        csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
        texts = frame.select_dtypes(include=["object", "string"]).columns  # text, lists and dicts
        with csv_path.open("w", encoding="utf-8", newline="") as csv_file:
            for first in range(0, max(len(frame), 1), CSV_CHUNK_ROWS):  # a chunk's cells at a time, not the table's
                flat = frame.iloc[first:first + CSV_CHUNK_ROWS].copy(deep=False)
                for column in texts:
                    flat[column] = flat[column].map(lambda value: neutralise(csv_cell(value)))
                flat.to_csv(csv_file, index=False, header=first == 0)
        frame.to_parquet(parquet_path, index=False)
        written += [csv_path, parquet_path]
    return written


CSV_CHUNK_ROWS = 20_000


INTERACTIVE_ROWS = 5000


def show_table(frame: pd.DataFrame, interactive: bool, max_rows: int = 30):
    """Explorable with itables in JupyterLab; a static HTML table in rendered runs."""
    from IPython.display import HTML, display

    if interactive:
        import itables

        if len(frame) > INTERACTIVE_ROWS:  # a sample: the whole table is in the run folder
            display(HTML(f"<p>first {INTERACTIVE_ROWS} of {len(frame)} rows</p>"))
        itables.show(frame.head(INTERACTIVE_ROWS))
        return
    shown = frame.head(max_rows)
    note = f"<p>{len(shown)} / {len(frame)}</p>" if len(frame) > max_rows else ""
    display(HTML(shown.to_html(index=False, escape=True, na_rep="") + note))
