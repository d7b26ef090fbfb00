"""A small linear model read from `data/models/`, and its class probabilities for a set of
string features. No scikit-learn at run time: the weights are plain JSON.

How to use it (the learned layer of each field: category, measure, actor, place…):

    from helpers.extract.linear_model import load_model, models_enabled

    model = load_model("category")              # data/models/category.json, validated, cached
    if models_enabled():
        probabilities = model.probabilities({"w:جند", "noun:شاب", "rule:recruits"})
        label, probability = model.best(features)

Features are strings (present = 1.0) or a mapping feature → value. A feature the model
never saw is ignored, so the runtime may emit more features than were trained on.

The model file (written by `scripts/train_models.py`, see `model_document`):

    {"header": {"name": "category", "decides": "figure category",
                "trained_by": "scripts/train_models.py", "trained_on": ["tests/eval", …],
                "rows": 2100, "score": {...leave-one-round-out...}, "learner": "..."},
     "features": ["w:جند", …],                  # the vocabulary, unique strings
     "classes": ["recruits", "salary", …],      # unique strings
     "coefficients": [[…one per feature…], …],  # one row per class
     "intercepts": [… one per class …]}

Probabilities are the softmax of intercept + the summed weights of the features present.
A binary logistic regression is stored as two classes whose first row is all zeros
(softmax of [0, z] is the logistic of z), so every model is read the same way.

`rules_only()` switches every model off inside a `with` block: the training scripts read
the rules' own decisions with it (`scripts/labelled_rows.py`), so a model never learns from
its own output. `models_enabled()` is what the runtime checks.
"""
from __future__ import annotations

import json
import math
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Iterator, Mapping

from helpers.paths import ROOT

MODELS = ROOT / "data" / "models"
HEADER_KEYS = ("name", "decides", "trained_by", "trained_on", "rows", "score")
_ENABLED = [True]


class ModelFileError(ValueError):
    """A model file that cannot be used; the message names the file and the key."""


@dataclass(frozen=True)
class LinearModel:
    """Weights of one linear classifier, by feature: `weights["w:جند"]` is one weight per class."""

    path: Path
    header: Mapping
    classes: tuple[str, ...]
    weights: Mapping[str, tuple[float, ...]]
    intercepts: tuple[float, ...]

    def scores(self, features: Iterable[str] | Mapping[str, float], start: list[float] | None = None) -> list[float]:
        """Intercept + summed weights per class (the logits) for `{"w:بلغ", "noun:عنصر"}`
        (each feature once: pass a set). `start`: logits already summed for other features
        (intercept included), e.g. a sentence's words shared by its figures."""
        weights = self.weights
        base = self.intercepts if start is None else start
        if isinstance(features, Mapping):
            totals = list(base)
            for feature, value in features.items():
                row = weights.get(feature)
                if row is not None:
                    for k, w in enumerate(row):
                        totals[k] += w * value
            return totals
        rows = [row for row in map(weights.get, features) if row is not None]
        if not rows:
            return list(base)
        return [b + sum(column) for b, column in zip(base, zip(*rows))]

    def probabilities(self, features: Iterable[str] | Mapping[str, float]) -> dict[str, float]:
        """Class → probability (softmax of `scores`), e.g. `{"stock": 0.81, "flow": 0.15, "target": 0.04}`."""
        return dict(zip(self.classes, softmax(self.scores(features))))

    def best(self, features: Iterable[str] | Mapping[str, float], start: list[float] | None = None
             ) -> tuple[str, float]:
        """The most probable class and its probability: `("stock", 0.81)` for `بلغ عدد المنتسبين 1500`."""
        return self.best_of(self.scores(features, start))

    def best_of(self, scores: list[float]) -> tuple[str, float]:
        """The most probable class of these logits and its probability (a softmax over them)."""
        top = max(scores)
        k = scores.index(top)
        total = sum(math.exp(s - top) for s in scores)
        return self.classes[k], 1.0 / total


def softmax(scores: list[float]) -> list[float]:
    """`[0.0, 0.0]` → `[0.5, 0.5]`; stable for large scores."""
    top = max(scores)
    exps = [math.exp(s - top) for s in scores]
    total = sum(exps)
    return [e / total for e in exps]


# --- files -------------------------------------------------------------------------

def model_path(name: str, directory: Path = MODELS) -> Path:
    """`category` → data/models/category.json."""
    return Path(directory) / f"{name}.json"


def load_model(name_or_path: str | Path, directory: Path = MODELS) -> LinearModel:
    """The model named `name` in `directory` (or the file at a path ending in .json),
    validated, cached until the file changes. Raises ModelFileError naming the file."""
    path = Path(name_or_path) if str(name_or_path).endswith(".json") else model_path(str(name_or_path), directory)
    try:
        stamp = path.stat().st_mtime_ns
    except OSError as error:
        raise ModelFileError(f"{path}: cannot read the model file ({error.strerror})") from None
    cached = _CACHE.get(path)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    model = parse_model(path, path.read_text(encoding="utf-8"))
    _CACHE[path] = (stamp, model)
    return model


