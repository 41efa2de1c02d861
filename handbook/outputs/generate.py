"""The generate stage (``python -m tools.generate``, ``make generate``): the only writer of the build's inputs.

It loads the model and makes ``build/docs/`` hold exactly what the site is built from: every file of docs/
(pages get their build facts as front matter ``dx``: last updated, source file, build stamp), the case pages
generated from data/cases/, the downloads, the open data (api/), the search's spellings and readings and the vendored browser files; ``build/snippets/`` gets the abbreviation list. Only files whose
bytes changed are written and files no longer generated are removed, so a rebuild with no change touches nothing.
docs/ and data/ are only read. Both hosts (MkDocs and Zensical) build from ``build/docs/``.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import NamedTuple

import yaml

from ..data.errors import DataError
from ..data.files import links_in_tree
from ..data.pages import page_text
from ..data.yaml_lines import Document
from ..data.layout import CACHE, DOCS, SNIPPETS
from ..model import Handbook, load
from ..model.case_paths import case_file, case_of_page, case_page
from ..model.buildinfo import build_info
from ..model.dates import dated
from ..model.history import page_history
from ..model.site import site_settings
from ..render import cases, lists
from ..render.links import page_url
from . import open_data
from .downloads import FOLDER, make_downloads
from .files import sync
from .search_terms import search_assets
from .vendor import vendored_files


class _FactsDumper(getattr(yaml, "CSafeDumper", yaml.SafeDumper)):
    """Every string double-quoted: with ``allow_unicode=False`` all but printable ASCII is written as an escape
    (``\\U00020BB7`` for 𠮷, ``\\x07``), so the line is ASCII, never breaks, and YAML reads back the same text.
    libyaml's emitter (PyYAML's wheels have it) writes the same bytes as the pure-Python one, eight times as fast:
    every page's facts are written on every rebuild of `mkdocs serve`, 2,000 case pages and more."""


_FactsDumper.add_representer(str, lambda dumper, value: dumper.represent_scalar("tag:yaml.org,2002:str", value,
                                                                                 style='"'))
_OPENING = re.compile(r"---[ \t]*\n")
ONE_LINE = 2**31 - 1   # the emitter's line width (libyaml's is an int): the facts never wrap


def facts_line(meta: dict) -> str:
    """``dx: {…}``: the page facts as one line of YAML (a flow mapping) that round-trips every string."""
    return "dx: " + yaml.dump(meta, Dumper=_FactsDumper, default_flow_style=True, allow_unicode=False,
                              width=ONE_LINE, sort_keys=True).rstrip("\n")


def with_front_matter(markdown: str, meta: dict) -> str:
    """The page with ``dx: {…}`` (``facts_line``) as the first line of its front matter (added if it has none)."""
    opening = _OPENING.match(markdown)
    if opening:
        return f"---\n{facts_line(meta)}\n{markdown[opening.end():]}"
    return f"---\n{facts_line(meta)}\n---\n{markdown}"


def _front_matter(hb: Handbook, src: str) -> dict:
    """The front matter facts of a staged page: a page's own, or for a generated case page its case's review date
    and change notes."""
    if src in hb.pages:
        return hb.pages[src].meta.data
    case = hb.get(case_of_page(src))
    return {"reviewed": case.reviewed, "changes": [{"date": c.date, "note": c.note} for c in case.changes]}


# The case pages made in this process: case id -> (page, the documents its making read, or None if it read more
# than documents). A page is made again only when one of those changed: after an edit of one case under
# ``mkdocs serve`` one page is made, not 2,000.
_CASE_PAGES: dict[str, tuple[str, dict[str, Document] | None]] = {}


def case_pages(hb: Handbook) -> dict[str, str]:
    """Every case page by case id, as ``render.cases.case_page`` makes it."""
    docs = {doc.path: doc for doc in hb.docs.values()}
    made = {}
    for case in hb.cases:
        last = _CASE_PAGES.get(case.id)
        if last is None or last[1] is None or any(docs.get(path) is not doc for path, doc in last[1].items()):
            with hb.tracking() as read:
                page = cases.case_page(hb, case.id)
            last = _CASE_PAGES[case.id] = (page, {path: docs[path] for path in read} if read <= docs.keys() else None)
        made[case.id] = last[0]
    return made


# The staged pages made in this process: path -> (Markdown, facts, bytes). A page's facts line is written again
# only when its Markdown or facts changed (under ``mkdocs serve`` an edit changes a few of 2,000 pages).
_STAGED_PAGES: dict[str, tuple[str, dict, bytes]] = {}


def staged_files(hb: Handbook, root: Path) -> dict[str, bytes]:
    """Every file of ``build/docs/`` by path: docs/ with page facts, case pages, downloads."""
    docs = root / "docs"
    build = build_info(root, hb)
    pages = {p.relative_to(docs).as_posix(): page_text(p.read_text(encoding="utf-8")) for p in sorted(docs.rglob("*.md"))}
    sources = {src: f"docs/{src}" for src in pages}
    for case_id, markdown in case_pages(hb).items():
        pages[case_page(case_id)] = markdown
        sources[case_page(case_id)] = case_file(case_id)
    dates = page_history(root, sorted(pages))
    files = {p.relative_to(docs).as_posix(): p.read_bytes()
             for p in sorted(docs.rglob("*")) if p.is_file() and p.suffix != ".md"}
    for src, markdown in pages.items():
        meta = {"updated": dates[src], "source": sources[src], "build": build}
        front = _front_matter(hb, src)
        if front.get("reviewed"):
            meta["reviewed"] = dated(front["reviewed"])
        if front.get("changes"):
            meta["changes"] = [{"date": dated(c["date"]), "note": c["note"]}
                               for c in sorted(front["changes"], key=lambda c: c["date"], reverse=True)]
        last = _STAGED_PAGES.get(src)
        if last is None or last[0] != markdown or last[1] != meta:
            last = _STAGED_PAGES[src] = (markdown, meta, with_front_matter(markdown, meta).encode("utf-8"))
        files[src] = last[2]
    settings = site_settings(root)
    for download in make_downloads(hb, build, root / CACHE / "downloads", settings["site_url"]).values():
        files.update({f"{FOLDER}/{f.name}": f.data for f in download.files})
    files.update(vendored_files(root))
    files.update(search_assets(hb, root, docs, root / CACHE))

    def url(target: str) -> str:  # the page on the published site (the same files go into the offline bundle)
        src, _, anchor = target.partition("#")
        return settings["site_url"] + page_url(src, True) + (f"#{anchor}" if anchor else "")

    api = open_data.open_data(hb, build, url, settings["site_name"], root / "data/schemas")
    files.update({f"{open_data.FOLDER}/{name}": data for name, data in api.items()})
    return files


class Generated(NamedTuple):
    handbook: Handbook   # the model the files were made from
    touched: list[str]   # the paths written or removed (under build/docs/ or build/snippets/)


def generate(root: Path) -> Generated:
    """Load, validate and write every generated input."""
    root = Path(root)
    linked = links_in_tree(root)   # outside data/ and docs/ (those two: the load)
    try:
        hb = load(root, save_cache=True)
    except DataError as err:
        raise DataError(linked + err.problems) from None
    if linked:
        raise DataError(linked)
    touched = sync(root / DOCS, staged_files(hb, root))
    touched += sync(root / SNIPPETS, {"abbreviations.md": lists.abbreviations(hb).encode("utf-8")})
    return Generated(hb, touched)
