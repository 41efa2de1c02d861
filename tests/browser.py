"""Shared Playwright helpers for browser tests (mark them ``@pytest.mark.browser``).

- ``chromium`` (module fixture): headless Debian Chromium (/usr/bin/chromium) with background
  networking, component updates and sync turned off, so the browser itself makes no requests.
  Module scope because Playwright's sync API runs one instance at a time in a process.
- ``serve(directory, prefix="/")``: context manager serving a directory on http://127.0.0.1:<free port>
  under ``prefix`` (use ``site_path()``, the path of ``site_url``, so Material's instant navigation
  recognises its pages).
- ``NetworkGuard(context)``: aborts and records every request that does not go to file:// or
  127.0.0.1 (``guard.blocked``); ``guard.requests`` lists every URL the pages asked for.
- ``script(name)``: the JavaScript of tests/browser-js/<name>.js, one function expression for
  ``page.evaluate(script(name), arg)`` (anything longer than a one-line expression lives there, not in a string).

Typical use::

    def test_x(chromium, site):
        with serve(site) as base:
            context = chromium.new_context()
            guard = NetworkGuard(context)
            page = context.new_page()
            page.goto(base + "index.html")
            ...
            assert guard.blocked == []
"""
from __future__ import annotations

import functools
import threading
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Iterator

import pytest

from tests.identity import site_path  # noqa: F401  (where the test builds' site_url puts the online site)
from tools.chromium import CHROMIUM, CHROMIUM_ARGS, LOCAL, NetworkGuard, launch  # noqa: F401  (re-exported for tests)

BROWSER_JS = Path(__file__).resolve().parent / "browser-js"


@pytest.fixture(scope="module")
def chromium():
    """A headless Debian Chromium for one test module (fails clearly if it is not installed)."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: run `make system-deps` (apt-get install chromium)")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = launch(playwright)
        yield browser
        browser.close()


def script(name: str) -> str:
    """The function expression in tests/browser-js/<name>.js, for ``page.evaluate`` and ``wait_for_function``."""
    return (BROWSER_JS / f"{name}.js").read_text(encoding="utf-8")




class _Handler(SimpleHTTPRequestHandler):
    prefix = "/"

    def log_message(self, *args) -> None:
        pass

    def translate_path(self, path: str) -> str:
        path = path.split("?", 1)[0].split("#", 1)[0]
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__outside_prefix__")
        return super().translate_path("/" + path[len(self.prefix):])


@contextmanager
def checked_page(browser, viewport: dict, **device) -> Iterator:
    """A page in a new Japanese context (``device``: more context options, e.g. a phone's touch) with the network
    blocked; when the test is done, nothing was blocked and no script error happened."""
    context = browser.new_context(locale="ja-JP", viewport=viewport, **device)
    guard = NetworkGuard(context)
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    assert guard.blocked == [] and errors == []
    context.close()


@contextmanager
def serve(directory: Path, prefix: str = "/") -> Iterator[str]:
    """Serve ``directory`` over http on 127.0.0.1 under ``prefix``; yields the base URL (ending in /)."""
    prefix = "/" + prefix.strip("/") + "/" if prefix.strip("/") else "/"
    handler_class = type("Handler", (_Handler,), {"prefix": prefix})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}{prefix}"
    finally:
        server.shutdown()
        server.server_close()


def search(page, query: str, timeout: float = 10_000) -> list[list[str]]:
    """Type ``query`` into Material's search box; return each result's titles (page, then sections).

    Waits until the Japanese search (overrides/assets/js/search-material.js) has answered this query,
    so it fails if Material's search UI stops asking it.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")  # Material sends the query on keyup
    try:
        page.wait_for_function("q => window.__dxSearch && window.__dxSearch.lastQuery === q", arg=query,
                               timeout=timeout)
    except Exception as err:
        state = page.evaluate("window.__dxSearch || null")
        raise AssertionError(f"the search UI never asked the Japanese search for {query!r} (state: {state}); "
                             "has Material's search worker protocol changed?") from err
    return page.eval_on_selector_all(
        ".md-search-result__item",
        "items => items.map(li => [...li.querySelectorAll('h1, h2')].map(h => h.textContent.trim()))")
