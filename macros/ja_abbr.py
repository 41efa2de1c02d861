"""Python-Markdown ``abbr`` for Japanese text: ``RFIの実施`` gets its tooltip too.

The stock extension matches abbreviations between ``\\b`` word boundaries, and kana and kanji are word
characters, so an abbreviation written next to Japanese text never matches. Here only ASCII letters and digits
count as the abbreviation's neighbours. Use it in place of ``abbr`` (``macros.ja_abbr`` in mkdocs.yml).
"""
from __future__ import annotations

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor


class JaAbbrTreeprocessor(AbbrTreeprocessor):
    """Wraps abbreviations in ``<abbr>`` unless an ASCII letter or digit touches them."""

    def run(self, root):
        if not self.abbrs:
            return
        keys = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(r"(?<![A-Za-z0-9])(?:%s)(?![A-Za-z0-9])" % "|".join(re.escape(k) for k in keys))
        self.iter_element(root)


class JaAbbrExtension(AbbrExtension):
    """``abbr`` with Japanese-aware matching."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(JaAbbrTreeprocessor(md, self.abbrs), "abbr", 7)


def makeExtension(**kwargs):
    return JaAbbrExtension(**kwargs)
