"""Browser plumbing for the accessibility tests: Debian Chromium, the built sites served the way readers get them.

The online build is served over http under the path of ``site_url`` (so the 404 page's absolute links resolve);
the offline build is opened from ``file://``. Every request that leaves the site is blocked.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

from tests.conftest import ROOT

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DESKTOP = {"width": 1280, "height": 800}
ZOOM_200 = {"width": 640, "height": 800}  # a 1280 px window at 200 % zoom


def site_path() -> str:
    """The path part of ``site_url`` in mkdocs.yml, e.g. ``/jichitai-dx-handbook/``."""
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    path = urlsplit(match.group(1)).path if match else "/"
    return path if path.endswith("/") else path + "/"


def built_pages(site: Path) -> list[str]:
    """Every HTML page of a built site, as paths relative to it."""
    return sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))


@contextmanager
def serve(site: Path):
    """Serve ``site`` on 127.0.0.1 under ``site_path()``; yields the base URL."""
    prefix = site_path()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, *args):
            pass

        def translate_path(self, path):
            path = path.split("?", 1)[0].split("#", 1)[0]
            if not path.startswith(prefix):
                return str(site / "__outside_site_path__")
            return super().translate_path("/" + path[len(prefix):])

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


@contextmanager
def chromium():
    """One headless Debian Chromium for a whole test session."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield browser
        finally:
            browser.close()


def is_local(url: str, base: str) -> bool:
    """True for requests a reader's browser may make: the site itself, data: and blob: URLs."""
    return url.startswith(base) or url.startswith(("data:", "blob:"))


def local_context(browser, base: str, viewport=DESKTOP):
    """A browser context that can reach ``base`` only (an http URL or a ``file://`` directory)."""
    context = browser.new_context(viewport=viewport, locale="ja-JP")
    context.route("**/*", lambda r: r.continue_() if is_local(r.request.url, base) else r.abort())
    return context
