"""Exports (ui.exports) opened with openpyxl and python-docx, every value compared with the
cells read from the library; the 问题清单 entries (ui.findings); the chart's flags."""

from __future__ import annotations

import io
import re
from html import unescape

import pytest
from docx import Document
from openpyxl import load_workbook

from assistant.domain.rules import finding_text
from assistant.domain.template import cell_label
from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file
from ui import exports
from ui.blocks import App
from ui.chart import chart_html
from ui.compare import STATUS_WORDS, metric_formula, metric_label, points
from ui.findings import finding_entries, findings_view_html

HONGZE = "淮安市洪泽区人民政府"
TOTAL = "review.review.total"
FIX = "结果维持10+结果纠正1，总计误印为0"


@pytest.fixture(scope="module")
def hongze(tmp_path_factory):
    """洪泽区 2023 alone, with 行政复议·总计 corrected 0 -> 11 and its R4 finding confirmed."""
    library = Library(Settings(data_dir=tmp_path_factory.mktemp("exports"), embedder="hash"))
    assert [r.status for r in ingest_paths(library, [corpus_file("real/kiro__hzq2023_working.pdf")])] == ["added"]
    report = library.reviewing.resolve("洪泽区", 2023)
    library.reviewing.correct(report, TOTAL, 11, "source_error", FIX, "张三")
    r4 = next(f for f in library.sql.findings(report.id) if TOTAL in f.cells)
    library.reviewing.review(report, r4, "confirmed", "原文误印", "李四")
    return library, report


def rows_of(ws) -> list[list]:
    return [list(r) for r in ws.iter_rows(values_only=True)]


def table_rows(table) -> list[list[str]]:
    return [[c.text for c in row.cells] for row in table.rows]


def library_cells(library, report_id: str) -> dict:
    return {c.cell_id: c for c in library.sql.cells(report_id)}


def test_comparison_xlsx_holds_every_report_and_cell_as_read(corpus_library):
    metric = "ratio:disclosure_rate"
    pts = points(corpus_library, metric)
    book = load_workbook(io.BytesIO(exports.comparison_xlsx(pts, metric_label(metric), metric_formula(metric))))
    assert book.sheetnames == ["对比", "所用单元格"]
    sheet = rows_of(book["对比"])
    assert sheet[0][:2] == ["指标", "比率·公开率（(予以公开+部分公开)/办理结果总计）"]
    assert sheet[1][0] == "公式" and "予以公开" in sheet[1][1] and "表三·办理结果总计·总计" in sheet[1][1]
    assert sheet[3] == exports.COMPARE_HEADER
    body = {(r[0], r[1]): r for r in sheet[4:]}
    assert len(body) == len(pts) == len({(r.issuer, r.year) for r in corpus_library.primary_reports()})
    assert body[("平潭综合实验区", 2020)][2] == pytest.approx(13 / 21 * 100) and body[("平潭综合实验区", 2020)][4] == "13 / 21"
    assert body[("芮城县人民政府", 2020)][2] is None and body[("芮城县人民政府", 2020)][6] == "分母为0"
    assert body[("淮安市洪泽区人民政府", 2023)][7].startswith("R4 不成立：行政复议·总计 0 ≠")
    # every cell used, compared with the library's cells of the primary report
    reports = {(r.issuer, r.year): r for r in corpus_library.primary_reports()}
    used = rows_of(book["所用单元格"])
    assert used[0] == exports.CELLS_HEADER and len(used) - 1 == 3 * len(pts)
    for issuer, year, label, cid, value, raw, status, source_file, page, fix in used[1:]:
        report = reports[(issuer, year)]
        cell = library_cells(corpus_library, report.id)[cid]
        assert (value, raw, page, source_file) == (cell.value, cell.raw, cell.page, report.source_file), (issuer, cid)
        assert (label, status) == (cell_label(cid), STATUS_WORDS[cell.status])
        assert fix is None


