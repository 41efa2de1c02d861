"""Printing: pages print on A4 without the site's chrome, and each part prints as one PDF with Japanese text."""
from __future__ import annotations

import re
from html import unescape

import pytest
from pypdf import PdfReader

from handbook.outputs.downloads.catalog import PARTS
from tests.browser import chromium, script  # noqa: F401  (chromium: Playwright fixture)
from tools import pdf as pdf_tool

pytestmark = pytest.mark.browser

A4_TEXT_WIDTH = 688    # CSS px between the 14 mm side margins of an A4 sheet
CHROME = {
    "header": ".md-header", "tabs": ".md-tabs", "navigation sidebar": ".md-sidebar--primary",
    "contents sidebar": ".md-sidebar--secondary", "search": ".md-search", "footer navigation": ".md-footer__inner",
    "edit and feedback links": ".dx-page-actions",
}


def printed(chromium, site, path: str):  # noqa: F811
    page = chromium.new_page(viewport={"width": A4_TEXT_WIDTH, "height": 1000})
    page.emulate_media(media="print")
    page.goto((site / path).as_uri())
    return page


def test_print_hides_the_site_chrome_but_keeps_the_build_stamp(chromium, site):  # noqa: F811
    page = printed(chromium, site, "standardization/ch2/planning/index.html")
    for name, selector in CHROME.items():
        assert page.locator(selector).count() > 0, f"{name} is not on the page: selector out of date?"
        assert not page.locator(selector).first.is_visible(), f"{name} is printed"
    assert page.locator(".dx-build-stamp").is_visible()
    assert page.locator("article h1").is_visible()
    page.close()


def test_print_writes_out_external_link_addresses_only(chromium, site):  # noqa: F811
    page = printed(chromium, site, "standardization/ch2/planning/index.html")
    after = "(a) => getComputedStyle(a, '::after').content"
    external = page.locator('.dx-sources a[href^="http"]').first
    href = external.get_attribute("href")
    assert href in external.evaluate(after)
    internal = page.locator('article a[href^="../"]').first
    assert internal.evaluate(after) in ("none", "normal")
    page.close()


@pytest.mark.parametrize("path", ["standardization/ch2/index.html", "online/policy/index.html",
                                  "downloads/index.html", "overall/step2/external-talent/index.html"])
def test_printed_tables_fit_the_width_of_an_a4_sheet(chromium, site, path):  # noqa: F811
    page = printed(chromium, site, path)
    assert page.locator("article table").count() > 0
    assert page.evaluate(script("printed-table-overflow")) == []
    page.close()


# ---------------------------------------------------------------- one PDF per part

def pdf_text(text: str) -> str:
    """Text as extracted from a PDF, with spaces removed and ‧ read as ・."""
    return re.sub(r"\s+", "", text.replace("\u2027", "・"))


def heading_pattern(heading: str) -> re.Pattern:
    """A heading as it may come out of PDF text extraction: a kanji may come out as a CJK radical
    look-alike (⼿ for 手, ⺠ for 民), so each kanji also matches any radical code point."""
    return re.compile("".join(f"(?:{ch}|[\u2e80-\u2fdf])" if "\u4e00" <= ch <= "\u9fff" else re.escape(ch)
                              for ch in pdf_text(heading)))


@pytest.fixture(scope="module")
def part_pdfs(chromium, project, site, tmp_path_factory):  # noqa: F811
    out = tmp_path_factory.mktemp("pdf")
    return {p.stem: p for p in pdf_tool.make_pdfs(site, out, project, browser=chromium)}


def part_headings(project, site, part) -> list[str]:
    """Each page title and second-level heading of a part, from the built site."""
    from mkdocs.config import load_config
    config = load_config(str(project / "mkdocs.yml"))
    out = []
    for src in pdf_tool.part_pages(part, config["nav"], project / "build/docs"):
        html = pdf_tool.built_file(site, src).read_text(encoding="utf-8")
        article = pdf_tool.ARTICLE.search(html).group(1)
        out += [pdf_tool.heading_text(m.group(3)) for m in pdf_tool.HEADING.finditer(article)]
    return out


@pytest.mark.parametrize("part", PARTS, ids=[p.id for p in PARTS])
def test_each_part_is_one_pdf_with_its_headings_in_japanese(part_pdfs, project, site, part):
    reader = PdfReader(part_pdfs[part.id])
    pages = len(reader.pages)
    assert pages >= 3
    text = [pdf_text(p.extract_text()) for p in reader.pages]
    assert heading_pattern(part.title).search(text[0]) and heading_pattern("目次").search(text[1])
    whole = "".join(text)
    missing = [h for h in part_headings(project, site, part) if not heading_pattern(unescape(h)).search(whole)]
    assert missing == []
    assert f"1/{pages}" in text[0] and f"{pages}/{pages}" in text[-1]
    fonts = {str(f) for page in reader.pages[:3] for f in _font_names(page)}
    assert any("NotoSansCJK" in f for f in fonts), fonts
    assert reader.metadata.title.startswith(part.title)


def _font_names(page):
    """Names of the fonts a page uses (Chromium embeds CJK glyphs as Type 3 fonts named in their descriptor)."""
    for font in page["/Resources"]["/Font"].values():
        font = font.get_object()
        for f in [font] + [d.get_object() for d in font.get("/DescendantFonts", [])]:
            yield f.get("/BaseFont", "")
            if "/FontDescriptor" in f:
                yield f["/FontDescriptor"].get_object().get("/FontName", "")


def test_pdf_table_of_contents_gives_the_page_each_heading_starts_on(part_pdfs):
    reader = PdfReader(part_pdfs["standardization"])
    first_page = dict(reversed(pdf_tool.bookmarks(part_pdfs["standardization"].read_bytes())))
    heading = "⑭データ移行【A,Bパターン共通】"
    page = first_page[heading]
    toc = "".join(pdf_text(p.extract_text()) for p in reader.pages[1:4])
    assert re.search(heading_pattern(heading).pattern + str(page) + r"(?!\d)", toc), toc
    assert heading_pattern(heading).search(pdf_text(reader.pages[page - 1].extract_text()))


def test_pdfs_are_added_to_a_site_under_their_download_names(part_pdfs, tmp_path):
    pdf_tool.add_to_site(list(part_pdfs.values()), tmp_path)
    assert sorted(p.name for p in (tmp_path / "downloads/generated/pdf").iterdir()) == sorted(p.pdf_name for p in PARTS)


def test_the_same_build_prints_the_same_pdf_and_reuses_it(chromium, project, site, part_pdfs, tmp_path):  # noqa: F811
    """Printed again, a part is byte-identical; a cached print is reused without starting a browser."""
    online = next(p for p in PARTS if p.id == "online")
    cache = project / "build/cache/pdf"
    for old in cache.glob("online-*.pdf"):
        old.unlink()
    again = pdf_tool.make_pdfs(site, tmp_path / "again", project, parts=(online,), browser=chromium)
    assert again[0].read_bytes() == part_pdfs["online"].read_bytes()
    cached = sorted(cache.glob("online-*.pdf"))
    assert len(cached) == 1, "the print was not cached"
    cached[0].write_bytes(b"%PDF-cached")
    reused = pdf_tool.make_pdfs(site, tmp_path / "reused", project, parts=(online,), browser=None)
    assert reused[0].read_bytes() == b"%PDF-cached"
