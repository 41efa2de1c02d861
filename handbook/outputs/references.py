"""Every URL a built page, stylesheet or SVG refers to, resolved the way a browser resolves it.

Not a hook itself: ``hooks/offline.py`` (nothing outside the bundle) and ``hooks/links.py`` (no script links)
use it. A reference is *fetched* (the browser loads it by itself: ``src``, ``srcset``, ``background``,
``poster``, SVG ``href``/``xlink:href``, stylesheets and icons, CSS ``url()`` and ``@import``, meta refresh)
or *clicked* (``<a>``/``<area>`` ``href``, form ``action``, ``<link>`` that loads nothing).

``resolve`` follows the WHATWG URL rules that matter here: tabs and line breaks inside a URL are dropped, spaces
and control characters around it are trimmed, ``\\`` is ``/`` (so ``\\\\host\\share`` is ``//host/share``, an
SMB request on Windows), and ``%2e%2e`` is ``..``.
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from typing import Iterator, NamedTuple
from urllib.parse import unquote, urljoin, urlsplit

# A <link> with one of these rels makes the browser fetch its href.
FETCHING_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload", "prefetch",
                 "modulepreload", "preconnect", "dns-prefetch", "prerender"}
# Attributes that hold a URL (on any element, HTML or SVG).
URL_ATTRS = {"href", "xlink:href", "src", "srcset", "imagesrcset", "poster", "background", "data", "action",
             "formaction", "ping", "manifest", "codebase", "archive", "lowsrc", "dynsrc", "icon"}
SRCSETS = {"srcset", "imagesrcset"}
CLICKED_TAGS = {"a", "area"}
SCRIPT_SCHEMES = {"javascript", "vbscript"}
CSS_URL = re.compile(r"""url\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)'|((?:[^)\\\s]|\\.)*))\s*\)"""
                     r"""|@import\s+(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')""", re.I | re.S)
CSS_ESCAPE = re.compile(r"\\([0-9a-fA-F]{1,6})\s?|\\(.)", re.S)
TRIM = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
SPECIAL = {"file", "http", "https", "ftp", "ws", "wss"}     # WHATWG "special" schemes: there \\ is /
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.I)


class Reference(NamedTuple):
    url: str
    fetched: bool       # loaded by the browser itself (else only when the reader clicks)


def _css_unescape(value: str) -> str:
    return CSS_ESCAPE.sub(lambda m: chr(int(m.group(1), 16)) if m.group(1) else m.group(2), value)


def css_references(css: str) -> list[Reference]:
    """``url(…)`` and ``@import "…"`` in a stylesheet or ``style`` attribute (all fetched)."""
    return [Reference(_css_unescape(next(g for g in m.groups() if g is not None)), True) for m in CSS_URL.finditer(css)]


class _Finder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.found: list[Reference] = []
        self._style = False

    def handle_starttag(self, tag, attrs):
        values = {name: value or "" for name, value in attrs}
        loads = FETCHING_RELS & set(values.get("rel", "").lower().split())
        for name, value in values.items():
            if name == "style":
                self.found += css_references(value)
            if name not in URL_ATTRS or (tag == "link" and not loads):  # canonical etc.: never requested or clicked
                continue
            clicked = name in ("href", "xlink:href") and tag in CLICKED_TAGS or name in ("action", "formaction")
            urls = [c.strip().split()[0] for c in value.split(",") if c.strip()] if name in SRCSETS else [value]
            self.found += [Reference(u, not clicked) for u in urls]
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            self.found += [Reference(u, True) for u in REFRESH_URL.findall(values.get("content", ""))]
        self._style = tag == "style"

    def handle_endtag(self, tag):
        self._style = False

    def handle_data(self, data):
        if self._style:
            self.found += css_references(data)


def html_references(html: str) -> list[Reference]:
    """Every URL in a page or SVG: attributes, ``style`` attributes and ``<style>`` elements."""
    finder = _Finder()
    finder.feed(html)
    finder.close()
    return finder.found


def resolve(base: str, ref: str) -> str:
    """``ref`` as an absolute URL, read on the page at ``base`` the way a browser reads it."""
    ref = TRIM.sub("", re.sub(r"[\t\n\r]", "", ref))
    scheme = SCHEME.match(ref)
    if not scheme or scheme.group(1).lower() in SPECIAL:
        ref = ref.replace("\\", "/")
    return urljoin(base, ref)


def scheme_of(url: str) -> str:
    return urlsplit(url).scheme.lower()


def inside(url: str, root: str) -> bool:
    """Whether the absolute URL ``url`` is a file in the folder ``root`` (a ``file:///…/`` URL)."""
    parts = urlsplit(url)
    if parts.scheme != "file" or parts.netloc:
        return False
    return (posixpath.normpath(unquote(parts.path)) + "/").startswith(unquote(urlsplit(root).path))


def outside_bundle(base: str, root: str, references: list[Reference]) -> Iterator[str]:
    """The references of the page at ``base`` that leave the bundle at ``root``.

    Fetched: only files in the bundle, ``data:`` and ``blob:``. Clicked: also ``#…``, ``http(s):``, ``mailto:``
    and ``tel:`` (the reader's choice); never ``javascript:`` or a ``file:`` outside the bundle.
    """
    for ref in references:
        url = resolve(base, ref.url)
        scheme = scheme_of(url)
        if scheme in ("data", "blob") or inside(url, root):
            continue
        if not ref.fetched and scheme in ("http", "https", "mailto", "tel"):
            continue
        yield ref.url


def script_links(references: list[Reference]) -> list[str]:
    """References that would run script (``javascript:``, ``vbscript:``) when followed."""
    return [r.url for r in references if scheme_of(resolve("file:///page.html", r.url)) in SCRIPT_SCHEMES]
