"""What the rules decided on each round 07–16 *before* they were tuned on it: the place
model's training data (`data/models/place_blind_rules.jsonl`).

    .venv/bin/python scripts/place_blind_rules.py     # rebuilds the file from git history

For each round, the extractor of the commit that first added the round's gold (the code the
round was scored blind with; its regions reproduce the `Blind score` rows of the rounds'
READMEs, "start of session") is unpacked from git into a temporary folder and run, in a
separate Python, on the round's reports as they are now. One JSON line per extracted figure or
incentive: where it is, and the regions, area and regions basis the blind rules gave it.
The place model learns from these how far to trust the rules on wording they were not tuned
on, which is what a new round asks of it (`scripts/place_training.py`).
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "data" / "models" / "place_blind_rules.jsonl"
ROUNDS = tuple(f"round{k:02d}" for k in range(7, 17))
FIELDS = ("type", "report_id", "start", "end", "value", "incentive", "actor", "regions", "area")

# run inside the old tree's Python path: every record of the reports folder as a JSON line
_RUNNER = """
import json, sys
try:
    from helpers.ingest.load import load_paths
except ImportError:
    from helpers.load import load_paths
from helpers.evaluate import run_extractor
records, errors = run_extractor(list(load_paths([sys.argv[1]]).reports))
for error in errors:
    print(error, file=sys.stderr)
for record in records:
    print(json.dumps(record.to_dict(), ensure_ascii=False))
"""


def blind_commit(round_name: str) -> str:
    """The commit that first added the round's gold (its parent code scored it blind)."""
    found = subprocess.run(["git", "log", "--format=%H", "--diff-filter=A", "--",
                            f"tests/eval/{round_name}/gold.jsonl"], cwd=ROOT, check=True,
                           capture_output=True, text=True).stdout.split()
    if not found:
        raise SystemExit(f"{round_name}: no commit adds tests/eval/{round_name}/gold.jsonl")
    return found[-1]


def blind_records(round_name: str) -> list[dict]:
    """The records the blind rules extract from the round's reports."""
    commit = blind_commit(round_name)
    with tempfile.TemporaryDirectory() as folder:
        archive = subprocess.run(["git", "archive", commit, "src", "data"], cwd=ROOT, check=True,
                                 capture_output=True).stdout
        subprocess.run(["tar", "-x", "-C", folder], input=archive, check=True)
        done = subprocess.run([sys.executable, "-c", _RUNNER, str(ROOT / "tests" / "eval" / round_name / "reports")],
                              cwd=folder, env={"PYTHONPATH": str(Path(folder) / "src"), "PATH": "/usr/bin:/bin"},
                              check=True, capture_output=True, text=True)
    records = []
    for line in done.stdout.splitlines():
        record = json.loads(line)
        kept = {name: record.get(name) for name in FIELDS}
        kept["regions_basis"] = (record.get("basis") or {}).get("regions")
        kept["round"], kept["commit"] = round_name, commit[:12]
        records.append(kept)
    return records


def main() -> int:
    lines = []
    for round_name in ROUNDS:
        records = blind_records(round_name)
        print(f"{round_name}: {len(records)} records from {records[0]['commit'] if records else '-'}", file=sys.stderr)
        lines += [json.dumps(r, ensure_ascii=False, sort_keys=True) for r in records]
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {OUT.relative_to(ROOT)} ({len(lines)} lines)", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
