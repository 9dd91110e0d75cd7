"""ingest.labels: printed row labels folded and scored against the template's rows.

The labels are the ones real reports print (大宁县, 芮城县, 力洋镇, 安居区 seeds), with their
spaces inside words, half- and full-width enumerators, typos and labels cut by a line break.
"""

from __future__ import annotations

import pytest

from assistant.domain.template import ACTIVE_ROWS, REQUEST_ROWS, V2019, V2021
from ingest.labels import aliases, normalise, score_row, similarity

REQUESTS = {r.id: r for r in REQUEST_ROWS}
ACTIVE = {(r.id, v): r for r in ACTIVE_ROWS for v in r.versions}
# ingest.tables takes a row at or above this score (kept here so the scores below mean something).
THRESHOLD = 0.6


@pytest.mark.parametrize("printed, folded", [
    pytest.param("(一) 予以公开", "予以公开", id="halfwidth-paren-enumerator"),
    pytest.param("（二）部分公开（区分处理的，只计这一情形，不计其他情形）", "部分公开区分处理的只计这一情形不计其他情形",
                 id="fullwidth-parens-and-commas"),
    pytest.param("三、 本年度 办理结 果", "本年度办理结果", id="daning-spaces-inside-words"),
    pytest.param("1. 属于国家秘密", "属于国家秘密", id="arabic-enumerator-dot"),
    pytest.param("2.其他法律行政法规禁止公开", "其他法律行政法规禁止公开", id="arabic-enumerator-no-space"),
    pytest.param("６．属于四类过程性信息", "属于四类过程性信息", id="fullwidth-digit-and-dot"),
    pytest.param("3. 危及“三安全一稳定”", "危及三安全一稳定", id="curly-quotes-dropped"),
    pytest.param("三安全一稳定", "三安全一稳定", id="numerals-inside-a-word-kept"),
    pytest.param("结 果 维 持", "结果维持", id="ruicheng-spaced-header"),
    pytest.param("其他对外管理服务事 项", "其他对外管理服务事项", id="ruicheng-split-word"),
    pytest.param("四、\t结转下年度继续办 理", "结转下年度继续办理", id="ruicheng-tab-after-enumerator"),
    pytest.param("(5） 监督保障", "监督保障", id="liyang-mixed-width-parens"),
    pytest.param("十一、其他", "其他", id="two-character-chinese-enumerator"),
    pytest.param("一、本年新收政府信息公开申请数量", "本年新收政府信息公开申请数量", id="leading-heading-number"),
    pytest.param("本年增 /减", "本年增减", id="slash-dropped"),
    pytest.param("\u3000规章\u00a0", "规章", id="ideographic-and-nbsp-spaces"),
    pytest.param("本年收费金额（单位：万元）", "本年收费金额单位万元", id="unit-in-parens"),
    pytest.param("第二十条第（一）项", "第二十条第项", id="group-heading-enumerator-inside"),
    pytest.param("行政事业型收费", "行政事业型收费", id="typo-left-as-printed"),
    pytest.param("", "", id="empty"),
    pytest.param(None, "", id="none"),
])
def test_normalise(printed, folded):
    """Whitespace, punctuation and enumerators go; the words stay as printed (typos too)."""
    assert normalise(printed) == folded


@pytest.mark.parametrize("label, alias, score", [
    pytest.param("予以公开", "予以公开", 1.0, id="identical"),
    pytest.param("", "予以公开", 0.0, id="empty-label"),
    pytest.param("予以公开", "", 0.0, id="empty-alias"),
    pytest.param("本年度办理结果予以公开", "予以公开", 0.9, id="group-label-glued-on"),
    # cut off by a line break (芮城县: "5. 属于三类" / "内部事务信息"): 0.55 + 0.35 * 4/10
    pytest.param("属于三类", "属于三类内部事务信息", 0.69, id="label-cut-short"),
    pytest.param("内部事务信息", "属于三类内部事务信息", 0.76, id="label-tail-on-next-line"),
    # one character wrong: 4 of 6 bigrams shared
    pytest.param("行政事业姓收费", "行政事业性收费", 2 / 3, id="typo-one-character"),
    pytest.param("予以公开", "部分公开", 1 / 3, id="sibling-row-shares-one-bigram"),
    pytest.param("公开", "予以公开", 0.5, id="two-characters-only-bigrams"),
])
def test_similarity(label, alias, score):
    """Exact 1.0, alias inside a glued label 0.9, a cut label by its share, else bigram Dice."""
    assert similarity(label, alias) == pytest.approx(score)


def test_short_alias_inside_a_label_is_not_a_glued_match():
    """'其他' (row 其他, 2021) is in 其他法律行政法规禁止公开, but an alias under 4 characters
    inside a label does not count as a glued-on group label."""
    assert similarity("其他法律行政法规禁止公开", "其他") < THRESHOLD
    assert similarity("其他", "其他处理") < THRESHOLD


