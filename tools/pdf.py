"""Print each of the handbook's four parts as one A4 PDF: cover, table of contents with page numbers, page footers.

    python -m tools.pdf [--site site] [--out dist]

Printed from a built site, online or offline (``make site`` prints from the offline build, so that the PDFs are
in the zip before the online build states the zip's size and hash, and adds them to both sites under
downloads/generated/pdf/). For each part, the built pages are joined into one print document (links inside the
part become links inside the PDF, other links the site's address when one is configured), printed with headless
Debian Chromium (fonts-noto-cjk for Japanese), printed again with the TOC page numbers read from the first
print's bookmarks, and written to ``<out>/<part>.pdf``.
"""
from __future__ import annotations

import argparse
import hashlib
import io
import posixpath
import re
import shutil
import sys
from dataclasses import dataclass
from html import escape, unescape
from pathlib import Path

from mkdocs.config import load_config
from pypdf import PdfReader, PdfWriter

from handbook.model.buildinfo import build_info
from handbook.outputs.downloads.catalog import PARTS, Part
from handbook.outputs.downloads.links import PDF_FOLDER
from handbook.outputs.files import write_atomic
from handbook.model import load
from handbook.render.links import page_url
from tools import chromium

ROOT = Path(__file__).resolve().parent.parent
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

