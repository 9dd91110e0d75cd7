"""English questions: mapped onto the Chinese the question rules read, answered in English.

The glossary (assistant/qa/data/english.json) is data; issuers are found by the pinyin of
their names ("Hongze District" -> 洪泽区), so a new report's issuer needs no entry.
"""

from __future__ import annotations

import json
import re
from functools import lru_cache
from pathlib import Path

from assistant.qa.issuers import pinyin_aliases, pinyin_names

GLOSSARY_PATH = Path(__file__).parent / "data" / "english.json"
_LEVELS = {"district": "区", "county": "县", "city": "市", "municipal": "市", "municipality": "市", "town": "镇",
           "township": "镇"}
_YEAR = re.compile(r"\b(?:in|for|of|during)?\s*(20\d{2})\b", re.I)
# "from 2021 to 2024", "between 2021 and 2024", "2021 through 2024" (a bare "2021 and 2024" is two years)
_RANGE = re.compile(r"\b(?:(?:from|between)\s+(20\d{2})\s+(?:to|and|through|-)|(20\d{2})\s*(?:to|through|thru|until|-|–|—))"
                    r"\s*(20\d{2})\b", re.I)
_FOLLOW = re.compile(r"^\s*(?:and|what about|how about|and what about)\b", re.I)
_WORD = re.compile(r"[A-Za-z']+")
_CJK_RUN = re.compile(r"[\u4e00-\u9fff]+")
_FUNCTION_WORDS = re.compile(r"\b(?:what|how|which|who|did|does|do|is|are|was|were|the|of|in)\b", re.I)


def is_english(question: str) -> bool:
    """Mostly Latin letters and no more than a few Chinese characters."""
    letters = sum(ch.isascii() and ch.isalpha() for ch in question)
    cjk = sum("\u4e00" <= ch <= "\u9fff" for ch in question)
    if (letters >= 12 and cjk <= letters / 4) or (cjk == 0 and letters >= 4):
        return True
    # "What share of the 行政复议 cases in 淮安市人民政府's 2024 report ended with 结果纠正?": an English
    # sentence naming its terms in Chinese (several words of its own, a few Chinese runs)
    words = [w for w in _WORD.findall(question) if len(w) > 1]
    runs = len(_CJK_RUN.findall(question))
    return len(words) >= 6 and bool(_FUNCTION_WORDS.search(question)) and runs * 2 <= len(words)


@lru_cache(maxsize=1)
def _terms() -> tuple[tuple[re.Pattern, str], ...]:
    data = json.loads(GLOSSARY_PATH.read_text(encoding="utf-8"))
    return tuple((re.compile(rf"\b(?:{p})\b", re.I), zh) for p, zh in data["terms"])


def pinyin_places(text: str, issuers: list[str]) -> str:
    """'Huai'an City' / 'Hongze District' -> the Chinese short name (by pinyin); also inside a
    Chinese question ("Pingtan 2021–2024 平均每年…")."""
    names = pinyin_aliases(issuers)
    words = list(_WORD.finditer(text))
    out, last, i = [], 0, 0
    while i < len(words):
        for n in (3, 2, 1):
            group = words[i:i + n]
            if len(group) < n:
                continue
            key = "".join(w.group(0).lower().replace("'", "") for w in group)
            key = re.sub(r"'?s$", "", key) if key not in names else key
            if key in names:
                end = group[-1].end()
                level = ""
                after = re.match(r"[’'s]*\s+([A-Za-z]+)", text[end:])
                if after and after.group(1).lower() in _LEVELS:
                    level = _LEVELS[after.group(1).lower()]
                    end += after.end()
                chinese = names[key][1]
                out.append(text[last:group[0].start()] + chinese + level)
                last, i = end, i + n
                while i < len(words) and words[i].start() < end:
                    i += 1
                break
        else:
            i += 1
    return "".join(out) + text[last:]


# "What share of the requests filed by X were granted?": the whole first, then the part
_SHARE_OF = re.compile(r"\bwhat\s+(?:share|proportion|percentage|fraction|part)\s+of\s+(?:the\s+)?(.+?)\s+"
                       r"(?:were|was|got|had been|have been|ended up|ended)\s+(.+)$", re.I)


def to_chinese(question: str, issuers: list[str]) -> str:
    """The English question as the Chinese words the rules read (issuers, years, terms)."""
    share = _SHARE_OF.search(question)
    if share:   # read as "<whole>中，<part>的比例" (the Chinese rules take the whole named first)
        question = f"{question[:share.start()]}{share.group(1)} 中， {share.group(2).rstrip('?？ ')} 的比例？"
    text = pinyin_places(question, issuers)
    text = _RANGE.sub(lambda m: f" {m.group(1) or m.group(2)}年到{m.group(3)}年 ", text)
    text = _FOLLOW.sub("那", text)
    text = _YEAR.sub(lambda m: f" {m.group(1)}年 ", text)
    for pattern, chinese in _terms():
        text = pattern.sub(chinese, text)
    text = re.sub(r"\b[A-Za-z']+\b", " ", text)   # words the glossary does not know say nothing
    text = re.sub(r"\s+", "", text)
    text = text.replace("?", "？")
    return text[:-1] + "呢？" if text.startswith("那") and text.endswith("？") else text


_UNITS = {"件": "", "万元": " (10,000 yuan)", "%": "%", "倍": " times"}


def english_lead(answer, understood: str | None) -> str:
    """One English sentence before the (Chinese) answer and its sources."""
    from assistant.domain.records import format_number

    if answer.route == "clarify":
        return "Which one do you mean? " + " / ".join(answer.choices or ())
    if answer.refused:
        return "The ingested reports cannot answer this (reason below, in Chinese)."
    if answer.value is not None:
        unit = answer.unit or ""
        number = f"{answer.value:.2f}" if unit == "%" else format_number(round(answer.value, 4))
        return (f"Answer: {number}{_UNITS.get(unit, ' ' + unit)} — read from the report tables "
                "(details and cited cells below).")
    if answer.route == "audit":
        return "Arithmetic check of the report tables (each rule and its cells below)."
    return "From the reports (quoted in Chinese, each sentence cited):"


_PLACE = re.compile(r"\b((?:[A-Z][a-z']+\s+){1,3})((?i:District|County|City|Province|New Area|Town|Township|"
                    r"Municipality|Municipal Government|People's Government|Government|Prefecture))\b")


def unknown_english_places(question: str, issuers: list[str]) -> list[str]:
    """Place names spelt in English ("Shanghai Pudong New Area") that are no issuer here."""
    names = pinyin_names(issuers)
    out = []
    for m in _PLACE.finditer(question):
        words = m.group(1).split()
        spelt = {"".join(w.lower().replace("'", "") for w in words[i:]) for i in range(len(words))}
        spelt |= {w.lower().replace("'", "").removesuffix("s") for w in words}
        if not spelt & set(names):
            out.append(m.group(0).strip())
    return out
