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
    """Every error and warning vnu.jar reports for the HTML files under ``paths``. Java runs with its quick
    compiler only (half the CPU time for a run this short), which needs a larger thread stack than the default."""
    if not VNU.exists():
        pytest.fail("vnu.jar is not installed: run `make setup` (npm ci)")
    result = subprocess.run(["java", "-Xss4m", "-XX:TieredStopAtLevel=1", "-jar", str(VNU), "--format", "json",
                             "--skip-non-html", *map(str, paths)], capture_output=True, text=True)
    messages = json.loads(result.stderr)["messages"]
    return [m for m in messages if m["type"] == "error" or m.get("subType") == "warning"]


def theme_owned(message: dict) -> bool:
    return any(re.search(text, message["message"]) and re.search(markup, message.get("extract", ""))
               for text, markup in THEME_OWNED)


@pytest.fixture(scope="module")
def checked(site, offline_site, tmp_path_factory) -> dict[str, list[dict]]:
    """One run of the checker over both builds and a page of invalid markup: the messages of each."""
    invalid = tmp_path_factory.mktemp("invalid")
    (invalid / "page.html").write_text('<!DOCTYPE html><html lang="ja"><head><title>t</title></head>'
                                       '<body><p id="a">x</p><p id="a"><span><div>y</div></span></p></body></html>',
                                       encoding="utf-8")
    found = vnu(site, offline_site, invalid)
    about_invalid = [m for m in found if f"{invalid}/" in m.get("url", "")]   # vnu writes file:/tmp/…
    return {"builds": [m for m in found if m not in about_invalid], "invalid": about_invalid}


@pytest.mark.jis("4.1.1")
def test_both_builds_are_valid_html(checked):
    found = [m for m in checked["builds"] if not theme_owned(m)]
    assert not found, "\n".join(f"{m.get('url', '')}:{m.get('lastLine', '?')}: {m['message']}" for m in found[:30])


def test_the_checker_reports_invalid_markup(checked):
    assert any("Duplicate ID “a”" in m["message"] for m in checked["invalid"])
    assert not any(theme_owned(m) for m in checked["invalid"])
