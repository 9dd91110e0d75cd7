"""Composing numeric answers (cell, aggregate, comparison, ratio, audit) with citations."""

from __future__ import annotations

import operator
import re

from assistant.domain.narrative import figures, stated_cells
from assistant.domain.records import STATUS_INFERRED, Answer, Report, format_number
from assistant.domain.rules import RULE_WORDS
from assistant.domain.template import cell_label, column_word, unit_of
from assistant.qa import wording as w
from assistant.qa.interpretation import CONDITION_WORDS, Interpretation, Operation
from assistant.qa.issuers import find_years
from assistant.qa.lexicon import Metric
from assistant.qa.numeric import (
    REFUSAL,
    CitationBook,
    NumericAnswerer,
    Reading,
    Refusal,
    describe_metric,
    fmt,
    refusal,
)
from assistant.qa.who_when import relative_years

LISTED = 20   # lines an aggregate answer spells out
A_THAN_B = re.compile(r"(?<![相对好])比(?![较例率重])")   # "A比B多多少" keeps its sign


def _metric_of(spec: Interpretation) -> Metric:
    """The row a numeric answer reads: routing gives every numeric route a metric, except the
    ratio questions (``spec.ratio`` set), which are answered before this is asked."""
    assert spec.metric is not None, "a numeric route without a ratio has a metric"
    return spec.metric


def _value(reading: Reading) -> float:
    """The total of a reading known to have one (``_problem`` is None, or filtered on value)."""
    assert reading.value is not None, "a reading without blank, ambiguous or missing cells has a value"
    return reading.value


def _cite_all(book: CitationBook, reading: Reading) -> str:
    return "".join(f"[{book.cell(reading.report, c)}]" for c in reading.cells)


def _terms(book: CitationBook, reading: Reading) -> str:
    """'a[1] + b[2]': every cell is cited; only those with a value are spelled out when
    there are many (8 withheld rows of which 2 are not 0)."""
    keys = {c.cell_id: book.cell(reading.report, c) for c in reading.cells}
    shown = reading.cells if len(reading.cells) <= 4 else ([c for c in reading.cells if c.value] or reading.cells[:1])
    text = " + ".join(f"{format_number(c.value or 0)}[{keys[c.cell_id]}]" for c in shown)
    return re.sub(r"\+ -(?=\d)", "− ", text)   # "1701[1] − 453[2]", not "+ -453"


def _quotes(answerer: NumericAnswerer, readings: list[Reading], book: CitationBook) -> str:
    """The text's own sentences stating the one-cell figures read (part of the answer, not a warning)."""
    return "".join(q for r in readings if len(r.cells) == 1 and r.value is not None and not r.corrections
                   for q in _text_says_so(answerer, r.report, r.cells[0].cell_id, r.value, book))


def _notes(answerer: NumericAnswerer, readings: list[Reading], book: CitationBook) -> list[str]:
    """Warnings about cells that are inferred, or part of a failed rule (its cells cited)."""
    notes = []
    findings = answerer.library.sql.findings_for([r.report.id for r in readings])
    for r in readings:
        ids = {c.cell_id for c in r.cells}
        for original, correction in r.corrections:   # a corrected cell says so and cites both
            key = book.correction(r.report, original, correction)
            notes.append(f"{r.report.label()}“{cell_label(original.cell_id)}”{correction.words(original)}[{key}]。")
        for c in r.cells:
            if c.status == STATUS_INFERRED:
                notes.append(f"{r.report.label()}“{cell_label(c.cell_id)}”未在报告中印出，按勾稽关系{c.rule}推得。")
        changed = {o.cell_id for o, _ in r.corrections}
        for f in findings.get(r.report.id, ()):
            if ids & set(f.cells) and not changed & set(f.cells):   # a corrected rule is not "as printed"
                notes.append(f"注意：{r.report.label()}报告中该表的{f.rule}勾稽关系不成立（涉及“{cell_label(f.cells[0])}”；"
                             f"{RULE_WORDS.get(f.rule, f.rule)}），数字按原文照录；问“这份报告的数字对得上吗”可看详情。")
    return list(dict.fromkeys(notes))


