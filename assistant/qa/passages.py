"""Narrative answers composed from the best supporting sentences, each cited.

Without an LLM the answer is the report's own sentences; when no passage covers the
question's content words, the fixed refusal is returned instead of a guess.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.records import Chunk
from assistant.qa import wording as w
from assistant.qa.issuers import aliases_of
from assistant.stores.lexical import tokenize

# Words every question about these reports shares; they say nothing about the content.
# Words a question uses for what a report says differently (荣誉 -> 被评为…先进单位).
SYNONYMS = {"荣誉": ("先进", "表彰", "评为", "获评", "获得"), "亮点": ("成效", "创新", "特色", "成绩", "取得"),
            "不足": ("问题", "差距", "短板"),
            "改进": ("整改", "下一步", "措施"), "联系方式": ("电话", "地址", "邮箱"),
            "网站": ("门户网站",), "新媒体": ("公众号", "微信", "微博"), "专门": ("专职",)}
IMPROVEMENT = re.compile(r"改进|整改|措施|下一步|今后|打算")
GENERIC = set("报告 年报 年度 政府 信息 公开 政府信息 信息公开 政府信息公开 工作 情况 本年 全年 今年 单位 "
              "哪些 什么 多少 怎么 如何 有没有 是否 主要 方面 说 提到 介绍 一下 具体 内容 采取 措施 做 了 "
              "有 是 的 呢 吗 进行 开展 年度报告 人民 人民政府 区 县 市 镇 一共 总共 共计 共 这块 现在 目前".split())
# The asking words of a count ("几期", "多少个"): what is asked, not what a passage must say.
_COUNT_WORD = re.compile(r"^(?:几|多少)[\u4e00-\u9fff]?$")
SECTION_HINTS = (
    # 问题 as the report's shortcomings, not "曝光了16个问题" (a count of problems someone raised)
    (re.compile(r"(?<![个项少几])问题|不足|差距|改进|整改|短板|下一步"), "problems"),
    (re.compile(r"其他需要报告|收费|信息处理费|处理费"), "other_matters"),
    (re.compile(r"联系|地址|电话|邮箱|邮编|传真|统计期限|统计时间|统计期间|编制依据"), "preamble"),
    (re.compile(r"平台|网站|新媒体|公众号|微信|微博|监督|保障|考核|培训|制度|机制|领导小组|队伍|"
                r"主动公开|依申请|政策解读|解读|管理"), "overview"),
)
_SENT = re.compile(r"[^。！？\n]+[。！？]?")
_SUBHEADING = re.compile(r"^[（(]?[一二三四五六七八九十\d]+[)）、.．]|^[一二三四五六]是")
WHOLE_SECTION = ("problems", "other_matters")   # questions that ask for a section as a whole


@dataclass(frozen=True)
class Support:
    """A sentence chosen as evidence, with the chunk it came from."""

    sentence: str
    chunk: Chunk
    score: float


# "我家亲戚在大宁县上班，…": a clause about the asker that asks nothing
_ASIDE = re.compile(r"(?:^|(?<=[，,。！!；;？?]))\s*(?:我|俺|本人|咱)[^，,。！!；;？?]*(?=[，,。！!；;]|$)")
_ASKS = re.compile(r"多少|几|哪|什么|怎么|怎样|如何|吗|是否|有没有|请问")


def _without_asides(question: str, asides: bool = True) -> str:
    """The question without the asker's own asides (``asides``) and what it says it does not mean
    ("不是说兼职的啊，是专职的": 兼职 is no content word)."""
    q = _ASIDE.sub(lambda m: m.group(0) if _ASKS.search(m.group(0)) else " ", question) if asides else question
    for m in w.NEGATION.finditer(q):
        q = q[:m.start()] + " " * (m.end() - m.start()) + q[m.end():]
    return q


def content_tokens(question: str, issuers: list[str]) -> list[str]:
    """Question tokens that carry its content (no issuer names, years or generic words)."""
    names = set()
    for issuer in issuers:
        names |= aliases_of(issuer)
    tokens: list[str] = []
    for asides in (True, False):
        q = _without_asides(question, asides)
        for name in sorted(names, key=len, reverse=True):
            q = q.replace(name, " ")
        q = re.sub(r"20\d{2}\s*年?度?", " ", q)
        tokens = [t for t in dict.fromkeys(tokenize(q)) if t not in GENERIC and not t.isdigit()
                  and not _COUNT_WORD.match(t)]
        if sum(len(t) > 1 for t in tokens) >= 2:
            break   # ("我们洪泽今年在政府网站上发布的信息，年报里写的是多少条": the "aside" held the content)
    return tokens + [s for t in tokens for s in SYNONYMS.get(t, ()) if s not in tokens]


def section_hint(question: str) -> str | None:
    for pattern, section in SECTION_HINTS:
        if pattern.search(question):
            return section
    return None


def coverage(tokens: list[str], text: str) -> float:
    """Share of content tokens (weighted by length) that appear in the text; a synonym
    found stands for the word it was added for."""
    if not tokens:
        return 0.0
    words = [t for t in tokens if not any(t in SYNONYMS.get(w, ()) for w in tokens)]
    total = sum(len(t) for t in words)
    hit = sum(len(t) for t in words
              if t in text or any(s in text for s in SYNONYMS.get(t, ())))
    return hit / total if total else 0.0


# A line break inside a sentence (PDF lines end mid-sentence, even mid-word): not after 。！？；
# (nor after ： unless a mail, address or number follows), not before a heading or an enumerator
# (（一）, 1., 一、, 二是).
_ENUMERATOR = re.compile(r"^\s*(?:[（(]?[一二三四五六七八九十\d]+[)）、.．]|[一二三四五六七八九十]是)")


def _join_broken_lines(text: str) -> str:
    """Join a line to the next unless it ends a sentence, is a heading, or the next one starts
    an enumerated item."""
    lines = text.split("\n")
    out = lines[:1]
    for line in lines[1:]:
        last = out[-1].rstrip()
        heading = bool(_ENUMERATOR.match(last)) and len(last) < 30 and not re.search(r"[。！？；]$", last)
        # (after a colon the sentence goes on when the next line is an address, mail or number:
        # "电子邮箱：" / "hzzwgk@126.com）。")
        ends = re.search(r"[。！？；]$", last) or (last.endswith("：") and not re.match(r"[A-Za-z0-9]", line.strip()))
        if last and not ends and not heading and not _ENUMERATOR.match(line):
            out[-1] = last + line.strip()
        else:
            out.append(line)
    return "\n".join(out)


def sentences(text: str) -> list[str]:
    """Sentences of a passage (lines broken mid-sentence joined), headings and fragments left out."""
    out = []
    text = _join_broken_lines(text)
    for m in _SENT.finditer(text):
        s = m.group(0).strip()
        if len(s) < 6 or (len(s) < 24 and not re.search(r"[。！？；，]", s)):
            continue
        out.append(s)
    return out


def section_sentences(chunks: list[Chunk], budget: int = 260, question: str = "") -> list[Support]:
    """The opening sentences of a section (chunks in order), about ``budget`` characters;
    for a question about improvements, from where the improvements begin."""
    out: list[Support] = []
    used = 0
    seen: set[str] = set()
    ordered = [(chunk, s) for chunk in sorted(chunks, key=lambda c: c.ordinal) for s in sentences(chunk.text)]
    if IMPROVEMENT.search(question):
        start = next((i for i, (_, s) in enumerate(ordered) if IMPROVEMENT.search(s)), 0)
        ordered = ordered[start:]
    for chunk, s in ordered:
        if s in seen or any(s in o.sentence for o in out):
            continue
        if _SUBHEADING.match(s) and len(s) < 16 and not s.endswith(("。", "；")):
            continue   # a bare heading ("（二）依申请公开"); "二是加强队伍建设。" is the item itself
        seen.add(s)
        out.append(Support(s, chunk, 1.0))
        used += len(s)
        if used >= budget:
            return out
    return out


def supporting_sentences(question: str, chunks: list[Chunk], issuers: list[str],
                         limit: int = 3) -> tuple[list[Support], float]:
    """The best sentences for the question and the best chunk-level coverage found."""
    tokens = content_tokens(question, issuers)
    hint = section_hint(question)
    best_chunk = max((coverage(tokens, c.text) for c in chunks), default=0.0)
    scored: list[Support] = []
    for rank, chunk in enumerate(chunks):
        bonus = 0.15 if hint and chunk.section == hint else 0.0
        chunk_cov = coverage(tokens, chunk.text)
        parts = sentences(chunk.text)
        for i, sentence in enumerate(parts):
            score = 0.75 * coverage(tokens, sentence) + 0.25 * chunk_cov + bonus - 0.02 * rank
            # A sub-heading ("(二)加强平台建设、拓展公开渠道。") stands for the sentences under it.
            if _SUBHEADING.match(sentence) and len(sentence) < 40:
                for nxt in parts[i + 1:]:
                    if len(sentence) > 160 or _SUBHEADING.match(nxt):
                        break
                    sentence += nxt
            scored.append(Support(sentence, chunk, score))
    scored.sort(key=lambda s: -s.score)
    chosen: list[Support] = []
    for s in scored:
        if len(chosen) >= limit:
            break
        if any(s.sentence in c.sentence or c.sentence in s.sentence for c in chosen):
            continue
        chosen.append(s)
    return chosen, best_chunk


def states_count(sentence: str, unit: str, noun: str = "") -> bool:
    """True if the sentence gives a number counted in ``unit`` (and names ``noun``):
    "现存的33个政务新媒体" states 几个政务新媒体; "人员跟班学习" states no head count."""
    # 个 is the general measure word: "多少个专职人员" is answered by "专职人员32人".
    if unit == "联系":   # "咨询电话是多少": a telephone number or an e-mail address
        return bool(w.CONTACT_STATED.search(sentence))
    if unit == "部门":   # "涉及哪些部门": a body named (区财政局, 市政务服务管理办公室)
        return bool(w.BODY_NAMED.search(sentence))
    if unit == "数":   # any figure, right after the noun asked ("访问量123万次", "访问1.2万人次")
        return bool(re.search(rf"{re.escape(noun)}[^。；！？]{{0,12}}\d", sentence))
    units = "[个人名位家项条件篇所处]" if unit == "个" else "[万亿]?元" if unit in ("元", "万元") else re.escape(unit)
    if not re.search(rf"\d+(?:\.\d+)?\s*(?:[余多]\s*)?{units}", sentence):
        # "未收取信息处理费" answers "收了多少钱" (none); nothing else without a figure does
        return unit in ("元", "万元") and bool(re.search(r"(?:未|没有|无|不)(?:收取|收费|产生|发生)", sentence))
    return not noun or noun[:1] in sentence
