"""Step-by-step navigation through ①–⑰ and the reader's own pattern (A/B): the HTML from data, and the page in
Chromium online (instant navigation), from file://, without JavaScript, by keyboard, and with axe."""
from __future__ import annotations

import re

import pytest

from handbook.model import load_handbook
from handbook.render import stepnav
from handbook.render.links import Linker
from tests.browser import NetworkGuard, checked_page, serve, site_path
from tests.conftest import ROOT, edited

WIDE = {"width": 1400, "height": 900}
NARROW = {"width": 600, "height": 900}


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data")


def items_of(html: str) -> list[str]:
    return re.findall(r'data-task="(std-\d+)"', html)


def test_step_nav_lists_every_item_in_order_and_marks_this_page(hb):
    html = stepnav.step_nav(hb, Linker("standardization/ch2/migration/14-data-migration.md"))
    assert '<nav aria-label="作業項目①〜⑰の流れ">' in html and html.count("<ol") == 4  # phases + 3 phases' items
    assert items_of(html) == [f"std-{n:02d}" for n in range(1, 18)]
    here = re.findall(r'dx-stepnav__item--here" data-task="(std-\d+)"', html)
    assert here == ["std-14"]
    assert html.count('aria-current="step"') == 1
    assert re.search(r'<a href="#" aria-current="step">⑭', html)
    assert '<a href="../../selection/09-rfp/">⑨ベンダへ提案依頼（RFP）</a><span class="dx-stepnav__patterns">A パターンのみ</span>' in html
    bar = re.sub(r"<[^>]+>", "", re.search(r"<summary>(.*?)</summary>", html).group(1))
    assert bar == "作業項目①〜⑰の流れ、⑭ / （全17項目中） · 次：⑮テスト・研修"  # hidden words for screen readers
    last = stepnav.step_nav(hb, Linker("standardization/ch2/migration/17-ordinances.md"))
    assert "⑰<span aria-hidden=\"true\"> / </span>" in last and "最後の作業" in last


def test_step_nav_on_an_overview_page_marks_no_current_step(hb):
    html = stepnav.step_nav(hb, Linker("standardization/ch2/index.md"))
    assert "aria-current" not in html and "dx-stepnav__item--here" not in html and len(items_of(html)) == 17


def test_pager_links_the_neighbours_and_each_patterns_own_neighbour(hb):
    pager = stepnav.step_pager(hb, Linker("standardization/ch2/migration/13-system-design.md"), "std-13")
    assert '<a rel="prev" href="../../selection/12-pia/"' in pager and '<a rel="next" href="../14-data-migration/"' in pager
    assert "次の作業：⑭データ移行" in pager and "パターンの" not in pager
    before_rfp = stepnav.step_pager(hb, Linker("standardization/ch2/selection/08-budget.md"), "std-08")
    assert "次の作業：⑨ベンダへ提案依頼（RFP）（A パターンのみ）" in before_rfp
    assert re.search(r'<a rel="next" href="../11-contract/"[^>]*>B パターンの次の作業：⑪', before_rfp)
    after = stepnav.step_pager(hb, Linker("standardization/ch2/selection/11-contract.md"), "std-11")
    assert "前の作業：⑩ベンダ選定・決定（A パターンのみ）" in after and "B パターンの前の作業：⑧予算要求" in after
    assert 'rel="prev"' not in stepnav.step_pager(hb, Linker("x.md"), "std-01")
    assert 'rel="next"' not in stepnav.step_pager(hb, Linker("x.md"), "std-17")


def test_data_never_becomes_markup(hb):
    changed = edited(hb, {"std-14": {"title": '<img src=x onerror="alert(1)">'}, "phase-migrate": {"title": "<b>導入</b>"}})
    html = stepnav.step_nav(changed, Linker("standardization/ch2/migration.md"))
    html += stepnav.step_pager(changed, Linker("standardization/ch2/migration.md"), "std-13")
    assert "<img" not in html and "<b>" not in html and "&#60;img src=x" in html and "&#60;b&#62;導入" in html


def test_pattern_choice_is_hidden_until_scripts_run_and_names_every_option(hb):
    html = stepnav.pattern_choice(hb)
    assert html.startswith('<form class="dx-pattern-choice" data-dx-pattern-choice hidden>')
    assert re.findall(r'value="(\w+)"', html) == ["A", "B", "AB"] and "<legend>あなたの移行パターン</legend>" in html


