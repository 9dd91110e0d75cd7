"""Which cells a question names, once its who and when are known: the metric's columns
(and those a follow-up keeps), the rows a sum takes in, the numerator and denominator of a
share, what it leaves out ("除了自然人以外", "不算上年结转的"), the N-th row of a group, a
table-二 row's count or its several counts, and the direction of a change asked.
``routing.interpret`` calls these; they read the question's normalised text only."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import lru_cache

from assistant.domain.rules import REVIEW_PARTS
from assistant.domain.template import (
    ALL_ROWS,
    ITEM_COLUMNS,
    ORG_COLUMNS,
    OTHER_SUBROWS,
    REQUEST_PARTS,
    RESULT_ROW_IDS,
    REVIEW_ROWS,
    V2019,
    V2021,
    Row,
    rows_for,
    version_for_year,
)
from assistant.qa import wording as w
from assistant.qa.interpretation import Interpretation
from assistant.qa.issuers import find_issuers, find_years
from assistant.qa.lexicon import Lexicon, Match, Metric, Ratio, expand_column


def metric_rows(metric: Metric) -> list[Row]:
    """The template rows a metric reads, as printed in every template version."""
    return [r for r in ALL_ROWS if r.table == metric.table and r.id in metric.rows]


def own_columns(metric: Metric) -> set[str]:
    """The column ids the metric's rows have in some template version."""
    return {c.id for r in metric_rows(metric) for c in r.columns}


def rate_column_of_another_row(ratio: Ratio, metric: Metric) -> str | None:
    """'复议后起诉的行政诉讼，结果维持率': a rate the catalogue defines for one row (行政复议's 维持率:
    结果维持 / 总计) asked of another row that has the column — the column, else None."""
    if len(ratio.numerator) != 1 or len(ratio.denominator) != 1:
        return None
    table, row, column = ratio.numerator[0].split(".")
    table_d, row_d, column_d = ratio.denominator[0].split(".")
    same_row = (table, row) == (table_d, row_d) and column_d == "total"
    other = metric.table == table and row not in metric.rows and column in own_columns(metric)
    return column if same_row and other else None


def has_item_change(metric: Metric, year: int) -> bool:
    """Whether the row, in the template of ``year``'s report, prints 本年增/减 (a 2019 table 二)."""
    version = version_for_year(year)
    return any(c.id == "change" for r in metric_rows(metric) if version in r.versions for c in r.columns)


# the part columns of a row whose 总计 is their sum
PARTS = {"requests": ("natural_person",) + ORG_COLUMNS, "review": REVIEW_PARTS}


def named_columns(q: str, lexicon: Lexicon, metric: Metric | None, matches: list[Match],
                  comparing: bool) -> tuple[str, ...]:
    table = metric.table if metric else "requests"
    own = None
    if table == "active" and metric is not None:
        # "采购项目数量" is 采购项目数量, not 上一年项目数量: only the row's own columns count.
        own = own_columns(metric)
    cols = lexicon.find_columns(q, table, [(m.start, m.end) for m in matches], own)
    if comparing and not w.CHANGE_WORDS.search(q):
        cols = [c for c in cols if c != "change"]   # 增加/减少 compare years, not the 增/减 column
    if table == "active" and set(cols) == set(ITEM_COLUMNS) and (w.SUM.search(q) or w.PLUS.search(q)):
        # "上一年项目数量加本年增减一共是多少": this year's items, the two columns summed
        return ITEM_COLUMNS
    if table == "active" and len(cols) > 1:
        cols = [min(cols, key=w.ACTIVE_COLUMN_ORDER.index)]
    if "_orgs" in cols and len(cols) > 1:
        # 法人或其他组织里的“其他”: the one column; "企业、律所这些法人或者其他组织": examples of them all
        cols = ["_orgs"] if w.EXAMPLES.search(q) else [c for c in cols if c != "_orgs"]
    return tuple(cols)


