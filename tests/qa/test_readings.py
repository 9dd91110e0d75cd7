"""Readings added after the first blind set: several values at once, 近N年, changes against
the year before, scored rows, English places, vague places, sentences across line breaks."""

import pytest

from assistant.domain.records import Chunk
from assistant.qa.interpretation import Operation
from assistant.qa.interpretation import Route as R
from assistant.qa.passages import section_sentences, sentences, states_count
from assistant.qa.routing import interpret
from tests.qa.support import CATALOGUE, DANING, HONGZE, LEXICON, PINGTAN, RUICHENG


def read(*turns):
    previous = None
    for q in turns:
        previous = interpret(q, LEXICON, CATALOGUE, previous)
    return previous


@pytest.mark.parametrize("question, route, years, metric, columns", [
    pytest.param("平潭近三年新收申请分别是多少？", R.AGGREGATE, (2022, 2023, 2024), "requests.new", (),
                 id="recent-three-years"),
    pytest.param("洪泽区近两年行政复议一共多少件？", R.AGGREGATE, (2023, 2024), "review.review", (), id="recent-two"),
    pytest.param("芮城县2020年行政处罚事项比上年少了多少？", R.CELL, (2020,), "active.penalty", ("change",),
                 id="2019-change-column"),
    pytest.param("大宁县2020年行政许可事项比上一年增加了几项？", R.CELL, (2020,), "active.licensing", ("change",),
                 id="2019-change-increase"),
    pytest.param("平潭2024年行政许可处理决定比上年多了多少？", R.COMPARISON, (2023, 2024), "active.licensing", (),
                 id="2021-against-the-year-before"),
    pytest.param("洪泽区2024年新收申请的增长率是多少？", R.COMPARISON, (2023, 2024), "requests.new", (),
                 id="growth-rate-one-year"),
    pytest.param("洪泽区2023年没有现成信息需另行制作的有多少件？", R.CELL, (2023,),
                 "requests.unavailable.needs_creation", (), id="scored-row"),
    pytest.param("淮安市2024年行政复议被纠正的有几件？", R.CELL, (2024,), "review.review", ("corrected",),
                 id="corrected-paraphrase"),
])
def test_reading(question, route, years, metric, columns):
    i = read(question)
    assert (i.route, tuple(sorted(i.years)), i.metric.id) == (route, years, metric)
    if columns:
        assert i.columns == columns


def test_two_values_in_one_question_are_each_read():
    i = read("平潭２０２１年本年度共收到多少件申请、办结多少件？")
    assert i.operation == Operation.EACH and i.issuers == (PINGTAN,) and i.years == (2021,)
    assert [m.id for m in (i.metric,) + i.also] == ["requests.new", "requests.result_total"]


@pytest.mark.parametrize("question, choices", [
    pytest.param("2023年区里一共收到多少份信息公开申请？", ("平潭综合实验区", "洪泽区"), id="district-in-2023"),
    pytest.param("2020年县政府那份报告里行政许可处理决定是多少？", ("大宁县", "芮城县"), id="county-government"),
    pytest.param("大同县2020年行政许可处理决定是多少？", ("大宁县",), id="one-char-off-not-same-sound"),
])
def test_vague_or_misspelt_places_are_asked_back(question, choices):
    i = read(question)
    assert i.route == R.CLARIFY and set(choices) <= set(i.clarification.choices)


def test_a_homophone_typo_is_read_as_meant_and_said():
    i = read("芮成县2020年行政处罚的处理决定数量是多少？")
    assert i.issuers == (RUICHENG,) and i.route == R.CELL and i.confidence < 1
    assert "芮成县" in i.alternatives[0] and "芮城县" in i.alternatives[0]


def test_an_english_place_not_in_the_library_is_named_unknown():
    i = read("What was Shanghai Pudong New Area's number of disclosure requests in 2023?")
    assert i.language == "en" and i.unknown == ("Shanghai Pudong New Area",) and not i.issuers


def test_issuer_replaced_in_a_follow_up_keeps_the_year():
    i = read("大宁县2020年收到多少申请？", "那芮城县呢？")
    assert (i.issuers, i.years) == ((RUICHENG,), (2020,))
    assert DANING not in i.issuers and HONGZE not in i.issuers


