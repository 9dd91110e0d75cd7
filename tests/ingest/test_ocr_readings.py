"""OCR readings without running OCR: digits as printed, what the rules vouch for, the grid.

The end-to-end OCR of real scans is in test_ocr.py (slow); these are fast: value_text,
tables.confirm_readings over a real table whose fields are given confidences, and
ingest.grid on images drawn here.
"""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from assistant.domain.records import STATUS_AMBIGUOUS, STATUS_OK
from ingest.document import ReportParseError, Row
from ingest.loaders import load
from ingest.ocr import DOUBT, INSTALL_HINT, value_text
from ingest.tables import SURE, confirm_readings, extract_rows
from tests.conftest import corpus_file
from tests.ingest.test_bad_input import image_only_pdf

cv2 = pytest.importorskip("cv2", reason="OpenCV (installed with the ocr extra) is needed for the grid")
np = pytest.importorskip("numpy")


@pytest.mark.parametrize("read, printed, sure", [
    pytest.param("447", "447", True, id="digits"),
    pytest.param("O", "0", True, id="letter-O-for-zero"),
    pytest.param("l05", "105", True, id="letter-l-for-one"),
    pytest.param("S3", "53", True, id="letter-S-for-five"),
    pytest.param("3 985 758", "3985758", True, id="spaces-inside"),
    pytest.param("1,234", "1234", True, id="thousands-separator"),
    pytest.param("7730,28", "7730.28", False, id="comma-for-decimal-point"),
    pytest.param("7730。28", "7730.28", False, id="full-stop-for-decimal-point"),
    pytest.param("0)", "0", False, id="rule-fringe-as-bracket"),
    pytest.param("|0", "0", False, id="rule-fringe-as-bar"),
    pytest.param("1+", "1", False, id="speck-as-plus"),
    pytest.param("|", "1", False, id="lone-bar"),
    pytest.param("+3", "+3", True, id="signed-change-kept"),
    pytest.param("（一）予以公开", "（一）予以公开", True, id="label-unchanged"),
    pytest.param("", "", True, id="empty"),
])
def test_value_text_reads_digits_as_printed(read, printed, sure):
    text, confidence = value_text(read, 0.99)
    assert text == printed
    assert confidence == (0.99 if sure else DOUBT)


def _as_read(rows: list[Row], confidence: float = 0.99, changes: dict[str, tuple[str, float]] | None = None) -> list[Row]:
    """The rows as if OCR had read them, every field at ``confidence``; ``changes`` maps a
    printed field text at (row index:field index) to another reading."""
    out = []
    for r, row in enumerate(rows):
        fields = []
        for k, f in enumerate(row.fields):
            text, conf = (changes or {}).get(f"{r}:{k}", (f.text, confidence))
            fields.append(replace(f, text=text, confidence=conf))
        out.append(replace(row, fields=tuple(fields)))
    return out


@pytest.fixture(scope="module")
def table_rows() -> list[Row]:
    logging.getLogger("pdfminer").setLevel(logging.ERROR)
    return load(corpus_file("real/kiro__hzq2024_working.pdf")).rows


def _where(rows: list[Row], label: str, column: int) -> str:
    """'row:field' of the value ``column`` fields after the field labelled ``label``."""
    for r, row in enumerate(rows):
        for k, f in enumerate(row.fields):
            if f.text == label:
                return f"{r}:{k + column}"
    raise AssertionError(label)


def test_readings_the_rules_hold_for_stand(table_rows):
    cells = confirm_readings(extract_rows(_as_read(table_rows), "2021"), "2021")
    assert [cid for cid, c in cells.items() if c.status == STATUS_AMBIGUOUS] == []
    assert cells["requests.new.total"].field.confidence == 0.99


def test_a_misread_number_breaking_a_rule_is_ambiguous_with_the_printed_value(table_rows):
    truth = extract_rows(table_rows, "2021")
    at = _where(table_rows, "一、本年新收政府信息公开申请数量", 1)
    printed = truth["requests.new.natural_person"].value
    assert printed is not None
    misread = str(int(printed) + 6)           # a 0 read as 6, say: confidently
    cells = confirm_readings(extract_rows(_as_read(table_rows, changes={at: (misread, 0.99)}), "2021"), "2021")
    cell = cells["requests.new.natural_person"]
    assert cell.status == STATUS_AMBIGUOUS and cell.rule == "OCR"
    assert cell.candidates[0] == float(misread) and printed in cell.candidates
    # Nothing else in the broken rules is taken as printed silently: the other readings in
    # them are ambiguous too, or explain nothing (no non-negative count would mend the rule).
    for cid, c in cells.items():
        if c.status == STATUS_OK and c.value is not None:
            assert c.value == truth[cid].value, cid


def test_a_doubtful_number_no_rule_can_check_is_ambiguous(table_rows):
    at = _where(table_rows, "行政许可", 1)
    cells = confirm_readings(extract_rows(_as_read(table_rows, changes={at: ("4476", SURE - 0.2)}), "2021"), "2021")
    assert cells["active.licensing.decisions"].status == STATUS_AMBIGUOUS
    assert cells["active.licensing.decisions"].candidates == (4476.0,)