# --- In the browser -------------------------------------------------------------------------------------------



def marked(page) -> list[str]:
    return page.eval_on_selector_all(".dx-stepnav__item.dx-na", "els => els.map(e => e.dataset.task)")


def current_step(page) -> str:
    return page.eval_on_selector(".dx-stepnav a[aria-current=step]", "a => a.textContent")


def choose(page, label: str) -> None:
    page.locator("form.dx-pattern-choice:visible").first.get_by_label(label).check()


@pytest.fixture
def offline_tab(chromium):
    with checked_page(chromium, WIDE) as page:
        yield page


@pytest.mark.browser
def test_from_file_a_reader_on_13_sees_where_they_are_and_moves_to_14_in_one_click(offline_tab, offline_site):
    page = offline_tab
    page.goto((offline_site / "standardization/ch2/migration/13-system-design.html").as_uri())
    page.wait_for_selector(".md-sidebar--secondary .dx-stepnav[data-ready]")  # a sidebar on wide screens
    assert current_step(page) == "⑬システム設計（導入時の設定）"
    page.locator(".dx-steppager a[rel=next]").first.click()
    page.wait_for_url(re.compile(r"/14-data-migration\.html$"))
    page.wait_for_selector(".dx-stepnav[data-ready]")
    assert current_step(page).startswith("⑭")


@pytest.mark.browser
def test_from_file_a_b_reader_sees_9_and_10_marked_on_every_page_and_gets_all_back_in_one_click(offline_tab, offline_site):
    page = offline_tab
    page.goto((offline_site / "standardization/ch2/index.html").as_uri())
    choose(page, "Bパターン（現行事業者の標準準拠システムへ移行する）")
    assert marked(page) == ["std-09", "std-10"]
    assert page.locator("table.dx-steps tr.dx-na").count() == 2
    matrix = page.locator("table.dx-matrix tr.dx-na")  # the A/B matrix marks the same two rows, on the item's name
    assert matrix.count() == 2
    assert "（B パターンでは対象外）" in matrix.first.locator("th[scope=row]").inner_text()
    for name in ("early", "planning", "selection", "migration"):  # new documents: the choice comes from localStorage
        page.goto((offline_site / f"standardization/ch2/{name}.html").as_uri())
        page.wait_for_selector(".dx-stepnav[data-ready]")
        assert marked(page) == ["std-09", "std-10"], name
        assert "⑨、⑩" in page.inner_text(".dx-pattern-choice__status")
    page.goto((offline_site / "standardization/ch2/selection/09-rfp.html").as_uri())
    notes = page.locator(".dx-na-section")
    assert notes.count() == 1 and "B パターンでは行わない" in notes.first.inner_text()
    notes.first.get_by_role("button", name="すべての作業を表示する").click()
    assert marked(page) == [] and page.locator(".dx-na-section").count() == 0
    assert page.evaluate("localStorage.getItem('dx-pattern')") == "AB"


@pytest.mark.browser
def test_without_javascript_every_item_shows(chromium, site):
    with serve(site, site_path()) as base:
        context = chromium.new_context(java_script_enabled=False, viewport=WIDE)
        page = context.new_page()
        page.goto(base + "standardization/ch2/selection/08-budget/")
        nav = page.locator(".md-content details.dx-stepnav[open] nav")
        assert nav.locator("li.dx-stepnav__item").count() == 17
        assert page.locator(".dx-na").count() == 0 and not page.locator("form.dx-pattern-choice").first.is_visible()
        assert page.locator(".dx-steppager").count() == 2  # at the top and at the end
        context.close()


