"""The app in a real browser: Debian's chromium (/usr/bin/chromium) driven by Playwright
(fixtures in conftest.py, shared steps in browser.py).

With NIANBAO_SCREENSHOTS=<folder> set, the tests also save the README's screenshots
(chat.png, reports.png, compare.png, phone.png, eval.png) into that folder.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.ui.browser import (
    CORPUS,
    FIX_REASON,
    HOSTILE,
    PHONE,
    SHOTS,
    ask,
    card_in_view,
    inside,
    last_answer,
    new_page,
    open_report_cell,
    shoot,
    visible_box,
    wait_for_turn,
)

# Gradio's queue calls a pandas option that pandas 3 deprecates; not ours to fix.
pytestmark = [pytest.mark.filterwarnings("ignore::Warning:gradio.queueing"), pytest.mark.slow]


def test_numeric_answer_shows_number_row_and_highlighted_cell(page):
    ask(page, "大宁县2020年行政许可处理决定数量是多少？")
    assert "1680" in last_answer(page)
    card = page.locator("#nb-sources .nb-card-cell").first
    assert "大宁县人民政府 2020年" in card.inner_text()
    assert card.locator(".nb-rowlabel").inner_text().strip() == "行政许可"
    highlighted = card.locator("td.nb-hl")
    assert highlighted.count() == 1
    assert highlighted.inner_text().strip() == "1680"
    assert highlighted.get_attribute("data-cell") == "active.licensing.decisions"
    # the column header above the highlighted cell, and the raw text read
    assert "处理决定数量" in card.locator("thead").inner_text()
    assert "原文：1680" in card.inner_text().replace(" ", "").replace("\u3000", "")
    # the source text around the cell, with the cell marked
    assert card.locator("mark.nb-cell-mark").inner_text() == "1680"


def test_example_button_asks_and_the_narrative_answer_cites_its_passage(page):
    page.get_by_role("button", name="芮城县存在哪些主要问题？").click()
    wait_for_turn(page)
    answer = last_answer(page)
    assert "政务公开工作制度机制还不健全完善" in answer
    assert "[1]" in answer
    card = page.locator("#nb-sources .nb-card-passage").first
    text = card.inner_text()
    assert "芮城县人民政府 2020年" in text
    assert "五、存在的主要问题及改进情况" in text
    assert "一些单位的领导对政务公开工作的重要性认识不足" in text      # the passage, beyond the quote
    marks = " ".join(card.locator("mark.nb-support").all_inner_texts())
    assert "政务公开工作制度机制还不健全完善" in marks


def test_follow_up_inherits_context_within_one_session(page):
    ask(page, "淮安市洪泽区2023年本年新收政府信息公开申请多少件？", 1)
    assert "21" in last_answer(page)
    ask(page, "那2024年呢？", 2)
    follow_up = last_answer(page)
    assert "淮安市洪泽区人民政府 2024年" in follow_up and "95" in follow_up
    page.get_by_role("button", name="新对话").click()
    page.wait_for_function("() => document.querySelectorAll('#nb-chat .nb-answer').length === 0")
    ask(page, "那2024年呢？", 1)   # a new conversation has nothing to follow on from
    assert "本年新收" not in last_answer(page)


def test_a_question_back_offers_its_readings_as_buttons(page):
    """安居区 2020 政府集中采购 has a count and an amount: asked back, one button a reading;
    clicking one answers it (2876.4869万元), and the buttons go away."""
    ask(page, "安居区2020年政府集中采购是多少？", 1)
    assert "您问的是哪一个" in last_answer(page)
    buttons = page.locator("#nb-chat-row .nb-choice:visible")
    assert sorted(buttons.all_inner_texts()) == ["政府集中采购总金额", "政府集中采购项目数量"]
    shoot(page, "clarify.png")
    page.get_by_role("button", name="政府集中采购总金额").click()
    wait_for_turn(page, 2)
    assert "2876.4869万元" in last_answer(page)
    assert page.locator("#nb-chat-row .nb-choice:visible").count() == 0


def test_three_long_readings_fit_as_buttons_on_a_phone(browser, server):
    """洪泽区 2024 “结果维持” is in 行政复议 and both kinds of 行政诉讼: three buttons whose long
    labels stay inside the phone's width; the third answers 2件 (复议后起诉·结果维持)."""
    context, page = new_page(browser, phone=True)
    try:
        page.goto(server, wait_until="domcontentloaded")
        page.wait_for_selector("#nb-question textarea")
        ask(page, "洪泽区2024年“结果维持”的有几件？", 1)
        buttons = page.locator("#nb-chat-row .nb-choice:visible")
        assert buttons.all_inner_texts() == ["行政复议·结果维持", "行政诉讼·未经复议直接起诉·结果维持",
                                             "行政诉讼·复议后起诉·结果维持"]
        for i in range(3):
            box = buttons.nth(i).bounding_box()
            assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE["width"], box
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        shoot(page, "phone-clarify.png", full_page=False)
        buttons.nth(2).tap()
        wait_for_turn(page, 2)
        assert "行政诉讼·复议后起诉（结果维持）为2件" in last_answer(page)
    finally:
        context.close()


