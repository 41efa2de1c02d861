"""MkDocs hook for ``mkdocs serve`` (``make serve``, the editor's preview), fast at any size.

- Before every (re)build, and before mkdocs-macros loads the model (``on_config`` runs first), the generate stage
  runs, so an edit under docs/ or data/ (both watched, see mkdocs.yml) reaches build/docs/ and the preview. Within
  the serving process only the files that changed are parsed and validated again (``handbook.model``). The staged
  folder build/docs/ itself is not watched: the stage writes it during the rebuild, and watching it would start a
  second rebuild after every edit.
- ``make serve`` passes ``--dirty``: MkDocs renders again only the pages whose staged file changed. This hook adds
  the pages whose macros read a data file that changed (``macros.host.READS``, recorded while they were last
  rendered; ``Handbook.changed_since``), by removing their built HTML. MkDocs's reminder that a dirty build is
  being made is not counted as a strict-mode warning: it is not a problem of a page.
- Compiled theme templates are kept between rebuilds (MkDocs makes a new Jinja environment for each), and the
  results kept for the next process (``handbook.data.kept``: parses, validations, search readings) are written to
  build/cache/ when the server stops, not on every rebuild.

``mkdocs build`` does not regenerate: ``make site`` runs the stage once before the builds. A data error stops the
rebuild with its message; the server keeps running and rebuilds when the file is fixed.
"""
from __future__ import annotations

import logging
import os
from pathlib import Path

from jinja2 import BytecodeCache
from mkdocs.plugins import event_priority

from handbook.data import kept
from handbook.data.errors import DataError
from macros.host import READS, data_error
from handbook.outputs.generate import generate

DIRTY_REMINDER = "A 'dirty' build is being performed"


class _Serving:
    on = False
    dirty = False
    handbook = None       # the model of the last successful generate
    changed: set[str] | None = None   # data files changed since the build before (None: not known)


class _NotDirtyReminder(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not str(record.msg).startswith(DIRTY_REMINDER)


class _CompiledTemplates(BytecodeCache):
    """Theme templates' compiled code by template, checked against the source's checksum by Jinja."""

    def __init__(self):
        self.codes: dict[str, bytes] = {}

    def load_bytecode(self, bucket):
        if bucket.key in self.codes:
            bucket.bytecode_from_string(self.codes[bucket.key])

    def dump_bytecode(self, bucket):
        self.codes[bucket.key] = bucket.bytecode_to_string()


_TEMPLATES = _CompiledTemplates()


def on_startup(command, dirty):
    _Serving.on, _Serving.dirty = command == "serve", dirty
    if command == "serve":
        kept.defer_writes()
    if command == "serve" and dirty:
        logging.getLogger("mkdocs.commands.build").addFilter(_NotDirtyReminder())


def on_shutdown():
    kept.write_kept()


@event_priority(100)  # before mkdocs-macros' on_config, which loads the model
def on_config(config):
    if _Serving.on:
        try:
            handbook = generate(Path(config.config_file_path).parent).handbook
        except DataError as err:
            raise data_error(err) from None
        last, _Serving.handbook = _Serving.handbook, handbook
        _Serving.changed = handbook.changed_since(last) if last is not None else None
    return config


def on_serve(server, config, builder):
    server.unwatch(config.docs_dir)
    return server


def on_env(env, config, files):
    if _Serving.on:
        env.bytecode_cache = _TEMPLATES
    return env


def on_files(files, config):
    """Remove the built HTML of the editors' pages whose macros read a data file that changed."""
    if _Serving.dirty:
        for file in files.documentation_pages():
            stale = _stale(READS.get(file.src_uri), _Serving.changed)
            if stale and file.src_uri in _Serving.handbook.pages and os.path.exists(file.abs_dest_path):
                os.remove(file.abs_dest_path)
    return files


def _stale(read: set[str] | None, changed: set[str] | None) -> bool:
    """Whether a page that read ``read`` (None: not rendered yet) shows data that ``changed`` (None: unknown).
    A page title or front matter that changed reaches every page (the navigation)."""
    if changed is None or read is None or "pages" in changed:
        return True
    return bool(changed) and ("*" in read or bool(read & changed))
