"""Keyboard-only use of the site, in Debian Chromium: skip link, visible focus, navigation, search, checklist, filters.

Each test drives the page with key presses only (no clicks) and checks what a sighted keyboard user would see.
200 % zoom is a 640 px wide window: the narrow layout with the menu and search behind header buttons.
Tests marked ``jis("x.y.z")`` feed ``make a11y-report``.
"""
from __future__ import annotations

import re

import pytest

from handbook.render.links import page_url
from tests.a11y_browser import (AXE_TAGS, DESKTOP, RUN_AXE, ZOOM_200, SiteAudit, axe_init_script, local_context,
                                 serve_site)
from tests.browser import chromium, script  # noqa: F401  (chromium: fixture)

pytestmark = pytest.mark.browser

# Where each feature lives (source pages under docs/); the tests fail if the page or the feature is gone.
KEY_PAGES = ["index.md", "standardization/ch2/index.md", "overall/step2/external-talent.md", "cases/index.md",
             "about/accessibility-results.md"]
CHECKLIST_PAGE = "overall/step2/external-talent.md"
CASES_PAGE = "cases/index.md"

FOCUS = script("focus")  # the focused element as a sighted keyboard user sees it


@pytest.fixture(scope="module")
def online(site):
    with serve_site(site) as base:
        yield base


@pytest.fixture(scope="module")
def bases(online, offline_site):
    return {"online": online, "offline": offline_site.as_uri() + "/"}


@pytest.fixture
def open_page(chromium, bases):
    """``open_page("a/b.md", build="online", viewport=DESKTOP)`` -> a Playwright page with axe available."""
    contexts = []

    def _open(path, build="online", viewport=DESKTOP):
        context = local_context(chromium, viewport)
        context.add_init_script(script=axe_init_script())
        contexts.append(context)
        page = context.new_page()
        page.goto(bases[build] + page_url(path, use_directory_urls=build == "online"), wait_until="load")
        return page

    yield _open
    for context in contexts:
        context.close()


def focus(page, settle=True):
    """The focused element's facts; ``settle``: first wait for running transitions (menus, tooltips) to end."""
    return page.evaluate(FOCUS, settle)


def skip_to_content(page):
    """What a keyboard user does first: the skip link, then on into the content."""
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")


def tab_to(page, predicate, limit=80, key="Tab", settle=False):
    """Press Tab until ``predicate(focus)`` holds; the focused element's facts, or fail naming what was passed."""
    passed = []
    for _ in range(limit):
        page.keyboard.press(key)
        info = focus(page, settle)
        if info and predicate(info):
            return info
        passed.append(info and info["name"])
    pytest.fail(f"not reached with {limit} × {key}; focus went through {passed}")


def assert_state_passes_axe(page, build, state, scope, record_property):
    """axe on the part of the page a reader is using now (an open menu, the search results, filtered rows)."""
    focus(page)  # let motion finish
    audit = SiteAudit(build, "")
    audit.add_axe(page.url, page.evaluate(RUN_AXE, [AXE_TAGS, scope]))
    audit.axe_version = page.evaluate("axe.version")
    record_property("axe", {**audit.record(state), "pages": []})
    assert not audit.violations, f"axe violations with {state}: {audit.violations}"


# ---- skip link, focus order, visible focus ------------------------------------------------------------------

@pytest.mark.jis("2.4.1", "2.1.1")
@pytest.mark.parametrize("build", ["online", "offline"])
def test_skip_link_is_the_first_stop_and_moves_focus_into_the_content(open_page, build):
    """最初のTabでスキップリンクが見え、Enterで本文に移動し、次のTabが本文の中に止まる"""
    page = open_page("standardization/ch2/index.md", build)
    page.keyboard.press("Tab")
    first = focus(page)
    assert first and "md-skip" in first["cls"] and first["onScreen"] and first["ring"], first
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    after = focus(page)
    assert after and after["inContent"], f"after the skip link, Tab went to {after}"


@pytest.mark.jis("2.4.7", "2.1.2", "2.4.3", "3.2.1")
@pytest.mark.parametrize("viewport", [DESKTOP, ZOOM_200], ids=["desktop", "zoom200"])
@pytest.mark.parametrize("path", KEY_PAGES)
def test_every_tab_stop_is_on_screen_with_a_focus_ring(open_page, path, viewport):
    """主要ページをTabで最後まで移動でき、止まる要素はすべて画面内にあってフォーカス枠が見え、フォーカスだけでページが変わらない"""
    page = open_page(path, viewport=viewport)
    url, pages, stops, problems = page.url, len(page.context.pages), [], []
    for _ in range(600):
        page.keyboard.press("Tab")
        info = focus(page, settle=False)  # nothing that moves is opened by Tab alone
        if info is None or (stops and info["key"] == stops[0]["key"]):
            break
        stops.append(info)
        if not (info["onScreen"] and info["ring"]):
            problems.append(info)
    else:
        pytest.fail(f"Tab never left the page after {len(stops)} stops (keyboard trap?)")
    assert len(stops) > 5, f"only {len(stops)} tab stops"
    assert page.url == url and len(page.context.pages) == pages, "moving focus changed the page"
    assert not problems, f"{len(problems)} of {len(stops)} tab stops off screen or without a focus ring: {problems[:5]}"


