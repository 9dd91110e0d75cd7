"""Scans of the real PDFs read by OCR give the hand-checked cells, or say they cannot.

Each real PDF of the corpus is rendered here into a scan of itself (every page an image
at 150 dpi, no text layer: ingest.ocr.image_only_pdf), then loaded and extracted as any
upload is. Every page goes through OCR, once per test session (module fixture); the
cells are judged against tests/expected with the extraction metric of evals (right,
flagged, silently wrong, missing). The borderless and the skewed page tests read one page
each at the ``read_page`` level.
"""

from __future__ import annotations

import logging
import time
from pathlib import Path

import pytest

from evals.metrics.extraction import score_report
from ingest.extract import Extraction, extract, file_sha256
from ingest.loaders import load
from ingest.sections import body_start, find_sections
from tests.conftest import corpus_file, expected
from ui.pages import ocr_confidence, parse_position

pytestmark = pytest.mark.slow   # OCR of 16 pages, about a minute on 2 cores: `-m 'not slow'` skips it
pytest.importorskip("rapidocr_onnxruntime", reason="the OCR engine is not installed: pip install 'nianbao[ocr]'")

STEMS = ["govnb__szfgs2024", "kiro__hzq2023_working", "kiro__hzq2024_working"]


class Read:
    """One file read two ways: its scan through OCR, the original through its text layer."""

    def __init__(self, stem: str, folder: Path):
        from ingest.ocr import image_only_pdf

        self.stem = stem
        self.original = corpus_file(f"real/{stem}.pdf")
        self.scan = image_only_pdf(self.original, folder / f"{stem}.pdf")
        self.pages: list = []
        started = time.perf_counter()
        self.doc = load(self.scan, progress=self.pages.append)
        self.ocr = extract(self.doc, file_sha256(self.scan))
        self.seconds = time.perf_counter() - started
        self.text_doc = load(self.original)
        self.text: Extraction = extract(self.text_doc, file_sha256(self.original))


@pytest.fixture(scope="module")
def reads(tmp_path_factory) -> dict[str, Read]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    folder = tmp_path_factory.mktemp("scans")
    return {stem: Read(stem, folder) for stem in STEMS}


def test_every_page_of_a_scan_goes_through_ocr_once(reads):
    for read in reads.values():
        assert [p.number for p in read.pages] == list(range(1, read.doc.pages + 1))
        assert read.doc.pages == read.text_doc.pages
        line = read.pages[0].progress_line(str(read.scan), read.doc.pages)
        assert line.startswith(f"{read.scan}: OCR 第1页（共{read.doc.pages}页）")


def test_cells_match_the_hand_checked_values_or_are_flagged(reads):
    table = [f"{'file':<24}{'cells':>6}{'right':>7}{'flagged':>9}{'silently wrong':>16}{'missing':>9}{'s/page':>8}"]
    total = right = wrong = 0
    failures = []
    for stem, read in reads.items():
        score = score_report(stem, expected(stem)["cells"], read.ocr.cells)
        counts = score.counts
        table.append(f"{stem:<24}{score.total:>6}{counts['correct']:>7}{score.flagged:>9}{score.silently_wrong:>16}"
                     f"{counts['missing']:>9}{read.seconds / read.doc.pages:>8.1f}")
        total += score.total
        right += counts["correct"]
        wrong += score.silently_wrong + counts["flagged_wrong"] + counts["missing"]
        failures += [(stem, f) for f in score.failures if f.outcome != "flagged_correct"]
    print("\n" + "\n".join(table))
    assert failures == []
    assert wrong == 0
    assert right / total >= 0.99, "\n".join(table)


def test_a_flagged_cell_is_a_broken_rule_still_reported(reads):
    """洪泽区 2023 prints two R4 errors (行政复议 总计 0 for 10 + 1, 复议后起诉 总计 0 for 5).
    Read by OCR they cannot be told from misreadings: the cells are ambiguous (the printed
    figure first among the candidates) and the broken rules are still reported."""
    read = reads["kiro__hzq2023_working"]
    flagged = {c.cell_id: c for c in read.ocr.cells if c.status == "ambiguous"}
    truth = expected("kiro__hzq2023_working")["cells"]
    assert set(flagged) == {"review.review.total", "review.litigation_after_review.upheld",
                            "review.litigation_after_review.total"}
    assert all(c.candidates[0] == truth[cid] and c.rule == "OCR" for cid, c in flagged.items())
    assert flagged["review.review.total"].candidates == (0.0, 11.0)
    broken = {(f.rule, f.cells) for f in read.ocr.findings}
    assert broken == {(f.rule, f.cells) for f in read.text.findings} and len(broken) == 2


