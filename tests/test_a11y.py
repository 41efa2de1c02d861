"""Accessibility audit of every built page, online and offline (JIS X 8341-3:2016 level AA = WCAG 2.0 AA).

axe-core (npm, pinned) runs in Debian Chromium on every page of both builds; zero violations of the WCAG 2.0/2.1/2.2
A and AA rules are allowed. The same pass collects what axe cannot judge (titles, skip links, tables, SVG text,
navigation order, 200 % zoom) and what decides which criteria apply (media, motion, forms).
The same pass checks that every page works where it is read: no script error, no broken image, the build stamp
shown, no request leaving the build (the offline build is the unzipped bundle, opened from file://).
Tests marked ``jis("x.y.z")`` feed ``make a11y-report`` (tools/a11y_report.py), which publishes their outcome.
"""
from __future__ import annotations

import json
from collections import Counter
from urllib.parse import unquote, urlsplit

import pytest

from tests.a11y_browser import BUILDS, NOT_AUDITED, SiteAudit, audit_sites, serve_site
from tests.browser import LOCAL
from tests.conftest import ROOT


@pytest.fixture(scope="module")
def audits(site, offline_bundle) -> dict[str, SiteAudit]:
    with serve_site(site) as base:
        return audit_sites({"online": (site, base), "offline": (offline_bundle, offline_bundle.as_uri() + "/")})


def each_page(audit: SiteAudit, problem) -> list[str]:
    """``build page: problem`` for every page where ``problem(facts)`` returns something."""
    out = []
    for path, facts in audit.pages.items():
        found = problem(path, facts)
        if found:
            out.append(f"{audit.build} {path}: {found}")
    return out


# ---- axe ---------------------------------------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.jis()
@pytest.mark.parametrize("build", BUILDS)
def test_every_page_passes_axe(audits, build, record_property):
    """axe-coreのWCAG 2.0/2.1レベルA・AAのルールで、全ページに違反がない"""
    audit = audits[build]
    record_property("axe", {**audit.record(), "not_audited": NOT_AUDITED.get(build, {})})
    assert audit.pages, "no pages were audited"
    assert audit.axe_version == json.loads((ROOT / "node_modules/axe-core/package.json").read_text())["version"]
    problems = [f"{v['page']}: {v['rule']} ({v['help']}) at {v['nodes']}" for v in audit.violations]
    assert not problems, f"{len(problems)} axe violations in the {build} build:\n" + "\n".join(problems)


