"""Clarifying questions: the assistant asks back exactly when a question has two readings.

An answer asks back when its route is ``clarify`` (it then offers ``choices``). Asking back
on a question with one reading is not answering it, but it is never a wrong number.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ClarifyResult:
    """Whether the answer asked back, and whether it should have."""

    asked: bool
    expected: bool

    @property
    def correct(self) -> bool:
        return self.asked == self.expected

    @property
    def reason(self) -> str:
        if self.correct:
            return ""
        return "answered a question that has two readings" if self.expected else "asked back instead of answering"


def asked_back(answer: dict) -> bool:
    """True if the answer is a clarifying question."""
    return answer.get("route") == "clarify"


def clarify_match(answer: dict, expected: bool) -> ClarifyResult:
    return ClarifyResult(asked_back(answer), expected)
