from evals.metrics.refusal import is_refusal, refusal_match
from tests.evals.fake_answers import answer

PHRASE = "无法根据已收录的年报回答这个问题"


def test_flag_or_phrase_counts_as_refusal():
    assert is_refusal(answer("……", refused=True), PHRASE)
    assert is_refusal(answer(f"{PHRASE}：语料中没有南京市的年报。"), PHRASE)
    assert not is_refusal(answer("南京市2023年收到21件。", 21.0, "件"), PHRASE)
    assert not is_refusal(answer("南京市2023年收到21件。"), None)


def test_correct_refusal():
    result = refusal_match(answer(f"{PHRASE}。", refused=True), True, PHRASE)
    assert result.correct and result.reason == ""


def test_missing_refusal_is_caught():
    result = refusal_match(answer("洪泽区2022年行政许可处理决定有300件。", 300.0, "件"), True, PHRASE)
    assert not result.correct
    assert result.reason == "answered a question the corpus cannot answer"


def test_false_refusal_is_caught():
    result = refusal_match(answer(f"{PHRASE}。", refused=True), False, PHRASE)
    assert not result.correct and result.reason == "refused an answerable question"
