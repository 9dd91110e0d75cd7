import json

import pytest

from evals.cases import BlankExpected, CaseSetError, FactsExpected, NumberExpected, load_set, set_path

GOOD = {"id": "cell-daning-2020-licensing", "kind": "cell", "turns": ["大宁县2020年行政许可处理决定数量是多少？"],
        "expected": {"value": 1680, "unit": "件", "tolerance": 0},
        "evidence": {"reports": [{"issuer": "大宁县人民政府", "year": 2020}], "cells": ["active.licensing.decisions"]}}
NARRATIVE = {"id": "narr-1", "kind": "narrative", "turns": ["大宁县政府系统目前共有多少个政务新媒体？"],
             "expected": {"facts": [["政务新媒体10个"]]},
             "evidence": {"reports": [{"issuer": "大宁县人民政府", "year": 2020}], "passage": "共有政务新媒体10个"}}


def write(tmp_path, *lines):
    path = tmp_path / "set.jsonl"
    path.write_text("\n".join(ln if isinstance(ln, str) else json.dumps(ln, ensure_ascii=False) for ln in lines),
                    encoding="utf-8")
    return path


def test_shipped_corpus_set_loads():
    cases = load_set("corpus")
    assert len(cases) == 136
    first = cases[0]
    assert first.id == "cell-daning-2020-licensing" and first.question == first.turns[-1]
    assert first.expected == NumberExpected(value=1680, unit="件", tolerance=0)
    kinds = {c.kind for c in cases}
    assert kinds == {"cell", "aggregate", "comparison", "ratio", "narrative", "refusal", "audit"}
    blank = next(c for c in cases if c.id == "cell-daning-2020-review-total-blank")
    assert isinstance(blank.expected, BlankExpected)


def test_good_file_by_path(tmp_path):
    cases = load_set(write(tmp_path, GOOD, "", NARRATIVE))
    assert [c.id for c in cases] == ["cell-daning-2020-licensing", "narr-1"]
    assert isinstance(cases[1].expected, FactsExpected)


def test_names_resolve_to_sets_folder(tmp_path):
    assert set_path("corpus").name == "corpus.jsonl" and set_path("corpus").parent.name == "sets"
    assert set_path(tmp_path / "x.jsonl") == tmp_path / "x.jsonl"


def test_unknown_set_names_the_known_ones():
    with pytest.raises(FileNotFoundError, match="sets in .*corpus"):
        load_set("no-such-set")


@pytest.mark.parametrize("bad, message", [
    pytest.param("{not json", "not valid JSON", id="json"),
    pytest.param("[1, 2]", "expected a JSON object, got list", id="not-object"),
    pytest.param({**GOOD, "kind": "cellz"}, "kind: Input should be", id="kind"),
    pytest.param({**GOOD, "turns": []}, "turns: List should have at least 1 item", id="no-turns"),
    pytest.param({**GOOD, "turns": ["  "]}, "turns: every turn must be a non-empty question", id="blank-turn"),
    pytest.param({**GOOD, "expected": {"value": 1680}}, "expected.unit: Field required", id="no-unit"),
    pytest.param({**GOOD, "expected": {"value": "many", "unit": "件"}}, "expected.value: Input should be a valid number",
                 id="value-type"),
    pytest.param({**GOOD, "expected": {"value": 1, "unit": "件", "tolerance": -1}},
                 "expected.tolerance: Input should be greater than or equal to 0", id="tolerance"),
    pytest.param({**GOOD, "expected": {"facts": [["x"]]}}, "expected.value: Field required", id="kind-mismatch"),
    pytest.param({**NARRATIVE, "expected": {"facts": [[]]}}, "fact 0 needs at least one non-empty alternative",
                 id="empty-fact"),
    pytest.param({**NARRATIVE, "evidence": {"reports": []}}, "needs evidence.passage and evidence.reports",
                 id="narrative-evidence"),
    pytest.param({**GOOD, "evidence": {"reports": [{"issuer": "x", "year": 2020}]}},
                 "a cell case needs evidence.reports and evidence.cells", id="cell-evidence"),
    pytest.param({**GOOD, "kind": "audit", "expected": {"rules": ["R9"]}}, "unknown rule ids ['R9']", id="rule"),
    pytest.param({**GOOD, "extra": 1}, "extra: Extra inputs are not permitted", id="extra-field"),
])
def test_bad_line_names_file_line_and_problem(tmp_path, bad, message):
    path = write(tmp_path, GOOD | {"id": "ok-1"}, bad)
    with pytest.raises(CaseSetError) as err:
        load_set(path)
    assert err.value.problems[0][0] == 2
    assert message in err.value.problems[0][1]
    assert f"{path}:2: " in str(err.value)


def test_every_bad_line_is_reported(tmp_path):
    path = write(tmp_path, GOOD, "{oops", GOOD, {**NARRATIVE, "turns": []})
    with pytest.raises(CaseSetError) as err:
        load_set(path)
    assert [line for line, _ in err.value.problems] == [2, 3, 4]
    assert err.value.problems[1][1] == "duplicate id 'cell-daning-2020-licensing' (first on line 1)"
    assert str(err.value).startswith(f"3 bad line(s) in question set {path}:")


def test_empty_set_is_an_error(tmp_path):
    with pytest.raises(CaseSetError, match="holds no cases"):
        load_set(write(tmp_path, "", "  "))
