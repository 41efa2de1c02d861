"""MkDocs hooks of the offline build (mkdocs-offline.yml): what it must do differently from the online one.

- ``on_config``: drops the theme features that need a web server or the network (ONLINE_ONLY) and the 404
  page (only a server shows it; from file:// its absolute links point outside the bundle).
  (The vendored files, e.g. the iframe-worker shim, are staged by the generate stage: macros/outputs/vendor.py.)
- ``on_post_build``: fails the build if a page or stylesheet would load anything from outside the bundle.

``external_resources(site)`` is also used by the tests.
"""
from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

from mkdocs.exceptions import PluginError

# Theme features that do not work from file:// or without a network.
ONLINE_ONLY = {
    "navigation.instant",            # on file:// it leaves content components unmounted
    "navigation.instant.prefetch",
    "navigation.instant.progress",
    "navigation.instant.preview",
    "content.action.edit",           # links to the repository on the internet
    "content.action.view",
}

# Tags and attributes that make the browser fetch a URL by themselves (links the reader clicks are fine).
FETCHING_ATTRS = {
    "script": ("src",), "img": ("src", "srcset"), "iframe": ("src",), "frame": ("src",),
    "source": ("src", "srcset"), "audio": ("src",), "video": ("src", "poster"), "track": ("src",),
    "embed": ("src",), "object": ("data",), "input": ("src",), "image": ("href",), "use": ("href",),
}
FETCHING_RELS = {"stylesheet", "icon", "apple-touch-icon", "mask-icon", "manifest", "preload", "prefetch",
                 "modulepreload", "preconnect", "dns-prefetch"}
EXTERNAL = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:)?//", re.I)
CSS_URL = re.compile(r"""url\(\s*['"]?\s*((?:[a-z][a-z0-9+.-]*:)?//[^'")\s]+)|@import\s+['"]((?:[a-z]+:)?//[^'"]+)""",
                     re.I)


def on_config(config):
    config.theme["features"] = [f for f in config.theme.get("features", []) if f not in ONLINE_ONLY]
    config.theme.static_templates.discard("404.html")
    return config


def on_post_build(config) -> None:
    found = external_resources(Path(config.site_dir))
    if found:
        raise PluginError("the offline bundle would load resources from the network:\n  " + "\n  ".join(found))


class _FetchFinder(HTMLParser):
    """Collects URLs a page fetches by itself: scripts, images, frames, stylesheets, CSS url()."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self._in_style = False

    def handle_starttag(self, tag, attrs):
        values = dict(attrs)
        names = FETCHING_ATTRS.get(tag, ())
        if tag == "link" and FETCHING_RELS & set((values.get("rel") or "").lower().split()):
            names = ("href", "imagesrcset")
        for name in names:
            for url in _candidates(values.get(name) or "", srcset="srcset" in name):
                self.urls.append(url)
        if values.get("style"):
            self.urls += css_urls(values["style"])
        self._in_style = tag == "style"

    def handle_endtag(self, tag):
        self._in_style = False

    def handle_data(self, data):
        if self._in_style:
            self.urls += css_urls(data)


def _candidates(value: str, srcset: bool) -> list[str]:
    urls = [part.strip().split()[0] for part in value.split(",") if part.strip()] if srcset else [value]
    return [u for u in urls if EXTERNAL.match(u)]


def css_urls(css: str) -> list[str]:
    return [a or b for a, b in CSS_URL.findall(css)]


def external_resources(site: Path) -> list[str]:
    """``page: url`` for every resource outside the site that a page or stylesheet loads by itself."""
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix == ".html":
            finder = _FetchFinder()
            finder.feed(path.read_text(encoding="utf-8"))
            urls = finder.urls
        elif path.suffix == ".css":
            urls = css_urls(path.read_text(encoding="utf-8"))
        else:
            continue
        found += [f"{path.relative_to(site).as_posix()}: {url}" for url in urls]
    return found
