"""The sources panel: cards for cited cells and passages, on records and on real answers."""

from __future__ import annotations

import re
from html import unescape

import pytest

from assistant.domain.records import Answer, Cell, Citation, Finding
from assistant.domain.template import find_row
from assistant.qa.interpretation import Route
from ui.pages import SourceViews, ocr_confidence, parse_position
from ui.sources import ROUTE_LABELS, SourcePanel, cell_card_html, passage_card_html, summary_html

HOSTILE_FILE = '<img src=x onerror="alert(1)">.txt'


def citation(**kw) -> Citation:
    base = dict(key=1, report_id="r1", issuer="大宁县人民政府", year=2020, source_file="000.txt", page=1,
                section="二、主动公开政府信息情况", text="二、主动公开政府信息情况｜行政许可｜处理决定数量：1680",
                cell_id="active.licensing.decisions", raw="1680", status="ok")
    base.update(kw)
    return Citation(**base)


def cells() -> dict[str, Cell]:
    return {c.cell_id: c for c in (
        Cell("r1", "active.licensing.prev_items", 298.0, "件", "298", "ok", 1),
        Cell("r1", "active.licensing.change", 2.0, "件", "2", "ok", 1),
        Cell("r1", "active.licensing.decisions", 1680.0, "件", "1680", "ok", 1, "chars 10-14"))}


def test_cell_card_shows_row_with_cell_highlighted_raw_and_place():
    out = cell_card_html(citation(), find_row("active.licensing.decisions", "2019"), cells(), [],
                         context='<div class="nb-context">ctx</div>')
    assert re.findall(r'class="[^"]*nb-hl[^"]*" data-cell="([^"]+)"[^>]*>([^<]*)<', out) == [
        ("active.licensing.decisions", "1680")]
    assert "大宁县人民政府 2020年" in out and "第1页" in out and "二、主动公开政府信息情况" in out
    assert '原文：<span class="nb-raw">1680</span>' in out
    assert '<div class="nb-context">ctx</div>' in out
    assert "nb-finding" not in out


def test_cell_card_shows_findings_on_that_cell_only_and_the_page_image():
    on_it = Finding("r1", "R6", ("active.licensing.prev_items", "active.licensing.decisions"), 1, 2, "R6: x")
    elsewhere = Finding("r1", "R4", ("review.review.total",), 1, 2, "R4: y")
    out = cell_card_html(citation(), None, cells(), [on_it, elsewhere], image_uri="data:image/png;base64,AAAA")
    assert "R6: x" in unescape(out) and "R4: y" not in unescape(out)
    assert '<img src="data:image/png;base64,AAAA"' in out


def test_cell_card_escapes_file_names_and_raw_text():
    out = cell_card_html(citation(source_file=HOSTILE_FILE, raw="<script>x</script>", cell_id="requests.new.total"),
                         None, {}, [])
    assert "<img src=x" not in out and "<script>" not in out
    assert "&lt;img src=x onerror=&quot;alert&#40;1&#41;&quot;&gt;" in out


def test_blank_and_inferred_cells_say_so():
    blank = cell_card_html(citation(raw="", status="blank"), None,
                           {"active.licensing.decisions": Cell("r1", "active.licensing.decisions", None, "件", "", "blank")}, [])
    assert "（空白）" in blank and "表中此格为空" in blank
    inferred = cell_card_html(citation(raw="", status="inferred"), None,
                              {"active.licensing.decisions": Cell("r1", "active.licensing.decisions", 5.0, "件", "",
                                                                  "inferred", rule="R2")}, [])
    assert "按 R2 由其他格推得" in inferred


def test_passage_card_highlights_what_the_answer_quotes():
    c = citation(cell_id=None, raw=None, status=None, chunk_id="c1", section="五、存在的主要问题及改进情况",
                 text="存在的主要问题有：机制还不健全；流程还需优化；认识不足。")
    out = passage_card_html(c, ["流程还需优化；"])
    assert re.findall(r'<mark class="nb-support">(.*?)</mark>', out) == ["流程还需优化；"]
    assert "五、存在的主要问题及改进情况" in out


def test_summary_shows_route_value_formula_and_notes():
    answer = Answer("q", "a", "ratio", 12.5, "%", (), "公开率 = 1 / 8 × 100%", notes=("注意：<b>x</b>",))
    out = summary_html(answer)
    assert "比例计算" in out and "12&#46;5%" in out and "算式：公开率 = 1 / 8 × 100%" in out
    assert "&lt;b&gt;x&lt;/b&gt;" in out


def test_every_route_has_a_chinese_label():
    assert {str(r) for r in Route} <= set(ROUTE_LABELS)


