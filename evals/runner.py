"""`nianbao eval`: run a question set through several configurations side by side.

Configurations differ only in what they name: fused (hybrid retrieval), dense, bm25, and
llm (hybrid, with the OpenAI-compatible endpoint of settings.llm phrasing the answers;
offered when one is configured). Each gets a fresh Assistant over the same library.
Extraction is scored once against tests/expected. The run prints a table, writes
results.json and report.md, and exits non-zero only on errors (a bad set, a file that
failed to ingest, an answer that raised), never on low scores.
"""

from __future__ import annotations

import copy
import inspect
import subprocess
import sys
import tempfile
import time
import traceback
from datetime import datetime
from pathlib import Path

from assistant.settings import Settings
from evals.cases import Case, CaseSetError, load_set
from evals.metrics.retrieval import first_hit_rank
from evals.report import console_summary, write_results
from evals.scoring import CaseScore, error_score, score_case
from evals.summary import ConfigSummary, summarise
from evals.truth import load_truth, score_library

CONFIGS = {"fused": "hybrid", "dense": "dense", "bm25": "bm25", "llm": "hybrid"}
RETRIEVAL_DEPTH = 10


class UsageError(Exception):
    """A request the runner cannot carry out (unknown configuration, no reports, …)."""


def choose_configs(requested: list[str] | None, settings: Settings) -> list[str]:
    """The configurations to run: as requested (comma lists allowed), else fused, dense,
    bm25, plus llm when an endpoint is configured."""
    if not requested:
        return ["fused", "dense", "bm25"] + (["llm"] if settings.llm.base_url else [])
    names = list(dict.fromkeys(n.strip() for item in requested for n in item.split(",") if n.strip()))
    unknown = [n for n in names if n not in CONFIGS]
    if unknown:
        raise UsageError(f"unknown configuration(s) {unknown}; choose from {', '.join(CONFIGS)}")
    if "llm" in names and not settings.llm.base_url:
        raise UsageError("configuration 'llm' needs an endpoint: set NIANBAO_LLM_BASE_URL")
    return names


def config_settings(settings: Settings, name: str) -> Settings:
    """The settings of one configuration: its retrieval mode; the LLM only for 'llm'."""
    retrieval = settings.retrieval.model_copy(update={"mode": CONFIGS[name]})
    llm = settings.llm if name == "llm" else settings.llm.model_copy(update={"base_url": None})
    return settings.model_copy(update={"retrieval": retrieval, "llm": llm})


def library_with(library, settings: Settings):
    """The same library (same stores, same open connections) seen through other settings.

    The Assistant and retrieval read ``library.settings``; a shallow copy shares the SQL
    store, vector store and BM25 index, which are opened first so every copy shares them.
    """
    library.vectors  # noqa: B018 (open once, before copying)
    library.lexical()
    view = copy.copy(library)
    view.settings = settings
    return view


def _retrieve_kwargs() -> dict:
    from assistant.qa.retrieval import retrieve

    # Narrative answers draw on passages only; rank those when retrieval can filter by kind.
    return {"kinds": ("passage",)} if "kinds" in inspect.signature(retrieve).parameters else {}


def retrieval_rank(library, case: Case, mode: str, reports: dict, query: str | None = None) -> int | None:
    """Rank of the expected passage among the top chunks retrieved for the question
    (no issuer/year filter: this measures the retriever, not the router). ``query`` is the
    text the assistant searched with (its normalised or translated question), if known."""
    from assistant.qa.retrieval import retrieve

    hits = retrieve(library, query or case.question, k=RETRIEVAL_DEPTH, report_ids=None, mode=mode,
                    **_retrieve_kwargs())
    ranked = [(reports[c.report_id].issuer, reports[c.report_id].year, c.text) for c, _ in hits]
    assert case.evidence.passage is not None, "ranked only for narrative cases with a passage"
    return first_hit_rank(ranked, [(r.issuer, r.year) for r in case.evidence.reports], case.evidence.passage)


def _chunk_texts(library, answer: dict) -> dict[str, str]:
    ids = sorted({c["chunk_id"] for c in answer.get("citations", []) if c.get("chunk_id")})
    return {c.id: c.text for c in library.sql.chunks(ids=ids)} if ids else {}


def run_case(assistant, library, case: Case, mode: str, reports: dict,
             refusal_phrase: str | None) -> tuple[CaseScore, dict, list[float]]:
    """Ask every turn in one conversation, then score the last answer."""
    conversation = assistant.conversation()
    latencies: list[float] = []
    answers: list[dict] = []
    try:
        for turn in case.turns:
            start = time.perf_counter()
            answer = conversation.ask(turn)
            latencies.append(time.perf_counter() - start)
            answers.append(answer.to_json())
        rank, scored = None, False
        if case.kind == "narrative" and case.evidence.passage:
            searched = (answers[-1].get("interpretation") or {}).get("question")
            rank, scored = retrieval_rank(library, case, mode, reports, searched), True
        score = score_case(case, answers[-1], refusal_phrase=refusal_phrase,
                           chunk_texts=_chunk_texts(library, answers[-1]), retrieval_rank=rank,
                           retrieval_scored=scored)
    except Exception as exc:  # one failing answer must not stop the run; it is reported
        where = traceback.extract_tb(exc.__traceback__)[-1]
        score = error_score(case, f"{exc.__class__.__name__}: {exc} ({Path(where.filename).name}:{where.lineno})")
    record = {"id": case.id, "kind": case.kind, "turns": case.turns, "expected": case.expected.model_dump(),
              "evidence": case.evidence.model_dump(), "answer": answers[-1] if answers else None,
              "earlier_answers": [a["answer"] for a in answers[:-1]], "latency": latencies,
              "scores": score, "failures": score.failures}
    return score, record, latencies


