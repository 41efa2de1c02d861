"""The work-item schedule chart: phases as columns, ①–⑰ as rows, as inline SVG (no script, no CDN).

The data holds no durations or dates, so the chart shows order and phase only, and says so.
"""
from __future__ import annotations

import unicodedata

from .escape import attr, text
from .links import Linker, circled, ref_html
from .tasks import pattern_text

FONT = 14            # label size in viewBox units
ROW = 30             # height of one work-item row
HEAD = 58            # height of the phase header
PHASE_W = 176        # width of one phase column
PAD = 8
FILLS = ("#dbe6fb", "#dcf0da", "#fbe9cf", "#ece1f5")      # phase tints, light enough to print
STROKES = ("#3a5fa8", "#3d7a37", "#9a6215", "#6b4a8a")

NOTE = "横の位置は作業が属するフェーズを表し、作業の期間や時期は表さない。"


def _text_width(text: str, size: float) -> float:
    """Approximate rendered width: full-width characters 1em, others 0.6em."""
    return sum(size if unicodedata.east_asian_width(ch) in "WFA" else size * 0.6 for ch in text)


def _pattern_mark(task) -> str:
    """The text inside a bar: patterns as words, never colour alone."""
    return "A パターンのみ" if task.patterns == ("A",) else pattern_text(task).replace(" パターン共通", " 共通")


def _description(handbook, phases) -> str:
    parts = []
    for phase in phases:
        items = "、".join(
            f"{circled(t.number)}{t.title}" + ("（Aパターンのみ）" if t.patterns == ("A",) else "")
            for t in handbook.tasks_in(phase.id))
        parts.append(f"{phase.title}：{items}。")
    return "".join(parts) + NOTE


def schedule_svg(handbook) -> str:
    """The chart itself: one lane per phase, one row per work item in number order."""
    phases = handbook.phases
    items = handbook.tasks_in()
    labels = [f"{circled(t.number)}{t.title}" for t in items]
    label_w = max(_text_width(label, FONT) for label in labels) + 2 * PAD
    width = round(label_w + PHASE_W * len(phases) + PAD)
    height = HEAD + ROW * len(items) + PAD
    column = {p.id: i for i, p in enumerate(phases)}

    out = [f'<svg xmlns="http://www.w3.org/2000/svg" class="dx-schedule__svg" viewBox="0 0 {width} {height}" '
           f'width="100%" role="img" aria-labelledby="dx-schedule-title dx-schedule-desc" font-size="{FONT}">',
           '<title id="dx-schedule-title">標準化・共通化の作業の流れ（フェーズと作業項目①〜⑰）</title>',
           f'<desc id="dx-schedule-desc">{text(_description(handbook, phases))}</desc>',
           f'<rect width="{width}" height="{height}" fill="#ffffff"/>']
    for i, phase in enumerate(phases):
        x = label_w + i * PHASE_W
        tip = 12 if i < len(phases) - 1 else 0
        points = (f"{x},{PAD} {x + PHASE_W - tip},{PAD} {x + PHASE_W},{PAD + 20} "
                  f"{x + PHASE_W - tip},{PAD + 40} {x},{PAD + 40}")
        out.append(f'<g class="dx-schedule__phase"><polygon points="{points}" fill="{FILLS[i % 4]}" '
                   f'stroke="{STROKES[i % 4]}"/>'
                   f'<text x="{x + PHASE_W / 2 - tip / 2}" y="{PAD + 25}" text-anchor="middle" font-weight="bold" '
                   f'fill="#1a1a1a">{phase.number}. {text(phase.title)}</text></g>')
        if i:
            out.append(f'<line x1="{x}" y1="{HEAD - 6}" x2="{x}" y2="{height - PAD}" stroke="#9e9e9e" '
                       f'stroke-dasharray="2 3"/>')
    for row, (task, label) in enumerate(zip(items, labels)):
        y = HEAD + row * ROW
        i = column[task.phase]
        x = label_w + i * PHASE_W
        a_only = task.patterns == ("A",)
        dash = ' stroke-dasharray="5 3"' if a_only else ""
        stripe = f'<rect x="0" y="{y}" width="{width}" height="{ROW}" fill="#f4f4f4"/>' if row % 2 else ""
        out.append(f'<g class="dx-schedule__item" data-task="{attr(task.id)}">{stripe}'
                   f'<text x="{PAD}" y="{y + ROW / 2 + FONT * 0.36:.1f}" fill="#1a1a1a">{text(label)}</text>'
                   f'<rect x="{x + 6}" y="{y + 4}" width="{PHASE_W - 12}" height="{ROW - 8}" rx="4" '
                   f'fill="{"#ffffff" if a_only else FILLS[i % 4]}" stroke="{STROKES[i % 4]}" '
                   f'stroke-width="1.5"{dash}/>'
                   f'<text x="{x + PHASE_W / 2}" y="{y + ROW / 2 + 4:.1f}" text-anchor="middle" font-size="12" '
                   f'fill="#1a1a1a">{text(_pattern_mark(task))}</text></g>')
    out.append("</svg>")
    return "".join(out)


def schedule_table(handbook, linker: Linker) -> str:
    """The chart's text alternative: every work item with its phase and patterns."""
    rows = "".join(
        f'<tr><td>{circled(t.number)}</td><th scope="row">{ref_html(handbook, linker, t.id, t.title)}</th>'
        f'<td>{text(handbook.get(t.phase).title)}</td><td>{text(pattern_text(t))}</td></tr>'
        for t in handbook.tasks_in())
    head = "".join(f'<th scope="col">{h}</th>' for h in ("番号", "作業項目", "フェーズ", "対象パターン"))
    return (f'<table class="dx-table"><caption>図の内容（作業項目の順序、フェーズ、対象パターン）</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")


def schedule_chart(handbook, linker: Linker) -> str:
    """Figure with caption, the SVG, and the table alternative in a disclosure."""
    return (f'<figure class="dx-schedule" id="dx-schedule" style="width:100%">{schedule_svg(handbook)}'
            f"<figcaption style='max-width:none;font-style:normal'>図　フェーズごとの作業項目の流れ（①〜⑰の順）。破線の枠はAパターンだけで行う作業。"
            f"{NOTE}</figcaption></figure>"
            f'<details class="dx-schedule__table"><summary>図の内容を表で見る</summary>'
            f"{schedule_table(handbook, linker)}</details>")
