"""The 年报 tab's edit forms (ui.editing): who is recorded, refusals in words, nothing
written on a refusal, markup shown as text. No browser: the handlers are called directly."""

from __future__ import annotations

import json
import re
from html import unescape
from types import SimpleNamespace

import pytest

from assistant.settings import Settings, UISettings
from assistant.stores.library import Library
from ingest.pipeline import ingest_paths
from tests.conftest import corpus_file
from ui.editing import ANONYMOUS, DISABLED, FIELDS, NO_LOGIN, Editor, author_of

HONGZE_2023 = "real/kiro__hzq2023_working.pdf"
TOTAL = "review.review.total"
HOSTILE = '<img src=x onerror=alert(1)> 见[链接](http://x) **粗**'


def settings(tmp_path, **ui) -> Settings:
    return Settings(data_dir=tmp_path / "data", embedder="hash", ui=UISettings(**ui))


def editor(tmp_path, **ui) -> tuple[Editor, Library, str]:
    library = Library(settings(tmp_path, **ui))
    assert [r.status for r in ingest_paths(library, [corpus_file(HONGZE_2023)])] == ["added"]
    report = library.reviewing.resolve("洪泽区", 2023)
    return Editor(library), library, report.id


def out(result: tuple) -> dict:
    assert len(result) == len(FIELDS)
    return dict(zip(FIELDS, result))


def user(name: str | None):
    return SimpleNamespace(username=name)


@pytest.mark.parametrize("ui, request_user, expected", [
    pytest.param({"auth": "admin:pw"}, "admin", ("admin", ""), id="logged-in"),
    pytest.param({"auth": "admin:pw"}, None, (None, NO_LOGIN), id="auth-but-no-user"),
    pytest.param({}, None, (None, DISABLED), id="no-auth-disabled"),
    pytest.param({"allow_anonymous_corrections": True}, None, (ANONYMOUS, ""), id="anonymous-allowed"),
    pytest.param({"auth": "admin:pw", "allow_anonymous_corrections": True}, "张三", ("张三", ""),
                 id="auth-wins-over-anonymous"),
])
def test_the_author_is_the_login_or_the_anonymous_ui_user(tmp_path, ui, request_user, expected):
    assert author_of(settings(tmp_path, **ui), user(request_user)) == expected


@pytest.mark.parametrize("raw, on", [("true", True), ("1", True), ("YES", True), ("false", False), ("0", False)])
def test_the_anonymous_setting_is_read_from_the_environment(monkeypatch, raw, on):
    monkeypatch.setenv("NIANBAO_ALLOW_ANONYMOUS_CORRECTIONS", raw)
    assert Settings.from_env().ui.allow_anonymous_corrections is on
    assert UISettings().allow_anonymous_corrections is False


def test_without_auth_or_permission_the_form_is_read_only_and_nothing_is_written(tmp_path):
    ed, library, rid = editor(tmp_path)
    opened = out(ed.open(json.dumps({"report": rid, "cell": TOTAL})))
    assert opened["cell_form"]["visible"] is True
    assert "界面上的更正和审核未开启" in opened["cell_msg"] and "NIANBAO_AUTH" in unescape(opened["cell_msg"])
    assert opened["save"]["interactive"] is False and opened["new_value"]["interactive"] is False
    saved = out(ed.save_correction(opened["selected"], "11", "source_error", "理由"))
    assert "未开启" in saved["cell_msg"] and library.sql.corrections() == []


def test_a_correction_is_recorded_under_the_login_shown_and_withdrawn(tmp_path):
    ed, library, rid = editor(tmp_path, auth="admin:pw")
    opened = out(ed.open(json.dumps({"report": rid, "cell": TOTAL}), user("张三")))
    assert "原文：<span class=\"nb-raw\">0</span>" in opened["cell_info"]
    assert opened["withdraw"]["visible"] is False and "将记录为：张三" in opened["cell_msg"]
    saved = out(ed.save_correction(opened["selected"], "11", "source_error", "维持10+纠正1", user("张三")))
    [row] = library.sql.corrections()
    assert (row.cell_id, row.value, row.kind, row.author) == (TOTAL, 11, "source_error", "张三")
    assert "已保存：“表四·行政复议·总计”原文 0，已更正为 11" in saved["cell_msg"]
    assert saved["withdraw"]["visible"] is True and "张三" in saved["cell_info"]
    # the table shows both figures, and the list beside it who, when and why
    td = re.search(rf'<td class="[^"]*nb-corrected[^"]*" data-cell="{TOTAL}"[^>]*>(.*?)</td>', saved["detail"])
    assert td and td.group(1) == ('<s class="nb-printed" title="原文">0</s><span class="nb-arrow">→</span>'
                                  '<b class="nb-fixed">11</b>')
    assert "人工更正：1 处" in saved["detail"] and "张三" in saved["detail"]
    withdrawn = out(ed.withdraw_correction(saved["selected"], "", user("张三")))
    assert "已撤回更正：“表四·行政复议·总计”恢复为原文读数 0。" in withdrawn["cell_msg"]
    assert "nb-corrected" not in withdrawn["detail"] and withdrawn["withdraw"]["visible"] is False
    assert [c.action for c in library.sql.corrections()] == ["set", "withdraw"]
    again = out(ed.withdraw_correction(saved["selected"], "", user("张三")))   # nothing left to withdraw
    assert "没有生效中的更正" in again["cell_msg"] and len(library.sql.corrections()) == 2