@pytest.mark.browser
def test_online_with_instant_navigation_the_choice_follows_the_reader(chromium, site):
    from tests.test_navigation import follow
    with serve(site, site_path()) as base:
        port = re.search(r":(\d+)/", base).group(1)
        context = chromium.new_context(viewport=WIDE, locale="ja-JP")
        NetworkGuard(context)

        def sitemap_with_port(route):
            response = route.fetch()
            route.fulfill(response=response, body=re.sub(r"<loc>(https?://[^/<]+)/", rf"<loc>\1:{port}/", response.text()))

        context.route("**/sitemap.xml", sitemap_with_port)
        page = context.new_page()
        page.goto(base + "standardization/ch2/")
        page.wait_for_selector("form.dx-pattern-choice:visible")
        choose(page, "Bパターン（現行事業者の標準準拠システムへ移行する）")
        follow(page, 'table.dx-steps a[href$="selection/09-rfp/"]')
        page.wait_for_selector(".md-sidebar--secondary .dx-stepnav[data-ready]")
        assert marked(page) == ["std-09", "std-10"] and page.locator(".dx-na-section").count() == 1
        follow(page, '.dx-steppager a[rel=next]:has-text("B パターンの次の作業")')
        assert page.url.endswith("/11-contract/")
        context.close()


@pytest.mark.browser
def test_keyboard_only_choose_a_pattern_and_reset(offline_tab, offline_site):
    page = offline_tab
    page.goto((offline_site / "standardization/ch2/index.html").as_uri())
    page.wait_for_selector("form.dx-pattern-choice:visible")
    for _ in range(300):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.name === 'dx-pattern'"):
            break
    else:
        pytest.fail("Tab never reached the pattern choice")
    assert page.evaluate("document.activeElement.value") == "AB"  # Tab enters a radio group at its checked option
    page.keyboard.press("ArrowUp")  # to B, as radio groups do
    page.wait_for_function("() => document.querySelectorAll('.dx-stepnav__item.dx-na').length > 0")
    for _ in range(10):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('[data-dx-pattern-reset]')"):
            break
    else:
        pytest.fail("Tab never reached the reset button")
    page.keyboard.press("Enter")
    assert marked(page) == []


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [WIDE, NARROW], ids=["wide", "narrow"])
def test_axe_finds_no_violations_in_the_new_components(offline_tab, offline_site, viewport):
    from tests.a11y_browser import AXE_TAGS, RUN_AXE, axe_init_script
    page = offline_tab
    page.set_viewport_size(viewport)
    page.context.add_init_script(script=axe_init_script())
    page.goto((offline_site / "standardization/ch2/index.html").as_uri())
    choose(page, "Bパターン（現行事業者の標準準拠システムへ移行する）")
    page.goto((offline_site / "standardization/ch2/selection/09-rfp.html").as_uri())
    page.wait_for_selector(".dx-na-section")
    page.evaluate("document.querySelector('.dx-stepnav').open = true")
    for scope in (".dx-stepnav", ".dx-steppager", ".dx-na-section"):
        result = page.evaluate(RUN_AXE, [AXE_TAGS, scope])
        assert result["violations"] == [], (scope, result["violations"])
    page.goto((offline_site / "standardization/ch2/selection.html").as_uri())
    page.wait_for_selector(".dx-stepnav[data-ready]")
    for scope in ("table.dx-steps", ".dx-phase-items"):
        result = page.evaluate(RUN_AXE, [AXE_TAGS, scope])
        assert result["violations"] == [], (scope, result["violations"])


def test_search_does_not_index_the_navigation(site):
    import json
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    texts = [d["text"] for d in index["docs"] if d["location"].startswith("standardization/ch2/selection/")]
    assert texts and not any("作業項目①〜⑰の流れ" in t or "次の作業：" in t for t in texts)


@pytest.mark.browser
def test_in_print_no_navigation_pager_or_pattern_choice(offline_tab, offline_site):
    page = offline_tab
    page.goto((offline_site / "standardization/ch2/migration/14-data-migration.html").as_uri())
    page.wait_for_selector(".md-sidebar--secondary .dx-stepnav[data-ready]")
    page.emulate_media(media="print")
    for chrome in (".dx-stepnav", ".dx-steppager", ".dx-pattern-choice"):
        assert page.locator(chrome).count() > 0 and not page.locator(chrome).first.is_visible(), chrome
    assert page.locator("article h1").is_visible()


# --- Links made when ①–⑰ were sections of three phase pages ---------------------------------------------------

OLD_LINKS = [("selection", "std-08", "selection/08-budget"), ("planning", "std-02a-items", "planning/02-current-systems"),
             ("migration", "std-16b", "migration/16-environment")]


