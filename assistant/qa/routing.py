"""Classifying a question into a constrained Interpretation (no free-form SQL, ever).

Routes: cell, aggregate (sum / avg / max / min / rank / listing across reports),
comparison (between issuers or years), ratio, audit, narrative, refusal.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.domain.template import ALL_ROWS, V2019, version_for_year
from assistant.domain.text import normalise_question
from assistant.qa import wording as w
from assistant.qa.catalogue import closest_metric, member_named
from assistant.qa.cells_asked import (
    absorb_members,
    column_without_row,
    columns_left,
    direction,
    has_columns,
    last_years_items,
    metric_rows,
    money_and_count,
    money_row_count,
    named_columns,
    negation,
    negation_spans,
    nth_item,
    several_counts,
    share_parts,
    two_columns,
    whole_first,
    within_spans,
)
from assistant.qa.english import is_english, to_chinese, unknown_english_places
from assistant.qa.interpretation import Clarification, Interpretation, Operation, Refuse, Route
from assistant.qa.issuers import (
    Mention,
    bare_place_readings,
    find_issuers,
    find_years,
    listed_places,
    places_below,
    suggest_issuers,
    unknown_places,
)
from assistant.qa.lexicon import Lexicon, Match, Metric
from assistant.qa.passages import section_hint


def _is_follow_up(q: str, mentions, previous: Interpretation | None) -> bool:
    """A follow-up adds little but who/when ("那芮城县呢？", "2024年呢？") or starts like one."""
    if previous is None or previous.route == Route.REFUSAL:
        return False
    rest = q
    for m in mentions:
        rest = rest.replace(q[m.start:m.end], "")
    bare = w.FILLER.sub("", rest)
    # "行政处罚呢？": a short question ending in 呢 keeps who and when.
    short_ne = len(q) <= 12 and bool(re.search(r"呢[？?]?$", q))
    return len(bare) <= 2 or bool(w.FOLLOW_UP.search(q)) or short_ne


def _place_level_issuers(q: str, catalogue: Mapping[str, tuple[int, ...]]) -> list[str]:
    m = w.VAGUE_PLACE.search(q)
    if not m:
        return []
    level = next(g for g in m.groups() if g)
    return sorted(i for i in catalogue if _GOV_NAME.sub("", i).endswith(level))


_GOV_NAME = re.compile(r"(人民政府|政府|管委会|管理委员会)$")


def _short(issuer: str) -> str:
    base = _GOV_NAME.sub("", issuer)
    return re.sub(r"^[\u4e00-\u9fff]{2,3}?[省市](?=[\u4e00-\u9fff]{2,}[县区镇])", "", base) or base


def interpret(question: str, lexicon: Lexicon, catalogue: Mapping[str, tuple[int, ...]],
              previous: Interpretation | None = None) -> Interpretation:
    """What the question asks, as one Interpretation; ``previous`` is the last turn's.

    ``catalogue`` maps every issuer in the library to the years it has reports for.
    """
    issuers = sorted(catalogue)
    q = normalise_question(question)
    language, elsewhere = "zh", []
    if is_english(q):
        language, elsewhere, q = "en", unknown_english_places(q, issuers), to_chinese(q, issuers)
    q, slips = lexicon.mend_homophones(q)   # "予以工开" → 予以公开: an input-method slip, read as meant
    mentions = _without_parent_aside(q, find_issuers(q, issuers))
    listed, unlisted = listed_places(q, mentions, issuers)
    mentions = sorted(mentions + listed, key=lambda m: m.start)
    q = _recent_years(q, [m.issuer for m in mentions] or issuers, catalogue)
    suggestions = suggest_issuers(q, issuers, mentions)
    sure = [s for s in suggestions if s.same_sound]
    if sure and not mentions:   # 芮成县 for 芮城县: an input-method slip, read as meant
        mentions = sorted(mentions + [Mention(s.issuer, s.start, s.end) for s in sure], key=lambda m: m.start)
    base = _route(q, lexicon, issuers, mentions, previous)
    if elsewhere and not base.issuers:
        base = replace(base, unknown=tuple(elsewhere))
    if unlisted and base.issuers:   # "大宁县、彭阳县…": answered for 大宁县, 彭阳县 said to be missing
        base = replace(base, unknown=tuple(dict.fromkeys(base.unknown + tuple(unlisted))))
    spec = replace(base, raw=question, language=language,
                   issuer_words=tuple(q[m.start:m.end] for m in mentions),
                   suggestions=tuple(dict.fromkeys(s.issuer for s in suggestions if s.issuer not in base.issuers)))
    if sure and not base.unknown:
        spec = replace(spec, confidence=0.8, alternatives=tuple(
            f"问题中的“{s.word}”按“{_short(s.issuer)}”理解" for s in sure))
    if slips and spec.route not in (Route.REFUSAL, Route.CLARIFY):
        spec = replace(spec, confidence=min(spec.confidence, 0.9), alternatives=spec.alternatives + tuple(
            f"问题中的“{typed}”按“{meant}”理解" for typed, meant in slips))
    bare = [(spec.issuer_words[i], readings) for i, m in enumerate(mentions)
            if (readings := bare_place_readings(spec.issuer_words[i], m.issuer, issuers))
            and not set(readings[1:]) & set(spec.issuers)
            # "淮安全市", "淮安…市政府年报", "市本级": the city's own level said in the question
            and not _says_level(q, m.end, _GOV_NAME.sub("", readings[0])[-1])]
    if bare and spec.route not in (Route.REFUSAL, Route.CLARIFY, Route.AVAILABLE):
        # "淮安2024年…": the city's own report, or one from a district of it? Asked, not guessed.
        word, readings = bare[0]
        choices = tuple(_GOV_NAME.sub("", i) for i in readings)
        return ask_back(spec, f"“{word}”指{choices[0]}本级，还是{'、'.join(choices[1:])}？", choices)
    if not spec.issuers and suggestions and not sure:
        choices = tuple(dict.fromkeys(_short(s.issuer) for s in suggestions))
        return replace(spec, route=Route.CLARIFY, confidence=0.3, clarification=Clarification(
            f"没有找到“{suggestions[0].word}”的年报，您问的是{'还是'.join(choices)}吗？", choices))
    if spec.route == Route.CLARIFY and spec.issuers and spec.years and spec.metric is not None \
            and not any(y in catalogue.get(i, ()) for i in spec.issuers for y in spec.years):
        # "平潭2019年度年报里行政处罚是多少": no such report — said, not asked which column
        return replace(spec, route=Route.CELL, clarification=None, alternatives=(), confidence=1.0)
    if previous is not None and previous.route == Route.CLARIFY and previous.clarification is not None \
            and "issuers" in spec.inherited and spec.route not in (Route.REFUSAL, Route.CLARIFY) \
            and _asks_who(previous.clarification, catalogue):
        # "我在对淮安那边的几份年报。" → "行政处罚决定数是多少来着？": the question back was not
        # answered, so the next turn is no more settled than the last — asked again
        return ask_back(spec, previous.clarification.question, previous.clarification.choices)
    return _clarify_slots(spec, q, catalogue)


MAX_ASKS = 4   # a narrative question's parts looked up on their own (each is a retrieval)


def _measure_asked(spec: Interpretation) -> Interpretation:
    """A narrative question's measure: a count ("几个政务新媒体" → 个, 政务新媒体), money
    ("投入了多少经费" → 元) or a quantity beside its noun ("访问量是多少"); none for the rest."""
    if w.CONTACT_ASK.search(spec.question):   # the report's contact line, in its preamble
        return replace(spec, unit_asked="联系", section="preamble")
    count = w.COUNT_ASK.search(spec.question)
    if count:
        noun = count.group(2) if count.group(2)[:1] not in "的了呢吗啊是有在" else ""
        return replace(spec, unit_asked=count.group(1), noun_asked=noun)
    if w.MONEY_ASK.search(spec.question):   # only a sum of money answers it
        return replace(spec, unit_asked="元")
    if w.WHICH_BODIES.search(spec.question):   # only a passage naming them
        return replace(spec, unit_asked="部门")
    if quantity := w.QUANTITY_ASK.search(spec.question):   # a figure beside 访问
        return replace(spec, unit_asked="数", noun_asked=quantity.group(1))
    return spec


def _asks_who(clarification: Clarification, catalogue: Mapping[str, tuple[int, ...]]) -> bool:
    """Whether a question back offered issuers ("淮安市 / 淮安市洪泽区") as its readings."""
    names = {_GOV_NAME.sub("", i) for i in catalogue} | {_short(i) for i in catalogue}
    return bool(clarification.choices) and all(c in names for c in clarification.choices)


def row_and_column(row: str, column: str) -> str:
    """'政府集中采购' + '采购项目数量' → '政府集中采购项目数量': a reading's words, said once."""
    overlap = next((n for n in range(min(len(row), len(column)), 1, -1) if row.endswith(column[:n])), 0)
    return row + column[overlap:]


