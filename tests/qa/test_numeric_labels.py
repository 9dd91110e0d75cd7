"""assistant.qa.numeric's column words: what a user-facing line calls a column."""

from __future__ import annotations

import pytest

from assistant.qa.numeric import column_label


@pytest.mark.parametrize("table, column, row, label", [
    pytest.param("requests", "business", None, "商业企业", id="requester"),
    pytest.param("active", "decisions", "penalty", "处理决定数量", id="row-own-label"),
    pytest.param("review", "pending", None, "尚未审结", id="review"),
    pytest.param("active", "total", "penalty", "总计", id="a-column-the-row-lacks-still-in-words"),
    pytest.param("requests", "_orgs", None, "法人或其他组织", id="the-five-organisations"),
])
def test_a_column_is_named_in_words_never_by_its_id(table, column, row, label):
    assert column_label(table, column, row) == label
