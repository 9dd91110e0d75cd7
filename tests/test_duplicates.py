"""The same report in two formats is one report: one set of cells wins, the other is kept."""

from __future__ import annotations

import pytest


@pytest.mark.parametrize("year, html, text", [
    (2023, "pingtan__2023_87885_page.html", "pingtan__2023_87885_page.txt"),
    (2024, "pingtan__2024_97791_page.html", "pingtan__2024_97791_page.txt"),
])
def test_text_twin_agrees_with_its_html_and_html_wins(corpus_library, year, html, text):
    groups = {(p.issuer, p.year): (p, alts) for p, alts in corpus_library.report_groups().items()}
    primary, alternates = groups[("平潭综合实验区", year)]
    assert primary.source_file == html and [a.source_file for a in alternates] == [text]
    from_html = {c.cell_id: c for c in corpus_library.sql.cells(primary.id)}
    from_text = {c.cell_id: c for c in corpus_library.sql.cells(alternates[0].id)}
    assert set(from_html) == set(from_text)
    for cid, cell in from_text.items():
        if cell.status == "ambiguous":      # the text could not decide; the HTML value is a candidate
            assert from_html[cid].value in cell.candidates
        else:
            assert cell.value == from_html[cid].value, cid


def test_aggregates_count_the_report_once(assistant):
    answer = assistant.conversation().ask("平潭2023年和2024年新收申请合计多少？")
    assert answer.value == 81 + 218
    assert {c.source_file for c in answer.citations} == {
        "pingtan__2023_87885_page.html", "pingtan__2024_97791_page.html"}
