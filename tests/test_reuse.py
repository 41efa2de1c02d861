"""A load after an edit reuses what parsing and validating the unchanged files found (the ``mkdocs serve``
rebuild at 2,000 cases), and finds exactly what a fresh load finds."""
from __future__ import annotations

import pytest

import handbook.data.reuse as reuse_module
from handbook.data import kept
from handbook.data.errors import DataError
from handbook.model import load_handbook

CASE = "cases/case-akishima-senryaku-honbu.yml"


@pytest.fixture
def parses(monkeypatch):
    """The files parsed, by path, from here on."""
    parsed = []
    parse = reuse_module.parse_bytes
    monkeypatch.setattr(reuse_module, "parse_bytes", lambda raw, rel: parsed.append(rel) or parse(raw, rel))
    return parsed


def load(data_copy, save=True):
    return load_handbook(data_copy, cache=data_copy.parent / "cache/handbook.pickle", save_cache=save)


def problems(load_once) -> list[str]:
    with pytest.raises(DataError) as exc:
        load_once()
    return [str(p) for p in exc.value.problems]


def test_after_an_edit_only_that_file_is_parsed_again(data_copy, parses):
    load(data_copy)
    assert len(parses) > 40
    parses.clear()
    case = data_copy / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("title: 情報化戦略本部", "title: 戦略本部"), encoding="utf-8")
    assert load(data_copy).docs[CASE].data["title"].startswith("戦略本部")
    assert parses == [f"data/{CASE}"]


def test_the_next_process_reuses_the_results_written_by_the_generate_stage(data_copy, parses, monkeypatch):
    load(data_copy)
    monkeypatch.setattr(kept, "_MEMORY", {})  # as in a new process: only build/cache/ is left
    parses.clear()
    load(data_copy, save=False)
    assert parses == []


def test_an_unchanged_file_naming_an_id_that_is_gone_is_reported_as_by_a_fresh_load(data_copy):
    load(data_copy)
    steps = data_copy / "overall/steps.yml"
    steps.write_text(steps.read_text(encoding="utf-8").replace("id: step-2\n", "id: step-9\n"), encoding="utf-8")
    reused = problems(lambda: load(data_copy))
    assert any(p.startswith(f"data/{CASE}:8: steps[0]:") for p in reused)
    assert reused == problems(lambda: load_handbook(data_copy))


def test_an_error_is_reported_again_on_every_load_until_fixed(data_copy):
    case = data_copy / CASE
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("type: 市", "type: 島"), encoding="utf-8")
    first = problems(lambda: load(data_copy))
    assert first == problems(lambda: load(data_copy)) and any(f"data/{CASE}:5: type:" in p for p in first)
    case.write_text(good, encoding="utf-8")
    load(data_copy)


def test_the_model_records_the_files_a_macro_reads(data_copy):
    from handbook.render import cases, lists
    from handbook.render.links import Linker
    hb = load(data_copy)
    with hb.tracking() as index_reads:
        cases.case_index(hb, Linker("cases/index.md"))
    assert {f"data/{CASE}", "data/cases/case-bandai-cdo.yml"} <= index_reads
    with hb.tracking() as glossary_reads:
        lists.glossary(hb, Linker("about/glossary.md"))
    assert "data/glossary.yml" in glossary_reads and f"data/{CASE}" not in glossary_reads  # it links to a few cases


def test_a_rebuild_knows_which_files_changed(data_copy):
    before = load(data_copy)
    assert load(data_copy) is before  # nothing changed: the same model
    case = data_copy / CASE
    case.write_text(case.read_text(encoding="utf-8").replace("title: 情報化戦略本部", "title: 戦略本部"), encoding="utf-8")
    assert load(data_copy).changed_since(before) == {f"data/{CASE}"}
