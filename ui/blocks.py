"""The Gradio layout and its event handlers: chat, reports, compare, upload, evaluation.

One ``Library`` and one ``Assistant`` serve every browser session; each session keeps
its own ``Conversation`` in a ``gr.State`` so follow-up questions inherit its context.
"""

from __future__ import annotations

import logging
import time
from datetime import datetime
from pathlib import Path
from typing import Any
from urllib.parse import quote

import gradio as gr
import pandas as pd

from assistant.qa.answering import Assistant
from assistant.stores.library import Library
from ui import compare, editing, evaluation, exports, findings
from ui.chart import chart_html
from ui.markup import answer_html, question_html, stream_pieces
from ui.pages import SourceViews
from ui.reports import REPORT_COLUMNS, report_choices, report_html, report_rows
from ui.sources import PENDING_MARK, SourcePanel, panel_html
from ui.upload import ACCEPTED, ACCEPTED_WORDS, ingest_uploads

log = logging.getLogger(__name__)

# Questions that show each kind of answer on the shared corpus: (question, issuer it needs).
EXAMPLES = (
    ("大宁县2020年行政许可处理决定数量是多少？", "大宁县人民政府"),
    ("芮城县存在哪些主要问题？", "芮城县人民政府"),
    ("平潭综合实验区2020到2024年的公开率", "平潭综合实验区"),
    ("淮安市洪泽区2023年行政复议的勾稽关系对吗？", "淮安市洪泽区人民政府"),
    ("淮安市洪泽区2023年本年新收政府信息公开申请多少件？", "淮安市洪泽区人民政府"),
    ("那2024年呢？", "淮安市洪泽区人民政府"),
)
HEADER = ('<div class="nb-header"><h1>年报问答</h1><p>政府信息公开工作年度报告问答：数字取自年报表格，'
          "段落取自年报原文，每个答案都标明出处。</p></div>")


CHOICES = 6   # buttons for a clarifying question's readings
PIECE_PAUSE = 0.06   # seconds between the sentences of an answer composed without an LLM


def page_cache(settings) -> Path:
    """Where page-region PNGs are cached; the app serves this folder (and only it) by URL."""
    return settings.data_dir / "cache" / "pages"


def file_url(path: Path) -> str:
    """A URL, relative to the app's page, under which Gradio serves an allowed file."""
    return "gradio_api/file=" + quote(str(path))


def choice_updates(choices) -> list:
    """Show one button per reading of a clarifying question, hide the rest."""
    shown = list(choices)[:CHOICES]
    return [gr.update(value=c, visible=True) for c in shown] + [gr.update(visible=False)] * (CHOICES - len(shown))


def example_questions(library: Library) -> list[str]:
    """The example questions whose issuer is ingested; generic ones for other libraries."""
    issuers = {r.issuer for r in library.primary_reports()}
    chosen = [q for q, issuer in EXAMPLES if issuer in issuers]
    if len(chosen) >= 3 or not issuers:
        return chosen or ["本年新收政府信息公开申请多少件？"]
    report = sorted(library.primary_reports(), key=lambda r: (r.issuer, r.year))[0]
    return chosen + [f"{report.issuer}{report.year}年本年新收政府信息公开申请多少件？",
                     f"{report.issuer}{report.year}年存在哪些主要问题？"]


