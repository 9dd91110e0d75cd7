"""What is done with the cells: the direction of a change, a place in a ranking (of reports or of
one report's rows), which report is picked, the condition reports are counted by — and the
reading that settles a numeric question's operation (``operation_reading``, called by ``routing``)."""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.qa import wording as w
from assistant.qa.cells_asked import group_rows, in_order, metric_rows, two_columns
from assistant.qa.interpretation import Interpretation, Operation, Route
from assistant.qa.lexicon import Lexicon, Match, Metric, Ratio
from assistant.qa.who_when import relative_years


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


def operation_reading(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match],
                      catalogue: Mapping[str, tuple[int, ...]], counted: tuple[str, float] | None,
                      inherited: list[str], metric: Metric, ratio: Ratio | None, years: tuple[int, ...],
                      items_change: bool, comparing: bool, many: bool) -> Interpretation:
    """What is done with the cells of a reading that is no rate: a difference between reports or
    within one, the report picked, one report's rows ranked, a sum, an average, the most or least, a
    place, a count of reports, a list — or a value (several asked each on its own line)."""
    issuers = sorted(catalogue)
    if comparing and not many and relative_years(q, spec.years, bool(years)) and len(spec.years) == 1:
        # "比上年少了多少" about one year: a 2019 table 二 prints it as 本年增/减 (of items); otherwise
        # ("平潭2024年行政复议比去年多几件", "比上一年" from 2021) the year before is its own report.
        if items_change:
            return replace(spec, route=Route.CELL, columns=("change",), operation=Operation.VALUE,
                           direction=direction(q))
        many = True
        spec = replace(spec, years=tuple(sorted({spec.years[0], *relative_years(q, spec.years, bool(years))})),
                       columns=tuple(c for c in spec.columns if c != "change"))
    way = picked(q) if comparing and many else None
    if way:   # "洪泽和平潭谁的行政强制处理决定更少": which report, its figure the value (not the gap)
        return replace(spec, route=Route.AGGREGATE, aggregation=way, operation=Operation(way))
    if comparing and many:
        return replace(spec, route=Route.COMPARISON, operation=Operation.DIFFERENCE, direction=direction(q))
    which = bool(w.MAX.search(q) or w.MIN.search(q))
    two_rows = (metric,) + tuple(m for m in spec.also if m.table == metric.table and m.id != metric.id)
    if (comparing or which) and not many and len(two_rows) == 1 and len(spec.columns) < 2 and metric.table == "active":
        # "废止的比新制发的多几件": table 二 keeps one column for a row, so the two named are read here
        pair = two_columns(q, lexicon, metric, matches)
        spec = replace(spec, columns=pair) if pair else spec
    if (comparing or which) and not many and (len(two_rows) == 2 or (len(spec.columns) == 2 and ratio is None)):
        # "予以公开比部分公开多多少", "直接起诉和复议后起诉哪个多，多几件": two rows of one report, in the
        # order the question names them (a follow-up's: the order they were asked); "自然人提的比商业企业
        # 提的多多少件": two columns of one row
        at = {m.metric.id: m.start for m in matches}
        if "metric" not in inherited:
            two_rows = tuple(sorted(two_rows, key=lambda m: at.get(m.id, len(q))))
        return replace(spec, route=Route.CELL, operation=Operation.DIFFERENCE, metric=two_rows[0], also=two_rows[1:2],
                       direction=direction(q) or ("gap" if which else None))
    kinds = ranked_kinds(q, lexicon, matches) if not many else ()
    place = rank_place(w.without_negated(q)) or (1 if w.MAX.search(q) else -1 if w.MIN.search(q) else 0)
    if len(kinds) > 1 and place:
        # "淮安市2024年不予公开的8个小类里，排第三多的那一类是多少件": one report's rows ranked
        group = next(m.metric for m in sorted(matches, key=lambda m: m.start) if m.metric not in kinds)
        return replace(spec, route=Route.CELL, operation=Operation.RANK, metric=group, also=kinds,
                       columns=(), rank_place=place)
    aggregation = None
    asked_q = w.without_negated(q)   # "我说的不是最多的那年，是最少的那年": the least
    place = rank_place(asked_q) if many or not spec.issuers else 0
    if counted and len(spec.issuers) == 1 and len(spec.years) == 1:
        # "2020年度的那几份年报里（平潭的也算上），有几家…": one report is no count, every one that year
        spec = replace(spec, issuers=tuple(i for i in issuers if spec.years[0] in catalogue.get(i, ())))
        many = True
    if counted and (many or not spec.issuers or not spec.years):
        # (an issuer named with no year: each of its years' reports counted)
        spec = replace(spec, condition=counted, years=spec.years or tuple(sorted(
            {y for i in spec.issuers or issuers for y in catalogue.get(i, ())})))
        aggregation = "count"
    elif place:   # "按新收从多到少排，排第二的是哪家": the report at that place
        spec = replace(spec, rank_place=place)
        aggregation = "rank"
    elif (many or not spec.issuers) and (chosen := picked(asked_q)):
        aggregation = chosen   # "大宁和芮城谁家采购花的钱多？多的那个是多少"
    elif w.MAX.search(asked_q):
        aggregation = "max"
    elif w.MIN.search(asked_q):
        aggregation = "min"
    elif w.AVG.search(q):
        aggregation = "avg"
    elif w.RANK.search(q):
        aggregation = "rank"
    elif w.SUM.search(q) and (many or not spec.issuers):
        aggregation = "sum"
    elif many or not spec.issuers:
        aggregation = "list"
    if aggregation:
        return replace(spec, route=Route.AGGREGATE, aggregation=aggregation,
                       operation=Operation(aggregation))
    summed = [m for m in spec.also if m.table == metric.table]
    operation = Operation.SUM if summed and w.SUM.search(q) else Operation.VALUE
    asked = [m.metric for m in sorted(matches, key=lambda m: m.start)]
    if operation == Operation.VALUE and (len(w.ASKS.findall(q)) >= 2 or "分别" in q) and len({m.id for m in asked}) >= 2:
        # "共收到多少件申请、办结多少件？": two numbers asked in one question, each answered.
        return replace(spec, route=Route.CELL, operation=Operation.EACH, metric=asked[0], also=tuple(asked[1:]))
    rows = metric_rows(metric)
    if operation == Operation.VALUE and w.EACH_COLUMN.search(q) and not spec.columns and not spec.also \
            and len(rows) == 1 and not spec.minus_columns:
        # "洪泽区2023年行政复议各栏分别是多少": every column the row prints
        return replace(spec, route=Route.CELL, operation=Operation.EACH, columns=tuple(c.id for c in rows[0].columns))
    if operation == Operation.VALUE and "分别" in q and len(spec.columns) >= 2 and not spec.also \
            and not spec.minus_columns:
        # "自然人和商业企业分别多少件": one row, each column named answered on its own line
        return replace(spec, route=Route.CELL, operation=Operation.EACH)
    # "减少了多少项" read off 本年增/减: the size asked, in the direction asked
    return replace(spec, route=Route.CELL, operation=operation,
                   direction=direction(q) if spec.columns == ("change",) else None)