def ask_back(spec: Interpretation, question: str, choices: tuple[str, ...], confidence: float = 0.4) -> Interpretation:
    """The reading turned into a short question back, its candidate readings as the choices."""
    return replace(spec, route=Route.CLARIFY, confidence=confidence, alternatives=choices,
                   clarification=Clarification(question, choices))


def _without_parent_aside(q: str, mentions: list[Mention]) -> list[Mention]:
    """'洪泽区（淮安）': the city in brackets says where the district is, it is not asked about."""
    out = []
    for m in mentions:
        inside = re.search(r"[（(]\s*$", q[:m.start]) is not None and re.match(r"\s*[）)]", q[m.end:]) is not None
        child = any(o is not m and o.end <= m.start and o.issuer.startswith(_GOV_NAME.sub("", m.issuer))
                    for o in mentions)
        if not (inside and child):
            out.append(m)
    return out


def _says_level(q: str, after: int, level: str) -> bool:
    """Whether the question names the level itself: 市 right after the name (淮安市, 淮安全市),
    or 市政府 / 市本级 / 市级 / 全市 anywhere in it."""
    return bool(re.match(rf"(?:全|本级|本)?{level}", q[after:])
                or re.search(rf"{level}(?:人民)?政府|{level}本级|{level}级|全{level}", q))


