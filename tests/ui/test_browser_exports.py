"""Exports and the 问题清单 view in a real browser (same chromium and fixtures as
test_browser.py, from conftest.py): a download button hands out a file that openpyxl opens, with the values
read from the library. With NIANBAO_SCREENSHOTS set it saves findings.png."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.ui.browser import new_page, shoot

pytestmark = [pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"), pytest.mark.slow]


@pytest.fixture()
def page(browser, editable_server):
    url, library = editable_server
    report = library.reviewing.resolve("洪泽区", 2023)
    if not library.reviewing.in_force():
        library.reviewing.correct(report, "review.review.total", 11, "source_error", "结果维持10+结果纠正1", "张三")
    context, page = new_page(browser, accept_downloads=True)
    page.goto(url, wait_until="domcontentloaded")
    page.wait_for_selector("#nb-question textarea")
    try:
        yield page, library
    finally:
        for c in library.reviewing.in_force().values():   # leave the shared data dir as it was
            library.reviewing.withdraw(report, c.cell_id, "测试结束", "张三")
        context.close()


def test_the_findings_list_shows_every_finding_and_exports_it_as_excel(page):
    page, library = page
    page.get_by_role("tab", name="问题清单").click()
    page.wait_for_function("() => document.querySelector('#nb-findings')?.innerText.includes('勾稽关系不成立')")
    listing = page.locator("#nb-findings")
    assert listing.locator(".nb-finding-row").count() == 2
    text = listing.inner_text()
    assert "共 2 处勾稽关系不成立，涉及 1 份年报（R4 2 处）" in text
    assert "R4 不成立：行政复议·总计 0 ≠ 行政复议·结果维持 10 + 行政复议·结果纠正 1" in text
    assert "表四·行政复议·总计：0，原文“0”，第4页，kiro__hzq2023_working.pdf" in text
    assert "人工更正：原文 0，已更正为 11" in text and "审核：未审核" in text
    with page.expect_download() as download:
        page.click("#nb-findings-xlsx")
    assert download.value.suggested_filename.endswith(".xlsx")
    book = load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = [list(r) for r in book["涉及单元格"].iter_rows(values_only=True)]
    report = library.reviewing.resolve("洪泽区", 2023)
    read = {c.cell_id: c for c in library.sql.cells(report.id)}
    assert len(rows) == 11
    for row in rows[1:]:
        cell = read[row[5]]
        assert (row[6], row[7], row[10]) == (cell.value, cell.raw, cell.page)
    assert rows[1][5] == "review.review.total" and rows[1][6] == 0 and rows[1][11].startswith("原文 0，已更正为 11")


def test_the_compare_tab_exports_word_and_the_chart_flags_the_value(page):
    page, _ = page
    page.get_by_role("tab", name="对比").click()
    page.locator("#nb-metric input").click()
    page.get_by_role("option", name="表四·行政复议·总计（review.review.total）").click()
    page.click("#nb-compare")
    # The chart of the metric picked (the default metric's chart has an R4 note too, so wait for this one).
    page.wait_for_function("() => document.querySelector('#nb-chart svg.nb-chart')"
                           "?.getAttribute('aria-label')?.includes('review.review.total')")
    page.wait_for_function("() => document.querySelector('#nb-chart .nb-chart-notes')?.innerText.includes('R4')")
    assert page.locator("#nb-chart g.nb-chart-flag").count() == 1
    assert "11" in page.locator("#nb-chart svg.nb-chart").text_content()
    with page.expect_download() as download:
        page.click("#nb-compare-docx")
    from docx import Document

    doc = Document(download.value.path())
    row = [c.text for c in doc.tables[0].rows[1].cells]
    assert row[:6] == ["淮安市洪泽区人民政府", "2023", "11", "件", "0", "已更正"]
    assert row[8].startswith("表四·行政复议·总计：原文 0，已更正为 11")


def test_the_findings_list_over_the_corpus_filters_by_rule(browser, server):
    context, page = new_page(browser)
    try:
        page.goto(server, wait_until="domcontentloaded")
        page.get_by_role("tab", name="问题清单").click()
        page.wait_for_function("() => document.querySelector('#nb-findings')?.innerText.includes('勾稽关系不成立')")
        text = page.locator("#nb-findings").inner_text()
        assert "平潭综合实验区 2020年" in text and "淮安市洪泽区人民政府 2023年" in text
        assert "R3 不成立：办理结果总计·总计 21 ≠ 予以公开·总计 7 + 部分公开·总计 6" in text
        shoot(page, "findings.png")
        page.locator("#nb-findings-rules input").click()
        page.get_by_role("option", name="R4　复议、诉讼各项结果之和应等于总计").click()
        page.wait_for_function("() => !document.querySelector('#nb-findings').innerText.includes('R3 不成立')")
        rules = page.locator("#nb-findings .nb-finding-row").evaluate_all("rows => rows.map(r => r.dataset.rule)")
        assert rules and set(rules) == {"R4"}
    finally:
        context.close()
