"""Build the offline site and zip it to dist/ (the previous zip stays if anything fails).

    python -m tools.offline_bundle [--site-dir DIR] [--out ZIP]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SITE = ROOT / "site-offline"
BUNDLE = ROOT / "dist" / "jichitai-dx-handbook-offline.zip"
TOP = "jichitai-dx-handbook"


def build(site: Path = SITE) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--clean",
                    "-f", str(ROOT / "mkdocs-offline.yml"), "--site-dir", str(site)], check=True, env=env, cwd=ROOT)


def zip_site(site: Path, bundle: Path) -> None:
    """Deterministic zip: sorted entries, fixed timestamps, everything under one top folder."""
    bundle.parent.mkdir(parents=True, exist_ok=True)
    tmp = bundle.with_suffix(".zip.tmp")
    with zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as zf:
        for path in sorted(p for p in site.rglob("*") if p.is_file()):
            info = zipfile.ZipInfo(f"{TOP}/{path.relative_to(site).as_posix()}", date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            zf.writestr(info, path.read_bytes())
    tmp.replace(bundle)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=SITE, help="where to build the offline site")
    parser.add_argument("--out", type=Path, default=BUNDLE, help="the zip to write")
    args = parser.parse_args(argv)
    build(args.site_dir.resolve())
    zip_site(args.site_dir.resolve(), args.out.resolve())
    print(f"wrote {args.out} ({args.out.stat().st_size // 1024} KB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