def test_a_doubtful_number_a_holding_rule_confirms_stands(table_rows):
    at = _where(table_rows, "一、本年新收政府信息公开申请数量", 7)     # 总计, confirmed by R1 and R2
    truth = extract_rows(table_rows, "2021")["requests.new.total"]
    assert truth.field is not None
    cells = confirm_readings(extract_rows(_as_read(table_rows, changes={at: (truth.field.text, DOUBT)}), "2021"), "2021")
    assert cells["requests.new.total"].status == STATUS_OK
    assert cells["requests.new.total"].value == truth.value


def test_text_layer_cells_are_left_to_the_findings(table_rows):
    """Without confidences (a text layer) a broken rule is a finding, never a re-reading."""
    cells = extract_rows(table_rows, "2021")
    assert confirm_readings(cells, "2021") is cells


def test_without_the_engine_a_scan_names_the_file_and_the_install(tmp_path, monkeypatch):
    import ingest.ocr

    monkeypatch.setattr(ingest.ocr, "available", lambda: False)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(image_only_pdf())
    with pytest.raises(ReportParseError) as exc:
        load(scan)
    assert exc.value.problem == INSTALL_HINT == "无文字层（扫描件），需要安装 OCR：pip install 'nianbao[ocr]'"
    assert str(scan) in str(exc.value)


# ---------------------------------------------------------------- the grid

def _table_image(angle: float = 0.0) -> np.ndarray:
    """A table of four rows drawn at 150 dpi: a header cell spanning two columns, a group
    label spanning the last two rows, no bottom rule (cut by the page break), a light
    shading over the second row's values, "12" in one of them."""
    from ingest import grid

    page = np.full((600, 800), 255, dtype=np.uint8)
    page[160:220, 300:700] = 214
    for y, x0 in ((100, 100), (160, 100), (220, 100), (260, 300)):
        cv2.line(page, (x0, y), (700, y), 0, 2)
    for x, y0 in ((100, 100), (300, 100), (500, 160), (700, 100)):
        cv2.line(page, (x, y0), (x, 300), 0, 2)
    cv2.putText(page, "12", (380, 202), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    return grid.rotate(page, angle) if angle else page


def test_grid_finds_cells_merged_cells_and_rows():
    from ingest import grid

    page = _table_image()
    lines = grid.ruling_lines(grid.rule_ink(page), 150)
    tables, lines = grid.find_tables(lines, 150)
    assert len(tables) == 1
    rows = grid.grid_rows(grid.table_cells(lines, tables[0]))
    widths = [[round((c[2] - c[0]) / 100) for c in row] for row in rows]
    # header: label + a cell spanning two columns; then a row of three; then the group label
    # (spanning two rows, so only in the row where it starts) and its two rows' cells.
    assert widths == [[2, 4], [2, 2, 2], [2, 2, 2], [2, 2]]
    text = grid.binarise(page, grid.TEXT_LEVEL) & ~lines
    assert grid.ink_box(text, rows[1][1]) is not None        # the "12"
    assert grid.ink_box(text, rows[1][2]) is None            # shaded but empty: shading is no ink


@pytest.mark.parametrize("angle", [0.7, -1.2])
def test_a_turned_page_is_straightened(angle):
    from ingest import grid

    assert grid.skew_angle(grid.binarise(_table_image(angle))) == pytest.approx(-angle, abs=0.15)


def test_numbers_side_by_side_in_one_box_are_split_at_the_column_gap():
    from ingest import grid

    ink = np.zeros((40, 400), dtype=np.uint8)
    ink[10:30, 10:30] = 255          # "10"
    ink[10:30, 100:112] = 255        # "1"  (70 px away: columns)
    ink[10:30, 118:130] = 255        # "1"  (6 px away: one number)
    assert grid.split_at_gaps(ink, (0, 5, 400, 35)) == [(10, 5, 30, 35), (100, 5, 130, 35)]


def test_columns_from_box_geometry_without_rules():
    from ingest import grid

    # label | 3 numbers, on three rows; the second label wraps onto a line of its own.
    boxes = [(10, 10, 200, 30), (300, 10, 320, 30), (400, 10, 420, 30), (500, 10, 520, 30),
             (10, 50, 200, 70), (300, 60, 330, 80), (400, 60, 420, 80), (500, 60, 520, 80),
             (10, 72, 120, 92),
             (10, 110, 200, 130), (300, 110, 320, 130), (400, 110, 420, 130), (500, 110, 520, 130)]
    is_value = [False, True, True, True, False, True, True, True, False, False, True, True, True]
    [table] = grid.column_rows(boxes, is_value)
    assert len(table.columns) == 4
    assert table.rows == (((0,), (1,), (2,), (3,)), ((4, 8), (5,), (6,), (7,)), ((9,), (10,), (11,), (12,)))


def test_a_sentence_with_a_number_is_no_table_row():
    from ingest import grid

    # "…受理申请" "21" "件，均在法定期限答复" : the number sits in its sentence
    boxes = [(10, 10, 400, 30), (405, 10, 425, 30), (430, 10, 700, 30)]
    assert grid.column_rows(boxes, [False, True, False]) == []


def test_scan_pdf_helper_makes_pages_without_text(tmp_path):
    import pdfplumber

    from ingest.ocr import image_only_pdf as scan

    pdf = scan(corpus_file("real/kiro__hzq2024_working.pdf"), tmp_path / "scan.pdf")
    with pdfplumber.open(str(pdf)) as opened:
        assert len(opened.pages) == 5
        assert all(not page.chars and page.images for page in opened.pages)
    assert Path(pdf).stat().st_size > 100_000
