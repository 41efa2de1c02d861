"""`make new-case` writes a case that validates and builds, and refuses bad or used ids in Japanese."""
from __future__ import annotations

import shutil
import subprocess
import sys
from datetime import date

import pytest
import yaml

from handbook.model import load_handbook
from handbook.model.entities import Case
from tests.conftest import BUILD_ENV, NEW_CASE, ROOT, project_copy
from tools import builds
from tools.new_case import PLACEHOLDER, create_case


@pytest.fixture
def project(tmp_path):
    """A scratch project with data/ copied (enough to create and validate a case)."""
    shutil.copytree(ROOT / "data", tmp_path / "data")
    return tmp_path


def run_new_case(project, *args) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.new_case", *args, "--root", str(project)],
                          cwd=ROOT, capture_output=True, text=True)


def test_skeleton_is_valid_and_the_only_file_to_write(project):
    result = run_new_case(project, "case-test-madoguchi")
    assert result.returncode == 0, result.stderr
    assert "作成しました: data/cases/case-test-madoguchi.yml" in result.stdout
    handbook = load_handbook(project / "data")
    case = handbook.get("case-test-madoguchi")
    assert isinstance(case, Case) and case.confidence == "確認"
    assert result.stdout.count("作成しました") == 1 and not (project / "docs").exists()


def test_skeleton_explains_every_field_in_japanese(project):
    create_case(project, "case-test-comments", today=date(2026, 4, 1))
    text = (project / "data/cases/case-test-comments.yml").read_text(encoding="utf-8")
    data = yaml.safe_load(text)
    for line in text.splitlines():
        key = line.split(":")[0]
        if key in data and not isinstance(data[key], (list, dict)):
            assert "#" in line or key in {"title", "summary"}, f"no comment for {key}"
    assert "指定都市、中核市" in text and "団体、省庁、報道、転載、その他" in text  # choices come from the schema
    assert data["sources"][0]["checked"] == "2026-04-01"


@pytest.mark.parametrize("bad_id, message", [
    ("", "事例の ID を指定してください"),
    ("Case-Nagoya", "「case-」で始め、半角の小文字英字・数字・ハイフンだけ"),
    ("case-名古屋", "は使えません"),
    ("case-bad/../../x", "は使えません"),
])
def test_bad_ids_are_refused_in_japanese(project, bad_id, message):
    before = sorted(p.name for p in (project / "data/cases").iterdir())
    result = run_new_case(project, bad_id)
    assert result.returncode == 1 and message in result.stderr
    assert sorted(p.name for p in (project / "data/cases").iterdir()) == before


def test_used_id_is_refused_and_nothing_is_overwritten(project):
    existing = next((project / "data/cases").glob("case-*.yml"))
    original = existing.read_text(encoding="utf-8")
    result = run_new_case(project, existing.stem)
    assert result.returncode == 1
    assert f"ID「{existing.stem}」はすでに使われています（data/cases/{existing.name}）" in result.stderr
    assert existing.read_text(encoding="utf-8") == original


def test_new_case_builds_and_is_listed_in_the_case_index(new_case_site):
    _, site = new_case_site
    page = (site / f"cases/{NEW_CASE}/index.html").read_text(encoding="utf-8")
    assert "事例の見出し（何をしたかを短く）" in page
    assert f'href="{NEW_CASE}/"' in (site / "cases/index.html").read_text(encoding="utf-8")


def test_a_removed_case_leaves_no_page(tmp_path):
    """The editor removes the case again: the generate stage removes its staged page, so no build shows it."""
    copy = project_copy(tmp_path / "project")
    assert run_new_case(copy, NEW_CASE).returncode == 0
    assert builds.generate(copy, BUILD_ENV).returncode == 0 and (copy / f"build/docs/cases/{NEW_CASE}.md").exists()
    (copy / f"data/cases/{NEW_CASE}.yml").unlink()
    result = builds.generate(copy, BUILD_ENV)
    assert result.returncode == 0, result.stderr[-3000:]
    assert not (copy / f"build/docs/cases/{NEW_CASE}.md").exists()


def test_no_unfilled_skeleton_is_left_in_the_data():
    unfilled = [p.relative_to(ROOT).as_posix() for p in sorted((ROOT / "data").rglob("*.yml"))
                if PLACEHOLDER in p.read_text(encoding="utf-8")]
    assert not unfilled, f"「{PLACEHOLDER}」が残っています。書き換えてください: {unfilled}"
