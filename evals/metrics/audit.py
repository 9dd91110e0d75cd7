"""Audit accuracy: the answer reports exactly the arithmetic rules that fail.

A rule counts as reported broken when a sentence names it (R4, or a range R1–R4) and
says it fails (不成立, 不一致, ≠, 对不上 …) without saying it holds (均成立, 未发现 …).
An expected empty list means the report is clean and no rule may be reported.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

_SENTENCE = re.compile(r"[。；;\n]")
_RULE = re.compile(r"R([1-7])(?:\s*[–—\-~～至到]\s*R?([1-7]))?")
_FAILS = ("不成立", "不一致", "不相符", "不符", "对不上", "不等于", "≠", "有误", "不平衡", "fails", "broken")
_HOLDS = ("均成立", "都成立", "未发现", "没有发现", "无误", "hold")


@dataclass(frozen=True)
class AuditResult:
    """Rules the answer reports broken against the expected ones."""

    reported: tuple[str, ...]
    expected: tuple[str, ...]

    @property
    def correct(self) -> bool:
        return set(self.reported) == set(self.expected)

    @property
    def reason(self) -> str:
        if self.correct:
            return ""
        return f"reported broken {list(self.reported) or 'none'}, expected {list(self.expected) or 'none'}"


def reported_rules(text: str) -> tuple[str, ...]:
    """Rule ids the text says fail, in order of first mention."""
    out: list[str] = []
    for sentence in _SENTENCE.split(text or ""):
        if not any(w in sentence for w in _FAILS) or any(w in sentence for w in _HOLDS):
            continue
        for m in _RULE.finditer(sentence):
            low, high = int(m.group(1)), int(m.group(2) or m.group(1))
            for n in range(low, high + 1):
                if f"R{n}" not in out:
                    out.append(f"R{n}")
    return tuple(out)


def audit_match(answer: dict, expected_rules: Iterable[str]) -> AuditResult:
    """Compare the rules the answer reports broken with the expected ones."""
    return AuditResult(reported_rules(answer.get("answer", "")), tuple(expected_rules))
