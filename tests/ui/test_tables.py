"""Table rows with the cited cell highlighted, whole tables, findings."""

from __future__ import annotations

import re

from assistant.domain.records import Cell, Finding
from assistant.domain.template import cell_label, find_row, rows_for
from ui.tables import candidates_html, cell_td, finding_html, findings_html, kept_columns, row_html, table_html


def cell(cid: str, value, raw=None, status="ok", **kw) -> Cell:
    return Cell("r1", cid, value, "件", raw if raw is not None else ("" if value is None else str(int(value))),
                status, kw.pop("page", 1), **kw)


def licensing_2019() -> dict[str, Cell]:
    return {c.cell_id: c for c in (cell("active.licensing.prev_items", 298), cell("active.licensing.change", 2),
                                   cell("active.licensing.decisions", 1680))}


def highlighted(html: str) -> list[tuple[str, str]]:
    return re.findall(r'<td class="[^"]*nb-hl[^"]*" data-cell="([^"]+)"[^>]*>([^<]*)</td>', html)


def test_row_html_highlights_exactly_the_cited_cell():
    row = next(r for r in rows_for("2019", "active") if r.id == "licensing")
    out = row_html(row, licensing_2019(), highlight="active.licensing.decisions")
    assert highlighted(out) == [("active.licensing.decisions", "1680")]
    assert '<th class="nb-rowlabel">行政许可</th>' in out
    assert [h for h in re.findall(r"<th>([^<]*)</th>", out)] == ["项目", "上一年项目数量", "本年增/减", "处理决定数量"]
    assert re.findall(r"<td[^>]*>([^<]*)</td>", out) == ["298", "2", "1680"]


def test_row_html_without_highlight_marks_nothing_and_shows_missing_cells():
    row = next(r for r in rows_for("2019", "active") if r.id == "licensing")
    out = row_html(row, {"active.licensing.decisions": cell("active.licensing.decisions", 5)})
    assert highlighted(out) == []
    assert out.count("nb-missing") == 2


def test_cell_td_spells_out_status():
    assert "（空白）" in cell_td(cell("requests.new.total", None, "", "blank"))
    ambiguous = cell_td(cell("requests.new.total", None, "713", "ambiguous", candidates=(7.0, 13.0)))
    assert "nb-ambiguous" in ambiguous and "7／13（无法确定）" in ambiguous
    inferred = cell_td(cell("requests.new.total", 4.0, "", "inferred", rule="R2"))
    assert "nb-inferred" in inferred and 'title="推得（R2）"' in inferred
    flagged = cell_td(cell("review.review.total", 0.0), flagged=True, highlight=True)
    assert "nb-flagged" in flagged and "nb-hl" in flagged


def test_cell_label_names_table_row_and_column():
    assert cell_label("active.licensing.decisions") == "表二·行政许可·处理决定数量"
    assert cell_label("requests.withheld.third_party.total") == "表三·不予公开·保护第三方合法权益·总计"
    assert cell_label("active.fees.amount") == "表二·行政事业性收费·本年收费金额（单位：万元）"
    assert cell_label("active.procurement.amount") == "表二·政府集中采购·采购总金额（万元）"
    assert cell_label("nonsense") == "nonsense"


def test_table_html_prints_the_other_rows_the_report_has():
    split = {"requests.other.no_correction.total": cell("requests.other.no_correction.total", 1)}
    out = table_html("2021", "requests", split)
    assert "其他处理·申请人无正当理由逾期不补正" in out
    assert "<th class=\"nb-rowlabel\">其他处理</th>" not in out
    single = table_html("2021", "requests", {"requests.other.total": cell("requests.other.total", 1)})
    assert "<th class=\"nb-rowlabel\">其他处理</th>" in single and "逾期不补正" not in single


def test_table_html_gives_each_column_shape_its_own_header():
    out = table_html("2021", "active", {})
    assert out.count("<table") == 3   # documents, decisions, fees
    assert "本年收费金额（单位：万元）" in out


