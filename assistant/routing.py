"""Classifying a question into a constrained QuerySpec (no free-form SQL, ever).

Routes: cell, aggregate (sum / avg / max / min / listing across reports), comparison
(between issuers or years), ratio, audit, narrative, refusal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from assistant.issuers import find_issuers, find_years, unknown_places
from assistant.lexicon import Lexicon, Metric, Ratio

AUDIT = re.compile(r"勾稽|对得上|对不上|加起来对|是否一致|不一致|有没有错|有无错误|错误|矛盾|核对|校验|逻辑关系|数据问题|算错|加总|平衡|自洽")
SUM = re.compile(r"合计|总共|一共|共计|之和|加起来|总和|累计|加总|总量")
AVG = re.compile(r"平均")
MAX = re.compile(r"最多|最高|最大|最多的|第一|排名第一|哪个.{0,8}多|哪家.{0,8}多|谁.{0,4}多")
MIN = re.compile(r"最少|最低|最小|哪个.{0,8}少|哪家.{0,8}少|谁.{0,4}少")
RANK = re.compile(r"排名|排序|排行|从高到低|从多到少|依次")
COMPARE = re.compile(r"相比|比较|对比|变化|增长|增加了|减少了|多了|少了|差多少|差距|相差|同比|较上年|比上年|比去年|增幅|降幅|变动")
SHARE = re.compile(r"占比|比例|比重|百分比|百分之|占[^，。？]{0,12}(?:多少|几成|的比)|率")
FOLLOW_UP = re.compile(r"^(那|那么|那个|还有|再看|换成|改成|如果是|它|其|该)")
FILLER = re.compile(r"[那么呢吗的年度是多少请问又还有再看换成改成如果情况怎样怎么样数字数量呀啊吧，。？?！!、\s\d]")
EVERYONE = re.compile(r"哪个|哪些|哪家|各单位|各个|所有|全部|每个|谁")
OUT_OF_SCOPE = re.compile(r"天气|股票|股价|彩票|足球|篮球|电影|菜谱|翻译|写一首|写诗|笑话|明星|房价预测")


@dataclass(frozen=True)
class QuerySpec:
    """What a question asks, in terms the stores can answer."""

    route: str
    question: str
    issuers: tuple[str, ...] = ()
    years: tuple[int, ...] = ()
    metric: Metric | None = None
    metric_span: tuple[int, int] | None = None
    columns: tuple[str, ...] = ()
    aggregation: str | None = None        # sum | avg | max | min | list | rank
    ratio: Ratio | None = None
    share_of: Metric | None = None        # denominator metric for "X 占 Y 的比例"
    unknown: tuple[str, ...] = ()          # places named that are not in the store
    inherited: tuple[str, ...] = field(default_factory=tuple)


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
    span = (matches[0].start, matches[0].end) if matches else None
    spec = QuerySpec("narrative", q, names, years, metric, span, unknown=unknown, ratio=ratio)

    if OUT_OF_SCOPE.search(q) and not metric:
        return replace(spec, route="refusal")
    if AUDIT.search(q) and not ratio:
        return replace(spec, route="audit")

    # A follow-up that names no metric takes the previous question's.
    inherited: list[str] = []
    if previous is not None and previous.route not in ("refusal",):
        rest = q
        for m in mentions:
            rest = rest.replace(q[m.start:m.end], "")
        bare = FILLER.sub("", rest)
        # A follow-up adds nothing but who/when ("那芮城县呢？", "2024年呢？") or starts like one.
        is_follow = len(bare) <= 2 or (bool(FOLLOW_UP.search(q)) and len(bare) <= 8)
        if metric is None and ratio is None and is_follow and previous.route != "narrative":
            spec = replace(spec, metric=previous.metric, metric_span=None, ratio=previous.ratio,
                           columns=previous.columns, aggregation=previous.aggregation,
                           share_of=previous.share_of)
            metric, ratio = spec.metric, spec.ratio
            inherited.append("metric")
        if not names and previous.issuers and is_follow and not EVERYONE.search(q) and not unknown:
            spec = replace(spec, issuers=previous.issuers)
            inherited.append("issuers")
        if not years and previous.years and (is_follow or (metric and names)) and not unknown:
            spec = replace(spec, years=previous.years)
            inherited.append("years")
        if previous.route == "narrative" and metric is None and ratio is None and is_follow:
            spec = replace(spec, route="narrative")
    spec = replace(spec, inherited=tuple(inherited))

    if metric is None and ratio is None:
        return spec

    if "metric" not in inherited:
        exclude = [m for m in [(mm.start, mm.end) for mm in matches]]
        table = metric.table if metric else "requests"
        spec = replace(spec, columns=tuple(lexicon.find_columns(q, table, exclude)))

    if ratio is not None or (SHARE.search(q) and metric is not None):
        share_of = None
        if ratio is None and len(matches) > 1:
            share_of = matches[1].metric
        route_name = "ratio"
        if COMPARE.search(q) and (len(spec.issuers) > 1 or len(spec.years) > 1):
            route_name = "comparison"
        return replace(spec, route=route_name, share_of=share_of or spec.share_of)

    many = len(spec.issuers) > 1 or len(spec.years) > 1
    if COMPARE.search(q) and many:
        return replace(spec, route="comparison")
    aggregation = spec.aggregation if "metric" in inherited else None
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
    elif many or (not spec.issuers and previous is None):
        aggregation = aggregation or "list"
    if aggregation and "metric" in inherited and not many and spec.issuers and aggregation in ("list",):
        aggregation = None
    if aggregation:
        return replace(spec, route="aggregate", aggregation=aggregation)
    return replace(spec, route="cell", aggregation=None)
