"""``make offline``: build the offline site from the generated inputs and zip it to dist/ (handbook/outputs/bundle.py).

    python -m tools.offline_bundle [--out ZIP]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

from handbook.outputs.bundle import BUNDLE_NAME, zip_site
from tools.builds import check, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent


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