def _recent_years(q: str, issuers: list[str], catalogue: Mapping[str, tuple[int, ...]]) -> str:
    """'近三年' as the last three years the library has for the issuers asked about."""
    m = w.RECENT.search(q)
    have = sorted({y for i in issuers for y in catalogue.get(i, ())})
    if not m or not have:
        return q
    n = int(m.group(1)) if m.group(1).isdigit() else w.COUNT_WORDS.get(m.group(1), 0)
    if not 1 < n <= 10:
        return q
    last = have[-1]
    return q[:m.start()] + f"{last - n + 1}年到{last}年" + q[m.end():]


def _report_years(q: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """'平潭2024年报说2025年要从哪几个方面改进': the report's year, not the year it plans for."""
    said = [int(m.group(1)) for m in w.REPORT_YEAR.finditer(q)]
    if said and w.PLAN.search(q) and any(y > max(said) for y in years):
        return tuple(y for y in years if y <= max(said))
    return years


def _clarify_slots(spec: Interpretation, q: str, catalogue: Mapping[str, tuple[int, ...]]) -> Interpretation:
    """Ask back when a number is asked but who or which year is left open."""
    vague = _place_level_issuers(q, catalogue) if not spec.issuers else []
    single = (spec.route in (Route.CELL, Route.RATIO)
              or (spec.route == Route.AGGREGATE and (spec.aggregation == "list" or vague))
              # "2024年行政复议一共几件？": one report's total, whose issuer is unsaid — not every report's
              or (spec.route == Route.AGGREGATE and spec.aggregation == "sum" and not spec.issuers
                  and len(spec.years) <= 1 and not w.SEVERAL_REPORTS.search(q)))
    if not single or spec.unknown or w.EACH.search(q):
        return spec
    issuers = list(spec.issuers)
    if not issuers:
        issuers = vague or sorted(catalogue)
        if spec.years:
            issuers = [i for i in issuers if set(spec.years) & set(catalogue[i])]
        if len(issuers) > 1:
            choices = tuple(_short(i) for i in issuers[:8])
            return ask_back(spec, "您问的是哪个单位的年报？", choices)
        if len(issuers) == 1:
            spec = replace(spec, issuers=tuple(issuers))
    if not spec.years and len(spec.issuers) == 1:
        years = catalogue.get(spec.issuers[0], ())
        if len(years) > 1:
            choices = tuple(f"{y}年" for y in sorted(years, reverse=True))
            return ask_back(spec, f"{_short(spec.issuers[0])}有多个年度的年报，您问的是哪一年？", choices, 0.5)
    if spec.route == Route.AGGREGATE and len(spec.issuers) == 1 and len(spec.years) <= 1:
        spec = replace(spec, route=Route.CELL, aggregation=None)
    return spec


def _route(q: str, lexicon: Lexicon, issuers: list[str], mentions: list[Mention],
           previous: Interpretation | None) -> Interpretation:
    """The rules: route, metric, columns, operation and what a follow-up inherits."""
    below = places_below(q, mentions, issuers)
    if below:   # "淮安市清江浦区人民政府…": another body under the city, whose report is not here
        mentions = [m for m in mentions if m not in [b[0] for b in below]]
    negated_spans = negation_spans(q)
    # "不算大宁县的话": an issuer left out of the reports, not the one asked about.
    excluded = tuple(m.issuer for m in mentions if within_spans(m.start, m.end, negated_spans))
    # "彭阳县人民政府（不是机关事务服务中心）": a place named beside the one left out is still asked
    unknown = tuple(unknown_places(q, mentions)) if not set(m.issuer for m in mentions) - set(excluded) else ()
    if below:
        unknown = tuple(dict.fromkeys(name for _, name in below))
    mentions = [m for m in mentions if m.issuer not in excluded]
    names = tuple(m.issuer for m in mentions)
    years = _report_years(q, tuple(find_years(q)))
    # "行政诉讼（不管有没有先复议）": an aside that says it does not matter narrows nothing
    whatever = [(m.start(), m.end()) for m in w.WHATEVER.finditer(q)]
    every_match = [m for m in lexicon.find_metrics(q) if not within_spans(m.start, m.end, whatever)]
    matches = [m for m in every_match if not within_spans(m.start, m.end, negated_spans)]
    negated = [m for m in every_match if within_spans(m.start, m.end, negated_spans)]
    ratio = lexicon.find_ratio(q)
    metric = matches[0].metric if matches else None
    because = w.BECAUSE.search(q)
    if metric is not None and metric.priority == 0 and because and ratio is None:
        # "有多少件申请是因为信息不归本机关掌握、所以没法提供的": the outcome given as the reason,
        # not every request — the row whose label the reason spells most of, or asked back
        best, runner = closest_metric(q[because.start():], lexicon)
        if best is None or runner is not None:
            outcomes: tuple[str, ...] = (best.metric.label, runner.metric.label) \
                if best is not None and runner is not None else ()
            return ask_back(Interpretation(Route.NARRATIVE, q, names, years, unknown=unknown),
                            "您问的是哪一类办理结果的申请数？" + ("" if outcomes else "请说出表三中的那一项。"), outcomes, 0.3)
        metric = best.metric
        matches = [Match(best.metric, because.start(), len(q))] + matches[1:]
    spec = Interpretation(Route.NARRATIVE, q, names, years, metric, unknown=unknown, ratio=ratio,
                          also=tuple(m.metric for m in matches[1:]),
                          negated=tuple(q[s:e] for s, e in negated_spans),
                          section=section_hint(q), as_printed=bool(w.AS_PRINTED.search(q)), excluded=excluded)

    if w.OUT_OF_SCOPE.search(q) and not metric:
        return replace(spec, route=Route.REFUSAL, refuse=Refuse.OUT_OF_SCOPE)
    if w.NOT_IN_TABLES.search(q):
        return replace(spec, route=Route.REFUSAL, refuse=Refuse.NO_BREAKDOWN)
    if w.PERSONAL.search(q) and not re.search(r"公众号|网站|平台|栏目|APP|app|小程序|微博|热线", q):
        return replace(spec, route=Route.REFUSAL, refuse=Refuse.PERSONAL)
    if w.AVAILABLE.search(q) and not metric and not ratio and not w.AUDIT.search(q):
        return replace(spec, route=Route.AVAILABLE)
    requesters = [c for c in lexicon.find_columns(q, "requests") if c != "total"]   # 总计 names no requester
    if metric is None and "申请" in q and requesters:
        if requesters == ["other_org"] and not w.REQUESTER.search(q):
            # "申请情况表里“其他”那一项": the 其他 requester column, or the （六）其他处理 row?
            readings = ("新收申请中“其他”类申请人提出的", "办理结果中的（六）其他处理")
            return ask_back(spec, "“其他”指申请人中的“其他”，还是办理结果中的“其他处理”？", readings)
        # "社会公益组织提交了几件申请": a requester column alone means new requests.
        metric = next(m for m in lexicon.metrics if m.id == "requests.new")
        spec = replace(spec, metric=metric)
    if metric is None and ratio is None and w.FEE_ASK.search(q) and not w.FEE_NAMED.search(q):
        return ask_back(spec, "您问的是表二的“行政事业性收费”金额，还是正文中的政府信息公开信息处理费？",
                        ("表二“行政事业性收费”的本年收费金额", "年报正文中的信息处理费收了多少"))
    kept_row = previous is not None and previous.metric is not None and previous.route != Route.REFUSAL
    if metric is None and ratio is None and w.NUMBER_ASK.search(q) and not negated and not w.TEXT_SAYS.search(q) \
            and not kept_row and not w.AUDIT.search(q):   # "其中结果纠正的有几件？" after 行政复议: that row's
        bare_column = column_without_row(q, lexicon)
        if bare_column:   # "“结果维持”的是几件？": 行政复议 or either kind of 行政诉讼 — asked, not guessed
            word, rows_with_it = bare_column
            return ask_back(spec, f"表中不止一处有“{word}”，您问的是哪一个？", rows_with_it)
    if metric is None and ratio is None and w.NUMBER_ASK.search(q) and not negated:
        # No known wording: the row whose printed label the question spells most of.
        bare = q
        for m in mentions:
            bare = bare.replace(q[m.start:m.end], " ")
        best, runner = closest_metric(bare, lexicon)
        if best is not None and runner is not None:
            choices: tuple[str, ...] = (best.metric.label, runner.metric.label)
            return ask_back(spec, "您问的是哪一项？", choices)
        if best is not None:
            metric = best.metric
            spec = replace(spec, metric=metric, confidence=round(best.score, 2),
                           alternatives=(f"按表中“{best.entry}”一项理解",))
    if metric is not None and len(metric.rows) > 1 and not [m for m in spec.also if m.priority > 0] \
            and not negated_spans and ratio is None:
        # "不予公开…因为属于可以通过查询渠道办理的事项": the group's row described, not the group
        rest = "".join(q[:m.start] + " " for m in matches[:1]) + q[matches[0].end:] if matches else q
        for a, b in whatever:   # "（不管有没有先复议）" describes no row
            rest = rest.replace(q[a:b], " ")
        member = member_named(rest, metric, lexicon)
        if member is not None:
            metric = member.metric
            spec = replace(spec, metric=metric, confidence=round(min(1.0, 0.5 + member.score), 2),
                           alternatives=(f"按表中“{member.entry}”一项理解",))
    metric, also = absorb_members(metric, spec.also)
    # Catch-all wordings (a bare “申请”) never join a sum or narrow an audit.
    spec = replace(spec, metric=metric, also=tuple(m for m in also if m.priority > 0))

    inherited: list[str] = []
    follow = _is_follow_up(q, mentions, previous) or (
        # "废止了多少？" after "规范性文件本年制发多少件？": another column of the same row.
        previous is not None and metric is None and ratio is None and previous.metric is not None
        and bool(lexicon.find_columns(q, previous.metric.table)))
    # "正文说…是多少件，跟表格里的…一致吗": the text against the table, even with a number asked
    text_vs_table = bool(w.TEXT_SAYS.search(q) and w.TABLE_SAYS.search(q) and w.YES_NO.search(q))
    audit = bool(w.AUDIT.search(q)) and not ratio and (text_vs_table or not (
        not re.search(r"勾稽|对得上|对不上|矛盾|衔接|相符|吻合|等于|相等|对不对", q)
        and w.WEAK_AUDIT.search(q) and (re.search(r"多少|几[件个项]", q) or not w.YES_NO.search(q))))
    comparing = bool(w.COMPARE.search(q) or w.PERCENT_CHANGE.search(q) or w.MULTIPLE.search(q)
                     or w.SUBTRACT.search(q))
    if comparing and w.SUM.search(q) and not (w.PERCENT_CHANGE.search(q) or w.MULTIPLE.search(q)
                                              or w.DIRECTED_COMPARE.search(q)):
        comparing = False   # "我在做县域对比：…一共多少件？" asks a sum; 对比 says what it is for
    context = previous is not None and previous.route not in (Route.REFUSAL,)
    # Dialogue state: every year and issuer the conversation has named, in order of mention.
    # (`previous is not None` repeats what `context` implies, so the checker sees it too.)
    if context and previous is not None:
        spec = replace(spec, context_years=tuple(dict.fromkeys(previous.context_years + previous.years + years)),
                       context_issuers=tuple(dict.fromkeys(previous.context_issuers + previous.issuers + names)))
    # A turn that names no issuer and no year keeps the conversation's.
    if context and previous is not None and not names and not unknown and not w.EACH.search(q):
        if previous.issuers:
            spec = replace(spec, issuers=previous.issuers)
            inherited.append("issuers")
        if not years and previous.years:
            spec = replace(spec, years=previous.years)
            inherited.append("years")
    if context and previous is not None \
            and (follow or (metric is None and ratio is None and (comparing or audit or w.SUM.search(q)))) \
            and previous.route not in (Route.NARRATIVE,):
        if metric is None and ratio is None:
            spec = replace(spec, metric=previous.metric, ratio=previous.ratio, columns=previous.columns,
                           aggregation=previous.aggregation, share_of=previous.share_of,
                           numerator=previous.numerator, minus=previous.minus)
            metric, ratio = spec.metric, spec.ratio
            inherited.append("metric")
        if follow and not years and previous.years and not unknown and "years" not in inherited:
            # "那芮城县呢？" after a 2020 question: a new issuer, the same year.
            spec = replace(spec, years=previous.years)
            inherited.append("years")
        if years and previous.years and comparing and len(years) == 1 and years[0] not in previous.years:
            spec = replace(spec, years=tuple(sorted(set(previous.years) | set(years))))
            inherited.append("years")
        if comparing and len(names) == 1 and previous.issuers and names[0] not in previous.issuers \
                and len(spec.years) <= 1:
            spec = replace(spec, issuers=previous.issuers + names)
            inherited.append("issuers")
        # "两年衔接得上吗", "三年加起来", "两个县加起来", or "下降了百分之多少？" after 2023 and
        # 2024 were asked in turn: every report the conversation named.
        if (comparing or audit or w.SUM.search(q)) and not years and not names and (
                w.CONTEXT_SET.search(q) or (comparing and len(spec.years) <= 1 and len(spec.issuers) <= 1)):
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
    spec = replace(spec, inherited=tuple(inherited))
    spec, metric = nth_item(spec, q, lexicon, previous)
    if w.POSITION.search(q) and "group" not in spec.inherited and metric is not None:
        # "复议诉讼表数据那一行最后一个数": a place in the printed row, which labels cannot tell
        return ask_back(spec, "按位置问的数（如“最后一个数”“第3列”）无法确定是哪一栏，请说出栏目名称"
                              f"（如“{metric.label}·总计”）。", ())
    if "metric" not in inherited:
        spec = negation(spec, q, lexicon, matches, negated)

    if audit:
        tables = tuple(t for t, pattern in w.AUDIT_TABLES if pattern.search(q))
        if not tables and w.THIS_TABLE.search(q) and previous is not None and previous.metric is not None:
            tables = (previous.metric.table,)
        rules = tuple(r for r, pattern in (("R5", w.CONTINUITY), ("R7", w.NARRATIVE_VS_TABLE)) if pattern.search(q))
        rows_named = {m.id for m in (spec.metric, *spec.also) if m is not None}
        if "R5" not in rules and {"requests.carried_in", "requests.carried_out"} <= rows_named \
                and len(set(years) | set(spec.years)) > 1:
            rules = ("R5",) + rules   # "2021年结转到下一年的…，在2022年的上年结转里接上了吗"
        if w.CARRIED_BOTH.search(q) and "R5" not in rules:
            rules = ("R5",) + rules if len(set(years) | set(spec.years)) > 1 or len(spec.context_years) > 1 \
                else rules
        named_rules = tuple(r for r, words in (("R1", w.R1_WORDS), ("R2", w.R2_WORDS), ("R3", w.R3_WORDS))
                            if words.search(q)) if tables != ("review",) else ()
        if named_rules:   # table 三's own equations, named by their rows ("各项办理结果加起来…")
            rules = named_rules + tuple(r for r in rules if r != "R5")
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
        if named_rules and not columns and set(named_rules) & {"R1", "R3"} and not w.EVERY_COLUMN.search(q):
            columns = ("total",)   # rows named without a column: their 总计, as a cell question reads them
        figures = tuple(float(n) for n in re.findall(r"(?<![\d.])(\d+(?:\.\d+)?)(?![\d.]*\s*年)", q)
                        if int(float(n)) not in spec.years) if "R7" in rules else ()
        return replace(spec, route=Route.AUDIT, operation=Operation.AUDIT, tables=tables, rules=rules,
                       columns=columns, quoted=figures)
    narrative_ask = (((w.NARRATIVE_ASK.search(q) or w.WHICH_ONES.search(q)) and not w.NUMBER_ASK.search(q))
                     or w.WHY.search(q)
                     or (w.TEXT_SAYS.search(q) and not w.TABLE_SAYS.search(q))
                     or (w.TITLED.search(q) and (ratio is not None or metric is None or metric.priority == 0))
                     or (w.NON_TABLE_COUNT.search(q) and (metric is None or metric.priority == 0)))
    if (metric is None and ratio is None) or (narrative_ask and "metric" not in inherited):
        if follow and previous is not None and previous.route == Route.NARRATIVE:
            # "洪泽区2024年呢？" after a question about 信息处理费: the same content, new who/when.
            core = previous.question
            for word in previous.issuer_words + tuple(f"{y}年" for y in previous.years):
                core = core.replace(word, "")
            spec = replace(spec, question=f"{q}{core}", section=spec.section or previous.section,
                           issuers=spec.issuers or previous.issuers, years=spec.years or previous.years)
        spec = replace(_measure_asked(spec), route=Route.NARRATIVE, operation=Operation.NARRATIVE)
        asks = [part.strip() for part in w.ASK_SPLIT.split(spec.question) if w.TEXT_ASK.search(part)][:MAX_ASKS]
        if len(asks) > 1:   # "关停了几个政务新媒体？又对多少项文件做了解读？": each looked up on its own
            spec = replace(spec, parts=tuple(_measure_asked(replace(
                spec, question=a, unit_asked=None, noun_asked="", section=section_hint(a) or spec.section)) for a in asks))
        return spec

    many = len(spec.issuers) > 1 or len(spec.years) > 1
    change = w.PERCENT_CHANGE.search(q) and not w.CHANGE_WORDS.search(q)
    if "metric" not in inherited:
        if not spec.negated:
            spec = replace(spec, columns=named_columns(q, lexicon, metric, matches, comparing and many))
        if follow and not spec.columns and previous is not None and previous.columns and metric is not None \
                and previous.metric is not None and previous.metric.table == metric.table \
                and has_columns(metric, previous.columns) \
                and not lexicon.find_columns(q, metric.table, [(m.start, m.end) for m in matches]):
            # "…结果维持几件？ → 那直接起诉的呢？", "…处理决定数量？ → 行政强制呢？", "商业企业新申请多少件？ →
            # 那其中予以公开的有几件？": another row, the same column (when this turn names none)
            spec = replace(spec, columns=previous.columns)

    else:
        named = named_columns(q, lexicon, metric, matches, comparing and many)
        if named:   # "那其中法律服务机构提的有几件？": the same row, another column
            spec = replace(spec, columns=named)
    if "group" in spec.inherited:   # "第三项“其他”": the quoted row label is not the 其他 column
        spec = replace(spec, columns=tuple(c for c in spec.columns if c != "other_org"))

    if metric is not None and metric.table == "active" and not spec.columns and not comparing \
            and lexicon.find_columns(q, "active", [(m.start, m.end) for m in matches]):
        # A column named that this row does not have ("行政处罚…本年项目数"): ask which one is meant.
        rows = metric_rows(metric)
        if w.MONEY.search(q) and not any(r.money_columns for r in rows):
            # "行政处罚的罚没金额总共多少钱": the table has no money for this row — said, not asked back
            return replace(spec, route=Route.REFUSAL, refuse=Refuse.NO_SUCH_CELL)
        own = [c.label for r in rows for c in r.columns]
        choices = tuple(dict.fromkeys(row_and_column(metric.label, label) for label in own))
        return ask_back(spec, f"“{metric.label}”一栏没有问题里说的这一项，您问的是哪一栏？", choices)
    count_column = money_row_count(spec, q, metric) or last_years_items(spec, q, metric)
    if count_column:
        # "政府集中采购项目有几个？": the row's count, not its money column (the default)
        spec = replace(spec, columns=(count_column,))
    money_or_count = money_and_count(spec, q, metric) if not comparing and not many else ()
    if money_or_count and metric is not None:
        # "安居区2020年政府集中采购是多少？": 采购项目数量 or 采购总金额 — asked, not guessed
        choices = tuple(row_and_column(metric.label, label) for label in money_or_count)
        return ask_back(spec, f"“{metric.label}”一栏有{'和'.join(money_or_count)}，您问的是哪一个？", choices)
    several = several_counts(spec, q, metric) if not comparing and not many else ()
    if several and metric is not None:
        # "大宁县2020年规范性文件是多少件？": 本年新制作, 本年新公开 or 对外公开总数量 — asked, not guessed
        choices = tuple(row_and_column(metric.label, label) for label in several)
        return ask_back(spec, f"“{metric.label}”一栏有{'、'.join(several)}几个数，您问的是哪一个？", choices)
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
    if (change or comparing) and not many and len(spec.years) == 1 and (
            (change and not w.CHANGE_ROW.search(q)) or (ratio is not None and w.CHANGE_ROW.search(q))
            # tables 三 and 四 have no 本年增/减 column: "较上年增长了多少（百分比）" is two reports
            or (change and metric is not None and metric.table != "active")):
        # "2024年新收申请的增长率", "2023年公开率比上一年提高了百分之几": against the year before.
        many = True
        spec = replace(spec, years=(spec.years[0] - 1, spec.years[0]))
    if (change or w.MULTIPLE.search(q)) and many:
        # a percent change keeps its sign: "下降了百分之几" → -32.61 (下降32.61%)
        return replace(spec, route=Route.COMPARISON,
                       operation=Operation.MULTIPLE if w.MULTIPLE.search(q) else Operation.PERCENT_CHANGE)
    percent_of_change = (w.CHANGE_WORDS.search(q) and (w.SHARE.search(q) or w.PERCENT_CHANGE.search(q))
                         and ratio is None and len({m.metric.id for m in matches}) == 1)
    if (change and w.CHANGE_ROW.search(q) or percent_of_change) and not many and metric is not None \
            and metric.table == "active":
        # ("本年增减相对上一年项目数量是百分之几" too: the 增/减 column asked as a percentage)
        # "比上一年减少了百分之几" in a 2019 report: 本年增/减 over 上一年项目数量 of the same row.
        return replace(spec, route=Route.RATIO, operation=Operation.PERCENT_CHANGE, columns=("change",),
                       numerator=(metric,), share_of=metric)

    # "换成2024年呢？" after a share: the same share, for the new who or when
    kept_share = ("metric" in inherited and previous is not None and previous.operation == Operation.SHARE
                  and previous.share_of is not None)
    if ratio is not None or (w.SHARE.search(q) and metric is not None) or kept_share:
        numerator: tuple[Metric, ...] = ()
        share_of: Metric | None = None
        whole = whole_first(q, lexicon, matches) if ratio is None else None
        if whole and ("占" not in q or not lexicon.find_metrics(q[q.find("占") + 1:])):
            # "本年新收加上年结转的申请里，有百分之多少…结转到下年度": the whole first, then the part
            numerator, share_of = whole[0], whole[1]
            spec = replace(spec, share_also=whole[2], share_columns=whole[3])
        elif ratio is None:
            numerator, share_of = share_parts(q, lexicon, matches)
            if not numerator and share_of is not None and previous is not None and previous.metric is not None \
                    and previous.metric.id != share_of.id:
                # "占办理结果总计的百分之多少？" after "其中予以公开的呢？": the last row over this one.
                numerator = (previous.metric,) + (previous.also if previous.operation == Operation.SUM else ())
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
        if left and (share_of is None or (metric is not None and share_of.id == metric.id)):
            spec = replace(spec, share_columns=left)   # "已审结的（不算尚未审结的）中，结果纠正占多少"
        route_name = Route.COMPARISON if comparing and many else Route.RATIO
        return replace(spec, route=route_name, operation=Operation.SHARE, numerator=numerator or spec.numerator,
                       share_of=share_of or spec.share_of)

    # metric or ratio is set past the narrative return above, and every ratio question returned just now
    assert metric is not None, "a numeric route without a ratio has a metric"
    if comparing and not many and metric.table == "active" and w.CHANGE_ROW.search(q) and len(spec.years) == 1:
        # "比上年少了多少" about one year: a 2019 table 二 prints it as 本年增/减; from 2021 the
        # year before is its own report.
        if version_for_year(spec.years[0]) == V2019 and any(c.id == "change" for r in ALL_ROWS if r.table ==
                                                            "active" and r.id in metric.rows for c in r.columns):
            return replace(spec, route=Route.CELL, columns=("change",), operation=Operation.VALUE,
                           direction=direction(q))
        many = True
        # from 2021 "比上一年" is two reports' same cell, never a 本年增/减 column
        spec = replace(spec, years=(spec.years[0] - 1, spec.years[0]),
                       columns=tuple(c for c in spec.columns if c != "change"))
    if comparing and many:
        return replace(spec, route=Route.COMPARISON, operation=Operation.DIFFERENCE, direction=direction(q))
    aggregation = None
    if w.MAX.search(q):
        aggregation = "max"
    elif w.MIN.search(q):
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
    if operation == Operation.VALUE and len(w.ASKS.findall(q)) >= 2 and len({m.id for m in asked}) >= 2:
        # "共收到多少件申请、办结多少件？": two numbers asked in one question, each answered.
        return replace(spec, route=Route.CELL, operation=Operation.EACH, metric=asked[0], also=tuple(asked[1:]))
    # "减少了多少项" read off 本年增/减: the size asked, in the direction asked
    return replace(spec, route=Route.CELL, operation=operation,
                   direction=direction(q) if spec.columns == ("change",) else None)