def test_pdf_cell_shows_page_image_and_finding(page):
    ask(page, "淮安市洪泽区2023年行政复议结果纠正多少件？")
    card = page.locator("#nb-sources .nb-card-cell").first
    assert card.locator("td.nb-hl").inner_text().strip() == "1"
    assert "第4页" in card.inner_text()
    image = card.locator("figure.nb-page img")
    # served from the page cache by URL (behind the app's login), loaded lazily
    assert image.get_attribute("src").startswith("gradio_api/file=")
    assert image.get_attribute("loading") == "lazy"
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=image.element_handle())
    assert "R4" in card.locator(".nb-finding").inner_text()
    # the row shows the cited cell and its 总计; the other columns behind a toggle
    assert card.locator("thead th:visible").all_inner_texts() == ["项目", "结果纠正", "总计"]
    card.get_by_role("button", name="显示其余 3 列").click()
    assert card.locator("thead th:visible").all_inner_texts() == ["项目", "结果维持", "结果纠正", "其他结果",
                                                                  "尚未审结", "总计"]
    card.get_by_role("button", name="只看引用的格").click()
    assert card.locator("td:visible").count() == 2
    shoot(page, "chat.png")


def test_reports_tab_lists_reports_tables_and_findings(page):
    page.get_by_role("tab", name="年报").click()
    reports = page.locator("#nb-reports")
    reports.wait_for()
    listing = reports.inner_text()
    for issuer in ("大宁县人民政府", "淮安市洪泽区人民政府", "平潭综合实验区"):
        assert issuer in listing
    page.locator("#nb-report-picker input").click()
    page.get_by_role("option", name="淮安市洪泽区人民政府 2023年 · kiro__hzq2023_working.pdf").click()
    detail = page.locator("#nb-report-detail")
    page.wait_for_function("() => document.querySelector('#nb-report-detail').innerText.includes('洪泽区')")
    text = detail.inner_text()
    assert "三、收到和处理政府信息公开申请情况" in text and "四、政府信息公开行政复议、行政诉讼情况" in text
    assert "R4" in detail.locator(".nb-finding").first.inner_text()
    assert detail.locator("td.nb-flagged").count() >= 3
    # every finding shows its review state and the buttons that review it
    assert "审核：未审核" in detail.locator(".nb-finding").first.inner_text()
    # no login and no anonymous corrections: the form opens read-only and says why
    detail.locator('td[data-cell="review.review.total"]').click()
    page.locator("#nb-cell-form").first.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#nb-fix-msg')?.innerText.includes('未开启')")
    assert "NIANBAO_ALLOW_ANONYMOUS_CORRECTIONS" in page.locator("#nb-fix-msg").inner_text()
    assert page.locator("#nb-fix-save").is_disabled()
    shoot(page, "reports.png")


