"""Asking back instead of guessing: a reading turned into a short question with its candidate
readings as choices, and the slots (who, which year) a number cannot be read without."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace

from assistant.qa import wording as w
from assistant.qa.interpretation import Clarification, Interpretation, Route
from assistant.qa.who_when import place_level_issuers, short_name


def row_and_column(row: str, column: str) -> str:
    """'政府集中采购' + '采购项目数量' → '政府集中采购项目数量': a reading's words, said once."""
    overlap = next((n for n in range(min(len(row), len(column)), 1, -1) if row.endswith(column[:n])), 0)
    return row + column[overlap:]


def ask_back(spec: Interpretation, question: str, choices: tuple[str, ...], confidence: float = 0.4) -> Interpretation:
    """The reading turned into a short question back, its candidate readings as the choices."""
    return replace(spec, route=Route.CLARIFY, confidence=confidence, alternatives=choices,
                   clarification=Clarification(question, choices))


def clarify_slots(spec: Interpretation, q: str, catalogue: Mapping[str, tuple[int, ...]]) -> Interpretation:
    """Ask back when a number is asked but who or which year is left open."""
    vague = place_level_issuers(q, catalogue) if not spec.issuers else []
    single = (spec.route in (Route.CELL, Route.RATIO)
              or (spec.route == Route.AGGREGATE and (spec.aggregation == "list" or vague))
              # "2024年行政复议一共几件？": one report's total, whose issuer is unsaid — not every report's
              or (spec.route == Route.AGGREGATE and spec.aggregation == "sum" and not spec.issuers
                  and len(spec.years) <= 1 and not w.SEVERAL_REPORTS.search(q)))
    if not single or spec.unknown or w.EACH.search(q):
        return spec
    issuers = list(spec.issuers)
    if not issuers:
        issuers = vague or sorted(catalogue)
        if spec.years:
            issuers = [i for i in issuers if set(spec.years) & set(catalogue[i])]
        if len(issuers) > 1:
            choices = tuple(short_name(i) for i in issuers[:8])
            return ask_back(spec, "您问的是哪个单位的年报？", choices)
        if len(issuers) == 1:
            spec = replace(spec, issuers=tuple(issuers))
    if not spec.years and len(spec.issuers) == 1:
        years = catalogue.get(spec.issuers[0], ())
        if len(years) > 1:
            choices = tuple(f"{y}年" for y in sorted(years, reverse=True))
            return ask_back(spec, f"{short_name(spec.issuers[0])}有多个年度的年报，您问的是哪一年？", choices, 0.5)
    if spec.route == Route.AGGREGATE and len(spec.issuers) == 1 and len(spec.years) <= 1:
        spec = replace(spec, route=Route.CELL, aggregation=None)
    return spec
