"""`python -m helpers.evaluate`: score the extractor on the labelled evaluation set.

Gold (`tests/eval/gold.jsonl`) follows docs/annotation_guide.md: one JSON
object per expected figure or incentive. A gold figure is located by its
`text` and `occurrence` (n-th substring hit in the report's full text).

Scoring (pure functions, see `score`):
- figures: a prediction matches a gold figure of the same report when their
  spans overlap; pairs are taken one-to-one, greedily by overlap length. A
  matched pair whose values differ (relative difference > 1e-6) is a failure:
  the gold figure counts as missed and the prediction as spurious.
- over matched pairs: accuracy of category, measure, qualifier, unit, actor,
  regions (set equality), area, and bounds (value_min, value_max).
- incentives: precision / recall / F1 on (report_id, incentive, actor)
  triples; over matched triples, region agreement (set equality).
- recruits: the measure's accuracy over the matched pairs whose gold category is
  `recruits` (the measure the as-of totals rest on).
The command exits 0 whatever the scores (it is a report); `--strict` exits 1
when a goal is missed, 2 when the set or the extractor cannot be run. `--all`
prints one row per labelled set (`labelled_sets`): the tuned set, each blind
round with the blind score recorded in its README, and the held-out sets.
"""
from __future__ import annotations

import argparse
import csv
import json
import math
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping

from helpers.paths import ROOT

GOLD_PATH = ROOT / "tests" / "eval" / "gold.jsonl"
REPORTS_PATH = ROOT / "tests" / "eval" / "reports"
VALUE_TOLERANCE = 1e-6

# --- the contract's codes (../shared/CONTRACT.md) ---------------------------
QUALIFIERS = frozenset("exact approx more_than at_least less_than at_most range vague".split())
UNITS = frozenset("person family usd syp try eur percent tonne kg food_basket item vehicle "
                  "day week month year hour litre".split())
CATEGORIES = frozenset("recruits salary reward aid_recipients aid_amount casualties other".split())
MEASURES = frozenset({"stock", "flow", "target"})
ACTORS = frozenset("russia iran turkey regime us_coalition sdf isis".split())
INCENTIVES = frozenset(
    "cash_salary cash_reward food_aid clothing blankets_heating school_supplies medical fuel "
    "property_restitution security_settlement conscription_exemption protection citizenship "
    "service_near_home education_scholarship aid_unspecified".split())
GOVERNORATES = frozenset("SY-DI SY-RD SY-QU SY-DR SY-SU SY-HI SY-HM SY-TA SY-LA SY-ID SY-HL "
                         "SY-RA SY-DY SY-HA".split())
GAZETTEER_MANUAL = ROOT / "data" / "lexicons" / "gazetteer_manual.csv"
NO_REGION_AREAS = frozenset({"abroad", "national"})

FIGURE_FIELDS = ("category", "measure", "qualifier", "unit", "actor", "regions", "area", "bounds")
GOALS = {  # name -> minimum
    "figure_f1": 0.97, "category": 0.95, "actor": 0.95, "qualifier": 0.95,
    "regions": 0.9, "incentive_f1": 0.9, "incentive_regions": 0.9,
}
_SENTENCE_END = re.compile(r"[!?؟\n]|\.(?!\d)")  # a point between digits is a decimal point


# --- records -------------------------------------------------------------------

@dataclass(frozen=True)
class Span:
    """A figure, gold or predicted, located in its report."""

    report_id: str
    start: int
    end: int
    record: Mapping[str, Any]

    def overlap(self, other: "Span") -> int:
        return max(0, min(self.end, other.end) - max(self.start, other.start))


@dataclass(frozen=True)
class Failure:
    """One miss, printed on its own line."""

    report_id: str
    kind: str          # missed, spurious, value, <field>, incentive_missed, incentive_spurious, incentive_regions
    gold: str
    predicted: str
    sentence: str

    def __str__(self) -> str:
        return f"{self.report_id}\t{self.kind}\tgold={self.gold}\tpredicted={self.predicted}\t«{self.sentence}»"