def _text_says_so(answerer: NumericAnswerer, report: Report, cell_id: str, value: float,
                  book: CitationBook) -> list[str]:
    """'本年度全区共收到70件申请，…办结69件': the report's own sentence stating the figure just read
    from its table, quoted and cited (a figure the text gives otherwise is rule R7's, not this)."""
    if cell_id not in stated_cells():
        return []
    out = []
    for chunk in answerer.library.sql.chunks(report_id=report.id):
        if chunk.kind != "passage":
            continue
        for f in figures(chunk.text, [(0, len(chunk.text))], audit=True):
            if f.cell_id == cell_id and f.value == value:
                quote = _clauses_around(f.sentence, f.start - chunk.text.find(f.sentence))
                out.append(f"报告正文也写明：“{quote}”[{book.chunk(report, chunk, chunk.section or '正文')}]。")
                return out
    return out


QUOTED = 60   # characters of the text's sentence quoted at most (whole clauses)


def _clauses_around(sentence: str, at: int) -> str:
    """The sentence, or when long the clauses (between ，) around position ``at``, never a
    clause cut in two (a number cut would read as another number)."""
    sentence = re.sub(r"\s*\n\s*", "", sentence)
    if len(sentence) <= QUOTED:
        return sentence
    spans, pos = [], 0
    for piece in re.split(r"(?<=[，,])", sentence):
        spans.append((pos, pos + len(piece)))
        pos += len(piece)
    lo = hi = next((k for k, (a, b) in enumerate(spans) if a <= at < b), len(spans) - 1)
    grew = True
    while grew:   # a clause more after, then before, while the quote stays short
        grew = False
        if hi + 1 < len(spans) and spans[hi + 1][1] - spans[lo][0] <= QUOTED:
            hi, grew = hi + 1, True
        if lo > 0 and spans[hi][1] - spans[lo - 1][0] <= QUOTED:
            lo, grew = lo - 1, True
    start, end = spans[lo][0], spans[hi][1]
    return ("…" if start > 0 else "") + sentence[start:end].rstrip("，,") + ("…" if end < len(sentence) else "")


def _problem(reading: Reading, what: str, book: CitationBook) -> str | None:
    """Text for a reading that has no single number (blank / ambiguous / missing)."""
    who = reading.report.label()
    if reading.blank:
        return f"{who}报告中“{what}”一栏为空白（未填写，不等于0）{_cite_all(book, reading)}。"
    if reading.ambiguous:
        parts = "；".join(f"“{cell_label(c.cell_id)}”可能为 {c.display_value()}[{book.cell(reading.report, c)}]"
                         for c in reading.ambiguous)
        return (f"{who}报告中“{what}”无法唯一确定：原文表格数字连写，按勾稽关系仍有多种拆分（{parts}）。")
    if reading.missing:
        return f"{who}报告中没有读到“{what}”的表格数字。"
    return None


