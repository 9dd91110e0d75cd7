"""The pieces every numeric answer is built from: the metric asked, a reading's value, its
citation marks and sum, what a reading cannot give (blank, ambiguous, missing), the warnings on
inferred or failing cells, the text's own sentence stating a figure, and a rate's numerator and
denominator for one report."""

from __future__ import annotations

import re

from assistant.domain.records import STATUS_INFERRED, Report, format_number
from assistant.domain.rules import RULE_WORDS
from assistant.domain.template import cell_label
from assistant.qa.interpretation import Interpretation, Operation
from assistant.qa.lexicon import Metric
from assistant.qa.numeric import (
    CitationBook,
    NumericAnswerer,
    Reading,
    Refusal,
    describe_metric,
)


def metric_of(spec: Interpretation) -> Metric:
    """The row a numeric answer reads: routing gives every numeric route a metric, except the
    ratio questions (``spec.ratio`` set), which are answered before this is asked."""
    assert spec.metric is not None, "a numeric route without a ratio has a metric"
    return spec.metric


def value_of(reading: Reading) -> float:
    """The total of a reading known to have one (``problem_of`` is None, or filtered on value)."""
    assert reading.value is not None, "a reading without blank, ambiguous or missing cells has a value"
    return reading.value


def cite_all(book: CitationBook, reading: Reading) -> str:
    return "".join(f"[{book.cell(reading.report, c)}]" for c in reading.cells)


def terms_of(book: CitationBook, reading: Reading) -> str:
    """'a[1] + b[2]': every cell is cited; only those with a value are spelled out when
    there are many (8 withheld rows of which 2 are not 0)."""
    keys = {c.cell_id: book.cell(reading.report, c) for c in reading.cells}
    shown = reading.cells if len(reading.cells) <= 4 else ([c for c in reading.cells if c.value] or reading.cells[:1])
    text = " + ".join(f"{format_number(c.value or 0)}[{keys[c.cell_id]}]" for c in shown)
    return re.sub(r"\+ -(?=\d)", "− ", text)   # "1701[1] − 453[2]", not "+ -453"


def text_quotes(answerer: NumericAnswerer, readings: list[Reading], book: CitationBook) -> str:
    """The text's own sentences stating the one-cell figures read (part of the answer, not a warning)."""
    return "".join(_text_says_so(answerer, r.report, r.cells[0].cell_id, r.value, book) for r in readings
                   if len(r.cells) == 1 and r.value is not None and not r.corrections)


def notes_for(answerer: NumericAnswerer, readings: list[Reading], book: CitationBook) -> list[str]:
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
                  book: CitationBook) -> str:
    """'本年度全区共收到70件申请，…办结69件': the report's own sentence stating the figure just read
    from its table, quoted and cited; "" when it states none (a figure the text gives otherwise is
    rule R7's, not this)."""
    for chunk, f in answerer.stated_figures(report.id):
        if f.cell_id == cell_id and f.value == value:
            quote = _clauses_around(f.sentence, f.start - chunk.text.find(f.sentence))
            return f"报告正文也写明：“{quote}”[{book.chunk(report, chunk, chunk.section or '正文')}]。"
    return ""


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


def problem_of(reading: Reading, what: str, book: CitationBook) -> str | None:
    """Text for a reading that has no single number (blank / ambiguous / missing)."""
    who = reading.report.label()
    if reading.blank:
        return f"{who}报告中“{what}”一栏为空白（未填写，不等于0）{cite_all(book, reading)}。"
    if reading.ambiguous:
        parts = "；".join(f"“{cell_label(c.cell_id)}”可能为 {c.display_value()}[{book.cell(reading.report, c)}]"
                         for c in reading.ambiguous)
        return (f"{who}报告中“{what}”无法唯一确定：原文表格数字连写，按勾稽关系仍有多种拆分（{parts}）。")
    if reading.missing:
        return f"{who}报告中没有读到“{what}”的表格数字。"
    return None


def directed(change: float, direction: str | None) -> float:
    """A signed change as asked: "减少了多少" (down) wants a fall as a positive number and a
    rise (the opposite of what was asked) as a negative one; "哪年多，多多少" (gap) the size of the
    difference whichever way it goes; "增加" (up) and no direction keep the sign."""
    return abs(change) if direction == "gap" else -change if direction == "down" else change


