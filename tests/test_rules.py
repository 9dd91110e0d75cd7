import pytest

from ingest.extract import extract, file_sha256
from ingest.loaders import load
from tests.conftest import corpus_file


def _findings(relative):
    path = corpus_file(relative)
    return extract(load(path), file_sha256(path)).findings


def test_hongze_2023_review_totals_fail_r4_in_the_original():
    findings = _findings("real/kiro__hzq2023_working.pdf")
    r4 = {f.cells[0]: (f.lhs, f.rhs) for f in findings if f.rule == "R4"}
    assert r4["review.review.total"] == (0, 11)            # 10 + 1 + 0 + 0 ≠ 0
    assert r4["review.litigation_after_review.total"] == (0, 5)
    detail = next(f.detail for f in findings if f.cells[0] == "review.review.total")
    assert detail.startswith("R4 不成立：行政复议·总计 0 ≠ 行政复议·结果维持 10 + 行政复议·结果纠正 1（其余为0或空） = 11")
    assert "review." not in detail


@pytest.mark.parametrize("relative", [
    "seeds/000_a19e89bb6d057825.txt", "seeds/001_f10c6ced2bff11ee.txt",
    "seeds/002_c9f8e9740fa2ca26.txt", "seeds/003_8fda2105dcda898c.txt",
    "seeds/004_646a4c0eb14f5e93.txt"])
def test_no_false_findings_on_the_seeds(relative):
    assert _findings(relative) == []


def test_pingtan_2020_breaks_r3_in_the_original():
    findings = _findings("real/pingtan__2020_80595_page.txt")
    assert {(f.rule, f.cells[0], f.lhs, f.rhs) for f in findings} == {
        ("R3", "requests.result_total.natural_person", 20, 26),
        ("R3", "requests.result_total.total", 21, 27)}


def test_cross_year_r5_holds_for_pingtan(corpus_library):
    assert [f for f in corpus_library.sql.findings() if f.rule in ("R5", "R6")] == []
