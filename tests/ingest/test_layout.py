"""ingest.layout: plain text into table rows, one builder per delimited layout, each field
with the character span it was read from.

Fixtures are a few lines of the seeds in each layout: 大宁县/芮城县 (tab), 力洋镇 (one cell per
tab-indented line), 安居区 (pipe-delimited, one cell per line)."""

from __future__ import annotations

import pytest

from ingest.document import Row
from ingest.layout import LAYOUTS, cell_line_rows, pipe_rows, tab_rows


def texts(rows: list[Row]) -> list[list[str]]:
    return [[f.text for f in r.fields] for r in rows]


def assert_spans_point_at_text(text: str, rows: list[Row]) -> None:
    """Every field's span holds the field's text (whitespace and wrapped lines aside)."""
    for row in rows:
        for f in row.fields:
            assert 0 <= f.start <= f.end <= len(text)
            assert "".join(text[f.start:f.end].split()) == "".join(f.text.split()), (f, text[f.start:f.end])


# --- tab ----------------------------------------------------------------------------------

DANING_ACTIVE = (
    "第二十条第（五）项\t\t\t\n"
    "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n"
    "行政许可\t298\t2\t1680\n"
    "\n"
    "政府集中采购\t62\t1.951 亿\t\n"
)


def test_tab_rows_one_row_per_line():
    """Blank lines are skipped; empty trailing cells are kept as empty fields."""
    rows = tab_rows(DANING_ACTIVE)
    assert texts(rows) == [
        ["第二十条第（五）项", "", "", ""],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "298", "2", "1680"],
        ["政府集中采购", "62", "1.951 亿", ""],
    ]
    assert_spans_point_at_text(DANING_ACTIVE, rows)


def test_tab_rows_spans_are_absolute():
    """Given a start offset (where table 二 begins), spans still index the whole text."""
    text = "一、总体情况\n正文。\n" + DANING_ACTIVE
    start = text.index("第二十条")
    rows = tab_rows(text, start)
    assert rows[2].fields[3].text == "1680"
    assert text[rows[2].fields[3].start:rows[2].fields[3].end] == "1680"
    assert texts(rows) == texts(tab_rows(DANING_ACTIVE))


def test_tab_rows_end_bound():
    """Text after ``end`` is not read, even mid-line."""
    end = DANING_ACTIVE.index("1680") + 2
    assert texts(tab_rows(DANING_ACTIVE, 0, end))[-1] == ["行政许可", "298", "2", "16"]


def test_tab_rows_ruicheng_split_label_stays_in_two_rows():
    """芮城县: '5. 属于三类' and, two lines on, '内部事务信息' are separate rows (the label
    matcher joins them, not the layout)."""
    text = "5. 属于三类\t\t0\t0\t0\t0\t0\t0\t0\t\n\n\t内部事务信息\t\t\t\t\t\t\t\n\t6.属于四类过程性信息\t0\t0\t0\t0\t0\t0\t0\n"
    rows = tab_rows(text)
    assert [r.fields[0].text or r.fields[1].text for r in rows] == ["5. 属于三类", "内部事务信息", "6.属于四类过程性信息"]
    assert_spans_point_at_text(text, rows)


def test_tab_rows_crlf_and_spaces_are_stripped_from_texts():
    text = "行政处罚\t 1701 \t-453\t530\r\n"
    assert texts(tab_rows(text)) == [["行政处罚", "1701", "-453", "530"]]


def test_tab_rows_page_footer_is_a_row_of_its_own():
    """A page number line between rows touches neither neighbour."""
    text = "行政处罚\t380\t-33\t94\n- 3 -\n行政强制\t38\t-4\t0\n"
    assert texts(tab_rows(text)) == [["行政处罚", "380", "-33", "94"], ["- 3 -"], ["行政强制", "38", "-4", "0"]]


@pytest.mark.parametrize("builder", [tab_rows, cell_line_rows, pipe_rows], ids=["tab", "cell_lines", "pipe"])
@pytest.mark.parametrize("text", [
    pytest.param("", id="empty"),
    pytest.param("\n\n\n", id="blank-lines"),
])
def test_no_rows_from_nothing(builder, text):
    assert builder(text) == []


@pytest.mark.parametrize("builder", [tab_rows, pipe_rows], ids=["tab", "pipe"])
def test_no_rows_from_whitespace_lines(builder):
    assert builder("  \n\t\n\u3000\n") == []


# --- cell_lines ---------------------------------------------------------------------------

LIYANG = (
    "\t信息内容\n\t本年新\n制作数量\n\t本年新\n公开数量\n\t对外公开总数量\n"
    "\n"
    "\t规章\n\t0\n\t0\n\t0\n"
    "\n"
    "\t其他对外管理服务事项\n\t60\n\t10\n\t6220\n"
)


def test_cell_lines_one_cell_per_line_rows_end_at_blank_lines():
    rows = cell_line_rows(LIYANG)
    assert texts(rows) == [
        ["信息内容", "本年新制作数量", "本年新公开数量", "对外公开总数量"],
        ["规章", "0", "0", "0"],
        ["其他对外管理服务事项", "60", "10", "6220"],
    ]
    assert_spans_point_at_text(LIYANG, rows)


