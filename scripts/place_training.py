"""Training and leave-one-round-out evaluation of the place model (`data/models/place.json`).

    .venv/bin/python scripts/place_training.py evaluate   # one row per round: model vs rules now vs rules blind
    .venv/bin/python scripts/place_training.py train      # rebuild data/models/place.json (deterministic)

Rows: each extracted figure (and incentive) of the tuned set and rounds 07–16 that matches a
gold record (`labelled_rows`), with every candidate place of `helpers.extract.place_model`;
a candidate is right when its regions equal the gold regions (as `helpers.evaluate` scores
them). A logistic regression over the candidates' features learns which one is right;
records where no candidate is right teach nothing and are left out of training.
Training-only code (needs scikit-learn, the `dev` extra).
"""
from __future__ import annotations

import argparse
import json
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT / "scripts", ROOT / "src"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from labelled_rows import TUNED, labelled_reports, leave_one_round_out, normalised_offset, score_rows  # noqa: E402
from place_blind_rules import ROUNDS  # noqa: E402  (the rounds whose blind places are on file: 07–16)
from helpers.evaluate import same_value, score  # noqa: E402
from helpers.extract.attribution import Location  # noqa: E402
from helpers.extract.linear_model import (  # noqa: E402
    LinearModel, model_document, model_path, parse_model, rules_only, write_model,
)
from helpers.extract.place_model import (  # noqa: E402
    ASKED, MODEL_NAME, keeps_the_rules, Candidate, candidate_features, key_of, place_candidates,
)

# the sets the place model learns from: the tuned set and the rounds with blind places on file
PLACE_SETS = (TUNED,) + ROUNDS

C = 0.3              # inverse regularisation strength of the logistic regression
SEED = 0
MARGINS = (0.0, 0.2, 0.4)
GATED = False        # True: the model asked only where the rules fell back (`place_model.ASKED`); measured, not used
REGIONS_COLUMN = 7
BLIND_RULES = ROOT / "data" / "models" / "place_blind_rules.jsonl"   # "regions" in helpers.evaluate.TABLE_COLUMNS (the blind rows' cells)


@dataclass
class PlaceRow:
    """One record: its candidates' features, which candidate is right, and how to put it back."""

    set_name: str
    kind: str                       # figure or incentive
    record_id: str                  # (report, start, end) of a figure; (report, incentive, actor) of an incentive
    candidates: list[Candidate]
    features: list[dict]
    labels: list[int]               # 1 where the candidate's regions are the gold regions
    rules_index: int                # the candidate the rules chose
    now_basis: str | None = None    # the regions basis of today's rules for the same record
    rules_location: Location | None = None   # the rules' own place (its area may name a pair)


def load_blind_rules(path: Path = BLIND_RULES) -> dict[str, list[dict]]:
    """round → the blind rules' records (`scripts/place_blind_rules.py`)."""
    found: dict[str, list[dict]] = {}
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if line.strip():
            record = json.loads(line)
            found.setdefault(record["round"], []).append(record)
    return found


def blind_key(record: dict) -> tuple:
    """How a blind record is named in `PlaceRow.record_id`."""
    if record["type"] == "figure":
        return (record["report_id"], record["start"], record["end"])
    return (record["report_id"], record["incentive"], record["actor"])


def place_rows(reports, blind: dict[str, list[dict]] | None = None, incentives: bool = True) -> list[PlaceRow]:
    """A PlaceRow for every extracted record matched to gold (figures, then incentives). With
    `blind`, a round's records are the blind rules' (matched to the records extracted now by
    their span, or by (incentive, actor)), their choice being the rules' candidate."""
    rows = []
    for report in reports:
        context = report.context
        old = _blind_by_report(blind, report) if blind is not None and report.set_name in ROUNDS else None
        with rules_only():
            for row in report.figures:
                if row.gold is None:
                    continue
                if old is None:
                    rules, basis = context.place_with_basis(row.quantity.start, row.quantity.end)
                    key = (report.report.id, row.figure.start, row.figure.end)
                else:
                    record = _blind_figure(old, row.figure)
                    if record is None:
                        continue
                    rules, basis, key = _blind_location(record), record["regions_basis"], blind_key(record)
                rows.append(_place_row(row.set_name, "figure", key, context, row.quantity.start, row.quantity.end,
                                       row.gold, rules, basis))
                rows[-1].now_basis = row.figure.basis["regions"]
            if not incentives:
                continue
            for row in report.incentives:
                if row.gold is None:
                    continue
                end = max(normalised_offset(context, row.incentive.end), row.start + 1)
                key = (report.report.id, row.incentive.incentive, row.incentive.actor)
                if old is None:
                    rules, basis = context.place_with_basis(row.start, end)
                else:
                    record = next((r for r in old if r["type"] == "incentive" and blind_key(r) == key), None)
                    if record is None:
                        continue
                    rules, basis = _blind_location(record), record["regions_basis"]
                rows.append(_place_row(row.set_name, "incentive", key, context, row.start, end, row.gold, rules, basis))
                rows[-1].now_basis = row.incentive.basis["regions"]
    return rows


