"""The JavaScript unit tests (tests/js/, `node --test`): the search engine's folding, spellings and ranking,
run against the terms generated from this project's sources (prh.yml, data/okurigana.yml, the glossary, readings)."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from macros.model import load_handbook
from macros.outputs.search_terms import TERMS_JS, search_assets
from tests.conftest import ROOT


def test_javascript_unit_tests_pass(tmp_path):
    pinned = ROOT / "node_modules/.bin/node"   # the project's Node (package.json), as `make` uses it
    node = str(pinned) if pinned.exists() else shutil.which("node")
    if not node:
        pytest.fail("node is missing: run `make setup`")
    handbook = load_handbook(ROOT / "data")
    terms = tmp_path / "terms.js"
    terms.write_bytes(search_assets(handbook, ROOT, ROOT / "docs", tmp_path / "cache")[TERMS_JS])
    result = subprocess.run([node, "--test", "--test-reporter=tap", "tests/js/*.test.js"], cwd=ROOT,
                            env=dict(os.environ, DX_SEARCH_TERMS=str(terms)), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# skipped 0" in result.stdout and "# fail 0" in result.stdout, result.stdout[-2000:]
