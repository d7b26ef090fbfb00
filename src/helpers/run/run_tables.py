"""A run's record tables without holding them: corrections, aggregation and the run folder's
`figures` and `incentives` files, all read from the run's Parquet store a piece at a time.

`run_pipeline(..., hold=False)` writes the records to the store as they are made and keeps
none of them. Then:
- the corrections are applied to the records they name only (read whole from the store),
  which gives the same applied and orphaned lists as applying them to the whole tables;
- aggregation reads the figures compact (`read_figures_to_count`: no sentences or texts),
  with the corrections of counted fields and the rejections applied;
- `write_record_tables` writes `figures.csv/.parquet` and `incentives.csv/.parquet` in the
  order the records were made, `CHUNK_ROWS` records at a time, each piece corrected and
  (figures) given its `repeat_of` from the aggregation: the same files as writing the whole
  tables at once.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pandas as pd

from helpers.analysis import corrections as corrections_stage
from helpers.records import FIGURE_COLUMNS, INCENTIVE_COLUMNS

CHUNK_ROWS = 20_000
TABLES = {"figures": FIGURE_COLUMNS, "incentives": INCENTIVE_COLUMNS}


@dataclass
class StoredRecords:
    """Where a run's records are and what is needed to write them out as before."""

    store: Path
    kinds: dict[str, dict[str, str]]                  # table → number column → 'int' | 'none' | 'float'
    corrections: list[dict]                           # the corrections file's rows
    counts: dict[str, int] = field(default_factory=dict)   # table → records after corrections
    archive: object = None   # the cache's Archive when the store is linked from it (pieces kept there)


def named_records(stored: StoredRecords) -> dict[str, pd.DataFrame]:
    """Every record a correction names, with all its columns, per table."""
    import pyarrow.dataset as ds

    from helpers.store.parquet import read_table, with_number_kinds

    ids = list(dict.fromkeys(row["id"] for row in stored.corrections))
    frames = {}
    for name, columns in TABLES.items():
        if ids and (stored.store / name).is_dir():
            frame = read_table(stored.store, name, filter=ds.field("id").isin(ids))
            frames[name] = with_number_kinds(frame, stored.kinds.get(name))
        else:
            frames[name] = pd.DataFrame(columns=columns)
    return frames


def correction_report(stored: StoredRecords) -> corrections_stage.CorrectionReport:
    """The applied and orphaned corrections, as applying them to the whole tables gives."""
    _, report = corrections_stage.apply_corrections(named_records(stored), stored.corrections)
    return report


def counted_corrections(rows: list[dict], columns) -> list[dict]:
    """The corrections that change what aggregation counts: rejections, and corrections of
    a column it reads (the others only mark a record reviewed, which it does not read)."""
    return [row for row in rows if row["action"] == "reject" or (row["action"] == "correct" and row["field"] in columns)]


def figures_to_count(stored: StoredRecords) -> pd.DataFrame:
    """The figures aggregation reads (compact, see `read_figures_to_count`), corrected."""
    from helpers.store.parquet import with_number_kinds

    if not (stored.store / "figures").is_dir():
        return pd.DataFrame(columns=[c for c in FIGURE_COLUMNS if c not in _not_aggregated()])
    figures = with_number_kinds(read_figures_to_count(stored.store), stored.kinds.get("figures"))
    rows = counted_corrections(stored.corrections, figures.columns)
    if "regions" in figures and any(row["field"] == "regions" for row in rows):
        # read compact as 'SY-DR|SY-QU' text; a corrected value is a list: joined the same way
        rows = [row | {"value": "|".join(code for code in row["value"].split("|") if code)}
                if row["field"] == "regions" else row for row in rows]
        tables, _ = corrections_stage.apply_corrections({"figures": figures}, rows)
        tables["figures"]["regions"] = tables["figures"]["regions"].map(
            lambda v: "|".join(v) if isinstance(v, list) else v)
    else:
        tables, _ = corrections_stage.apply_corrections({"figures": figures}, rows)
    return tables["figures"].drop(columns=["reviewed", "reviewed_by"])


