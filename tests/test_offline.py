"""The offline bundle for closed networks: unzipped anywhere, opened from file:// with no network at all.

Every page of the unzipped bundle is opened with the network blocked in tests/test_a11y.py's pass over every page
(no script error, no broken image, the build stamp, nothing asked of the network or outside the bundle)."""
from __future__ import annotations

import hashlib
import json
import re
import zipfile
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml
from mkdocs.config import load_config
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from tests.browser import NetworkGuard, search
from tests.conftest import ROOT, mkdocs_build, project_copy
from hooks.offline import ONLINE_ONLY, external_resources
from handbook.outputs.vendor import VENDORED
from handbook.outputs.bundle import TOP, zip_site

STAMP = re.compile(r'<p class="dx-build-stamp">\s*(?P<site>[^<]+?)　(?P<edition>[^<（]+)（第(?P<version>[^<]+)版）\s*'
                   r'・ビルド (?P<date>\d{4}-\d{2}-\d{2})（コミット <code>(?P<commit>[0-9a-f]{7,40}|unknown)</code>）')


def config_json(page: Path) -> dict:
    html = page.read_text(encoding="utf-8")
    return json.loads(re.search(r'<script id="__config" type="application/json">(.*?)</script>', html, re.S).group(1))


def pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def test_offline_config_only_states_what_must_differ():
    offline = yaml.safe_load((ROOT / "mkdocs-offline.yml").read_text(encoding="utf-8"))
    assert set(offline) <= {"INHERIT", "site_url", "hooks", "plugins", "extra"}
    assert offline["INHERIT"] == "mkdocs.yml"
    assert offline["plugins"] == {"offline": {"enabled": True}}
    assert offline["extra"] == {"repository": "", "polyfills": list(VENDORED)}


def test_offline_build_drops_only_online_only_features(site, offline_site):
    online = config_json(site / "index.html")["features"]
    offline = config_json(offline_site / "index.html")["features"]
    assert "navigation.instant" in online
    assert offline == [feature for feature in online if feature not in ONLINE_ONLY]


def test_no_page_or_stylesheet_loads_anything_from_outside(offline_bundle):
    assert external_resources(offline_bundle) == []
    for page in pages(offline_bundle):
        assert "unpkg.com" not in page.read_text(encoding="utf-8"), page


def test_external_resource_finder_sees_what_browsers_fetch(tmp_path):
    (tmp_path / "a.html").write_text(
        '<script src="https://unpkg.com/iframe-worker/shim"></script>'
        '<link rel="stylesheet" href="//fonts.googleapis.com/css">'
        '<link rel="preconnect" href="https://fonts.gstatic.com">'
        '<img srcset="local.png 1x, https://cdn.example/emoji.svg 2x">'
        '<div style="background: url(\'https://cdn.example/bg.png\')"></div>'
        '<a href="https://www.soumu.go.jp/">source</a><link rel="canonical" href="https://example.jp/">'
        '<script src="assets/local.js"></script><img src="data:image/png;base64,AA==">', encoding="utf-8")
    (tmp_path / "b.css").write_text('@import "https://fonts.example/x.css"; .x { background: url(img/y.png) }',
                                    encoding="utf-8")
    assert external_resources(tmp_path) == [
        "a.html: https://unpkg.com/iframe-worker/shim (a.html)",
        "a.html: //fonts.googleapis.com/css (a.html)",
        "a.html: https://fonts.gstatic.com (a.html)",
        "a.html: https://cdn.example/emoji.svg (a.html)",
        "a.html: https://cdn.example/bg.png (a.html)",
        "b.css: https://fonts.example/x.css (b.css)",
    ]


def test_vendored_files_come_from_the_pinned_npm_packages(offline_bundle):
    pins = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]
    provenance = json.loads((offline_bundle / "assets/vendor/provenance.json").read_text(encoding="utf-8"))
    for dest, (package, inner) in VENDORED.items():
        copied = (offline_bundle / dest).read_bytes()
        assert copied == (ROOT / "node_modules" / package / inner).read_bytes()
        assert provenance[dest]["version"] == pins[package]
        assert provenance[dest]["sha256"] == hashlib.sha256(copied).hexdigest()
        assert (offline_bundle / dest).parent.joinpath("LICENSE").exists()
    shim = 'src="assets/vendor/iframe-worker/shim.js"'
    assert shim in (offline_bundle / "index.html").read_text(encoding="utf-8")


