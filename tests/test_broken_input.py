"""Hostile or broken input from a pull request always ends in a message naming file and line, never a traceback,
and nothing outside the repository is read or published."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys

import pytest

from handbook.data.errors import DataError
from handbook.model import load_handbook
from tests.conftest import ROOT, mkdocs_build, project_copy
from tests.test_validation import edit, line_of, problems

SECRET = "TOP-SECRET-CONTENT-OUTSIDE-THE-REPOSITORY"


def check(data_dir) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "tools.check", str(data_dir)], capture_output=True, text=True)


# 3. Nothing outside the repository is read or published

def test_symlinked_data_file_is_refused_and_its_target_never_printed(data_copy, tmp_path):
    outside = tmp_path / "outside.yml"
    outside.write_text(f"id: [{SECRET}\n", encoding="utf-8")  # a syntax error would quote it
    (data_copy / "cases/case-link.yml").symlink_to(outside)
    (data_copy / "sources/linked").symlink_to(tmp_path, target_is_directory=True)
    result = check(data_copy)
    assert result.returncode == 1
    assert SECRET not in result.stdout + result.stderr
    assert ("data/cases/case-link.yml:1: シンボリックリンクは使えません（リンク先は読みません）。"
            "実際のファイルを置いてください。（symbolic link is not allowed）") in result.stderr
    assert "data/sources/linked:1: シンボリックリンクは使えません" in result.stderr


def test_special_file_under_data_is_refused(data_copy):
    os.mkfifo(data_copy / "cases/case-fifo.yml")  # reading it would hang the build
    assert any(p.startswith("data/cases/case-fifo.yml:1: 通常のファイルではありません。") for p in problems(data_copy))


def test_symlink_under_docs_stops_the_build_before_anything_is_published(tmp_path):
    project = project_copy(tmp_path / "project")
    outside = tmp_path / "secret.txt"
    outside.write_text(SECRET, encoding="utf-8")
    (project / "docs/about/secret.txt").symlink_to(outside)
    result = mkdocs_build("mkdocs.yml", tmp_path / "site", project)
    assert result.returncode != 0
    assert "docs/about/secret.txt:1: シンボリックリンクは使えません" in result.stderr
    assert SECRET not in result.stdout + result.stderr
    assert not (tmp_path / "site/about/secret.txt").exists()
    found = subprocess.run([sys.executable, "-m", "tools.check", str(project / "data")], capture_output=True, text=True)
    assert "docs/about/secret.txt:1: シンボリックリンクは使えません" in found.stderr


def test_quoted_values_in_messages_are_cut(data_copy):
    edit(data_copy / "standardization/systems.yml", "initial17: false", f"initial17: {'長' * 5000}")
    found = [p for p in problems(data_copy) if "initial17" in p]
    assert found and all(len(p) < 400 for p in found)
    assert "'" + "長" * 77 + "…'" in found[0]


# 5. Every data mistake is a message, never a traceback

def test_file_not_in_utf8_names_the_line_and_the_other_files_are_still_checked(data_copy):
    glossary = data_copy / "glossary.yml"
    text = glossary.read_text(encoding="utf-8")
    line = line_of(glossary, "term: RFI")
    head = "".join(text.splitlines(keepends=True)[:line - 1])
    glossary.write_bytes(head.encode("utf-8") + "    term: 受付\n".encode("shift_jis"))  # 受 is 0x8e 0xf3
    edit(data_copy / "standardization/systems.yml", "initial17: false", "initial17: maybe")
    found = problems(data_copy)
    assert (f"data/glossary.yml:{line}: 文字コードが UTF-8 ではありません（Shift_JIS などで保存されています）。"
            f"UTF-8 で保存し直してください。（not UTF-8: byte 0x8e on line {line}）") in found
    assert any("'maybe' is not of type 'boolean'" in p for p in found)


def test_stray_byte_in_a_page_names_the_page_and_line(tmp_path):
    project = project_copy(tmp_path / "project")
    page = project / "docs/about/index.md"
    page.write_bytes(b"---\nreviewed: 2026-11-01\n---\n# t\n\n\xff\n")
    result = check(project / "data")
    assert "docs/about/index.md:6: 文字コードが UTF-8 ではありません" in result.stderr


@pytest.mark.parametrize("bomb, line", [
    # a billion laughs: nine levels of ten aliases (expanded, 10^9 strings)
    ("a0: &a0 [lol]\n" + "".join(f"a{i}: &a{i} [{', '.join([f'*a{i - 1}'] * 10)}]\n" for i in range(1, 10)), 2),
    ("id: &r [*r]\n", 1),  # recursive
])
def test_yaml_aliases_are_refused_at_once(data_copy, bomb, line):
    (data_copy / "glossary.yml").write_text(bomb, encoding="utf-8")
    assert (f"data/glossary.yml:{line}: YAML の別名（&名前 と *名前）は使えません。値をそのまま書いてください。"
            "（YAML aliases (&name, *name) are not allowed）") in problems(data_copy)


def test_non_scalar_mapping_key_is_a_message(data_copy):
    edit(data_copy / "glossary.yml", "page: ", "? [a, b]\n: x\npage: ")
    assert any(re.match(r"data/glossary.yml:\d+: 項目名には文字列を書いてください。", p) for p in problems(data_copy))


@pytest.mark.parametrize("date", ["2026-02-30", "2024-13-45"])
def test_unquoted_impossible_date_gets_the_date_message(data_copy, date):
    sources = data_copy / "sources/common.yml"
    text = sources.read_text(encoding="utf-8")
    old = re.search(r'checked: "\d{4}-\d{2}-\d{2}"', text).group(0)
    edit(sources, old, f"checked: {date}")
    line = line_of(sources, f"checked: {date}")
    assert any(p.startswith(f"data/sources/common.yml:{line}: sources[")
               and f"実在する日付を YYYY-MM-DD（半角数字）で書いてください。（'{date}' is not a 'date'）" in p
               for p in problems(data_copy))


def test_system_name_that_breaks_the_excel_list(data_copy):
    systems = data_copy / "standardization/systems.yml"
    edit(systems, "name: 戸籍の附票,", 'name: "戸籍の附票,戸籍",')
    line = line_of(systems, "戸籍の附票,戸籍")
    found = problems(data_copy)
    assert any(p.startswith(f"data/standardization/systems.yml:{line}: systems[19].name: 業務名に半角の「,」") for p in found)
    edit(systems, 'name: "戸籍の附票,戸籍",', f"name: {'戸籍の附票' * 30},")
    assert any(re.match(r"data/standardization/systems.yml:\d+: systems: 業務名をつなげた一覧（「その他」を含む）が \d+ 字になり、"
                        r"Excel の入力規則の一覧の上限 255 字を超えます。", p) for p in problems(data_copy))


# 6. Values are what they claim

@pytest.mark.parametrize("old, new, message", [
    ("id: std-01", "id: std-０１", "does not match '^std-[0-9]{2}$'"),
    ("title: 推進体制の立ち上げ", "title: '　 '", "空白だけにはできません。"),
    ("title: 推進体制の立ち上げ", f"title: {'長' * 201}", "長すぎます。"),
])
def test_tasks_values_are_what_they_claim(data_copy, old, new, message):
    tasks = data_copy / "standardization/tasks.yml"
    edit(tasks, old, new)
    line = line_of(tasks, new[:20])
    assert any(p.startswith(f"data/standardization/tasks.yml:{line}: tasks[0].") and message in p
               for p in problems(data_copy))


@pytest.mark.parametrize("url", ["https://", "https:///path", "http:// host"])
def test_a_url_has_a_host(data_copy, url):
    sources = data_copy / "sources/common.yml"
    old = re.search(r'url: "[^"]*"', sources.read_text(encoding="utf-8")).group(0)
    edit(sources, old, f"url: '{url}'")
    assert any("url: 書式が決まりに合いません" in p for p in problems(data_copy))


@pytest.mark.parametrize("name", ["cases/case-extra.yaml", "cases/case-extra.YML", "cases/old/case-x.yml",
                                  "notes.txt", "overall/steps.yml~"])
def test_a_data_file_no_collection_reads_is_reported(data_copy, name):
    (data_copy / name).parent.mkdir(parents=True, exist_ok=True)
    (data_copy / name).write_text("id: x\n", encoding="utf-8")
    assert any(p.startswith(f"data/{name}:1: このファイルはどのデータとしても読み込まれません。") for p in problems(data_copy))


def test_invalid_front_matter_is_reported_by_make_check(tmp_path):
    project = project_copy(tmp_path / "project")
    page = project / "docs/about/index.md"
    page.write_text("---\nreviewed: 2026-02-30\nreviewer: '  '\n---\n" + page.read_text(encoding="utf-8"),
                    encoding="utf-8")
    result = check(project / "data")
    assert result.returncode == 1
    assert "docs/about/index.md:2: reviewed: 実在する日付を YYYY-MM-DD（半角数字）で書いてください。" in result.stderr
    assert "docs/about/index.md:3: reviewer: 空白だけにはできません。" in result.stderr


def schema_strings(node, key=None):
    """(field name, schema) of every string in a schema."""
    if isinstance(node, dict):
        if node.get("type") == "string":
            yield key, node
        for k, v in node.items():
            if k == "properties":
                for name, sub in v.items():
                    yield from schema_strings(sub, name)
            elif k not in ("enum", "required"):
                yield from schema_strings(v, key)
    elif isinstance(node, list):
        for v in node:
            yield from schema_strings(v, key)


def test_every_schema_string_is_bounded_dated_and_ascii():
    for path in sorted((ROOT / "data/schemas").glob("*.schema.json")):
        for key, schema in schema_strings(json.loads(path.read_text(encoding="utf-8"))):
            where = f"{path.name}: {key}"
            assert "maxLength" in schema or schema.get("format") == "date", where  # a date has a fixed length
            assert "\\d" not in schema.get("pattern", ""), where  # \d accepts full-width digits
            if key in ("date", "checked", "reviewed") or "{4}-" in schema.get("pattern", ""):
                assert schema.get("format") == "date" and schema["pattern"] == "^[0-9]{4}-[0-9]{2}-[0-9]{2}$", where
            if key == "url":
                assert schema["pattern"].startswith("^https?://[^/"), where
            if "pattern" not in schema and "x-ref" not in schema:
                assert schema.get("minLength", 0) >= 1, where


def test_macro_called_with_wrong_arguments_names_macro_page_and_line(tmp_path):
    project = project_copy(tmp_path / "project")
    page = project / "docs/overall/step1.md"
    text = page.read_text(encoding="utf-8")
    assert "{{ ref('step-2') }}" in text
    page.write_text("---\nreviewer: 編集部\n---\n" + text.replace("{{ ref('step-2') }}", "{{ ref('step-2', 'a', 'b') }}", 1),
                    encoding="utf-8")
    line = line_of(page, "ref('step-2', 'a', 'b')")
    result = mkdocs_build("mkdocs.yml", tmp_path / "site", project)
    assert result.returncode != 0
    assert (f"docs/overall/step1.md:{line}: マクロ ref の呼び出しに誤りがあります。引数の数、名前、値を確かめてください"
            "（TypeError:") in result.stderr
    page.write_text(text.replace("{{ ref('step-2') }}", "{{ ref('step-99') }}", 1), encoding="utf-8")
    line = line_of(page, "ref('step-99')")
    result = mkdocs_build("mkdocs.yml", tmp_path / "site", project)
    assert f"docs/overall/step1.md:{line}: マクロ ref の呼び出しに誤りがあります。" in result.stderr
    assert "unknown id 'step-99'" in result.stderr


def test_no_problem_raises_for_the_real_data():
    try:
        load_handbook(ROOT / "data", docs_dir=ROOT / "docs")
    except DataError as err:
        pytest.fail(str(err))


# Round 3 (issue 20): control characters, depth and key types, page paths, CRLF pages, duplicate case titles

def _text_fields(value, keys=()):
    """(keys, text) of every string value in a document."""
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _text_fields(v, (*keys, k))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _text_fields(v, (*keys, i))
    elif isinstance(value, str):
        yield keys, value


def test_a_control_character_in_any_text_field_is_refused_with_file_line_and_field(data_copy):
    import yaml
    from handbook.data.yaml_lines import format_where
    expected = []
    for path in sorted(data_copy.rglob("*.yml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        fields = list(_text_fields(data))
        for n, (keys, text) in enumerate(fields):
            target = data
            for k in keys[:-1]:
                target = target[k]
            target[keys[-1]] = text + ("\x07" if n % 2 else "\x1b")   # written escaped: "\a", "\e"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False, width=10_000), encoding="utf-8")
        rel = path.relative_to(data_copy.parent).as_posix()
        expected += [(rel, format_where(keys), "U+0007" if n % 2 else "U+001B") for n, (keys, _) in enumerate(fields)]
    found = problems(data_copy)
    control = [p for p in found if "制御文字" in p]
    missing = [e for e in expected
               if not any(p.startswith(f"{e[0]}:") and f" {e[1]}: 制御文字（{e[2]}）は使えません。" in p for p in control)]
    assert len(expected) > 1000 and missing == []
    assert all(re.match(r"data/[\w/.-]+\.yml:\d+: ", p) for p in control)


def test_a_raw_control_character_names_its_line_and_field(data_copy):
    glossary = data_copy / "glossary.yml"
    line = line_of(glossary, "term: RFI")
    edit(glossary, "term: RFI", "term: RF\x0bI")
    assert any(p.startswith(f"data/glossary.yml:{line}: terms[") and ".term: 制御文字（U+000B）は使えません。" in p
               for p in problems(data_copy))


@pytest.mark.parametrize("depth", [40, 700, 200_000])
def test_deep_nesting_is_refused_with_its_line(data_copy, depth):
    (data_copy / "glossary.yml").write_text("terms:\n  - x: " + "[" * depth + "]" * depth + "\n", encoding="utf-8")
    assert ("data/glossary.yml:2: 入れ子が深すぎます（32 段まで）。字下げと括弧を確かめてください。"
            "（nested deeper than 32 levels）") in problems(data_copy)


def test_deep_block_nesting_is_refused_too(data_copy):
    (data_copy / "glossary.yml").write_text("terms:\n" + "".join(f"{'  ' * i}- \n" for i in range(1, 700)),
                                            encoding="utf-8")
    assert any(p.startswith("data/glossary.yml:") and "入れ子が深すぎます" in p for p in problems(data_copy))


@pytest.mark.parametrize("key, shown", [("1", "1"), ("true", "True"), ("null", "None"), ("3.5", "3.5")])
def test_a_key_that_is_not_text_is_refused_with_its_line(data_copy, key, shown):
    glossary = data_copy / "glossary.yml"
    edit(glossary, "term: RFI", f"term: RFI\n    {key}: x")
    line = line_of(glossary, f"{key}: x")
    assert any(p.startswith(f"data/glossary.yml:{line}: terms[") and f"項目名 {shown} は文字列ではありません。" in p
               for p in problems(data_copy))


@pytest.mark.parametrize("page", ["/etc/passwd.md", "//host/share/x.md", "../README.md", "overall/../../x.md",
                                  "overall//step1.md"])
def test_status_pages_are_relative_paths_inside_docs(data_copy, page):
    status = data_copy / "status.yml"
    text = status.read_text(encoding="utf-8")
    old = re.search(r"pages: \[([^,\]]+)", text).group(1)
    edit(status, f"pages: [{old}", f"pages: ['{page}'")
    line = line_of(status, page)
    assert any(p.startswith(f"data/status.yml:{line}: entries[0].pages[0]: ページは docs/ からの相対パスで書いてください")
               for p in problems(data_copy))


def test_crlf_and_bom_pages_work_in_check_and_build(tmp_path):
    project = project_copy(tmp_path / "project")
    pages = sorted((project / "docs").rglob("*.md"))
    for n, page in enumerate(pages):
        text = page.read_text(encoding="utf-8").replace("\n", "\r\n")
        page.write_bytes(("\ufeff" if n % 2 else "").encode("utf-8") + text.encode("utf-8"))
    result = check(project / "data")
    assert result.returncode == 0, result.stderr[-2000:]
    from handbook.outputs.generate import staged_files
    from handbook.model import load
    from mkdocs.utils.meta import get_data
    staged = staged_files(load(project), project)
    for page in pages:
        src = page.relative_to(project / "docs").as_posix()
        body, meta = get_data(staged[src].decode("utf-8"))
        assert meta["dx"]["source"] == f"docs/{src}" and not body.startswith(("---", "\ufeff")) and "\r" not in body
    front = get_data(staged["downloads.md"].decode("utf-8"))[1]
    assert front["dx"]["changes"] and "reviewed" in front


def test_duplicate_case_titles_name_both_files(data_copy):
    import yaml
    first, case = sorted((data_copy / "cases").glob("case-*.yml"))[:2]
    one = yaml.safe_load(first.read_text(encoding="utf-8"))
    other = yaml.safe_load(case.read_text(encoding="utf-8"))
    edit(case, f"title: {other['title']}", f"title: {one['title']}")
    edit(case, f"municipality: {other['municipality']}", f"municipality: {one['municipality']}")
    line = line_of(case, "title:")
    assert (f"data/cases/{case.name}:{line}: title: 事例の題名「{one['title']}（{one['municipality']}）」は "
            f"data/cases/{first.name}:{line_of(first, 'title:')} でも使われています。") in "\n".join(problems(data_copy))


def test_nothing_outside_the_project_or_in_git_reaches_the_site_or_the_log(tmp_path):
    """A page including .git/config (where CI's checkout may keep a token) or a file through a symbolic link
    anywhere in the tree stops the check and the build, naming the page or the link; neither value is printed."""
    project = project_copy(tmp_path / "project")
    (tmp_path / "canary.txt").write_text(SECRET, encoding="utf-8")
    (project / ".git").mkdir()
    (project / ".git/config").write_text(f"[http]\n\textraheader = AUTHORIZATION: basic {SECRET}-TOKEN\n",
                                         encoding="utf-8")
    (project / "overrides/assets/canary.txt").symlink_to(tmp_path / "canary.txt")
    (project / "tools/canary").symlink_to(tmp_path, target_is_directory=True)
    page = project / "docs/about/index.md"
    page.write_text(page.read_text(encoding="utf-8") + '\n--8<-- ".git/config"\n\n-8<-\n../../.git/config\n-8<-\n',
                    encoding="utf-8")
    line = line_of(page, '--8<-- ".git/config"')
    result = check(project / "data")
    built = mkdocs_build("mkdocs.yml", tmp_path / "site", project)
    for output in (result.stderr, built.stderr):
        assert f"docs/about/index.md:{line}: ほかのファイルを取り込む記法（--8<--）は使えません。" in output
        assert f"docs/about/index.md:{line + 2}: ほかのファイルを取り込む記法" in output
        assert "overrides/assets/canary.txt:1: シンボリックリンクは使えません" in output
        assert "tools/canary:1: シンボリックリンクは使えません" in output
    assert result.returncode == built.returncode == 1
    assert SECRET not in result.stdout + result.stderr + built.stdout + built.stderr
    assert not (tmp_path / "site").exists()


def test_a_text_that_would_include_a_file_in_its_page_is_refused(data_copy):
    case = sorted((data_copy / "cases").glob("case-*.yml"))[0]
    text = case.read_text(encoding="utf-8")
    case.write_text(re.sub(r"^summary: .*$", lambda _: "summary: |\n  概要\n  --8<-- '.git/config'", text, count=1,
                           flags=re.M), encoding="utf-8")
    line = line_of(case, "summary: ")
    assert any(p.startswith(f"data/cases/{case.name}:{line}: summary: ほかのファイルを取り込む記法（--8<--）は使えません。")
               for p in problems(data_copy))


def test_the_snippets_extension_reads_only_build_snippets(tmp_path):
    """The second guard, for a snippet line the check cannot see (one that came from data into a page)."""
    import markdown
    (tmp_path / "build/snippets").mkdir(parents=True)
    (tmp_path / "build/snippets/abbreviations.md").write_text("*[RFI]: 情報提供依頼\n", encoding="utf-8")
    (tmp_path / "secret.txt").write_text(SECRET, encoding="utf-8")
    config = yaml_config()["pymdownx.snippets"]
    cwd = os.getcwd()
    os.chdir(tmp_path)
    try:
        md = markdown.Markdown(extensions=["abbr", "pymdownx.snippets"], extension_configs={"pymdownx.snippets": config})
        assert "<abbr" in md.convert("RFI")
        for path in ("secret.txt", "../secret.txt", "build/snippets/../../secret.txt", str(tmp_path / "secret.txt")):
            with pytest.raises(Exception, match="could not be found"):
                md.convert(f'--8<-- "{path}"')
    finally:
        os.chdir(cwd)


def yaml_config() -> dict:
    """mkdocs.yml's Markdown extensions by name, with their settings (read as MkDocs reads it: !ENV and the rest)."""
    import yaml
    from mkdocs.utils.yaml import get_yaml_loader

    exts = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), Loader=get_yaml_loader())["markdown_extensions"]
    return {k: v for e in exts for k, v in (e.items() if isinstance(e, dict) else [(e, {})])}


def test_workflows_keep_no_credentials_in_the_checkout():
    import yaml
    for workflow in sorted((ROOT / ".github/workflows").glob("*.yml")):
        jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
        checkouts = [step for job in jobs.values() for step in job.get("steps", [])
                     if step.get("uses", "").startswith("actions/checkout@")]
        assert checkouts and all(step.get("with", {}).get("persist-credentials") is False for step in checkouts), \
            workflow.name