def absorb_members(metric: Metric | None, also: tuple[Metric, ...]) -> tuple[Metric | None, tuple[Metric, ...]]:
    """'行政诉讼…直接起诉和复议后起诉都算上': a group named with its members is the group."""
    every = ([metric] if metric else []) + list(also)
    groups = [m for m in every if len(m.rows) > 1]
    for g in groups:
        members = [m for m in every if m is not g and set(m.rows) <= set(g.rows) and m.table == g.table]
        if len(members) >= 2:   # one member named beside its group word is that member
            rest = tuple(m for m in every if m is not g and m not in members)
            return g, rest
        if members:
            return members[0], tuple(m for m in every if m is not g and m is not members[0])
    return metric, also


def in_order(matches: list[Match]) -> list[Match]:
    return sorted(matches, key=lambda m: m.start)


def share_parts(q: str, lexicon: Lexicon, matches: list[Match]
                ) -> tuple[tuple[Metric, ...], Metric | None, tuple[Metric, ...]]:
    """'予以公开和部分公开合计占办理结果总数的…': metrics before 占 over the one after it
    (numerator rows, the whole, further rows summed into the whole).

    The whole is read from the words after 占 on their own, so "行政诉讼里，复议后起诉的占全部
    行政诉讼的比例" finds 行政诉讼 again after 占; "占新收和上年结转合计的比例" sums both."""
    at = q.find("占")
    if at < 0:
        named = in_order(matches)
        wholes = [m.metric for m in named if any(is_part(p.metric, m.metric) for p in named)]
        if wholes:   # "办理结果中，予以公开和部分公开的比例": the whole the others are parts of
            parts = [m.metric for m in named if is_part(m.metric, wholes[0])]
            # ("无法提供·本机关不掌握…": the row, not also its group)
            return tuple(p for p in parts if not any(is_part(o, p) for o in parts)), wholes[0], ()
        if len(named) == 2 and w.PLUS.fullmatch(q[named[0].end:named[1].start].strip("的")):
            return (named[0].metric, named[1].metric), None, ()   # "予以公开和部分公开的比例": both, of the usual whole
        return (), (matches[1].metric if len(matches) > 1 else None), ()
    # the whole is in the sentence of 占 ("…占办理结果总计的比例是多少？（予以公开÷总计）": not the aside after it)
    # ("那占比呢？占全部办结的": a sentence naming nothing, the next one)
    end = re.search(r"[？?。！!；;]", q[at + 1:])
    after = (lexicon.find_metrics(q[at + 1:at + 1 + end.start()]) if end else []) or lexicon.find_metrics(q[at + 1:])
    share_of = after[0].metric if after else None
    summed = in_order(after)
    also: tuple[Metric, ...] = ()
    if len(summed) >= 2 and all(m.metric.table == summed[0].metric.table for m in summed) \
            and not any(is_part(a.metric, b.metric) for a in summed for b in summed) \
            and all(len(gap := q[at + 1 + a.end:at + 1 + b.start].strip("的")) <= 3 and w.PLUS.match(gap)
                    for a, b in zip(summed, summed[1:])):   # "上年结转加本年新收"
        share_of, also = summed[0].metric, tuple(m.metric for m in summed[1:])
    before = [m.metric for m in sorted(matches, key=lambda m: m.start)
              if m.start < at and (share_of is None or m.metric.id != share_of.id)]
    whole = [m for m in before if any(is_part(p, m) for p in before)]
    if share_of is None and whole:   # "办理结果中，予以公开和部分公开合计占总计的比例": the whole named first
        share_of = whole[0]
        before = [m for m in before if m is not share_of]
    # "因“本机关不掌握”而无法提供的": the row, not also its group (counted once)
    before = [m for m in before if not any(is_part(p, m) for p in before)]
    return tuple(m for m in before if m not in also), share_of, also


