"""Machine instructions per report of `extract_report`, counted by valgrind: a measure of
extraction's cost that a busy machine does not blur (CPU seconds on a shared 2-core machine
vary by a fifth from one pass to the next; instruction counts by well under 1%).

For each source tree given (default: this checkout's `src/`), two child processes run under
`valgrind --tool=callgrind`: both load the lexicons and extract the same generated realistic
reports once (`bench_extract.generate`, warming every cache), then one of them extracts them
`--passes` more times. The difference of their counts over the extra extractions is the
instructions per report. Needs `valgrind` on the PATH; takes about a minute per tree.

    .venv/bin/python benchmarks/bench_instructions.py [OTHER/src ...] [--reports 100] [--passes 3]
"""
from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCE = HERE.parent / "src"

# the child: extract the reports in FOLDER with the package under SOURCE, `passes` extra times
CHILD = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[1])
from helpers.extract.stage import extract_report
from helpers.extract.lexicons import load_lexicons
from helpers.ingest.load import iter_load
from helpers.records import Report
lexicons = load_lexicons()
reports = [r for r in iter_load([Path(sys.argv[2])]) if isinstance(r, Report)]
for report in reports:
    extract_report(report, lexicons)
for _ in range(int(sys.argv[3])):
    for report in reports:
        extract_report(report, lexicons)
"""


def instructions(source: Path, folder: Path, passes: int) -> int:
    """Instructions callgrind counts for the child with `passes` extra passes."""
    command = ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null",
               sys.executable, "-c", CHILD, str(source), str(folder), str(passes)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stderr
    found = re.search(r"Collected : (\d+)", output)
    if found is None:
        raise RuntimeError(f"no instruction count in valgrind's output:\n{output[-2000:]}")
    return int(found.group(1))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("trees", nargs="*", type=Path, help="other checkouts' src/ folders (this one is always measured)")
    parser.add_argument("--reports", type=int, default=100)
    parser.add_argument("--passes", type=int, default=3)
    args = parser.parse_args()
    sys.path.insert(0, str(HERE))
    from bench_extract import generate   # noqa: E402
    trees = [tree.resolve() for tree in args.trees] + [SOURCE]
    with tempfile.TemporaryDirectory(prefix="rasd_instructions_") as folder:
        generate(Path(folder), args.reports)
        extractions = args.reports * args.passes
        counts = {}
        for tree in trees:
            extra = instructions(tree, Path(folder), args.passes) - instructions(tree, Path(folder), 0)
            counts[tree] = extra / extractions
            print(f"{tree}: {counts[tree] / 1e6:.2f} million instructions per report "
                  f"({args.reports} realistic reports, {args.passes} passes)")
    if len(trees) > 1:
        for tree in trees[:-1]:
            print(f"this checkout / {tree}: {counts[SOURCE] / counts[tree]:.3f} of the instructions "
                  f"({counts[tree] / counts[SOURCE]:.2f}× as fast by this measure)")


if __name__ == "__main__":
    main()
