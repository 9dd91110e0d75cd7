"""The understanding step alone (no LLM, no store): normalise + interpret, per question.

Questions are every turn of the committed question sets; follow-ups are interpreted with
the previous turn's Interpretation, as in a conversation. The baseline measured in the
same run is the normalisation alone, so the ratio shows what interpreting adds.
"""

from __future__ import annotations

from functools import partial

from assistant.domain.text import normalise_question
from assistant.qa.lexicon import load_lexicon
from assistant.qa.routing import interpret
from benchmarks.measure import emit, percentile, timed
from evals.cases import load_set

# The corpus's issuers and years (what `nianbao reports` lists after `make ingest-corpus`).
CATALOGUE = {"大宁县人民政府": (2020,), "宁海县力洋镇人民政府": (2020,), "芮城县人民政府": (2020,),
             "遂宁市安居区人民政府": (2020,), "彭阳县机关事务服务中心": (2020,),
             "淮安市洪泽区人民政府": (2023, 2024), "淮安市人民政府": (2024,),
             "平潭综合实验区": (2020, 2021, 2022, 2023, 2024)}


def run(repeat: int = 5, sets: tuple[str, ...] = ("corpus", "heldout", "blind-2")) -> None:
    lexicon = load_lexicon()
    conversations = [case.turns for name in sets for case in load_set(name)]
    interpret("预热", lexicon, CATALOGUE)   # first call loads OpenCC, cn2an and pypinyin tables
    per_turn: list[float] = []
    baseline: list[float] = []
    for turns in conversations:
        for _ in range(repeat):
            previous = None
            for q in turns:
                def step(q=q, previous=previous):
                    return interpret(q, lexicon, CATALOGUE, previous)
                ms = timed(step, 1)[0]
                per_turn.append(ms)
                previous = step()
                baseline.append(timed(partial(normalise_question, q), 1)[0])
    median, p95 = percentile(per_turn, 50), percentile(per_turn, 95)
    emit("understanding", questions=len(per_turn) // repeat, repeat=repeat,
         median_ms=round(median, 3), p95_ms=round(p95, 3), limit_median_ms=5, limit_p95_ms=20,
         normalise_median_ms=round(percentile(baseline, 50), 3),
         ratio_to_normalise=round(median / max(percentile(baseline, 50), 1e-6), 1))
