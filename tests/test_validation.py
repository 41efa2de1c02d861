"""Bad data is rejected with a message naming file, line and field."""
from __future__ import annotations

from datetime import date

import re

import pytest

from handbook.data.errors import DataError
from handbook.model import load_handbook


def problems(data_dir) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_handbook(data_dir)
    return [str(p) for p in exc.value.problems]


def edit(path, old, new, count=1):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


def line_of(path, needle) -> int:
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return n
    raise AssertionError(needle)


def test_real_data_is_valid():
    from tests.conftest import ROOT
    handbook = load_handbook(ROOT / "data")
    assert len(handbook.tasks) == 17
    assert len(handbook.systems) == 20


def test_unknown_pattern_names_file_line_and_field(data_copy):
    tasks = data_copy / "standardization/tasks.yml"
    edit(tasks, "patterns: [A]", "patterns: [C]")  # the first A-only item, ⑨ (tasks[8])
    line = line_of(tasks, "patterns: [C]")
    assert (f"data/standardization/tasks.yml:{line}: tasks[8].patterns[0]: "
            "決められた値のどれでもありません。使える値: 'A', 'B'（'C' is not one of ['A', 'B']）") in problems(data_copy)


def test_yaml_syntax_error(data_copy):
    edit(data_copy / "glossary.yml", "term: RFI", "term: [RFI")
    found = problems(data_copy)
    assert len(found) == 1 and re.match(r"data/glossary.yml:\d+: YAML の書き方に誤りがあります。.*（YAML syntax error", found[0])


def test_missing_field(data_copy):
    tasks = data_copy / "standardization/tasks.yml"
    text = tasks.read_text(encoding="utf-8")
    tasks.write_text(re.sub(r"^    deliverables: .*\n", "", text, count=1, flags=re.M), encoding="utf-8")
    assert any(p.startswith("data/standardization/tasks.yml:") and "tasks[0]: 必須の項目「deliverables」がありません。（missing required field: 'deliverables'）" in p
               for p in problems(data_copy))


def test_unknown_field_is_named_with_its_line(data_copy):
    tasks = data_copy / "standardization/tasks.yml"
    edit(tasks, "    early: true\n", "    early: true\n    owner: 情報政策課\n")
    line = line_of(tasks, "owner: 情報政策課")
    assert (f"data/standardization/tasks.yml:{line}: tasks[0].owner: "
            "項目名「owner」は使えません。綴りと字下げを確かめてください。（unknown field 'owner'）") in problems(data_copy)


def test_duplicate_id(data_copy):
    systems = data_copy / "standardization/systems.yml"
    edit(systems, "id: sys-senkyo", "id: sys-juki")
    found = problems(data_copy)
    assert any("duplicate id 'sys-juki' (first defined at data/standardization/systems.yml:" in p for p in found)


def test_dangling_reference(data_copy):
    tasks = data_copy / "standardization/tasks.yml"
    edit(tasks, "related: [std-02, std-04]", "related: [std-02, std-99]")
    line = line_of(tasks, "std-99")
    assert (f"data/standardization/tasks.yml:{line}: tasks[0].related[1]: "
            "ID「std-99」は存在しません。「std-」で始まる既存の ID を書いてください。"
            "（unknown id 'std-99' (expected an id starting with 'std-')）") in problems(data_copy)


def test_case_file_name_must_match_id(data_copy):
    case = next((data_copy / "cases").glob("*.yml"))
    edit(case, f"id: {case.stem}", "id: case-renamed")
    assert any(p.startswith(f"data/cases/{case.name}:1: id:") and "must match the file name" in p
               for p in problems(data_copy))


def test_all_errors_reported_in_one_run(data_copy):
    edit(data_copy / "standardization/tasks.yml", "related: [std-02, std-04]", "related: [std-02, std-99]")
    edit(data_copy / "standardization/systems.yml", "initial17: false", "initial17: maybe")
    found = problems(data_copy)
    assert any("std-99" in p for p in found) and any("'maybe' is not of type 'boolean'" in p for p in found)


def test_check_command_exits_non_zero(data_copy):
    import subprocess
    import sys
    edit(data_copy / "standardization/systems.yml", "initial17: false", "initial17: maybe")
    result = subprocess.run([sys.executable, "-m", "tools.check", str(data_copy)], capture_output=True, text=True)
    assert result.returncode == 1
    assert "data/standardization/systems.yml:" in result.stderr


def test_group_count_must_match_listed_procedures(data_copy):
    procedures = data_copy / "online/procedures.yml"
    edit(procedures, "count: 4,", "count: 5,")
    line = line_of(procedures, "count: 5,")
    assert any(p.startswith(f"data/online/procedures.yml:{line}: groups[") and "count is 5 but 4 procedures" in p
               for p in problems(data_copy))