@dataclass
class Scores:
    gold_figures: int = 0
    predicted_figures: int = 0
    matched_figures: int = 0          # overlapping and equal value
    figure_precision: float = 0.0
    figure_recall: float = 0.0
    figure_f1: float = 0.0
    field_correct: dict[str, int] = field(default_factory=dict)
    field_accuracy: dict[str, float | None] = field(default_factory=dict)
    gold_incentives: int = 0
    predicted_incentives: int = 0
    matched_incentives: int = 0
    incentive_precision: float = 0.0
    incentive_recall: float = 0.0
    incentive_f1: float = 0.0
    incentive_regions: float | None = None
    recruit_measures: int = 0                 # matched pairs whose gold category is recruits
    recruit_measure_accuracy: float | None = None
    failures: list[Failure] = field(default_factory=list)

    def measured(self) -> dict[str, float | None]:
        """The numbers the goals are set on."""
        return {
            "figure_f1": self.figure_f1,
            **{name: self.field_accuracy.get(name) for name in ("category", "actor", "qualifier", "regions")},
            "incentive_f1": self.incentive_f1,
            "incentive_regions": self.incentive_regions,
        }

    def missed_goals(self) -> list[str]:
        """Goals not reached; an accuracy that could not be measured (no matches)
        is missed unless there was nothing to find and nothing was found."""
        nothing = {name: False for name in GOALS}
        if self.gold_figures == 0 and self.predicted_figures == 0:
            nothing.update(category=True, actor=True, qualifier=True, regions=True)
        if self.gold_incentives == 0 and self.predicted_incentives == 0:
            nothing["incentive_regions"] = True
        return [name for name, value in self.measured().items()
                if not (value is None and nothing[name])
                and (value is None or value < GOALS[name] - 1e-12)]


# --- gold ----------------------------------------------------------------------

def read_gold(path: str | Path) -> list[dict]:
    """The gold records; a bad line raises ValueError naming the file and line."""
    records = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise ValueError(f"{path}:{number}: not JSON: {error}") from None
        if not isinstance(record, dict) or record.get("type") not in ("figure", "incentive"):
            raise ValueError(f"{path}:{number}: not a figure or incentive record")
        records.append(record)
    return records


def locate(full_text: str, text: str, occurrence: int) -> tuple[int, int]:
    """[start, end) of the `occurrence`-th (1-based) substring hit of `text`."""
    if not text or occurrence < 1:
        raise ValueError(f"bad text/occurrence {text!r} {occurrence}")
    position = -1
    for _ in range(occurrence):
        position = full_text.find(text, position + 1)
        if position == -1:
            raise ValueError(f"{text!r} does not occur {occurrence} time(s)")
    return position, position + len(text)


def validate_gold(records: list[dict], texts: Mapping[str, str]) -> list[str]:
    """Problems in the gold: unlocatable figures, codes outside the contract,
    and a figure span or an incentive triple labelled twice."""
    problems, seen = [], {}
    for number, record in enumerate(records, 1):
        where = f"gold record {number} ({record.get('report_id')})"
        problems += [f"{where}: {p}" for p in _record_problems(record, texts)]
        if record.get("type") == "figure":
            key = (record.get("report_id"), record.get("text"), record.get("occurrence"))
        else:
            key = (record.get("report_id"), record.get("incentive"), record.get("actor"))
        if key in seen:
            problems.append(f"{where}: same as gold record {seen[key]}")
        seen.setdefault(key, number)
    return problems


