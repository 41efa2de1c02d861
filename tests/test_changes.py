"""Per-page change notes: front matter (or a case's YAML) -> the page's latest note and all its notes, and the
更新履歴 page listing every note of the site newest first; online and offline."""
from __future__ import annotations

import re
from datetime import date, timedelta

import pytest

from handbook.data.errors import DataError
from handbook.data.pages import Page
from handbook.data.yaml_lines import Document
from handbook.model import load_handbook
from handbook.model.dates import ja_date
from handbook.render import changes
from handbook.render.links import Linker
from tests.conftest import ROOT, edited, mkdocs_build, project_copy


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data", docs_dir=ROOT / "docs")


def with_notes(hb):
    case = hb.cases[0]
    changed = edited(hb, {case.id: {"changes": [{"date": "2026-11-20", "note": "事例の出典を差し替えた"}]}})
    changed.pages["overall/step1.md"] = Page(Document("docs/overall/step1.md", {"changes": [
        {"date": "2026-11-02", "note": "古い変更"}, {"date": "2026-12-03", "note": "<b>新しい</b>変更"}]}),
        "3. 全体方針の決定（ステップ1）")
    return changed, case


def test_history_lists_every_note_newest_first_with_links_and_escaped(hb):
    changed, case = with_notes(hb)
    notes = changes.all_changes(changed)
    assert [n["date"] for n in notes] == sorted((n["date"] for n in notes), reverse=True)
    ours = [(n["page"], n["note"]) for n in notes if n["page"] in ("overall/step1.md", f"cases/{case.id}.md")]
    assert ours == [("overall/step1.md", "<b>新しい</b>変更"), (f"cases/{case.id}.md", "事例の出典を差し替えた"),
                    ("overall/step1.md", "古い変更")]
    html = changes.change_history(changed, Linker("about/history.md"))
    assert '<a href="../../overall/step1/">3. 全体方針の決定（ステップ1）</a>' in html and "&#60;b&#62;新しい" in html and "<b>" not in html
    assert f"{case.title}（{case.municipality}）" in html and '<time datetime="2026-12-03">2026年12月3日</time>' in html


def test_the_real_notes_are_listed(hb):
    pages = {(n["page"], n["date"]) for n in changes.all_changes(hb)}
    assert {("standardization/ch2/index.md", "2026-12-01"), ("downloads.md", "2026-12-01")} <= pages


def test_case_notes_are_schema_checked(data_copy):
    """A case's notes are data (their page shows them: test_built_pages_show_…); a bad date names file and line."""
    path = data_copy / "cases/case-bandai-cdo.yml"
    path.write_text(path.read_text(encoding="utf-8") + 'changes:\n  - {date: 2026-12-01, note: "出典を追加した"}\n',
                    encoding="utf-8")
    assert load_handbook(data_copy).get("case-bandai-cdo").changes[0].note == "出典を追加した"
    path.write_text(path.read_text(encoding="utf-8").replace("2026-12-01", "2026-13-01"), encoding="utf-8")
    with pytest.raises(DataError, match=r"case-bandai-cdo.yml:\d+"):
        load_handbook(data_copy)


def newest_note(hb) -> date:
    return max(date.fromisoformat(str(n["date"])) for n in changes.all_changes(hb))


def test_built_pages_show_the_latest_note_all_notes_and_the_history(tmp_path, hb):
    newest = (newest_note(hb) + timedelta(days=1)).isoformat()  # newer than every note the site has
    project = project_copy(tmp_path / "project")
    page = project / "docs/overall/step1.md"
    text = page.read_text(encoding="utf-8")
    assert text.startswith("---\n") and "changes:" not in text.split("---\n")[1]
    page.write_text(f"---\nchanges:\n  - date: {newest}\n    note: 新しい変更\n  - date: '2026-11-02'\n"
                    "    note: 古い<i>変更</i>\n" + text[4:], encoding="utf-8")
    case = project / "data/cases/case-bandai-cdo.yml"
    case.write_text(case.read_text(encoding="utf-8") + "changes:\n  - {date: 2026-11-30, note: 事例の出典を追加した}\n",
                    encoding="utf-8")
    result = mkdocs_build("mkdocs.yml", tmp_path / "site", project)
    assert result.returncode == 0, result.stderr[-2000:]
    html = (tmp_path / "site/overall/step1/index.html").read_text(encoding="utf-8")
    assert re.search(rf'最新の変更（<time datetime="{newest}">{ja_date(newest)}</time>）：新しい変更', html)
    listed = html[html.index("<details class=\"dx-page-changes__all\">"):]
    assert "（2件）" in listed and "古い&lt;i&gt;変更&lt;/i&gt;" in listed and "<i>変更" not in html
    history = (tmp_path / "site/about/history/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr><td><time datetime="([\d-]+)"', history)
    assert rows == sorted(rows, reverse=True) and rows[0] == newest and {"2026-11-30", "2026-11-02"} <= set(rows)
    case_html = (tmp_path / "site/cases/case-bandai-cdo/index.html").read_text(encoding="utf-8")
    assert '最新の変更（<time datetime="2026-11-30">2026年11月30日</time>）：事例の出典を追加した' in case_html


@pytest.mark.parametrize("build", ["site", "offline_site"])
def test_both_builds_show_the_note_and_the_history(build, request, hb):
    out = request.getfixturevalue(build)
    html = (out / "standardization/ch2/index.html").read_text(encoding="utf-8")
    latest = max(str(c["date"]) for c in hb.pages["standardization/ch2/index.md"].meta.data["changes"])
    assert f'最新の変更（<time datetime="{latest}">{ja_date(latest)}</time>）' in html
    history = (out / ("about/history.html" if build == "offline_site" else "about/history/index.html")).read_text(encoding="utf-8")
    assert "ページごとの変更の記録" in history and "作業項目①〜⑰の流れ" in history