# ---- what axe cannot judge, on every page ----------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.jis("3.1.1")
@pytest.mark.parametrize("build", BUILDS)
def test_every_page_is_japanese(audits, build):
    """全ページのhtml要素にlang="ja"がある"""
    problems = each_page(audits[build], lambda p, f: f["lang"] != "ja" and f"lang={f['lang']!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("2.4.2")
@pytest.mark.parametrize("build", BUILDS)
def test_page_titles_are_unique_and_name_the_site(audits, build):
    """全ページのタイトルがページごとに異なり、サイト名を含む"""
    audit = audits[build]
    titles = Counter(f["title"] for f in audit.pages.values())
    site_name = "自治体DX推進手順書"
    problems = each_page(audit, lambda p, f: (site_name not in f["title"] and f"title {f['title']!r} lacks the site name")
                         or (titles[f["title"]] > 1 and f"title {f['title']!r} is used by {titles[f['title']]} pages"))
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("2.4.1")
@pytest.mark.parametrize("build", BUILDS)
def test_every_content_page_has_a_skip_link_into_the_content(audits, build):
    """本文のある全ページに、本文へ移動するスキップリンクがある（404ページは見出しとmainランドマークで代替）"""
    problems = each_page(audits[build], lambda p, f: p != "404.html" and not (f["skip"] and f["skip"]["inContent"])
                         and f"skip link {f['skip']!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("2.4.5", "3.2.4")
@pytest.mark.parametrize("build", BUILDS)
def test_search_and_navigation_on_every_page_with_the_same_names(audits, build):
    """全ページに同じ名前の検索欄・スキップリンクとナビゲーションがある"""
    audit = audits[build]
    names = {(f["search"], f["skip"]["text"] if f["skip"] else None) for p, f in audit.pages.items() if p != "404.html"}
    assert len(names) == 1 and None not in next(iter(names)), f"search box / skip link names differ: {names}"
    problems = each_page(audit, lambda p, f: not f["nav"] and "no navigation")
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("3.2.3")
@pytest.mark.parametrize("build", BUILDS)
def test_navigation_is_in_the_same_order_on_every_page(audits, build):
    """ナビゲーション（タブと第1階層）の並び順が全ページで同じ"""
    audit = audits[build]
    orders = Counter((tuple(f["tabs"]), tuple(f["nav"])) for f in audit.pages.values())
    assert len(orders) == 1, "navigation differs between pages:\n" + "\n".join(
        f"{n} pages: tabs {list(t)} nav {list(v)}" for (t, v), n in orders.items())


@pytest.mark.browser
@pytest.mark.jis("2.4.3")
@pytest.mark.parametrize("build", BUILDS)
def test_no_positive_tabindex(audits, build):
    """tabindexに正の値を使わず、フォーカス順序を文書の順序に合わせる"""
    problems = each_page(audits[build], lambda p, f: f["positiveTabindex"])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("4.1.1")
@pytest.mark.parametrize("build", BUILDS)
def test_no_duplicate_ids(audits, build):
    """同じページの中でidが重複しない"""
    problems = each_page(audits[build], lambda p, f: f["duplicateIds"])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.3.1")
@pytest.mark.parametrize("build", BUILDS)
def test_tables_have_captions_and_scoped_headers(audits, build):
    """すべての表に表題（caption）と見出しセルがあり、見出し行以外の見出しセルにはscopeがある（手書きの表は「表：」で表題を付ける）"""
    def problem(path, facts):
        return [t for t in facts["tables"] if not t["caption"] or t["unscoped"] or not t["headers"]]

    problems = each_page(audits[build], problem)
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.4.1")
@pytest.mark.parametrize("build", BUILDS)
def test_links_in_text_are_underlined_not_told_by_colour_alone(audits, build):
    """本文中のリンクに下線があり、色だけでリンクを示していない"""
    problems = each_page(audits[build], lambda p, f: f["linksByColourOnly"][:3])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.1.1")
@pytest.mark.parametrize("build", BUILDS)
def test_content_svgs_have_a_text_alternative(audits, build):
    """本文中のSVG（図・グラフ）にrole="img"と名前がある（装飾はaria-hidden）"""
    problems = each_page(audits[build], lambda p, f: f["svgWithoutText"])
    assert not problems, "\n".join(problems)


@pytest.mark.browser
@pytest.mark.jis("1.4.4")
@pytest.mark.parametrize("build", BUILDS)
def test_no_horizontal_scroll_at_200_percent_zoom(audits, build):
    """200%拡大相当（幅640px）で、どのページも横スクロールが生じない"""
    problems = each_page(audits[build], lambda p, f: f["overflow"] > 0 and f"{f['overflow']}px wider than the window")
    assert not problems, "\n".join(problems)


# ---- every page works where it is read ---------------------------------------------------------------------

@pytest.mark.browser
@pytest.mark.parametrize("build", BUILDS)
def test_every_page_works_with_the_network_blocked(audits, build, offline_bundle):
    """Online over http, offline from the unzipped bundle on file://: no script error, every image shows, the
    build stamp is visible (the 404 page is no page of the handbook: it has none), nothing is asked of another
    host, and offline nothing outside the bundle."""
    audit = audits[build]
    assert audit.errors == []
    problems = each_page(audit, lambda p, f: f["brokenImages"]
                         or (p != "404.html" and not f["stampVisible"] and "no build stamp"))
    assert not problems, "\n".join(problems)
    assert [url for url in audit.requests if not url.startswith(LOCAL)] == []
    if build == "offline":
        assert [url for url in audit.requests if url.startswith("file://")
                and not unquote(urlsplit(url).path).startswith(str(offline_bundle))] == []
