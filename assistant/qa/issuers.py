"""Resolving who and when a question is about: issuer names, aliases and years."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_GOV_SUFFIX = re.compile(r"(人民政府|管理委员会|管委会|政府)$")
_ADMIN_PREFIX = re.compile(r"^[\u4e00-\u9fff]{2,3}?[省市州盟](?=[\u4e00-\u9fff]{2,})")
_LEVEL = re.compile(r"(县|区|市|镇|乡|街道|自治县|旗)$")
# Place-like words a question may name; generic ones (全区, 本县…) are not places.
_PLACE = re.compile(r"([\u4e00-\u9fff]{2,8}?(?:省|市|县|区|镇|乡|街道|自治州|新区|实验区))")
_NOT_PLACE = re.compile(r"^(全|本|我|该|各|这个|那个|哪个|哪|地|城|社|园|市区|辖区|片区|城区|郊区|政区|行政区|"
                        r"经济区|开发区|示范区|自治区|各区|各县|各市)")
# A year, not a count: 2021件, 2021个, 2021万元 are amounts.
_YEAR = re.compile(r"(20\d{2})(?!\d)(?!\s*(?:件|个|项|条|人|次|家|份|万|元|篇|版|%|％))\s*(?:年度?|年)?")
# "洪泽区23/24", "平潭21-24": two-digit years of this decade without 年.
_BARE_RANGE = re.compile(r"(?<![\d.])(2\d)\s*(/|、|-|—|~|～|到|至)\s*(2\d)(?![\d.%])")
_YEAR_RANGE = re.compile(r"(20\d{2})\s*(?:年度?)?\s*(?:到|至|-|—|~|～)\s*(20\d{2})")
_SHORT_RANGE = re.compile(r"(?<![\d.])([1-3]\d)\s*年?\s*(?:到|至|-|—|~|～)\s*([1-3]\d)\s*年")
# "22年", "23、24两年", "24年比23年": two digits before 年 (or before 、/和 + NN年).
_SHORT_YEAR = re.compile(r"(?<![\d.])([1-3]\d)(?=\s*(?:[两二三]\s*)?年|\s*[、和与及至到~～-]\s*[1-3]\d\s*(?:[两二三])?\s*年)")


def aliases_of(issuer: str) -> set[str]:
    """Names users call an issuer by: 淮安市洪泽区人民政府 -> 洪泽区人民政府, 洪泽区, 洪泽 …"""
    names = {issuer}
    base = _GOV_SUFFIX.sub("", issuer)
    if base and base != issuer:
        names.add(base)
    for name in list(names):
        m = _ADMIN_PREFIX.match(name)
        if m and not _GOV_SUFFIX.fullmatch(name[m.end():]):
            names.add(name[m.end():])
    # 宁海县力洋镇 -> 力洋镇: a county prefix before a town or district.
    for name in list(names):
        m = re.match(r"^[\u4e00-\u9fff]{2,3}[县市区](?=[\u4e00-\u9fff]{2,3}[镇乡区街])", name)
        if m and _GOV_SUFFIX.sub("", name) == name:
            names.add(name[m.end():])
    for name in list(names):
        short = _LEVEL.sub("", name)
        if len(short) >= 2 and short != name and not _GOV_SUFFIX.search(name):
            names.add(short)
        if name.endswith("综合实验区") and len(name) > 5:
            names.add(name[:-5])
    # A department keeps its place: 彭阳县机关事务服务中心 -> 彭阳机关事务服务中心 too.
    m = re.match(r"^([\u4e00-\u9fff]{2})县(.{4,})$", issuer)
    if m and not _GOV_SUFFIX.search(issuer):
        names.update({m.group(1) + m.group(2), m.group(2)})
    for name in list(names):
        if "服务中心" in name:   # 彭阳机关事务服务中心 is also said 彭阳机关事务中心
            names.add(name.replace("服务中心", "中心"))
    return {n for n in names if len(n) >= 2}


@dataclass(frozen=True)
class Mention:
    issuer: str
    start: int
    end: int


class AliasIndex:
    """alias -> issuers, for finding names in a question without scanning every issuer."""

    def __init__(self, issuers: list[str]):
        self.by_alias: dict[str, set[str]] = {}
        for issuer in issuers:
            for alias in aliases_of(issuer):
                self.by_alias.setdefault(alias, set()).add(issuer)
        self.longest = max((len(a) for a in self.by_alias), default=0)

    def hits(self, question: str):
        """(start, end, issuer) for every alias occurring in the question."""
        for start in range(len(question)):
            for end in range(start + 2, min(len(question), start + self.longest) + 1):
                for issuer in self.by_alias.get(question[start:end], ()):
                    yield start, end, issuer


_INDEX_CACHE: dict[tuple[str, ...], AliasIndex] = {}


def alias_index(issuers: list[str]) -> AliasIndex:
    """The index for a list of issuers, built once per distinct list."""
    key = tuple(issuers)
    if key not in _INDEX_CACHE:
        if len(_INDEX_CACHE) > 8:
            _INDEX_CACHE.clear()
        _INDEX_CACHE[key] = AliasIndex(issuers)
    return _INDEX_CACHE[key]


def find_issuers(question: str, issuers: list[str]) -> list[Mention]:
    """Known issuers named in the question (longest alias wins), in order of mention."""
    candidates = [(-(end - start), start, end, issuer)
                  for start, end, issuer in alias_index(issuers).hits(question)]
    candidates.sort()
    chosen: list[Mention] = []
    for _neg, start, end, issuer in candidates:
        if any(start < c.end and c.start < end for c in chosen):
            continue
        chosen.append(Mention(issuer, start, end))
    # An alias shared by several issuers (淮安市 in 淮安市洪泽区…) resolves to the exact one.
    out, seen = [], set()
    for m in sorted(chosen, key=lambda m: m.start):
        if m.issuer not in seen:
            out.append(m)
            seen.add(m.issuer)
    return out


_LIST_ITEM = re.compile(r"(?<=[、])([\u4e00-\u9fff]{2,3}?)(?=[、]|这|那|等|共|几|\d|$)|"
                        r"([\u4e00-\u9fff]{2,3}?)(?=、)")


def listed_places(question: str, mentions: list[Mention], issuers: list[str]) -> tuple[list[Mention], list[str]]:
    """Places named in a list beside known reports ("大宁、力洋镇、芮城、安居、彭阳这五份2020年报"):
    (mentions of those whose only report here is one body's — 彭阳 → 彭阳县机关事务服务中心 —,
    the places said with their level that have no report here — "大宁县、彭阳县…": 彭阳县 is the
    county). Alone, a bare place is left to the other rules."""
    if not mentions:
        return [], []
    found, unknown = [], []
    for m in _LIST_ITEM.finditer(question):
        word = m.group(1) or m.group(2)
        start = m.start(1) if m.group(1) else m.start(2)
        end = start + len(word)
        if any(start < x.end and x.start < end for x in mentions):
            continue
        owners = [i for i in issuers if i.startswith(word)]
        if word[-1] in _LEVEL_CHARS:
            unknown.append(word)
        elif len(owners) == 1:
            found.append(Mention(owners[0], start, end))
    return found, unknown


def bare_place_readings(word: str, issuer: str, issuers: list[str]) -> list[str]:
    """'淮安' (no 市, no 政府) for 淮安市人民政府 also reads as a report from inside 淮安市 —
    淮安市洪泽区人民政府: the issuer and those within its place, when the word is that bare; []
    when the word says the level (淮安市, 淮安市政府) or nothing lies within."""
    base = _GOV_SUFFIX.sub("", issuer)
    if word != _LEVEL.sub("", base) or word == base:
        return []
    within = [i for i in issuers if i != issuer and i.startswith(base)]
    return [issuer] + within if within else []


def unknown_places(question: str, mentions: list[Mention]) -> list[str]:
    """Place names in the question that are not any known issuer (e.g. 北京市)."""
    out = []
    for m in _PLACE.finditer(question):
        word = m.group(1)
        if any(m.start() < x.end and x.start < m.end() for x in mentions):
            continue
        if _NOT_PLACE.match(word) or len(word) < 3 or re.search(r"[哪每各该这那全本我年个的里中多少几]", word):
            continue
        out.append(word)
    return out


def find_years(question: str) -> list[int]:
    """Years named in the question; a range 2020到2024 expands to every year in it."""
    years: list[int] = []
    for m in _YEAR_RANGE.finditer(question):
        a, b = sorted((int(m.group(1)), int(m.group(2))))
        years.extend(range(a, b + 1))
    for m in _BARE_RANGE.finditer(question):    # 23/24 (both), 21-24 (the range)
        a, b = 2000 + int(m.group(1)), 2000 + int(m.group(3))
        span = [a, b] if m.group(2) in "/、" else range(min(a, b), max(a, b) + 1)
        years.extend(y for y in span if y not in years)
    for m in _SHORT_RANGE.finditer(question):   # 20年到22年
        a, b = sorted((2000 + int(m.group(1)), 2000 + int(m.group(2))))
        years.extend(y for y in range(a, b + 1) if y not in years)
    for m in _YEAR.finditer(question):
        y = int(m.group(1))
        if y not in years:
            years.append(y)
    for m in _SHORT_YEAR.finditer(question):
        y = 2000 + int(m.group(1))
        if y not in years:
            years.append(y)
    return years


@lru_cache(maxsize=4096)
def _sound(word: str) -> str:
    from pypinyin import lazy_pinyin  # pypinyin: readings of characters, for homophone typos

    return " ".join(lazy_pinyin(word))


def sounds_alike(a: str, b: str) -> bool:
    """Two characters an input method spells the same (工 and 公, 芮 and 瑞), tones aside."""
    return _sound(a) == _sound(b)


@dataclass(frozen=True)
class Suggestion:
    """A word in the question that is one character away from an issuer's name."""

    word: str          # as typed (芮成县)
    issuer: str        # the issuer it is close to (芮城县人民政府)
    start: int
    end: int
    same_sound: bool   # almost surely meant: the same pinyin (an input-method slip), or one
                       # character off in an institution's long name (机关事物服务中心)


