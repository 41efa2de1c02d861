"""The offline bundle as readers get it: one deterministic zip of the built offline site under one top folder,
published on the online site at ``SITE_PATH``; the online build describes it (size, SHA-256) from the file named
by ``BUNDLE_ENV`` (``make site`` zips before it builds the online site, tools/make_site.py)."""
from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import NamedTuple

from ..data.atomic import write_atomic
from .zips import zip_bytes

BUNDLE_NAME = "jichitai-dx-handbook-offline.zip"
TOP = "jichitai-dx-handbook"
SITE_PATH = f"downloads/offline/{BUNDLE_NAME}"   # where the online site offers it
BUNDLE_ENV = "HANDBOOK_OFFLINE_ZIP"               # the zip the online build links to (unset: no link)


class BundleFacts(NamedTuple):
    size: int      # bytes
    sha256: str    # hex digest


def zip_site(site: Path, bundle: Path) -> None:
    """Sorted entries, everything under ``TOP/``, the zip written in one step."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    write_atomic(bundle, zip_bytes((f"{TOP}/{p.relative_to(site).as_posix()}", p.read_bytes()) for p in files))


def bundle_facts(bundle: str | Path | None) -> BundleFacts | None:
    """Size and SHA-256 of the zip at ``bundle`` (``None`` when no zip is given)."""
    if not bundle:
        return None
    data = Path(bundle).read_bytes()
    return BundleFacts(len(data), hashlib.sha256(data).hexdigest())


def add_to_site(bundle: Path, site: Path) -> None:
    """Copy the zip into a built online site at ``SITE_PATH`` (where its pages link to it)."""
    (site / SITE_PATH).parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(bundle, site / SITE_PATH)
