"""assistant.domain.template.column_word: what a user-facing line calls a column (and
column_label, the label in one known row, with its money unit)."""

from __future__ import annotations

import pytest

from assistant.domain.template import ALL_ROWS, column_label, column_word


@pytest.mark.parametrize("table, column, row, label", [
    pytest.param("requests", "business", None, "商业企业", id="requester"),
    pytest.param("active", "decisions", "penalty", "处理决定数量", id="row-own-label"),
    pytest.param("review", "pending", None, "尚未审结", id="review"),
    pytest.param("active", "total", "penalty", "总计", id="a-column-the-row-lacks-still-in-words"),
    pytest.param("requests", "_orgs", None, "法人或其他组织", id="the-five-organisations"),
])
def test_a_column_is_named_in_words_never_by_its_id(table, column, row, label):
    assert column_word(table, column, row) == label


def test_in_a_known_row_a_money_column_says_its_unit():
    procurement = next(r for r in ALL_ROWS if r.table == "active" and r.id == "procurement")
    assert column_word("active", "amount", "procurement") == "采购总金额"
    assert column_label(procurement, "amount") == "采购总金额（万元）"
