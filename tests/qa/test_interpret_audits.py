"""interpret for audits: which tables and rules (R1–R7) a check names, its columns and quoted
figures (assistant.qa.audit_asked)."""

from __future__ import annotations

import pytest

from assistant.qa.interpretation import Operation as Op
from assistant.qa.interpretation import Route as R
from assistant.qa.routing import interpret
from tests.qa.support import (
    CATALOGUE,
    HONGZE,
    LEXICON,
    NEW,
    PINGTAN,
    check,
)

CASES = [
    pytest.param("平潭2022年表三的数加得对吗？", dict(route=R.AUDIT, tables=["requests"]), id="audit-jiadedui"),
    pytest.param("平潭2022年表三，新收加上年结转是不是等于办理结果加结转下年？",
                 dict(route=R.AUDIT, rules=["R1"]), id="audit-shibushi-dengyu"),
    pytest.param("洪泽区2023年的数据对得上吗？",
                 dict(route=R.AUDIT, op=Op.AUDIT, issuers=[HONGZE], years=[2023], tables=[], rules=[]), id="audit-all"),
    pytest.param("洪泽区2023年表三对得上吗？", dict(route=R.AUDIT, tables=["requests"], rules=[]), id="audit-table-3"),
    pytest.param("洪泽区2023年表三的数字加起来对吗？", dict(route=R.AUDIT, tables=["requests"]), id="audit-table-3-add-up"),
    pytest.param("洪泽区2023年表四有没有错误？", dict(route=R.AUDIT, tables=["review"]), id="audit-table-4"),
    pytest.param("平潭2023年表二有没有错？", dict(route=R.AUDIT, tables=["active"]), id="audit-table-2"),
    pytest.param("平潭2023年依申请公开那张表有没有错？", dict(route=R.AUDIT, tables=["requests"]), id="audit-requests-table"),
    pytest.param("平潭2023年复议诉讼那张表对得上吗？", dict(route=R.AUDIT, tables=["review"]), id="audit-review-table"),
    pytest.param("平潭2023年报告有矛盾吗？", dict(route=R.AUDIT, issuers=[PINGTAN], years=[2023]), id="audit-contradiction"),
    pytest.param("平潭2022年和2023年的结转衔接得上吗？",
                 dict(route=R.AUDIT, years=[2022, 2023], rules=["R5"]), id="audit-continuity"),
    pytest.param("平潭2023年上年结转和结转下年度的数字衔接吗？", dict(route=R.AUDIT, rules=["R5"]), id="audit-continuity-rows"),
    pytest.param("洪泽区2023年正文里说的申请数和表格一致吗？", dict(route=R.AUDIT, rules=["R7"]), id="audit-narrative-vs-table"),
    pytest.param("平潭2023年的报告正文提到的申请数量和表格相符吗？", dict(route=R.AUDIT, rules=["R7"]),
                 id="audit-narrative-vs-table-xiangfu"),
    pytest.param("平潭2022年结转到下一年的申请，到2023年的上年结转里接上了吗？",
                 dict(route=R.AUDIT, years=[2022, 2023], rules=["R5"]), id="audit-continuity-rows-two-years"),
    pytest.param("洪泽区2023年报正文说受理申请21件，表格里是这么填的吗？",
                 dict(route=R.AUDIT, rules=["R7"], summed=[NEW]), id="audit-r7-plain-request-word"),
    pytest.param("洪泽区2024年报总体情况里写的受理申请件数，和表三一样吗？", dict(route=R.AUDIT, rules=["R7"]),
                 id="audit-r7-xie-de"),
    pytest.param("The Hongze District 2024 report says in its text it received 17 requests. Does that match table 3?",
                 dict(route=R.AUDIT, rules=["R7"]), id="en-audit-r7-text-match"),
    pytest.param("Does the Huai'an city 2024 request table balance?", dict(route=R.AUDIT), id="en-balance"),
    pytest.param("平潭2021年结转到下一年的申请数，和2022年的上年结转能接上吗？", dict(route=R.AUDIT, rules=["R5"]),
                 id="neng-jie-shang"),
    pytest.param("Does new requests plus carried over from last year equal the total handled for Huai'an City in 2024?",
                 dict(route=R.AUDIT), id="en-equal-is-an-audit"),
    # the text against the table, even with a number asked
    pytest.param("平潭2022年报正文说制发规范性文件多少件？和表格里的制发件数一样吗？",
                 dict(route=R.AUDIT, rules=["R7"]), id="text-says-how-many-and-table"),
    pytest.param("力洋镇2020年报总体情况里说接到申请4条，表里是这么填的吗？", dict(route=R.AUDIT, rules=["R7"]),
                 id="overview-says"),
    pytest.param("淮安市2024年正文说行政复议351件，与表四也是这个数吗？", dict(route=R.AUDIT, quoted=[351.0]),
                 id="figures-quoted-from-the-text"),
    # one report's equations named by their rows
    pytest.param("平潭2023年办理结果各项加起来等于（七）总计吗？", dict(route=R.AUDIT, rules=["R3"]), id="r3-named"),
    pytest.param("安居区2020年表三每一行的总计都等于各类申请人之和吗？", dict(route=R.AUDIT, rules=["R2"]), id="r2-named"),
    pytest.param("洪泽区2024年表三的各项办理结果之和，是否都等于办理结果总计？", dict(route=R.AUDIT, rules=["R3"]),
                 id="r3-shi-fou-dou"),
    pytest.param("Do the figures in the Hongze District 2023 report add up?",
                 dict(route=R.AUDIT, issuers=[HONGZE], years=[2023]), id="en-audit"),
    pytest.param("Does the request-handling table in Pingtan's 2022 report add up?",
                 dict(route=R.AUDIT, tables=["requests"]), id="en-table-named-by-its-content"),
    pytest.param("In table 4 of Hongze District's 2023 report, do the totals add up?",
                 dict(route=R.AUDIT, tables=["review"]), id="en-table-by-number"),
    # A-not-A is a yes/no question with no question mark typed
    pytest.param("平潭2022年的“上年结转”跟2021年的“结转下年度”是不是一致", dict(route=R.AUDIT, rules=["R5"]),
                 id="r5-shi-bu-shi-no-mark"),
    # every column said: 总计 in "办理总计" is a row's word, not the one column checked
    pytest.param("淮安市2024申请表：新收加上年结转，等不等于办理总计加结转下年？每一列都算一下",
                 dict(route=R.AUDIT, rules=["R1"], columns=[]), id="r1-every-column-said"),
    pytest.param("淮安市人民政府2024年表三“总计”列，第一项加第二项之和是否等于第三项加第四项之和？",
                 dict(route=R.AUDIT, rules=["R1"], columns=["total"]), id="r1-template-rule-one-column"),
    pytest.param("淮安市政府2024年表三，每一列“一、本年新收”加“二、上年结转”，是不是都等于“（七）总计”加“四、结转下年度继续办理”？",
                 dict(route=R.AUDIT, rules=["R1"]), id="r1-by-its-row-labels-is-no-r3"),
    pytest.param("平潭2020年表三，办理结果各项加起来等于（七）总计吗？", dict(route=R.AUDIT, rules=["R3"]),
                 id="r3-still-r3"),
    pytest.param("淮安市人民政府2024年的三张表，勾稽关系都成立吗？包括表三每列“第一项加第二项等于第三项加第四项”、各行总计、表四总计。",
                 dict(route=R.AUDIT, rules=["R1", "R2", "R4"]), id="rules-named-with-table-four"),
]


@pytest.mark.parametrize("question, expected", CASES)
def test_interpret(question, expected):
    check(interpret(question, LEXICON, CATALOGUE), expected)
