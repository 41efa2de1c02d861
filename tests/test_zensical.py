"""Zensical, the second host (MAINTAINING.md): both configs built with the pinned Zensical from a clean copy
must give what the MkDocs builds give — the same pages, the build stamp, page dates and edit/feedback
links — and the offline build must work from file:// with the network blocked, Japanese search included.
"""
from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from tests import identity
from tests.browser import NetworkGuard
from tests.conftest import BUILD_ENV, ROOT
from tests.test_offline import STAMP
from tools import zensical_build

ZENSICAL = ROOT / ".venv-zensical/bin/zensical"
class Built:
    """Both configs built with Zensical, each in its own clean copy of the project (so the offline build does
    not see what the online build wrote into docs/)."""

    def __init__(self, site: Path, offline: Path, problems: list[str]):
        self.site, self.offline, self.problems = site, offline, problems

    def require(self) -> None:
        """Stop the calling test unless both builds succeeded."""
        if self.problems:
            pytest.fail("\n".join(self.problems)[-6000:])


def checkout_copy(dest: Path) -> Path:
    """The project as a fresh checkout has it: the files git tracks or would track (no build output)."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                            capture_output=True, text=True, check=True).stdout.split("\0")
    for name in filter(None, listed):
        if (ROOT / name).is_file():
            (dest / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / name, dest / name)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


@pytest.fixture(scope="module")
def zensical(tmp_path_factory) -> Built:
    if not ZENSICAL.exists():
        pytest.fail(f"{ZENSICAL} is missing: run `make zensical` (installs requirements-zensical.txt)")
    env = dict(os.environ, **BUILD_ENV)  # as the MkDocs test builds (conftest): build date and site identity
    project = checkout_copy(tmp_path_factory.mktemp("zensical") / "project")
    problems = zensical_build.build_all(project, ZENSICAL, env)
    return Built(zensical_build.site_dir(project, zensical_build.ONLINE),
                 zensical_build.site_dir(project, zensical_build.OFFLINE), problems)


def outputs(site: Path) -> set[str]:
    """The pages and downloads of a built site (not the theme's assets or the search index)."""
    return {p.relative_to(site).as_posix() for p in site.rglob("*")
            if p.is_file() and (p.suffix == ".html" or p.relative_to(site).parts[0] == "downloads")}


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_zensical_builds_the_same_pages_and_downloads(zensical, site, offline_site, online):
    zensical.require()
    mkdocs_out = outputs(site if online else offline_site)
    built = outputs(zensical.site if online else zensical.offline)
    missing, extra = sorted(mkdocs_out - built), sorted(built - mkdocs_out)
    assert extra == [], f"Zensical builds outputs MkDocs does not: {extra}"
    assert missing == [], f"Zensical misses outputs MkDocs builds: {missing}"


def test_every_page_has_the_build_stamp(zensical):
    zensical.require()
    for built in (zensical.site, zensical.offline):
        stamps = set()
        for page in sorted(built.rglob("*.html")):
            if page.name == "404.html":   # rendered without a page (as in the MkDocs builds)
                continue
            match = STAMP.search(page.read_text(encoding="utf-8"))
            assert match, f"{page.relative_to(built)} has no edition/build stamp"
            stamps.add(tuple(match.groupdict().items()))
        assert len(stamps) == 1, "pages disagree on the build stamp"
        assert dict(stamps.pop())["date"] == "2026-01-01"  # SOURCE_DATE_EPOCH


def page_meta(html: str) -> str | None:
    start = html.find('<aside class="dx-page-meta"')
    return html[start:html.index("</aside>", start)] if start >= 0 else None


EDIT = re.compile(r'href="([^"]+/edit/[^"]+)"')
LAST_UPDATED = re.compile(r'最終更新: <time datetime="\d{4}-\d{2}-\d{2}">')


@pytest.mark.parametrize("online", [True, False], ids=["online", "offline"])
def test_pages_show_dates_and_edit_and_feedback_links(zensical, site, offline_site, online):
    """Every page with dates and links in the MkDocs build has them in Zensical's, with the same edit link."""
    zensical.require()
    mkdocs_site, built = (site, zensical.site) if online else (offline_site, zensical.offline)
    checked = 0
    for reference in sorted(mkdocs_site.rglob("*.html")):
        expected = page_meta(reference.read_text(encoding="utf-8"))
        page = built / reference.relative_to(mkdocs_site)
        if expected is None or not page.exists():
            continue  # pages missing altogether are test_zensical_builds_the_same_pages_and_downloads' concern
        html = page.read_text(encoding="utf-8")
        block = page_meta(html)
        where = page.relative_to(built)
        assert block is not None, f"{where} has no page dates or links"
        assert bool(LAST_UPDATED.search(html)) == bool(LAST_UPDATED.search(reference.read_text(encoding="utf-8"))), where
        assert EDIT.findall(block) == EDIT.findall(expected), where
        assert f'href="mailto:{identity.FEEDBACK_EMAIL}?subject=' in block, where
        checked += 1
    assert checked > 30


@pytest.mark.browser
def test_offline_build_works_from_file_with_japanese_search(chromium, zensical):
    """Open every page of the offline build from file:// with the network blocked (a page that is only read loads
    no search index and no terms), then search データ移行 in Zensical's search box (answered by our engine
    through assets/js/search-zensical.js), see the dialog in Japanese (assets/js/zensical-search-ja.js) and land on
    ⑭データ移行, as tests/test_offline.py does for MkDocs."""
    zensical.require()
    context = chromium.new_context(locale="ja-JP")
    guard = NetworkGuard(context)
    page = context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda err: errors.append(f"{page.url}: {err}"))
    page.on("requestfailed", lambda request: request.failure == "net::ERR_ABORTED"  # left for the next page
            or errors.append(f"{request.url}: {request.failure}"))
    for html in sorted(zensical.offline.rglob("*.html")):
        page.goto(html.as_uri())
        page.wait_for_load_state("load")
    page.goto((zensical.offline / "index.html").as_uri())
    held = [url for url in guard.requests if url.endswith(("/search.js", "/terms.js"))]
    assert held == [], "a page that is only read loads neither the index nor the terms (search-hold.js)"
    assert page.evaluate("window.__dxSearch.documents") == 0
    page.locator("button.md-search__button").click()
    box = page.locator("input[role=combobox]")  # Zensical's search UI lives in an open shadow root
    box.fill("データ移行")
    first = page.locator("[role=listbox] a[role=option]").first
    first.wait_for()
    assert "データ移行" in first.locator("h2").inner_text()
    state = page.evaluate("window.__dxSearch")  # our engine answered, through assets/js/search-zensical.js
    items = json.loads((zensical.offline / "search.json").read_text(encoding="utf-8"))["items"]
    assert (state["host"], state["error"], state["documents"], state["lastQuery"]) == \
        ("zensical", None, len(items), "データ移行"), state
    assert first.locator("h2 mark").count() > 0
    assert box.get_attribute("aria-label") == "検索"
    assert re.fullmatch(r"\d+件見つかりました", page.locator("[role=status][aria-live]").inner_text())
    box.press("Enter")
    page.wait_for_url(re.compile(r"standardization/ch2/migration/14-data-migration\.html\?h=[^#]*(#std-14)?$"))
    assert "データ移行" in page.locator("[id='std-14']").inner_text()
    page.goto((zensical.offline / "index.html").as_uri())  # a question, with the terms' synonyms (雇う → 任用)
    page.locator("button.md-search__button").click()
    page.locator("input[role=combobox]").fill("CIO補佐官の雇い方")
    page.wait_for_function("() => window.__dxSearch.lastQuery === 'CIO補佐官の雇い方'")
    assert "任用" in page.locator("[role=listbox] a[role=option]").first.locator("h2").inner_text()
    assert page.evaluate("window.__dxSearch.terms") is True
    page.goto((zensical.offline / "overall/index.html").as_uri())  # the keyboard: the shortcut loads the index and
    page.keyboard.press("/")                                        # opens the dialog, and typing searches
    page.keyboard.type("データ移行", delay=100)
    page.wait_for_function("() => window.__dxSearch.lastQuery === 'データ移行'")
    context.close()
    assert guard.outside == []
    assert errors == [], "\n".join(errors)
    outside_bundle = [url for url in guard.requests if url.startswith("file://")
                      and not unquote(urlsplit(url).path).startswith(str(zensical.offline))]
    assert outside_bundle == []
