"""The compare tab's numbers, CSV and chart."""

from __future__ import annotations

import csv
import io
import re
from html import unescape

import pytest

from ui.chart import chart_svg, nice_ticks
from ui.compare import Point, csv_safe, metric_choices, points, to_csv


def test_metric_choices_offer_ratios_and_every_canonical_cell():
    values = [v for _, v in metric_choices()]
    assert values[:2] == ["ratio:disclosure_rate", "ratio:correction_rate"]
    for cid in ("active.licensing.decisions", "active.fees.amount", "requests.other.no_fee.total",
                "requests.other.total", "review.litigation_after_review.pending"):
        assert cid in values
    assert len(values) == len(set(values))


def test_disclosure_rate_per_report(corpus_library):
    by_key = {(p.issuer, p.year): p for p in points(corpus_library, "ratio:disclosure_rate")}
    pingtan = by_key[("平潭综合实验区", 2020)]
    assert pingtan.value == pytest.approx(13 / 21 * 100) and pingtan.raw == "13 / 21"
    assert by_key[("芮城县人民政府", 2020)].value is None and by_key[("芮城县人民政府", 2020)].note == "分母为0"
    # the twin HTML/text reports count once
    assert sum(1 for p in by_key.values() if p.issuer == "平潭综合实验区") == 5


def test_cell_metric_filtered_by_issuer_and_year(corpus_library):
    rows = points(corpus_library, "active.licensing.decisions", ["大宁县人民政府", "淮安市人民政府"], ["2020"])
    assert [(p.issuer, p.year, p.value, p.raw, p.page) for p in rows] == [("大宁县人民政府", 2020, 1680.0, "1680", "1")]


def test_ambiguous_cells_have_no_value_but_say_why(corpus_library):
    rows = points(corpus_library, "active.licensing.decisions", ["平潭综合实验区"], ["2020"])
    assert rows[0].value is None and rows[0].status == "无法确定" and rows[0].note.startswith("可能为")


def test_csv_round_trips_and_defuses_formulas():
    rows = [Point("=HYPERLINK(\"x\")", 2020, -453.0, "件", "-453", "照录", "1", "", "@a.txt"),
            Point("大宁县人民政府", 2020, 2876.4869, "万元", "2876.4869", "照录", "2", "", "a.txt")]
    table = list(csv.reader(io.StringIO(to_csv(rows, "active.licensing.change"))))
    assert table[0] == ["指标", "发布机关", "年度", "数值", "单位", "原文", "状态", "页码", "说明", "文件"]
    assert table[1][1] == "'=HYPERLINK(\"x\")" and table[1][3] == "-453" and table[1][5] == "-453"
    assert table[1][9] == "'@a.txt"
    assert table[2][3] == "2876.4869"
    assert csv_safe("+22") == "+22" and csv_safe("-x") == "'-x" and csv_safe(5) == 5


def test_nice_ticks_cover_the_range():
    assert nice_ticks(0, 86.4) == [0, 20, 40, 60, 80, 100]
    ticks = nice_ticks(-489.24, 23.76)
    assert ticks[0] <= -489.24 and ticks[-1] >= 23.76


def sample() -> list[Point]:
    return [Point("平潭综合实验区", 2020, 61.904762, "%", "13 / 21", "计算", "1", "", "a"),
            Point("平潭综合实验区", 2021, 50.724638, "%", "35 / 69", "计算", "1", "", "b"),
            Point("芮城县人民政府", 2020, None, "%", "0 / 0", "无法计算", "1", "分母为0", "c"),
            Point('<script>x</script>县', 2020, 12.5, "%", "1 / 8", "计算", "1", "", "d")]


def test_bar_chart_has_a_bar_and_label_per_value_and_marks_missing():
    svg = chart_svg(sample(), "bar", "公开率（%）")
    assert svg.count('class="nb-bar"') == 3
    shown = unescape(re.sub(r"<[^>]+>", " ", svg))
    for label in ("61.9%", "50.72%", "12.5%", "无数据", "平潭综合实验区 2020", "芮城县 2020", "公开率（%）"):
        assert label in shown
    assert "<script>" not in svg and "&lt;script&gt;" in svg


def test_line_chart_draws_one_line_per_issuer_with_two_years():
    svg = chart_svg(sample(), "line", "公开率")
    assert svg.count("<polyline") == 1        # only 平潭 has two values
    assert svg.count("<circle") == 3
    assert "2020年" in svg and "2021年" in svg


def test_empty_chart_says_so():
    assert "没有符合条件的年报" in chart_svg([], "bar", "x")


def test_negative_values_hang_below_the_axis():
    svg = chart_svg([Point("甲", 2020, -453.0, "件", "-453", "照录", "1", "", "a")], "bar", "t")
    axis = float(re.search(r'y1="([\d.]+)"[^>]*class="nb-chart-axis"', svg).group(1))
    bar_y = float(re.search(r'<rect x="[\d.]+" y="([\d.]+)"[^>]*class="nb-bar"', svg).group(1))
    assert bar_y == pytest.approx(axis, abs=0.2)