@pytest.mark.browser
@pytest.mark.parametrize("phase, anchor, item", OLD_LINKS)
def test_an_old_anchor_of_a_phase_page_leads_to_the_item_page_from_file(offline_tab, offline_site, phase, anchor, item):
    page = offline_tab
    page.goto((offline_site / f"standardization/ch2/{phase}.html").as_uri() + f"#{anchor}")
    page.wait_for_url((offline_site / f"standardization/ch2/{item}.html").as_uri() + f"#{anchor}")
    assert page.locator(f"[id='{anchor}']").count() == 1


@pytest.mark.browser
@pytest.mark.parametrize("phase, anchor, item", OLD_LINKS)
def test_an_old_anchor_of_a_phase_page_leads_to_the_item_page_online(chromium, site, phase, anchor, item):
    with serve(site, site_path()) as base:
        context = chromium.new_context(viewport=WIDE, locale="ja-JP")
        NetworkGuard(context)
        page = context.new_page()
        page.goto(base + f"standardization/ch2/{phase}/#{anchor}")
        page.wait_for_url(base + f"standardization/ch2/{item}/#{anchor}")
        assert page.locator(f"[id='{anchor}']").count() == 1
        context.close()


@pytest.mark.browser
def test_without_javascript_an_old_anchor_lands_on_the_link_to_the_item_page(chromium, site):
    with serve(site, site_path()) as base:
        context = chromium.new_context(java_script_enabled=False, viewport=WIDE)
        page = context.new_page()
        page.goto(base + "standardization/ch2/selection/#std-08")
        link = page.locator("[id='std-08'] a")
        assert link.inner_text() == "⑧予算要求" and link.get_attribute("href") == "08-budget/"
        assert link.is_visible()
        context.close()


# --- A work item's page on a phone and on a wide screen -------------------------------------------------------

PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True, "device_scale_factor": 2}
TARGETS = ".dx-stepnav summary, .dx-stepnav a, .dx-steppager a, .dx-pattern-choice__option, .dx-pattern-choice .md-button"


def small_targets(page, least: int) -> list:
    """Visible targets of the step navigation, pager and pattern choice smaller than ``least`` CSS px either way."""
    return page.evaluate("""([selector, least]) => [...document.querySelectorAll(selector)]
        .filter(e => e.getClientRects().length && getComputedStyle(e).visibility !== "hidden")
        .map(e => { const r = e.getBoundingClientRect(); return [e.textContent.trim().slice(0, 20), r.width, r.height]; })
        .filter(([, w, h]) => w < least || h < least)""", [TARGETS, least])


@pytest.fixture
def phone(chromium):
    with checked_page(chromium, **PHONE) as page:
        yield page


@pytest.mark.browser
def test_on_a_phone_a_compact_step_bar_opens_to_the_whole_list_and_the_choice_needs_no_opening(phone, offline_site):
    page = phone
    page.goto((offline_site / "standardization/ch2/migration/14-data-migration.html").as_uri())
    page.wait_for_selector(".md-content .dx-stepnav[data-ready]")
    bar = page.locator(".md-content details.dx-stepnav > summary")
    shown = bar.evaluate("(s) => { const c = s.cloneNode(true); c.querySelectorAll('.dx-sr').forEach(e => e.remove());"
                         " return c.textContent; }")
    assert shown == "⑭ / 17 · 次：⑮テスト・研修"
    assert bar.bounding_box()["y"] < 844 and not page.locator(".dx-stepnav nav").is_visible()
    page.mouse.wheel(0, 4000)  # the bar stays at the top of the screen while the item is read
    page.wait_for_function("() => window.scrollY > 2000")
    top = bar.bounding_box()["y"]
    assert 0 <= top < 100, top
    choice = page.locator(".md-content .dx-stepnav + form.dx-pattern-choice")  # outside the closed list
    choice.scroll_into_view_if_needed()
    choice.get_by_label("Bパターン（現行事業者の標準準拠システムへ移行する）").check()
    bar.click()
    assert page.locator(".dx-stepnav nav li.dx-stepnav__item").count() == 17
    assert marked(page) == ["std-09", "std-10"]
    assert small_targets(page, 44) == []


