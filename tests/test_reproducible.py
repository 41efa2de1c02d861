"""Two builds of the same tree give byte-identical files (online site, offline site and the offline zip).

The builds run in separate processes (different hash seeds) and opposite time zones, so output that depends
on set order, the clock or the local time zone shows up as a difference. SOURCE_DATE_EPOCH fixes the build
stamp, as the conftest builds do.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.conftest import project_copy
from tools import builds
from handbook.outputs.bundle import zip_site

TIME_ZONES = ("Pacific/Kiritimati", "Etc/GMT+12")  # UTC+14 and UTC-12: the local date always differs
CONFIGS = ("mkdocs.yml", "mkdocs-offline.yml")


def build(project: Path, out: Path, tz: str) -> None:
    """The generate stage and both builds (online into ``out/mkdocs.yml``, offline into ``out/mkdocs-offline.yml``),
    all in the time zone ``tz``, in their own copy of the project."""
    env = {"SOURCE_DATE_EPOCH": "1767225600", "TZ": tz}
    results = [builds.generate(project, env)] + [builds.mkdocs_build(project, c, out / c, env) for c in CONFIGS]
    for result in results:
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.fixture(scope="module")
def two_builds(tmp_path_factory) -> list[Path]:
    """The same tree built twice, in separate processes and opposite time zones."""
    tmp = tmp_path_factory.mktemp("reproducible")
    outs = [tmp / f"build-{i}" for i in (1, 2)]
    for i, (out, tz) in enumerate(zip(outs, TIME_ZONES)):
        build(project_copy(tmp / f"repo-{i}"), out, tz)
    return outs


@pytest.mark.slow
@pytest.mark.parametrize("config", CONFIGS)
def test_two_builds_are_identical(two_builds, tmp_path, config):
    sites = [out / config for out in two_builds]
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
