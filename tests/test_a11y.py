"""Accessibility audit of every built page, online and offline (JIS X 8341-3:2016 level AA = WCAG 2.0 AA).

axe-core (npm, pinned) runs in Debian Chromium on every page of both builds; zero violations of the WCAG 2.0/2.1/2.2
A and AA rules are allowed. The same pass collects what axe cannot judge (titles, skip links, tables, SVG text,
navigation order, 200 % zoom) and what decides which criteria apply (media, motion, forms).
Tests marked ``jis("x.y.z")`` feed ``make a11y-report`` (tools/a11y_report.py), which publishes their outcome.
"""
from __future__ import annotations

import asyncio
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from tests.a11y_browser import BUILDS, DESKTOP, NOT_AUDITED, ZOOM_200, audited_pages, serve_site
from tests.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL, script
from tests.conftest import ROOT
from tools.a11y_report import AXE_TAGS


AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_LOCALE = ROOT / "node_modules/axe-core/locales/ja.json"

RUN_AXE = script("axe-run")       # axe, then the contrast it leaves undecided that can be measured
PAGE_FACTS = script("page-facts")  # what axe cannot judge, and which criteria apply
# How much wider than the window the page is (> 0: a horizontal scroll bar).
OVERFLOW = "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"


def criteria_of(tags) -> list[str]:
    """axe tags ``wcag143`` / ``wcag1412`` -> success criteria ``1.4.3`` / ``1.4.12``."""
    return [f"{t[4]}.{t[5]}.{t[6:]}" for t in tags if re.fullmatch(r"wcag\d{3,}", t)]


def axe_init_script() -> str:
    """axe-core and its Japanese messages, injected into every page before the page's own scripts."""
    locale = AXE_LOCALE.read_text(encoding="utf-8")
    return AXE.read_text(encoding="utf-8") + f"\n;axe.configure({{locale: {locale}}});"


@dataclass
class SiteAudit:
    """axe results and page facts for every page of one build."""

    build: str
    base: str
    axe_version: str = ""
    browser: str = ""
    pages: dict[str, dict] = field(default_factory=dict)  # path -> facts (with "overflow" at 200 % zoom)
    rules: dict[str, dict] = field(default_factory=dict)  # rule id -> counts over pages
    violations: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    contrast_measured: int = 0  # text axe left undecided whose contrast was measured from the colours (≥ 4.5:1)

    def add_axe(self, path: str, result: dict) -> None:
        self.contrast_measured += result["contrastMeasured"]
        for kind in ("passes", "violations", "incomplete", "inapplicable"):
            for item in result[kind]:
                rule = self.rules.setdefault(item["id"], {
                    "criteria": criteria_of(item["tags"]), "help": item["help"],
                    "passes": 0, "violations": 0, "incomplete": 0, "inapplicable": 0})
                rule[kind] += 1
                if kind in ("violations", "incomplete"):
                    getattr(self, kind).append({"page": path, "rule": item["id"], "help": item["help"],
                                                "nodes": [n["target"] for n in item["nodes"]][:5]})

    def inventory(self) -> dict:
        total = Counter()
        for facts in self.pages.values():
            total.update(facts["inventory"])
        return dict(total)

    def record(self, state: str | None = None) -> dict:
        """What ``make a11y-report`` keeps: pages, per-rule counts, open findings, the content inventory."""
        return {"build": self.build, "state": state, "axe_version": self.axe_version, "browser": self.browser,
                "pages": sorted(self.pages), "rules": self.rules, "violations": self.violations,
                "incomplete": self.incomplete, "contrast_measured": self.contrast_measured, "inventory": self.inventory()}


WORKERS = 3  # pages audited at once in each build


async def _audit_page(page, audit: SiteAudit, path: str) -> None:
    await page.set_viewport_size(DESKTOP)
    await page.goto(audit.base + path, wait_until="load")
    audit.add_axe(path, await page.evaluate(RUN_AXE, [AXE_TAGS, None]))
    facts = await page.evaluate(PAGE_FACTS)
    await page.set_viewport_size(ZOOM_200)
    facts["overflow"] = await page.evaluate(OVERFLOW)
    audit.pages[path] = facts
    audit.axe_version = await page.evaluate("axe.version")


async def _audit_site(browser, build: str, site: Path, base: str) -> SiteAudit:
    audit = SiteAudit(build, base, browser=f"Chromium {browser.version}")
    context = await browser.new_context(viewport=DESKTOP, locale="ja-JP")

    async def route(r):
        await (r.continue_() if r.request.url.startswith(LOCAL) else r.abort("blockedbyclient"))

    await context.route("**/*", route)
    await context.add_init_script(script=axe_init_script())
    todo = audited_pages(build, site)

    async def worker():
        page = await context.new_page()
        while todo:
            await _audit_page(page, audit, todo.pop(0))
        await page.close()

    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    await context.close()
    audit.pages = dict(sorted(audit.pages.items()))
    return audit


def audit_sites(sites: dict[str, tuple[Path, str]]) -> dict[str, SiteAudit]:
    """Open every page of each build once: axe, page facts, then the same page at 640 px (200 % zoom)."""
    from playwright.async_api import async_playwright

    async def run():
        async with async_playwright() as pw:
            browser = await pw.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            try:
                audits = await asyncio.gather(*(_audit_site(browser, b, s, u) for b, (s, u) in sites.items()))
            finally:
                await browser.close()
            return {a.build: a for a in audits}

    return asyncio.run(run())


@pytest.fixture(scope="module")
def audits(site, offline_site) -> dict[str, SiteAudit]:
    with serve_site(site) as base:
        return audit_sites({"online": (site, base), "offline": (offline_site, offline_site.as_uri() + "/")})


