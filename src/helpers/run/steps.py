"""The notebooks' steps: the only place where the notebooks touch the other stages
(load, pipeline, charts). Each notebook imports this module as `rasd`."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import numpy as np
import pandas as pd

from helpers import paths
from helpers.cli import iso_date
from helpers.store.csv_pieces import write_csv_piece


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


def load_summary_step(corpus: list[str], cache: str | Path | None = None):
    """Stream the corpus once: every report's row without its text, and the rejections and warnings.
    Returns (reports table, problems); no report text is kept. With `cache` (the extraction
    cache folder), files unchanged since it last saw them are not read again (`helpers.store.files`;
    what they gave is recalled, and nothing is written to the cache here), and the rows of the
    input files a run that appended to its archive read, when they begin the corpus unchanged,
    are taken as that run kept them (`helpers.store.run_prefix`)."""
    from helpers.run.engine import REPORT_COLUMNS, report_row
    from helpers.ingest.load import iter_load
    from helpers.run.progress import progress_bar
    from helpers.records import Rejection

    files, items, state, rows, problems = None, None, None, [], []
    if cache is not None and Path(cache).is_dir():
        from helpers.store.archive import Archive
        from helpers.store.cache import ExtractionCache
        from helpers.store.run_prefix import recall

        extraction_cache = ExtractionCache(cache)
        files = extraction_cache.files
        recalled = recall(corpus, Archive(extraction_cache.folder / "store"))
        items, state, problems = recalled.items, recalled.state, list(recalled.load_problems)
        if recalled.rows is not None:
            rows = recalled.rows.select(REPORT_COLUMNS).to_pylist()
    with progress_bar("load", unit="report") as bar:
        bar.update(len(rows))
        for item in iter_load(corpus, files=files, items=items, state=state):
            if isinstance(item, Rejection):
                problems.append(item)
                continue
            rows.append(report_row(item))
            bar.update(1)
    return pd.DataFrame(rows), problems


def pipeline_step(corpus: list[str], since: str | None, until: str | None, corrections: str | None = None,
                  workers: int | None = None, store: str | Path | None = None, cache: str | Path | None = None,
                  engine: str = "local", scheduler: str | None = None, hold: bool = True):
    """helpers.run.pipeline.run_pipeline → PipelineResult (reports, figures, incentives, problems, aggregation).
    `store`: records as Parquet by report month; `cache`: extraction cache folder; `workers`: processes;
    `engine`: "local" or "dask" (on the cluster at `scheduler`); `hold=False`: the records stay in
    the store (write them with `write_run_tables`)."""
    from helpers.run.pipeline import run_pipeline

    return run_pipeline(corpus, corrections=corrections, since=since, until=until, workers=workers,
                        store=store, cache=cache, engine=engine, scheduler=scheduler, hold=hold)


def sample_run_data():
    """The sample corpus run in memory, as the tables of a run folder (`helpers.present.explore.RunData`):
    what notebooks 05 and 06 show before any run has written `reports/latest`."""
    from helpers.present.explore import RunData
    from helpers.run.pipeline import run_pipeline

    result = run_pipeline()
    return RunData(result.figures, result.incentives, result.aggregation.table(),
                   result.aggregation.contradictions, result.reports, None)


def write_run_tables(out_dir: Path, result, totals: pd.DataFrame, rejections: pd.DataFrame) -> dict[str, int]:
    """Every table step 2 writes (CSV + Parquet): reports, figures, incentives, totals, contradictions,
    rejections, corrections. Records left in the store (`hold=False`) are written from it a piece
    at a time (`helpers.run.run_tables`). Returns the number of figures and incentives."""
    tables = dict(reports=result.reports, totals=totals, contradictions=result.aggregation.contradictions,
                  rejections=rejections, corrections_applied=result.corrections.applied_as_text(),
                  corrections_orphaned=result.corrections.orphans)
    if result.stored is None:
        write_tables(out_dir, reports=result.reports, figures=result.figures, incentives=result.incentives,
                     **{name: frame for name, frame in tables.items() if name != "reports"})
        return {"figures": len(result.figures), "incentives": len(result.incentives)}
    from helpers.run.run_tables import write_record_tables

    figures = result.figures
    repeat_of = pd.Series(figures["repeat_of"].to_numpy(object), index=figures["id"].to_numpy(object))
    write_record_tables(out_dir, result.stored, repeat_of)
    write_tables(out_dir, **tables)
    return dict(result.stored.counts)


def show_sample(out_dir: Path, name: str, columns: list[str], interactive: bool, max_rows: int = 30) -> None:
    """The first records of a run table (`<name>.parquet`), `columns` only, as `show_table` shows
    them, read without the rest of the table."""
    import pyarrow.parquet as pq

    table = pq.ParquetFile(out_dir / f"{name}.parquet")
    shown = [c for c in columns if c in table.schema_arrow.names]
    rows = INTERACTIVE_ROWS if interactive else max_rows
    first = next(table.iter_batches(batch_size=rows, columns=shown), None)
    sample = first.to_pandas() if first is not None else pd.DataFrame(columns=shown)
    show_table(sample, interactive, max_rows, total=table.metadata.num_rows)


# Columns charts never read (helpers.present.charts); `sentence`, `end` and `sentence_start` are
# read for aid in items only (the kind of item is the word after the number).
NOT_CHARTED = ("text", "actor_text", "basis", "confidence", "type", "sentence", "sentence_start", "end",
               "reviewed_by")
ITEM_COLUMNS = ["sentence", "end", "sentence_start"]


def chart_tables(out_dir: Path) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame | None]:
    """(figures, incentives, totals) of a run folder as the charts read them: without the
    records' sentences and texts (but the sentence of aid counted in items)."""
    import pyarrow.parquet as pq

    tables = []
    for name in ("figures", "incentives"):
        path = out_dir / f"{name}.parquet"
        names = pq.ParquetFile(path).schema_arrow.names
        frame = pd.read_parquet(path, columns=[c for c in names if c not in NOT_CHARTED])
        if name == "figures" and len(frame) and set(ITEM_COLUMNS) <= set(names):
            items = np.flatnonzero((frame["unit"] == "item").to_numpy(bool, na_value=False))
            texts = pd.read_parquet(path, columns=ITEM_COLUMNS, filters=[("unit", "==", "item")])
            for column in ITEM_COLUMNS:
                cells = np.full(len(frame), None, dtype=object)
                cells[items] = texts[column].to_numpy(object)
                frame[column] = cells
        tables.append(frame)
    totals_file = out_dir / "totals.parquet"
    return tables[0], tables[1], pd.read_parquet(totals_file) if totals_file.exists() else None


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
    written = []
    for name, frame in tables.items():
        csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
        with csv_path.open("w", encoding="utf-8", newline="") as csv_file:
            write_csv_piece(csv_file, frame, header=True)
        frame.to_parquet(parquet_path, index=False)
        written += [csv_path, parquet_path]
    return written


INTERACTIVE_ROWS = 5000


def show_table(frame: pd.DataFrame, interactive: bool, max_rows: int = 30, total: int | None = None):
    """Explorable with itables in JupyterLab; a static HTML table in rendered runs.
    `total`: the rows of the whole table when `frame` is its first rows."""
    from IPython.display import HTML, display

    total = len(frame) if total is None else total
    if interactive:
        import itables

        if total > INTERACTIVE_ROWS:  # a sample: the whole table is in the run folder
            display(HTML(f"<p>first {INTERACTIVE_ROWS} of {total} rows</p>"))
        itables.show(frame.head(INTERACTIVE_ROWS))
        return
    shown = frame.head(max_rows)
    note = f"<p>{len(shown)} / {total}</p>" if total > max_rows else ""
    display(HTML(shown.to_html(index=False, escape=True, na_rep="") + note))
