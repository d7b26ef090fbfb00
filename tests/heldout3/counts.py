"""Counts of the gold records of a held-out set, printed as the README's table:
`python3 tests/heldout3/counts.py tests/heldout3/gold.jsonl`."""
import json, sys
from collections import Counter
gold = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
fig = [g for g in gold if g["type"] == "figure"]; inc = [g for g in gold if g["type"] == "incentive"]
def row(c): return " · ".join(f"{k} {v}" for k, v in sorted(c.items(), key=lambda kv: (-kv[1], str(kv[0]))))
print(f"{len(gold)} records, {len(fig)} figures and {len(inc)} incentives")
print("| figures by category |", row(Counter(g["category"] for g in fig)), "|")
print("|---|---|")
print("| by qualifier |", row(Counter(g["qualifier"] for g in fig)), "|")
print("| recruits by measure |", row(Counter(g["measure"] for g in fig if g["category"] == "recruits")), "|")
print("| by actor |", row(Counter(str(g["actor"]).replace("None","null") for g in fig)), "|")
print("| by area |", row(Counter(str(g["area"]).replace("None","null") for g in fig)), "|")
print("| incentives |", row(Counter(g["incentive"] for g in inc)), "|")
print("| incentives by actor |", row(Counter(str(g["actor"]).replace("None","null") for g in inc)), "|")
