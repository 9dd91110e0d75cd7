"""Normalising text: one home for the code-point clean-up of questions and documents.

Reports and questions reach us with the same character in several code points: Kangxi
radicals from PDFs printed by a browser (``⼀、总体情况``, ``⼈⺠``), full-width digits and
letters (``２０２３``), no-break and ideographic spaces, traditional characters. A
document keeps its printed text for citations, so :func:`normalise_chars` maps one
character to one character and every offset stays valid. A question may be rewritten
more freely (:func:`normalise_question`): Chinese numerals in years and counts become
digits (cn2an), traditional becomes simplified (OpenCC), dash variants one dash, and a
few everyday spellings the template's written form.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# CJK punctuation stays as printed: the extractors and the question rules read （六）, ：, ？.
_KEEP = frozenset("（）：，；？！。、“”‘’【】《》〔〕—…·「」『』")
_SPACES = frozenset("\u00a0\u2002\u2003\u2009\u200b\u3000\ufeff")
_DASHES = re.compile(r"[‐‑‒–―－—~～〜]+")
# Taiwan/Hong Kong vocabulary that character conversion leaves different from the template.
# Corner brackets (「其他」, common in traditional text) read as the template's quotes “其他”.
_QUOTES = str.maketrans({"「": "“", "」": "”", "『": "“", "』": "”", "\"": "”"})
_REGIONAL_WORDS = {"资讯": "信息", "诉愿": "复议", "覆议": "复议"}
# Everyday spellings of the template's words: 交费/交纳 for 缴费/缴纳 (both in use), 或者 for
# 或 (法人或者其他组织), and the spoken negation 没(有) before a verb for the written 未
# (没交费 → 未缴费, 没有补正 → 未补正); "有没有" stays a yes/no question.
_EVERYDAY_WORDS = {"交费": "缴费", "交纳": "缴纳", "或者": "或"}
_SPOKEN_NOT = re.compile(r"(?<![有])没有?(?=[缴交补按审办处答公作给提])")
# CJK Radicals Supplement (U+2E80–U+2EFF) has no NFKC mapping; browser-printed PDFs use these
# forms for ordinary characters (人⺠ for 人民). Their equivalent unified ideographs (Unicode's
# EquivalentUnifiedIdeograph data), for the forms that stand for whole characters:
_RADICALS = dict(zip("⺁⺇⺌⺟⺠⺢⺩⺮⺶⻄⻅⻆⻉⻋⻑⻓⻔⻗⻘⻙⻚⻛⻜⻝⻢⻣⻤⻥⻦⻧⻨⻩⻬⻰⻳",
                     "厂几小母民氺王竹羊西见角贝车長长门雨青韦页风飞食马骨鬼鱼鸟卤麦黄齐龙龟"))
_CN_DIGIT = "〇零○Ｏ０一二三四五六七八九"
_CN_YEAR = re.compile(rf"(?<![{_CN_DIGIT}])[{_CN_DIGIT}]{{4}}(?=\s*(?:年|—|到|至|和|与|、))|"
                      # "平潭 二〇二二 行政许可": four numerals written with 〇 are a year, 年 or not
                      rf"(?<![{_CN_DIGIT}十百千万第])(?=[{_CN_DIGIT}]*[〇○Ｏ])[一二][{_CN_DIGIT}]{{3}}(?![{_CN_DIGIT}十百千万])")
_CN_NUMBER = "零一二两三四五六七八九十百千万"
# Counts said in words: 十二件, 第三项, 百分之三十, 一百零五个申请 (not 三安全一稳定, not 两年).
_CN_COUNT = re.compile(rf"(?<![{_CN_NUMBER}哪每这那上下同任某单唯逐])(第?)([{_CN_NUMBER}]+)(?=件|个|项|条|家|份|倍|次|位|宗)")
_CN_PERCENT = re.compile(rf"百分之([{_CN_NUMBER}点]+)")
# Ordinals of a group's parts: 第二种, 第一类, 第三行, 第二小项 (a bare 两类 stays a word)
_CN_ORDINAL = re.compile(rf"第([{_CN_NUMBER}]+)(?=种|类|行|小项|子项|小类)")
# A year said as a cardinal number: 两千零二十三年, 二千零二四年 is a digit-by-digit year (above)
# "廿一年", "二十三年": a year of this decade said short (as "21年"), 廿 being 二十
_CN_SHORT_YEAR = re.compile(r"(?<![一二三四五六七八九十百千万零两第〇○])(?:廿|二十)([一二三四五六七八九])(?=年)")
# "平潭二四年…比二三年少几件": a year of this decade said digit by digit, short (not "近二三年", about
# two or three years, nor "十二三年")
_CN_DIGIT_YEAR = re.compile(r"(?<![一二三四五六七八九十百千万零两第〇○几近这去前后最约])二([〇○零一二三四五六七八九])(?=年)")
_CN_CARDINAL_YEAR = re.compile(r"(?<![一二三四五六七八九十百千万零两])[两二]千零?[一二三四五六七八九十]{1,3}(?=年)")
# NFKC folds － to ASCII '-': between two years it is the one dash too ("2022－2024年")
_YEAR_HYPHEN = re.compile(r"(?<=(?:19|20)\d{2})(年?)\s*-\s*(?=(?:19|20)\d{2})")
# "三四件", "五六个": about three or four — no count to read, the words stay
_APPROXIMATE = re.compile(r"一二|两三|二三|三四|四五|五六|六七|七八|八九")


@lru_cache(maxsize=1)
def _t2s():
    import opencc  # OpenCC's character table (t2s): one traditional character to one simplified

    return opencc.OpenCC("t2s")


@lru_cache(maxsize=4096)
def _char(ch: str) -> str:
    if ch in _SPACES:
        return " "
    if ch in _RADICALS:
        return _RADICALS[ch]
    if ch in _KEEP or ch.isascii():
        return ch
    folded = unicodedata.normalize("NFKC", ch)
    return folded if len(folded) == 1 else ch


def normalise_chars(text: str) -> str:
    """One character for one: Kangxi radicals, full-width forms, odd spaces, traditional.

    The result has the same length as ``text``, so spans found in it point at the raw text.
    """
    if not text:
        return text
    out = "".join(_char(ch) for ch in text)
    simplified = _t2s().convert(out)
    return simplified if len(simplified) == len(out) else out


def _cn_to_int(words: str) -> str:
    import cn2an  # cn2an reads 一百零五, 十二, 两千 (its "smart" mode also takes mixed digits)

    if words[0] in "百千万":   # "百分之百": 一百 said as 百
        words = "一" + words
    try:
        value = cn2an.cn2an(words.replace("两", "二"), "smart")
    except (ValueError, KeyError):
        return words
    return str(int(value)) if float(value).is_integer() else str(value)


def _year_digits(text: str) -> str:
    table = str.maketrans({"〇": "0", "零": "0", "○": "0", "Ｏ": "0", "０": "0", "一": "1", "二": "2",
                           "三": "3", "四": "4", "五": "5", "六": "6", "七": "7", "八": "8", "九": "9"})
    return text.translate(table)


def normalise_question(text: str) -> str:
    """A question in one spelling: characters as above, numerals as digits, one dash."""
    q = normalise_chars(text or "").strip()
    q = re.sub(r"\s+", " ", q)
    q = _DASHES.sub("—", q)
    q = _YEAR_HYPHEN.sub(r"\1—", q)
    q = q.translate(_QUOTES)
    for word, standard in (_REGIONAL_WORDS | _EVERYDAY_WORDS).items():
        q = q.replace(word, standard)
    q = _SPOKEN_NOT.sub("未", q)
    q = q.replace("未交", "未缴")
    q = _CN_YEAR.sub(lambda m: _year_digits(m.group(0)), q)
    q = _CN_CARDINAL_YEAR.sub(lambda m: _cn_to_int(m.group(0)), q)
    q = _CN_SHORT_YEAR.sub(lambda m: "2" + _cn_to_int(m.group(1)), q)
    q = _CN_DIGIT_YEAR.sub(lambda m: "2" + _year_digits(m.group(1)), q)
    q = _CN_PERCENT.sub(lambda m: _cn_to_int(m.group(1)) + "%", q)
    q = _CN_ORDINAL.sub(lambda m: "第" + _cn_to_int(m.group(1)), q)
    q = _CN_COUNT.sub(lambda m: m.group(0) if _APPROXIMATE.fullmatch(m.group(2))
                      else m.group(1) + _cn_to_int(m.group(2)), q)
    return q