def _not_aggregated():
    from helpers.analysis.aggregate import NOT_AGGREGATED

    return NOT_AGGREGATED


def sentences_corrected(contradictions: pd.DataFrame, named: pd.DataFrame) -> pd.DataFrame:
    """Contradictions' sentences as the corrections left them (a corrected `sentence`)."""
    if contradictions.empty or named.empty or "sentence" not in named:
        return contradictions
    sentence = dict(zip(named["id"], named["sentence"]))
    for side in ("a", "b"):
        found = contradictions[f"figure_{side}"].map(sentence)
        contradictions[f"sentence_{side}"] = found.where(contradictions[f"figure_{side}"].isin(sentence.keys()),
                                                         contradictions[f"sentence_{side}"])
    return contradictions


def _corrected(stored: StoredRecords, name: str, piece: pd.DataFrame, repeat_of: pd.Series | None) -> pd.DataFrame:
    """A piece of table `name` corrected as `apply_corrections` corrects the whole table,
    with `repeat_of` (figures)."""
    by_id: dict[str, list[dict]] = {}
    for row in stored.corrections:
        by_id.setdefault(row["id"], []).append(row)
    mine = [row for row_id in piece["id"] if row_id in by_id for row in by_id[row_id]] if by_id else []
    if mine:   # in the corrections file's order, as applying them to the whole table does
        order = {id(row): n for n, row in enumerate(stored.corrections)}
        mine.sort(key=lambda row: order[id(row)])
    tables, _ = corrections_stage.apply_corrections({name: piece}, mine)
    piece = tables[name].reset_index(drop=True)
    if repeat_of is not None:
        piece["repeat_of"] = piece["id"].map(repeat_of).astype(object)
        piece["repeat_of"] = piece["repeat_of"].where(piece["repeat_of"].notna(), None)
    return piece


def written_pieces(stored: StoredRecords, name: str, repeat_of: pd.Series | None = None):
    """(CSV text or a file holding it, Arrow table, records) of each piece of table `name`, as
    `write_record_tables` writes them. With `stored.archive` (the store linked from the cache's
    archive), pieces wholly inside the archive are copied from those kept beside it
    (`helpers.store.written`) when nothing that decides them changed, and kept there otherwise."""
    import io

    import pyarrow as pa

    from helpers.store.csv_pieces import write_csv_piece
    from helpers.store.parquet import iter_ranges, to_frame, with_number_kinds
    from helpers.store.written import KeptPieces

    kept = None if stored.archive is None else KeptPieces(stored.archive, name, stored.kinds.get(name),
                                                          stored.corrections, CHUNK_ROWS)
    emitted = 0
    for start, read in iter_ranges(stored.store, name, CHUNK_ROWS):
        key = None if kept is None else kept.key(start, emitted == 0, _repeats(read, repeat_of))
        found = kept.get(start, key) if key else None
        if found is not None:
            csv_file, table = found
            if table.num_rows:
                emitted += 1
                yield csv_file, table, table.num_rows
            continue
        rows = read()
        if not rows.num_rows:
            continue
        piece = _corrected(stored, name, with_number_kinds(to_frame(rows), stored.kinds.get(name)), repeat_of)
        text = io.StringIO()
        write_csv_piece(text, piece, header=emitted == 0)
        table = pa.Table.from_pandas(piece, preserve_index=False)
        if key:
            kept.put(start, key, text.getvalue(), table)
        emitted += 1
        yield text.getvalue(), table, len(piece)


def _repeats(read, repeat_of: pd.Series | None) -> list | None:
    """Each record's `repeat_of` in the piece `read` gives (None for a table without it)."""
    if repeat_of is None:
        return None
    ids = read(["id"]).column("id").to_pylist()
    values = repeat_of.reindex(ids).to_numpy(object)
    return [value if isinstance(value, str) else None for value in values]


