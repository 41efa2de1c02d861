"""Two builds of the same tree give byte-identical files (online site, offline site and the offline zip).

The builds run in separate processes (different hash seeds) and opposite time zones, so output that depends
on set order, the clock or the local time zone shows up as a difference. SOURCE_DATE_EPOCH fixes the build
stamp, as the conftest builds do.
"""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tools.offline_bundle import zip_site

TIME_ZONES = ("Pacific/Kiritimati", "Etc/GMT+12")  # UTC+14 and UTC-12: the local date always differs


def build(config: str, out: Path, tz: str) -> None:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", SOURCE_DATE_EPOCH="1767225600", TZ=tz)
    result = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(ROOT / config),
                             "--site-dir", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr[-3000:]


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.mark.parametrize("config", ["mkdocs.yml", "mkdocs-offline.yml"])
def test_two_builds_are_identical(tmp_path, config):
    sites = [tmp_path / f"build-{i}" for i in (1, 2)]
    for site, tz in zip(sites, TIME_ZONES):
        build(config, site, tz)
    first, second = digests(sites[0]), digests(sites[1])
    assert first, "the build wrote no files"
    assert not differences(first, second), f"files that differ between two builds: {differences(first, second)}"
    if config == "mkdocs-offline.yml":
        zips = [tmp_path / f"bundle-{i}.zip" for i in (1, 2)]
        for site, bundle in zip(sites, zips):
            zip_site(site, bundle)
        assert zips[0].read_bytes() == zips[1].read_bytes()


def test_difference_finder_names_changed_added_and_removed_files():
    assert differences({"a": "1", "b": "2"}, {"a": "1", "b": "3", "c": "4"}) == ["b", "c"]
