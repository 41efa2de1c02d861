"""Benchmark-only macros module: the real ``define_env`` plus a dump of every rendered page.

Used to pre-render the pages to plain Markdown so a build without macros can be timed against one with them.
"""
import os
from pathlib import Path

from macros import define_env, on_pre_page_macros  # noqa: F401  (re-exported for mkdocs-macros)


def on_post_page_macros(env):
    """Write the page's Markdown after macros to $DUMP_DIR/<src path>."""
    out = Path(os.environ["DUMP_DIR"]) / env.page.file.src_path
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(env.markdown, encoding="utf-8")
