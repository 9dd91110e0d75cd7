"""Choosing the fusion weights by measurement: recall@5 and MRR of narrative questions
for BM25 and dense weights on a grid (`python -m evals.sweep --data-dir D`)."""

from __future__ import annotations

import argparse
from pathlib import Path

from evals.cases import load_set
from evals.metrics.retrieval import first_hit_rank, mean_reciprocal_rank, recall_at_k

GRID = [(1.0, 0.0), (0.0, 1.0), (1.0, 0.5), (1.0, 1.0), (0.5, 1.0), (2.0, 1.0), (1.0, 2.0), (3.0, 1.0)]


def ranks(library, cases, bm25: float, dense: float) -> list[int | None]:
    from assistant.qa.retrieval import retrieve

    library.settings.retrieval.bm25_weight = bm25
    library.settings.retrieval.dense_weight = dense
    mode = "bm25" if dense == 0 else "dense" if bm25 == 0 else "hybrid"
    reports = {r.id: r for r in library.sql.reports()}
    out = []
    for case in cases:
        hits = retrieve(library, case.question, 10, None, mode, kinds=("passage",))
        ranked = [(reports[c.report_id].issuer, reports[c.report_id].year, c.text) for c, _ in hits]
        wanted = [(r.issuer, r.year) for r in case.evidence.reports]
        out.append(first_hit_rank(ranked, wanted, case.evidence.passage))
    return out


def main() -> None:
    from assistant.settings import Settings
    from assistant.stores.library import Library

    p = argparse.ArgumentParser(prog="python -m evals.sweep")
    p.add_argument("--data-dir", required=True)
    p.add_argument("--sets", nargs="+", default=["corpus", "heldout"])
    args = p.parse_args()
    library = Library(Settings.from_env(data_dir=Path(args.data_dir)))
    cases = [c for name in args.sets for c in load_set(name) if c.kind == "narrative" and c.evidence.passage]
    print(f"{len(cases)} narrative questions from {', '.join(args.sets)}")
    print("bm25  dense  recall@5  MRR@10")
    for bm25, dense in GRID:
        r = ranks(library, cases, bm25, dense)
        print(f"{bm25:4.1f}  {dense:5.1f}  {recall_at_k(r, 5):8.1%}  {mean_reciprocal_rank(r):6.3f}")


if __name__ == "__main__":
    main()
