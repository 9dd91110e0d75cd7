"""The web-page text layout: a metadata header, then cells printed run together.

Like real/pingtan__*.txt: ``一、本年新收政府信息公开申请数量 713000074二、上年结转…``.
Digits run together can be cut several ways; the generator keeps the request table
solvable by the rules (R2 per row, then R1+R3 across the table, checked here by an
enumeration of its own) and the review row solvable by R4, adding the spaces real
pages sometimes print where a row would otherwise stay ambiguous. Table 二 is left as
it comes: the text alone may not determine it.
"""

from __future__ import annotations

import random
from itertools import product

from assistant.domain.rules import REQUEST_COLUMN_IDS, request_rows, result_rows
from assistant.domain.template import REVIEW_ROWS
from evals.synth.data import SynthReport
from evals.synth.text import Block

JOINT_LIMIT = 20_000       # combinations of ambiguous rows checked by brute force
OPTION_LIMIT = 64


def readings(chunks: list[str], n: int, group: int) -> list[tuple[int, ...]]:
    """Every cut of the chunks (spaces are forced cuts) into ``n`` counts such that in each
    group of ``group`` cells the last one is the sum of the others (R2: 7, R4: 5)."""
    out: list[tuple[int, ...]] = []
    lengths = [len(c) for c in chunks]

    def rec(ci: int, pos: int, parts: list[int]) -> None:
        if len(out) >= OPTION_LIMIT:
            return
        rest = chunks[ci][pos:]
        for cut in range(1, len(rest) + 1):
            piece = rest[:cut]
            if piece[0] == "0" and cut > 1:
                break
            value = int(piece)
            k = len(parts) % group
            if k == group - 1 and value != sum(parts[len(parts) - k:]):
                continue
            parts.append(value)
            chars_left = len(rest) - cut + sum(lengths[ci + 1:])
            cells_left = n - len(parts)
            chunks_left = len(chunks) - ci - 1 + (1 if cut < len(rest) else 0)
            if chunks_left <= cells_left <= chars_left:
                if cells_left == 0:
                    out.append(tuple(parts))
                elif cut == len(rest):
                    rec(ci + 1, 0, parts)
                else:
                    rec(ci, pos + cut, parts)
            parts.pop()

    if chunks:
        rec(0, 0, [])
    return out


def _run(values: list[str], spaced: set[int]) -> str:
    """Values run together, with a space after the positions in ``spaced``."""
    return "".join(v + (" " if i in spaced else "") for i, v in enumerate(values)).strip()


def request_spacing(rng: random.Random, report: SynthReport) -> dict[str, set[int]]:
    """Where each request row prints spaces, chosen so the rules determine every cell."""
    split = report.other_split
    rows = request_rows(report.version, split)
    printed = {r: [report.printed[f"requests.{r}.{c}"] for c in REQUEST_COLUMN_IDS] for r in rows}
    spacing = {r: set(rng.sample(range(6), rng.randint(1, 3))) if rng.random() < 0.1 else set()
               for r in rows}
    need_rows_unique = report.injected is not None and report.injected["rule"] == "R3"
    while True:
        options = {r: readings(_run(printed[r], spacing[r]).split(" "), 7, 7) for r in rows}
        ambiguous = [r for r in rows if len(options[r]) > 1]
        if not ambiguous:
            return spacing
        if not need_rows_unique and _jointly_unique(report, options):
            return spacing
        worst = max(ambiguous, key=lambda r: len(options[r]))
        spacing[worst] = set(range(6))


def _jointly_unique(report: SynthReport, options: dict[str, list[tuple[int, ...]]]) -> bool:
    """True if exactly one choice of row readings satisfies R1 and R3 in every column."""
    ambiguous = [r for r, o in options.items() if len(o) > 1]
    size = 1
    for r in ambiguous:
        size *= len(options[r])
    if size > JOINT_LIMIT:
        return False
    fixed = {r: o[0] for r, o in options.items() if len(o) == 1}
    results = result_rows(report.version, report.other_split)
    solutions = 0
    for combo in product(*(options[r] for r in ambiguous)):
        table = {**fixed, **dict(zip(ambiguous, combo))}
        ok = all(table["new"][c] + table["carried_in"][c] == table["result_total"][c] + table["carried_out"][c]
                 and table["result_total"][c] == sum(table[r][c] for r in results)
                 for c in range(7))
        solutions += ok
        if solutions > 1:
            return False
    return solutions == 1


def review_run(report: SynthReport) -> str:
    """The fifteen review numbers: run together if R4 determines them, else spaced."""
    values = [report.printed[f"review.{r.id}.{p}"] for r in REVIEW_ROWS
              for p in ("upheld", "corrected", "other", "pending", "total")]
    glued = "".join(values)
    if len(glued) == 15 or len(readings([glued], 15, 5)) == 1:
        return glued
    return " ".join(values)


def _row_text(rng: random.Random, labels: list[str], values: str) -> str:
    sep = rng.choice(["", " "])
    return sep.join(labels) + rng.choice(["", " "]) + values


def render_glued(rng: random.Random, report: SynthReport, blocks: list[Block], title: str) -> str:
    """The web-page export: header lines, then the body with table cells run together."""
    published = f"{report.year + 1}-0{rng.randint(1, 3)}-{rng.randint(10, 28)} {rng.randint(8, 17)}:{rng.randint(10, 59)}"
    header = [f"标题: {title}", f"发布时间: {published}", "文号: ", f"发布机构: {rng.choice(['', report.issuer])}",
              "栏目: 政府信息公开年报", f"原文链接: https://www.gov.example/zfxxgk/nb/{report.year}.htm",
              f"本地目录: zfxxgk/nb/{report.year}_{title}", "页面链接与图片详见 links.tsv(同目录)",
              "==================== 正文 ===================="]
    spacing = request_spacing(rng, report)
    parts: list[str] = []
    if rng.random() < 0.4:
        parts.append(f"当前位置： 首页 政务公开 政府信息公开年报 {title} 时间：{published[:10]}")
    for b in blocks:
        if b.kind == "title":
            continue
        if b.kind != "table":
            parts.append(b.text)
        elif b.text == "review":
            parts.append(" ".join(c.text for row in b.grid[:3] for c in row) + " " + review_run(report))
        else:
            parts.append(_table_text(rng, report, b, spacing))
    body = rng.choice([" ", ""]).join(parts)
    return "\n".join(header) + "\n" + body + "\n"


def _table_text(rng: random.Random, report: SynthReport, block: Block, spacing: dict[str, set[int]]) -> str:
    """Labels and run-together values of one table, rows following each other directly."""
    out: list[str] = []
    rows = iter([r for r in request_rows(report.version, report.other_split) if r not in report.omitted]
                ) if block.text == "requests" else None
    for grid_row in block.grid:
        labels = [c.text for c in grid_row if not c.value]
        values = [c.text for c in grid_row if c.value]
        if not values:
            out.append(" ".join(labels) + " ")
            continue
        run = "".join(values)
        if rows is not None:
            run = _run(values, spacing[next(rows)])
        out.append(_row_text(rng, labels, run))
    return "".join(out)
