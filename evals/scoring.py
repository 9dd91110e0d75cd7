"""Scoring one case: apply every metric that fits its kind to the answer of its last turn.

Pure: the runner resolves what needs the library (full texts of cited chunks, the
retrieval rank) and passes it in.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from evals.cases import (
    NUMERIC_KINDS,
    AuditExpected,
    BlankExpected,
    Case,
    ClarifyExpected,
    FactsExpected,
    NumberExpected,
    RefusalExpected,
)
from evals.metrics.audit import AuditResult, audit_match
from evals.metrics.citations import CitationScore, cell_citations, passage_citations
from evals.metrics.clarify import ClarifyResult, clarify_match
from evals.metrics.facts import FactCoverage, fact_coverage
from evals.metrics.number_match import NumberResult, number_match
from evals.metrics.refusal import RefusalResult, refusal_match
from evals.metrics.unsupported import unsupported_numbers


@dataclass(frozen=True)
class CaseScore:
    """Every metric's verdict on one case (None where a metric does not apply)."""

    case_id: str
    kind: str
    refusal: RefusalResult | None
    number: NumberResult | None = None
    facts: FactCoverage | None = None
    cells: CitationScore | None = None
    passages: CitationScore | None = None
    audit: AuditResult | None = None
    unsupported: tuple[str, ...] = ()
    retrieval_rank: int | None = None
    retrieval_scored: bool = False
    error: str | None = None
    clarify: ClarifyResult | None = None
    wrong_number: bool = False     # a number was given and it is not the expected one


    @property
    def citations(self) -> CitationScore | None:
        return self.cells or self.passages

    @property
    def failures(self) -> list[str]:
        """Why the case is not fully right, one reason per failed metric."""
        if self.error:
            return [f"error: {self.error}"]
        out = []
        if self.clarify and not self.clarify.correct:
            out.append(f"clarify: {self.clarify.reason}")
            if not self.clarify.expected:
                return out   # asked back: nothing else was answered
        if self.refusal and not self.refusal.correct:
            out.append(f"refusal: {self.refusal.reason}")
        if self.wrong_number and not self.number:
            out.append("number: a number was given where none is right")
        if self.number and not self.number.correct and self.number.reason != "refused":
            out.append(f"number: {self.number.reason}")
        if self.facts and not self.facts.complete:
            out.append(f"facts: {self.facts.covered}/{self.facts.total}, missing {list(self.facts.missing)}")
        if self.audit and not self.audit.correct:
            out.append(f"audit: {self.audit.reason}")
        cited = self.citations
        if cited and not (self.refusal and self.refusal.refused):
            if cited.recall is not None and cited.recall < 1:
                out.append(f"citations: missing {list(cited.missing)}")
            if cited.precision is not None and cited.precision < 1:
                out.append(f"citations: not expected {list(cited.wrong)}")
        if self.unsupported:
            out.append(f"unsupported numbers: {list(self.unsupported)}")
        if self.retrieval_scored and (self.retrieval_rank is None or self.retrieval_rank > 5):
            out.append(f"retrieval: passage at rank {self.retrieval_rank or '>10'}")
        return out


def _reports(case: Case) -> list[tuple[str, int]]:
    return [(r.issuer, r.year) for r in case.evidence.reports]


def score_case(case: Case, answer: dict, *, refusal_phrase: str | None,
               chunk_texts: Mapping[str, str] | None = None, retrieval_rank: int | None = None,
               retrieval_scored: bool = False) -> CaseScore:
    """Score the last-turn answer of a case with the metrics its kind calls for."""
    chunk_texts = chunk_texts or {}
    expected = case.expected
    refusal = refusal_match(answer, isinstance(expected, RefusalExpected), refusal_phrase)
    number = facts = cells = passages = audit = None
    if isinstance(expected, BlankExpected):
        number = number_match(answer, None, expected.unit, expected.tolerance, blank=True)
    elif isinstance(expected, NumberExpected):
        number = number_match(answer, expected.value, expected.unit, expected.tolerance,
                              answer_issuer=expected.answer_issuer, answer_year=expected.answer_year)
    elif isinstance(expected, FactsExpected):
        facts = fact_coverage(answer.get("answer", ""), expected.facts)
    elif isinstance(expected, AuditExpected):
        audit = audit_match(answer, expected.rules)
    if case.evidence.cells and (case.kind in NUMERIC_KINDS or case.kind == "audit"):
        cells = cell_citations(answer.get("citations", []), _reports(case), case.evidence.cells)
    if case.kind == "narrative" and case.evidence.passage:
        passages = passage_citations(answer.get("citations", []), _reports(case), case.evidence.passage,
                                     chunk_texts)
    cited_chunks = [chunk_texts[c["chunk_id"]] for c in answer.get("citations", [])
                    if c.get("chunk_id") in chunk_texts]
    unsupported = tuple(unsupported_numbers(answer, case.turns, cited_chunks))
    clarify = clarify_match(answer, isinstance(expected, ClarifyExpected))
    if isinstance(expected, (RefusalExpected, ClarifyExpected)):
        wrong = answer.get("value") is not None
    else:
        wrong = bool(number and not number.correct and number.got is not None)
    return CaseScore(case.id, case.kind, refusal, number, facts, cells, passages, audit, unsupported,
                     retrieval_rank, retrieval_scored, clarify=clarify, wrong_number=wrong)


def error_score(case: Case, error: str) -> CaseScore:
    """The score of a case whose answer raised: wrong on every metric it has."""
    return CaseScore(case.id, case.kind, None, error=error)
