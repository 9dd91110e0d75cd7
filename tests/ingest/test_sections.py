"""ingest.sections: the six headings found in printed order, the web-page header skipped,
and a section cut into overlapping chunks at sentence ends.

The headings and lines are as real reports print them (大宁县, 芮城县 seeds; the 平潭 web
pages with their metadata header and run-together table text; the 洪泽区 PDF text)."""

from __future__ import annotations

import re

import pytest

from assistant.domain.text import normalise_chars
from ingest.sections import SECTION_TITLES, TABLE_SECTIONS, Section, body_start, chunk_spans, find_sections

SIX = ["overview", "active", "requests", "review", "problems", "other_matters"]

# 大宁县 2020, a few lines of each section (tab-separated table rows as in the seed).
DANING = (
    "\n\n大宁县人民政府\n\n2020 年政府信息公开工作年报\n\n"
    "一、总体情况\n\n今年以来，大宁县深入贯彻落实国家、省、市关于政府信息公开工作的决策部署。\n\n"
    "二、主动公开政府信息情况\n\n第二十条第（一）项\t\t\t\n信息内容\t本年新制作数量\t本年新公开数量\t对外公开总数量\n规章\t0\t0\t0\n\n"
    "三、收到和处理政府信息公开申请情况\n\n一、本年新收政府信息公开申请数量\t0\t0\t0\t0\t0\t0\t0\n\n"
    "三、 本年度 办理结 果\t(一) 予以公开\t0\t0\t0\t0\t0\t0\t0\t\n"
    "四、结转下年度继续办理\t0\t0\t0\t0\t0\t0\t0\n\n"
    "四、政府信息公开行政复议、行政诉讼情况\n\n行政复议\t\t\t\t\t行政诉讼\t\t\t\t\t\t\t\t\t\n\n"
    "五、存在的主要问题及改进情况\n\n2020年，我县政府信息公开虽取得一些成绩，但和政府信息公开工作的新要求还有一定差距。\n\n"
    "六、其他需要报告的事项\n\n无。\n"
)
# 平潭 2023 web page: metadata header, then the body on one line with the table cells run together.
PINGTAN_HEADER = (
    "标题: 平潭综合实验区2023年度政府信息公开工作年度报告\n发布时间: 2024-03-08 15:34\n文号: \n"
    "发布机构: 平潭综合实验区管委会办公室\n栏目: 政府信息公开年报\n"
    "==================== 正文 ====================\n"
)
PINGTAN_BODY = (
    "本报告根据《中华人民共和国政府信息公开条例》编制而成。 一、总体情况 2023年，平潭综合实验区坚持以习近平新时代"
    "中国特色社会主义思想为指导。二、主动公开政府信息情况第二十条第（一）项信息内容本年制发件数"
    "三、收到和处理政府信息公开申请情况（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    "一、本年新收政府信息公开申请数量801000081二、上年结转政府信息公开申请数量3000003"
    "三、本年度办理结果（一）予以公开220000022四、结转下年度继续办理0000000"
    "四、政府信息公开行政复议、行政诉讼情况行政复议行政诉讼"
    "五、存在的主要问题及改进情况存在的问题主要有以下几个方面：一是部分单位重视程度不够。"
    "六、其他需要报告的事项2023年，无收取信息处理费情况。"
)


def ids(sections: list[Section]) -> list[str]:
    return [s.id for s in sections]


def test_sections_of_a_whole_report():
    """Preamble (the title) first, then the six sections, each starting at its heading."""
    sections = find_sections(DANING)
    assert ids(sections) == ["preamble"] + SIX
    for s in sections[1:]:
        assert DANING[s.start:].startswith(SECTION_TITLES[s.id][:2]), s
    assert DANING[sections[0].start:sections[0].end].strip() == "大宁县人民政府\n\n2020 年政府信息公开工作年报"


def test_sections_tile_the_text():
    """No gaps, no overlaps: each section ends where the next begins, the last at the end."""
    sections = find_sections(DANING)
    assert sections[0].start == 0 and sections[-1].end == len(DANING)
    assert all(a.end == b.start for a, b in zip(sections, sections[1:]))


