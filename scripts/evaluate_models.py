"""Leave one round out: would the learned category and measure beat the rules on wording
they have not seen?

For each dev round k (07–17) the models are trained on the tuned set and the ten other
rounds (`scripts/figure_learning.py`, the same fit as `train_models.py`) and decide round
k's figures. The rules' decision, a feature of the model, is their blind one on every round
(`blind_rules.py`). Each row is scored with `helpers.evaluate.score` over the figures
today's extractor finds in round k, with the category and measure replaced by:
- `rules now`: today's rules (tuned on every round: flattered);
- `rules blind`: the blind extractor's decision for the same gold figure (where it found it);
- `model`: the model's own choice;
- `hybrid`: the policy switched on at run time (`helpers.extract.figure_model.decide`).
The last column pair is the blind row recorded in the round's README (scored over the figures
the blind extractor found), for comparison.

    .venv/bin/python scripts/evaluate_models.py [--policies] [--c 1.0]
    .venv/bin/python scripts/evaluate_models.py --actor [--policies]   # the actor model's table

`--policies` also prints the mean of other policies (model only where the rules fell back,
several thresholds), which is how the one switched on was chosen. Never reads tests/heldout*.
"""
from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from figure_learning import Example, blind_decisions, category_data, examples, fit, measure_data  # noqa: E402
from labelled_rows import labelled_reports, leave_one_round_out, score_rows  # noqa: E402
from helpers.evaluate import blind_rows  # noqa: E402
from helpers.extract.figure_model import (  # noqa: E402
    CATEGORY_C, CATEGORY_CLASSES, MEASURE_C, MEASURE_CLASSES, POLICY, RULES_ONLY_UNITS, Decision, Models, decide,
    joined, sentence_scores, takes_part,
)
from helpers.extract.linear_model import LinearModel  # noqa: E402
from helpers.paths import ROOT  # noqa: E402


def as_model(name: str, fitted) -> LinearModel:
    """A LinearModel of `fit`'s output, without writing a file."""
    vocabulary, classes, coefficients, intercepts = fitted
    weights = {f: tuple(row[j] for row in coefficients) for j, f in enumerate(vocabulary)}
    return LinearModel(Path(name), {}, tuple(classes), weights, tuple(intercepts))


def fold_models(train: list[Example], category_c: float, measure_c: float) -> Models:
    """The category and measure models fitted on `train`."""
    return joined(as_model("category", fit(*category_data(train), CATEGORY_CLASSES, category_c)),
                  as_model("measure", fit(*measure_data(train), MEASURE_CLASSES, measure_c)))


def example_decision(example: Example, models: Models, policy) -> Decision:
    """The policy's decision for one example, its rule features being the blind rules'
    (the rules' own where the runtime does not ask the models: durations and shares)."""
    if example.row.figure.unit in RULES_ONLY_UNITS:
        return Decision(example.category_rule[0], None, None, example.measure_rule[0], None, None)
    row = example.row
    _, sentence = row.context.sentence_of(row.quantity.start)
    return decide(set(example.frame), sentence_scores(models, example.sentence), example.category_rule,
                  example.measure_rule, models, policy, takes_part(row.context.text, row.quantity.start, sentence.start))


POLICIES = {
    "model": dict(category="always", measure="always"),
    "fallback": dict(category="fallback", measure="fallback"),
    "confident 0.6": dict(category="confident", measure="confident", threshold=0.6),
    "confident 0.7": dict(category="confident", measure="confident", threshold=0.7),
    "confident 0.8": dict(category="confident", measure="confident", threshold=0.8),
    "confident 0.9": dict(category="confident", measure="confident", threshold=0.9),
    "fallback and 0.4": dict(category="fallback_and_confident", measure="fallback_and_confident", threshold=0.4),
    "fallback and 0.5": dict(category="fallback_and_confident", measure="fallback_and_confident", threshold=0.5),
    "fallback and 0.6": dict(category="fallback_and_confident", measure="fallback_and_confident", threshold=0.6),
    "fallback and 0.7": dict(category="fallback_and_confident", measure="fallback_and_confident", threshold=0.7),
    "measure only, fallback and 0.5": dict(category="never", measure="fallback_and_confident", threshold=0.5),
    "measure only, fallback": dict(category="never", measure="fallback"),
    "fallback or 0.8": dict(category="fallback_or_confident", measure="fallback_or_confident", threshold=0.8),
    "fallback or 0.9": dict(category="fallback_or_confident", measure="fallback_or_confident", threshold=0.9),
}


