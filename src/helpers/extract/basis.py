"""How each attribute of a record was decided (`basis`), and how firm the record is (`confidence`).

A basis is one of:
- `frame`: read from the number's own clause (its governing verb, its counted noun, the
  actor or place phrase of that clause);
- `clause`: from another clause of the same sentence, or a nearest-word fallback in it;
- `paragraph`: carried from an earlier sentence of the paragraph (or a back-reference
  such as `اللواء` to a brigade named before);
- `report_default`: the report's main actor or place, or a default when nothing in the
  text decided it.
- `model`: decided by the learned layer against the rules' reading (`figure_model.py`: category
  and measure; `actor_model.py`: the actor; `place_model.py`: the place; the record's confidence
  then carries the model's probability in place of the weight).
An attribute that does not apply (the measure of a salary) has basis null.

confidence = the product, over the attributes that apply, of the weight of their basis
(frame 1.0, clause 0.9, paragraph 0.75, report_default 0.6), rounded to 3 places:
a figure read wholly from its clause has 1.0; one whose actor and place both come
from the report's defaults has at most 0.36. A `model` attribute weighs the model's
probability (`figure_model.model_confidence`); `WEIGHTS` gives it 0.8 only where the
probability is not at hand.
"""
from __future__ import annotations

from helpers.records import FIGURE_BASIS_KEYS, INCENTIVE_BASIS_KEYS  # noqa: F401  (re-exported)

FRAME, CLAUSE, PARAGRAPH, REPORT_DEFAULT, MODEL = "frame", "clause", "paragraph", "report_default", "model"
BASES = (FRAME, CLAUSE, PARAGRAPH, REPORT_DEFAULT)
WEIGHTS = {FRAME: 1.0, CLAUSE: 0.9, PARAGRAPH: 0.75, REPORT_DEFAULT: 0.6, MODEL: 0.8}


def confidence(basis: dict[str, str | None]) -> float:
    """`{"measure": "frame", "actor": "paragraph", "regions": "report_default"}` → 0.45."""
    bases = tuple(basis.values())
    found = _CONFIDENCES.get(bases)
    if found is None:
        found = _CONFIDENCES[bases] = _product(bases)
    return found


_CONFIDENCES: dict[tuple, float] = {}   # a few dozen combinations of bases, asked for by every record


def _product(bases: tuple) -> float:
    value = 1.0
    for how in bases:
        if how is not None:
            value *= WEIGHTS[how]
    return round(value, 3)
