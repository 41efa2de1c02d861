"""The print document of one part: which built pages, in which order, joined into one HTML book with a cover and a
table of contents (links inside the part become links inside the book)."""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from handbook.outputs.downloads.catalog import Part
from handbook.render.links import page_url

SKIP_IN_TOC = {"出典"}
TOC_TITLE = "目次"

BOOK_CSS = """
.dx-book-cover { break-after: page; padding-top: 40mm; }
.dx-book-cover .dx-book-site { font-size: 14pt; margin: 0 0 4mm; }
.md-typeset .dx-book-cover h1 { font-size: 26pt; margin: 0 0 12mm; }
.dx-book-cover dl { display: grid; grid-template-columns: 7em 1fr; gap: 2mm 4mm; margin: 0 0 12mm; }
.dx-book-cover dt { font-weight: 700; }
.dx-book-cover dd { margin: 0; }
.dx-book-toc { break-after: page; }
.dx-book-toc ol { list-style: none; margin: 0 !important; padding: 0; }
.md-typeset .dx-book-toc li { display: flex; align-items: baseline; margin: 0 0 1.2mm !important; }
.dx-book-toc li.dx-toc-2 { padding-left: 1.5em; font-size: .95em; }
.dx-book-toc li.dx-toc-1 { font-weight: 700; margin-top: 3mm !important; }
.md-typeset .dx-book-toc a { display: contents; color: #000; text-decoration: none; }
.dx-toc-dots { flex: 1; border-bottom: 1px dotted #666; margin: 0 .4em; min-width: 2em; }
.dx-toc-page { width: 2.5em; text-align: right; font-variant-numeric: tabular-nums; }
.dx-book-page { break-before: page; }
"""


@dataclass
class Page:
    """One built page of a part: its source path, its anchor in the book, and its rewritten content."""

    src: str
    anchor: str
    html: str = ""
    dir: str | None = None   # the folder of its built file in the site (default: as in an online build)
    in_nav: bool = True  # a page left out of the nav (each case) has only its title in the table of contents


# ---------------------------------------------------------------- which pages, in which order

def nav_pages(nav) -> list[str]:
    """Every page path in a MkDocs ``nav``, in reading order."""
    out = []
    for item in nav or []:
        if isinstance(item, str):
            out.append(item)
        elif isinstance(item, dict):
            for value in item.values():
                out += [value] if isinstance(value, str) else nav_pages(value)
    return out


def part_pages(part: Part, nav, docs_dir: Path) -> list[str]:
    """The part's pages in nav order, then its pages left out of the nav (e.g. each case) by name."""
    listed = [p for p in nav_pages(nav) if p.startswith(part.prefix)]
    others = sorted(p.relative_to(docs_dir).as_posix() for p in (docs_dir / part.prefix).rglob("*.md"))
    return listed + [p for p in others if p not in listed]


# ---------------------------------------------------------------- joining built pages into one document

ARTICLE = re.compile(r'<article class="md-content__inner md-typeset">(.*)</article>', re.S)
ID_ATTR = re.compile(r'(?<![\w:-])(id|for)="([^"]+)"')
IDREFS_ATTR = re.compile(r'(?<![\w:-])(aria-labelledby|aria-describedby|aria-controls)="([^"]+)"')
URL_ATTR = re.compile(r'(?<![\w:-])(href|src)="([^"]*)"')
HEADING = re.compile(r"<h([12])([^>]*)>(.*?)</h\1>", re.S)
STYLESHEET = re.compile(r'<link rel="stylesheet" href="([^"]+)"[^>]*>')
BODY = re.compile(r"<body([^>]*)>")


def built_file(site: Path, src: str) -> Path:
    """The built page of ``src`` in an online build (``a/b/index.html``) or an offline one (``a/b.html``)."""
    url = page_url(src, use_directory_urls=True)
    online = site / (url + "index.html" if url == "" or url.endswith("/") else url)
    return online if online.exists() else site / page_url(src, use_directory_urls=False)


def address(target: str) -> str:
    """A built page's site path as its address on the online site, without the last slash (``a/b.html``,
    ``a/b/index.html`` and ``a/b`` -> ``a/b``)."""
    target = target.removesuffix("index.html")
    return (target.removesuffix(".html") if target.endswith(".html") else target).rstrip("/")


def site_path(page_dir: str, ref: str) -> str | None:
    """A relative reference resolved to a site-root path (``None`` if it leaves the site)."""
    target = posixpath.normpath(posixpath.join(page_dir, ref)) if ref else page_dir
    return None if target.startswith("..") else ("" if target == "." else target)


