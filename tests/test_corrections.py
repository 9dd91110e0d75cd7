"""Corrections and reviews: a person's word on a cell or a finding, and nothing is lost."""

from __future__ import annotations

import shutil

import pytest

from assistant.domain.corrections import CorrectionError
from assistant.qa.answering import Assistant
from assistant.settings import Settings
from assistant.stores.library import Library
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file
from ui.markup import answer_html

HONGZE_2023 = "real/kiro__hzq2023_working.pdf"
QUESTION = "洪泽区2023年行政复议总计多少件？"
REASON = "结果维持10+结果纠正1，原文总计误印为0"


def _library(tmp_path, name="data", files=(HONGZE_2023,)) -> Library:
    library = Library(Settings(data_dir=tmp_path / name, embedder="hash"))
    results = ingest_paths(library, [corpus_file(f) for f in files])
    assert all(r.status in ("added", "unchanged") for r in results)
    return library


def _ask(library, question=QUESTION):
    return Assistant(library).conversation().ask(question)


def _correct(library, value="11", author="张三"):
    rv = library.reviewing
    return rv.correct(rv.resolve("洪泽区", 2023), "review.review.total", value, "source_error", REASON, author)


def test_a_correction_is_used_said_and_cited_beside_the_printed_cell(tmp_path):
    library = _library(tmp_path)
    assert _ask(library).value == 0                      # as printed
    _correct(library)
    answer = _ask(library)
    assert answer.value == 11
    assert "“表四·行政复议·总计”原文 0，已更正为 11（原文有误（更正为正确数字）：" + REASON + "，张三，" in answer.answer
    statuses = [(c.cell_id, c.status) for c in answer.citations]
    assert statuses == [("review.review.total", "corrected"), ("review.review.total", "corrected")]
    assert answer.citations[0].raw == "0" and "原文“0”，已更正为 11" in answer.citations[0].text
    assert "张三" in answer.citations[1].text                         # who, when and why are cited
    printed = _ask(library, "洪泽区2023年行政复议总计原文印的是多少？")
    assert printed.value == 0 and printed.interpretation["as_printed"] is True


def test_it_survives_reingest_and_a_new_version_of_the_report_and_can_be_withdrawn(tmp_path):
    library = _library(tmp_path)
    _correct(library)
    assert ingest_paths(library, [corpus_file(HONGZE_2023)])[0].status == "unchanged"
    assert _ask(library).value == 11
    # The same report under another file (a second download): re-attached by issuer, year, cell.
    copy = tmp_path / "hongze-2023-second-copy.pdf"
    shutil.copy(corpus_file(HONGZE_2023), copy)
    ingest_paths(library, [copy])
    assert _ask(library).value == 11
    rv = library.reviewing
    rv.withdraw(rv.resolve("洪泽区", 2023), "review.review.total", "误操作", "李四")
    back = _ask(library)
    assert back.value == 0 and "更正" not in back.answer
    assert [c.action for c in library.sql.corrections()] == ["set", "withdraw"]   # nothing overwritten


def test_aggregates_use_corrected_values_and_list_them(tmp_path):
    library = _library(tmp_path, files=(HONGZE_2023, "real/kiro__hzq2024_working.pdf"))
    _correct(library)
    answer = _ask(library, "洪泽区2023、2024年行政复议一共多少件？")
    assert answer.value == 13                                 # 11 (corrected) + 2
    assert "原文 0，已更正为 11" in answer.answer


def test_audit_checks_with_the_correction_and_shows_a_review(tmp_path):
    library = _library(tmp_path)
    _correct(library)
    rv = library.reviewing
    report = rv.resolve("洪泽区", 2023)
    after_review = next(f for f in library.sql.findings(report.id) if f.cells[0] == "review.litigation_after_review.total")
    rv.review(report, after_review, "confirmed", "复议后起诉5件，原文总计误印为0", "王五")
    answer = _ask(library, "洪泽区2023年的复议诉讼表对得上吗？")
    assert "行政复议·总计 0" not in answer.answer               # the corrected row holds now
    assert "按更正后的数字核对" in answer.answer
    assert "R4 不成立：行政诉讼·复议后起诉·总计 0[" in answer.answer
    assert "审核：已确认为报告本身的错误（复议后起诉5件，原文总计误印为0，王五，" in answer.answer


def test_csv_export_to_a_fresh_data_dir_gives_identical_answers(tmp_path):
    library = _library(tmp_path)
    _correct(library)
    exported = library.reviewing.export_csv()
    fresh = _library(tmp_path, "fresh")
    assert fresh.reviewing.import_csv(exported) == 1
    assert fresh.reviewing.import_csv(exported) == 0          # the same rows twice add nothing
    a, b = _ask(library), _ask(fresh)
    assert (a.value, a.answer) == (b.value, b.answer)


