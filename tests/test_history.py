"""Page history: last-updated dates from git (with a fallback), review date and reviewer, edit and feedback links."""
from __future__ import annotations

import os
import re
import shutil
import subprocess
from datetime import date
from html import unescape
from urllib.parse import unquote

import pytest
import yaml

from handbook.model.history import page_dates, page_history, parse_git_log
from tests import identity
from tests.conftest import ROOT, mkdocs_build, project_copy

LOG = """\
@@commit c3 1767225600
docs/a.md

@@commit c2 1767139200
docs/a.md
data/cases/case-x.yml

@@commit c1 1700000000
docs/cases/case-x.md
docs/b.md
"""


def test_newest_commit_wins_and_shallow_boundary_is_ignored():
    assert parse_git_log(LOG) == {"docs/a.md": 1767225600, "data/cases/case-x.yml": 1767139200,
                                  "docs/cases/case-x.md": 1700000000, "docs/b.md": 1700000000}
    assert "docs/b.md" not in parse_git_log(LOG, boundary=frozenset({"c1"}))


def test_dates_are_japan_time_and_case_pages_follow_their_yaml():
    times = parse_git_log(LOG)
    dates = page_dates(["a.md", "cases/case-x.md"], times, fallback=lambda path: 0)
    assert dates["a.md"] == {"iso": "2026-01-01", "label": "2026年1月1日", "estimated": False}  # 00:00 JST
    assert dates["cases/case-x.md"]["iso"] == "2025-12-31"


def test_files_without_history_use_the_fallback_and_say_so():
    dates = page_dates(["new.md"], {}, fallback=lambda path: 1767225600)
    assert dates["new.md"] == {"iso": "2026-01-01", "label": "2026年1月1日", "estimated": True}


def git(cwd, *args, when=None):
    env = dict(os.environ, GIT_AUTHOR_NAME="t", GIT_AUTHOR_EMAIL="t@example.jp",
               GIT_COMMITTER_NAME="t", GIT_COMMITTER_EMAIL="t@example.jp")
    if when:
        env.update(GIT_AUTHOR_DATE=when, GIT_COMMITTER_DATE=when)
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path):
    """A git repository with two commits: old.md in 2025, new.md in 2026."""
    src = tmp_path / "src"
    (src / "docs").mkdir(parents=True)
    git(src, "init", "-q", "-b", "main")
    (src / "docs/old.md").write_text("# 古い\n", encoding="utf-8")
    git(src, "add", ".")
    git(src, "commit", "-q", "-m", "old", when="2025-04-01T10:00:00+09:00")
    (src / "docs/new.md").write_text("# 新しい\n", encoding="utf-8")
    git(src, "add", ".")
    git(src, "commit", "-q", "-m", "new", when="2026-02-03T10:00:00+09:00")
    return src


def test_page_history_reads_git(repo):
    history = page_history(repo, ["old.md", "new.md"])
    assert history["old.md"]["iso"] == "2025-04-01" and history["new.md"]["iso"] == "2026-02-03"
    assert not history["old.md"]["estimated"]


def test_shallow_clone_falls_back_to_source_date_epoch(repo, tmp_path, monkeypatch):
    clone = tmp_path / "clone"
    git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    history = page_history(clone, ["old.md", "new.md"])
    assert history["old.md"] == {"iso": "2026-01-01", "label": "2026年1月1日", "estimated": True}


def test_no_git_at_all_falls_back(repo, monkeypatch):
    shutil.rmtree(repo / ".git")
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")
    assert page_history(repo, ["old.md", "new.md"])["new.md"]["estimated"] is True


def front_matter(path):
    text = path.read_text(encoding="utf-8")
    found = re.match(r"---\n(.*?)\n---\n", text, re.S)
    return yaml.safe_load(found.group(1)) or {} if found else {}


AUTHORED = sorted((ROOT / "docs").rglob("*.md"))  # case pages are generated into build/docs/, from data/cases/


