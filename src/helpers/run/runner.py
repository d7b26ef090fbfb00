"""`python -m helpers run`: execute the notebooks with papermill into a report folder.

    python -m helpers run [--corpus PATH...] [--since DATE] [--until DATE]
                          [--param key=value]... [--lang ar|en] [--out DIR]

Makes `<out>/<run-id>/` (run-id: UTC timestamp + short hash), runs
notebooks/01..04 in order on a Jupyter kernel, each writing its tables (CSV +
Parquet) and charts (PNG + SVG) there; 04_report renders `report.html`.
`manifest.json` records parameters, input hashes, package versions, timings
and the status (`running`, `ok`, `partial`, `failed`, `cancelled`). `<out>/latest`
is switched atomically, and only when a report was made (`ok` or `partial`).
Every rejected input is printed on stderr as `path:line: reason`.
Exit codes: 0 ok; 1 a notebook failed; 2 bad arguments or inputs (parameters
are checked before the first notebook; a corpus with no readable report; an
output folder that cannot be written); 3 partial: the report was made, but a
chart or table could not be drawn (named in the manifest and the report);
130 / 143 cancelled by SIGINT / SIGTERM.

"""
from __future__ import annotations

import argparse
import ast
import hashlib
import json
import os
import signal
import sys
import threading
import time
from dataclasses import dataclass, field
from datetime import datetime, timezone
from importlib import metadata
from pathlib import Path

import pandas as pd

from helpers import paths
from helpers.cli import date_arg
from helpers.run.steps import check_window, resolve_corpus

NOTEBOOKS = ("01_load.ipynb", "02_extract.ipynb", "03_charts.ipynb", "04_report.ipynb")
KERNEL = "python3"  # jupyter_client starts "python" kernels with sys.executable: the venv's Python
KERNEL_ARGUMENTS = ["--IPKernelApp.log_level=CRITICAL"]  # kernel log noise off stderr (cell errors still surface)
VERSIONED = ("rasd", "pandas", "pyarrow", "matplotlib", "papermill", "nbclient", "nbformat",
             "ipykernel", "jupyter_client", "jinja2", "itables", "arabic-reshaper", "python-bidi")


class UsageError(ValueError):
    """Bad arguments or inputs, found before any notebook runs."""


class Cancelled(KeyboardInterrupt):
    """SIGTERM (or SIGINT) arrived: the run stops and its manifest says `cancelled`."""

    def __init__(self, signum: int):
        super().__init__(signal.Signals(signum).name)
        self.signum = signum


EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_PARTIAL = 0, 1, 2, 3


# --- arguments ---------------------------------------------------------------

def parse_param(text: str) -> tuple[str, object]:
    """'key=value' → (key, value); value read as JSON when it parses, else kept as text."""
    key, sep, raw = text.partition("=")
    if not sep or not key.strip().isidentifier():
        raise UsageError(f"--param expects key=value with a Python name as key, got {text!r}")
    try:
        return key.strip(), json.loads(raw)
    except json.JSONDecodeError:
        return key.strip(), raw


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m helpers run",
                                     description="Run the notebooks with papermill and render the report.")
    parser.add_argument("--corpus", nargs="+", metavar="PATH", help="files or folders (default data/sample)")
    parser.add_argument("--since", type=date_arg, help="first report date kept (YYYY-MM-DD)")
    parser.add_argument("--until", type=date_arg, help="last report date kept; totals are as of it")
    parser.add_argument("--param", action="append", default=[], metavar="KEY=VALUE",
                        help="any other notebook parameter (value read as JSON when possible)")
    parser.add_argument("--lang", choices=["ar", "en"], default="ar", help="report language (default ar)")
    parser.add_argument("--out", type=Path, default=paths.REPORTS, help="folder for run folders (default reports/)")
    parser.add_argument("--workers", type=int, default=None, help="extraction processes (default: all cores)")
    parser.add_argument("--cache", type=Path, default=None,
                        help="extraction cache shared by runs (default <out>/cache; 'none' for no cache)")
    parser.add_argument("--engine", choices=["local", "dask"], default="local",
                        help="extraction here (a process pool) or on a Dask cluster")
    parser.add_argument("--scheduler", metavar="ADDRESS",
                        help="Dask scheduler address (default $DASK_SCHEDULER_ADDRESS; none: a local cluster)")
    return parser


