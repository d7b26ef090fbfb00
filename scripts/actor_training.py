"""Training and leave-one-round-out evidence for the actor model (`helpers.extract.actor_model`):
one row per record and candidate, labelled by the matched gold record's actor.

Training-only code (the runtime never imports it); `scripts/train_models.py` and
`scripts/evaluate_models.py` call `train_actor_model` and `actor_leave_one_round_out`.

- A figure's candidates are labelled by its matched gold figure (same span and value); a figure
  with no gold, or whose gold actor is no candidate (unreachable), trains nothing.
- An incentive's candidates are labelled by the gold incentives of the same report and kind
  (`IncentiveRow.gold_same_kind`): any of their actors is right. An incentive whose actor is copied
  from its pay figure (its evidence is the figure's) follows that figure and trains nothing.
- The model: a logistic regression (scikit-learn, lbfgs, fixed C) over the candidates'
  string features, stored as two classes (`no`, `yes`) whose first row is zeros.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "scripts"))
if str(ROOT / "src") not in sys.path:
    sys.path.insert(0, str(ROOT / "src"))

from labelled_rows import (  # noqa: E402
    ALLOWED_SETS, LabelledReport, leave_one_round_out, score_rows,
)
from helpers.extract.actor_model import (  # noqa: E402
    MODEL_NAME, candidate_features, copied_from_figure, decide, logit, normalised_span, record_kind,
)
from helpers.extract.linear_model import LinearModel, model_document  # noqa: E402

C = 0.3
SEED = 0


@dataclass
class ActorExample:
    """One record's candidates (code → features) and the codes gold allows."""

    set_name: str
    report_id: str
    key: tuple                     # ("figure", figure id) or ("incentive", incentive id)
    rule_code: str | None
    rule_basis: str | None
    candidates: dict
    gold: frozenset | None         # allowed codes (None: no gold to learn from)

    @property
    def reachable(self) -> bool:
        return self.gold is not None and any(code in self.gold for code in self.candidates)


def actor_examples(reports: Sequence[LabelledReport], rules: dict | None = None) -> list[ActorExample]:
    """Every figure and every incentive not copied from a figure, with its candidates.
    `rules` (key → (code, basis), from `blind_choices`) replaces the rules' choice the
    features are told about: the blind rules' choice on a round."""
    rules = rules or {}
    examples = []
    for report in reports:
        context = report.context
        for row in report.figures:
            figure, quantity = row.figure, row.quantity
            key = ("figure", figure.id)
            code, basis = rules.get(key, (figure.actor, figure.basis["actor"]))
            examples.append(ActorExample(
                row.set_name, row.report_id, key, code, basis,
                candidate_features(context, quantity.start, quantity.end, code, basis, record_kind(figure)),
                None if row.gold is None else frozenset({row.gold.get("actor")})))
        figures = [row.figure for row in report.figures]
        for row in report.incentives:
            incentive = row.incentive
            if copied_from_figure(incentive, figures):
                continue
            key = ("incentive", incentive.id)
            code, basis = rules.get(key, (incentive.actor, incentive.basis["actor"]))
            start, end = normalised_span(context, incentive.start, incentive.end)
            examples.append(ActorExample(
                row.set_name, row.report_id, key, code, basis,
                candidate_features(context, start, end, code, basis, record_kind(incentive)),
                frozenset(g.get("actor") for g in row.gold_same_kind) if row.gold_same_kind else None))
    return examples


def blind_choices(reports: Sequence[LabelledReport]) -> dict:
    """key → (code, basis): the blind rules' actor of each record of the rounds
    (`blind_actors.blind_records`). A figure takes the blind figure its span overlaps most; an
    incentive the blind incentive of the same kind nearest to it. A blind extractor that kept no
    basis (rounds 07–10) is given today's basis where it chose as today, else `clause`."""
    from blind_actors import BLIND_EXTRACTOR, blind_records

    found = {}
    by_round: dict[str, list[LabelledReport]] = {}
    for report in reports:
        if report.set_name in BLIND_EXTRACTOR:
            by_round.setdefault(report.set_name, []).append(report)
    for round_name, round_reports in sorted(by_round.items()):
        blind = {}
        for record in blind_records(round_name):
            blind.setdefault(record["report_id"], []).append(record)
        for report in round_reports:
            records = blind.get(report.report.id, [])
            for row in report.figures:
                figure = row.figure
                overlapping = [(min(b["end"], figure.end) - max(b["start"], figure.start), b) for b in records
                               if b["type"] == "figure" and b["start"] < figure.end and figure.start < b["end"]]
                if overlapping:
                    chosen = max(overlapping, key=lambda pair: pair[0])[1]
                    found[("figure", figure.id)] = _blind_choice(chosen, figure.actor, figure.basis["actor"])
            for row in report.incentives:
                incentive = row.incentive
                same = [b for b in records if b["type"] == "incentive" and b["incentive"] == incentive.incentive]
                if same:
                    chosen = min(same, key=lambda b: abs(b["start"] - incentive.start))
                    found[("incentive", incentive.id)] = _blind_choice(chosen, incentive.actor,
                                                                      incentive.basis["actor"])
    return found


