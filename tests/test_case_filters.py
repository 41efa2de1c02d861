"""The case collection's filters in Chromium: region and prefecture, body type, population band, theme, work item,
procedure and step; the number of matches; the filter kept in the URL's query (shared, reloaded, back and forward),
over http and from file://; and the whole list without JavaScript."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, quote, urlsplit

import pytest

from handbook.model import load_handbook
from tests.browser import NetworkGuard, checked_page, chromium, serve, site_path  # noqa: F401  (chromium: Playwright fixture)
from tests.conftest import ROOT

pytestmark = pytest.mark.browser

SHOWN = "() => [...document.querySelectorAll('table.dx-cases tbody tr')].filter(r => !r.hidden).map(r => r.querySelector('a').href.match(/case-[a-z0-9-]+/)[0])"


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data")


def region_of(hb, case) -> str:
    return next(p.region for p in hb.prefectures if p.name == case.prefecture)


def expected(hb, **chosen) -> list[str]:
    """The cases (ids) the table should show for the chosen values (pref, type, region, task, …)."""
    values = {"pref": lambda c: [c.prefecture], "type": lambda c: [c.type], "region": lambda c: [region_of(hb, c)],
              "pop": lambda c: [c.population_band], "theme": lambda c: c.themes, "task": lambda c: c.tasks,
              "proc": lambda c: c.procedures, "step": lambda c: c.steps}
    return [c.id for c in hb.cases if all(v in values[k](c) for k, v in chosen.items())]


def query(**chosen) -> str:
    return "?" + "&".join(f"{k}={quote(v)}" for k, v in chosen.items())


def busiest(hb, values_of) -> str:
    """The value that most cases have (a filter that keeps some rows and hides others)."""
    counts = {}
    for c in hb.cases:
        for v in values_of(c):
            counts[v] = counts.get(v, 0) + 1
    return max(sorted(counts), key=counts.get)


@pytest.fixture
def tab(chromium):  # noqa: F811
    with checked_page(chromium, {"width": 1280, "height": 900}) as page:
        yield page


def chosen_in(page) -> dict:
    return page.evaluate("() => Object.fromEntries([...document.querySelectorAll('select[data-filter]')]"
                         ".filter(s => s.value).map(s => [s.name, s.value]))")


def test_from_file_the_filter_in_the_url_is_applied_kept_on_reload_and_after_a_case_and_back(tab, offline_site, hb):
    page = tab
    region = busiest(hb, lambda c: [region_of(hb, c)])
    kind = busiest(hb, lambda c: [c.type] if region_of(hb, c) == region else [])
    chosen = {"region": region, "type": kind}
    index = (offline_site / "cases/index.html").as_uri()
    page.goto(index + query(**chosen))
    page.wait_for_selector("form.dx-filter[data-ready]")
    want = expected(hb, **chosen)
    assert 0 < len(want) < len(hb.cases)
    assert page.evaluate(SHOWN) == want and chosen_in(page) == chosen
    assert page.inner_text(".dx-filter-count") == f"全{len(hb.cases)}件のうち{len(want)}件が条件に合います。"
    page.reload()
    page.wait_for_selector("form.dx-filter[data-ready]")
    assert page.evaluate(SHOWN) == want
    page.select_option('select[data-filter="type"]', "")  # one condition less: written into the address
    assert parse_qs(urlsplit(page.url).query) == {"region": [region]}
    wider = expected(hb, region=region)
    assert page.evaluate(SHOWN) == wider
    page.locator("table.dx-cases tbody tr:not([hidden]) a").first.click()
    page.wait_for_url(re.compile(r"/cases/case-[^/]+\.html$"))
    page.go_back()
    page.wait_for_selector("form.dx-filter[data-ready]")
    assert chosen_in(page) == {"region": region} and page.evaluate(SHOWN) == wider
    page.go_forward()
    page.wait_for_url(re.compile(r"/cases/case-[^/]+\.html$"))


def test_online_a_shared_address_opens_the_same_filter_and_survives_reload(chromium, site, hb):  # noqa: F811
    task = busiest(hb, lambda c: c.tasks)
    with serve(site, site_path()) as base:
        context = chromium.new_context(locale="ja-JP")
        NetworkGuard(context)
        page = context.new_page()
        page.goto(base + "cases/")
        page.wait_for_selector("form.dx-filter[data-ready]")
        page.select_option('select[data-filter="task"]', task)
        shared = page.url
        assert parse_qs(urlsplit(shared).query) == {"task": [task]}
        want = expected(hb, task=task)
        assert page.evaluate(SHOWN) == want and 0 < len(want) < len(hb.cases)
        page.reload()
        page.wait_for_selector("form.dx-filter[data-ready]")
        assert page.evaluate(SHOWN) == want
        other = context.new_page()  # the address sent to a colleague
        other.goto(shared)
        other.wait_for_selector("form.dx-filter[data-ready]")
        assert other.evaluate(SHOWN) == want and chosen_in(other) == {"task": task}
        other.get_by_role("button", name="条件をすべて解除").click()
        assert urlsplit(other.url).query == "" and len(other.evaluate(SHOWN)) == len(hb.cases)
        context.close()


def test_a_value_the_filter_does_not_offer_is_ignored(tab, offline_site, hb):
    page = tab
    page.goto((offline_site / "cases/index.html").as_uri() + query(pref="架空県", theme="<b>x</b>"))
    page.wait_for_selector("form.dx-filter[data-ready]")
    assert chosen_in(page) == {} and len(page.evaluate(SHOWN)) == len(hb.cases)


def test_without_javascript_the_whole_list_shows(chromium, offline_site, hb):  # noqa: F811
    context = chromium.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto((offline_site / "cases/index.html").as_uri() + query(type="町"))
    assert page.locator("table.dx-cases tbody tr:visible").count() == len(hb.cases)
    assert not page.locator("form.dx-filter").is_visible()
    context.close()


def test_on_a_phone_the_filters_are_44px_targets(chromium, offline_site):  # noqa: F811
    context = chromium.new_context(viewport={"width": 390, "height": 844}, has_touch=True, is_mobile=True)
    page = context.new_page()
    page.goto((offline_site / "cases/index.html").as_uri())
    page.wait_for_selector("form.dx-filter[data-ready]")
    sizes = page.eval_on_selector_all("form.dx-filter select, form.dx-filter button",
                                      "els => els.map(e => [e.name || e.textContent, e.getBoundingClientRect().width,"
                                      " e.getBoundingClientRect().height])")
    assert len(sizes) >= 8 and [s for s in sizes if s[1] < 44 or s[2] < 44] == []
    context.close()