def write_record_tables(out_dir: Path, stored: StoredRecords, repeat_of: pd.Series | None = None) -> list[Path]:
    """`figures` and `incentives` as CSV and Parquet in `out_dir`, a piece at a time (each piece's
    CSV as `helpers.store.csv_pieces.write_csv_piece` writes it); returns the files."""
    import itertools
    import shutil

    import pyarrow.parquet as pq

    written = []
    for name, columns in TABLES.items():
        csv_path, parquet_path = out_dir / f"{name}.csv", out_dir / f"{name}.parquet"
        pieces = written_pieces(stored, name, repeat_of if name == "figures" else None)
        first, second = next(pieces, None), next(pieces, None)
        writer, count = None, 0
        with csv_path.open("w", encoding="utf-8", newline="") as csv_file:
            for piece in itertools.chain([first, second], pieces):
                if piece is None:
                    continue
                text, table, rows = piece
                if isinstance(text, Path):
                    with text.open(encoding="utf-8", newline="") as kept:
                        shutil.copyfileobj(kept, csv_file, 1 << 20)
                else:
                    csv_file.write(text)
                if writer is None:   # one piece: its own types, as the whole table would have them
                    schema = table.schema if second is None else _widened(table.schema, stored, name, repeat_of)
                    writer = pq.ParquetWriter(parquet_path, schema)
                writer.write_table(table if table.schema == schema else table.cast(schema))
                count += rows
            if writer is None:   # no record: the empty table, with its columns
                empty = pd.DataFrame(columns=[*columns, "reviewed", "reviewed_by"]
                                     + (["repeat_of"] if name == "figures" else []))
                empty.to_csv(csv_file, index=False)
                empty.to_parquet(parquet_path, index=False)
            else:
                writer.close()
        stored.counts[name] = count
        written += [csv_path, parquet_path]
    return written


def _widened(schema, stored: StoredRecords, name: str, repeat_of: pd.Series | None):
    """The first piece's schema with the types its cells left open (a column of None, lists
    all empty, a basis key never set) taken from the store's schema (or text), for the pieces
    after it; columns that hold no value in the whole table stay as they are."""
    import pyarrow as pa

    from helpers.store.parquet import schema as store_schema

    known = store_schema(TABLES[name])
    never = {column for column, kind in stored.kinds.get(name, {}).items() if kind == "none"}
    if stored.corrections:   # whose name any correction of this table's records leaves
        corrected, _ = corrections_stage.apply_corrections(named_records(stored), stored.corrections)
        if not corrected[name]["reviewed_by"].notna().any():
            never.add("reviewed_by")
    else:
        never.add("reviewed_by")
    if repeat_of is None or not repeat_of.notna().any():
        never.add("repeat_of")

    def wide(kind, target):
        if pa.types.is_null(kind):
            return target
        if pa.types.is_list(kind) and pa.types.is_list(target):
            return pa.list_(wide(kind.value_type, target.value_type))
        if pa.types.is_struct(kind) and pa.types.is_struct(target):
            fields = {f.name: f.type for f in target}
            return pa.struct([(f.name, wide(f.type, fields.get(f.name, pa.string()))) for f in kind])
        return kind

    fields = []
    for item in schema:
        target = known.field(item.name).type if item.name in known.names else pa.string()
        fields.append(item if item.name in never else pa.field(item.name, wide(item.type, target)))
    return pa.schema(fields, metadata=schema.metadata)