def test_the_page_text_names_the_report_and_its_sections(reads):
    for stem, read in reads.items():
        exp = expected(stem)
        report = read.ocr.report
        assert (report.issuer, report.year, report.template) == (exp["issuer"], exp["year"], exp["template"])
        assert report.title == read.text.report.title
        ocr_sections = [s.id for s in find_sections(read.doc.text, body_start(read.doc.text))]
        text_sections = [s.id for s in find_sections(read.text_doc.text, body_start(read.text_doc.text))]
        assert ocr_sections == text_sections
        assert {"overview", "active", "requests", "review", "problems", "other_matters"} <= set(ocr_sections)
        assert "一、总体情况" in read.doc.text
        assert len(read.ocr.chunks) == len(read.text.chunks)


def test_ocr_cells_cite_page_and_box_where_the_text_layer_has_them(reads):
    read = reads["govnb__szfgs2024"]
    cells = {c.cell_id: c for c in read.ocr.cells}
    for cid, page in expected("govnb__szfgs2024")["cell_pages"].items():
        assert cells[cid].page == page, cid
    for c in read.text.cells:
        ocr = cells[c.cell_id]
        assert ocr.position.startswith("bbox ")
        box, printed = parse_position(ocr.position)[1], parse_position(c.position)[1]
        assert ocr_confidence(ocr.position) is not None and ocr_confidence(c.position) is None
        # pixels / (150 / 72): the OCR'd cell lies where pdfplumber found it, within 5 pt
        assert max(abs(a - b) for a, b in zip(box, printed)) < 5, c.cell_id


def _page(read: Read, number: int):
    import pypdfium2 as pdfium

    from ingest.ocr import render

    pdf = pdfium.PdfDocument(str(read.scan))
    try:
        return render(pdf, number - 1)
    finally:
        pdf.close()


def _numbers(rows) -> list[tuple[str, ...]]:
    """Each row's value fields (from the first number on), the way extract_rows reads them."""
    from assistant.domain.values import is_number_text

    out = []
    for row in rows:
        texts = [f.text for f in row.fields]
        first = next((i for i, t in enumerate(texts) if is_number_text(t)), None)
        if first is not None:
            out.append(tuple(texts[first:]))
    return out


def test_a_page_whose_table_has_no_rules_is_read_by_box_geometry(reads):
    """The 洪泽区 2023 table page with its rules erased: the rows come from the boxes'
    columns, with the same numbers in the same order as the ruled page's."""
    from ingest import grid
    from ingest.ocr import default_engine, read_page

    read = reads["kiro__hzq2023_working"]
    gray = _page(read, 3)
    _, lines = grid.find_tables(grid.ruling_lines(grid.rule_ink(gray), 150), 150)
    borderless = gray.copy()
    borderless[lines > 0] = 255
    page = read_page(borderless, 3, default_engine())
    assert page.tables == 0
    ruled = [r for r in read.doc.rows if r.page == 3]
    assert _numbers(page.rows) == _numbers(ruled)
    assert all(f.bbox and f.confidence is not None for r in page.rows for f in r.fields)


def test_a_skewed_noisy_scan_reads_the_same_rows(reads):
    """The same page turned by 0.8° with scanner noise: straightened, the same numbers."""
    import numpy as np

    from ingest import grid
    from ingest.ocr import default_engine, read_page

    read = reads["kiro__hzq2023_working"]
    gray = grid.rotate(_page(read, 3), 0.8).astype(np.float32)
    noisy = np.clip(gray + np.random.default_rng(0).normal(0, 10, gray.shape), 0, 255).astype(np.uint8)
    page = read_page(noisy, 3, default_engine())
    assert page.tables == 2
    assert _numbers(page.rows) == _numbers([r for r in read.doc.rows if r.page == 3])


def test_only_the_pages_without_text_go_through_ocr(reads, tmp_path):
    """The 洪泽区 2024 report with only its first page scanned (title, issuer, 总体情况):
    that page is OCR'd, the others read from their text layer, in page order."""
    import pypdfium2 as pdfium

    read = reads["kiro__hzq2024_working"]
    mixed = pdfium.PdfDocument.new()
    scan, original = pdfium.PdfDocument(str(read.scan)), pdfium.PdfDocument(str(read.original))
    mixed.import_pages(scan, [0])
    mixed.import_pages(original, list(range(1, len(original))))
    path = tmp_path / "mixed.pdf"
    mixed.save(str(path))
    for pdf in (mixed, scan, original):
        pdf.close()
    pages: list = []
    doc = load(path, progress=pages.append)
    assert [p.number for p in pages] == [1]
    ex = extract(doc, file_sha256(path))
    assert (ex.report.issuer, ex.report.year) == (read.text.report.issuer, read.text.report.year)
    assert doc.text[:doc.page_starts[1]].startswith(read.doc.text[:20])
    assert doc.text[doc.page_starts[1]:] == read.text_doc.text[read.text_doc.page_starts[1]:]
    assert {c.cell_id: c.value for c in ex.cells} == {c.cell_id: c.value for c in read.text.cells}