def unprinted_topic(q: str, lexicon: Lexicon) -> str | None:
    """'那95件申请里，有多少件是关于征地拆迁的': a subject the tables print no row or column for
    (涉及国家秘密的 is a row: None)."""
    for m in w.TOPIC.finditer(q):
        topic = m.group(1)
        if not lexicon.find_metrics(topic) and not any(lexicon.find_columns(topic, t) for t in ("requests", "review")) \
                and not re.search(r"政府|[县区市镇]|部门|单位|机关|公开|信息|年|报告|表|数据|情况|工作", topic):
            return topic
    return None


def restated_members(q: str, lexicon: Lexicon) -> str:
    """'行政诉讼（直接起诉加复议后起诉）里…': a bracket that lists the members of the group named
    just before it says what the group is, so it is blanked out (offsets kept) and the group
    is read as named."""
    for m in w.BRACKET_SUM.finditer(q):
        before = [x for x in lexicon.find_metrics(q[:m.start()]) if x.end == m.start()]
        inside = lexicon.find_metrics(m.group(1))
        if before and len(inside) >= 2 and len(before[0].metric.rows) > 1 \
                and all(set(x.metric.rows) <= set(before[0].metric.rows) for x in inside):
            q = q[:m.start()] + "　" * (m.end() - m.start()) + q[m.end():]
    return q


def _terms(found: list[Match]) -> tuple[Metric, ...]:
    """The rows a formula's side names, in order, a group named with its members taken once."""
    rows = tuple(m.metric for m in in_order(found))
    if not rows:
        return ()
    first, rest = absorb_members(rows[0], rows[1:])
    return tuple(m for m in rows if m is first or m in rest) if first is not None else ()


def bracket_formula(q: str, lexicon: Lexicon, matches: list[Match]
                    ) -> tuple[tuple[Metric, ...], tuple[Metric, ...]] | None:
    """A share whose terms the question spells out in brackets: (numerator rows, whole rows).

    '全部公开率（予以公开/办结总数）': the rows left of the slash over those right of it, whatever
    the rate's usual formula. '…占当年全部待办申请（新收+上年结转）的比例', '需要办理的申请
    （新收加上年结转）里，结转到下年度的占多少': the bracket sums the whole (it follows 占, or
    ends a clause with 里/中), the rows named outside it are the part; before 占 it sums the part.
    None when no bracket names rows so."""
    for b in w.BRACKET_SUM.finditer(q):
        inner = b.group(1)
        slash = w.OVER.search(inner)
        if slash:
            # "（无法提供本机关不掌握…÷总计）": a group word before its member names the member
            top, bottom = (_terms(lexicon.find_metrics(side)) for side in (inner[:slash.start()], inner[slash.end():]))
            if top and bottom:
                return top, bottom
            continue
        inside = tuple(m.metric for m in in_order(lexicon.find_metrics(inner)) if w.PLUS.search(inner))
        if len(inside) < 2:
            continue
        outside = [m for m in in_order(matches) if not b.start() <= m.start < b.end()]
        at = q.find("占")
        if 0 <= at < b.start():   # "…占全部待办申请（新收+上年结转）的比例"
            part, whole = tuple(m.metric for m in outside if m.start < at), inside
        elif w.CLAUSE_END.match(q, b.end()):   # "需要办理的申请（新收加上年结转）里，…的占多少"
            part, whole = tuple(m.metric for m in outside if m.start >= b.end()), inside
        elif at > b.end():   # "公开的（予以公开+部分公开）占办结总数的比例"
            part, whole = inside, tuple(m.metric for m in outside if m.start > at)
        else:
            continue
        part = tuple(m for m in part if m not in whole and not any(is_part(p, m) for p in part))
        if part and whole:
            return part, whole
    # "把予以公开和部分公开加起来，除以办理结果的总数": the formula said in words, outside brackets
    over = w.DIVIDED.search(q)
    if over:
        top = _terms([m for m in matches if m.end <= over.start()])
        bottom = _terms([m for m in matches if m.start >= over.end()])
        if top and bottom:
            return top, bottom
    return None


