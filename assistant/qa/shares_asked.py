"""The parts of a share or a formula: the numerator rows and the whole ("予以公开和部分公开合计占办理
结果总数的…", "（予以公开÷总计）", "行政诉讼里，结果被纠正的占…"), a group restated by its
members, the one row a rate lies in, a rate asked of another row — and the readings they make
(``share_reading``, ``multiple_reading``, called by ``routing``)."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa import wording as w
from assistant.qa.cells_asked import absorb_members, has_columns, in_order, is_part, named_columns, own_columns, two_columns
from assistant.qa.interpretation import Interpretation, Operation, Route
from assistant.qa.lexicon import Lexicon, Match, Metric, Ratio
from assistant.qa.negations_asked import columns_left
from assistant.qa.operations_asked import direction, picked


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


def ratio_row(ratio: Ratio, lexicon: Lexicon) -> Metric | None:
    """The one row a rate's cells all lie in (纠错率: 行政复议's 结果纠正 over its 总计), whose
    columns a negation can leave out of the denominator; None for a rate across rows (公开率)."""
    rows = {cell.rsplit(".", 1)[0] for cell in ratio.numerator + ratio.denominator}
    if len(rows) != 1 or len(ratio.denominator) != 1 or not ratio.denominator[0].endswith(".total"):
        return None
    return lexicon.metric(rows.pop())


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


def multiple_reading(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match],
                     previous: Interpretation | None, inherited: list[str], metric: Metric | None,
                     ratio: Ratio | None, many: bool) -> Interpretation | None:
    """'废止件数是制发件数的几倍', '处罚决定是许可决定的几倍', '…是许可决定的几倍' after 许可: one
    column over another, one row over another, this turn's row over the last one's; None otherwise."""
    pair = two_columns(q, lexicon, metric, matches) if metric is not None and ratio is None and not many \
        and (w.MULTIPLE.search(q) or (w.SHARE.search(q) and "占" in q)) \
        and all(m.metric.id == metric.id for m in matches) else None
    if pair and metric is not None:
        # "废止件数是制发件数的几倍": one row, one column over another
        return replace(spec, route=Route.RATIO, numerator=(metric,), share_of=metric, columns=pair[:1],
                       share_columns=pair[1:], operation=Operation.MULTIPLE if w.MULTIPLE.search(q) else Operation.SHARE)
    # two matches: `metric` is the first (or the group it belongs to), so never None here
    if w.MULTIPLE.search(q) and not many and len(matches) >= 2 and metric is not None \
            and matches[1].metric.table == metric.table:
        # "处罚决定是许可决定的几倍": two rows of one report.
        return replace(spec, route=Route.RATIO, operation=Operation.MULTIPLE, numerator=(metric,),
                       share_of=matches[1].metric)
    if w.MULTIPLE.search(q) and previous is not None and not many and "metric" not in inherited \
            and metric is not None and previous.metric is not None and previous.metric.id != metric.id:
        # "…是许可决定的几倍" after asking about 许可: this turn's row over the last one's.
        return replace(spec, route=Route.RATIO, operation=Operation.MULTIPLE, numerator=(metric,),
                       share_of=previous.metric)
    return None


def share_reading(spec: Interpretation, q: str, lexicon: Lexicon, matches: list[Match],
                  previous: Interpretation | None, inherited: list[str], negated_spans: list[tuple[int, int]],
                  metric: Metric | None, ratio: Ratio | None, comparing: bool, many: bool) -> Interpretation | None:
    """A rate or a share: the catalogue's rate, a formula spelt out, a whole named first, the parts
    before 占 over the whole after it, or the rows of the turns before; None when none is asked."""
    # "换成2024年呢？" after a share: the same share, for the new who or when
    kept_share = ("metric" in inherited and previous is not None and previous.operation == Operation.SHARE
                  and previous.share_of is not None)
    if ratio is not None and negated_spans:
        # "纠错率是多少？不算尚未审结的那些": the columns left out of the denominator's row (its
        # numerator in that row too); a negation the rate cannot take is asked about, never dropped
        # (what it cannot take is asked back by interpret's check of unread exclusions)
        row = ratio_row(ratio, lexicon)
        left = columns_left(q, lexicon, row) if row is not None else ()
        if left:
            spec = replace(spec, share_columns=left)
    if ratio is not None or ((w.SHARE.search(q) or w.DIVIDED.search(q)) and metric is not None) or kept_share:
        numerator: tuple[Metric, ...] = ()
        share_of: Metric | None = None
        formula = bracket_formula(q, lexicon, matches)
        whole = whole_first(q, lexicon, matches) if ratio is None and formula is None else None
        if formula:
            # "全部公开率（予以公开/办结总数）", "占全部待办申请（新收+上年结转）": the terms as spelt out
            numerator, share_of, ratio = formula[0], formula[1][0], None
            spec = replace(spec, ratio=None, share_also=formula[1][1:], share_columns=())
        elif whole and ("占" not in q or not lexicon.find_metrics(q[q.find("占") + 1:])):
            # "本年新收加上年结转的申请里，有百分之多少…结转到下年度": the whole first, then the part
            numerator, share_of = whole[0], whole[1]
            spec = replace(spec, share_also=whole[2], share_columns=whole[3])
            if numerator == (share_of,) and not whole[2] and not whole[3]:
                # "…行政诉讼里，结果被纠正的占多大比例": a column's share of its own row
                metric, numerator, share_of = share_of, (), None
                spec = replace(spec, metric=metric)
        elif ratio is None:
            numerator, share_of, share_also = share_parts(q, lexicon, matches)
            share_of = member_named_whole(q, share_of, matches)
            if share_also:   # "占新收和上年结转合计的比例": the whole is both rows summed
                spec = replace(spec, share_also=share_also)
            if w.ADD_ON.search(q) and numerator and previous is not None and previous.metric is not None \
                    and previous.metric.table == numerator[0].table and previous.metric not in numerator + (share_of,):
                # "加上部分公开，占办结总数的比例" after 予以公开: the last turn's row and this one's
                numerator = (previous.metric,) + numerator
            own = [c for c in lexicon.find_columns(q[:q.find("占")], share_of.table, [(m.start, m.end) for m in matches])
                   if c != "total"] if share_of is not None and "占" in q else []
            if not numerator and share_of is not None and own and has_columns(share_of, tuple(own)):
                # "尚未审结的占全部行政诉讼的百分之几": that row's column over the row's 总计
                metric, share_of = share_of, None
                spec = replace(spec, metric=metric, columns=tuple(own))
            elif not numerator and share_of is not None and previous is not None and previous.metric is not None \
                    and previous.metric.id != share_of.id:
                # "占办理结果总计的百分之多少？" after "其中予以公开的呢？": the last row over this one;
                # "这两项合计占…" after 予以公开 then 部分公开: the two rows asked in turn
                numerator = (previous.metric,) + (previous.also if previous.operation == Operation.SUM else ())
                asked = [m for m in spec.context_metrics if m.table == share_of.table and m.id != share_of.id]
                if w.BOTH_ASKED.search(q) and len(numerator) == 1 and len(asked) >= 2:
                    numerator = tuple(asked[-2:])
                spec = replace(spec, columns=previous.columns)
            elif not numerator and share_of is None and previous is not None and previous.metric is not None \
                    and previous.operation == Operation.SUM and previous.also:
                # "这两项占总计的百分比" after "予以公开和部分公开加起来呢？": the rows summed the turn before.
                numerator = (previous.metric,) + previous.also
        if "metric" in inherited and previous is not None and ratio is None and not numerator:
            # "其中商业企业提出的占多少？": the named column's share of the inherited row.
            cols = named_columns(q, lexicon, metric, [], False)
            spec = replace(spec, columns=cols or spec.columns)
        left = columns_left(q, lexicon, metric) if ratio is None and not spec.share_columns else ()
        clause = w.WHOLE_FIRST.search(q)
        # "新收的申请里，不是自然人提交的占多大比例": what the part leaves out, not the whole
        # (said before the comma that opens the part, "行政复议中（不算尚未审结的），…", it narrows the whole)
        of_part = clause is not None and bool(negated_spans) \
            and all(re.search(r"[，,]", q[clause.end(1):s]) for s, _ in negated_spans)
        if left and not of_part and (share_of is None or (metric is not None and share_of.id == metric.id)):
            spec = replace(spec, share_columns=left)   # "已审结的（不算尚未审结的）中，结果纠正占多少"
        route_name = Route.COMPARISON if comparing and many else Route.RATIO
        return replace(spec, route=route_name, operation=Operation.SHARE, numerator=numerator or spec.numerator,
                       share_of=share_of or spec.share_of,
                       # "哪家的公开率最高": the report picked, its rate the value
                       aggregation=picked(q),
                       # "哪年高": a rate of two reports has no max route; the gap, with the higher named
                       direction=(direction(q) or ("gap" if w.MAX.search(q) or w.MIN.search(q) else None))
                       if many else None)
    return None
