"""Shared fixtures: the project root, a scratch copy of data/, and the built sites."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.browser import chromium  # noqa: F401  (the Playwright fixture of browser tests)

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture
def data_copy(tmp_path) -> Path:
    """A writable copy of data/ at ``tmp/data`` (errors are reported relative to ``tmp``)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path / "data"


SKIP_IN_COPY = {".git", ".venv", "node_modules", "site", "dist", ".cache", ".pytest_cache", "__pycache__"}


def project_copy(dest: Path) -> Path:
    """A buildable copy of the project tree at ``dest`` (no git history, no build output; node_modules linked)."""
    def ignore(folder, names):
        top = Path(folder) == ROOT
        return [n for n in names if n in SKIP_IN_COPY or (top and n.startswith("site-"))]
    shutil.copytree(ROOT, dest, ignore=ignore)
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    return dest


def mkdocs_build(config: str, site_dir: Path, project: Path = ROOT) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600")
    return subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / config),
                           "--site-dir", str(site_dir)], cwd=project, env=env, capture_output=True, text=True)


def _strict_build(config: str, tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp(Path(config).stem)
    result = mkdocs_build(config, out)
    assert result.returncode == 0, result.stderr[-3000:]
    return out


@pytest.fixture(scope="session")
def site(tmp_path_factory) -> Path:
    """The online site, built once per test session with --strict."""
    return _strict_build("mkdocs.yml", tmp_path_factory)


@pytest.fixture(scope="session")
def offline_site(tmp_path_factory) -> Path:
    """The offline variant, built once per test session with --strict."""
    return _strict_build("mkdocs-offline.yml", tmp_path_factory)


@pytest.fixture(scope="session")
def offline_bundle(offline_site, tmp_path_factory) -> Path:
    """The offline zip as a reader gets it: zipped by tools/offline_bundle.py, unzipped somewhere else."""
    from tools.offline_bundle import TOP, zip_site
    out = tmp_path_factory.mktemp("bundle")
    zip_site(offline_site, out / "bundle.zip")
    with zipfile.ZipFile(out / "bundle.zip") as zf:
        zf.extractall(out / "unzipped")
    return out / "unzipped" / TOP