@pytest.mark.browser
def test_on_a_wide_screen_the_whole_navigation_is_beside_the_item_and_targets_are_at_least_24px(offline_tab, offline_site):
    page = offline_tab
    page.goto((offline_site / "standardization/ch2/selection/08-budget.html").as_uri())
    nav = page.locator(".md-sidebar--secondary details.dx-stepnav[open][data-ready]")
    nav.wait_for()
    assert nav.locator("li.dx-stepnav__item").count() == 17 and nav.locator("form.dx-pattern-choice").is_visible()
    assert nav.bounding_box()["x"] > page.locator("article h1").bounding_box()["x"]
    assert nav.locator("a[aria-current=step]").inner_text() == "⑧予算要求"
    assert small_targets(page, 24) == []


@pytest.mark.browser
def test_previous_and_next_are_at_the_end_of_the_item_too(offline_tab, offline_site):
    page = offline_tab
    page.goto((offline_site / "standardization/ch2/selection/08-budget.html").as_uri())
    pagers = page.locator("article .dx-steppager")
    assert pagers.count() == 2
    last = pagers.nth(1)
    assert last.evaluate("(p) => p.nextElementSibling.textContent").startswith("出典")  # after the item's text
    assert last.locator("a[rel=prev]").inner_text() == "前の作業：⑦RFI 結果分析及び移行計画の詳細化"
    last.locator("a[rel=next]", has_text="B パターンの次の作業").click()
    page.wait_for_url(re.compile(r"/11-contract\.html$"))


@pytest.mark.browser
@pytest.mark.parametrize("viewport", [WIDE, PHONE["viewport"]], ids=["wide", "phone"])
def test_a_skip_link_leads_to_the_step_navigation(offline_tab, offline_site, viewport):
    page = offline_tab
    page.set_viewport_size(viewport)
    page.goto((offline_site / "standardization/ch2/selection/08-budget.html").as_uri())
    page.wait_for_selector(".dx-stepnav[data-ready]")
    for presses in range(1, 8):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.dx-skip-stepnav')"):
            break
    else:
        pytest.fail("the skip link to the step navigation is not among the first Tab stops")
    assert page.locator("a.dx-skip-stepnav").is_visible()  # shown while focused
    page.keyboard.press("Enter")
    page.keyboard.press("Tab")
    assert page.evaluate("!!document.activeElement.closest('#dx-stepnav')")


def test_only_pages_with_the_step_navigation_have_the_skip_link(site):
    assert 'class="md-skip dx-skip-stepnav"' in (site / "standardization/ch2/selection/08-budget/index.html").read_text(encoding="utf-8")
    assert "dx-skip-stepnav" not in (site / "online/policy/index.html").read_text(encoding="utf-8")


@pytest.mark.browser
@pytest.mark.parametrize("path, table", [("standardization/ch2/planning.html", "table.dx-steps"),
                                         ("cases/index.html", "table.dx-cases")])
def test_on_a_phone_a_wide_table_is_stacked_instead_of_breaking_every_character(phone, offline_site, path, table):
    page = phone
    page.goto((offline_site / path).as_uri())
    first = page.locator(f"{table} tbody tr").first
    cells = first.evaluate("(tr) => [...tr.cells].map(c => [c.getBoundingClientRect().width,"
                           " getComputedStyle(c, '::before').content])")
    assert all(width >= 300 for width, _ in cells), cells  # each value on a line of its own, the screen's width
    labels = [label for _, label in cells if label not in ("none", "normal")]
    head = page.locator(f"{table} thead th").all_inner_texts()
    assert labels == [f'"{h}："' for h in head if h != head[1 if table == "table.dx-steps" else 0]]
    assert page.evaluate("document.documentElement.scrollWidth") <= 390


@pytest.mark.browser
def test_the_step_bar_names_the_next_item_of_the_chosen_pattern(phone, offline_site):
    page = phone
    page.goto((offline_site / "standardization/ch2/selection/08-budget.html").as_uri())
    page.wait_for_selector(".md-content .dx-stepnav[data-ready]")
    assert page.inner_text(".dx-stepnav__next") == "次：⑨ベンダへ提案依頼（RFP）"
    page.locator(".md-content .dx-stepnav + form.dx-pattern-choice").get_by_label(
        "Bパターン（現行事業者の標準準拠システムへ移行する）").check()
    assert page.inner_text(".dx-stepnav__next") == "次：⑪契約・詳細スケジュールの確定"
