"""The accessibility results (JIS X 8341-3:2016 試験結果): what ``make a11y-report`` makes from a run of the audit
(tests/test_a11y.py and the keyboard tests), the criteria file it judges them by, the pages that show them, and
how they become the claim. No browser: a recorded run (tests/fixtures/a11y-run.json) stands for the audit."""
from __future__ import annotations

import inspect
import re
import shutil

import pytest

from handbook.render.accessibility import RESULTS
from tests.a11y_browser import BUILDS, audited_pages
from tests.a11y_results import recorded_results, recorded_run
from tests.conftest import NEW_CASE, ROOT
from tools.a11y_report import load_criteria


def test_results_of_a_recorded_run_match_the_schema_and_name_every_audited_page():
    """記録した試験の実行から作った試験結果がスキーマに合い、試験したページをすべて挙げる"""
    from handbook.render.accessibility import page_uri, results_page, schema_errors

    results = recorded_results()
    assert schema_errors(results, ROOT) == []
    audited = {r["build"]: r["pages"] for r in recorded_run().axe if r["state"] is None}
    assert set(audited) == set(BUILDS)
    page = results_page(results)
    for build, pages in audited.items():
        assert results["builds"][build]["pages"] == pages
        base = results["builds"][build]["base"]
        assert all(f"<code>{page_uri(base, p)}</code>" in page for p in pages)
    assert len(results["criteria"]) == len(load_criteria().items)


def collect_jis_checks() -> dict[str, dict]:
    """The tests marked ``jis``, collected (not run) as ``make a11y-report`` collects them."""
    from tools.a11y_report import TESTS, Recorder

    recorder = Recorder()
    code = pytest.main(["--collect-only", "-qq", "-p", "no:cacheprovider", "-m", "jis", str(TESTS)], plugins=[recorder])
    assert code == 0, "collecting the tests marked jis failed"
    return recorder.checks


def test_criteria_file_is_valid_and_has_every_criterion_the_tests_mark():
    """達成基準の一覧（accessibility/criteria.yml）がスキーマに合い、試験のjisマーカーが挙げる達成基準をすべて含む"""
    from tests.test_keyboard import test_checklist_boxes_tick_with_space
    from tools.a11y_report import unknown_criteria

    criteria = load_criteria()
    checks = collect_jis_checks()
    assert {"test_a11y.py::test_every_page_passes_axe", "test_keyboard.py::test_checklist_boxes_tick_with_space"} <= set(checks)
    assert checks["test_keyboard.py::test_checklist_boxes_tick_with_space"] == {
        "criteria": ["2.1.1", "4.1.2"], "title": inspect.getdoc(test_checklist_boxes_tick_with_space).splitlines()[0]}
    assert unknown_criteria(checks, criteria) == []
    assert unknown_criteria({"t.py::test_x": {"criteria": ["2.4.99"]}}, criteria) == [
        't.py::test_x: jis("2.4.99") is not in accessibility/criteria.yml']