def answer_cell(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    # Several years of one issuer and none named: the latest report answers.
    report = reports[-1] if spec.years else max(reports, key=lambda r: r.year)
    metric = _metric_of(spec)
    reading = answerer.read_metric(report, metric, spec.columns, spec.as_printed)
    what = describe_metric(metric, spec.columns)
    summed = [m for m in spec.also if m.table == metric.table]
    if summed and spec.operation == Operation.SUM:
        # "行政许可、行政处罚、行政强制三项的处理决定加起来": several rows added up.
        parts = [reading] + [answerer.read_metric(report, m, spec.columns, spec.as_printed) for m in summed]
        ids = [c.cell_id for p in parts for c in p.cells]
        reading = answerer.read(report, ids, spec.as_printed)
        what = "、".join(describe_metric(m, spec.columns) for m in [metric] + summed)
    book = CitationBook()
    if spec.operation == Operation.EACH:
        return _answer_each(answerer, spec, report, book)
    if spec.operation == Operation.DIFFERENCE and (spec.also or len(spec.columns) == 2):
        return _answer_rows_gap(answerer, spec, report, book)
    if spec.operation == Operation.RANK and spec.also and spec.rank_place:
        return _answer_kinds_ranked(answerer, spec, report, book)
    unit = unit_of(reading.cells[0].cell_id) if reading.cells else "件"
    problem = _problem(reading, what, book)
    if problem:
        # a figure the print cannot settle is one the report does not give: said as a refusal,
        # with every reading it allows cited (a blank cell is an answer: "未填写")
        return Answer(spec.question, f"{REFUSAL}：{problem}" if reading.ambiguous else problem, "cell", None, None,
                      tuple(book.items), notes=tuple(_notes(answerer, [reading], book)), refused=bool(reading.ambiguous))
    if spec.minus_columns and spec.operation == Operation.VALUE and not spec.minus:
        # "不算自然人的新收申请": the printed 总计 minus the columns left out, not the rest added up
        whole = answerer.read_metric(report, metric, ("total",), spec.as_printed)
        if not _problem(whole, what, book):
            return _answer_difference(answerer, spec, report, whole, describe_metric(metric, ("total",)), unit, book)
    if spec.minus:
        return _answer_difference(answerer, spec, report, reading, what, unit, book)
    value = reading.value
    if len(reading.cells) == 1:
        text = f"{report.label()}{what}为{fmt(reading.value, unit)}{_cite_all(book, reading)}。"
        formula = None
        printed = reading.value
        if spec.direction and spec.columns == ("change",) and printed is not None:
            # "减少了多少项" read from 本年增/减: the size of the change asked, its sign in words
            value = _directed(printed, spec.direction)
            word = "减少" if printed < 0 else "增加" if printed > 0 else "持平"
            text = text[:-1] + f"，即{word}{fmt(abs(printed), unit)}。"
    else:
        formula = f"{what} = {_terms(book, reading)} = {fmt(reading.value, unit)}"
        text = f"{report.label()}{what}合计{fmt(reading.value, unit)}（{_terms(book, reading)}）。"
    if len(reports) > 1 and not spec.years:
        text += f"（该单位有多个年度的报告，此处取最新的{report.year}年。）"
    quotes = _quotes(answerer, [reading], book)
    notes = _notes(answerer, [reading], book)
    return Answer(spec.question, text + quotes + "".join(notes), "cell", value, unit,
                  tuple(book.items), formula, notes=tuple(notes))


def _directed(change: float, direction: str | None) -> float:
    """A signed change as asked: "减少了多少" (down) wants a fall as a positive number and a
    rise (the opposite of what was asked) as a negative one; "哪年多，多多少" (gap) the size of the
    difference whichever way it goes; "增加" (up) and no direction keep the sign."""
    return abs(change) if direction == "gap" else -change if direction == "down" else change


def _answer_each(answerer: NumericAnswerer, spec: Interpretation, report: Report, book: CitationBook) -> Answer:
    """Several values asked at once: one line each, every cell cited."""
    lines, readings = [], []
    metric = _metric_of(spec)
    asked = [(m, spec.columns if m.table == metric.table else ()) for m in (metric,) + spec.also]
    by_column = not spec.also and len(spec.columns) >= 2
    if by_column:   # one row, several columns: each on its own
        asked = [(metric, (c,)) for c in spec.columns]
    for m, columns in asked:
        reading = answerer.read_metric(report, m, columns, spec.as_printed)
        what = describe_metric(m, columns) + ("（总计）" if by_column and columns == ("total",) else "")
        unit = unit_of(reading.cells[0].cell_id) if reading.cells else "件"
        readings.append(reading)
        lines.append(_problem(reading, what, book) or
                     f"{what}为{fmt(reading.value, unit)}{_cite_all(book, reading)}")
    quotes = _quotes(answerer, readings, book)
    notes = _notes(answerer, readings, book)
    text = f"{report.label()}：" + "；".join(lines) + "。" + quotes + "".join(notes)
    return Answer(spec.question, text, "cell", None, None, tuple(book.items), notes=tuple(notes))


def _answer_kinds_ranked(answerer: NumericAnswerer, spec: Interpretation, report: Report,
                         book: CitationBook) -> Answer:
    """'不予公开的8个小类里排第三多的那一类': the rows of one report ranked, the place asked named
    (rows that tie share the place, so all of them are named)."""
    readings = [(m, answerer.read_metric(report, m, (), spec.as_printed)) for m in spec.also]
    known = [(m, r) for m, r in readings if r.value is not None]
    place = abs(spec.rank_place)
    if len(known) < place:
        return refusal(spec.question, "可排序的项目不足，无法给出这一名次")
    ordered = sorted(known, key=lambda mr: _value(mr[1]), reverse=spec.rank_place > 0)
    unit = unit_of(ordered[0][1].cells[0].cell_id) if ordered[0][1].cells else "件"
    lines = [f"{m.label}：{fmt(r.value, unit)}{_cite_all(book, r)}" for m, r in ordered]
    pick = ordered[place - 1][1]
    ties = [m.label for m, r in known if r.value == pick.value]
    way = "从多到少" if spec.rank_place > 0 else "从少到多"
    head = (f"{report.label()}按件数{way}排，第{_CN_PLACE.get(place, str(place))}位是{'、'.join(ties)}，"
            f"为{fmt(pick.value, unit)}{_cite_all(book, pick)}" + (f"（{len(ties)}项并列）" if len(ties) > 1 else "") + "。")
    notes = _notes(answerer, [r for _, r in readings], book)
    return Answer(spec.question, head + "\n" + "\n".join(lines) + "".join(notes), "cell", pick.value, unit,
                  tuple(book.items), notes=tuple(notes))


_CN_PLACE = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def _answer_rows_gap(answerer: NumericAnswerer, spec: Interpretation, report: Report, book: CitationBook) -> Answer:
    """'予以公开比部分公开多多少', '哪个多，多几件', '自然人提的比商业企业提的多多少': two rows (or
    two columns of a row) of one report, the first less the second (signed as asked: "A比B少多少"
    is B − A; "哪个多" the size, the larger named)."""
    metric = _metric_of(spec)
    terms = [(metric, spec.columns), (spec.also[0], spec.columns)] if spec.also else \
        [(metric, spec.columns[:1]), (metric, spec.columns[1:])]
    rows = []
    for m, columns in terms:
        reading = answerer.read_metric(report, m, columns, spec.as_printed)
        what = describe_metric(m, columns)
        rows.append((what, reading, _cite_all(book, reading), _problem(reading, what, book)))
    unit = unit_of(rows[0][1].cells[0].cell_id) if rows[0][1].cells else "件"
    listing = "，".join(f"{what}{fmt(r.value, unit)}{cites}" for what, r, cites, _ in rows)
    problems = [p for *_, p in rows if p]
    if problems:
        return Answer(spec.question, f"{report.label()}{listing}。" + "".join(problems), "cell", None, None,
                      tuple(book.items))
    (first, a, *_), (second, b, *_) = rows
    if not spec.also:   # two columns of one row: named by their columns ("自然人比商业企业多…")
        first, second = (column_word(metric.table, c, metric.rows[0]) for c in spec.columns)
    diff = _value(a) - _value(b)
    formula = f"{first} − {second} = {format_number(_value(a))} − {format_number(_value(b))} = {format_number(round(diff, 4))}"
    big, small = (first, second) if diff >= 0 else (second, first)
    head = f"{big}比{small}多{format_number(round(abs(diff), 4))}{unit}" if diff else "两者一样多"
    notes = _notes(answerer, [a, b], book)
    return Answer(spec.question, f"{report.label()}{listing}；{head}（{formula}）。" + "".join(notes), "cell",
                  round(_directed(diff, spec.direction), 6), unit, tuple(book.items), formula, notes=tuple(notes))


def _answer_difference(answerer: NumericAnswerer, spec: Interpretation, report: Report, whole: Reading,
                       what: str, unit: str, book: CitationBook) -> Answer:
    """'除了自然人以外' / '不含尚未审结的': the whole minus the parts the question leaves out."""
    ids: list[str] = []
    left_out: list[str] = []
    for m in spec.minus:
        ids += answerer.cell_ids(report, m, spec.columns)
        left_out.append(m.label)
    if not spec.minus and spec.minus_columns:
        metric = _metric_of(spec)
        ids += answerer.cell_ids(report, metric, spec.minus_columns)
        left_out += [column_word(metric.table, c, metric.rows[0]) for c in spec.minus_columns]
    parts = answerer.read(report, ids, spec.as_printed)
    problem = _problem(parts, "、".join(left_out), book)
    if problem:
        return Answer(spec.question, problem, "cell", None, None, tuple(book.items))
    value = _value(whole) - _value(parts)   # neither has a problem: answer_cell checked whole, this parts
    words = f"{what}（不含{'、'.join(left_out)}）"
    formula = f"{words} = {_terms(book, whole)} − ({_terms(book, parts)}) = {fmt(value, unit)}"
    def grouped(reading: Reading) -> str:   # "(26[1] + 20[2])": a sum subtracted as one
        terms = _terms(book, reading)
        return f"({terms})" if len(reading.cells) > 1 else terms

    text = (f"{report.label()}{words}为{fmt(value, unit)}：{what} {grouped(whole)} − "
            f"{'、'.join(left_out)} {grouped(parts)} = {fmt(value, unit)}。")
    notes = _notes(answerer, [whole, parts], book)
    return Answer(spec.question, text + "".join(notes), "cell", value, unit, tuple(book.items), formula,
                  notes=tuple(notes))


def _readings(answerer: NumericAnswerer, reports: list[Report], metric: Metric,
              columns: tuple[str, ...], printed: bool = False) -> tuple[list[Reading], list[str]]:
    return answerer.read_many(reports, metric, columns, printed)


_COMPARED = {">": operator.gt, ">=": operator.ge, "<": operator.lt, "<=": operator.le, "==": operator.eq}


def _meets(value: float, op: str, threshold: float) -> bool:
    return _COMPARED[op](value, threshold)


def _condition_words(op: str, threshold: float, unit: str) -> str:
    """("==", 0) → "为0件", (">", 100) → "超过100件"."""
    return f"{CONDITION_WORDS.get(op, '为')}{fmt(threshold, unit)}"


def answer_aggregate(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    metric = _metric_of(spec)
    what = describe_metric(metric, spec.columns)
    readings, skipped = _readings(answerer, reports, metric, spec.columns, spec.as_printed)
    if not readings:
        return refusal(spec.question, skipped[0] if skipped else "没有可用的报告")
    book = CitationBook()
    good = [r for r in readings if r.value is not None]
    unclear = [r for r in readings if r.value is None]
    unit = unit_of(readings[0].cells[0].cell_id) if readings[0].cells else "件"
    lines = [f"{r.report.label()}：{fmt(r.value, unit)}{_cite_all(book, r)}" for r in
             sorted(good, key=lambda r: -(r.value or 0)) if spec.aggregation in ("max", "min", "rank")] \
        or [f"{r.report.label()}：{fmt(r.value, unit)}{_cite_all(book, r)}" for r in good]
    problems = [p for r in unclear if (p := _problem(r, what, book))]
    value: float | None = None
    formula: str | None = None
    head = ""
    if spec.aggregation == "sum":
        value = sum(_value(r) for r in good)
        formula = f"{what}合计 = " + " + ".join(f"{format_number(r.value)}（{r.report.label()}）" for r in good)
        head = (f"{len(good)}份报告的{what}合计{fmt(value, unit)}。" if not unclear else
                f"除无法确定的{'、'.join(r.report.label() for r in unclear)}外，{what}合计{fmt(value, unit)}。")
    elif spec.aggregation == "avg" and good:
        value = sum(_value(r) for r in good) / len(good)
        formula = f"平均 = ({' + '.join(format_number(r.value) for r in good)}) / {len(good)}"
        head = (f"{len(good)}份报告的{what}平均为{fmt(value, unit)}。" if not unclear else
                f"除无法确定的{'、'.join(r.report.label() for r in unclear)}外，{what}平均为{fmt(value, unit)}。")
    elif spec.aggregation in ("max", "min") and good:
        pick = (max if spec.aggregation == "max" else min)(good, key=_value)
        ties = [r for r in good if r.value == pick.value]
        value = pick.value
        word = ("更" if len(good) == 2 else "最") + ("多" if spec.aggregation == "max" else "少")
        who = "、".join(r.report.label() for r in ties)
        head = f"{what}{word}的是{who}，为{fmt(value, unit)}{_cite_all(book, pick)}。"
        if len(ties) > 1:
            head = f"{what}{word}的有{len(ties)}份并列：{who}，均为{fmt(value, unit)}。" if len(good) > 2 else \
                f"{who}的{what}一样多，均为{fmt(value, unit)}。"
        if spec.aggregation == "min":
            lines = list(reversed(lines))
    elif spec.aggregation == "rank" and spec.rank_place and len(good) >= abs(spec.rank_place):
        # "从多到少排第二的是哪家": the report at that place (ties share a place, so they are named)
        ordered = sorted(good, key=_value, reverse=spec.rank_place > 0)
        pick = ordered[abs(spec.rank_place) - 1]
        ties = [r for r in good if r.value == pick.value]
        value = pick.value
        way = "从多到少" if spec.rank_place > 0 else "从少到多"
        who = "、".join(r.report.label() for r in ties)
        place = _CN_PLACE.get(abs(spec.rank_place), str(abs(spec.rank_place)))   # "第二位": the question's own word
        head = f"按{what}{way}排，第{place}位是{who}，为{fmt(value, unit)}{_cite_all(book, pick)}。"
        if len(ties) > 1:
            head += f"（{len(ties)}份并列。）"
        if spec.rank_place < 0:
            lines = list(reversed(lines))
    elif spec.aggregation == "count" and spec.condition:
        # "有几份报告一件新申请都没收到": the reports whose figure meets the condition, named
        hits = [r for r in good if _meets(_value(r), *spec.condition)]
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
    notes = _notes(answerer, readings, book)
    return Answer(spec.question, text + ("\n" + "\n".join(notes) if notes else ""), "aggregate",
                  value, unit if value is not None else None, tuple(book.items), formula,
                  notes=tuple(notes))


def said_year(text: str) -> int | None:
    """The year a phrase names: '2022年的行政处罚决定数' → 2022, '2024年往前数两年的那一年' → 2022."""
    years = tuple(find_years(text))
    counted = relative_years(text, years, True)
    return counted[-1] if counted else years[-1] if years else None


def answer_comparison(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    unit: str
    if spec.ratio is not None or spec.share_of is not None:
        readings = [_ratio_value(answerer, spec, r) for r in reports]
        unit = "%"
    else:
        readings = None
    book = CitationBook()
    pairs: list[tuple[Report, float | None, str, str | None]]
    if readings is None:
        metric = _metric_of(spec)
        what = describe_metric(metric, spec.columns)
        rs, skipped = _readings(answerer, reports, metric, spec.columns, spec.as_printed)
        if len(rs) < 2:
            return refusal(spec.question, skipped[0] if skipped else "需要两份报告才能比较")
        unit = unit_of(rs[0].cells[0].cell_id) if rs[0].cells else "件"
        pairs = [(r.report, r.value, _cite_all(book, r), _problem(r, what, book)) for r in rs]
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
    return Answer(spec.question, head, "comparison", round(_directed(signed, spec.direction), 6), unit,
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


def _whole(answerer: NumericAnswerer, spec: Interpretation, report: Report,
           columns: tuple[str, ...] | None = None) -> list[str]:
    """The denominator's cell ids: the whole's rows (share_of + share_also) in its own columns
    when the question names them, else its total (a table-二 row: its default column)."""
    if columns is None:
        columns = spec.share_columns or (("total",) if spec.share_of is not None and spec.share_of.table != "active"
                                         else ())
    return [c for m in (spec.share_of,) + spec.share_also if m is not None for c in answerer.cell_ids(report, m, columns)]


def _ratio_parts(answerer: NumericAnswerer, spec: Interpretation, report: Report):
    """(numerator cell ids, denominator cell ids, formula words) for a ratio question."""
    if spec.ratio is not None and spec.share_columns:
        # "纠错率，不算尚未审结的": the denominator's row in the columns left (routing checked
        # that the rate lies in one row)
        row = spec.ratio.denominator[0].rsplit(".", 1)[0]
        return (list(spec.ratio.numerator), [f"{row}.{c}" for c in spec.share_columns],
                f"{spec.ratio.formula.split('/')[0]}/{describe_metric(answerer.lexicon.metric(row), spec.share_columns)}")
    if spec.ratio is not None:
        return list(spec.ratio.numerator), list(spec.ratio.denominator), spec.ratio.formula
    metric = _metric_of(spec)
    if spec.operation == Operation.PERCENT_CHANGE:   # 2019 table 二: 本年增/减 over 上一年项目数量
        return (answerer.cell_ids(report, metric, ("change",)), answerer.cell_ids(report, metric, ("prev_items",)),
                f"{metric.label}本年增/减/上一年项目数量")
    # "结果纠正的占行政复议总数的比例": 总数 names the denominator, never a part of the numerator
    parts = tuple(c for c in spec.columns if c != "total")
    num = answerer.cell_ids(report, metric, parts if parts and (spec.share_of is None or spec.share_of.id == metric.id)
                            else spec.columns)
    if spec.operation == Operation.MULTIPLE and spec.share_of is not None:
        num = [c for m in spec.numerator for c in answerer.cell_ids(report, m, spec.columns)]
        den = _whole(answerer, spec, report, spec.share_columns or spec.columns)
        return num, den, (f"{describe_metric(spec.numerator[0], spec.columns)}/"
                          f"{describe_metric(spec.share_of, spec.share_columns or spec.columns)}")
    if spec.numerator and spec.share_of is not None:
        num = [c for m in spec.numerator for c in answerer.cell_ids(report, m, spec.columns or ("total",))]
        den = _whole(answerer, spec, report)
        named = "+".join(describe_metric(m, spec.columns) for m in spec.numerator)
        whole = "+".join(describe_metric(m, spec.share_columns) for m in (spec.share_of,) + spec.share_also)
        words = (f"（{named}）" if len(spec.numerator) > 1 else named) + "/" + (f"（{whole}）" if spec.share_also else whole)
        return num, den, words
    if len(spec.numerator) > 1 and metric.table == "requests":
        # "予以公开和部分公开合计占总计的比例": the rows named over （七）总计.
        num = [c for m in spec.numerator for c in answerer.cell_ids(report, m, spec.columns or ("total",))]
        return num, ["requests.result_total.total"], "（" + "+".join(m.label for m in spec.numerator) + "）/办理结果总计"
    if spec.share_of is not None:
        den = _whole(answerer, spec, report)
        words = (f"{describe_metric(metric, parts or spec.columns)}/"
                 f"{describe_metric(spec.share_of, spec.share_columns or ('total',))}")
    elif parts:
        den = answerer.cell_ids(report, metric, spec.share_columns or ("total",))
        words = f"{describe_metric(metric, parts)}/" + (describe_metric(metric, spec.share_columns) if spec.share_columns
                                                        else f"{metric.label}总计")
    elif metric.table == "requests" and metric.id not in ("requests.new", "requests.result_total"):
        den = ["requests.result_total.total"]
        words = f"{metric.label}/办理结果总计"
    else:
        raise Refusal(f"没有说明“{metric.label}”是占什么的比例")
    return num, den, words


def _ratio_value(answerer: NumericAnswerer, spec: Interpretation, report: Report):
    num_ids, den_ids, words = _ratio_parts(answerer, spec, report)
    num, den = answerer.read(report, num_ids, spec.as_printed), answerer.read(report, den_ids, spec.as_printed)

    def cites(book: CitationBook) -> str:
        return _cite_all(book, num) + _cite_all(book, den)

    if num.value is None or den.value in (None, 0):
        return report, None, cites, ""
    value = num.value / den.value * 100
    return report, value, cites, f"{report.label()}：{format_number(num.value)} ÷ {format_number(den.value)} × 100% = {value:.2f}%"


def answer_ratio(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    if len(reports) > 1 and not spec.years:
        reports = [max(reports, key=lambda r: r.year)]
    if len(reports) > 1:
        return answer_comparison(answerer, spec, reports)
    report = reports[0]
    num_ids, den_ids, words = _ratio_parts(answerer, spec, report)
    num, den = answerer.read(report, num_ids, spec.as_printed), answerer.read(report, den_ids, spec.as_printed)
    book = CitationBook()
    label = spec.ratio.label if spec.ratio else "占比"
    for r, part in ((num, "分子"), (den, "分母")):
        problem = _problem(r, part, book)
        if problem:
            return Answer(spec.question, f"无法计算{label}：{problem}", "ratio", None, None, tuple(book.items))
    if not den.value:
        return Answer(spec.question, f"{report.label()}{label}无法计算：分母为0{_cite_all(book, den)}（{words}）。",
                      "ratio", None, None, tuple(book.items), words)
    if spec.operation == Operation.MULTIPLE:
        # routing sends "A是B的几倍" here only with B (share_of) set
        assert spec.share_of is not None, "a multiple of one report's rows names the row it is a multiple of"
        value = _value(num) / _value(den)   # neither has a problem (checked above)
        formula = f"倍数 = {words} = {format_number(num.value)} ÷ {format_number(den.value)} = {value:.2f}倍"
        text = (f"{report.label()}{describe_metric(spec.numerator[0], spec.columns)}是"
                f"{describe_metric(spec.share_of, spec.share_columns or spec.columns)}的{value:.2f}倍"
                f"（{words}：{_terms(book, num)} ÷ {_terms(book, den)}）。")
        return Answer(spec.question, text, "ratio", round(value, 6), "倍", tuple(book.items), formula)
    if spec.operation == Operation.PER_ITEM and spec.share_of is not None:
        value = _value(num) / _value(den)   # neither has a problem (checked above)
        unit = unit_of(num.cells[0].cell_id) if num.cells else "万元"
        what, per = (describe_metric(spec.share_of, c) for c in (spec.columns, spec.share_columns))
        formula = f"平均每项 = {what} ÷ {per} = {format_number(num.value)} ÷ {format_number(den.value)} = {value:.2f}{unit}"
        text = (f"{report.label()}{spec.share_of.label}平均每项{value:.2f}{unit}"
                f"（{what} {_terms(book, num)} ÷ {per} {_terms(book, den)}）。")
        return Answer(spec.question, text, "ratio", round(value, 6), unit, tuple(book.items), formula)
    if spec.operation == Operation.PERCENT_CHANGE:
        label = "较上一年变化"
    value = _value(num) / _value(den) * 100
    if spec.operation == Operation.SHARE and value > 100 and spec.ratio is None and spec.share_of is not None \
            and all(m.table == spec.share_of.table for m in spec.numerator or (_metric_of(spec),)):
        # "结转下年度的占上年结转的比例" = 302.94%: a part is never more than its whole, so the
        # whole was misread — asked, never shown as a share
        return Answer(spec.question, f"按“{words}”算，{report.label()}{_terms(book, num)} ÷ {_terms(book, den)}"
                      f"超过100%，前者并不包含在后者之中，不能算作占比。您问的是占哪一项（或哪几项之和）的比例？",
                      "clarify", None, None, tuple(book.items), words)
    formula = (f"{label} = {words} = {format_number(num.value)} / {format_number(den.value)} × 100% "
               f"= {value:.2f}%")
    text = (f"{report.label()}{label}为{value:.2f}%（{words}：分子 {_terms(book, num)} = "
            f"{format_number(num.value)}，分母 {_terms(book, den)} = {format_number(den.value)}）。")
    notes = _notes(answerer, [num, den], book)
    return Answer(spec.question, text + "".join(notes), "ratio", round(value, 4), "%",
                  tuple(book.items), formula, notes=tuple(notes))
