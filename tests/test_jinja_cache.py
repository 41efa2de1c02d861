"""Compiled page templates are reused between builds, and never when the page changed."""
from __future__ import annotations

import os

import pytest
from jinja2 import Environment
from mkdocs.config import load_config

from macros.jinja_cache import cache_page_compiles


@pytest.fixture(scope="module")
def build_env(project, site):
    """Make a Jinja environment as a build does: mkdocs-macros' own, set up from the project's mkdocs.yml (its
    delimiters, undefined handling and macros), after the session's build generated build/docs."""
    here = os.getcwd()
    os.chdir(project)
    try:
        config = load_config(str(project / "mkdocs.yml"))
        plugin = config.plugins["macros"]

        def new_env() -> Environment:
            plugin.on_config(config)
            return plugin.env
        yield new_env
    finally:
        os.chdir(here)


def counting_env(folder, page, new_env):
    """A fresh environment (as in a new build) with the cache, counting real compiles."""
    env = new_env()
    compiles = []
    real = env.compile
    env.compile = lambda source, *args, **kw: compiles.append(source) or real(source, *args, **kw)
    cache_page_compiles(env, folder, lambda: page["name"])
    return env, compiles


def test_unchanged_page_is_loaded_from_the_cache_in_the_next_build(tmp_path, build_env):
    page = {"name": "overall/step1.md"}
    first, compiled = counting_env(tmp_path, page, build_env)
    assert callable(first.globals["ref"]), "the environment is the build's, with the handbook's macros"
    assert first.from_string("# {{ x }}").render(x="一") == "# 一"
    assert compiled == ["# {{ x }}"]
    second, compiled = counting_env(tmp_path, page, build_env)
    assert second.from_string("# {{ x }}").render(x="二") == "# 二"
    assert compiled == [], "an unchanged page must not be compiled again"
    with pytest.raises(Exception, match="undefined"):  # the build's strict undefined handling holds
        second.from_string("{{ no_such_variable }}").render()


def test_edited_page_is_compiled_again(tmp_path, build_env):
    page = {"name": "overall/step1.md"}
    counting_env(tmp_path, page, build_env)[0].from_string("# {{ x }}")
    env, compiled = counting_env(tmp_path, page, build_env)
    assert env.from_string("## {{ x }}!").render(x="三") == "## 三!"
    assert compiled == ["## {{ x }}!"]


def test_installing_twice_wraps_once(tmp_path):
    env = Environment()
    cache_page_compiles(env, tmp_path, lambda: "a.md")
    wrapped = env.compile
    cache_page_compiles(env, tmp_path, lambda: "a.md")
    assert env.compile is wrapped