def _record_problems(record: dict, texts: Mapping[str, str]) -> list[str]:
    problems = []
    report_id = record.get("report_id")
    if report_id not in texts:
        return [f"no report {report_id!r}"]
    problems += _place_problems(record)
    if record["type"] == "incentive":
        if record.get("incentive") not in INCENTIVES:
            problems.append(f"incentive {record.get('incentive')!r}")
        if record.get("actor") is not None and record["actor"] not in ACTORS:
            problems.append(f"actor {record['actor']!r}")
        return problems
    try:
        locate(texts[report_id], record.get("text") or "", int(record.get("occurrence") or 0))
    except ValueError as error:
        problems.append(str(error))
    for name, allowed in (("qualifier", QUALIFIERS), ("unit", UNITS), ("category", CATEGORIES)):
        if record.get(name) not in allowed:
            problems.append(f"{name} {record.get(name)!r}")
    if record.get("actor") is not None and record["actor"] not in ACTORS:
        problems.append(f"actor {record['actor']!r}")
    measure = record.get("measure")
    if (record.get("category") == "recruits") != (measure in MEASURES) or (
            measure is not None and measure not in MEASURES):
        problems.append(f"measure {measure!r} for category {record.get('category')!r}")
    problems += _bound_problems(record)
    return problems


def _bound_problems(record: dict) -> list[str]:
    value, low, high = record.get("value"), record.get("value_min"), record.get("value_max")
    qualifier = record.get("qualifier")
    if not isinstance(value, (int, float)) or isinstance(value, bool):
        return [f"value {value!r}"]
    expected = {
        "more_than": (value, None), "at_least": (value, None),
        "less_than": (None, value), "at_most": (None, value),
    }.get(qualifier, (None, None))
    if qualifier == "range":
        ok = low == value and isinstance(high, (int, float)) and high > value
    else:
        ok = (low, high) == expected
    return [] if ok else [f"bounds {low!r}..{high!r} for {qualifier} {value}"]


def _place_problems(record: dict) -> list[str]:
    regions, area = record.get("regions"), record.get("area")
    if not isinstance(regions, list) or any(r not in GOVERNORATES for r in regions):
        return [f"regions {regions!r}"]
    macro_areas = load_macro_areas()
    if area in macro_areas:  # the macro-area's regions, or a narrowing of them
        ok = bool(regions) and set(regions) <= set(macro_areas[area])
    elif area in NO_REGION_AREAS or area is None:
        ok = regions == []
    else:
        ok = area in GOVERNORATES and area in regions
    return [] if ok else [f"area {area!r} with regions {regions!r}"]


def load_macro_areas(path: Path = GAZETTEER_MANUAL) -> dict[str, frozenset[str]]:
    """Macro-area id -> regions, from the gazetteer's `macro_area` rows."""
    if path in _MACRO_CACHE:
        return _MACRO_CACHE[path]
    areas: dict[str, frozenset[str]] = {}
    with path.open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            if row.get("kind") == "macro_area":
                areas[row["area"]] = frozenset(r for r in row["regions"].split("|") if r)
    _MACRO_CACHE[path] = areas
    return areas


_MACRO_CACHE: dict[Path, dict[str, frozenset[str]]] = {}


# --- scoring -------------------------------------------------------------------

def score(gold_records: Iterable[Mapping], predicted_records: Iterable[Any],
          reports: Mapping[str, str] | Iterable[Any]) -> Scores:
    """Compare predictions (records or dicts) with gold; `reports` maps id to full text
    (or is a list of `Report`)."""
    texts = _texts(reports)
    gold = [dict(r) for r in gold_records]
    predicted = [_as_dict(r) for r in predicted_records]
    scores = Scores()
    _score_figures(scores, [g for g in gold if g["type"] == "figure"],
                   [p for p in predicted if p.get("type", "figure") == "figure"], texts)
    _score_incentives(scores, [g for g in gold if g["type"] == "incentive"],
                      [p for p in predicted if p.get("type") == "incentive"], texts)
    return scores


def _texts(reports: Mapping[str, str] | Iterable[Any]) -> dict[str, str]:
    if isinstance(reports, Mapping):
        return dict(reports)
    return {report.id: report.full_text for report in reports}


def _as_dict(record: Any) -> dict:
    return dict(record) if isinstance(record, Mapping) else record.to_dict()


