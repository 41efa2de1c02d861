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
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(_text(h) for h in sheet.headers)
    for row in sheet.rows:
        writer.writerow("" if isinstance(v, Formula) else _text(v) for v in row)
    return out.getvalue().encode("utf-8-sig")