def test_finding_html_lists_each_cell_with_value_raw_and_page():
    cells = {c.cell_id: c for c in (cell("review.review.total", 0.0, page=4), cell("review.review.upheld", 10.0, page=4),
                                     cell("review.review.corrected", 1.0, "<b>1</b>", page=4))}
    f = Finding("r1", "R4", ("review.review.total", "review.review.upheld", "review.review.corrected"), 0, 11,
                "R4: review.review.total=0 ≠ 11")
    out = finding_html(f, cells)
    assert '<span class="nb-badge nb-rule">R4</span>' in out
    assert out.count("<li>") == 3
    assert "表四·行政复议·结果维持：<b>10</b>" in out and "第4页" in out
    assert "原文“&lt;b&gt;1&lt;/b&gt;”" in out and "原文“<b>" not in out


def test_cross_year_finding_shows_both_years():
    this = {"requests.carried_in.total": cell("requests.carried_in.total", 3.0)}
    last = {"requests.carried_out.total": cell("requests.carried_out.total", 5.0),
            "requests.carried_in.total": cell("requests.carried_in.total", 9.0)}
    f = Finding("r1", "R5", ("requests.carried_in.total", "requests.carried_out.total"), 3, 5, "R5: 本年 ≠ 上年",
                other_report_id="r0")
    out = findings_html([f], this, {"r0": "某县 2020年"}, {"r0": last})
    assert "（对比 某县 2020年）" in out
    assert "本年 <b>3</b>" in out and "某县 2020年 <b>9</b>" in out   # carried_in, both years
    assert "本年 （无此格）" in out and "<b>5</b>" in out               # carried_out only last year


def test_no_findings_says_the_tables_add_up():
    assert "均未发现问题" in findings_html([], {})


def test_find_row_prefers_the_reports_template():
    assert find_row("active.licensing.decisions", "2021").columns[0].label == "本年处理决定数量"
    assert find_row("active.licensing.decisions", "2019").columns[0].label == "上一年项目数量"
    assert find_row("active.fees.amount").versions == ("2021",)
    assert find_row("requests.nonsense.total") is None


def test_a_wide_row_keeps_the_cited_cell_and_its_total_in_view():
    row = next(r for r in rows_for("2021", "requests") if r.id == "granted")
    assert kept_columns(row, "requests.granted.business") == {"business", "total"}
    cells = {row.cell_id(c.id): cell(row.cell_id(c.id), i) for i, c in enumerate(row.columns)}
    out = row_html(row, cells, highlight="requests.granted.business")
    # the five other columns are classed away, behind one toggle naming how many
    assert out.count("nb-col-extra") == 10
    assert re.findall(r"<th>([^<]*)</th>", out) == ["项目", "商业企业", "总计"]
    assert '<button type="button" class="nb-cols-toggle"' in out and "显示其余 5 列" in out
    assert highlighted(out) == [("requests.granted.business", "1")]
    # a row of three columns is shown whole, with no toggle
    licensing = next(r for r in rows_for("2019", "active") if r.id == "licensing")
    assert "nb-cols-toggle" not in row_html(licensing, licensing_2019(), highlight="active.licensing.decisions")


def test_an_ambiguous_cell_shows_two_readings_and_folds_the_rest():
    many = cell("active.licensing.change", None, "396442278", "ambiguous", candidates=tuple(float(i) for i in range(26)))
    out = candidates_html(many)
    assert out.startswith('<details class="nb-cands"><summary>0／1<span class="nb-more">更多（另 24 种）</span>')
    assert "／2／3／" in out and out.endswith("（无法确定）")
    assert "nb-cands" in cell_td(many)
    three = cell("requests.new.total", None, "713", "ambiguous", candidates=(7.0, 13.0, 71.0))
    assert candidates_html(three) == "7／13／71（无法确定）"      # three fit; no fold