def _score_figures(scores: Scores, gold: list[dict], predicted: list[dict], texts: Mapping[str, str]) -> None:
    gold_spans = [Span(g["report_id"], *locate(texts[g["report_id"]], g["text"], g["occurrence"]), g)
                  for g in gold]
    predicted_spans = [Span(p["report_id"], p["start"], p["end"], p) for p in predicted]
    pairs = match_spans(gold_spans, predicted_spans)
    paired_gold = {id(g) for g, _ in pairs}
    paired_predicted = {id(p) for _, p in pairs}
    matched = []
    for g, p in pairs:
        if same_value(g.record["value"], p.record["value"]):
            matched.append((g, p))
        else:
            scores.failures.append(_figure_failure("value", g, p, texts))
    for g in gold_spans:
        if id(g) not in paired_gold:
            scores.failures.append(_figure_failure("missed", g, None, texts))
    for p in predicted_spans:
        if id(p) not in paired_predicted:
            scores.failures.append(_figure_failure("spurious", None, p, texts))
    scores.gold_figures, scores.predicted_figures = len(gold_spans), len(predicted_spans)
    scores.matched_figures = len(matched)
    scores.figure_precision, scores.figure_recall, scores.figure_f1 = prf(
        len(matched), len(predicted_spans), len(gold_spans))
    for name in FIGURE_FIELDS:
        correct = 0
        for g, p in matched:
            if field_agrees(name, g.record, p.record):
                correct += 1
            else:
                scores.failures.append(_figure_failure(name, g, p, texts))
        scores.field_correct[name] = correct
        scores.field_accuracy[name] = correct / len(matched) if matched else None
    recruits = [(g, p) for g, p in matched if g.record.get("category") == "recruits"]
    scores.recruit_measures = len(recruits)
    scores.recruit_measure_accuracy = (sum(field_agrees("measure", g.record, p.record) for g, p in recruits)
                                       / len(recruits) if recruits else None)


def match_spans(gold: list[Span], predicted: list[Span]) -> list[tuple[Span, Span]]:
    """One-to-one pairs of overlapping spans of the same report, largest overlap first
    (ties: earlier gold, then earlier prediction)."""
    candidates = []
    by_report: dict[str, list[tuple[int, Span]]] = {}
    for j, p in enumerate(predicted):
        by_report.setdefault(p.report_id, []).append((j, p))
    for i, g in enumerate(gold):
        for j, p in by_report.get(g.report_id, []):
            overlap = g.overlap(p)
            if overlap > 0:
                candidates.append((-overlap, g.start, i, p.start, j))
    candidates.sort()
    used_gold, used_predicted, pairs = set(), set(), []
    for _, _, i, _, j in candidates:
        if i not in used_gold and j not in used_predicted:
            used_gold.add(i)
            used_predicted.add(j)
            pairs.append((gold[i], predicted[j]))
    return pairs


def same_value(a: Any, b: Any) -> bool:
    """Equal within VALUE_TOLERANCE, relative."""
    if a is None or b is None:
        return a is None and b is None
    a, b = float(a), float(b)
    return math.isclose(a, b, rel_tol=VALUE_TOLERANCE, abs_tol=0.0) or a == b


def field_agrees(name: str, gold: Mapping, predicted: Mapping) -> bool:
    if name == "regions":
        return set(gold.get("regions") or []) == set(predicted.get("regions") or [])
    if name == "bounds":
        return all(same_value(gold.get(k), predicted.get(k)) for k in ("value_min", "value_max"))
    return gold.get(name) == predicted.get(name)


def _score_incentives(scores: Scores, gold: list[dict], predicted: list[dict],
                      texts: Mapping[str, str]) -> None:
    gold_by_key = _first_by_key(gold)
    predicted_by_key = _first_by_key(sorted(predicted, key=lambda p: p.get("start", 0)))
    matched = [key for key in gold_by_key if key in predicted_by_key]
    scores.gold_incentives, scores.predicted_incentives = len(gold_by_key), len(predicted_by_key)
    scores.matched_incentives = len(matched)
    scores.incentive_precision, scores.incentive_recall, scores.incentive_f1 = prf(
        len(matched), len(predicted_by_key), len(gold_by_key))
    agreeing = 0
    for key in matched:
        g, p = gold_by_key[key], predicted_by_key[key]
        if field_agrees("regions", g, p):
            agreeing += 1
        else:
            scores.failures.append(Failure(key[0], "incentive_regions", _incentive_text(g),
                                           _incentive_text(p), p.get("sentence", "")))
    scores.incentive_regions = agreeing / len(matched) if matched else None
    for key, g in gold_by_key.items():
        if key not in predicted_by_key:
            scores.failures.append(Failure(key[0], "incentive_missed", _incentive_text(g), "-", ""))
    for key, p in predicted_by_key.items():
        if key not in gold_by_key:
            scores.failures.append(Failure(key[0], "incentive_spurious", "-", _incentive_text(p),
                                           p.get("sentence", "")))