@pytest.mark.parametrize("text, expected", [
    pytest.param("2023 年，洪泽区政府信息公开工作取得一定的成效，但对照\n上级要求，仍存在一定差距。",
                 ["2023 年，洪泽区政府信息公开工作取得一定的成效，但对照上级要求，仍存在一定差距。"], id="mid-sentence"),
    pytest.param("五、存在的主要问题及改进情况\n对照上级新要求，还有一些需要加强和改进的地方。",
                 ["对照上级新要求，还有一些需要加强和改进的地方。"], id="heading-kept-apart"),
    pytest.param("下一步将抓好以下工作：一\n是扎实推进依申请公开工作。",
                 ["下一步将抓好以下工作：一是扎实推进依申请公开工作。"], id="enumerator-broken-mid-word"),
    pytest.param("如对本报告有疑问，请与区政府办公室联系（电话：0517-87222589，电子邮箱：\nhzzwgk@126.com）。",
                 ["如对本报告有疑问，请与区政府办公室联系（电话：0517-87222589，电子邮箱：hzzwgk@126.com）。"],
                 id="mail-after-a-colon-on-the-next-line"),
])
def test_sentences_are_whole_across_line_breaks(text, expected):
    assert sentences(text) == expected


@pytest.mark.parametrize("sentence, unit, noun, expected", [
    pytest.param("对全区现存的33个政务新媒体加强监管。", "个", "政务", True, id="count-with-noun"),
    pytest.param("人员跟班学习制度，不断提高工作人员的业务水平。", "个", "人", False, id="no-number"),
    pytest.param("办结依申请公开81件。", "天", "", False, id="other-unit"),
    pytest.param("全年发布政策文件解读96篇。", "篇", "", True, id="articles"),
    pytest.param("全年收取政府信息公开信息处理费3940元。", "元", "", True, id="money-yuan"),
    pytest.param("投入专项资金12.5万元用于网站改版。", "元", "", True, id="money-wanyuan"),
    pytest.param("2023年，未收取信息处理费。", "元", "", True, id="money-none-collected"),
    pytest.param("今后政府网站的工作重点是打造全面的政务公开平台。", "元", "", False, id="money-not-stated"),
    pytest.param("办结依申请公开81件。", "元", "", False, id="money-count-is-not-money"),
    pytest.param("政府网站全年访问量达125.6万次。", "数", "访问", True, id="quantity-beside-its-noun"),
    pytest.param("实现了市县两级政府门户网站统一运维管理。", "数", "访问", False, id="quantity-not-stated"),
])
def test_a_count_question_needs_a_sentence_that_gives_the_count(sentence, unit, noun, expected):
    assert states_count(sentence, unit, noun) is expected


def test_an_enumerated_item_is_kept_in_a_section_answer():
    """'二是加强政务公开队伍建设。' is the item itself, not a bare heading to skip."""
    text = "改进措施：一是继续完善政务公开制度机制。二是加强政务公开队伍建设。（三）依申请公开\n要求各部门配齐专职人员。"
    chunk = Chunk("c1", "r1", "problems", "passage", text, 1, 0, len(text))
    got = [s.sentence for s in section_sentences([chunk], question="提出了哪些改进措施？")]
    assert "二是加强政务公开队伍建设。" in got
    assert not any(s.startswith("（三）依申请公开") and len(s) < 12 for s in got)


@pytest.mark.parametrize("turns, metric, columns", [
    pytest.param(("淮安市人民政府2024年的其他处理分了三项", "第三项“其他”是多少件？"), "requests.other.other", (),
                 id="third-item-of-other"),
    pytest.param(("淮安市2024年不予公开一共几件？", "第二项呢？"), "requests.withheld.law_prohibited", (),
                 id="second-item-of-withheld"),
])
def test_the_nth_item_of_a_group(turns, metric, columns):
    i = read(*turns)
    assert i.metric.id == metric and "other_org" not in i.columns


def test_a_sum_of_listed_reports_is_a_sum_even_when_the_user_says_dui_bi():
    i = read("我在做县域对比：2020年库里这六份年报（大宁、力洋镇、芮城、安居、彭阳机关事务服务中心、平潭）本年新收的申请一共多少件？")
    assert i.route == R.AGGREGATE and i.aggregation == "sum" and len(i.issuers) == 6


def test_days_and_head_counts_are_for_the_text():
    assert read("洪泽区2024年依申请公开平均几个工作日办结？").route == R.NARRATIVE


def test_a_share_of_the_rows_summed_the_turn_before():
    i = read("平潭2024年的办理结果总计是多少？", "那予以公开和部分公开加起来呢？", "这两项占总计的百分比是多少？")
    assert i.route == R.RATIO and [m.id for m in i.numerator] == ["requests.granted", "requests.partial"]


def test_an_asides_clause_that_holds_the_content_is_kept():
    from assistant.qa.passages import content_tokens

    tokens = content_tokens("我们洪泽今年（2024）在政府网站平台上主动发布的政府信息，年报里写的是多少条？",
                            ["淮安市洪泽区人民政府"])
    assert {"网站", "平台", "主动", "发布"} <= set(tokens)
    # an aside beside a question with content of its own is still left out
    assert "亲戚" not in content_tokens("我家亲戚在大宁县上班，大宁县2020年存在什么问题？", ["大宁县人民政府"])