def rewrite(html: str, page: Page, book: dict[str, str], site_url: str) -> str:
    """Prefix ids with the page's anchor; links inside the book become #anchors, others the site's address (or
    plain text when no ``site_url`` is configured)."""
    prefix = page.anchor + "-"
    page_dir = page_url(page.src, True).rstrip("/") if page.dir is None else page.dir

    def url(m: re.Match) -> str:
        attr, ref = m.group(1), unescape(m.group(2))
        if ref.startswith("#"):
            return f'{attr}="#{prefix}{ref[1:]}"' if len(ref) > 1 else m.group(0)
        if re.match(r"^[a-z][a-z0-9+.-]*:", ref):
            return m.group(0)
        path, _, fragment = ref.partition("#")
        target = site_path(page_dir, path)
        if target is None:
            return m.group(0)
        if attr == "src":
            return f'src="{escape(target)}"'
        key = address(target)
        if key in book:
            anchor = book[key]
            return f'href="#{anchor}-{escape(fragment)}"' if fragment else f'href="#{anchor}"'
        if not site_url:
            return ""
        if target.endswith(".html"):   # a page of an offline build: its directory URL online
            target, slash = key, "/" if key else ""
        else:
            slash = "/" if path.endswith("/") and target else ""
        return f'href="{escape(site_url + target + slash + ("#" + fragment if fragment else ""))}"'

    html = ID_ATTR.sub(lambda m: f'{m.group(1)}="{prefix}{m.group(2)}"', html)
    html = IDREFS_ATTR.sub(lambda m: f'{m.group(1)}="{" ".join(prefix + i for i in m.group(2).split())}"', html)
    return URL_ATTR.sub(url, html)


def heading_text(inner: str) -> str:
    """A heading's visible text: tags and the ¶ permalink removed, spaces collapsed."""
    inner = re.sub(r'<a [^>]*class="headerlink"[^>]*>.*?</a>', "", inner, flags=re.S)
    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", "", inner))).strip()


def toc_entries(pages: list[Page]) -> list[tuple[int, str, str]]:
    """(level, text, anchor) for each page title and its second-level headings (出典 left out); a page left out
    of the nav (each case, whose sections have the same names on every case) gives its title only, so each case
    appears once."""
    out = []
    for page in pages:
        for m in HEADING.finditer(page.html):
            level, text = int(m.group(1)), heading_text(m.group(3))
            found = re.search(r'\bid="([^"]+)"', m.group(2))
            if level == 1:
                out.append((1, text, page.anchor))
            elif text not in SKIP_IN_TOC and page.in_nav:
                out.append((2, text, found.group(1) if found else page.anchor))
    return out


def book_html(part: Part, pages: list[Page], head: str, body_attrs: str, build: dict, config,
              numbers: list[int | None]) -> str:
    """The whole part as one HTML document: cover, table of contents, then every page."""
    toc = "".join(
        f'<li class="dx-toc-{level}"><a href="#{escape(anchor)}"><span class="dx-toc-text">{escape(text)}</span>'
        f'<span class="dx-toc-dots"></span><span class="dx-toc-page">{n or ""}</span></a></li>'
        for (level, text, anchor), n in zip(toc_entries(pages), numbers))
    cover = (f'<section class="dx-book-cover"><p class="dx-book-site">{escape(config["site_name"])}</p>'
             f"<h1>{escape(part.title)}</h1><dl>"
             f"<dt>版</dt><dd>{escape(build['edition'])}（第{escape(build['version'])}版）</dd>"
             f"<dt>ビルド</dt><dd>{escape(build['date'])}（コミット {escape(build['commit'])}）</dd>"
             + (f"<dt>ウェブ版</dt><dd>{escape(config['site_url'])}</dd>" if config["site_url"] else "") + "</dl>"
             "<p>本書は、ウェブ版の各ページを印刷用に1つにまとめたものである。本サイトは公開資料をもとに作成した"
             "非公式のウェブ版であり、正式な内容は総務省の原文で確認すること。</p></section>")
    body = "".join(f'<section class="dx-book-page" id="{p.anchor}">{p.html}</section>' for p in pages)
    return (f'<!doctype html><html lang="ja"><head><meta charset="utf-8">'
            f"<title>{escape(part.title)}｜{escape(config['site_name'])}</title>{head}<style>{BOOK_CSS}</style>"
            f"</head><body{body_attrs}><div class=\"md-container\"><main class=\"md-main\"><div class=\"md-content\">"
            f'<article class="md-content__inner md-typeset">{cover}'
            f'<nav class="dx-book-toc" aria-labelledby="dx-book-toc-title"><h2 id="dx-book-toc-title">{TOC_TITLE}</h2>'
            f"<ol>{toc}</ol></nav>{body}</article></div></main></div></body></html>")
