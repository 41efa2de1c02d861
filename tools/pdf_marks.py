"""Facts read from and written into a printed PDF: its bookmarks (for the table of contents' page numbers), fixed
document information, and structure ids that do not change from run to run."""
from __future__ import annotations

import io
import re
from html import unescape

from pypdf import PdfReader, PdfWriter

from tools.pdf_book import TOC_TITLE


def norm(text: str) -> str:
    return re.sub(r"\s+", "", unescape(text))


def bookmarks(pdf: bytes) -> list[tuple[str, int]]:
    """(title, page number from 1) of every PDF bookmark, in document order."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((norm(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


def page_numbers(entries: list[tuple[int, str, str]], marks: list[tuple[str, int]]) -> list[int]:
    """The page of each TOC entry: the next bookmark after the TOC's own (目次), in order, with the same text."""
    numbers = []
    i = next((k + 1 for k, (title, _) in enumerate(marks) if title == TOC_TITLE), 0)
    for _, text, _ in entries:
        key = norm(text)
        while i < len(marks) and marks[i][0] != key:
            i += 1
        if i == len(marks):
            raise RuntimeError(f"heading not found among the PDF bookmarks: {text}")
        numbers.append(marks[i][1])
        i += 1
    return numbers


def pdf_date(date: str) -> str:
    return "D:" + date.replace("-", "") + "000000Z"


def with_metadata(pdf: bytes, title: str, build: dict, site_name: str) -> bytes:
    """Fixed document information (dates from the build date), so the same commit prints the same file."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title, "/Author": site_name, "/Subject": f"{site_name} {build['edition']}",
                         "/Creator": "tools/pdf.py (Chromium)", "/Producer": "pypdf",
                         "/CreationDate": pdf_date(build["date"]), "/ModDate": pdf_date(build["date"])})
    out = io.BytesIO()
    writer.write(out)
    return stable_struct_ids(out.getvalue())


STRUCT_ID = re.compile(rb"\(node(\d{8})\)")


def stable_struct_ids(pdf: bytes) -> bytes:
    """Chromium names the tagged-PDF structure elements after its DOM node ids (``(node00000265)``), which differ
    from run to run. Renumber them 0, 1, 2, … in their own order: same length (offsets stay valid), same order
    (the ID name tree stays sorted), same bytes for the same document."""
    found = sorted({int(m) for m in STRUCT_ID.findall(pdf)})
    new = {n: i for i, n in enumerate(found)}
    return STRUCT_ID.sub(lambda m: b"(node%08d)" % new[int(m.group(1))], pdf)
