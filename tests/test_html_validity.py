"""HTML validity (JIS X 8341-3:2016 4.1.1 構文解析): the Nu Html Checker (vnu.jar, pinned in package.json, run with
Debian's Java) finds nothing in either build except a few messages about the theme's own markup, listed below."""
from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest

from tests.conftest import ROOT

VNU = ROOT / "node_modules/vnu-jar/build/dist/vnu.jar"

# (message, markup it is about): Material for MkDocs' own templates, the same on every page; not fixable from
# our content, and browsers and assistive technology handle them (the toggles are hidden checkboxes).
THEME_OWNED = [
    # The drawer and search toggles: <input class="md-toggle" type="checkbox" autocomplete="off"> (Firefox
    # otherwise restores their checked state on reload).
    (r"^Attribute “autocomplete” is only allowed when the input type is", r'<input class="md-toggle"'),
    # Navigation section labels carry tabindex="" when navigation.sections renders them as plain headings.
    (r"^Bad value “” for attribute “tabindex” on element “label”", r'<label class="md-nav__link[^"]*" for="__nav_'),
    # The table of contents title points at the hidden __toc toggle.
    (r"^The value of the “for” attribute of the “label” element must be the ID of a non-hidden form control",
     r'<label class="md-nav__title" for="__(?:toc|drawer|nav_[0-9_]+)"'),
]


def vnu(*paths: Path) -> list[dict]:
    """Every error and warning vnu.jar reports for the HTML files under ``paths``."""
    if not VNU.exists():
        pytest.fail("vnu.jar is not installed: run `make setup` (npm ci)")
    result = subprocess.run(["java", "-jar", str(VNU), "--format", "json", "--skip-non-html", *map(str, paths)],
                            capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"]


def theme_owned(message: dict) -> bool:
    return any(re.search(text, message["message"]) and re.search(markup, message.get("extract", ""))
               for text, markup in THEME_OWNED)


@pytest.mark.jis("4.1.1")
def test_both_builds_are_valid_html(site, offline_site):
    found = [m for m in vnu(site, offline_site) if not theme_owned(m)]
    assert not found, "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in found[:30])


def test_the_checker_reports_invalid_markup(tmp_path):
    page = tmp_path / "page.html"
    page.write_text('<!DOCTYPE html><html lang="ja"><head><title>t</title></head>'
                    '<body><p id="a">x</p><p id="a"><span><div>y</div></span></p></body></html>', encoding="utf-8")
    found = vnu(tmp_path)
    assert any("Duplicate ID “a”" in m["message"] for m in found)
    assert not any(theme_owned(m) for m in found)