def notebook_parameters(args: argparse.Namespace, out_dir: Path, run_id: str) -> dict:
    """The parameters every notebook may receive (each gets the ones it declares)."""
    params = {
        "corpus": [str(Path(p).resolve()) for p in args.corpus] if args.corpus else None,
        "since": args.since, "until": args.until, "lang": args.lang,
        "out_dir": str(out_dir), "run_id": run_id, "interactive": False,
        "workers": getattr(args, "workers", None), "cache": _cache_parameter(args),
        "engine": getattr(args, "engine", "local"), "scheduler": getattr(args, "scheduler", None),
    }
    for item in args.param:
        key, value = parse_param(item)
        params[key] = value
    if isinstance(params.get("corrections"), str):   # notebooks run inside the run folder
        params["corrections"] = str(Path(params["corrections"]).resolve())
    return params


def _cache_parameter(args: argparse.Namespace) -> str | None:
    """The extraction cache folder the run uses: --cache, else <out>/cache; None for 'none'."""
    cache = getattr(args, "cache", None)
    if cache is not None and str(cache).lower() == "none":
        return None
    return str((cache or Path(args.out) / "cache").resolve())


# --- inputs, versions, run id ---------------------------------------------------

def make_run_id(now: datetime | None = None, salt: str = "") -> str:
    """'20261128T003000Z-1a2b3c': UTC time plus a short hash (unique within a second)."""
    now = now or datetime.now(timezone.utc)
    seed = f"{now.isoformat()}|{os.getpid()}|{time.perf_counter_ns()}|{salt}"
    return f"{now:%Y%m%dT%H%M%SZ}-{hashlib.sha256(seed.encode()).hexdigest()[:6]}"


def input_files(corpus: list[str]) -> list[Path]:
    """Every file the load stage reads for `corpus` (helpers.ingest.load.input_files), in its order."""
    from helpers.ingest.load import input_files as files_to_load

    return list(files_to_load(corpus))


