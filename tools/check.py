"""``python -m tools.check``: validate data/ and the pages' front matter; print every problem with file and line.

It also warns (without failing) about status entries older than ``max_age_days`` and pages whose review is older
than ``page_review_days`` (both in data/status.yml). ``--today YYYY-MM-DD`` checks as of another day.
A status entry naming a page that does not exist or does not place ``{{ current_status() }}`` is an error.
"""
from __future__ import annotations

import argparse
import re
import sys
from datetime import date
from pathlib import Path

from handbook.data.errors import DataError
from handbook.data.files import links_in_tree
from handbook.model import load_handbook
from handbook.model.freshness import age_days, overdue_pages, stale_entries


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
    problems = status_box_problems(handbook, data_dir.parent / "docs")
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
