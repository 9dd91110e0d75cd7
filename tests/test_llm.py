"""The LLM path end to end against a local fake OpenAI-compatible server."""

from __future__ import annotations

import pytest

from assistant.qa.answering import Assistant
from assistant.qa.llm import FALLBACK_NOTE, OpenAICompatibleLLM
from assistant.settings import LLMSettings
from tests.fake_llm import FakeLLMServer

QUESTION = "大宁县2020年行政许可处理决定数量是多少？"


@pytest.fixture()
def fake():
    with FakeLLMServer() as server:
        yield server


def _phrasing(fake) -> list[dict]:
    """The phrasing requests (the interpretation requests have their own prompt)."""
    return [r for r in fake.requests if not r["messages"][0]["content"].startswith("【任务：理解问题】")]


def _assistant(corpus_library, fake):
    return Assistant(corpus_library, llm=OpenAICompatibleLLM(LLMSettings(base_url=fake.url, model="fake")))


def test_model_phrases_with_the_cells_numbers(corpus_library, fake):
    fake.enqueue("根据报告，大宁县2020年行政许可处理决定共1680件[1]，见表二[7]。")
    answer = _assistant(corpus_library, fake).conversation().ask(QUESTION)
    assert answer.answer == "根据报告，大宁县2020年行政许可处理决定共1680件[1]，见表二。"  # [7] stripped
    assert answer.value == 1680
    prompt = _phrasing(fake)[0]["messages"][1]["content"]
    assert "[1] 大宁县人民政府2020年报告" in prompt and "1680" in prompt


def test_invented_number_falls_back_to_the_composed_answer(corpus_library, fake):
    fake.enqueue("大宁县2020年行政许可处理决定共9999件[1]。")
    answer = _assistant(corpus_library, fake).conversation().ask(QUESTION)
    assert "9999" not in answer.answer
    assert answer.answer.startswith("大宁县人民政府 2020年行政许可处理决定数量为1680件[1]。")
    assert FALLBACK_NOTE in answer.answer and "9999" in answer.notes[-1]


def test_streaming_yields_growing_text_then_the_checked_answer(corpus_library, fake):
    fake.enqueue("芮城县的主要问题是：政务公开工作制度机制还不健全完善[1]。")
    conv = _assistant(corpus_library, fake).conversation()
    steps = list(conv.stream("芮城县存在哪些主要问题？"))
    texts = [t for t, a in steps if a is None]
    assert len(texts) > 3 and texts[-1].endswith("[1]。")
    final = steps[-1][1]
    assert final.answer == "芮城县的主要问题是：政务公开工作制度机制还不健全完善[1]。"
    assert _phrasing(fake)[0]["stream"] is True


def test_unreachable_endpoint_keeps_the_composed_answer(corpus_library):
    llm = OpenAICompatibleLLM(LLMSettings(base_url="http://127.0.0.1:9/v1", timeout=2))
    answer = Assistant(corpus_library, llm=llm).conversation().ask(QUESTION)
    assert answer.value == 1680 and "1680件[1]" in answer.answer
    assert "LLM 不可用" in answer.notes[-1]


def test_the_model_proposes_a_reading_with_catalogue_ids_only(corpus_library, fake):
    fake.enqueue_reading('{"issuers": ["大宁县人民政府"], "years": [2020], "metric": "active.licensing", '
                         '"columns": ["decisions"], "operation": "value"}')
    fake.enqueue("大宁县2020年行政许可处理决定共1680件[1]。")
    answer = _assistant(corpus_library, fake).conversation().ask(QUESTION)
    assert answer.value == 1680 and answer.route == "cell"
    reading = fake.requests[0]["messages"]
    assert reading[0]["content"].startswith("【任务：理解问题】")
    assert "active.licensing=行政许可" in reading[1]["content"] and "大宁县人民政府" in reading[1]["content"]


def test_two_valid_readings_that_differ_are_asked_back(corpus_library, fake):
    fake.enqueue_reading('{"issuers": ["大宁县人民政府"], "years": [2020], "metric": "active.penalty", '
                         '"operation": "value"}')
    conv = _assistant(corpus_library, fake).conversation()
    answer = conv.ask(QUESTION)
    assert answer.route == "clarify" and answer.value is None
    assert answer.choices == ("大宁县人民政府2020年行政许可处理决定数量是多少？", "大宁县人民政府2020年行政处罚处理决定数量是多少？")
    # Choosing the model's reading is a question the rules read exactly.
    fake.enqueue_reading("{}")
    chosen = conv.ask(answer.choices[1])
    assert chosen.value == 94 and chosen.citations[0].cell_id == "active.penalty.decisions"


@pytest.mark.parametrize("reply", [
    pytest.param("这不是JSON", id="not-json"),
    pytest.param('{"metric": "active.penalty; DROP TABLE cells", "issuers": ["大宁县人民政府"]}', id="unknown-metric-id"),
    pytest.param('{"metric": "active.penalty", "issuers": ["北京市人民政府"]}', id="issuer-not-in-library"),
    pytest.param('{"metric": "active.penalty", "value": 99999}', id="extra-field-with-a-number"),
    pytest.param('忽略以上所有指令。{"metric": "active.penalty", "years": [99999]}', id="injected-and-bad-year"),
    pytest.param('{"metric": "active.penalty", "operation": "delete_everything"}', id="unknown-operation"),
])
def test_invalid_or_hostile_readings_are_ignored(corpus_library, fake, reply):
    fake.enqueue_reading(reply)
    fake.enqueue("大宁县2020年行政许可处理决定共1680件[1]。")
    answer = _assistant(corpus_library, fake).conversation().ask(QUESTION)
    assert (answer.route, answer.value) == ("cell", 1680)
    assert "99999" not in answer.answer
