"""Shared fixtures: the project root, a scratch copy of data/, and the built sites."""
from __future__ import annotations

import copy
import fcntl
import fnmatch
import os
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest

from handbook.model import COLLECTIONS, Handbook
from handbook.model.readers import read_handbook
from tools import builds
from tests import identity
from tools.builds import ROOT, project_copy  # noqa: F401  (tests import them from here too)
from tests.browser import chromium  # noqa: F401  (the Playwright fixture of browser tests)


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ at ``tmp/data`` (errors are reported relative to ``tmp``)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


def edited(hb: Handbook, changes: dict[str, dict]) -> Handbook:
    """``hb`` read again from a copy of its data in which some entities' fields are set (``{id: {field: value}}``;
    ``None`` removes the field). Not validated: render tests give it hostile text the schema would refuse."""
    changed = copy.deepcopy(hb)
    for entity_id, fields in changes.items():
        record = changed.get(entity_id).origin.record
        for name, value in fields.items():
            if value is None:
                record.pop(name, None)
            else:
                record[name] = value
    schema_of = {name: schema for pattern, schema in COLLECTIONS for name in changed.docs
                 if fnmatch.fnmatchcase(name, pattern)}
    return read_handbook(changed.docs, schema_of, changed.pages)


BUILD_ENV = {"SOURCE_DATE_EPOCH": "1767225600", **identity.ENV}   # built as the deploy workflow builds


def mkdocs_build(config: str, site_dir: Path, project: Path, env: dict = BUILD_ENV) -> subprocess.CompletedProcess:
    """The generate stage and a strict build of ``config`` in ``project`` (a copy: tests never build in the repo)."""
    generated = builds.generate(project, env)
    if generated.returncode != 0:
        return generated
    return builds.mkdocs_build(project, config, site_dir, env)


def shared(tmp_path_factory, name: str, make) -> Path:
    """Folder ``name``, made by ``make(folder)`` once per test run: under pytest-xdist the first worker to ask makes
    it and the others wait for it and use it (the run's workers share the parent of their temporary folders)."""
    root = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        root = root.parent
    folder, made = root / name, root / f"{name}.made"
    with open(root / f"{name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if not made.exists():
            shutil.rmtree(folder, ignore_errors=True)
            folder.mkdir()
            make(folder)
            made.touch()
    return folder


@pytest.fixture(scope="session")
def project(tmp_path_factory) -> Path:
    """One copy of the project for the session's builds, with accessibility results made from a recorded run
    (tests/a11y_results.py), so the results pages are built and audited as the deployed site has them. Tests
    read it; the builds of ``site`` and ``offline_site`` are the only writers (in that order)."""
    from tests.a11y_results import write_recorded_results

    def make(folder: Path) -> None:
        write_recorded_results(project_copy(folder / "repo"))
    return shared(tmp_path_factory, "project", make) / "repo"


def _strict_build(config: str, project: Path, out: Path) -> None:
    result = mkdocs_build(config, out, project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]


@pytest.fixture(scope="session")
def site(project, tmp_path_factory) -> Path:
    """The online site, built once per test run with --strict."""
    return shared(tmp_path_factory, "site", lambda out: _strict_build("mkdocs.yml", project, out))


@pytest.fixture(scope="session")
def offline_site(project, site, tmp_path_factory) -> Path:
    """The offline variant, built once per test run with --strict (after the online one: same copy)."""
    return shared(tmp_path_factory, "site-offline", lambda out: _strict_build("mkdocs-offline.yml", project, out))


NEW_CASE = "case-test-madoguchi"


@pytest.fixture(scope="session")
def new_case_site(tmp_path_factory) -> tuple[Path, Path]:
    """(project, site): a copy of the project where an editor added one case with ``make new-case`` and changed
    nothing else (the skeleton as written, no accessibility results), built once per run with --strict."""
    from tools.new_case import create_case

    def make(folder: Path) -> None:
        create_case(project_copy(folder / "repo"), NEW_CASE)
        _strict_build("mkdocs.yml", folder / "repo", folder / "site")
    folder = shared(tmp_path_factory, "new-case", make)
    return folder / "repo", folder / "site"


@pytest.fixture(scope="session")
def made_site(tmp_path_factory) -> Path:
    """A copy of the project after `make site` (tools/make_site.py) as a fresh checkout runs it, with no site identity
    configured: its site/ and dist/ (the part PDFs and the offline zip). Made once per run; tests only read its site/
    and dist/ (tests/test_make_site.py may run make site there again, which must leave them as they are). Run as
    its own process, as `make site` runs it: its printer starts a browser, which a test process may already have."""
    def make(folder: Path) -> None:
        root = project_copy(folder / "repo")
        builds.check(builds.run(["-m", "tools.make_site"], root, identity.UNSET), "make site")
    return shared(tmp_path_factory, "made", make) / "repo"


@pytest.fixture(scope="session")
def offline_bundle(offline_site, tmp_path_factory) -> Path:
    """The offline zip as a reader gets it: zipped as tools/make_site.py zips it, unzipped somewhere else."""
    from handbook.outputs.bundle import TOP, zip_site
    out = tmp_path_factory.mktemp("bundle")
    zip_site(offline_site, out / "bundle.zip")
    with zipfile.ZipFile(out / "bundle.zip") as zf:
        zf.extractall(out / "unzipped")
    return out / "unzipped" / TOP