def each_page(audit: SiteAudit, problem) -> list[str]:
    """``build page: problem`` for every page where ``problem(facts)`` returns something."""
    out = []
    for path, facts in audit.pages.items():
        found = problem(path, facts)
        if found:
            out.append(f"{audit.build} {path}: {found}")
    return out


# ---- axe ---------------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.jis()
@pytest.mark.parametrize("build", BUILDS)
def test_every_page_passes_axe(audits, build, record_property):
    """axe-coreのWCAG 2.0/2.1レベルA・AAのルールで、全ページに違反がない"""
    audit = audits[build]
    record_property("axe", {**audit.record(), "not_audited": NOT_AUDITED.get(build, {})})
    assert audit.pages, "no pages were audited"
    assert audit.axe_version == json.loads((ROOT / "node_modules/axe-core/package.json").read_text())["version"]
    problems = [f"{v['page']}: {v['rule']} ({v['help']}) at {v['nodes']}" for v in audit.violations]
    assert not problems, f"{len(problems)} axe violations in the {build} build:\n" + "\n".join(problems)


# ---- what axe cannot judge, on every page ----------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.jis("3.1.1")
@pytest.mark.parametrize("build", BUILDS)
def test_every_page_is_japanese(audits, build):
    """全ページのhtml要素にlang="ja"がある"""
    problems = each_page(audits[build], lambda p, f: f["lang"] != "ja" and f"lang={f['lang']!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("2.4.2")
@pytest.mark.parametrize("build", BUILDS)
def test_page_titles_are_unique_and_name_the_site(audits, build):
    """全ページのタイトルがページごとに異なり、サイト名を含む"""
    audit = audits[build]
    titles = Counter(f["title"] for f in audit.pages.values())
    site_name = "自治体DX推進手順書"
    problems = each_page(audit, lambda p, f: (site_name not in f["title"] and f"title {f['title']!r} lacks the site name")
                         or (titles[f["title"]] > 1 and f"title {f['title']!r} is used by {titles[f['title']]} pages"))
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("2.4.1")
@pytest.mark.parametrize("build", BUILDS)
def test_every_content_page_has_a_skip_link_into_the_content(audits, build):
    """本文のある全ページに、本文へ移動するスキップリンクがある（404ページは見出しとmainランドマークで代替）"""
    problems = each_page(audits[build], lambda p, f: p != "404.html" and not (f["skip"] and f["skip"]["inContent"])
                         and f"skip link {f['skip']!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("2.4.5", "3.2.4")
@pytest.mark.parametrize("build", BUILDS)
def test_search_and_navigation_on_every_page_with_the_same_names(audits, build):
    """全ページに同じ名前の検索欄・スキップリンクとナビゲーションがある"""
    audit = audits[build]
    names = {(f["search"], f["skip"]["text"] if f["skip"] else None) for p, f in audit.pages.items() if p != "404.html"}
    assert len(names) == 1 and None not in next(iter(names)), f"search box / skip link names differ: {names}"
    problems = each_page(audit, lambda p, f: not f["nav"] and "no navigation")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("3.2.3")
@pytest.mark.parametrize("build", BUILDS)
def test_navigation_is_in_the_same_order_on_every_page(audits, build):
    """ナビゲーション（タブと第1階層）の並び順が全ページで同じ"""
    audit = audits[build]
    orders = Counter((tuple(f["tabs"]), tuple(f["nav"])) for f in audit.pages.values())
    assert len(orders) == 1, "navigation differs between pages:\n" + "\n".join(
        f"{n} pages: tabs {list(t)} nav {list(v)}" for (t, v), n in orders.items())


@pytest.mark.browser
@pytest.mark.jis("2.4.3")
@pytest.mark.parametrize("build", BUILDS)
def test_no_positive_tabindex(audits, build):
    """tabindexに正の値を使わず、フォーカス順序を文書の順序に合わせる"""
    problems = each_page(audits[build], lambda p, f: f["positiveTabindex"])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("4.1.1")
@pytest.mark.parametrize("build", BUILDS)
def test_no_duplicate_ids(audits, build):
    """同じページの中でidが重複しない"""
    problems = each_page(audits[build], lambda p, f: f["duplicateIds"])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.3.1")
@pytest.mark.parametrize("build", BUILDS)
def test_tables_have_captions_and_scoped_headers(audits, build):
    """すべての表に表題（caption）と見出しセルがあり、見出し行以外の見出しセルにはscopeがある（手書きの表は「表：」で表題を付ける）"""
    def problem(path, facts):
        return [t for t in facts["tables"] if not t["caption"] or t["unscoped"] or not t["headers"]]

    problems = each_page(audits[build], problem)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.4.1")
@pytest.mark.parametrize("build", BUILDS)
def test_links_in_text_are_underlined_not_told_by_colour_alone(audits, build):
    """本文中のリンクに下線があり、色だけでリンクを示していない"""
    problems = each_page(audits[build], lambda p, f: f["linksByColourOnly"][:3])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.1.1")
@pytest.mark.parametrize("build", BUILDS)
def test_content_svgs_have_a_text_alternative(audits, build):
    """本文中のSVG（図・グラフ）にrole="img"と名前がある（装飾はaria-hidden）"""
    problems = each_page(audits[build], lambda p, f: f["svgWithoutText"])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.4.4")
@pytest.mark.parametrize("build", BUILDS)
def test_no_horizontal_scroll_at_200_percent_zoom(audits, build):
    """200%拡大相当（幅640px）で、どのページも横スクロールが生じない"""
    problems = each_page(audits[build], lambda p, f: f["overflow"] > 0 and f"{f['overflow']}px wider than the window")
    assert not problems, "\n".join(problems)
