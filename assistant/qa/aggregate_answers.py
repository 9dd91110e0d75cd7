"""Answers over several reports at once: a sum, an average, the most or least, a place in a
ranking, a list, or how many reports meet a condition — every figure cited."""

from __future__ import annotations

import operator

from assistant.domain.records import Answer, Report, format_number
from assistant.domain.template import unit_of
from assistant.qa.interpretation import CONDITION_WORDS, Interpretation
from assistant.qa.numeric import (
    CitationBook,
    NumericAnswerer,
    describe_metric,
    fmt,
    refusal,
)
from assistant.qa.numeric_parts import CN_PLACE, cite_all, metric_of, notes_for, problem_of, value_of

LISTED = 20   # lines an aggregate answer spells out


_COMPARED = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}


def _meets(value: float, op: str, threshold: float) -> bool:
    return _COMPARED[op](value, threshold)


def _condition_words(op: str, threshold: float, unit: str) -> str:
    """("==", 0) → "为0件", (">", 100) → "超过100件"."""
    return f"{CONDITION_WORDS.get(op, '为')}{fmt(threshold, unit)}"


def answer_aggregate(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    metric = metric_of(spec)
    what = describe_metric(metric, spec.columns)
    readings, skipped = answerer.read_many(reports, metric, spec.columns, spec.as_printed)
    if not readings:
        return refusal(spec.question, skipped[0] if skipped else "没有可用的报告")
    book = CitationBook()
    good = [r for r in readings if r.value is not None]
    unclear = [r for r in readings if r.value is None]
    unit = unit_of(readings[0].cells[0].cell_id) if readings[0].cells else "件"
    lines = [f"{r.report.label()}：{fmt(r.value, unit)}{cite_all(book, r)}" for r in
             sorted(good, key=lambda r: -(r.value or 0)) if spec.aggregation in ("max", "min", "rank")] \
        or [f"{r.report.label()}：{fmt(r.value, unit)}{cite_all(book, r)}" for r in good]
    problems = [p for r in unclear if (p := problem_of(r, what, book))]
    value: float | None = None
    formula: str | None = None
    head = ""
    if spec.aggregation == "sum":
        value = sum(value_of(r) for r in good)
        formula = f"{what}合计 = " + " + ".join(f"{format_number(r.value)}（{r.report.label()}）" for r in good)
        head = (f"{len(good)}份报告的{what}合计{fmt(value, unit)}。" if not unclear else
                f"除无法确定的{'、'.join(r.report.label() for r in unclear)}外，{what}合计{fmt(value, unit)}。")
    elif spec.aggregation == "avg" and good:
        value = sum(value_of(r) for r in good) / len(good)
        formula = f"平均 = ({' + '.join(format_number(r.value) for r in good)}) / {len(good)}"
        head = (f"{len(good)}份报告的{what}平均为{fmt(value, unit)}。" if not unclear else
                f"除无法确定的{'、'.join(r.report.label() for r in unclear)}外，{what}平均为{fmt(value, unit)}。")
    elif spec.aggregation in ("max", "min") and good:
        pick = (max if spec.aggregation == "max" else min)(good, key=value_of)
        ties = [r for r in good if r.value == pick.value]
        value = pick.value
        word = ("更" if len(good) == 2 else "最") + ("多" if spec.aggregation == "max" else "少")
        who = "、".join(r.report.label() for r in ties)
        head = f"{what}{word}的是{who}，为{fmt(value, unit)}{cite_all(book, pick)}。"
        if len(ties) > 1:
            head = f"{what}{word}的有{len(ties)}份并列：{who}，均为{fmt(value, unit)}。" if len(good) > 2 else \
                f"{who}的{what}一样多，均为{fmt(value, unit)}。"
        if spec.aggregation == "min":
            lines = list(reversed(lines))
    elif spec.aggregation == "rank" and spec.rank_place and len(good) >= abs(spec.rank_place):
        # "从多到少排第二的是哪家": the report at that place (ties share a place, so they are named)
        ordered = sorted(good, key=value_of, reverse=spec.rank_place > 0)
        pick = ordered[abs(spec.rank_place) - 1]
        ties = [r for r in good if r.value == pick.value]
        value = pick.value
        way = "从多到少" if spec.rank_place > 0 else "从少到多"
        who = "、".join(r.report.label() for r in ties)
        place = CN_PLACE.get(abs(spec.rank_place), str(abs(spec.rank_place)))   # "第二位": the question's own word
        head = f"按{what}{way}排，第{place}位是{who}，为{fmt(value, unit)}{cite_all(book, pick)}。"
        if len(ties) > 1:
            head += f"（{len(ties)}份并列。）"
        if spec.rank_place < 0:
            lines = list(reversed(lines))
    elif spec.aggregation == "count" and spec.condition:
        # "有几份报告一件新申请都没收到": the reports whose figure meets the condition, named
        hits = [r for r in good if _meets(value_of(r), *spec.condition)]
        value, unit = float(len(hits)), "份"
        said = _condition_words(*spec.condition, unit_of(readings[0].cells[0].cell_id) if readings[0].cells else "件")
        head = f"{len(good)}份报告中，{what}{said}的有{len(hits)}份" + \
            (f"：{'、'.join(r.report.label() for r in hits)}。" if hits else "。")
        if unclear:
            head += f"（另有{len(unclear)}份该栏空白或无法确定，未计入。）"
    else:
        head = f"各报告的{what}："
    shown = lines[:LISTED]
    if len(lines) > LISTED:   # every cell stays cited; the text lists the first ones
        shown.append(f"……其余{len(lines) - LISTED}份报告略（均已列入来源）")
    text = head + "\n" + "\n".join(shown + problems[:LISTED] + skipped[:LISTED])
    # A report's figure that adds several cells (行政诉讼 = 直接起诉 + 复议后起诉) shows its sum.
    sums = [f"{r.report.label()}：{' + '.join(format_number(c.value or 0) for c in r.cells)} = {format_number(r.value)}"
            for r in good if len(r.cells) > 1]
    if sums:
        formula = "；".join(([formula] if formula else []) + sums)
    notes = notes_for(answerer, readings, book)
    return Answer(spec.question, text + ("\n" + "\n".join(notes) if notes else ""), "aggregate",
                  value, unit if value is not None else None, tuple(book.items), formula,
                  notes=tuple(notes))
