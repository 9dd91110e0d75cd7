"""Round trip: synthetic reports with known answers (evals.synth.generate), written and read back.

Hundreds of reports in every format and layout are generated into a temp dir, each is
extracted, and every cell is compared with its truth file. One allowance, by design:
in the glued web-text layout (cells run together, ``8855698``) the text alone may not
determine a row of table 二, so such a cell may come back ``ambiguous`` with the truth
among its candidates. The request table of a glued report is generated so that the
rules (R2, then R1+R3) determine it, and every other cell of every report must be exact.
"""

from __future__ import annotations

import json
import multiprocessing
import os
import random
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

import pytest

import cli
from evals.synth.data import make_report
from evals.synth.generate import KINDS, generate, make_one, truth_path
from evals.synth.glued import readings, request_spacing, review_run
from ingest.extract import extract, file_sha256
from ingest.loaders import load

pytestmark = pytest.mark.slow   # servers, kills, a browser or thousands of reports: `-m 'not slow'` skips it

SEED = 20261123
N = 600                      # one in ten is a PDF: 60 PDFs
# What the extractor reports as the layout it read, per generated layout.
READER = {"tab": "tab", "cell_lines": "cell_lines", "pipe": "pipe", "glued": "glued",
          "html-table": "tab", "docx-table": "tab", "pdf-table": "pdf-table"}


@dataclass
class Outcome:
    """One report read back and compared with its truth."""

    name: str
    truth: dict
    layout_read: str
    metadata: tuple
    checked: int = 0
    exact: int = 0
    ambiguous_allowed: int = 0
    wrong: list = field(default_factory=list)
    findings: list = field(default_factory=list)     # (rule, cells)
    request_pages: set = field(default_factory=set)
    raws: dict = field(default_factory=dict)
    inferred: int = 0                                 # cells of unprinted rows filled by R3


def _same(a: float, b: float) -> bool:
    return abs(a - b) <= 1e-6 * max(1.0, abs(b))


def compare(path: Path) -> Outcome:
    truth = json.loads(truth_path(path).read_text(encoding="utf-8"))
    ex = extract(load(path), file_sha256(path))
    got = {c.cell_id: c for c in ex.cells}
    out = Outcome(path.name, truth, ex.layout, (ex.report.issuer, ex.report.year, ex.report.template),
                  findings=[(f.rule, set(f.cells)) for f in ex.findings],
                  request_pages={c.page for c in ex.cells if c.cell_id.startswith("requests.")},
                  raws={c.cell_id: c.raw for c in ex.cells},
                  inferred=sum(c.status == "inferred" for c in ex.cells))
    for cid in sorted(set(got) - set(truth["cells"])):
        out.wrong.append((cid, "not in the report", got[cid].value, got[cid].status))
    for cid, value in truth["cells"].items():
        out.checked += 1
        cell = got.get(cid)
        if cell is None:
            out.wrong.append((cid, value, "missing", ""))
        elif cell.status == "ambiguous":
            allowed = truth["layout"] == "glued" and cid.startswith("active.")
            if allowed and value is not None and any(_same(c, value) for c in cell.candidates):
                out.ambiguous_allowed += 1
            else:
                out.wrong.append((cid, value, cell.candidates, "ambiguous"))
        elif (value is None) != (cell.value is None) or (value is not None and not _same(cell.value, value)):
            out.wrong.append((cid, value, cell.value, cell.status))
        else:
            out.exact += 1
    return out


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory) -> list[Outcome]:
    """Every report generated, then read back on every core (fresh 'spawn' processes: nothing
    of this process's threads or open stores is inherited); the outcomes in generation order."""
    out = tmp_path_factory.mktemp("synth")
    paths = list(generate(SEED, N, out))
    workers = min(os.cpu_count() or 1, 4)
    if workers < 2:
        return [compare(p) for p in paths]
    with ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        return list(pool.map(compare, paths, chunksize=10))


def _listing(rows: list, limit: int = 25) -> str:
    return "\n".join(map(str, rows[:limit])) + (f"\n… {len(rows) - limit} more" if len(rows) > limit else "")