def test_cell_lines_wrapped_header_joined_with_span_over_both_lines():
    """力洋镇 prints 本年新/制作数量 on two lines: one cell whose span covers both."""
    cell = cell_line_rows(LIYANG)[0].fields[1]
    assert cell.text == "本年新制作数量"
    assert LIYANG[cell.start:cell.end] == "本年新\n制作数量"


def test_cell_lines_values_with_stray_spaces():
    """力洋镇's '\\t0 ' and '\\t 0': texts stripped, spans from after the tab."""
    text = "\t一、本年新收政府信息公开申请数量\n\t4\n\t0 \n\t 0\n\t4\n"
    rows = cell_line_rows(text)
    assert texts(rows) == [["一、本年新收政府信息公开申请数量", "4", "0", "0", "4"]]
    zero = rows[0].fields[2]
    assert text[zero.start:zero.end] == "0 "


def test_cell_lines_first_line_without_tab_starts_a_cell():
    """A row whose first line lacks the tab (a heading) still starts a row."""
    note = "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）"
    text = f"三、收到和处理政府信息公开申请情况\n\t{note}\n"
    assert texts(cell_line_rows(text)) == [["三、收到和处理政府信息公开申请情况", note]]


def test_cell_lines_lone_tab_is_an_empty_cell():
    """力洋镇's table 三 header has '\\t' lines: blank header cells, kept in position."""
    text = "\t\n\t自然人\n\t法人或其他组织\n\t总计\n"
    assert texts(cell_line_rows(text)) == [["", "自然人", "法人或其他组织", "总计"]]


@pytest.mark.parametrize("blank", [pytest.param("  ", id="spaces"), pytest.param("\u3000", id="ideographic-space")])
def test_cell_lines_whitespace_only_line_ends_a_row(blank):
    text = f"\t规章\n\t0\n{blank}\n\t规范性文件\n\t6\n"
    assert texts(cell_line_rows(text)) == [["规章", "0"], ["规范性文件", "6"]]


def test_cell_lines_crlf_blank_line_ends_a_row():
    text = "\t规章\r\n\t0\r\n\r\n\t规范性文件\r\n\t0\r\n"
    assert texts(cell_line_rows(text)) == [["规章", "0"], ["规范性文件", "0"]]


# --- pipe ---------------------------------------------------------------------------------

ANJU = (
    "| 第二十条第(五)项 |\n"
    "|||\n"
    "| 信息内容 |\n上一年项目数量 |\n本年增/减 |\n处理决定数量 |\n"
    "| 行政许可 |\n260 |\n增2 |\n4682 |\n"
    "| 行政处罚 |\n4377 |\n减11 |\n614 |\n"
)


def test_pipe_rows_start_at_label_lines():
    """A row starts at '| label |'; each 'value |' line is a cell; '|||' is padding."""
    rows = pipe_rows(ANJU)
    assert texts(rows) == [
        ["第二十条第(五)项"],
        ["信息内容", "上一年项目数量", "本年增/减", "处理决定数量"],
        ["行政许可", "260", "增2", "4682"],
        ["行政处罚", "4377", "减11", "614"],
    ]
    assert_spans_point_at_text(ANJU, rows)
    label = rows[2].fields[0]
    assert ANJU[label.start:label.end] == "行政许可"


def test_pipe_rows_bare_pipe_after_a_value_is_padding():
    """安居区 table 二 (八): the printed-empty third cell is a lone '|' line, dropped."""
    text = "| 行政事业性收费 |\n40 |\n减30 |\n|\n| 第二十条第(九)项 |\n"
    assert texts(pipe_rows(text)) == [["行政事业性收费", "40", "减30"], ["第二十条第(九)项"]]


def test_pipe_rows_narrative_line_ends_the_open_row():
    """A heading or paragraph between tables closes the row and is not a cell."""
    text = "| 政府集中采购 |\n73 |\n三、收到和处理政府信息公开申请情况\n| 自然人 |\n"
    rows = pipe_rows(text)
    assert texts(rows) == [["政府集中采购", "73"], ["自然人"]]
    assert rows[1].fields[0].start == text.index("自然人")


def test_pipe_rows_page_footer_between_rows_is_dropped():
    text = "| 行政许可 |\n260 |\n— 5 —\n| 行政处罚 |\n4377 |\n"
    assert texts(pipe_rows(text)) == [["行政许可", "260"], ["行政处罚", "4377"]]


def test_pipe_rows_empty_cell_keeps_a_position():
    """'| |' inside a row is an empty cell (a printed blank), at its line's offset."""
    text = "| 行政复议 |\n| |\n"
    rows = pipe_rows(text)
    assert texts(rows) == [["行政复议"], [""]]
    assert (rows[1].fields[0].start, rows[1].fields[0].end) == (text.index("| |"), text.index("| |"))


def test_layouts_registry():
    """extract tries each layout by name; the names are the ones the docstring lists."""
    assert LAYOUTS == {"tab": tab_rows, "cell_lines": cell_line_rows, "pipe": pipe_rows}