class App:
    """Handlers bound to one library; ``build`` lays out the Blocks."""

    def __init__(self, library: Library, assistant: Assistant | None = None):
        self.library = library
        self.settings = library.settings
        self.assistant = assistant or Assistant(library)
        self.views = SourceViews(page_cache(self.settings))
        self.sources = SourcePanel(library, self.views, file_url)
        self.editor = editing.Editor(library)

    # ------------------------------------------------------------------ chat

    def ask(self, question: str, history: list | None, conversation):
        """Stream one answer into the chat, and its sources into the panel.

        An LLM's words stream as it writes them, and the sources follow the final answer.
        An answer composed without an LLM is whole at once: the panel (cards first, page
        pictures next) shows with its first sentence, the rest follows sentence by sentence.
        """
        question = (question or "").strip()
        history = list(history or [])
        if not question:
            yield history, conversation, gr.skip(), "", *choice_updates(())
            return
        conversation = conversation or self.assistant.conversation()
        history.append({"role": "user", "content": question_html(question)})
        history.append({"role": "assistant", "content": answer_html("…")})
        waiting = '<div class="nb-empty" data-state="waiting">正在查找来源…</div>'
        yield history, conversation, waiting, "", *choice_updates(())
        try:
            final, streamed = None, False
            for partial, answer in conversation.stream(question):
                final = answer or final
                if answer is None and getattr(self.assistant, "llm", None) is not None:
                    streamed = True
                    history[-1] = {"role": "assistant", "content": answer_html(partial)}
                    yield history, conversation, waiting, "", *choice_updates(())
            if final is None:
                history[-1] = {"role": "assistant", "content": answer_html("")}
                yield history, conversation, panel_html(None, []), "", *choice_updates(())
                return
            yield from self._show(history, conversation, final, streamed)
        except Exception as exc:  # show the problem in the chat; the session goes on
            log.exception("answering %r failed", question)
            history[-1] = {"role": "assistant", "content": answer_html(f"出错了：{exc.__class__.__name__}: {exc}")}
            yield history, conversation, panel_html(None, []), "", *choice_updates(())

    def _show(self, history: list, conversation, final, streamed: bool):
        """The final answer: panel without pictures, the text (piece by piece unless an LLM
        streamed it already), then the panel with every cited page region."""
        panel = self.sources.render(final, images=False)
        pieces = [final.answer] if streamed else stream_pieces(final.answer)
        for i, piece in enumerate(pieces[:-1]):
            if i:
                time.sleep(PIECE_PAUSE)
            history[-1] = {"role": "assistant", "content": answer_html(piece, final.understood)}
            yield history, conversation, panel, gr.skip(), *choice_updates(())
        if len(pieces) > 1:
            time.sleep(PIECE_PAUSE)
        history[-1] = {"role": "assistant", "content": answer_html(final.answer, final.understood)}
        if PENDING_MARK in panel:   # the words are all there; now draw the pictures
            yield history, conversation, panel, gr.skip(), *choice_updates(final.choices)
            panel = self.sources.render(final)
        yield history, conversation, panel, gr.skip(), *choice_updates(final.choices)

    @staticmethod
    def new_chat():
        return [], None, panel_html(None, []), "", *choice_updates(())

    # ------------------------------------------------------------------ reports

    def reports_table(self) -> pd.DataFrame:
        return pd.DataFrame(report_rows(self.library), columns=REPORT_COLUMNS)

    def report_detail(self, report_id: str | None) -> str:
        return report_html(self.library, report_id)

    # ------------------------------------------------------------------ compare

    def issuers(self) -> list[str]:
        return sorted({r.issuer for r in self.library.primary_reports()})

    def years(self) -> list[str]:
        return [str(y) for y in sorted({r.year for r in self.library.primary_reports()})]

    def compare(self, metric: str, issuers: list[str], years: list[str], kind: str):
        """The chart (flagged values noted under it), the table behind it, and the table as
        CSV, Excel and Word files under ``<data dir>/exports/``."""
        rows = compare.points(self.library, metric, issuers, years)
        frame = pd.DataFrame([p.table_row() for p in rows], columns=compare.TABLE_COLUMNS)
        unit = rows[0].unit if rows else ""
        label = compare.metric_label(metric)
        chart = chart_html(rows, "line" if kind == "折线图" else "bar", f"{label}（{unit}）" if unit else label)
        stem, formula, key = f"compare-{metric}", compare.metric_formula(metric), repr((metric, rows))
        data = self.settings.data_dir
        files = [exports.write_export(data, stem, "csv", compare.to_csv(rows, metric).encode("utf-8-sig"), key),
                 exports.write_export(data, stem, exports.XLSX, exports.comparison_xlsx(rows, label, formula), key),
                 exports.write_export(data, stem, exports.DOCX, exports.comparison_docx(rows, label, formula), key)]
        return chart, frame, *(gr.update(value=str(f), visible=bool(rows)) for f in files)

    # ------------------------------------------------------------------ findings list

    def findings(self, issuers: list[str] | None, years: list[str] | None, rules: list[str] | None):
        """The 问题清单 view for the filters, and the list as Excel and Word files."""
        entries = findings.finding_entries(self.library, issuers, years, rules)
        said = "；".join(f"{name}：{'、'.join(map(str, chosen))}"
                        for name, chosen in (("发布机关", issuers), ("年度", years), ("规则", rules)) if chosen)
        key, data = repr((said, entries)), self.settings.data_dir
        files = [exports.write_export(data, "findings", exports.XLSX, exports.findings_xlsx(entries, said), key),
                 exports.write_export(data, "findings", exports.DOCX, exports.findings_docx(entries, said), key)]
        return findings.findings_view_html(entries), *(gr.update(value=str(f), visible=bool(entries)) for f in files)

    # ------------------------------------------------------------------ chat export

    def export_chat(self, conversation):
        """The conversation so far, with its sources, as a Word file (hidden before a turn)."""
        turns = list(getattr(conversation, "turns", None) or [])
        if not turns:
            return gr.update(value=None, visible=False)
        ids = {c.report_id for a in turns for c in a.citations if c.cell_id}
        cells = {rid: {c.cell_id: c for c in self.library.sql.cells(rid)} for rid in ids}
        in_force = self.library.reviewing.in_force()
        data = exports.conversation_docx(turns, cells, in_force, datetime.now().strftime("%Y-%m-%d %H:%M"))
        key = repr((turns, sorted(in_force.values(), key=lambda c: c.id)))
        return gr.update(value=str(exports.write_export(self.settings.data_dir, "chat", exports.DOCX, data, key)),
                         visible=True)

    # ------------------------------------------------------------------ upload

    def upload(self, files):
        """Ingest the uploaded files, then refresh every list that names reports."""
        paths = [getattr(f, "name", f) for f in (files or [])]
        lines = ingest_uploads(self.library, paths, self.settings.ui.max_upload_mb) if paths else ["没有选择文件。"]
        return ("\n".join(lines),) + self.refresh()

    def refresh(self):
        choices = report_choices(self.library)
        current = choices[0][1] if choices else None
        return (self.reports_table(), gr.update(choices=choices, value=current), self.report_detail(current),
                gr.update(choices=self.issuers()), gr.update(choices=self.years()),
                gr.update(choices=self.issuers()), gr.update(choices=self.years()),
                gr.update(choices=findings.rule_choices(self.library)))


