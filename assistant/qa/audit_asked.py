"""What an audit question asks: which tables, which rules (R5 continuity, R7 the text against
the table, R1–R3 named by their rows), which columns, and the figures it quotes."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa import wording as w
from assistant.qa.cells_asked import named_columns
from assistant.qa.interpretation import Interpretation, Operation, Route
from assistant.qa.lexicon import Lexicon, Match


def asks_audit(q: str, ratio) -> bool:
    """Whether the question checks the tables' arithmetic ("对得上吗", "正文说…跟表格一致吗")
    rather than asking a number."""
    # "正文说…是多少件，跟表格里的…一致吗": the text against the table, even with a number asked
    text_vs_table = bool(w.TEXT_SAYS.search(q) and w.TABLE_SAYS.search(q) and w.YES_NO.search(q))
    return bool(w.AUDIT.search(q)) and not ratio and (text_vs_table or not (
        not re.search(r"勾稽|对得上|对不上|矛盾|衔接|相符|吻合|等于|相等|对不对", q)
        and w.WEAK_AUDIT.search(q) and (re.search(r"多少|几[件个项]", q) or not w.YES_NO.search(q))))


def audit_reading(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match], years: tuple[int, ...],
                  previous: Interpretation | None) -> Interpretation:
    """The audit route: its tables, rules, columns and quoted figures (``years``: those the
    question itself names)."""
    tables = tuple(t for t, pattern in w.AUDIT_TABLES if pattern.search(q))
    if not tables and w.THIS_TABLE.search(q) and previous is not None and previous.metric is not None:
        tables = (previous.metric.table,)
    rules = tuple(r for r, pattern in (("R5", w.CONTINUITY), ("R7", w.NARRATIVE_VS_TABLE)) if pattern.search(q))
    rows_named = {m.id for m in (spec.metric, *spec.also) if m is not None}
    if previous is not None and previous.metric is not None and previous.route != Route.AUDIT:
        # "2022年上年结转几件？" → "跟2021年报的结转下年度对得上吗": the row asked just before too
        rows_named.add(previous.metric.id)
    if "R5" not in rules and {"requests.carried_in", "requests.carried_out"} <= rows_named \
            and len(set(years) | set(spec.years) | set(spec.context_years)) > 1:
        rules = ("R5",) + rules   # "2021年结转到下一年的…，在2022年的上年结转里接上了吗"
    if w.CARRIED_BOTH.search(q) and "R5" not in rules:
        rules = ("R5",) + rules if len(set(years) | set(spec.years)) > 1 or len(spec.context_years) > 1 \
            else rules
    named_rules = tuple(r for r, words in (("R1", w.R1_WORDS), ("R2", w.R2_WORDS), ("R3", w.R3_WORDS))
                        if words.search(q)) if tables != ("review",) else ()
    if {"R1", "R3"} <= set(named_rules) and not w.R3_WORDS.search(w.R1_WORDS.sub("", q)):
        named_rules = tuple(r for r in named_rules if r != "R3")   # "（七）总计" said as one side of R1
    if named_rules:   # table 三's own equations, named by their rows ("各项办理结果加起来…")
        # (R5 only when asked in words: "…能衔接上吗？2024年的收支平衡吗"; table 四 named beside them:
        # its sums too, "…、各行总计、表四总计")
        rules = named_rules + tuple(r for r in rules if r != "R5" or w.CONTINUITY.search(q)) \
            + (("R4",) if "review" in tables else ())
    if "R7" in rules and w.TABLE_ITSELF.search(q):   # "…和表三对得上吗？表三本身平不平？"
        rules = rules + ("R1", "R2", "R3", "R4")
    if "R7" in rules and spec.metric is not None:
        # "正文说接到申请4条、上年转结1条": every figure the text is quoted for, a plain 申请 too
        quoted = tuple(m.metric for m in matches if m.metric.priority == 0
                       and m.metric not in (spec.metric,) + spec.also)
        spec = replace(spec, also=spec.also + quoted)
    if tables and spec.metric is not None and spec.metric.table in tables and not rules:
        spec = replace(spec, metric=None, also=())   # the whole table, not one row of it
    columns = named_columns(q, lexicon, spec.metric, matches, False) if spec.metric is not None else ()
    if w.ALL_COLUMNS.search(q):   # "…办理总计加结转下年？每一列都算一下": 总计 there is a row's word
        columns = tuple(c for c in columns if c != "total")
    if named_rules and not columns and set(named_rules) & {"R1", "R3"} and not w.EVERY_COLUMN.search(q):
        columns = ("total",)   # rows named without a column: their 总计, as a cell question reads them
    figures = tuple(float(n) for n in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]*\s*年)", q)
                    if int(float(n)) not in spec.years) if "R7" in rules else ()
    if "R5" in rules and len(spec.years) == 1 and previous is not None and set(previous.years) - set(spec.years):
        # "平潭2022年上年结转几件" → "跟2021年报的结转下年度对得上吗": the two years the conversation named
        spec = replace(spec, years=tuple(sorted(set(spec.years) | set(previous.years))))
    return replace(spec, route=Route.AUDIT, operation=Operation.AUDIT, tables=tables, rules=rules,
                   columns=columns, quoted=figures)