def _blind_choice(blind: dict, code_now: str | None, basis_now: str | None) -> tuple:
    if blind.get("actor_basis"):
        return blind["actor"], blind["actor_basis"]
    return blind["actor"], basis_now if blind["actor"] == code_now else "clause"


def fit(examples: Sequence[ActorExample], c: float = C) -> tuple[list[str], list[float], float]:
    """(features, weights, intercept) of a logistic regression over the reachable examples'
    candidates (label: the candidate is a gold actor), sorted inputs, fixed seed."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    rows, labels = [], []
    for example in examples:
        if not example.reachable:
            continue
        for code in sorted(example.candidates, key=str):
            rows.append({f: 1.0 for f in example.candidates[code]})
            labels.append(int(code in example.gold))
    vectorizer = DictVectorizer(sort=True)
    matrix = vectorizer.fit_transform(rows)
    learner = LogisticRegression(C=c, solver="lbfgs", random_state=SEED, max_iter=2000)
    learner.fit(matrix, labels)
    return list(vectorizer.get_feature_names_out()), [float(w) for w in learner.coef_[0]], float(learner.intercept_[0])


def as_model(features: list[str], weights: list[float], intercept: float, header: dict | None = None) -> LinearModel:
    """The fitted weights as a `LinearModel` (two classes, the first all zeros)."""
    from helpers.extract.linear_model import parse_model
    import json
    document = model_document(header or _header([], 0, {}), features, ["no", "yes"],
                              [[0.0] * len(features), weights], [0.0, intercept])
    return parse_model(Path(f"<{MODEL_NAME}>"), json.dumps(document))


BASES_DECIDED = ("frame", "clause", "paragraph", "report_default", "none")
FALLBACKS = ("paragraph", "report_default")


def _thresholds(everywhere: float | None = None, fallback: float | None = None) -> dict:
    """A policy: the probability the model needs, on the rules' fallback bases and elsewhere."""
    thresholds = {}
    for basis in BASES_DECIDED:
        value = fallback if basis in FALLBACKS and fallback is not None else everywhere
        if value is not None:
            thresholds[basis] = value
    return {"thresholds": thresholds}


POLICIES = {
    "model": _thresholds(0.0),
    "fallback": _thresholds(None, 0.0),
    "confident 0.6": _thresholds(0.6),
    "confident 0.7": _thresholds(0.7),
    "confident 0.8": _thresholds(0.8),
    "fallback or 0.7": _thresholds(0.7, 0.0),
    "fallback or 0.8": _thresholds(0.8, 0.0),
    "fallback 0.6 or 0.8": _thresholds(0.8, 0.6),
    "beyond the frame 0.7": {"thresholds": {"clause": 0.7, "paragraph": 0.7, "report_default": 0.7, "none": 0.7}},
    "clause or default 0.7": {"thresholds": {"clause": 0.7, "report_default": 0.7, "none": 0.7}},
    "report default 0.7": {"thresholds": {"report_default": 0.7}},
}


def _header(sets: list[str], rows: int, score: dict, policy: dict | None = None) -> dict:
    return {"name": MODEL_NAME, "decides": "actor of figures and giver of incentives (candidate ranking)",
            "trained_by": "scripts/train_models.py (scripts/actor_training.py)", "trained_on": sets,
            "rows": rows, "score": score, "learner": f"LogisticRegression(C={C}, solver=lbfgs) over candidates",
            "policy": policy or {}}


def decisions(model: LinearModel, examples: Sequence[ActorExample], policy: dict) -> dict:
    """key → (code, probability) where the policy lets the model decide."""
    found = {}
    for example in examples:
        scores = {code: logit(model, features) for code, features in example.candidates.items()}
        choice = decide(scores, example.rule_code, example.rule_basis, policy)
        if choice is not None:
            found[example.key] = choice
    return found