def edit_forms() -> dict:
    """The 年报 tab's side column: a hint, the correction form and the review form (hidden
    until a cell or a finding is clicked), and the hidden target the page script fills."""
    f: dict = {"selected": gr.State(None), "hint": gr.HTML(editing.HINT, elem_id="nb-edit-hint-box")}
    with gr.Group(visible=False, elem_id="nb-cell-form") as f["cell_form"]:
        f["cell_info"] = gr.HTML(elem_id="nb-fix-info")
        f["new_value"] = gr.Textbox(label="更正后的数字", elem_id="nb-fix-value", max_lines=1)
        f["kind"] = gr.Radio(editing.KIND_CHOICES, value="misread", label="更正类型", elem_id="nb-fix-kind")
        f["reason"] = gr.Textbox(label="理由（必填；撤回时可写撤回的理由）", lines=2, elem_id="nb-fix-reason")
        with gr.Row():
            f["save"] = gr.Button("保存更正", variant="primary", size="sm", elem_id="nb-fix-save")
            f["withdraw"] = gr.Button("撤回更正", variant="stop", size="sm", visible=False, elem_id="nb-fix-withdraw")
            f["close"] = gr.Button("关闭", size="sm", elem_id="nb-fix-close")
        f["cell_msg"] = gr.HTML(elem_id="nb-fix-msg")
    with gr.Group(visible=False, elem_id="nb-review-form") as f["review_form"]:
        f["review_info"] = gr.HTML(elem_id="nb-review-info")
        f["review_state"] = gr.Radio(editing.REVIEW_CHOICES, value="confirmed", label="审核结论",
                                     elem_id="nb-review-state")
        f["review_reason"] = gr.Textbox(label="理由（驳回时必填）", lines=2, elem_id="nb-review-reason")
        with gr.Row():
            f["review_save"] = gr.Button("保存审核", variant="primary", size="sm", elem_id="nb-review-save")
            f["review_withdraw"] = gr.Button("撤回审核", variant="stop", size="sm", visible=False,
                                             elem_id="nb-review-withdraw")
            f["review_close"] = gr.Button("关闭", size="sm", elem_id="nb-review-close")
        f["review_msg"] = gr.HTML(elem_id="nb-review-msg")
    # what the page script writes on a click in the report (JSON), and the button it presses
    f["target"] = gr.Textbox(visible="hidden", elem_id="nb-edit-target")
    f["open"] = gr.Button(visible="hidden", elem_id="nb-edit-open")
    return f


