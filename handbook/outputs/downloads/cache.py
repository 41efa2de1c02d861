"""Workbooks kept on disk between builds: openpyxl is slow, and most rebuilds change no data behind them."""
from __future__ import annotations

import hashlib
from pathlib import Path

from ...data.atomic import write_atomic
from .model import Workbook

GENERATOR = Path(__file__).with_name("xlsx.py")


def cached_workbook_bytes(book: Workbook, page_url: str, build: dict, cache: Path | None) -> bytes:
    """``xlsx.workbook_bytes``, reused from ``cache`` when its inputs and the generator's code are unchanged."""
    key = hashlib.sha256(repr((book, page_url, sorted(build.items()))).encode("utf-8"))
    key.update(GENERATOR.read_bytes())
    path = cache / f"{key.hexdigest()}.xlsx" if cache else None
    if path and path.exists():
        return path.read_bytes()
    from .xlsx import workbook_bytes  # openpyxl is imported only when a workbook has to be made
    data = workbook_bytes(book, page_url, build)
    if path:
        write_atomic(path, data)
    return data
