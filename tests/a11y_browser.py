"""What the accessibility tests add to tests/browser.py: window sizes, the site's pages, serving under site_url.

The online build is served over http under the path of ``site_url`` (so the 404 page's absolute links resolve);
the offline build is opened from ``file://``. Requests that leave the machine are blocked (tests/browser.py).
"""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path

from tests.browser import NetworkGuard, serve, site_path

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
