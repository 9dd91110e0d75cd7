"""assistant.domain.narrative (rule R7): figures the narrative states for table cells,
with the clause they stand in and their offsets in the document.

The sentences are copied from the corpus: 力洋镇, 安居区 (seeds) and 平潭 (real) reports."""

from __future__ import annotations

import pytest

from assistant.domain.narrative import (
    LITIGATION_ROWS,
    LITIGATION_TOTAL,
    PATTERNS,
    Figure,
    by_cell,
    figures,
    parts_of,
    stated_cells,
)

NEW, CARRIED_IN = "requests.new.total", "requests.carried_in.total"
REVIEW = "review.review.total"
ISSUED, IN_FORCE, REPEALED = (f"active.normative_docs.{c}" for c in ("issued", "in_force", "repealed"))


def read(text: str) -> list[tuple[str, float]]:
    """(cell id, value) of every figure in the whole text, in the order found."""
    return [(f.cell_id, f.value) for f in figures(text, [(0, len(text))])]


@pytest.mark.parametrize("text, expected", [
    pytest.param("本年度接到群众主动要求公开政府信息的申请4条，上年转结1条，全部按规定进行答复。",
                 [(NEW, 4), (CARRIED_IN, 1)], id="liyang-jiedao-and-zhuanjie"),
    pytest.param("全年主动公开政府信息11960条,处理依申请公开8件,未因答复不当收到行政复议或行政诉讼,2020年度区政府被表彰。",
                 [(NEW, 8)], id="anju-chuli-yishenqing"),
    pytest.param("2020年全区各级行政机关共受理政府信息公开申请21件，受理的申请件已按规定答复。",
                 [(NEW, 21)], id="pingtan-shouli"),
    pytest.param("2022年，全区收到政府信息公开申请75件，涉及自然人72件、法人3件。", [(NEW, 75)], id="pingtan-shoudao"),
    pytest.param("本年度收到政府信息公开申请共 5 件；上年结转 2 件。", [(NEW, 5), (CARRIED_IN, 2)], id="gong-and-spaces"),
    pytest.param("本年度共收到申请0件", [(NEW, 0)], id="zero"),
    pytest.param("收到申请１２件", [(NEW, 12)], id="fullwidth-digits"),
    pytest.param("经清理，已宣布废止规范性文件5件，拟适时修改3件。", [(REPEALED, 5)], id="pingtan-repealed"),
    pytest.param("集中公开现行有效行政规范性文件698件，动态更新本年度制发的规范性文件88件。",
                 [(ISSUED, 88), (IN_FORCE, 698)], id="pingtan-in-force-and-issued"),
    pytest.param("2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件，", [(REVIEW, 2), (LITIGATION_TOTAL, 1)],
                 id="pingtan-review-and-litigation"),
    pytest.param("因政府信息公开引起的行政复议案件2件、行政诉讼案件7件。", [(REVIEW, 2), (LITIGATION_TOTAL, 7)], id="anjian"),
    pytest.param("行政复议1起，行政诉讼2起", [(REVIEW, 1), (LITIGATION_TOTAL, 2)], id="qi-as-unit"),
])
def test_figures_in_real_sentences(text, expected):
    """Each stated number for its cell, as a float; order is by pattern, then by position."""
    assert read(text) == expected


@pytest.mark.parametrize("text", [
    pytest.param("", id="empty"),
    pytest.param("全年未收到政府信息公开申请。", id="no-number"),
    pytest.param("全年主动公开政府信息11960条。", id="active-count-is-no-cell"),
    pytest.param("收到申请3.5件", id="decimal-not-a-count"),
    pytest.param("未因答复不当收到行政复议或行政诉讼,2020年度区政府被表彰。", id="year-after-comma-not-a-count"),
    pytest.param("收到申请，共计3件", id="comma-breaks-the-clause"),
    pytest.param("自然人72件、法人3件", id="requester-breakdown-is-no-figure"),
])
def test_no_figure(text):
    assert read(text) == []


def test_offsets_point_at_the_number_in_the_document():
    """start/end index the document (not the span), so a citation can quote the digits."""
    text = "一、总体情况\n2022年，全区收到政府信息公开申请75件，涉及自然人72件。\n五、存在的主要问题\n"
    span = (text.index("2022"), text.index("五、"))
    [f] = figures(text, [span])
    assert (f.cell_id, f.value) == (NEW, 75.0)
    assert text[f.start:f.end] == "75"


def test_sentence_is_the_clause_up_to_the_nearest_full_stop_or_semicolon():
    """The clause quoted runs from after the last 。/； before the number to the next one."""
    text = "全区政务公开水平持续提升。本年度收到政府信息公开申请共 5 件；上年结转 2 件。以上申请均已办结。"
    found = figures(text, [(0, len(text))])
    assert [f.sentence for f in found] == ["本年度收到政府信息公开申请共 5 件；", "上年结转 2 件。"]


