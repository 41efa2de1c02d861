"""Benchmark-only macros module: the real ``define_env`` plus a dump of every rendered page.

Used to pre-render the pages to plain Markdown so a build without macros can be timed against one with them. Each
dump keeps its page's front matter (titles, page facts, review dates), so both builds render the same pages.
"""
import os
from pathlib import Path

from mkdocs.utils.meta import YAML_RE

from macros import define_env, on_pre_page_macros  # noqa: F401  (re-exported for mkdocs-macros)


def on_post_page_macros(env):
    """Write the page's front matter and its Markdown after macros to $DUMP_DIR/<src path>."""
    source = Path(env.page.file.abs_src_path).read_text(encoding="utf-8")
    front = YAML_RE.match(source)
    out = Path(os.environ["DUMP_DIR"]) / env.page.file.src_path
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text((front.group(0) if front else "") + env.markdown, encoding="utf-8")