def main(argv: list[str] | None = None) -> int:
    """Print the three tables (category; measure of all figures; measure of recruit figures)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policies", action="store_true", help="also the mean of every policy tried")
    parser.add_argument("--category-c", type=float, default=CATEGORY_C)
    parser.add_argument("--measure-c", type=float, default=MEASURE_C)
    parser.add_argument("--actor", action="store_true",
                        help="the actor model's table instead (scripts/actor_training.py: actor accuracy / incentive F1)")
    parser.add_argument("--place", action="store_true", help="the place model's table instead (place_training.py)")
    args = parser.parse_args(argv)
    if args.place:
        return _place_table()
    reports = list(labelled_reports())
    if args.actor:
        return print_actor_table(reports, args.policies)
    blind = blind_decisions(reports)
    all_examples = examples(reports, blind)
    by_row = {id(e.row): e for e in all_examples}
    policies = dict(POLICIES) if args.policies else {"model": POLICIES["model"]}
    policies["hybrid"] = POLICY
    columns = ["rules now", "rules blind", "model"] + [p for p in policies if p != "model"]
    table: dict[str, dict[str, tuple]] = {}
    for held_out, train, test in leave_one_round_out(all_examples):
        models = fold_models(train, args.category_c, args.measure_c)
        round_reports = [r for r in reports if r.set_name == held_out]
        decisions = {name: {} for name in policies}
        for example in test:
            for name, policy in policies.items():
                decisions[name][id(example.row)] = example_decision(example, models, policy)

        def override_with(name):
            def override(row):
                decision = decisions[name].get(id(row))
                return {} if decision is None else {"category": decision.category, "measure": decision.measure}
            return override

        def blind_override(row):
            example = by_row.get(id(row))
            if example is None:
                return {}
            return {"category": example.category_rule[0], "measure": example.measure_rule[0]}

        row_scores = {"rules now": score_rows(round_reports), "rules blind": score_rows(round_reports, blind_override)}
        for name in policies:
            row_scores[name] = score_rows(round_reports, override_with(name))
        table[held_out] = {name: _cells(s) for name, s in row_scores.items()}
        readme = ROOT / "tests" / "eval" / held_out / "README.md"
        recorded = blind_rows(readme)
        table[held_out]["README blind"] = _readme_cells(recorded[-1][1]) if recorded else (None, None, None)
    _print(table, columns)
    return 0


def print_actor_table(reports, every_policy: bool) -> int:
    """The actor model's leave-one-round-out table (`actor_training.actor_table`)."""
    from actor_training import POLICIES as ACTOR_POLICIES, POLICY as ACTOR_POLICY, actor_table

    policies = (ACTOR_POLICY,) + tuple(p for p in ACTOR_POLICIES if p != ACTOR_POLICY) if every_policy else (ACTOR_POLICY,)
    print(actor_table(reports, policies))
    return 0


def _place_table() -> int:
    """Leave one round out for the place model (`scripts/place_training.py evaluate`)."""
    import place_training

    place_training.evaluate()
    return 0


def _cells(scores) -> tuple:
    return (scores.field_accuracy.get("category"), scores.field_accuracy.get("measure"),
            scores.recruit_measure_accuracy)


def _readme_cells(cells: list[str]) -> tuple:
    """category, measure, measure (recruits) from a README blind row (TABLE_COLUMNS order)."""
    def number(cell: str) -> float | None:
        try:
            return float(cell.split()[0])
        except (ValueError, IndexError):
            return None
    return number(cells[2]), number(cells[3]), number(cells[4])


def _print(table: dict, columns: list[str]) -> None:
    columns = columns + ["README blind"]
    for k, field in enumerate(("category", "measure (all figures)", "measure (recruit figures)")):
        print(f"\n{field}, leave one round out\n")
        print("| round | " + " | ".join(columns) + " |")
        print("|---|" + "---|" * len(columns))
        for held_out, row in table.items():
            print(f"| {held_out} | " + " | ".join(_shown(row[c][k]) for c in columns) + " |")
        means = [statistics.mean(row[c][k] for row in table.values() if row[c][k] is not None) for c in columns]
        print("| mean | " + " | ".join(f"**{m:.3f}**" for m in means) + " |")


def _shown(value) -> str:
    return "n/a" if value is None else f"{value:.3f}"


if __name__ == "__main__":
    sys.exit(main())