# ---- navigation --------------------------------------------------------------------------------------------

@pytest.mark.jis("2.1.1")
def test_navigation_tabs_work_with_the_keyboard(open_page):
    """ナビゲーションのタブ（手順書の切替え）にTabで移動し、Enterで開ける"""
    page = open_page("index.md")
    tab_to(page, lambda f: "md-tabs__link" in f["cls"] and "標準化" in f["name"])
    page.keyboard.press("Enter")
    page.wait_for_url("**/standardization/**", wait_until="commit")


@pytest.mark.jis("2.1.1", "1.4.4", "4.1.2")
@pytest.mark.parametrize("build", ["online", "offline"])
def test_menu_at_200_percent_zoom_opens_and_navigates_with_the_keyboard(open_page, build, record_property):
    """200%拡大時、メニューボタンをEnterで開き、下位項目をSpaceで開いてページへ移動できる。Escで閉じる"""
    page = open_page("index.md", build, ZOOM_200)
    button = tab_to(page, lambda f: f["role"] == "button" and f["name"] == "ナビゲーションメニュー")
    assert button["expanded"] == "false" and button["onScreen"]
    page.keyboard.press("Escape")  # nothing open yet: Escape must not break anything
    page.keyboard.press("Enter")
    inside = focus(page)
    assert inside and inside["inDrawer"] and inside["onScreen"], f"focus after opening the menu: {inside}"
    assert_state_passes_axe(page, build, "メニューを開いた状態（200%拡大）", ".md-sidebar--primary", record_property)
    toggle = tab_to(page, lambda f: f["role"] == "button" and f["name"].startswith("標準化"), limit=30)
    assert toggle["expanded"] == "false"
    page.keyboard.press(" ")
    assert focus(page)["expanded"] == "true"
    link = tab_to(page, lambda f: f["tag"] == "a" and f["inDrawer"] and f["onScreen"] and "はじめに" in f["name"],
                  limit=10, settle=True)  # the sub-menu slides in
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(r"/standardization/introduction(/|\.html)$"), wait_until="commit")
    assert link["ring"]

    page = open_page("index.md", build, ZOOM_200)
    tab_to(page, lambda f: f["name"] == "ナビゲーションメニュー")
    page.keyboard.press("Enter")
    page.keyboard.press("Escape")
    back = focus(page)
    assert back["name"] == "ナビゲーションメニュー" and back["expanded"] == "false"


# ---- search ------------------------------------------------------------------------------------------------

@pytest.mark.jis("2.1.1", "2.4.5")
@pytest.mark.parametrize("viewport", [DESKTOP, ZOOM_200], ids=["desktop", "zoom200"])
def test_search_with_the_keyboard_reaches_a_result(open_page, viewport, record_property):
    """キーボードだけで検索欄を開いて語を入力し、矢印キーで結果に移動してEnterで開ける"""
    page = open_page("index.md", viewport=viewport)
    if viewport == ZOOM_200:
        tab_to(page, lambda f: f["role"] == "button" and f["name"] == "検索")
        page.keyboard.press("Enter")
    else:
        tab_to(page, lambda f: "md-search__input" in f["cls"])
    assert "md-search__input" in focus(page)["cls"], "focus is not in the search box"
    page.keyboard.type("標準化")
    page.keyboard.press("End")  # a key after the text, as when an IME conversion is confirmed
    page.locator(".md-search-result__item").first.wait_for()
    assert_state_passes_axe(page, "online", "検索結果を表示した状態", ".md-search", record_property)
    page.keyboard.press("ArrowDown")
    result = focus(page)
    assert result and result["tag"] == "a" and result["onScreen"] and result["ring"], f"focus after ArrowDown: {result}"
    start = page.url
    page.keyboard.press("Enter")
    page.wait_for_function("start => location.href !== start", arg=start)


def open_search_results(page, viewport) -> None:
    """Open the search with the keyboard, type a word and wait for its results."""
    if viewport == ZOOM_200:
        tab_to(page, lambda f: f["role"] == "button" and f["name"] == "検索")
        page.keyboard.press("Enter")
    else:
        tab_to(page, lambda f: "md-search__input" in f["cls"])
    page.keyboard.type("標準化")
    page.keyboard.press("End")
    page.locator(".md-search-result__item").first.wait_for()


def rgba(css: str) -> tuple[float, ...]:
    values = [float(v) for v in re.findall(r"[\d.]+", css)]
    return tuple(values[:3]) + ((values[3],) if len(values) > 3 else (1.0,))


