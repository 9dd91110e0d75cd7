import pytest

from evals.metrics.retrieval import first_hit_rank, mean_reciprocal_rank, recall_at_k

DANING = ("大宁县人民政府", 2020)
PASSAGE = "目前全县政府系统共有政务新媒体10个"


def test_first_hit_needs_report_and_passage():
    ranked = [("芮城县人民政府", 2020, "共有政务新媒体10个，目前全县政府系统共有政务新媒体10个"),
              ("大宁县人民政府", 2020, "主要是公开形式单一"),
              ("大宁县人民政府", 2020, "目前全县政府系统共有政务\n新媒体 10 个。")]
    assert first_hit_rank(ranked, [DANING], PASSAGE) == 3


def test_miss_is_none():
    ranked = [("芮城县人民政府", 2020, PASSAGE), ("大宁县人民政府", 2021, PASSAGE)]
    assert first_hit_rank(ranked, [DANING], PASSAGE) is None


def test_recall_at_k_and_mrr():
    ranks = [1, 3, None, 6]
    assert recall_at_k(ranks, 5) == 0.5
    assert recall_at_k(ranks, 1) == 0.25
    assert mean_reciprocal_rank(ranks) == pytest.approx((1 + 1 / 3 + 0 + 1 / 6) / 4)
    assert recall_at_k([], 5) is None and mean_reciprocal_rank([]) is None


def test_wrong_retrieval_scores_zero():
    assert recall_at_k([None, None], 5) == 0.0
    assert mean_reciprocal_rank([None, None]) == 0.0
