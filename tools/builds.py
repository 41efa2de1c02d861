"""The one way tools and tests run a build: the generate stage, then a strict MkDocs build of one config."""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from handbook.data.layout import CACHE

ROOT = Path(__file__).resolve().parent.parent


class BuildFailed(Exception):
    """A stage failed; the message ends with what it printed."""


def run(args: list[str], root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """Run a Python module of the project (``["-m", "mkdocs", …]``) in ``root``; its output is captured."""
    return subprocess.run([sys.executable, *args], cwd=root, capture_output=True, text=True,
                          env={**os.environ, "NO_MKDOCS_2_WARNING": "1", **(env or {})})


def generate(root: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    return run(["-m", "tools.generate", str(root)], root, env)


def mkdocs_build(root: Path, config: str, site_dir: Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``mkdocs build --strict`` of ``config`` (a file in ``root``) into ``site_dir``; needs a generated build/."""
    return run(["-m", "mkdocs", "build", "--strict", "--clean", "-f", str(Path(root) / config),
                "--site-dir", str(site_dir)], root, env)


def check(result: subprocess.CompletedProcess, what: str) -> None:
    """Raise ``BuildFailed`` with the stage's own messages if it failed."""
    if result.returncode != 0:
        raise BuildFailed(f"{what} failed:\n{(result.stdout + result.stderr)[-4000:]}")


SKIP_IN_COPY = {".git", ".venv", ".venv-zensical", ".import_linter_cache", "node_modules", "site", "dist", "build", ".cache", ".pytest_cache", "__pycache__"}


def project_copy(dest: Path, source: Path = ROOT) -> Path:
    """A buildable copy of the project tree ``source`` (the work tree, or a copy of it) at ``dest`` (no git
    history, no build output; node_modules linked).

    The results kept between runs (``build/cache/``: parsed data, search readings, workbooks, compiled pages) come
    along when the source has them: each is stored with a digest of what made it and used only for the same
    inputs, so a copy builds what a fresh project would, without paying again for what did not change."""
    shutil.copytree(source, dest, ignore=lambda folder, names: [n for n in names if n in SKIP_IN_COPY])
    (dest / "node_modules").symlink_to(ROOT / "node_modules")
    if (source / CACHE).is_dir():
        shutil.copytree(source / CACHE, dest / CACHE)
    return dest
