"""mkdocs-macros entry point: load the handbook data once per build and register thin macros.

Every macro is a one-line wrapper over a pure function in ``macros.render``.
"""
from __future__ import annotations

import logging
from datetime import date
from pathlib import Path

from .model.buildinfo import build_info
from .model.history import page_history
from .jinja_cache import cache_page_compiles
from .data.errors import DataError
from .model import load_handbook
from .outputs.downloads import PARTS, publish
from .outputs.downloads import links as dl
from .outputs.files import write_changed
from .render import accessibility, cases, lists, schedule, status, tasks
from .render.links import Linker, ref_html

log = logging.getLogger("mkdocs.plugins.macros.handbook")

ABBREVIATIONS = Path(".cache/abbreviations.md")


def define_env(env):
    """Called by mkdocs-macros once per build (and on every ``mkdocs serve`` rebuild).

    Besides registering the macros, it writes the generated files under docs/: the case pages
    (docs/cases/case-*.md) and the downloads; only files whose content changed are written.
    """
    root = Path(env.project_dir)
    try:
        hb = load_handbook(root / "data", cache=root / ".cache/handbook.pickle")
    except DataError as err:
        for problem in err.problems:
            log.error(str(problem))
        raise SystemExit(f"データの検証で {len(err.problems)} 件の問題が見つかりました（data/ validation failed）")
    (root / ABBREVIATIONS).parent.mkdir(exist_ok=True)
    (root / ABBREVIATIONS).write_text(lists.abbreviations(hb), encoding="utf-8")
    docs = Path(env.conf["docs_dir"])
    write_changed(docs / "cases", {name: md.encode("utf-8") for name, md in cases.case_pages(hb).items()}, "case-")
    env.variables["build"] = env.conf["extra"]["build"] = build_info(root, hb)
    env.conf["extra"]["page_history"] = page_history(root, docs)
    published = publish(hb, env.variables["build"], docs, root / ".cache/downloads")

    def linker() -> Linker:
        return Linker(env.page.file.src_uri, env.conf["use_directory_urls"])

    def file_href(target: str) -> str:
        return dl.file_href(env.page.file.src_uri, env.conf["use_directory_urls"], target)

    m = env.macro
    m(lambda entity_id, text=None: ref_html(hb, linker(), entity_id, text), "ref")
    m(lambda *ids: lists.cross_refs(hb, linker(), *ids), "refs")
    m(lambda task_id, level=3: tasks.task_heading(hb, task_id, level), "task_heading")
    m(lambda sub_id, level=4: tasks.subitem_heading(hb, sub_id, level), "subitem_heading")
    m(lambda task_id: tasks.task_card(hb, linker(), task_id), "task_card")
    m(lambda phase=None, pattern=None, caption=None: tasks.task_table(hb, linker(), phase, pattern, caption), "task_table")
    m(lambda: tasks.pattern_matrix(hb, linker()), "pattern_matrix")
    m(lambda group=None: lists.procedure_table(hb, group), "procedure_table")
    m(lambda: lists.system_table(hb), "system_table")
    m(lambda: lists.glossary(hb, linker()), "glossary")
    m(lambda: lists.checklist(hb), "checklist")
    m(lambda: lists.security_models(hb), "security_models")
    m(lambda: lists.support_measures(hb), "support_measures")
    m(lambda: lists.roles(hb), "roles_table")
    m(lambda: lists.editions(hb), "editions_table")
    m(lambda *ids: lists.sources(hb, *ids), "sources")
    m(lambda: lists.glossary_sources(hb), "glossary_sources")
    m(lambda: lists.step_points(hb, linker()), "step_points")
    m(lambda: lists.step_overview(hb, linker()), "step_overview")
    m(lambda: cases.case_index(hb, linker()), "case_index")
    m(lambda: schedule.schedule_chart(hb, linker()), "schedule_chart")
    m(lambda download_id: dl.download_links(published.get(download_id), file_href), "download_links")
    m(lambda: dl.downloads_table(hb, published.downloads, linker(), file_href, dl.nav_titles(env.conf["nav"])),
      "downloads_table")
    m(lambda: dl.pdf_links(PARTS, published.pdfs, file_href), "pdf_links")
    today = date.fromisoformat(env.variables["build"]["date"])  # the build's date, so a rebuild of one commit is identical
    m(lambda: status.current_status(hb, linker(), today), "current_status")
    m(lambda: status.status_overview(hb, linker(), today), "status_overview")
    env.variables["status_max_age_days"] = hb.doc("status.yml")["max_age_days"]
    a11y = accessibility.load_results(root)
    m(lambda: accessibility.status(a11y, linker().href("about/accessibility-results.md")), "a11y_status")
    m(lambda: accessibility.results_page(a11y), "a11y_results")


def on_pre_page_macros(env):
    """Called by mkdocs-macros before each page: compile pages through a bytecode cache (installed on the
    first page, because the Jinja environment is created after ``define_env``)."""
    cache_page_compiles(env.env, Path(env.project_dir) / ".cache/jinja", lambda: env.page.file.src_uri)
