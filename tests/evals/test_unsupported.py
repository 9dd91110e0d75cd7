import pytest

from evals.metrics.unsupported import claimed_numbers, unsupported_numbers
from tests.evals.fake_answers import answer, cell_citation, passage_citation

HUAIAN = "淮安市人民政府"


def test_claimed_numbers_skip_years_markers_and_enumerators():
    text = "淮安市2024年（2020—2024年间）共3119件[1][12]，截至2021-01-27。\n1. 第一点\n（2）第二点 447,228件"
    assert claimed_numbers(text) == ["3119", "447228"]


def test_numbers_from_citations_are_supported():
    a = answer("淮安市2024年新收申请3119件[1]，行政许可447,228件[2]。", 3119.0, "件",
               [cell_citation(1, HUAIAN, 2024, "requests.new.total", "3119"),
                cell_citation(2, HUAIAN, 2024, "active.licensing.decisions", "447228")])
    assert unsupported_numbers(a, ["淮安市2024年收到多少申请？"]) == []


def test_invented_number_is_caught():
    a = answer("淮安市2024年新收申请3119件[1]，比上年多200件。", 3119.0, "件",
               [cell_citation(1, HUAIAN, 2024, "requests.new.total", "3119")])
    assert unsupported_numbers(a, ["淮安市2024年收到多少申请？"]) == ["200"]


def test_question_numbers_are_not_claims():
    a = answer("前3名中，芮城县最多。", None, None, [])
    assert unsupported_numbers(a, ["2020年前3名是谁？"]) == []
    assert unsupported_numbers(a, ["2020年谁最多？"]) == ["3"]


def test_question_numbers_count_as_read_too():
    a = answer("新收申请超过50件。", None, None, [])
    assert unsupported_numbers(a, ["有几份报告的新收申请超过五十件？"]) == []
    assert unsupported_numbers(a, ["有几份报告的新收申请超过四十件？"]) == ["50"]


def test_computed_value_and_its_rounding_are_supported():
    cites = [cell_citation(1, HUAIAN, 2024, "requests.granted.total", "1362"),
             cell_citation(2, HUAIAN, 2024, "requests.partial.total", "454"),
             cell_citation(3, HUAIAN, 2024, "requests.result_total.total", "3050")]
    a = answer("公开率为59.54%（(1362+454)/3050）[1][2][3]。", 0.595409836, None, cites,
               formula="(1362 + 454) / 3050")
    assert unsupported_numbers(a) == []
    invented = answer("公开率为61.2%[1][2][3]。", 0.595409836, None, cites)
    assert unsupported_numbers(invented) == ["61.2"]


def test_value_without_cited_cells_is_not_a_source():
    a = answer("共有95个。", 95.0, "个", [])
    assert unsupported_numbers(a) == ["95"]


def test_money_in_another_unit_is_supported():
    a = answer("集中采购金额1.951亿元，即19510万元[1]。", 19510.0, "万元",
               [cell_citation(1, "大宁县人民政府", 2020, "active.procurement.amount", "1.951 亿")])
    assert unsupported_numbers(a) == []


@pytest.mark.parametrize("text, found", [
    pytest.param("电话：0517-83605210[1]", [], id="phone-in-passage"),
    pytest.param("电话：0517-83605211[1]", ["83605211"], id="wrong-phone"),
])
def test_passage_numbers(text, found):
    a = answer(text, citations=[passage_citation(1, HUAIAN, 2024, "联系电话：0517-83605210")], route="narrative")
    assert unsupported_numbers(a) == found


def test_full_chunk_text_supports_numbers():
    a = answer("政务新媒体共计95个[1]", citations=[passage_citation(1, HUAIAN, 2024, "截至目前")],
               route="narrative")
    assert unsupported_numbers(a) == ["95"]
    assert unsupported_numbers(a, extra_texts=["截至目前，全市在运维政务新媒体共计 95 个"]) == []


def test_formula_intermediates_are_supported_only_with_cited_cells():
    cites = [cell_citation(1, HUAIAN, 2024, "requests.granted.total", "1362"),
             cell_citation(2, HUAIAN, 2024, "requests.partial.total", "454"),
             cell_citation(3, HUAIAN, 2024, "requests.result_total.total", "3050")]
    text = "公开率为59.54%（分子 1362[1] + 454[2] = 1816，分母 3050[3]）。"
    formula = "公开率 = 1816 / 3050 × 100% = 59.54%"
    assert unsupported_numbers(answer(text, 59.541, "%", cites, formula=formula)) == []
    assert unsupported_numbers(answer(text, 59.541, "%", cites)) == ["1816"]
    assert unsupported_numbers(answer(text, 59.541, "%", [], formula=formula)) == ["59.54", "1362", "454", "1816", "3050"]


@pytest.mark.parametrize("text, claims", [
    pytest.param("可查询：平潭综合实验区（2020、2021、2022）", [], id="year-list"),
    pytest.param("行政许可2024件", ["2024"], id="counted"),
    pytest.param("总计：2024", ["2024"], id="value"),
    pytest.param("2020—2024年", [], id="range"),
])
def test_years_versus_counts(text, claims):
    assert claimed_numbers(text) == claims


@pytest.mark.parametrize("text, claims", [
    pytest.param("已有该单位的：2023年、2024年", [], id="year-after-colon"),
    pytest.param("2021版年报模板", [], id="template-version"),
    pytest.param("符合勾稽关系（R1–R4均未发现问题）", [], id="rule-ids"),
])
def test_more_non_claims(text, claims):
    assert claimed_numbers(text) == claims


def test_count_of_cited_reports_is_supported():
    cites = [cell_citation(1, "淮安市洪泽区人民政府", 2023, "requests.new.total", "21"),
             cell_citation(2, "淮安市洪泽区人民政府", 2024, "requests.new.total", "95")]
    a = answer("2份报告合计116件。2023年：21件[1] 2024年：95件[2]", 116.0, "件", cites)
    assert unsupported_numbers(a) == []
    assert unsupported_numbers(answer("4份报告合计116件。", 116.0, "件", cites)) == ["4"]