def test_numbered_rows_inside_table_three_are_not_headings():
    """一、本年新收… and 三、本年度办理结果 in table 三, and 四、结转下年度继续办理 just before
    table 四, do not start sections: 四 starts at the review heading itself."""
    review = next(s for s in find_sections(DANING) if s.id == "review")
    assert DANING[review.start:].startswith("四、政府信息公开行政复议、行政诉讼情况")


def test_web_page_header_is_skipped():
    """body_start is just past the '==== 正文 ====' rule; the header's title is no preamble."""
    text = PINGTAN_HEADER + PINGTAN_BODY
    start = body_start(text)
    assert start == len(PINGTAN_HEADER)
    sections = find_sections(text, start)
    assert sections[0] == Section("preamble", start, text.index(" 一、总体情况") + 1)
    assert ids(sections) == ["preamble"] + SIX


def test_run_together_table_text_keeps_review_at_its_heading():
    """平潭: '…继续办理0000000四、政府信息公开行政复议': the digits keep the first 四、 out."""
    review = next(s for s in find_sections(PINGTAN_BODY) if s.id == "review")
    assert PINGTAN_BODY[review.start:].startswith("四、政府信息公开行政复议")


@pytest.mark.parametrize("text, start", [
    pytest.param("没有正文分隔线的文本", 0, id="no-marker"),
    pytest.param("", 0, id="empty"),
    pytest.param("标题: x\n==== 正文", len("标题: x\n==== 正文"), id="marker-on-the-last-line"),
])
def test_body_start_edges(text, start):
    assert body_start(text) == start


@pytest.mark.parametrize("text, expected", [
    pytest.param("", [], id="empty"),
    pytest.param("这不是年报，没有标题。", [Section("preamble", 0, 11)], id="no-heading-all-preamble"),
    pytest.param("一、总体情况\n内容", [Section("overview", 0, 9)], id="heading-first-no-preamble"),
])
def test_find_sections_edges(text, expected):
    assert find_sections(text) == expected


@pytest.mark.parametrize("heading, sid", [
    pytest.param("一、总体情况", "overview", id="overview"),
    pytest.param("一. 总体情况", "overview", id="overview-dot-space"),
    pytest.param("一．总体情况", "overview", id="overview-fullwidth-dot"),
    pytest.param("一、\u3000总体情况", "overview", id="overview-ideographic-space"),
    pytest.param("一、总\n体情况", "overview", id="overview-split-over-lines"),
    pytest.param("二、主动\n公开政府信息情况", "active", id="active-split-over-lines"),
    pytest.param("三、收到和\n处理政府信息公开申请情况", "requests", id="requests-split-over-lines"),
    pytest.param("四、政府信息公开行政复议、\n行政诉讼情况", "review", id="review-split-after-fuyi"),
    pytest.param("四、政府信息公开行政复议行政诉讼情况", "review", id="review-no-comma"),
    pytest.param("四、行政复议、行政诉讼情况", "review", id="review-short"),
    pytest.param("四、因政府信息公开申请行政复议、提起行政诉讼情况", "review", id="review-long-variant"),
    pytest.param("五、存在的主要问题及改进情况", "problems", id="problems"),
    pytest.param("五、存在主要问题及改进情况", "problems", id="problems-without-de"),
    pytest.param("五．存在的主要问题和改进情况", "problems", id="problems-fullwidth-dot"),
    pytest.param("五、政府信息公开工作存在的主要问题及改进情况", "problems", id="problems-with-prefix"),
    pytest.param("五、存在的主要\n问题及改进情况", "problems", id="problems-split-inside-words"),
    pytest.param("六、其他需要报告的事项", "other_matters", id="other-matters"),
    pytest.param("四、政府信息公开\n行政复议、行政诉讼情况", "review", id="review-split-before-fuyi"),
    pytest.param("五、\n存在的主要问题及改进情况", "problems", id="problems-split-after-enumerator"),
])
def test_heading_variants(heading, sid):
    """Each heading as printed in some report, with a line of text after it."""
    assert ids(find_sections(f"{heading}\n正文。\n")) == [sid]


