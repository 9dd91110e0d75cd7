"""Number exact match: the answer's value equals the expected one after unit normalisation.

Money is compared in 万元 (元, 万元, 亿/亿元 convert), a percentage may be answered as a
fraction (0.5954 for 59.54%), counts compare as printed. A printed-blank cell must be
answered as blank (no value, the blank cell cited or the word 空白), never as 0.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.domain.values import clean

MONEY = {"元": 0.0001, "万元": 1.0, "万": 1.0, "亿元": 10000.0, "亿": 10000.0}
PERCENT = {"%", "％", "百分比"}
FRACTION = {None, "", "比例", "ratio", "fraction"}
BLANK_WORDS = ("空白", "未填写", "未填报", "为空")


@dataclass(frozen=True)
class NumberResult:
    """Whether the number matched, what was compared, and why not."""

    correct: bool
    got: float | None
    expected: float | None
    reason: str = ""


def normalise(value: float, unit: str | None, expected_unit: str | None) -> float | None:
    """``value`` (in ``unit``) expressed in ``expected_unit``; None when the units cannot agree.

    A missing unit on a money answer is read as 万元, the store's unit for money.
    """
    unit = (unit or "").strip() or None
    expected_unit = (expected_unit or "").strip() or None
    if expected_unit in MONEY:
        if unit is None:
            unit = "万元"
        if unit not in MONEY:
            return None
        return value * MONEY[unit] / MONEY[expected_unit]
    if expected_unit in PERCENT:
        if unit in PERCENT:
            return value
        if unit in FRACTION:
            return value * 100.0
        return None
    if unit in MONEY or unit in PERCENT:
        return None
    return value


def issuer_named(issuer: str, text: str) -> bool:
    """True if the answer text names the issuer (full name, or without 人民政府)."""
    text = clean(text)
    short = issuer.removesuffix("人民政府")
    return clean(issuer) in text or (len(short) >= 2 and clean(short) in text)


def number_match(answer: dict, value: float | None, unit: str | None, tolerance: float = 0.0, *,
                 blank: bool = False, answer_issuer: str | None = None,
                 answer_year: int | None = None) -> NumberResult:
    """Score one numeric answer against the expected value (``blank`` for an empty cell).

    ``tolerance`` is absolute, in the expected unit. ``answer_issuer``, when given, must be
    named in the answer text (questions asking which unit has the most or least), and
    ``answer_year`` likewise (which year had the most or least).
    """
    got = answer.get("value")
    if answer.get("refused"):
        return NumberResult(False, got, value, "refused")
    if blank:
        if got is not None:
            return NumberResult(False, got, None, f"answered {got:g} for a blank cell")
        cited_blank = any(c.get("status") == "blank" for c in answer.get("citations", []))
        said_blank = any(w in answer.get("answer", "") for w in BLANK_WORDS)
        if not (cited_blank or said_blank):
            return NumberResult(False, None, None, "did not say the cell is blank")
        return NumberResult(True, None, None)
    if got is None:
        return NumberResult(False, None, value, "no value in the answer")
    converted = normalise(float(got), answer.get("unit"), unit)
    if converted is None:
        return NumberResult(False, got, value, f"unit {answer.get('unit')!r} cannot be read as {unit!r}")
    assert value is not None, "value is None only for a blank cell, answered above"
    if abs(converted - value) > tolerance + 1e-9 * max(1.0, abs(value)):
        return NumberResult(False, converted, value, f"got {converted:g} {unit}, expected {value:g}")
    if answer_issuer and not issuer_named(answer_issuer, answer.get("answer", "")):
        return NumberResult(False, converted, value, f"answer does not name {answer_issuer}")
    if answer_year and f"{answer_year}年" not in clean(answer.get("answer", "")):
        return NumberResult(False, converted, value, f"answer does not name {answer_year}年")
    return NumberResult(True, converted, value)