def test_comparison_exports_show_the_correction_and_its_finding(hongze):
    library, report = hongze
    pts = points(library, TOTAL)
    [p] = pts
    assert (p.value, p.status, p.raw) == (11, "已更正", "0")
    book = load_workbook(io.BytesIO(exports.comparison_xlsx(pts, metric_label(TOTAL), metric_formula(TOTAL))))
    row = rows_of(book["对比"])[4]
    assert row[:6] == [HONGZE, 2023, 11, "件", "0", "已更正"]
    assert row[7].startswith("R4 不成立：行政复议·总计 0 ≠ 行政复议·结果维持 10 + 行政复议·结果纠正 1")
    assert "审核：已确认为报告本身的错误（原文误印，李四，" in row[7]
    assert row[8].startswith(f"表四·行政复议·总计：原文 0，已更正为 11（原文有误（更正为正确数字）：{FIX}，张三，")
    assert (row[9], row[10]) == ("kiro__hzq2023_working.pdf", "4")
    cell = rows_of(book["所用单元格"])[1]
    assert cell[:8] == [HONGZE, 2023, "表四·行政复议·总计", TOTAL, 11, "0", "已更正", "kiro__hzq2023_working.pdf"]
    assert cell[8] == 4 and "张三" in cell[9]

    doc = Document(io.BytesIO(exports.comparison_docx(pts, metric_label(TOTAL), metric_formula(TOTAL))))
    assert doc.paragraphs[0].text == f"对比：{metric_label(TOTAL)}"
    assert "取自年报表格“表四·行政复议·总计”" in doc.paragraphs[1].text
    main, cells = (table_rows(t) for t in doc.tables)
    assert main[0] == exports.COMPARE_HEADER
    assert main[1][:6] == [HONGZE, "2023", "11", "件", "0", "已更正"] and "R4 不成立" in main[1][7]
    assert main[1][8].startswith("表四·行政复议·总计：原文 0，已更正为 11") and main[1][10] == "4"
    assert cells[1][:9] == [HONGZE, "2023", "表四·行政复议·总计", TOTAL, "11", "0", "已更正",
                            "kiro__hzq2023_working.pdf", "4"]


def test_findings_entries_and_exports_match_the_library(hongze):
    library, report = hongze
    read = library_cells(library, report.id)
    entries = finding_entries(library)
    assert [e.rule for e in entries] == ["R4", "R4"]
    first = entries[0]
    r4 = next(f for f in library.sql.findings(report.id) if TOTAL in f.cells)
    assert first.words == finding_text(r4, read)
    assert first.words.startswith("R4 不成立：行政复议·总计 0 ≠ 行政复议·结果维持 10 + 行政复议·结果纠正 1")
    assert first.review.startswith("已确认为报告本身的错误（原文误印，李四，") and entries[1].review == "未审核"

    book = load_workbook(io.BytesIO(exports.findings_xlsx(entries, "发布机关：淮安市洪泽区人民政府")))
    listed = rows_of(book["问题清单"])
    assert listed[1][:2] == ["筛选", "发布机关：淮安市洪泽区人民政府"] and listed[3] == exports.FINDINGS_HEADER
    assert listed[4] == [HONGZE, 2023, "R4", first.words, first.review, "kiro__hzq2023_working.pdf", None]
    cells = rows_of(book["涉及单元格"])
    assert cells[0] == exports.FINDING_CELLS_HEADER
    assert len(cells) - 1 == sum(len(f.cells) for f in library.sql.findings(report.id))
    for issuer, year, rule, where, label, cid, value, raw, status, source_file, page, fix in cells[1:]:
        cell = read[cid]
        assert (issuer, year, rule, where) == (HONGZE, 2023, "R4", "淮安市洪泽区人民政府 2023年")
        assert (value, raw, page, source_file) == (cell.value, cell.raw, cell.page, "kiro__hzq2023_working.pdf")
        assert (label, status) == (cell_label(cid), STATUS_WORDS[cell.status])
        assert (fix or "").startswith("原文 0，已更正为 11") == (cid == TOTAL)
    assert [r[6] for r in cells[1:6]] == [0, 10, 1, 0, 0]     # 行政复议: 总计, 维持, 纠正, 其他, 尚未审结

    doc = Document(io.BytesIO(exports.findings_docx(entries)))
    texts = [p.text for p in doc.paragraphs]
    assert "淮安市洪泽区人民政府 2023年 · R4" in texts and first.words in texts
    assert f"审核：{first.review}" in texts
    table = table_rows(doc.tables[0])
    assert table[0] == exports.FINDING_CELLS_HEADER[3:]
    assert table[1][:7] == ["淮安市洪泽区人民政府 2023年", "表四·行政复议·总计", TOTAL, "0", "0", "照录",
                            "kiro__hzq2023_working.pdf"]
    assert table[1][7] == "4" and table[1][8].startswith("原文 0，已更正为 11")


