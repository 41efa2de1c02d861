"""The typed model: every record of data/ as an entity of its kind, with the fields its schema allows, and the
queries (work items by phase and pattern, cases citing an item, a page to link to) answering what the YAML says."""
from __future__ import annotations

import dataclasses
import json

import pytest
import yaml

from handbook.data.errors import DataError
from handbook.model import load_handbook
from handbook.model.entities import (Case, CaseSource, Change, ChecklistGroup, ChecklistItem, Edition, GlossaryTerm,
                                     Listed, Pattern, Phase, Procedure, ProcedureGroup, ProgressStep, Role,
                                     SecurityModel, Source,
                                     StatusEntry, Step, SubItem, SupportMeasure, System, Task)
from tests.conftest import ROOT

# (schema, keys from the schema's top to the record's schema, class)
KINDS = [
    ("steps", ("steps",), Step), ("roles", ("roles",), Role), ("checklist", ("groups",), ChecklistGroup),
    ("checklist", ("groups", "items"), ChecklistItem), ("phases", ("phases",), Phase),
    ("patterns", ("patterns",), Pattern), ("tasks", ("tasks",), Task), ("tasks", ("tasks", "subitems"), SubItem),
    ("systems", ("systems",), System), ("progress-steps", ("steps",), ProgressStep), ("procedures", ("groups",), ProcedureGroup),
    ("procedures", ("procedures",), Procedure), ("security-models", ("models",), SecurityModel),
    ("support-measures", ("measures",), SupportMeasure), ("case", (), Case), ("case", ("changes",), Change),
    ("case", ("sources",), CaseSource), ("glossary", ("terms",), GlossaryTerm), ("editions", ("editions",), Edition),
    ("status", ("entries",), StatusEntry), ("sources", ("sources",), Source),
]
ADDED = {"origin", "task"}  # where a record was read; a sub-item's work item


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data")


def data(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


def record_schema(schema: str, keys: tuple) -> dict:
    node = json.loads((ROOT / f"data/schemas/{schema}.schema.json").read_text(encoding="utf-8"))
    for key in keys:
        node = node["properties"][key]["items"]
    return node


@pytest.mark.parametrize("schema, keys, kind", KINDS, ids=lambda v: v.__name__ if isinstance(v, type) else None)
def test_each_kind_has_the_fields_its_schema_allows_required_as_the_schema_says(schema, keys, kind):
    node = record_schema(schema, keys)
    fields = {f.name: f for f in dataclasses.fields(kind) if f.name not in ADDED}
    listed_on_a_page = {"page"} if issubclass(kind, Listed) else set()
    assert set(fields) == set(node["properties"]) | listed_on_a_page
    required = {name for name, f in fields.items()
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING}
    assert required == set(node.get("required", []))


def test_every_id_in_the_data_is_one_entity(hb):
    def ids(value):
        if isinstance(value, dict):
            yield from [value["id"]] if isinstance(value.get("id"), str) else []
            for v in value.values():
                yield from ids(v)
        elif isinstance(value, list):
            for v in value:
                yield from ids(v)

    in_data = [i for path in sorted((ROOT / "data").rglob("*.yml")) for i in ids(yaml.safe_load(path.read_text("utf-8")))]
    assert sorted(in_data) == sorted(hb.entities)
    assert all(e.origin.record["id"] == e.id for e in hb.entities.values())


def test_work_items_by_phase_and_pattern_are_those_the_data_lists(hb):
    items = data("standardization/tasks.yml")["tasks"]
    assert [t.id for t in hb.tasks] == [t["id"] for t in items]
    assert [t.number for t in hb.tasks_in()] == list(range(1, 18))
    for phase in data("standardization/phases.yml")["phases"]:
        for pattern in ("A", "B"):
            expected = sorted((t["number"], t["id"]) for t in items if t["phase"] == phase["id"] and pattern in t["patterns"])
            assert [(t.number, t.id) for t in hb.tasks_in(phase=phase["id"], pattern=pattern)] == expected
    assert {t.id for t in hb.tasks_in(pattern="A")} - {t.id for t in hb.tasks_in(pattern="B")} == {"std-09", "std-10"}
    with pytest.raises(ValueError, match="unknown pattern 'C' \\(expected 'A' or 'B'\\)"):
        hb.tasks_in(pattern="C")


def test_a_sub_item_knows_its_work_item_and_is_documented_beside_it(hb):
    sub = hb.get("std-02a")
    assert isinstance(sub, SubItem) and sub.task == "std-02" and sub in hb.get("std-02").subitems
    assert sub not in hb.tasks and sub in hb.subitems
    assert hb.home("std-02a") == "standardization/ch2/planning/02-current-systems.md#std-02a"
    assert hb.home("std-02a").split("#")[0] == hb.home("std-02") == hb.get("std-02").page
    assert len(hb.subitems) == sum(len(t.get("subitems", [])) for t in data("standardization/tasks.yml")["tasks"])


def test_cases_citing_a_work_item_or_a_procedure_are_those_whose_file_names_it(hb):
    files = {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "data/cases").glob("*.yml"))}
    assert [c.id for c in hb.cases] == sorted(files)
    for item in ("std-14", "std-01", "std-03"):
        assert [c.id for c in hb.cases_citing(item)] == [i for i, c in files.items() if item in c["tasks"]]
    cited = {p for c in files.values() for p in c.get("procedures", [])}
    assert cited
    for procedure in cited:
        assert [c.id for c in hb.cases_citing(procedure)] == [i for i, c in files.items()
                                                             if procedure in c.get("procedures", [])]
    assert hb.cases_citing("std-14") and hb.cases_citing("src-seed-toc") == ()


