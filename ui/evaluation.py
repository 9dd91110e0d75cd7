"""The evaluation tab: runs `nianbao eval` (evals.runner) on the app's data dir, if present.

evals/ is built separately; the import is guarded so the app works without it.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import threading

import gradio as gr

from assistant.settings import Settings

_RUN_LOCK = threading.Lock()   # output capture redirects the process's stdout: one run at a time


def runner():
    """evals.runner, or None when it is not installed."""
    try:
        from evals import runner as module
    except ImportError:
        return None
    return module if hasattr(module, "main") else None


def run_eval(settings: Settings, set_name: str, limit: float | None) -> str:
    """Run the evaluation set against the app's library; its console output as text."""
    module = runner()
    if module is None:
        return "评测模块 evals.runner 尚未提供。"
    args = argparse.Namespace(data_dir=str(settings.data_dir), embedder=settings.embedder,
                              set_name=(set_name or "corpus").strip(), corpus=None, config=None,
                              out="evals/results", limit=int(limit) if limit else None)
    if not _RUN_LOCK.acquire(blocking=False):
        return "已有一次评测在运行，请稍后再试。"
    out = io.StringIO()
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(out):
            code = module.main(args)
    except Exception as exc:  # the tab reports the failure; the app goes on
        return out.getvalue() + f"\n评测出错：{exc.__class__.__name__}: {exc}"
    finally:
        _RUN_LOCK.release()
    return out.getvalue() + f"\n（退出码 {code}）"


def build_tab(settings: Settings) -> None:
    """The tab's components, inside an open gr.Tab."""
    available = runner() is not None
    gr.Markdown("在当前数据目录上运行评测集（与 `nianbao eval --set 名称` 相同），结果写入 evals/results/。"
                if available else "评测模块（evals.runner）尚未安装；可在命令行运行 `nianbao eval`。")
    with gr.Row():
        set_name = gr.Textbox("corpus", label="评测集（evals/sets 中的名称或路径）", scale=3)
        limit = gr.Number(10, label="只跑前 N 题（0 为全部）", precision=0, scale=1)
        start = gr.Button("运行评测", variant="primary", interactive=available, scale=1)
    output = gr.Textbox(label="评测输出", lines=16, interactive=False)
    start.click(lambda s, n: run_eval(settings, s, n), inputs=[set_name, limit], outputs=output)
