"""Property-based mutations of the seed tables: the parser never crashes, and a mutation
that changes a number is read as printed, or caught (finding / ambiguous / not read)."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from ingest.document import ReportParseError
from ingest.extract import extract
from ingest.loaders import load_text
from tests.conftest import CORPUS

SEEDS = {"000_a19e89bb6d057825.txt": "tab", "003_8fda2105dcda898c.txt": "pipe",
         "002_c9f8e9740fa2ca26.txt": "tab"}
OUTCOMES: Counter = Counter()


def _seed(name: str) -> str:
    return (CORPUS / "seeds" / name).read_text(encoding="utf-8")


def _number_spans(text: str) -> list[tuple[int, int]]:
    """Spans of printed numbers inside table 三's rows (between its heading and 四's)."""
    start = text.index("三、收到和处理")
    end = text.index("四、政府信息公开行政")
    return [(start + m.start(), start + m.end())
            for m in re.finditer(r"(?<=[\t\n])\d+(?=[ \t|\n])", text[start:end])]


def _extract(text: str):
    doc = load_text(Path("fuzz.txt"), text.encode("utf-8"))
    return extract(doc, "fuzz")


def mutate(text: str, span: tuple[int, int], kind: str, digit: int) -> str:
    s, e = span
    if kind == "replace":
        old = text[s:e]
        new = str((int(old) + 1 + digit) % 1000)
        return text[:s] + new + text[e:]
    if kind == "swap":
        old = text[s:e]
        new = old[::-1] + str(digit) if len(old) == 1 else old[::-1]
        return text[:s] + new + text[e:]
    if kind == "delete":
        sep_end = e + 1 if e < len(text) and text[e] in "\t|" else e
        return text[:s] + text[sep_end:]
    if kind == "duplicate":
        return text[:e] + "\t" + text[s:e] + text[e:]
    if kind == "noise":
        return text[:e] + "\t※注" + text[e:]
    raise AssertionError(kind)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(seed=st.sampled_from(sorted(SEEDS)), pick=st.integers(0, 10_000),
       kind=st.sampled_from(["replace", "swap", "delete", "duplicate", "noise"]),
       digit=st.integers(0, 9))
def test_mutations_never_crash_and_are_never_silently_wrong(seed, pick, kind, digit):
    original = _seed(seed)
    base = {c.cell_id: c for c in _extract(original).cells}
    spans = _number_spans(original)
    span = spans[pick % len(spans)]
    target = next((cid for cid, c in base.items() if c.position == f"chars {span[0]}-{span[1]}"), None)
    mutated = mutate(original, span, kind, digit)
    try:
        ex = _extract(mutated)
    except ReportParseError:
        OUTCOMES["refused as not a report"] += 1
        return
    got = {c.cell_id: c for c in ex.cells}
    caught = bool(ex.findings) or any(c.status == "ambiguous" for c in ex.cells)
    changed = {cid for cid, c in got.items() if cid in base and c.value != base[cid].value}
    if kind in ("replace", "swap") and target:
        printed = re.match(r"\d+", mutated[span[0]:]).group(0)
        cell = got.get(target)
        if cell and cell.value is not None and str(int(cell.value)) == printed:
            OUTCOMES["read as printed"] += 1
            return
    if not changed and not any(cid not in got for cid in base):
        OUTCOMES["no number changed"] += 1
        return
    if caught or any(cid not in got for cid in base):
        OUTCOMES["caught by a finding / ambiguous / not read"] += 1
        return
    OUTCOMES["silently wrong"] += 1
    raise AssertionError(f"{seed} {kind} at {span}: silently changed {sorted(changed)[:5]}")


def test_report_fuzz_outcomes(tmp_path):
    total = sum(OUTCOMES.values())
    assert total >= 100 and OUTCOMES["silently wrong"] == 0
    shares = {k: f"{v} ({v / total:.0%})" for k, v in OUTCOMES.most_common()}
    # Written beside the test's own files, never into the checkout; printed for `pytest -s`.
    (tmp_path / "fuzz_outcomes.json").write_text(json.dumps(shares, ensure_ascii=False, indent=1), encoding="utf-8")
    print("fuzz outcomes:", shares)