_LEVEL_CHARS = "县区市镇乡"


def suggest_issuers(question: str, issuers: list[str], mentions: list[Mention]) -> list[Suggestion]:
    """Names close to an issuer's (one character changed), not already a known issuer.

    A window of the question counts when it is followed by the same level word as the
    alias (大凝县 for 大宁县) or sounds the same (平谭 for 平潭, an input-method slip).
    """
    taken = [(m.start, m.end) for m in mentions]
    found: dict[tuple[int, int], list[Suggestion]] = {}
    for alias, owners in alias_index(issuers).by_alias.items():
        n = len(alias)
        if not 2 <= n <= 4 or not all("\u4e00" <= ch <= "\u9fff" for ch in alias):
            continue
        core = alias[:-1] if alias[-1] in _LEVEL_CHARS and n >= 3 else alias
        k = len(core)
        for start in range(0, len(question) - k + 1):
            window = question[start:start + k]
            if window == core or sum(a != b for a, b in zip(window, core)) != 1:
                continue
            end = start + k
            if any(start < e and s < end for s, e in taken):
                continue
            if not all("\u4e00" <= ch <= "\u9fff" for ch in window):
                continue
            same = _sound(window) == _sound(core)
            level_ok = core != alias and question[end:end + 1] == alias[-1]
            if not (level_ok or same):
                continue
            stop = end + (1 if question[end:end + 1] in _LEVEL_CHARS else 0)
            for issuer in owners:
                found.setdefault((start, stop), []).append(
                    Suggestion(question[start:stop], issuer, start, stop, same))
    for alias, owners in alias_index(issuers).by_alias.items():
        for start, end in _institution_slips(question, alias, taken):
            for issuer in owners:
                found.setdefault((start, end), []).append(Suggestion(question[start:end], issuer, start, end, True))
    out: list[Suggestion] = []
    for span, items in sorted(found.items()):
        if any(s <= span[0] and span[1] <= e and (s, e) != span for s, e in found):
            continue   # "机关事物服务中心" inside "彭阳县机关事物服务中心": the longer reading stands
        by_issuer = {s.issuer: s for s in items}
        out.extend(by_issuer.values())
    return out


