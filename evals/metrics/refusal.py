"""Refusal accuracy: the assistant refuses exactly when the corpus cannot answer.

An answer counts as a refusal when its ``refused`` flag is set or its text holds the
assistant's fixed "cannot answer" phrase.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class RefusalResult:
    """Whether the answer refused, and whether that was right."""

    refused: bool
    expected: bool

    @property
    def correct(self) -> bool:
        return self.refused == self.expected

    @property
    def reason(self) -> str:
        if self.correct:
            return ""
        return "answered a question the corpus cannot answer" if self.expected else "refused an answerable question"


def is_refusal(answer: dict, phrase: str | None) -> bool:
    """True if the answer is flagged refused or contains the fixed refusal phrase."""
    return bool(answer.get("refused")) or bool(phrase and phrase in answer.get("answer", ""))


def refusal_match(answer: dict, expected_refusal: bool, phrase: str | None) -> RefusalResult:
    """Compare the answer's refusal with the expected one."""
    return RefusalResult(is_refusal(answer, phrase), expected_refusal)
