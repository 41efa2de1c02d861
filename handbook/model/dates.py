"""Dates as the handbook writes them: one parser and one Japanese label for every page, table and workbook."""
from __future__ import annotations

from datetime import date


def parse_day(value) -> date:
    """A ``YYYY-MM-DD`` string (or a date, as YAML may give) as a date."""
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def ja_date(value) -> str:
    """``2026-12-01`` (string or date) -> ``2026年12月1日``."""
    day = parse_day(value)
    return f"{day.year}年{day.month}月{day.day}日"


def ja_month(value) -> str:
    """``2026-11-30`` -> ``2026年11月``."""
    day = parse_day(value)
    return f"{day.year}年{day.month}月"


def dated(value) -> dict:
    """``2026-11-26`` -> ``{"iso": "2026-11-26", "label": "2026年11月26日"}`` (a page fact: machine and reader form)."""
    day = parse_day(value)
    return {"iso": day.isoformat(), "label": ja_date(day)}
