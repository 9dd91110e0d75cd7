"""Retrieval recall@k and mean reciprocal rank for narrative questions.

A retrieved chunk is a hit when it belongs to an expected report (issuer and year) and
its text contains the expected passage, whitespace ignored.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from assistant.domain.values import clean


def first_hit_rank(ranked: Sequence[tuple[str, int, str]], reports: Iterable[tuple[str, int]],
                   passage: str) -> int | None:
    """1-based rank of the first hit among (issuer, year, chunk text) best first; None if none."""
    wanted = {(issuer, int(year)) for issuer, year in reports}
    needle = clean(passage)
    for rank, (issuer, year, text) in enumerate(ranked, start=1):
        if (issuer, int(year)) in wanted and needle in clean(text):
            return rank
    return None


def recall_at_k(ranks: Sequence[int | None], k: int) -> float | None:
    """Share of questions whose first hit is within the top k (None for no questions)."""
    if not ranks:
        return None
    return sum(1 for r in ranks if r is not None and r <= k) / len(ranks)


def mean_reciprocal_rank(ranks: Sequence[int | None]) -> float | None:
    """Mean of 1/rank of the first hit, 0 for a miss (None for no questions)."""
    if not ranks:
        return None
    return sum(1.0 / r for r in ranks if r) / len(ranks)