def _blind_by_report(blind, report) -> list[dict]:
    return [r for r in blind.get(report.set_name, []) if r["report_id"] == report.report.id]


def _blind_figure(old: list[dict], figure) -> dict | None:
    """The blind record over the same span and value as `figure` (the largest overlap)."""
    best, best_overlap = None, 0
    for record in old:
        if record["type"] != "figure" or not same_value(record["value"], figure.value):
            continue
        overlap = min(record["end"], figure.end) - max(record["start"], figure.start)
        if overlap > best_overlap:
            best, best_overlap = record, overlap
    return best


def _blind_location(record: dict) -> Location | None:
    if not record["regions"] and record["area"] is None:
        return None
    return Location(record["area"], tuple(record["regions"]), -1, -1)


def _place_row(set_name, kind, record_id, context, start, end, gold, rules, basis) -> PlaceRow:
    candidates = list(place_candidates(context, start, end, rules).values())
    wanted = tuple(sorted(gold.get("regions") or []))
    rules_key = key_of(rules)
    return PlaceRow(set_name, kind, record_id, candidates,
                    [candidate_features(context, c, start, end, rules, basis) for c in candidates],
                    [int(c.key == wanted) for c in candidates],
                    next(k for k, c in enumerate(candidates) if c.key == rules_key), rules_location=rules)


def fit(rows: list[PlaceRow]):
    """(vectoriser, logistic regression) fitted on the candidates of rows that have a right one."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    features, labels = [], []
    for row in rows:
        if any(row.labels):
            features += row.features
            labels += row.labels
    vectoriser = DictVectorizer(sort=True)
    matrix = vectoriser.fit_transform(features)
    learner = LogisticRegression(C=C, max_iter=5000, random_state=SEED, solver="lbfgs")
    learner.fit(matrix, labels)
    return vectoriser, learner


def as_linear_model(vectoriser, learner, header: dict) -> tuple[dict, LinearModel]:
    """The model document (two classes, `0` all zeros) and the runtime's reading of it."""
    names = list(vectoriser.get_feature_names_out())
    weights = list(learner.coef_[0])
    kept = [(n, w) for n, w in zip(names, weights) if round(w, 6) != 0.0]
    document = model_document(header, [n for n, _ in kept], ["0", "1"],
                              [[0.0] * len(kept), [w for _, w in kept]], [0.0, float(learner.intercept_[0])])
    import json
    return document, parse_model(Path("<memory>"), json.dumps(document))


def decisions(model: LinearModel, rows: list[PlaceRow], margin: float, gated: bool = GATED) -> dict[tuple, Candidate]:
    """record id → the candidate the model puts in place of the rules' (records it leaves alone are
    absent); `gated`: only records whose regions today's rules carried (`helpers.extract.place_model.ASKED`)."""
    chosen = {}
    for row in rows:
        if gated and row.now_basis not in ASKED:
            continue
        if keeps_the_rules(row.rules_location):
            continue
        probabilities = [model.probabilities(f)["1"] for f in row.features]
        best = max(range(len(probabilities)), key=lambda k: (probabilities[k], k == row.rules_index))
        if best != row.rules_index and probabilities[best] - probabilities[row.rules_index] > margin:
            chosen[row.record_id] = row.candidates[best]
    return chosen


def _fields(candidate: Candidate) -> dict:
    location = candidate.location
    return {"regions": sorted(candidate.key), "area": location.area if location is not None else None}


def now_overrides(chosen: dict[tuple, Candidate]):
    """`score_rows` overrides that put the chosen candidates' regions and area in place."""
    def figure(row):
        found = chosen.get((row.report_id, row.figure.start, row.figure.end))
        return _fields(found) if found is not None else {}

    def incentive(row):
        found = chosen.get((row.report_id, row.incentive.incentive, row.incentive.actor))
        return _fields(found) if found is not None else {}
    return figure, incentive


def blind_scores(reports, records: list[dict], chosen: dict[tuple, Candidate] | None = None):
    """`helpers.evaluate.score` of the blind rules' records of a round, with the model's choices in place."""
    predicted = []
    seen = set()
    for record in records:
        record = dict(record, qualifier=None, unit=None, category=None, measure=None)
        key = blind_key(record)
        if chosen is not None and key in chosen and key not in seen:
            record.update(_fields(chosen[key]))
        seen.add(key)
        predicted.append(record)
    gold = [g for report in reports for g in report.gold]
    return score(gold, predicted, {report.report.id: report.report.full_text for report in reports})


def mean(values) -> float:
    values = [v for v in values if v is not None]
    return sum(values) / len(values) if values else float("nan")


