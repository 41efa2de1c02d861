"""The typed model read from validated documents: one reader per collection (schema name), each giving the
document's entities (nested ones too) and the facts it holds besides them."""
from __future__ import annotations

from ..data.pages import Page
from ..data.yaml_lines import Document
from .entities import (Case, CaseSource, Change, Checklist, ChecklistGroup, ChecklistItem, Edition, Entity,
                       GlossaryTerm, Origin, Pattern, Phase, Procedure, ProcedureGroup, ProgressStep, Role,
                       SecurityModel, Source, StatusEntry, StatusSettings, Step, SubItem, SupportMeasure, System, Task)
from .handbook import Handbook


def _tuples(value):
    """``value`` with every list a tuple, all the way down (the model is read-only)."""
    return tuple(_tuples(v) for v in value) if isinstance(value, list) else value


def _entity(cls, doc: Document, keys: tuple, **given) -> Entity:
    """The mapping at ``keys`` in ``doc`` as a ``cls``: its fields as the data has them, ``given`` replacing some."""
    origin = Origin(doc, keys)
    fields = {name: _tuples(value) for name, value in origin.record.items()}
    return cls(**{**fields, **given}, origin=origin)


def _each(cls, doc: Document, key: str, **given) -> list:
    """The entities listed under ``key``."""
    return [_entity(cls, doc, (key, i), **given) for i in range(len(doc.data[key]))]


def _listed(cls, doc: Document, key: str) -> list:
    """The entities listed under ``key``, shown on the page the document names."""
    return _each(cls, doc, key, page=doc.data.get("page"))


def _tasks(doc: Document):
    found = []
    for i, record in enumerate(doc.data["tasks"]):
        subitems = tuple(_entity(SubItem, doc, ("tasks", i, "subitems", j), task=record["id"])
                         for j in range(len(record.get("subitems", []))))
        found += [_entity(Task, doc, ("tasks", i), subitems=subitems), *subitems]
    return found, {}


def _checklist(doc: Document):
    page, groups, found = doc.data.get("page"), [], []
    for i, record in enumerate(doc.data["groups"]):
        items = tuple(_entity(ChecklistItem, doc, ("groups", i, "items", j), page=page)
                      for j in range(len(record["items"])))
        groups.append(_entity(ChecklistGroup, doc, ("groups", i), items=items, page=page))
        found += [groups[-1], *items]
    return found, {"checklist": Checklist(doc.data["title"], doc.data["notice"], tuple(groups))}


def _case(doc: Document):
    case = _entity(Case, doc, (), changes=tuple(Change(**c) for c in doc.data.get("changes", [])),
                   sources=tuple(CaseSource(**s) for s in doc.data["sources"]))
    return [case], {}


def _editions(doc: Document):
    editions = tuple(Edition(**{k: _tuples(v) for k, v in e.items()}) for e in doc.data["editions"])
    return [], {"editions": editions, "site_edition": doc.data.get("site_edition")}


def _status(doc: Document):
    settings = StatusSettings(doc.data["max_age_days"], doc.data["page_review_days"])
    return _listed(StatusEntry, doc, "entries"), {"status_settings": settings}


READERS = {
    "steps": lambda doc: (_each(Step, doc, "steps"), {}),
    "roles": lambda doc: (_listed(Role, doc, "roles"), {}),
    "checklist": _checklist,
    "phases": lambda doc: (_each(Phase, doc, "phases"), {}),
    "patterns": lambda doc: (_listed(Pattern, doc, "patterns"), {}),
    "tasks": _tasks,
    "systems": lambda doc: (_listed(System, doc, "systems"), {}),
    "progress-steps": lambda doc: (_listed(ProgressStep, doc, "steps"), {}),
    "procedures": lambda doc: (_listed(ProcedureGroup, doc, "groups") + _listed(Procedure, doc, "procedures"), {}),
    "security-models": lambda doc: (_listed(SecurityModel, doc, "models"), {}),
    "support-measures": lambda doc: (_listed(SupportMeasure, doc, "measures"), {}),
    "case": _case,
    "glossary": lambda doc: (_listed(GlossaryTerm, doc, "terms"), {"glossary_page": doc.data.get("page")}),
    "editions": _editions,
    "okurigana": lambda doc: ([], {"okurigana": _tuples(doc.data["words"])}),
    "synonyms": lambda doc: ([], {"synonyms": _tuples(doc.data["words"])}),
    "status": _status,
    "sources": lambda doc: (_listed(Source, doc, "sources"), {}),
}


def read_handbook(docs: dict[str, Document], schema_of: dict[str, str], pages: dict[str, Page]) -> Handbook:
    """The handbook of documents that passed validation (``schema_of``: each document's schema name)."""
    entities: dict[str, Entity] = {}
    facts: dict = {}
    fact_paths: dict[str, str] = {}
    for name, doc in docs.items():
        found, held = READERS[schema_of[name]](doc)
        entities.update((e.id, e) for e in found)
        facts.update(held)
        fact_paths.update(dict.fromkeys(held, doc.path))
    return Handbook(docs, entities, pages=pages, fact_paths=fact_paths, **facts)
