"""Report metadata read from the text: issuer, year, template version, publication date."""

from __future__ import annotations

import re
from dataclasses import dataclass

from assistant.domain.template import V2019, V2021, version_for_year
from ingest.document import Document

_TITLE_YEAR = re.compile(r"(20\d{2})\s*年\s*度?\s*(?:政\s*府\s*信\s*息|政\s*务\s*公\s*开|信\s*息\s*公\s*开)")
_PERIOD_YEAR = re.compile(r"(?:自|从)\s*(20\d{2})\s*年\s*1\s*月\s*1\s*日")
_DATE = re.compile(r"(20\d{2})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_ISO_DATE = re.compile(r"(20\d{2})-(\d{2})-(\d{2})")
_ISSUER_END = re.compile(r"(人民政府|管委会|委员会|管理委员会|办公室|中心|局|厅|委|院|所|站|综合实验区|新区|政府)$")
_ADMIN_PREFIX = re.compile(r"[\u4e00-\u9fff]{2}(?:市|省|州|盟)$")
_STAMP = re.compile(r"(?:发布)?(?:时间|日期)[:：]\s*(20\d{2}-\d{2}-\d{2})")


@dataclass(frozen=True)
class Metadata:
    issuer: str
    year: int
    template: str
    title: str
    published: str | None


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


_TITLE_LINE = re.compile(r"(?:报告|年报)$")
# Where the issuer's name stops in a year-first title: 2019年上海市人民政府办公厅|政府信息公开…
_TOPIC = re.compile(r"(?:关于)?(?:政府信息公开|政务公开|信息公开|政府信息)")
_NOT_ISSUER = re.compile(r"报告|年报|公开|年度|关于|本机关|本单位|[：:，。；,;]|\d")
_WEB_CHROME = re.compile(r"^(?:主办|承办|版权所有|技术支持|网站标识码|来源|发布机构|联系|地址|电话)")


def _body(doc: Document) -> str:
    body = doc.text
    marker = body.find("==== 正文")
    if marker >= 0:
        body = body[body.find("\n", marker) + 1:]
    return body


def _title_at(lines: list[str]) -> int | None:
    """Index of the title line among the first lines of the body."""
    head = lines[:4]
    for i, line in enumerate(head):
        if _TITLE_YEAR.search(_compact(line)) or re.search(r"20\d{2}\s*年", line):
            return i
    # Further down (a web page printed with its navigation first): a short line that reads
    # like a title, "…2023年度政府信息公开工作年度报告".
    for i, line in enumerate(lines[:80]):
        c = _compact(line)
        if len(c) <= 80 and _TITLE_YEAR.search(c) and _TITLE_LINE.search(c):
            return i
    return None


def title_of(doc: Document) -> str:
    """The report's title: the 标题 header if any, else the title line (with an issuer line
    printed above it), else the first line."""
    if doc.meta.get("标题"):
        return _compact(doc.meta["标题"])
    lines = [ln for ln in _body(doc)[:6000].split("\n") if ln.strip()]
    i = _title_at(lines)
    if i is None:
        return _compact(lines[0]) if lines else ""
    prefix = "".join(_compact(ln) for ln in lines[max(0, i - 3):i] if len(_compact(ln)) <= 30) if i < 4 else ""
    return prefix + _compact(lines[i])


def find_year(doc: Document, title: str) -> int | None:
    # Year first, the issuer between it and the topic: 2019年上海市人民政府办公厅政府信息公开…
    m = re.match(r"(20\d{2})年度?.{2,40}?(?:政府信息|政务公开|信息公开)", title)
    if m:
        return int(m.group(1))
    for text in (title, _compact(doc.text[:3000])):
        m = _TITLE_YEAR.search(text)
        if m:
            return int(m.group(1))
    m = _PERIOD_YEAR.search(_compact(doc.text))
    return int(m.group(1)) if m else None


def plausible_issuer(name: str) -> bool:
    """A name that can stand for an issuing body (not a sentence, date, or title word)."""
    return 2 <= len(name) <= 40 and not _NOT_ISSUER.search(name) and re.fullmatch(r"[\u4e00-\u9fff（）()·]+", name) is not None


def _from_title(title: str, year: int | None) -> str:
    """Issuer first (洪泽区2023年…) or year first (2019年上海市人民政府办公厅政府信息公开…)."""
    if not year:
        return ""
    idx = title.find(str(year))
    if idx > 0:
        issuer = title[:idx]
    elif idx == 0:
        after = re.sub(r"^20\d{2}年度?", "", title)
        m = _TOPIC.search(after)
        issuer = after[:m.start()] if m else ""
        # 上海市人民政府信息公开…: the topic match took the 政府 of the name.
        if m and issuer.endswith("人民") and after[m.start():].startswith("政府"):   # no m: issuer is ''
            issuer += "政府"
    else:
        return ""
    issuer = re.sub(r"^(关于|标题[:：])", "", issuer)
    issuer = re.sub(r"(关于|的)$", "", issuer).strip("：:，,")
    return issuer if plausible_issuer(issuer) else ""


def _own_line(doc: Document) -> str:
    """An issuer printed on its own line just below the title."""
    lines = [_compact(ln) for ln in _body(doc)[:6000].split("\n") if ln.strip()]
    i = _title_at(lines)
    if i is None:
        return ""
    for line in lines[i + 1:i + 3]:
        if _ISSUER_END.search(line) and plausible_issuer(line):
            return line
    return ""


def _signature(doc: Document) -> str:
    """The signature block's issuer line, above the date at the end."""
    tail = [ln.strip() for ln in doc.text.strip().split("\n")[-6:] if ln.strip()]
    for line in tail:
        name = _compact(_DATE.sub("", line))
        if _WEB_CHROME.match(name):
            continue
        if _ISSUER_END.search(name) and plausible_issuer(name):
            return name
    return ""


def find_issuer(doc: Document, title: str, year: int | None) -> str:
    """Issuer from the title (either order), the line under it, the signature block or the
    web page's 发布机构, widened to the full name the text uses (洪泽区 -> 淮安市洪泽区).
    Empty when none of them names one: the file name is never taken for an issuer."""
    issuer = (_from_title(title, year) or _own_line(doc) or _signature(doc)
              or (doc.meta.get("发布机构", "") if plausible_issuer(doc.meta.get("发布机构", "")) else ""))
    if not issuer:
        return ""
    # Page chrome (主办单位：福建省平潭…) is not the report's own wording of its name.
    compact = "".join(_compact(ln) for ln in doc.text.split("\n") if not _WEB_CHROME.match(_compact(ln)))
    # The same name with its government suffix (芮城县 -> 芮城县人民政府).
    if not _ISSUER_END.search(issuer) and issuer + "人民政府" in compact:
        issuer += "人民政府"
    for m in re.finditer(re.escape(issuer), compact):
        before = compact[max(0, m.start() - 3):m.start()]
        pm = _ADMIN_PREFIX.search(before)
        if pm and not issuer.startswith(pm.group(0)):
            return pm.group(0) + issuer
    return issuer


def find_published(doc: Document) -> str | None:
    """The date printed in the signature block, else the page's publication time."""
    tail = doc.text.strip()[-200:]
    dates = list(_DATE.finditer(tail))
    if dates:
        y, m, d = dates[-1].groups()
        return f"{int(y):04d}-{int(m):02d}-{int(d):02d}"
    stamp = doc.meta.get("发布时间", "")
    m = _ISO_DATE.search(stamp)
    if not m:
        # A web page printed to PDF keeps its "时间：2024-03-08 15:34" line near the top.
        m = _ISO_DATE.search(" ".join(_STAMP.findall(doc.text[:6000])[:1]))
    return "-".join(m.groups()) if m else None


def find_template(doc: Document, year: int | None) -> str:
    """2019 or 2021, from table 二's column headers, else from the year."""
    compact = _compact(doc.text)
    if "本年新制作数量" in compact or "本年新公开数量" in compact:
        return V2019
    if "本年制发件数" in compact or "现行有效件数" in compact:
        return V2021
    rows = " ".join(f.text for r in doc.rows for f in r.fields)
    if "本年新制作" in rows:
        return V2019
    if "本年制发" in rows:
        return V2021
    return version_for_year(year) if year else V2021


def read_metadata(doc: Document, issuer: str | None = None, year: int | None = None) -> Metadata:
    """Title, issuer, year, template and date; ``issuer``/``year`` given by the user win."""
    title = title_of(doc)
    year = year or find_year(doc, title)
    return Metadata(
        issuer=issuer or find_issuer(doc, title, year),
        year=year or 0,
        template=find_template(doc, year),
        title=title,
        published=find_published(doc),
    )
