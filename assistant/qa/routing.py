"""Classifying a question into a constrained Interpretation (no free-form SQL, ever).

Routes: cell, aggregate (sum / avg / max / min / rank / listing across reports),
comparison (between issuers or years), ratio, audit, narrative, refusal. This module holds
the order of the rules; by concept they live beside it: who and when (``who_when``), asking
back (``asking_back``), what a follow-up keeps (``dialogue``), which rows and columns
(``cells_asked``), what is left out (``negations_asked``), rates and shares (``shares_asked``),
what is done with the cells (``operations_asked``), what an audit checks (``audit_asked``) and
what the text is asked (``text_asked``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.domain.template import ITEM_COLUMNS
from assistant.domain.text import normalise_question
from assistant.qa import wording as w
from assistant.qa.asking_back import ask_back, clarify_slots
from assistant.qa.audit_asked import asks_audit, audit_reading
from assistant.qa.catalogue import closest_metric, member_named
from assistant.qa.cells_asked import (
    OTHER_READINGS,
    absorb_members,
    column_reading,
    column_without_row,
    has_columns,
    has_item_change,
    named_columns,
    nth_item,
    unprinted_topic,
)
from assistant.qa.dialogue import inherit, is_follow_up
from assistant.qa.english import is_english, pinyin_places, to_chinese, unknown_english_places
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
from assistant.qa.lexicon import Lexicon, Match
from assistant.qa.negations_asked import negation, unread_exclusions, without_exclusions
from assistant.qa.operations_asked import counted_condition, operation_reading
from assistant.qa.passages import section_hint
from assistant.qa.shares_asked import (
    multiple_reading,
    rate_column_of_another_row,
    restated_members,
    share_reading,
)
from assistant.qa.text_asked import asks_text, narrative_reading
from assistant.qa.who_when import (
    GOV_NAME,
    asks_who,
    corrected_years,
    recent_years,
    relative_years,
    report_years,
    says_level,
    short_name,
    without_parent_aside,
)


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
    elif re.search(r"[A-Za-z]{3}", q):   # a place spelt in pinyin inside a Chinese question
        q = pinyin_places(q, issuers)
    q, slips = lexicon.mend_homophones(q)   # "予以工开" → 予以公开: an input-method slip, read as meant
    counted = counted_condition(q)
    if counted:   # "有几份报告一件新申请都没收到": the condition set apart, the row read from the rest
        q = counted[0]
    mentions = without_parent_aside(q, find_issuers(q, issuers))
    listed, unlisted = listed_places(q, mentions, issuers)
    mentions = sorted(mentions + listed, key=lambda m: m.start)
    q = recent_years(q, [m.issuer for m in mentions] or issuers, catalogue, previous is None)
    suggestions = suggest_issuers(q, issuers, mentions)
    sure = [s for s in suggestions if s.same_sound]
    if sure and not mentions:   # 芮成县 for 芮城县: an input-method slip, read as meant
        mentions = sorted(mentions + [Mention(s.issuer, s.start, s.end) for s in sure], key=lambda m: m.start)
    base = _route(q, lexicon, catalogue, mentions, previous, counted[1] if counted else None)
    if elsewhere and not base.issuers:
        base = replace(base, unknown=tuple(elsewhere))
    if unlisted and base.issuers:   # "大宁县、彭阳县…": answered for 大宁县, 彭阳县 said to be missing
        base = replace(base, unknown=tuple(dict.fromkeys(base.unknown + tuple(unlisted))))
    spec = replace(base, raw=question, language=language,
                   issuer_words=tuple(q[m.start:m.end] for m in mentions),
                   suggestions=tuple(dict.fromkeys(s.issuer for s in suggestions if s.issuer not in base.issuers)))
    if sure and not base.unknown:
        spec = replace(spec, confidence=0.8, alternatives=tuple(
            f"问题中的“{s.word}”按“{short_name(s.issuer)}”理解" for s in sure))
    if slips and spec.route not in (Route.REFUSAL, Route.CLARIFY):
        spec = replace(spec, confidence=min(spec.confidence, 0.9), alternatives=spec.alternatives + tuple(
            f"问题中的“{typed}”按“{meant}”理解" for typed, meant in slips))
    bare = [(spec.issuer_words[i], readings) for i, m in enumerate(mentions)
            if (readings := bare_place_readings(spec.issuer_words[i], m.issuer, issuers))
            and not set(readings[1:]) & set(spec.issuers)
            # "淮安全市", "淮安…市政府年报", "市本级": the city's own level said in the question
            and not says_level(q, m.end, GOV_NAME.sub("", readings[0])[-1])]
    if bare and spec.route not in (Route.REFUSAL, Route.CLARIFY, Route.AVAILABLE):
        # "淮安2024年…": the city's own report, or one from a district of it? Asked, not guessed.
        word, readings = bare[0]
        choices = tuple(GOV_NAME.sub("", i) for i in readings)
        return ask_back(spec, f"“{word}”指{choices[0]}本级，还是{'、'.join(choices[1:])}？", choices)
    if not spec.issuers and suggestions and not sure:
        choices = tuple(dict.fromkeys(short_name(s.issuer) for s in suggestions))
        return replace(spec, route=Route.CLARIFY, confidence=0.3, clarification=Clarification(
            f"没有找到“{suggestions[0].word}”的年报，您问的是{'还是'.join(choices)}吗？", choices))
    if spec.route == Route.CLARIFY and spec.issuers and spec.years and spec.metric is not None \
            and not any(y in catalogue.get(i, ()) for i in spec.issuers for y in spec.years):
        # "平潭2019年度年报里行政处罚是多少": no such report — said, not asked which column
        return replace(spec, route=Route.CELL, clarification=None, alternatives=(), confidence=1.0)
    if previous is not None and previous.route == Route.CLARIFY and previous.clarification is not None \
            and "issuers" in spec.inherited and spec.route not in (Route.REFUSAL, Route.CLARIFY) \
            and asks_who(previous.clarification, catalogue):
        # "我在对淮安那边的几份年报。" → "行政处罚决定数是多少来着？": the question back was not
        # answered, so the next turn is no more settled than the last — asked again
        return ask_back(spec, previous.clarification.question, previous.clarification.choices)
    if spec.route in (Route.CELL, Route.AGGREGATE, Route.COMPARISON, Route.RATIO) and spec.negated:
        hard, soft = unread_exclusions(spec, lexicon, issuers)
        if hard:
            # "行政许可处理决定多少，不算网上办理的": no row or column the tables print — the whole
            # is never given as if it left that out; asked whether the printed figure will do
            words = "、".join(f"“{n}”" for n in hard)
            whole = spec.ratio.label if spec.ratio else spec.metric.label if spec.metric else "所问的数"
            return ask_back(spec, f"统计表里无法从“{whole}”中扣除{words}，算不出不含它的数字。"
                                  "要看表中（包括在内）的数字吗？", (without_exclusions(q, hard),))
        # "不是很确定，…": an aside that leaves nothing out is not said to in the reading
        spec = replace(spec, negated=tuple(n for n in spec.negated if n not in soft))
    return clarify_slots(spec, q, catalogue)


def _route(q: str, lexicon: Lexicon, catalogue: Mapping[str, tuple[int, ...]], mentions: list[Mention],
           previous: Interpretation | None, counted: tuple[str, float] | None = None) -> Interpretation:
    """The rules: route, metric, columns, operation and what a follow-up inherits (``counted``: the
    condition of reports counted, "一件都没收到" → ("==", 0))."""
    issuers = sorted(catalogue)
    q = restated_members(q, lexicon)   # "行政诉讼（直接起诉加复议后起诉）": the group, as named
    below = places_below(q, mentions, issuers)
    if below:   # "淮安市清江浦区人民政府…": another body under the city, whose report is not here
        mentions = [m for m in mentions if m not in [b[0] for b in below]]
    negated_spans = w.negation_spans(q)
    # "不算大宁县的话": an issuer left out of the reports, not the one asked about.
    excluded = tuple(m.issuer for m in mentions if w.within_spans(m.start, m.end, negated_spans))
    # "彭阳县人民政府（不是机关事务服务中心）": a place named beside the one left out is still asked
    unknown = tuple(unknown_places(q, mentions)) if not set(m.issuer for m in mentions) - set(excluded) else ()
    if below:
        unknown = tuple(dict.fromkeys(name for _, name in below))
    mentions = [m for m in mentions if m.issuer not in excluded]
    names = tuple(m.issuer for m in mentions)
    years = corrected_years(q, report_years(q, tuple(find_years(w.without_negated(q)))))
    left_out_years = {y for s, e in negated_spans for y in find_years(q[s:e])}
    if left_out_years and years and set(years) - left_out_years:
        # "平潭2020到2024年一共多少，2020年的不算": the range less the years left out
        years = tuple(y for y in years if y not in left_out_years)
    elif left_out_years and not years:
        # "平潭一共新收多少，不算2020年": every year of the reports asked about but those left out
        years = tuple(sorted({y for i in names or issuers for y in catalogue.get(i, ()) if y not in left_out_years}))
    # "行政诉讼（不管有没有先复议）": an aside that says it does not matter narrows nothing
    whatever = [(m.start(), m.end()) for m in w.WHATEVER.finditer(q)]
    every_match = [m for m in lexicon.find_metrics(q) if not w.within_spans(m.start, m.end, whatever)]
    matches = [m for m in every_match if not w.within_spans(m.start, m.end, negated_spans)]
    negated = [m for m in every_match if w.within_spans(m.start, m.end, negated_spans)]
    ratio = lexicon.find_ratio(q)
    metric = matches[0].metric if matches else None
    if ratio is not None and not w.SHARE.search(q):
        ratio = None   # "被纠错的有几件": the count the rate is made of, not the rate
    if ratio is not None and metric is not None and rate_column_of_another_row(ratio, metric):
        ratio = None   # "复议后起诉的行政诉讼，结果维持率": that row's column over its 总计
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
    if unprinted_topic(q, lexicon) and w.NUMBER_ASK.search(q) and ratio is None:
        return replace(spec, route=Route.REFUSAL, refuse=Refuse.NO_TOPIC)
    if w.CHANNEL.search(q) and w.NUMBER_ASK.search(q) and ratio is None:
        return replace(spec, route=Route.REFUSAL, refuse=Refuse.NO_CHANNEL)
    if w.PERSONAL.search(q) and not re.search(r"公众号|网站|平台|栏目|APP|app|小程序|微博|热线", q):
        return replace(spec, route=Route.REFUSAL, refuse=Refuse.PERSONAL)
    if w.AVAILABLE.search(q) and not metric and not ratio and not w.AUDIT.search(q):
        return replace(spec, route=Route.AVAILABLE)
    requesters = [c for c in lexicon.find_columns(q, "requests") if c != "total"]   # 总计 names no requester
    keeps_row = previous is not None and previous.metric is not None and previous.metric.table == "requests" \
        and bool(w.FOLLOW_UP.search(q))   # "其中自然人申请的呢" after 部分公开: that row's column
    if metric is None and "申请" in q and requesters and not keeps_row:
        if requesters == ["other_org"] and not w.REQUESTER.search(q):
            # "申请情况表里“其他”那一项": the 其他 requester column, or the （六）其他处理 row?
            return ask_back(spec, "“其他”指申请人中的“其他”，还是办理结果中的“其他处理”？", OTHER_READINGS[:2])
        # "社会公益组织提交了几件申请": a requester column alone means new requests.
        metric = lexicon.metric("requests.new")
        spec = replace(spec, metric=metric)
    if ratio is None and (metric is None or metric.id == "active.fees") and w.FEE_ASK.search(q) \
            and not w.FEE_NAMED.search(q):   # ("收费收了多少钱": 收费 names no fee)
        return ask_back(spec, "您问的是表二的“行政事业性收费”金额，还是正文中的政府信息公开信息处理费？",
                        ("表二“行政事业性收费”的本年收费金额", "年报正文中的信息处理费收了多少"))
    carried = {"requests.carried_in", "requests.carried_out"}
    if w.CARRIED_BARE.search(q) and not w.CARRIED_SAID.search(q) and not w.AUDIT.search(q) \
            and not any(m.metric.id in carried for m in matches) and ratio is None:
        # "那结转的有多少？", "carried over": from the year before, or into the next?
        return ask_back(spec, "“结转”指上年结转过来的申请，还是结转下年度继续办理的申请？",
                        ("上年结转政府信息公开申请", "结转下年度继续办理"))
    # the last row is kept unless this turn names a column it has not ("那结果维持是多少" after 新收)
    named_elsewhere = tuple(c for t in ("requests", "review") for c in lexicon.find_columns(q, t) if c != "total")
    if "_orgs" in named_elsewhere and len(named_elsewhere) > 1:   # "“法人或其他组织”下面那个“其他”": that column
        named_elsewhere = tuple(c for c in named_elsewhere if c != "_orgs")
    kept_row = previous is not None and previous.metric is not None and previous.route != Route.REFUSAL \
        and (not named_elsewhere or has_columns(previous.metric, named_elsewhere))
    asks_number = bool(w.NUMBER_ASK.search(q) or counted)   # (reports counted by a figure of theirs)
    if metric is None and ratio is None and asks_number and not negated and not w.TEXT_SAYS.search(q) \
            and not kept_row and not w.AUDIT.search(q):   # "其中结果纠正的有几件？" after 行政复议: that row's
        bare_column = column_without_row(q, lexicon)
        if bare_column:   # "“结果维持”的是几件？": 行政复议 or either kind of 行政诉讼 — asked, not guessed
            word, rows_with_it = bare_column
            return ask_back(spec, f"表中不止一处有“{word}”，您问的是哪一个？", rows_with_it)
    if metric is None and ratio is None and asks_number and not negated:
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
        if w.SHARE.search(q) and "占" in rest:   # "…占所有处理结果的多少": what follows 占 is the whole
            rest = rest[:rest.index("占")]
        member = member_named(rest, metric, lexicon)
        if member is not None:
            metric = member.metric
            spec = replace(spec, metric=metric, confidence=round(min(1.0, 0.5 + member.score), 2),
                           alternatives=(f"按表中“{member.entry}”一项理解",))
    metric, also = absorb_members(metric, spec.also)
    # Catch-all wordings (a bare “申请”) never join a sum or narrow an audit.
    spec = replace(spec, metric=metric, also=tuple(m for m in also if m.priority > 0))

    follow = is_follow_up(q, mentions, previous) or (
        # "废止了多少？" after "规范性文件本年制发多少件？": another column of the same row.
        previous is not None and metric is None and ratio is None and previous.metric is not None
        and bool(lexicon.find_columns(q, previous.metric.table)))
    # "洪泽区2023年的数据对得上吗？" → "2024年呢？": the same check, for the new who or when
    audit_again = follow and previous is not None and previous.route == Route.AUDIT and metric is None and ratio is None
    asked_audit = asks_audit(q, ratio)
    audit = asked_audit or audit_again
    comparing = bool(w.COMPARE.search(q) or w.PERCENT_CHANGE.search(q) or w.MULTIPLE.search(q)
                     or w.SUBTRACT.search(q))
    if comparing and w.SUM.search(q) and not (w.PERCENT_CHANGE.search(q) or w.MULTIPLE.search(q)
                                              or w.DIRECTED_COMPARE.search(q)):
        comparing = False   # "我在做县域对比：…一共多少件？" asks a sum; 对比 says what it is for
    # "行政复议情况怎样" → "结果维持的有几件": a number of the row the text question was about
    column_after_text = previous is not None and previous.route == Route.NARRATIVE and previous.metric is not None \
        and metric is None and ratio is None and bool(w.NUMBER_ASK.search(q)) \
        and bool(lexicon.find_columns(q, previous.metric.table))
    spec, inherited = inherit(spec, q, previous, names, years, unknown, follow, comparing, audit, column_after_text)
    metric, ratio = spec.metric, spec.ratio
    spec = replace(spec, inherited=tuple(inherited))
    spec, metric = nth_item(spec, q, lexicon, previous)
    if w.POSITION.search(q) and "group" not in spec.inherited and metric is not None:
        # "复议诉讼表数据那一行最后一个数": a place in the printed row, which labels cannot tell
        return ask_back(spec, "按位置问的数（如“最后一个数”“第3列”）无法确定是哪一栏，请说出栏目名称"
                              f"（如“{metric.label}·总计”）。", ())
    if "metric" not in inherited:
        spec = negation(spec, q, lexicon, matches, negated)

    if w.ADD_ON.search(q) and previous is not None and previous.metric is not None and metric is not None \
            and "metric" not in inherited and ratio is None and previous.metric.table == metric.table \
            and previous.metric.id != metric.id and not w.SHARE.search(q):
        # "加上部分公开一共多少" after 予以公开 (and "再加上不予公开呢" after that): the rows so far and this one
        kept = (previous.metric,) + (previous.also if previous.operation == Operation.SUM else ())
        spec = replace(spec, metric=kept[0], also=kept[1:] + tuple(m for m in (metric,) + spec.also if m not in kept))
        metric = kept[0]
    if audit:
        checked = audit_reading(spec, q, lexicon, matches, years, previous)
        if audit_again and not asked_audit and previous is not None:
            checked = replace(checked, tables=checked.tables or previous.tables, rules=checked.rules or previous.rules)
        return checked
    narrative_ask = asks_text(q, metric, ratio)
    if "metric" in inherited and w.TEXT_ONLY.search(q):
        # "那政府信息公开的信息处理费呢，收了多少钱" after 行政事业性收费: the text's, not the row kept
        return narrative_reading(replace(spec, metric=None, also=(), columns=()), q, follow, previous)
    if (metric is None and ratio is None) or (narrative_ask and "metric" not in inherited):
        return narrative_reading(spec, q, follow, previous)

    change = w.PERCENT_CHANGE.search(q) and not w.CHANGE_WORDS.search(q)
    # (a 2019 table 二 row prints 上一年项目数量 itself)
    shifted = relative_years(q, spec.years, bool(years)) \
        if not (comparing or change or (metric is not None and spec.years and has_item_change(metric, spec.years[-1]))) \
        else ()
    if shifted:
        # "2024年和前一年的…各几件": both years; "那去年呢" after a 2024 question: the year before, instead
        spec = replace(spec, years=tuple(sorted(set(shifted) | set(years))))
    many = len(spec.issuers) > 1 or len(spec.years) > 1
    if "metric" not in inherited:
        if not spec.negated:
            spec = replace(spec, columns=named_columns(q, lexicon, metric, matches, comparing and many))
        elliptic = q.rstrip("？?。! ！").endswith("呢") or "其中" in q or len(q) <= 8
        if follow and elliptic and not spec.columns and previous is not None and previous.columns \
                and metric is not None and previous.metric is not None and previous.metric.table == metric.table \
                and has_columns(metric, previous.columns) \
                and not lexicon.find_columns(q, metric.table, [(m.start, m.end) for m in matches]):
            # "…结果维持几件？ → 那直接起诉的呢？", "…处理决定数量？ → 行政强制呢？", "商业企业新申请多少件？ →
            # 那其中予以公开的有几件？": another row, the same column (when this turn names none and leans
            # on the last: "…呢", 其中; "那因为…被不予公开的有多少件？" is a question of its own)
            spec = replace(spec, columns=previous.columns)

    else:
        named = named_columns(q, lexicon, metric, matches, comparing and many)
        if named and not (named == ("total",) and w.SUM.search(q)):   # ("两个合计多少": 合计 adds, names no column)
            # "那其中法律服务机构提的有几件？": the same row, another column
            spec = replace(spec, columns=named)
    if "group" in spec.inherited:   # "第三项“其他”": the quoted row label is not the 其他 column
        spec = replace(spec, columns=tuple(c for c in spec.columns if c != "other_org"))

    final, spec = column_reading(spec, q, lexicon, matches, metric, comparing, many)
    if final:
        return spec
    multiple = multiple_reading(spec, q, lexicon, matches, previous, inherited, metric, ratio, many)
    if multiple is not None:
        return multiple
    # "大宁县2020年行政许可事项比上年增长百分之几": a 2019 table 二 row's 本年增/减 over its 上一年项目数量
    # (items, not decisions: "处理决定数量比上年…" is two reports' decisions)
    items_change = metric is not None and len(spec.years) == 1 and has_item_change(metric, spec.years[0]) \
        and set(spec.columns) <= set(ITEM_COLUMNS)
    if (change or comparing) and not many and len(spec.years) == 1 and (
            (change and not items_change) or (ratio is not None and w.CHANGE_ROW.search(q))):
        # "2024年新收申请的增长率", "2023年公开率比上一年提高了百分之几", "平潭2024年行政许可决定数量
        # 同比变化了百分之多少": against the year before (tables 三, 四 and a 2021 table 二 have no 本年增/减)
        many = True
        spec = replace(spec, years=(spec.years[0] - 1, spec.years[0]),
                       columns=tuple(c for c in spec.columns if c != "change"))
    if (change or w.MULTIPLE.search(q)) and many:
        # a percent change keeps its sign: "下降了百分之几" → -32.61 (下降32.61%)
        return replace(spec, route=Route.COMPARISON,
                       operation=Operation.MULTIPLE if w.MULTIPLE.search(q) else Operation.PERCENT_CHANGE)
    percent_of_change = (w.CHANGE_WORDS.search(q) and (w.SHARE.search(q) or w.PERCENT_CHANGE.search(q))
                         and ratio is None and len({m.metric.id for m in matches}) == 1)
    if (change and items_change or percent_of_change) and not many and metric is not None \
            and metric.table == "active":
        # ("本年增减相对上一年项目数量是百分之几" too: the 增/减 column asked as a percentage)
        # "比上一年减少了百分之几" in a 2019 report: 本年增/减 over 上一年项目数量 of the same row.
        return replace(spec, route=Route.RATIO, operation=Operation.PERCENT_CHANGE, columns=("change",),
                       numerator=(metric,), share_of=metric)

    shared = share_reading(spec, q, lexicon, matches, previous, inherited, negated_spans, metric, ratio,
                           comparing, many)
    if shared is not None:
        return shared

    # metric or ratio is set past the narrative return above, and every ratio question returned just now
    assert metric is not None, "a numeric route without a ratio has a metric"
    return operation_reading(spec, q, lexicon, matches, catalogue, counted, inherited, metric, ratio, years,
                             items_change, comparing, many)