def test_a_crash_inside_the_write_leaves_no_half_applied_correction(tmp_path):
    library = _library(tmp_path)
    rv = library.reviewing

    def crash():
        raise RuntimeError("power cut")

    with pytest.raises(RuntimeError):
        rv.correct(rv.resolve("洪泽区", 2023), "review.review.total", "11", "source_error", REASON, "张三",
                   before_commit=crash)
    assert library.sql.corrections() == [] and _ask(library).value == 0


@pytest.mark.parametrize("cell, value, kind, reason, message", [
    pytest.param("review.review.total", "十一件", "source_error", "x", "“十一件”不是数字", id="not-a-number"),
    pytest.param("review.review.nonsense", "11", "source_error", "x", "没有单元格“review.review.nonsense”",
                 id="unknown-cell"),
    pytest.param("review.review.total", "11", "guess", "x", "未知更正类型“guess”", id="unknown-kind"),
    pytest.param("review.review.total", "11", "misread", "  ", "更正需要写明理由", id="no-reason"),
])
def test_bad_corrections_are_refused_in_words(tmp_path, cell, value, kind, reason, message):
    library = _library(tmp_path)
    rv = library.reviewing
    with pytest.raises(CorrectionError, match=message):
        rv.correct(rv.resolve("洪泽区", 2023), cell, value, kind, reason, "张三")
    assert library.sql.corrections() == []
    with pytest.raises(CorrectionError, match="没有北京市 2023年的年报"):
        rv.resolve("北京市", 2023)


def test_a_reason_with_markup_is_shown_as_text(tmp_path):
    library = _library(tmp_path)
    rv = library.reviewing
    rv.correct(rv.resolve("洪泽区", 2023), "review.review.total", "11", "source_error",
               '<img src=x onerror=alert(1)> 见[链接](http://x)', "<b>张三</b>")
    html = answer_html(_ask(library).answer)
    assert "<img" not in html and "<b>" not in html
    assert "&lt;img src=x onerror=alert" in html and "&lt;b&gt;张三&lt;/b&gt;" in html


def test_orphans_are_reported_when_the_report_or_cell_is_gone(tmp_path):
    library = _library(tmp_path)
    _correct(library)
    standing = library.reviewing.standing()
    assert [(s.correction.cell_id, s.orphaned) for s in standing] == [("review.review.total", "")]
    rows = library.reviewing.export_csv().replace("淮安市洪泽区人民政府", "淮安市清江浦区人民政府")
    library.reviewing.import_csv(rows)
    orphaned = {s.correction.issuer: s.orphaned for s in library.reviewing.standing()}
    assert orphaned["淮安市清江浦区人民政府"] == "年报已不在库中"


def test_the_command_line_corrects_lists_exports_imports_and_reviews(tmp_path, capsys):
    from cli import main

    library = _library(tmp_path)
    data = ["--data-dir", str(library.settings.data_dir), "--embedder", "hash"]
    assert main(["correct", *data, "洪泽区", "2023", "review.review.total", "--value", "11", "--kind",
                 "source_error", "--reason", REASON, "--author", "张三"]) == 0
    assert "原文 0，已更正为 11" in capsys.readouterr().out
    assert main(["correct", *data, "洪泽区", "2023", "review.review.total", "--value", "abc", "--kind",
                 "misread", "--reason", "x"]) == 2
    assert "“abc”不是数字" in capsys.readouterr().err
    assert main(["corrections", *data]) == 0
    assert "review.review.total\t已更正为 11" in capsys.readouterr().out
    assert main(["corrections", *data, "--format", "csv"]) == 0
    exported = tmp_path / "corrections.csv"
    exported.write_text(capsys.readouterr().out, encoding="utf-8")
    fresh = _library(tmp_path, "fresh")
    fresh_data = ["--data-dir", str(fresh.settings.data_dir), "--embedder", "hash"]
    assert main(["corrections", *fresh_data, "--import", str(exported)]) == 0
    assert _ask(fresh).value == 11
    assert main(["review", *data, "洪泽区", "2023", "R4", "--cell", "review.litigation_after_review.total",
                 "--state", "dismissed", "--reason", "口径不同", "--author", "王五"]) == 0
    capsys.readouterr()
    assert main(["check", *data]) == 0
    assert "审核：已驳回（口径不同，王五，" in capsys.readouterr().out
