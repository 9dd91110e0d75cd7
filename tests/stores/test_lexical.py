"""assistant.stores.lexical: jieba tokens, a BM25 index saved under <data_dir>/bm25, and
search restricted to some chunks scoring exactly as bm25s does over the whole index.

Chunk texts are short sentences of the 大宁县, 芮城县, 平潭 and 洪泽区 reports."""

from __future__ import annotations

import numpy as np
import pytest

from assistant.stores import lexical
from assistant.stores.lexical import LexicalIndex, postings_sorted, scores_at, tokenize

CHUNKS = {
    "daning-problems": "2020年，我县政府信息公开虽取得一些成绩，但和政府信息公开工作的新要求还有一定差距，主要是公开形式单一。",
    "ruicheng-platform": "目前，政府网站已按照省市相关精神进行了集约化建设工作，现已上线试运行。",
    "pingtan-review": "2022年，全区政府信息公开工作方面共有行政诉讼案件1件、行政复议案件2件。",
    "pingtan-fees": "2023年，无收取信息处理费情况。",
    "hongze-requests": "2023年，洪泽区收到政府信息公开申请21件，均已按时答复。",
    "empty-words": "的了和与及",
}


@pytest.fixture
def index(tmp_path) -> LexicalIndex:
    idx = LexicalIndex(tmp_path)
    idx.build(list(CHUNKS), list(CHUNKS.values()), generation=7)
    return idx


@pytest.mark.parametrize("text, tokens", [
    pytest.param("洪泽区2023年收到多少申请？", ["洪泽", "区", "2023", "收到", "申请"], id="question-stopwords-and-mark-dropped"),
    pytest.param("行政复议、行政诉讼情况", ["行政", "复议", "行政复议", "行政", "诉讼", "行政诉讼"], id="search-mode-parts-and-whole"),
    pytest.param("危及“三安全一稳定”", ["危及", "三", "安全", "一", "稳定"], id="quotes-dropped-single-characters-kept"),
    pytest.param("请问平潭的情况如何", ["平潭"], id="only-the-content-word"),
    pytest.param("Pingtan 2024 ABC", ["Pingtan", "2024", "ABC"], id="latin-and-digits"),
    pytest.param("的了和", [], id="stop-words-only"),
    pytest.param("，。？！“”", [], id="punctuation-only"),
    pytest.param("", [], id="empty"),
])
def test_tokenize(text, tokens):
    assert tokenize(text) == tokens


def test_new_index_is_empty(tmp_path):
    idx = LexicalIndex(tmp_path)
    assert idx.generation == -1
    assert idx.search("行政复议", 5) == []
    assert idx.load() is False
    assert not (tmp_path / "bm25").exists()


def test_search_ranks_the_chunk_that_has_the_words(index):
    hits = index.search("平潭行政复议案件有几件", 3)
    assert hits[0][0] == "pingtan-review"
    scores = [s for _, s in hits]
    assert scores == sorted(scores, reverse=True) and all(s > 0 for s in scores)
    assert index.generation == 7


def test_search_returns_only_chunks_that_score(index):
    """k is an upper bound: chunks sharing no token are left out, not padded with zeros."""
    hits = index.search("信息处理费", 10)
    assert [c for c, _ in hits][0] == "pingtan-fees"
    assert "ruicheng-platform" not in {c for c, _ in hits}
    assert len(index.search("政府信息公开", 1)) == 1


@pytest.mark.parametrize("query", [
    pytest.param("", id="empty"),
    pytest.param("的了吗", id="stop-words"),
    pytest.param("量子计算", id="words-not-in-the-index"),
])
def test_search_without_usable_tokens(index, query):
    assert index.search(query, 5) == []


def test_allowed_restricts_to_some_chunks(index):
    everywhere = dict(index.search("政府信息公开", 10))
    only = index.search("政府信息公开", 10, allowed={"hongze-requests", "pingtan-review"})
    assert {c for c, _ in only} == {"hongze-requests", "pingtan-review"}
    assert all(s == pytest.approx(everywhere[c]) for c, s in only)
    assert index.search("政府信息公开", 10, allowed=set()) == []
    assert index.search("政府信息公开", 10, allowed={"not-a-chunk"}) == []
    assert index.search("政府信息公开", 10, allowed=frozenset({"hongze-requests"}))[0][0] == "hongze-requests"


def test_text_without_tokens_keeps_its_position(tmp_path):
    """A chunk of stop words is indexed as a placeholder, so the ids after it stay aligned."""
    idx = LexicalIndex(tmp_path)
    idx.build(["a", "b", "c"], ["的了", "行政复议案件2件", "和与"], generation=1)
    assert [c for c, _ in idx.search("行政复议", 5)] == ["b"]
    assert idx.search("_", 5) == []


def test_saved_index_loads_in_a_new_instance(index, tmp_path):
    """Written under <data_dir>/bm25/index with the ids and generation beside bm25s's files."""
    assert (tmp_path / "bm25" / "index" / "nianbao.json").exists()
    assert not (tmp_path / "bm25" / "index.tmp").exists()
    again = LexicalIndex(tmp_path)
    assert again.load() is True
    assert again.generation == 7
    assert again.search("行政复议", 3) == index.search("行政复议", 3)
    assert again.search("政府信息公开", 10, allowed={"daning-problems"}) == index.search("政府信息公开", 10, allowed={"daning-problems"})


