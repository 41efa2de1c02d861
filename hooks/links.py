"""MkDocs hook of both builds: a page whose content links to ``javascript:`` (or ``vbscript:``) fails the build.

Markdown passes any URL through (``[a](javascript:alert(1))`` becomes a live link), so this checks the HTML of
every page's content, written or generated from data, and names the page and the link.
"""
from __future__ import annotations

from mkdocs.exceptions import PluginError

from hooks.references import html_references, script_links


def on_page_content(html: str, page, config, files) -> str:
    found = script_links(html_references(html))
    if found:
        raise PluginError(f"docs/{page.file.src_uri}: スクリプトを実行するリンクは使えません"
                          f"（a link that runs script: {', '.join(repr(u[:80]) for u in found)}）")
    return html