def test_zip_is_one_folder_and_the_same_every_time(offline_site, tmp_path):
    first, second = tmp_path / "1.zip", tmp_path / "2.zip"
    zip_site(offline_site, first)
    zip_site(offline_site, second)
    assert first.read_bytes() == second.read_bytes()
    names = zipfile.ZipFile(first).namelist()
    assert f"{TOP}/index.html" in names and all(name.startswith(f"{TOP}/") for name in names)


def test_every_page_shows_edition_and_build(offline_bundle, site):
    for built in (offline_bundle, site):
        stamps = {}
        for page in pages(built):
            if page.name == "404.html":   # rendered without a page (no content to trace)
                continue
            match = STAMP.search(page.read_text(encoding="utf-8"))
            assert match, f"{page.relative_to(built)} has no edition/build stamp"
            stamps[page] = match.groupdict()
        assert len({tuple(s.items()) for s in stamps.values()}) == 1, "pages disagree on the build stamp"
    editions = yaml.safe_load((ROOT / "data/editions.yml").read_text(encoding="utf-8"))
    latest = max(editions["editions"], key=lambda e: str(e["date"]))
    assert match["version"] == str(latest["version"])
    assert match["edition"] == editions.get("site_edition", latest["version"])
    assert match["date"] == "2026-01-01"  # SOURCE_DATE_EPOCH of the test builds
    assert match["commit"] == "unknown"   # the test builds run in a copy without git history


@pytest.mark.browser
def test_search_from_file_lands_on_data_migration(chromium, offline_bundle):
    """The issue's acceptance test: type データ移行 in the unzipped bundle, press Enter, land on ⑭データ移行."""
    context = chromium.new_context(locale="ja-JP")
    guard = NetworkGuard(context)
    page = context.new_page()
    page.goto((offline_bundle / "index.html").as_uri())
    results = search(page, "データ移行")
    assert results, "no search results from file://"
    page.locator("input.md-search__input").press("Enter")
    page.wait_for_url(re.compile(r"migration/14-data-migration\.html(\?h=[^#]*)?(#std-14)?$"))
    assert "データ移行" in page.locator("[id='std-14']").inner_text()
    assert page.locator("mark[data-md-highlight]").count() > 0  # the query is highlighted on the page
    assert page.url.startswith((offline_bundle / "standardization").as_uri())
    context.close()
    assert guard.outside == []


@pytest.mark.browser
def test_build_stamp_is_printed(chromium, offline_bundle):
    context = chromium.new_context(locale="ja-JP")
    page = context.new_page()
    page.goto((offline_bundle / "standardization/ch2/migration.html").as_uri())
    page.emulate_media(media="print")
    assert page.locator(".dx-build-stamp").is_visible()
    context.close()


# ---------------------------------------------------------------- the guard cannot be bypassed

BYPASSES = {  # what slipped through when only "//" counted as external; one host each
    "h1": '<img src="https:/h1/a.png" alt="">',
    "h2": '<img src="http:h2/a.png" alt="">',
    "h3": '<img src="\\\\h3\\share\\a.png" alt="">',
    "h4": '<table background="//h4/bg.png"><tr><td>x</td></tr></table>',
    "h5": '<svg width="10" height="10"><image xlink:href="https://h5/i.png" width="10" height="10"/></svg>',
}


