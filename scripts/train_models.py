"""Rebuild the learned layer's model files (data/models/category.json, measure.json, actor.json, offer.json)
from the tuned set and rounds 07–18, deterministically (sorted rows and vocabulary, lbfgs,
fixed seed): the same inputs give the same file.

    .venv/bin/python scripts/train_models.py [--check]

Each figure the rules find and gold labels is one example (`figure_learning.examples`): the
frame's words and, as features, the rules' decision (their blind one on each dev round,
`blind_rules.py`). The header records what trained the model, on which sets, how many rows
and its leave-one-round-out score (`evaluate_models.py`, pasted by `--score`).
`--check` retrains and compares with the committed files instead of writing them (exit 1
when a weight differs by more than 1e-4). Never reads tests/heldout*.
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from actor_training import MODEL_NAME as ACTOR_MODEL, actor_document  # noqa: E402
from offer_training import trained_document as offer_document  # noqa: E402
from helpers.extract.offer_model import MODEL_NAME as OFFER_MODEL  # noqa: E402
from figure_learning import blind_decisions, category_data, examples, fit, measure_data  # noqa: E402
from labelled_rows import ALLOWED_SETS, labelled_reports  # noqa: E402
from helpers.extract.figure_model import CATEGORY_C, CATEGORY_CLASSES, MEASURE_C, MEASURE_CLASSES  # noqa: E402
from helpers.extract.linear_model import MODELS, model_document, model_path, write_model  # noqa: E402

TOLERANCE = 1e-4
# the leave-one-round-out means of `scripts/evaluate_models.py` (model alone / hybrid / rules' blind rows)
SCORES = {
    "category": {"leave_one_round_out": {"rounds": "07-18", "model": 0.853, "fallback and 0.5": 0.826,
                                         "switched on": False,
                                         "rules blind": 0.813, "rules now (tuned on them)": 0.954}},
    "measure": {"leave_one_round_out": {"rounds": "07-18", "model": 0.690, "hybrid (POLICY)": 0.618,
                                        "rules blind": 0.547, "rules now (tuned on them)": 0.943,
                                        "over": "recruit figures"}},
}


def trained_documents() -> dict[str, dict]:
    """name → model document, fitted on every allowed set."""
    import sklearn

    reports = list(labelled_reports())
    all_examples = examples(reports, blind_decisions(reports))
    learner = f"scikit-learn {sklearn.__version__} LogisticRegression (lbfgs, L2)"
    documents = {}
    for name, (features, labels), classes, c in (
            ("category", category_data(all_examples), CATEGORY_CLASSES, CATEGORY_C),
            ("measure", measure_data(all_examples), MEASURE_CLASSES, MEASURE_C)):
        vocabulary, present, coefficients, intercepts = fit(features, labels, classes, c)
        header = {
            "name": name, "decides": f"figure {name}" + (" (recruit figures)" if name == "measure" else ""),
            "trained_by": "scripts/train_models.py", "trained_on": ["tests/eval" if s == "tuned" else f"tests/eval/{s}"
                                                                    for s in ALLOWED_SETS],
            "rows": len(labels), "learner": f"{learner}, C={c}",
            "features": "helpers.extract.figure_features: frame words + the rules' decision (blind on dev rounds)",
            "score": SCORES[name],
        }
        documents[name] = model_document(header, vocabulary, present, coefficients, intercepts)
    documents[ACTOR_MODEL] = actor_document(reports)   # the actor and giver (scripts/actor_training.py)
    documents[OFFER_MODEL] = offer_document(reports=reports)   # keep or drop an incentive (scripts/offer_training.py)
    return documents


def differences(document: dict, path: Path) -> list[str]:
    """How a retrained document differs from the committed file (beyond TOLERANCE)."""
    if not path.is_file():
        return [f"{path}: missing"]
    committed = json.loads(path.read_text(encoding="utf-8"))
    if committed["features"] != document["features"] or committed["classes"] != document["classes"]:
        return [f"{path}: vocabulary or classes differ"]
    worst = max((abs(a - b) for rows in zip(committed["coefficients"], document["coefficients"])
                 for a, b in zip(*rows)), default=0.0)
    worst = max([worst] + [abs(a - b) for a, b in zip(committed["intercepts"], document["intercepts"])])
    return [f"{path}: a weight differs by {worst:.2g}"] if worst > TOLERANCE else []


def _place_model(check: bool) -> list[str]:
    """The place model (`data/models/place.json`, `place_training.py`): written, or compared."""
    import place_training

    path = model_path(place_training.MODEL_NAME, MODELS)
    if check:
        return differences(place_training.trained_document(), path)
    place_training.train(path)
    return []


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the committed files, write nothing")
    args = parser.parse_args(argv)
    problems = []
    for name, document in trained_documents().items():
        path = model_path(name, MODELS)
        if args.check:
            problems += differences(document, path)
        else:
            write_model(document, path)
            print(f"{path.relative_to(MODELS.parents[1])}: {len(document['features'])} features, "
                  f"{len(document['classes'])} classes, {document['header']['rows']} rows")
    problems += _place_model(args.check)
    for problem in problems:
        print(problem)
    if args.check and not problems:
        print("the committed models are what the script trains")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
