"""The source files under data/ and docs/: regular files only.

A symbolic link (to a file or a folder) or anything that is not a regular file (a FIFO, a device) is refused with
a problem naming its path; its target is never opened, so nothing outside the repository is read or published.
"""
from __future__ import annotations

import os
import stat
from pathlib import Path

from .errors import Problem


def source_files(folder: Path, root: Path) -> tuple[list[Path], list[Problem]]:
    """Every regular file under ``folder`` (sorted), and a problem for each entry that is not one.

    Problems name the path relative to ``root`` (``data/cases/x.yml``). Folders are entered only if they are
    real folders; a linked folder is refused, not followed.
    """
    folder, root = Path(folder), Path(root)
    files: list[Path] = []
    problems: list[Problem] = []
    if Path(folder).is_symlink():
        return [], [Problem(_rel(folder, root), 1, "", "symbolic link is not allowed")]
    for current, dirs, names in os.walk(folder, followlinks=False):
        here = Path(current)
        for name in sorted(dirs):
            if (here / name).is_symlink():
                problems.append(Problem(_rel(here / name, root), 1, "", "symbolic link is not allowed"))
                dirs.remove(name)
        for name in names:
            path = here / name
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                problems.append(Problem(_rel(path, root), 1, "", "symbolic link is not allowed"))
            elif not stat.S_ISREG(mode):
                problems.append(Problem(_rel(path, root), 1, "", "not a regular file"))
            else:
                files.append(path)
    return sorted(files), sorted(problems, key=lambda p: p.path)


def _rel(path: Path, root: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


# What is not the project's own tracked files: git's folder, what set-up installs and what the build makes.
NOT_SOURCES = {".git", ".venv", ".venv-zensical", "node_modules", "build", "site", "dist", ".cache", "reports",
               ".pytest_cache", ".import_linter_cache", "__pycache__"}


def links_in_tree(root: Path) -> list[Problem]:
    """A problem for every symbolic link among the project's files outside data/ and docs/ (``source_files``
    refuses those): the build reads files by path (theme overrides, snippets, vendored files), and a link there
    could publish a file from anywhere on the machine. Links are never followed."""
    root = Path(root)
    problems = []
    for current, dirs, names in os.walk(root, followlinks=False):
        here = Path(current)
        skip = NOT_SOURCES | ({"data", "docs"} if here == root else set())
        dirs[:] = [d for d in dirs if d not in skip]
        problems += [Problem(_rel(here / name, root), 1, "", "symbolic link is not allowed")
                     for name in sorted(dirs + names) if (here / name).is_symlink()]
        dirs[:] = [d for d in dirs if not (here / d).is_symlink()]
    return sorted(problems, key=lambda p: p.path)
