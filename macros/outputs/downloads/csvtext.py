"""``Sheet`` -> CSV bytes that Excel opens correctly: UTF-8 with a BOM, CRLF line ends."""
from __future__ import annotations

import csv
import io

from .model import Formula, Sheet


def sheet_csv(sheet: Sheet) -> bytes:
    """The header row and every row; formulas are left empty (CSV holds values, not calculations)."""
    return table_csv(sheet.headers, (["" if isinstance(v, Formula) else v for v in row] for row in sheet.rows))


def table_csv(headers, rows) -> bytes:
    """A header row and rows of values as CSV bytes (UTF-8 with a BOM, CRLF)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(headers)
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")
