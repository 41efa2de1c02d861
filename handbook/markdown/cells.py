"""Python-Markdown: a line break between the cells and rows of every table in a page's HTML, and after ``<br>``.

The tables the macros write come out as ``<tr><td>…</td><td>…</td></tr>`` with nothing between the cells.
A browser shows them apart, but text taken from the page without its tags runs them together: Material's
search index keeps no table tags, so a result's sentence read ``1推進体制の立ち上げ計画立案``. With a line break
between cells (whitespace a browser ignores there) the index has a space between them. The same holds for
the lines of a cell (``…</a><br><small>ア) …``): a line break after ``<br>`` shows nothing more.

Runs on the finished HTML (after the raw HTML of the macros is put back), so it covers every table.
Use ``handbook.markdown.cells`` in mkdocs.yml.
"""
from __future__ import annotations

import re

from markdown import Extension
from markdown.postprocessors import Postprocessor

PARTS = r"t[dhr]|thead|tbody|tfoot|caption"
BETWEEN_CELLS = re.compile(rf"(</(?:{PARTS})>(?=<(?:{PARTS})[\s>])|<br\s*/?>(?!\n))")


class CellsPostprocessor(Postprocessor):
    """A line break after a cell, row, row group or caption another one follows, and after a bare ``<br>``."""

    def run(self, text: str) -> str:
        return BETWEEN_CELLS.sub("\\1\n", text)


class CellsExtension(Extension):
    def extendMarkdown(self, md) -> None:
        # after the raw HTML postprocessor (priority 30), which puts the macros' HTML back
        md.postprocessors.register(CellsPostprocessor(md), "dx_table_cells", 5)


def makeExtension(**kwargs) -> CellsExtension:
    return CellsExtension(**kwargs)