CN_PLACE = {1: "一", 2: "二", 3: "三", 4: "四", 5: "五", 6: "六", 7: "七", 8: "八", 9: "九"}


def whole_cells(answerer: NumericAnswerer, spec: Interpretation, report: Report,
           columns: tuple[str, ...] | None = None) -> list[str]:
    """The denominator's cell ids: the whole's rows (share_of + share_also) in its own columns
    when the question names them, else its total (a table-二 row: its default column)."""
    if columns is None:
        columns = spec.share_columns or (("total",) if spec.share_of is not None and spec.share_of.table != "active"
                                         else ())
    return [c for m in (spec.share_of,) + spec.share_also if m is not None for c in answerer.cell_ids(report, m, columns)]


def ratio_parts(answerer: NumericAnswerer, spec: Interpretation, report: Report):
    """(numerator cell ids, denominator cell ids, formula words) for a ratio question."""
    if spec.ratio is not None and spec.share_columns:
        # "纠错率，不算尚未审结的": the denominator's row in the columns left (routing checked
        # that the rate lies in one row)
        row = spec.ratio.denominator[0].rsplit(".", 1)[0]
        return (list(spec.ratio.numerator), [f"{row}.{c}" for c in spec.share_columns],
                f"{spec.ratio.formula.split('/')[0]}/{describe_metric(answerer.lexicon.metric(row), spec.share_columns)}")
    if spec.ratio is not None:
        return list(spec.ratio.numerator), list(spec.ratio.denominator), spec.ratio.formula
    metric = metric_of(spec)
    if spec.operation == Operation.PERCENT_CHANGE:   # 2019 table 二: 本年增/减 over 上一年项目数量
        return (answerer.cell_ids(report, metric, ("change",)), answerer.cell_ids(report, metric, ("prev_items",)),
                f"{metric.label}本年增/减/上一年项目数量")
    # "结果纠正的占行政复议总数的比例": 总数 names the denominator, never a part of the numerator
    parts = tuple(c for c in spec.columns if c != "total")
    num = answerer.cell_ids(report, metric, parts if parts and (spec.share_of is None or spec.share_of.id == metric.id)
                            else spec.columns)
    if spec.operation == Operation.MULTIPLE and spec.share_of is not None:
        num = [c for m in spec.numerator for c in answerer.cell_ids(report, m, spec.columns)]
        den = whole_cells(answerer, spec, report, spec.share_columns or spec.columns)
        return num, den, (f"{describe_metric(spec.numerator[0], spec.columns)}/"
                          f"{describe_metric(spec.share_of, spec.share_columns or spec.columns)}")
    if spec.numerator and spec.share_of is not None:
        num = [c for m in spec.numerator for c in answerer.cell_ids(report, m, spec.columns or ("total",))]
        den = whole_cells(answerer, spec, report)
        named = "+".join(describe_metric(m, spec.columns) for m in spec.numerator)
        whole = "+".join(describe_metric(m, spec.share_columns) for m in (spec.share_of,) + spec.share_also)
        words = (f"（{named}）" if len(spec.numerator) > 1 else named) + "/" + (f"（{whole}）" if spec.share_also else whole)
        return num, den, words
    if len(spec.numerator) > 1 and metric.table == "requests":
        # "予以公开和部分公开合计占总计的比例": the rows named over （七）总计.
        num = [c for m in spec.numerator for c in answerer.cell_ids(report, m, spec.columns or ("total",))]
        return num, ["requests.result_total.total"], "（" + "+".join(m.label for m in spec.numerator) + "）/办理结果总计"
    if spec.share_of is not None:
        den = whole_cells(answerer, spec, report)
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


def ratio_value(answerer: NumericAnswerer, spec: Interpretation, report: Report):
    num_ids, den_ids, words = ratio_parts(answerer, spec, report)
    num, den = answerer.read(report, num_ids, spec.as_printed), answerer.read(report, den_ids, spec.as_printed)

    def cites(book: CitationBook) -> str:
        return cite_all(book, num) + cite_all(book, den)

    if num.value is None or den.value in (None, 0):
        return report, None, cites, ""
    value = num.value / den.value * 100
    return report, value, cites, f"{report.label()}：{format_number(num.value)} ÷ {format_number(den.value)} × 100% = {value:.2f}%"
