"""interpret for what only the text answers, refusals and availability: the narrative route,
the measure a figure must carry, a question's parts (assistant.qa.text_asked)."""

from __future__ import annotations

import pytest

from assistant.qa.interpretation import Operation as Op
from assistant.qa.interpretation import Refuse
from assistant.qa.interpretation import Route as R
from assistant.qa.routing import interpret
from tests.qa.support import (
    CATALOGUE,
    HUAIAN,
    LEXICON,
    PINGTAN,
    check,
)

CASES = [
    pytest.param("洪泽区2024年年报正文里说收到了几件申请？", dict(route=R.NARRATIVE), id="text-says-narrative"),
    pytest.param("淮安市2024年那64件被纠正的行政复议案件，分别涉及哪些部门？", dict(route=R.NARRATIVE),
                 id="which-ones-not-how-many"),
    pytest.param("平潭2023年主动公开政府信息情况如何？",
                 dict(route=R.NARRATIVE, op=Op.NARRATIVE, issuers=[PINGTAN], years=[2023]), id="narrative-overview"),
    pytest.param("平潭2023年存在的主要问题有哪些？", dict(route=R.NARRATIVE, section="problems"), id="narrative-problems"),
    pytest.param("洪泽区2023年采取了哪些改进措施？", dict(route=R.NARRATIVE, section="problems"), id="narrative-improvements"),
    pytest.param("平潭2022年政务新媒体情况怎么样？", dict(route=R.NARRATIVE, years=[2022]), id="narrative-new-media"),
    pytest.param("平潭2023年不予公开的原因有哪些？", dict(route=R.NARRATIVE), id="narrative-reasons-for-withholding"),
    pytest.param("平潭2023年政府信息公开工作介绍一下", dict(route=R.NARRATIVE), id="narrative-introduce"),
    pytest.param("平潭2024年为什么申请数量下降？", dict(route=R.NARRATIVE, issuers=[PINGTAN], years=[2024]),
                 id="narrative-why-fell"),
    pytest.param("淮安市2024年的申请里，关于征地拆迁的有多少件？", dict(route=R.REFUSAL, refuse=Refuse.NO_TOPIC),
                 id="refuse-topic-guanyu"),
    pytest.param("平潭2023年涉及社保的政府信息公开申请有几件", dict(route=R.REFUSAL, refuse=Refuse.NO_TOPIC),
                 id="refuse-topic-sheji"),
    pytest.param("平潭2023年涉及国家秘密而不予公开的有几件", dict(route=R.CELL, metric="requests.withheld.state_secret"),
                 id="topic-that-is-a-row-answered"),
    pytest.param("今天天气怎么样？", dict(route=R.REFUSAL, refuse=Refuse.OUT_OF_SCOPE), id="refuse-weather"),
    pytest.param("平潭2023年股价多少？", dict(route=R.REFUSAL, refuse=Refuse.OUT_OF_SCOPE), id="refuse-stock"),
    pytest.param("帮我写一首诗", dict(route=R.REFUSAL, refuse=Refuse.OUT_OF_SCOPE), id="refuse-poem"),
    pytest.param("平潭2023年申请人的姓名有哪些？", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL), id="refuse-names"),
    pytest.param("平潭2023年申请人名单", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL), id="refuse-list-of-people"),
    pytest.param("平潭2023年申请人都是谁？", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL), id="refuse-who"),
    pytest.param("平潭2023年申请人的身份证号码", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL), id="refuse-id-numbers"),
    pytest.param("平潭2023年政务公众号名字是什么？", dict(route=R.NARRATIVE, refuse=None), id="not-personal-account-name"),
    pytest.param("What is the weather in Beijing?", dict(route=R.REFUSAL, refuse=Refuse.OUT_OF_SCOPE),
                 id="refuse-english-weather"),
    pytest.param("平潭的年报有吗？", dict(route=R.AVAILABLE, issuers=[PINGTAN]), id="available-pingtan"),
    pytest.param("有没有淮安市的年报？", dict(route=R.AVAILABLE, issuers=[HUAIAN]), id="available-huaian"),
    pytest.param("大宁县领导小组组长的手机是多少？", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL), id="refuse-mobile"),
    pytest.param("平潭2023年报里2024年打算怎么改进？", dict(route=R.NARRATIVE, years=[2023]), id="report-year-not-plan-year"),
    pytest.param("芮城县2020年政府门户网站的访问量是多少？", dict(route=R.NARRATIVE), id="quantity-of-the-text"),
    pytest.param("平潭2020年《问政平潭》曝光了多少个问题？", dict(route=R.NARRATIVE, section=None),
                 id="problems-counted-are-not-the-problems-section"),
    pytest.param("How much did Huai'an City collect in information-processing fees in 2024?",
                 dict(route=R.NARRATIVE, section="other_matters"),
                 id="en-processing-fees-hyphen"),
    pytest.param("平潭2024年行政处罚的罚没金额总共多少钱？", dict(route=R.REFUSAL, refuse=Refuse.NO_SUCH_CELL),
                 id="money-of-a-row-without-money"),
    pytest.param("力洋镇2020年那4个来申请公开信息的群众是谁？", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL),
                 id="who-the-applicants-are"),
    pytest.param("大宁县政务公开领导小组组长是谁？", dict(route=R.NARRATIVE), id="an-officials-name-is-in-the-text"),
    pytest.param("平潭2021年报正文里说的“其他”是指什么？", dict(route=R.NARRATIVE), id="other-in-the-text-is-narrative"),
    pytest.param("Give me the names of the people who filed the 2 reconsideration cases against Hongze District in 2024.",
                 dict(route=R.REFUSAL, refuse=Refuse.PERSONAL), id="en-names-of-people"),
    # two things asked of the text: each its own part, with its own measure
    pytest.param("平潭2022年开了几场新闻发布会？另外政策解读发布了多少篇？",
                 dict(route=R.NARRATIVE, parts=[("平潭2022年开了几场新闻发布会", "场"), ("另外政策解读发布了多少篇", "篇")]),
                 id="two-asks-two-parts"),
    pytest.param("淮安市2024年存在哪些问题，下一步怎么改进？",
                 dict(route=R.NARRATIVE, parts=[("淮安市2024年存在哪些问题", None), ("下一步怎么改进", None)]),
                 id="problems-then-plans"),
    pytest.param("我想了解大宁县。2020年政务公开专职人员有多少人？", dict(route=R.NARRATIVE, parts=[]),
                 id="one-ask-after-context-is-one-part"),
    # what only the text can answer, and what it must state to answer it
    pytest.param("平潭2020年《问政平潭》的办结率是多少？", dict(route=R.NARRATIVE), id="titled-programme-is-the-text"),
    pytest.param("大宁县2020年报留的联系电话是多少？", dict(route=R.NARRATIVE, unit_asked="联系", section="preamble"),
                 id="contact-phone"),
    pytest.param("芮城县年报里有问题该打哪个电话？", dict(route=R.NARRATIVE, section="preamble"), id="contact-not-problems"),
    pytest.param("平潭2023年信息公开岗位的工资有多少？", dict(route=R.NARRATIVE, unit_asked="元"), id="pay-is-money"),
    pytest.param("洪泽区2024年那2件复议分别是哪些部门的？", dict(route=R.NARRATIVE, unit_asked="部门"), id="which-bodies"),
    pytest.param("How many new-media accounts did Pingtan have in 2022?", dict(route=R.NARRATIVE, section="overview"),
                 id="en-new-media-hyphen"),
    pytest.param("洪泽区2024年当面提交的申请有几件？", dict(route=R.REFUSAL, refuse=Refuse.NO_CHANNEL),
                 id="refuse-by-channel"),
    pytest.param("平潭2023年传真和信函申请各多少件？", dict(route=R.REFUSAL, refuse=Refuse.NO_CHANNEL),
                 id="refuse-by-channel-two"),
    pytest.param("平潭2023年申请最多的那位申请人叫什么？", dict(route=R.REFUSAL, refuse=Refuse.PERSONAL),
                 id="refuse-the-top-applicants-name"),
    pytest.param("淮安市2024年的行政诉讼按下属县区分别是多少？", dict(route=R.REFUSAL, refuse=Refuse.NO_BREAKDOWN),
                 id="refuse-by-county"),
    pytest.param("How many of the requesters to Pingtan in 2023 were male?", dict(route=R.REFUSAL, refuse=Refuse.NO_BREAKDOWN),
                 id="refuse-en-gender"),
]


@pytest.mark.parametrize("question, expected", CASES)
def test_interpret(question, expected):
    check(interpret(question, LEXICON, CATALOGUE), expected)
