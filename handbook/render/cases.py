"""Case pages and the filterable case index."""
from __future__ import annotations

from ..model import case_paths
from ..model.entities import Case, CaseSource
from .escape import Markup, attr, text, url
from .links import Linker, entity_label, ref_html, ref_md
from .tasks import html_list

FILTERS = (("theme", "テーマ", lambda c: c.themes), ("step", "ステップ", lambda c: c.steps),
           ("type", "団体区分", lambda c: (c.type,)))


SOURCE_KINDS = {"団体": "団体の資料", "省庁": "国の資料", "報道": "報道", "転載": "資料の転載", "その他": "その他の資料"}


def source_note(source: CaseSource) -> str:
    """What a reader learns about a source beside its title: its kind, for a news report the outlet and day,
    and the day it was checked."""
    published = "、".join(v for v in (source.outlet, source.published and f"{source.published}掲載") if v)
    return f"{SOURCE_KINDS[source.kind]}{'：' + published if published else ''}、{source.checked}確認"


def case_page(handbook, case_id: str) -> str:
    """A whole case page as plain Markdown: title, facts table, what they did, related steps and procedures, sources.

    The page is generated into build/docs/cases/ (``handbook.outputs.files``), so it must not need macros: front matter
    turns Jinja off, and links to other pages are Markdown links, which MkDocs resolves for either build.
    """
    c = handbook.get(case_id)
    if not isinstance(c, Case):
        raise KeyError(f"'{case_id}' is not a case id")
    page = case_paths.case_page(case_id)
    facts = [
        ("団体", f"{c.prefecture} {c.municipality}" if c.type != "都道府県" else c.municipality),
        ("団体区分", c.type),
        ("人口規模", c.population_band),
        ("テーマ", "、".join(c.themes)),
    ]
    if c.year:
        facts.append(("取組みの開始年", f"{c.year}年"))
    facts.append(("出典の確度", "出典本文で確認" if c.confidence == "確認" else "二次資料（報道・解説等）で確認"))
    table = "".join(f'<tr><th scope="row">{k}</th><td>{text(v)}</td></tr>' for k, v in facts)
    parts = [
        "---",
        "render_macros: false",
        "---",
        "",
        f"# {text(c.title)}（{text(c.municipality)}）",
        "",
        f'<table class="dx-card"><caption>事例の概要</caption><tbody>{table}</tbody></table>',
        "",
        "## 取組みの概要",
        "",
        f"<p>{text(c.summary)}</p>",
        "",
        "## 取組みの内容",
        "",
        html_list(c.details),
    ]
    if c.points:
        parts += ["", "## 参考にしたい点", "", html_list(c.points)]
    related = c.steps + c.tasks
    if related:
        parts += ["", "## 関連する手順", ""] + [f"- {ref_md(handbook, page, i)}" for i in related]
    if c.procedures:
        parts += ["", "## 関連する手続（特に国民の利便性向上に資する手続）", ""]
        parts += [f"- {ref_md(handbook, page, i)}" for i in c.procedures]
    sources = [Markup(f'<a href="{url(s.url)}">{text(s.title)}</a>（{text(source_note(s))}）') for s in c.sources]
    parts += ["", "## 出典", "", html_list(sources),
              "", '<p class="dx-note">参考事例集（総務省）への掲載の有無は、本サイトでは確認していない。</p>',
              "", "[参考事例集の一覧へ戻る](index.md)", ""]
    return "\n".join(parts)


def _values(handbook, values_of) -> list:
    """The values of one filter over every case, once each, in first-used order."""
    return list(dict.fromkeys(v for c in handbook.cases for v in values_of(c)))


def case_index(handbook, linker: Linker) -> str:
    """All cases in a table, with filters by theme, step and municipality type (progressive enhancement)."""
    selects = []
    for name, label, values_of in FILTERS:
        values = _values(handbook, values_of)
        if name == "step":
            values = sorted(values)
            options = "".join(f'<option value="{attr(v)}">{text(entity_label(handbook.get(v)))}</option>' for v in values)
        else:
            options = "".join(f'<option value="{attr(v)}">{text(v)}</option>' for v in values)
        selects.append(f'<label>{label}<select data-filter="{name}"><option value="">すべて</option>{options}</select></label>')
    rows = []
    for c in handbook.cases:
        place = c.municipality if c.type == "都道府県" else f"{c.prefecture} {c.municipality}"
        steps = "、".join(ref_html(handbook, linker, s) for s in c.steps) or "－"
        rows.append(
            f'<tr data-theme="{attr(" ".join(c.themes))}" data-step="{attr(" ".join(c.steps))}" '
            f'data-type="{attr(c.type)}">'
            f'<th scope="row">{ref_html(handbook, linker, c.id)}</th><td>{text(place)}</td>'
            f'<td>{text(c.type)}</td><td>{text("、".join(c.themes))}</td><td>{steps}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in ("事例", "団体", "団体区分", "テーマ", "関連するステップ"))
    return (f'<form class="dx-filter" role="search" aria-label="事例の絞り込み" hidden>{"".join(selects)}'
            f'<p class="dx-filter-count" aria-live="polite"></p></form>'
            f'<table class="dx-table dx-cases"><caption>参考事例の一覧（{len(rows)}件）</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
