"""Hand-made answers shaped like ``Answer.to_json()``, for the metric tests."""

from __future__ import annotations


def cell_citation(key: int, issuer: str, year: int, cell_id: str, raw: str, status: str = "ok",
                  text: str | None = None) -> dict:
    """A citation of one table cell."""
    return {"key": key, "report_id": f"r-{issuer}-{year}", "issuer": issuer, "year": year,
            "source_file": f"{issuer}{year}.txt", "page": 3, "section": "requests",
            "text": text if text is not None else f"{cell_id}：{raw}", "cell_id": cell_id,
            "raw": raw, "status": status, "chunk_id": None}


def passage_citation(key: int, issuer: str, year: int, text: str, chunk_id: str | None = None) -> dict:
    """A citation of one passage chunk."""
    return {"key": key, "report_id": f"r-{issuer}-{year}", "issuer": issuer, "year": year,
            "source_file": f"{issuer}{year}.txt", "page": 1, "section": "summary", "text": text,
            "cell_id": None, "raw": None, "status": None, "chunk_id": chunk_id or f"c{key}"}


def answer(text: str, value: float | None = None, unit: str | None = None, citations=(),
           refused: bool = False, route: str = "cell", formula: str | None = None) -> dict:
    """An answer dict."""
    return {"question": "q", "answer": text, "route": route, "value": value, "unit": unit,
            "formula": formula, "refused": refused, "notes": [], "citations": list(citations)}
