"""Extraction speed of this checkout against another one, side by side in one process.

Both source trees are imported into the same interpreter (each under the package name
`helpers`, one after the other), then `extract_report` of each runs over the same
generated realistic reports (`bench_extract.generate`) in alternating passes, so that a
busy machine slows both alike. Prints reports per CPU second of each (median and best
pass) and their ratio, and checks that both give the same records.
Run it on one core (`taskset -c 0`):

    git archive <commit> | tar -x -C /tmp/base
    taskset -c 0 .venv/bin/python benchmarks/bench_compare.py /tmp/base/src [--reports 300] [--passes 16]
"""
from __future__ import annotations

import argparse
import importlib
import sys
import tempfile
import time
from dataclasses import asdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "src"


def _load(source: Path, corpus: Path, count: int):
    """(extract_report, lexicons, reports) of the package under `source`."""
    for name in [n for n in sys.modules if n == "helpers" or n.startswith("helpers.")]:
        del sys.modules[name]
    sys.path.insert(0, str(source))
    try:
        stage = importlib.import_module("helpers.extract.stage")
        lexicons = importlib.import_module("helpers.extract.lexicons").load_lexicons()
        try:
            load = importlib.import_module("helpers.ingest.load")
        except ModuleNotFoundError:   # a checkout from before the stage folders
            load = importlib.import_module("helpers.load")
        report_type = importlib.import_module("helpers.records").Report
        reports = [r for r in load.iter_load([corpus]) if isinstance(r, report_type)][:count]
    finally:
        sys.path.remove(str(source))
    return stage.extract_report, lexicons, reports


def _records(extract, lexicons, reports) -> list[dict]:
    rows = []
    for report in reports:
        figures, incentives = extract(report, lexicons)
        rows += [asdict(r) for r in figures + incentives]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("other", type=Path, help="the other checkout's src/ folder")
    parser.add_argument("--reports", type=int, default=300)
    parser.add_argument("--passes", type=int, default=16, help="passes of each, alternating")
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_extract import generate   # noqa: E402  (this checkout's generator, before either package)
    sys.path.remove(str(HERE))
    with tempfile.TemporaryDirectory(prefix="rasd_compare_") as folder:
        paths = generate(Path(folder), args.reports)
        other = _load(args.other.resolve(), paths[0].parent, args.reports)
        this = _load(SOURCE, paths[0].parent, args.reports)
    same = _records(*other) == _records(*this)
    times: dict[str, list[float]] = {"other": [], "this": []}
    for k in range(args.passes):
        order = (("other", other), ("this", this)) if k % 2 == 0 else (("this", this), ("other", other))
        for name, (extract, lexicons, reports) in order:
            started = time.process_time()
            for report in reports:
                extract(report, lexicons)
            times[name].append(time.process_time() - started)
    count = len(this[2])
    median = {name: sorted(t)[len(t) // 2] for name, t in times.items()}
    best = {name: min(t) for name, t in times.items()}
    print(f"{count} realistic reports, {args.passes} alternating passes each, reports per CPU second:")
    print(f"  other ({args.other}): median {count / median['other']:.0f}, best {count / best['other']:.0f}")
    print(f"  this checkout:        median {count / median['this']:.0f}, best {count / best['this']:.0f}")
    print(f"  this / other: {median['other'] / median['this']:.2f}× (median), {best['other'] / best['this']:.2f}× (best)")
    print(f"  same records from both: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
