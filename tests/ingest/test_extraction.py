"""Every hand-checked cell of the corpus (tests/expected, read from the sources by hand)."""

from __future__ import annotations

import json

import pytest

from ingest.extract import extract, file_sha256
from ingest.loaders import load
from tests.conftest import EXPECTED, corpus_file, expected

EXACT = ["000_a19e89bb6d057825", "001_f10c6ced2bff11ee", "002_c9f8e9740fa2ca26",
         "003_8fda2105dcda898c", "004_646a4c0eb14f5e93", "kiro__hzq2023_working",
         "kiro__hzq2024_working", "govnb__szfgs2024"]
WEB_TEXTS = ["pingtan__2020_80595_page", "pingtan__2021_80613_page", "pingtan__2022_80629_page",
             "pingtan__2023_87885_page", "pingtan__2024_97791_page"]


def _extract(relative: str):
    path = corpus_file(relative)
    return extract(load(path), file_sha256(path))


@pytest.mark.parametrize("stem", EXACT)
def test_every_cell_matches_the_hand_checked_value(stem):
    exp = expected(stem)
    ex = _extract(exp["source"])
    got = {c.cell_id: c for c in ex.cells}
    assert set(got) == set(exp["cells"])
    wrong = [(cid, v, got[cid].value, got[cid].status) for cid, v in exp["cells"].items()
             if (v is None) != (got[cid].value is None)
             or (v is not None and abs(got[cid].value - v) > 1e-6)]
    assert wrong == []
    assert not [c for c in ex.cells if c.status == "ambiguous"]


@pytest.mark.parametrize("stem", EXACT + WEB_TEXTS)
def test_report_metadata(stem):
    exp = expected(stem)
    report = _extract(exp["source"]).report
    assert (report.issuer, report.year, report.template) == (exp["issuer"], exp["year"], exp["template"])
    assert report.published == exp["published"]


@pytest.mark.parametrize("stem", WEB_TEXTS)
def test_web_texts_are_right_or_ambiguous_never_silently_wrong(stem):
    exp = expected(stem)
    got = {c.cell_id: c for c in _extract(exp["source"]).cells}
    assert set(got) == set(exp["cells"])
    for cid, truth in exp["cells"].items():
        cell = got[cid]
        if isinstance(truth, dict):          # the text alone cannot decide
            assert cell.status == "ambiguous", cid
            assert set(truth["ambiguous"]) <= set(cell.candidates), cid
        elif cell.status == "ambiguous":     # allowed, if the truth is among the candidates
            assert truth in cell.candidates, cid
        else:
            assert cell.value == pytest.approx(truth), cid
    # The request tables of all five are fully determined by the rules.
    assert [c for c in got if c.startswith("requests.") and got[c].status == "ambiguous"] == []


def test_pingtan_2022_713000074_is_split_by_the_rules():
    cells = {c.cell_id: c for c in _extract("real/pingtan__2022_80629_page.txt").cells}
    new = [cells[f"requests.new.{c}"].value for c in
           ("natural_person", "business", "research", "social_org", "legal_service", "other_org", "total")]
    assert new == [71, 3, 0, 0, 0, 0, 74]
    # The narrative settles 规范性文件 8855698 (R7): 88 issued, 698 in force.
    assert cells["active.normative_docs.issued"].value == 88
    assert cells["active.normative_docs.in_force"].value == 698
    assert "R7" in cells["active.normative_docs.issued"].rule


@pytest.mark.parametrize("name", ["pingtan__2023_87885_page.html", "pingtan__2024_97791_page.html"])
def test_html_twins_give_every_cell(name):
    truth = json.loads((EXPECTED / "pingtan_html_twins.json").read_text(encoding="utf-8"))[name]
    got = {c.cell_id: c.value for c in _extract(f"twins/{name}").cells}
    assert got == pytest.approx(truth)


def test_pdf_cells_carry_page_and_box():
    exp = expected("govnb__szfgs2024")
    cells = {c.cell_id: c for c in _extract(exp["source"]).cells}
    for cid, page in exp["cell_pages"].items():
        assert cells[cid].page == page, cid
    assert cells["requests.new.total"].position.startswith("bbox ")


def test_row_missing_from_the_print_is_inferred_by_r3():
    cells = {c.cell_id: c for c in _extract("seeds/004_646a4c0eb14f5e93.txt").cells}
    other = cells["requests.other.total"]
    assert (other.value, other.status, other.rule) == (0, "inferred", "R3")
    assert cells["requests.carried_in.business"].status == "blank"


def test_sections_and_chunks():
    ex = _extract("seeds/002_c9f8e9740fa2ca26.txt")
    sections = {c.section for c in ex.chunks if c.kind == "passage"}
    assert {"preamble", "overview", "problems", "other_matters"} <= sections
    problems = [c.text for c in ex.chunks if c.section == "problems"]
    assert any("政务公开工作制度机制还不健全完善" in t for t in problems)
    assert all(len(c.text) <= 320 for c in ex.chunks if c.kind == "passage")
    rows = [c for c in ex.chunks if c.kind == "table_row"]
    assert any("行政许可" in c.text and "21384" in c.text for c in rows)
