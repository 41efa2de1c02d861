"""``make site``: one generate stage, one offline build, the PDFs printed from it, the zip, one online build.

The order lets every file have one writer: the PDFs are printed from the offline build and go into the zip, so
the zip is finished before the online build, which states its size and SHA-256 (handbook/outputs/bundle.py) and
offers it at ``SITE_PATH`` with the same PDFs.

Everything is made in a private folder under build/ and site/ and dist/ are swapped in only when every step
succeeded, so a failed or killed run leaves the previous good ones. A lock (build/.lock) makes a second run
wait for the first.
"""
from __future__ import annotations

import fcntl
import shutil
import sys
import tempfile
from contextlib import contextmanager
from pathlib import Path

from tools.builds import BuildFailed, check, generate, mkdocs_build

ROOT = Path(__file__).resolve().parent.parent
STAGE_PREFIX = "make-site-"


@contextmanager
def locked(root: Path):
    """Hold build/.lock (waiting for another run to finish); remove what killed runs left behind."""
    (root / "build").mkdir(exist_ok=True)
    with open(root / "build" / ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        for stale in (root / "build").glob(f"{STAGE_PREFIX}*"):
            shutil.rmtree(stale, ignore_errors=True)
        yield


def replace_dir(new: Path, target: Path, trash: Path) -> None:
    """Put ``new`` in the place of ``target`` (two renames on one file system)."""
    if target.exists():
        target.rename(trash)
    new.rename(target)


def make_site(root: Path = ROOT) -> None:
    from handbook.outputs import bundle
    from tools.pdf import add_to_site, make_pdfs

    with locked(root), tempfile.TemporaryDirectory(dir=root / "build", prefix=STAGE_PREFIX) as tmp:
        stage = Path(tmp)
        check(generate(root), "the generate stage")
        check(mkdocs_build(root, "mkdocs-offline.yml", stage / "site-offline"), "the offline build")
        pdfs = make_pdfs(stage / "site-offline", stage / "dist", root)
        add_to_site(pdfs, stage / "site-offline")
        zipped = stage / "dist" / bundle.BUNDLE_NAME
        bundle.zip_site(stage / "site-offline", zipped)
        check(mkdocs_build(root, "mkdocs.yml", stage / "site", {bundle.BUNDLE_ENV: str(zipped)}), "the online build")
        add_to_site(pdfs, stage / "site")
        bundle.add_to_site(zipped, stage / "site")
        replace_dir(stage / "site", root / "site", stage / "old-site")
        replace_dir(stage / "dist", root / "dist", stage / "old-dist")


def main() -> int:
    try:
        make_site()
    except BuildFailed as err:
        print(err, file=sys.stderr)
        return 1
    print("site/ と dist/（PDF、オフライン版 zip）を作成しました。")
    return 0


if __name__ == "__main__":
    sys.exit(main())
