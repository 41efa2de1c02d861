"""The one way the project starts a browser: Debian's Chromium through Playwright, with no network of its own."""
from __future__ import annotations

import os
from pathlib import Path

CHROMIUM = Path("/usr/bin/chromium")
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
