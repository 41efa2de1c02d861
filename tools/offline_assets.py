"""MkDocs hooks of the offline build (mkdocs-offline.yml): what it must do differently from the online one.

- ``on_config``: drops the theme features that need a web server or the network (ONLINE_ONLY) and the 404
  page (only a server shows it; from file:// its absolute links point outside the bundle).
- ``on_files``: adds the VENDORED files, copied from node_modules at build time after checking that the
  installed package is the version package.json pins, their licences, and ``assets/vendor/provenance.json``
  (``vendored_files``, also used for Zensical's offline build).
- ``on_post_build``: fails the build if a page or stylesheet would load anything from outside the bundle.

``external_resources(site)`` is also used by the tests.
"""
from __future__ import annotations

import hashlib
import json
import re
from html.parser import HTMLParser
from importlib.metadata import version as installed_version
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

# Theme features that do not work from file:// or without a network.
ONLINE_ONLY = {
    "navigation.instant",            # on file:// it leaves content components unmounted
    "navigation.instant.prefetch",
    "navigation.instant.progress",
    "navigation.instant.preview",
    "content.action.edit",           # links to the repository on the internet
    "content.action.view",
}

# Site path -> (npm package, file in the package). Every one must be pinned in package.json.
VENDORED = {
    "assets/vendor/iframe-worker/shim.js": ("iframe-worker", "shim/index.js"),
}

PROVENANCE = "assets/vendor/provenance.json"

# Pages only a web server shows (from file:// their absolute links point outside the bundle).
SERVER_ONLY_PAGES = ("404.html",)

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
    for name in SERVER_ONLY_PAGES:
        config.theme.static_templates.discard(name)
    return config


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent
    try:
        copies, provenance = vendored_files(root, ("mkdocs-material", installed_version("mkdocs-material")))
    except ValueError as err:
        raise PluginError(str(err)) from err
    for dest, source in copies.items():
        if not (dest.endswith("/LICENSE") and files.get_file_from_path(dest)):
            files.append(File.generated(config, dest, abs_src_path=str(source)))
    files.append(File.generated(config, PROVENANCE, content=provenance))
    return files


def vendored_files(root: Path, theme: tuple[str, str]) -> tuple[dict[str, Path], str]:
    """What the offline build adds to the site: ``{site path: file in node_modules}`` (VENDORED and their
    licences, after checking each installed package is the version package.json pins) and the text of
    PROVENANCE, which also names the theme package (name, version) whose assets the site ships.
    Raises ValueError naming the problem. Used by both hosts (MkDocs: on_files; Zensical:
    tools/zensical_build.py)."""
    if not (root / "package.json").exists():
        raise ValueError(f"{root}/package.json is missing: it pins the vendored npm packages")
    pins = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    provenance = {"theme": {"package": theme[0], "registry": "PyPI", "version": theme[1],
                            "files": "assets/javascripts/, assets/stylesheets/"}}
    copies: dict[str, Path] = {}
    for dest, (package, inner) in VENDORED.items():
        folder = root / "node_modules" / package
        meta = folder / "package.json"
        found = json.loads(meta.read_text(encoding="utf-8"))["version"] if meta.exists() else "missing"
        if package not in pins or found != pins[package]:
            raise ValueError(f"node_modules/{package} is {found}, package.json pins {pins.get(package)}: run `npm ci`")
        source = folder / inner
        copies[dest] = source
        if (folder / "LICENSE").exists():
            copies.setdefault(dest.rsplit("/", 1)[0] + "/LICENSE", folder / "LICENSE")
        provenance[dest] = {"package": package, "registry": "npm", "version": found, "file": inner,
                            "license": json.loads(meta.read_text(encoding="utf-8")).get("license"),
                            "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    return copies, json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=True)


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
