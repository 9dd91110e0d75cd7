import pytest

from assistant.domain.records import Cell
from evals.metrics.extraction import combine, judge_cell, score_report


def cell(cell_id="requests.new.total", value=21.0, status="ok", candidates=(), raw="21"):
    return Cell("r1", cell_id, value, "件", raw, status, candidates=tuple(candidates))


@pytest.mark.parametrize("truth, got, outcome", [
    pytest.param(21, cell(), "correct", id="number-ok"),
    pytest.param(21, cell(value=21.0, status="inferred"), "correct", id="number-inferred"),
    pytest.param(21, cell(value=12.0), "silently_wrong", id="wrong-number"),
    pytest.param(21, cell(value=None, status="blank", raw=""), "silently_wrong", id="number-read-blank"),
    pytest.param(None, cell(value=None, status="blank", raw=""), "correct", id="blank-ok"),
    pytest.param(None, cell(value=0.0, raw="0"), "silently_wrong", id="blank-read-zero"),
    pytest.param(21, cell(value=None, status="ambiguous", candidates=(2, 21)), "flagged_correct", id="flag-has-truth"),
    pytest.param(21, cell(value=None, status="ambiguous", candidates=(2, 1)), "flagged_wrong", id="flag-misses-truth"),
    pytest.param({"ambiguous": [7, 77]}, cell(value=None, status="ambiguous", candidates=(7, 77, 777)),
                 "flagged_correct", id="ambiguous-truth-covered"),
    pytest.param({"ambiguous": [7, 77]}, cell(value=None, status="ambiguous", candidates=(7,)),
                 "flagged_wrong", id="ambiguous-truth-partly-covered"),
    pytest.param({"ambiguous": [7, 77]}, cell(value=77.0), "silently_wrong", id="ambiguous-truth-guessed"),
    pytest.param(5949.088667, cell(value=5949.0886670001), "correct", id="money-float"),
    pytest.param(21, None, "missing", id="missing"),
])
def test_judge_cell(truth, got, outcome):
    assert judge_cell(truth, got) == outcome


def test_score_report_counts_and_failures():
    truth = {"a": 1, "b": 2, "c": None, "d": {"ambiguous": [3, 4]}, "e": 5}
    cells = [cell("a", 1.0), cell("b", 3.0, raw="3"), cell("c", None, "blank", raw=""),
             cell("d", None, "ambiguous", (3, 4)), cell("x", 9.0)]
    score = score_report("f.txt", truth, cells)
    assert score.total == 5
    assert score.counts == {"correct": 2, "flagged_correct": 1, "flagged_wrong": 0,
                            "silently_wrong": 1, "missing": 1}
    assert score.accuracy == pytest.approx(3 / 5)
    assert score.silently_wrong == 1 and score.flagged == 1
    assert [(f.cell_id, f.outcome, f.truth, f.got) for f in score.failures] == [
        ("b", "silently_wrong", "2", "3 [ok]"), ("e", "missing", "5", "—")]


def test_combine_sums_reports():
    one = score_report("a", {"a": 1}, [cell("a", 1.0)])
    two = score_report("b", {"a": 1, "b": 2}, [cell("a", 2.0)])
    total = combine("overall", [one, two])
    assert total.total == 3 and total.counts["correct"] == 1
    assert total.silently_wrong == 1 and total.counts["missing"] == 1
    assert total.accuracy == pytest.approx(1 / 3)
