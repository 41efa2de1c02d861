"""The current-state layer: a dated box at the top of each concerned page, and the overview of every entry.

Pure functions over the handbook; every data string is escaped (data never becomes markup).
"""
from __future__ import annotations

from datetime import date

from ..model.dates import ja_date, ja_month
from ..model.freshness import age_days, is_stale
from .escape import attr, text
from .links import Linker, ref_html
from .lists import source_title
from .tasks import html_list


def entries_for(handbook, page_src: str) -> list:
    """Status entries that name ``page_src`` (path under docs/) in their ``pages``, or, on a work item's own page,
    name that work item in their ``tasks``; in file order."""
    tasks = {t.id for t in handbook.tasks if t.page == page_src}
    return [e for e in handbook.status_entries if page_src in e.pages or tasks & set(e.tasks)]


def _sources(handbook, ids) -> str:
    """出典 as a run of linked titles: 総務省「…」、…"""
    parts = []
    for source_id in ids:
        s = handbook.get(source_id)
        parts.append(source_title(s) + ("" if s.grade == "確認" else "（二次資料）"))
    return "、".join(parts)


def _stale_note(handbook, entry, today: date) -> str:
    if not is_stale(handbook, entry, today):
        return ""
    return (f'<p class="dx-status-stale"><strong>この内容は確認から{age_days(entry.as_of, today)}日が過ぎており、'
            "古くなっているおそれがある。</strong>最新の資料で確かめてから使うこと。</p>")


def _related(handbook, linker: Linker, entry) -> str:
    ids = entry.tasks + entry.procedures
    if not ids:
        return ""
    return '<p class="dx-status-related">関係する作業・手続：' + "、".join(ref_html(handbook, linker, i) for i in ids) + "</p>"


def _body(handbook, linker: Linker, entry, today: date, related: bool) -> str:
    """Summary, what it means for the reader's work, checked date, sources (and related items)."""
    return (f'<p>{text(entry.summary)}</p>'
            f'<p class="dx-status-actions-label">仕事への影響（いま確かめること）：</p>{html_list(entry.actions)}'
            f'{_related(handbook, linker, entry) if related else ""}'
            f'<p class="dx-status-meta">確認日：<time datetime="{attr(entry.as_of)}">{ja_date(entry.as_of)}</time>。'
            f"出典：{_sources(handbook, entry.sources)}</p>"
            f"{_stale_note(handbook, entry, today)}")


def status_box(handbook, linker: Linker, entries, today: date) -> str:
    """One dated box holding ``entries``; empty when there are none."""
    if not entries:
        return ""
    out = ['<aside class="dx-status" aria-label="いまの状況">']
    for entry in entries:
        more = f'（<a href="{attr(linker.href(handbook.home(entry.id)))}">いまの状況の一覧</a>）'
        out.append(f'<div class="dx-status-entry"><p class="dx-status-label">{ja_month(entry.as_of)}時点の状況{more}</p>'
                   f'<p class="dx-status-title"><strong>{text(entry.title)}</strong></p>'
                   f"{_body(handbook, linker, entry, today, related=False)}</div>")
    out.append("</aside>")
    return "".join(out)


def current_status(handbook, linker: Linker, today: date) -> str:
    """The box for the page being rendered (``linker.page_src``)."""
    return status_box(handbook, linker, entries_for(handbook, linker.page_src), today)


def page_label(handbook, src: str) -> str:
    """A page as readers know it: its title, with its part's title when it is inside a part
    (``第1章 …（自治体情報システムの標準化・共通化に係る手順書）``)."""
    title = handbook.page_title(src)
    part = src.split("/")[0] + "/index.md"
    if "/" not in src or src == part or part not in handbook.pages:
        return title
    return f"{title}（{handbook.page_title(part)}）"


def status_overview(handbook, linker: Linker, today: date) -> str:
    """Every entry as a Markdown section (heading anchored at its id) with its pages, tasks and procedures."""
    parts = []
    for entry in handbook.status_entries:
        where = "、".join(f'<a href="{attr(linker.href(p))}">{text(page_label(handbook, p))}</a>' for p in entry.pages)
        parts.append(f"## {text(entry.title)} {{#{entry.id}}}\n\n"
                     f'<div class="dx-status dx-status-entry"><p class="dx-status-label">{ja_month(entry.as_of)}時点の状況</p>'
                     f"{_body(handbook, linker, entry, today, related=True)}"
                     f'<p class="dx-status-pages">この状況を示しているページ：{where}</p></div>\n')
    return "\n".join(parts)
