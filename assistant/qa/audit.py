"""Audit answers: the tables' arithmetic (勾稽关系) in words and numbers, every cell cited.

A failing rule and a passing one are both shown as an equation with the table's own
labels (“本年新收 95 + 上年结转 0 = 办理结果总计 93 + 结转下年度 2”); continuity across
years (R5) and the narrative against the table (R7) are answered when asked.
"""

from __future__ import annotations

from assistant.domain.corrections import apply as apply_corrections
from assistant.domain.narrative import parts_of, readings_of, stated_cells
from assistant.domain.records import STATUS_AMBIGUOUS, Answer, Cell, Report, format_number
from assistant.domain.rules import RULE_WORDS, Equation, equations
from assistant.domain.template import OTHER_SUBROWS, TABLE_TITLES, cell_label
from assistant.qa.interpretation import Interpretation
from assistant.qa.numeric import CitationBook, NumericAnswerer

SHOWN_TERMS = 6       # an equation with more terms shows (and cites) only its non-zero ones
DETAILED_REPORTS = 3  # beyond this many reports, passing checks are counted, not spelt out


def _label(cell_id: str) -> str:
    return cell_label(cell_id, with_table=False)


def _value(cells: dict[str, Cell], ids: tuple[str, ...]) -> float | None:
    total = 0.0
    for cid in ids:
        cell = cells.get(cid)
        if cell is None or cell.status == STATUS_AMBIGUOUS:
            return None
        total += cell.value or 0.0
    return total


def _side(book: CitationBook, report: Report, cells: dict[str, Cell], ids: tuple[str, ...]) -> str:
    present = [cells[i] for i in ids if i in cells]
    shown = present if len(present) <= SHOWN_TERMS else ([c for c in present if c.value] or present[:1])
    terms = " + ".join(f"{_label(c.cell_id)} {c.display_value() or '空'}[{book.cell(report, c)}]"
                       for c in shown)
    return terms + ("（其余各项为0或空）" if len(shown) < len(present) else "")


IN_REPORT = ("R1", "R2", "R3", "R4")


def _in_scope(eq: Equation, spec: Interpretation) -> bool:
    asked = [r for r in spec.rules if r in IN_REPORT]
    if asked and eq.rule not in asked:
        return False
    if spec.tables:
        return all(c.split(".")[0] in spec.tables for c in eq.cells)
    if spec.metric is not None and spec.metric.priority > 0:
        rows = {f"{m.table}.{r}." for m in (spec.metric,) + spec.also for r in m.rows}
        return any(c.startswith(tuple(rows)) for c in eq.cells)
    return True


def _named_rules(spec: Interpretation) -> set[str]:
    """The in-report rules the question names; "表三本身平不平" (all four) names none — the
    whole table, as by default."""
    named = set(spec.rules) & set(IN_REPORT)
    return set() if named == set(IN_REPORT) else named


def _headline(eq: Equation, value: float, named: set[str], columns: tuple[str, ...]) -> bool:
    """Passing checks spelt out (the rest are counted): R4 on every row, R1 on the 总计 column;
    a rule the question names on each column asked (every column when none is) or, R2, on
    every row with requests in it."""
    total = eq.lhs[0].endswith(".total")
    if eq.rule == "R2" and eq.rule in named:
        return value != 0
    if eq.rule in named and eq.rule in ("R1", "R3"):
        return total if columns == ("total",) else (value != 0 or total)
    return eq.rule == "R4" or (total and eq.rule == "R1")


