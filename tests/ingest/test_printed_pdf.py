"""A report page printed to PDF by a browser reads like the page itself.

Headless chromium prints each HTML twin here (in a tmp dir). The printed PDF's text layer
really uses Kangxi radicals and CJK radical-supplement forms for ordinary characters
(⼀ U+2F00 for 一, ⼈ U+2F08 for 人, ⺠ U+2EA0 for 民, ⾏ U+2F8F for 行), and the browser adds a
header (date, time, page title) and a footer (file URL, page n/N) to every page. After
loading, the text is the ordinary one, the raw text is kept with the same length, and the
cells are the HTML's.
"""

from __future__ import annotations

import json
import logging
import shutil
import subprocess
from pathlib import Path

import pytest

from ingest.extract import extract, file_sha256
from ingest.loaders import load
from tests.conftest import EXPECTED, corpus_file

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it

TWINS = ["pingtan__2023_87885_page", "pingtan__2024_97791_page"]
CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser") or shutil.which("google-chrome")


def _radicals(text: str) -> list[str]:
    return [ch for ch in text if 0x2F00 <= ord(ch) <= 0x2FDF or 0x2E80 <= ord(ch) <= 0x2EFF]


def print_to_pdf(html: Path, out: Path) -> Path:
    if CHROMIUM is None:
        pytest.skip("chromium is not installed: cannot print the HTML twins to PDF")
    try:
        subprocess.run([CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", f"--print-to-pdf={out}",
                        html.resolve().as_uri()], check=True, capture_output=True, timeout=120)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired) as exc:
        pytest.skip(f"chromium could not print {html.name}: {exc}")
    if not out.exists() or out.stat().st_size == 0:
        pytest.skip(f"chromium wrote no PDF for {html.name}")
    return out


@pytest.fixture(scope="module")
def printed(tmp_path_factory) -> dict[str, Path]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)   # fonts without a FontBBox: harmless
    folder = tmp_path_factory.mktemp("printed")
    return {stem: print_to_pdf(corpus_file(f"twins/{stem}.html"), folder / f"{stem}.pdf") for stem in TWINS}


@pytest.mark.parametrize("stem", TWINS)
def test_printed_pdf_gives_the_html_cells(printed, stem):
    truth = json.loads((EXPECTED / "pingtan_html_twins.json").read_text(encoding="utf-8"))[f"{stem}.html"]
    pdf = printed[stem]
    doc = load(pdf)
    # The text layer really spells ordinary characters as radicals; loading maps them back.
    raw = _radicals(doc.raw_text)
    assert len(raw) > 100 and {"⼀", "⼈", "⺠"} <= set(raw)
    assert _radicals(doc.text) == []
    assert len(doc.text) == len(doc.raw_text)
    assert "一、总体情况" in doc.text and "⼀、总体情况" in doc.raw_text
    assert "中华人民共和国政府信息公开条例" in doc.text
    ex = extract(doc, file_sha256(pdf))
    got = {c.cell_id: c.value for c in ex.cells}
    assert got == pytest.approx(truth)
    # The 行政规范性文件 row is read only because its printed label ⾏政规范性⽂件 is normalised.
    assert got["active.normative_docs.in_force"] == truth["active.normative_docs.in_force"]
    html = corpus_file(f"twins/{stem}.html")
    twin = extract(load(html), file_sha256(html)).report
    assert (ex.report.issuer, ex.report.year, ex.report.template, ex.report.published) == (
        twin.issuer, twin.year, twin.template, twin.published)
    assert ex.report.title == f"平潭综合实验区{twin.year}年度政府信息公开工作年度报告"
    # The browser's page header and footer are not report text.
    assert "file://" not in doc.text and " PM " not in doc.text
    cells = {c.cell_id: c for c in ex.cells}
    assert cells["requests.new.total"].page and cells["requests.new.total"].position.startswith("bbox ")


@pytest.mark.parametrize("stem", TWINS)
def test_offsets_in_the_normalised_text_point_at_the_raw_text(printed, stem):
    doc = load(printed[stem])
    at = doc.text.find("一、总体情况")
    assert doc.raw_text[at:at + 6] == "⼀、总体情况"
    ex = extract(doc, file_sha256(printed[stem]))
    for chunk in ex.chunks:
        if chunk.kind == "passage":
            assert chunk.text == doc.text[chunk.start:chunk.end]
            assert len(doc.raw_text[chunk.start:chunk.end]) == len(chunk.text)


def test_a_pdf_without_ruled_tables_is_stored_with_the_reason(tmp_path):
    """The same page printed with its table borders removed: no table is found, and
    ingest says so in Chinese instead of a plain 'ok, 0 cells'."""
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    stem = TWINS[0]
    html = corpus_file(f"twins/{stem}.html").read_text(encoding="utf-8")
    html = html.replace("<head>", "<head><style>table, td, th, tr { border: none !important; }</style>", 1)
    html = html.replace('border="1"', 'border="0"')
    page = tmp_path / "borderless.html"
    page.write_text(html, encoding="utf-8")
    pdf = print_to_pdf(page, tmp_path / "borderless.pdf")
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    [result] = ingest_paths(library, [pdf])
    assert result.status == "added" and result.cells == 0
    assert result.issuer == "平潭综合实验区" and result.year == 2023
    # The one ruled table left is the site's own page furniture, not one of the three.
    reason = ("L0: 未读出表格：PDF中有1个带框线的表格，但没有一行的栏目名称对得上“主动公开”“收到和处理申请”"
              "“行政复议、行政诉讼”三张标准表（三张表可能是图片或无框线排版；有文字层的页不做OCR）")
    assert result.line() == (f"{pdf}: 新增：发布机关 平潭综合实验区，2023年度，读出0个表格数字，"
                             f"发现1项问题：{reason}")
    [finding] = library.sql.findings(result.report_id)
    assert (finding.rule, finding.detail) == ("L0", reason)
