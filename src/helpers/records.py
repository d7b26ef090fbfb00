"""The plain-data records every stage passes on (see docs/data_dictionary.md).

Figure and Incentive follow ../shared/CONTRACT.md field for field; extra
fields are additions the contract allows.
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields


@dataclass(frozen=True)
class Report:
    """One report as the user gave it. Offsets in later records index `full_text`."""

    id: str
    title: str | None
    text: str                 # body only
    full_text: str            # title + "\n\n" + text when there is a title, else text
    date: str | None          # ISO YYYY-MM-DD
    date_origin: str | None   # "metadata", "dateline" or None
    source: str | None
    url: str | None
    path: str                 # file it came from
    line: int | None          # 1-based file line the report starts on (jsonl, csv); None for one-report files
    encoding: str             # "utf-8", "utf-8-sig", "utf-16", "cp1256"
    content_hash: str         # sha256 of full_text
    duplicate_of: str | None = None  # id of an earlier report with the same content_hash

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(frozen=True)
class Rejection:
    """Input that could not be read, and why. Never silently dropped."""

    path: str
    line: int | None
    reason: str

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"

    def to_dict(self) -> dict:
        return asdict(self)


# the keys of `basis` (helpers.extract.basis), always all present: Parquet stores a struct
FIGURE_BASIS_KEYS = ("category", "unit", "measure", "actor", "regions")
INCENTIVE_BASIS_KEYS = ("incentive", "actor", "regions")


def _figure_basis() -> dict[str, str | None]:
    return dict.fromkeys(FIGURE_BASIS_KEYS)


def _incentive_basis() -> dict[str, str | None]:
    return dict.fromkeys(INCENTIVE_BASIS_KEYS)


@dataclass(slots=True)
class Figure:
    id: str
    report_id: str
    report_date: str | None
    value: float | int
    value_min: float | int | None
    value_max: float | int | None
    qualifier: str            # exact approx more_than at_least less_than at_most range vague
    unit: str | None
    category: str             # recruits salary reward aid_recipients aid_amount casualties other
    measure: str | None       # stock flow target (recruits only)
    actor: str | None
    actor_text: str | None
    regions: list[str]
    area: str | None
    area_text: str | None
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int = 0
    source: str | None = None  # the report's source, for contradictions and evidence
    # how each attribute was decided: frame | clause | paragraph | report_default (helpers.extract.basis)
    basis: dict[str, str | None] = field(default_factory=_figure_basis)
    confidence: float = 1.0   # 0–1, from the bases
    type: str = field(default="figure")

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass(slots=True)
class Incentive:
    id: str
    report_id: str
    report_date: str | None
    incentive: str
    actor: str | None
    actor_text: str | None
    regions: list[str]
    area: str | None
    area_text: str | None
    figure_id: str | None
    text: str
    start: int
    end: int
    sentence: str
    sentence_start: int = 0
    source: str | None = None
    basis: dict[str, str | None] = field(default_factory=_incentive_basis)
    confidence: float = 1.0
    type: str = field(default="incentive")

    def to_dict(self) -> dict:
        return asdict(self)


FIGURE_COLUMNS = [f.name for f in fields(Figure)]
INCENTIVE_COLUMNS = [f.name for f in fields(Incentive)]
