"""Case pages and the filterable case index."""
from __future__ import annotations

import re

from ..model import case_paths
from ..model.entities import Case, CaseSource
from .escape import Markup, attr, text, url
from .links import Linker, entity_label, ref_html, ref_md
from .tasks import html_list

COLUMNS = ("事例", "団体", "団体区分", "人口規模", "テーマ", "関連するステップ・作業項目")  # of the case index

# The body types of the case schema, in the order the filter offers them (only those some case has).
BODY_TYPES = ("都道府県", "指定都市", "中核市", "市", "特別区", "町", "村")


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


def _population_order(band: str) -> tuple:
    """``1万人未満`` < ``1万〜5万人`` < ``5万〜20万人`` < ``20万人以上`` < ``都道府県`` < other bands (出典で未確認)."""
    lead = re.match(r"(\d+)万", band)
    if not lead:
        return (1, band != "都道府県", band)
    return (0, int(lead.group(1)) - (0.5 if "未満" in band else 0))


def _filters(handbook) -> list[tuple[str, str, object, list[tuple[str, str, str]]]]:
    """Each filter: its name (the URL query key and the rows' ``data-`` attribute), its label, the values of a case,
    and its options (value, label, group) in the order offered: only values some case has."""
    region_of = {p.name: p.region for p in handbook.prefectures}
    regions = list(dict.fromkeys(p.region for p in handbook.prefectures))
    used = lambda values_of: {v for c in handbook.cases for v in values_of(c)}  # noqa: E731
    tasks = sorted((handbook.get(t) for t in used(lambda c: c.tasks)), key=lambda t: t.number)
    procedures = used(lambda c: c.procedures)
    region = lambda c: (region_of[c.prefecture],)  # noqa: E731
    prefecture = lambda c: (c.prefecture,)  # noqa: E731
    body_type = lambda c: (c.type,)  # noqa: E731
    band = lambda c: (c.population_band,)  # noqa: E731
    type_order = lambda t: (BODY_TYPES.index(t) if t in BODY_TYPES else len(BODY_TYPES), t)  # noqa: E731
    filters = [
        ("region", "地方", region, [(r, r, "") for r in regions if r in used(region)]),
        ("pref", "都道府県", prefecture,
         [(p.name, p.name, p.region) for p in handbook.prefectures if p.name in used(prefecture)]),
        ("type", "団体区分", body_type, [(t, t, "") for t in sorted(used(body_type), key=type_order)]),
        ("pop", "人口規模", band, [(b, b, "") for b in sorted(used(band), key=_population_order)]),
        ("theme", "テーマ", lambda c: c.themes, [(t, t, "") for t in dict.fromkeys(t for c in handbook.cases for t in c.themes)]),
        ("task", "作業項目①〜⑰", lambda c: c.tasks, [(t.id, entity_label(t), "") for t in tasks]),
        ("proc", "手続", lambda c: c.procedures, [(p.id, p.name, "") for p in handbook.procedures if p.id in procedures]),
        ("step", "全体手順書のステップ", lambda c: c.steps,
         [(s, entity_label(handbook.get(s)), "") for s in sorted(used(lambda c: c.steps))]),
    ]
    return filters


def _select(name: str, label: str, options: list[tuple[str, str, str]]) -> str:
    """A labelled ``<select>`` whose first option (すべて) filters nothing; options with a group go in ``<optgroup>``s."""
    body, group = [], None
    for value, shown, in_group in options:
        if in_group != group:
            body.append(("</optgroup>" if group else "") + (f'<optgroup label="{attr(in_group)}">' if in_group else ""))
            group = in_group
        body.append(f'<option value="{attr(value)}">{text(shown)}</option>')
    if group:
        body.append("</optgroup>")
    return (f'<label><span class="dx-filter__label">{label}</span><select data-filter="{name}" name="{name}">'
            f'<option value="">すべて</option>{"".join(body)}</select></label>')


def case_index(handbook, linker: Linker) -> str:
    """All cases in a table (the whole list without JavaScript), and the filters by region and prefecture, body type,
    population band, theme, work item, procedure and step that case-filter.js shows, keeps in the URL's query and
    applies (progressive enhancement)."""
    filters = _filters(handbook)
    selects = "".join(_select(name, label, options) for name, label, _, options in filters if options)
    rows = []
    for c in handbook.cases:
        place = c.municipality if c.type == "都道府県" else f"{c.prefecture} {c.municipality}"
        related = "、".join(ref_html(handbook, linker, i) for i in c.steps + c.tasks) or "－"
        data = "".join(f' data-{name}="{attr(" ".join(values_of(c)))}"' for name, _, values_of, _ in filters)
        rows.append(
            f'<tr{data}>'
            f'<th scope="row">{ref_html(handbook, linker, c.id)}</th><td data-label="{COLUMNS[1]}">{text(place)}</td>'
            f'<td data-label="{COLUMNS[2]}">{text(c.type)}</td><td data-label="{COLUMNS[3]}">{text(c.population_band)}</td>'
            f'<td data-label="{COLUMNS[4]}">{text("、".join(c.themes))}</td><td data-label="{COLUMNS[5]}">{related}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in COLUMNS)
    return (f'<form class="dx-filter" role="search" aria-label="事例の絞り込み" hidden>'
            f'<div class="dx-filter__fields">{selects}</div>'
            f'<p class="dx-filter__actions"><button type="button" class="md-button" data-dx-filter-reset>条件をすべて解除</button></p>'
            f'<p class="dx-filter-count" aria-live="polite"></p></form>'
            f'<table class="dx-table dx-cases"><caption>参考事例の一覧（{len(rows)}件）</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