def test_compare_tab_charts_a_ratio_with_its_table_and_csv(page):
    page.get_by_role("tab", name="对比").click()
    page.locator("#nb-metric input").click()
    page.get_by_role("option", name="比率·公开率（(予以公开+部分公开)/办理结果总计）").click()
    page.click("#nb-compare")
    page.wait_for_function("() => document.querySelector('#nb-compare-table')?.innerText.includes('61.9048')")
    table = page.locator("#nb-compare-table").inner_text()
    assert "平潭综合实验区" in table and "13 / 21" in table
    chart = page.locator("#nb-chart svg.nb-chart")
    assert chart.locator("rect.nb-bar").count() >= 9
    drawn = chart.text_content()
    assert "61.9%" in drawn and "淮安市洪泽区 2023" in drawn and "无数据" in drawn   # 芮城县: 0/0
    shoot(page, "compare.png")
    with page.expect_download() as download:
        page.click("#nb-csv")
    csv_text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    assert csv_text.splitlines()[0].startswith("指标,发布机关,年度,数值")
    assert "平潭综合实验区,2020,61.904762,%,13 / 21" in csv_text


def test_uploaded_report_is_answerable_and_its_text_stays_text(page, tmp_path):
    source = (CORPUS / "seeds" / "002_c9f8e9740fa2ca26.txt").read_text(encoding="utf-8")
    hostile = source.replace("芮城", "测试").replace("存在的主要问题有：", "存在的主要问题有：" + HOSTILE, 1)
    path = tmp_path / "测试县2020年报.txt"
    path.write_text(hostile, encoding="utf-8")
    page.get_by_role("tab", name="上传").click()
    page.set_input_files("#nb-files input[type=file]", str(path))
    page.wait_for_timeout(500)
    page.get_by_role("button", name="导入").click()
    page.wait_for_function("() => document.querySelector('#nb-upload-results textarea')?.value.includes('已导入')")
    assert "测试县2020年报.txt：已导入（新增）　测试县人民政府 2020年" in page.input_value("#nb-upload-results textarea")
    page.get_by_role("tab", name="问答").click()
    ask(page, "测试县存在哪些主要问题？")
    # shown as the characters the report printed, in the chat and in the sources panel
    assert HOSTILE in last_answer(page)
    assert HOSTILE in page.locator("#nb-sources .nb-card-passage").first.inner_text()
    assert page.evaluate("() => window.__nbxss") is None
    assert page.locator('a[href*="evil.example"]').count() == 0
    assert page.locator("#nb-chat img[src=x], #nb-sources img[src=x]").count() == 0


def test_clicking_a_marker_scrolls_its_card_into_the_panel_and_flashes_it(page):
    ask(page, "平潭综合实验区2020到2024年的公开率")
    assert page.locator("#nb-sources .nb-card").count() == 15
    assert not card_in_view(page, 14)           # far down the panel before the click
    page.locator("#nb-chat .nb-answer").last.locator("sup.nb-cite", has_text="[14]").click()
    page.wait_for_function("() => document.querySelector('#nb-src-14').classList.contains('nb-flash')")
    assert card_in_view(page, 14)
    assert "平潭综合实验区 2024年" in page.locator("#nb-src-14").inner_text()
    page.locator("#nb-chat .nb-answer").last.locator("sup.nb-cite", has_text="[1]").click()
    assert card_in_view(page, 1)


