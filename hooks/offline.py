"""MkDocs hooks of the offline build (mkdocs-offline.yml): what it must do differently from the online one.

- ``on_config``: drops the theme features that need a web server or the network (ONLINE_ONLY) and the 404
  page (only a server shows it; from file:// its absolute links point outside the bundle).
- ``on_files``: adds the VENDORED files, copied from node_modules at build time after checking that the
  installed package is the version package.json pins, their licences, and ``assets/vendor/provenance.json``.
- ``on_post_build``: fails the build, naming the page, if a page, stylesheet or SVG refers outside the bundle:
  anything it loads by itself must be in the bundle (or ``data:``/``blob:``), and links may go to the web or mail
  but not to ``javascript:``, another folder or a Windows share (hooks/references.py resolves each reference
  against the page's own ``file:`` URL, as the browser does).

``external_resources(site)`` is also used by the tests.
"""
from __future__ import annotations

import hashlib
import json
from importlib.metadata import version as installed_version
from pathlib import Path
from urllib.parse import quote

from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files

from hooks.references import css_references, html_references, outside_bundle

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
BUNDLE = "file:///bundle/"  # where a page's references are resolved: any folder the reader unzips into


def on_config(config):
    config.theme["features"] = [f for f in config.theme.get("features", []) if f not in ONLINE_ONLY]
    config.theme.static_templates.discard("404.html")
    return config


def on_files(files: Files, config) -> Files:
    root = Path(config.config_file_path).resolve().parent
    if not (root / "package.json").exists():
        raise PluginError(f"{root}/package.json is missing: it pins the vendored npm packages")
    pins = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    provenance = {"theme": {"package": "mkdocs-material", "registry": "PyPI",
                            "version": installed_version("mkdocs-material"),
                            "files": "assets/javascripts/, assets/stylesheets/"}}
    for dest, (package, inner) in VENDORED.items():
        folder = root / "node_modules" / package
        meta = folder / "package.json"
        found = json.loads(meta.read_text(encoding="utf-8"))["version"] if meta.exists() else "missing"
        if package not in pins or found != pins[package]:
            raise PluginError(f"node_modules/{package} is {found}, package.json pins {pins.get(package)}: run `npm ci`")
        source = folder / inner
        files.append(File.generated(config, dest, abs_src_path=str(source)))
        licence = dest.rsplit("/", 1)[0] + "/LICENSE"
        if (folder / "LICENSE").exists() and not files.get_file_from_path(licence):
            files.append(File.generated(config, licence, abs_src_path=str(folder / "LICENSE")))
        provenance[dest] = {"package": package, "registry": "npm", "version": found, "file": inner,
                            "license": json.loads(meta.read_text(encoding="utf-8")).get("license"),
                            "sha256": hashlib.sha256(source.read_bytes()).hexdigest()}
    files.append(File.generated(config, "assets/vendor/provenance.json",
                                content=json.dumps(provenance, ensure_ascii=False, indent=2, sort_keys=True)))
    return files


def on_post_build(config) -> None:
    found = external_resources(Path(config.site_dir))
    if found:
        raise PluginError("the offline bundle refers outside itself (the network, another folder, a Windows share "
                          "or a script link); fix these pages:\n  " + "\n  ".join(found))


def external_resources(site: Path) -> list[str]:
    """``page: url`` for every reference in a page, stylesheet or SVG of ``site`` that leaves it.

    Each page's references are resolved against its own ``file:`` URL in the bundle (hooks/references.py).
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
