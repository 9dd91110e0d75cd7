"""Gold question sets: one JSON object per line, validated at the edge with pydantic.

A case names its kind, the turns of one conversation (expectations apply to the last
turn), what the answer must say (``expected``) and where it must come from
(``evidence``). ``load_set`` reads a set by name (``evals/sets/<name>.jsonl``) or path
and reports every bad line at once, naming file, line and problem.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal, Union

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

SETS_DIR = Path(__file__).parent / "sets"

NUMERIC_KINDS = ("cell", "aggregate", "comparison", "ratio")
KINDS = NUMERIC_KINDS + ("narrative", "refusal", "audit", "clarify")


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class NumberExpected(_Strict):
    """A single number: the value, its unit, and the absolute tolerance in that unit."""

    value: float
    unit: str
    tolerance: float = Field(0.0, ge=0)
    answer_issuer: str | None = None  # for "which unit has the most…": the issuer the answer must name
    answer_year: int | None = None  # for "which year had the most…": the year the answer must name


class BlankExpected(_Strict):
    """The cell is printed empty in the report: the answer must say so, not invent 0."""

    blank: Literal[True]
    unit: str | None = None
    tolerance: float = Field(0.0, ge=0)


class FactsExpected(_Strict):
    """Each inner list is one required fact; any of its alternatives satisfies it."""

    facts: list[list[str]] = Field(min_length=1)

    @field_validator("facts")
    @classmethod
    def _no_empty(cls, facts: list[list[str]]) -> list[list[str]]:
        for i, alternatives in enumerate(facts):
            if not alternatives or not all(a.strip() for a in alternatives):
                raise ValueError(f"fact {i} needs at least one non-empty alternative")
        return facts


class RefusalExpected(_Strict):
    """The corpus cannot answer: the assistant must refuse."""

    refusal: Literal[True]


class ClarifyExpected(_Strict):
    """The question has two readings: the assistant must ask back, not guess."""

    clarify: Literal[True]


class AuditExpected(_Strict):
    """An arithmetic check: the rules the answer must report broken (empty = clean)."""

    rules: list[str]
    cells: list[str] = Field(default_factory=list)

    @field_validator("rules")
    @classmethod
    def _rule_ids(cls, rules: list[str]) -> list[str]:
        bad = [r for r in rules if r not in {f"R{i}" for i in range(1, 8)}]
        if bad:
            raise ValueError(f"unknown rule ids {bad} (R1–R7)")
        return rules


Expected = Union[NumberExpected, BlankExpected, FactsExpected, RefusalExpected, AuditExpected, ClarifyExpected]


class ReportRef(_Strict):
    """One report by issuer and year (file-independent: twins share it)."""

    issuer: str = Field(min_length=1)
    year: int = Field(ge=1990, le=2100)


class Evidence(_Strict):
    """Where a correct answer comes from: reports, cell ids in them, or a passage."""

    reports: list[ReportRef]
    cells: list[str] = Field(default_factory=list)
    passage: str | None = None


class Case(_Strict):
    """One gold question (possibly several turns of one conversation)."""

    id: str = Field(min_length=1)
    kind: Literal["cell", "aggregate", "comparison", "ratio", "narrative", "refusal", "audit", "clarify"]
    turns: list[str] = Field(min_length=1)
    expected: Expected
    evidence: Evidence = Field(default_factory=lambda: Evidence(reports=[]))
    note: str | None = None

    @field_validator("turns")
    @classmethod
    def _turns_not_blank(cls, turns: list[str]) -> list[str]:
        if not all(t.strip() for t in turns):
            raise ValueError("every turn must be a non-empty question")
        return turns

    @field_validator("expected", mode="before")
    @classmethod
    def _expected_for_kind(cls, raw, info):
        """Pick the expected model from the kind, so errors name what that kind needs."""
        kind = info.data.get("kind")
        if kind is None:
            raise ValueError("cannot be checked until kind is valid")
        if not isinstance(raw, dict):
            raise ValueError(f"expected an object, got {type(raw).__name__}")
        if kind in NUMERIC_KINDS:
            return BlankExpected(**raw) if "blank" in raw else NumberExpected(**raw)
        model = {"narrative": FactsExpected, "refusal": RefusalExpected, "audit": AuditExpected,
                 "clarify": ClarifyExpected}[kind]
        return model(**raw)

    @model_validator(mode="after")
    def _evidence_for_kind(self) -> "Case":
        if self.kind == "narrative" and not (self.evidence.passage and self.evidence.reports):
            raise ValueError("a narrative case needs evidence.passage and evidence.reports")
        if self.kind in NUMERIC_KINDS and not (self.evidence.reports and self.evidence.cells):
            raise ValueError(f"a {self.kind} case needs evidence.reports and evidence.cells")
        return self

    @property
    def question(self) -> str:
        """The turn the expectations apply to (the last)."""
        return self.turns[-1]


class CaseSetError(ValueError):
    """A question set with bad lines; ``problems`` holds (line number, message) pairs."""

    def __init__(self, path: Path, problems: list[tuple[int, str]]):
        self.path = path
        self.problems = problems
        lines = "\n".join(f"  {path}:{line}: {message}" for line, message in problems)
        super().__init__(f"{len(problems)} bad line(s) in question set {path}:\n{lines}")


def set_path(name_or_path: str | Path) -> Path:
    """A set name resolves to evals/sets/<name>.jsonl; anything with a suffix or slash is a path."""
    text = str(name_or_path)
    if text.endswith(".jsonl") or "/" in text or "\\" in text:
        return Path(text)
    return SETS_DIR / f"{text}.jsonl"


def _describe(exc: ValidationError) -> str:
    parts = []
    for err in exc.errors():
        where = ".".join(str(p) for p in err["loc"] if not str(p).startswith("function-"))
        message = err["msg"].removeprefix("Value error, ")
        parts.append(f"{where}: {message}" if where else message)
    return "; ".join(parts)


def parse_line(text: str) -> Case:
    """One JSONL line to a Case; raises ValueError with a readable message."""
    try:
        raw = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"not valid JSON ({exc.msg} at column {exc.colno})") from None
    if not isinstance(raw, dict):
        raise ValueError(f"expected a JSON object, got {type(raw).__name__}")
    try:
        return Case.model_validate(raw)
    except ValidationError as exc:
        raise ValueError(_describe(exc)) from None


def load_set(name_or_path: str | Path) -> list[Case]:
    """Every case of a set, in file order; raises CaseSetError listing each bad line."""
    path = set_path(name_or_path)
    if not path.is_file():
        known = sorted(p.stem for p in SETS_DIR.glob("*.jsonl"))
        raise FileNotFoundError(f"no question set {path} (sets in {SETS_DIR}: {', '.join(known) or 'none'})")
    cases: list[Case] = []
    problems: list[tuple[int, str]] = []
    first_line: dict[str, int] = {}
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not text.strip():
            continue
        try:
            case = parse_line(text)
        except ValueError as exc:
            problems.append((number, str(exc)))
            continue
        if case.id in first_line:
            problems.append((number, f"duplicate id {case.id!r} (first on line {first_line[case.id]})"))
            continue
        first_line[case.id] = number
        cases.append(case)
    if problems:
        raise CaseSetError(path, problems)
    if not cases:
        raise CaseSetError(path, [(0, "the set holds no cases")])
    return cases