def whole_first(q: str, lexicon: Lexicon, matches: list[Match]
                ) -> tuple[tuple[Metric, ...], Metric, tuple[Metric, ...], tuple[str, ...]] | None:
    """'本年新收加上年结转的申请里，有百分之多少结转到下年度': the whole named first, before
    中/里, the part after it — (numerator, whole, further rows of the whole, the whole's columns).
    A whole named only by who asked ("企业提交的申请中") is their new requests in that column.
    None when the question has no such clause or names no part after it."""
    clause = w.WHOLE_FIRST.search(q)
    if not clause:
        return None
    cut = clause.end(1)
    before = [m for m in sorted(matches, key=lambda m: m.start) if m.end <= cut]
    after = [m.metric for m in sorted(matches, key=lambda m: m.start) if m.start >= cut]
    after = [m for m in after if not any(is_part(p, m) for p in after)]   # 不掌握而无法提供: the row, not its group
    spans = [(m.start, m.end) for m in matches]
    # "未经复议直接起诉的行政诉讼里": the member the group word describes
    whole = list(_terms(before))
    if not after and whole and any(c != "total" for c in lexicon.find_columns(q[cut:], whole[0].table, spans)):
        # "…行政诉讼里，结果被纠正的占多大比例": a column of that row over the row's 总计
        return (whole[0],), whole[0], (), ()
    if not after:
        return None
    if before:
        own = lexicon.find_columns(q[:cut], whole[0].table, spans) if whole[0].table != "active" else []
        return tuple(after), whole[0], tuple(whole[1:]), tuple(c for c in own if c != "total")
    columns = [c for c in lexicon.find_columns(q[:cut], "requests", spans) if c != "total"]
    if "申请" in q[:cut] and columns:
        new = lexicon.metric("requests.new")
        return tuple(after), new, (), tuple(columns)
    return None


def two_columns(q: str, lexicon: Lexicon, metric: Metric, matches: list[Match]) -> tuple[str, str] | None:
    """'废止件数是制发件数的几倍', '企业提交的占自然人提交的比例': two columns of one row, the
    first over the second; None unless exactly two of the row's own columns are named."""
    own = own_columns(metric)
    taken = [(m.start, m.end) for m in matches] + negation_spans(q)   # "不算尚未审结的" names no operand
    cols = [c for c in lexicon.find_columns(q, metric.table, taken, own) if c not in ("total", "_orgs")]
    return (cols[0], cols[1]) if len(cols) == 2 else None


def columns_left(q: str, lexicon: Lexicon, metric: Metric | None) -> tuple[str, ...]:
    """'已审结的行政复议中（不算尚未审结的）': the row's part columns less those the question
    leaves out — the whole a share is taken of; () when no column is left out."""
    if metric is None or metric.table not in PARTS:
        return ()
    out = {c for s, e in negation_spans(q) for c in lexicon.find_columns(q[s:e], metric.table)}
    out = {x for c in out for x in (ORG_COLUMNS if c == "_orgs" else (c,))}
    parts = PARTS[metric.table]
    return tuple(c for c in parts if c not in out) if out & set(parts) else ()


def ratio_row(ratio: Ratio, lexicon: Lexicon) -> Metric | None:
    """The one row a rate's cells all lie in (纠错率: 行政复议's 结果纠正 over its 总计), whose
    columns a negation can leave out of the denominator; None for a rate across rows (公开率)."""
    rows = {cell.rsplit(".", 1)[0] for cell in ratio.numerator + ratio.denominator}
    if len(rows) != 1 or len(ratio.denominator) != 1 or not ratio.denominator[0].endswith(".total"):
        return None
    return lexicon.metric(rows.pop())


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


def negation_spans(q: str) -> list[tuple[int, int]]:
    return [(m.start(1), m.end(1)) for pattern in (w.NEGATION, w.NEGATION_AFTER) for m in pattern.finditer(q)]


