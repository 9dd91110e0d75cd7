"""The stores as one library: SQL (truth), Chroma vectors and the BM25 index (derived).

Adding a report is atomic per report: vectors are written first under content-hash
ids, then one SQL transaction swaps the report in, then vectors of the replaced
report are dropped. A crash anywhere leaves at worst orphan vectors, which
``reconcile`` removes; the BM25 index is rebuilt whenever it lags the SQL generation.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Sequence

from assistant.domain import rules
from assistant.domain.records import Chunk, Finding, Report
from assistant.domain.template import SECTIONS
from assistant.settings import Settings
from assistant.stores.embeddings import Embedder, embedder_name, get_embedder
from assistant.stores.lexical import LexicalIndex
from assistant.stores.reviewing import Reviewing
from assistant.stores.store import SQLStore, StoreError
from assistant.stores.vectors import VectorStore

SECTION_TITLES = dict(SECTIONS)
SECTION_TITLES.update({"active": "二、主动公开政府信息情况（表）", "requests": "三、收到和处理政府信息公开申请情况（表）",
                       "review": "四、政府信息公开行政复议、行政诉讼情况（表）"})


def index_text(chunk: Chunk, report: Report) -> str:
    """What is embedded and BM25-indexed for a chunk: its report and section, then its text."""
    return f"{report.issuer} {report.year}年 {SECTION_TITLES.get(chunk.section, chunk.section)}\n{chunk.text}"


class Library:
    """Open once per process (per data dir); safe to share between threads."""

    def __init__(self, settings: Settings):
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.sql: SQLStore
        if settings.database_url:
            from assistant.stores.pgstore import PGStore

            self.sql = PGStore(settings.database_url)
        else:
            self.sql = SQLStore(settings.sqlite_path)
        self._vectors: VectorStore | None = None
        self._lexical: LexicalIndex | None = None
        self._lock = threading.RLock()
        self._groups: tuple[int, dict] | None = None   # (SQL generation, report groups)
        self._by_id: tuple[int, dict[str, Report]] | None = None
        self._kind_ids: dict[tuple[str, ...], tuple[int, frozenset[str]]] = {}

    # -------------------------------------------------------------- parts

    @property
    def embedder(self) -> Embedder:
        return get_embedder(self.settings.embedder_spec, self.settings.embed_threads, self.settings.embed)

    @property
    def vectors(self) -> VectorStore:
        with self._lock:
            if self._vectors is None:
                self._vectors = VectorStore(self.settings.data_dir, self.settings.chroma_url)
            return self._vectors

    def warm_up(self) -> None:
        """Load what the first question would otherwise wait for: the embedder, the BM25
        index and the vector index (Chroma reads it on first use)."""
        if not self.sql.chunk_ids():
            return
        self.lexical()
        self.check_embedder()
        vector = self.embedder.query("预热")
        self.vectors.query(vector, 1)

    def refresh_lexical(self) -> None:
        """Rebuild the BM25 index now if it lags the SQL store (end of an ingest batch)."""
        self.lexical()

    def lexical(self) -> LexicalIndex:
        """The BM25 index, rebuilt first if the SQL store changed since it was built."""
        with self._lock:
            if self._lexical is None:
                self._lexical = LexicalIndex(self.settings.data_dir)
                self._lexical.load()
            if self._lexical.generation != self.sql.generation():
                self._rebuild_lexical()
            return self._lexical

    def _rebuild_lexical(self) -> None:
        # The generation first: a report written while we read makes the index stale, to be
        # rebuilt on the next call, never labelled newer than what it holds.
        generation = self.sql.generation()
        ids: list[str] = []
        texts: list[str] = []
        # Report by report, by the report index, in report-id order (so chunks keep the order
        # of one `ORDER BY report_id, ordinal`): one statement over a million chunks outlasts
        # the store's per-statement time limit (30,000 reports) and holds every chunk at once.
        for report in sorted(self.sql.reports(), key=lambda r: r.id):
            for c in self.sql.chunks(report_id=report.id):
                ids.append(c.id)
                texts.append(index_text(c, report))
        assert self._lexical is not None, "called by lexical() once it has opened the index"
        self._lexical.build(ids, texts, generation)

    # -------------------------------------------------------------- embedder guard

    def check_embedder(self) -> None:
        """Refuse to mix vectors of two embedders in one index."""
        stored = self.sql.get_meta("embedder")
        if stored and stored != self._embedder_name():
            raise StoreError(
                f"the index in {self.settings.data_dir} was built with embedder {stored!r}, but "
                f"{self._embedder_name()!r} is configured; set NIANBAO_EMBEDDER to match or run "
                "`nianbao ingest --reindex` to re-embed every chunk")

    def _embedder_name(self) -> str:
        return embedder_name(self.settings.embedder_spec)

    # -------------------------------------------------------------- writes

    def is_current(self, source_path: str, sha256: str) -> bool:
        old = self.sql.report_by_path(source_path)
        return old is not None and old.sha256 == sha256

    def add(self, report: Report, cells, findings, chunks: list[Chunk],
            before_commit: Callable[[], None] | None = None, vectors=None) -> str:
        """Put one extracted report into every store; returns 'added' or 'replaced'.

        ``vectors`` (aligned with ``chunks``) may be computed elsewhere, e.g. by an
        ingest worker process; otherwise the chunks not yet in the vector store are embedded.
        """
        self.check_embedder()
        with self.sql.writing():
            existing = self.vectors.existing([c.id for c in chunks])
            todo = [i for i, c in enumerate(chunks) if c.id not in existing]
            if todo:
                if vectors is None:
                    vectors = self.embedder.passages([index_text(chunks[i], report) for i in todo])
                else:
                    vectors = vectors[todo]
                new = [chunks[i] for i in todo]
                self.vectors.upsert([c.id for c in new], vectors,
                                    [{"report_id": report.id, "section": c.section, "kind": c.kind}
                                     for c in new])
            if self.sql.get_meta("embedder") is None:
                self.sql.set_meta("embedder", self._embedder_name())
            old_chunks = self.sql.replace_report(report, cells, findings, chunks, before_commit)
            stale = set(old_chunks) - {c.id for c in chunks}
            if stale:
                self.vectors.delete(sorted(stale))
        return "replaced" if old_chunks else "added"

    def reconcile(self) -> dict[str, int]:
        """Make the vector store hold exactly the SQL store's chunks (after a crash). Alone
        among the library's writers: another process's report half-written (its vectors in,
        its rows not yet) must not be taken for an orphan."""
        with self.sql.writing(exclusive=True):
            sql_ids = self.sql.chunk_ids()
            vec_ids = self.vectors.ids()
            orphans = vec_ids - sql_ids
            if orphans:
                self.vectors.delete(sorted(orphans))
            missing = sql_ids - vec_ids
            if missing:
                self._embed(self.sql.chunks(sorted(missing)))
        return {"orphan_vectors_removed": len(orphans), "missing_vectors_added": len(missing)}

    def reindex(self) -> int:
        """Re-embed every chunk with the configured embedder (after changing embedders)."""
        with self.sql.writing(exclusive=True):
            chunks = self.sql.chunks()
            self.vectors.reset()
            self.sql.set_meta("embedder", self._embedder_name())
            self._embed(chunks)
        return len(chunks)

    def _embed(self, chunks: list[Chunk]) -> None:
        reports = {r.id: r for r in self.sql.reports()}
        for i in range(0, len(chunks), 256):
            batch = chunks[i:i + 256]
            vectors = self.embedder.passages([index_text(c, reports[c.report_id]) for c in batch])
            self.vectors.upsert([c.id for c in batch], vectors,
                                [{"report_id": c.report_id, "section": c.section, "kind": c.kind}
                                 for c in batch])

    def update_cross_year(self) -> list[Finding]:
        """Recompute R5/R6 between consecutive years of each issuer (alone among writers,
        so two processes finishing at once do not interleave their rewrites)."""
        with self.sql.writing(exclusive=True):
            by_key = {(r.issuer, r.year): r for r in self.primary_reports()}
            out: list[Finding] = []
            for (issuer, year), this in by_key.items():
                last = by_key.get((issuer, year - 1))
                if last is None:
                    continue
                this_cells = {c.cell_id: c for c in self.sql.cells(this.id)}
                last_cells = {c.cell_id: c for c in self.sql.cells(last.id)}
                out += rules.cross_year(this.id, this_cells, last.id, last_cells, this.template, last.template)
            self.sql.replace_cross_year(out)
        return out

    # -------------------------------------------------------------- reads

    @property
    def reviewing(self) -> Reviewing:
        """Corrections of cells and reviews of findings (people's word beside the reading)."""
        return Reviewing(self)

    def primary_reports(self) -> list[Report]:
        """One report per issuer and year: where two files hold the same report (say a web
        text and its HTML page), the one with fewer ambiguous cells wins, then fewer
        findings, then the newer publication; the other stays an alternate source."""
        return list(self.report_groups().keys())

    def report_groups(self) -> dict[Report, list[Report]]:
        """Primary report -> its alternates (same issuer and year, other files); cached
        until the SQL store changes."""
        generation = self.sql.generation()
        cached = self._groups
        if cached is not None and cached[0] == generation:
            return cached[1]
        groups = self._compute_groups()
        self._groups = (generation, groups)
        return groups

    def reports_by_id(self) -> dict[str, Report]:
        """Every report (primaries and alternates) by id; cached like the groups."""
        generation = self.sql.generation()
        cached = self._by_id
        if cached is not None and cached[0] == generation:
            return cached[1]
        by_id = {r.id: r for p, alts in self.report_groups().items() for r in [p, *alts]}
        self._by_id = (generation, by_id)
        return by_id

    def chunk_ids_of_kinds(self, kinds: Sequence[str]) -> frozenset[str]:
        """Every chunk id of these kinds (passages, say); one scan of the chunks per change
        of the SQL store rather than one per question."""
        key = tuple(sorted(set(kinds)))
        generation = self.sql.generation()
        cached = self._kind_ids.get(key)
        if cached is not None and cached[0] == generation:
            return cached[1]
        rows = self.sql.execute(f"SELECT id FROM chunks WHERE kind IN ({','.join('?' * len(key))})", key)
        ids = frozenset(r["id"] for r in rows)
        self._kind_ids = {k: v for k, v in self._kind_ids.items() if v[0] == generation}
        self._kind_ids[key] = (generation, ids)
        return ids

    def _compute_groups(self) -> dict[Report, list[Report]]:
        groups: dict[tuple[str, int], list[Report]] = {}
        for r in self.sql.reports():
            groups.setdefault((r.issuer, r.year), []).append(r)
        contested = [r.id for members in groups.values() if len(members) > 1 for r in members]
        counts = self._rank_counts(contested)
        out: dict[Report, list[Report]] = {}
        for members in groups.values():
            if len(members) == 1:
                out[members[0]] = []
                continue
            ranked = sorted(members, key=lambda r: self._rank(r, counts))
            out[ranked[0]] = ranked[1:]
        return out

    def _rank_counts(self, report_ids: list[str]) -> dict[str, tuple[int, int]]:
        """(ambiguous cells, findings) of each report that shares its issuer and year with
        another: a few statements for all of them, not two per report (9,000 reports of
        10,000 share one, and findings have no report index: 12 s of start-up otherwise)."""
        if not report_ids:
            return {}
        ambiguous: dict[str, int] = {}
        for i in range(0, len(report_ids), 500):
            part = report_ids[i:i + 500]
            for row in self.sql.execute(
                    "SELECT report_id, SUM(CASE WHEN status = 'ambiguous' THEN 1 ELSE 0 END) AS amb FROM cells"
                    f" WHERE report_id IN ({','.join('?' * len(part))}) GROUP BY report_id", part):
                ambiguous[row["report_id"]] = int(row["amb"] or 0)
        findings = {row["report_id"]: int(row["n"]) for row in self.sql.execute(
            "SELECT report_id, COUNT(*) AS n FROM findings GROUP BY report_id")}
        return {rid: (ambiguous.get(rid, 0), findings.get(rid, 0)) for rid in report_ids}

    def _rank(self, report: Report, counts: dict[str, tuple[int, int]]) -> tuple:
        ambiguous, findings = counts[report.id]
        return (ambiguous, findings, -(int((report.published or "0").replace("-", "")) or 0), report.source_file)
