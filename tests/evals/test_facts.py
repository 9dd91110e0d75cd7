from evals.metrics.facts import fact_coverage

FACTS = [["制度机制还不健全完善"], ["依申请公开流程还需进一步优化", "流程需优化"]]


def test_all_facts_present_ignoring_whitespace():
    text = "根据芮城县2020年年报：\n· 政务公开工作制度机制还不健全\n完善[1]\n· 依申请公开流程 还需进一步优化[2]"
    result = fact_coverage(text, FACTS)
    assert (result.covered, result.total, result.missing) == (2, 2, ())
    assert result.score == 1.0 and result.complete


def test_any_alternative_satisfies_a_fact():
    result = fact_coverage("制度机制还不健全完善；流程需优化。", FACTS)
    assert result.complete


def test_missing_fact_is_caught():
    result = fact_coverage("政务公开工作制度机制还不健全完善[1]", FACTS)
    assert result.covered == 1 and result.score == 0.5 and not result.complete
    assert result.missing == ("依申请公开流程还需进一步优化 | 流程需优化",)


def test_wrong_answer_covers_nothing():
    result = fact_coverage("无法根据已收录的年报回答这个问题", [["0517-83605210"]])
    assert result.score == 0.0 and result.missing == ("0517-83605210",)
