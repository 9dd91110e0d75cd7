"""Extraction metrics: extracted cells against the hand-checked truth in tests/expected.

Each truth cell is a number, null (printed blank) or {"ambiguous": [readings]} (the
report does not determine it). Each extracted cell gets one outcome:

- correct: the value (or blank) matches the truth;
- flagged_correct: status ambiguous and the truth is among its candidates (for an
  ambiguous truth, every reading the truth allows is among them);
- flagged_wrong: status ambiguous, but the candidates miss the truth;
- silently_wrong: status ok / inferred / blank, yet the value differs from the truth (or
  the truth is undetermined and the cell claims one value);
- missing: the truth has the cell, the extraction does not.

Accuracy counts correct and flagged_correct.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_BLANK, Cell, format_number

OUTCOMES = ("correct", "flagged_correct", "flagged_wrong", "silently_wrong", "missing")
Truth = float | int | None | dict


@dataclass(frozen=True)
class CellOutcome:
    """One truth cell and how the extraction fared on it."""

    cell_id: str
    outcome: str
    truth: str
    got: str


@dataclass(frozen=True)
class ExtractionScore:
    """Counts per outcome for one report (or all), and the cells not correct."""

    name: str
    total: int
    counts: Mapping[str, int]
    failures: tuple[CellOutcome, ...] = ()

    @property
    def accuracy(self) -> float | None:
        if not self.total:
            return None
        return (self.counts.get("correct", 0) + self.counts.get("flagged_correct", 0)) / self.total

    @property
    def silently_wrong(self) -> int:
        return self.counts.get("silently_wrong", 0)

    @property
    def flagged(self) -> int:
        return self.counts.get("flagged_correct", 0) + self.counts.get("flagged_wrong", 0)


def _same(a: float, b: float) -> bool:
    return math.isclose(a, b, rel_tol=1e-9, abs_tol=1e-6)


def _show_truth(truth: Truth) -> str:
    if truth is None:
        return "（空白）"
    if isinstance(truth, dict):
        return "／".join(format_number(v) for v in truth["ambiguous"]) + "（无法确定）"
    return format_number(truth)


def judge_cell(truth: Truth, cell: Cell | None) -> str:
    """The outcome (one of OUTCOMES) of one extracted cell against its truth."""
    if cell is None:
        return "missing"
    if cell.status == STATUS_AMBIGUOUS:
        candidates = list(cell.candidates)
        if isinstance(truth, dict):
            ok = all(any(_same(t, c) for c in candidates) for t in truth["ambiguous"])
        else:
            ok = truth is not None and any(_same(truth, c) for c in candidates)
        return "flagged_correct" if ok else "flagged_wrong"
    if isinstance(truth, dict):
        return "silently_wrong"
    if truth is None:
        return "correct" if cell.status == STATUS_BLANK or cell.value is None else "silently_wrong"
    if cell.status == STATUS_BLANK or cell.value is None:
        return "silently_wrong"
    return "correct" if _same(float(cell.value), float(truth)) else "silently_wrong"


def score_report(name: str, truth: Mapping[str, Truth], cells: Iterable[Cell]) -> ExtractionScore:
    """Judge every truth cell of one report; cells the truth lacks are ignored."""
    by_id = {c.cell_id: c for c in cells}
    counts = dict.fromkeys(OUTCOMES, 0)
    failures = []
    for cell_id, expected in truth.items():
        cell = by_id.get(cell_id)
        outcome = judge_cell(expected, cell)
        counts[outcome] += 1
        if outcome not in ("correct", "flagged_correct"):
            failures.append(CellOutcome(cell_id, outcome, _show_truth(expected),
                                        cell.display_value() + f" [{cell.status}]" if cell else "—"))
    return ExtractionScore(name, len(truth), counts, tuple(failures))


def combine(name: str, scores: Iterable[ExtractionScore]) -> ExtractionScore:
    """Sum of several reports' scores (failures are kept per report, not here)."""
    scores = list(scores)
    counts = {o: sum(s.counts.get(o, 0) for s in scores) for o in OUTCOMES}
    return ExtractionScore(name, sum(s.total for s in scores), counts)
