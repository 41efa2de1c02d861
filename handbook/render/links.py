"""Relative links between pages, and entity cross-links."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass

from ..model.entities import Step, SubItem, Task
from .escape import Markup, attr, text

CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


def circled(number: int) -> str:
    """1 -> ①."""
    return CIRCLED[number - 1]


def relative(path: str, start: str) -> str:
    """``posixpath.relpath`` for two paths under the same root, worked out from the strings alone (relpath makes
    both absolute with the working directory: a system call for every link of a 2,000-case build)."""
    to = [part for part in path.split("/") if part not in ("", ".")]
    here = [part for part in start.split("/") if part not in ("", ".")]
    common = 0
    while common < min(len(to), len(here)) and to[common] == here[common]:
        common += 1
    return "/".join([".."] * (len(here) - common) + to[common:]) or "."


def page_url(src: str, use_directory_urls: bool) -> str:
    """The site-relative URL of a page source path (``a/b.md`` -> ``a/b/`` or ``a/b.html``)."""
    stem = src[:-3]
    if not use_directory_urls:
        return stem + ".html"
    if stem == "index":
        return ""
    if stem.endswith("/index"):
        return stem[: -len("index")]
    return stem + "/"


@dataclass(frozen=True)
class Linker:
    """Makes hrefs relative to the page being rendered."""

    page_src: str
    use_directory_urls: bool = True

    def href(self, target: str) -> str:
        """``target`` is ``path/to/page.md`` with an optional ``#anchor``."""
        src, _, anchor = target.partition("#")
        suffix = f"#{anchor}" if anchor else ""
        if src == self.page_src:
            return suffix or "#"
        here = page_url(self.page_src, self.use_directory_urls)
        base = here.rstrip("/") if self.use_directory_urls else posixpath.dirname(here)
        there = page_url(src, self.use_directory_urls)
        rel = relative(there.rstrip("/") or ".", base or ".")
        if self.use_directory_urls:
            rel = "./" if rel == "." else rel + "/"
        return rel + suffix


def entity_label(entity) -> str:
    """The text a cross-link shows: ``⑭データ移行``, ``ステップ0 DX の認識共有・機運醸成``, a name or title."""
    if isinstance(entity, Task):
        return f"{circled(entity.number)}{entity.title}"
    if isinstance(entity, SubItem):
        return f"{entity.label}) {entity.title}"
    if isinstance(entity, Step):
        return f"ステップ{entity.number} {entity.title}"
    return entity.name


def ref_html(handbook, linker: Linker, entity_id: str, label: str | None = None) -> Markup:
    """An ``<a>`` to the entity's home, labelled with its current title."""
    entity = handbook.get(entity_id)
    label = label if label is not None else entity_label(entity)
    return Markup(f'<a href="{attr(linker.href(handbook.home(entity_id)))}">{text(label)}</a>')


def ref_md(handbook, page_src: str, entity_id: str) -> str:
    """A Markdown link to the entity's home, relative to the page source ``page_src``.

    MkDocs turns it into the right href in every build (directory URLs or ``.html`` files) and checks it.
    """
    target, _, anchor = handbook.home(entity_id).partition("#")
    rel = relative(target, posixpath.dirname(page_src) or ".")
    return f"[{text(entity_label(handbook.get(entity_id)))}]({rel}{'#' + anchor if anchor else ''})"