FOOTER = ('<div style="width:100%;margin:0 14mm;display:flex;justify-content:space-between;'
          "font-family:'Noto Sans CJK JP',sans-serif;font-size:7.5pt;color:#333\">"
          '<span>{text}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


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


def _site_path(page_dir: str, ref: str) -> str | None:
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
        target = _site_path(page_dir, path)
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


# ---------------------------------------------------------------- printing and page numbers

def norm(text: str) -> str:
    return re.sub(r"\s+", "", unescape(text))


def bookmarks(pdf: bytes) -> list[tuple[str, int]]:
    """(title, page number from 1) of every PDF bookmark, in document order."""
    reader = PdfReader(io.BytesIO(pdf))
    out = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                out.append((norm(item.title), reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return out


def page_numbers(entries: list[tuple[int, str, str]], marks: list[tuple[str, int]]) -> list[int]:
    """The page of each TOC entry: the next bookmark after the TOC's own (目次), in order, with the same text."""
    numbers = []
    i = next((k + 1 for k, (title, _) in enumerate(marks) if title == TOC_TITLE), 0)
    for _, text, _ in entries:
        key = norm(text)
        while i < len(marks) and marks[i][0] != key:
            i += 1
        if i == len(marks):
            raise RuntimeError(f"heading not found among the PDF bookmarks: {text}")
        numbers.append(marks[i][1])
        i += 1
    return numbers


def pdf_date(date: str) -> str:
    return "D:" + date.replace("-", "") + "000000Z"


def with_metadata(pdf: bytes, title: str, build: dict, site_name: str) -> bytes:
    """Fixed document information (dates from the build date), so the same commit prints the same file."""
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(pdf)))
    writer.add_metadata({"/Title": title, "/Author": site_name, "/Subject": f"{site_name} {build['edition']}",
                         "/Creator": "tools/pdf.py (Chromium)", "/Producer": "pypdf",
                         "/CreationDate": pdf_date(build["date"]), "/ModDate": pdf_date(build["date"])})
    out = io.BytesIO()
    writer.write(out)
    return stable_struct_ids(out.getvalue())


STRUCT_ID = re.compile(rb"\(node(\d{8})\)")


def stable_struct_ids(pdf: bytes) -> bytes:
    """Chromium names the tagged-PDF structure elements after its DOM node ids (``(node00000265)``), which differ
    from run to run. Renumber them 0, 1, 2, … in their own order: same length (offsets stay valid), same order
    (the ID name tree stays sorted), same bytes for the same document."""
    found = sorted({int(m) for m in STRUCT_ID.findall(pdf)})
    new = {n: i for i, n in enumerate(found)}
    return STRUCT_ID.sub(lambda m: b"(node%08d)" % new[int(m.group(1))], pdf)


def print_book(browser, html_path: Path, footer: str) -> bytes:
    page = browser.new_page()
    try:
        page.goto(html_path.as_uri(), wait_until="load")
        return page.pdf(prefer_css_page_size=True, print_background=True, display_header_footer=True,
                        header_template="<span></span>", footer_template=footer, outline=True, tagged=True)
    finally:
        page.close()


def make_part_pdf(browser, site: Path, part: Part, pages_src: list[str], config, build: dict,
                  cache: Path | None = None) -> bytes:
    """Join the part's built pages, print twice (the second time with TOC page numbers), return the PDF.
    ``browser()`` gives the Playwright browser; ``cache`` keeps PDFs by the digest of what was printed."""
    in_nav = set(nav_pages(config["nav"]))
    pages = [Page(src, f"p{k}", in_nav=src in in_nav) for k, src in enumerate(pages_src)]
    for p in pages:
        p.dir = built_file(site, p.src).parent.relative_to(site).as_posix().removeprefix(".")
    book = {page_url(p.src, True).rstrip("/"): p.anchor for p in pages}
    first = built_file(site, pages[0].src).read_text(encoding="utf-8")
    first_dir = pages[0].dir
    head = "".join(f'<link rel="stylesheet" href="{escape(_site_path(first_dir, unescape(h)))}">'
                   for h in STYLESHEET.findall(first))
    body_attrs = BODY.search(first).group(1)
    for p in pages:
        found = ARTICLE.search(built_file(site, p.src).read_text(encoding="utf-8"))
        if not found:
            raise RuntimeError(f"no article in the built page of {p.src}")
        p.html = rewrite(found.group(1), p, book, config["site_url"] or "")
    entries = toc_entries(pages)
    footer = FOOTER.format(text=escape(f"{config['site_name']}　{part.title}（{build['edition']}・ビルド {build['date']}）"))
    numbers: list[int | None] = [None] * len(entries)
    first = book_html(part, pages, head, body_attrs, build, config, numbers)
    key = hashlib.sha256("\0".join([first, footer, chromium.binary_stamp(), Path(__file__).read_text(encoding="utf-8"),
                                     *(p.read_text(encoding="utf-8") for p in sorted(site.rglob("*.css")))])
                         .encode("utf-8")).hexdigest()
    cached = cache / f"{part.id}-{key}.pdf" if cache else None
    if cached and cached.is_file():
        return cached.read_bytes()
    html_path = site / f"dx-print-{part.id}.html"
    try:
        for _ in range(3):
            html_path.write_text(book_html(part, pages, head, body_attrs, build, config, numbers), encoding="utf-8")
            pdf = print_book(browser(), html_path, footer)
            found = page_numbers(entries, bookmarks(pdf))
            if found == numbers:
                pdf = with_metadata(pdf, f"{part.title}｜{config['site_name']}", build, config["site_name"])
                if cached:
                    write_atomic(cached, pdf)
                return pdf
            numbers = found
        raise RuntimeError(f"{part.id}: table of contents page numbers did not settle")
    finally:
        html_path.unlink(missing_ok=True)


def make_pdfs(site: Path, out_dir: Path, root: Path = ROOT, parts: tuple[Part, ...] = PARTS,
              browser=None) -> list[Path]:
    """Write ``<out_dir>/<part>.pdf`` for each part from a site built from ``root``; returns the paths written.

    ``browser`` is a Playwright Chromium browser; without one, Debian Chromium is launched for the run (only if a
    part is not in the cache). A part whose print document, browser and this code are unchanged since an earlier
    run is taken from build/cache/pdf/ instead of being printed again.
    """
    config = load_config(str(root / "mkdocs.yml"))
    build = build_info(root, load(root))
    out_dir.mkdir(parents=True, exist_ok=True)
    with _browser(browser) as launched:
        written = []
        for part in parts:
            pages = part_pages(part, config["nav"], Path(config["docs_dir"]))
            pdf = make_part_pdf(launched, site, part, pages, config, build, root / "build/cache/pdf")
            path = out_dir / f"{part.id}.pdf"
            path.write_bytes(pdf)
            written.append(path)
    return written


class _browser:
    """The given Playwright browser, or Debian Chromium launched on first use and closed at the end."""

    def __init__(self, browser):
        self.given, self.launched, self.playwright = browser, None, None

    def __enter__(self):
        return self

    def __call__(self):
        if self.given is not None:
            return self.given
        if self.launched is None:
            from playwright.sync_api import sync_playwright
            self.playwright = sync_playwright().start()
            self.launched = chromium.launch(self.playwright)
        return self.launched

    def __exit__(self, *exc):
        if self.launched is not None:
            self.launched.close()
            self.playwright.stop()


def add_to_site(pdfs: list[Path], site: Path) -> None:
    """Copy the PDFs into a built site under their download names (where the downloads page links to them)."""
    folder = site / PDF_FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    names = {p.id: p.pdf_name for p in PARTS}
    for pdf in pdfs:
        shutil.copyfile(pdf, folder / names[pdf.stem])


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, default=ROOT / "site", help="a built site, online or offline (default: site/)")
    parser.add_argument("--out", type=Path, default=ROOT / "dist")
    args = parser.parse_args(argv)
    pdfs = make_pdfs(args.site, args.out)
    for pdf in pdfs:
        print(f"wrote {pdf} ({len(PdfReader(pdf).pages)} pages, {pdf.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
