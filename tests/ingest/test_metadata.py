"""Title, issuer and year in the shapes real reports print them; an unknown issuer is
flagged (never taken from the file name) and `ingest --issuer --year` sets it; a report
with no table read says why."""

from __future__ import annotations

import pytest

import cli
from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.document import Document
from ingest.extract import extract, file_sha256
from ingest.loaders import load
from ingest.metadata import read_metadata
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file, expected

ANJU = "seeds/003_8fda2105dcda898c.txt"      # 遂宁市安居区人民政府 2020, issuer line above the title
HEAD = "遂宁市安居区人民政府\n2020年政府信息公开工作年度报告\n"
SIGNATURE = "遂宁市安居区人民政府\n2021年2月10日"


def anju(head: str | None = None, signature: str | None = None) -> str:
    text = corpus_file(ANJU).read_text(encoding="utf-8").rstrip("\n")
    assert text.startswith(HEAD) and text.endswith(SIGNATURE)
    if head is not None:
        text = head + text[len(HEAD):]
    if signature is not None:
        text = text[:-len(SIGNATURE)] + signature
    return text


@pytest.mark.parametrize("head, signature", [
    pytest.param(None, None, id="issuer-line-above-title"),
    pytest.param("2020年遂宁市安居区人民政府政府信息公开工作年度报告\n", "2021年2月10日", id="year-first"),
    pytest.param("2020年度遂宁市安居区人民政府信息公开工作年度报告\n", "2021年2月10日", id="year-first-年度"),
    pytest.param("2020年政府信息公开工作年度报告\n遂宁市安居区人民政府\n", "2021年2月10日", id="issuer-line-below"),
    pytest.param("2020年政府信息公开工作年度报告\n", None, id="signature-only"),
    pytest.param("安居区2020年度政府信息公开工作年度报告\n", "2021年2月10日", id="issuer-first-widened"),
])
def test_issuer_and_year_from_every_usual_shape(head, signature, tmp_path):
    path = tmp_path / "report.txt"
    path.write_text(anju(head, signature), encoding="utf-8")
    ex = extract(load(path), file_sha256(path))
    assert (ex.report.issuer, ex.report.year, ex.report.template) == ("遂宁市安居区人民政府", 2020, "2019")
    assert not [f for f in ex.findings if f.rule == "M1"]
    truth = expected("003_8fda2105dcda898c")["cells"]
    assert {c.cell_id: c.value for c in ex.cells} == pytest.approx(truth)


@pytest.mark.parametrize("title, issuer, year", [
    ("2019年上海市人民政府办公厅政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
    ("2021年度上海市人民政府信息公开工作年度报告", "上海市人民政府", 2021),
    ("上海市人民政府办公厅关于2019年政府信息公开工作年度报告", "上海市人民政府办公厅", 2019),
    ("2022年政府信息公开工作年度报告", "", 2022),
])
def test_title_shapes(title, issuer, year):
    meta = read_metadata(Document("x.txt", "txt", f"{title}\n一、总体情况\n二、主动公开政府信息情况\n"))
    assert (meta.issuer, meta.year) == (issuer, year)


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_unknown_issuer_is_stored_flagged_and_fixed_by_ingest_issuer(tmp_path, capsys):
    # A file name that looks like an issuer must not become one.
    path = tmp_path / "四川省遂宁市人民政府.txt"
    path.write_text(anju("2020年政府信息公开工作年度报告\n", "2021年2月10日"), encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "d"), "--embedder", "hash"]
    code, out, _ = run(capsys, "ingest", *data, str(path))
    assert code == 0
    line = out.strip()
    assert line.startswith(f"{path}: 新增：发布机关 发布机关未识别（") and "，2020年度，读出198个表格数字，" in line
    assert "M1: 发布机关未识别：" in line and "四川省遂宁市人民政府" not in line.split(": ", 1)[1]
    library = Library(Settings(data_dir=tmp_path / "d", embedder="hash"))
    [report] = library.sql.reports()
    assert report.issuer.startswith("发布机关未识别") and report.issuer != path.stem
    assert [f.rule for f in library.sql.findings(report.id)] == ["M1"]
    code, out, _ = run(capsys, "reports", *data)
    assert "\t⚠ M1: 发布机关未识别：" in out and out.count("\n") == 1

    code, out, err = run(capsys, "ingest", *data, "--issuer", "遂宁市安居区人民政府", "--year", "2020", str(path))
    assert code == 0
    assert out.strip() == f"{path}: 已更新：发布机关 遂宁市安居区人民政府，2020年度，读出198个表格数字，未发现问题"
    code, out, _ = run(capsys, "reports", *data)
    [row] = out.strip().split("\n")
    assert row.split("\t")[1:4] == ["遂宁市安居区人民政府", "2020", "2019版"] and "⚠" not in row
    [fixed] = Library(Settings(data_dir=tmp_path / "d", embedder="hash")).sql.reports()
    cells = {c.cell_id: c.value for c in library.sql.cells(fixed.id)}
    assert cells == pytest.approx(expected("003_8fda2105dcda898c")["cells"])
    # Ingesting it again without the flags keeps what the user said.
    code, out, _ = run(capsys, "ingest", *data, str(path))
    assert out.strip().startswith(f"{path}: 未变：发布机关 遂宁市安居区人民政府，2020年度，读出198个表格数字")


def test_issuer_flag_needs_exactly_one_file(tmp_path, capsys):
    code, _, err = run(capsys, "ingest", "--data-dir", str(tmp_path / "d"), "--embedder", "hash",
                       "--issuer", "某县人民政府", str(corpus_file(ANJU)), str(corpus_file("seeds/002_c9f8e9740fa2ca26.txt")))
    assert code == 2 and "exactly one file" in err


def test_report_without_tables_gets_the_finding_and_the_chinese_line(tmp_path, capsys):
    seed = corpus_file("seeds/002_c9f8e9740fa2ca26.txt").read_text(encoding="utf-8")
    # The narrative and the section headings stay; every table row (tab-separated) goes.
    path = tmp_path / "ruicheng_no_tables.txt"
    path.write_text("\n".join(ln for ln in seed.split("\n") if "\t" not in ln), encoding="utf-8")
    data = ["--data-dir", str(tmp_path / "d"), "--embedder", "hash"]
    code, out, _ = run(capsys, "ingest", *data, str(path))
    reason = "L0: 未读出表格：第二至四部分中没有可读的表格行（栏目名称后跟数字）"
    assert code == 0
    assert out.strip() == f"{path}: 新增：发布机关 芮城县人民政府，2020年度，读出0个表格数字，发现1项问题：{reason}"
    code, out, _ = run(capsys, "reports", *data)
    assert out.strip().endswith(f"ruicheng_no_tables.txt\t⚠ {reason}")
    code, out, err = run(capsys, "check", *data)
    assert f"\tL0\t{reason}" in out


def test_html_without_tables_says_so(tmp_path):
    library = Library(Settings(data_dir=tmp_path / "d", embedder="hash"))
    html = corpus_file("twins/pingtan__2023_87885_page.html").read_text(encoding="utf-8")
    page = tmp_path / "no_tables.html"
    page.write_text(html.replace("<table", "<div").replace("</table>", "</div>"), encoding="utf-8")
    [result] = ingest_paths(library, [page])
    assert result.status == "added" and result.cells == 0 and result.issuer == "平潭综合实验区"
    assert result.findings == ("L0: 未读出表格：文件（html）中没有表格",)
