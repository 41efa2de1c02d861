"""Work items ①–⑰: headings, cards, the step table and the A/B matrix."""
from __future__ import annotations

from .escape import Markup, attr, text
from .links import Linker, circled, entity_label, ref_html

PATTERN_TEXT = {("A",): "A パターンのみ", ("A", "B"): "A, B パターン共通", ("B",): "B パターンのみ"}


def pattern_text(task) -> str:
    """``A パターンのみ`` / ``A, B パターン共通``."""
    return PATTERN_TEXT[tuple(sorted(task.patterns))]


def task_heading(handbook, task_id: str, level: int = 3) -> str:
    """The TOC-worded heading of a work item, anchored at its id, and its sub-item headings follow in the page."""
    task = handbook.get(task_id)
    mark = f"【{pattern_text(task)}】" if task.toc_mark else ""
    return f"{'#' * level} {circled(task.number)}{text(task.title)}{mark} {{#{task.id}}}"


def subitem_heading(handbook, subitem_id: str, level: int = 4) -> str:
    """``#### ア) 現行システム環境の基礎調査 {#std-02a}``."""
    sub = handbook.get(subitem_id)
    return f"{'#' * level} {text(sub.label)}) {text(sub.title)} {{#{sub.id}}}"


def html_list(items) -> str:
    """A ``<ul>``; items are escaped as text unless they are ``Markup`` (HTML built by render code)."""
    return "<ul>" + "".join(f"<li>{text(i)}</li>" for i in items) + "</ul>"


def task_card(handbook, linker: Linker, task_id: str) -> str:
    """A summary box: phase, patterns, who, deliverables, related items, and the cases that cite it."""
    task = handbook.get(task_id)
    rows = [
        ("フェーズ", ref_html(handbook, linker, task.phase)),
        ("対象パターン", text(pattern_text(task))),
        ("概要", text(task.summary)),
        ("主な担当", html_list(task.who)),
        ("主な成果物", html_list(task.deliverables)),
    ]
    if task.related:
        rows.append(("関連する作業", "、".join(ref_html(handbook, linker, r) for r in task.related)))
    rows.append(("40ステップとの対応", progress_crosswalk(handbook, linker, task.id)))
    cases = handbook.cases_citing(task.id)
    if cases:
        rows.append(("この作業の参考事例", html_list(ref_html(handbook, linker, c.id) for c in cases)))
    body = "".join(f'<tr><th scope="row">{text(k)}</th><td>{v}</td></tr>' for k, v in rows)
    label = text(entity_label(task))
    return (f'<table class="dx-card">'
            f"<caption>{label} の要点</caption><tbody>{body}</tbody></table>")


UNREAD_STEPS = "40ステップのうち{count}ステップは名称を原典で未読のため、それらとの対応は示していない。"


def unread_steps_note(handbook) -> str:
    """What the crosswalk cannot say: how many of the 40 steps are not read in a source (empty when all are)."""
    count = sum(1 for s in handbook.progress_steps if not s.read)
    return UNREAD_STEPS.format(count=count) if count else ""


def step_label(step) -> str:
    """``ステップ9 ③-2 Fit&Gap分析…``, ``Fit&Gap分析（番号は未確認）``, ``ステップ7（名称は原典で未読）``."""
    if not step.read:
        return f"ステップ{step.number}（名称は原典で未読）"
    return f"ステップ{step.number} {step.name}" if step.number else f"{step.name}（番号は未確認）"


def progress_crosswalk(handbook, linker: Linker, task_id: str) -> Markup:
    """The steps of the 40 matched to a work item, each linked to its row in the table of the 40 and marked with
    the basis of the match; and what is not known."""
    items = []
    for s in handbook.progress_steps_of(task_id):
        basis = "、".join(filter(None, (s.basis, grade_note(handbook, s))))
        items.append(Markup(f'<a href="{attr(linker.href(handbook.home(s.id)))}">{text(step_label(s))}</a>'
                            f"<small>（{text(basis)}）</small>"))
    found = html_list(items) if items else "<p>出典で確かめた対応はない。</p>"
    unread = unread_steps_note(handbook)
    return Markup(found + (f"<p><small>{text(unread)}</small></p>" if unread else ""))


def grade_note(handbook, step) -> str:
    """``二次`` when every source of the step is secondary, else empty."""
    return "二次" if all(handbook.get(s).grade == "二次" for s in step.sources) else ""


