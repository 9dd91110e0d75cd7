"""Citation precision and recall.

Cells: a citation is the (issuer, year, cell_id) it names; the expected set is every
evidence cell in every evidence report. Reports are keyed by issuer and year, not file,
so either twin of a report (its web text or its HTML page) counts.

Passages: a cited source is precise when it comes from an expected report; recall is 1
when some cited source from an expected report contains the expected passage (whitespace
ignored), else 0. A chunk citation is checked against the full chunk text when the
caller supplies it (``chunk_texts``), since a citation may quote only part of the chunk.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from assistant.domain.values import clean


@dataclass(frozen=True)
class CitationScore:
    """Precision (None when nothing was cited) and recall (None when nothing is expected)."""

    precision: float | None
    recall: float | None
    wrong: tuple[str, ...] = ()     # cited but not expected
    missing: tuple[str, ...] = ()   # expected but not cited


def _key(issuer: str, year: int | str) -> tuple[str, int]:
    return (issuer, int(year))


def _show(keys: set[tuple[str, int, str]]) -> tuple[str, ...]:
    return tuple(sorted(f"{issuer} {year} {cell_id}" for issuer, year, cell_id in keys))


def cell_citations(citations: Iterable[dict], reports: Iterable[tuple[str, int]],
                   cells: Iterable[str]) -> CitationScore:
    """Score the cell citations of an answer against the expected reports × cell ids."""
    expected = {_key(i, y) + (c,) for i, y in reports for c in cells}
    cited = {_key(c["issuer"], c["year"]) + (c["cell_id"],) for c in citations if c.get("cell_id")}
    hit = cited & expected
    return CitationScore(
        precision=len(hit) / len(cited) if cited else None,
        recall=len(hit) / len(expected) if expected else None,
        wrong=_show(cited - expected),
        missing=_show(expected - cited),
    )


def passage_citations(citations: Iterable[dict], reports: Iterable[tuple[str, int]], passage: str,
                      chunk_texts: Mapping[str, str] | None = None) -> CitationScore:
    """Score the sources of a narrative answer against the expected report(s) and passage."""
    citations = list(citations)
    wanted = {_key(i, y) for i, y in reports}
    needle = clean(passage)
    chunk_texts = chunk_texts or {}
    right_report = [c for c in citations if _key(c["issuer"], c["year"]) in wanted]
    found = any(needle in clean(c.get("text") or "") or needle in clean(chunk_texts.get(c.get("chunk_id") or "", ""))
                for c in right_report)
    wrong = tuple(f"[{c.get('key')}] {c['issuer']} {c['year']}" for c in citations if c not in right_report)
    return CitationScore(
        precision=len(right_report) / len(citations) if citations else None,
        recall=1.0 if found else 0.0,
        wrong=wrong,
        missing=() if found else (passage,),
    )
