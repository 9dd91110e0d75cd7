"""The evaluation tab: results under the data dir, the summary as a Chinese table."""

from __future__ import annotations

import json
import re
from html import unescape
from pathlib import Path

from assistant.settings import Settings
from ui import evaluation

SUMMARY = {"name": "fused", "cases": 3, "errors": 0, "overall": 2 / 3, "wrong_numbers": 0, "number_em": 1.0,
           "number_n": 3, "citation_precision": None, "latency": {"median": 0.0123, "p95": 0.5},
           "fully_right": {"cell": [2, 3]}}


class FakeRunner:
    """Stands for evals.runner: records its args and writes a results.json where told."""

    def __init__(self):
        self.args = None

    def main(self, args):
        self.args = args
        folder = Path(args.out)
        folder.mkdir(parents=True)
        results = {"run": {"set": args.set_name, "cases": 3, "configs": "fused"}, "summary": {"fused": SUMMARY},
                   "extraction": {"overall": {"name": "overall", "total": 10, "accuracy": 0.9,
                                              "counts": {"silently_wrong": 1, "flagged_correct": 1, "missing": 0}},
                                  "reports": []}}
        (folder / "results.json").write_text(json.dumps(results), encoding="utf-8")
        print("metric  fused")
        return 0


def test_a_run_writes_under_the_data_dir_and_shows_a_chinese_table(tmp_path, monkeypatch):
    fake = FakeRunner()
    monkeypatch.setattr(evaluation, "runner", lambda: fake)
    settings = Settings(data_dir=tmp_path / "data", embedder="hash")
    html, log = evaluation.run_eval(settings, "corpus", 3)
    out = Path(fake.args.out)
    assert out.parent == tmp_path / "data" / "evals" / "results" and (out / "results.json").exists()
    assert fake.args.limit == 3 and fake.args.data_dir == str(tmp_path / "data")
    text = unescape(re.sub(r"<[^>]+>", "|", html))
    assert "完成：评测集 corpus · 3 题 · 配置 混合检索（fused）" in text
    assert "|完全答对（n=3）||66.7%|" in text and "|数字完全一致（n=3）||100.0%|" in text
    assert "|引用精确率||—|" in text and "|耗时 中位数 / p95（秒）||0.012 / 0.500|" in text
    assert "|完全答对·单格数字||2/3|" in text
    assert "|合计||10||90.0%||1||1/1||0|" in text
    assert "metric  fused" in log and "（退出码 0）" in log


def test_a_run_without_results_says_so(tmp_path, monkeypatch):
    class Broken:
        @staticmethod
        def main(args):
            return 2

    monkeypatch.setattr(evaluation, "runner", lambda: Broken)
    html, _ = evaluation.run_eval(Settings(data_dir=tmp_path, embedder="hash"), "nope", 0)
    assert "评测没有写出结果（退出码 2）" in html
