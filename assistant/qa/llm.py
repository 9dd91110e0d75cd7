"""The one LLM seam: an OpenAI-compatible endpoint through LangChain that only phrases.

The model receives the composed answer and its cited sources under citation keys.
Unknown keys are stripped from what it writes, and every number in its text must be
found in a cited source (or the composed draft, whose numbers come from cells); if
not, the composed answer is used and the user is told why.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import Protocol

from assistant.domain.records import Answer
from assistant.settings import LLMSettings

PROMPTS = Path(__file__).resolve().parents[2] / "prompts"
FALLBACK_NOTE = "（模型生成的文字含有引用来源中找不到的数字，已改用系统直接生成的回答。）"
_NUMBER = re.compile(r"\d+(?:,\d{3})*(?:\.\d+)?")
_KEY = re.compile(r"\[(\d+)\]")


class ChatModel(Protocol):
    def complete(self, system: str, user: str) -> str: ...

    def stream(self, system: str, user: str) -> Iterator[str]: ...


def load_prompt(name: str) -> str:
    """A prompt template from prompts/ by name (without .md)."""
    return (PROMPTS / f"{name}.md").read_text(encoding="utf-8")


class OpenAICompatibleLLM:
    """Any OpenAI-compatible chat endpoint (vLLM, Ollama, DeepSeek, Qwen…) via LangChain."""

    def __init__(self, settings: LLMSettings):
        from langchain_openai import ChatOpenAI

        self._chat = ChatOpenAI(base_url=settings.base_url, api_key=settings.api_key,
                                model=settings.model, temperature=settings.temperature,
                                timeout=settings.timeout, max_retries=0)

    def _messages(self, system: str, user: str):
        from langchain_core.messages import HumanMessage, SystemMessage

        return [SystemMessage(content=system), HumanMessage(content=user)]

    def complete(self, system: str, user: str) -> str:
        return str(self._chat.invoke(self._messages(system, user)).content)

    def stream(self, system: str, user: str) -> Iterator[str]:
        for chunk in self._chat.stream(self._messages(system, user)):
            if chunk.content:
                yield str(chunk.content)


def prompt_for(answer: Answer) -> tuple[str, str]:
    evidence = "\n".join(f"[{c.key}] {c.issuer}{c.year}年报告（{c.section}，第{c.page or '-'}页）：{c.text}"
                         for c in answer.citations)
    user = load_prompt("answer_user").format(question=answer.question, evidence=evidence,
                                             draft=answer.answer)
    return load_prompt("answer_system"), user


def numbers_in(text: str) -> set[str]:
    """Numbers in a text, normalised ('1,680' -> '1680', '59.540' -> '59.54')."""
    out = set()
    for m in _NUMBER.finditer(_KEY.sub(" ", text)):
        n = m.group(0).replace(",", "")
        if "." in n:
            n = n.rstrip("0").rstrip(".")
        out.add(n)
    return out


def unsupported_numbers(text: str, answer: Answer) -> set[str]:
    """Numbers in generated text that no cited source, the draft or the question holds."""
    allowed = numbers_in(answer.answer) | numbers_in(answer.question) | numbers_in(answer.formula or "")
    for c in answer.citations:
        allowed |= numbers_in(c.text) | numbers_in(c.raw or "") | {str(c.year)}
    if answer.value is not None:
        allowed |= numbers_in(f"{answer.value:.2f}") | numbers_in(str(answer.value))
    return numbers_in(text) - allowed


def strip_unknown_keys(text: str, answer: Answer) -> str:
    keys = {c.key for c in answer.citations}
    return _KEY.sub(lambda m: m.group(0) if int(m.group(1)) in keys else "", text)


def checked(text: str, answer: Answer) -> Answer:
    """The model's text if every number in it is supported, else the composed answer."""
    text = strip_unknown_keys(text.strip(), answer)
    bad = unsupported_numbers(text, answer)
    if not text or bad:
        notes = answer.notes + (FALLBACK_NOTE + (f"（{'、'.join(sorted(bad))}）" if bad else ""),)
        return replace(answer, answer=answer.answer + "\n" + FALLBACK_NOTE, notes=notes)
    return replace(answer, answer=text, route=answer.route)


def phrase(llm: ChatModel, answer: Answer) -> Answer:
    system, user = prompt_for(answer)
    try:
        text = llm.complete(system, user)
    except Exception as exc:  # the endpoint is optional: never fail the answer for it
        return replace(answer, notes=answer.notes + (f"（LLM 不可用：{exc.__class__.__name__}，使用系统生成的回答。）",))
    return checked(text, answer)


def phrase_stream(llm: ChatModel, answer: Answer) -> Iterator[tuple[str, Answer | None]]:
    """Yield the growing text; the last item carries the checked Answer."""
    system, user = prompt_for(answer)
    text = ""
    try:
        for piece in llm.stream(system, user):
            text += piece
            yield text, None
    except Exception as exc:
        yield answer.answer, replace(answer, notes=answer.notes + (f"（LLM 不可用：{exc.__class__.__name__}）",))
        return
    final = checked(text, answer)
    yield final.answer, final
