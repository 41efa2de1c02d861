"""mkdocs-macros entry point (MkDocs and Zensical both call ``define_env``): load the model and register macros.

No file is written here: the generate stage (``handbook.outputs.generate``) wrote every generated input before the
build. Every macro is a one-line wrapper over a pure function in ``handbook.render``; ``macros.host`` is the only
code that knows the host.
"""
from __future__ import annotations

import os
from datetime import date

from handbook.data.errors import DataError
from .host import data_error, docs_dir, guarded, page_src, project_root, start_page, use_directory_urls
from .jinja_cache import cache_page_compiles
from handbook.model.buildinfo import build_info
from handbook.model.site import site_settings
from handbook.outputs.bundle import BUNDLE_ENV, SITE_PATH, bundle_facts
from handbook.outputs.downloads import FOLDER, PARTS, find, published_downloads
from handbook.outputs.downloads import links as dl
from handbook.outputs import open_data
from handbook.data.layout import CACHE
from handbook.model import load
from handbook.render import accessibility, cases, changes, lists, schedule, status, stepnav, tasks
from handbook.render.links import Linker, ref_html



def define_env(env):
    """Called once per build by mkdocs-macros (on every ``mkdocs serve`` rebuild too), once per page by Zensical."""
    root = project_root(env)
    try:
        hb = load(root)
    except DataError as err:
        raise data_error(err) from None
    env.variables["build"] = build_info(root, hb)

    def linker() -> Linker:
        return Linker(page_src(env), use_directory_urls(env))

    def file_href(target: str) -> str:
        return dl.file_href(page_src(env), use_directory_urls(env), target)

    def downloads():  # read when a page needs them (as the generate stage wrote them)
        return published_downloads(hb, docs_dir(env) / FOLDER)


    m = guarded(env, hb.tracking)
    m(lambda entity_id, text=None: ref_html(hb, linker(), entity_id, text), "ref")
    m(lambda *ids: lists.cross_refs(hb, linker(), *ids), "refs")
    m(lambda task_id, level=3: tasks.task_heading(hb, task_id, level), "task_heading")
    m(lambda sub_id, level=4: tasks.subitem_heading(hb, sub_id, level), "subitem_heading")
    m(lambda task_id: tasks.task_card(hb, linker(), task_id) + stepnav.step_pager(hb, linker(), task_id), "task_card")
    m(lambda: stepnav.step_nav(hb, linker()), "step_nav")
    m(lambda task_id: stepnav.step_pager(hb, linker(), task_id), "step_pager")
    m(lambda phase_id: stepnav.phase_items(hb, linker(), phase_id), "phase_items")
    m(lambda: stepnav.pattern_choice(hb), "pattern_choice")
    m(lambda phase=None, pattern=None, caption=None: tasks.task_table(hb, linker(), phase, pattern, caption), "task_table")
    m(lambda: tasks.pattern_matrix(hb, linker()), "pattern_matrix")
    m(lambda: tasks.progress_step_table(hb, linker()), "progress_step_table")
    m(lambda group=None: lists.procedure_table(hb, linker(), group), "procedure_table")
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
    m(lambda: changes.change_history(hb, linker()), "change_history")
    m(lambda: schedule.schedule_chart(hb, linker()), "schedule_chart")
    m(lambda download_id: dl.download_links(find(downloads(), download_id), file_href), "download_links")
    m(lambda: dl.downloads_table(hb, downloads(), linker(), file_href), "downloads_table")
    m(lambda: dl.pdf_links(PARTS, file_href), "pdf_links")
    # The zip `make site` made before this online build (read by the few pages that offer it); offline: none.
    m(lambda: dl.offline_edition(bundle_facts(os.environ.get(BUNDLE_ENV)), file_href(SITE_PATH),
                                 env.variables["build"], not use_directory_urls(env), site_settings(root)["site_url"]),
      "offline_edition")
    m(lambda: open_data.files_table(open_data.published_index(docs_dir(env)), file_href), "open_data_table")
    today = date.fromisoformat(env.variables["build"]["date"])  # the build's date, so a rebuild of one commit is identical
    m(lambda: status.current_status(hb, linker(), today), "current_status")
    m(lambda: status.status_overview(hb, linker(), today), "status_overview")
    m(lambda: hb.status_settings.max_age_days, "status_max_age_days")
    a11y = accessibility.load_results(root)
    m(lambda: accessibility.status(a11y, linker().href("about/accessibility-results.md")), "a11y_status")
    m(lambda: accessibility.results_page(a11y), "a11y_results")




def on_pre_page_macros(env):
    """Called by mkdocs-macros before each page: compile pages through a bytecode cache (installed on the
    first page, because the Jinja environment is created after ``define_env``), and start recording what the
    page's macros read."""
    cache_page_compiles(env.env, project_root(env) / CACHE / "jinja", lambda: page_src(env))
    start_page(env)
