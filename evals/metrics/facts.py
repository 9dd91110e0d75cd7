"""Fact coverage for narrative answers.

Each required fact is a list of alternatives; it is satisfied if any alternative occurs
in the answer text, both compared with all whitespace removed (PDF text breaks lines and
pads numbers with spaces).
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.values import clean


@dataclass(frozen=True)
class FactCoverage:
    """Share of required facts the answer states, and the ones it misses."""

    covered: int
    total: int
    missing: tuple[str, ...]

    @property
    def score(self) -> float:
        return self.covered / self.total if self.total else 1.0

    @property
    def complete(self) -> bool:
        return self.covered == self.total


def fact_coverage(answer_text: str, facts: list[list[str]]) -> FactCoverage:
    """How many facts (any alternative, whitespace-insensitive) occur in the answer text."""
    text = clean(answer_text)
    missing = tuple(" | ".join(alts) for alts in facts if not any(clean(a) in text for a in alts))
    return FactCoverage(len(facts) - len(missing), len(facts), missing)
