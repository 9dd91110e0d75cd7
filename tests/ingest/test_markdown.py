"""Markdown as PDF converters write it (MinerU, docling, marker) gives the source's cells.

The Markdown is written here, from the HTML twin of a real report, the way a converter
writes it: '#' headings, GFM pipe tables with a header row and merged cells repeated over
their span (docling) or left empty (marker), a page footer "— 5 —" inside a table, and
MinerU's HTML <table> blocks.
"""

from __future__ import annotations

import json
import re

import pytest
from bs4 import BeautifulSoup, NavigableString, Tag

from ingest.extract import extract, file_sha256
from ingest.loaders import load, markdown_text
from tests.conftest import EXPECTED, corpus_file

TWINS = ["pingtan__2023_87885_page", "pingtan__2024_97791_page"]
_HEADING = re.compile(r"^[一二三四五六]、")


def _grid(table: Tag, repeat: bool) -> list[list[str]]:
    """The table as a full grid; a merged cell's text repeated over its span, or only in
    its first position (the other positions empty)."""
    grid: dict[tuple[int, int], str] = {}
    for r, tr in enumerate(table.find_all("tr")):
        c = 0
        for td in tr.find_all(["td", "th"]):
            while (r, c) in grid:
                c += 1
            text = re.sub(r"\s+", "", td.get_text("", strip=True))
            rows, cols = int(td.get("rowspan", 1)), int(td.get("colspan", 1))
            for dr in range(rows):
                for dc in range(cols):
                    grid[(r + dr, c + dc)] = text if repeat or (dr, dc) == (0, 0) else ""
            c += cols
    height = max(r for r, _ in grid) + 1
    width = max(c for _, c in grid) + 1
    return [[grid.get((r, c), "") for c in range(width)] for r in range(height)]


def _pipe_table(table: Tag, repeat: bool, footer_at: int | None) -> list[str]:
    grid = _grid(table, repeat)
    def row(cells):
        return "| " + " | ".join(cells) + " |"
    lines = [row(grid[0]), "|" + "|".join(" --- " for _ in grid[0]) + "|"]
    for i, cells in enumerate(grid[1:], start=1):
        if i == footer_at:
            # A page break inside the table: the converter keeps the footer, once as a row
            # of its own and once as a bare line between two rows.
            lines.append(row(["— 5 —"] + [""] * (len(cells) - 1)))
            lines.append("")
            lines.append("— 6 —")
            lines.append("")
        lines.append(row(cells))
    return lines


def converter_markdown(html: str, style: str) -> str:
    """A converter's Markdown of the report in ``html``: docling, marker or mineru."""
    soup = BeautifulSoup(html, "lxml")
    root = max((el for el in soup.find_all(["div", "td"]) if el.find("table") is not None
                and "总体情况" in el.get_text("")), key=lambda el: -len(el.get_text("")))
    title = soup.title.get_text(strip=True).split("_")[0]
    out = [f"# {title}", "", "![](images/emblem.jpg)", ""]
    tables = 0

    def walk(el: Tag) -> None:
        nonlocal tables
        for child in el.children:
            if isinstance(child, NavigableString):
                continue
            if child.name == "table":
                tables += 1
                if style == "mineru":
                    out.extend([str(child), ""])
                else:
                    footer = 12 if tables == 2 else None
                    out.extend(_pipe_table(child, style == "docling", footer) + [""])
            elif child.name in ("p", "h1", "h2", "h3", "h4") and child.find("table") is None:
                text = child.get_text("", strip=True)
                if text:
                    out.extend([f"## {text}" if _HEADING.match(text) else text, ""])
            else:
                walk(child)

    walk(root)
    return "\n".join(out)


@pytest.mark.parametrize("style", ["docling", "marker", "mineru"])
@pytest.mark.parametrize("stem", TWINS)
def test_converter_markdown_gives_the_html_cells(stem, style, tmp_path):
    html_path = corpus_file(f"twins/{stem}.html")
    truth = json.loads((EXPECTED / "pingtan_html_twins.json").read_text(encoding="utf-8"))[f"{stem}.html"]
    md = converter_markdown(html_path.read_text(encoding="utf-8"), style)
    if style != "mineru":
        assert "| — 5 — |" in md and "\n— 6 —\n" in md and "\n## 三、收到和处理政府信息公开申请情况" in md
    path = tmp_path / f"{stem}.md"
    path.write_text(md, encoding="utf-8")
    ex = extract(load(path), file_sha256(path))
    got = {c.cell_id: c.value for c in ex.cells}
    assert got == pytest.approx(truth)
    assert len(got) == 200
    html = extract(load(html_path), file_sha256(html_path)).report
    assert (ex.report.issuer, ex.report.year, ex.report.template) == (html.issuer, html.year, html.template)
    assert ex.report.issuer == "平潭综合实验区" and ex.report.format == "md"
    assert not [f for f in ex.findings if f.rule in ("L0", "M1")]
    # No page footer survives into the text, and no heading keeps its '#'.
    doc = load(path)
    assert "— 5 —" not in doc.text and "— 6 —" not in doc.text and "#" not in doc.text


def test_markdown_text_keeps_empty_cells_and_drops_delimiters():
    text, tables = markdown_text("## 四、行政复议\n\n| a | b | c |\n|:---|---:|---|\n| 规章 |  | 3 |\n| **x** | \\| | |\n")
    assert tables == 1
    assert text.strip("\n").split("\n") == ["四、行政复议", "", "a\tb\tc", "规章\t\t3", "x\t|\t"]
