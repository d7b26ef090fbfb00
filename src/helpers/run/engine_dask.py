"""Extraction on a Dask cluster: file partitions in, Parquet parts out.

    python -m helpers extract PATH... --engine dask [--scheduler tcp://host:8786] --format parquet --out STORE
    run_pipeline(paths, engine="dask", scheduler="tcp://host:8786", store=STORE)

The input files are cut into partitions of about `PARTITION_BYTES`; each
partition is one Dask task that reads its files (`helpers.ingest.load.iter_load`),
extracts every report and writes its records to the store as Parquet parts
by report month, returning only the reports' rows (no text), their MinHash
signatures and the rejections. The driver then links near-duplicates in file
order, marks exact duplicates across partitions, writes the reports table,
and aggregation reads the Parquet dataset. With a real cluster the store
must be a folder every worker can write (a shared filesystem).

Without `--scheduler` or `DASK_SCHEDULER_ADDRESS`, a `LocalCluster` of one
process per core is started for the run.
"""
from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from pathlib import Path

from helpers.records import Rejection

PARTITION_BYTES = 16 * 2**20
SEQ_BITS = 40  # records of partition p are numbered from p << SEQ_BITS: the store reads back in file order


@contextmanager
def dask_client(scheduler: str | None = None, workers: int | None = None):
    """A client of the cluster at `scheduler` (or $DASK_SCHEDULER_ADDRESS), else of a new LocalCluster."""
    try:
        from dask.distributed import Client, LocalCluster
    except ImportError:
        raise SystemExit("--engine dask needs dask[distributed]: pip install 'rasd[scale]'") from None
    address = scheduler or os.environ.get("DASK_SCHEDULER_ADDRESS")
    if address:
        with Client(address) as client:
            yield client
        return
    from helpers.run.engine import default_workers

    with LocalCluster(n_workers=workers or default_workers(), threads_per_worker=1, processes=True,
                      dashboard_address=None) as cluster, Client(cluster) as client:
        yield client


def partitions(paths, target_bytes: int | None = None) -> list[list[str]]:
    """The files `iter_load` would read, in its order, cut into runs of about `target_bytes`
    (default `PARTITION_BYTES`)."""
    from helpers.ingest.load import input_files

    target_bytes = target_bytes or PARTITION_BYTES
    parts, current, size = [], [], 0
    for path in input_files([str(p) for p in paths]):
        current.append(str(path))
        size += path.stat().st_size
        if size >= target_bytes:
            parts.append(current)
            current, size = [], 0
    if current:
        parts.append(current)
    return parts


def extract_partition(files: list[str], store: str, index: int) -> dict:
    """One Dask task: read and extract `files`, write their figures and incentives to `store`."""
    from helpers.run.engine import extract_one
    from helpers.ingest.load import iter_load
    from helpers.store.parquet import RecordTables

    tables = RecordTables([], store, part=f"{index:05d}", first_seq=index << SEQ_BITS,
                          only=("figures", "incentives"), keep=False)
    reports, signatures, problems = [], [], []
    for item in iter_load(files):
        if isinstance(item, Rejection):
            problems.append(item)
            continue
        done = extract_one(item)
        problems += done.problems
        if done.refused:
            continue
        tables.add_records(done)
        reports.append(done.report)
        signatures.append(done.signature)
    tables.close(frames=False)
    return {"reports": reports, "signatures": signatures, "problems": problems}


def extract_to_store(paths, store: str | Path, scheduler: str | None = None, workers: int | None = None,
                     on_rejection=None, keep=None) -> list[dict]:
    """Extract every report under `paths` on Dask into `store`; returns the reports' rows in file order
    (with near-duplicates linked) after writing them as the store's reports table. `keep(row)`
    may leave reports out (a date window): their records stay in the store's parts."""
    from helpers.analysis.near_duplicates import NearDuplicateIndex
    from helpers.run.engine import REPORT_TABLE_COLUMNS
    from helpers.store.parquet import RecordTables

    on_rejection = on_rejection or (lambda rejection: print(rejection, file=sys.stderr))
    for path in paths:
        if not Path(path).exists():
            on_rejection(Rejection(str(path), None, "not found"))
    parts = partitions(paths)
    with dask_client(scheduler, workers) as client:
        futures = [client.submit(extract_partition, files, str(store), index, pure=False)
                   for index, files in enumerate(parts)]
        results = client.gather(futures)
    near, first_by_hash, rows = NearDuplicateIndex(), {}, []
    tables = RecordTables(REPORT_TABLE_COLUMNS, store, part="reports", only=("reports",), keep=False)
    for result in results:
        for problem in result["problems"]:
            on_rejection(problem)
        for report, signature in zip(result["reports"], result["signatures"]):
            report["duplicate_of"] = first_by_hash.get(report["content_hash"])  # across partitions too
            first_by_hash.setdefault(report["content_hash"], report["id"])
            if keep is not None and not keep(report):
                continue
            earlier = near.add_hashvalues(report["id"], signature)
            similarity = near.similar_to.get(report["id"], (None, None))[1]
            row = report | {"near_duplicate_of": earlier, "similarity": similarity}
            tables.add("reports", row)
            rows.append(row)
    tables.close(frames=False)
    return rows


def extract_command(args) -> int:
    """`helpers extract --engine dask --format parquet --out STORE`."""
    if args.format != "parquet":
        print("extract: --engine dask writes Parquet: use --format parquet --out DIR", file=sys.stderr)
        return 2
    rejected = []

    def reject(rejection: Rejection) -> None:
        from helpers.ingest.load import LoadWarning

        if not isinstance(rejection, LoadWarning):
            rejected.append(rejection)
        print(rejection, file=sys.stderr)

    reports = extract_to_store(args.paths, args.out, args.scheduler, args.workers, reject)
    print(f"extract: {len(reports)} report(s) read, {len(rejected)} rejected", file=sys.stderr)
    return 0 if reports else 2
