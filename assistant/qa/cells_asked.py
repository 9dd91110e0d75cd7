"""Which rows and columns a question names, once its who and when are known: the metric's
columns (and those a follow-up keeps), the members a group absorbs, a column named with no row,
the N-th row of a group, a table-二 row's count, money or several counts.
What a question leaves out is ``negations_asked``'s; a share's parts ``shares_asked``'s; what is
done with the cells ``operations_asked``'s. ``routing.interpret`` calls these; they read the
question's normalised text only."""

from __future__ import annotations

import re
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
from assistant.qa.asking_back import ask_back, row_and_column
from assistant.qa.interpretation import Interpretation, Operation, Refuse, Route
from assistant.qa.lexicon import Lexicon, Match, Metric


def metric_rows(metric: Metric) -> list[Row]:
    """The template rows a metric reads, as printed in every template version."""
    return [r for r in ALL_ROWS if r.table == metric.table and r.id in metric.rows]


def own_columns(metric: Metric) -> set[str]:
    """The column ids the metric's rows have in some template version."""
    return {c.id for r in metric_rows(metric) for c in r.columns}


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


def unprinted_topic(q: str, lexicon: Lexicon) -> str | None:
    """'那95件申请里，有多少件是关于征地拆迁的': a subject the tables print no row or column for
    (涉及国家秘密的 is a row: None)."""
    for m in w.TOPIC.finditer(q):
        topic = m.group(1)
        if not lexicon.find_metrics(topic) and not any(lexicon.find_columns(topic, t) for t in ("requests", "review")) \
                and not re.search(r"政府|[县区市镇]|部门|单位|机关|公开|信息|年|报告|表|数据|情况|工作", topic):
            return topic
    return None


def two_columns(q: str, lexicon: Lexicon, metric: Metric, matches: list[Match]) -> tuple[str, str] | None:
    """'废止件数是制发件数的几倍', '企业提交的占自然人提交的比例': two columns of one row, the
    first over the second; None unless exactly two of the row's own columns are named."""
    own = own_columns(metric)
    taken = [(m.start, m.end) for m in matches] + w.negation_spans(q)   # "不算尚未审结的" names no operand
    cols = [c for c in lexicon.find_columns(q, metric.table, taken, own) if c not in ("total", "_orgs")]
    return (cols[0], cols[1]) if len(cols) == 2 else None


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
            or re.search(r"金额|万元|元|钱", w.without_negated(q)):   # "只要项目数，不要金额": still the count
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
            or w.MONEY.search(w.without_negated(q)) or w.COUNT_WORDS_ASKED.search(q):
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


def column_reading(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match], metric: Metric | None,
                   comparing: bool, many: bool) -> tuple[bool, Interpretation]:
    """A table-二 row's columns once the row is known: this year's items (上一年项目数量 + 本年增/减),
    its count rather than its money, an amount per item — or a question back (a column the row
    lacks, money or count, several counts). (True, the reading) when that settles the question,
    (False, the spec with its columns) otherwise."""
    current_items = metric is not None and len(spec.years) <= 1 and bool(w.CURRENT_ITEMS.search(q)) \
        and not w.CHANGE_WORDS.search(q) and not w.RELATIVE_YEAR.search(q) \
        and all(has_item_change(metric, y) for y in spec.years or (2020,))
    if metric is not None and metric.table == "active" and not spec.columns and not comparing and not current_items \
            and lexicon.find_columns(q, "active", [(m.start, m.end) for m in matches]):
        # A column named that this row does not have ("行政处罚…采购项目数"): ask which one is meant.
        rows = metric_rows(metric)
        if w.MONEY.search(q) and not any(r.money_columns for r in rows):
            # "行政处罚的罚没金额总共多少钱": the table has no money for this row — said, not asked back
            return True, replace(spec, route=Route.REFUSAL, refuse=Refuse.NO_SUCH_CELL)
        own = [c.label for r in rows for c in r.columns]
        choices = tuple(dict.fromkeys(row_and_column(metric.label, label) for label in own))
        return True, ask_back(spec, f"“{metric.label}”一栏没有问题里说的这一项，您问的是哪一栏？", choices)
    money_rows = [r for r in metric_rows(metric) if r.money_columns] if metric is not None else []
    if metric is not None and money_rows and w.PER_ITEM.search(q) and not comparing and len(spec.years) <= 1:
        # "大宁县2020年政府集中采购，平均每个采购项目多少万元": 采购总金额 ÷ 采购项目数量
        amount = money_rows[0].money_columns[0]
        count = next(c.id for c in money_rows[0].columns if c.id != amount)
        return True, replace(spec, route=Route.RATIO, operation=Operation.PER_ITEM, numerator=(metric,), share_of=metric,
                       columns=(amount,), share_columns=(count,))
    count_column = money_row_count(spec, q, metric) or last_years_items(spec, q, metric)
    if current_items:
        # "这么算下来，今年实际的行政强制事项是多少项": 上一年项目数量 + 本年增/减, the sum shown
        spec = replace(spec, columns=ITEM_COLUMNS)
    elif count_column:
        # "政府集中采购项目有几个？": the row's count, not its money column (the default)
        spec = replace(spec, columns=(count_column,))
    money_or_count = money_and_count(spec, q, metric) if not comparing and not many else ()
    if money_or_count and metric is not None:
        # "安居区2020年政府集中采购是多少？": 采购项目数量 or 采购总金额 — asked, not guessed
        choices = tuple(row_and_column(metric.label, label) for label in money_or_count)
        return True, ask_back(spec, f"“{metric.label}”一栏有{'和'.join(money_or_count)}，您问的是哪一个？", choices)
    several = several_counts(spec, q, metric) if not comparing and not many else ()
    if several and metric is not None:
        # "大宁县2020年规范性文件是多少件？": 本年新制作, 本年新公开 or 对外公开总数量 — asked, not guessed
        choices = tuple(row_and_column(metric.label, label) for label in several)
        return True, ask_back(spec, f"“{metric.label}”一栏有{'、'.join(several)}几个数，您问的是哪一个？", choices)
    return False, spec