def test_aliases_are_normalised_label_first():
    """A row's own label, folded, then its further spellings."""
    assert aliases(REQUESTS["partial"]) == ("部分公开区分处理的只计这一情形不计其他情形", "部分公开")
    assert aliases(ACTIVE[("fees", V2019)]) == ("行政事业性收费", "行政事业型收费")
    assert aliases(ACTIVE[("normative_docs", V2021)]) == ("行政规范性文件", "规范性文件")
    assert aliases(REQUESTS["granted"]) == ("予以公开",)


@pytest.mark.parametrize("fields, row, expected", [
    pytest.param(["(一) 予以公开"], REQUESTS["granted"], (1.0, 4), id="plain"),
    pytest.param(["三、本年度办理结果", "(一) 予以公开"], REQUESTS["granted"], (1.0, 4), id="group-label-field-before"),
    pytest.param(["(三) 不予公 开", "1. 属于国家秘密"], REQUESTS["withheld.state_secret"], (1.0, 6), id="daning-group-and-item"),
    pytest.param(["(四) 无法提 供", "1. 本机关不掌握相关政府信息"], REQUESTS["unavailable.not_held"], (1.0, 12),
                 id="daning-unavailable"),
    # the length is that of the alias matched exactly: the short one here, the full label below
    pytest.param(["(二) 部分公开"], REQUESTS["partial"], (1.0, 4), id="short-alias-exact"),
    pytest.param(["(二) 部分公开 (区分处理的, 只计这一情形, 不计其他情形)"], REQUESTS["partial"], (1.0, 21),
                 id="full-label-exact-longer-alias"),
    pytest.param(["5. 属于三类"], REQUESTS["withheld.internal_affairs"], (0.69, 10), id="ruicheng-cut-label"),
    pytest.param(["5. 属于三类", "内部事务信息"], REQUESTS["withheld.internal_affairs"], (1.0, 10),
                 id="ruicheng-last-two-joined"),
    pytest.param(["四、\t结转下年度继续办 理"], REQUESTS["carried_out"], (1.0, 9), id="ruicheng-carried-out"),
    pytest.param(["(六) 其他处理"], REQUESTS["other"], (1.0, 4), id="other-processing"),
    pytest.param(["3.其他"], REQUESTS["other.other"], (1.0, 2), id="other-other-2021"),
    pytest.param(["(七) 总计"], REQUESTS["result_total"], (1.0, 2), id="result-total"),
    pytest.param(["行政事业型收费"], ACTIVE[("fees", V2019)], (1.0, 7), id="liyang-typo-alias"),
    pytest.param(["规范性文件"], ACTIVE[("normative_docs", V2021)], (1.0, 5), id="2021-row-printed-2019-way"),
    pytest.param(["行政规范性文件"], ACTIVE[("normative_docs", V2019)], (0.9, 5), id="2019-row-printed-2021-way"),
])
def test_score_row(fields, row, expected):
    """(best score, length of the alias it came from) of a printed row's label fields."""
    score, length = score_row(fields, row)
    assert (round(score, 4), length) == expected


@pytest.mark.parametrize("fields", [
    pytest.param([], id="no-fields"),
    pytest.param(["", "  ", "（一）", "1."], id="only-blanks-and-enumerators"),
])
def test_score_row_without_label_text(fields):
    assert score_row(fields, REQUESTS["granted"]) == (0.0, 0)


@pytest.mark.parametrize("fields, right, wrong", [
    pytest.param(["1. 属于国家秘密"], "withheld.state_secret", "withheld.law_prohibited", id="state-secret"),
    pytest.param(["一、本年新收政府信息公开申请数量"], "new", "carried_in", id="new-not-carried-in"),
    pytest.param(["二、上年结转政府信息公开申请数量"], "carried_in", "new", id="carried-in-not-new"),
    pytest.param(["(六) 其他处理"], "other", "other.other", id="other-processing-not-other"),
    pytest.param(["2. 重复申请"], "not_processed.duplicate", "not_processed.excessive", id="duplicate"),
])
def test_the_printed_row_scores_highest_on_its_own_row(fields, right, wrong):
    """Rows that share words (…政府信息公开申请数量) still score their own row above the other."""
    assert score_row(fields, REQUESTS[right]) > score_row(fields, REQUESTS[wrong])
    assert score_row(fields, REQUESTS[right])[0] >= THRESHOLD


def test_scores_stay_in_unit_interval():
    """Every printed label of the 芮城县 table 三 against every row: 0 <= score <= 1."""
    printed = ["(一) 予以公开", "5. 属于三类", "内部事务信息", "(七) 总计", "四、\t结转下年度继续办 理",
               "(二) 部分公开(区分处理的，只计这一情形，不计其他情形)"]
    for row in REQUEST_ROWS:
        for label in printed:
            score, _ = score_row([label], row)
            assert 0.0 <= score <= 1.0
