"""What is done with the cells: the direction of a change, a place in a ranking (of reports or of
one report's rows), which report is picked, and the condition reports are counted by."""

from __future__ import annotations

import re

from assistant.qa import wording as w
from assistant.qa.cells_asked import group_rows, in_order
from assistant.qa.lexicon import Lexicon, Match, Metric


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