def test_kangxi_heading_is_found_after_normalising_the_text():
    """PDF text may print 一 as the Kangxi radical ⼀; loaders fold it (same length), so the
    heading is found at the same offset in the normalised text."""
    raw = "前言\n⼀、总体情况\n正文。"
    assert ids(find_sections(raw)) == ["preamble"]
    assert find_sections(normalise_chars(raw)) == [Section("preamble", 0, 3), Section("overview", 3, len(raw))]


def test_headings_only_in_printed_order():
    """A heading printed out of order is skipped, not taken for an earlier one."""
    text = "一、总体情况\n甲。\n三、收到和处理政府信息公开申请情况\n乙。\n二、主动公开政府信息情况\n丙。\n"
    assert ids(find_sections(text)) == ["overview", "active"]


def test_missing_heading_is_skipped():
    """A report without section 六 (or any one) still gets the others, in order."""
    text = DANING[:DANING.index("六、其他需要报告的事项")]
    assert ids(find_sections(text)) == ["preamble"] + SIX[:-1]


def test_table_sections_are_the_three_tables():
    assert TABLE_SECTIONS == ("active", "requests", "review")
    assert set(SECTION_TITLES) >= set(SIX)


# --- chunk_spans ----------------------------------------------------------------------------

SENTENCES = "".join(f"第{i:02d}项工作已经按期完成。" for i in range(40))   # 40 sentences of 13 characters


def test_chunks_cut_at_sentence_ends_and_overlap():
    """Spans of at most ``size`` characters; each but the last ends a sentence; the next
    starts at a sentence boundary inside the overlap."""
    spans = chunk_spans(SENTENCES, 0, len(SENTENCES), size=100, overlap=30)
    assert spans[0] == (0, 91) and spans[1] == (65, 156) and spans[-1][1] == len(SENTENCES)
    assert all(e - s <= 100 for s, e in spans)
    assert all(SENTENCES[e - 1] == "。" for _, e in spans)
    assert all(SENTENCES[s - 1] == "。" for s, _ in spans[1:])
    assert all(b[0] < a[1] for a, b in zip(spans, spans[1:]))   # consecutive spans overlap


def test_chunks_cover_every_character():
    spans = chunk_spans(SENTENCES, 0, len(SENTENCES), size=100, overlap=30)
    covered = set()
    for s, e in spans:
        covered.update(range(s, e))
    assert covered == set(range(len(SENTENCES)))


def test_text_without_sentence_ends_is_cut_hard():
    """No 。 to cut at: pieces of exactly ``size``, each overlapping the last by ``overlap``."""
    text = "政府信息公开" * 20
    assert chunk_spans(text, 0, 120, size=30, overlap=10) == [(0, 30), (20, 50), (40, 70), (60, 90), (80, 110), (100, 120)]


@pytest.mark.parametrize("text, start, end, expected", [
    pytest.param("", 0, 0, [], id="empty"),
    pytest.param(" \t\n\u3000 ", 0, 5, [], id="whitespace-only"),
    pytest.param("\n\n无。\n\n", 0, 6, [(2, 4)], id="short-section-trimmed"),
    pytest.param("甲。乙丙。丁", 2, 5, [(2, 5)], id="inside-a-larger-text"),
])
def test_chunk_edges(text, start, end, expected):
    assert chunk_spans(text, start, end) == expected


def test_chunks_stay_inside_their_section():
    """Chunking section 五 of the report never reaches into 六 or back into 四."""
    problems = next(s for s in find_sections(DANING) if s.id == "problems")
    spans = chunk_spans(DANING, problems.start, problems.end, size=20, overlap=5)
    assert spans and all(problems.start <= s < e <= problems.end for s, e in spans)
    assert DANING[spans[0][0]:].startswith("五、存在的主要问题")
    assert not any("六、" in DANING[s:e] for s, e in spans)
    assert all(not re.match(r"\s", DANING[s]) and not re.match(r"\s", DANING[e - 1]) for s, e in spans)
