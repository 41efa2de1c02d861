"""The edition and build stamp shown on every page (so printed and offline copies can be traced)."""
from __future__ import annotations

import os
from datetime import datetime, timezone
from pathlib import Path

from .git import git


def _git(root: Path, *args: str) -> str:
    return (git(root, *args) or "").strip()


def build_info(root: Path, handbook) -> dict:
    """Edition from data/editions.yml; commit and date from git (SOURCE_DATE_EPOCH wins for reproducible builds)."""
    commit = _git(root, "rev-parse", "--short=10", "HEAD") or "unknown"
    epoch = os.environ.get("SOURCE_DATE_EPOCH") or _git(root, "log", "-1", "--format=%ct")
    when = datetime.fromtimestamp(int(epoch), tz=timezone.utc) if epoch else datetime.now(timezone.utc)
    latest = max(handbook.editions, key=lambda e: e.date)
    return {
        "edition": handbook.site_edition or latest.version,
        "version": latest.version,
        "commit": commit,
        "date": when.strftime("%Y-%m-%d"),
    }
