"""The current-state layer: dated boxes from data/status.yml, staleness, overdue page reviews, and the built pages."""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
import sys
from datetime import date

import pytest

from tools.check import UNCONFIRMED_LIMIT, freshness_warnings, status_box_problems, unconfirmed_problems
from handbook.model import load_handbook
from handbook.model.dates import ja_month
from handbook.model.freshness import overdue_pages, stale_entries
from handbook.render import status
from handbook.render.links import Linker, page_url
from tests.conftest import ROOT, edited


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data", docs_dir=ROOT / "docs")


def first_entry(hb):
    return hb.status_entries[0]


def test_box_is_dated_and_worded_for_action(hb):
    entry = first_entry(hb)
    page = entry.pages[0]
    html = status.current_status(hb, Linker(page), date(2026, 12, 1))
    assert html.startswith('<aside class="dx-status" aria-label="いまの状況">')
    y, m, d = (int(x) for x in entry.as_of.split("-"))
    assert f"{y}年{m}月時点の状況" in html
    assert f'確認日：<time datetime="{entry.as_of}">{y}年{m}月{d}日</time>' in html
    assert "仕事への影響（いま確かめること）：" in html and f"<li>{entry.actions[0]}</li>" in html
    assert 'href="' in html and "いまの状況の一覧" in html and "古くなっているおそれ" not in html


def test_page_without_entries_gets_no_box(hb):
    assert status.current_status(hb, Linker("about/accessibility.md"), date(2026, 12, 1)) == ""


def test_stale_entry_says_it_may_be_out_of_date(hb):
    entry = first_entry(hb)
    limit = hb.status_settings.max_age_days
    as_of = date.fromisoformat(entry.as_of)
    on_limit = date.fromordinal(as_of.toordinal() + limit)
    after = date.fromordinal(as_of.toordinal() + limit + 1)
    assert entry not in stale_entries(hb, on_limit)
    assert entry in stale_entries(hb, after)
    html = status.current_status(hb, Linker(entry.pages[0]), after)
    assert f"この内容は確認から{limit + 1}日が過ぎており、古くなっているおそれがある。" in html


def test_hostile_title_and_summary_are_escaped(hb):
    entry = first_entry(hb)
    changed = edited(hb, {entry.id: {"title": '<script>alert("x")</script>', "summary": "<img src=x onerror=alert(1)>",
                                     "actions": ["<b>太字</b>"]}})
    html = status.current_status(changed, Linker(entry.pages[0]), date(2026, 12, 1))
    assert "<script>" not in html and "<img" not in html and "<b>" not in html
    assert "&#60;script&#62;" in html and "&#60;img src=x" in html and "&#60;b&#62;太字" in html
    md = status.status_overview(changed, Linker("about/status.md"), date(2026, 12, 1))
    assert "<script>" not in md and "&#60;script&#62;" in md


def test_overview_has_an_anchored_heading_per_entry(hb):
    md = status.status_overview(hb, Linker("about/status.md"), date(2026, 12, 1))
    for entry in hb.status_entries:
        assert f"{{#{entry.id}}}\n" in md
    assert md.count("この状況を示しているページ：") == len(hb.status_entries)


def test_overdue_pages_are_listed_as_of_the_given_day(hb):
    limit = hb.status_settings.page_review_days
    reviewed = {path: date.fromisoformat(str(page.meta.data["reviewed"])) for path, page in hb.pages.items()}
    newest = max(reviewed.values())
    oldest = min(reviewed.values())
    assert overdue_pages(hb, date.fromordinal(oldest.toordinal() + limit)) == []
    late = overdue_pages(hb, date.fromordinal(newest.toordinal() + limit + 1))
    assert sorted(path for path, _ in late) == sorted(reviewed)


def test_page_without_review_date_is_overdue(hb):
    changed = copy.deepcopy(hb)
    del changed.pages["index.md"].meta.data["reviewed"]
    assert ("index.md", None) in overdue_pages(changed, date(2026, 12, 1))


