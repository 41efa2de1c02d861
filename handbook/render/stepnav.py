"""Step-by-step navigation through work items ①–⑰ and the "my pattern" (A/B) choice.

Everything is plain HTML that works without JavaScript; ``overrides/assets/js/stepnav.js`` only moves the block into
the sidebar on wide screens, follows the section being read and applies the reader's pattern (``data-patterns``).
"""
from __future__ import annotations


from .escape import attr, text
from .links import Linker, circled, entity_label
from .tasks import pattern_text

PATTERNS = ("A", "B")


def _item(handbook, linker: Linker, task, here: bool, current: bool) -> str:
    """One work item of the step list: link and applicability in words (``--here``: documented on this page)."""
    classes = "dx-stepnav__item" + (" dx-stepnav__item--here" if here else "")
    aria = ' aria-current="step"' if current else ""
    return (f'<li class="{classes}" data-task="{attr(task.id)}" data-patterns="{attr(" ".join(task.patterns))}">'
            f'<a href="{attr(linker.href(handbook.home(task.id)))}"{aria}>{text(entity_label(task))}</a>'
            f'<span class="dx-stepnav__patterns">{text(pattern_text(task))}</span></li>')


def step_nav(handbook, linker: Linker) -> str:
    """The ①–⑰ step navigation for the page being rendered: phases, numbered items with their patterns in words,
    the items documented on this page marked, the first of them ``aria-current="step"``, and the pattern choice."""
    on_page = [t.id for t in handbook.tasks_in() if handbook.home(t.id).partition("#")[0] == linker.page_src]
    groups = []
    for phase in handbook.phases:
        items = "".join(_item(handbook, linker, t, t.id in on_page, bool(on_page) and t.id == on_page[0])
                        for t in handbook.tasks_in(phase.id))
        title = f"({phase.number}) {phase.title}"
        here = '<span class="dx-stepnav__here">（このページ）</span>' if phase.page == linker.page_src else ""
        groups.append(f'<li class="dx-stepnav__phase"><span class="dx-stepnav__phase-title">'
                      f'<a href="{attr(linker.href(phase.page))}">{text(title)}</a>{here}</span>'
                      f'<ol class="dx-stepnav__items">{items}</ol></li>')
    where = ""
    if on_page:
        first, last = handbook.get(on_page[0]), handbook.get(on_page[-1])
        span = circled(first.number) + (f"〜{circled(last.number)}" if last is not first else "")
        where = f'<span class="dx-stepnav__where">（このページは{span}）</span>'
    return (f'<details class="dx-stepnav" data-dx-stepnav data-search-exclude open>'
            f'<summary>作業項目①〜⑰の流れ{where}</summary>'
            f'<nav aria-label="作業項目①〜⑰の流れ"><ol class="dx-stepnav__phases">{"".join(groups)}</ol>'
            f'{pattern_choice(handbook)}</nav></details>')


def _neighbour(items: list, index: int, step: int, pattern: str | None):
    """The nearest item before (``step=-1``) or after (``+1``) ``index`` that applies to ``pattern`` (any if None)."""
    i = index + step
    while 0 <= i < len(items):
        if pattern is None or pattern in items[i].patterns:
            return items[i]
        i += step
    return None


def _pager_link(handbook, linker: Linker, rel: str, lead: str, task) -> str:
    only = "" if set(task.patterns) == set(PATTERNS) else f"（{pattern_text(task)}）"
    return (f'<a rel="{rel}" href="{attr(linker.href(handbook.home(task.id)))}" '
            f'data-patterns="{attr(" ".join(task.patterns))}">{text(lead)}：{text(entity_label(task))}'
            f"{text(only)}</a>")


def step_pager(handbook, linker: Linker, task_id: str) -> str:
    """Previous and next work item of ``task_id``; where a pattern skips the neighbour (B skips ⑨⑩), that
    pattern's own previous/next item is linked too, named in words."""
    items = handbook.tasks_in()
    index = [t.id for t in items].index(task_id)
    parts = []
    for rel, lead, step in (("prev", "前の作業", -1), ("next", "次の作業", 1)):
        near = _neighbour(items, index, step, None)
        if near is None:
            continue
        links = [_pager_link(handbook, linker, rel, lead, near)]
        for p in PATTERNS:
            own = _neighbour(items, index, step, p)
            if own is not None and own is not near and p not in near.patterns:
                links.append(_pager_link(handbook, linker, rel, f"{p} パターンの{lead}", own))
        parts.append(f'<span class="dx-steppager__{rel}">{"".join(links)}</span>')
    label = f"{entity_label(handbook.get(task_id))}の前後の作業"
    return f'<p class="dx-steppager" data-search-exclude role="group" aria-label="{attr(label)}">{"".join(parts)}</p>'


def phase_items(handbook, linker: Linker, phase_id: str) -> str:
    """The work items of a phase, each a link to its own page with its summary. Each list item is anchored at its
    work item's id: a link made when the items were sections of this page (``planning/#std-02``) lands on it
    without JavaScript, and stepnav.js follows it (sub-anchors too, ``#std-02a-items``) to the item's page."""
    phase = handbook.get(phase_id)
    items = "".join(
        f'<li id="{attr(t.id)}" data-task="{attr(t.id)}" data-patterns="{attr(" ".join(t.patterns))}">'
        f'<a href="{attr(linker.href(handbook.home(t.id)))}">{text(entity_label(t))}</a>'
        f'（{text(pattern_text(t))}）<br>{text(t.summary)}</li>'
        for t in handbook.tasks_in(phase.id))
    label = f"{phase.title}の作業項目のページ"
    return f'<nav class="dx-phase-items" data-dx-moved aria-label="{attr(label)}"><ol>{items}</ol></nav>'


def pattern_choice(handbook) -> str:
    """The "my pattern" control (A, B or both), hidden until JavaScript can keep the choice in ``localStorage``."""
    options = [(p.id, p.title) for p in handbook.patterns]
    options.append(("AB", "両方・未定（すべての作業を表示する）"))
    radios = "".join(
        f'<label class="dx-pattern-choice__option"><input type="radio" name="dx-pattern" value="{attr(value)}">'
        f' {text(title)}</label>' for value, title in options)
    return (f'<form class="dx-pattern-choice" data-dx-pattern-choice hidden>'
            f'<fieldset><legend>あなたの移行パターン</legend>{radios}</fieldset>'
            f'<p class="dx-pattern-choice__note">選んだパターンはこのブラウザの中だけに保存され、どこにも送信されない。</p>'
            f'<p class="dx-pattern-choice__status" aria-live="polite"></p>'
            f'<button type="button" class="md-button" data-dx-pattern-reset hidden>すべての作業を表示する</button></form>')
