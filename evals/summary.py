"""One configuration's scores summed up over the cases of a set.

Denominators are the cases each metric applies to; a case whose answer raised counts
as wrong wherever it belongs (no number, no fact, nothing cited, not refused).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from statistics import mean

from evals.cases import NUMERIC_KINDS
from evals.metrics.citations import CitationScore
from evals.metrics.latency import LatencySummary, latency_summary
from evals.metrics.retrieval import mean_reciprocal_rank, recall_at_k
from evals.scoring import CaseScore


@dataclass(frozen=True)
class ConfigSummary:
    """Headline figures of one configuration (None where no case applies)."""

    name: str
    cases: int
    errors: int
    number_em: float | None
    number_n: int
    fact_coverage: float | None
    facts_complete: float | None
    facts_n: int
    citation_precision: float | None
    citation_recall: float | None
    cell_precision: float | None
    cell_recall: float | None
    passage_precision: float | None
    passage_recall: float | None
    refusal_accuracy: float | None
    refusals_missed: int
    false_refusals: int
    unsupported_numbers: int
    unsupported_cases: int
    recall_at_5: float | None
    mrr: float | None
    retrieval_n: int
    audit_accuracy: float | None
    audit_n: int
    latency: LatencySummary
    overall: float | None          # share of cases with no failure at all
    wrong_numbers: int             # cases answered with a number that is not the right one
    clarify_accuracy: float | None
    clarify_n: int
    asked_back: int                # cases answered with a clarifying question
    fully_right: Mapping[str, tuple[int, int]]   # kind -> (cases with no failure, cases)


def _mean(values: Sequence[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return mean(present) if present else None


def _share(flags: Sequence[bool]) -> float | None:
    return sum(flags) / len(flags) if flags else None


def _recalls(scores: Sequence[CitationScore | None]) -> list[float | None]:
    # A case that raised has no score: it cited nothing, so recall 0.
    return [c.recall if c else 0.0 for c in scores]


def summarise(name: str, scores: Sequence[CaseScore], latencies: Sequence[float]) -> ConfigSummary:
    """Sum one configuration's case scores into its headline figures."""
    numeric = [s for s in scores if s.kind in NUMERIC_KINDS]
    narrative = [s for s in scores if s.kind == "narrative"]
    audits = [s for s in scores if s.kind == "audit"]
    clarifies = [s for s in scores if s.kind == "clarify"]
    cell_scored = [s for s in scores if s.cells is not None or (s.error and s.kind in NUMERIC_KINDS)]
    passage_scored = [s for s in scores if s.passages is not None or (s.error and s.kind == "narrative")]
    cell_cs = [s.cells for s in cell_scored]
    passage_cs = [s.passages for s in passage_scored]
    ranked = [s.retrieval_rank for s in scores if s.retrieval_scored]
    kinds: dict[str, tuple[int, int]] = {}
    for s in scores:
        right, total = kinds.get(s.kind, (0, 0))
        kinds[s.kind] = (right + (not s.failures), total + 1)
    return ConfigSummary(
        name=name,
        cases=len(scores),
        errors=sum(1 for s in scores if s.error),
        number_em=_share([bool(s.number and s.number.correct) for s in numeric]),
        number_n=len(numeric),
        fact_coverage=_mean([s.facts.score if s.facts else 0.0 for s in narrative]) if narrative else None,
        facts_complete=_share([bool(s.facts and s.facts.complete) for s in narrative]),
        facts_n=len(narrative),
        citation_precision=_mean([c.precision for c in cell_cs + passage_cs if c]),
        citation_recall=_mean(_recalls(cell_cs + passage_cs)),
        cell_precision=_mean([c.precision for c in cell_cs if c]),
        cell_recall=_mean(_recalls(cell_cs)),
        passage_precision=_mean([c.precision for c in passage_cs if c]),
        passage_recall=_mean(_recalls(passage_cs)),
        refusal_accuracy=_share([bool(s.refusal and s.refusal.correct) for s in scores]),
        refusals_missed=sum(1 for s in scores if s.refusal and s.refusal.expected and not s.refusal.refused),
        false_refusals=sum(1 for s in scores if s.refusal and s.refusal.refused and not s.refusal.expected),
        unsupported_numbers=sum(len(s.unsupported) for s in scores),
        unsupported_cases=sum(1 for s in scores if s.unsupported),
        recall_at_5=recall_at_k(ranked, 5),
        mrr=mean_reciprocal_rank(ranked),
        retrieval_n=len(ranked),
        audit_accuracy=_share([bool(s.audit and s.audit.correct) for s in audits]),
        audit_n=len(audits),
        latency=latency_summary(latencies),
        overall=_share([not s.failures for s in scores]),
        wrong_numbers=sum(1 for s in scores if s.wrong_number),
        clarify_accuracy=_share([bool(s.clarify and s.clarify.correct) for s in clarifies]),
        clarify_n=len(clarifies),
        asked_back=sum(1 for s in scores if s.clarify and s.clarify.asked),
        fully_right=kinds,
    )