def test_every_cell_is_read_back(outcomes):
    wrong = [(o.name, *w) for o in outcomes for w in o.wrong]
    assert not wrong, _listing(wrong)


def test_issuer_year_and_template_are_read_back(outcomes):
    wrong = [(o.name, o.metadata, (o.truth["issuer"], o.truth["year"], o.truth["template"]))
             for o in outcomes if o.metadata != (o.truth["issuer"], o.truth["year"], o.truth["template"])]
    assert not wrong, _listing(wrong)


def test_injected_errors_are_found_and_nothing_else(outcomes):
    wrong = []
    for o in outcomes:
        injected = o.truth["injected_error"]
        if injected is None:
            if o.findings:
                wrong.append((o.name, "unexpected", o.findings))
            continue
        rules = {rule for rule, _ in o.findings}
        named = set(injected["cells"])
        pointed = set().union(*(cells for _, cells in o.findings)) if o.findings else set()
        if rules != {injected["rule"]} or not named <= pointed \
                or any(not (cells & named) for _, cells in o.findings):
            wrong.append((o.name, injected, o.findings))
    assert not wrong, _listing(wrong)
    assert sum(o.truth["injected_error"] is not None for o in outcomes) >= N // 20


def test_each_layout_is_read_by_its_reader(outcomes):
    wrong = [(o.name, o.layout_read) for o in outcomes if o.layout_read != READER[o.truth["layout"]]]
    assert not wrong, _listing(wrong)


def test_pdf_request_table_crosses_a_page_break(outcomes):
    pdfs = [o for o in outcomes if o.truth["format"] == "pdf"]
    assert len(pdfs) >= 50
    assert [o.name for o in pdfs if len(o.request_pages) < 2] == []


def test_the_mix_covers_formats_layouts_templates_and_value_forms(outcomes):
    layouts = Counter(o.truth["layout"] for o in outcomes)
    assert len(outcomes) >= 500 and set(layouts) == set(READER) and min(layouts.values()) >= 50
    shapes = Counter((o.truth["template"], "requests.other.total" in o.truth["cells"]) for o in outcomes)
    assert {("2019", True), ("2021", True), ("2021", False)} <= set(shapes)
    assert {o.truth["injected_error"]["rule"] for o in outcomes if o.truth["injected_error"]} == {"R3", "R4"}
    blanks = Counter(o.truth["layout"] for o in outcomes if None in o.truth["cells"].values())
    assert {"tab", "cell_lines", "html-table", "docx-table", "pdf-table"} <= set(blanks)
    raws = [r for o in outcomes for cid, r in o.raws.items() if cid.endswith((".amount", ".change"))]
    for form in ("亿", "万元", "元", "增", "减", "+", "-"):
        assert any(form in r for r in raws), form
    assert sum(o.inferred > 0 for o in outcomes) >= 10       # rows left out of the print


def test_figures(outcomes, capsys):
    """Round-trip figures per format/layout (shown with ``pytest -s``)."""
    by: dict[str, list[Outcome]] = {}
    for o in outcomes:
        by.setdefault(f"{o.truth['format']}/{o.truth['layout']}", []).append(o)
    lines = ["format/layout        reports   cells   exact  ambiguous(allowed)  exact %"]
    for key, group in sorted(by.items()) + [("all", outcomes)]:
        checked = sum(o.checked for o in group)
        exact = sum(o.exact for o in group)
        amb = sum(o.ambiguous_allowed for o in group)
        lines.append(f"{key:<20} {len(group):>7} {checked:>7} {exact:>7} {amb:>19}  {100 * exact / checked:7.2f}")
    with capsys.disabled():
        print("\n" + "\n".join(lines))
    assert sum(o.checked for o in outcomes) > 100 * N


FAILURES = Path(__file__).parent / "synth_failures"


CASES = sorted(p for p in FAILURES.iterdir() if p.suffix in (".txt", ".html", ".docx", ".pdf"))


