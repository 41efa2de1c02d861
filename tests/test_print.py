"""Printing: pages print on A4 without the site's chrome, and each part prints as one PDF with Japanese text."""
from __future__ import annotations

import functools
import re
import shutil
from collections import Counter
from html import unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from handbook.outputs.downloads.catalog import PARTS
from tests.browser import chromium, script  # noqa: F401  (chromium: Playwright fixture)
from tests.pdfs import page_texts
from tools import pdf as pdf_tool
from tools import pdf_book, pdf_marks

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


@pytest.fixture(scope="module")
def budget_pdf(chromium, site, tmp_path_factory):  # noqa: F811
    """⑧予算要求 printed on A4 from the online site (where Material makes internal links absolute): its pages' text."""
    from tests.browser import serve, site_path
    with serve(site, site_path()) as base:
        page = chromium.new_page()
        page.goto(base + "standardization/ch2/selection/08-budget/")
        page.wait_for_selector(".dx-stepnav[data-ready]")
        page.emulate_media(media="print")
        pdf = tmp_path_factory.mktemp("budget") / "08-budget.pdf"
        page.pdf(path=pdf, format="A4", prefer_css_page_size=True)
        page.close()
    return pdf_pages(pdf), base


def test_a_work_item_prints_on_a_few_a4_pages(budget_pdf):
    text, _ = budget_pdf
    assert len(text) <= 8


def test_a_printed_work_item_has_no_navigation_and_no_address_after_internal_links(budget_pdf):
    text, base = budget_pdf
    whole = "".join(text)
    assert whole.startswith("⑧予算要求") and "出典" in whole
    assert "作業項目①〜⑰の流れ" not in whole and "次の作業：" not in whole and "あなたの移行パターン" not in whole
    assert "127.0.0.1" not in whole  # an internal link prints as its text
    assert "https://www.soumu.go.jp/" in whole  # an external one with its address


def test_a_printed_work_item_shows_each_status_box_once(budget_pdf, site):
    text, _ = budget_pdf
    html = (site / "standardization/ch2/selection/08-budget/index.html").read_text(encoding="utf-8")
    titles = [pdf_text(unescape(t)) for t in re.findall(r'<p class="dx-status-title"><strong>(.*?)</strong>', html)]
    whole = "".join(text)
    assert titles and all(len(heading_pattern(t).findall(whole)) == 1 for t in titles)


# ---------------------------------------------------------------- one PDF per part

def pdf_text(text: str) -> str:
    """Text as extracted from a PDF, with spaces and line breaks removed."""
    return re.sub(r"\s+", "", text)


@functools.lru_cache(maxsize=None)
def pdf_pages(path: Path) -> list[str]:
    """Each page's text of the PDF at ``path`` (spaces removed), read once per test run and process."""
    return [pdf_text(t) for t in page_texts(path)]


def heading_pattern(heading: str) -> re.Pattern:
    """A heading as it comes out of the PDF's text (spaces removed)."""
    return re.compile(re.escape(pdf_text(heading)))


@pytest.fixture(scope="module")
def printed_site(site, tmp_path_factory) -> Path:
    """A copy of the session's site to print from: the printer writes its print document into the site it prints
    (as make site does in its private stage), and other tests read the shared site at the same time."""
    return Path(shutil.copytree(site, tmp_path_factory.mktemp("printed") / "site"))


@pytest.fixture(scope="module")
def part_pdfs(made_site):
    """The part PDFs `make site` printed (from its offline build: the same pages as the session's sites)."""
    return {p.stem: p for p in (made_site / "dist").glob("*.pdf")}


def part_headings(project, site, part) -> list[str]:
    """Each page title and second-level heading of a part, from the built site."""
    from mkdocs.config import load_config
    config = load_config(str(project / "mkdocs.yml"))
    out = []
    for src in pdf_book.part_pages(part, config["nav"], project / "build/docs"):
        html = pdf_book.built_file(site, src).read_text(encoding="utf-8")
        article = pdf_book.ARTICLE.search(html).group(1)
        out += [pdf_book.heading_text(m.group(3)) for m in pdf_book.HEADING.finditer(article)]
    return out


@pytest.mark.parametrize("part", PARTS, ids=[p.id for p in PARTS])
def test_each_part_is_one_pdf_with_its_headings_in_japanese(part_pdfs, project, site, part):
    reader = PdfReader(part_pdfs[part.id])
    text = pdf_pages(part_pdfs[part.id])
    pages = len(text)
    assert pages >= 3 and pages == len(reader.pages)
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
    text = pdf_pages(part_pdfs["standardization"])
    first_page = dict(reversed(pdf_marks.bookmarks(part_pdfs["standardization"].read_bytes())))
    heading = "⑭データ移行【A,Bパターン共通】"
    page = first_page[heading]
    toc = "".join(text[1:4])
    assert re.search(heading_pattern(heading).pattern + str(page) + r"(?!\d)", toc), toc
    assert heading_pattern(heading).search(text[page - 1])


def test_each_case_appears_once_in_the_table_of_contents_of_the_case_collection(part_pdfs, project):
    from handbook.model import load_handbook
    text = pdf_pages(part_pdfs["cases"])
    body_starts = dict(reversed(pdf_marks.bookmarks(part_pdfs["cases"].read_bytes())))["事例の読み方"]
    toc = "".join(text[1:body_starts - 1])
    cases = load_handbook(project / "data").cases
    titles = Counter(c.title for c in cases)  # a few cases share a title (押印見直しマニュアル…), not a municipality
    assert cases and all(len(heading_pattern(t).findall(toc)) == n for t, n in titles.items())
    assert not heading_pattern("取組みの概要").search(toc)  # the sections every case has are not listed


def test_a_page_out_of_the_nav_gives_only_its_title_to_the_table_of_contents():
    html = '<h1 id="t">題名</h1><h2 id="a">取組みの概要</h2>'
    listed, case = pdf_book.Page("cases/index.md", "p0", html), pdf_book.Page("cases/case-x.md", "p1", html, in_nav=False)
    assert pdf_book.toc_entries([listed, case]) == [(1, "題名", "p0"), (2, "取組みの概要", "a"), (1, "題名", "p1")]


def test_pdfs_are_added_to_a_site_under_their_download_names(part_pdfs, tmp_path):
    pdf_tool.add_to_site(list(part_pdfs.values()), tmp_path)
    assert sorted(p.name for p in (tmp_path / "downloads/generated/pdf").iterdir()) == sorted(p.pdf_name for p in PARTS)


def test_the_same_build_prints_the_same_pdf_and_reuses_it(chromium, project, printed_site, tmp_path):  # noqa: F811
    """Printed again, a part is byte-identical; a cached print is reused without starting a browser."""
    online = next(p for p in PARTS if p.id == "online")
    cache = project / "build/cache/pdf"
    prints = []
    for run in ("first", "again"):
        for old in cache.glob("online-*.pdf"):
            old.unlink()
        prints.append(pdf_tool.make_pdfs(printed_site, tmp_path / run, project, parts=(online,), browser=chromium)[0])
    assert prints[0].read_bytes() == prints[1].read_bytes()
    cached = sorted(cache.glob("online-*.pdf"))
    assert len(cached) == 1, "the print was not cached"
    cached[0].write_bytes(b"%PDF-cached")
    reused = pdf_tool.make_pdfs(printed_site, tmp_path / "reused", project, parts=(online,), browser=None)
    assert reused[0].read_bytes() == b"%PDF-cached"
