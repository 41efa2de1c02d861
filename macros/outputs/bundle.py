"""The offline bundle as readers get it: one deterministic zip of the built offline site under one top folder."""
from __future__ import annotations

import tempfile
import zipfile
from pathlib import Path

BUNDLE_NAME = "jichitai-dx-handbook-offline.zip"
TOP = "jichitai-dx-handbook"


def zip_site(site: Path, bundle: Path) -> None:
    """Sorted entries, fixed timestamps and modes, everything under ``TOP/``; the zip appears in one step."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=bundle.parent, prefix=f".{bundle.name}.", delete=False) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    Path(tmp.name).replace(bundle)
