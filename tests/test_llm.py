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


def _assistant(corpus_library, fake):
    return Assistant(corpus_library, llm=OpenAICompatibleLLM(LLMSettings(base_url=fake.url, model="fake")))


def test_model_phrases_with_the_cells_numbers(corpus_library, fake):
    fake.enqueue("根据报告，大宁县2020年行政许可处理决定共1680件[1]，见表二[7]。")
    answer = _assistant(corpus_library, fake).conversation().ask(QUESTION)
    assert answer.answer == "根据报告，大宁县2020年行政许可处理决定共1680件[1]，见表二。"  # [7] stripped
    assert answer.value == 1680
    prompt = fake.requests[0]["messages"][1]["content"]
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
    assert fake.requests[0]["stream"] is True


def test_unreachable_endpoint_keeps_the_composed_answer(corpus_library):
    llm = OpenAICompatibleLLM(LLMSettings(base_url="http://127.0.0.1:9/v1", timeout=2))
    answer = Assistant(corpus_library, llm=llm).conversation().ask(QUESTION)
    assert answer.value == 1680 and "1680件[1]" in answer.answer
    assert "LLM 不可用" in answer.notes[-1]
