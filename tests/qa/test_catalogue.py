"""The catalogue scorer: rows named in words the lexicon's patterns do not list."""

import pytest

from assistant.qa.catalogue import closest_metric, member_named, score_metrics
from assistant.qa.lexicon import load_lexicon

LEXICON = load_lexicon()
METRICS = {m.id: m for m in LEXICON.metrics}


@pytest.mark.parametrize("question, metric", [
    pytest.param("没有现成信息需另行制作的有几件", "requests.unavailable.needs_creation", id="needs-creation-paraphrase"),
    pytest.param("补正后申请内容仍然不明确的多少", "requests.unavailable.unclear", id="unclear-paraphrase"),
    pytest.param("要求行政机关确认或者重新出具已获取信息的数量", "requests.not_processed.confirmation",
                 id="confirmation-paraphrase"),
    pytest.param("属于四类过程性的信息有几件", "requests.withheld.process_info", id="process-info"),
    pytest.param("保护第三方合法权益的不公开件数", "requests.withheld.third_party", id="third-party"),
    pytest.param("其他对外管理服务的处理决定", "active.other_services", id="other-services"),
])
def test_a_paraphrase_finds_its_row(question, metric):
    best, runner = closest_metric(question, LEXICON)
    assert best is not None and best.metric.id == metric and runner is None


@pytest.mark.parametrize("question", [
    pytest.param("政策解读发布了多少篇", id="narrative-count"),
    pytest.param("今年天气怎么样", id="out-of-scope"),
    pytest.param("多少", id="bare"),
])
def test_nothing_scores_for_words_no_row_has(question):
    assert closest_metric(question, LEXICON) == (None, None)


def test_scores_are_shares_of_an_entry_best_first():
    ranked = score_metrics("属于国家秘密", LEXICON)
    assert ranked[0].metric.id == "requests.withheld.state_secret" and ranked[0].score == 1.0
    assert all(a.score >= b.score for a, b in zip(ranked, ranked[1:]))


@pytest.mark.parametrize("question, group, member", [
    pytest.param("因为属于可以通过查询渠道办理的事项而不予", "requests.withheld", "requests.withheld.query_matter",
                 id="query-matter"),
    pytest.param("涉及机关内部的人事、后勤之类管理事务", "requests.withheld", "requests.withheld.internal_affairs",
                 id="internal-affairs"),
    pytest.param("补正以后内容还是说不清", "requests.unavailable", "requests.unavailable.unclear", id="unclear"),
    pytest.param("有多少件", "requests.withheld", None, id="nothing-described"),
    pytest.param("属于国家秘密", "requests.unavailable", None, id="a-row-of-another-group"),
])
def test_a_row_of_a_known_group_is_found_by_its_description(question, group, member):
    found = member_named(question, METRICS[group], LEXICON)
    assert (found.metric.id if found else None) == member