def test_check_warns_but_does_not_fail(hb):
    far = date(2030, 1, 1)
    lines = freshness_warnings(hb, far)
    assert any("data/status.yml:" in line and first_entry(hb).id in line for line in lines)
    assert any(line.startswith("警告: docs/index.md: 内容の") for line in lines)
    result = subprocess.run([sys.executable, "-m", "tools.check", "--today", "2030-01-01"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "as_of を更新すること" in result.stderr and "reviewed を更新すること" in result.stderr
    today = subprocess.run([sys.executable, "-m", "tools.check", "--today", "2026-12-01"], cwd=ROOT,
                           capture_output=True, text=True)
    assert today.returncode == 0 and "警告" not in today.stderr, today.stderr


def test_every_page_an_entry_names_shows_its_box(hb, site):
    for entry in hb.status_entries:
        for page in entry.pages:
            html = (site / page_url(page, True) / "index.html").read_text(encoding="utf-8")
            box = html[html.index('<aside class="dx-status"'):]
            assert f"{ja_month(entry.as_of)}時点の状況" in box, page
            assert entry.title in box, (entry.id, page)


def test_overview_page_lists_every_entry(hb, site):
    html = (site / "about/status/index.html").read_text(encoding="utf-8")
    for entry in hb.status_entries:
        assert f'id="{entry.id}"' in html


def test_check_fails_when_a_named_page_lacks_the_box(hb, tmp_path):
    assert status_box_problems(hb, ROOT / "docs") == []
    page = first_entry(hb).pages[0]
    docs = tmp_path / "docs"
    (docs / page).parent.mkdir(parents=True)
    (docs / page).write_text("# 見出し\n\n本文\n", encoding="utf-8")
    problems = status_box_problems(hb, docs)
    assert any(f"docs/{page} に {{{{ current_status() }}}} がない" in p for p in problems)
    assert any("がありません" in p for p in problems)  # the other named pages do not exist in tmp


def test_overview_names_pages_by_title_not_by_source_file(hb):
    """いまの状況 lists the pages an entry concerns as linked titles (with their part), never as `x/y.md`."""
    md = status.status_overview(hb, Linker("about/status.md"), date(2026, 12, 1))
    listed = re.findall(r'<p class="dx-status-pages">この状況を示しているページ：(.*?)</p>', md)
    assert len(listed) == len(hb.status_entries)
    for entry, where in zip(hb.status_entries, listed):
        labels = re.findall(r'<a href="[^"]+">([^<]+)</a>', where)
        assert len(labels) == len(entry.pages)
        assert not any(".md" in label for label in labels), labels
        assert labels[0].startswith(hb.page_title(entry.pages[0])), labels
    assert "第1章" in md and "（自治体情報システムの標準化・共通化に係る手順書）" in md


# ---------------------------------------------------------------- 原文で確認中: few, and each one listed

def _copy(tmp_path):
    for folder in ("docs", "data"):
        shutil.copytree(ROOT / folder, tmp_path / folder)
    return tmp_path


def test_every_page_saying_unconfirmed_is_listed_and_there_are_at_most_twenty(hb):
    assert unconfirmed_problems(hb, ROOT) == []
    said = sum(p.read_text(encoding="utf-8").count("原文で確認中")
               for folder, files in (("docs", "*.md"), ("data", "*.yml")) for p in (ROOT / folder).rglob(files))
    assert 0 < said <= UNCONFIRMED_LIMIT


def test_check_names_a_page_that_says_unconfirmed_but_is_not_listed(hb, tmp_path):
    root = _copy(tmp_path)
    page = root / "docs/online/necessity.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nこの点は原文で確認中である。\n", encoding="utf-8")
    found = unconfirmed_problems(hb, root)
    assert len(found) == 1 and found[0].startswith("docs/online/necessity.md: 「原文で確認中」が 1 か所") \
        and "docs/about/status.md" in found[0]


def test_check_fails_when_unconfirmed_is_said_more_than_twenty_times(hb, tmp_path):
    root = _copy(tmp_path)
    page = root / "docs/online/support.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n原文で確認中。\n" * UNCONFIRMED_LIMIT, encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tools.check", str(root / "data"), "--today", "2026-12-07"],
                            cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 1 and f"（上限 {UNCONFIRMED_LIMIT}）" in result.stderr