def test_sentence_without_a_closing_mark_runs_to_the_span_end():
    [f] = figures("行政复议案件2件", [(0, 8)])
    assert f.sentence == "行政复议案件2件"


def test_only_the_given_spans_are_read():
    """Numbers in the tables (outside the narrative spans) are not figures; a match cut
    by a span boundary is not one either."""
    text = "收到申请3件。" + "一、本年新收政府信息公开申请数量\t3\t0\n" + "收到申请5件。"
    narrative = [(0, 7), (len(text) - 7, len(text))]
    assert [(f.cell_id, f.value) for f in figures(text, narrative)] == [(NEW, 3), (NEW, 5)]
    assert figures(text, []) == []
    assert figures("受理政府信息公开申请21件", [(0, 5), (5, 14)]) == []


def test_repeated_figure_is_found_each_time():
    text = "收到申请3件。收到申请3件。"
    assert [(f.start, f.end) for f in figures(text, [(0, len(text))])] == [(4, 5), (11, 12)]


def test_by_cell_groups_in_order():
    found = [Figure(NEW, 4, 0, 1, "a"), Figure(REVIEW, 2, 5, 6, "b"), Figure(NEW, 5, 9, 10, "c")]
    grouped = by_cell(found)
    assert list(grouped) == [NEW, REVIEW]
    assert [f.value for f in grouped[NEW]] == [4, 5]
    assert by_cell([]) == {}


def test_litigation_total_is_the_two_litigation_rows():
    """行政诉讼 in the text is both kinds together; it is no cell of its own."""
    assert LITIGATION_ROWS == ("review.litigation_direct.total", "review.litigation_after_review.total")
    assert LITIGATION_TOTAL not in LITIGATION_ROWS
    assert {cell for cell, _ in PATTERNS} == {NEW, CARRIED_IN, ISSUED, IN_FORCE, REPEALED, REVIEW, LITIGATION_TOTAL}
    assert all(p.groups == 1 for _, p in PATTERNS)


@pytest.mark.parametrize("text", [
    pytest.param("本年度收到行政复议申请2件，行政诉讼0件。", id="shoudao-fuyi-shenqing"),
    pytest.param("全年共收到政府信息公开行政复议申请1件。", id="shoudao-gongkai-fuyi-shenqing"),
])
def test_review_application_is_not_a_new_request(text):
    assert NEW not in {cell for cell, _ in read(text)}


# 淮安市 2024 (real/govnb__szfgs2024.pdf, section 一): each result stated after the count
HUAIAN_REVIEW = ("政府信息公开行政复议 351件，其中结果维持 72 件，结果纠正 64 件，其他结果 178 件，尚未审结 37 件；"
                 "政府信息公开行政诉讼 46 件，其中结果维持 25件，结果纠正 5 件，其他结果 9 件，尚未审结 7 件。")


def test_results_stated_after_a_review_and_a_litigation_count():
    assert read(HUAIAN_REVIEW) == [
        (REVIEW, 351), ("review.review.upheld", 72), ("review.review.corrected", 64), ("review.review.other", 178),
        ("review.review.pending", 37),
        (LITIGATION_TOTAL, 46), ("review.litigation.upheld", 25), ("review.litigation.corrected", 5),
        ("review.litigation.other", 9), ("review.litigation.pending", 7)]


def test_a_results_offset_points_at_its_digits():
    upheld = next(f for f in figures(HUAIAN_REVIEW, [(0, len(HUAIAN_REVIEW))]) if f.cell_id == "review.review.upheld")
    assert HUAIAN_REVIEW[upheld.start:upheld.end] == "72"


@pytest.mark.parametrize("text, expected", [
    # 平潭 2022: the counts alone, the next row's count is not a result of the first
    pytest.param("共有行政诉讼案件1件、行政复议案件2件，均已结案。", [(REVIEW, 2), (LITIGATION_TOTAL, 1)], id="no-results"),
    pytest.param("行政复议3件，结果维持2件；另有纠正1件。", [(REVIEW, 3), ("review.review.upheld", 2)],
                 id="results-end-with-the-clause"),
    pytest.param("行政复议2件、行政诉讼1件维持", [(REVIEW, 2), (LITIGATION_TOTAL, 1)], id="stops-at-the-next-row"),
])
def test_results_only_in_the_counts_clause(text, expected):
    assert read(text) == expected


def test_parts_of_a_stated_figure():
    assert parts_of(LITIGATION_TOTAL) == LITIGATION_ROWS
    assert parts_of("review.litigation.upheld") == ("review.litigation_direct.upheld",
                                                    "review.litigation_after_review.upheld")
    assert parts_of("review.review.upheld") == ("review.review.upheld",)
    assert {"review.review.pending", "review.litigation.other", REVIEW} <= stated_cells()