def test_guard_resolves_every_reference_against_the_page(tmp_path):
    (tmp_path / "part").mkdir()
    (tmp_path / "part/a.html").write_text(
        "".join(BYPASSES.values()) +
        '<link rel="stylesheet" href="/assets/site.css"><img src="../../outside.png" alt="">'
        '<img src="%2e%2e/%2e%2e/etc/x.png" alt=""><video poster=" \thttps://h6/p.png"></video>'
        '<img srcset="ok.png 1x, file:///etc/x.png 2x" alt=""><div style="background:url(\\68ttps://h7/x)"></div>'
        '<a href="javascript:alert(1)">x</a><a href="\\\\h8\\share">x</a><a href="//h9/x">x</a>'
        '<form action="javascript:alert(1)"></form>'
        '<a href="https://www.soumu.go.jp/">source</a><a href="mailto:dx@example.jp">mail</a><a href="#top">top</a>'
        '<a href="../index.html">up</a><img src="ok.png" alt=""><img src="data:image/png;base64,AA==" alt="">',
        encoding="utf-8")
    (tmp_path / "part/b.svg").write_text('<svg xmlns="http://www.w3.org/2000/svg"><use href="http:h10/s.svg#x"/></svg>',
                                         encoding="utf-8")
    (tmp_path / "part/c.css").write_text(r'.x { background: url("\\\\h11\\s\\x.png") } .y { background: url(../z.png) }',
                                         encoding="utf-8")
    assert external_resources(tmp_path) == [
        "part/a.html: https:/h1/a.png (part/a.html)",
        "part/a.html: http:h2/a.png (part/a.html)",
        "part/a.html: \\\\h3\\share\\a.png (part/a.html)",
        "part/a.html: //h4/bg.png (part/a.html)",
        "part/a.html: https://h5/i.png (part/a.html)",
        "part/a.html: /assets/site.css (part/a.html)",
        "part/a.html: ../../outside.png (part/a.html)",
        "part/a.html: %2e%2e/%2e%2e/etc/x.png (part/a.html)",
        "part/a.html:  \thttps://h6/p.png (part/a.html)",
        "part/a.html: file:///etc/x.png (part/a.html)",
        "part/a.html: https://h7/x (part/a.html)",
        "part/a.html: javascript:alert(1) (part/a.html)",
        "part/a.html: \\\\h8\\share (part/a.html)",
        "part/a.html: //h9/x (part/a.html)",
        "part/a.html: javascript:alert(1) (part/a.html)",
        "part/b.svg: http:h10/s.svg#x (part/b.svg)",
        "part/c.css: \\\\h11\\s\\x.png (part/c.css)",
    ]


@pytest.mark.browser
def test_guard_reports_everything_chromium_requests_from_outside(chromium, tmp_path):
    """Chromium really requests the five bypasses from file://; the guard names each of them."""
    page_file = tmp_path / "bundle/page.html"
    page_file.parent.mkdir()
    page_file.write_text("<!doctype html><html><body>" + "".join(BYPASSES.values()) + "</body></html>",
                         encoding="utf-8")
    context = chromium.new_context()
    guard = NetworkGuard(context)
    page = context.new_page()
    page.goto(page_file.as_uri())
    page.wait_for_load_state("load")
    context.close()
    requested = {urlsplit(u).netloc or urlsplit(u).path.split("/")[1]
                 for u in guard.requests if not u.startswith(page_file.parent.as_uri() + "/")}
    flagged = {re.search(r"h\d", line).group(0) for line in external_resources(page_file.parent)}
    assert requested == set(BYPASSES) == flagged


# Routes a browser loads that the guard once missed (issue 20): file name -> (its bytes, the hosts it loads).
WORD_PAGE = ('<html><head><meta charset="shift_jis"><title>様式</title></head><body><p>申請書</p>'
             '<img src="http://r4/a.png"></body></html>').encode("shift_jis")
ROUTES = {
    "srcdoc.html": (b'<iframe srcdoc="<img src=&quot;http://r1/a.png&quot;>"></iframe>', {"r1"}),
    "image-set.html": (b'<div style="width:9px;height:9px;background-image:image-set(\'http://r2/a.png\' 1x)"></div>'
                       b'<style>.w{width:9px;height:9px;background-image:-webkit-image-set("http://r3/a.png" 1x)}'
                       b'</style><div class="w"></div>', {"r2", "r3"}),
    "word.htm": (WORD_PAGE, {"r4"}),
    "page.xhtml": (b'<?xml version="1.0" encoding="UTF-8"?><html xmlns="http://www.w3.org/1999/xhtml"><body>'
                   b'<img src="http://r5/a.png" alt=""/></body></html>', {"r5"}),
    "UPPER.HTML": (b'<!doctype html><img src="http://r6/a.png" alt="">', {"r6"}),
    "handler.html": (b'<img src="missing.png" alt="" onerror="this.onerror=null;this.src=\'http://r7/a.png\'">',
                     {"r7"}),
    "sheet.html": (b'<link rel="stylesheet" href="sheet.css"><div class="s"></div>', {"r8"}),
    "sheet.css": (b'.s{width:9px;height:9px;background:-webkit-image-set(url("http://r8/a.png") 1x)}', set()),
    "no-extension": (b'<!DOCTYPE html><img src="http://r9/a.png" alt="">', {"r9"}),
}