def test_a_question_back_points_at_its_choices_instead_of_sources():
    out = summary_html(Answer("q", "您问的是哪一个？", "clarify", choices=("采购项目数量", "采购总金额")))
    assert "需要确认" in out and "选一种理解" in out and "clarify" not in out


@pytest.mark.parametrize("position, expected", [
    pytest.param("bbox 243.8,151.3,520.0,187.1", ("bbox", (243.8, 151.3, 520.0, 187.1)), id="bbox"),
    pytest.param("chars 2148-2151", ("chars", (2148.0, 2151.0)), id="chars"),
    pytest.param("", None, id="empty"),
    pytest.param("bbox 1,2", None, id="short-bbox"),
    pytest.param("chars x-y", None, id="bad-chars"),
    pytest.param("bbox 243.8,151.3,520.0,187.1; ocr 0.87", ("bbox", (243.8, 151.3, 520.0, 187.1)), id="bbox-ocr"),
])
def test_parse_position(position, expected):
    assert parse_position(position) == expected


def test_a_cell_read_by_ocr_keeps_its_box_and_confidence_to_the_card():
    from ingest.document import Field

    field = Field("21", page=3, bbox=(243.8, 151.3, 520.0, 187.1), confidence=0.87)
    assert field.position() == "bbox 243.8,151.3,520.0,187.1; ocr 0.87"
    assert ocr_confidence(field.position()) == 0.87 and ocr_confidence("bbox 1,2,3,4") is None
    scanned = cells()
    scanned["active.licensing.decisions"] = Cell("r1", "active.licensing.decisions", 1680.0, "件", "1680", "ok", 1,
                                                 field.position())
    out = cell_card_html(citation(), find_row("active.licensing.decisions", "2019"), scanned, [])
    assert "OCR识别，置信度0&#46;87" in out   # digits escaped as everywhere in cards


@pytest.fixture(scope="module")
def panel(corpus_library, tmp_path_factory):
    return SourcePanel(corpus_library, SourceViews(tmp_path_factory.mktemp("pages")))


def test_panel_for_a_real_numeric_answer_from_text(assistant, panel):
    answer = assistant.conversation().ask("大宁县2020年行政许可处理决定数量是多少？")
    out = panel.render(answer)
    assert re.findall(r'nb-hl" data-cell="([^"]+)"[^>]*>([^<]*)<', out) == [("active.licensing.decisions", "1680")]
    assert '<th class="nb-rowlabel">行政许可</th>' in out
    # the cell's characters in the source text, marked
    assert re.findall(r'<mark class="nb-cell-mark">(.*?)</mark>', out) == ["1680"]


def test_panel_for_a_pdf_cell_draws_the_page_once(assistant, panel):
    answer = assistant.conversation().ask("淮安市洪泽区2023年行政复议结果纠正多少件？")
    out = panel.render(answer)
    assert out.count('<img src="data:image/png;base64,') == 1
    assert "R4" in out
    cached = list(panel.views.cache_dir.glob("*.png"))
    assert len(cached) == 1 and cached[0].read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert panel.render(answer) == out   # served from the cache


def test_panel_with_file_urls_shows_every_pdf_cell_and_a_placeholder_first(assistant, corpus_library, tmp_path):
    served = SourcePanel(corpus_library, SourceViews(tmp_path / "pages"), lambda p: f"file={p.name}")
    answer = assistant.conversation().ask("淮安市洪泽区2023年行政复议的勾稽关系对吗？")
    quick = served.render(answer, images=False)
    assert 'data-state="partial"' in quick and quick.count("正在绘制第") == 10 and "<img" not in quick
    out = served.render(answer)
    assert 'data-state="final"' in out
    names = re.findall(r'<img src="file=([0-9a-f]+\.png)" alt="第\d+页" loading="lazy">', out)
    assert len(names) == 10                          # no cap: one picture per cited PDF cell
    assert all((tmp_path / "pages" / n).read_bytes()[:4] == b"\x89PNG" for n in names)
    assert served.render(answer, images=False) == out   # drawn once, then ready at once


def test_an_ambiguous_cited_cell_lists_three_readings_then_more():
    cid = "active.licensing.decisions"
    many = Cell("r1", cid, None, "件", "396442278", "ambiguous", 1, candidates=tuple(float(i) for i in range(7)))
    out = cell_card_html(citation(raw="396442278", status="ambiguous"), None, {cid: many}, [])
    assert "可能为 <details" in out and "0／1／2<span" in out and "更多（另 4 种）" in out


def test_panel_for_a_real_narrative_answer(assistant, panel):
    answer = assistant.conversation().ask("芮城县存在哪些主要问题？")
    out = panel.render(answer)
    assert "nb-card-passage" in out
    marks = re.findall(r'<mark class="nb-support">(.*?)</mark>', out)
    assert any("政务公开工作制度机制还不健全完善" in m for m in marks)