def test_every_cited_pdf_cell_has_its_page_region_inside_its_card(page):
    ask(page, "淮安市洪泽区2023年行政复议的勾稽关系对吗？")
    cards = page.locator("#nb-sources .nb-card-cell")
    assert cards.count() == 10
    # one picture per cited PDF cell: no cap at six any more
    assert page.locator("#nb-sources figure.nb-page img").count() == 10
    page.locator("#nb-chat .nb-answer").last.locator("sup.nb-cite", has_text="[9]").click()
    page.wait_for_function("() => document.querySelector('#nb-src-9').classList.contains('nb-flash')")
    assert card_in_view(page, 9)
    image = page.locator("#nb-src-9 figure.nb-page img")
    page.wait_for_function("img => img.complete && img.naturalWidth > 100", arg=image.element_handle())
    box = image.bounding_box()
    assert box["height"] > 40 and inside(box, page.locator("#nb-src-9").bounding_box())
    assert inside(box, visible_box(page, "#nb-sources div.nb-sources"))


def test_the_answer_streams_before_it_is_complete(page):
    # Record every state of the last bubble while the answer arrives.
    page.evaluate("""() => { window.__nbSeen = [];
        new MutationObserver(() => {
            const a = [...document.querySelectorAll('#nb-chat .nb-answer')].pop();
            const panel = document.querySelector('#nb-sources .nb-sources, #nb-sources .nb-empty');
            if (a) window.__nbSeen.push([a.innerText.length, panel ? panel.dataset.state : null]);
        }).observe(document.body, {subtree: true, childList: true, characterData: true}); }""")
    ask(page, "芮城县存在哪些主要问题？")
    final = len(last_answer(page))
    seen = page.evaluate("() => window.__nbSeen")
    partial = [n for n, _ in seen if 10 < n < final - 10]
    assert partial, f"no partial answer among {seen[-8:]}"
    # the sources panel was filled while the text was still growing
    assert any(state == "final" and 10 < n < final - 10 for n, state in seen)


def test_ambiguous_cells_show_two_readings_and_the_rest_behind_more(page):
    page.get_by_role("tab", name="年报").click()
    page.locator("#nb-report-picker input").click()
    page.get_by_role("option", name="平潭综合实验区 2020年 · pingtan__2020_80595_page.txt").click()
    page.wait_for_function("() => document.querySelector('#nb-report-detail').innerText.includes('平潭综合实验区 2020年')")
    cell = page.locator('#nb-report-detail td[data-cell="active.licensing.change"]')
    shown = cell.inner_text()
    assert shown.count("／") == 1 and "更多（另 24 种）" in shown and "无法确定" in shown
    detail = page.locator("#nb-report-detail").bounding_box()
    assert inside(page.locator("#nb-report-detail table.nb-full").first.bounding_box(), detail)
    if SHOTS:
        page.locator("#nb-report-detail table.nb-full").first.screenshot(path=str(Path(SHOTS) / "ambiguous.png"))
    cell.locator("summary").click()
    assert cell.inner_text().count("／") == 25


