import pytest

from evals.metrics.audit import audit_match, reported_rules
from tests.evals.fake_answers import answer

BROKEN = ("淮安市洪泽区人民政府 2023年：R4 不成立——行政复议：10 + 1 + 0 + 0 = 11 ≠ 总计 0[1][2]\n"
          "淮安市洪泽区人民政府 2023年：R4 不成立——复议后起诉：5 + 0 + 0 + 0 = 5 ≠ 总计 0[3]")
CLEAN = "遂宁市安居区人民政府 2020年的表格数字符合勾稽关系（R1–R4均未发现问题）。"


@pytest.mark.parametrize("text, rules", [
    pytest.param(BROKEN, ("R4",), id="broken"),
    pytest.param(CLEAN, (), id="clean"),
    pytest.param("R1–R3 都不成立。", ("R1", "R2", "R3"), id="range"),
    pytest.param("R5 成立；R3 不一致。", ("R3",), id="per-sentence"),
])
def test_reported_rules(text, rules):
    assert reported_rules(text) == rules


def test_found_failure_matches():
    assert audit_match(answer(BROKEN, route="audit"), ["R4"]).correct
    assert audit_match(answer(CLEAN, route="audit"), []).correct


def test_missed_failure_is_caught():
    result = audit_match(answer(CLEAN, route="audit"), ["R4"])
    assert not result.correct and result.reason == "reported broken none, expected ['R4']"


def test_false_alarm_is_caught():
    result = audit_match(answer(BROKEN, route="audit"), [])
    assert not result.correct and result.reason == "reported broken ['R4'], expected none"
