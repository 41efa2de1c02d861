"""Browser files the site vendors from pinned npm packages (no CDN): copied into the staged docs by the generate
stage, with their licences and ``assets/vendor/provenance.json``, after checking that the installed package is
the version package.json pins. Staged like any page, so both hosts and both builds (online, offline) have them.
"""
from __future__ import annotations

import hashlib
import json
from importlib.metadata import version as installed_version
from pathlib import Path

# Site path -> (npm package, file in the package). Every one must be pinned in package.json.
VENDORED = {
    "assets/vendor/iframe-worker/shim.js": ("iframe-worker", "shim/index.js"),
}


class VendorError(Exception):
    """node_modules does not hold what package.json pins."""


def pinned_package(root: Path, package: str) -> tuple[Path, dict]:
    """The folder and package.json of an installed npm package, after checking it is the version package.json pins."""
    pins = json.loads((root / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    folder = root / "node_modules" / package
    meta_file = folder / "package.json"
    meta = json.loads(meta_file.read_text(encoding="utf-8")) if meta_file.exists() else {}
    found = meta.get("version", "missing")
    if package not in pins or found != pins[package]:
        raise VendorError(f"node_modules/{package} is {found}, package.json pins {pins.get(package)}: run `npm ci`")
    return folder, meta


def vendored_files(root: Path) -> dict[str, bytes]:
    """Every vendored file by site path, with licences and the provenance record."""
    provenance = {"theme": {"package": "mkdocs-material", "registry": "PyPI",
                            "version": installed_version("mkdocs-material"),
                            "files": "assets/javascripts/, assets/stylesheets/"}}
    files: dict[str, bytes] = {}
    for dest, (package, inner) in VENDORED.items():
        folder, meta = pinned_package(root, package)
        found = meta["version"]
        files[dest] = (folder / inner).read_bytes()
        if (folder / "LICENSE").exists():
            files[dest.rsplit("/", 1)[0] + "/LICENSE"] = (folder / "LICENSE").read_bytes()
        provenance[dest] = {"package": package, "registry": "npm", "version": found, "file": inner,
                            "license": meta.get("license"), "sha256": hashlib.sha256(files[dest]).hexdigest()}
    files["assets/vendor/provenance.json"] = json.dumps(provenance, ensure_ascii=False, indent=2,
                                                        sort_keys=True).encode("utf-8")
    return files