def _first_by_key(records: list[dict]) -> dict[tuple, dict]:
    found: dict[tuple, dict] = {}
    for record in records:
        found.setdefault((record["report_id"], record["incentive"], record.get("actor")), record)
    return found


def prf(true_positives: int, predicted: int, gold: int) -> tuple[float, float, float]:
    """Precision, recall, F1; both 1.0 when there is nothing to find and nothing found."""
    if predicted == 0 and gold == 0:
        return 1.0, 1.0, 1.0
    precision = true_positives / predicted if predicted else 0.0
    recall = true_positives / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


# --- failures ------------------------------------------------------------------

def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence holding [start, end): from the previous . ! ? ؟ or newline to the next
    (a point inside a number does not end a sentence)."""
    left = max((m.end() for m in _SENTENCE_END.finditer(text, 0, start)), default=0)
    right_match = _SENTENCE_END.search(text, end)
    right = right_match.end() if right_match else len(text)
    return " ".join(text[left:right].split())


def _figure_failure(kind: str, gold: Span | None, predicted: Span | None,
                    texts: Mapping[str, str]) -> Failure:
    span = gold or predicted
    sentence = sentence_around(texts.get(span.report_id, ""), span.start, span.end)
    names = ("value",) if kind in ("missed", "spurious", "value") else (kind,)
    return Failure(span.report_id, kind,
                   _figure_text(gold.record, names) if gold else "-",
                   _figure_text(predicted.record, names) if predicted else "-", sentence)


def _figure_text(record: Mapping, names: tuple[str, ...]) -> str:
    parts = [repr(record.get("text"))]
    for name in names:
        if name == "bounds":
            parts.append(f"bounds={record.get('value_min')}..{record.get('value_max')}")
        elif name == "regions":
            parts.append(f"regions={','.join(sorted(record.get('regions') or []))}")
        else:
            parts.append(f"{name}={record.get(name)}")
    return " ".join(parts)


def _incentive_text(record: Mapping) -> str:
    regions = ",".join(sorted(record.get("regions") or []))
    return f"{record['incentive']}/{record.get('actor')} regions={regions} area={record.get('area')}"


# --- command line --------------------------------------------------------------

def format_scores(scores: Scores, failures: bool = False) -> str:
    lines = [
        f"figures: gold {scores.gold_figures}, predicted {scores.predicted_figures}, "
        f"matched {scores.matched_figures}",
        _line("figure precision", scores.figure_precision),
        _line("figure recall", scores.figure_recall),
        _line("figure F1", scores.figure_f1, GOALS["figure_f1"]),
        f"over {scores.matched_figures} matched figures:",
    ]
    for name in FIGURE_FIELDS:
        goal = GOALS.get("regions" if name == "regions" else name)
        lines.append(_line(f"  {name} accuracy", scores.field_accuracy.get(name), goal))
        if name == "measure":
            lines.append(_line(f"  measure, recruits ({scores.recruit_measures})", scores.recruit_measure_accuracy))
    lines += [
        f"incentives: gold {scores.gold_incentives}, predicted {scores.predicted_incentives}, "
        f"matched {scores.matched_incentives}",
        _line("incentive precision", scores.incentive_precision),
        _line("incentive recall", scores.incentive_recall),
        _line("incentive F1", scores.incentive_f1, GOALS["incentive_f1"]),
        _line("incentive region agreement", scores.incentive_regions, GOALS["incentive_regions"]),
    ]
    missed = scores.missed_goals()
    lines.append("goals: all met" if not missed else f"goals missed: {', '.join(missed)}")
    if failures:
        lines.append(f"failures ({len(scores.failures)}):")
        lines += [str(f) for f in sorted(scores.failures, key=lambda f: (f.report_id, f.kind))]
    return "\n".join(lines)


def _line(label: str, value: float | None, goal: float | None = None) -> str:
    shown = "n/a" if value is None else f"{value:.3f}"
    if goal is None:
        return f"{label:<30} {shown}"
    status = "ok" if value is not None and value >= goal - 1e-12 else "MISSED"
    return f"{label:<30} {shown}   (goal ≥ {goal:.2f}: {status})"


def run_extractor(reports: list) -> tuple[list, list[str]]:
    """Predicted records for every report; a report whose extraction fails is
    reported (and scores as predicting nothing)."""
    from helpers.extract import extract_report

    predicted, errors = [], []
    for report in reports:
        try:
            figures, incentives = extract_report(report)
        except Exception as error:  # one bad report must not stop the evaluation
            errors.append(f"{report.path}: extraction failed: {type(error).__name__}: {error}")
            continue
        predicted += list(figures) + list(incentives)
    return predicted, errors


def load_labelled_set(reports_dir: str | Path, gold_path: str | Path) -> tuple[dict, list[dict], list]:
    """Reports by id, gold records and the loader's problems for one labelled set
    (raises OSError/ValueError when the gold cannot be read)."""
    from helpers.ingest.load import load_paths

    loaded = load_paths([reports_dir])
    problems = list(loaded.rejections) + list(loaded.warnings)
    return {report.id: report for report in loaded.reports}, read_gold(gold_path), problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m helpers.evaluate", description=__doc__.splitlines()[0])
    parser.add_argument("--gold", default=str(GOLD_PATH))
    parser.add_argument("--reports", default=str(REPORTS_PATH))
    parser.add_argument("--failures", action="store_true", help="list every failure")
    parser.add_argument("--strict", action="store_true", help="exit 1 when a goal is missed")
    parser.add_argument("--all", action="store_true",
                        help="one row per labelled set: tuned set, blind rounds (with their blind score), held-out sets")
    parser.add_argument("--rules-only", action="store_true",
                        help="the rules alone, every learned model off (data/models, helpers.extract.linear_model)")
    args = parser.parse_args(argv)
    if args.rules_only:
        from helpers.extract.linear_model import rules_only
        with rules_only():
            return _run(args)
    return _run(args)


def _run(args) -> int:
    if args.all:
        return print_all_sets()
    try:
        reports, gold, load_problems = load_labelled_set(args.reports, args.gold)
    except (OSError, ValueError) as error:
        print(f"cannot read gold: {error}", file=sys.stderr)
        return 2
    for problem in load_problems:
        print(problem, file=sys.stderr)
    texts = {report_id: report.full_text for report_id, report in reports.items()}
    problems = validate_gold(gold, texts)
    for problem in problems:
        print(f"{args.gold}: {problem}", file=sys.stderr)
    if problems:
        return 2
    try:
        predicted, errors = run_extractor(list(reports.values()))
    except ImportError as error:
        print(f"cannot run the extractor: {error}", file=sys.stderr)
        return 2
    for error in errors:
        print(error, file=sys.stderr)
    scores = score(gold, predicted, texts)
    print(f"{len(reports)} reports from {args.reports}")
    print(format_scores(scores, failures=args.failures))
    return 1 if args.strict and scores.missed_goals() else 0


# --- every labelled set ------------------------------------------------------------

TABLE_COLUMNS = ("figure F1", "unit", "category", "measure", "measure (recruits)", "qualifier", "actor",
                 "regions", "incentive F1")


@dataclass(frozen=True)
class LabelledSet:
    name: str
    reports: Path
    gold: Path
    readme: Path | None


def labelled_sets(tests: Path = ROOT / "tests") -> list[LabelledSet]:
    """The tuned set (`tests/eval`), each round under `tests/eval/round*/`, then the
    held-out sets (`tests/heldout*/`), each a folder with `reports/` and `gold.jsonl`."""
    found = [LabelledSet("tuned (tests/eval)", tests / "eval" / "reports", tests / "eval" / "gold.jsonl", None)]
    folders = sorted((tests / "eval").glob("round*")) + sorted(tests.glob("heldout*"))
    for folder in folders:
        if (folder / "reports").is_dir() and (folder / "gold.jsonl").is_file():
            readme = folder / "README.md"
            found.append(LabelledSet(str(folder.relative_to(tests.parent)), folder / "reports", folder / "gold.jsonl",
                                     readme if readme.is_file() else None))
    return found


_BLIND_HEADING = re.compile(r"^#+ *Blind score", re.I | re.M)
_TABLE_ROW = re.compile(r"^\|(.+)\|\s*$", re.M)


def blind_rows(readme: Path | None) -> list[tuple[str, list[str]]]:
    """The blind scores a round's README recorded: the table rows of numbers after its
    `Blind score` heading, each as (label, cells as written). A row whose first cell is a
    name (`| frames, tuned on 07–10 | 0.963 | …`) is labelled `blind, <name>`."""
    if readme is None:
        return []
    text = readme.read_text(encoding="utf-8")
    heading = _BLIND_HEADING.search(text)
    if heading is None:
        return []
    rows = []
    for row in _TABLE_ROW.finditer(text, heading.end()):
        cells = [c.strip() for c in row.group(1).split("|")]
        if len(cells) > 1 and re.match(r"^[0-9.]+", cells[0]):
            rows.append(("blind", cells))
        elif len(cells) > 2 and re.match(r"^[0-9.]+", cells[1]):
            rows.append((f"blind, {cells[0]}", cells[1:]))
    return rows


def blind_row(readme: Path | None) -> list[str] | None:
    """The first blind row's cells (see `blind_rows`), or None."""
    rows = blind_rows(readme)
    return rows[0][1] if rows else None


