"""Uploads: type and size limits, the kept copy, ingest into the app's own library."""

from __future__ import annotations

import shutil

import pytest

from ui.upload import ingest_uploads, keep_copy, refusal, result_line, safe_name


@pytest.mark.parametrize("name, size, refused", [
    pytest.param("报告.pdf", 1000, None, id="pdf"),
    pytest.param("报告.DOCX", 1000, None, id="docx-upper"),
    pytest.param("a.htm", 1000, None, id="htm"),
    pytest.param("mineru输出.md", 1000, None, id="markdown"),
    pytest.param("a.exe", 1000, "不支持的文件类型 .exe", id="exe"),
    pytest.param("noext", 1000, "不支持的文件类型 （无扩展名）", id="no-extension"),
    pytest.param("big.pdf", 3 * 1048576, "超过上限 2 MB", id="too-big"),
    pytest.param("empty.txt", 0, "空文件", id="empty"),
])
def test_refusal(name, size, refused):
    reason = refusal(name, size, max_mb=2)
    assert (reason is None) if refused is None else (refused in reason)


@pytest.mark.parametrize("name, safe", [
    pytest.param("../../etc/passwd.txt", "passwd.txt", id="traversal"),
    pytest.param("..\\..\\win.ini.txt", "win.ini.txt", id="backslashes"),
    pytest.param("大宁县 2020 年报（终稿）.PDF", "大宁县_2020_年报（终稿）.pdf", id="chinese-spaces"),
    pytest.param("<script>.txt", "script.txt", id="markup"),
    pytest.param(".txt", "report.txt", id="only-suffix"),
])
def test_safe_name(name, safe):
    assert safe_name(name) == safe


def test_keep_copy_never_overwrites_a_different_file(tmp_path):
    uploads = tmp_path / "uploads"
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text("one", encoding="utf-8")
    b.write_text("two", encoding="utf-8")
    first = keep_copy(a, uploads, "report.txt")
    again = keep_copy(a, uploads, "report.txt")
    other = keep_copy(b, uploads, "report.txt")
    assert first == again == uploads / "report.txt"
    assert other != first and other.read_text(encoding="utf-8") == "two"
    assert first.read_text(encoding="utf-8") == "one"


@pytest.fixture()
def empty_library(tmp_path):
    from assistant.settings import Settings
    from assistant.stores.library import Library

    return Library(Settings(data_dir=tmp_path / "data", embedder="hash"))


def test_uploaded_report_is_stored_and_answerable(empty_library, corpus, tmp_path):
    from assistant.qa.answering import Assistant

    upload = tmp_path / "gradio-tmp" / "大宁县2020年报.txt"
    upload.parent.mkdir()
    shutil.copyfile(corpus / "seeds" / "000_a19e89bb6d057825.txt", upload)
    bad = tmp_path / "gradio-tmp" / "virus.exe"
    bad.write_bytes(b"MZ")
    lines = ingest_uploads(empty_library, [upload, bad], max_mb=50)
    assert lines[0] == "大宁县2020年报.txt：已导入（新增）　大宁县人民政府 2020年，读出 198 个表格数字，未发现勾稽问题"
    assert lines[1] == "virus.exe：未导入：不支持的文件类型 .exe；只接受 PDF、DOCX、HTML、TXT、Markdown（.md）"
    [report] = empty_library.sql.reports()
    assert report.source_path == str((empty_library.settings.data_dir / "uploads" / "大宁县2020年报.txt").resolve())
    upload.unlink()   # Gradio's temporary copy may go; the kept copy stays
    answer = Assistant(empty_library).conversation().ask("大宁县2020年行政许可处理决定数量是多少？")
    assert answer.value == 1680
    assert ingest_uploads(empty_library, [empty_library.settings.data_dir / "uploads" / "大宁县2020年报.txt"], 50) == [
        "大宁县2020年报.txt：已导入过，内容未变　大宁县人民政府 2020年，读出 198 个表格数字，未发现勾稽问题"]


def test_result_lines_are_chinese_for_failures_and_findings():
    from ingest.pipeline import FileResult

    failed = FileResult("x.pdf", "failed", "扫描件，没有文字层")
    assert result_line("我的.pdf", failed) == "我的.pdf：导入失败：扫描件，没有文字层"
    found = FileResult("x.pdf", "replaced", "", "r1", "某县人民政府", 2023, 180, ("R4×2",))
    assert result_line("某县.pdf", found) == "某县.pdf：已导入（替换旧版本）　某县人民政府 2023年，读出 180 个表格数字，勾稽问题：R4×2"
