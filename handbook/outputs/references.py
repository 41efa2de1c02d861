"""Every URL a built page, stylesheet or SVG refers to, resolved the way a browser resolves it.

Not a hook itself: ``hooks/offline.py`` (nothing outside the bundle) and ``hooks/links.py`` (no script links)
use it. A reference is *fetched* (the browser loads it by itself: ``src``, ``srcset``, ``background``,
``poster``, SVG ``href``/``xlink:href``, stylesheets and icons, CSS ``url()``, ``@import`` and ``image-set()``,
meta refresh, an iframe's ``srcdoc`` document, a URL in an event handler) or *clicked* (``<a>``/``<area>``
``href``, form ``action``, ``<link>`` that loads nothing). ``readable`` says which files a browser reads as
documents or stylesheets, by what it makes of them rather than by their extension alone.

``resolve`` follows the WHATWG URL rules that matter here: tabs and line breaks inside a URL are dropped, spaces
and control characters around it are trimmed, ``\\`` is ``/`` (so ``\\\\host\\share`` is ``//host/share``, an
SMB request on Windows), and ``%2e%2e`` is ``..``.
"""
from __future__ import annotations

import posixpath
import re
from html.parser import HTMLParser
from pathlib import Path
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
# CSS functions whose string arguments are URLs (``image-set("a.png" 1x)`` loads a.png like ``url(a.png)``).
CSS_URL_FUNCTIONS = {"url", "src"}
CSS_IMAGE_FUNCTIONS = {"image-set", "-webkit-image-set", "image", "-webkit-image", "cross-fade", "-webkit-cross-fade"}
# A URL inside an event handler's script (``onerror="this.src='//host/x.png'"``): one with a host or a share.
HANDLER_URL = re.compile(r"(?:[a-zA-Z][a-zA-Z0-9+.-]*:)?(?://|\\\\)[^\s'\"`()<>]*|(?:javascript|vbscript|file):[^\s'\"`]*",
                         re.I)
TRIM = re.compile(r"^[\x00-\x20]+|[\x00-\x20]+$")
SCHEME = re.compile(r"([a-zA-Z][a-zA-Z0-9+.-]*):")
SPECIAL = {"file", "http", "https", "ftp", "ws", "wss"}     # WHATWG "special" schemes: there \\ is /
REFRESH_URL = re.compile(r"url\s*=\s*['\"]?([^'\"]*)", re.I)


class Reference(NamedTuple):
    url: str
    fetched: bool       # loaded by the browser itself (else only when the reader clicks)


def _css_urls(nodes) -> Iterator[str]:
    """Every URL in CSS parsed by tinycss2 (rules, declarations, blocks and functions, at any depth)."""
    for node in nodes or ():
        kind = node.type
        if kind == "url":
            yield node.value
        elif kind == "function":
            args = [a for a in node.arguments if a.type not in ("whitespace", "comment")]
            if node.lower_name in CSS_URL_FUNCTIONS and args and args[0].type == "string":
                yield args[0].value
            elif node.lower_name in CSS_IMAGE_FUNCTIONS:
                yield from (a.value for a in args if a.type == "string")
            yield from _css_urls(node.arguments)
        elif kind == "at-rule":
            prelude = [t for t in node.prelude if t.type not in ("whitespace", "comment")]
            if node.lower_at_keyword == "import" and prelude and prelude[0].type == "string":
                yield prelude[0].value
            yield from _css_urls(node.prelude)
            yield from _css_urls(node.content)
        elif kind == "qualified-rule":
            yield from _css_urls(node.prelude)
            yield from _css_urls(node.content)
        elif kind == "declaration":
            yield from _css_urls(node.value)
        elif kind in ("() block", "[] block", "{} block"):
            yield from _css_urls(node.content)


def css_references(css: str, attribute: bool = False) -> list[Reference]:
    """Every URL a stylesheet or ``<style>`` (or with ``attribute``, a ``style`` attribute's declarations) loads,
    all fetched: ``url(…)``, ``@import``, ``image-set()``/``-webkit-image-set()`` and the like, found by parsing
    the CSS as the browser does (tinycss2: CSS Syntax Level 3, escapes decoded, errors recovered)."""
    import tinycss2
    nodes = tinycss2.parse_blocks_contents(css) if attribute else tinycss2.parse_stylesheet(css)
    return [Reference(url, True) for url in _css_urls(nodes)]


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
                self.found += css_references(value, attribute=True)
            elif name == "srcdoc":   # a document of its own, read against this page's URL
                self.found += html_references(value)
            elif name.startswith("on"):
                self.found += [Reference(u, True) for u in HANDLER_URL.findall(value)]
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


# How a browser opening a file from file:// takes it, by its extension in any case (Word's "web page" is .htm):
# documents that load what they name, and stylesheets. Other known types load nothing by themselves.
MARKUP_SUFFIXES = {".html", ".htm", ".xhtml", ".xht", ".shtml", ".svg", ".xml", ".xsl", ".xslt", ".mht", ".mhtml"}
CSS_SUFFIXES = {".css"}
INERT_SUFFIXES = {".js", ".mjs", ".json", ".map", ".txt", ".csv", ".tsv", ".md", ".pdf", ".png", ".jpg", ".jpeg",
                  ".gif", ".webp", ".avif", ".ico", ".bmp", ".woff", ".woff2", ".ttf", ".otf", ".eot", ".xlsx",
                  ".xls", ".docx", ".doc", ".pptx", ".zip", ".gz", ".wasm", ".mp4", ".webm", ".mp3", ".ogg", ".yml",
                  ".yaml", ".webmanifest"}
# A file of no or an unknown type is sniffed: Chromium shows it as HTML when it starts with one of these.
HTML_START = re.compile(rb"\s*<(?:!doctype\s+html|html|head|body|script|iframe|style|title|img|svg|a\s|div|p[\s>]|"
                        rb"table|font|br|b[\s>]|h1|!--|\?xml)", re.I)


def readable(path: Path) -> tuple[str, str] | None:
    """``("markup" | "css", text)`` if a browser opening ``path`` would load what it names, else None.

    The text is decoded as the browser would (UTF-16 or UTF-8 by its byte order mark, else UTF-8 with every
    undecodable byte replaced: URLs are ASCII, so a page in Shift_JIS or windows-1252 still shows its references).
    """
    suffix = path.suffix.lower()
    if suffix in INERT_SUFFIXES:
        return None
    raw = path.read_bytes()
    if suffix in CSS_SUFFIXES:
        kind = "css"
    elif suffix in MARKUP_SUFFIXES or HTML_START.match(raw[:1024].lstrip(b"\xef\xbb\xbf")):
        kind = "markup"
    else:
        return None
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return kind, raw.decode("utf-16", errors="replace")
    return kind, raw.decode("utf-8-sig", errors="replace")


def references_in(path: Path) -> list[Reference]:
    """Every reference in the file at ``path`` that a browser would follow (``readable``)."""
    found = readable(path)
    if found is None:
        return []
    kind, text = found
    return html_references(text) if kind == "markup" else css_references(text)
