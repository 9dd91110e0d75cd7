import pytest

from assistant.domain.values import is_value_text, parse_value


@pytest.mark.parametrize("raw, money, value", [
    pytest.param("1680", False, 1680, id="count"),
    pytest.param("增2", False, 2, id="zeng"),
    pytest.param("减11", False, -11, id="jian"),
    pytest.param("+22", False, 22, id="plus"),
    pytest.param("-453", False, -453, id="minus"),
    pytest.param("1.951 亿", True, 19510, id="yi"),
    pytest.param("17345 万元", True, 17345, id="wanyuan-space"),
    pytest.param("2876.4869万元", True, 2876.4869, id="wanyuan"),
    pytest.param("73802895.90元", True, 7380.28959, id="yuan"),
    pytest.param("7730.28", True, 7730.28, id="bare-money"),
    pytest.param("0\u00a0", False, 0, id="nbsp"),
])
def test_parse_value(raw, money, value):
    assert parse_value(raw, money=money).value == pytest.approx(value)


def test_blank_is_not_zero():
    parsed = parse_value("   ")
    assert parsed.value is None
    assert is_value_text("") and not is_value_text("行政许可")


def test_label_is_not_a_value():
    with pytest.raises(ValueError):
        parse_value("规章")
