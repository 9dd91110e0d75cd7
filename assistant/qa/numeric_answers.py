"""Numeric answers about one report, with citations: a cell or a sum of cells, several values
asked at once, one report's rows ranked, a gap between two rows or columns, a total less what is
left out, and a rate (over several reports a rate is compared: ``comparison_answers``). The
pieces they share are ``numeric_parts``'; answers over several reports ``aggregate_answers``'."""

from __future__ import annotations

from assistant.domain.records import Answer, Report, format_number
from assistant.domain.template import column_word, unit_of
from assistant.qa.comparison_answers import answer_comparison
from assistant.qa.interpretation import Interpretation, Operation
from assistant.qa.numeric import (
    REFUSAL,
    CitationBook,
    NumericAnswerer,
    Reading,
    describe_metric,
    fmt,
    refusal,
)
from assistant.qa.numeric_parts import (
    CN_PLACE,
    cite_all,
    directed,
    metric_of,
    notes_for,
    problem_of,
    ratio_parts,
    terms_of,
    text_quotes,
    value_of,
)


def answer_cell(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    # Several years of one issuer and none named: the latest report answers.
    report = reports[-1] if spec.years else max(reports, key=lambda r: r.year)
    metric = metric_of(spec)
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
    problem = problem_of(reading, what, book)
    if problem:
        # a figure the print cannot settle is one the report does not give: said as a refusal,
        # with every reading it allows cited (a blank cell is an answer: "未填写")
        return Answer(spec.question, f"{REFUSAL}：{problem}" if reading.ambiguous else problem, "cell", None, None,
                      tuple(book.items), notes=tuple(notes_for(answerer, [reading], book)), refused=bool(reading.ambiguous))
    if spec.minus_columns and spec.operation == Operation.VALUE and not spec.minus:
        # "不算自然人的新收申请": the printed 总计 minus the columns left out, not the rest added up
        whole = answerer.read_metric(report, metric, ("total",), spec.as_printed)
        if not problem_of(whole, what, book):
            return _answer_difference(answerer, spec, report, whole, describe_metric(metric, ("total",)), unit, book)
    if spec.minus:
        return _answer_difference(answerer, spec, report, reading, what, unit, book)
    value = reading.value
    if len(reading.cells) == 1:
        text = f"{report.label()}{what}为{fmt(reading.value, unit)}{cite_all(book, reading)}。"
        formula = None
        printed = reading.value
        if spec.direction and spec.columns == ("change",) and printed is not None:
            # "减少了多少项" read from 本年增/减: the size of the change asked, its sign in words
            value = directed(printed, spec.direction)
            word = "减少" if printed < 0 else "增加" if printed > 0 else "持平"
            text = text[:-1] + f"，即{word}{fmt(abs(printed), unit)}。"
    else:
        formula = f"{what} = {terms_of(book, reading)} = {fmt(reading.value, unit)}"
        text = f"{report.label()}{what}合计{fmt(reading.value, unit)}（{terms_of(book, reading)}）。"
    if len(reports) > 1 and not spec.years:
        text += f"（该单位有多个年度的报告，此处取最新的{report.year}年。）"
    quotes = text_quotes(answerer, [reading], book)
    notes = notes_for(answerer, [reading], book)
    return Answer(spec.question, text + quotes + "".join(notes), "cell", value, unit,
                  tuple(book.items), formula, notes=tuple(notes))


def _answer_each(answerer: NumericAnswerer, spec: Interpretation, report: Report, book: CitationBook) -> Answer:
    """Several values asked at once: one line each, every cell cited."""
    lines, readings = [], []
    metric = metric_of(spec)
    asked = [(m, spec.columns if m.table == metric.table else ()) for m in (metric,) + spec.also]
    by_column = not spec.also and len(spec.columns) >= 2
    if by_column:   # one row, several columns: each on its own
        asked = [(metric, (c,)) for c in spec.columns]
    for m, columns in asked:
        reading = answerer.read_metric(report, m, columns, spec.as_printed)
        what = describe_metric(m, columns) + ("（总计）" if by_column and columns == ("total",) else "")
        unit = unit_of(reading.cells[0].cell_id) if reading.cells else "件"
        readings.append(reading)
        lines.append(problem_of(reading, what, book) or
                     f"{what}为{fmt(reading.value, unit)}{cite_all(book, reading)}")
    quotes = text_quotes(answerer, readings, book)
    notes = notes_for(answerer, readings, book)
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
    ordered = sorted(known, key=lambda mr: value_of(mr[1]), reverse=spec.rank_place > 0)
    unit = unit_of(ordered[0][1].cells[0].cell_id) if ordered[0][1].cells else "件"
    lines = [f"{m.label}：{fmt(r.value, unit)}{cite_all(book, r)}" for m, r in ordered]
    pick = ordered[place - 1][1]
    ties = [m.label for m, r in known if r.value == pick.value]
    way = "从多到少" if spec.rank_place > 0 else "从少到多"
    head = (f"{report.label()}按件数{way}排，第{CN_PLACE.get(place, str(place))}位是{'、'.join(ties)}，"
            f"为{fmt(pick.value, unit)}{cite_all(book, pick)}" + (f"（{len(ties)}项并列）" if len(ties) > 1 else "") + "。")
    notes = notes_for(answerer, [r for _, r in readings], book)
    return Answer(spec.question, head + "\n" + "\n".join(lines) + "".join(notes), "cell", pick.value, unit,
                  tuple(book.items), notes=tuple(notes))


def _answer_rows_gap(answerer: NumericAnswerer, spec: Interpretation, report: Report, book: CitationBook) -> Answer:
    """'予以公开比部分公开多多少', '哪个多，多几件', '自然人提的比商业企业提的多多少': two rows (or
    two columns of a row) of one report, the first less the second (signed as asked: "A比B少多少"
    is B − A; "哪个多" the size, the larger named)."""
    metric = metric_of(spec)
    terms = [(metric, spec.columns), (spec.also[0], spec.columns)] if spec.also else \
        [(metric, spec.columns[:1]), (metric, spec.columns[1:])]
    rows = []
    for m, columns in terms:
        reading = answerer.read_metric(report, m, columns, spec.as_printed)
        what = describe_metric(m, columns)
        rows.append((what, reading, cite_all(book, reading), problem_of(reading, what, book)))
    unit = unit_of(rows[0][1].cells[0].cell_id) if rows[0][1].cells else "件"
    listing = "，".join(f"{what}{fmt(r.value, unit)}{cites}" for what, r, cites, _ in rows)
    problems = [p for *_, p in rows if p]
    if problems:
        return Answer(spec.question, f"{report.label()}{listing}。" + "".join(problems), "cell", None, None,
                      tuple(book.items))
    (first, a, *_), (second, b, *_) = rows
    if not spec.also:   # two columns of one row: named by their columns ("自然人比商业企业多…")
        first, second = (column_word(metric.table, c, metric.rows[0]) for c in spec.columns)
    diff = value_of(a) - value_of(b)
    formula = f"{first} − {second} = {format_number(value_of(a))} − {format_number(value_of(b))} = {format_number(round(diff, 4))}"
    big, small = (first, second) if diff >= 0 else (second, first)
    head = f"{big}比{small}多{format_number(round(abs(diff), 4))}{unit}" if diff else "两者一样多"
    notes = notes_for(answerer, [a, b], book)
    return Answer(spec.question, f"{report.label()}{listing}；{head}（{formula}）。" + "".join(notes), "cell",
                  round(directed(diff, spec.direction), 6), unit, tuple(book.items), formula, notes=tuple(notes))


def _answer_difference(answerer: NumericAnswerer, spec: Interpretation, report: Report, whole: Reading,
                       what: str, unit: str, book: CitationBook) -> Answer:
    """'除了自然人以外' / '不含尚未审结的': the whole minus the parts the question leaves out."""
    ids: list[str] = []
    left_out: list[str] = []
    for m in spec.minus:
        ids += answerer.cell_ids(report, m, spec.columns)
        left_out.append(m.label)
    if not spec.minus and spec.minus_columns:
        metric = metric_of(spec)
        ids += answerer.cell_ids(report, metric, spec.minus_columns)
        left_out += [column_word(metric.table, c, metric.rows[0]) for c in spec.minus_columns]
    parts = answerer.read(report, ids, spec.as_printed)
    problem = problem_of(parts, "、".join(left_out), book)
    if problem:
        return Answer(spec.question, problem, "cell", None, None, tuple(book.items))
    value = value_of(whole) - value_of(parts)   # neither has a problem: answer_cell checked whole, this parts
    words = f"{what}（不含{'、'.join(left_out)}）"
    formula = f"{words} = {terms_of(book, whole)} − ({terms_of(book, parts)}) = {fmt(value, unit)}"
    def grouped(reading: Reading) -> str:   # "(26[1] + 20[2])": a sum subtracted as one
        terms = terms_of(book, reading)
        return f"({terms})" if len(reading.cells) > 1 else terms

    text = (f"{report.label()}{words}为{fmt(value, unit)}：{what} {grouped(whole)} − "
            f"{'、'.join(left_out)} {grouped(parts)} = {fmt(value, unit)}。")
    notes = notes_for(answerer, [whole, parts], book)
    return Answer(spec.question, text + "".join(notes), "cell", value, unit, tuple(book.items), formula,
                  notes=tuple(notes))


def answer_ratio(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    if len(reports) > 1 and not spec.years:
        reports = [max(reports, key=lambda r: r.year)]
    if len(reports) > 1:
        return answer_comparison(answerer, spec, reports)
    report = reports[0]
    num_ids, den_ids, words = ratio_parts(answerer, spec, report)
    num, den = answerer.read(report, num_ids, spec.as_printed), answerer.read(report, den_ids, spec.as_printed)
    book = CitationBook()
    label = spec.ratio.label if spec.ratio else "占比"
    for r, part in ((num, "分子"), (den, "分母")):
        problem = problem_of(r, part, book)
        if problem:
            return Answer(spec.question, f"无法计算{label}：{problem}", "ratio", None, None, tuple(book.items))
    if not den.value:
        return Answer(spec.question, f"{report.label()}{label}无法计算：分母为0{cite_all(book, den)}（{words}）。",
                      "ratio", None, None, tuple(book.items), words)
    if spec.operation == Operation.MULTIPLE:
        # routing sends "A是B的几倍" here only with B (share_of) set
        assert spec.share_of is not None, "a multiple of one report's rows names the row it is a multiple of"
        value = value_of(num) / value_of(den)   # neither has a problem (checked above)
        formula = f"倍数 = {words} = {format_number(num.value)} ÷ {format_number(den.value)} = {value:.2f}倍"
        text = (f"{report.label()}{describe_metric(spec.numerator[0], spec.columns)}是"
                f"{describe_metric(spec.share_of, spec.share_columns or spec.columns)}的{value:.2f}倍"
                f"（{words}：{terms_of(book, num)} ÷ {terms_of(book, den)}）。")
        return Answer(spec.question, text, "ratio", round(value, 6), "倍", tuple(book.items), formula)
    if spec.operation == Operation.PER_ITEM and spec.share_of is not None:
        value = value_of(num) / value_of(den)   # neither has a problem (checked above)
        unit = unit_of(num.cells[0].cell_id) if num.cells else "万元"
        what, per = (describe_metric(spec.share_of, c) for c in (spec.columns, spec.share_columns))
        formula = f"平均每项 = {what} ÷ {per} = {format_number(num.value)} ÷ {format_number(den.value)} = {value:.2f}{unit}"
        text = (f"{report.label()}{spec.share_of.label}平均每项{value:.2f}{unit}"
                f"（{what} {terms_of(book, num)} ÷ {per} {terms_of(book, den)}）。")
        return Answer(spec.question, text, "ratio", round(value, 6), unit, tuple(book.items), formula)
    if spec.operation == Operation.PERCENT_CHANGE:
        label = "较上一年变化"
    value = value_of(num) / value_of(den) * 100
    if spec.operation == Operation.SHARE and value > 100 and spec.ratio is None and spec.share_of is not None \
            and all(m.table == spec.share_of.table for m in spec.numerator or (metric_of(spec),)):
        # "结转下年度的占上年结转的比例" = 302.94%: a part is never more than its whole, so the
        # whole was misread — asked, never shown as a share
        return Answer(spec.question, f"按“{words}”算，{report.label()}{terms_of(book, num)} ÷ {terms_of(book, den)}"
                      f"超过100%，前者并不包含在后者之中，不能算作占比。您问的是占哪一项（或哪几项之和）的比例？",
                      "clarify", None, None, tuple(book.items), words)
    formula = (f"{label} = {words} = {format_number(num.value)} / {format_number(den.value)} × 100% "
               f"= {value:.2f}%")
    text = (f"{report.label()}{label}为{value:.2f}%（{words}：分子 {terms_of(book, num)} = "
            f"{format_number(num.value)}，分母 {terms_of(book, den)} = {format_number(den.value)}）。")
    notes = notes_for(answerer, [num, den], book)
    return Answer(spec.question, text + "".join(notes), "ratio", round(value, 4), "%",
                  tuple(book.items), formula, notes=tuple(notes))
