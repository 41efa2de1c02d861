"""``Workbook`` -> .xlsx bytes with openpyxl: frozen headers, dropdowns, A4 landscape print setup.

The output is byte-for-byte reproducible: document dates and zip entry times come from the build date.
Only ``Formula`` values are formulas; text from data that starts like one (``=``, ``+``, ``-``, ``@``, tab, CR)
is stored as text with Excel's quote prefix, so it is never calculated, not even after editing the cell.
"""
from __future__ import annotations

import io
import zipfile
from datetime import datetime

from openpyxl import Workbook as XlWorkbook
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from ..zips import zip_bytes
from .model import Sheet, Workbook, formula_like

FONT = "游ゴシック"
CREATOR = "自治体DX推進手順書 ウェブ版"
ABOUT_SHEET = "この様式について"
DATE_FORMAT = "yyyy/mm/dd"

_thin = Side(style="thin", color="808080")
BORDER = Border(left=_thin, right=_thin, top=_thin, bottom=_thin)
HEADER_FILL = PatternFill("solid", fgColor="D9E1F2")
FILL_IN_FILL = PatternFill("solid", fgColor="FFF9E5")


def _header_text(text: str) -> str:
    """Excel header/footer codes start with '&': a literal ampersand is written '&&'."""
    return text.replace("&", "&&")


def _cell(ws, row: int, column: int, value):
    """The cell at (row, column) holding ``value``: a ``Formula`` is calculated, any other text stays text."""
    cell = ws.cell(row=row, column=column, value=value)
    if formula_like(value):
        cell.data_type = "s"
        cell.quotePrefix = True
    return cell


def _validations(sheet: Sheet, last_row: int) -> list[DataValidation]:
    out = []
    for i, col in enumerate(sheet.columns, 1):
        cells = f"{get_column_letter(i)}2:{get_column_letter(i)}{last_row}"
        if col.choices:
            listed = ",".join(col.choices)
            if any("," in c for c in col.choices) or len(listed) > 255:
                raise ValueError(f"{sheet.title}/{col.header}: dropdown choices must be comma-free and ≤255 chars")
            dv = DataValidation(type="list", formula1=f'"{listed}"', allow_blank=True,
                                showErrorMessage=True, errorTitle="入力できない値です",
                                error="一覧から選んでください。", promptTitle=col.header,
                                prompt="一覧から選んでください。", showInputMessage=True)
        elif col.date:
            dv = DataValidation(type="date", operator="greaterThan", formula1="1", allow_blank=True,
                                showErrorMessage=True, errorTitle="日付を入力してください",
                                error="2026/4/1のように年/月/日で入力してください。")
        else:
            continue
        dv.add(cells)
        out.append(dv)
    return out


def _write_sheet(ws, sheet: Sheet, title: str, stamp: str) -> None:
    ws.title = sheet.title
    ncols = len(sheet.columns)
    last_row = len(sheet.rows) + 1
    last_col = get_column_letter(ncols)
    for i, col in enumerate(sheet.columns, 1):
        ws.column_dimensions[get_column_letter(i)].width = col.width
        cell = _cell(ws, 1, i, col.header)
        cell.font = Font(name=FONT, bold=True)
        cell.fill = HEADER_FILL
        cell.border = BORDER
        cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
    for r, row in enumerate(sheet.rows, 2):
        if len(row) != ncols:
            raise ValueError(f"{sheet.title}: row {r} has {len(row)} cells for {ncols} columns")
        for i, (col, value) in enumerate(zip(sheet.columns, row), 1):
            cell = _cell(ws, r, i, value if value != "" else None)
            cell.font = Font(name=FONT)
            cell.border = BORDER
            cell.alignment = Alignment(vertical="top", wrap_text=col.wrap)
            if col.fill_in:
                cell.fill = FILL_IN_FILL
            if col.date:
                cell.number_format = DATE_FORMAT
    for dv in _validations(sheet, last_row):
        ws.add_data_validation(dv)
    ws.freeze_panes = ws.cell(row=2, column=sheet.freeze_cols + 1).coordinate
    ws.auto_filter.ref = f"A1:{last_col}{last_row}"
    ws.print_area = f"A1:{last_col}{last_row}"
    ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.6
    ws.oddHeader.center.text = _header_text(f"{title}（{sheet.title}）")
    ws.oddFooter.left.text = _header_text(stamp)
    ws.oddFooter.right.text = "&P / &N"


def _write_about(ws, book: Workbook, page_url: str, build: dict) -> None:
    ws.title = ABOUT_SHEET
    ws.column_dimensions["A"].width = 16
    ws.column_dimensions["B"].width = 90
    _cell(ws, 1, 1, book.title).font = Font(name=FONT, bold=True, size=14)
    rows = [("内容", book.description)]
    rows += [("使い方・注意", note) for note in book.notes]
    rows += [("掲載ページ", page_url)] if page_url else []   # only with a configured site address
    rows += [
        ("版", f"{build['edition']}（第{build['version']}版）"),
        ("作成日", build["date"]),
    ]
    for r, (label, value) in enumerate(rows, 3):
        _cell(ws, r, 1, label).font = Font(name=FONT, bold=True)
        cell = _cell(ws, r, 2, value)
        cell.font = Font(name=FONT)
        cell.alignment = Alignment(vertical="top", wrap_text=True)
        if label == "掲載ページ":   # an absolute address, clickable, looking like a link
            cell.hyperlink = value
            cell.font = Font(name=FONT, color="0563C1", underline="single")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "portrait"
    ws.print_area = f"A1:B{len(rows) + 2}"


def workbook_bytes(book: Workbook, page_url: str, build: dict) -> bytes:
    """The .xlsx file of a template; ``build`` is the build stamp (edition, version, date, commit)."""
    when = datetime.strptime(build["date"], "%Y-%m-%d")
    stamp = f"{CREATOR} {build['edition']}・{build['date']}"
    wb = XlWorkbook()
    for i, sheet in enumerate(book.sheets):
        _write_sheet(wb.active if i == 0 else wb.create_sheet(), sheet, book.title, stamp)
    _write_about(wb.create_sheet(), book, page_url, build)
    wb.active = 0
    props = wb.properties
    props.title = book.title
    props.subject = book.description
    props.creator = props.lastModifiedBy = CREATOR
    props.language = "ja-JP"
    props.created = props.modified = when
    raw = io.BytesIO()
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(wb, archive).save()
    with zipfile.ZipFile(io.BytesIO(raw.getvalue())) as package:  # openpyxl's entry order, fixed times
        return zip_bytes(((name, package.read(name)) for name in package.namelist()), (when.year, when.month, when.day))
