"""What a question leaves out ("除了自然人以外", "不算上年结转的", "部分公开的不算"): the spans of its
negations, the rows and columns they take out of a reading, and the exclusions no table can take."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from assistant.domain.template import (
    ORG_COLUMNS,
    OTHER_SUBROWS,
)
from assistant.qa import wording as w
from assistant.qa.cells_asked import PARTS, column_spans, is_part, named_columns
from assistant.qa.interpretation import Interpretation
from assistant.qa.issuers import find_issuers, find_years
from assistant.qa.lexicon import Lexicon, Match, Metric, expand_column


def columns_left(q: str, lexicon: Lexicon, metric: Metric | None) -> tuple[str, ...]:
    """'已审结的行政复议中（不算尚未审结的）': the row's part columns less those the question
    leaves out — the whole a share is taken of; () when no column is left out."""
    if metric is None or metric.table not in PARTS:
        return ()
    out = {c for s, e in w.negation_spans(q) for c in lexicon.find_columns(q[s:e], metric.table)}
    out = {x for c in out for x in (ORG_COLUMNS if c == "_orgs" else (c,))}
    parts = PARTS[metric.table]
    return tuple(c for c in parts if c not in out) if out & set(parts) else ()


def unread_exclusions(spec: Interpretation, lexicon: Lexicon, issuers: Sequence[str]) -> tuple[list[str], list[str]]:
    """What a numeric reading leaves out that names nothing it can leave out — no year, place,
    row or column of the tables read ("不算网上办理的", "不算尚未审结的" of 新收): said with a
    verb of exclusion (不算, 不含, 除了…), then (hard, soft) where soft ones are 不是/不要
    asides ("不是很确定") that exclude nothing."""
    metrics = [m for m in (spec.metric, *spec.also, *spec.numerator, spec.share_of, *spec.share_also, *spec.minus)
               if m is not None]
    tables = {m.table for m in metrics} | {c.split(".")[0] for c in
                                           (spec.ratio.numerator + spec.ratio.denominator if spec.ratio else ())}
    results = lexicon.metric("requests.result_total")
    taken_out = {m.id for m in spec.minus}

    def read(row: Metric) -> bool:
        """A row left out of its group (taken out, or the group narrowed), or a row that is
        no part of another ("不算上年结转的，本年新收" says which row is meant); a result row
        is no part of 新收 ("新收申请，不算重复申请的": the table cannot say)."""
        return row.priority > 0 and (row.id in taken_out or any(is_part(row, t) for t in metrics)
                                     or (spec.metric is not None and spec.metric.id.endswith("-without"))
                                     or not is_part(row, results))

    hard: list[str] = []
    soft: list[str] = []
    for m in w.NEGATION.finditer(spec.question):
        words = m.group(1)
        if find_years(words) or find_issuers(words, list(issuers)) \
                or any(read(found.metric) for found in lexicon.find_metrics(words)) \
                or any(lexicon.find_columns(words, t) for t in tables):
            continue
        (soft if re.match(r"不是|不要|不需要", m.group(0)) else hard).append(words)
    return hard, soft


def without_exclusions(q: str, phrases: list[str]) -> str:
    """The question with these exclusions taken out ("大宁县2020年行政许可处理决定多少，不算网上
    办理的" → "大宁县2020年行政许可处理决定多少"): the question the printed figure answers."""
    for m in reversed(list(w.NEGATION.finditer(q))):
        if m.group(1) in phrases:
            end = re.match(r"的?(?:以外|之外|外)?的?(?:那些|那部分)?[，,、]?", q[m.end():])
            q = q[:m.start()] + q[m.end() + (end.end() if end else 0):]
    return re.sub(r"[，,、]+(?=[？?。]|$)", "", q).strip("，,、 ")


def negation(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match],
             negated: list[Match]) -> Interpretation:
    """Rows and columns the question leaves out: dropped, or taken out of their whole.

    "不予公开…除了行政查询事项" is the group's other rows; "除了自然人以外的申请人" the other
    applicant columns; "办理结果里除了予以公开和部分公开" is （七）总计 minus those rows;
    "不算上年结转的，本年新收" simply does not mean 上年结转.
    """
    spans = w.negation_spans(q)
    metric = spec.metric
    if not spans or metric is None:
        return spec
    parts = [m.metric for m in negated if is_part(m.metric, metric)]
    if parts and metric.id == "requests.result_total":
        spec = replace(spec, minus=tuple(parts))
    elif parts:
        group = OTHER_SUBROWS if metric.id == "requests.other" else metric.rows
        left_out = {r for m in parts for r in m.rows}
        rows = tuple(r for r in group if r not in left_out)
        words = "、".join(m.label.split("·")[-1] for m in parts)
        metric = Metric(f"{metric.id}-without", metric.table, rows, f"{metric.label}（不含{words}）", (),
                        metric.priority)
        spec = replace(spec, metric=metric)
    taken = [(m.start, m.end) for m in matches + negated]
    every_col = lexicon.find_columns(q, metric.table, taken)
    inside = {c for c in every_col if any(w.within_spans(s, e, spans) for s, e in column_spans(q, lexicon, metric.table, c))}
    blanked = w.without_negated(q)   # the columns named outside what is left out
    named = named_columns(blanked, lexicon, metric, matches, False)
    if inside and "_orgs" in named:   # "法人或其他组织…不包括商业企业": the other four
        named = tuple(c for c in named if c != "_orgs") + ORG_COLUMNS
    kept = tuple(c for c in named if c not in inside)
    if inside and w.REST.search(blanked) and metric.table in PARTS:
        kept = ()   # "不算自然人，其余那些企业、机构、组织": the rest, whatever examples are named
    if inside and not [c for c in kept if c != "total"] and metric.table in PARTS:
        kept = tuple(c for c in PARTS[metric.table] if c not in inside)   # 总计's other parts
    out = {c for i in inside for c in expand_column(i)}
    if metric.table in PARTS and out and set(kept) | out == set(PARTS[metric.table]) and not set(kept) & out \
            and set(kept) != set(ORG_COLUMNS):
        # every part but those left out: the printed 总计 minus them ("已审结" = 总计 − 尚未审结),
        # unless what is left is a group the table prints (不算自然人 = 法人或其他组织, its five added)
        return replace(spec, columns=kept, minus_columns=tuple(c for c in PARTS[metric.table] if c in out))
    return replace(spec, columns=kept)