def without_negated(q: str) -> str:
    """The question with what it leaves out blanked ("不要金额" says nothing of money asked)."""
    for s, e in negation_spans(q):
        q = q[:s] + " " * (e - s) + q[e:]
    return q


def within_spans(start: int, end: int, spans: list[tuple[int, int]]) -> bool:
    return any(s <= start and end <= e for s, e in spans)


def is_part(part: Metric, whole: Metric) -> bool:
    """A row of a group (不予公开 ⊃ 国家秘密) or a result row under （七）总计."""
    if part.table != whole.table or part.id == whole.id:
        return False
    if set(part.rows) < set(whole.rows):
        return True
    if whole.id == "requests.other" and all(r.startswith("other.") for r in part.rows):
        return True   # （六）其他处理 and its three 2021 sub-rows
    return whole.id == "requests.result_total" and all(r in RESULT_ROW_IDS or r.startswith("other.")
                                                      for r in part.rows)


def has_columns(metric: Metric, columns: tuple[str, ...]) -> bool:
    """Whether every one of these columns is a column of the metric's rows (in some template)."""
    own = own_columns(metric)
    return bool(own) and set(columns) <= own


def money_row_count(spec: Interpretation, q: str, metric: Metric | None) -> str | None:
    """The count column of a table-二 row that also has a money one (采购项目数量 beside 采购总金额),
    when the question asks how many and names neither; None otherwise."""
    if metric is None or metric.table != "active" or spec.columns or len(metric.rows) != 1 \
            or not re.search(r"几个|几项|几件|多少个|多少项|多少件|个数|项数|多少[^，。？]{0,12}项目|项目数", q) \
            or re.search(r"金额|万元|元|钱", without_negated(q)):   # "只要项目数，不要金额": still the count
        return None
    for row in printed_rows(metric, spec.years, (V2019,)):
        if row is not None and row.money_columns:
            counts = [c.id for c in row.columns if c.id not in row.money_columns and c.id != "change"]
            if len(counts) == 1:
                return counts[0]
    return None


def money_and_count(spec: Interpretation, q: str, metric: Metric | None) -> tuple[str, ...]:
    """The labels of a table-二 row's count and money columns (采购项目数量, 采购总金额) when the
    question names neither, nor a unit; () otherwise."""
    if metric is None or metric.table != "active" or spec.columns or len(metric.rows) != 1 or spec.unknown \
            or w.MONEY.search(without_negated(q)) or w.COUNT_WORDS_ASKED.search(q):
        return ()
    rows = [r for r in printed_rows(metric, spec.years, (V2019, V2021)) if r is not None]
    if not rows or not all(r.money_columns for r in rows):
        return ()
    counts = [c for c in rows[0].columns if c.id not in rows[0].money_columns and c.id != "change"]
    money = [c for c in rows[0].columns if c.id in rows[0].money_columns]
    return tuple(c.label for c in counts + money) if counts and money else ()


def last_years_items(spec: Interpretation, q: str, metric: Metric | None) -> str | None:
    """'行政处罚事项在上一年有多少项': the 2019 table's 上一年项目数量 column, when items (项) of the
    year before are asked and no column is named; None otherwise."""
    if metric is None or metric.table != "active" or spec.columns or not re.search(r"上一?年", q) \
            or not re.search(r"多少项|几项|项数|多少个?事项", q):
        return None
    own = own_columns(metric)
    return "prev_items" if "prev_items" in own else None