def test_every_schema_is_a_valid_json_schema():
    from jsonschema import Draft202012Validator

    from handbook.data.schema import load_schema
    from tests.conftest import ROOT
    schemas = sorted((ROOT / "data/schemas").glob("*.schema.json"))
    assert schemas
    for path in schemas:
        Draft202012Validator.check_schema(load_schema(path))


def test_validation_cache_never_hides_a_new_error(data_copy, tmp_path):
    cache = tmp_path / "handbook.pickle"
    load_handbook(data_copy, cache=cache)
    assert cache.exists()
    saved = cache.read_bytes()
    edit(data_copy / "standardization/systems.yml", "initial17: false", "initial17: maybe")
    assert any("'maybe' is not of type 'boolean'" in p for p in problems_with_cache(data_copy, cache))
    assert cache.read_bytes() == saved  # a failed run does not record its data as valid


def test_cached_load_gives_the_same_handbook_and_sees_every_edit(data_copy, tmp_path):
    cache = tmp_path / "handbook.pickle"
    fresh = load_handbook(data_copy, cache=cache)
    cached = load_handbook(data_copy, cache=cache)
    assert cached.entities.keys() == fresh.entities.keys()
    assert cached.get("std-14") == fresh.get("std-14") and cached.get("std-14").origin.line == fresh.get("std-14").origin.line
    edit(data_copy / "standardization/systems.yml", "initial17: false", "initial17: true")
    changed = load_handbook(data_copy, cache=cache)
    assert sum(s.initial17 for s in changed.systems) == sum(s.initial17 for s in fresh.systems) + 1
    cache.write_bytes(b"not a pickle")  # a damaged cache is ignored and rewritten
    assert load_handbook(data_copy, cache=cache).entities.keys() == fresh.entities.keys()


def problems_with_cache(data_dir, cache) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_handbook(data_dir, cache=cache)
    return [str(p) for p in exc.value.problems]


def test_markup_in_an_abbreviation_or_the_site_edition_is_refused_with_its_line(data_copy):
    """Both go into Markdown or templates as they are (an abbreviation definition line, the footer of every page)."""
    glossary, editions = data_copy / "glossary.yml", data_copy / "editions.yml"
    edit(glossary, "abbr: RFI", 'abbr: "RFI]: <b>x</b>"')
    edit(editions, "site_edition: 2026年12月版", 'site_edition: "2026年12月版<script>alert(1)</script>"')
    found, abbr_line = problems(data_copy), line_of(glossary, "abbr: \"RFI]")
    assert any(p.startswith(f"data/glossary.yml:{abbr_line}: ") and
               "略語は半角英数字とハイフンで書いてください" in p for p in found), found
    assert any(p.startswith(f"data/editions.yml:{line_of(editions, 'site_edition:')}: site_edition: 記号 < > &") and
               "と改行は使えません" in p for p in found), found


def test_japanese_explanations_come_from_the_validator_not_its_english_wording():
    """A jsonschema release that rewords its messages changes nothing an editor reads."""
    from jsonschema import ValidationError

    from handbook.data.schema import explanation
    reworded = ValidationError("some other wording", validator="enum", validator_value=["A", "B"])
    assert explanation(reworded) == "決められた値のどれでもありません。使える値: 'A', 'B'"
    assert explanation(ValidationError("x", validator="type", validator_value="integer")) == "整数（半角数字）を書いてください。"
    assert explanation(ValidationError("x", validator="format", validator_value="date")).startswith("実在する日付")
    assert explanation(ValidationError("x", validator="pattern", validator_value="^c-[a-z]+$")) == \
        "書式が決まりに合いません（決まり: ^c-[a-z]+$）。"


CASE_KIND_RULES = [
    # (case file, edit from, edit to, text on the line the message names (a list: its first item), field,
    #  Japanese start, detail)
    ("case-fukuyama-fukugyo", "confidence: 二次", "confidence: 確認", "confidence: 確認", "confidence",
     "「確認」にできるのは、団体自身の資料か国の資料", "confidence is 確認 without a source of kind 団体 or 省庁"),
    ("case-fukuoka-oin-minaoshi", 'kind: 報道, outlet: 毎日新聞, published: "2020-09-29"', "kind: その他", "mainichi.jp",
     "sources", "団体自身の資料（団体）、国の資料（省庁）、報道機関の記事（報道）のどれかの出典が1件以上必要です",
     "no source of kind 団体, 省庁 or 報道"),
]