def without_collisions(decided: dict, examples: Sequence[ActorExample], reports: Sequence[LabelledReport]) -> dict:
    """The decisions less those that give an incentive an actor that offers the same kind in its
    report already (as `actor_model.decide_actors` does at run time)."""
    rules = {e.key: e.rule_code for e in examples}
    kept = dict(decided)
    for report in reports:
        for row in report.incentives:
            key = ("incentive", row.incentive.id)
            if key not in decided or decided[key][0] == rules.get(key):
                continue
            others = {rules.get(("incentive", other.incentive.id), other.incentive.actor) for other in report.incentives
                      if other is not row and other.incentive.incentive == row.incentive.incentive}
            if decided[key][0] in others:
                kept[key] = (rules.get(key), None)
    return kept


def followers(reports: Sequence[LabelledReport]) -> dict:
    """Incentive id → the figure id whose actor it copies (`copied_from_figure`)."""
    found = {}
    for report in reports:
        figures = [row.figure for row in report.figures]
        for row in report.incentives:
            figure = copied_from_figure(row.incentive, figures)
            if figure is not None:
                found[row.incentive.id] = figure.id
    return found


def overrides(decided: dict, follows: dict) -> tuple[Callable, Callable]:
    """`score_rows` overrides setting each record's actor to `decided[key][0]` (an incentive
    copied from a figure follows it)."""
    def figure_override(row):
        choice = decided.get(("figure", row.figure.id))
        return {} if choice is None else {"actor": choice[0]}

    def incentive_override(row):
        key = ("figure", follows[row.incentive.id]) if row.incentive.id in follows else ("incentive", row.incentive.id)
        choice = decided.get(key)
        return {} if choice is None else {"actor": choice[0]}
    return figure_override, incentive_override


def actor_leave_one_round_out(reports: Sequence[LabelledReport], examples: Sequence[ActorExample],
                              policy: dict, c: float = C, train_sets: Callable | None = None,
                              examples_now: Sequence[ActorExample] | None = None) -> list[dict]:
    """For each round: train on the other rounds' examples (and the tuned set's; `train_sets`
    may filter them), decide the held-out round's actors under `policy` (elsewhere the
    examples' own rule choice stands: the blind rules' when built with `blind_choices`), score
    the round with `helpers.evaluate.score`. One dict per round: `model`, `rules_given` (the
    examples' rule choices alone) and `rules` (today's rules) scores; with `examples_now` (built
    on today's rules), `model_over_now`: the same model deciding over today's rules."""
    results = []
    for held_out, train, test in leave_one_round_out(examples):
        if train_sets is not None:
            train = [e for e in train if train_sets(e.set_name)]
        model = as_model(*fit(train, c))
        given = {e.key: (e.rule_code, None) for e in test}
        round_reports = [r for r in reports if r.set_name == held_out]
        decided = dict(given)
        decided.update(without_collisions(decisions(model, test, policy), test, round_reports))
        follows = followers(round_reports)
        over_now = None
        if examples_now is not None:
            now = [e for e in examples_now if e.set_name == held_out]
            chosen = {e.key: (e.rule_code, None) for e in now}
            chosen.update(without_collisions(decisions(model, now, policy), now, round_reports))
            over_now = score_rows(round_reports, *overrides(chosen, follows))
        results.append({"round": held_out, "model_over_now": over_now,
                        "model": score_rows(round_reports, *overrides(decided, follows)),
                        "rules_given": score_rows(round_reports, *overrides(given, follows)),
                        "rules": score_rows(round_reports),
                        "changed": sum(1 for e in test if decided[e.key][0] != e.rule_code)})
    return results


POLICY = "report default 0.7"   # the policy switched on (see `actor_table`)


def _mean(values) -> float:
    values = [v for v in values if v is not None]
    return round(sum(values) / len(values), 3) if values else None


# the leave-one-round-out means of `actor_table` for POLICY (`scripts/evaluate_models.py --actor`)
SCORE = {"policy": POLICY,
         "rounds": "07-18",
         "actor": {"model": 0.891, "rules_blind_same_records": 0.860, "model_over_rules_now": 0.953,
                   "rules_now": 0.955, "readme_blind_rows": 0.853},
         "incentive_f1": {"model": 0.869, "rules_blind_same_records": 0.858, "model_over_rules_now": 0.934,
                          "rules_now": 0.942, "readme_blind_rows": 0.665},
         "other_policies, rounds 07-17": {"overrule at 0.7 on clause, report_default or none": [0.898, 0.843],
                                          "overrule at 0.7 on every basis": [0.902, 0.843]}}