def test_criteria_errors_name_file_and_line(tmp_path):
    """達成基準の一覧の誤り（未知の項目、存在しない数え方）は、ファイル名と行番号付きで止まる"""
    from handbook.data.errors import DataError

    folder = tmp_path / "accessibility"
    folder.mkdir()
    shutil.copy(ROOT / "accessibility/criteria.schema.json", folder)
    text = (ROOT / "accessibility/criteria.yml").read_text(encoding="utf-8")
    lines = text.splitlines()
    at = next(n for n, line in enumerate(lines) if '"1.2.1"' in line)
    lines[at] = lines[at].replace("applies_if: [media]", "applies_if: [video]")
    lines[at + 1] = lines[at + 1].replace("judged: human", "judged: person")
    (folder / "criteria.yml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_criteria(folder / "criteria.yml", tmp_path)
    assert f"accessibility/criteria.yml:{at + 2}: criteria[2].judged:" in str(err.value)
    (folder / "criteria.yml").write_text(text.replace('applies_if: [media]}', 'applies_if: [video]}', 1), encoding="utf-8")
    with pytest.raises(DataError) as err:
        load_criteria(folder / "criteria.yml", tmp_path)
    assert f"accessibility/criteria.yml:{at + 1}: criteria[1].applies_if[0]:" in str(err.value)


def test_results_pages_render_the_results_and_say_when_there_are_none():
    """試験結果があればその内容を、なければ「まだ作成されていない」ことだけを表示する（古い数字は出さない）"""
    from handbook.render.accessibility import results_page, status

    results = recorded_results()
    page, box = results_page(results), status(results, "accessibility-results/")
    assert "達成基準チェックリスト" in page and results["commit"] in page and results["claim"] in box
    assert "2026年12月1日" in page and "2026年12月1日" in box
    for empty in (results_page(None), status(None, "accessibility-results/")):
        assert "まだ作成されていない" in empty and "公開する版ごと" in empty
        assert not re.search(r"\d", empty) and "<table" not in empty


def test_built_results_pages_show_the_results_the_build_found(site):
    """ビルドは build/accessibility/results.json があればそれを試験結果のページと方針のページに載せる"""
    results = recorded_results()
    page = (site / "about/accessibility-results/index.html").read_text(encoding="utf-8")
    policy = (site / "about/accessibility/index.html").read_text(encoding="utf-8")
    assert "達成基準チェックリスト" in page and results["commit"] in page and "まだ作成されていない" not in page
    assert f"適合レベルAA{results['claim']}" in policy


def test_a_new_case_is_audited_with_no_results_file_to_update(new_case_site, site):
    """編集者が事例のYAMLを1件足すだけで、そのページも試験の対象になり、更新すべき試験結果のファイルはない"""
    copy, built = new_case_site
    assert audited_pages("online", built) == sorted([*audited_pages("online", site), f"cases/{NEW_CASE}/index.html"])
    assert not (copy / RESULTS).exists()
    page = (built / "about/accessibility-results/index.html").read_text(encoding="utf-8")
    assert "まだ作成されていない" in page and "達成基準チェックリスト" not in page


# ---- how results become a claim (no browser) ---------------------------------------------------------------

def test_claim_only_says_what_the_results_show():
    """対応度は結果から決まる：未確認が残れば配慮、すべて判定して不適合があれば一部準拠、すべて適合・適用なしで準拠"""
    from tools.a11y_report import claim, judge

    criteria = load_criteria()
    by_sc = criteria.by_sc
    rules = {"color-contrast": {"criteria": ["1.4.3"], "passes": 3, "violations": 0, "incomplete": 0}}
    checks = [{"test": "t::ok", "criteria": ["2.4.1"], "outcome": "passed"},
              {"test": "t::bad", "criteria": ["2.4.2"], "outcome": "failed"}]
    manual = {"sc": "1.1.1", "result": "適合", "date": "2027-04-01"}
    results = {sc: judge(by_sc[sc], criteria.inventory, rules, checks, {"media": 0},
                         manual if sc == "1.1.1" else None)["result"]
               for sc in ("1.1.1", "1.2.1", "1.3.2", "1.4.3", "2.4.1", "2.4.2", "3.2.3")}
    assert results == {"1.1.1": "適合", "1.2.1": "適用なし", "1.3.2": "未確認", "1.4.3": "適合", "2.4.1": "適合",
                       "2.4.2": "不適合", "3.2.3": "未確認"}
    rules["color-contrast"]["incomplete"] = 1
    assert judge(by_sc["1.4.3"], criteria.inventory, rules, checks, {}, None)["result"] == "未確認"
    assert claim([{"result": r} for r in ("適合", "適用なし")]) == "準拠"
    assert claim([{"result": r} for r in ("適合", "不適合")]) == "一部準拠"
    assert claim([{"result": r} for r in ("適合", "不適合", "未確認")]) == "配慮"
