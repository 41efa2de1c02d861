"""Page front matter: the YAML header of every page under docs/, read with line numbers and checked against
``data/schemas/page.schema.json`` (review date, change notes, …), so a mistake there is reported with file and line
instead of being rendered as page text."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import Problem
from .yaml_lines import Document, decode_utf8, parse_yaml

# MkDocs' own rule: a first line of ``---``, YAML, then ``---`` or ``...`` on a line of its own.
FRONT_MATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$", re.S | re.M)
UNCLOSED = re.compile(r"\A---[ \t]*\r?\n")
# A pymdownx.snippets line (``--8<-- "file"`` or a block's ``--8<--``; ``;--8<--`` is its escaped, literal form).
# The extension reads files by path, even inside a code block; pages include none (mkdocs.yml also restricts it
# to build/snippets/, which only the generate stage writes).
SNIPPET = re.compile(r"^[ \t]*-+8<-+", re.M)
HEADING = re.compile(r"^# +(.+?)(?: +\{[^}]*\})? *$", re.M)


@dataclass
class Page:
    """One page under docs/: its front matter (with lines) and its title (front matter ``title`` or first ``# ``)."""

    meta: Document
    title: str


def page_text(text: str) -> str:
    """A page's text as every reader sees it: without a byte order mark and with Windows line ends (CRLF, as
    Windows editors save) made plain line ends, as YAML already reads them in data/ (lines keep their numbers)."""
    return text.removeprefix("\ufeff").replace("\r\n", "\n")


def front_matter(text: str, rel: str) -> tuple[Document, list[Problem]]:
    """The page's front matter as a Document (empty mapping if the page has none)."""
    found = FRONT_MATTER.match(text)
    if not found:
        if UNCLOSED.match(text):
            return Document(rel, {}), [Problem(rel, 1, "", "front matter is not closed with a line '---'")]
        return Document(rel, {}), []
    doc, problems = parse_yaml("\n" + found.group(1), rel)  # the YAML starts on the file's line 2
    if doc is None:
        return Document(rel, {}), problems
    if doc.data is None:
        doc.data = {}
    if not isinstance(doc.data, dict):
        return Document(rel, {}), problems + [Problem(rel, 2, "", "front matter is not of type 'object'")]
    return doc, problems


def read_pages(files: list[Path], docs_dir: Path, root: Path) -> tuple[dict[str, Page], list[Problem]]:
    """Every Markdown page among ``files`` (regular files under ``docs_dir``, from ``files.source_files``), by
    path under ``docs_dir`` (``overall/step1.md``)."""
    pages: dict[str, Page] = {}
    problems: list[Problem] = []
    for path in files:
        if path.suffix != ".md":
            continue
        rel = path.relative_to(root).as_posix()
        text, problem = decode_utf8(path.read_bytes(), rel)
        text = page_text(text)
        doc, found = front_matter(text, rel) if problem is None else (Document(rel, {}), [problem])
        heading = HEADING.search(text or "")
        title = doc.data.get("title") or (heading.group(1) if heading else path.stem)
        pages[path.relative_to(docs_dir).as_posix()] = Page(doc, str(title))
        problems += found + [Problem(rel, text.count("\n", 0, m.start()) + 1, "", "a page may not include files (--8<--)")
                             for m in SNIPPET.finditer(text)]
    return pages, problems
