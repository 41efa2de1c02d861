"""MkDocs hook of both builds: a page whose content links to ``javascript:`` (or ``vbscript:``) fails the build.

Markdown passes any URL through (``[a](javascript:alert(1))`` becomes a live link), so this checks the HTML of
every page's content, written or generated from data, and names the page and the link.
"""
from __future__ import annotations

import re
from html import unescape

from mkdocs.exceptions import PluginError

from handbook.outputs.references import html_references, script_links


def on_page_content(html: str, page, config, files) -> str:
    if not _may_link_to_script(html):
        return html
    found = script_links(html_references(html))
    if found:
        raise PluginError(f"docs/{page.file.src_uri}: スクリプトを実行するリンクは使えません"
                          f"（a link that runs script: {', '.join(repr(u[:80]) for u in found)}）")
    return html


def _may_link_to_script(html: str) -> bool:
    """Whether ``html`` could hold a script URL at all: a ``javascript:`` or ``vbscript:`` scheme reads "script:"
    once character references are decoded and tabs and line breaks dropped (the only characters a URL parser
    removes inside a scheme). Most pages do not, and are not parsed."""
    return "script:" in re.sub(r"[\t\n\r]", "", unescape(html)).lower()
