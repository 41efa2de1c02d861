"""What the accessibility tests add to tests/browser.py: window sizes, the site's pages, serving under site_url,
axe-core (npm, pinned) and the pass that opens every page of a build once (tests/test_a11y.py).

The online build is served over http under the path of ``site_url`` (so the 404 page's absolute links resolve);
the offline build is opened from ``file://``. Requests that leave the machine are blocked (tests/browser.py).
"""
from __future__ import annotations

import asyncio
import re
from collections import Counter
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from tests.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL, NetworkGuard, script, serve, site_path
from tools.a11y_report import AXE_TAGS
from tools.builds import ROOT

DESKTOP = {"width": 1280, "height": 800}
ZOOM_200 = {"width": 640, "height": 800}  # a 1280 px window at 200 % zoom
BUILDS = ["online", "offline"]

# Pages left out of a build's audit, with the reason published on the results page.
NOT_AUDITED = {
    "offline": {"404.html": "file:// で開く版ではサーバーが「ページが見つからない」ことを返さないため、表示される場面がない"},
}


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@contextmanager
def serve_site(site: Path):
    """The online build over http under ``site_path()``; yields the base URL."""
    with serve(site, site_path()) as base:
        yield base


def local_context(browser, viewport=DESKTOP):
    """A Japanese-locale browser context of the given size that cannot reach the network."""
    context = browser.new_context(viewport=viewport, locale="ja-JP")
    NetworkGuard(context)
    return context


def audited_pages(build: str, site: Path) -> list[str]:
    return [p for p in built_pages(site) if p not in NOT_AUDITED.get(build, {})]


AXE = ROOT / "node_modules/axe-core/axe.min.js"
AXE_LOCALE = ROOT / "node_modules/axe-core/locales/ja.json"

RUN_AXE = script("axe-run")       # axe, then the contrast it leaves undecided that can be measured
PAGE_FACTS = script("page-facts")  # what axe cannot judge, and which criteria apply
# How much wider than the window the page is (> 0: a horizontal scroll bar).
OVERFLOW = "() => document.scrollingElement.scrollWidth - document.scrollingElement.clientWidth"
# Whether the page works: images that failed to load, and the footer's build stamp shown (as Playwright's
# is_visible judges: a box of some size, not visibility: hidden).
WORKS = """() => {
  const stamp = document.querySelector("footer .dx-build-stamp"), box = stamp && stamp.getBoundingClientRect();
  return {brokenImages: [...document.images].filter(i => i.complete && i.naturalWidth === 0).map(i => i.src),
          stampVisible: !!stamp && box.width > 0 && box.height > 0 && getComputedStyle(stamp).visibility !== "hidden"};
}"""


def criteria_of(tags) -> list[str]:
    """axe tags ``wcag143`` / ``wcag1412`` -> success criteria ``1.4.3`` / ``1.4.12``."""
    return [f"{t[4]}.{t[5]}.{t[6:]}" for t in tags if re.fullmatch(r"wcag\d{3,}", t)]


def axe_init_script() -> str:
    """axe-core and its Japanese messages, injected into every page before the page's own scripts."""
    locale = AXE_LOCALE.read_text(encoding="utf-8")
    return AXE.read_text(encoding="utf-8") + f"\n;axe.configure({{locale: {locale}}});"


@dataclass
class SiteAudit:
    """axe results, page facts and what went wrong loading them, for every page of one build."""

    build: str
    base: str
    axe_version: str = ""
    browser: str = ""
    pages: dict[str, dict] = field(default_factory=dict)  # path -> facts (with "overflow" at 200 % zoom)
    rules: dict[str, dict] = field(default_factory=dict)  # rule id -> counts over pages
    violations: list[dict] = field(default_factory=list)
    incomplete: list[dict] = field(default_factory=list)
    contrast_measured: int = 0  # text axe left undecided whose contrast was measured from the colours (≥ 4.5:1)
    errors: list[str] = field(default_factory=list)    # "page: script error"
    requests: list[str] = field(default_factory=list)  # every URL the pages asked for (the blocked ones too)

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
    facts = {**await page.evaluate(PAGE_FACTS), **await page.evaluate(WORKS)}
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
    context.on("request", lambda request: audit.requests.append(request.url))
    await context.add_init_script(script=axe_init_script())
    todo = audited_pages(build, site)

    async def worker():
        page = await context.new_page()
        path = None
        page.on("pageerror", lambda error: audit.errors.append(f"{path}: {error}"))
        while todo:
            path = todo.pop(0)
            await _audit_page(page, audit, path)
        await page.close()

    await asyncio.gather(*(worker() for _ in range(WORKERS)))
    await context.close()
    audit.pages = dict(sorted(audit.pages.items()))
    return audit


def audit_sites(sites: dict[str, tuple[Path, str]]) -> dict[str, SiteAudit]:
    """Open every page of each build once (the network blocked): axe, page facts, then the same page at 640 px
    (200 % zoom); script errors and requests are recorded on the way."""
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
