"""Bar and line charts as inline SVG (pure functions of the compare tab's points).

Drawn here rather than with a plotting component so that what is shown is exactly the
table beside it: every bar or point is labelled with its value, and a report whose value
cannot be computed keeps its place on the axis, marked 无数据. A value from a report with a
broken rule, or read from an ambiguous cell, carries a red marker (⚠ and its number) whose
note is listed under the chart (``chart_html``).
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from assistant.domain.records import format_number
from ui.compare import Point, short_issuer
from ui.markup import attr, text

PALETTE = ("#2563eb", "#dc2626", "#16a34a", "#d97706", "#7c3aed", "#0891b2", "#db2777", "#65a30d",
           "#ea580c", "#4f46e5", "#0d9488", "#9333ea")
WIDTH, HEIGHT = 1000, 420
LEFT, RIGHT, TOP, BOTTOM = 70, 20, 64, 110


def nice_ticks(low: float, high: float, count: int = 5) -> list[float]:
    """Round tick values covering [low, high] (low <= 0 <= high is not required)."""
    if high <= low:
        high = low + 1
    raw = (high - low) / count
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    start = math.floor(low / step) * step
    ticks = []
    value = start
    while value < high + step * 0.999:
        ticks.append(round(value, 10))
        value += step
    return ticks


def _value_label(value: float, unit: str) -> str:
    shown = round(value, 2) if unit == "%" or not float(value).is_integer() else value
    return format_number(shown) + ("%" if unit == "%" else "")


def _colors(points: Sequence[Point]) -> dict[str, str]:
    issuers = list(dict.fromkeys(p.issuer for p in points))
    return {issuer: PALETTE[i % len(PALETTE)] for i, issuer in enumerate(issuers)}


def _legend(colors: dict[str, str]) -> str:
    parts, x, y = [], LEFT, 44
    for issuer, color in colors.items():
        label = short_issuer(issuer)
        width = 22 + 14 * len(label)
        if x + width > WIDTH - RIGHT:
            x, y = LEFT, y + 18
        parts.append(f'<rect x="{x}" y="{y - 10}" width="12" height="12" fill="{color}"/>'
                     f'<text x="{x + 16}" y="{y}" class="nb-chart-legend">{text(label)}</text>')
        x += width + 12
    return "".join(parts)


def _frame(title: str, ticks: list[float], scale, unit: str) -> str:
    parts = [f'<text x="{WIDTH / 2}" y="22" text-anchor="middle" class="nb-chart-title">{text(title)}</text>']
    for t in ticks:
        y = scale(t)
        parts.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{y:.1f}" y2="{y:.1f}" class="nb-chart-grid"/>'
                     f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" class="nb-chart-tick">'
                     f'{text(_value_label(t, unit))}</text>')
    return "".join(parts)


FLAG = "⚠"


def flag_numbers(points: Sequence[Point]) -> dict[int, int]:
    """Index of each flagged point -> its note's number (1, 2, …) in chart order."""
    flagged = [i for i, p in enumerate(points) if p.flag()]
    return {i: n for n, i in enumerate(flagged, start=1)}


def _marker(x: float, y: float, number: int, p: Point) -> str:
    return (f'<g class="nb-chart-flag" data-flag="{number}"><text x="{x:.1f}" y="{y:.1f}" text-anchor="middle" '
            f'class="nb-chart-flag-mark">{FLAG}{number}</text><title>{text(p.issuer)} {p.year}年：{text(p.flag())}'
            f"</title></g>")


def notes_html(points: Sequence[Point]) -> str:
    """The notes of the flagged values, numbered as their markers."""
    numbers = flag_numbers(points)
    if not numbers:
        return ""
    items = "".join(f'<li data-flag="{n}"><b>{FLAG}{n} {text(short_issuer(points[i].issuer))} {points[i].year}年</b>：'
                    f"{text(points[i].flag())}</li>" for i, n in numbers.items())
    return (f'<div class="nb-chart-notes"><div>{FLAG} 标记的数值来自勾稽关系不成立的年报，或取自原文无法确定的格'
            f"（详见“问题清单”）：</div><ol>{items}</ol></div>")


def chart_html(points: Sequence[Point], kind: str, title: str) -> str:
    """The chart and, under it, the notes of its flagged values."""
    return chart_svg(points, kind, title) + notes_html(points)


