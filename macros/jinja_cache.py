"""Reuse the compiled Jinja code of unchanged pages between builds.

mkdocs-macros compiles every page with ``Environment.from_string``, which Jinja never caches, so each build
(and each ``mkdocs serve`` rebuild) recompiled all pages. This routes those compiles through Jinja's own
``FileSystemBytecodeCache``: one bucket per page, checked against a checksum of the page source, so an edited
page is always recompiled and an unchanged one is loaded from build/cache/jinja/.
"""
from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemBytecodeCache


def cache_page_compiles(jinja_env: Environment, folder: Path, page_name) -> None:
    """Make ``jinja_env.compile`` of plain sources use a bytecode cache in ``folder`` (once; later calls do nothing).

    ``page_name()`` names the page being rendered (the bucket); the bucket's checksum of the source decides
    whether the cached code is still valid, and the lexer settings are part of the name.
    """
    if getattr(jinja_env.compile, "page_cache", None):
        return
    folder.mkdir(parents=True, exist_ok=True)
    cache = FileSystemBytecodeCache(str(folder))
    compile_source = jinja_env.compile
    settings = "|".join([jinja_env.block_start_string, jinja_env.variable_start_string,
                         jinja_env.comment_start_string, repr(jinja_env.autoescape), *sorted(jinja_env.extensions)])

    def compile(source, name=None, filename=None, raw=False, defer_init=False):
        if name is not None or filename is not None or raw or defer_init:
            return compile_source(source, name, filename, raw, defer_init)
        bucket = cache.get_bucket(jinja_env, f"{page_name()}|{settings}", None, source)
        if bucket.code is None:
            bucket.code = compile_source(source)
            cache.set_bucket(bucket)
        return bucket.code

    compile.page_cache = cache
    jinja_env.compile = compile