def _equation_lines(answerer: NumericAnswerer, spec: Interpretation, report: Report, book: CitationBook,
                    detailed: bool, sums: list[str]) -> tuple[list[str], list, int, list[str]]:
    """(failing lines, passing equations to show, passing count, corrections used) for the
    report's R1–R4 in scope.

    ``sums`` collects each equation in plain numbers (the answer's formula). Passing
    equations are rendered (and their cells cited) only when nothing fails."""
    cells = {c.cell_id: c for c in answerer.library.sql.cells(report.id)}
    other_split = any(cid.startswith(f"requests.{r}.") for r in OTHER_SUBROWS for cid in cells)
    fails, passes, held, notes = [], [], 0, []
    reviewing = answerer.library.reviewing
    if not spec.as_printed:   # checked with the corrections in force, each one said and cited
        cells, used = apply_corrections(cells, report.issuer, report.year, reviewing.in_force())
        for original, correction in used:
            key = book.correction(report, original, correction)
            notes.append(f"{report.label()}：按更正后的数字核对——“{_label(original.cell_id)}”"
                         f"{correction.words(original)}[{key}]")
    reviews = reviewing.reviews_in_force()
    named = _named_rules(spec)
    for eq in equations(report.template, other_split):
        if not _in_scope(eq, spec) or not any(c in cells for c in eq.cells):
            continue
        lhs, rhs = _value(cells, eq.lhs), _value(cells, eq.rhs)
        if lhs is None or rhs is None:
            continue
        sums.append(f"{format_number(lhs)} {'=' if abs(lhs - rhs) <= 1e-6 else '≠'} {format_number(rhs)}")
        if abs(lhs - rhs) > 1e-6:
            review = reviews.get((report.issuer, report.year, eq.rule, eq.cells))
            fails.append(f"{report.label()} {eq.rule} 不成立：{_side(book, report, cells, eq.lhs)} ≠ "
                         f"{_side(book, report, cells, eq.rhs)}（左边 {format_number(lhs)}，"
                         f"右边 {format_number(rhs)}，相差 {format_number(round(abs(lhs - rhs), 4))}；"
                         f"{RULE_WORDS[eq.rule]}）" + (f"——审核：{review.words()}" if review else ""))
            continue
        held += 1
        if detailed and _headline(eq, lhs, named, spec.columns):
            passes.append((report, cells, eq, lhs))
    # a column holding every request (力洋镇's 自然人) says what its 总计 says: shown once
    totals = {(eq.rule, value) for _, _, eq, value in passes if eq.lhs[0].endswith(".total")}
    passes = [p for p in passes if p[2].lhs[0].endswith(".total") or p[2].rule == "R2"
              or (p[2].rule, p[3]) not in totals]
    return fails, passes, held, notes


def _passing_line(book: CitationBook, report: Report, cells: dict[str, Cell], eq: Equation,
                  value: float) -> str:
    return (f"{report.label()} {eq.rule} 成立：{_side(book, report, cells, eq.lhs)} = "
            f"{_side(book, report, cells, eq.rhs)} = {format_number(value)}")


def _continuity(answerer: NumericAnswerer, reports: list[Report], book: CitationBook) -> tuple[list[str], list[str]]:
    """R5 between consecutive years of one issuer (the neighbour year is taken from the library)."""
    by_issuer: dict[str, dict[int, Report]] = {}
    for r in answerer.library.primary_reports():
        by_issuer.setdefault(r.issuer, {})[r.year] = r
    pairs = []
    for r in reports:
        years = by_issuer.get(r.issuer, {})
        asked = {x.year for x in reports if x.issuer == r.issuer}
        if r.year - 1 in years and (r.year - 1 in asked or len(asked) == 1):
            pairs.append((years[r.year - 1], r))
        if len(asked) == 1 and r.year + 1 in years:
            pairs.append((r, years[r.year + 1]))
    fails, passes = [], []
    for last, this in dict.fromkeys(pairs):
        out_cells = {c.cell_id: c for c in answerer.library.sql.cells(last.id, ["requests.carried_out.total"])}
        in_cells = {c.cell_id: c for c in answerer.library.sql.cells(this.id, ["requests.carried_in.total"])}
        a, b = out_cells.get("requests.carried_out.total"), in_cells.get("requests.carried_in.total")
        if a is None or b is None:
            continue
        left = f"{this.year}年“{_label(b.cell_id)}” {b.display_value()}[{book.cell(this, b)}]"
        right = f"{last.year}年“{_label(a.cell_id)}” {a.display_value()}[{book.cell(last, a)}]"
        if (a.value or 0) == (b.value or 0):
            passes.append(f"{this.issuer} R5 成立：{left} = {right}")
        else:
            fails.append(f"{this.issuer} R5 不成立：{left} ≠ {right}")
    chained = sorted({r for pair in dict.fromkeys(pairs) for r in pair}, key=lambda r: (r.issuer, r.year))
    if fails or passes:
        passes.append(_carry_chain(answerer, chained, book))
    return fails, passes


