"""The evaluation tab: runs `nianbao eval` (evals.runner) on the app's data dir, if present.

Results go under the data dir (``<data dir>/evals/results/<time>/``), never into the code
checkout. The tab shows the run's headline figures as a table in Chinese, read from the
results.json the runner writes, with the runner's console output behind it.

evals/ is built separately; the import is guarded so the app works without it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import threading
from collections.abc import Mapping
from datetime import datetime
from pathlib import Path

import gradio as gr

from assistant.settings import Settings
from ui.markup import text

_RUN_LOCK = threading.Lock()   # output capture redirects the process's stdout: one run at a time

# (field of the summary in results.json, Chinese label, how to show it)
SUMMARY_FIELDS: tuple[tuple[str, str, str], ...] = (
    ("overall", "完全答对", "pct"),
    ("wrong_numbers", "答错的数字（应为 0）", "int"),
    ("asked_back", "反问澄清次数", "int"),
    ("clarify_accuracy", "澄清判断准确率", "pct"),
    ("number_em", "数字完全一致", "pct"),
    ("fact_coverage", "叙述要点覆盖率", "pct"),
    ("facts_complete", "要点全部覆盖", "pct"),
    ("citation_precision", "引用精确率", "pct"),
    ("citation_recall", "引用召回率", "pct"),
    ("cell_precision", "表格格引用精确率", "pct"),
    ("cell_recall", "表格格引用召回率", "pct"),
    ("passage_precision", "段落引用精确率", "pct"),
    ("passage_recall", "段落引用召回率", "pct"),
    ("refusal_accuracy", "拒答判断准确率", "pct"),
    ("refusals_missed", "该拒未拒", "int"),
    ("false_refusals", "误拒", "int"),
    ("unsupported_numbers", "无出处的数字（应为 0）", "int"),
    ("recall_at_5", "检索召回@5", "pct"),
    ("mrr", "检索 MRR@10", "num"),
    ("audit_accuracy", "勾稽检查准确率", "pct"),
    ("errors", "出错的问题", "int"),
)
CONFIG_LABELS = {"fused": "混合检索（fused）", "dense": "向量检索（dense）", "bm25": "关键词检索（bm25）"}
KIND_LABELS = {"cell": "单格数字", "aggregate": "汇总", "ratio": "比率", "comparison": "对比", "audit": "勾稽",
               "narrative": "叙述", "refusal": "拒答", "clarify": "澄清", "followup": "追问", "follow_up": "追问"}


def runner():
    """evals.runner, or None when it is not installed."""
    try:
        from evals import runner as module
    except ImportError:
        return None
    return module if hasattr(module, "main") else None


def results_root(settings: Settings) -> Path:
    """Where the tab's runs are written: under the data dir, one folder per run."""
    return settings.data_dir / "evals" / "results"


def _show(value, how: str) -> str:
    if value is None:
        return "—"
    if how == "pct":
        return f"{100 * float(value):.1f}%"
    if how == "num":
        return f"{float(value):.3f}"
    return str(value)


def summary_table_html(results: Mapping) -> str:
    """The headline figures of a results.json, one column per configuration, in Chinese."""
    summary = results.get("summary") or {}
    if not summary:
        return '<div class="nb-empty">结果文件里没有汇总。</div>'
    names = list(summary)
    first = summary[names[0]]
    head = "".join(f"<th>{text(CONFIG_LABELS.get(n, n))}</th>" for n in names)
    rows = []
    for field, label, how in SUMMARY_FIELDS:
        if field not in first:
            continue
        n = {"overall": "cases", "clarify_accuracy": "clarify_n", "number_em": "number_n", "fact_coverage": "facts_n",
             "recall_at_5": "retrieval_n", "audit_accuracy": "audit_n", "refusal_accuracy": "cases"}.get(field)
        shown = f"{label}（n={first[n]}）" if n and n in first else label
        tds = "".join(f"<td>{text(_show(summary[c].get(field), how))}</td>" for c in names)
        rows.append(f'<tr><td class="nb-eval-label">{text(shown)}</td>{tds}</tr>')
    if all("latency" in summary[c] for c in names):
        def latency(c):
            lat = summary[c]["latency"] or {}
            return f"{_show(lat.get('median'), 'num')} / {_show(lat.get('p95'), 'num')}"
        rows.append('<tr><td class="nb-eval-label">耗时 中位数 / p95（秒）</td>'
                    + "".join(f"<td>{text(latency(c))}</td>" for c in names) + "</tr>")
    for kind in first.get("fully_right") or {}:
        label = f"完全答对·{KIND_LABELS.get(kind, kind)}"
        tds = "".join(f"<td>{text('/'.join(str(v) for v in (summary[c].get('fully_right') or {}).get(kind, ('—',))))}</td>"
                      for c in names)
        rows.append(f'<tr><td class="nb-eval-label">{text(label)}</td>{tds}</tr>')
    return (f'<table><thead><tr><th>指标</th>{head}</tr></thead><tbody>{"".join(rows)}</tbody></table>')


