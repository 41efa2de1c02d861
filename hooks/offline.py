"""MkDocs hooks of the offline build (mkdocs-offline.yml): what it must do differently from the online one.

- ``on_config``: drops the theme features that need a web server or the network (ONLINE_ONLY) and the 404
  page (only a server shows it; from file:// its absolute links point outside the bundle).
  (The vendored files, e.g. the iframe-worker shim, are staged by the generate stage: handbook/outputs/vendor.py.)
- ``on_post_build``: fails the build, naming the page, if a page, stylesheet or SVG refers outside the bundle:
  anything it loads by itself must be in the bundle (or ``data:``/``blob:``), and links may go to the web or mail
  but not to ``javascript:``, another folder or a Windows share (handbook/outputs/references.py resolves each reference
  against the page's own ``file:`` URL, as the browser does).

``external_resources(site)`` is also used by the tests.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError

from handbook.outputs.references import css_references, html_references, outside_bundle

# Theme features that do not work from file:// or without a network.
ONLINE_ONLY = {
    "navigation.instant",            # on file:// it leaves content components unmounted
    "navigation.instant.prefetch",
    "navigation.instant.progress",
    "navigation.instant.preview",
    "content.action.edit",           # links to the repository on the internet
    "content.action.view",
}

BUNDLE = "file:///bundle/"  # where a page's references are resolved: any folder the reader unzips into


# Pages only a web server shows (from file:// their absolute links point outside the bundle).
SERVER_ONLY_PAGES = ("404.html",)


def on_config(config):
    config.theme["features"] = [f for f in config.theme.get("features", []) if f not in ONLINE_ONLY]
    for name in SERVER_ONLY_PAGES:
        config.theme.static_templates.discard(name)
    return config


def on_post_build(config) -> None:
    found = external_resources(Path(config.site_dir))
    if found:
        raise PluginError("the offline bundle refers outside itself (the network, another folder, a Windows share "
                          "or a script link); fix these pages:\n  " + "\n  ".join(found))


def external_resources(site: Path) -> list[str]:
    """``page: url`` for every reference in a page, stylesheet or SVG of ``site`` that leaves it.

    Each page's references are resolved against its own ``file:`` URL in the bundle (handbook/outputs/references.py).
    """
    found = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".svg"):
            refs = html_references(path.read_text(encoding="utf-8"))
        elif path.suffix == ".css":
            refs = css_references(path.read_text(encoding="utf-8"))
        else:
            continue
        page = path.relative_to(site).as_posix()
        found += [f"{page}: {url}" for url in outside_bundle(BUNDLE + quote(page), BUNDLE, refs)]
    return found