@pytest.mark.parametrize("filters, expected", [
    pytest.param({}, {("平潭综合实验区", 2020, "R3"), ("淮安市洪泽区人民政府", 2023, "R4")}, id="all"),
    pytest.param({"issuers": [HONGZE]}, {(HONGZE, 2023, "R4")}, id="issuer"),
    pytest.param({"years": ["2020"]}, {("平潭综合实验区", 2020, "R3")}, id="year"),
    pytest.param({"rules": ["R4"]}, {(HONGZE, 2023, "R4")}, id="rule"),
    pytest.param({"rules": ["R5"]}, set(), id="none"),
])
def test_the_findings_list_filters_by_issuer_year_and_rule(corpus_library, filters, expected):
    entries = finding_entries(corpus_library, **filters)
    assert {(e.issuer, e.year, e.rule) for e in entries} >= expected
    for key, chosen in filters.items():
        field = {"issuers": "issuer", "years": "year", "rules": "rule"}[key]
        assert all(str(getattr(e, field)) in chosen for e in entries)
    html = findings_view_html(entries)
    if not entries:
        assert "没有符合条件的勾稽问题" in html
    else:
        assert f"共 {len(entries)} 处勾稽关系不成立" in unescape(html)


def test_the_findings_view_shows_the_cells_review_and_correction(hongze):
    library, _ = hongze
    html = findings_view_html(finding_entries(library))
    shown = unescape(re.sub(r"<[^>]+>", "", html))
    assert "共 2 处勾稽关系不成立，涉及 1 份年报（R4 2 处）；已审核 1 处" in shown
    assert "表四·行政复议·总计：0，原文“0”，第4页，kiro__hzq2023_working.pdf" in shown
    assert "人工更正：原文 0，已更正为 11" in shown and "审核：已确认为报告本身的错误（原文误印，李四" in shown


def test_the_conversation_docx_holds_questions_answers_and_sources(hongze):
    library, report = hongze
    conversation = App(library).assistant.conversation()
    first = conversation.ask("淮安市洪泽区2023年行政复议结果维持多少件？")
    second = conversation.ask("芮城县存在哪些主要问题？")
    read = library_cells(library, report.id)
    data = exports.conversation_docx(conversation.turns, {report.id: read}, library.reviewing.in_force(), "now")
    texts = [p.text for p in Document(io.BytesIO(data)).paragraphs]
    assert "问题 1：淮安市洪泽区2023年行政复议结果维持多少件？" in texts
    assert first.understood and first.understood in texts and f"回答：{first.answer}" in texts
    assert "为10件[1]" in first.answer
    c = first.citations[0]
    source = next(t for t in texts if t.startswith("[1] 淮安市洪泽区人民政府 2023年"))
    assert source.splitlines()[0] == f"[1] {HONGZE} 2023年 · kiro__hzq2023_working.pdf · 第4页 · {c.section}"
    cell = read[c.cell_id]
    assert source.splitlines()[1] == f"单元格：表四·行政复议·结果维持（review.review.upheld）= {cell.display_value()}；原文“10”；照录"
    assert "问题 2：芮城县存在哪些主要问题？" in texts and f"回答：{second.answer}" in texts


def test_the_conversation_docx_says_a_correction_in_force(hongze):
    library, report = hongze
    conversation = App(library).assistant.conversation()
    answer = conversation.ask("洪泽区2023年行政复议总计多少件？")
    data = exports.conversation_docx(conversation.turns, {report.id: library_cells(library, report.id)},
                                     library.reviewing.in_force())
    texts = "\n".join(p.text for p in Document(io.BytesIO(data)).paragraphs)
    assert "11" in answer.answer and "单元格：表四·行政复议·总计（review.review.total）= 0；原文“0”" in texts
    assert f"人工更正：原文 0，已更正为 11（原文有误（更正为正确数字）：{FIX}，张三，" in texts


