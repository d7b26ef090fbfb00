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
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
for folder in (ROOT / "scripts", ROOT / "src"):
    if str(folder) not in sys.path:
        sys.path.insert(0, str(folder))

from labelled_rows import ROUNDS, labelled_reports, leave_one_round_out, normalised_offset, score_rows  # noqa: E402
from helpers.evaluate import labelled_sets, blind_rows  # noqa: E402
from helpers.extract.linear_model import (  # noqa: E402
    LinearModel, model_document, model_path, parse_model, rules_only, write_model,
)
from helpers.extract.place_model import (  # noqa: E402
    MODEL_NAME, Candidate, candidate_features, key_of, place_candidates,
)

C = 0.3              # inverse regularisation strength of the logistic regression
SEED = 0
MARGINS = (0.0, 0.1, 0.2, 0.3, 0.4, 0.5)
REGIONS_COLUMN = 7   # "regions" in helpers.evaluate.TABLE_COLUMNS (the blind rows' cells)


@dataclass
class PlaceRow:
    """One record: its candidates' features, which candidate is right, and how to put it back."""

    set_name: str
    kind: str                       # figure or incentive
    record_id: str
    candidates: list[Candidate]
    features: list[dict]
    labels: list[int]               # 1 where the candidate's regions are the gold regions
    rules_index: int                # the candidate the rules chose
    rules_basis: str | None


def place_rows(reports, incentives: bool = True) -> list[PlaceRow]:
    """A PlaceRow for every extracted record matched to gold (figures, then incentives)."""
    rows = []
    for report in reports:
        context = report.context
        with rules_only():
            for row in report.figures:
                if row.gold is not None:
                    rows.append(_place_row(row.set_name, "figure", row.figure.id, context,
                                           row.quantity.start, row.quantity.end, row.gold))
            if incentives:
                for row in report.incentives:
                    if row.gold is not None:
                        end = normalised_offset(context, row.incentive.end)
                        rows.append(_place_row(row.set_name, "incentive", _incentive_key(row.incentive), context,
                                               row.start, max(end, row.start + 1), row.gold))
    return rows


def _incentive_key(incentive) -> str:
    return f"{incentive.report_id}:{incentive.incentive}:{incentive.actor}:{incentive.start}"


def _place_row(set_name, kind, record_id, context, start, end, gold) -> PlaceRow:
    rules, basis = context.place_with_basis(start, end)
    candidates = list(place_candidates(context, start, end, rules).values())
    wanted = tuple(sorted(gold.get("regions") or []))
    rules_key = key_of(rules)
    return PlaceRow(set_name, kind, record_id, candidates,
                    [candidate_features(context, c, start, end, rules, basis) for c in candidates],
                    [int(c.key == wanted) for c in candidates],
                    next(k for k, c in enumerate(candidates) if c.key == rules_key), basis)


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


def decisions(model: LinearModel, rows: list[PlaceRow], margin: float) -> dict[str, Candidate | None]:
    """record id → the candidate the model puts in place of the rules' (None: keep the rules')."""
    chosen = {}
    for row in rows:
        probabilities = [model.probabilities(f)["1"] for f in row.features]
        best = max(range(len(probabilities)), key=lambda k: (probabilities[k], k == row.rules_index))
        if best != row.rules_index and probabilities[best] - probabilities[row.rules_index] > margin:
            chosen[row.record_id] = row.candidates[best]
        else:
            chosen[row.record_id] = None
    return chosen


def overrides(chosen: dict[str, Candidate | None]):
    """`score_rows` overrides that put the chosen candidates' regions and area in place."""
    def fields(candidate: Candidate | None) -> dict:
        if candidate is None:
            return {}
        location = candidate.location
        return {"regions": sorted(candidate.key), "area": location.area if location is not None else None}

    def figure(row):
        return fields(chosen.get(row.figure.id))

    def incentive(row):
        return fields(chosen.get(_incentive_key(row.incentive)))
    return figure, incentive


def blind_regions() -> dict[str, str]:
    """round → the rules' blind regions score recorded in the round's README (first blind row)."""
    found = {}
    for labelled in labelled_sets():
        name = Path(labelled.reports).parent.name
        if name in ROUNDS:
            rows = blind_rows(labelled.readme)
            if rows:
                found[name] = rows[-1][1][REGIONS_COLUMN].split()[0]
    return found


def evaluate(margins=MARGINS) -> dict:
    """Leave one round out: for each round, fit on the tuned set and the other rounds, score the
    round's figure regions and incentive regions with the model at each margin; print a table."""
    reports = list(labelled_reports())
    rows = place_rows(reports)
    blind = blind_regions()
    by_round = {r.set_name: [] for r in reports}
    for r in reports:
        by_round[r.set_name].append(r)
    table = {m: [] for m in margins}
    rules_scores = []
    for held_out, train, test in leave_one_round_out(rows):
        vectoriser, learner = fit(train)
        _, model = as_linear_model(vectoriser, learner, _header([], 0, {}))
        held_reports = by_round[held_out]
        rules = score_rows(held_reports)
        rules_scores.append((held_out, rules.field_accuracy["regions"], rules.incentive_regions))
        for margin in margins:
            figure, incentive = overrides(decisions(model, test, margin))
            scores = score_rows(held_reports, figure, incentive)
            table[margin].append((held_out, scores.field_accuracy["regions"], scores.incentive_regions))
    print("| round | rules now | rules blind | " + " | ".join(f"model m={m}" for m in margins) + " |")
    print("|---|---|---|" + "---|" * len(margins))
    for k, (name, rules_value, _) in enumerate(rules_scores):
        cells = [f"{table[m][k][1]:.3f}" for m in margins]
        print(f"| {name} | {rules_value:.3f} | {blind.get(name, 'n/a')} | " + " | ".join(cells) + " |")
    mean = lambda values: sum(values) / len(values)  # noqa: E731
    blind_values = [float(blind[n]) for n, _, _ in rules_scores if n in blind]
    print(f"| mean | {mean([v for _, v, _ in rules_scores]):.3f} | {mean(blind_values):.3f} | "
          + " | ".join(f"{mean([v for _, v, _ in table[m]]):.3f}" for m in margins) + " |")
    print("incentive regions, mean: rules now "
          f"{mean([v for _, _, v in rules_scores if v is not None]):.3f}; "
          + "; ".join(f"m={m} {mean([v for _, _, v in table[m] if v is not None]):.3f}" for m in margins))
    return {"rules": rules_scores, "model": table, "blind": blind}


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
    return 0


if __name__ == "__main__":
    sys.exit(main())
