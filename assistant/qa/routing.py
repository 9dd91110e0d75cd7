"""Classifying a question into a constrained QuerySpec (no free-form SQL, ever).

Routes: cell, aggregate (sum / avg / max / min / rank / listing across reports),
comparison (between issuers or years), ratio, audit, narrative, refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.qa.issuers import find_issuers, find_years, unknown_places
from assistant.qa.lexicon import Lexicon, Match, Metric, Ratio

AUDIT = re.compile(r"勾稽|对得上|对不上|加起来对|一致|有没有错|有无错误|错误|矛盾|核对|校验|逻辑关系|数据问题|算错|平衡|自洽")
SUM = re.compile(r"合计|总共|一共|共计|之和|加起来|加在一起|算在一起|都算上|总和|累计|加总|总量")
AVG = re.compile(r"平均")
MAX = re.compile(r"最多|最高|最大|排名第一|哪个.{0,8}多|哪家.{0,8}多|谁.{0,4}多")
MIN = re.compile(r"最少|最低|最小|哪个.{0,8}少|哪家.{0,8}少|谁.{0,4}少")
RANK = re.compile(r"排名|排序|排行|从高到低|从多到少|依次")
COMPARE = re.compile(r"相比|比较|对比|变化|增长|增加了|减少了|多了|少了|差多少|差距|相差|同比|较上年|比上年|比去年|"
                     r"增幅|降幅|变动|多多少|少多少|多几|少几|[比较].{0,20}?(?:多|少|增加|减少|高|低)")
SHARE = re.compile(r"占比|比例|比重|百分比|百分之|占[^，。？]{0,20}(?:多少|几成|的比|百分)|(?<!税)率")
FOLLOW_UP = re.compile(r"^(那|那么|那个|还有|再看|换成|改成|如果是|它|其|该|其中|同期|里面|这份|这个报告|该报告|这里面)")
PERSONAL = re.compile(r"姓名|名单|名字|都是谁|是哪些人|身份证|住址")
AVAILABLE = re.compile(r"(?:年报|报告)[^，。？]{0,6}(?:有吗|有没有|收录了?吗?)[？?]*$|(?:有没有|收录了?|能查到?|可以查)[^，。？]{0,12}(?:年报|报告)[吗？?]*$")
FILLER = re.compile(r"[那么呢吗的年度是多少请问又还有再看换成改成如果情况怎样怎么样数字数量呀啊吧，。？?！!、\s\d]")
EVERYONE = re.compile(r"哪个|哪些|哪家|各单位|各个|所有|全部|每个|谁")
NARRATIVE_ASK = re.compile(r"情况如何|怎么样|如何|哪些方面|什么措施|做了什么|做了哪些|采取了|怎样|为什么|原因|介绍")
NUMBER_ASK = re.compile(r"多少|几件|几个|几项|几家|数量|数字|总数|比例|率|占|合计|总计|最多|最少|排名|是否为|共有")
OUT_OF_SCOPE = re.compile(r"天气|股票|股价|彩票|足球|篮球|电影|菜谱|翻译|写一首|写诗|笑话|明星|房价预测")
CHANGE_WORDS = re.compile(r"本年增|增/减|增减")
# In table 二 one column is meant; the more specific wording wins.
ACTIVE_COLUMN_ORDER = ("change", "amount", "items", "decisions", "prev_items", "repealed", "in_force",
                       "issued", "new_public", "total_public", "new_made")


@dataclass(frozen=True)
class QuerySpec:
    """What a question asks, in terms the stores can answer."""

    route: str
    question: str
    issuers: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    metric: Metric | None = None
    columns: tuple[str, ...] = ()
    aggregation: str | None = None        # sum | avg | max | min | list | rank
    ratio: Ratio | None = None
    numerator: tuple[Metric, ...] = ()     # "A 和 B 占 C 的比例": A, B …
    also: tuple[Metric, ...] = ()          # further metrics the question names (audit scope)
    share_of: Metric | None = None         # … over C
    unknown: tuple[str, ...] = ()          # places named that are not in the store
    inherited: tuple[str, ...] = field(default_factory=tuple)


def _is_follow_up(q: str, mentions, previous: QuerySpec | None) -> bool:
    """A follow-up adds little but who/when ("那芮城县呢？", "2024年呢？") or starts like one."""
    if previous is None or previous.route == "refusal":
        return False
    rest = q
    for m in mentions:
        rest = rest.replace(q[m.start:m.end], "")
    bare = FILLER.sub("", rest)
    # "行政处罚呢？": a short question ending in 呢 keeps who and when.
    short_ne = len(q) <= 12 and bool(re.search(r"呢[？?]?$", q))
    return len(bare) <= 2 or bool(FOLLOW_UP.search(q)) or short_ne


def _columns(q: str, lexicon: Lexicon, metric: Metric | None, matches: list[Match],
             comparing: bool) -> tuple[str, ...]:
    table = metric.table if metric else "requests"
    cols = lexicon.find_columns(q, table, [(m.start, m.end) for m in matches])
    if comparing and not CHANGE_WORDS.search(q):
        cols = [c for c in cols if c != "change"]   # 增加/减少 compare years, not the 增/减 column
    if table == "active" and len(cols) > 1:
        cols = [min(cols, key=ACTIVE_COLUMN_ORDER.index)]
    if "_orgs" in cols and len(cols) > 1:
        cols = [c for c in cols if c != "_orgs"]   # 法人或其他组织里的“其他”: the one column
    return tuple(cols)


def _absorb_members(metric: Metric | None, also: tuple[Metric, ...]) -> tuple[Metric | None, tuple[Metric, ...]]:
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


def _share_parts(q: str, matches: list[Match]) -> tuple[tuple[Metric, ...], Metric | None]:
    """'予以公开和部分公开合计占办理结果总数的…': metrics before 占 over the one after it."""
    at = q.find("占")
    if at < 0:
        return (), (matches[1].metric if len(matches) > 1 else None)
    before = tuple(m.metric for m in sorted(matches, key=lambda m: m.start) if m.start < at)
    after = [m.metric for m in sorted(matches, key=lambda m: m.start) if m.start > at]
    return before, (after[0] if after else None)


def route(question: str, lexicon: Lexicon, issuers: list[str],
          previous: QuerySpec | None = None) -> QuerySpec:
    """Classify one question; ``previous`` lets a follow-up inherit what it omits."""
    q = question.strip()
    mentions = find_issuers(q, issuers)
    names = tuple(m.issuer for m in mentions)
    years = tuple(find_years(q))
    unknown = tuple(unknown_places(q, mentions))
    matches = lexicon.find_metrics(q)
    ratio = lexicon.find_ratio(q)
    metric = matches[0].metric if matches else None
    spec = QuerySpec("narrative", q, names, years, metric, unknown=unknown, ratio=ratio,
                     also=tuple(m.metric for m in matches[1:]))

    if OUT_OF_SCOPE.search(q) and not metric:
        return replace(spec, route="refusal")
    if PERSONAL.search(q):
        return replace(spec, route="refusal", unknown=("personal",))
    if AVAILABLE.search(q) and not metric and not ratio and not AUDIT.search(q):
        return replace(spec, route="available")
    if metric is None and "申请" in q and lexicon.find_columns(q, "requests"):
        # "社会公益组织提交了几件申请": a requester column alone means new requests.
        metric = next(m for m in lexicon.metrics if m.id == "requests.new")
        spec = replace(spec, metric=metric)
    metric, also = _absorb_members(metric, spec.also)
    # Catch-all wordings (a bare “申请”) never join a sum or narrow an audit.
    spec = replace(spec, metric=metric, also=tuple(m for m in also if m.priority > 0))
    if AUDIT.search(q) and not ratio:
        return replace(spec, route="audit")
    narrative_ask = NARRATIVE_ASK.search(q) and not NUMBER_ASK.search(q)

    follow = _is_follow_up(q, mentions, previous)
    comparing = bool(COMPARE.search(q))
    inherited: list[str] = []
    if follow or (previous is not None and comparing and metric is None and ratio is None
                  and previous.route not in ("narrative", "refusal")):
        if metric is None and ratio is None and previous.route != "narrative":
            spec = replace(spec, metric=previous.metric, ratio=previous.ratio, columns=previous.columns,
                           aggregation=previous.aggregation, share_of=previous.share_of,
                           numerator=previous.numerator)
            metric, ratio = spec.metric, spec.ratio
            inherited.append("metric")
        if not names and previous.issuers and not EVERYONE.search(q) and not unknown:
            spec = replace(spec, issuers=previous.issuers)
            inherited.append("issuers")
        if previous.years and not unknown:
            if not years:
                spec = replace(spec, years=previous.years)
                inherited.append("years")
            elif comparing and len(years) == 1 and years[0] not in previous.years:
                spec = replace(spec, years=tuple(sorted(set(previous.years) | set(years))))
                inherited.append("years")
        if comparing and len(names) == 1 and previous.issuers and names[0] not in previous.issuers \
                and len(spec.years) <= 1:
            spec = replace(spec, issuers=previous.issuers + names)
            inherited.append("issuers")
    spec = replace(spec, inherited=tuple(inherited))

    if (metric is None and ratio is None) or (narrative_ask and "metric" not in inherited):
        return replace(spec, route="narrative")

    many = len(spec.issuers) > 1 or len(spec.years) > 1
    if "metric" not in inherited:
        spec = replace(spec, columns=_columns(q, lexicon, metric, matches, comparing and many))
    else:
        named = _columns(q, lexicon, metric, matches, comparing and many)
        if named:   # "那其中法律服务机构提的有几件？": the same row, another column
            spec = replace(spec, columns=named)

    if ratio is not None or (SHARE.search(q) and metric is not None):
        numerator, share_of = (), None
        if ratio is None:
            numerator, share_of = _share_parts(q, matches)
        if "metric" in inherited and previous is not None and ratio is None and not numerator:
            # "其中商业企业提出的占多少？": the named column's share of the inherited row.
            cols = _columns(q, lexicon, metric, [], False)
            spec = replace(spec, columns=cols or spec.columns)
        route_name = "comparison" if comparing and many else "ratio"
        return replace(spec, route=route_name, numerator=numerator or spec.numerator,
                       share_of=share_of or spec.share_of)

    if comparing and many:
        return replace(spec, route="comparison")
    aggregation = None
    if MAX.search(q):
        aggregation = "max"
    elif MIN.search(q):
        aggregation = "min"
    elif AVG.search(q):
        aggregation = "avg"
    elif RANK.search(q):
        aggregation = "rank"
    elif SUM.search(q) and (many or not spec.issuers):
        aggregation = "sum"
    elif many or not spec.issuers:
        aggregation = "list"
    if aggregation:
        return replace(spec, route="aggregate", aggregation=aggregation)
    return replace(spec, route="cell")
