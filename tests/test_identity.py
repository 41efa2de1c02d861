"""The site's identity (address, repository, feedback mail) comes from the environment and nothing made-up reaches a
reader: no placeholder address in any page, data file, workbook or PDF; no request to a third-party host; with the
identity set (as the deploy workflow sets it, tests/identity.py), the links appear where readers look for them."""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from tests import identity
from tests.browser import NetworkGuard, serve, site_path
from tests.pdfs import page_texts

PLACEHOLDER = re.compile(r"[\w.-]*example\.[\w./-]*|github\.com/example[\w./-]*", re.I)
SKIPPED = {".map", ".zip", ".png", ".jpg", ".gif", ".ico", ".woff", ".woff2"}   # source maps: the theme's own code


def file_texts(path: Path) -> list[str]:
    """What a reader can see or follow in a file: a workbook's XML parts, a PDF's text and link targets, or the
    file's text."""
    if path.suffix == ".xlsx":
        with zipfile.ZipFile(path) as package:
            return [package.read(name).decode("utf-8") for name in package.namelist()]
    if path.suffix == ".pdf":
        reader = PdfReader(path)
        links = [str(a.get_object().get("/A", {}).get("/URI", "")) for page in reader.pages
                 for a in page.get("/Annots") or []]
        return page_texts(path) + links
    try:
        return [path.read_text(encoding="utf-8")]
    except UnicodeDecodeError:
        return []


def placeholders(*folders: Path) -> list[str]:
    """``file: address`` for every placeholder address (example.…, github.com/example) in the folders' files."""
    found, seen = [], set()
    for folder in folders:
        for path in sorted(p for p in folder.rglob("*") if p.is_file() and p.suffix not in SKIPPED):
            digest = hashlib.sha256(path.read_bytes()).digest()   # a PDF in dist/ and in the site is read once
            if digest in seen:
                continue
            seen.add(digest)
            for text in file_texts(path):
                found += [f"{path.relative_to(folder)}: {m}" for m in sorted(set(PLACEHOLDER.findall(text)))]
    return found


@pytest.mark.browser   # prints the PDF with Chromium
def test_the_placeholder_check_finds_an_address_in_a_page_a_workbook_and_a_pdf(tmp_path, chromium):
    (tmp_path / "page.html").write_text('<a href="mailto:dx@example.jp">意見</a>', encoding="utf-8")
    book = openpyxl.Workbook()
    book.active["A1"] = "https://example.github.io/x/"
    book.save(tmp_path / "book.xlsx")
    page = chromium.new_page()
    page.set_content("<p>https://github.com/example/handbook</p>")
    (tmp_path / "book.pdf").write_bytes(page.pdf())
    page.close()
    found = placeholders(tmp_path)
    assert {line.split(":")[0] for line in found} == {"book.pdf", "book.xlsx", "page.html"}, found
    assert "page.html: example.jp" in found


def test_no_placeholder_address_in_the_built_sites_their_workbooks_and_open_data(site, offline_site):
    assert placeholders(site, offline_site) == []


def page_actions(html: str) -> str:
    start = html.index('<aside class="dx-page-meta"')
    return html[start:html.index("</aside>", start)]


def test_identity_set_in_the_environment_reaches_pages_workbooks_and_open_data(site):
    actions = page_actions((site / "overall/step1/index.html").read_text(encoding="utf-8"))
    assert f'href="mailto:{identity.FEEDBACK_EMAIL}?subject=' in actions
    assert f'href="{identity.REPOSITORY}/issues/new?template=report.yml&amp;title=' in actions
    assert f'href="{identity.REPOSITORY}/edit/main/docs/overall/step1.md"' in actions
    about = (site / "about/index.html").read_text(encoding="utf-8")
    assert f'<link rel="canonical" href="{identity.SITE_URL}about/">' in about
    tasks = json.loads((site / "api/work-items.json").read_text(encoding="utf-8"))
    urls = [item["url"] for item in tasks["items"] if item.get("url")]
    assert urls and all(url.startswith(identity.SITE_URL) for url in urls)
    plan = next((site / "downloads/generated").glob("*.xlsx"))
    sheet = openpyxl.load_workbook(plan)["この様式について"]
    page = next(row[1] for row in sheet.iter_rows(min_row=3) if row[0].value == "掲載ページ")
    assert page.value.startswith(identity.SITE_URL) and page.hyperlink.target == page.value


def test_issue_form_asks_in_japanese_for_what_the_pages_fill_in():
    import yaml
    from tests.conftest import ROOT
    form = yaml.safe_load((ROOT / ".github/ISSUE_TEMPLATE/report.yml").read_text(encoding="utf-8"))
    ids = {field.get("id") for field in form["body"]}
    assert {"page", "what", "evidence"} <= ids   # page: filled in by each page's 「誤りを報告する」 link
    assert re.search(r"[ぁ-ん]", form["description"])


@pytest.mark.browser
def test_online_pages_request_nothing_from_another_host_and_show_no_repository_widget(chromium, site):
    """Every kind of page, over http with the network blocked: no request leaves the site (Material's header
    widget would call api.github.com for the repository's stars)."""
    pages = ["", "overall/step1/", "standardization/ch2/", "cases/", "about/", "about/status/", "downloads/",
             sorted(p.parent.name for p in (site / "cases").glob("case-*/index.html"))[0].join(("cases/", "/"))]
    with serve(site, site_path()) as base:
        context = chromium.new_context(locale="ja-JP")
        guard = NetworkGuard(context)
        page = context.new_page()
        for path in pages:
            page.goto(base + path, wait_until="networkidle")
            assert page.locator(".md-source").count() == 0, path
        context.close()
    assert guard.outside == []