def evaluate(margins=MARGINS, with_tuned: bool = True) -> dict:
    """Leave one round out: for each round, fit on the other rounds' blind-rules rows (and the
    tuned set's rows, rules now), then score the round (a) from the blind rules' records with the
    model deciding, beside the blind rules alone, and (b) from the rules now with the model
    deciding, beside the rules now alone. Prints one table row per round and the mean."""
    reports = list(labelled_reports(PLACE_SETS))
    blind = load_blind_rules()
    rows_blind = place_rows(reports, blind)
    rows_now = place_rows(reports)
    by_round: dict[str, list] = {}
    for report in reports:
        by_round.setdefault(report.set_name, []).append(report)
    results = []
    for held_out, train, _ in leave_one_round_out(rows_blind, ROUNDS):
        if not with_tuned:
            train = [r for r in train if r.set_name != "tuned"]
        _, model = as_linear_model(*fit(train), _header([], 0, {}))
        test_blind = [r for r in rows_blind if r.set_name == held_out]
        test_now = [r for r in rows_now if r.set_name == held_out]
        held = by_round[held_out]
        row = {"round": held_out,
               "blind": blind_scores(held, blind[held_out]),
               "now": score_rows(held),
               "model_blind": {m: blind_scores(held, blind[held_out], decisions(model, test_blind, m)) for m in margins},
               "model_now": {m: score_rows(held, *now_overrides(decisions(model, test_now, m))) for m in margins}}
        results.append(row)
    _print_table(results, margins)
    return {"results": results}


def _regions(scores) -> float:
    return scores.field_accuracy["regions"]


def _print_table(results: list[dict], margins) -> None:
    print("figure regions, leave one round out (model trained on the other rounds' blind-rules rows + the tuned set)")
    print("| round | rules blind | model on blind rules | rules now | model on rules now |")
    print("|---|---|---|---|---|")
    for m in margins:
        print(f"margin {m}")
        for row in results:
            print(f"| {row['round']} | {_regions(row['blind']):.3f} | {_regions(row['model_blind'][m]):.3f} | "
                  f"{_regions(row['now']):.3f} | {_regions(row['model_now'][m]):.3f} |")
        print(f"| mean | {mean(_regions(r['blind']) for r in results):.3f} | "
              f"{mean(_regions(r['model_blind'][m]) for r in results):.3f} | "
              f"{mean(_regions(r['now']) for r in results):.3f} | {mean(_regions(r['model_now'][m]) for r in results):.3f} |")
        print(f"| incentive regions, mean | {mean(r['blind'].incentive_regions for r in results):.3f} | "
              f"{mean(r['model_blind'][m].incentive_regions for r in results):.3f} | "
              f"{mean(r['now'].incentive_regions for r in results):.3f} | "
              f"{mean(r['model_now'][m].incentive_regions for r in results):.3f} |")


# the leave-one-round-out means `evaluate` printed for the committed policy (margin 0.0), kept in the header
LORO_SCORE = {"figure_regions": {"rules_blind": 0.837, "model_on_blind_rules": 0.910, "rules_now": 0.926,
                                 "model_on_rules_now": 0.928},
              "incentive_regions": {"rules_blind": 0.839, "model_on_blind_rules": 0.915, "rules_now": 0.905,
                                    "model_on_rules_now": 0.915}}
MARGIN = 0.0


def trained_document() -> dict:
    """The place model's document, fitted on every row (the rounds' blind-rules rows and the tuned set's)."""
    reports = list(labelled_reports(PLACE_SETS))
    rows = place_rows(reports, load_blind_rules())
    document, _ = as_linear_model(*fit(rows), _header(["tests/eval", *(f"tests/eval/{r}" for r in ROUNDS)],
                                                      len(rows), LORO_SCORE, MARGIN))
    return document


def train(path: Path | None = None) -> dict:
    """Write the model file (`data/models/place.json` unless `path`); the document written."""
    document = trained_document()
    target = path or model_path(MODEL_NAME)
    write_model(document, target)
    print(f"wrote {target} ({len(document['features'])} features, {document['header']['rows']} records)",
          file=sys.stderr)
    return document


def _header(trained_on: list[str], rows: int, score: dict, margin: float = 0.0) -> dict:
    return {"name": MODEL_NAME, "decides": "the regions (and area) of figures and incentives: which candidate place",
            "trained_by": "scripts/place_training.py", "trained_on": trained_on, "rows": rows, "score": score,
            "learner": f"sklearn LogisticRegression(C={C}, lbfgs) over candidate features "
                       "(helpers.extract.place_model.candidate_features)",
            "margin": margin}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=("evaluate", "train"))
    args = parser.parse_args(argv)
    if args.command == "evaluate":
        evaluate()
    else:
        train()
    return 0


if __name__ == "__main__":
    sys.exit(main())