def several_counts(spec: Interpretation, q: str, metric: Metric | None) -> tuple[str, ...]:
    """The column labels of a table-二 row that has several counts when the question names
    none of them: 规章/规范性文件 (made, published, in total — or issued, repealed, in force),
    and in the 2019 template 行政许可 and the like (items last year, change, decisions) unless
    件/决定 says decisions or 项 says items. () when the reading is clear."""
    if metric is None or metric.table != "active" or spec.columns or len(spec.years) > 1 or len(metric.rows) != 1 \
            or len(spec.issuers) != 1 or spec.unknown or any(p.search(q) for p in (w.MAX, w.MIN, w.RANK, w.AVG, w.SUM, w.EACH)):
        return ()
    # no year said: the row must have several counts in either template ("大宁县的规范性文件有多少件")
    found = printed_rows(metric, spec.years, (V2019, V2021))
    if not all(found) or any(len(f.columns) < 2 or f.money_columns for f in found if f is not None):
        return ()
    row = found[0]
    assert row is not None   # all(found) above
    documents = row.id in ("rules", "normative_docs")
    # the row's own name says nothing of the count asked: 事项 in 其他对外管理服务事项 is not 项
    rest = q.replace(metric.label, " ")
    for pattern in sorted(metric.patterns, key=len, reverse=True):
        rest = re.sub(pattern, " ", rest)
    if not documents and re.search(r"件|决定|办|处理", rest):
        return ()   # decisions said; 项 alone (items) is last year's count or this year's, asked back
    return tuple(c.label for c in row.columns)


def printed_rows(metric: Metric, years: tuple[int, ...], default: tuple[str, ...]) -> list[Row | None]:
    """A one-row table-二 metric as printed in the template of each year asked (of the
    ``default`` versions when none is): the row, or None where that template lacks it."""
    versions = [version_for_year(y) for y in years] or list(default)
    return [next((r for r in rows_for(v, "active") if r.id == metric.rows[0]), None) for v in versions]


def direction(q: str) -> str | None:
    """"减少了多少": the size of a fall is asked ("down"), "增加了多少" of a rise ("up"); None when
    both or neither are named, or a signed difference is ("2023减2022", "差额", "本年增减")."""
    if w.WHICH_MORE.search(q) and not w.SIGNED.search(q):
        return "gap"   # "谁多？差多少？", "哪年多，多多少": which one, and by how much (a size)
    down, up = bool(w.DOWN.search(q)), bool(w.UP.search(q))
    if not down and not up and w.GAP.search(q) and not (w.SIGNED.search(q) or w.CHANGE_WORDS.search(q)):
        return "gap"
    return None if w.SIGNED.search(q) or w.CHANGE_WORDS.search(q) or down == up else "down" if down else "up"


RESULT_KINDS = ("requests.granted", "requests.partial", "requests.withheld", "requests.unavailable",
                "requests.not_processed", "requests.other")   # （一）to（六）


def ranked_kinds(q: str, lexicon: Lexicon, matches: list[Match]) -> tuple[Metric, ...]:
    """'“不予公开”的8个小类里，排第三多的那一类', '办理结果（一）到（六）哪一类最多': the rows of the
    group named, to be ranked within one report; () when no group's kinds are asked about."""
    if not w.KIND_RANK.search(q):
        return ()
    groups = [m.metric for m in in_order(matches) if len(group_rows(m.metric)) > 1 or m.metric.id == "requests.result_total"]
    if not groups:
        return ()
    group = groups[0]
    if group.id == "requests.result_total":
        return tuple(lexicon.metric(i) for i in RESULT_KINDS)
    rows = group_rows(group)
    return tuple(m for m in lexicon.metrics if m.table == group.table and len(m.rows) == 1 and m.rows[0] in rows
                 and m.id != group.id)


def rank_place(q: str) -> int:
    """'排第二的', '第三多的': that place in a ranking from the top; '倒数第二', '第二少的': from
    the bottom (negative); 0 when no place is asked."""
    place = w.RANK_PLACE.search(q)
    if not place:
        return 0
    n = next(g for g in place.groups()[1:] if g)
    count = w.count_value(n)
    bottom = place.group(1) or w.ASCENDING.search(q) or (place.group(0)[-1] in "少低" and not w.RANK.search(q))
    return -count if bottom else count


