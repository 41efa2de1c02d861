"""The offline bundle as readers get it: one deterministic zip of the built offline site under one top folder."""
from __future__ import annotations

from pathlib import Path

from ..data.atomic import write_atomic
from .zips import zip_bytes

BUNDLE_NAME = "jichitai-dx-handbook-offline.zip"
TOP = "jichitai-dx-handbook"


def zip_site(site: Path, bundle: Path) -> None:
    """Sorted entries, everything under ``TOP/``, the zip written in one step."""
    files = sorted(p for p in site.rglob("*") if p.is_file())
    write_atomic(bundle, zip_bytes((f"{TOP}/{p.relative_to(site).as_posix()}", p.read_bytes()) for p in files))