def chart_svg(points: Sequence[Point], kind: str, title: str) -> str:
    """An SVG chart of the points: kind 'bar' (one bar per report) or 'line' (one line per
    issuer over the years)."""
    if not points:
        return '<div class="nb-empty">没有符合条件的年报。</div>'
    unit = points[0].unit
    values = [p.value for p in points if p.value is not None]
    low, high = min([0.0] + values), max([0.0] + values)
    # headroom for the value labels above the highest bar
    ticks = nice_ticks(low * 1.08, high * 1.08)
    y_low, y_high = ticks[0], ticks[-1]
    plot_h = HEIGHT - TOP - BOTTOM

    def scale(v: float) -> float:
        return TOP + plot_h * (1 - (v - y_low) / ((y_high - y_low) or 1))

    colors = _colors(points)
    body = [_frame(title, ticks, scale, unit), _legend(colors)]
    body.append(_bars(points, scale, colors, unit) if kind == "bar" else _lines(points, scale, colors, unit))
    body.append(f'<line x1="{LEFT}" x2="{WIDTH - RIGHT}" y1="{scale(0):.1f}" y2="{scale(0):.1f}" '
                'class="nb-chart-axis"/>')
    return (f'<svg class="nb-chart" viewBox="0 0 {WIDTH} {HEIGHT}" width="100%" role="img" '
            f'aria-label="{attr(title)}" xmlns="http://www.w3.org/2000/svg">{"".join(body)}</svg>')


def _x_label(x: float, label: str) -> str:
    y = HEIGHT - BOTTOM + 16
    return (f'<text x="{x:.1f}" y="{y}" transform="rotate(-35 {x:.1f} {y})" text-anchor="end" '
            f'class="nb-chart-tick">{text(label)}</text>')


def _bars(points: Sequence[Point], scale, colors: dict[str, str], unit: str) -> str:
    band = (WIDTH - LEFT - RIGHT) / len(points)
    numbers = flag_numbers(points)
    parts = []
    for i, p in enumerate(points):
        center = LEFT + band * (i + 0.5)
        parts.append(_x_label(center, f"{short_issuer(p.issuer)} {p.year}"))
        if p.value is None:
            parts.append(f'<text x="{center:.1f}" y="{scale(0) - 6:.1f}" text-anchor="middle" '
                         f'class="nb-chart-missing">无数据</text>')
            if i in numbers:
                parts.append(_marker(center, scale(0) - 20, numbers[i], p))
            continue
        top, zero = scale(max(p.value, 0)), scale(min(p.value, 0))
        width = band * 0.68
        parts.append(f'<rect x="{center - width / 2:.1f}" y="{top:.1f}" width="{width:.1f}" '
                     f'height="{max(zero - top, 0.5):.1f}" fill="{colors[p.issuer]}" class="nb-bar">'
                     f'<title>{text(p.issuer)} {p.year}年：{text(_value_label(p.value, unit))}</title></rect>')
        label_y = top - 5 if p.value >= 0 else zero + 14
        parts.append(f'<text x="{center:.1f}" y="{label_y:.1f}" text-anchor="middle" class="nb-chart-value">'
                     f"{text(_value_label(p.value, unit))}</text>")
        if i in numbers:
            parts.append(_marker(center, (top if p.value >= 0 else zero) - (18 if p.value >= 0 else -30),
                                 numbers[i], p))
    return "".join(parts)


def _lines(points: Sequence[Point], scale, colors: dict[str, str], unit: str) -> str:
    years = sorted({p.year for p in points})
    step = (WIDTH - LEFT - RIGHT) / len(years)

    def x_of(year: int) -> float:
        return LEFT + step * (years.index(year) + 0.5)

    parts = [_x_label(x_of(y) + 12, f"{y}年") for y in years]
    numbers = flag_numbers(points)
    for i, p in enumerate(points):
        if i in numbers:   # beside the point (or where it would be: 无数据 has none)
            y = scale(p.value if p.value is not None else 0)
            parts.append(_marker(x_of(p.year) + 14, y + 14, numbers[i], p))
    for issuer, color in colors.items():
        mine = sorted((p for p in points if p.issuer == issuer and p.value is not None), key=lambda p: p.year)
        if len(mine) > 1:
            path = " ".join(f"{x_of(p.year):.1f},{scale(p.value):.1f}" for p in mine)
            parts.append(f'<polyline points="{path}" fill="none" stroke="{color}" stroke-width="2.5"/>')
        for p in mine:
            value = p.value
            assert value is not None, "mine holds the points with a value"
            x, y = x_of(p.year), scale(value)
            parts.append(f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4.5" fill="{color}">'
                         f'<title>{text(p.issuer)} {p.year}年：{text(_value_label(value, unit))}</title></circle>'
                         f'<text x="{x:.1f}" y="{y - 9:.1f}" text-anchor="middle" class="nb-chart-value">'
                         f"{text(_value_label(value, unit))}</text>")
    return "".join(parts)
