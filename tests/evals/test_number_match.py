import pytest

from evals.metrics.number_match import issuer_named, normalise, number_match
from tests.evals.fake_answers import answer, cell_citation

DANING = "大宁县人民政府"


@pytest.mark.parametrize("value, unit, expected_unit, want", [
    pytest.param(1680, "件", "件", 1680, id="count"),
    pytest.param(1.951, "亿元", "万元", 19510, id="yi-to-wan"),
    pytest.param(195100000, "元", "万元", 19510, id="yuan-to-wan"),
    pytest.param(19510, None, "万元", 19510, id="money-unitless-is-wan"),
    pytest.param(0.5954, None, "%", 59.54, id="fraction-to-percent"),
    pytest.param(59.54, "％", "%", 59.54, id="fullwidth-percent"),
    pytest.param(12, "件", "万元", None, id="count-is-not-money"),
    pytest.param(12, "件", "%", None, id="count-is-not-percent"),
    pytest.param(12, "万元", "件", None, id="money-is-not-count"),
])
def test_normalise(value, unit, expected_unit, want):
    got = normalise(value, unit, expected_unit)
    assert got == pytest.approx(want) if want is not None else got is None


def test_exact_count_matches():
    a = answer("大宁县2020年行政许可处理决定1680件[1]。", 1680.0, "件",
               [cell_citation(1, DANING, 2020, "active.licensing.decisions", "1680")])
    result = number_match(a, 1680, "件", 0)
    assert result.correct and result.got == 1680 and result.reason == ""


def test_wrong_number_is_caught():
    a = answer("大宁县2020年行政许可处理决定1679件[1]。", 1679.0, "件")
    result = number_match(a, 1680, "件", 0)
    assert not result.correct
    assert result.reason == "got 1679 件, expected 1680"


def test_money_in_other_unit_within_tolerance():
    a = answer("多16137.5万元", 161375000.0, "元")
    assert number_match(a, 16137.5, "万元", 0.01).correct
    off = answer("多16140万元", 16140.0, "万元")
    assert not number_match(off, 16137.5, "万元", 0.01).correct


def test_ratio_tolerance_and_fraction():
    assert number_match(answer("59.5%", 59.5, "%"), 59.54, "%", 0.1).correct
    assert number_match(answer("0.5954", 0.5954, None), 59.54, "%", 0.1).correct
    assert not number_match(answer("59.3%", 59.3, "%"), 59.54, "%", 0.1).correct


def test_wrong_unit_is_caught():
    result = number_match(answer("12件", 12.0, "件"), 12, "万元", 0)
    assert not result.correct and "cannot be read" in result.reason


def test_missing_value_and_refusal_are_wrong():
    assert number_match(answer("不知道"), 5, "件").reason == "no value in the answer"
    assert number_match(answer("无法回答", refused=True), 5, "件").reason == "refused"


def test_blank_cell_answered_as_blank():
    cited = answer("该栏为（空白）[1]", None, "件",
                   [cell_citation(1, DANING, 2020, "review.review.total", "", status="blank")])
    assert number_match(cited, None, "件", blank=True).correct
    said = answer("报告中这一栏是空白的。", None, "件")
    assert number_match(said, None, "件", blank=True).correct


def test_blank_cell_answered_as_zero_is_caught():
    zero = answer("0件[1]", 0.0, "件", [cell_citation(1, DANING, 2020, "review.review.total", "0")])
    result = number_match(zero, None, "件", blank=True)
    assert not result.correct and result.reason == "answered 0 for a blank cell"
    silent = answer("没有数据。", None, "件")
    assert number_match(silent, None, "件", blank=True).reason == "did not say the cell is blank"


def test_answer_issuer_must_be_named():
    right = answer("芮城县行政许可处理决定最多，21384件。", 21384.0, "件")
    assert number_match(right, 21384, "件", answer_issuer="芮城县人民政府").correct
    wrong = answer("大宁县最多，21384件。", 21384.0, "件")
    result = number_match(wrong, 21384, "件", answer_issuer="芮城县人民政府")
    assert not result.correct and result.reason == "answer does not name 芮城县人民政府"


def test_issuer_named_short_forms():
    assert issuer_named("淮安市人民政府", "淮安市2024年")
    assert issuer_named("平潭综合实验区", "平潭综合 实验区")
    assert not issuer_named("淮安市人民政府", "洪泽区")
