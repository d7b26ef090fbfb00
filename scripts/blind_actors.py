"""The rules' blind actors on each dev round: the actor of every figure and incentive that the
extractor gave a round before any rule was tuned on it.

Today's rules were tuned on rounds 07–17, so their actors there are right far more often than
on new wording (round 16 blind: actor 0.80, incentive F1 0.46). The actor model learns how far
to trust the rules' choice from these blind choices, and its leave-one-round-out score is
measured with them. Each round's README names the extractor it was scored blind with ("Blind
score"); `blind_rules.BLIND_EXTRACTOR` holds the latest of them per round (`blind_rules.py`
keeps the blind figures' category and measure). This script unpacks that commit's `src/` and
`data/` (`blind_rules.unpack`, into build/blind_rules/<commit>/), runs its extractor on the
round's reports in a child process and keeps its records in
build/blind_rules/<round>.actors.jsonl (build/ is not committed).

    .venv/bin/python scripts/blind_actors.py [round07 …]   # all rounds when none is named
"""
from __future__ import annotations

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from blind_rules import BLIND_EXTRACTOR, BUILD, CHILD_EXTRACTING, cached_lines, print_rounds  # noqa: E402,F401 - BLIND_EXTRACTOR for actor_training

_CHILD = CHILD_EXTRACTING + r"""
    for record in list(figures) + list(incentives):
        d = record.to_dict()
        keep = ("type", "id", "report_id", "start", "end", "value", "category", "incentive", "figure_id", "actor")
        row = {k: d.get(k) for k in keep}
        row["actor_basis"] = (d.get("basis") or {}).get("actor")
        print(json.dumps(row, ensure_ascii=False))
"""


def blind_records(round_name: str) -> list[dict]:
    """The figures and incentives the round's blind extractor gave."""
    return cached_lines(round_name, _CHILD, BUILD / f"{round_name}.actors.jsonl")


def main(argv: list[str]) -> int:
    return print_rounds(argv, blind_records, "records")


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
