"""Answers that compare two or more reports: a difference (signed as asked), a percent change, a
multiple, or the report picked as higher or lower (its figure or rate the value)."""

from __future__ import annotations

import re

from assistant.domain.records import Answer, Report, format_number
from assistant.domain.template import unit_of
from assistant.qa import wording as w
from assistant.qa.interpretation import Interpretation, Operation
from assistant.qa.issuers import find_years
from assistant.qa.numeric import (
    CitationBook,
    NumericAnswerer,
    describe_metric,
    fmt,
    refusal,
)
from assistant.qa.numeric_parts import cite_all, directed, metric_of, problem_of, ratio_value
from assistant.qa.who_when import relative_years

A_THAN_B = re.compile(r"(?<![相对好])比(?![较例率重])")   # "A比B多多少" keeps its sign


def said_year(text: str) -> int | None:
    """The year a phrase names: '2022年的行政处罚决定数' → 2022, '2024年往前数两年的那一年' → 2022."""
    years = tuple(find_years(text))
    counted = relative_years(text, years, True)
    return counted[-1] if counted else years[-1] if years else None


def answer_comparison(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    unit: str
    if spec.ratio is not None or spec.share_of is not None:
        readings = [ratio_value(answerer, spec, r) for r in reports]
        unit = "%"
    else:
        readings = None
    book = CitationBook()
    pairs: list[tuple[Report, float | None, str, str | None]]
    if readings is None:
        metric = metric_of(spec)
        what = describe_metric(metric, spec.columns)
        rs, skipped = answerer.read_many(reports, metric, spec.columns, spec.as_printed)
        if len(rs) < 2:
            return refusal(spec.question, skipped[0] if skipped else "需要两份报告才能比较")
        unit = unit_of(rs[0].cells[0].cell_id) if rs[0].cells else "件"
        pairs = [(r.report, r.value, cite_all(book, r), problem_of(r, what, book)) for r in rs]
    else:
        what = spec.ratio.label if spec.ratio else "占比"
        pairs = [(r, v, cites(book), None) for r, v, cites, _ in readings]
    by_years = len({p[0].year for p in pairs}) > 1 and len({p[0].issuer for p in pairs}) == 1
    if by_years:
        pairs.sort(key=lambda p: p[0].year)
    listing = "；".join(f"{p[0].label()}{fmt(p[1], unit)}{p[2]}" for p in pairs)
    problems = [p[3] for p in pairs if p[3]]
    if problems or any(p[1] is None for p in pairs):
        return Answer(spec.question, f"{what}：{listing}。" + "".join(problems), "comparison", None, None,
                      tuple(book.items))
    known = [(r, v, c) for r, v, c, _ in pairs if v is not None]   # all of them: a None returned above
    rates = "；".join(t for *_, t in readings if t) if readings else ""   # each rate's own division
    subtract = w.SUBTRACT.search(spec.question)
    if not by_years and not A_THAN_B.search(spec.question) and not subtract:
        # "谁的更多？多出多少？": the larger first, the difference as a positive number.
        known.sort(key=lambda p: -p[1])
    first, last = known[0], known[-1]
    if spec.aggregation in ("max", "min"):
        # "哪家的公开率最高": the report picked, its rate the value; ties named together
        pick = (max if spec.aggregation == "max" else min)(known, key=lambda p: p[1])
        ties = [p for p in known if p[1] == pick[1]]
        word = ("高" if unit == "%" else "多") if spec.aggregation == "max" else ("低" if unit == "%" else "少")
        word = ("更" if len(known) == 2 else "最") + word
        who = "、".join(p[0].label() for p in ties)
        return Answer(spec.question, f"{what}：{listing}。{word}的是{who}，为{fmt(pick[1], unit)}。", "comparison",
                      round(pick[1], 6), unit, tuple(book.items), rates or None)
    if spec.operation in (Operation.PERCENT_CHANGE, Operation.MULTIPLE) and unit != "%":
        return _change_answer(spec, what, listing, known, by_years, unit, book)
    if by_years:
        diff = last[1] - first[1]
        # "2022年的减去2023年的": the year named first is the one subtracted from
        named = [int(y) for y in re.findall(r"(?:19|20)\d{2}", spec.question)]
        minuend, subtrahend = (first, last) if subtract and named and named[0] == first[0].year else (last, first)
        than = A_THAN_B.search(spec.question)
        # ("2024年跟2022年比": the subject is before 跟/和/与)
        before = re.sub(r"(?:跟|和|与|同)[^，。？]*$", "", spec.question[:than.start()]) if than else ""
        subject = said_year(before) if than and not subtract else None
        if subject == first[0].year:   # "2022年的…比两年后多出多少": the year before 比 less the other
            minuend, subtrahend = first, last
        signed = minuend[1] - subtrahend[1]
        formula = (f"{minuend[0].year}年 − {subtrahend[0].year}年 = {format_number(minuend[1])} − "
                   f"{format_number(subtrahend[1])} = {format_number(round(signed, 4))}")
    else:
        diff = first[1] - last[1]
        formula = (f"{first[0].label()} − {last[0].label()} = {format_number(first[1])} − {format_number(last[1])}"
                   f" = {format_number(round(diff, 4))}")
        signed = diff
    change = "增加" if diff > 0 else "减少" if diff < 0 else "持平"
    growth = ""
    if by_years and first[1] and unit != "%":
        rate = (last[1] - first[1]) / first[1] * 100
        growth = f"，增幅{rate:.2f}%" if rate >= 0 else f"，降幅{abs(rate):.2f}%"
        formula += f"；增幅 = {format_number(round(diff, 4))} / {format_number(first[1])} × 100% = {rate:.2f}%"
    unit_text = "个百分点" if unit == "%" else unit
    if by_years:
        head = f"{what}：{listing}。{last[0].year}年较{first[0].year}年{change}{format_number(round(abs(diff), 4))}{unit_text}{growth}。"
        if spec.direction == "gap" and diff:   # "哪年多？差多少": the year that is more, said first
            big, small = (last, first) if diff > 0 else (first, last)
            trend = growth.replace("，增幅", "增长").replace("，降幅", "下降")
            more = "高" if unit == "%" else "多"
            head = (f"{what}：{listing}。{big[0].year}年更{more}，比{small[0].year}年"
                    f"{more}{format_number(round(abs(diff), 4))}{unit_text}"
                    + (f"（{last[0].year}年较{first[0].year}年{trend}）" if trend else "") + "。")
    else:
        more = "多" if diff > 0 else "少" if diff < 0 else "一样多"
        head = f"{what}：{listing}。{first[0].label()}比{last[0].label()}{more}{format_number(round(abs(diff), 4))}{unit_text}。"
    return Answer(spec.question, head, "comparison", round(directed(signed, spec.direction), 6), unit,
                  tuple(book.items), f"{rates}；{formula}" if rates else formula)


def _change_answer(spec: Interpretation, what: str, listing: str, pairs, by_years: bool, unit: str,
                   book: CitationBook) -> Answer:
    """'下降了百分之几' → 下降32.61%；'是去年的几倍' → 17.25倍: the value is what was asked."""
    (base, base_value, *_), (other, other_value, *_) = (pairs[0], pairs[-1]) if by_years else (pairs[-1], pairs[0])
    name = (lambda r: f"{r.year}年") if by_years else (lambda r: r.label())
    if not base_value:
        return Answer(spec.question, f"{what}：{listing}。{name(base)}为0，无法计算变化幅度。", "comparison",
                      None, None, tuple(book.items))
    if spec.operation == Operation.MULTIPLE:
        value = other_value / base_value
        formula = f"{name(other)} ÷ {name(base)} = {format_number(other_value)} ÷ {format_number(base_value)} = {value:.2f}倍"
        head = f"{what}：{listing}。{name(other)}是{name(base)}的{value:.2f}倍（{formula}）。"
        return Answer(spec.question, head, "comparison", round(value, 6), "倍", tuple(book.items), formula)
    value = (other_value - base_value) / base_value * 100
    word = "增长" if value > 0 else "下降" if value < 0 else "持平"
    formula = (f"({name(other)} − {name(base)}) ÷ {name(base)} × 100% = ({format_number(other_value)} − "
               f"{format_number(base_value)}) ÷ {format_number(base_value)} × 100% = {value:.2f}%")
    head = (f"{what}：{listing}。{name(other)}较{name(base)}{word}{abs(value):.2f}%"
            f"（{formula}）。")
    return Answer(spec.question, head, "comparison", round(value, 4), "%", tuple(book.items), formula)
