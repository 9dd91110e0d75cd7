"""Dialogue state: what a follow-up turn keeps from the conversation (issuers, years, the row
and its columns) and what it replaces, by explicit rules."""

from __future__ import annotations

import re
from dataclasses import replace

from assistant.qa import wording as w
from assistant.qa.interpretation import Interpretation, Route


def is_follow_up(q: str, mentions, previous: Interpretation | None) -> bool:
    """A follow-up adds little but who/when ("那芮城县呢？", "2024年呢？") or starts like one."""
    if previous is None or previous.route == Route.REFUSAL:
        return False
    rest = q
    for m in mentions:
        rest = rest.replace(q[m.start:m.end], "")
    bare = w.FILLER.sub("", rest)
    # "行政处罚呢？": a short question ending in 呢 keeps who and when.
    short_ne = len(q) <= 12 and bool(re.search(r"呢[？?]?$", q))
    return len(bare) <= 2 or bool(w.FOLLOW_UP.search(q) or w.ADD_ON.search(q)) or short_ne


def inherit(spec: Interpretation, q: str, previous: Interpretation | None, names: tuple[str, ...],
            years: tuple[int, ...], unknown: tuple[str, ...], follow: bool, comparing: bool,
            audit: bool, column_after_text: bool = False) -> tuple[Interpretation, list[str]]:
    """The turn with what it leaves unsaid taken from the conversation, and which slots were
    (``names``, ``years``, ``unknown``: what the turn itself says; ``column_after_text``: the
    turn asks a number in a column of the row a text question before it was about)."""
    inherited: list[str] = []
    context = previous is not None and previous.route not in (Route.REFUSAL,)
    # Dialogue state: every year and issuer the conversation has named, in order of mention.
    # (`previous is not None` repeats what `context` implies, so the checker sees it too.)
    if context and previous is not None:
        asked = previous.context_metrics + ((previous.metric,) if previous.metric is not None else ())
        spec = replace(spec, context_years=tuple(dict.fromkeys(previous.context_years + previous.years + years)),
                       context_issuers=tuple(dict.fromkeys(previous.context_issuers + previous.issuers + names)),
                       context_metrics=tuple(m for i, m in enumerate(asked) if m not in asked[i + 1:]),
                       context_columns=(previous.context_columns + (previous.columns,))[-2:])
    # "直接起诉的几件" → "复议后起诉的呢" → "哪个多" / "俩加一起": the two rows asked, of one report;
    # "结果维持的几件" → "纠正的呢" → "两个加起来": the two columns of one row
    one_report = spec.metric is None and spec.ratio is None and len(spec.context_issuers) <= 1 \
        and len(spec.context_years) <= 1
    rows = spec.context_metrics[-2:] if one_report and len(spec.context_metrics) >= 2 \
        and spec.context_metrics[-1].table == spec.context_metrics[-2].table else ()
    columns_pair = one_report and len(spec.context_columns) == 2 and all(len(c) == 1 for c in spec.context_columns) \
        and spec.context_columns[0] != spec.context_columns[1]
    each = w.EACH.search(w.ALL_OF_ROW.sub("", q))
    if each and (rows or columns_pair) and each.group() == "哪个" and not w.WHICH_ISSUER.search(q):
        each = None   # "哪个多" of two rows, not of every issuer
    if each and each.group() == "分别" and spec.metric is not None and spec.also:
        each = None   # "直接起诉和复议后起诉分别多少": each row named, of the report asked about
    if each and each.group() in ("每年", "历年"):
        each = None   # "这四年平均每年多少", "历年分别多少": each year, of the issuer asked about
    if each and audit and each.group() in ("哪些", "哪个", "所有", "全部"):
        each = None   # "都核一遍，哪些不对": which checks fail, of the report asked about
    # A turn that names no issuer and no year keeps the conversation's.
    # ("那县里的呢": a new who, by level, asked back if several; "占全部办结的": no new who)
    if context and previous is not None and not names and not unknown and not each \
            and not w.VAGUE_PLACE.search(q):
        if previous.issuers:
            spec = replace(spec, issuers=previous.issuers)
            inherited.append("issuers")
        if not years and previous.years:
            spec = replace(spec, years=previous.years)
            inherited.append("years")
    # "两个县加起来", "两年平均多少", "哪个多": a sum, an average or a max over what was asked
    which = bool(w.MAX.search(q) or w.MIN.search(q))
    gathers = comparing or audit or which or bool(w.SUM.search(q) or w.AVG.search(q))
    if context and previous is not None \
            and (follow or (spec.metric is None and spec.ratio is None and gathers)) \
            and (previous.route not in (Route.NARRATIVE,) or column_after_text):
        if spec.metric is None and spec.ratio is None:
            spec = replace(spec, metric=previous.metric, ratio=previous.ratio, columns=previous.columns,
                           aggregation=previous.aggregation, share_of=previous.share_of,
                           numerator=previous.numerator, minus=previous.minus)
            inherited.append("metric")
        if (follow or comparing) and not years and previous.years and not unknown and "years" not in inherited:
            # "那芮城县呢？" after a 2020 question, "跟洪泽比呢，洪泽区同一年是多少": a new issuer, the same year.
            spec = replace(spec, years=previous.years)
            inherited.append("years")
        adding = bool(w.ADD_ON.search(q))   # "加上2024年一共多少": the years (or issuers) so far and this one
        if years and previous.years and (comparing or adding) and len(years) == 1 and years[0] not in previous.years:
            spec = replace(spec, years=tuple(sorted(set(previous.years) | set(years))))
            inherited.append("years")
        if (comparing or adding) and len(names) == 1 and previous.issuers and names[0] not in previous.issuers \
                and len(spec.years) <= 1:
            spec = replace(spec, issuers=previous.issuers + names)
            inherited.append("issuers")
        # "两年衔接得上吗", "三年加起来", "两个县加起来", or "下降了百分之多少？" after 2023 and
        # 2024 were asked in turn: every report the conversation named.
        if gathers and not years and not names and (
                w.CONTEXT_SET.search(q) or ((comparing or which) and len(spec.years) <= 1 and len(spec.issuers) <= 1)):
            counted = re.search(r"([两二三四五2-5])(年|个|家|份)", q)
            # "两年" stays in words, "两份" reaches here as "2份" (normalise_question)
            n = (int(counted.group(1)) if counted.group(1).isdigit() else w.CONTEXT_COUNT[counted.group(1)]) \
                if counted else None
            by_year = counted is None or counted.group(2) == "年"
            if by_year and len(spec.context_years) > 1:
                spec = replace(spec, years=tuple(sorted(spec.context_years[-n:] if n else spec.context_years)))
            if not by_year or (counted is None and len(spec.context_issuers) > 1 and len(spec.context_years) <= 1):
                spec = replace(spec, issuers=spec.context_issuers[-n:] if n else spec.context_issuers,
                               years=spec.years[-1:] if not by_year else spec.years)
            pair = counted is None or counted.group(2) == "个"
            if rows and pair and "metric" in inherited:
                spec = replace(spec, metric=rows[0], also=rows[1:], columns=previous.columns)
            elif pair and "metric" in inherited and columns_pair and "metric" in previous.inherited:
                spec = replace(spec, columns=spec.context_columns[0] + spec.context_columns[1])
    return spec, inherited
