"""Uploads: check type and size, keep a copy under the data dir, ingest into the same library.

The copy (``<data dir>/uploads/<name>``) outlives Gradio's temporary upload folder, so
page images and source text of an uploaded report keep working after a restart.
"""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterable
from pathlib import Path

from assistant.stores.library import Library
from ingest.extract import file_sha256
from ingest.loaders import SUFFIXES

ACCEPTED = tuple(SUFFIXES)   # every format ingest reads (Markdown too)
ACCEPTED_WORDS = "PDF、DOCX、HTML、TXT、Markdown（.md）"
_UNSAFE = re.compile(r"[^\w\u4e00-\u9fff.\-（）()]+")
_INGEST_LOCK = threading.Lock()     # one upload batch at a time; answers keep running


def _split(name: str) -> tuple[str, str]:
    """('报告', '.pdf') for 'dir/报告.PDF'; a leading-dot name like '.txt' is all suffix."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, ext = base.rpartition(".")
    return (stem, f".{ext.lower()}") if dot else (base, "")


def refusal(name: str, size: int, max_mb: int) -> str | None:
    """Why an upload is refused (type or size), or None when it may be ingested."""
    suffix = _split(name)[1]
    if suffix not in ACCEPTED:
        return f"不支持的文件类型 {suffix or '（无扩展名）'}；只接受 {ACCEPTED_WORDS}"
    if size > max_mb * 1024 * 1024:
        return f"文件大小 {size / 1048576:.1f} MB，超过上限 {max_mb} MB"
    if size == 0:
        return "空文件"
    return None


def safe_name(name: str) -> str:
    """A file name that is safe to create inside the uploads folder."""
    stem, suffix = _split(name)
    suffix = _UNSAFE.sub("_", suffix)
    stem = _UNSAFE.sub("_", stem).strip("._") or "report"
    return f"{stem[:120]}{suffix}"


def keep_copy(source: Path, uploads: Path, original_name: str) -> Path:
    """Copy an upload into ``uploads``; a different file under a taken name gets a hash suffix."""
    uploads.mkdir(parents=True, exist_ok=True)
    target = uploads / safe_name(original_name)
    digest = file_sha256(source)
    if target.exists() and file_sha256(target) != digest:
        target = target.with_name(f"{target.stem}-{digest[:8]}{target.suffix}")
    if not target.exists():
        shutil.copyfile(source, target)
    return target


STATUS_WORDS = {"added": "已导入（新增）", "replaced": "已导入（替换旧版本）", "unchanged": "已导入过，内容未变"}


def result_line(name: str, result) -> str:
    """One line in Chinese for an ingested upload, named as the user named the file."""
    if result.status == "failed":
        return f"{name}：导入失败：{result.message}"
    words = STATUS_WORDS.get(result.status, result.status)
    what = f"{result.issuer} {result.year}年" if result.issuer else "（未认出发布机关）"
    line = f"{name}：{words}　{what}"
    cells = getattr(result, "cells", 0)
    if cells:
        line += f"，读出 {cells} 个表格数字"
    notes = getattr(result, "findings", ())
    line += f"，勾稽问题：{'、'.join(notes)}" if notes else "，未发现勾稽问题"
    return line


def ingest_uploads(library: Library, files: Iterable[str | Path], max_mb: int) -> list[str]:
    """Ingest uploaded files; one result line per file, named as the user named it."""
    from ingest.parallel import ingest_isolated

    lines, changed = [], False
    with _INGEST_LOCK:
        for item in files or []:
            path = Path(item)
            name = path.name
            problem = refusal(name, path.stat().st_size if path.exists() else 0, max_mb)
            if problem:
                lines.append(f"{name}：未导入：{problem}")
                continue
            stored = keep_copy(path, library.settings.data_dir / "uploads", name)
            result = ingest_isolated(library, stored)   # parsing in a process, under the time limit
            changed |= result.status in ("added", "replaced")
            lines.append(result_line(name, result))
        if changed:
            library.update_cross_year()
    return lines

