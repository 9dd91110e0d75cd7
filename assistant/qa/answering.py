"""answer_question: route a question, read cells or passages, compose a cited answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from assistant.qa.lexicon import load_lexicon
from assistant.stores.library import SECTION_TITLES, Library
from assistant.qa.numeric import REFUSAL, CitationBook, NumericAnswerer, Refusal, refusal
from assistant.qa.numeric_answers import (answer_aggregate, answer_audit, answer_cell, answer_comparison,
                                       answer_ratio)
from assistant.qa.passages import WHOLE_SECTION, section_hint, section_sentences, supporting_sentences
from assistant.domain.records import Answer
from assistant.qa.retrieval import retrieve
from assistant.qa.routing import QuerySpec, route

MIN_COVERAGE = 0.34   # share of the question's content words a passage must hold


class Assistant:
    """Answers questions over one library; share it between conversations."""

    def __init__(self, library: Library, llm=None):
        self.library = library
        self.lexicon = load_lexicon()
        self.numeric = NumericAnswerer(library, self.lexicon)
        self.llm = llm
        if llm is None and library.settings.llm.base_url:
            from assistant.qa.llm import OpenAICompatibleLLM

            self.llm = OpenAICompatibleLLM(library.settings.llm)

    def conversation(self) -> "Conversation":
        return Conversation(self)

    def answer(self, question: str, previous: QuerySpec | None = None) -> tuple[Answer, QuerySpec]:
        """One answer (composed, then phrased by the LLM if one is configured)."""
        answer, spec = self._compose(question, previous)
        if self.llm is not None and not answer.refused and answer.citations:
            from assistant.qa.llm import phrase

            answer = phrase(self.llm, answer)
        return answer, spec

    def stream(self, question: str, previous: QuerySpec | None = None) -> Iterator[tuple[str, Answer | None, QuerySpec | None]]:
        """Yield growing answer text; the last item carries the final Answer and spec."""
        answer, spec = self._compose(question, previous)
        if self.llm is not None and not answer.refused and answer.citations:
            from assistant.qa.llm import phrase_stream

            final = None
            for text, done in phrase_stream(self.llm, answer):
                final = done
                yield text, None, None
            answer = final or answer
        else:
            yield answer.answer, None, None
        yield answer.answer, answer, spec

    # ---------------------------------------------------------------- routing

    def _compose(self, question: str, previous: QuerySpec | None) -> tuple[Answer, QuerySpec]:
        issuers = sorted({r.issuer for r in self.library.primary_reports()})
        spec = route(question, self.lexicon, issuers, previous)
        try:
            if spec.route == "refusal" and spec.unknown == ("personal",):
                return refusal(question, "年报只公布统计数字和工作情况，不含申请人姓名等个人信息。"), spec
            if spec.route == "refusal":
                return refusal(question, "这个问题不在政府信息公开工作年度报告的范围内。"), spec
            if not issuers:
                return refusal(question, "还没有导入任何年报（先运行 nianbao ingest 或在界面上传）。"), spec
            if spec.route == "narrative":
                return self._narrative(spec), spec
            if spec.route == "available":
                return self._available(spec), spec
            reports = self.numeric.reports_for(spec)
            handler = {"cell": answer_cell, "aggregate": answer_aggregate, "ratio": answer_ratio,
                       "comparison": answer_comparison, "audit": answer_audit}[spec.route]
            return handler(self.numeric, spec, reports), spec
        except Refusal as exc:
            return refusal(question, str(exc), spec.route), spec

    def _available(self, spec: QuerySpec) -> Answer:
        """'芮城县2020年的年报你这有吗？': which reports are ingested for that issuer."""
        groups = self.library.report_groups()
        have = [(p, alts) for p, alts in groups.items()
                if (not spec.issuers or p.issuer in spec.issuers)]
        wanted = [p for p, _ in have if not spec.years or p.year in spec.years]
        if not wanted:
            return self.numeric_refusal(spec)
        lines = [f"· {p.label()}（{p.template}版模板，{p.source_file}，{p.pages}页"
                 + (f"；另有同一报告的 {', '.join(a.source_file for a in alts)}" if alts else "") + "）"
                 for p, alts in sorted(have, key=lambda x: (x[0].issuer, x[0].year))]
        return Answer(spec.question, "已收录：\n" + "\n".join(lines), "available")

    def numeric_refusal(self, spec: QuerySpec) -> Answer:
        try:
            self.numeric.reports_for(spec)
        except Refusal as exc:
            return refusal(spec.question, str(exc))
        return refusal(spec.question, "没有找到对应的年报。")

    def _narrative(self, spec: QuerySpec) -> Answer:
        scope = None
        reports = self.library.reports_by_id()
        if spec.issuers or spec.years or spec.unknown:
            scope = [r.id for r in self.numeric.reports_for(spec)]
        settings = self.library.settings.retrieval
        hint = section_hint(spec.question)
        if hint in WHOLE_SECTION and scope and len(scope) <= 3:
            # "存在哪些问题" asks for section 五 itself: answer with its opening sentences.
            supports = [s for rid in scope for s in section_sentences(
                [c for c in self.library.sql.chunks(report_id=rid) if c.section == hint],
                question=spec.question)]
            if supports:
                return self._narrative_answer(spec, supports, reports)
        hits = retrieve(self.library, spec.question, settings.k, scope, kinds=("passage",))
        supports, best = supporting_sentences(spec.question, [c for c, _ in hits], list(spec.issuers))
        if not supports or best < MIN_COVERAGE or supports[0].score < settings.min_score:
            where = "、".join(reports[i].label() for i in (scope or [])[:3])
            return Answer(spec.question, f"{REFUSAL}：{where + '的' if where else ''}年报中没有找到与这个问题相关的内容。",
                          "narrative", refused=True)
        return self._narrative_answer(spec, supports, reports)

    def _narrative_answer(self, spec: QuerySpec, supports, reports) -> Answer:
        book = CitationBook()
        lines = []
        for s in supports:
            report = reports[s.chunk.report_id]
            key = book.chunk(report, s.chunk, SECTION_TITLES.get(s.chunk.section, s.chunk.section))
            lines.append(f"· {s.sentence}[{key}]")
        labels = list(dict.fromkeys(reports[s.chunk.report_id].label() for s in supports))
        head = f"根据{'、'.join(labels)}年报："
        return Answer(spec.question, head + "\n" + "\n".join(lines), "narrative", None, None,
                      tuple(book.items))


class Conversation:
    """Successive turns; a follow-up inherits the issuer, year or metric it omits."""

    def __init__(self, assistant: Assistant):
        self.assistant = assistant
        self.previous: QuerySpec | None = None
        self.turns: list[Answer] = []

    def ask(self, question: str) -> Answer:
        answer, spec = self.assistant.answer(question, self.previous)
        self._remember(answer, spec)
        return answer

    def stream(self, question: str) -> Iterator[tuple[str, Answer | None]]:
        for text, answer, spec in self.assistant.stream(question, self.previous):
            if answer is not None:
                self._remember(answer, spec)
            yield text, answer

    def _remember(self, answer: Answer, spec: QuerySpec) -> None:
        if not answer.refused or spec.route != "refusal":
            self.previous = replace(spec, question=answer.question)
        self.turns.append(answer)
