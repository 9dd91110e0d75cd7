"""assistant.qa.lexicon: the lexicon's own words — homophone slips in them mended as meant."""

from __future__ import annotations

import pytest

from assistant.qa.routing import interpret
from tests.qa.support import CATALOGUE, HONGZE, LEXICON, cell, check


@pytest.mark.parametrize("question, mended, slips", [
    pytest.param("平潭2022年予以工开多少件", "平潭2022年予以公开多少件", [("予以工开", "予以公开")], id="gong-kai"),
    pytest.param("洪泽区行政复意几件", "洪泽区行政复议几件", [("行政复意", "行政复议")], id="fu-yi"),
    pytest.param("大宁县行政许课处里决定", "大宁县行政许可处理决定", [("行政许课", "行政许可"), ("处里决定", "处理决定")],
                 id="two-slips"),
    # a character that does not sound alike is another word, never mended
    pytest.param("下年结转的有几件", "下年结转的有几件", [], id="xia-is-not-shang"),
    pytest.param("行政处罚多少", "行政处罚多少", [], id="spelt-right"),
])
def test_homophone_slips_in_the_lexicons_words(question, mended, slips):
    assert LEXICON.mend_homophones(question) == (mended, tuple(slips))


def test_a_mended_slip_is_said_in_the_reading():
    spec = interpret("淮安市洪泽区2024年依申请予以工开的有多少件", LEXICON, CATALOGUE)
    check(spec, cell(HONGZE, 2024, "requests.granted"))
    assert spec.confidence < 1 and "问题中的“予以工开”按“予以公开”理解" in spec.alternatives


@pytest.mark.parametrize("question, metrics", [
    pytest.param("平潭2024年复议后起诉（复议后起诉）合计多少", ["review.litigation_after_review"], id="said-twice"),
    pytest.param("复议后起诉的，不是行政复议", ["review.litigation_after_review", "review.review"], id="two-rows"),
])
def test_a_row_said_twice_is_one_row(question, metrics):
    """The second saying of a row's words is that row's, not a shorter row's inside it (复议, 起诉)."""
    assert [m.metric.id for m in LEXICON.find_metrics(question)] == metrics
