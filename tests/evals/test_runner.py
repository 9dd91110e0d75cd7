import json
from argparse import Namespace

import pytest

from assistant.settings import LLMSettings, Settings
from evals import runner
from evals.runner import UsageError, choose_configs, config_settings

CELL = {"id": "cell-daning-2020-licensing", "kind": "cell", "turns": ["大宁县2020年行政许可处理决定数量是多少？"],
        "expected": {"value": 1680, "unit": "件", "tolerance": 0},
        "evidence": {"reports": [{"issuer": "大宁县人民政府", "year": 2020}], "cells": ["active.licensing.decisions"]}}
WRONG = {**CELL, "id": "cell-daning-2020-licensing-wrong-gold", "expected": {"value": 1681, "unit": "件", "tolerance": 0}}
REFUSE = {"id": "refuse-nanjing-2023", "kind": "refusal", "turns": ["南京市2023年收到了多少政府信息公开申请？"],
          "expected": {"refusal": True}, "evidence": {"reports": []}}
NARRATIVE = {"id": "narr-huaian-2024-contact", "kind": "narrative", "turns": ["淮安市人民政府办公室的联系电话是多少？"],
             "expected": {"facts": [["0517-83605210"]]},
             "evidence": {"reports": [{"issuer": "淮安市人民政府", "year": 2024}], "passage": "电话：0517-83605210"}}


def test_default_configs_add_llm_only_with_an_endpoint():
    assert choose_configs(None, Settings()) == ["fused", "dense", "bm25"]
    with_llm = Settings(llm=LLMSettings(base_url="http://127.0.0.1:9/v1"))
    assert choose_configs(None, with_llm) == ["fused", "dense", "bm25", "llm"]
    assert choose_configs(["bm25,fused", "bm25"], Settings()) == ["bm25", "fused"]


def test_bad_configs_are_usage_errors():
    with pytest.raises(UsageError, match="unknown configuration"):
        choose_configs(["hybridz"], Settings())
    with pytest.raises(UsageError, match="NIANBAO_LLM_BASE_URL"):
        choose_configs(["llm"], Settings())


def test_config_settings_differ_only_in_mode_and_llm():
    base = Settings(embedder="hash", llm=LLMSettings(base_url="http://127.0.0.1:9/v1"))
    dense = config_settings(base, "dense")
    assert (dense.retrieval.mode, dense.llm.base_url, dense.embedder) == ("dense", None, "hash")
    assert config_settings(base, "fused").retrieval.mode == "hybrid"
    llm = config_settings(base, "llm")
    assert (llm.retrieval.mode, llm.llm.base_url) == ("hybrid", "http://127.0.0.1:9/v1")
    assert base.retrieval.mode == "hybrid" and base.llm.base_url  # the original is untouched


def test_bad_set_exits_2_naming_the_line(tmp_path, capsys):
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(CELL) + "\n{broken\n", encoding="utf-8")
    args = Namespace(data_dir=str(tmp_path), embedder="hash", set_name=str(bad), corpus=None, config=None,
                     out=str(tmp_path / "out"), limit=None)
    assert runner.main(args) == 2
    assert f"{bad}:2: not valid JSON" in capsys.readouterr().err


def test_empty_library_exits_2(tmp_path, capsys):
    args = Namespace(data_dir=str(tmp_path / "data"), embedder="hash", set_name="corpus", corpus=None,
                     config=["bm25"], out=str(tmp_path / "out"), limit=1)
    assert runner.main(args) == 2
    assert "no reports in" in capsys.readouterr().err


def _run(corpus_library, tmp_path, cases, config=("bm25", "fused")):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(json.dumps(c, ensure_ascii=False) for c in cases), encoding="utf-8")
    args = Namespace(data_dir=str(corpus_library.settings.data_dir), embedder="hash", set_name=str(path),
                     corpus=None, config=list(config), out=str(tmp_path / "out"), limit=None)
    return runner.main(args), tmp_path / "out"


def test_end_to_end_on_the_corpus(corpus_library, tmp_path, capsys):
    code, out = _run(corpus_library, tmp_path, [CELL, WRONG, REFUSE, NARRATIVE])
    assert code == 0  # a wrong answer lowers scores, it is not an error
    printed = capsys.readouterr().out
    assert "number EM (n=2)" in printed and "extraction vs tests/expected" in printed
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert list(results["summary"]) == ["bm25", "fused"]
    bm25 = results["summary"]["bm25"]
    assert bm25["number_em"] == 0.5          # 1680 right; the deliberately wrong gold 1681 fails
    assert bm25["refusal_accuracy"] == 1.0
    assert bm25["cell_recall"] == 1.0 and bm25["retrieval_n"] == 1
    wrong = next(c for c in results["cases"]["bm25"] if c["id"] == WRONG["id"])
    assert wrong["failures"] == ["number: got 1680 件, expected 1681"]
    assert results["extraction"]["overall"]["accuracy"] > 0.99
    report = (out / "report.md").read_text(encoding="utf-8")
    assert "**cell-daning-2020-licensing-wrong-gold** (cell)" in report


def test_an_answer_that_raises_is_an_error(corpus_library, tmp_path, monkeypatch):
    import assistant.qa.answering

    class Broken:
        def __init__(self, library):
            pass

        def conversation(self):
            return self

        def ask(self, question):
            raise RuntimeError("boom")

    monkeypatch.setattr(assistant.qa.answering, "Assistant", Broken)
    code, out = _run(corpus_library, tmp_path, [CELL, REFUSE], config=("bm25",))
    assert code == 1
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert results["summary"]["bm25"]["errors"] == 2
    assert results["summary"]["bm25"]["number_em"] == 0.0
    assert results["cases"]["bm25"][0]["failures"][0].startswith("error: RuntimeError: boom")


def test_llm_configuration_only_when_configured_and_only_it_calls_the_llm(corpus_library, tmp_path, monkeypatch):
    from tests.fake_llm import FakeLLMServer

    with FakeLLMServer() as server:
        server.enqueue("大宁县人民政府2020年行政许可处理决定数量为1680件[1]。")
        monkeypatch.setenv("NIANBAO_LLM_BASE_URL", server.url)
        code, out = _run(corpus_library, tmp_path, [CELL], config=())
    assert code == 0
    results = json.loads((out / "results.json").read_text(encoding="utf-8"))
    assert list(results["summary"]) == ["fused", "dense", "bm25", "llm"]
    # fused, dense and bm25 never reach the endpoint; llm asks once for its reading, once to phrase
    kinds = ["reading" if r["messages"][0]["content"].startswith("【任务：理解问题】") else "phrasing"
             for r in server.requests]
    assert kinds == ["reading", "phrasing"]
    assert results["summary"]["llm"]["number_em"] == 1.0
    assert results["run"]["llm"] == server.url