@pytest.mark.parametrize("case, old, new, needle, where, japanese, detail", CASE_KIND_RULES)
def test_case_source_rules_name_file_line_and_field(data_copy, case, old, new, needle, where, japanese, detail):
    path = data_copy / f"cases/{case}.yml"
    edit(path, old, new)
    line = line_of(path, needle)
    assert any(p.startswith(f"data/cases/{case}.yml:{line}: {where}: {japanese}") and p.endswith(f"（{detail}）")
               for p in problems(data_copy)), problems(data_copy)


def test_news_source_needs_outlet_and_publication_date(data_copy):
    path = data_copy / "cases/case-fukuyama-fukugyo.yml"
    edit(path, "kind: 報道, outlet: 毎日新聞, ", "kind: 報道, ")
    line = line_of(path, "mainichi.jp")
    assert (f"data/cases/case-fukuyama-fukugyo.yml:{line}: sources[1]: 必須の項目「outlet」がありません。"
            "（missing required field: 'outlet'）") in problems(data_copy)


def test_unknown_source_kind_lists_the_kinds_that_may_be_used(data_copy):
    path = data_copy / "cases/case-shimada-hyojunka-iko.yml"
    edit(path, "kind: 団体", "kind: ブログ")
    line = line_of(path, "kind: ブログ")
    assert any(p.startswith(f"data/cases/case-shimada-hyojunka-iko.yml:{line}: sources[0].kind: 決められた値のどれでもありません。"
                            "使える値: '団体', '省庁', '報道', '転載', 'その他'") for p in problems(data_copy))


def test_case_needs_a_review_date_and_a_current_body_type(data_copy):
    path = data_copy / "cases/case-saitama-kyutoken-yobo.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(re.sub(r"^reviewed: .*\n", "", text, flags=re.M).replace("type: 指定都市", "type: 政令指定都市"),
                    encoding="utf-8")
    found = problems(data_copy)
    assert any(p.startswith("data/cases/case-saitama-kyutoken-yobo.yml:1: 必須の項目「reviewed」がありません。") for p in found)
    line = line_of(path, "type: 政令指定都市")
    assert any(p.startswith(f"data/cases/case-saitama-kyutoken-yobo.yml:{line}: type: 決められた値のどれでもありません。"
                            "使える値: '都道府県', '指定都市', '中核市', '市', '特別区', '町', '村'") for p in found)


def test_work_item_losing_its_last_case_is_refused_at_the_work_item(data_copy):
    """⑰ has one case (千曲市); taking ⑰ off that case fails make check at the work item's line in tasks.yml."""
    edit(data_copy / "cases/case-chikuma-inkan-kisoku.yml", "tasks: [std-17]", "tasks: []")
    tasks = data_copy / "standardization/tasks.yml"
    line = line_of(tasks, "id: std-17")
    assert (f"data/standardization/tasks.yml:{line}: tasks[16].id: 作業項目「条例・規則改正」（std-17）の参考事例がありません。"
            "data/cases/ の事例の tasks に std-17 を書いた事例が1件以上必要です（最後の1件を消したり、tasks から外したりしないでください）。"
            "（no case names work item 'std-17'）") in problems(data_copy)


def test_a_case_pending_note_left_after_the_first_case_is_a_warning_not_an_error(data_copy):
    """An editor's pull request of one case for an item still marked case_pending passes; make check asks for the
    note to go."""
    from handbook.model import load_handbook
    from tools.check import freshness_warnings
    tasks = data_copy / "standardization/tasks.yml"
    edit(tasks, "    sources: [src-seed-toc, src-std-v1]\n  - id: std-02",
         "    sources: [src-seed-toc, src-std-v1]\n    case_pending: 推進体制の例\n  - id: std-02")
    hb = load_handbook(data_copy)   # no DataError: the data is valid
    line = line_of(tasks, "case_pending: 推進体制の例")
    warnings = freshness_warnings(hb, date(2026, 12, 7))
    assert f"警告: data/standardization/tasks.yml:{line}: 作業項目「推進体制の立ち上げ」（std-01）にはもう参考事例がある。" \
        "case_pending の行を消すこと" in warnings


def test_check_warns_about_a_case_whose_review_is_overdue():
    """A case page is read like any page: make check lists a case not reviewed within page_review_days, with the
    file and the line of its reviewed date."""
    import subprocess
    import sys
    from tests.conftest import ROOT
    result = subprocess.run([sys.executable, "-m", "tools.check", "--today", "2099-01-01"], cwd=ROOT,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    path = ROOT / "data/cases/case-chikuma-inkan-kisoku.yml"
    line = line_of(path, "reviewed:")
    assert (f"警告: data/cases/case-chikuma-inkan-kisoku.yml:{line}: 事例「印鑑登録の規則で、原票と証明書の様式を"
            "「標準仕様書に定める様式」と定める」は 2026-12-07 の確認から") in result.stderr
