"""Parsing printed cell values: counts, signed changes, money, blanks."""

from __future__ import annotations

import re
from dataclasses import dataclass

_SPACE = re.compile(r"[\s\u00a0\u3000]+")
_NUMBER = re.compile(
    r"^(?P<sign>[+\-－—增减]?)\s*(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>亿元|亿|万元|万|元)?$")
MONEY_FACTORS = {"亿元": 10000.0, "亿": 10000.0, "万元": 1.0, "万": 1.0, "元": 0.0001, None: 1.0}


@dataclass(frozen=True)
class ParsedValue:
    """A cell value: ``value`` None means printed blank."""

    value: float | None
    raw: str
    unit_text: str | None = None


def clean(text: str | None) -> str:
    """Cell text with all whitespace (incl. NBSP, ideographic space) removed."""
    return _SPACE.sub("", text or "")


def is_value_text(text: str | None) -> bool:
    """True if the text is a printed cell value (a number, signed change, money) or blank."""
    t = clean(text)
    return t == "" or bool(_NUMBER.match(t))


def is_number_text(text: str | None) -> bool:
    """True if the text is a non-blank printed value."""
    t = clean(text)
    return t != "" and bool(_NUMBER.match(t))


def parse_value(text: str | None, *, money: bool = False) -> ParsedValue:
    """Parse one printed cell. Money is normalised to 万元; signs 增/减/+/- kept.

    Raises ValueError for text that is not a cell value.
    """
    raw = (text or "").strip().replace("\u00a0", " ").strip()
    t = clean(raw)
    if t == "":
        return ParsedValue(None, raw)
    m = _NUMBER.match(t)
    if not m:
        raise ValueError(f"not a cell value: {raw!r}")
    number = float(m.group("num"))
    if m.group("sign") in ("-", "－", "—", "减"):
        number = -number
    unit = m.group("unit")
    if unit and not money:
        # A count printed with a money unit is still read as printed.
        unit = None
    if money:
        number = round(number * MONEY_FACTORS[unit], 6)
    return ParsedValue(number, raw, unit)
