"""The home page starts from the reader's situation: on the first screen of a 1366×768 PC (the first two of a
390×844 phone), six links for 2026 — each to an existing page or section — and いまの状況 one click away."""
from __future__ import annotations

import pytest

from tests.browser import NetworkGuard, serve, site_path

pytestmark = pytest.mark.browser

SITUATIONS = ["特定移行支援システム", "移行後の運用と経費", "40ステップでの進捗報告", "オンライン化", "体制・人材",
              "生成AI・セキュリティ"]


def links_on_home(chromium, site, viewport: dict, mobile: bool) -> tuple[list[dict], dict, str]:
    """The situation links and the いまの状況 link of the home page: title, href, box (page coordinates)."""
    with serve(site, site_path()) as base:
        context = chromium.new_context(locale="ja-JP", viewport=viewport, is_mobile=mobile, has_touch=mobile)
        NetworkGuard(context)
        page = context.new_page()
        page.goto(base)
        boxes = page.eval_on_selector_all(".dx-situations a", """links => links.map(a => {
            const r = a.getBoundingClientRect();
            return {title: a.querySelector('strong').textContent, href: a.href, bottom: r.bottom + scrollY,
                    height: r.height, width: r.width};
        })""")
        status = page.locator(".md-content a", has_text="いまの状況").first
        status_box = {**status.bounding_box(), "href": status.evaluate("a => a.href")}
        context.close()
        return boxes, status_box, base


def test_first_screen_of_a_pc_routes_by_situation(chromium, site):
    links, status, base = links_on_home(chromium, site, {"width": 1366, "height": 768}, mobile=False)
    assert [link["title"] for link in links] == SITUATIONS
    for link in links:
        assert link["bottom"] <= 768, f"{link['title']} is below the first screen ({link['bottom']:.0f} px)"
        assert link["height"] >= 44 and link["width"] >= 44, link   # touch targets (デジタル庁 design system)
    assert status["y"] + status["height"] <= 768 and status["href"] == base + "about/status/"


def test_first_two_screens_of_a_phone_route_by_situation(chromium, site):
    links, status, base = links_on_home(chromium, site, {"width": 390, "height": 844}, mobile=True)
    assert [link["title"] for link in links] == SITUATIONS
    assert all(link["bottom"] <= 2 * 844 for link in links), [(l["title"], l["bottom"]) for l in links]
    assert status["y"] + status["height"] <= 2 * 844


def test_each_situation_leads_to_an_existing_page_and_section(chromium, site):
    links, _, base = links_on_home(chromium, site, {"width": 1366, "height": 768}, mobile=False)
    assert all("#" in link["href"] or link["title"] in ("オンライン化", "体制・人材") for link in links), links
    for link in links:
        path, _, anchor = link["href"][len(base):].partition("#")
        built = site / path / "index.html"
        assert built.is_file(), link
        if anchor:
            assert f'id="{anchor}"' in built.read_text(encoding="utf-8"), link
