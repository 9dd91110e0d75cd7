"""Bad files get one clear line naming the file and the problem; nothing else is lost."""

from __future__ import annotations

import shutil
import zlib
from pathlib import Path

import pytest

from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file


def _pdf(objects: list[bytes], trailer_extra: bytes = b"") -> bytes:
    """A minimal, valid PDF made of the given objects (object 1 is the catalog)."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for off in offsets:
        out += f"{off:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R ".encode() + trailer_extra
            + f">>\nstartxref\n{xref}\n%%EOF\n".encode())
    return bytes(out)


def image_only_pdf() -> bytes:
    """One page that draws a filled rectangle and no text (as a scan would have)."""
    content = b"0 0 1 rg 100 100 200 200 re f"
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
                 b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
                 b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream"])


def encrypted_pdf() -> bytes:
    """A PDF whose trailer names an encryption dictionary with a user password."""
    return _pdf([b"<< /Type /Catalog /Pages 2 0 R >>",
                 b"<< /Type /Pages /Kids [] /Count 0 >>",
                 b"<< /Filter /Standard /V 2 /R 3 /Length 128 /P -3904 "
                 b"/O <" + b"11" * 32 + b"> /U <" + b"22" * 32 + b"> >>"],
                trailer_extra=b"/Encrypt 3 0 R /ID [<0102030405060708> <0102030405060708>] ")


def _scan_reason() -> str:
    """A page with no text and nothing to read on it: OCR finds nothing, or is not installed."""
    from ingest.ocr import INSTALL_HINT, available

    return "无文字层（扫描件），OCR 也未识别出文字" if available() else INSTALL_HINT


SCAN_REASON = _scan_reason()


@pytest.fixture()
def bad_folder(tmp_path: Path) -> Path:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.pdf").write_bytes(b"")
    real = corpus_file("real/kiro__hzq2024_working.pdf").read_bytes()
    (folder / "truncated.pdf").write_bytes(real[: len(real) // 3])
    (folder / "random.pdf").write_bytes(bytes((i * 97 + 13) % 256 for i in range(5000)))
    (folder / "scan.pdf").write_bytes(image_only_pdf())
    (folder / "locked.pdf").write_bytes(encrypted_pdf())
    (folder / "junk.txt").write_bytes(zlib.compress(b"x" * 3000) * 3 + b"\x00\x01")
    (folder / "recipe.txt").write_text("红烧肉的做法：五花肉切块，焯水，炒糖色，加酱油炖一小时。\n" * 20,
                                       encoding="utf-8")
    seed = corpus_file("seeds/000_a19e89bb6d057825.txt").read_text(encoding="utf-8")
    (folder / "daning_gb18030.txt").write_bytes(seed.encode("gb18030"))
    shutil.copy(corpus_file("seeds/003_8fda2105dcda898c.txt"), folder / "anju.txt")
    return folder


def test_each_bad_file_fails_alone_with_a_clear_reason(bad_folder, tmp_path):
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    results = {Path(r.path).name: r for r in ingest_paths(library, [bad_folder])}
    reasons = {name: r.message for name, r in results.items() if r.status == "failed"}
    assert reasons == {
        "empty.pdf": "empty file (0 bytes)",
        "truncated.pdf": reasons["truncated.pdf"],
        "random.pdf": "not a PDF file (no %PDF header)",
        "scan.pdf": SCAN_REASON,
        "locked.pdf": "encrypted PDF (password required)",
        "junk.txt": "binary data, not a text file",
        "recipe.txt": reasons["recipe.txt"],
    }
    assert reasons["truncated.pdf"].startswith("broken or truncated PDF")
    assert reasons["recipe.txt"].startswith("not a 政府信息公开工作年度报告")
    for r in results.values():
        assert "Traceback" not in r.line() and Path(r.path).name in r.line()
    # The good files still ingested, the GB18030 one included, with their real numbers.
    assert results["daning_gb18030.txt"].issuer == "大宁县人民政府"
    assert results["anju.txt"].status == "added"
    assert library.sql.counts()["reports"] == 2
    daning = results["daning_gb18030.txt"].report_id
    cells = {c.cell_id: c.value for c in library.sql.cells(daning)}
    assert cells["active.licensing.decisions"] == 1680
    assert library.vectors.ids() == library.sql.chunk_ids()


def test_unsupported_type_and_missing_file(tmp_path):
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    odd = tmp_path / "report.xlsx"
    odd.write_bytes(b"PK")
    results = ingest_paths(library, [odd, tmp_path / "nope.pdf"])
    assert [r.message for r in results] == [
        "unsupported file type .xlsx; expected .pdf, .docx, .html, .md or .txt", "no such file"]


def test_docx_report_ingests(tmp_path):
    """A DOCX the test writes from a seed's text and tables gives the same cells."""
    import docx

    seed = corpus_file("seeds/000_a19e89bb6d057825.txt").read_text(encoding="utf-8")
    document = docx.Document()
    for line in seed.split("\n"):
        if "\t" in line:
            cells = line.split("\t")
            table = document.add_table(rows=1, cols=len(cells))
            for i, text in enumerate(cells):
                table.rows[0].cells[i].text = text.strip()
        else:
            document.add_paragraph(line)
    path = tmp_path / "daning.docx"
    document.save(path)
    library = Library(Settings(data_dir=tmp_path / "data", embedder="hash"))
    [result] = ingest_paths(library, [path])
    assert result.status == "added", result.line()
    cells = {c.cell_id: c.value for c in library.sql.cells(result.report_id)}
    assert cells["active.procurement.amount"] == 19510
    assert cells["active.penalty.change"] == -33
    assert cells["review.litigation_direct.total"] == 0
    assert cells["review.review.total"] is None
