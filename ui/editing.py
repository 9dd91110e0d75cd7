"""The 年报 tab's edit forms: correct a cell, withdraw a correction, review a finding.

A click on a table cell or on a finding's 确认/驳回 (``ui.reports``'s ``data-`` attributes,
turned into a JSON target by the page script in ``ui.style``) opens one of two forms.
Every write goes through ``library.reviewing``; its Chinese refusals (a value that is no
number, a dismissal without a reason…) are shown in the form and nothing is written.

Who is recorded: the logged-in user (``gr.Request.username``) when basic auth is on;
without auth the forms stay read-only unless ``ui.allow_anonymous_corrections`` allows
them, and then the author is ``ANONYMOUS``.
"""

from __future__ import annotations

import json
import logging

import gradio as gr

from assistant.domain.corrections import KINDS, STATES, CorrectionError, finding_key
from assistant.domain.records import Cell, Finding, Report, format_number
from assistant.domain.rules import finding_text
from assistant.domain.template import cell_label
from assistant.stores.library import Library
from ui.markup import badge, text
from ui.reports import report_html

log = logging.getLogger(__name__)

ANONYMOUS = "界面用户"
NO_LOGIN = "请先登录：更正和审核记在登录的用户名下。"
DISABLED = ("界面上的更正和审核未开启：没有设置登录（NIANBAO_AUTH=用户:密码），也没有允许匿名更正"
            "（NIANBAO_ALLOW_ANONYMOUS_CORRECTIONS=true）。可以查看，不能修改；"
            "也可以用命令行 nianbao correct / nianbao review 记录。")
HINT = ('<div class="nb-empty" id="nb-edit-hint">点击表中的数字可以更正它（原文保留，更正值另记一行，随时可撤回）；'
        "点击勾稽问题旁的“确认”或“驳回”可以审核它。</div>")
KIND_CHOICES = [(label, kind) for kind, label in KINDS.items()]
REVIEW_CHOICES = [("确认：报告本身的错误", "confirmed"), ("驳回（需写明理由）", "dismissed")]
# Every handler returns these outputs, in this order (gr.skip() for the ones it leaves).
FIELDS = ("selected", "hint", "cell_form", "cell_info", "new_value", "kind", "reason", "save", "withdraw",
          "cell_msg", "review_form", "review_info", "review_state", "review_reason", "review_save",
          "review_withdraw", "review_msg", "detail")


def author_of(settings, request: gr.Request | None) -> tuple[str | None, str]:
    """(who is recorded, why nobody can be) for a request to the UI."""
    user = getattr(request, "username", None) if request is not None else None
    if settings.ui.auth:
        return (user, "") if user else (None, NO_LOGIN)
    if settings.ui.allow_anonymous_corrections:
        return ANONYMOUS, ""
    return None, DISABLED


def message(words: str, kind: str = "error") -> str:
    """A line in a form: ``ok``, ``error`` or ``off`` (editing disabled); always text."""
    return f'<div class="nb-msg nb-msg-{kind}">{text(words)}</div>'


def outputs(**updates) -> tuple:
    """The handlers' outputs in FIELDS order; anything not named is left as it is."""
    unknown = set(updates) - set(FIELDS)
    assert not unknown, unknown
    return tuple(updates.get(name, gr.skip()) for name in FIELDS)


