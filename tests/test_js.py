"""The JavaScript unit tests (tests/js/, `node --test`): the search engine's folding, spellings and ranking,
run against the terms generated from this project's sources (prh.yml, data/okurigana.yml, the glossary, readings).
And the browser tests' scripts (tests/browser-js/) parse, so a syntax error there fails without a browser."""
from __future__ import annotations

import os
import shutil
import subprocess

import pytest

from handbook.model import load_handbook
from handbook.outputs.search_terms import TERMS_JS, search_assets
from tests.browser import BROWSER_JS
from tests.conftest import ROOT


def node() -> str:
    """The project's Node (package.json), as `make` uses it, else the machine's."""
    pinned = ROOT / "node_modules/.bin/node"
    found = str(pinned) if pinned.exists() else shutil.which("node")
    if not found:
        pytest.fail("node is missing: run `make setup`")
    return found


def test_javascript_unit_tests_pass(tmp_path):
    handbook = load_handbook(ROOT / "data")
    terms = tmp_path / "terms.js"
    terms.write_bytes(search_assets(handbook, ROOT, ROOT / "docs", tmp_path / "cache")[TERMS_JS])
    result = subprocess.run([node(), "--test", "--test-reporter=tap", "tests/js/*.test.js"], cwd=ROOT,
                            env=dict(os.environ, DX_SEARCH_TERMS=str(terms)), capture_output=True, text=True)
    assert result.returncode == 0, result.stdout[-6000:] + result.stderr[-2000:]
    assert "# skipped 0" in result.stdout and "# fail 0" in result.stdout, result.stdout[-2000:]


@pytest.mark.parametrize("path", sorted(BROWSER_JS.glob("*.js")), ids=lambda p: p.name)
def test_browser_test_scripts_are_one_javascript_expression(path, tmp_path):
    """Each file parses as one expression (a function, as tests/browser.py's ``script()`` hands it to ``page.evaluate``):
    checked in parentheses, so statements around it fail too; lines are numbered as in the file."""
    wrapped = tmp_path / path.name
    wrapped.write_text("(" + path.read_text(encoding="utf-8") + "\n)\n", encoding="utf-8")
    result = subprocess.run([node(), "--check", str(wrapped)], capture_output=True, text=True)
    assert result.returncode == 0, f"{path.relative_to(ROOT)}:\n{result.stderr}"
