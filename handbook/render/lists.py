"""Tables and lists from the collections: procedures, systems, glossary, checklist, sources, editions."""
from __future__ import annotations

from .escape import Markup, abbr_title, attr, text, url
from .links import Linker, ref_html
from .tasks import html_list


def _table(caption: str, headers, rows, css: str = "dx-table", grouped: bool = False) -> str:
    """``grouped``: ``rows`` are whole ``<tbody>`` row groups."""
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in headers)
    body = "".join(rows) if grouped else f"<tbody>{''.join(rows)}</tbody>"
    return (f'<table class="{css}"><caption>{text(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead>{body}</table>")


UNCONFIRMED = '<span class="dx-unconfirmed">（名称は原文で確認中）</span>'


def procedure_table(handbook, linker: Linker, group: str | None = None) -> str:
    """The 31 priority procedures, grouped; names not yet verified are marked as such.

    One group: its size and target go in the caption. All groups: a first column names each group
    (``<th scope="rowgroup" rowspan>``), one ``<tbody>`` per group, so every header has its data cells.
    When a case cites a procedure shown, a last column links each procedure to the cases that cite it.
    """
    groups = [g for g in handbook.procedure_groups if group is None or g.id == group]
    if group is not None and not groups:
        raise KeyError(f"unknown id '{group}'")
    shown = [p for p in handbook.procedures if p.group in {g.id for g in groups}]
    cases_of = {p.id: handbook.cases_citing(p.id) for p in shown}
    with_cases = any(cases_of.values())
    bodies = []
    for g in groups:
        procs = [p for p in handbook.procedures if p.group == g.id]
        rows = []
        for n, p in enumerate(procs, 1):
            mark = "" if p.confirmed else UNCONFIRMED
            lead = (f'<th scope="rowgroup" rowspan="{len(procs)}">{text(g.title)}'
                    f'（{g.count}手続・{text(g.target)}）</th>') if group is None and n == 1 else ""
            refs = "、".join(ref_html(handbook, linker, c.id) for c in cases_of[p.id]) or "－"
            cases_cell = f"<td>{refs}</td>" if with_cases else ""
            rows.append(f'<tr id="{attr(p.id)}">{lead}<td>{n}</td><th scope="row">{text(p.name)}{mark}</th>'
                        f'<td>{text(p.subgroup or "")}</td>{cases_cell}</tr>')
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    if group is None:
        caption = f"特に国民の利便性向上に資する手続（{sum(g.count for g in groups)}手続）"
        headers = ("分野", "No.", "手続", "区分")
    else:
        g = groups[0]
        caption = f"特に国民の利便性向上に資する手続：{g.title}（{g.count}手続・{g.target}）"
        headers = ("No.", "手続", "区分")
    if with_cases:
        headers += ("参考事例",)
    return _table(caption, headers, bodies, grouped=True)


def system_table(handbook) -> str:
    """The 20 standardized business systems, with the first 17 marked."""
    rows = []
    for n, s in enumerate(handbook.systems, 1):
        first = "当初の17業務" if s.initial17 else "後に追加"
        rows.append(f'<tr id="{attr(s.id)}"><td>{n}</td><th scope="row">{text(s.name)}</th>'
                    f'<td>{text(s.field)}</td><td>{first}</td></tr>')
    return _table("標準化の対象となる20業務", ("No.", "業務", "分野", "対象になった時期"), rows)


def glossary(handbook, linker: Linker) -> str:
    """The glossary as a definition list, each term anchored at its id, with its related terms and where to read more."""
    terms = sorted(handbook.glossary, key=lambda t: t.reading)
    out = ['<dl class="dx-glossary">']
    for t in terms:
        extra = f"（{text(t.expansion)}）" if t.expansion else ""
        links = []
        if t.related:
            links.append("関連語：" + "、".join(ref_html(handbook, linker, r) for r in t.related))
        if t.see:
            links.append("詳しくは：" + ref_html(handbook, linker, t.see))
        more = "".join(f'<br><span class="dx-see">{link}</span>' for link in links)
        out.append(f'<dt id="{attr(t.id)}">{text(t.term)}{extra}</dt><dd>{text(t.definition)}{more}</dd>')
    out.append("</dl>")
    return "".join(out)


def abbreviations(handbook) -> str:
    """Markdown ``*[RFI]: …`` lines for the abbr extension, from glossary terms with an ``abbr``.

    The schema limits ``abbr`` to letters, digits and hyphens; the expansion is one line of escaped text.
    """
    lines = []
    for t in handbook.glossary:
        if t.abbr:
            title = t.expansion or t.definition
            lines.append(f"*[{t.abbr}]: {abbr_title(title)}")
    return "\n".join(lines) + "\n"


def checklist(handbook) -> str:
    """The 受入れ準備チェックリスト as real checkboxes that can be ticked and printed."""
    checklist = handbook.checklist
    out = [f'<div class="dx-checklist"><p class="dx-note">{text(checklist.notice)}</p>']
    for g in checklist.groups:
        out.append(f'<fieldset id="{attr(g.id)}"><legend>{text(g.title)}</legend><ul>')
        for item in g.items:
            note = f'<br><small>{text(item.note)}</small>' if item.note else ""
            out.append(f'<li><label><input type="checkbox" name="{attr(item.id)}"> '
                       f'{text(item.text)}</label>{note}</li>')
        out.append("</ul></fieldset>")
    out.append("</div>")
    return "".join(out)


def security_models(handbook) -> str:
    """The three-layer security models."""
    rows = [f'<tr id="{attr(m.id)}"><th scope="row">{text(m.name)}</th><td>{text(m.summary)}</td>'
            f'<td>{text(m.introduced or "")}</td></tr>' for m in handbook.security_models]
    return _table("三層の対策のモデル", ("モデル", "構成の要点", "位置付け・時期"), rows)


def support_measures(handbook) -> str:
    """National support measures; unconfirmed ones are labelled."""
    rows = []
    for m in handbook.support_measures:
        state = "出典で確認" if m.confirmed else "原文で確認中"
        rows.append(f'<tr id="{attr(m.id)}"><th scope="row">{text(m.title)}</th>'
                    f'<td>{text(m.summary)}</td><td>{state}</td></tr>')
    return _table("国の主な支援策", ("支援策", "内容", "確認の状況"), rows)


def roles(handbook) -> str:
    """Roles in the DX organisation."""
    rows = [f'<tr id="{attr(r.id)}"><th scope="row">{text(r.name)}</th><td>{text(r.description)}</td>'
            f'<td>{html_list(r.duties)}</td></tr>' for r in handbook.roles]
    return _table("DX推進体制の主な役割", ("役割", "説明", "主な仕事"), rows)


def step_points(handbook, linker: Linker) -> str:
    """The four steps of the overall handbook with the key points of each."""
    rows = [f'<tr><th scope="row">{ref_html(handbook, linker, s.id)}</th><td>{text("。".join(s.points))}。</td></tr>'
            for s in handbook.steps]
    return _table("全体手順書の4つのステップと要点", ("ステップ", "要点"), rows)


def step_overview(handbook, linker: Linker) -> str:
    """The four steps with a summary and example outputs of each."""
    rows = [f'<tr><th scope="row">{ref_html(handbook, linker, s.id)}</th><td>{text(s.summary)}</td>'
            f'<td>{text("、".join(s.outputs))}</td></tr>' for s in handbook.steps]
    return _table("全体手順書の4つのステップ", ("ステップ", "要約", "成果物の例"), rows)


def editions(handbook) -> str:
    """This site's change history, newest first."""
    items = sorted(handbook.editions, key=lambda e: e.date, reverse=True)
    rows = [f'<tr><td>{text(e.version)}</td><td>{text(e.date)}</td><th scope="row">{text(e.summary)}</th>'
            f'<td>{html_list(e.changes)}</td></tr>' for e in items]
    return _table("更新履歴", ("版", "日付", "概要", "主な変更"), rows)


def source_title(s) -> str:
    """A source as ``publisher「title」`` with the title linked to its document (escaped)."""
    title = text(s.title)
    if s.url:
        title = f'<a href="{url(s.url)}">{title}</a>'
    return f"{text(s.publisher)}「{title}」"


def sources(handbook, *ids: str) -> str:
    """The 出典 list for a page: publisher, title (linked), grade and the date checked."""
    items = []
    for source_id in ids:
        s = handbook.get(source_id)
        note = f"、{text(s.note)}" if s.note else ""
        grade = "" if s.grade == "確認" else "、二次資料"
        items.append(Markup(f"{source_title(s)}（{text(s.checked)}確認{grade}{note}）"))
    return '<div class="dx-sources">' + html_list(items) + "</div>"


def glossary_sources(handbook) -> str:
    """The 出典 of the glossary page: every source a term cites, once, in first-cited order."""
    ids = dict.fromkeys(i for term in handbook.glossary for i in term.sources)
    return sources(handbook, *ids)


def cross_refs(handbook, linker: Linker, *ids: str) -> str:
    """A comma-separated run of cross-links."""
    return "、".join(ref_html(handbook, linker, i) for i in ids)
