"""interpret asking back instead of guessing: the readings offered as choices
(assistant.qa.asking_back and the rules that call it)."""

from __future__ import annotations

import pytest

from assistant.qa.interpretation import Route as R
from assistant.qa.routing import interpret
from tests.qa.support import (
    CATALOGUE,
    HONGZE,
    LEXICON,
    PINGTAN,
    check,
)

CASES = [
    # a bare city name also reads as a report from within the city: asked back
    pytest.param("淮安2024年行政处罚多少件？", dict(route=R.CLARIFY, choices=["淮安市", "淮安市洪泽区"]),
                 id="clarify-bare-city"),
    # a table-二 row with several counts and none named: asked back
    pytest.param("芮城县2020年规章是多少？", dict(route=R.CLARIFY, choices=["规章本年新制作数量", "规章对外公开总数量"]),
                 id="clarify-rules-2019-columns"),
    pytest.param("洪泽区2023年规范性文件有多少？", dict(route=R.CLARIFY, choices=["规范性文件本年制发件数", "规范性文件现行有效件数"]),
                 id="clarify-normative-2021-columns"),
    pytest.param("大宁县2020年行政处罚是多少？", dict(route=R.CLARIFY, choices=["行政处罚处理决定数量", "行政处罚上一年项目数量"]),
                 id="clarify-penalty-2019-no-unit"),
    pytest.param("洪泽区收到多少申请？", dict(route=R.CLARIFY, issuers=[HONGZE], choices=["2023年", "2024年"]),
                 id="clarify-year-hongze"),
    pytest.param("平潭新收多少申请？", dict(route=R.CLARIFY, choices=["2020年", "2024年"]), id="clarify-year-pingtan"),
    pytest.param("收到多少申请？", dict(route=R.CLARIFY, choices=["洪泽区", "平潭综合实验区", "大宁县"]), id="clarify-issuer"),
    pytest.param("平潭2024年申请表里的“其他”是几件？", dict(route=R.CLARIFY, issuers=[PINGTAN]), id="clarify-bare-qita"),
    pytest.param("安居区2020年其他对外管理服务事项有多少？", dict(route=R.CLARIFY), id="clarify-shixiang-not-xiang"),
    pytest.param("淮安市2024年有多少件申请是因为天气原因的？", dict(route=R.CLARIFY), id="because-clause-unknown-asked-back"),
    pytest.param("大宁县的规范性文件有多少件？", dict(route=R.CLARIFY), id="several-counts-without-a-year"),
    pytest.param("安居区2020年政府集中采购是多少？", dict(route=R.CLARIFY), id="money-or-count-asked-back"),
    pytest.param("淮安市2024年报复议诉讼表数据那一行最后一个数是多少？", dict(route=R.CLARIFY), id="position-in-row-asked-back"),
    pytest.param("芮城县2020年行政处罚有多少项？", dict(route=R.CLARIFY), id="items-alone-asked-back"),
    pytest.param("Liyang town 2020 - what's the figure for other external management services?", dict(route=R.CLARIFY),
                 id="en-other-external-services"),
    pytest.param("2023年收到多少申请？", dict(route=R.CLARIFY, choices=["洪泽区", "平潭综合实验区"]),
                 id="clarify-issuer-with-year"),
    pytest.param("2024年新收多少申请？", dict(route=R.CLARIFY, choices=["洪泽区", "平潭综合实验区", "淮安市"]),
                 id="clarify-issuer-2024"),
    pytest.param("大同县2020年收到多少申请？", dict(route=R.CLARIFY, choices=["大宁县"]), id="clarify-did-you-mean"),
    # a column named with no row: each row that has it offered, never one picked
    pytest.param("洪泽区2023年“尚未审结”的有几件？", dict(route=R.CLARIFY, choices=[
        "行政复议·尚未审结", "行政诉讼·未经复议直接起诉·尚未审结", "行政诉讼·复议后起诉·尚未审结"]), id="bare-review-column"),
    pytest.param("平潭2021年表里“其他”这一项是多少？", dict(route=R.CLARIFY), id="bare-other"),
    # a table-二 column with no row: each row printing it offered
    pytest.param("芮城县2020年“上一年项目数量”是多少？", dict(route=R.CLARIFY, choices=["行政许可·上一年项目数量",
                                                                          "行政处罚·上一年项目数量"]),
                 id="bare-active-column"),
    # a sum with no issuer said: one report's total asked back, unless several reports are meant
    pytest.param("2023年新收申请合计多少件？", dict(route=R.CLARIFY), id="sum-of-an-unsaid-issuer-asked-back"),
    # 收了多少费: 行政事业性收费 (table 二) or the 信息处理费 (text)
    pytest.param("平潭2023年收了多少费？", dict(route=R.CLARIFY), id="fee-asked-back"),
]


@pytest.mark.parametrize("question, expected", CASES)
def test_interpret(question, expected):
    check(interpret(question, LEXICON, CATALOGUE), expected)
