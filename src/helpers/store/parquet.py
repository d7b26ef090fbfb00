"""Records as Arrow tables while a run streams, and as Parquet partitioned by report month.

`RecordTables` collects the rows of each table (figures, incentives, reports)
in small Arrow batches: strings stay in Arrow buffers, not in Python objects,
so a corpus of records costs its bytes and little more. Given a folder, it
also writes every batch there as it is made, one Parquet file per table and
report month (`<folder>/<table>/month=YYYY-MM/part-<run>.parquet`; undated
reports under `month=undated`), each file growing by row groups.
`read_table` reads such a dataset back, in the order the records were made.
"""
from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as ds
import pyarrow.parquet as pq

from helpers.records import FIGURE_BASIS_KEYS, FIGURE_COLUMNS, INCENTIVE_BASIS_KEYS, INCENTIVE_COLUMNS

_TEXT, _FLOAT, _INT = pa.string(), pa.float64(), pa.int64()
_TYPES = {"value": _FLOAT, "value_min": _FLOAT, "value_max": _FLOAT, "start": _INT, "end": _INT,
          "sentence_start": _INT, "line": _INT, "regions": pa.list_(_TEXT), "similarity": _FLOAT,
          "confidence": _FLOAT}
# `basis` (helpers.extract.basis): a struct with the record type's fixed keys
_BASIS = {"figure": pa.struct([(key, _TEXT) for key in FIGURE_BASIS_KEYS]),
          "incentive": pa.struct([(key, _TEXT) for key in INCENTIVE_BASIS_KEYS])}
ORDER = "seq"          # the record's place in the run: sorts a dataset back into reading order
BATCH_ROWS = 20_000
UNDATED = "undated"


def schema(columns: list[str]) -> pa.Schema:
    basis = _BASIS["figure" if "measure" in columns else "incentive"]
    return pa.schema([(name, basis if name == "basis" else _TYPES.get(name, _TEXT)) for name in columns]
                     + [(ORDER, _INT)])


def month_of(date) -> str:
    """'2021-06-01' → '2021-06'; anything else → 'undated'."""
    return date[:7] if isinstance(date, str) and len(date) >= 7 and date[4] == "-" else UNDATED


