"""answer_question: route a question, read cells or passages, compose a cited answer."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from assistant.domain.records import Answer
from assistant.qa.aggregate_answers import answer_aggregate
from assistant.qa.audit import answer_audit
from assistant.qa.cells_asked import metric_rows
from assistant.qa.comparison_answers import answer_comparison
from assistant.qa.english import english_lead
from assistant.qa.interpretation import Interpretation, Refuse, Route, understood_line
from assistant.qa.lexicon import load_lexicon
from assistant.qa.llm_reading import NUMERIC_ROUTES, cross_check, disagreement
from assistant.qa.numeric import CitationBook, NumericAnswerer, Refusal, describe_columns, refusal
from assistant.qa.numeric_answers import answer_cell, answer_ratio
from assistant.qa.passages import WHOLE_SECTION, section_sentences, states_count, supporting_sentences
from assistant.qa.retrieval import retrieve
from assistant.qa.routing import interpret
from assistant.stores.library import SECTION_TITLES, Library

MIN_COVERAGE = 0.34   # share of the question's content words a passage must hold


# what a narrative ask needs that is no count, and how its absence is said
UNMEASURED = {"部门": "没有列出涉及的部门或单位（统计表只有件数）", "联系": "没有印出联系电话或电子邮箱"}


class Assistant:
    """Answers questions over one library; share it between conversations."""

    def __init__(self, library: Library, llm=None):
        self.library = library
        self.lexicon = load_lexicon()
        self.numeric = NumericAnswerer(library, self.lexicon)
        self.llm = llm
        self._catalogue: tuple[int, dict[str, tuple[int, ...]]] | None = None   # (SQL generation, issuer -> years)
        if llm is None and library.settings.llm.base_url:
            from assistant.qa.llm import OpenAICompatibleLLM

            self.llm = OpenAICompatibleLLM(library.settings.llm)

    def conversation(self) -> "Conversation":
        return Conversation(self)

    def answer(self, question: str, previous: Interpretation | None = None) -> tuple[Answer, Interpretation]:
        """One answer (composed, then phrased by the LLM if one is configured)."""
        answer, spec = self._compose(question, previous)
        if self.llm is not None and not answer.refused and answer.citations:
            from assistant.qa.llm import phrase

            answer = phrase(self.llm, answer)
        return answer, spec

    def stream(self, question: str, previous: Interpretation | None = None) -> Iterator[tuple[str, Answer | None, Interpretation | None]]:
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

    def catalogue(self) -> dict[str, tuple[int, ...]]:
        """Issuer -> the years of its reports, in the order of the primary reports; rebuilt
        only when the SQL store changes (a pass over every report per question otherwise)."""
        generation = self.library.sql.generation()
        cached = self._catalogue
        if cached is not None and cached[0] == generation:
            return cached[1]
        years: dict[str, set[int]] = {}
        for r in self.library.primary_reports():
            years.setdefault(r.issuer, set()).add(r.year)
        catalogue = {issuer: tuple(sorted(ys)) for issuer, ys in years.items()}
        self._catalogue = (generation, catalogue)
        return catalogue

    def _compose(self, question: str, previous: Interpretation | None) -> tuple[Answer, Interpretation]:
        catalogue = self.catalogue()
        spec = interpret(question, self.lexicon, catalogue, previous)
        if self.llm is not None and spec.route in NUMERIC_ROUTES + (Route.NARRATIVE,) and not spec.inherited:
            # A second reading by the model; where it differs, ask instead of choosing.
            cross = cross_check(self.llm, spec, self.lexicon, sorted(catalogue))
            if not cross.agrees:
                spec = disagreement(spec, cross, self.lexicon)
        answer = self._answer(spec, bool(catalogue))
        if spec.unknown and spec.issuers and not answer.refused and spec.route != Route.CLARIFY:
            missing = f"已收录的年报中没有“{'、'.join(spec.unknown)}”的报告，上面未计入。"
            answer = replace(answer, answer=f"{answer.answer}\n（{missing}）", notes=answer.notes + (missing,))
        understood = self._understood(spec, answer)
        answer = replace(answer, question=question, understood=understood, choices=(
            spec.clarification.choices if spec.clarification else ()), interpretation=spec.to_json())
        if spec.language == "en":
            answer = replace(answer, answer=english_lead(answer, understood) + "\n" + answer.answer)
        return answer, spec

    def _answer(self, spec: Interpretation, have_reports: bool) -> Answer:
        question = spec.question
        try:
            if spec.route == Route.REFUSAL and spec.refuse == Refuse.NO_BREAKDOWN:
                return refusal(question, "年报的统计表只公布汇总数字：申请按申请人类型（自然人、法人或其他组织）和办理结果统计，"
                                         "没有性别、年龄等分类，也不按下辖县区、部门或具体项目分列（各单位的数字在各自的年报里）。")
            if spec.route == Route.REFUSAL and spec.refuse == Refuse.NO_TOPIC:
                return refusal(question, "年报的统计表不按申请涉及的事项或领域分类，只按申请人类型和办理结果统计，"
                                         "所以无法给出某一类事项的申请数。正文若写了申请集中在哪些方面，可以问"
                                         "“申请主要涉及哪些方面”。")
            if spec.route == Route.REFUSAL and spec.refuse == Refuse.NO_CHANNEL:
                return refusal(question, "年报的统计表不按申请方式（当面、邮寄、网络、传真等）分类统计申请数，"
                                         "只按申请人类型和办理结果统计。正文若写了申请渠道，可以问“申请是通过哪些渠道提交的”。")
            if spec.route == Route.REFUSAL and spec.refuse == Refuse.NO_SUCH_CELL and spec.metric is not None:
                own = "、".join(dict.fromkeys(c.label for r in metric_rows(spec.metric) for c in r.columns))
                return refusal(question, f"统计表中“{spec.metric.label}”一栏没有金额，只有{own}。")
            if spec.route == Route.REFUSAL and spec.refuse == Refuse.PERSONAL:
                return refusal(question, "年报只公布统计数字和工作情况，不含个人或企业的姓名、名称、联系方式等身份信息。")
            if spec.route == Route.REFUSAL:
                return refusal(question, "这个问题不在政府信息公开工作年度报告的范围内。")
            if not have_reports:
                return refusal(question, "还没有导入任何年报（先运行 nianbao ingest 或在界面上传）。")
            if spec.route == Route.CLARIFY and spec.clarification is not None:
                choices = "、".join(spec.clarification.choices)
                return Answer(question, spec.clarification.question + (f"（可选：{choices}）" if choices else ""),
                              "clarify")
            if spec.route == Route.NARRATIVE:
                return self._narrative(spec)
            if spec.route == Route.AVAILABLE:
                return self._available(spec)
            reports = self.numeric.reports_for(spec)
            handler = {Route.CELL: answer_cell, Route.AGGREGATE: answer_aggregate, Route.RATIO: answer_ratio,
                       Route.COMPARISON: answer_comparison, Route.AUDIT: answer_audit}[spec.route]
            return handler(self.numeric, spec, reports)
        except Refusal as exc:
            return refusal(question, str(exc), str(spec.route))

    def _understood(self, spec: Interpretation, answer: Answer) -> str | None:
        """The '理解为：…' line of a numeric or audit answer (None for passages and refusals)."""
        if answer.refused or spec.route not in (Route.CELL, Route.AGGREGATE, Route.RATIO, Route.COMPARISON,
                                                Route.AUDIT):
            return None
        cited = [c for c in answer.citations if c.cell_id]
        issuers = list(dict.fromkeys(c.issuer for c in cited)) or list(spec.issuers)
        years = sorted({c.year for c in cited}) or list(spec.years)
        line = understood_line(spec, issuers, years, describe_columns(spec))
        if spec.alternatives and spec.confidence < 1:
            line += "（" + "；".join(spec.alternatives) + "）"
        return line

    def _available(self, spec: Interpretation) -> Answer:
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

    def numeric_refusal(self, spec: Interpretation) -> Answer:
        try:
            self.numeric.reports_for(spec)
        except Refusal as exc:
            return refusal(spec.question, str(exc))
        return refusal(spec.question, "没有找到对应的年报。")

    def _narrative(self, spec: Interpretation) -> Answer:
        scope = None
        reports = self.library.reports_by_id()
        if spec.issuers or spec.years or spec.unknown:
            scope = [r.id for r in self.numeric.reports_for(spec)]
        if spec.parts:
            # "关停了几个政务新媒体？又对多少项文件做了解读？": each part looked up on its own,
            # its sentences in turn; a part the reports do not answer is said so, not dropped
            found = [(part, self._supports(part, scope, reports)) for part in spec.parts]
            if any(isinstance(f, list) for _, f in found):
                supports = list(dict.fromkeys(s for _, f in found if isinstance(f, list) for s in f))
                missing = [f"关于“{part.question}”：{f}" for part, f in found if isinstance(f, str)]
                answer = self._narrative_answer(spec, supports, reports)
                return replace(answer, answer="\n".join([answer.answer] + [f"· {m}" for m in missing]))
        found_one = self._supports(spec, scope, reports)
        if isinstance(found_one, str):
            return refusal(spec.question, found_one, "narrative")
        return self._narrative_answer(spec, found_one, reports)

    def _supports(self, spec: Interpretation, scope: list[str] | None, reports) -> list | str:
        """The sentences that answer a narrative question, or why there are none (in words)."""
        settings = self.library.settings.retrieval
        if spec.section in WHOLE_SECTION and scope and len(scope) <= 3:
            # "存在哪些问题" asks for section 五 itself: answer with its opening sentences.
            supports = [s for rid in scope for s in section_sentences(
                [c for c in self.library.sql.chunks(report_id=rid) if c.section == spec.section],
                question=spec.question)]
            if supports:
                return supports
        hits = retrieve(self.library, spec.question, settings.k, scope, kinds=("passage",))
        supports, best = supporting_sentences(spec.question, [c for c, _ in hits], list(spec.issuers))
        where = "、".join(reports[i].label() for i in (scope or [])[:3])
        whose = f"{where}的" if where else ""
        if spec.unit_asked and supports:
            # A count was asked: only sentences that give such a count answer it.
            counted = [s for s in supports if states_count(s.sentence, spec.unit_asked, spec.noun_asked)]
            if not counted:
                if spec.unit_asked in UNMEASURED:
                    return f"{whose}年报{UNMEASURED[spec.unit_asked]}。"
                measure = f"“{spec.noun_asked}”的数字" if spec.unit_asked == "数" else f"以“{spec.unit_asked}”计的相关数字"
                return f"{whose}年报没有给出这个数字（没有{measure}）。"
            if spec.unit_asked == "联系":   # the printed number is the answer, however the ask is worded
                return counted[:2]
            supports = counted + [s for s in supports if s not in counted][:1]
        if not supports or best < MIN_COVERAGE or supports[0].score < settings.min_score:
            return f"{whose}年报中没有找到与这个问题相关的内容。"
        return supports

    def _narrative_answer(self, spec: Interpretation, supports, reports) -> Answer:
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
        self.previous: Interpretation | None = None
        self.turns: list[Answer] = []

    def ask(self, question: str) -> Answer:
        answer, spec = self.assistant.answer(question, self.previous)
        self._remember(answer, spec)
        return answer

    def stream(self, question: str) -> Iterator[tuple[str, Answer | None]]:
        for text, answer, spec in self.assistant.stream(question, self.previous):
            if answer is not None:
                assert spec is not None, "Assistant.stream's last item carries the answer and its spec"
                self._remember(answer, spec)
            yield text, answer

    def _remember(self, answer: Answer, spec: Interpretation) -> None:
        if not answer.refused or spec.route != Route.REFUSAL:
            self.previous = replace(spec, question=answer.question)
        self.turns.append(answer)
