"""The online site with Material's instant navigation (``navigation.instant``).

Readers move between pages by clicking; Material then swaps the page in without reloading it, so scripts run
once. These tests click through the site as a reader would and check that a page reached that way still
gets what a freshly loaded page gets: the case filter, the Japanese search and its own page links.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

import pytest

from tests.browser import NetworkGuard, script, search, serve, site_path

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def browsing(chromium, site):
    """A tab on the home page of the online site over http (internet requests blocked).

    Material navigates instantly only to the URLs in sitemap.xml, matched after swapping in the current
    protocol and host name but not the port; the published site is on the default port, the test server is
    not, so the test server's sitemap names its port.
    """
    with serve(site, site_path()) as base:
        port = urlsplit(base).port
        context = chromium.new_context(locale="ja-JP")
        NetworkGuard(context)

        def sitemap_with_port(route):
            response = route.fetch()
            body = re.sub(r"<loc>(https?://[^/<]+)/", rf"<loc>\1:{port}/", response.text())
            route.fulfill(response=response, body=body)

        context.route("**/sitemap.xml", sitemap_with_port)
        page = context.new_page()
        page.goto(base)
        yield page
        context.close()


def follow(page, selector: str | None = None, keys: tuple[str, ...] = ()) -> None:
    """Click the first link matching ``selector`` (or press ``keys``); fail if the browser loaded a new
    document instead of Material swapping the page in."""
    page.evaluate(script("navigation-watch"))
    before = page.url
    if selector:
        page.locator(selector).first.click()
    for key in keys:
        page.keyboard.press(key)
    page.wait_for_function("u => location.href !== u", arg=before)
    page.wait_for_function("() => document.querySelector('.md-content h1') !== null")
    page.wait_for_function("() => !window.__dxSameDocument || window.__dxSettled()")  # reloaded, or settled
    assert page.evaluate("window.__dxSameDocument === true"), "the page was reloaded (instant navigation off?)"


def test_case_filter_works_on_a_page_reached_by_instant_navigation(browsing):
    follow(browsing, '.md-tabs a[href$="cases/"]')
    form = browsing.locator("form.dx-filter")
    form.wait_for(state="visible")
    rows = browsing.locator("table.dx-cases tbody tr")
    total = rows.count()
    kind = browsing.eval_on_selector('select[data-filter="type"] option:nth-child(2)', "o => o.value")
    browsing.select_option('select[data-filter="type"]', kind)
    shown = browsing.locator("table.dx-cases tbody tr:visible").count()
    assert 0 < shown < total
    assert browsing.locator("table.dx-cases tbody tr:visible td:nth-child(3)").all_inner_texts() == [kind] * shown


def test_search_answers_after_instant_navigation_and_its_results_navigate_too(browsing):
    follow(browsing, '.md-tabs a[href$="standardization/"]')
    results = search(browsing, "データ移行")
    assert results, "no results for データ移行 after instant navigation"
    browsing.keyboard.press("ArrowDown")  # to the first result, by keyboard
    browsing.wait_for_function("() => document.activeElement.matches('.md-search-result__link')")
    follow(browsing, keys=("Enter",))
    assert "/standardization/" in browsing.url and "データ移行" in browsing.inner_text(".md-content")


def test_page_links_follow_the_page_reached(browsing):
    follow(browsing, '.md-tabs a[href$="overall/"]')
    edit = browsing.get_attribute(".dx-page-actions a[href*='/edit/']", "href")
    assert edit.endswith("/docs/overall/index.md")
    mail = browsing.get_attribute(".dx-page-actions a[href^='mailto:']", "href")
    assert "overall" in mail
