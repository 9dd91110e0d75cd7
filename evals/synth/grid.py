"""The three statistical tables of a synthetic report as grids with merged cells.

One grid per table, shaped like the official template (group headings spanning
columns, 三、本年度办理结果 spanning the result rows, the two-level header of 四). Every
renderer draws from these grids: HTML/DOCX/PDF keep the spans, the text layouts
flatten them the way real exports do.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from assistant.domain.rules import REVIEW_PARTS
from assistant.domain.template import ORG_COLUMNS, REQUEST_COLUMNS, REVIEW_ROWS, V2019
from evals.synth.data import SynthReport, template_rows

_ENUMERATOR = re.compile(r"^([（(][一二三四五六七八九十]+[)）]|\d\.|[一二三四]、)")


# Misprints seen in real reports (kiro__hzq2023 prints 其他法律行政止公开).
TYPOS = {"其他法律行政法规禁止公开": "其他法律行政止公开", "保护第三方合法权益": "保护第三方合法权利",
         "没有现成信息需要另行制作": "没有现成信息需另行制作"}


@dataclass(frozen=True)
class GridCell:
    text: str
    colspan: int = 1
    rowspan: int = 1
    value: bool = False      # a printed number (or blank number cell), not a label


Grid = list[list[GridCell]]


@dataclass(frozen=True)
class LabelStyle:
    """How one report spells its labels: full-width or ASCII brackets, stray spaces."""

    ascii_parens: bool = False
    spaced: bool = False
    fee_typo: bool = False
    typos: bool = False

    @staticmethod
    def pick(rng: random.Random) -> LabelStyle:
        return LabelStyle(rng.random() < 0.3, rng.random() < 0.25, rng.random() < 0.15, rng.random() < 0.1)

    def __call__(self, text: str) -> str:
        if self.spaced:
            text = _ENUMERATOR.sub(r"\1 ", text, count=1)
        if self.ascii_parens:
            text = text.replace("（", "(").replace("）", ")")
        return text


def _label(text: str) -> GridCell:
    return GridCell(text)


def _values(report: SynthReport, ids: list[str], spans: list[int] | None = None) -> list[GridCell]:
    spans = spans or [1] * len(ids)
    return [GridCell(report.printed[cid], colspan=s, value=True) for cid, s in zip(ids, spans)]


def active_grid(report: SynthReport, style: LabelStyle) -> Grid:
    """二、主动公开政府信息情况 (four columns)."""
    rows_by_id = {r.id: r for r in template_rows(report, "active")}
    grid: Grid = []

    def group(article: str, headers: list[str], row_ids: list[str]) -> None:
        grid.append([GridCell(style(f"第二十条第（{article}）项"), colspan=4)])
        spans = [1] * len(headers) if len(headers) == 3 else [1] * (len(headers) - 1) + [4 - len(headers)]
        grid.append([_label("信息内容")] + [GridCell(h, colspan=s) for h, s in zip(headers, spans)])
        for row_id in row_ids:
            row = rows_by_id[row_id]
            label = row.label
            if row_id == "fees" and style.fee_typo:
                label = "行政事业型收费"
            ids = [row.cell_id(c.id) for c in row.columns]
            grid.append([_label(label)] + _values(report, ids, spans))

    if report.version == V2019:
        docs = ["本年新制作数量", "本年新公开数量", "对外公开总数量"]
        items = ["上一年项目数量", "本年增/减", "处理决定数量"]
        group("一", docs, ["rules", "normative_docs"])
        group("五", items, ["licensing", "other_services"])
        group("六", items, ["penalty", "coercion"])
        group("八", items[:2], ["fees"])
        group("九", ["采购项目数量", "采购总金额"], ["procurement"])
    else:
        group("一", ["本年制发件数", "本年废止件数", "现行有效件数"], ["rules", "normative_docs"])
        group("五", ["本年处理决定数量"], ["licensing"])
        group("六", ["本年处理决定数量"], ["penalty", "coercion"])
        group("八", ["本年收费金额（单位：万元）"], ["fees"])
    return grid


def _request_ids(row_id: str) -> list[str]:
    return [f"requests.{row_id}.{c.id}" for c in REQUEST_COLUMNS]


def request_grid(report: SynthReport, style: LabelStyle) -> Grid:
    """三、收到和处理政府信息公开申请情况 (three label columns, seven value columns)."""
    org_labels = {c.id: c.label for c in REQUEST_COLUMNS}
    grid: Grid = [
        [GridCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", 3, 3),
         GridCell("申请人情况", 7)],
        [GridCell("自然人", 1, 2), GridCell("法人或其他组织", 5), GridCell("总计", 1, 2)],
        [GridCell(org_labels[c]) for c in ORG_COLUMNS],
    ]
    template = template_rows(report, "requests")
    rows = [r for r in template if r.id not in report.omitted]
    results = [r for r in rows if r.id not in ("new", "carried_in", "result_total", "carried_out")]
    groups = {"withheld": "（三）不予公开", "unavailable": "（四）无法提供",
              "not_processed": "（五）不予处理", "other": "（六）其他处理"}
    first_result = True
    seen_groups: set[str] = set()
    numbered = {"granted": "（一）予以公开", "partial": "（二）部分公开（区分处理的，只计这一情形，不计其他情形）",
                "other": "（六）其他处理", "result_total": "（七）总计"}
    for row in rows:
        ids = _request_ids(row.id)
        if row.id in ("new", "carried_in", "carried_out"):
            text = {"new": "一、", "carried_in": "二、", "carried_out": "四、"}[row.id] + row.label
            grid.append([GridCell(style(text), 3)] + _values(report, ids))
            continue
        cells: list[GridCell] = []
        if first_result:
            cells.append(GridCell(style("三、本年度办理结果"), 1, len(results) + 1))
            first_result = False
        if row.id in numbered:
            cells.append(GridCell(style(numbered[row.id]), 2))
        else:
            group_id = row.id.split(".")[0]
            members = [r for r in results if r.id.startswith(group_id + ".")]
            if group_id not in seen_groups:
                seen_groups.add(group_id)
                cells.append(GridCell(style(groups[group_id]), 1, len(members)))
            number = [r.id for r in template if r.id.startswith(group_id + ".")].index(row.id) + 1
            label = "其他" if row.id == "other.other" else TYPOS.get(row.label, row.label) if style.typos else row.label
            cells.append(GridCell(style(f"{number}.{label}")))
        grid.append(cells + _values(report, ids))
    return grid


def review_grid(report: SynthReport) -> Grid:
    """四、政府信息公开行政复议、行政诉讼情况 (fifteen columns, one data row)."""
    parts = ["结果维持", "结果纠正", "其他结果", "尚未审结", "总计"]
    ids = [f"review.{r.id}.{p}" for r in REVIEW_ROWS for p in REVIEW_PARTS + ("total",)]
    return [
        [GridCell("行政复议", 5), GridCell("行政诉讼", 10)],
        [GridCell(p, 1, 2) for p in parts] + [GridCell("未经复议直接起诉", 5), GridCell("复议后起诉", 5)],
        [GridCell(p) for p in parts * 2],
        _values(report, ids),
    ]


def width(grid: Grid) -> int:
    return sum(c.colspan for c in grid[0])


def owners(grid: Grid) -> dict[tuple[int, int], tuple[int, int]]:
    """Every grid position -> the (row, column) of the printed cell covering it."""
    ncols = width(grid)
    owner: dict[tuple[int, int], tuple[int, int]] = {}
    for r, row in enumerate(grid):
        c = 0
        for cell in row:
            while (r, c) in owner:
                c += 1
            for dr in range(cell.rowspan):
                for dc in range(cell.colspan):
                    owner[(r + dr, c + dc)] = (r, c)
            c += cell.colspan
        assert c <= ncols, f"row {r} is wider than the grid"
    return owner


def anchors(grid: Grid) -> list[tuple[int, int, GridCell]]:
    """(row, column, cell) for every printed cell of the grid, in reading order."""
    owner = owners(grid)
    out: list[tuple[int, int, GridCell]] = []
    for r, row in enumerate(grid):
        starts = sorted(c for (rr, c), o in owner.items() if rr == r and o == (r, c))
        out.extend((r, c, cell) for c, cell in zip(starts, row))
    return out


def flatten(grid: Grid, pad_rows: bool, pad_cols: bool) -> list[list[str]]:
    """Rows as cell texts; a position covered by a span above (pad_rows) or to the left
    (pad_cols) becomes an empty field, as Word-to-text exports print them."""
    owner = owners(grid)
    ncols = width(grid)
    texts = {(r, c): cell.text for r, c, cell in anchors(grid)}
    out = []
    for r in range(len(grid)):
        cells = []
        for c in range(ncols):
            o = owner.get((r, c))
            if o == (r, c):
                cells.append(texts[o])
            elif o is not None and ((o[0] < r and pad_rows) or (o[0] == r and pad_cols)):
                cells.append("")
        out.append(cells)
    return out