def over(top: tuple[float, ...], below: tuple[float, ...]) -> tuple[float, ...]:
    """A translucent colour as seen over an opaque one."""
    alpha = top[3]
    return tuple(alpha * t + (1 - alpha) * b for t, b in zip(top[:3], below[:3])) + (1.0,)


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two opaque colours."""
    def luminance(c):
        lin = [v / 255 / 12.92 if v / 255 <= 0.03928 else ((v / 255 + 0.055) / 1.055) ** 2.4 for v in c[:3]]
        return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]
    high, low = sorted((luminance(a), luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.jis("2.4.7")
@pytest.mark.parametrize("viewport", [DESKTOP, ZOOM_200], ids=["desktop", "zoom200"])
def test_the_focused_search_result_has_a_ring_of_3_to_1_contrast(open_page, viewport):
    """矢印キーで移動した検索結果に、背景との対比3:1以上の枠が、結果の欄に隠れずに表示される"""
    page = open_page("index.md", viewport=viewport)
    open_search_results(page, viewport)
    page.keyboard.press("ArrowDown")
    focus(page)   # let motion finish
    ring = page.evaluate(script("search-ring"))
    assert ring["result"] and ring["style"] != "none" and ring["width"] >= 2, ring
    behind = over(rgba(ring["behind"]), (255, 255, 255, 1.0))
    tinted = over(rgba(ring["own"]), behind)
    for background in (behind, tinted):
        assert contrast(rgba(ring["colour"]), background) >= 3, ring
    assert ring["inside"], f"the ring is clipped by the results box: {ring}"


@pytest.mark.jis("2.1.1", "2.4.3")
@pytest.mark.parametrize("key", ["Tab", "Escape"])
@pytest.mark.parametrize("viewport", [DESKTOP, ZOOM_200], ids=["desktop", "zoom200"])
def test_leaving_the_search_with_tab_or_escape_restores_the_page(open_page, viewport, key):
    """検索結果からTabまたはEscで離れると、検索が閉じ、ページが暗いままにならない"""
    page = open_page("index.md", viewport=viewport)
    open_search_results(page, viewport)
    page.keyboard.press("ArrowDown")
    page.keyboard.press(key)
    focus(page)   # let the overlay finish fading
    state = page.evaluate("""() => {
        const h1 = document.querySelector('.md-content h1').getBoundingClientRect();
        const hit = document.elementFromPoint(h1.left + 10, Math.max(h1.top + 10, 0));
        return {open: document.getElementById('__search').checked,
                overlay: parseFloat(getComputedStyle(document.querySelector('.md-search__overlay')).opacity),
                content: !!(hit && hit.closest('.md-content'))};
    }""")
    assert state == {"open": False, "overlay": 0, "content": True}, state


# ---- controls in the content -------------------------------------------------------------------------------

@pytest.mark.jis("2.1.1", "4.1.2")
def test_checklist_boxes_tick_with_space(open_page):
    """チェックリストの項目にTabで移動し、Spaceでチェックを付け外しできる"""
    page = open_page(CHECKLIST_PAGE)
    skip_to_content(page)
    box = tab_to(page, lambda f: f["tag"] == "input" and f["inContent"] and f["checked"] is not None, limit=150)
    assert box["checked"] is False and box["onScreen"] and box["ring"]
    page.keyboard.press(" ")
    assert focus(page)["checked"] is True
    page.keyboard.press(" ")
    assert focus(page)["checked"] is False


ROWS = "() => Array.from(document.querySelectorAll('table.dx-cases tbody tr')).filter(r => !r.hidden).length"


@pytest.mark.jis("2.1.1", "3.2.2")
def test_case_filters_work_with_the_keyboard_without_moving_the_reader(open_page, record_property):
    """事例の絞り込みを矢印キーで選べ、選んでもページ移動やフォーカス移動が起きず、件数が読み上げ領域に出る"""
    page = open_page(CASES_PAGE)
    before = page.evaluate(ROWS)
    skip_to_content(page)
    select = tab_to(page, lambda f: f["tag"] == "select", limit=50)
    assert select["onScreen"] and select["ring"]
    url = page.url
    page.keyboard.press("ArrowDown")
    after = page.evaluate(ROWS)
    assert 0 < after < before, f"rows shown: {before} before, {after} after choosing a filter"
    same_page = page.url.split("?")[0] == url.split("?")[0]  # the filter is written into the query, nothing more
    assert same_page and focus(page)["key"] == select["key"], "choosing a filter moved the reader"
    status = page.locator(".dx-filter-count")
    assert status.get_attribute("aria-live") == "polite" and str(after) in status.inner_text()
    assert_state_passes_axe(page, "online", "事例を絞り込んだ状態", ".md-content", record_property)
