"""Compiled page templates are reused between builds, and never when the page changed."""
from __future__ import annotations

from jinja2 import Environment, StrictUndefined

from macros.jinja_cache import cache_page_compiles


def counting_env(folder, page):
    """A fresh environment (as in a new build) with the cache, counting real compiles."""
    env = Environment(undefined=StrictUndefined)
    compiles = []
    real = env.compile
    env.compile = lambda source, *args, **kw: compiles.append(source) or real(source, *args, **kw)
    cache_page_compiles(env, folder, lambda: page["name"])
    return env, compiles


def test_unchanged_page_is_loaded_from_the_cache_in_the_next_build(tmp_path):
    page = {"name": "overall/step1.md"}
    first, compiled = counting_env(tmp_path, page)
    assert first.from_string("# {{ x }}").render(x="一") == "# 一"
    assert compiled == ["# {{ x }}"]
    second, compiled = counting_env(tmp_path, page)
    assert second.from_string("# {{ x }}").render(x="二") == "# 二"
    assert compiled == [], "an unchanged page must not be compiled again"


def test_edited_page_is_compiled_again(tmp_path):
    page = {"name": "overall/step1.md"}
    counting_env(tmp_path, page)[0].from_string("# {{ x }}")
    env, compiled = counting_env(tmp_path, page)
    assert env.from_string("## {{ x }}!").render(x="三") == "## 三!"
    assert compiled == ["## {{ x }}!"]


def test_installing_twice_wraps_once(tmp_path):
    env = Environment()
    cache_page_compiles(env, tmp_path, lambda: "a.md")
    wrapped = env.compile
    cache_page_compiles(env, tmp_path, lambda: "a.md")
    assert env.compile is wrapped