class _Table:
    def __init__(self, name: str, columns: list[str], date_column: str, folder: Path | None, part: str,
                 first_seq: int = 0, keep: bool = True):
        self.name, self.columns, self.date_column = name, columns, date_column
        self.schema = schema(columns)
        self.rows: list[dict] = []
        self.batches: list[pa.RecordBatch] = []
        self.folder, self.part = folder, part
        self.writers: dict[str, pq.ParquetWriter] = {}
        self.arrow: pa.Table | None = None   # the rows held, as `close` leaves them
        self.count, self.first_seq, self.keep = 0, first_seq, keep
        # number columns stay integers when every value was an int (as a DataFrame of the rows would)
        numbers = [name for name in columns if _TYPES.get(name) in (_FLOAT, _INT)]
        self.whole = dict.fromkeys(numbers, True)
        self.empty = dict.fromkeys(numbers, True)   # every value None: a column of None

    def add(self, row: dict) -> None:
        for name, whole in self.whole.items():
            value = row[name]
            if value is not None:
                self.empty[name] = False
            if whole and not (isinstance(value, int) and not isinstance(value, bool)):
                self.whole[name] = False
        row[ORDER] = self.first_seq + self.count
        self.count += 1
        self.rows.append(row)
        if len(self.rows) >= BATCH_ROWS:
            self.flush()

    def add_table(self, table: pa.Table) -> None:
        """Rows made earlier (e.g. a kept run prefix's, `helpers.store.run_prefix`), as `add`
        would have taken them one by one: their `seq` follows this table's."""
        self.flush()
        if not table.num_rows:
            return
        for name in self.whole:
            column = table.column(name)
            if column.null_count < len(column):
                self.empty[name] = False
            if column.null_count or not pa.types.is_integer(column.type):
                self.whole[name] = False
        seq = pa.array(range(self.first_seq + self.count, self.first_seq + self.count + table.num_rows), _INT)
        table = table.select(self.schema.names[:-1]).append_column(ORDER, seq).cast(self.schema)
        self.count += table.num_rows
        for batch in table.to_batches(max_chunksize=BATCH_ROWS):
            if self.folder is not None:
                self._write(batch)
            if self.keep:
                self.batches.append(batch)

    def flush(self) -> None:
        if not self.rows:
            return
        batch = pa.RecordBatch.from_pylist(self.rows, schema=self.schema)
        if self.folder is not None:
            self._write(batch)
        if self.keep:
            self.batches.append(batch)
        self.rows = []

    def _write(self, batch: pa.RecordBatch) -> None:
        months = pa.array([month_of(d) for d in batch.column(self.date_column).to_pylist()])
        table = pa.Table.from_batches([batch])
        for month in sorted(set(months.to_pylist())):
            writer = self.writers.get(month)
            if writer is None:
                path = self.folder / self.name / f"month={month}" / f"part-{self.part}.parquet"
                path.parent.mkdir(parents=True, exist_ok=True)
                writer = self.writers[month] = pq.ParquetWriter(path, self.schema)
            writer.write_table(table.filter(pc.equal(months, month)))

    def close(self, as_frame: bool = True) -> pd.DataFrame | None:
        self.flush()
        for writer in self.writers.values():
            writer.close()
        self.writers = {}
        if not as_frame:
            self.batches = []
            return None
        self.arrow = pa.Table.from_batches(self.batches, schema=self.schema)
        frame = to_frame(self.arrow)
        self.batches = []
        for name, whole in self.whole.items():
            if whole and self.count:
                frame[name] = frame[name].astype("int64")
            elif self.empty[name] and self.count:
                frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
        return frame


class RecordTables:
    """Figures, incentives and reports of one run, collected in order (and written to `folder`)."""

    def __init__(self, report_columns: list[str], folder: str | Path | None = None, part: str = "0",
                 first_seq: int | dict[str, int] = 0, only: tuple[str, ...] = ("figures", "incentives", "reports"),
                 keep: bool | tuple[str, ...] = True):
        folder = Path(folder) if folder is not None else None
        specs = {"figures": (FIGURE_COLUMNS, "report_date"), "incentives": (INCENTIVE_COLUMNS, "report_date"),
                 "reports": (report_columns, "date")}
        # keep=False: written to `folder` only, never held (nothing to return at close); a tuple: only those held
        held = (lambda name: name in keep) if isinstance(keep, tuple) else (lambda name: keep)
        first = first_seq if isinstance(first_seq, dict) else dict.fromkeys(only, first_seq)   # per table
        self.tables = {name: _Table(name, *specs[name], folder, part, first.get(name, 0), held(name)) for name in only}
        self.folder = folder

    def number_kinds(self, name: str) -> dict[str, str]:
        """How the number columns of table `name` come out of `close` as a DataFrame: 'int'
        (every value a whole int), 'none' (every value None) or 'float'; for tables read back
        from the store in pieces (`iter_table`), so that they come out the same."""
        table = self.tables[name]
        return {column: "int" if whole and table.count else "none" if table.empty[column] and table.count
                else "float" for column, whole in table.whole.items()}

    def add(self, table: str, row: dict) -> None:
        self.tables[table].add(row)

    def add_records(self, done) -> None:
        """One report's extracted figures and incentives (an engine result), in order."""
        for row in done.figures:
            self.add("figures", row)
        for row in done.incentives:
            self.add("incentives", row)

    def add_report(self, done, near, link: tuple | None = None) -> None:
        """One report's row, linked to an earlier near-duplicate through `near` (or by `link`,
        (earlier report, similarity) as a saved index recalls it for a report it already holds)."""
        if link is not None:
            earlier, similarity = link
        else:
            earlier = near.add_hashvalues(done.report["id"], done.signature)
            similarity = near.similar_to.get(done.report["id"], (None, None))[1]
        self.add("reports", done.report | {"near_duplicate_of": earlier, "similarity": similarity})

    def close(self, frames: bool = True) -> dict[str, pd.DataFrame | None]:
        """Every table as a DataFrame in the order rows were added (list cells as lists);
        with `frames=False` only the files are finished (the batches are let go)."""
        return {name: table.close(frames) for name, table in self.tables.items()}


