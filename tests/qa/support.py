"""Shared inputs for the question-understanding tests: the issuer list and catalogue."""

from __future__ import annotations

from assistant.domain.rules import REVIEW_PARTS
from assistant.domain.template import ORG_COLUMNS
from assistant.qa.interpretation import Interpretation
from assistant.qa.interpretation import Operation as Op
from assistant.qa.interpretation import Route as R
from assistant.qa.lexicon import load_lexicon

ISSUERS = ["大宁县人民政府", "宁海县力洋镇人民政府", "芮城县人民政府", "遂宁市安居区人民政府",
           "彭阳县机关事务服务中心", "淮安市洪泽区人民政府", "淮安市人民政府", "平潭综合实验区"]

CATALOGUE = {"大宁县人民政府": (2020,), "芮城县人民政府": (2020,), "遂宁市安居区人民政府": (2020,),
             "宁海县力洋镇人民政府": (2020,), "彭阳县机关事务服务中心": (2020,),
             "淮安市洪泽区人民政府": (2023, 2024), "淮安市人民政府": (2024,),
             "平潭综合实验区": (2020, 2021, 2022, 2023, 2024)}

DANING, LIYANG, RUICHENG, ANJU = "大宁县人民政府", "宁海县力洋镇人民政府", "芮城县人民政府", "遂宁市安居区人民政府"
PENGYANG, HONGZE, HUAIAN, PINGTAN = "彭阳县机关事务服务中心", "淮安市洪泽区人民政府", "淮安市人民政府", "平潭综合实验区"

LEXICON = load_lexicon()
METRICS = {m.id: m for m in LEXICON.metrics}
NEW = "requests.new"


def cell(issuer: str, year: int, metric: str, **more) -> dict:
    """The expectation of a one-cell reading: route cell, value, one issuer and year, the row."""
    return dict(route=R.CELL, op=Op.VALUE, issuers=[issuer], years=[year], metric=metric, **more)
COLUMN_PARTS = {"requests": ("natural_person",) + ORG_COLUMNS, "review": tuple(REVIEW_PARTS)}


def effective_rows(i: Interpretation) -> set[str]:
    """The template rows the reading adds up: the metric's rows less any rows taken out."""
    rows = set(i.metric.rows) if i.metric else set()
    for m in i.minus:
        rows -= set(m.rows)
    return rows


def effective_columns(i: Interpretation) -> set[str]:
    """The columns read: named ones, or the parts of 总计 left after ``minus_columns``."""
    table = i.metric.table if i.metric else "requests"
    minus_columns = getattr(i, "minus_columns", ())   # the field may be dropped in favour of columns
    if minus_columns:
        return set(COLUMN_PARTS[table]) - set(minus_columns)
    cols = set()
    for c in i.columns:
        cols |= set(ORG_COLUMNS) if c == "_orgs" else {c}
    return cols


def check(i: Interpretation, exp: dict) -> None:
    """Assert every expectation given (keys are Interpretation fields, a few derived)."""
    for key, want in exp.items():
        if key == "route":
            assert i.route == want, (key, i.route, i.to_json())
        elif key == "op":
            assert i.operation == want, (key, i.operation, i.to_json())
        elif key == "issuers":
            assert set(i.issuers) == set(want), (key, i.issuers)
        elif key == "years":
            assert sorted(i.years) == sorted(want), (key, i.years)
        elif key == "metric":
            assert (i.metric.id if i.metric else None) == want, (key, i.to_json())
        elif key == "columns":
            assert set(i.columns) == set(want), (key, i.columns)
        elif key == "cols":   # the columns actually read, however the exclusion is spelt
            assert effective_columns(i) == set(want), (key, i.to_json())
        elif key == "rows":
            assert effective_rows(i) == set(want), (key, i.to_json())
        elif key == "summed":   # the metrics a sum adds up
            got = {m.id for m in ((i.metric,) if i.metric else ()) + i.also}
            assert got == set(want), (key, i.to_json())
        elif key == "minus":
            assert {m.id for m in i.minus} == set(want), (key, i.to_json())
        elif key == "minus_columns":
            assert set(getattr(i, "minus_columns", ())) == set(want), (key, i.to_json())
        elif key in ("tables", "rules"):
            assert set(getattr(i, key)) == set(want), (key, getattr(i, key))
        elif key == "numerator":
            assert tuple(m.id for m in i.numerator) == tuple(want), (key, i.to_json())
        elif key == "share_of":
            assert (i.share_of.id if i.share_of else None) == want, (key, i.to_json())
        elif key == "share_also":
            assert tuple(m.id for m in i.share_also) == tuple(want), (key, i.to_json())
        elif key == "share_columns":
            assert tuple(i.share_columns) == tuple(want), (key, i.to_json())
        elif key == "negated":
            assert tuple(i.negated) == tuple(want), (key, i.to_json())
        elif key == "ratio":
            assert (i.ratio.id if i.ratio else None) == want, (key, i.to_json())
        elif key == "refuse":
            assert i.refuse == want, (key, i.refuse)
        elif key == "choices":
            assert i.clarification is not None, (key, i.to_json())
            assert set(want) <= set(i.clarification.choices), (key, i.clarification)
        elif key == "unknown":
            assert set(i.unknown) == set(want), (key, i.unknown)
        elif key == "aggregation":
            assert i.aggregation == want, (key, i.aggregation)
        elif key == "section":
            assert i.section == want, (key, i.section)
        elif key in ("direction", "rank_place", "condition"):
            assert getattr(i, key) == want, (key, i.to_json())
        elif key == "parts":   # a narrative question's asks: (text, measure asked)
            assert [(p.question, p.unit_asked) for p in i.parts] == list(want), (key, i.parts)
        elif key == "unit_asked":
            assert i.unit_asked == want, (key, i.to_json())
        elif key == "quoted":
            assert set(i.quoted) == set(want), (key, i.quoted)
        else:
            raise KeyError(key)