def extraction_table_html(results: Mapping) -> str:
    """Cells read vs the hand-checked values (tests/expected), per report and overall."""
    extraction = results.get("extraction")
    if not extraction:
        return ""
    rows = []
    for s in list(extraction.get("reports") or []) + [dict(extraction.get("overall") or {}, name="合计")]:
        counts = s.get("counts") or {}
        flagged = counts.get("flagged_correct", 0) + counts.get("flagged_wrong", 0)
        values = (s.get("total", "—"), _show(s.get("accuracy"), "pct"), counts.get("silently_wrong", 0),
                  f"{counts.get('flagged_correct', 0)}/{flagged}", counts.get("missing", 0))
        rows.append(f'<tr><td class="nb-eval-label">{text(s.get("name", ""))}</td>'
                    + "".join(f"<td>{text(v)}</td>" for v in values) + "</tr>")
    head = "".join(f"<th>{h}</th>" for h in ("年报", "格数", "准确率", "悄悄读错", "标记正确/标记", "未读到"))
    return (f'<h4>表格数字对照人工核对值</h4><table><thead><tr>{head}</tr></thead>'
            f'<tbody>{"".join(rows)}</tbody></table>')


def results_html(folder: Path, code: int | None) -> str:
    """The tab's view of one finished run: summary, extraction, where the files are."""
    path = folder / "results.json"
    if not path.exists():
        return f'<div class="nb-empty">评测没有写出结果（退出码 {code}），见下方运行输出。</div>'
    try:
        results = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        return f'<div class="nb-empty">读不出 {text(path)}：{text(exc)}</div>'
    run = results.get("run") or {}
    configs = "、".join(CONFIG_LABELS.get(c.strip(), c.strip()) for c in str(run.get("configs", "")).split(","))
    facts = [f"评测集 {run.get('set', '')}", f"{run.get('cases', '—')} 题", f"配置 {configs}"]
    status = "完成" if code == 0 else f"完成，但有问题（退出码 {code}）"
    files = "、".join(text(p) for p in (folder / "results.json", folder / "report.md") if p.exists())
    return (f'<div class="nb-eval"><div>{text(status)}：{text(" · ".join(facts))}</div>'
            f"{summary_table_html(results)}{extraction_table_html(results)}"
            f'<div class="nb-eval-files">结果文件：{files}</div></div>')


def run_eval(settings: Settings, set_name: str, limit: float | None) -> tuple[str, str]:
    """Run the evaluation set against the app's library: (results as HTML, console output)."""
    module = runner()
    if module is None:
        return '<div class="nb-empty">评测模块 evals.runner 尚未提供。</div>', ""
    folder = results_root(settings) / datetime.now().strftime("%Y%m%d-%H%M%S")
    args = argparse.Namespace(data_dir=str(settings.data_dir), embedder=settings.embedder,
                              set_name=(set_name or "corpus").strip(), corpus=None, config=None,
                              out=str(folder), limit=int(limit) if limit else None)
    if not _RUN_LOCK.acquire(blocking=False):
        return '<div class="nb-empty">已有一次评测在运行，请稍后再试。</div>', ""
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = module.main(args)
    except Exception as exc:  # the tab reports the failure; the app goes on
        return (f'<div class="nb-empty">评测出错：{text(exc.__class__.__name__)}: {text(exc)}</div>',
                out.getvalue())
    finally:
        _RUN_LOCK.release()
    return results_html(folder, code), out.getvalue() + f"\n（退出码 {code}）"


def build_tab(settings: Settings) -> None:
    """The tab's components, inside an open gr.Tab."""
    available = runner() is not None
    gr.Markdown(f"在当前数据目录上运行评测集（与 `nianbao eval --set 名称` 相同），结果写入 "
                f"`{results_root(settings)}`。" if available
                else "评测模块（evals.runner）尚未安装；可在命令行运行 `nianbao eval`。")
    with gr.Row():
        set_name = gr.Textbox("corpus", label="评测集（evals/sets 中的名称或路径）", scale=3)
        limit = gr.Number(10, label="只跑前 N 题（0 为全部）", precision=0, scale=1)
        start = gr.Button("运行评测", variant="primary", interactive=available, scale=1, elem_id="nb-eval-run")
    table = gr.HTML('<div class="nb-empty">运行后，这里列出各项指标。</div>', elem_id="nb-eval-table")
    with gr.Accordion("运行输出", open=False):
        output = gr.Textbox(show_label=False, lines=14, interactive=False, elem_id="nb-eval-log")
    start.click(lambda s, n: run_eval(settings, s, n), inputs=[set_name, limit], outputs=[table, output])