_CACHE: dict[Path, tuple[int, LinearModel]] = {}


def model_exists(name: str, directory: Path = MODELS) -> bool:
    """Is there a model file for `name`? (The runtime keeps the rules when there is none.)"""
    return model_path(name, directory).is_file()


def parse_model(path: Path, text: str) -> LinearModel:
    """A LinearModel from a model file's text; every problem raises ModelFileError
    `<path>: <key>: <what is wrong>` (JSON errors name the line)."""
    try:
        document = json.loads(text)
    except json.JSONDecodeError as error:
        raise ModelFileError(f"{path}:{error.lineno}: not JSON: {error.msg}") from None
    problems = model_problems(document)
    if problems:
        raise ModelFileError(f"{path}: {problems[0]}" + (f" (and {len(problems) - 1} more)" if len(problems) > 1 else ""))
    features, coefficients = document["features"], document["coefficients"]
    columns = list(zip(*coefficients))   # per feature, one weight per class
    weights = {feature: tuple(float(w) for w in column) for feature, column in zip(features, columns)
               if any(column)}
    return LinearModel(path, document["header"], tuple(document["classes"]), weights,
                       tuple(float(b) for b in document["intercepts"]))


def model_problems(document) -> list[str]:
    """What is wrong with a model document (empty when it is valid)."""
    if not isinstance(document, dict):
        return ["not a JSON object"]
    problems = [f"missing key {key!r}" for key in ("header", "features", "classes", "coefficients", "intercepts")
                if key not in document]
    if problems:
        return problems
    header, features, classes = document["header"], document["features"], document["classes"]
    if not isinstance(header, dict):
        return ["header: not an object"]
    problems += [f"header: missing {key!r}" for key in HEADER_KEYS if key not in header]
    problems += _strings_problems("features", features) + _strings_problems("classes", classes)
    if isinstance(classes, list) and len(classes) < 2:
        problems.append("classes: fewer than two")
    if problems:
        return problems
    coefficients, intercepts = document["coefficients"], document["intercepts"]
    if not isinstance(coefficients, list) or len(coefficients) != len(classes):
        return [f"coefficients: not one row per class ({len(classes)})"]
    for k, row in enumerate(coefficients):
        if not isinstance(row, list) or len(row) != len(features):
            problems.append(f"coefficients[{k}]: not one weight per feature ({len(features)})")
        elif not all(_finite(w) for w in row):
            problems.append(f"coefficients[{k}]: a weight that is not a finite number")
    if not isinstance(intercepts, list) or len(intercepts) != len(classes) or not all(_finite(b) for b in intercepts):
        problems.append(f"intercepts: not one finite number per class ({len(classes)})")
    return problems


def _strings_problems(key: str, values) -> list[str]:
    if not isinstance(values, list) or not all(isinstance(v, str) and v for v in values):
        return [f"{key}: not a list of non-empty strings"]
    if len(set(values)) != len(values):
        return [f"{key}: repeated entries"]
    return []


def _finite(value) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


def model_document(header: Mapping, features: list[str], classes: list[str],
                   coefficients: list[list[float]], intercepts: list[float], digits: int = 6) -> dict:
    """The JSON document of a model (what `scripts/train_models.py` writes), weights rounded
    to `digits` places so that the file is small and diffs are readable. Validated."""
    document = {"header": dict(header), "features": list(features), "classes": list(classes),
                "coefficients": [[round(float(w), digits) for w in row] for row in coefficients],
                "intercepts": [round(float(b), digits) for b in intercepts]}
    problems = model_problems(document)
    if problems:
        raise ModelFileError(f"model {header.get('name')!r}: {problems[0]}")
    return document


def write_model(document: Mapping, path: Path) -> None:
    """Write a model document as JSON, one class row per line (stable, diffable)."""
    lines = ["{",
             f'"header": {json.dumps(document["header"], ensure_ascii=False, sort_keys=True)},',
             f'"features": {json.dumps(document["features"], ensure_ascii=False)},',
             f'"classes": {json.dumps(document["classes"], ensure_ascii=False)},',
             '"coefficients": [',
             ",\n".join(json.dumps(row) for row in document["coefficients"]),
             "],",
             f'"intercepts": {json.dumps(document["intercepts"])}',
             "}"]
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")


# --- the switch ----------------------------------------------------------------------

def models_enabled() -> bool:
    """False inside `rules_only()`: the runtime then keeps the rules' decisions."""
    return _ENABLED[-1]


@contextmanager
def rules_only() -> Iterator[None]:
    """Every learned layer off inside the block (training reads the rules' own decisions)."""
    _ENABLED.append(False)
    try:
        yield
    finally:
        _ENABLED.pop()