@pytest.mark.parametrize("value, kind, reason, words", [
    pytest.param("十一件", "source_error", "x", "“十一件”不是数字，无法作为“表四·行政复议·总计”的更正值。", id="not-a-number"),
    pytest.param("<b>11</b>", "misread", "x", "“&lt;b&gt;11&lt;/b&gt;”不是数字", id="markup-value"),
    pytest.param("11", "misread", "  ", "更正需要写明理由。", id="no-reason"),
    pytest.param("11", None, "x", "未知更正类型", id="no-kind"),
])
def test_a_refused_correction_says_why_in_the_form_and_writes_nothing(tmp_path, value, kind, reason, words):
    ed, library, rid = editor(tmp_path, allow_anonymous_corrections=True)
    result = out(ed.save_correction({"report": rid, "cell": TOTAL}, value, kind, reason))
    assert words in result["cell_msg"] and 'class="nb-msg nb-msg-error"' in result["cell_msg"]
    assert result["detail"] == result["cell_form"] == result["withdraw"]    # all left as they were (skip)
    assert library.sql.corrections() == []


def test_a_reason_with_markup_is_text_in_the_form_and_the_tables(tmp_path):
    ed, library, rid = editor(tmp_path, allow_anonymous_corrections=True)
    saved = out(ed.save_correction({"report": rid, "cell": TOTAL}, "11", "source_error", HOSTILE))
    assert library.sql.corrections()[0].reason == HOSTILE and library.sql.corrections()[0].author == ANONYMOUS
    for html in (saved["cell_msg"], saved["cell_info"], saved["detail"]):
        assert "<img" not in html and "&lt;img src=x onerror=alert" in html
        assert HOSTILE in unescape(re.sub(r"<[^>]+>", "", html))      # the characters typed, as text
        assert "<a " not in html and "<strong>" not in html


def test_a_finding_is_confirmed_dismissed_with_a_reason_and_withdrawn(tmp_path):
    ed, library, rid = editor(tmp_path, allow_anonymous_corrections=True)
    finding = library.sql.findings(rid)[0]
    opened = out(ed.open(json.dumps({"report": rid, "finding": finding.id, "state": "dismissed"})))
    assert opened["review_form"]["visible"] is True and opened["cell_form"]["visible"] is False
    assert opened["review_state"]["value"] == "dismissed" and "未审核" in opened["review_info"]
    refused = out(ed.save_review(opened["selected"], "dismissed", " "))
    assert "驳回一个问题需要写明理由。" in refused["review_msg"] and library.sql.reviews() == []
    confirmed = out(ed.save_review(opened["selected"], "confirmed", HOSTILE))
    assert "已保存审核：已确认为报告本身的错误（&lt;img" in confirmed["review_msg"]
    state = re.findall(r'<div class="nb-review">审核：<span class="nb-badge ([^"]+)">([^<]*)</span>', confirmed["detail"])
    assert state[0][0] == "nb-review-confirmed" and state[0][1].startswith("已确认为报告本身的错误（&lt;img src=x")
    assert all(s[1] == "未审核" for s in state[1:])
    assert confirmed["review_withdraw"]["visible"] is True
    out(ed.withdraw_review(confirmed["selected"], ""))
    assert [r.state for r in library.sql.reviews()] == ["confirmed", "withdrawn"]
    assert "nb-review-confirmed" not in report_detail(ed, rid)


def report_detail(ed: Editor, rid: str) -> str:
    from ui.reports import report_html

    return report_html(ed.library, rid)


@pytest.mark.parametrize("target, words", [
    pytest.param("not json", "Expecting value", id="bad-json"),
    pytest.param(json.dumps({"report": "nope", "cell": TOTAL}), "这份年报已不在库中", id="unknown-report"),
    pytest.param(json.dumps({"report": "RID", "finding": "nope"}), "这个勾稽问题已不在", id="unknown-finding"),
])
def test_a_stale_click_is_answered_in_words(tmp_path, target, words):
    ed, _, rid = editor(tmp_path, allow_anonymous_corrections=True)
    result = out(ed.open(target.replace("RID", rid)))
    assert words in result["hint"] and result["cell_form"]["visible"] is False


def test_closing_hides_both_forms():
    result = out(Editor.close())
    assert result["selected"] is None and result["cell_form"]["visible"] is False
    assert result["review_form"]["visible"] is False