class LinkedRecords:
    """Where a run's figures and incentives go when it has an extraction cache: the cache's
    archive (`helpers.store.archive`) is linked into the run's store when the run's reports
    are the archive's, in its order, then new ones (only the new ones are written, as a new
    part of the archive); otherwise the run's store is written, the records the run shares
    with the archive up to the first difference copied from it. One run at a time appends to
    an archive (a lock); a run that finds it taken writes its own store."""

    def __init__(self, store: Path, cache):
        from helpers.store.archive import Archive

        from helpers.analysis.near_duplicates import NearDuplicateIndex

        self.store = Path(store)
        cache.lazy = True   # the archive's reports are only counted: their records are never decoded
        self.archive = Archive(cache.folder / "store")
        self.linking = self._lock()
        # the near-duplicate index of the archive's reports, saved by the run that appended the
        # last part: its reports are then recalled from it, only new ones are added
        saved = NearDuplicateIndex.load(self.archive.folder / "near") if self.linking and self.archive.parts else None
        self.near_recalled = saved is not None and len(saved) == len(self.archive.keys)
        self.near = saved if self.near_recalled else NearDuplicateIndex()
        self.position = 0                                   # archive reports met so far, in order
        self.prefix = {"figures": 0, "incentives": 0}       # their records
        self.records = None                                 # RecordTables of what this run writes
        self.new_keys: list[str] = []
        self.linked_files = 0

    def _lock(self) -> bool:
        import fcntl

        try:
            self.archive.folder.mkdir(parents=True, exist_ok=True)
            self._lock_file = open(self.archive.folder / "lock", "w")
            fcntl.flock(self._lock_file, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return True
        except OSError:
            return False

    def recall(self, reports: int, figures: int, incentives: int) -> None:
        """The archive's first `reports` reports, with `figures` and `incentives` records, taken
        as a kept run prefix gives them (`helpers.store.run_prefix`), without their results."""
        self.position = reports
        self.prefix = {"figures": figures, "incentives": incentives}

    def add(self, done) -> tuple | None:
        """One report's records (an engine result), in reading order. Returns the report's
        near-duplicate link (earlier report, similarity) when the saved index holds it, else
        None (the caller adds it to `self.near`)."""
        from helpers.store.cache import row_key

        if self.linking and self.position < len(self.archive.keys):
            if row_key(done.report) == self.archive.keys[self.position]:
                self.position += 1
                self.prefix["figures"] += len(done.figures)
                self.prefix["incentives"] += len(done.incentives)
                return self.near.link_of(self.position - 1) if self.near_recalled else None
            self._stop_linking()
        if self.records is None:
            self._open()
        if self.linking:
            self.new_keys.append(row_key(done.report))
        self.records.add_records(done)

    def _stop_linking(self) -> None:
        self.linking = False
        self.archive.copy_prefix(self.store, self.prefix)
        if self.near_recalled:   # the saved index holds reports this run lacks: only the shared ones
            self.near = self.near.prefix(self.position)
            self.near_recalled = False

    def _open(self) -> None:
        from helpers.run.engine import REPORT_TABLE_COLUMNS
        from helpers.store.parquet import RecordTables

        folder, part = (self.archive.folder, self.archive.next_name()) if self.linking else (self.store, "0")
        self.records = RecordTables(REPORT_TABLE_COLUMNS, folder, part=part, first_seq=dict(self.prefix),
                                    only=tuple(TABLES), keep=False)

    def summary(self) -> dict:
        """What the manifest records of the store: linked from the archive, or written."""
        if self.linking:
            return {"linked": True, "archive": str(self.archive.folder), "files_linked": self.linked_files,
                    "reports_from_archive": self.position, "reports_appended": len(self.new_keys),
                    "note": f"store linked from the archive: {self.position} report(s) already there, "
                            f"{len(self.new_keys)} appended; {self.linked_files} file(s) linked"}
        return {"linked": False, "archive": str(self.archive.folder), "reports_from_archive": self.position,
                "note": f"store written for this run ({self.position} report(s) copied from the archive: "
                        "the reports differ from the archive's, or another run holds it)"}

    def close(self) -> dict[str, dict[str, str]]:
        """Finish the files (commit the new part and link the archive, or finish the run's own
        store); returns how each table's number columns come out (`RecordTables.number_kinds`)."""
        if self.linking and self.position < len(self.archive.keys):
            self._stop_linking()    # fewer reports than the archive: the shared ones are copied
        own = {}
        if self.records is not None:
            self.records.close(frames=False)
            own = {name: (self.records.tables[name].count, self.records.number_kinds(name)) for name in TABLES}
        if self.linking:
            if self.records is not None:
                self.archive.commit(self.records.tables["figures"].part, self.new_keys,
                                    {name: own[name][0] for name in TABLES}, {name: own[name][1] for name in TABLES})
            self.linked_files = self.archive.link_into(self.store)
            if len(self.near) == len(self.archive.keys):   # the index of exactly the archive's reports
                self.near.save(self.archive.folder / "near")
            kinds = {name: self.archive.kinds(name) for name in TABLES}
        else:
            shared = self.archive.parts_within(self.position)
            kinds = {name: _combined([(sum(p["counts"][name] for p in shared), self.archive.kinds(name, shared)),
                                      own.get(name, (0, {}))]) for name in TABLES}
        if hasattr(self, "_lock_file"):
            self._lock_file.close()
        return kinds


def _combined(parts: list[tuple[int, dict[str, str]]]) -> dict[str, str]:
    """Number kinds of tables put end to end: one kind where all agree, else 'float'."""
    chosen = [kinds for count, kinds in parts if count]
    columns = {c for kinds in chosen for c in kinds}
    out = {}
    for column in sorted(columns):
        seen = {kinds.get(column, "float") for kinds in chosen}
        out[column] = seen.pop() if len(seen) == 1 else "float"
    return out


def read_figures_to_count(folder: str | Path, filter=None) -> pd.DataFrame:
    """The figures of a store without the columns aggregation never reads (NOT_AGGREGATED),
    compact: `regions` as 'SY-DR|SY-QU' text, and each repeated text (a code, a date, a report
    id) one shared Python string, so a million reports' figures fit in memory."""
    import numpy as np
    import pyarrow.compute as pc
    import pyarrow.dataset as ds

    from helpers.analysis.aggregate import NOT_AGGREGATED
    from helpers.store.parquet import ORDER, to_frame

    dataset = ds.dataset(Path(folder) / "figures", format="parquet", partitioning="hive")
    names = [n for n in dataset.schema.names if n not in NOT_AGGREGATED and n != "month"]
    table = dataset.to_table(columns=list(dict.fromkeys([*names, ORDER])), filter=filter).sort_by(ORDER)
    if "regions" in table.column_names and str(table.schema.field("regions").type).startswith("list"):
        table = table.set_column(table.column_names.index("regions"), "regions",
                                 pc.binary_join(table["regions"], "|"))
    frame = to_frame(table)
    del table
    for column in frame.columns:
        if column != "id" and not pd.api.types.is_numeric_dtype(frame[column]):
            codes, uniques = pd.factorize(frame[column])
            shared = np.append(np.asarray(uniques, dtype=object), None)   # code -1 (missing) → None
            frame[column] = pd.Series(shared[codes], index=frame.index, dtype=object)
    return frame


def with_sentences(contradictions: pd.DataFrame, folder: str | Path, filter=None) -> pd.DataFrame:
    """Contradictions counted without sentences, given each side's sentence from the store
    (`filter`: the rows the figures were read with)."""
    import pyarrow.dataset as ds

    from helpers.store.parquet import read_table

    if contradictions.empty:
        return contradictions
    ids = pd.unique(pd.concat([contradictions["figure_a"], contradictions["figure_b"]]).to_numpy(object))
    wanted = ds.field("id").isin(list(ids))
    found = read_table(folder, "figures", columns=["id", "sentence"], filter=wanted if filter is None else filter & wanted)
    sentence = dict(zip(found["id"], found["sentence"]))
    return contradictions.assign(sentence_a=contradictions["figure_a"].map(sentence),
                                 sentence_b=contradictions["figure_b"].map(sentence))
