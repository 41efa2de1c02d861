"""Japanese style lint (textlint + the prh dictionary): the content passes, and the rules do what CONTRIBUTING.md says."""
from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

TEXTLINT = ROOT / "node_modules/.bin/textlint"
PRH = ROOT / "node_modules/.bin/prh"
FORMATTER = ROOT / "tools/textlint-formatter.cjs"


def textlint(*targets: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    if not TEXTLINT.exists():
        pytest.fail("textlint is not installed: run `make setup` (npm ci)")
    return subprocess.run([str(TEXTLINT), "--format", str(FORMATTER), *targets],
                          cwd=cwd, capture_output=True, text=True)


@pytest.fixture
def lint_dir(tmp_path) -> Path:
    """A scratch folder with the project's lint configuration, for linting sample text."""
    for name in [".textlintrc.yml", "prh.yml"]:
        shutil.copy(ROOT / name, tmp_path / name)
    (tmp_path / "node_modules").symlink_to(ROOT / "node_modules")
    return tmp_path


def test_content_passes_japanese_lint():
    """What `make lint` runs: the pages and the prose in data/."""
    result = subprocess.run([sys.executable, "-m", "tools.lint"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, "\n" + result.stdout + result.stderr


def test_yaml_prose_problems_point_at_the_yaml_line_and_column(lint_dir):
    (lint_dir / "data/cases").mkdir(parents=True)
    (lint_dir / "data/cases/case-x.yml").write_text(
        "id: case-x\n"
        "title: ベンダーの名前（見出しは検査しない）\n"
        "summary: \"ベンダーを選んだ。\"\n"
        "details:\n"
        "  - 移行の計画を作った。\n"
        "  - 標準化および共通化を進めた。\n"
        "points:\n"
        "  - |\n"
        "    ベンダーと話した。\n",
        encoding="utf-8")
    (lint_dir / "docs").mkdir()
    (lint_dir / "docs/index.md").write_text("# 1.1 本手順書の趣旨\n\n本文である。\n", encoding="utf-8")
    (lint_dir / "build/docs/cases").mkdir(parents=True)  # the page generated from that YAML is not linted a second time
    (lint_dir / "build/docs/cases/case-x.md").write_text("# 事例\n\nベンダーを選んだ。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tools.lint", str(lint_dir)], cwd=ROOT, capture_output=True, text=True)
    assert "build/docs/cases/case-x.md" not in result.stdout
    problems = [line.split(" [")[0] for line in result.stdout.splitlines() if line.startswith("data/")]
    assert problems == [
        "data/cases/case-x.yml:3:11: ベンダー => ベンダ 原文の表記「ベンダ」に合わせる",
        "data/cases/case-x.yml:6:8: および => 及び",
        "data/cases/case-x.yml:9:5: ベンダー => ベンダ 原文の表記「ベンダ」に合わせる",
    ]
    assert result.returncode == 1


LONG_SENTENCE = "推進体制を整えるために" * 12 + "計画を作る。"

# Sample pages, each showing one rule at work; textlint (a second or two to start) runs once over all of them.
SAMPLES = {
    "problems.md": "# 1.1 本手順書の趣旨\n\nベンダーに提案を依頼する。\n\n標準化および共通化を進めます。\n",
    "caption.md": "# 1.1 本手順書の趣旨\n\n表：ベンダーの比較\n\n| 観点 | 内容 |\n|---|---|\n| 費用 | 安い |\n",
    "long.md": f"{LONG_SENTENCE}\n",
    "ok.md": (
        "# 第1章 自治体情報システムの標準化・共通化に係る検討\n\n"
        "## 2.1 基本的な考え方\n\n"
        "### (1) DX推進担当部門の設置\n\n"
        "{{ task_heading('std-14') }}\n\n"
        "{{ task_table(phase='phase-plan',\n   caption='計画立案フェーズの作業') }}\n\n"
        "!!! note \"この節の読み方\"\n\n"
        "    特定個人情報保護評価は、地方公共団体情報システム機構の資料も参照する。\n\n"
        "表：計画立案フェーズの作業と区分\n\n"
        "| 作業 | 区分 |\n|---|---|\n| ⑪契約・詳細スケジュールの確定【A, B パターン共通】 | 共通 |\n\n"
        "## 出典\n\n{{ sources('src-a', 'src-b') }}\n"),
    "disabled.md": (
        "<!-- textlint-disable ja-technical-writing/sentence-length -->\n"
        f"{LONG_SENTENCE}\n"
        "<!-- textlint-enable ja-technical-writing/sentence-length -->\n\n"
        f"{LONG_SENTENCE}\n"),
    "synonyms.md": (
        "# 1.1 本手順書の趣旨\n\n"
        "データの取扱いを決める。\n\n"
        "個人情報の取り扱いに注意する。\n\n"
        "受付の開始前に、申請を受け付ける手順を決める。\n"),
    "house.md": "# 1.1 本手順書の趣旨\n\n受け付けの開始日と引き継ぎの資料を決め、役割を引き継ぐ。\n",
}


@pytest.fixture(scope="module")
def linted(tmp_path_factory) -> dict[str, str]:
    """textlint's report on every sample, by file (the lines of that file) and ``"*"`` (the whole report)."""
    folder = tmp_path_factory.mktemp("lint")
    for name in [".textlintrc.yml", "prh.yml"]:
        shutil.copy(ROOT / name, folder / name)
    (folder / "node_modules").symlink_to(ROOT / "node_modules")
    for name, text in SAMPLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    out = textlint(*SAMPLES, cwd=folder).stdout
    report = {name: "\n".join(line for line in out.splitlines() if line.startswith(f"{name}:")) for name in SAMPLES}
    return dict(report, **{"*": out})


def test_problems_name_file_line_and_rule_in_japanese(linted):
    out = linted["problems.md"]
    assert "problems.md:3:1: ベンダー => ベンダ 原文の表記「ベンダ」に合わせる [prh]" in out
    assert "problems.md:5:4: および => 及び [prh]" in out
    assert "problems.md:5:" in out and '"である"調 でなければなりません' in out
    assert len(out.splitlines()) == 3, out


def test_the_report_ends_with_the_count_of_problems_and_files(linted):
    problems = [line for line in linted["*"].splitlines() if line[:1] != " " and ".md:" in line]
    files = {line.split(":")[0] for line in problems}
    assert f"文章の検査で {len(problems)} 件の指摘がありました（{len(files)} ファイル）。" in linted["*"]


def test_a_table_caption_needs_no_period_but_keeps_the_wording_rules(linted):
    out = linted["caption.md"]
    assert "caption.md:3:3: ベンダー => ベンダ" in out and len(out.splitlines()) == 1, out


def test_english_rule_messages_are_translated(linted):
    assert f"long.md:1:1: 1文が長すぎます（{len(LONG_SENTENCE)}字、上限100字）。文を分けてください。" in linted["long.md"]


def test_macros_toc_headings_tables_and_notes_pass(linted):
    assert linted["ok.md"] == "", linted["ok.md"]


def test_a_disable_comment_silences_one_rule_in_one_place(linted):
    out = linted["disabled.md"]
    assert "disabled.md:5:1: 1文が長すぎます" in out and "disabled.md:2:" not in out


def test_prh_dictionary_self_tests_pass():
    result = subprocess.run([str(PRH), "--rules", str(ROOT / "prh.yml"), "--verify", "/dev/null"],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_a_wrong_prh_spec_stops_the_lint(lint_dir):
    prh = lint_dir / "prh.yml"
    prh.write_text(prh.read_text(encoding="utf-8").replace("to: ベンダへの提案依頼", "to: ベンダーへの提案依頼"),
                   encoding="utf-8")
    (lint_dir / "page.md").write_text("本文である。\n", encoding="utf-8")
    result = textlint("page.md", cwd=lint_dir)
    assert result.returncode != 0 and "spec failed" in result.stdout + result.stderr


def test_synonyms_that_prh_does_not_list_are_found(linted):
    """@textlint-ja/no-synonyms: two spellings of one word in a page (Sudachi's synonym dictionary)."""
    out = linted["synonyms.md"]
    assert "同義語である「取扱い」と「取り扱い」が利用されています [@textlint-ja/no-synonyms]" in out \
        or "同義語である「取り扱い」と「取扱い」が利用されています [@textlint-ja/no-synonyms]" in out
    assert "受付" not in out  # noun 受付 and verb 受け付ける are the 公用文 pair, not a variation


def test_house_forms_of_uketsuke_and_hikitsugi(linted):
    out = linted["house.md"]
    assert "受け付けの => 受付の" in out and "引き継ぎ => 引継ぎ" in out
    assert "引き継ぐ =>" not in out


def test_lint_skips_data_it_cannot_read(lint_dir, tmp_path):
    """A data file not in UTF-8 or a symlink is make check's to report: the lint neither crashes nor reads it."""
    (lint_dir / "data/cases").mkdir(parents=True)
    (lint_dir / "data/cases/case-sjis.yml").write_bytes("summary: 受付した。\n".encode("shift_jis"))
    secret = tmp_path / "outside.yml"
    secret.write_text("summary: ベンダーの秘密。\n", encoding="utf-8")
    (lint_dir / "data/cases/case-link.yml").symlink_to(secret)
    (lint_dir / "docs").mkdir()
    (lint_dir / "docs/index.md").write_text("# 1.1 本手順書の趣旨\n\n本文である。\n", encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "tools.lint", str(lint_dir)], cwd=ROOT, capture_output=True, text=True)
    assert "Traceback" not in result.stderr and "秘密" not in result.stdout + result.stderr
    assert result.returncode == 0, result.stdout + result.stderr
