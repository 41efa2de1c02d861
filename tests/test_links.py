"""Every internal link of the built sites resolves to a file, and every #anchor to an id on the target page.

External links are not fetched (CI has no internet): they are listed in reports/external-links.txt for a person
to check.
"""
from __future__ import annotations

import re
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path, PurePosixPath
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from tests import identity
from tests.conftest import ROOT

REPORT = ROOT / "reports/external-links.txt"
LINK_ATTRS = {("a", "href"), ("link", "href"), ("img", "src"), ("script", "src"), ("source", "src"),
              ("iframe", "src")}
NOT_CHECKED = ("mailto:", "tel:", "javascript:", "data:")


class PageParser(HTMLParser):
    """Collects the ids (and a/@name) a page defines and the links it makes."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.links: list[str] = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (tag == "a" and name == "name"):
                self.ids.add(value)
            if (tag, name) in LINK_ATTRS:
                self.links.append(value)


def parse(page: Path) -> PageParser:
    parser = PageParser()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser


def target_file(site: Path, page: Path, path: str, base: str) -> Path | None:
    """The file a link's path points to (directory URLs mean index.html), or None if it leaves the site."""
    if path.startswith("/"):
        if not path.startswith(base):
            return None
        rel = path[len(base):]
    else:
        here = "/" + page.relative_to(site).as_posix()
        rel = urljoin(here, path).lstrip("/")
    rel = str(PurePosixPath(unquote(rel))) if rel else ""
    candidate = site / rel
    if rel in ("", ".") or path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    return candidate


# The part PDFs: `make site` prints them from the finished online build and adds them to both sites
# (tests/test_make_site.py checks they are there); the test sites here are built without printing.
PRINTED_LATER = re.compile(r"^downloads/generated/pdf/jichitai-dx-[a-z]+\.pdf$")


def check_site(site: Path, own_url: str = "", skip: tuple[str, ...] = ()) -> tuple[list[str], dict[str, set[str]]]:
    """(broken internal links, {external url: pages linking to it}); links under ``own_url`` are internal."""
    base = urlsplit(own_url).path or "/"
    pages = {p: parse(p) for p in sorted(site.rglob("*.html"))}
    broken, external = [], defaultdict(set)
    for page, parsed in pages.items():
        where = page.relative_to(site).as_posix()
        if where in skip:
            continue
        for link in parsed.links:
            if own_url and link.startswith(own_url):
                link = base + link[len(own_url):]
            parts = urlsplit(link)
            if link.startswith(NOT_CHECKED) or link in ("", "#"):
                continue
            if parts.scheme or link.startswith("//"):
                external[link].add(where)
                continue
            target = page if not parts.path else target_file(site, page, parts.path, base)
            if target is not None and PRINTED_LATER.match(target.relative_to(site).as_posix()):
                continue
            if target is None or not target.is_file():
                broken.append(f"{where}: リンク先のファイルがありません: {link}")
                continue
            if parts.fragment and target.suffix == ".html":
                ids = pages[target].ids if target in pages else parse(target).ids
                if unquote(parts.fragment) not in ids:
                    broken.append(f"{where}: リンク先に見出し・アンカー #{unquote(parts.fragment)} がありません: {link}")
    return broken, external


def write_report(external: dict[str, set[str]]) -> None:
    lines = ["# 外部リンクの一覧（CI では取得しない。公開前に人が確認する）", "# URL\tリンク元のページ数\tリンク元（最初の3件）"]
    for url in sorted(external):
        pages = sorted(external[url])
        lines.append(f"{url}\t{len(pages)}\t{' '.join(pages[:3])}")
    REPORT.parent.mkdir(exist_ok=True)
    REPORT.write_text("\n".join(lines) + "\n", encoding="utf-8")


def test_every_internal_link_and_anchor_resolves_online(site):
    broken, external = check_site(site, own_url=identity.SITE_URL)
    write_report(external)
    assert not broken, "\n" + "\n".join(broken)


def test_every_internal_link_and_anchor_resolves_offline(offline_site):
    broken, _ = check_site(offline_site, skip=("404.html",))  # file:// never shows the 404 page
    assert not broken, "\n" + "\n".join(broken)


@pytest.fixture
def tiny_site(tmp_path) -> Path:
    (tmp_path / "a").mkdir()
    (tmp_path / "index.html").write_text(
        '<h1 id="top">t</h1><a href="a/">ok</a><a href="a/#sec">ok</a><a href="#top">ok</a>'
        '<a href="a/#nope">bad anchor</a><a href="b/">bad page</a><img src="img.png">'
        '<a href="https://example.jp/x">ext</a><a href="mailto:x@example.jp">mail</a>', encoding="utf-8")
    (tmp_path / "a/index.html").write_text('<h2 id="sec">s</h2><a href="../index.html#top">ok</a>', encoding="utf-8")
    return tmp_path


def test_checker_finds_missing_pages_anchors_and_files(tiny_site):
    broken, external = check_site(tiny_site)
    assert broken == [
        "index.html: リンク先に見出し・アンカー #nope がありません: a/#nope",
        "index.html: リンク先のファイルがありません: b/",
        "index.html: リンク先のファイルがありません: img.png",
    ]
    assert external == {"https://example.jp/x": {"index.html"}}
