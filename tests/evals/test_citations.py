import pytest

from evals.metrics.citations import cell_citations, passage_citations
from tests.evals.fake_answers import cell_citation, passage_citation

HUAIAN = ("淮安市人民政府", 2024)
RATIO_CELLS = ["requests.granted.total", "requests.partial.total", "requests.result_total.total"]


def test_all_expected_cells_cited():
    cites = [cell_citation(i + 1, *HUAIAN, c, "1") for i, c in enumerate(RATIO_CELLS)]
    score = cell_citations(cites, [HUAIAN], RATIO_CELLS)
    assert (score.precision, score.recall, score.wrong, score.missing) == (1.0, 1.0, (), ())


def test_wrong_cell_cited_is_caught():
    cites = [cell_citation(1, *HUAIAN, "requests.granted.total", "1362"),
             cell_citation(2, *HUAIAN, "requests.new.total", "3119")]
    score = cell_citations(cites, [HUAIAN], RATIO_CELLS)
    assert score.precision == 0.5
    assert score.recall == pytest.approx(1 / 3)
    assert score.wrong == ("淮安市人民政府 2024 requests.new.total",)
    assert score.missing == ("淮安市人民政府 2024 requests.partial.total",
                             "淮安市人民政府 2024 requests.result_total.total")


def test_right_cell_of_wrong_report_is_caught():
    cites = [cell_citation(1, "淮安市洪泽区人民政府", 2024, "requests.new.total", "95")]
    score = cell_citations(cites, [HUAIAN], ["requests.new.total"])
    assert (score.precision, score.recall) == (0.0, 0.0)


def test_cells_across_reports_and_nothing_cited():
    reports = [("淮安市洪泽区人民政府", 2023), ("淮安市洪泽区人民政府", 2024)]
    one = cell_citations([cell_citation(1, "淮安市洪泽区人民政府", 2024, "requests.new.total", "95")],
                         reports, ["requests.new.total"])
    assert (one.precision, one.recall) == (1.0, 0.5)
    none = cell_citations([], reports, ["requests.new.total"])
    assert (none.precision, none.recall) == (None, 0.0)


def test_passage_citations_use_report_and_passage():
    passage = "目前全县政府系统共有政务新媒体10个"
    daning = ("大宁县人民政府", 2020)
    good = passage_citation(1, *daning, "……目前全县政府系统共有政务\n新媒体 10个，均正常运行。")
    other = passage_citation(2, "芮城县人民政府", 2020, "共有政务新媒体10个")
    score = passage_citations([good, other], [daning], passage)
    assert (score.precision, score.recall) == (0.5, 1.0)
    assert score.wrong == ("[2] 芮城县人民政府 2020",)


def test_passage_from_wrong_report_is_caught():
    other = passage_citation(1, "芮城县人民政府", 2020, "目前全县政府系统共有政务新媒体10个")
    score = passage_citations([other], [("大宁县人民政府", 2020)], "目前全县政府系统共有政务新媒体10个")
    assert (score.precision, score.recall) == (0.0, 0.0)
    assert score.missing == ("目前全县政府系统共有政务新媒体10个",)


def test_passage_found_in_full_chunk_text():
    short = passage_citation(1, "大宁县人民政府", 2020, "目前全县政府系统", chunk_id="abc")
    passage = "目前全县政府系统共有政务新媒体10个"
    assert passage_citations([short], [("大宁县人民政府", 2020)], passage).recall == 0.0
    full = {"abc": "二、……目前全县政府系统共有政务新媒体10个。"}
    assert passage_citations([short], [("大宁县人民政府", 2020)], passage, full).recall == 1.0