def nth_item(spec: Interpretation, q: str, lexicon: Lexicon,
             previous: Interpretation | None) -> tuple[Interpretation, Metric | None]:
    """'其他处理分了三项 → 第三项“其他”是多少件？': the N-th row of the group in question."""
    found = w.ITEM.search(q)
    group = spec.metric if spec.metric is not None and len(group_rows(spec.metric)) > 1 else (
        previous.metric if previous is not None and previous.metric is not None
        and len(group_rows(previous.metric)) > 1 else None)
    n = len(REQUEST_PARTS) if w.LAST_ROW.search(q) else int(found.group(1)) if found else 0
    if 1 <= n <= len(REQUEST_PARTS) and group is None and (spec.metric is None or spec.metric.priority == 0) \
            and w.TABLE_THREE.search(q):
        # "表三第二项的总计", "申请情况表的最后一行": the table's N-th numbered part (二、上年结转)
        row = REQUEST_PARTS[n - 1]
        part = lexicon.metric(f"requests.{row}")
        return replace(spec, metric=part), part
    if not found or group is None or not 1 <= int(found.group(1)) <= len(group_rows(group)):
        return spec, spec.metric
    row = group_rows(group)[int(found.group(1)) - 1]
    member = next((m for m in lexicon.metrics if m.table == group.table and m.rows == (row,)), None)
    if member is None:
        return spec, spec.metric
    # A quoted row label ("“其他”") is the row, not the applicant column of the same name.
    columns = tuple(c for c in spec.columns if c != "other_org")
    return replace(spec, metric=member, columns=columns, inherited=tuple(i for i in spec.inherited if i != "metric")
                   + ("group",)), member


def group_rows(metric: Metric) -> tuple[str, ...]:
    return OTHER_SUBROWS if metric.id == "requests.other" else metric.rows


def negation(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match],
             negated: list[Match]) -> Interpretation:
    """Rows and columns the question leaves out: dropped, or taken out of their whole.

    "不予公开…除了行政查询事项" is the group's other rows; "除了自然人以外的申请人" the other
    applicant columns; "办理结果里除了予以公开和部分公开" is （七）总计 minus those rows;
    "不算上年结转的，本年新收" simply does not mean 上年结转.
    """
    spans = negation_spans(q)
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
    inside = {c for c in every_col if any(within_spans(s, e, spans) for s, e in column_spans(q, lexicon, metric.table, c))}
    blanked = without_negated(q)   # the columns named outside what is left out
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


def column_spans(q: str, lexicon: Lexicon, table: str, column: str) -> list[tuple[int, int]]:
    return [(m.start(), m.end()) for p in lexicon.columns.get(table, {}).get(column, ())
            for m in re.finditer(re.escape(p), q)]


# "“其他”那一栏", "其他这一项": the word alone, with no row or requester named
BARE_OTHER = re.compile(r"[“\"]其他[”\"]|其他(?:那|这)?一?[栏项格列]")
OTHER_READINGS = ("新收申请中“其他”类申请人提出的", "办理结果中的（六）其他处理", "行政复议的“其他结果”")
# "洪泽区2024年的总计是多少？": every table has one
BARE_TOTAL = re.compile(r"总计|总数")
TOTAL_READINGS = ("本年新收政府信息公开申请总计", "办理结果总计", "行政复议总计", "行政诉讼总计")


@lru_cache(maxsize=1)
def _active_labels() -> dict[str, tuple[re.Pattern, tuple[str, ...]]]:
    """Table 二's printed column labels of four or more characters (本年增/减 too, its / optional)
    -> (the label as a pattern, the rows that print it, in printed order)."""
    out: dict[str, list[str]] = {}
    for row in ALL_ROWS:
        if row.table == "active":
            for c in row.columns:
                label = c.label.split("（")[0]
                if len(label) >= 4 and row.label not in out.setdefault(label, []):
                    out[label].append(row.label)
    return {label: (re.compile(re.escape(label).replace("/", "/?")), tuple(rows))
            for label, rows in sorted(out.items(), key=lambda kv: -len(kv[0]))}