@pytest.mark.parametrize("page", AUTHORED, ids=lambda p: p.relative_to(ROOT).as_posix())
def test_every_authored_page_has_a_review_date(page):
    meta = front_matter(page)
    assert isinstance(meta.get("reviewed"), date), "前付けに reviewed: YYYY-MM-DD（内容の確認日）を書く"
    if "reviewer" in meta:
        assert isinstance(meta["reviewer"], str) and meta["reviewer"].strip(), "reviewer は確認した人または担当（文字列）"


@pytest.fixture(scope="module")
def reviewed_site(tmp_path_factory):
    """A copy of the project where one page was reviewed on 2026-03-31 by a reviewer named with markup, built."""
    project = project_copy(tmp_path_factory.mktemp("reviewed") / "project")
    page = project / "docs/overall/step1.md"
    text = re.sub(r"\Areviewed: .*\n(reviewer: .*\n)?", "", page.read_text(encoding="utf-8").removeprefix("---\n"))
    page.write_text("---\nreviewed: 2026-03-31\nreviewer: <b>情報政策課</b>\n" + text, encoding="utf-8")
    result = mkdocs_build("mkdocs.yml", project / "out", project)
    assert result.returncode == 0, (result.stdout + result.stderr)[-3000:]
    return project / "out"


def meta_block(html: str) -> str:
    start = html.index('<aside class="dx-page-meta"')
    return html[start:html.index("</aside>", start)]


def dates_under_title(html: str) -> str:
    """The dates paragraph, which must come right after the page's h1."""
    head = re.search(r"</h1>\s*(<p class=\"dx-page-dates\">.*?</p>)", html, re.S)
    assert head, "no dates right under the title"
    return head.group(1)


def test_every_page_shows_last_updated_under_its_title_and_a_feedback_mail(site):
    for page in sorted(site.rglob("index.html")):
        if page.parent.name in {"search", "assets"} or "404" in page.parts:
            continue
        html = page.read_text(encoding="utf-8")
        dates = dates_under_title(html)
        assert re.search(r'最終更新: <time datetime="\d{4}-\d{2}-\d{2}">\d{4}年\d{1,2}月\d{1,2}日</time>', dates), page
        assert f'href="mailto:{identity.FEEDBACK_EMAIL}?subject=' in meta_block(html), page


def test_review_date_reviewer_and_edit_link_online(reviewed_site):
    html = (reviewed_site / "overall/step1/index.html").read_text(encoding="utf-8")
    assert '内容の確認日: <time datetime="2026-03-31">2026年3月31日</time>（確認: &lt;b&gt;情報政策課&lt;/b&gt;）' \
        in dates_under_title(html)
    block = meta_block(html)
    assert f'href="{identity.REPOSITORY}/edit/main/docs/overall/step1.md"' in block
    mail = unquote(unescape(re.search(r'href="(mailto:[^"]+)"', block).group(1)))
    assert "subject=【自治体DX推進手順書】3. 全体方針の決定" in mail
    assert f"場所: {identity.SITE_URL}overall/step1/" in mail


def test_a_case_page_is_edited_in_its_yaml(site):
    case_id = sorted(ROOT.glob("data/cases/case-*.yml"))[0].stem
    block = meta_block((site / "cases" / case_id / "index.html").read_text(encoding="utf-8"))
    assert f'href="{identity.REPOSITORY}/edit/main/data/cases/{case_id}.yml"' in block


def test_offline_pages_have_mail_feedback_but_no_github_link(offline_site):
    html = (offline_site / "overall/step1.html").read_text(encoding="utf-8")
    block = meta_block(html)
    assert identity.REPOSITORY not in block and "このページの修正を提案" not in block
    mail = unquote(unescape(re.search(r'href="(mailto:[^"]+)"', block).group(1)))
    assert "場所: オフライン版 overall/step1.html" in mail