def score_row(scores: Scores) -> list[str]:
    """The scores of one set in TABLE_COLUMNS order."""
    def shown(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"
    accuracy = scores.field_accuracy
    return [shown(scores.figure_f1), shown(accuracy.get("unit")), shown(accuracy.get("category")),
            shown(accuracy.get("measure")),
            f"{shown(scores.recruit_measure_accuracy)} (of {scores.recruit_measures})",
            shown(accuracy.get("qualifier")), shown(accuracy.get("actor")), shown(accuracy.get("regions")),
            shown(scores.incentive_f1)]


def score_set(labelled: LabelledSet) -> Scores | None:
    """The extractor's scores on one labelled set, or None when it cannot be read."""
    try:
        reports, gold, _ = load_labelled_set(labelled.reports, labelled.gold)
    except (OSError, ValueError) as error:
        print(f"{labelled.name}: cannot read gold: {error}", file=sys.stderr)
        return None
    texts = {report_id: report.full_text for report_id, report in reports.items()}
    problems = validate_gold(gold, texts)
    if problems:
        print(f"{labelled.name}: {len(problems)} gold problem(s), first: {problems[0]}", file=sys.stderr)
        return None
    predicted, errors = run_extractor(list(reports.values()))
    for error in errors:
        print(error, file=sys.stderr)
    return score(gold, predicted, texts)


def print_all_sets() -> int:
    """`make eval`: one Markdown row per set and score (now; blind, where recorded)."""
    print("| set | score | " + " | ".join(TABLE_COLUMNS) + " |")
    print("|---|---|" + "---|" * len(TABLE_COLUMNS))
    for labelled in labelled_sets():
        scores = score_set(labelled)
        if scores is not None:
            print(f"| {labelled.name} | now | " + " | ".join(score_row(scores)) + " |")
        for label, cells in (blind_rows(labelled.readme) if "round" in labelled.name else []):
            print(f"| {labelled.name} | {label} | " + " | ".join(cells) + " |")
    print("goals: figure F1 ≥ 0.97; unit, category, actor, measure ≥ 0.95; regions ≥ 0.92; incentive F1 ≥ 0.90")
    return 0


if __name__ == "__main__":
    sys.exit(main())