@pytest.mark.parametrize("path", CASES, ids=lambda p: p.stem)
def test_former_extractor_failures_stay_fixed(path):
    """Generated reports the extractor once misread (tests/evals/synth_failures/NOTE.md)."""
    outcome = compare(path)
    assert outcome.wrong == []
    assert outcome.findings == []


# ---------------------------------------------------------------- the generator itself

def test_same_seed_same_reports():
    for i, (fmt, layout) in enumerate(KINDS):
        a, b = make_one(5, i, fmt, layout), make_one(5, i, fmt, layout)
        assert a[1] == b[1]
        if fmt in ("txt", "html"):        # DOCX/PDF embed their creation time
            assert a[0] == b[0]
    assert make_one(5, 0, *KINDS[0]) != make_one(6, 0, *KINDS[0])


def test_text_files_come_in_the_encodings_offices_use():
    files = [make_one(1, i, "txt", layout)[0] for i in range(40) for layout in ("tab", "pipe")]

    def utf8(data: bytes) -> bool:
        try:
            data.decode("utf-8")
            return True
        except UnicodeDecodeError:
            return False

    assert any(f.startswith(b"\xef\xbb\xbf") for f in files)
    assert any(b"\r\n" in f for f in files)
    assert any(not utf8(f) and "政府信息公开" in f.decode("gb18030") for f in files)


def test_truth_values_obey_the_rules_unless_an_error_is_injected():
    from assistant.domain.rules import equations

    for i in range(200):
        report = make_report(random.Random(i), blanks=True)
        values = report.truth_cells()
        broken = {eq.rule for eq in equations(report.version, report.other_split)
                  if abs(sum(values[c] or 0 for c in eq.lhs) - sum(values[c] or 0 for c in eq.rhs)) > 1e-9}
        assert broken == ({report.injected["rule"]} if report.injected else set()), i


def test_readings_split_run_together_digits_by_the_rules():
    # The real pingtan 2022 row: 71 natural persons, 3 businesses, 74 in total.
    assert readings(["713000074"], 7, 7) == [(71, 3, 0, 0, 0, 0, 74)]
    assert readings(["2163500270278"], 7, 7) == [(216, 35, 0, 0, 27, 0, 278)]
    assert readings(["123"], 3, 3) == [(1, 2, 3)]
    assert readings(["10001"], 5, 5) == [(1, 0, 0, 0, 1)]
    assert readings(["10002"], 5, 5) == []                        # R4 fails on every cut
    # Spaces are forced cuts (pingtan 2020 prints "200 000121").
    assert readings(["200", "000121"], 7, 7) == [(20, 0, 0, 0, 0, 1, 21)]
    assert readings(["5", "1", "0", "0", "0", "0", "6"], 7, 7) == [(5, 1, 0, 0, 0, 0, 6)]


def test_glued_requests_are_spaced_only_where_the_rules_leave_a_choice():
    spaced = boundaries = 0
    for i in range(60):
        rng = random.Random(i)
        report = make_report(rng, glued=True)
        spacing = request_spacing(rng, report)
        spaced += sum(len(s) for s in spacing.values())
        boundaries += 6 * len(spacing)
        run = review_run(report)
        assert " " not in run or len(readings([run.replace(" ", "")], 15, 5)) != 1
    assert spaced / boundaries < 0.2     # mostly run together, as on the real pages


def test_cli_synth_writes_reports_and_truth(tmp_path, capsys):
    assert cli.main(["synth", "4", "--out", str(tmp_path), "--seed", "9"]) == 0
    reports = sorted(p for p in tmp_path.iterdir() if not p.name.endswith(".truth.json"))
    assert [p.suffix for p in reports] == [".txt", ".txt", ".txt", ".txt"]
    for p in reports:
        truth = json.loads(truth_path(p).read_text(encoding="utf-8"))
        assert set(truth) == {"issuer", "year", "template", "format", "layout", "cells", "injected_error"}
        assert truth["template"] == ("2019" if truth["year"] <= 2020 else "2021")
    assert "wrote 4 reports" in capsys.readouterr().err
