"""Per-page "last updated" dates from git history, computed once per build with a single ``git log``.

A case page (cases/<id>.md in build/docs/) is generated from data/cases/<id>.yml, so it takes that file's date.
When a file has no usable history (no git, not committed yet, or only the boundary commit of a shallow
clone, which lists every file), the date falls back to SOURCE_DATE_EPOCH, else the file's mtime, and is
marked as estimated.
"""
from __future__ import annotations

from .case_paths import case_file, case_of_page
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

from .dates import dated
from .git import git

JST = timezone(timedelta(hours=9), "JST")
MARK = "@@commit "


def parse_git_log(text: str, boundary: frozenset[str] = frozenset()) -> dict[str, int]:
    """``git log --format='@@commit %H %ct' --name-only`` output -> {path: newest commit time}.

    Files listed only by a shallow clone's boundary commits are left out: their dates are unknown.
    """
    dates: dict[str, int] = {}
    skip = False
    when = 0
    for line in text.splitlines():
        if line.startswith(MARK):
            sha, stamp = line[len(MARK):].split()
            skip, when = sha in boundary, int(stamp)
        elif line and not skip:
            dates.setdefault(line, when)
    return dates




def sources_of(src_uri: str, docs_dir: str = "docs") -> list[str]:
    """The repository files whose changes update a page: its Markdown, or for a case page (generated,
    not committed) the case's YAML."""
    case_id = case_of_page(src_uri)
    if case_id:
        return [case_file(case_id)]
    return [f"{docs_dir}/{src_uri}"]


def page_dates(src_uris: list[str], commit_times: dict[str, int], fallback, docs_dir: str = "docs") -> dict:
    """{src_uri: {"iso", "label", "estimated"}} for every page; ``fallback(path)`` gives an epoch when git can't."""
    out = {}
    for src in src_uris:
        files = sources_of(src, docs_dir)
        known = [commit_times[f] for f in files if f in commit_times]
        estimated = len(known) < len(files)
        epoch = max(known + ([fallback(f) for f in files if f not in commit_times] if estimated else []))
        out[src] = dict(dated(datetime.fromtimestamp(epoch, tz=JST).date()), estimated=estimated)
    return out


def page_history(root: Path, src_uris: list[str], docs_name: str = "docs") -> dict:
    """Last-updated dates of the pages ``src_uris`` (paths under the docs folder, generated case pages too)."""
    root = Path(root)
    log = git(root, "log", f"--format={MARK}%H %ct", "--name-only", "--no-renames", "--relative",
              "--", docs_name, "data") or ""
    shallow_file = (git(root, "rev-parse", "--git-path", "shallow") or "").strip()
    shallow = root / shallow_file if shallow_file else None
    boundary = frozenset(shallow.read_text().split()) if shallow and shallow.is_file() else frozenset()
    commit_times = parse_git_log(log, boundary)

    def fallback(path: str) -> int:
        if os.environ.get("SOURCE_DATE_EPOCH"):
            return int(os.environ["SOURCE_DATE_EPOCH"])
        file = root / path
        return int(file.stat().st_mtime) if file.exists() else int(datetime.now(timezone.utc).timestamp())

    return page_dates(src_uris, commit_times, fallback, docs_name)