def write_routes(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    for name, (data, _) in ROUTES.items():
        (folder / name).write_bytes(data)


def test_guard_sees_every_route_whatever_the_file_is_called(tmp_path):
    write_routes(tmp_path)
    (tmp_path / "notes.txt").write_text('<img src="http://text-only/a.png">', encoding="utf-8")  # shown as text
    found = external_resources(tmp_path)
    flagged = {line.split(": ", 1)[0]: set() for line in found}
    for line in found:
        flagged[line.split(": ", 1)[0]].add(re.search(r"//(r\d)/", line).group(1))
    expected = {name: hosts for name, (_, hosts) in ROUTES.items() if hosts}
    expected["sheet.css"] = expected.pop("sheet.html")
    assert flagged == expected


@pytest.mark.browser
def test_guard_routes_are_what_chromium_loads_from_file(chromium, tmp_path):
    """Each route really makes Chromium request its host from file:// (every request logged); the guard names
    exactly those hosts."""
    folder = tmp_path / "bundle"
    write_routes(folder)
    context = chromium.new_context()
    guard = NetworkGuard(context)
    page = context.new_page()
    expected = set().union(*(hosts for _, hosts in ROUTES.values()))
    for name, (_, hosts) in ROUTES.items():
        if hosts and name != "no-extension":   # Chromium shows a file of no type as text; the guard still checks it
            page.goto((folder / name).as_uri())
            page.wait_for_load_state("load")
            seen = lambda: {urlsplit(u).hostname for u in guard.outside}  # noqa: E731
            deadline = 100
            while not hosts <= seen() and deadline:
                page.wait_for_timeout(50)   # polls until the handler's request arrives (5 s at most)
                deadline -= 1
    context.close()
    requested = {urlsplit(u).hostname for u in guard.outside}
    flagged = {re.search(r"//(r\d)/", line).group(1) for line in external_resources(folder)}
    assert requested == expected - {"r9"}
    assert flagged == expected


def test_offline_build_fails_naming_the_page_that_refers_outside(tmp_path):
    project = project_copy(tmp_path / "project")
    page = project / "docs/about/index.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + "\n\n".join(BYPASSES.values()) + "\n\n"
                    + ROUTES["srcdoc.html"][0].decode() + "\n\n" + ROUTES["handler.html"][0].decode() + "\n",
                    encoding="utf-8")
    (project / "docs/about/form.htm").write_bytes(WORD_PAGE)   # Word's "web page", in Shift_JIS
    result = mkdocs_build("mkdocs-offline.yml", tmp_path / "site", project)
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert "docs/about/index.md: http://r1/a.png (about/index.html)" in result.stderr
    assert "docs/about/index.md: http://r7/a.png (about/index.html)" in result.stderr
    assert "docs/about/form.htm: http://r4/a.png (about/form.htm)" in result.stderr
    for host, html in BYPASSES.items():
        assert re.search(rf"docs/about/index\.md: \S*{host}\S* \(about/index\.html\)", result.stderr), \
            (host, result.stderr[-2000:])


@pytest.mark.parametrize("config_name", ["mkdocs.yml", "mkdocs-offline.yml"])
def test_a_javascript_link_in_markdown_fails_both_builds(project, site, config_name):
    """The page goes through the config's Markdown and plugins (its hooks among them) as a build takes it.
    (``site``: the session's build has made the project's build/docs, the docs_dir the config asks for.)"""
    config = load_config(str(project / config_name))
    page_file = File("about/index.md", config.docs_dir, config.site_dir, config.use_directory_urls)
    page_file.content_string = "# 題\n\n[開く](javascript:alert(1))\n"
    page, files = Page(None, page_file, config), Files([page_file])
    page.read_source(config)
    page.render(config, files)
    with pytest.raises(PluginError) as refused:
        config.plugins.on_page_content(page.content, page=page, config=config, files=files)
    assert "docs/about/index.md" in str(refused.value) and "javascript:alert(1)" in str(refused.value)
