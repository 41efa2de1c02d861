"""`make site` (tools/make_site.py): one generate stage, one online build, its PDFs, one offline build and the zip;
site/ and dist/ are replaced only when all of it worked, and never half-way."""
from __future__ import annotations

import subprocess
import sys
import zipfile

import pytest

from handbook.outputs.downloads.catalog import PARTS
from tests.conftest import project_copy
from tools.builds import BuildFailed
from tools.make_site import STAGE_PREFIX, locked, make_site
from handbook.outputs.bundle import BUNDLE_NAME, TOP

pytestmark = pytest.mark.browser   # prints the PDFs with Chromium


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    root = project_copy(tmp_path_factory.mktemp("make-site") / "repo")
    make_site(root)
    return root


def test_site_and_bundle_offer_every_part_pdf(made):
    pdfs = sorted(p.pdf_name for p in PARTS)
    assert sorted(p.name for p in (made / "site/downloads/generated/pdf").iterdir()) == pdfs
    assert sorted(p.name for p in made.joinpath("dist").glob("*.pdf")) == sorted(f"{p.id}.pdf" for p in PARTS)
    names = zipfile.ZipFile(made / "dist" / BUNDLE_NAME).namelist()
    assert all(f"{TOP}/downloads/generated/pdf/{name}" in names for name in pdfs)
    assert f"{TOP}/index.html" in names
    html = (made / "site/downloads/index.html").read_text(encoding="utf-8")
    assert all(f"generated/pdf/{name}" in html for name in pdfs)


def test_a_failed_run_leaves_the_last_good_site_and_bundle(made):
    before = {p: p.stat().st_mtime_ns for p in (made / "site/index.html", made / "dist" / BUNDLE_NAME)}
    case = next((made / "data/cases").glob("case-*.yml"))
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("title:", "title: [", 1), encoding="utf-8")
    try:
        with pytest.raises(BuildFailed, match=case.name):
            make_site(made)
    finally:
        case.write_text(good, encoding="utf-8")
    assert {p: p.stat().st_mtime_ns for p in before} == before
    assert not list((made / "build").glob(f"{STAGE_PREFIX}*")), "a failed run left its files behind"


def test_a_second_run_waits_for_the_first(made):
    probe = ("import fcntl, sys; f = open(sys.argv[1], 'w')\n"
             "try: fcntl.flock(f, fcntl.LOCK_EX | fcntl.LOCK_NB)\nexcept BlockingIOError: sys.exit(3)")
    with locked(made):
        held = subprocess.run([sys.executable, "-c", probe, str(made / "build/.lock")])
    free = subprocess.run([sys.executable, "-c", probe, str(made / "build/.lock")])
    assert (held.returncode, free.returncode) == (3, 0)


def test_every_link_inside_the_bundle_resolves_the_pdfs_too(made, tmp_path):
    from tests.test_links import check_site, parse
    with zipfile.ZipFile(made / "dist" / BUNDLE_NAME) as zf:
        zf.extractall(tmp_path)
    bundle = tmp_path / TOP
    broken, _ = check_site(bundle)
    assert broken == []
    downloads = bundle / "downloads.html"   # the offline build has no folder URLs
    pdfs = [link for link in parse(downloads).links if link.endswith(".pdf")]
    assert len(pdfs) == len(PARTS) and all((downloads.parent / link).resolve().is_file() for link in pdfs), pdfs