def test_rebuild_replaces_the_saved_index(index, tmp_path):
    index.build(["only"], ["平潭综合实验区政府信息公开"], generation=8)
    again = LexicalIndex(tmp_path)
    assert again.load() and again.generation == 8
    assert [c for c, _ in again.search("政府信息公开", 10)] == ["only"]


def test_empty_build_is_saved_and_searches_to_nothing(index, tmp_path):
    index.build([], [], generation=9)
    assert index.generation == 9 and index.search("行政复议", 5) == []
    again = LexicalIndex(tmp_path)
    assert again.load() is True
    assert again.generation == 9 and again.search("行政复议", 5) == []


# --- scoring a subset -----------------------------------------------------------------------

ISSUERS = ("大宁县", "芮城县", "平潭", "洪泽区")
TOPICS = ("收到政府信息公开申请{}件", "行政复议案件{}件", "行政诉讼案件{}件", "主动公开政府信息{}条", "制发规范性文件{}件")


def forty_chunks() -> tuple[list[str], list[str]]:
    """40 chunks: four issuers × five topics × two years (enough for the subset path)."""
    ids, texts = [], []
    for i, issuer in enumerate(ISSUERS):
        for j, topic in enumerate(TOPICS):
            for year in (2022, 2023):
                ids.append(f"{issuer}-{year}-{j}")
                texts.append(f"{issuer}{year}年" + topic.format(i + j + year % 7) + "。")
    return ids, texts


@pytest.fixture
def forty(tmp_path) -> tuple[LexicalIndex, list[str]]:
    ids, texts = forty_chunks()
    idx = LexicalIndex(tmp_path)
    idx.build(ids, texts, generation=1)
    return idx, ids


@pytest.fixture
def model():
    """A bm25s model over the same chunks, built the way LexicalIndex.build builds it."""
    import bm25s

    _, texts = forty_chunks()
    m = bm25s.BM25(k1=1.2, b=0.75)
    m.index([tokenize(t) for t in texts], show_progress=False)
    return m


def test_bm25s_builds_posting_lists_in_document_order(model):
    assert postings_sorted(model) is True


def test_scores_at_equals_bm25s_scores(model):
    """The same float32 sums as BM25.get_scores, for the chosen documents only."""
    ids, _ = forty_chunks()
    docs = np.array([i for i, c in enumerate(ids) if c.startswith(("平潭", "芮城县-2023"))])
    for query in ("平潭行政复议案件", "洪泽区2023年收到申请", "规范性文件 规范性文件", "无此词"):
        tokens = tokenize(query)
        assert np.array_equal(scores_at(model, tokens, docs), np.asarray(model.get_scores(tokens))[docs])


def test_subset_search_ranks_as_the_full_scoring(forty, monkeypatch):
    """search(allowed=…) gives the same list whether it binary-searches the postings
    (a small share of the corpus) or sums them all (a large one)."""
    idx, ids = forty
    allowed = {c for c in ids if c.startswith("平潭-2023")}
    monkeypatch.setattr(lexical, "SUBSET_SHARE", 1)        # 5 of 40: 5 * 1 < 40, binary search
    fast = idx.search("平潭2023年行政复议案件", 10, allowed=allowed)
    monkeypatch.setattr(lexical, "SUBSET_SHARE", 10 ** 6)  # never: the full get_scores
    full = idx.search("平潭2023年行政复议案件", 10, allowed=allowed)
    assert fast == full
    assert fast[0][0] == "平潭-2023-1"
    assert {c for c, _ in fast} <= allowed


def test_subset_scores_match_the_unrestricted_search(forty):
    """Three of forty chunks (under 1/16: the binary-search path): each scores what it scores
    in a search over everything; a chunk sharing no token is left out."""
    idx, _ = forty
    everywhere = dict(idx.search("洪泽区行政诉讼", 40))
    within = idx.search("洪泽区行政诉讼", 40, allowed={"洪泽区-2022-2", "洪泽区-2023-0", "大宁县-2022-0"})
    assert within == [("洪泽区-2022-2", everywhere["洪泽区-2022-2"]), ("洪泽区-2023-0", everywhere["洪泽区-2023-0"])]
    assert "大宁县-2022-0" not in everywhere


class _Postings:
    """Just the part of a bm25s model postings_sorted reads."""

    def __init__(self, indices, indptr):
        self.scores = {"indices": np.asarray(indices), "indptr": np.asarray(indptr)}


@pytest.mark.parametrize("indices, indptr, ordered", [
    pytest.param([0, 2, 5, 1, 3], [0, 3, 5], True, id="two-ascending-lists"),
    pytest.param([0, 2, 1, 3], [0, 4], False, id="descent-inside-a-list"),
    pytest.param([0, 2, 2], [0, 3], False, id="repeated-document"),
    pytest.param([4], [0, 1], True, id="one-posting"),
    pytest.param([3, 1, 0], [0, 1, 2, 3], True, id="one-document-per-list"),
])
def test_postings_sorted(indices, indptr, ordered):
    """A drop is allowed only where a new token's list starts; any block size agrees."""
    model = _Postings(indices, indptr)
    assert postings_sorted(model) is ordered
    assert postings_sorted(model, block=1) is ordered
    assert postings_sorted(model, block=2) is ordered
