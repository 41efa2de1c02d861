"""`make site` (tools/make_site.py): one generate stage, one offline build, its PDFs, the zip, one online build that
offers that zip; site/ and dist/ are replaced only when all of it worked, and never half-way. Built here as a fresh
checkout builds, with no site identity configured: what is not configured is left out."""
from __future__ import annotations

import hashlib
import re
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from handbook.outputs.downloads.catalog import PARTS
from tools.builds import BuildFailed
from tools.make_site import STAGE_PREFIX, locked, make_site
from handbook.outputs.bundle import BUNDLE_NAME, SITE_PATH, TOP
from tests.browser import NetworkGuard, serve
from tests.pdfs import page_texts
from tests.test_identity import placeholders

pytestmark = pytest.mark.browser   # prints the PDFs with Chromium


@pytest.mark.parametrize("path", ["", "downloads/", "about/"])
def test_the_offline_edition_is_one_click_away_with_its_size_and_hash(made_site, chromium, path):
    """On the home, downloads and about pages: the link downloads the zip `make site` built (PDFs inside), and
    the size and SHA-256 the page states are that file's."""
    bundle = (made_site / "dist" / BUNDLE_NAME).read_bytes()
    with serve(made_site / "site") as base:
        context = chromium.new_context(locale="ja-JP", accept_downloads=True)
        guard = NetworkGuard(context)
        page = context.new_page()
        page.goto(base + path)
        box = page.locator(".dx-offline")
        with page.expect_download() as download:
            box.get_by_role("link", name=re.compile("オフライン版をダウンロードする")).click()
        got = Path(download.value.path()).read_bytes()
        shown = box.inner_text()
        context.close()
    assert got == bundle and guard.outside == []
    assert hashlib.sha256(bundle).hexdigest() in shown
    assert f"{len(bundle):,}バイト" in shown and re.search(r"版\s*\S+版（\d{4}-\d{2}-\d{2} 作成）", shown), shown
    assert "LGWAN" in shown and "index.html" in shown
    assert (made_site / "site" / SITE_PATH).read_bytes() == bundle


def test_the_offline_edition_says_what_it_is_instead_of_linking_to_itself(made_site):
    with zipfile.ZipFile(made_site / "dist" / BUNDLE_NAME) as zf:
        home = zf.read(f"{TOP}/index.html").decode("utf-8")
    assert "いま見ているのは、zipファイルを展開して開いたオフライン版" in home and SITE_PATH not in home


def test_without_an_identity_nothing_is_made_up(made_site):
    """No placeholder anywhere (pages, open data, workbooks, PDFs); no mail, issue or edit link; no web address
    on the PDF covers."""
    assert placeholders(made_site / "site", made_site / "dist") == []
    for page in (made_site / "site/overall/step1/index.html", made_site / "site/about/index.html"):
        html = page.read_text(encoding="utf-8")
        assert "mailto:" not in html and "/edit/main/" not in html and "/issues/new" not in html, page
    cover = page_texts(made_site / "dist/overall.pdf")[0]
    assert "https://" not in cover, cover


def test_site_and_bundle_offer_every_part_pdf(made_site):
    pdfs = sorted(p.pdf_name for p in PARTS)
    assert sorted(p.name for p in (made_site / "site/downloads/generated/pdf").iterdir()) == pdfs
    assert sorted(p.name for p in made_site.joinpath("dist").glob("*.pdf")) == sorted(f"{p.id}.pdf" for p in PARTS)
    names = zipfile.ZipFile(made_site / "dist" / BUNDLE_NAME).namelist()
    assert all(f"{TOP}/downloads/generated/pdf/{name}" in names for name in pdfs)
    assert f"{TOP}/index.html" in names
    html = (made_site / "site/downloads/index.html").read_text(encoding="utf-8")
    assert all(f"generated/pdf/{name}" in html for name in pdfs)


def test_a_failed_run_leaves_the_last_good_site_and_bundle(made_site):
    before = {p: p.stat().st_mtime_ns for p in (made_site / "site/index.html", made_site / "dist" / BUNDLE_NAME)}
    case = next((made_site / "data/cases").glob("case-*.yml"))
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
    try:
        with pytest.raises(BuildFailed, match=case.name):
            make_site(made_site)
    finally:
        case.write_text(good, encoding="utf-8")
    assert {p: p.stat().st_mtime_ns for p in before} == before
    assert not list((made_site / "build").glob(f"{STAGE_PREFIX}*")), "a failed run left its files behind"


def test_a_second_run_waits_for_the_first(made_site):
    probe = ("import fcntl, sys; f = open(sys.argv[1], 'w')\n"
             "try: fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError: sys.exit(3)")
    with locked(made_site):
        held = subprocess.run([sys.executable, "-c", probe, str(made_site / "build/.lock")])
    free = subprocess.run([sys.executable, "-c", probe, str(made_site / "build/.lock")])
    assert (held.returncode, free.returncode) == (3, 0)


def test_every_link_inside_the_bundle_resolves_the_pdfs_too(made_site, tmp_path):
    from tests.test_links import check_site, parse
    with zipfile.ZipFile(made_site / "dist" / BUNDLE_NAME) as zf:
        zf.extractall(tmp_path)
    bundle = tmp_path / TOP
    broken, _ = check_site(bundle)
    assert broken == []
    downloads = bundle / "downloads.html"   # the offline build has no folder URLs
    pdfs = [link for link in parse(downloads).links if link.endswith(".pdf")]
    assert len(pdfs) == len(PARTS) and all((downloads.parent / link).resolve().is_file() for link in pdfs), pdfs