def test_phone_layout_keeps_question_box_on_the_first_screen(browser, server):
    context, page = new_page(browser, phone=True)
    try:
        page.goto(server, wait_until="domcontentloaded")
        page.wait_for_selector("#nb-question textarea")
        for selector in ("#nb-question", "#nb-send"):
            box = page.locator(selector).bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= PHONE["height"], (selector, box)
        ask(page, "淮安市洪泽区2023年行政复议结果纠正多少件？")
        send = page.locator("#nb-send").bounding_box()
        assert send["y"] + send["height"] <= PHONE["height"]
        # the sources follow the question box, before the example questions
        panel = page.locator("#nb-sources-acc").bounding_box()
        examples = page.locator(".nb-examples").bounding_box()
        assert send["y"] < panel["y"] < examples["y"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        shoot(page, "phone.png", full_page=False)
        page.locator("#nb-chat .nb-answer").last.locator("sup.nb-cite", has_text="[1]").tap()
        page.wait_for_function("() => document.querySelector('#nb-src-1').classList.contains('nb-flash')")
        card = page.locator("#nb-src-1").bounding_box()
        assert 0 <= card["y"] < PHONE["height"] / 2
        shoot(page, "phone-sources.png", full_page=False)
        # the panel folds away, and a marker opens it again
        page.locator("#nb-sources-acc > button").click()
        page.wait_for_function("() => !document.querySelector('#nb-src-1')?.checkVisibility()")
        page.locator("#nb-chat .nb-answer").last.locator("sup.nb-cite", has_text="[1]").tap()
        page.wait_for_function("() => document.querySelector('#nb-src-1')?.checkVisibility()"
                               " && document.querySelector('#nb-src-1').classList.contains('nb-flash')")
    finally:
        context.close()


def test_eval_tab_runs_on_the_data_dir_and_shows_a_chinese_table(page):
    page.get_by_role("tab", name="评测").click()
    limit = page.get_by_label("只跑前 N 题（0 为全部）")
    limit.fill("2")
    limit.press("Tab")   # the number is the component's value once it leaves the field (under load, before the click)
    page.wait_for_function("() => document.activeElement?.getAttribute('type') !== 'number'")
    page.click("#nb-eval-run")
    page.wait_for_function("() => document.querySelector('#nb-eval-table')?.innerText.includes('结果文件')",
                           timeout=120_000)
    table = page.locator("#nb-eval-table")
    text = table.inner_text()
    assert "完全答对（n=2）" in text and "答错的数字（应为 0）" in text and "混合检索（fused）" in text
    # written under the app's data dir, not into the checkout's evals/results
    assert "/ui-data" in text and "/evals/results/" in text
    # the figures line up: the value cells of a column share their edges
    cells = table.locator("table").first.locator("tbody tr td:nth-child(2)").all()
    assert len(cells) > 10
    edges = {(round(b["x"]), round(b["x"] + b["width"])) for b in (c.bounding_box() for c in cells)}
    assert len(edges) == 1
    shoot(page, "eval.png")


def test_a_cell_corrected_in_the_reports_tab_changes_the_answer_until_withdrawn(browser, editable_server):
    url, library = editable_server
    context, page = new_page(browser)
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector("#nb-question textarea")
        total = '#nb-report-detail td[data-cell="review.review.total"]'
        open_report_cell(page, "review.review.total")
        assert "原文：0" in page.locator("#nb-fix-info").inner_text().replace(" ", "")
        assert "将记录为：界面用户" in page.locator("#nb-fix-msg").inner_text()
        # a value that is no number is refused with the back end's words; nothing is written
        page.fill("#nb-fix-value input, #nb-fix-value textarea", "十一件")
        page.fill("#nb-fix-reason textarea", FIX_REASON)
        page.click("#nb-fix-save")
        page.wait_for_function("() => document.querySelector('#nb-fix-msg')?.innerText.includes('不是数字')")
        assert "“十一件”不是数字，无法作为“表四·行政复议·总计”的更正值。" in page.locator("#nb-fix-msg").inner_text()
        assert library.sql.corrections() == []
        page.fill("#nb-fix-value input, #nb-fix-value textarea", "11")
        page.get_by_label("原文有误（更正为正确数字）").check()
        page.click("#nb-fix-save")
        page.wait_for_function(f"() => document.querySelector('{total}')?.classList.contains('nb-corrected')")
        cell = page.locator(total)
        assert cell.locator("s.nb-printed").inner_text() == "0" and cell.locator("b.nb-fixed").inner_text() == "11"
        assert "界面用户" in cell.get_attribute("title") and FIX_REASON in cell.get_attribute("title")
        # who, when and why beside the tables and in the form, the reason as the characters typed
        listed = page.locator("#nb-report-detail .nb-corrections").inner_text()
        assert "原文 0，已更正为 11（原文有误（更正为正确数字）：" + FIX_REASON + "，界面用户，" in listed
        assert FIX_REASON in page.locator("#nb-fix-info").inner_text()
        assert page.locator("#nb-fix-withdraw").is_visible()
        assert page.locator("img[src=x]").count() == 0 and page.evaluate("() => window.__nbxss") is None
        [row] = library.sql.corrections()
        assert (row.value, row.kind, row.author, row.reason) == (11, "source_error", "界面用户", FIX_REASON)
        shoot(page, "correction.png")

        page.get_by_role("tab", name="问答").click()
        ask(page, "洪泽区2023年行政复议总计多少件？")
        answer = last_answer(page)
        assert "11" in answer and "原文 0，已更正为 11" in answer and FIX_REASON in answer
        card = page.locator("#nb-sources .nb-card-cell").first
        assert card.locator("td.nb-hl b.nb-fixed").inner_text() == "11"
        assert "已更正" in card.locator(".nb-rawline").inner_text()
        assert page.locator("img[src=x]").count() == 0 and page.evaluate("() => window.__nbxss") is None

        open_report_cell(page, "review.review.total")
        page.fill("#nb-fix-reason textarea", "核对后撤回")
        page.click("#nb-fix-withdraw")
        page.wait_for_function(f"() => !document.querySelector('{total}').classList.contains('nb-corrected')")
        assert page.locator(total).inner_text().strip() == "0"
        assert "已撤回更正" in page.locator("#nb-fix-msg").inner_text()
        assert page.locator("#nb-report-detail .nb-corrections").count() == 0
        page.get_by_role("tab", name="问答").click()
        ask(page, "洪泽区2023年行政复议总计多少件？", 2)
        again = last_answer(page)
        assert "0" in again and "已更正" not in again
        assert [c.action for c in library.sql.corrections()] == ["set", "withdraw"]
    finally:
        context.close()


def test_a_finding_is_reviewed_in_the_reports_tab(browser, editable_server):
    url, library = editable_server
    context, page = new_page(browser)
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.get_by_role("tab", name="年报").click()
        page.wait_for_function("() => document.querySelector('#nb-report-detail')?.innerText.includes('洪泽区')")
        finding = page.locator("#nb-report-detail .nb-finding").first
        assert "未审核" in finding.locator(".nb-review").inner_text()
        finding.get_by_role("button", name="驳回").click()
        page.locator("#nb-review-form").first.wait_for(state="visible")
        page.click("#nb-review-save")   # a dismissal needs a reason: refused in words, nothing written
        page.wait_for_function("() => document.querySelector('#nb-review-msg')?.innerText.includes('理由')")
        assert "驳回一个问题需要写明理由" in page.locator("#nb-review-msg").inner_text()
        assert library.sql.reviews() == []
        page.fill("#nb-review-reason textarea", "口径不同 <b>见附注</b>")
        page.click("#nb-review-save")
        page.wait_for_function("() => document.querySelector('#nb-report-detail .nb-finding .nb-review')"
                               "?.innerText.includes('已驳回')")
        state = page.locator("#nb-report-detail .nb-finding").first.locator(".nb-review").inner_text()
        assert "已驳回（口径不同 <b>见附注</b>，界面用户，" in state
        page.click("#nb-review-withdraw")
        page.wait_for_function("() => document.querySelector('#nb-report-detail .nb-finding .nb-review')"
                               "?.innerText.includes('未审核')")
        assert [r.state for r in library.sql.reviews()] == ["dismissed", "withdrawn"]
    finally:
        context.close()


def test_phone_correction_form_slides_up_over_the_tables(browser, editable_server):
    url, _ = editable_server
    context, page = new_page(browser, phone=True)
    try:
        page.goto(url, wait_until="domcontentloaded")
        page.wait_for_selector("#nb-question textarea")
        open_report_cell(page, "review.review.upheld")
        form = page.locator("#nb-cell-form").first.bounding_box()
        assert form["y"] >= PHONE["height"] * 0.2 and form["y"] + form["height"] <= PHONE["height"] + 1
        assert page.locator("#nb-fix-save").bounding_box()["y"] < PHONE["height"]
        assert page.evaluate("() => document.documentElement.scrollWidth") <= PHONE["width"]
        shoot(page, "phone-correction.png", full_page=False)
    finally:
        context.close()
