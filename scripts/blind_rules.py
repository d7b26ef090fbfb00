"""The rules' blind decisions on each dev round: what the extractor said about a round
before any rule was tuned on it, figure by figure.

The learned layer must learn how far the rules can be trusted on wording they have not
seen; today's rules were tuned on rounds 07–17, so their decisions there are flattered.
Each round's README records the extractor it was scored blind with (its "Blind score"
section); `BLIND_EXTRACTOR` names the latest of them per round. This script unpacks that
commit's `src/` and `data/` (`git archive`, into build/blind_rules/<commit>/), runs its
extractor on the round's reports in a child process, and keeps the figures it found in
build/blind_rules/<round>.jsonl (build/ is not committed; the files are rebuilt on demand).

    .venv/bin/python scripts/blind_rules.py [round07 …]   # all rounds when none is named

`blind_figures(round)` gives them to the training and evaluation scripts.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tarfile
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "blind_rules"

# round -> the commit of the latest extractor that scored it blind (its README's Blind score)
BLIND_EXTRACTOR = {
    "round07": "fc717fb", "round08": "fc717fb", "round09": "fc717fb", "round10": "fc717fb",
    "round11": "5ea3183", "round12": "5ea3183",      # frames, tuned on 07–10
    "round13": "f3903ec", "round14": "f3903ec",      # start of session 4, tuned on 07–12
    "round15": "29546ac",                            # tuned on 07–14
    "round16": "c15ae06",                            # tuned on 07–15
    "round17": "0158131",                            # start of session 6, tuned on 07–16
    "round18": "97f2092",                            # start of session 7, tuned on 07–16
}

# the start of a child program: every report of the folder it is given, extracted by the rules alone
CHILD_EXTRACTING = r"""
import json, sys
try:
    from helpers.ingest.load import load_paths
except ImportError:   # before the ingest subpackage
    from helpers.load import load_paths
from helpers.extract import extract_report
try:   # an extractor with a learned layer: its rules alone
    from helpers.extract.linear_model import rules_only
except ImportError:
    from contextlib import nullcontext as rules_only
loaded = load_paths([sys.argv[1]])
for report in sorted(loaded.reports, key=lambda r: r.id):
    with rules_only():
        figures, incentives = extract_report(report)
"""
_CHILD = CHILD_EXTRACTING + r"""
    for f in figures:
        d = f.to_dict()
        print(json.dumps({k: d.get(k) for k in ("report_id", "start", "end", "value", "category", "measure",
                                                "unit", "basis")}, ensure_ascii=False))
"""


def unpack(commit: str) -> Path:
    """build/blind_rules/<commit>/ holding that commit's src/ and data/ (unpacked once)."""
    target = BUILD / commit
    if (target / "src" / "helpers").is_dir():
        return target
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", commit, "src", "data"],
                             check=True, capture_output=True).stdout
    target.mkdir(parents=True, exist_ok=True)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(target, filter="data")
    return target


def run_child(round_name: str, child: str, out: Path) -> Path:
    """Run `child` (a Python program given the round's reports folder) with the round's blind
    extractor on `sys.path`, keep what it prints in `out`."""
    source = unpack(BLIND_EXTRACTOR[round_name])
    env = dict(os.environ, PYTHONPATH=str(source / "src"))
    result = subprocess.run([sys.executable, "-c", child, str(ROOT / "tests" / "eval" / round_name / "reports")],
                            check=True, capture_output=True, text=True, env=env, cwd=str(source))
    out.write_text(result.stdout, encoding="utf-8")
    return out


def cached_lines(round_name: str, child: str, out: Path) -> list[dict]:
    """The JSON lines `child` printed for the round (run once, then read from build/)."""
    if not out.is_file():
        run_child(round_name, child, out)
    return [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines() if line.strip()]


def blind_figures(round_name: str) -> list[dict]:
    """The figures the round's blind extractor found."""
    return cached_lines(round_name, _CHILD, BUILD / f"{round_name}.jsonl")


def print_rounds(argv: list[str], read, noun: str) -> int:
    """Build (or read) each named round's blind rows with `read`, all rounds when none is named."""
    for round_name in argv or sorted(BLIND_EXTRACTOR):
        print(f"{round_name}: {len(read(round_name))} {noun} by {BLIND_EXTRACTOR[round_name]}")
    return 0


def main(argv: list[str]) -> int:
    return print_rounds(argv, blind_figures, "figures")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