def progress_step_table(handbook, linker: Linker) -> str:
    """The 40 steps (and the named steps whose number is not known): number, name, phase, work item, basis,
    source; a row per step, anchored at its id. A step not read in a source says so."""
    head = "".join(f'<th scope="col">{h}</th>' for h in ("番号", "ステップ名", "フェーズ", "作業項目", "対応の根拠", "出典"))
    rows = []
    for s in sorted(handbook.progress_steps, key=lambda s: (s.number is None, s.number or 0)):
        number = str(s.number) if s.number else "未確認"
        if s.read:
            name = text(s.name)
            phase = ref_html(handbook, linker, s.phase) if s.phase else "―"
            item = ref_html(handbook, linker, s.work_item) if s.work_item else "―"
            basis = text(s.basis or "―")
        else:
            name, phase, item, basis = '原典で未読', "―", "―", "―"
        cited = "、".join(text(handbook.get(src).publisher) for src in s.sources)
        where = f"<br><small>{text(s.location)}</small>" if s.location else ""
        grade = f"【{text(grade_note(handbook, s))}】" if grade_note(handbook, s) else ""
        rows.append(f'<tr id="{attr(s.id)}"><td>{text(number)}</td><th scope="row">{name}</th><td>{phase}</td>'
                    f"<td>{item}</td><td>{basis}</td><td>{cited}{grade}{where}</td></tr>")
    return (f'<table class="dx-table dx-progress-steps"><caption>標準化手順書の40ステップと作業項目①〜⑰の対応</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def task_table(handbook, linker: Linker, phase: str | None = None, pattern: str | None = None,
               caption: str | None = None) -> str:
    """The step table: number, title, phase, patterns and deliverables of each work item."""
    items = handbook.tasks_in(phase, pattern)
    if caption is None:
        caption = "作業項目の一覧"
        if phase:
            caption = f"{handbook.get(phase).title}の作業項目"
        if pattern:
            caption += f"（{pattern} パターン）"
    head = "".join(f'<th scope="col">{h}</th>' for h in ("番号", "作業項目", "フェーズ", "対象パターン", "主な成果物"))
    rows = []
    for t in items:
        subs = "".join(f"<br><small>{text(s.label)}) {text(s.title)}</small>" for s in t.subitems)
        rows.append(
            f'<tr data-phase="{attr(t.phase)}" data-patterns="{attr(" ".join(t.patterns))}">'
            f'<td data-label="番号">{circled(t.number)}</td>'
            f'<th scope="row">{ref_html(handbook, linker, t.id, t.title)}{subs}</th>'
            f'<td data-label="フェーズ">{text(handbook.get(t.phase).title)}</td>'
            f'<td data-label="対象パターン">{text(pattern_text(t))}</td>'
            f'<td data-label="主な成果物">{text("、".join(t.deliverables))}</td></tr>')
    return (f'<table class="dx-table dx-steps"><caption>{text(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def pattern_matrix(handbook, linker: Linker) -> str:
    """Work items × patterns A/B; marks are text (○ 実施 / － 対象外), not colour.

    One ``<tbody>`` per phase, named by a ``<th scope="rowgroup" rowspan>`` in the first column.
    """
    patterns = handbook.patterns
    head = '<th scope="col">フェーズ</th><th scope="col">作業項目</th>' + "".join(
        f'<th scope="col">{text(p.id)} パターン</th>' for p in patterns)
    bodies = []
    for phase in handbook.phases:
        items = handbook.tasks_in(phase.id)
        rows = []
        for n, t in enumerate(items):
            lead = f'<th scope="rowgroup" rowspan="{len(items)}">{text(phase.title)}</th>' if n == 0 else ""
            cells = "".join(
                '<td class="dx-yes">○<span class="dx-sr"> 実施する</span></td>' if p.id in t.patterns
                else '<td class="dx-no">－<span class="dx-sr"> 対象外</span></td>'
                for p in patterns)
            rows.append(f'<tr data-patterns="{attr(" ".join(t.patterns))}">{lead}'
                        f'<th scope="row">{ref_html(handbook, linker, t.id)}</th>{cells}</tr>')
        bodies.append(f"<tbody>{''.join(rows)}</tbody>")
    legend = "○＝そのパターンで実施する作業、－＝そのパターンでは行わない作業"
    return (f'<table class="dx-table dx-matrix"><caption>作業項目とA/Bパターンの対応（{legend}）</caption>'
            f"<thead><tr>{head}</tr></thead>{''.join(bodies)}</table>")
