"""Two builds of the same tree give byte-identical files (online site, offline site and the offline zip).

The second build runs in its own copy, in its own processes (different hash seeds) and in a time zone where the
build's date is another day (UTC-12), so output that depends on set order, the clock or the local time zone shows
up as a difference from the session's builds (tests/conftest.py). SOURCE_DATE_EPOCH fixes the build stamp.
"""
from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from tests.a11y_results import write_recorded_results
from tests.conftest import BUILD_ENV, mkdocs_build, project_copy
from handbook.outputs.bundle import zip_site

TIME_ZONE = "Etc/GMT+12"  # UTC-12: at SOURCE_DATE_EPOCH (2026-01-01 00:00 UTC) the local date is 2025-12-31
CONFIGS = ("mkdocs.yml", "mkdocs-offline.yml")


def digests(site: Path) -> dict[str, str]:
    return {p.relative_to(site).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(site.rglob("*")) if p.is_file()}


def differences(a: dict[str, str], b: dict[str, str]) -> list[str]:
    return sorted(name for name in a.keys() | b.keys() if a.get(name) != b.get(name))


@pytest.fixture(scope="module")
def two_builds(project, site, offline_site, tmp_path_factory) -> dict[str, list[Path]]:
    """Each config's session build, and the same config built again, in another time zone, in a copy of the
    session's project (its sources as they were when the run began) with the same accessibility results."""
    tmp = tmp_path_factory.mktemp("reproducible")
    again_project = project_copy(tmp / "repo", source=project)
    write_recorded_results(again_project)
    for config in CONFIGS:   # the generate stage runs before each, as it does for the session's builds
        result = mkdocs_build(config, tmp / config, again_project, {**BUILD_ENV, "TZ": TIME_ZONE})
        assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return {config: [session, tmp / config] for config, session in zip(CONFIGS, (site, offline_site))}


@pytest.mark.slow
@pytest.mark.parametrize("config", CONFIGS)
def test_two_builds_are_identical(two_builds, tmp_path, config):
    sites = two_builds[config]
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