def test_text_is_never_a_formula_and_control_characters_are_dropped():
    from ui.compare import Point

    hostile = Point("=HYPERLINK(\"http://x\")", 2020, 1.0, "件", "1\x07", "照录", "1", "", "a.txt")
    book = load_workbook(io.BytesIO(exports.comparison_xlsx([hostile], "m", "f")))
    cell = book["对比"]["A5"]
    assert cell.value == "=HYPERLINK(\"http://x\")" and cell.data_type == "s"
    assert book["对比"]["E5"].value == "1"
    doc = Document(io.BytesIO(exports.comparison_docx([hostile], "m", "f")))
    assert table_rows(doc.tables[0])[1][0] == "=HYPERLINK(\"http://x\")"


def test_exports_are_written_under_the_data_dir_once_per_content(tmp_path):
    first = exports.write_export(tmp_path, "compare-ratio:disclosure_rate", "xlsx", b"one", key="k")
    again = exports.write_export(tmp_path, "compare-ratio:disclosure_rate", "xlsx", b"two", key="k")
    other = exports.write_export(tmp_path, "compare-ratio:disclosure_rate", "xlsx", b"two", key="k2")
    assert first == again and first.parent == tmp_path / "exports" and first.read_bytes() == b"one"
    assert other != first and first.name.startswith("compare-ratio-disclosure_rate-")
    assert [p.name for p in (tmp_path / "exports").iterdir() if p.name.startswith(".")] == []


def test_the_app_handlers_hand_out_files_in_the_exports_folder(hongze):
    library, _ = hongze
    app = App(library)
    _, _, csv_file, xlsx_file, docx_file = app.compare(TOTAL, [], [], "柱状图")
    for update in (csv_file, xlsx_file, docx_file):
        assert update["visible"] is True and update["value"].startswith(str(library.settings.data_dir / "exports"))
    assert load_workbook(xlsx_file["value"])["对比"]["C5"].value == 11
    html, f_xlsx, f_docx = app.findings([HONGZE], ["2023"], ["R4"])
    assert "共 2 处" in unescape(html) and f_xlsx["value"].endswith(".xlsx") and f_docx["value"].endswith(".docx")
    assert load_workbook(f_xlsx["value"])["问题清单"]["A2"].value == "筛选"
    assert app.export_chat(None)["visible"] is False


def test_the_chart_flags_values_from_reports_with_a_broken_rule_or_an_ambiguous_cell(corpus_library):
    rate = points(corpus_library, "ratio:disclosure_rate")
    html = chart_html(rate, "bar", "公开率")
    flagged = [p for p in rate if p.flag()]
    assert {(p.issuer, p.year) for p in flagged} >= {("平潭综合实验区", 2020), (HONGZE, 2023)}
    assert html.count('class="nb-chart-flag"') == len(flagged)
    notes = unescape(re.sub(r"<[^>]+>", " ", html.split('<div class="nb-chart-notes">')[1]))
    assert "⚠1 平潭综合实验区 2020年 ：该年报勾稽关系不成立 2 处（R3），其中 1 处涉及本指标所用的格" in notes
    assert "淮安市洪泽区 2023年 ：该年报勾稽关系不成立 2 处（R4）（不涉及本指标所用的格）" in notes
    ambiguous = points(corpus_library, "active.licensing.decisions", ["平潭综合实验区"], ["2020"])
    assert ambiguous[0].value is None and ambiguous[0].flag().startswith("原文无法确定：表二·行政许可·处理决定数量")
    assert 'class="nb-chart-flag"' in chart_html(ambiguous, "line", "t")
    clean = points(corpus_library, "requests.new.total", ["大宁县人民政府"])
    assert clean and "nb-chart-flag" not in chart_html(clean, "bar", "t") and not clean[0].flag()
