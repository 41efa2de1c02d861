"""Python-Markdown: a paragraph ``表：…`` written just before a table becomes that table's ``<caption>``.

Markdown tables have no caption syntax. A native ``<caption>`` (not ``<figure>``/``<figcaption>``) names the
table for screen readers (JIS X 8341-3 1.3.1, technique H39) and matches the tables the macros generate::

    表：ステップごとの主な成果物

    | ステップ | 成果物 |
    |---|---|

Use ``handbook.markdown.captions`` in mkdocs.yml (after ``tables``).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as etree

from markdown import Extension
from markdown.treeprocessors import Treeprocessor

MARK = re.compile(r"^表[：:]\s*")


class CaptionTreeprocessor(Treeprocessor):
    """Moves a ``表：`` paragraph that directly precedes a table into the table as its caption."""

    def run(self, root: etree.Element) -> None:
        for parent in root.iter():
            children = list(parent)
            for paragraph, table in zip(children, children[1:]):
                if paragraph.tag == "p" and table.tag == "table" and MARK.match(paragraph.text or ""):
                    caption = etree.Element("caption")
                    caption.text = MARK.sub("", paragraph.text, count=1)
                    caption.extend(list(paragraph))
                    table.insert(0, caption)
                    parent.remove(paragraph)


class CaptionExtension(Extension):
    def extendMarkdown(self, md) -> None:
        md.treeprocessors.register(CaptionTreeprocessor(md), "dx_table_caption", 1)


def makeExtension(**kwargs) -> CaptionExtension:
    return CaptionExtension(**kwargs)
