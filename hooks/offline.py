"""MkDocs hooks of the offline build (mkdocs-offline.yml): what it must do differently from the online one.

- ``on_config``: drops the theme features that need a web server or the network (ONLINE_ONLY) and the 404
  page (only a server shows it; from file:// its absolute links point outside the bundle).
  (The vendored files, e.g. the iframe-worker shim, are staged by the generate stage: handbook/outputs/vendor.py.)
- ``on_post_build``: fails the build, naming the source file (``docs/….md``, ``data/cases/<id>.yml``), if any file
  a browser reads as a document or stylesheet (whatever its extension) refers outside the bundle:
  anything it loads by itself must be in the bundle (or ``data:``/``blob:``), and links may go to the web or mail
  but not to ``javascript:``, another folder or a Windows share (handbook/outputs/references.py resolves each reference
  against the page's own ``file:`` URL, as the browser does).

``external_resources(site)`` is also used by the tests.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError

import yaml

from handbook.outputs.references import outside_bundle, references_in

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
    found = external_resources(Path(config.site_dir), Path(config.docs_dir))
    if found:
        raise PluginError("the offline bundle refers outside itself (the network, another folder, a Windows share "
                          "or a script link); fix these sources:\n  " + "\n  ".join(found))


def external_resources(site: Path, staged: Path | None = None) -> list[str]:
    """``source: url (file in the bundle)`` for every reference that leaves ``site``, in every file a browser
    would read as a page or stylesheet, whatever its extension (handbook/outputs/references.py ``readable``).

    Each file's references are resolved against its own ``file:`` URL in the bundle. ``source`` is the file an
    editor fixes (``docs/….md``, ``data/cases/<id>.yml``), read from the page facts of the staged page in
    ``staged`` (build/docs/); a file that is not a page is named by its path there, or in the bundle.
    """
    found = []
    for path in sorted(p for p in site.rglob("*") if p.is_file()):
        refs = references_in(path)
        if not refs:
            continue
        page = path.relative_to(site).as_posix()
        source = source_of(page, staged) if staged else page
        found += [f"{source}: {url} ({page})" for url in outside_bundle(BUNDLE + quote(page), BUNDLE, refs)]
    return found


def source_of(page: str, staged: Path) -> str:
    """The source file of the bundle's file ``page``: its staged page's ``dx.source`` (``docs/….md`` or
    ``data/cases/<id>.yml``), ``docs/<path>`` for a file copied from docs/, else ``page`` itself."""
    stem = page[:-len(".html")] if page.endswith(".html") else None
    if stem is not None:
        for candidate in (f"{stem}.md", stem.removesuffix("index").rstrip("/") + ".md"):
            markdown = staged / candidate.lstrip("/")
            if candidate.lstrip("/") and markdown.is_file():
                source = _facts(markdown).get("source")
                if isinstance(source, str):
                    return source
    return f"docs/{page}" if (staged / page).is_file() and (staged.parent.parent / "docs" / page).is_file() else page


def _facts(markdown: Path) -> dict:
    """The page facts (front matter ``dx``) of a staged page: its second line (handbook/outputs/generate.py)."""
    lines = markdown.read_text(encoding="utf-8").split("\n", 2)
    if len(lines) < 2 or not lines[1].startswith("dx: "):
        return {}
    facts = yaml.safe_load(lines[1][len("dx: "):])
    return facts if isinstance(facts, dict) else {}