def column_without_row(q: str, lexicon: Lexicon) -> tuple[str, tuple[str, ...]] | None:
    """A column named with no row ("洪泽区2024年“结果维持”的是几件？", "平潭2022年“其他”那一栏
    是多少？"): its words and the readings, one for each row that has it (row and column words,
    the question back's choices); None when no such column is named."""
    review = [c for c in lexicon.find_columns(q, "review") if c != "total"]
    if review:
        labels = [(row.label, col.label) for row in REVIEW_ROWS for col in row.columns if col.id == review[0]]
        return labels[0][1], tuple(f"{row}·{col}" for row, col in labels)
    if BARE_OTHER.search(q):
        return "其他", OTHER_READINGS
    for label, (pattern, rows) in _active_labels().items():   # "大宁县2020年报里“本年增/减”是多少？"
        if len(rows) > 1 and pattern.search(q):
            return label, tuple(f"{row}·{label}" for row in rows)
    if BARE_TOTAL.search(q) and not (w.ITEM.search(q) or w.TABLE_THREE.search(q) or w.LAST_ROW.search(q)):
        return "总计", TOTAL_READINGS   # (表三第2项的总计, 最后一行的总计: a row said by its place)
    return None


def counted_condition(q: str) -> tuple[str, tuple[str, float]] | None:
    """'库里的年报有几份是一件新申请都没收到的': the question without its condition, and the
    condition ((\"==\", 0) here; (\">\", 100) for '超过100件'); None unless reports are counted."""
    if not w.COUNT_REPORTS.search(q):
        return None
    some = w.NOT_ZERO.search(q)
    if some:
        return q[:some.start()] + q[some.end():], (">", 0.0)
    none = w.NONE_AT_ALL.search(q)
    if none:
        # "一件新的申请都没收到" → "收到新的申请": the verb before what it counts, as the rows are worded
        return q[:none.start()] + (none.group(2) or "") + (none.group(1) or "") + q[none.end():], ("==", 0.0)
    for pattern, op in w.THRESHOLDS:
        m = pattern.search(q)
        if m:
            return q[:m.start()] + q[m.end():], (op, float(m.group(1)))
    return None


def picked(q: str) -> str | None:
    """'谁的…更少', '哪家的公开率最高', '排第一的是哪家': "max" or "min" when the question asks which
    report is more or less and not by how much; None otherwise."""
    if w.SIZE_ASKED.search(q):
        return None
    found = list(w.WHICH_PICK.finditer(q))
    if found:
        return "max" if found[-1].group(1) in "多高大" else "min"
    if not (w.WHICH_ISSUER.search(q) or re.search(r"哪家|哪个|哪一?年|谁", q)):
        return None
    return "max" if w.MAX.search(q) else "min" if w.MIN.search(q) else None   # "排第一的是哪家"


def member_named_whole(q: str, whole: Metric | None, matches: list[Match]) -> Metric | None:
    """'复议后起诉的行政诉讼，法院维持的比例': a group word that only completes a member row's name
    ("复议后起诉的行政诉讼") is no whole of its own — the member is; ``whole`` otherwise (also when
    the group is named apart too, "…占全部行政诉讼的比例")."""
    if whole is None or len(whole.rows) < 2:
        return whole
    said = [m for m in matches if m.metric.id == whole.id]
    members = [m for m in matches if m.metric.table == whole.table and set(m.metric.rows) < set(whole.rows)]
    if not said or any(q.count(q[g.start:g.end]) > 1 for g in said):   # (a match stands for its first place)
        return whole
    for member in members:
        if all(0 <= g.start - member.end <= 1 and q[member.end:g.start] in ("", "的") for g in said):
            return member.metric
    return whole
