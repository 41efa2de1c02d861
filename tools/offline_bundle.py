"""Zip a built offline site deterministically (``make site`` calls it; ``python -m tools.offline_bundle`` builds
the offline site from the generated inputs first and writes dist/ in one step).

    python -m tools.offline_bundle [--out ZIP]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import zipfile
from pathlib import Path

from tools.builds import check, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
BUNDLE_NAME = "jichitai-dx-handbook-offline.zip"
TOP = "jichitai-dx-handbook"


def zip_site(site: Path, bundle: Path) -> None:
    """Deterministic zip: sorted entries, fixed timestamps, everything under one top folder."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.NamedTemporaryFile(dir=bundle.parent, prefix=f".{bundle.name}.", delete=False) as tmp:
        with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
            for path in sorted(p for p in site.rglob("*") if p.is_file()):
                info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                zf.writestr(info, path.read_bytes())
    Path(tmp.name).replace(bundle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "dist" / BUNDLE_NAME, help="the zip to write")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(dir=ROOT / "build", prefix="offline-") as tmp:
        check(mkdocs_build(ROOT, "mkdocs-offline.yml", Path(tmp) / "site"), "the offline build")
        zip_site(Path(tmp) / "site", args.out.resolve())
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
