"""Rules about cases that span fields or files (the schema checks each field): what a case's sources must
include, and that every work item ①–⑰ keeps at least one case (or says which source is still sought)."""
from __future__ import annotations

from .errors import Problem, quote
from .yaml_lines import Document, format_where

PRIMARY = ("団体", "省庁")          # the body's own site or document, a ministry's document
ATTRIBUTABLE = PRIMARY + ("報道",)  # … or an established news outlet


def _kinds(case: dict) -> set:
    sources = case.get("sources")
    return {s.get("kind") for s in sources if isinstance(s, dict)} if isinstance(sources, list) else set()


def source_problems(doc: Document) -> list[Problem]:
    """A case needs a 団体, 省庁 or 報道 source; a case marked 確認 needs a 団体 or 省庁 source."""
    case = doc.data
    if not isinstance(case, dict) or not isinstance(case.get("sources"), list):
        return []
    kinds, found = _kinds(case), []
    if not kinds & set(ATTRIBUTABLE):
        found.append(Problem(doc.path, doc.line_of(("sources",)), "sources",
                             "no source of kind 団体, 省庁 or 報道",
                             "団体自身の資料（団体）、国の資料（省庁）、報道機関の記事（報道）のどれかの出典が1件以上必要です。"
                             "転載やブログだけを出典にした事例は載せられません。"))
    if case.get("confidence") == "確認" and not kinds & set(PRIMARY):
        found.append(Problem(doc.path, doc.line_of(("confidence",)), "confidence",
                             "confidence is 確認 without a source of kind 団体 or 省庁",
                             "「確認」にできるのは、団体自身の資料か国の資料（kind: 団体 か 省庁）の本文を読んで確かめた事例だけです。"
                             "その出典を足すか、「二次」にしてください。"))
    return found


def coverage_problems(tasks_doc: Document | None, case_docs: list[Document]) -> list[Problem]:
    """Every work item in data/standardization/tasks.yml is named by at least one case's ``tasks``, or says with
    ``case_pending`` which source is still sought (a note left after its first case came is only a warning of
    ``make check``, so that an editor's pull request of one case file passes)."""
    if tasks_doc is None or not isinstance(tasks_doc.data, dict) or not isinstance(tasks_doc.data.get("tasks"), list):
        return []
    named = set()
    for doc in case_docs:
        if isinstance(doc.data, dict) and isinstance(doc.data.get("tasks"), list):
            named.update(t for t in doc.data["tasks"] if isinstance(t, str))
    found = []
    for i, task in enumerate(tasks_doc.data["tasks"]):
        if not isinstance(task, dict) or not isinstance(task.get("id"), str):
            continue
        task_id, label = task["id"], f"作業項目「{task.get('title', task['id'])}」（{task['id']}）"
        if task_id not in named and not task.get("case_pending"):
            keys = ("tasks", i, "id")
            found.append(Problem(tasks_doc.path, tasks_doc.line_of(keys), format_where(keys),
                                 f"no case names work item '{task_id}'",
                                 f"{label}の参考事例がありません。data/cases/ の事例の tasks に {task_id} を書いた事例が"
                                 "1件以上必要です（最後の1件を消したり、tasks から外したりしないでください）。"))
    return found


def duplicate_title_problems(case_docs: list[Document]) -> list[Problem]:
    """A case page's title is its title and municipality (render/cases.py): two cases with the same pair would be two
    pages with one title and two links with one name in the case index. Each later one names the first."""
    first: dict[str, Document] = {}
    found = []
    for doc in sorted(case_docs, key=lambda d: d.path):
        data = doc.data if isinstance(doc.data, dict) else {}
        if not (isinstance(data.get("title"), str) and isinstance(data.get("municipality"), str)):
            continue
        title = f"{data['title']}（{data['municipality']}）"
        key = " ".join(title.split())
        if key in first:
            found.append(Problem(doc.path, doc.line_of(("title",)), "title",
                                 f"duplicate case title {quote(title)} (also in {first[key].path}:"
                                 f"{first[key].line_of(('title',))})"))
        else:
            first[key] = doc
    return found