_GOV_WORDS = ("人民政府", "政府")


@lru_cache(maxsize=1024)
def _institution_cut(alias: str) -> int:
    """Where an alias's institution words begin (after its last place-level character), or -1
    when it has none of four or more characters (人民政府 is none)."""
    cut = max(alias.rfind(ch) for ch in _LEVEL_CHARS) + 1
    tail = alias[cut:]
    if len(tail) < 4 or tail in _GOV_WORDS or not all("\u4e00" <= ch <= "\u9fff" for ch in alias):
        return -1
    return cut


def _institution_slips(question: str, alias: str, taken: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Spans of the question that spell ``alias`` with one character changed in its institution
    words (彭阳县机关事物服务中心): after the last place-level character, four or more
    characters that are not 人民政府. A slip in the place name itself (大丰县 for 大宁县) is
    another place, never read as this one."""
    cut = _institution_cut(alias)
    # one slip leaves the first two characters or the last two as typed
    if cut < 0 or (alias[:2] not in question and alias[-2:] not in question):
        return []
    n, out = len(alias), []
    for start in range(0, len(question) - n + 1):
        window = question[start:start + n]
        slips = [i for i, (a, b) in enumerate(zip(window, alias)) if a != b]
        if len(slips) != 1 or slips[0] < cut or not "\u4e00" <= window[slips[0]] <= "\u9fff":
            continue
        if not any(start < e and s < start + n for s, e in taken):
            out.append((start, start + n))
    return out


def pinyin_aliases(issuers: list[str]) -> dict[str, tuple[str, str]]:
    """'hongze' -> (淮安市洪泽区人民政府, 洪泽) …: issuers' short names spelt in pinyin (for English),
    with the Chinese name that is spelt so."""
    out: dict[str, tuple[str, str]] = {}
    for issuer in issuers:
        for alias in sorted(aliases_of(issuer), key=lambda a: (len(a), a)):
            if 2 <= len(alias) <= 4 and not _LEVEL.search(alias) and not _GOV_SUFFIX.search(alias):
                out.setdefault(_sound(alias).replace(" ", ""), (issuer, alias))
    return out


def pinyin_names(issuers: list[str]) -> dict[str, str]:
    """'hongze' -> 淮安市洪泽区人民政府 …: the issuer each pinyin spelling names."""
    return {spelling: issuer for spelling, (issuer, _alias) in pinyin_aliases(issuers).items()}


_BELOW = re.compile(r"(?![各全本该所下和与及跟同或比对])([\u4e00-\u9fff]{1,3}[区县])(?=人民政府|政府|[0-9]|年|的|，|$)")


def places_below(question: str, mentions: list[Mention], issuers: list[str]) -> list[tuple[Mention, str]]:
    """'淮安市清江浦区人民政府': a district or county named right after a known city that is
    no issuer here — (the mention, the whole name); a question about it is
    not about the city's own report."""
    out = []
    for m in mentions:
        if not question[m.start:m.end].endswith("市"):
            continue   # only a city has districts and counties below it
        below = _BELOW.match(question, m.end)
        if below and not any(below.group(1) in i for i in issuers):
            out.append((m, question[m.start:below.end()]))
    return out