def build(app: App) -> gr.Blocks:
    """The whole UI as Gradio Blocks."""
    settings = app.settings
    with gr.Blocks(title="年报问答", analytics_enabled=False) as demo:
        gr.HTML(HEADER)
        with gr.Tabs():
            with gr.Tab("问答", id="chat"):
                conversation = gr.State(None)
                # On a phone the two columns dissolve (CSS, display: contents) and their parts
                # are reordered: chat, question box, sources, then examples.
                with gr.Row(equal_height=False, elem_id="nb-chat-row"):
                    with gr.Column(scale=5, elem_classes="nb-chat-col"):
                        chatbot = gr.Chatbot(label="对话", elem_id="nb-chat", height=600, sanitize_html=True,
                                             latex_delimiters=[], render_markdown=True, line_breaks=True,
                                             feedback_options=None, buttons=["copy"],
                                             placeholder="问一个关于政府信息公开工作年度报告的问题。")
                        with gr.Row(elem_id="nb-ask-row"):
                            question = gr.Textbox(show_label=False, placeholder="例如：大宁县2020年行政许可处理决定数量是多少？",
                                                  scale=8, elem_id="nb-question", max_lines=4)
                            send = gr.Button("提问", variant="primary", scale=1, elem_id="nb-send", min_width=64)
                        # A clarifying question's readings: one click asks the chosen one.
                        with gr.Row(elem_classes="nb-choices"):
                            choice_buttons = [gr.Button(visible=False, size="sm", variant="primary",
                                                        elem_classes="nb-choice") for _ in range(CHOICES)]
                        gr.Markdown("**示例问题**（点击即问；后一问会沿用前一问的单位、年度和指标）",
                                    elem_classes="nb-examples-title")
                        with gr.Row(elem_classes="nb-examples"):
                            example_buttons = [gr.Button(q, size="sm", variant="secondary")
                                               for q in example_questions(app.library)]
                        with gr.Row():
                            clear = gr.Button("新对话", size="sm", elem_id="nb-clear")
                            chat_file = gr.DownloadButton("导出对话（Word）", visible=False, size="sm",
                                                          elem_id="nb-chat-docx")
                    with gr.Column(scale=4, elem_id="nb-sources-box"):
                        with gr.Accordion("来源（点击答案中的 [n] 跳到对应来源）", open=True, elem_id="nb-sources-acc"):
                            sources = gr.HTML(panel_html(None, []), elem_id="nb-sources")
            with gr.Tab("年报", id="reports"):
                gr.Markdown("已导入的年报（同一年报的不同格式只计一次，以“说明”为空的一份为准）。")
                reports = gr.Dataframe(app.reports_table(), interactive=False, wrap=True, elem_id="nb-reports",
                                       max_height=320,
                                       column_widths=["17%", "7%", "8%", "7%", "6%", "8%", "25%", "22%"])
                choices = report_choices(app.library)
                picker = gr.Dropdown(choices=choices, value=choices[0][1] if choices else None, label="查看年报",
                                     elem_id="nb-report-picker")
                with gr.Row(equal_height=False, elem_id="nb-report-row"):
                    with gr.Column(scale=3, min_width=480):
                        detail = gr.HTML(app.report_detail(choices[0][1] if choices else None),
                                         elem_id="nb-report-detail")
                    with gr.Column(scale=2, min_width=300, elem_id="nb-editor"):
                        form = edit_forms()
                form["detail"] = detail
            with gr.Tab("对比", id="compare"):
                with gr.Row():
                    metric = gr.Dropdown(compare.metric_choices(), value="requests.new.total", label="指标",
                                         scale=3, elem_id="nb-metric")
                    issuers = gr.Dropdown(app.issuers(), multiselect=True, label="发布机关（不选为全部）", scale=3)
                    years = gr.Dropdown(app.years(), multiselect=True, label="年度（不选为全部）", scale=2)
                    kind = gr.Radio(["柱状图", "折线图"], value="柱状图", label="图表", scale=1)
                run = gr.Button("对比", variant="primary", elem_id="nb-compare")
                chart = gr.HTML(elem_id="nb-chart")
                table = gr.Dataframe(interactive=False, wrap=True, label="图表数据（数值取自年报表格；比率按公式计算）",
                                     elem_id="nb-compare-table")
                with gr.Row():
                    download = gr.DownloadButton("导出 CSV", visible=False, elem_id="nb-csv")
                    compare_xlsx = gr.DownloadButton("导出 Excel", visible=False, elem_id="nb-compare-xlsx")
                    compare_docx = gr.DownloadButton("导出 Word", visible=False, elem_id="nb-compare-docx")
            with gr.Tab("问题清单", id="findings") as findings_tab:
                gr.Markdown("全部年报的勾稽关系问题（R1–R7）：每处写明规则、涉及的格（原文数字、文件、页码）、"
                            "人工更正和审核状态。确认或驳回请到“年报”页。")
                with gr.Row():
                    f_issuers = gr.Dropdown(app.issuers(), multiselect=True, label="发布机关（不选为全部）", scale=3,
                                            elem_id="nb-findings-issuers")
                    f_years = gr.Dropdown(app.years(), multiselect=True, label="年度（不选为全部）", scale=2,
                                          elem_id="nb-findings-years")
                    f_rules = gr.Dropdown(findings.rule_choices(app.library), multiselect=True,
                                          label="规则（不选为全部）", scale=3, elem_id="nb-findings-rules")
                with gr.Row():
                    findings_xlsx = gr.DownloadButton("导出 Excel", visible=False, elem_id="nb-findings-xlsx")
                    findings_docx = gr.DownloadButton("导出 Word", visible=False, elem_id="nb-findings-docx")
                findings_list = gr.HTML(elem_id="nb-findings")
            with gr.Tab("上传", id="upload"):
                gr.Markdown(f"上传年报（{ACCEPTED_WORDS}，每个文件不超过 "
                            f"{settings.ui.max_upload_mb} MB）。导入后即可提问，并出现在“年报”和“对比”中。")
                files = gr.File(file_count="multiple", file_types=list(ACCEPTED), label="年报文件",
                                elem_id="nb-files")
                ingest = gr.Button("导入", variant="primary")
                results = gr.Textbox(label="导入结果（每个文件一行）", lines=6, interactive=False,
                                     elem_id="nb-upload-results")
            with gr.Tab("评测", id="eval"):
                evaluation.build_tab(settings)

        chat_out = [chatbot, conversation, sources, question] + choice_buttons
        chat_io: dict[str, Any] = dict(inputs=[question, chatbot, conversation], outputs=chat_out)
        # after each answer the conversation so far is ready as a Word file
        export_io: dict[str, Any] = dict(fn=app.export_chat, inputs=conversation, outputs=chat_file)
        question.submit(app.ask, **chat_io).then(**export_io)
        send.click(app.ask, **chat_io).then(**export_io)
        for button in example_buttons + choice_buttons:
            button.click(lambda q: q, inputs=button, outputs=question).then(app.ask, **chat_io).then(**export_io)
        clear.click(App.new_chat, outputs=chat_out).then(**export_io)
        # the chat's own trash button forgets the conversation too, not only the bubbles
        chatbot.clear(App.new_chat, outputs=chat_out).then(**export_io)
        form_out = [form[n] for n in editing.FIELDS]
        picker.change(app.report_detail, inputs=picker, outputs=detail).then(editing.Editor.close, outputs=form_out)
        ed = app.editor
        form["open"].click(ed.open, inputs=form["target"], outputs=form_out)
        form["save"].click(ed.save_correction, inputs=[form[n] for n in ("selected", "new_value", "kind", "reason")],
                           outputs=form_out)
        form["withdraw"].click(ed.withdraw_correction, inputs=[form["selected"], form["reason"]], outputs=form_out)
        form["review_save"].click(ed.save_review,
                                  inputs=[form[n] for n in ("selected", "review_state", "review_reason")],
                                  outputs=form_out)
        form["review_withdraw"].click(ed.withdraw_review, inputs=[form["selected"], form["review_reason"]],
                                      outputs=form_out)
        for close in (form["close"], form["review_close"]):
            close.click(editing.Editor.close, outputs=form_out)
        compare_io: dict[str, Any] = dict(inputs=[metric, issuers, years, kind], outputs=[chart, table, download, compare_xlsx,
                                                                          compare_docx])
        run.click(app.compare, **compare_io)
        kind.change(app.compare, **compare_io)
        findings_io: dict[str, Any] = dict(inputs=[f_issuers, f_years, f_rules], outputs=[findings_list, findings_xlsx, findings_docx])
        for control in (f_issuers, f_years, f_rules):
            control.change(app.findings, **findings_io)
        # reviews and corrections made in the 年报 tab show when the list is opened again
        findings_tab.select(app.findings, **findings_io)
        lists: list[Any] = [reports, picker, detail, issuers, years, f_issuers, f_years, f_rules]
        # A report ingested from the command line while the app runs shows on reload.
        demo.load(app.refresh, outputs=lists).then(app.compare, **compare_io).then(app.findings, **findings_io)
        ingest.click(app.upload, inputs=files, outputs=[results] + lists)
    return demo