CARRY_ROWS = ("requests.carried_in.total", "requests.carried_out.total")


def _carry_chain(answerer: NumericAnswerer, reports: list[Report], book: CitationBook) -> str:
    """Each year's carry in and carry out, in order ("2021年 上年结转 0 → 结转下年度 1；2022年 上年结转
    1 → …"): the chain the continuity check walks along, every figure cited."""
    steps = []
    for r in reports:
        cells = {c.cell_id: c for c in answerer.library.sql.cells(r.id, list(CARRY_ROWS))}
        shown = [f"{_label(cid).split('·')[0]} {cells[cid].display_value()}[{book.cell(r, cells[cid])}]"
                 for cid in CARRY_ROWS if cid in cells]
        if shown:
            steps.append(f"{r.year}年 " + " → ".join(shown))
    issuers = "、".join(dict.fromkeys(r.issuer for r in reports))
    return f"{issuers}各年结转：" + "；".join(steps)


def _same_table(sides: list[tuple[str, str]]) -> str:
    """(table title, cells) pairs joined with 、, a title said once where it repeats."""
    out, last = [], None
    for title, side in sides:
        out.append(side if title == last else title + side)
        last = title
    return "、".join(out)


def _narrative_figures(answerer: NumericAnswerer, spec: Interpretation, report: Report,
                       book: CitationBook) -> tuple[list[str], list[str]]:
    """R7: numbers the narrative states against the cells they stand for."""
    wanted = stated_cells()
    if spec.tables:
        wanted = {c for c in wanted if c.split(".")[0] in spec.tables}
    if spec.metric is not None and spec.metric.priority > 0 and not spec.quoted:   # figures quoted: narrowed below
        rows = tuple({f"{m.table}.{r}." for m in (spec.metric,) + spec.also for r in m.rows})
        wanted = {c for c in wanted if any(i.startswith(rows) for i in parts_of(c))} or wanted
        wanted = {c for c in wanted if c.rsplit(".", 1)[-1] in spec.columns} or wanted
    ids = sorted({i for c in wanted for reading in readings_of(c) for i in reading})
    cells = {c.cell_id: c for c in answerer.library.sql.cells(report.id, ids)}
    fails, passes = [], []
    stated = [(chunk, f, readings) for chunk, f in answerer.stated_figures(report.id) if f.cell_id in wanted
              if (readings := [tuple(cells[i] for i in r) for r in readings_of(f.cell_id) if all(i in cells for i in r)])]
    if any(f.value in spec.quoted for _, f, _ in stated):   # "正文说行政诉讼46件…": the figures quoted
        stated = [item for item in stated if item[1].value in spec.quoted]
    seen = set()
    for chunk in dict.fromkeys(chunk for chunk, _, _ in stated):
        # clause -> (stated, table title, table side, agrees)
        by_sentence: dict[str, list[tuple[float, str, str, bool]]] = {}
        key = None
        for f, readings in ((f, readings) for c, f, readings in stated if c is chunk):
            if (f.cell_id, f.value) in seen:
                continue
            seen.add((f.cell_id, f.value))
            key = key or book.chunk(report, chunk, "正文")   # the text's citation before the cells'
            parts = next((r for r in readings if _value(cells, tuple(c.cell_id for c in r)) == f.value), readings[0])
            value = _value(cells, tuple(c.cell_id for c in parts))
            shown = " + ".join(f"“{_label(c.cell_id)}” {c.display_value()}[{book.cell(report, c)}]" for c in parts)
            if len(parts) > 1 and value is not None:
                shown += f" = {format_number(value)}"
            title = TABLE_TITLES[f.cell_id.split(".")[0]]
            by_sentence.setdefault(f.sentence, []).append((f.value, title, shown, value == f.value))
        for sentence, items in by_sentence.items():
            # one line for what a clause states: "行政复议 351件，其中结果维持 72 件…" with each figure
            quoted = f"正文“{sentence.replace(chr(10), '')[:60]}”[{key}]"
            agree = [(v, title, shown) for v, title, shown, ok in items if ok]
            if agree:
                passes.append(f"{report.label()} R7 成立：{quoted}称 {'、'.join(format_number(v) for v, _, _ in agree)}，"
                              f"与{_same_table([(title, shown) for _, title, shown in agree])}一致")
            for v, title, shown, ok in items:
                if not ok:
                    scope = "（正文所说是“代表”本级受理的口径，与全表统计范围不同，可能不是错误）" if "代表" in sentence else ""
                    fails.append(f"{report.label()} R7 不成立：{quoted}称 {format_number(v)}，与{title}{shown}不符{scope}")
    if not fails and not passes:
        passes.append(f"{report.label()}：正文没有给出可与表格核对的数字（R7 无从检查）")
    return fails, passes


