import pytest

from evals.metrics.latency import latency_summary, percentile


def test_median_and_p95():
    seconds = [0.1 * i for i in range(1, 21)]  # 0.1 … 2.0
    summary = latency_summary(seconds)
    assert summary.n == 20
    assert summary.median == pytest.approx(1.05)
    assert summary.p95 == pytest.approx(1.9)
    assert summary.max == pytest.approx(2.0)


def test_one_slow_turn_shows_in_p95_not_median():
    seconds = [0.2] * 19 + [30.0]
    summary = latency_summary(seconds)
    assert summary.median == pytest.approx(0.2)
    assert percentile(seconds, 100) == 30.0
    assert summary.p95 == pytest.approx(0.2)
    assert latency_summary(seconds + [30.0]).p95 == pytest.approx(30.0)


def test_no_timings():
    assert latency_summary([]) == latency_summary(())
    assert latency_summary([]).median is None
