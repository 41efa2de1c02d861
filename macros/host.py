"""The one module that knows which program runs the macros: MkDocs (through mkdocs-macros) or Zensical.

Render code gets plain values from here and never touches the host's objects. Each value is read when a macro
runs, not when ``define_env`` does: MkDocs' offline plugin switches ``use_directory_urls`` off after it.
"""
from __future__ import annotations

from pathlib import Path

try:  # MkDocs: a PluginError stops `mkdocs build` with the message and keeps `mkdocs serve` running
    from mkdocs.exceptions import PluginError as BuildError
except ImportError:  # Zensical
    BuildError = RuntimeError


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