def answer_audit(answerer: NumericAnswerer, spec: Interpretation, reports: list[Report]) -> Answer:
    """Every check in scope with its numbers: failing ones first, then the ones that hold."""
    book = CitationBook()
    fails: list[str] = []
    passes: list[str] = []
    sums: list[str] = []
    held = 0
    detailed = len(reports) <= DETAILED_REPORTS
    # "正文…和表三一致吗" asks R7 only (表三 is its scope); R1–R4 run unless other rules alone are asked.
    in_report = not spec.rules or any(r in IN_REPORT for r in spec.rules)
    for report in reports:
        if in_report:
            f, shown, n, corrected = _equation_lines(answerer, spec, report, book, detailed, sums)
            fails, held, passes = fails + f, held + n, passes + corrected
            if not f:   # a report with a failing check shows that; one that holds shows its equations
                passes += [_passing_line(book, *item) for item in shown]
        if "R7" in spec.rules:
            f, p = _narrative_figures(answerer, spec, report, book)
            fails, passes = fails + f, passes + p
    if "R5" in spec.rules:
        f, p = _continuity(answerer, reports, book)
        fails, passes = fails + f, passes + p
        if not f and not p:
            passes.append("没有相邻年度的报告可供核对上年结转（R5）。")
    if in_report and not spec.rules:
        stored = answerer.library.sql.findings_for([r.id for r in reports])
        for r in reports:
            for finding in stored.get(r.id, ()):
                if finding.rule in ("R5", "R6", "R7") and _in_scope(Equation(finding.rule, finding.cells, ()), spec):
                    fails.append(f"{r.label()} {finding.detail}")
    rules = sorted({line.split(" 不成立")[0].split()[-1] for line in fails})
    if fails:
        head = "发现勾稽关系不成立：" + "、".join(f"{r}（{RULE_WORDS.get(r, r)}）" for r in rules) + "。"
    else:
        head = "所查表格数字符合勾稽关系，未发现问题。"
    tail = ["其余各列、各行的等式经核对都成立。"] if held and (fails or detailed) else []
    if not detailed and held and not fails:
        tail = ["所查报告的各个等式经核对都成立。"]
    text = "\n".join([head] + fails + passes + tail)
    return Answer(spec.question, text, "audit", None, None, tuple(book.items), "；".join(sums) or None)