def run_config(name: str, library, cases: list[Case], refusal_phrase: str | None) -> tuple[ConfigSummary, list[dict]]:
    """Every case through a fresh Assistant built on this configuration's settings."""
    from assistant.qa.answering import Assistant

    view = library_with(library, config_settings(library.settings, name))
    assistant = Assistant(view)
    reports = {r.id: r for r in view.sql.reports()}
    scores, records, latencies = [], [], []
    started = time.perf_counter()
    for case in cases:
        score, record, seconds = run_case(assistant, view, case, CONFIGS[name], reports, refusal_phrase)
        scores.append(score)
        records.append(record)
        latencies += seconds
    print(f"{name}: {len(cases)} cases in {time.perf_counter() - started:.1f}s, "
          f"{sum(1 for s in scores if s.error)} errors", file=sys.stderr)
    return summarise(name, scores, latencies), records


def _refusal_phrase() -> str | None:
    import assistant.qa.answering as answering

    return getattr(answering, "REFUSAL", None)


def _git_commit() -> str | None:
    try:
        out = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True, timeout=5,
                             cwd=Path(__file__).resolve().parents[1])
        return out.stdout.strip() or None
    except (OSError, subprocess.SubprocessError):
        return None


def _out_dir(out: str | None, home: Path) -> Path:
    """--out as given; by default a timestamped folder under ``<data dir>/evals/results``
    (never the code checkout)."""
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S")
    if not out:
        return home / "evals" / "results" / stamp
    return Path(out)


def _ingest(library, corpus: str) -> int:
    from ingest.pipeline import ingest_paths

    results = ingest_paths(library, [corpus])
    failed = [r for r in results if r.status == "failed"]
    for r in failed:
        print(r.line(), file=sys.stderr)
    print(f"ingested {len(results) - len(failed)} of {len(results)} files from {corpus}", file=sys.stderr)
    return len(failed)


def evaluate(args, settings: Settings) -> int:
    """Run the set against the library in settings.data_dir; returns the exit code."""
    from assistant.stores.library import Library

    cases = load_set(getattr(args, "set_name", None) or "corpus")
    limit = getattr(args, "limit", None)
    if limit:
        cases = cases[:limit]
    configs = choose_configs(getattr(args, "config", None), settings)
    library = Library(settings)
    failed_files = _ingest(library, args.corpus) if getattr(args, "corpus", None) else 0
    if not library.sql.reports():
        raise UsageError(f"no reports in {settings.data_dir}: pass --corpus PATH or run `nianbao ingest` first")
    phrase = _refusal_phrase()
    summaries, cases_out = [], {}
    for name in configs:
        summary, records = run_config(name, library, cases, phrase)
        summaries.append(summary)
        cases_out[name] = records
    per_report, overall, absent = score_library(library, load_truth())
    extraction = (per_report, overall) if per_report else None
    run = {"set": getattr(args, "set_name", None) or "corpus", "cases": len(cases), "configs": ", ".join(configs),
           "data_dir": str(settings.data_dir) if not getattr(args, "corpus", None) else f"(temporary) from {args.corpus}",
           "embedder": settings.embedder, "llm": settings.llm.base_url or "none", "commit": _git_commit(),
           "refusal_phrase": phrase, "truth files without a report": ", ".join(absent) or "none",
           "started": datetime.now().isoformat(timespec="seconds")}
    print(console_summary(summaries, extraction))
    home = getattr(args, "results_home", None) or settings.data_dir
    json_path, md_path = write_results(_out_dir(getattr(args, "out", None), Path(home)), run, summaries, cases_out,
                                       extraction)
    print(f"\nwrote {json_path}\nwrote {md_path}")
    errors = sum(s.errors for s in summaries)
    if failed_files or errors:
        print(f"nianbao eval: {failed_files} file(s) failed to ingest, {errors} answer(s) raised", file=sys.stderr)
        return 1
    return 0


def main(args) -> int:
    """Entry point of `nianbao eval` (args: data_dir, embedder, set_name, corpus, config, out, limit)."""
    data_dir = Path(args.data_dir) if getattr(args, "data_dir", None) else None
    try:
        if getattr(args, "corpus", None):
            if not Path(args.corpus).exists():
                raise UsageError(f"no corpus at {args.corpus}")
            # The library is built in a temporary dir; the results go to the configured data dir.
            args.results_home = Settings.from_env(data_dir=data_dir).data_dir
            with tempfile.TemporaryDirectory(prefix="nianbao-eval-") as tmp:
                settings = Settings.from_env(data_dir=Path(tmp), embedder=getattr(args, "embedder", None))
                return evaluate(args, settings)
        settings = Settings.from_env(data_dir=data_dir, embedder=getattr(args, "embedder", None))
        return evaluate(args, settings)
    except (UsageError, CaseSetError, FileNotFoundError) as exc:
        print(f"nianbao eval: {exc}", file=sys.stderr)
        return 2
