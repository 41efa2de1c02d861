"""``Sheet`` -> CSV bytes that Excel opens correctly: UTF-8 with a BOM, CRLF line ends.

Text that a spreadsheet would calculate (``=``, ``+``, ``-``, ``@``, tab, CR first) gets a leading ``'``
(OWASP CSV injection), so opening the file never runs a formula from data.
"""
from __future__ import annotations

import csv
import io

from .model import Formula, Sheet, formula_like


def _text(value):
    return "'" + value if formula_like(value) else value


def sheet_csv(sheet: Sheet) -> bytes:
    """The header row and every row; formulas are left empty (CSV holds values, not calculations)."""
    return table_csv(sheet.headers, (["" if isinstance(v, Formula) else v for v in row] for row in sheet.rows))


def table_csv(headers, rows) -> bytes:
    """A header row and rows of values as CSV bytes (UTF-8 with a BOM, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_text(h) for h in headers)
    writer.writerows([_text(v) for v in row] for row in rows)
    return out.getvalue().encode("utf-8-sig")
