"""What a downloadable template is: workbooks of sheets of columns, independent of any file format."""
from __future__ import annotations

from dataclasses import dataclass


class Formula(str):
    """A cell value Excel calculates (``=COUNTIFS(...)``); CSV files leave it empty."""


# What makes Excel (and other spreadsheets) read a cell as a formula: OWASP's CSV injection list.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_like(value) -> bool:
    """A string from data that a spreadsheet would calculate; it must be stored as text. ``Formula`` is not."""
    return isinstance(value, str) and not isinstance(value, Formula) and value.startswith(FORMULA_START)


@dataclass(frozen=True)
class Column:
    """One column: its Japanese header, width in Excel characters, and how staff fill it in."""

    header: str
    width: float = 12
    choices: tuple[str, ...] = ()   # a dropdown (data validation list)
    date: bool = False              # a date entered as yyyy/mm/dd
    fill_in: bool = False           # left for staff to fill in (shaded)
    wrap: bool = False


@dataclass(frozen=True)
class Sheet:
    """A table under one header row. Rows for staff's own entries carry only their number."""

    slug: str
    title: str
    columns: tuple[Column, ...]
    rows: tuple[tuple, ...]
    freeze_cols: int = 0

    @property
    def headers(self) -> list[str]:
        return [c.header for c in self.columns]


@dataclass(frozen=True)
class Workbook:
    """A download: its sheets, and the notes shown on its この様式について sheet."""

    title: str
    description: str
    sheets: tuple[Sheet, ...]
    notes: tuple[str, ...]
    source: str                     # the data file(s) it is generated from (for editors; not printed in it)
