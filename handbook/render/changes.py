"""Change notes: the ``changes`` of every page's front matter and of every case, and the site-wide list of them."""
from __future__ import annotations


from ..model.dates import ja_date
from ..model.case_paths import case_of_page
from .escape import attr, text
from .links import Linker


def all_changes(handbook) -> list[dict]:
    """Every change note as ``{"date", "note", "page"}`` (``page`` is a path under docs/), newest first; notes of
    one day keep page order."""
    notes = [{"date": str(c["date"]), "note": c["note"], "page": src}
             for src, page in sorted(handbook.pages.items()) for c in page.meta.data.get("changes") or []]
    notes += [{"date": c.date, "note": c.note, "page": handbook.home(case.id)}
              for case in handbook.cases for c in case.changes]
    return sorted(notes, key=lambda n: n["date"], reverse=True)


def page_title(handbook, src: str) -> str:
    """A page's name for the history list: its title, or for a case page the case."""
    case_id = case_of_page(src)
    if case_id:
        case = handbook.get(case_id)
        return f"{case.title}（{case.municipality}）"
    return handbook.page_title(src)


def change_history(handbook, linker: Linker) -> str:
    """The 更新履歴 table: date, page (linked) and note of every change note on the site, newest first."""
    notes = all_changes(handbook)
    if not notes:
        return '<p class="dx-note">ページごとの変更の記録は、まだない。</p>'
    rows = "".join(
        f'<tr><td><time datetime="{attr(n["date"])}">{text(ja_date(n["date"]))}</time></td>'
        f'<th scope="row"><a href="{attr(linker.href(n["page"]))}">{text(page_title(handbook, n["page"]))}</a></th>'
        f'<td>{text(n["note"])}</td></tr>' for n in notes)
    head = "".join(f'<th scope="col">{h}</th>' for h in ("日付", "ページ", "変更の内容"))
    return (f'<table class="dx-table dx-changes"><caption>ページごとの変更の記録（新しい順、{len(notes)}件）</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
