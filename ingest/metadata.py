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


@dataclass(frozen=True)
class Metadata:
    issuer: str
    year: int
    template: str
    title: str
    published: str | None


def _compact(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


def title_of(doc: Document) -> str:
    """The report's title: the 标题 header if any, else the first lines up to the year."""
    if doc.meta.get("标题"):
        return _compact(doc.meta["标题"])
    body = doc.text
    marker = body.find("==== 正文")
    if marker >= 0:
        body = body[body.find("\n", marker) + 1:]
    head = [l for l in body[:800].split("\n") if l.strip()][:4]
    for i, line in enumerate(head):
        if _TITLE_YEAR.search(_compact(line)) or re.search(r"20\d{2}\s*年", line):
            prefix = "".join(_compact(l) for l in head[:i] if len(_compact(l)) <= 30)
            return prefix + _compact(line)
    return _compact(head[0]) if head else ""


def find_year(doc: Document, title: str) -> int | None:
    for text in (title, _compact(doc.text[:3000])):
        m = _TITLE_YEAR.search(text)
        if m:
            return int(m.group(1))
    m = _PERIOD_YEAR.search(_compact(doc.text))
    return int(m.group(1)) if m else None


def find_issuer(doc: Document, title: str, year: int | None) -> str:
    """Issuer from the title, widened to the full name the text uses (洪泽区 -> 淮安市洪泽区)."""
    issuer = ""
    if year:
        idx = title.find(str(year))
        issuer = title[:idx] if idx > 0 else ""
    issuer = re.sub(r"^(关于|标题[:：])", "", issuer).strip("：:，,")
    if not issuer:
        # Title without an issuer: take the signature block's first line.
        tail = [l.strip() for l in doc.text.strip().split("\n")[-6:] if l.strip()]
        for line in tail:
            if _ISSUER_END.search(_compact(line)) and not _DATE.search(line):
                issuer = _compact(line)
                break
    if not issuer:
        return ""
    compact = _compact(doc.text)
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


def read_metadata(doc: Document) -> Metadata:
    title = title_of(doc)
    year = find_year(doc, title)
    return Metadata(
        issuer=find_issuer(doc, title, year),
        year=year or 0,
        template=find_template(doc, year),
        title=title,
        published=find_published(doc),
    )
