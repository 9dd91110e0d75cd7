"""Classifying a question into a constrained Interpretation (no free-form SQL, ever).

Routes: cell, aggregate (sum / avg / max / min / rank / listing across reports),
comparison (between issuers or years), ratio, audit, narrative, refusal. This module holds
the order of the rules; by concept they live beside it: who and when (``who_when``), asking
back (``asking_back``), what a follow-up keeps (``dialogue``), which cells (``cells_asked``),
what an audit checks (``audit_asked``) and what the text is asked (``text_asked``).
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import replace

from assistant.domain.template import ITEM_COLUMNS
from assistant.domain.text import normalise_question
from assistant.qa import wording as w
from assistant.qa.asking_back import ask_back, clarify_slots, row_and_column
from assistant.qa.audit_asked import asks_audit, audit_reading
from assistant.qa.catalogue import closest_metric, member_named
from assistant.qa.cells_asked import (
    OTHER_READINGS,
    absorb_members,
    column_without_row,
    has_columns,
    has_item_change,
    last_years_items,
    metric_rows,
    money_and_count,
    money_row_count,
    named_columns,
    nth_item,
    several_counts,
    two_columns,
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
from assistant.qa.lexicon import Lexicon, Match, Metric
from assistant.qa.negations_asked import columns_left, negation, unread_exclusions, without_exclusions
from assistant.qa.operations_asked import counted_condition, direction, picked, rank_place, ranked_kinds
from assistant.qa.passages import section_hint
from assistant.qa.shares_asked import (
    bracket_formula,
    member_named_whole,
    rate_column_of_another_row,
    ratio_row,
    restated_members,
    share_parts,
    whole_first,
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

    current_items = metric is not None and len(spec.years) <= 1 and bool(w.CURRENT_ITEMS.search(q)) \
        and not w.CHANGE_WORDS.search(q) and not w.RELATIVE_YEAR.search(q) \
        and all(has_item_change(metric, y) for y in spec.years or (2020,))
    if metric is not None and metric.table == "active" and not spec.columns and not comparing and not current_items \
            and lexicon.find_columns(q, "active", [(m.start, m.end) for m in matches]):
        # A column named that this row does not have ("行政处罚…采购项目数"): ask which one is meant.
        rows = metric_rows(metric)
        if w.MONEY.search(q) and not any(r.money_columns for r in rows):
            # "行政处罚的罚没金额总共多少钱": the table has no money for this row — said, not asked back
            return replace(spec, route=Route.REFUSAL, refuse=Refuse.NO_SUCH_CELL)
        own = [c.label for r in rows for c in r.columns]
        choices = tuple(dict.fromkeys(row_and_column(metric.label, label) for label in own))
        return ask_back(spec, f"“{metric.label}”一栏没有问题里说的这一项，您问的是哪一栏？", choices)
    money_rows = [r for r in metric_rows(metric) if r.money_columns] if metric is not None else []
    if metric is not None and money_rows and w.PER_ITEM.search(q) and not comparing and len(spec.years) <= 1:
        # "大宁县2020年政府集中采购，平均每个采购项目多少万元": 采购总金额 ÷ 采购项目数量
        amount = money_rows[0].money_columns[0]
        count = next(c.id for c in money_rows[0].columns if c.id != amount)
        return replace(spec, route=Route.RATIO, operation=Operation.PER_ITEM, numerator=(metric,), share_of=metric,
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

    # metric or ratio is set past the narrative return above, and every ratio question returned just now
    assert metric is not None, "a numeric route without a ratio has a metric"
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
    elif (many or not spec.issuers) and picked(asked_q):
        aggregation = picked(asked_q)   # "大宁和芮城谁家采购花的钱多？多的那个是多少"
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

