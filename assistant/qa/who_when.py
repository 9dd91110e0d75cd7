"""Who and when a question is about: place words, the report's year, short issuer names, and
whether a question back offered issuers. ``routing.interpret`` uses these."""

from __future__ import annotations

import re
from collections.abc import Mapping

from assistant.qa import wording as w
from assistant.qa.interpretation import Clarification
from assistant.qa.issuers import Mention

GOV_NAME = re.compile(r"(人民政府|政府|管委会|管理委员会)$")


def short_name(issuer: str) -> str:
    """'淮安市洪泽区人民政府' → '洪泽区': an issuer as a choice shows it."""
    base = GOV_NAME.sub("", issuer)
    return re.sub(r"^[\u4e00-\u9fff]{2,3}?[省市](?=[\u4e00-\u9fff]{2,}[县区镇])", "", base) or base


def place_level_issuers(q: str, catalogue: Mapping[str, tuple[int, ...]]) -> list[str]:
    """'区里', '县政府那份报告': the issuers of the level the question names alone."""
    m = w.VAGUE_PLACE.search(q)
    if not m:
        return []
    level = next(g for g in m.groups() if g)
    return sorted(i for i in catalogue if GOV_NAME.sub("", i).endswith(level))


def without_parent_aside(q: str, mentions: list[Mention]) -> list[Mention]:
    """'洪泽区（淮安）': the city in brackets says where the district is, it is not asked about."""
    out = []
    for m in mentions:
        inside = re.search(r"[（(]\s*$", q[:m.start]) is not None and re.match(r"\s*[）)]", q[m.end:]) is not None
        child = any(o is not m and o.end <= m.start and o.issuer.startswith(GOV_NAME.sub("", m.issuer))
                    for o in mentions)
        if not (inside and child):
            out.append(m)
    return out


def says_level(q: str, after: int, level: str) -> bool:
    """Whether the question names the level itself: 市 right after the name (淮安市, 淮安全市),
    or 市政府 / 市本级 / 市级 / 全市 anywhere in it."""
    return bool(re.match(rf"(?:全|本级|本)?{level}", q[after:])
                or re.search(rf"{level}(?:人民)?政府|{level}本级|{level}级|全{level}", q))


def recent_years(q: str, issuers: list[str], catalogue: Mapping[str, tuple[int, ...]], opening: bool) -> str:
    """'近三年' as the last three years the library has for the issuers asked about; '历年'
    as all of them (when the question names no year itself), '这几年' too in a conversation's
    ``opening`` turn."""
    m = w.RECENT.search(q)
    have = sorted({y for i in issuers for y in catalogue.get(i, ())})
    q = open_years(q, have)
    every = w.ALL_YEARS.search(q) or (w.THESE_YEARS.search(q) if opening else None)
    if every and have and not m and not re.search(r"(?:19|20)\d{2}", q):
        return q[:every.start()] + (f"{have[0]}年到{have[-1]}年" if len(have) > 1 else f"{have[0]}年") + q[every.end():]
    if not m or not have:
        return q
    n = w.count_value(m.group(1))
    if not 1 < n <= 10:
        return q
    last = have[-1]
    return q[:m.start()] + f"{last - n + 1}年到{last}年" + q[m.end():]


def open_years(q: str, have: list[int]) -> str:
    """'2022年以来' as 2022年到<the latest year the library has>, '2023年之前' as <the first>年到2022年."""
    for m in reversed(list(w.OPEN_YEARS.finditer(q))):
        year, word = int(m.group(1)), m.group(3)
        inclusive = m.group(2) is not None or word not in ("之后", "之前")
        before = word in ("以前", "之前")
        start, end = (have[0] if have else year, year if inclusive else year - 1) if before \
            else (year if inclusive else year + 1, have[-1] if have else year)
        if not have or start > end:
            continue
        span = f"{start}年到{end}年" if start < end else f"{start}年"
        q = q[:m.start()] + span + q[m.end():]
    return q


def report_years(q: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """'平潭2024年报说2025年要从哪几个方面改进': the report's year, not the year it plans for."""
    drafting = {int(m.group(1)) for m in w.DRAFTING.finditer(q)}
    if drafting and set(years) - drafting:
        years = tuple(y for y in years if y not in drafting)
    said = [int(m.group(1)) for m in w.REPORT_YEAR.finditer(q)]
    if said and w.PLAN.search(q) and any(y > max(said) for y in years):
        return tuple(y for y in years if y <= max(said))
    return years


def corrected_years(q: str, years: tuple[int, ...]) -> tuple[int, ...]:
    """'洪泽区2023年的行政许可，哎不对，我是说2024年的': the years said after the correction."""
    fix = w.CORRECTION.search(q)
    if not fix or len(years) < 2:
        return years
    after = tuple(int(y) for y in re.findall(r"(?:19|20)\d{2}", q[fix.end():]) if int(y) in years)
    before = {int(y) for y in re.findall(r"(?:19|20)\d{2}", q[:fix.start()])}
    return after if after and before and not before & set(after) else years


def relative_years(q: str, base: tuple[int, ...], named: bool) -> tuple[int, ...]:
    """'去年', '前一年', '前年' counted from the latest of ``base``: the years the question ``named``
    (then only a word set beside them, "2024年和前一年", "比去年"), or the conversation's ("那去年呢")."""
    if not base:
        return ()
    found = (w.RELATIVE_TO if named else w.RELATIVE_YEAR).finditer(q)
    return tuple(dict.fromkeys(max(base) + _shift(next(g for g in m.groups() if g)) for m in found))


def _shift(word: str) -> int:
    """How many years '去年', '前年', '其后一个年度', '两年后', '往前数两年的那一年' are from the base."""
    if word in w.RELATIVE_SHIFT:
        return w.RELATIVE_SHIFT[word]
    if re.match(w.AFTER_ONE, word):
        return 1
    counted = re.search(r"([两二三四2-4])年", word)
    if counted:
        n = w.count_value(counted.group(1))
        return -n if "前" in word else n
    return -1


def asks_who(clarification: Clarification, catalogue: Mapping[str, tuple[int, ...]]) -> bool:
    """Whether a question back offered issuers ("淮安市 / 淮安市洪泽区") as its readings."""
    names = {GOV_NAME.sub("", i) for i in catalogue} | {short_name(i) for i in catalogue}
    return bool(clarification.choices) and all(c in names for c in clarification.choices)
