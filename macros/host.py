"""The one module that knows which program runs the macros: MkDocs (through mkdocs-macros) or Zensical.

Render code gets plain values from here and never touches the host's objects. Each value is read when a macro
runs, not when ``define_env`` does: MkDocs' offline plugin switches ``use_directory_urls`` off after it.
"""
from __future__ import annotations

import logging
import sys
from pathlib import Path

try:  # MkDocs: a PluginError stops `mkdocs build` with the message and keeps `mkdocs serve` running
    from mkdocs.exceptions import PluginError as BuildError
except ImportError:  # Zensical
    BuildError = RuntimeError


def data_error(err) -> Exception:
    """The error that stops the build for a failed data load, after logging each problem on a line of its own
    (``data/cases/x.yml:3: title: …``)."""
    log = logging.getLogger("mkdocs.plugins.macros.handbook")
    for problem in err.problems:
        log.error(str(problem))
    return BuildError(f"データの検証で {len(err.problems)} 件の問題が見つかりました（data/ validation failed）")


def project_root(env) -> Path:
    """The project folder (where mkdocs.yml is)."""
    return Path(env.project_dir)


def docs_dir(env) -> Path:
    """The folder the host builds pages from (build/docs). MkDocs gives it absolute, Zensical as written."""
    return project_root(env) / env.conf["docs_dir"]


def use_directory_urls(env) -> bool:
    return bool(env.conf.get("use_directory_urls", True))


def page_src(env) -> str:
    """The path of the page being rendered, under the docs folder (``standardization/ch2/planning.md``)."""
    file = getattr(env.page, "file", None)
    if file is not None:                               # MkDocs: a File object
        return file.src_uri
    return str(env.page.path).replace("\\", "/")       # Zensical: the path itself


class MacroError(Exception):
    """A macro called with wrong arguments or an unknown id, located in the page."""


# What each page's macros read (data file paths, see ``Handbook.tracking``) when the page was last rendered in this
# process, by page source: a ``mkdocs serve`` rebuild renders again the pages that read a file that changed
# (hooks/serve.py).
READS: dict[str, set[str]] = {}


def start_page(env) -> None:
    """The macros of the page being rendered are about to run: forget what they read before."""
    READS[page_src(env)] = set()


def guarded(env, tracking):
    """``env.macro`` for our macros: a ``TypeError``, ``KeyError`` or ``ValueError`` raised by a macro becomes a
    Japanese message naming the macro, the page and the line of the call (the host then stops the build).
    ``tracking()`` is a context manager yielding the set of what is read inside it (``Handbook.tracking``);
    what each call reads is added to ``READS`` of its page."""

    def register(fn, name):
        def call(*args, **kwargs):
            try:
                with tracking() as read:
                    result = fn(*args, **kwargs)
                READS.setdefault(page_src(env), set()).update(read)
                return result
            except (TypeError, KeyError, ValueError) as exc:
                message = (f"{_call_site(env)}: マクロ {name} の呼び出しに誤りがあります。引数の数、名前、値を"
                           f"確かめてください（{type(exc).__name__}: {exc}）")
                logging.getLogger("mkdocs.plugins.macros.handbook").error(message)
                raise MacroError(message) from None
        return env.macro(call, name)

    return register


def _call_site(env) -> str:
    """``docs/page.md:12``: the page's source under docs/ and the line of the Jinja call being run, if found."""
    where = f"docs/{page_src(env)}"
    frame = sys._getframe(2)
    while frame is not None and "__jinja_template__" not in frame.f_globals:
        frame = frame.f_back
    source = project_root(env) / where
    markdown = getattr(env, "markdown", "") or ""
    if frame is None or not source.is_file():
        return where
    line = frame.f_globals["__jinja_template__"].get_corresponding_lineno(frame.f_lineno)
    text = source.read_text(encoding="utf-8-sig")
    skipped = text[:-len(markdown)].count("\n") if markdown and text.endswith(markdown) else 0
    return f"{where}:{line + skipped}"