def sha256_file(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def check_corpus(corpus: list[str]) -> None:
    missing = [p for p in corpus if not Path(p).exists()]
    if missing:
        raise UsageError("corpus path not found: " + ", ".join(missing))


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in VERSIONED:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = "not installed"
    return versions


def declared_parameters(notebook: Path) -> set[str]:
    """Names in the notebook's `parameters` cell."""
    import papermill

    return set(papermill.inspect_notebook(str(notebook)))


# --- running -----------------------------------------------------------------------

@dataclass
class NotebookRun:
    name: str
    status: str = "pending"   # pending ok failed cancelled
    seconds: float | None = None
    output: str | None = None


@dataclass
class Failure:
    notebook: str
    cell_index: int | None
    exec_count: int | None
    error: str

    def line(self) -> str:
        cell = f" cell {self.cell_index}" if self.cell_index is not None else ""
        count = f" (In [{self.exec_count}])" if self.exec_count is not None else ""
        return f"run failed: {self.notebook}{cell}{count}: {self.error}"


@dataclass
class Manifest:
    run_id: str
    parameters: dict
    inputs: list[dict]
    versions: dict
    command: list[str]
    started: str
    status: str = "running"
    finished: str | None = None
    seconds: float | None = None
    kernel: str = KERNEL
    python_executable: str = sys.executable
    notebooks: list[NotebookRun] = field(default_factory=list)
    failure: Failure | None = None
    outputs: list[str] = field(default_factory=list)
    cache: dict | None = None  # extraction cache hits and misses (written by 02_extract as cache.json)
    problems: list[str] = field(default_factory=list)   # why a run is partial: panels not drawn

    def write(self, run_dir: Path) -> Path:
        """Write manifest.json atomically; whatever the file names (escaped when not
        UTF-8), and never leaving a `.tmp` behind, even on a full disk."""
        from dataclasses import asdict

        path = run_dir / "manifest.json"
        tmp = path.with_suffix(".json.tmp")
        text = json.dumps(asdict(self), ensure_ascii=False, indent=2)
        try:
            data = text.encode("utf-8")
        except UnicodeEncodeError:   # a lone surrogate (undecodable name in argv): JSON escapes it
            data = json.dumps(asdict(self), ensure_ascii=True, indent=2).encode("ascii")
        try:
            tmp.write_bytes(data)
            os.replace(tmp, path)
        except BaseException:
            tmp.unlink(missing_ok=True)
            raise
        return path


def execute_notebook(source: Path, target: Path, parameters: dict, cwd: Path) -> None:
    """One papermill run on the venv's kernel; raises PapermillExecutionError on a cell error."""
    import papermill

    papermill.execute_notebook(str(source), str(target), parameters=parameters, kernel_name=KERNEL,
                               progress_bar=False, log_output=False, cwd=str(cwd),
                               extra_arguments=KERNEL_ARGUMENTS)


def failure_from(notebook: str, error: BaseException, executed: Path | None = None) -> Failure:
    """The failure's notebook, cell and one-line error. A kernel that died (killed,
    out of memory) is placed in the cell that was running, read from the
    notebook papermill was writing."""
    from papermill.exceptions import PapermillExecutionError

    if isinstance(error, PapermillExecutionError):
        return Failure(notebook, error.cell_index, error.exec_count,
                       f"{error.ename}: {one_line(error.evalue)}")
    if isinstance(error, Cancelled):
        cell, count = running_cell(executed)
        return Failure(notebook, cell, count, f"cancelled by {error}")
    if isinstance(error, KeyboardInterrupt):
        cell, count = running_cell(executed)
        return Failure(notebook, cell, count, "cancelled by SIGINT")
    cell, count = running_cell(executed)
    if type(error).__name__ == "DeadKernelError":
        return Failure(notebook, cell, count, f"the kernel died while the cell ran (killed or out of memory): "
                                              f"{one_line(str(error))}")
    where = "" if cell is not None else " before any cell"
    return Failure(notebook, cell, count, f"{type(error).__name__}{where}: {one_line(str(error))}")


def running_cell(executed: Path | None) -> tuple[int | None, int | None]:
    """(index, execution count) of the cell papermill marked `running` in `executed`."""
    if executed is None or not executed.exists():
        return None, None
    try:
        cells = json.loads(executed.read_text(encoding="utf-8")).get("cells", [])
    except (OSError, ValueError):
        return None, None
    for index, cell in enumerate(cells):
        if cell.get("metadata", {}).get("papermill", {}).get("status") == "running":
            return index, cell.get("execution_count")
    return None, None


def one_line(text: str, limit: int = 300) -> str:
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def switch_latest(out_root: Path, run_id: str) -> Path:
    """Point `<out_root>/latest` at the run folder atomically (temp symlink + os.replace)."""
    latest = out_root / "latest"
    tmp = out_root / f".latest-{run_id}.tmp"
    if tmp.is_symlink() or tmp.exists():
        tmp.unlink()
    os.symlink(run_id, tmp, target_is_directory=True)
    try:
        os.replace(tmp, latest)
    except OSError:
        tmp.unlink()
        raise
    return latest


def relative_outputs(run_dir: Path) -> list[str]:
    return sorted(str(p.relative_to(run_dir)) for p in run_dir.rglob("*") if p.is_file())


def run(args: argparse.Namespace, argv: list[str], notebooks_dir: Path = paths.NOTEBOOKS) -> int:
    """The whole run; returns the exit code."""
    corpus = resolve_corpus(args.corpus)
    check_corpus(corpus)
    if args.since and args.until and args.since > args.until:
        raise UsageError(f"--since {args.since} is after --until {args.until}")
    sources = [notebooks_dir / name for name in NOTEBOOKS]
    declared = {source.name: declared_parameters(source) for source in sources}
    check_parameters(notebook_parameters(args, args.out, ""), declared)
    check_parameter_values(notebook_parameters(args, args.out, ""), defaults_of(sources))
    try:
        args.out.mkdir(parents=True, exist_ok=True)
        run_id, run_dir = new_run_dir(args.out, argv)
    except OSError as error:
        raise UsageError(f"cannot write to {args.out}: {error.strerror or error}") from None
    parameters = notebook_parameters(args, run_dir.resolve(), run_id)
    with cancel_on_sigterm():
        return run_notebooks(args, argv, corpus, sources, declared, run_id, run_dir, parameters)


def run_notebooks(args, argv, corpus, sources, declared, run_id: str, run_dir: Path, parameters: dict) -> int:
    """Execute the notebooks into `run_dir`, write the manifest, switch `latest`."""
    started = time.perf_counter()
    manifest = new_manifest(run_id, parameters, argv, corpus, sources)
    try:
        manifest.write(run_dir)
    except OSError as error:
        raise UsageError(f"cannot write to {run_dir}: {error.strerror or error}") from None
    try:
        for number, (source, step) in enumerate(zip(sources, manifest.notebooks), start=1):
            own = {k: v for k, v in parameters.items() if k in declared[source.name]}
            error = run_step(source, step, run_dir, own, f"[{number}/{len(sources)}]")
            if error is not None:
                manifest.failure = failure_from(source.name, error, run_dir / source.name)
                print_rejections(run_dir)
                return finish(manifest, run_dir, started, "cancelled" if isinstance(error, KeyboardInterrupt)
                              else "failed", error)
            if number == 1 and reports_read(run_dir) == 0:
                manifest.failure = Failure(source.name, None, None, "no report could be read from the corpus "
                                           "(every input was rejected, see above); latest left as it was")
                print_rejections(run_dir)
                finish(manifest, run_dir, started, "failed")
                return EXIT_USAGE
    except KeyboardInterrupt as error:   # a signal between two notebooks
        manifest.failure = Failure("-", None, None, f"cancelled by {error}")
        return finish(manifest, run_dir, started, "cancelled", error)
    print_rejections(run_dir)

    report = run_dir / "report.html"
    if not report.exists():
        manifest.failure = Failure(NOTEBOOKS[-1], None, None, "report.html was not written")
        return finish(manifest, run_dir, started, "failed")
    manifest.problems = panel_problems(run_dir)
    code = finish(manifest, run_dir, started, "partial" if manifest.problems else "ok")
    print(report.resolve())
    try:
        switch_latest(args.out, run_id)
    except OSError as error:
        print(f"run: report written, but {args.out / 'latest'} could not be pointed at {run_id}: "
              f"{error.strerror or error} (move it away; it must be a link)", file=sys.stderr)
        return EXIT_FAILED
    return code


class cancel_on_sigterm:
    """While a run lasts, SIGTERM raises `Cancelled` (as Ctrl-C raises
    KeyboardInterrupt), so the manifest is closed as `cancelled`."""

    def __enter__(self):
        self.previous = None
        if threading.current_thread() is threading.main_thread():
            self.previous = signal.signal(signal.SIGTERM, self.stop)
        return self

    @staticmethod
    def stop(signum, frame):
        raise Cancelled(signum)

    def __exit__(self, *exc):
        if self.previous is not None:
            signal.signal(signal.SIGTERM, self.previous)
        return False


def reports_read(run_dir: Path) -> int | None:
    """Reports 01_load read (rows of `inputs`), or None when it wrote no table."""
    table = run_dir / "inputs.parquet"
    if not table.exists():
        return None
    import pyarrow.parquet as pq

    return pq.ParquetFile(table).metadata.num_rows


def print_rejections(run_dir: Path) -> None:
    """Each rejected input and warning on stderr, `path:line: reason`, as `load` prints them:
    the cron log is the record."""
    for name in ("rejections", "load_rejections"):
        table = run_dir / f"{name}.parquet"
        if table.exists():
            break
    else:
        return
    try:
        frame = pd.read_parquet(table)
    except Exception as error:  # noqa: BLE001 - the listing never stops the run
        print(f"run: cannot list the rejections of {table}: {error}", file=sys.stderr)
        return
    for row in frame.itertuples(index=False):
        line = getattr(row, "line", None)
        where = row.path if line is None or pd.isna(line) else f"{row.path}:{int(line)}"
        warning = "warning: " if getattr(row, "kind", "") == "warning" else ""
        print(f"{where}: {warning}{row.reason}", file=sys.stderr)


def panel_problems(run_dir: Path) -> list[str]:
    """Charts and tables that could not be drawn (`charts/failures.json`, written by 03)."""
    failures = run_dir / "charts" / "failures.json"
    if not failures.exists():
        return []
    try:
        found = json.loads(failures.read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        return [f"charts/failures.json unreadable: {error}"]
    return [f"{name}: could not be drawn: {reason}" for name, reason in found.items()]


def check_parameters(parameters: dict, declared: dict[str, set[str]]) -> None:
    """Every parameter must be declared by at least one notebook."""
    accepted = set().union(*declared.values())
    unknown = sorted(set(parameters) - accepted)
    if unknown:
        raise UsageError(f"unknown parameter(s) {unknown}; the notebooks take {sorted(accepted)}")


def defaults_of(sources: list[Path]) -> dict[str, object]:
    """Each notebook parameter's default value (from the `parameters` cells)."""
    import papermill

    defaults: dict[str, object] = {}
    for source in sources:
        for name, info in papermill.inspect_notebook(str(source)).items():
            try:
                defaults.setdefault(name, ast.literal_eval(info["default"]))
            except (ValueError, SyntaxError):
                defaults.setdefault(name, None)
    return defaults


def check_parameter_values(parameters: dict, defaults: dict[str, object]) -> None:
    """Each value must fit its parameter, before any notebook runs: the type of its
    default (`max_rows=2000` takes a whole number), a date for since/until, an
    existing file for corrections. Raises UsageError naming the parameter."""
    for name, value in parameters.items():
        default = defaults.get(name)
        if value is None or default is None:
            continue
        kind = type(default)
        fits = (isinstance(value, bool) if kind is bool else
                isinstance(value, int) and not isinstance(value, bool) if kind is int else
                isinstance(value, (int, float)) and not isinstance(value, bool) if kind is float else
                isinstance(value, kind))
        if not fits:
            raise UsageError(f"parameter {name} must be {_KIND_NAMES.get(kind, kind.__name__)} "
                             f"(default {default!r}), got {value!r}")
    if isinstance(parameters.get("max_rows"), int) and parameters["max_rows"] < 0:
        raise UsageError(f"parameter max_rows must be 0 or more, got {parameters['max_rows']}")
    try:
        check_window(parameters.get("since"), parameters.get("until"))
    except ValueError as error:
        raise UsageError(str(error)) from None
    check_corrections(parameters.get("corrections"))


_KIND_NAMES = {int: "a whole number", float: "a number", str: "text", bool: "true or false"}


def check_corrections(path) -> None:
    """A corrections file the user named must exist and be readable (one line otherwise)."""
    from helpers.analysis.corrections import CorrectionsError, check_readable, read_corrections

    if path is None:   # the default file: optional, but it must be readable when it is there
        try:
            read_corrections(paths.CORRECTIONS)
        except CorrectionsError as error:
            raise UsageError(str(error)) from None
        return
    if not isinstance(path, str):
        raise UsageError(f"parameter corrections must be a file path, got {path!r}")

    try:
        check_readable(path)
    except CorrectionsError as error:
        raise UsageError(f"parameter corrections: {error}") from None


def new_run_dir(out_root: Path, argv: list[str], attempts: int = 20) -> tuple[str, Path]:
    """A fresh `<out_root>/<run-id>/`; an existing folder is never reused."""
    for attempt in range(attempts):
        run_id = make_run_id(salt=f"{json.dumps(argv)}|{attempt}")
        try:
            (out_root / run_id).mkdir()
        except FileExistsError:
            continue
        return run_id, out_root / run_id
    raise UsageError(f"could not make a new run folder in {out_root} after {attempts} tries")


def new_manifest(run_id: str, parameters: dict, argv: list[str], corpus: list[str], sources: list[Path]) -> Manifest:
    return Manifest(
        run_id=run_id, parameters=parameters, command=["python", "-m", "helpers", "run", *argv],
        inputs=input_records(corpus),
        versions=package_versions(), started=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        notebooks=[NotebookRun(s.name) for s in sources],
    )


def input_records(corpus: list[str]) -> list[dict]:
    """Path (escaped when not UTF-8), hash and size of every input; one that
    vanished or cannot be read is listed with its error."""
    from helpers.ingest.load import safe_text

    records = []
    for path in input_files(corpus):
        try:
            records.append({"path": safe_text(str(path.resolve())), "sha256": sha256_file(path),
                            "bytes": path.stat().st_size})
        except OSError as error:
            records.append({"path": safe_text(str(path)), "sha256": None, "bytes": None,
                            "error": error.strerror or str(error)})
    return records


def run_step(source: Path, step: NotebookRun, run_dir: Path, parameters: dict, counter: str) -> BaseException | None:
    """Execute one notebook, print its progress line, record status and time; return the error if any."""
    print(f"{counter} {source.name} …", end=" ", file=sys.stderr, flush=True)
    began = time.perf_counter()
    step.output = source.name
    try:
        execute_notebook(source, run_dir / source.name, parameters, run_dir)
    except (Exception, KeyboardInterrupt) as error:  # noqa: BLE001 - any failure ends the run with one line
        step.status = "cancelled" if isinstance(error, KeyboardInterrupt) else "failed"
        step.seconds = round(time.perf_counter() - began, 2)
        print(f"{step.status} ({step.seconds:.1f} s)", file=sys.stderr, flush=True)
        return error
    step.status, step.seconds = "ok", round(time.perf_counter() - began, 2)
    print(f"ok ({step.seconds:.1f} s)", file=sys.stderr, flush=True)
    return None


def finish(manifest: Manifest, run_dir: Path, started: float, status: str,
           error: BaseException | None = None) -> int:
    """Write the final manifest; print the one line naming what went wrong; the exit code."""
    manifest.status = status
    manifest.finished = datetime.now(timezone.utc).isoformat(timespec="seconds")
    manifest.seconds = round(time.perf_counter() - started, 2)
    manifest.outputs = relative_outputs(run_dir) + ["manifest.json"]
    if (run_dir / "cache.json").exists():
        manifest.cache = json.loads((run_dir / "cache.json").read_text(encoding="utf-8"))
    try:
        manifest.write(run_dir)
    except OSError as problem:
        print(f"run: cannot write {run_dir / 'manifest.json'}: {problem.strerror or problem}", file=sys.stderr)
    if status == "partial":
        for line in manifest.problems:
            print(f"run: partial: {line}", file=sys.stderr)
        return EXIT_PARTIAL
    if status == "ok":
        return EXIT_OK
    print(f"{manifest.failure.line()} — partial outputs kept in {run_dir}", file=sys.stderr)
    if status == "cancelled":
        return 128 + (error.signum if isinstance(error, Cancelled) else signal.SIGINT)
    return EXIT_FAILED


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    args = build_parser().parse_args(argv)
    try:
        return run(args, argv)
    except UsageError as error:
        print(f"run: {error}", file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt as error:   # before the run folder exists: nothing to close
        print(f"run: cancelled by {error or 'SIGINT'}", file=sys.stderr)
        return 128 + (error.signum if isinstance(error, Cancelled) else signal.SIGINT)


# --- the notebooks' facade: the one place notebooks reach the other stages ------
