"""``python -m tools.check``: validate data/ and the pages' front matter; print every problem with file and line.

It also warns (without failing) about status entries older than ``max_age_days`` and pages whose review is older
than ``page_review_days`` (both in data/status.yml). ``--today YYYY-MM-DD`` checks as of another day.
A status entry naming a page that does not exist or does not place ``{{ current_status() }}`` is an error, and so
is 「原文で確認中」 more than ``UNCONFIRMED_LIMIT`` times or on a page the list on いまの状況 does not link to.
"""
from __future__ import annotations

import argparse
import posixpath
import re
import sys
from datetime import date
from pathlib import Path

from handbook.data.errors import DataError
from handbook.data.files import links_in_tree
from handbook.model import load_handbook
from handbook.model.freshness import age_days, overdue_cases, overdue_pages, stale_entries


def freshness_warnings(handbook, today: date) -> list[str]:
    """One line per stale status entry and per page past its review interval, as of ``today``."""
    settings = handbook.status_settings
    lines = []
    for entry in stale_entries(handbook, today):
        lines.append(f"警告: data/status.yml:{entry.origin.line}: 「{entry.title}」（{entry.id}）は {entry.as_of} の確認から"
                     f" {age_days(entry.as_of, today)} 日が過ぎている（上限 {settings.max_age_days} 日）。"
                     "出典を読み直して as_of を更新すること")
    for path, reviewed in overdue_pages(handbook, today):
        when = f"{reviewed} の確認から {age_days(reviewed, today)} 日が過ぎている" if reviewed else "確認日（reviewed）がない"
        lines.append(f"警告: docs/{path}: 内容の{when}（点検の間隔 {settings.page_review_days} 日）。"
                     "内容と出典を点検して reviewed を更新すること")
    for case in overdue_cases(handbook, today):
        lines.append(f"警告: {case.origin.path}:{case.origin.doc.line_of(('reviewed',))}: 事例「{case.title}」は {case.reviewed} の確認から"
                     f" {age_days(case.reviewed, today)} 日が過ぎている（点検の間隔 {settings.page_review_days} 日）。"
                     "出典を読み直して reviewed を更新すること")
    named = {t for case in handbook.cases for t in case.tasks}
    for task in handbook.tasks:
        if task.case_pending and task.id in named:
            lines.append(f"警告: {task.origin.path}:{task.origin.doc.line_of((*task.origin.keys, 'case_pending'))}: "
                         f"作業項目「{task.title}」（{task.id}）にはもう参考事例がある。case_pending の行を消すこと")
    return lines


STATUS_MACRO = re.compile(r"\{\{\s*current_status\(\s*\)\s*\}\}")


def status_box_problems(handbook, docs_dir: Path) -> list[str]:
    """Pages named by a status entry that are missing or never show the box."""
    found = []
    for entry in handbook.status_entries:
        for page in entry.pages:
            path = docs_dir / page
            if not path.is_file():
                found.append(f"data/status.yml:{entry.origin.line}: {entry.id}: pages: docs/{page} がありません")
            elif not STATUS_MACRO.search(path.read_text(encoding="utf-8")):
                found.append(f"data/status.yml:{entry.origin.line}: {entry.id}: pages: docs/{page} に "
                             "{{ current_status() }} がないため、囲みが表示されません（見出しの直後に置く）")
    return found


UNCONFIRMED = "原文で確認中"
UNCONFIRMED_LIMIT = 20
UNCONFIRMED_LIST = "{: #unconfirmed }"  # the heading of the list on the status page
PAGE_LINK = re.compile(r"\]\(([^)#\s]+\.md)(?:#[^)\s]*)?\)")


def unconfirmed_problems(handbook, root: Path) -> list[str]:
    """「原文で確認中」: at most ``UNCONFIRMED_LIMIT`` occurrences in docs/ and data/, and every page that says it
    (a data file: the page its ``page`` names) linked from the list of open items on the status page."""
    docs_dir, data_dir = root / "docs", root / "data"
    status_page = next((e.page for e in handbook.status_entries if e.page), "about/status.md")
    section = (docs_dir / status_page).read_text(encoding="utf-8").partition(UNCONFIRMED_LIST)[2]
    section = section.partition("\n## ")[0]
    base = posixpath.dirname(status_page)
    listed = {posixpath.normpath(posixpath.join(base, link)) for link in PAGE_LINK.findall(section)}
    said: dict[str, tuple[int, str | None]] = {}
    for path in sorted(docs_dir.rglob("*.md")):
        count = path.read_text(encoding="utf-8").count(UNCONFIRMED)
        if count:
            said[f"docs/{path.relative_to(docs_dir).as_posix()}"] = (count, path.relative_to(docs_dir).as_posix())
    for name, doc in sorted(handbook.docs.items()):
        count = (data_dir / name).read_text(encoding="utf-8").count(UNCONFIRMED)
        if count:
            said[f"data/{name}"] = (count, doc.data.get("page") if isinstance(doc.data, dict) else None)
    found = []
    total = sum(count for count, _ in said.values())
    if total > UNCONFIRMED_LIMIT:
        found.append(f"「{UNCONFIRMED}」が {total} か所ある（上限 {UNCONFIRMED_LIMIT}）。出典で確かめて書き直すか、"
                     "同じ事項の重複をまとめること: " + "、".join(f"{f}（{c}）" for f, (c, _) in said.items()))
    for file, (count, page) in said.items():
        if page != status_page and page not in listed:
            found.append(f"{file}: 「{UNCONFIRMED}」が {count} か所あるが、docs/{status_page} の確認中の事項の一覧に"
                         f"{'このページ（docs/' + page + '）' if page else 'このデータを表示するページ'}へのリンクがない。"
                         "一覧に行を足し、確かめる資料を書くこと")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m tools.check")
    parser.add_argument("data_dir", nargs="?", default="data")
    parser.add_argument("--today", type=date.fromisoformat, default=date.today(), help="この日の時点で鮮度を調べる")
    args = parser.parse_args(argv)
    data_dir = Path(args.data_dir)
    found = links_in_tree(data_dir.parent)   # symbolic links outside data/ and docs/ (those two: load_handbook)
    try:
        handbook = load_handbook(data_dir, docs_dir=data_dir.parent / "docs")
    except DataError as err:
        found += err.problems
    if found:
        for problem in found:
            print(problem, file=sys.stderr)
        print(f"データの検証で {len(found)} 件の問題が見つかりました。", file=sys.stderr)
        return 1
    problems = status_box_problems(handbook, data_dir.parent / "docs") + unconfirmed_problems(handbook, data_dir.parent)
    if problems:
        for line in problems:
            print(line, file=sys.stderr)
        print(f"データの検証で {len(problems)} 件の問題が見つかりました。", file=sys.stderr)
        return 1
    warnings = freshness_warnings(handbook, args.today)
    for line in warnings:
        print(line, file=sys.stderr)
    print(f"データの検証に成功しました（{len(handbook.docs)} ファイル、{len(handbook.entities)} 件）。"
          + (f"鮮度の警告が {len(warnings)} 件あります。" if warnings else ""))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
