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
import shutil
import sys
from html import escape, unescape
from pathlib import Path

from mkdocs.config import load_config
from pypdf import PdfReader

from handbook.data.atomic import write_atomic
from handbook.model import load
from handbook.model.buildinfo import build_info
from handbook.outputs.downloads.catalog import PARTS, Part
from handbook.outputs.downloads.links import PDF_FOLDER
from handbook.render.links import page_url
from tools import chromium
from tools.pdf_book import (ARTICLE, BODY, STYLESHEET, Page, site_path, book_html, built_file, nav_pages, part_pages,
                            rewrite, toc_entries)
from tools.pdf_marks import bookmarks, page_numbers, with_metadata

ROOT = Path(__file__).resolve().parent.parent
CODE = [Path(__file__), Path(__file__).with_name("pdf_book.py"), Path(__file__).with_name("pdf_marks.py")]

FOOTER = ('<div style="width:100%;margin:0 14mm;display:flex;justify-content:space-between;'
          "font-family:'Noto Sans CJK JP',sans-serif;font-size:7.5pt;color:#333\">"
          '<span>{text}</span><span><span class="pageNumber"></span> / <span class="totalPages"></span></span></div>')


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
    head = "".join(f'<link rel="stylesheet" href="{escape(site_path(first_dir, unescape(h)))}">'
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
    key = hashlib.sha256("\0".join([first, footer, chromium.binary_stamp(), *(c.read_text(encoding="utf-8") for c in CODE),
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