def actor_document(reports: Sequence[LabelledReport], c: float = C) -> dict:
    """The actor model's document, fitted on every allowed set (the rounds' rule features being
    the blind rules'), its header naming the sets, the rows, the policy and `SCORE`."""
    import sklearn

    examples = actor_examples(reports, blind_choices(reports))
    features, weights, intercept = fit(examples, c)
    sets = [name for name in ALLOWED_SETS if any(r.set_name == name for r in reports)]
    rows = sum(len(e.candidates) for e in examples if e.reachable)
    header = _header([_set_path(name) for name in sets], rows, SCORE, POLICIES[POLICY])
    header["learner"] = f"scikit-learn {sklearn.__version__} LogisticRegression (lbfgs, L2), C={c}, over candidates"
    return model_document(header, features, ["no", "yes"], [[0.0] * len(features), weights], [0.0, intercept])


def train_actor_model(reports: Sequence[LabelledReport], out: Path | None = None) -> dict:
    """Write data/models/actor.json (`actor_document`); returns the document."""
    from helpers.extract.linear_model import model_path, write_model

    document = actor_document(reports)
    write_model(document, out or model_path(MODEL_NAME))
    return document


def _set_path(name: str) -> str:
    return "tests/eval" if name == "tuned" else f"tests/eval/{name}"


def actor_table(reports: Sequence[LabelledReport], policies: Sequence[str] = (POLICY,), c: float = C) -> str:
    """The leave-one-round-out table (Markdown), actor accuracy / incentive F1 per round: the model
    under each policy (its rule features the blind rules'), the blind rules on the same records,
    the first policy's model deciding over today's rules (does it spoil them?), today's rules
    (tuned on the round: flattered) and the blind row the round's README recorded (scored over
    the records the blind extractor found)."""
    from helpers.evaluate import blind_row, labelled_sets

    readmes = {Path(s.reports).parent.name: s.readme for s in labelled_sets()}
    examples = actor_examples(reports, blind_choices(reports))
    examples_now = actor_examples(reports)
    runs = {name: actor_leave_one_round_out(reports, examples, POLICIES[name], c,
                                            examples_now=examples_now if k == 0 else None)
            for k, name in enumerate(policies)}
    first = runs[policies[0]]
    head = (["round"] + [f"model ({name})" for name in policies]
            + ["rules blind, same records", f"model ({policies[0]}) over today's rules", "rules now",
               "README blind row"])
    lines = ["actor accuracy / incentive F1", "", "| " + " | ".join(head) + " |", "|" + "---|" * len(head)]

    def pair(scores) -> str:
        return f"{scores.field_accuracy['actor']:.3f} / {scores.incentive_f1:.3f}"

    for k, result in enumerate(first):
        row = blind_row(readmes.get(result["round"]))
        recorded = f"{row[-3]} / {row[-1].split()[0]}" if row else "n/a"
        cells = [result["round"]] + [pair(runs[name][k]["model"]) for name in policies]
        cells += [pair(result["rules_given"]), pair(result["model_over_now"]), pair(result["rules"]), recorded]
        lines.append("| " + " | ".join(cells) + " |")

    def mean_pair(results, key) -> str:
        return (f"{_mean(r[key].field_accuracy['actor'] for r in results):.3f} / "
                f"{_mean(r[key].incentive_f1 for r in results):.3f}")

    cells = ["mean"] + [mean_pair(runs[name], "model") for name in policies]
    cells += [mean_pair(first, "rules_given"), mean_pair(first, "model_over_now"), mean_pair(first, "rules")]
    recorded = [blind_row(readmes.get(r["round"])) for r in first]
    cells.append(f"{_mean(float(r[-3]) for r in recorded if r):.3f} / "
                 f"{_mean(float(r[-1].split()[0]) for r in recorded if r):.3f}")
    lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    import argparse
    from labelled_rows import labelled_reports

    parser = argparse.ArgumentParser(description="Train the actor model, or print its leave-one-round-out table.")
    parser.add_argument("--table", action="store_true", help="print the leave-one-round-out table instead")
    parser.add_argument("--policies", action="store_true", help="with --table: every policy tried")
    args = parser.parse_args(argv)
    reports = list(labelled_reports())
    if args.table:
        print(actor_table(reports, tuple(POLICIES) if args.policies else (POLICY,)))
        return 0
    document = train_actor_model(reports)
    print(f"data/models/{MODEL_NAME}.json: {len(document['features'])} features, {document['header']['rows']} rows")
    return 0


if __name__ == "__main__":
    sys.exit(main())
