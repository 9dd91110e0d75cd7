import pytest

from evals.cases import Case
from evals.report import text_table
from evals.scoring import error_score, score_case
from evals.summary import summarise
from tests.evals.fake_answers import answer, cell_citation, passage_citation

PHRASE = "无法根据已收录的年报回答这个问题"
DANING = {"issuer": "大宁县人民政府", "year": 2020}
CELL = Case.model_validate({"id": "c1", "kind": "cell", "turns": ["大宁县2020年行政许可处理决定数量是多少？"],
                            "expected": {"value": 1680, "unit": "件"},
                            "evidence": {"reports": [DANING], "cells": ["active.licensing.decisions"]}})
NARR = Case.model_validate({"id": "n1", "kind": "narrative", "turns": ["大宁县有多少个政务新媒体？"],
                            "expected": {"facts": [["政务新媒体10个"], ["人工检查"]]},
                            "evidence": {"reports": [DANING], "passage": "共有政务新媒体10个"}})
REFUSE = Case.model_validate({"id": "r1", "kind": "refusal", "turns": ["南京市2023年新收多少申请？"],
                              "expected": {"refusal": True}})


def test_scores_and_summary_of_a_mixed_run():
    right = answer("1680件[1]", 1680.0, "件",
                   [cell_citation(1, "大宁县人民政府", 2020, "active.licensing.decisions", "1680")])
    narrative = answer("共有政务新媒体10个[1]", route="narrative",
                       citations=[passage_citation(1, "大宁县人民政府", 2020, "目前全县共有政务新媒体10个。")])
    invented = answer("南京市2023年新收了42件。", 42.0, "件")
    scores = [score_case(CELL, right, refusal_phrase=PHRASE),
              score_case(NARR, narrative, refusal_phrase=PHRASE, retrieval_rank=2, retrieval_scored=True),
              score_case(REFUSE, invented, refusal_phrase=PHRASE),
              error_score(CELL, "RuntimeError: boom")]
    assert scores[0].failures == []
    assert scores[1].failures == ["facts: 1/2, missing ['人工检查']"]
    assert scores[2].failures == ["refusal: answered a question the corpus cannot answer",
                                  "number: a number was given where none is right",
                                  "unsupported numbers: ['42']"]
    assert [s.wrong_number for s in scores] == [False, False, True, False]
    s = summarise("fused", scores, [0.1, 0.2, 0.3])
    assert (s.number_em, s.number_n) == (0.5, 2)
    assert s.fact_coverage == 0.5 and s.facts_complete == 0.0
    assert s.cell_recall == 0.5 and s.cell_precision == 1.0   # the errored case cited nothing
    assert s.passage_recall == 1.0
    assert s.refusal_accuracy == pytest.approx(2 / 4) and s.refusals_missed == 1
    assert (s.unsupported_numbers, s.unsupported_cases) == (1, 1)
    assert (s.recall_at_5, s.mrr) == (1.0, 0.5)
    assert s.errors == 1 and s.latency.median == pytest.approx(0.2)
    assert s.fully_right == {"cell": (1, 2), "narrative": (0, 1), "refusal": (0, 1)}
    assert (s.overall, s.wrong_numbers, s.asked_back) == (0.25, 1, 0)


AMBIGUOUS = Case.model_validate({"id": "q1", "kind": "clarify", "turns": ["洪泽区收到多少申请？"],
                                 "expected": {"clarify": True},
                                 "evidence": {"reports": [{"issuer": "淮安市洪泽区人民政府", "year": 2023},
                                                          {"issuer": "淮安市洪泽区人民政府", "year": 2024}]}})


def test_asking_back_is_right_for_two_readings_and_never_a_wrong_number():
    ask = answer("您问的是哪一年？", route="clarify")
    guess = answer("洪泽区2024年新收95件。", 95.0, "件")
    asked, guessed = score_case(AMBIGUOUS, ask, refusal_phrase=PHRASE), score_case(AMBIGUOUS, guess, refusal_phrase=PHRASE)
    assert asked.failures == [] and not asked.wrong_number
    assert guessed.wrong_number and "clarify: answered a question that has two readings" in guessed.failures
    # Asking back on a question with one reading: not answered, not wrong.
    on_cell = score_case(CELL, ask, refusal_phrase=PHRASE)
    assert on_cell.failures == ["clarify: asked back instead of answering"] and not on_cell.wrong_number
    s = summarise("fused", [asked, guessed, on_cell], [0.1, 0.1, 0.1])
    assert (s.clarify_n, s.clarify_accuracy, s.asked_back, s.wrong_numbers) == (2, 0.5, 2, 1)


def test_text_table_aligns_chinese():
    table = text_table(["报告", "n"], [["大宁县", "1"], ["x", "22"]])
    assert table.splitlines() == ["报告    n", "------  --", "大宁县  1", "x       22"]


def test_markdown_table_escapes_pipes():
    from evals.report import markdown_table

    assert markdown_table(["a", "b"], [["x|y", "1"]]).splitlines() == ["| a | b |", "|---|---|", "| x\\|y | 1 |"]