class Editor:
    """Handlers of the edit forms over one library."""

    def __init__(self, library: Library):
        self.library = library
        self.settings = library.settings

    # ------------------------------------------------------------------ lookups

    def _report(self, report_id: str) -> Report:
        report = self.library.sql.report(report_id) if report_id else None
        if report is None:
            raise CorrectionError("这份年报已不在库中，请重新选择。")
        return report

    def _cell(self, report: Report, cell_id: str) -> Cell | None:
        return {c.cell_id: c for c in self.library.sql.cells(report.id, [cell_id])}.get(cell_id)

    def _finding(self, report: Report, finding_id: str) -> Finding:
        for f in self.library.sql.findings(report.id):
            if f.id == finding_id:
                return f
        raise CorrectionError("这个勾稽问题已不在（年报可能重新读取过），请刷新页面。")

    # ------------------------------------------------------------------ opening

    def open(self, target: str, request: gr.Request | None = None) -> tuple:
        """Open the form for a clicked cell or finding button (``target`` is the page
        script's JSON: {"report", "cell"} or {"report", "finding", "state"})."""
        try:
            picked = json.loads(target or "{}")
            if picked.get("cell"):
                return self.open_cell(picked["report"], picked["cell"], request)
            if picked.get("finding"):
                return self.open_finding(picked["report"], picked["finding"], picked.get("state") or "confirmed",
                                         request)
        except (CorrectionError, ValueError, KeyError, TypeError) as exc:
            return outputs(cell_form=gr.update(visible=False), review_form=gr.update(visible=False),
                           hint=HINT + message(str(exc)))
        return outputs()

    def open_cell(self, report_id: str, cell_id: str, request: gr.Request | None = None,
                  note: str = "") -> tuple:
        """The correction form of one cell: what was printed and read, the correction in
        force (with who, when, why) and, when one is, the withdraw button."""
        report = self._report(report_id)
        cell = self._cell(report, cell_id)
        correction = self.library.reviewing.in_force().get((report.issuer, report.year, cell_id))
        author, why = author_of(self.settings, request)
        read = "（未读到）" if cell is None else cell.display_value()
        raw = cell.raw if cell is not None and cell.raw else "（空白）"
        info = [f'<div class="nb-edit-head"><b>更正</b> {text(report.issuer)} {report.year}年 · '
                f'{text(cell_label(cell_id))} <code>{text(cell_id)}</code></div>',
                f'<div class="nb-edit-line">原文：<span class="nb-raw">{text(raw)}</span>　读作：{text(read)}</div>']
        if correction is not None:
            info.append(f'<div class="nb-edit-line nb-edit-now">{badge("已更正", "nb-status-corrected")} '
                        f"{text(correction.words(cell))}</div>")
        editable = author is not None
        msg = note or (message(why, "off") if not editable else
                       message(f"将记录为：{author}", "ok") if correction is None else "")
        return outputs(
            selected={"report": report.id, "cell": cell_id},
            hint="",
            cell_form=gr.update(visible=True),
            cell_info="".join(info),
            new_value=gr.update(value=format_number(correction.value) if correction else "", interactive=editable),
            kind=gr.update(value=correction.kind if correction else "misread", interactive=editable),
            reason=gr.update(value="", interactive=editable),
            save=gr.update(interactive=editable),
            withdraw=gr.update(visible=correction is not None, interactive=editable),
            cell_msg=msg,
            review_form=gr.update(visible=False),
        )

    def open_finding(self, report_id: str, finding_id: str, state: str = "confirmed",
                     request: gr.Request | None = None, note: str = "") -> tuple:
        """The review form of one finding: the rule, the review in force, confirm or dismiss."""
        report = self._report(report_id)
        finding = self._finding(report, finding_id)
        cells = {c.cell_id: c for c in self.library.sql.cells(report.id, list(finding.cells))}
        review = self.library.reviewing.reviews_in_force().get(finding_key(report.issuer, report.year, finding))
        author, why = author_of(self.settings, request)
        info = [f'<div class="nb-edit-head"><b>审核</b> {text(report.issuer)} {report.year}年 · '
                f'{badge(finding.rule, "nb-rule")} {text(finding_text(finding, cells))}</div>',
                '<div class="nb-edit-line">当前：' + (badge(review.words(), f"nb-review-{review.state}")
                                                     if review else badge("未审核", "nb-review-none")) + "</div>"]
        editable = author is not None
        msg = note or (message(why, "off") if not editable else message(f"将记录为：{author}", "ok"))
        return outputs(
            selected={"report": report.id, "finding": finding.id},
            hint="",
            cell_form=gr.update(visible=False),
            review_form=gr.update(visible=True),
            review_info="".join(info),
            review_state=gr.update(value=state if state in STATES and state != "withdrawn" else "confirmed",
                                   interactive=editable),
            review_reason=gr.update(value="", interactive=editable),
            review_save=gr.update(interactive=editable),
            review_withdraw=gr.update(visible=review is not None, interactive=editable),
            review_msg=msg,
        )

    @staticmethod
    def close() -> tuple:
        return outputs(selected=None, hint=HINT, cell_form=gr.update(visible=False),
                       review_form=gr.update(visible=False))

    # ------------------------------------------------------------------ writing

    def _write(self, selected, request, form: str, write) -> tuple:
        """Run ``write(report, author)`` for the selected cell or finding; on a refusal the
        form says why and nothing is written; on success the form and the tables refresh."""
        msg_field = "cell_msg" if form == "cell" else "review_msg"
        if not selected:
            return outputs(**{msg_field: message("请先在表中选择一个数字或一个勾稽问题。")})
        author, why = author_of(self.settings, request)
        if author is None:
            return outputs(**{msg_field: message(why, "off")})
        try:
            report = self._report(selected["report"])
            done = write(report, author)
        except CorrectionError as exc:
            return outputs(**{msg_field: message(str(exc))})
        except Exception as exc:   # the store failed: say so in the form, the app goes on
            log.exception("recording %r failed", selected)
            return outputs(**{msg_field: message(f"保存失败：{exc.__class__.__name__}: {exc}")})
        note = message(done, "ok")
        if form == "cell":
            refreshed = self.open_cell(report.id, selected["cell"], request, note=note)
        else:
            refreshed = self.open_finding(report.id, selected["finding"], "confirmed", request, note=note)
        out = dict(zip(FIELDS, refreshed))
        out["detail"] = report_html(self.library, report.id)
        return tuple(out[name] for name in FIELDS)

    def save_correction(self, selected, value: str, kind: str, reason: str,
                        request: gr.Request | None = None) -> tuple:
        """Record a correction of the selected cell (the value must be a number)."""
        def write(report: Report, author: str) -> str:
            cell_id = selected["cell"]
            row = self.library.reviewing.correct(report, cell_id, value, kind, reason, author)
            return f"已保存：“{cell_label(cell_id)}”{row.words(self._cell(report, cell_id))}"
        return self._write(selected, request, "cell", write)

    def withdraw_correction(self, selected, reason: str, request: gr.Request | None = None) -> tuple:
        """Withdraw the correction in force on the selected cell (a withdrawal row is added)."""
        def write(report: Report, author: str) -> str:
            cell_id = selected["cell"]
            self.library.reviewing.withdraw(report, cell_id, reason or "在界面上撤回", author)
            cell = self._cell(report, cell_id)
            printed = cell.display_value() if cell is not None else "（未读到）"
            return f"已撤回更正：“{cell_label(cell_id)}”恢复为原文读数 {printed}。"
        return self._write(selected, request, "cell", write)

    def save_review(self, selected, state: str, reason: str, request: gr.Request | None = None) -> tuple:
        """Record a review (confirmed / dismissed) of the selected finding."""
        def write(report: Report, author: str) -> str:
            row = self.library.reviewing.review(report, self._finding(report, selected["finding"]), state,
                                                reason, author)
            return f"已保存审核：{row.words()}"
        return self._write(selected, request, "review", write)

    def withdraw_review(self, selected, reason: str, request: gr.Request | None = None) -> tuple:
        """Take the review of the selected finding back (it shows as 未审核 again)."""
        def write(report: Report, author: str) -> str:
            finding = self._finding(report, selected["finding"])
            if finding_key(report.issuer, report.year, finding) not in self.library.reviewing.reviews_in_force():
                raise CorrectionError("这个问题没有生效中的审核。")
            self.library.reviewing.review(report, finding, "withdrawn", reason or "在界面上撤回", author)
            return "已撤回审核，此问题恢复为未审核。"
        return self._write(selected, request, "review", write)
