"""Unsupported numbers: numbers in the answer text that no cited source holds.

Every number the answer states must come from its citations (their text, raw printed
value or value), from the question itself (as typed or as normalised: 五十 is 50), or be the answer's own computed value or a
number of its shown formula (an intermediate sum such as 1362 + 454 = 1816) when those
rest on cited cells, or the count of its citations or cited reports (5份报告). Years
(2020年, （2020、2021）, 2021-01-27, 2021版), citation markers [n], identifiers (R4) and
list enumerators (1. / 1、 / （1）) are not claims and are skipped. A
number may be a rounding of a source number (59.5 for 59.5428) or the same amount in
another unit (万元 ↔ 元 ↔ 亿元, fraction ↔ %). The count must be 0.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from assistant.domain.text import normalise_question

_MARKER = re.compile(r"\[\d+\]")
_NUMBER = re.compile(r"(?<![\d.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?")
_IDENTIFIER = re.compile(r"(?<=[A-Za-z_])\d+")   # R4, e5: names, not amounts
_ENUMERATOR = re.compile(r"(?:^|\n)\s*(\d{1,2})[.、)）](?!\d)|[（(](\d{1,2})[）)]")
_COUNTED = re.compile(r"\s*(?:件|个|项|条|人|次|份|家|万|亿|元|%|％|余|多)")
_ISO_DATE = re.compile(r"(?<!\d)(?:19|20)\d{2}([-./])\d{1,2}\1\d{1,2}(?!\d)")


def numbers_in(text: str) -> list[tuple[str, int, int]]:
    """Every number token in the text as (token without thousands commas, start, end)."""
    return [(m.group().replace(",", ""), m.start(), m.end()) for m in _NUMBER.finditer(text or "")]


def _is_year(token: str, text: str, start: int, end: int) -> bool:
    """A 4-digit 1990–2100 is a year (2020年, （2020、2021）, 2020—2024) unless it is
    counted (2024件, 2024万元) or set as a value (总计：2024, = 2024)."""
    if len(token) != 4 or not token.isdigit() or not 1990 <= int(token) <= 2100:
        return False
    if text.startswith(("年", "版"), end):  # 2020年; 2021版 names the template by its year
        return True
    before = text[:start].rstrip()[-1:]
    return not _COUNTED.match(text, end) and before not in (":", "：", "=", "＝")


def claimed_numbers(text: str) -> list[str]:
    """Number tokens that state something: markers, years and list enumerators removed."""
    text = _ISO_DATE.sub(" ", _MARKER.sub(" ", text or ""))
    text = _IDENTIFIER.sub(lambda m: "_" * len(m.group()), text)
    skip = {m.start(1) if m.group(1) else m.start(2) for m in _ENUMERATOR.finditer(text)}
    return [tok for tok, start, end in numbers_in(text) if start not in skip and not _is_year(tok, text, start, end)]


def _money_variants(value: float) -> set[float]:
    """The same amount in 元, 万元 and 亿元 (cells hold money in 万元, texts print any)."""
    return {value, value * 10000.0, value / 10000.0}


def _supported(token: str, tokens: set[str], values: set[float]) -> bool:
    if token in tokens:
        return True
    number = float(token)
    decimals = len(token.split(".")[1]) if "." in token else 0
    for v in values:
        if abs(v - number) < 1e-9 * max(1.0, abs(number)):
            return True
        # A rounding of a finer source number is not an invention.
        if not float(v).is_integer() and round(v, decimals) == number:
            return True
    return False


def source_numbers(answer: dict, extra_texts: Iterable[str] = ()) -> tuple[set[str], set[float]]:
    """Tokens and values the answer may state: from its citations, and its own value and
    shown formula when those rest on cited cells (the code computes both from the cells)."""
    texts = list(extra_texts)
    cells_cited = any(c.get("cell_id") for c in answer.get("citations", []))
    if cells_cited and answer.get("formula"):
        texts.append(answer["formula"])
    values: set[float] = set()
    citations = answer.get("citations", [])
    for c in citations:
        texts += [c.get("text") or "", c.get("raw") or ""]
        for field in ("value", "page"):
            if isinstance(c.get(field), (int, float)):
                values.add(float(c[field]))
    # How many sources the answer rests on is read off its own citation list.
    values |= {float(len(citations)), float(len({c.get("report_id") for c in citations}))} if citations else set()
    tokens = {tok for text in texts for tok, _, _ in numbers_in(text)}
    values |= {float(t) for t in tokens}
    values = {v for value in values for v in _money_variants(abs(value))}
    if answer.get("value") is not None and cells_cited:
        own = abs(float(answer["value"]))
        # A ratio may be stated as a fraction or a percentage.
        values |= _money_variants(own) | {own * 100.0, own / 100.0}
    return tokens, values


def unsupported_numbers(answer: dict, questions: Iterable[str] = (), extra_texts: Iterable[str] = ()) -> list[str]:
    """Numbers in the answer text found in no citation, no question and not its own value.

    ``extra_texts`` are the full texts of cited chunks, when the caller can resolve them.
    """
    tokens, values = source_numbers(answer, extra_texts)
    # the question's numbers as typed and as read (五十件 is 50件, ２０２４ is 2024)
    asked = {tok for q in questions for text in (q, normalise_question(q)) for tok, _, _ in numbers_in(text)}
    out: list[str] = []
    for token in claimed_numbers(answer.get("answer", "")):
        if token in asked or token in out or _supported(token, tokens, values):
            continue
        out.append(token)
    return out
