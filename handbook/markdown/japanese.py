"""Python-Markdown for Japanese text: abbreviations next to kana/kanji, and no stray spaces from line breaks.

* The stock ``abbr`` matches between ``\\b`` word boundaries; kana and kanji are word characters, so
  ``RFIの実施`` never got its tooltip. Here only ASCII letters and digits count as neighbours.
* Authors write one sentence per line; browsers show a line break inside a paragraph as a space, which is
  wrong in Japanese. Line breaks next to Japanese characters are removed (code and preformatted text untouched).

Use ``handbook.markdown.japanese`` in mkdocs.yml in place of ``abbr``.
"""
from __future__ import annotations

import re

from markdown.extensions.abbr import AbbrExtension, AbbrTreeprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import AtomicString

JA = r"\u3000-\u30ff\u3400-\u9fff\uf900-\ufaff\uff01-\uff60"
BREAK_NEXT_TO_JA = re.compile(rf"(?<=[{JA}])[ \t]*\n[ \t]*|[ \t]*\n[ \t]*(?=[{JA}])")
KEEP = {"pre", "code", "script", "style", "textarea"}


class JaAbbrTreeprocessor(AbbrTreeprocessor):
    """Wraps abbreviations in ``<abbr>`` unless an ASCII letter or digit touches them."""

    def run(self, root):
        if not self.abbrs:
            return
        keys = sorted(self.abbrs, key=len, reverse=True)
        self.RE = re.compile(r"(?<![A-Za-z0-9])(?:%s)(?![A-Za-z0-9])" % "|".join(re.escape(k) for k in keys))
        self.iter_element(root)


class JoinJapaneseLines(Treeprocessor):
    """Drops line breaks that touch Japanese characters in text outside code."""

    def run(self, root):
        self._walk(root)

    def _walk(self, el):
        if el.tag in KEEP:
            return
        el.text = _join(el.text)
        for child in el:
            self._walk(child)
            child.tail = _join(child.tail)


def _join(text):
    if not text or "\n" not in text:
        return text
    joined = BREAK_NEXT_TO_JA.sub("", text)
    return AtomicString(joined) if isinstance(text, AtomicString) else joined


class JapaneseExtension(AbbrExtension):
    """``abbr`` with Japanese-aware matching, plus line joining."""

    def extendMarkdown(self, md):
        super().extendMarkdown(md)
        md.treeprocessors.register(JaAbbrTreeprocessor(md, self.abbrs), "abbr", 7)
        md.treeprocessors.register(JoinJapaneseLines(md), "join_japanese_lines", 6)


def makeExtension(**kwargs):
    return JapaneseExtension(**kwargs)
