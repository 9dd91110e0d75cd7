"""Follow-up turns: interpret(..., previous=<the last turn's Interpretation>)."""

from __future__ import annotations

import pytest

from assistant.qa.interpretation import Operation as Op
from assistant.qa.interpretation import Route as R
from assistant.qa.routing import interpret
from tests.qa.support import CATALOGUE, DANING, HONGZE, HUAIAN, LEXICON, NEW, PINGTAN, RUICHENG, check

CASES = [
    # issuer replaced
    pytest.param(["大宁县2020年收到多少申请？", "那芮城县呢？"],
                 dict(route=R.CELL, issuers=[RUICHENG], metric=NEW), id="issuer-replaced"),
    pytest.param(["大宁县2020年收到多少申请？", "那芮城县呢？"], dict(years=[2020]), id="issuer-replaced-keeps-year"),
    pytest.param(["洪泽区2024年新收申请多少件？", "淮安市呢？"], dict(route=R.CELL, issuers=[HUAIAN], years=[2024], metric=NEW),
                 id="issuer-replaced-huaian-keeps-year"),
    pytest.param(["洪泽区2023年新收申请多少件？", "淮安市2024年呢？"],
                 dict(route=R.CELL, issuers=[HUAIAN], years=[2024], metric=NEW), id="issuer-and-year-replaced"),
    pytest.param(["平潭2023年公开率是多少？", "洪泽区2023年呢？"],
                 dict(route=R.RATIO, issuers=[HONGZE], years=[2023], ratio="disclosure_rate"), id="issuer-replaced-ratio"),
    pytest.param(["平潭2023年不予公开的占办理结果总计的比例是多少？", "改成2024年呢？"],
                 dict(route=R.RATIO, op=Op.SHARE, issuers=[PINGTAN], years=[2024], metric="requests.withheld",
                      share_of="requests.result_total"), id="share-kept-for-a-new-year"),
    pytest.param(["平潭2024年复议后起诉的结果维持几件？", "那没经过复议直接起诉的呢？"],
                 dict(route=R.CELL, metric="review.litigation_direct", columns=["upheld"]), id="review-group-replaced"),
    pytest.param(["平潭2023年社会公益组织新提交了几件申请？", "那其中部分公开的有几件？"],
                 dict(route=R.CELL, metric="requests.partial", columns=["social_org"]), id="column-kept-for-a-new-row"),
    pytest.param(["大宁县2020年行政处罚本年增/减是多少？", "那行政处罚的项目数呢？"],
                 dict(route=R.CLARIFY), id="column-named-not-inherited"),
    # year replaced
    pytest.param(["平潭2023年新收多少申请？", "2024年呢？"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2024], metric=NEW), id="year-replaced"),
    pytest.param(["平潭2022年予以公开多少件？", "那2023年呢？"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2023], metric="requests.granted"), id="year-replaced-na"),
    pytest.param(["平潭2023年新收多少申请？", "2022年呢？", "2021年呢？"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2021], metric=NEW), id="year-replaced-twice"),
    pytest.param(["平潭2023年公开率是多少？", "2024年呢？"],
                 dict(route=R.RATIO, years=[2024], ratio="disclosure_rate"), id="year-replaced-ratio"),
    pytest.param(["平潭2023年存在的主要问题有哪些？", "2024年呢？"],
                 dict(route=R.NARRATIVE, issuers=[PINGTAN], years=[2024], section="problems"), id="year-replaced-narrative"),
    pytest.param(["洪泽区2023年的数据对得上吗？", "2024年呢？"],
                 dict(route=R.AUDIT, issuers=[HONGZE], years=[2024]), id="year-replaced-audit"),
    # column / row replaced
    pytest.param(["平潭2023年新收多少申请？", "其中自然人的呢？"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2023], metric=NEW, columns=["natural_person"]),
                 id="column-natural-person"),
    pytest.param(["平潭2023年新收多少申请？", "那商业企业呢？"], dict(route=R.CELL, metric=NEW, columns=["business"]),
                 id="column-business"),
    pytest.param(["平潭2023年新收多少申请？", "其中法律服务机构提的有几件？"],
                 dict(route=R.CELL, metric=NEW, columns=["legal_service"]), id="column-legal-service"),
    pytest.param(["平潭2023年新收多少申请？", "其中自然人的呢？", "2024年呢？"],
                 dict(route=R.CELL, years=[2024], metric=NEW, columns=["natural_person"]), id="column-kept-year-replaced"),
    pytest.param(["平潭2022年行政复议多少件？", "其中结果纠正的呢？"],
                 dict(route=R.CELL, metric="review.review", columns=["corrected"]), id="column-review-corrected"),
    pytest.param(["平潭2022年予以公开多少件？", "部分公开呢？"],
                 dict(route=R.CELL, years=[2022], metric="requests.partial"), id="row-replaced"),
    pytest.param(["平潭2022年行政复议多少件？", "行政诉讼呢？"],
                 dict(route=R.CELL, years=[2022], metric="review.litigation"), id="row-replaced-review"),
    # shares over turns
    pytest.param(["淮安市2024年新收多少申请？", "其中予以公开的呢？", "占办理结果总计的百分之多少？"],
                 dict(route=R.RATIO, op=Op.SHARE, issuers=[HUAIAN], years=[2024], numerator=["requests.granted"],
                      share_of="requests.result_total"), id="share-chain-results"),
    pytest.param(["平潭2023年新收多少申请？", "那予以公开的呢？", "占新收申请的比例？"],
                 dict(route=R.RATIO, issuers=[PINGTAN], years=[2023], numerator=["requests.granted"], share_of=NEW),
                 id="share-chain-new"),
    pytest.param(["平潭2023年新收多少申请？", "其中商业企业提出的占多少？"],
                 dict(route=R.RATIO, op=Op.SHARE, metric=NEW, columns=["business"]), id="share-column"),
    pytest.param(["洪泽区2023年行政许可处理决定多少件？", "行政处罚决定是它的几倍？"],
                 dict(route=R.RATIO, op=Op.MULTIPLE, numerator=["active.penalty"], share_of="active.licensing",
                      years=[2023]), id="multiple-of-previous-row"),
    # comparisons after two turns
    pytest.param(["洪泽区2023年行政强制处理决定数量是多少？", "2024年呢？", "下降了百分之多少？"],
                 dict(route=R.COMPARISON, op=Op.PERCENT_CHANGE, issuers=[HONGZE], years=[2023, 2024],
                      metric="active.coercion"), id="percent-change-after-two"),
    pytest.param(["洪泽区2023年新收申请多少件？", "2024年呢？", "增长了百分之多少？"],
                 dict(route=R.COMPARISON, op=Op.PERCENT_CHANGE, years=[2023, 2024], metric=NEW), id="growth-after-two"),
    pytest.param(["洪泽区2023年新收申请多少件？", "2024年呢？", "是2023年的几倍？"],
                 dict(route=R.COMPARISON, op=Op.MULTIPLE, years=[2023, 2024], metric=NEW), id="multiple-after-two"),
    pytest.param(["洪泽区2023年行政复议多少件？", "2024年呢？", "增加了多少？"],
                 dict(route=R.COMPARISON, op=Op.DIFFERENCE, years=[2023, 2024], metric="review.review"),
                 id="difference-after-two"),
    pytest.param(["洪泽区2024年新收申请多少件？", "和淮安市相比呢？"],
                 dict(route=R.COMPARISON, issuers=[HONGZE, HUAIAN], years=[2024], metric=NEW), id="compare-with-issuer"),
    pytest.param(["大宁县2020年收到多少申请？", "芮城县呢？", "哪个多？"],
                 dict(issuers=[DANING, RUICHENG], years=[2020], metric=NEW), id="which-more-after-two"),
    # sums over the conversation
    pytest.param(["平潭2022年予以公开多少件？", "那2023年呢？", "两年加起来多少？"],
                 dict(route=R.AGGREGATE, op=Op.SUM, issuers=[PINGTAN], years=[2022, 2023], metric="requests.granted"),
                 id="sum-two-years"),
    pytest.param(["大宁县2020年收到多少申请？", "芮城县呢？", "两个县加起来多少？"],
                 dict(route=R.AGGREGATE, op=Op.SUM, issuers=[DANING, RUICHENG], years=[2020], metric=NEW),
                 id="sum-two-counties"),
    pytest.param(["平潭2023年新收多少申请？", "2024年呢？", "两年平均多少？"],
                 dict(route=R.AGGREGATE, op=Op.AVG, issuers=[PINGTAN], years=[2023, 2024], metric=NEW),
                 id="avg-two-years"),
    pytest.param(["大宁县2020年收到多少申请？", "芮城县呢？", "哪个少？"],
                 dict(route=R.AGGREGATE, op=Op.MIN, issuers=[DANING, RUICHENG], years=[2020], metric=NEW),
                 id="which-less-after-two"),
    pytest.param(["平潭2024年新收了多少件申请", "那结果维持是多少"], dict(route=R.CLARIFY),
                 id="review-column-after-a-requests-row"),
    pytest.param(["平潭2022年行政复议多少件？", "那结果维持是多少"],
                 dict(route=R.CELL, metric="review.review", columns=["upheld"]), id="review-column-after-review"),
    # audits in a conversation
    pytest.param(["洪泽区2023年表三对得上吗？", "2024年呢？"],
                 dict(route=R.AUDIT, issuers=[HONGZE], years=[2024], tables=["requests"]), id="audit-table-kept-year-replaced"),
    pytest.param(["平潭2022年上年结转多少件？", "2023年呢？", "两年衔接得上吗？"],
                 dict(route=R.AUDIT, years=[2022, 2023], rules=["R5"]), id="continuity-after-two"),
    pytest.param(["平潭2023年新收多少申请？", "这张表对得上吗？"],
                 dict(route=R.AUDIT, issuers=[PINGTAN], years=[2023], tables=["requests"]), id="this-table"),
    pytest.param(["平潭2023年新收多少申请？", "表三对得上吗？"], dict(route=R.AUDIT, tables=["requests"]), id="table-3-follow-up"),
    # answering a clarifying question
    pytest.param(["洪泽区收到多少申请？", "2023年"], dict(route=R.CELL, issuers=[HONGZE], years=[2023], metric=NEW),
                 id="clarify-answer-2023"),
    pytest.param(["洪泽区收到多少申请？", "2024年"], dict(route=R.CELL, issuers=[HONGZE], years=[2024], metric=NEW),
                 id="clarify-answer-2024"),
    pytest.param(["收到多少申请？", "洪泽区2023年"], dict(route=R.CELL, issuers=[HONGZE], years=[2023], metric=NEW),
                 id="clarify-answer-issuer-and-year"),
    pytest.param(["收到多少申请？", "平潭"], dict(route=R.CLARIFY, issuers=[PINGTAN], choices=["2023年"]),
                 id="clarify-answer-then-year-asked"),
    pytest.param(["2023年收到多少申请？", "洪泽区"], dict(route=R.CELL, issuers=[HONGZE], years=[2023], metric=NEW),
                 id="clarify-answer-issuer-keeps-year"),
    # a refusal or an unrelated turn does not leak
    pytest.param(["今天天气怎么样？", "平潭2023年新收多少申请？"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2023], metric=NEW), id="after-refusal"),
    pytest.param(["平潭2023年新收多少申请？", "今天天气怎么样？"], dict(route=R.REFUSAL), id="refusal-after-cell"),
    # English follow-ups
    pytest.param(["平潭2023年新收多少申请？", "What about 2024?"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2024], metric=NEW), id="english-follow-up-year"),
    pytest.param(["Pingtan requests granted in 2022", "And in 2023?"],
                 dict(route=R.CELL, issuers=[PINGTAN], years=[2023], metric="requests.granted"), id="english-and-in"),
    # a question back left unanswered: the next turn that leans on it is asked again
    pytest.param(["我手上有淮安的几份年报。", "依申请公开新收多少件？"], dict(route=R.CLARIFY, choices=["淮安市", "淮安市洪泽区"]),
                 id="unanswered-question-back-asked-again"),
    pytest.param(["我手上有淮安的几份年报。", "淮安市2024年新收多少件申请？"], dict(route=R.CELL, issuers=[HUAIAN]),
                 id="question-back-settled-by-a-named-issuer"),
    pytest.param(["淮安2024年行政许可处理决定多少件？", "淮安市"], dict(route=R.CELL, issuers=[HUAIAN], years=[2024]),
                 id="question-back-answered-by-a-choice"),
    # a column with no row, after a row was asked: that row's column
    pytest.param(["洪泽区2023年行政复议多少件？", "其中尚未审结的呢？"],
                 dict(route=R.CELL, metric="review.review", columns=["pending"]), id="bare-column-after-a-row"),
    # 加上: what the last turn asked, and this turn's year, issuer or row with it
    pytest.param(["平潭2023年新收申请多少件？", "加上2024年一共是多少？"],
                 dict(route=R.AGGREGATE, op=Op.SUM, issuers=[PINGTAN], years=[2023, 2024], metric=NEW), id="add-on-a-year"),
    pytest.param(["大宁县2020年行政许可决定多少？", "再加上芮城县呢，总共多少"],
                 dict(route=R.AGGREGATE, op=Op.SUM, issuers=[DANING, RUICHENG], years=[2020], metric="active.licensing"),
                 id="add-on-an-issuer"),
    pytest.param(["洪泽区2024年予以公开几件？", "加上部分公开合计多少？"],
                 dict(route=R.CELL, op=Op.SUM, summed=["requests.granted", "requests.partial"]), id="add-on-a-row"),
    pytest.param(["洪泽区2024年予以公开几件？", "加上部分公开合计多少？", "再加上不予公开呢"],
                 dict(route=R.CELL, op=Op.SUM, summed=["requests.granted", "requests.partial", "requests.withheld"]),
                 id="add-on-a-row-three-turns"),
    pytest.param(["平潭2023年予以公开多少件？", "加上部分公开，占办理结果总计的百分比呢"],
                 dict(route=R.RATIO, op=Op.SHARE, numerator=["requests.granted", "requests.partial"],
                      share_of="requests.result_total"), id="add-on-a-row-then-a-share"),
    # 全部 describing the whole is not every issuer; a place said by level is a new who
    pytest.param(["平潭2023年不予公开几件？", "那占比呢？占全部办结的"],
                 dict(route=R.RATIO, issuers=[PINGTAN], years=[2023], numerator=["requests.withheld"],
                      share_of="requests.result_total"), id="whole-quanbu-keeps-the-issuer"),
    pytest.param(["安居区2020年新收多少件申请？", "那县里的呢？"], dict(route=R.CLARIFY), id="vague-level-asked-back"),
]


@pytest.mark.parametrize("turns, expected", CASES)
def test_dialogue(turns, expected):
    previous = None
    for turn in turns:
        previous = interpret(turn, LEXICON, CATALOGUE, previous=previous)
    check(previous, expected)