def test_get_of_an_unknown_id_names_it(hb):
    with pytest.raises(KeyError, match="unknown id 'std-99'"):
        hb.get("std-99")
    with pytest.raises(KeyError, match="unknown id 'phase-x'"):
        hb.tasks_in(phase="phase-x")


def test_home_is_the_page_that_documents_each_kind(hb):
    case = hb.cases[0]
    assert hb.home(case.id) == f"cases/{case.id}.md"
    step = hb.steps[0]
    assert hb.home(step.id) == step.page == data("overall/steps.yml")["steps"][0]["page"]
    role = hb.roles[0]
    assert hb.home(role.id) == f"{data('overall/roles.yml')['page']}#{role.id}"
    assert hb.home(hb.procedures[0].id) == f"online/policy.md#{hb.procedures[0].id}"
    with pytest.raises(KeyError, match=f"'{hb.sources[0].id}' has no page to link to"):
        hb.home(hb.sources[0].id)


def test_an_entity_says_where_it_was_read(hb):
    task = hb.get("std-14")
    assert task.origin.path == "data/standardization/tasks.yml"
    lines = (ROOT / "data/standardization/tasks.yml").read_text(encoding="utf-8").splitlines()
    assert lines[task.origin.line - 1].strip() == "- id: std-14"
    with pytest.raises(dataclasses.FrozenInstanceError):
        task.title = "changed"


def test_facts_beside_the_entities_are_the_files(hb):
    status, editions = data("status.yml"), data("editions.yml")
    assert (hb.status_settings.max_age_days, hb.status_settings.page_review_days) == \
        (status["max_age_days"], status["page_review_days"])
    assert [e.id for e in hb.status_entries] == [e["id"] for e in status["entries"]]
    assert hb.site_edition == editions["site_edition"] and [e.version for e in hb.editions] == \
        [e["version"] for e in editions["editions"]]
    checklist = data("overall/talent-checklist.yml")
    assert hb.checklist.title == checklist["title"]
    assert [i.id for g in hb.checklist.groups for i in g.items] == [i["id"] for g in checklist["groups"] for i in g["items"]]
    assert hb.glossary_page == data("glossary.yml")["page"]
    assert [list(w) for w in hb.okurigana] == data("okurigana.yml")["words"]


# ---------------------------------------------------------------- the 40 steps of the current 標準化手順書

def test_the_forty_steps_are_numbered_once_each_and_nothing_unread_is_stated(hb):
    numbered = sorted(s.number for s in hb.progress_steps if s.number is not None)
    assert numbered == list(range(1, 41))
    for step in hb.progress_steps:
        if not step.read:
            assert (step.name, step.phase, step.work_item, step.basis) == (None, None, None, None)
        if step.work_item:
            item = hb.get(step.work_item)
            task = hb.get(item.task) if isinstance(item, SubItem) else item
            assert step.basis and step.phase == task.phase


def test_steps_of_a_work_item_include_its_sub_items_numbered_first(hb):
    assert [s.id for s in hb.progress_steps_of("std-09")] == ["ps-23", "ps-24", "ps-25"]
    assert [s.id for s in hb.progress_steps_of("std-03")] == ["ps-08", "ps-09", "ps-fit-gap"]  # ps-fit-gap: ③ア
    assert [s.id for s in hb.progress_steps_of("std-01")] == ["ps-01", "ps-02", "ps-03"]
    assert hb.home("ps-24") == "standardization/ch2/index.md#ps-24"


def test_a_numbered_step_belongs_to_the_work_item_its_circled_number_names(hb):
    circled = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰"
    for step in hb.progress_steps:
        if step.number and step.name[0] in circled:
            assert step.work_item == f"std-{circled.index(step.name[0]) + 1:02d}" and step.basis == "原典の対応表"


def _problems(data_dir):
    with pytest.raises(DataError) as exc:
        load_handbook(data_dir)
    return [str(p) for p in exc.value.problems]


def test_a_step_not_read_cannot_carry_a_name_or_a_work_item(data_copy):
    path = data_copy / "standardization/progress-steps.yml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("{id: ps-07, number: 7, read: true,", "{id: ps-07, number: 7, read: false,"),
                    encoding="utf-8")
    line = next(n for n, l in enumerate(text.splitlines(), 1) if "id: ps-07" in l)
    assert any(p.startswith(f"data/standardization/progress-steps.yml:{line}:") and "name" in p
               for p in _problems(data_copy))


def test_a_missing_or_repeated_step_number_and_a_wrong_phase_are_named(data_copy):
    path = data_copy / "standardization/progress-steps.yml"
    text = path.read_text(encoding="utf-8")
    text = text.replace("number: 8, read", "number: 9, read").replace(
        "phase: phase-select, work_item: std-09", "phase: phase-plan, work_item: std-09", 1)
    path.write_text(text, encoding="utf-8")
    found = " ".join(_problems(data_copy))
    assert "step 9 is listed twice" in found and "steps 8 are missing" in found
    assert "phase is 'phase-plan' but work item 'std-09' is in 'phase-select'" in found
