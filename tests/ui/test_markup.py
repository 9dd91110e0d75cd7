"""Escaping and highlighting: report text is always shown as text."""

from __future__ import annotations

import html as htmllib
import re

import pytest

from ui.markup import answer_html, claims_by_key, context_html, passage_html, question_html, sentences, text

SCRIPT = "<script>window.__nbxss=1</script>"
IMG = '<img src=x onerror="window.__nbxss=2">'
LINK = "[点此领奖](http://evil.example/)"
HOSTILE = f"存在的问题：{SCRIPT}{IMG}{LINK}**加粗**$x^2$，需要改进。"


def tags(html: str) -> set[str]:
    return {t.lower() for t in re.findall(r"<\s*([a-zA-Z][a-zA-Z0-9]*)", html)}


def shown(html: str) -> str:
    """What a browser displays for the markup (tags dropped, entities decoded)."""
    return htmllib.unescape(re.sub(r"<[^>]+>", "", html))


@pytest.mark.parametrize("hostile", [
    pytest.param(SCRIPT, id="script"),
    pytest.param(IMG, id="img-onerror"),
    pytest.param('"><svg onload=alert(1)>', id="attribute-breakout"),
])
def test_text_leaves_no_tag(hostile):
    out = text(hostile)
    assert "<" not in out and ">" not in out and '"' not in out
    assert "&lt;" in out


def test_text_neutralises_markdown_and_latex():
    out = text(LINK + "**b** `c` $x$ # h")
    bare = re.sub(r"&#?\w+;", "", out)
    for ch in "[]()*`$#":
        assert ch not in bare
    assert shown(out) == LINK + "**b** `c` $x$ # h"


def test_answer_html_turns_markers_into_badges_and_escapes_the_rest():
    out = answer_html("大宁县行政许可为1680件[1]。\n" + HOSTILE + "[2]")
    assert '<sup class="nb-cite" title="来源 1">[1]</sup>' in out
    assert '<sup class="nb-cite" title="来源 2">[2]</sup>' in out
    assert tags(out) == {"div", "sup", "br"}
    assert SCRIPT in shown(out) and LINK in shown(out)
    assert "\n" not in out   # one line: a Markdown renderer sees a single HTML block


def test_answer_html_survives_a_markdown_renderer():
    markdown_it = pytest.importorskip("markdown_it")
    md = markdown_it.MarkdownIt("commonmark", {"html": True, "linkify": False})
    rendered = md.render(answer_html(HOSTILE + "[1]"))
    assert tags(rendered) <= {"div", "sup", "br"}
    assert "href" not in rendered
    assert shown(rendered) == HOSTILE + "[1]"


def test_question_html_shows_what_was_typed():
    out = question_html("<b>粗</b> [x](y)")
    assert tags(out) == {"div"}


def test_sentences_join_back_to_the_passage():
    passage = "存在的主要问题有：甲；乙。\n\n改进措施：丙！"
    assert "".join(sentences(passage)) == passage


def test_claims_by_key_pairs_each_marker_run_with_the_text_before_it():
    answer = ("根据芮城县人民政府 2020年年报：\n· 存在的主要问题有：制度机制还不健全完善；[1]\n"
              "· 三是建立完善通报制度。[2]\n· 依申请公开流程还需进一步优化；[1]\n"
              "公开率：平潭 2020年61.90%[3][4][5]；2021年50.72%[6]")
    claims = claims_by_key(answer)
    assert claims[1] == ["存在的主要问题有：制度机制还不健全完善；", "依申请公开流程还需进一步优化；"]
    assert claims[2] == ["三是建立完善通报制度。"]
    assert claims[3] == claims[4] == claims[5] == ["公开率：平潭 2020年61.90%"]
    assert claims[6] == ["；2021年50.72%"]


def test_passage_html_marks_supporting_sentences_only():
    passage = "五、存在的主要问题及改进情况\n\n存在的主要问题有：制度机制还不健全完善；依申请公开流程还需进一步优化；一些单位认识不足。"
    out = passage_html(passage, ["存在的主要问题有：制度机制还不健全完善；", "依申请公开流程还需进一步优化；"])
    marked = re.findall(r'<mark class="nb-support">(.*?)</mark>', out)
    assert marked == ["存在的主要问题有：制度机制还不健全完善；", "依申请公开流程还需进一步优化；"]
    assert "一些单位认识不足" in out and "一些单位认识不足" not in "".join(marked)


def test_passage_html_marks_a_rephrased_sentence():
    out = passage_html("本年度共受理申请21件，全部按时办结。其他事项。", ["本年度共受理申请21件，均按时办结"])
    assert re.findall(r"<mark[^>]*>(.*?)</mark>", out) == ["本年度共受理申请21件，全部按时办结。"]


def test_passage_html_escapes_inside_the_highlight():
    out = passage_html(HOSTILE, [HOSTILE])
    assert "<mark" in out
    assert tags(out) == {"div", "mark"}


def test_context_html_marks_the_cell_span():
    source = "信息内容\t上一年项目数量\t本年增/减\t处理决定数量\n行政许可\t298\t2\t1680\n其他对外管理服务事项\t0\t0\t0"
    start = source.index("1680")
    out = context_html(source, start, start + 4, width=10)
    assert re.findall(r'<mark class="nb-cell-mark">(.*?)</mark>', out) == ["1680"]
    assert out.count("…") == 2   # cut on both sides


def test_stream_pieces_grow_sentence_by_sentence_and_keep_markers_whole():
    from ui.markup import stream_pieces

    answer = "新收21件[1]。办结20件[2][3]。\n· 其他；说明"
    assert stream_pieces(answer) == ["新收21件[1]。", "新收21件[1]。办结20件[2][3]。", "新收21件[1]。办结20件[2][3]。\n· 其他；",
                                     answer]
    assert stream_pieces("一句话") == ["一句话"]
    long = "。".join(str(i) for i in range(40)) + "。"
    pieces = stream_pieces(long, most=12)
    assert len(pieces) == 12 and pieces[-1] == long
    assert all(long.startswith(p) for p in pieces) and pieces == sorted(pieces, key=len)
