"""The one way the project starts a browser: Debian's Chromium through Playwright, with no network of its own."""
from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
# What a page may load when the network is blocked: its own files, the local test server and inline URLs.
LOCAL = ("file://", "http://127.0.0.1:", "data:", "blob:", "about:")
# Without the background-networking flags Chromium keeps calling Google's hosts; this machine's closed network
# refuses them. --no-sandbox: the builds and tests run as root.
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--headless"]


def launch(playwright):
    """A headless Chromium browser from a started Playwright (with the async API, await the result)."""
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def binary_stamp() -> str:
    """Size and time of the installed binary: changes whenever the Debian package is upgraded."""
    stat = os.stat(CHROMIUM)
    return f"{stat.st_size}-{stat.st_mtime_ns}"


class NetworkGuard:
    """Blocks the network for a browser context: only file://, 127.0.0.1 and inline URLs get through."""

    def __init__(self, context) -> None:
        self.requests: list[str] = []
        self.blocked: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        context.route("**/*", self._route)

    def _route(self, route) -> None:
        url = route.request.url
        if url.startswith(LOCAL):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort("blockedbyclient")

    @property
    def outside(self) -> list[str]:
        """Every request (routed or not) that left file:// and 127.0.0.1."""
        return [url for url in self.requests if not url.startswith(LOCAL)]