def to_frame(table: pa.Table) -> pd.DataFrame:
    """Arrow → pandas without the ordering column; list cells (regions) as Python lists."""
    if ORDER in table.column_names:
        table = table.drop_columns([ORDER])
    frame = table.to_pandas()
    for name, kind in zip(table.column_names, table.schema.types):
        if pa.types.is_list(kind):
            frame[name] = [list(v) if v is not None else [] for v in frame[name]]
    return frame


def with_number_kinds(frame: pd.DataFrame, kinds: dict[str, str] | None) -> pd.DataFrame:
    """Number columns as `RecordTables.number_kinds` says the whole table had them."""
    for name, kind in (kinds or {}).items():
        if name not in frame or not len(frame):
            continue
        if kind == "int":
            frame[name] = frame[name].astype("int64")
        elif kind == "none":
            frame[name] = pd.Series([None] * len(frame), index=frame.index, dtype=object)
    return frame


def iter_table(folder: str | Path, name: str, columns: list[str] | None = None, chunk_rows: int = 50_000,
               kinds: dict[str, str] | None = None) -> Iterator[pd.DataFrame]:
    """One table of a store folder in the order its records were made, `chunk_rows` records
    at a time: each piece is read by its range of the ordering column, so the row groups
    outside it are skipped by their statistics and the whole table is never held."""
    for _, read in iter_ranges(folder, name, chunk_rows):
        table = read(columns)
        if table.num_rows:
            yield with_number_kinds(to_frame(table), kinds)


def iter_ranges(folder: str | Path, name: str, chunk_rows: int = 50_000):
    """`iter_table`'s pieces before they are read: (first `seq` of the piece, read) where
    `read(columns=None)` gives the piece's rows as an Arrow table in record order (no `month`
    unless asked); a piece may be empty."""
    folder = Path(folder) / name
    if not folder.is_dir():
        return
    dataset = ds.dataset(folder, format="parquet", partitioning="hive")
    order = dataset.to_table(columns=[ORDER]).column(ORDER)
    if not len(order):
        return
    first, last = pc.min(order).as_py(), pc.max(order).as_py()
    del order

    def reader(start: int):
        def read(columns: list[str] | None = None) -> pa.Table:
            wanted = None if columns is None else list(dict.fromkeys([*columns, ORDER]))
            where = (ds.field(ORDER) >= start) & (ds.field(ORDER) < start + chunk_rows)
            table = dataset.to_table(columns=wanted, filter=where).sort_by(ORDER)
            if "month" in table.column_names and (columns is None or "month" not in columns):
                table = table.drop_columns(["month"])
            return table
        return read

    for start in range(first, last + 1, chunk_rows):
        yield start, reader(start)


def read_table(folder: str | Path, name: str, columns: list[str] | None = None,
               months: list[str] | None = None, filter: ds.Expression | None = None) -> pd.DataFrame:
    """One table of a store folder, in the order its records were made (optionally only some
    columns, some months and the rows matching `filter`: the rest is never loaded)."""
    dataset = ds.dataset(Path(folder) / name, format="parquet", partitioning="hive")
    wanted = None if columns is None else list(dict.fromkeys([*columns, ORDER]))
    where = None if months is None else ds.field("month").isin(months)
    if filter is not None:
        where = filter if where is None else where & filter
    table = dataset.to_table(columns=wanted, filter=where)
    table = table.sort_by(ORDER)
    if "month" in table.column_names and (columns is None or "month" not in columns):
        table = table.drop_columns(["month"])
    return to_frame(table)
