"""The Handbook: the data as typed entities (``handbook.model.entities``) with the queries render and output code
ask, the documents as read, and the pages' front matter and titles."""
from __future__ import annotations

from contextlib import contextmanager
from dataclasses import dataclass, field, fields

from ..data.pages import Page
from ..data.yaml_lines import Document
from .case_paths import case_page
from .entities import (Case, Checklist, Edition, Entity, GlossaryTerm, Pattern, Phase, Prefecture, Procedure,
                       ProcedureGroup, ProgressStep, Role, SecurityModel, Source, StatusEntry, StatusSettings, Step,
                       SubItem, SupportMeasure, System, Task, Texts)


class _Collection:
    """A typed collection of the handbook: its entities of one class, in file order or sorted by ``key`` (gathered
    on first use; a handbook's entities do not change once it is made)."""

    def __init__(self, kind: type, key=None):
        self.kind, self.key = kind, key

    def __get__(self, handbook, owner=None):
        if handbook is None:
            return self
        gathered = vars(handbook).setdefault("_collections", {})  # by collection: two may share a kind
        if self not in gathered:
            found = [e for e in vars(handbook)["entities"].values() if isinstance(e, self.kind)]
            gathered[self] = tuple(sorted(found, key=self.key) if self.key else found)
        return gathered[self]


@dataclass
class Handbook:
    """Every entity by id, the collections (``hb.tasks``: the work items, ``hb.subitems``, ``hb.procedures``, …),
    the facts held besides them, and the queries. ``docs`` are the documents as read: the search takes its corpus
    from them and the open data its records (``entity.origin.record``); everything else reads the typed entities."""

    docs: dict[str, Document]
    entities: dict[str, Entity]
    checklist: Checklist
    editions: tuple[Edition, ...]
    site_edition: str | None
    glossary_page: str | None
    okurigana: tuple[Texts, ...]
    status_settings: StatusSettings
    prefectures: tuple[Prefecture, ...] = ()  # in code order; a case's prefecture is one of their names
    pages: dict[str, Page] = field(default_factory=dict)  # by path under docs/
    fact_paths: dict[str, str] = field(default_factory=dict, repr=False)  # the data file of each fact field
    synonyms: tuple[Texts, ...] = ()  # data/synonyms.yml: staff's words and the handbook's (search)

    _reads = None  # while ``tracking``: the data files read (paths), "pages", or "*" for all

    steps = _Collection(Step)
    roles = _Collection(Role)
    phases = _Collection(Phase)
    patterns = _Collection(Pattern)
    tasks = _Collection(Task)
    subitems = _Collection(SubItem)
    systems = _Collection(System)
    progress_steps = _Collection(ProgressStep)
    procedure_groups = _Collection(ProcedureGroup)
    procedures = _Collection(Procedure)
    security_models = _Collection(SecurityModel)
    support_measures = _Collection(SupportMeasure)
    glossary = _Collection(GlossaryTerm)
    status_entries = _Collection(StatusEntry)
    sources = _Collection(Source)
    cases = _Collection(Case, key=lambda c: c.id)  # every case, by id

    def page_title(self, src: str) -> str:
        """The title of a page under docs/ (``KeyError`` naming it if there is no such page)."""
        try:
            return self.pages[src].title
        except KeyError:
            raise KeyError(f"unknown page '{src}'") from None

    def get(self, entity_id: str) -> Entity:
        """The entity with this id; ``KeyError`` naming the id if unknown."""
        try:
            entity = vars(self)["entities"][entity_id]
        except KeyError:
            raise KeyError(f"unknown id '{entity_id}'") from None
        if self._reads is not None:
            self._reads.add(entity.origin.path)
        return entity

    def tasks_in(self, phase: str | None = None, pattern: str | None = None) -> tuple[Task, ...]:
        """Work items in number order; with ``phase`` (its id) only that phase's, with ``pattern`` (``"A"``) only
        those done in that pattern."""
        if phase is not None:
            self.get(phase)
        known = [p.id for p in self.patterns]
        if pattern is not None and pattern not in known:
            raise ValueError(f"unknown pattern '{pattern}' (expected {' or '.join(repr(p) for p in known)})")
        return tuple(t for t in sorted(self.tasks, key=lambda t: t.number)
                     if (phase is None or t.phase == phase) and (pattern is None or pattern in t.patterns))

    def progress_steps_of(self, task_id: str) -> tuple[ProgressStep, ...]:
        """The steps of the 40 matched to this work item or one of its sub-items, numbered ones first."""
        task = self.get(task_id)
        ids = {task.id} | {s.id for s in task.subitems}
        found = [s for s in self.progress_steps if s.work_item in ids]
        return tuple(sorted(found, key=lambda s: (s.number is None, s.number or 0)))

    def cases_citing(self, entity_id: str) -> tuple[Case, ...]:
        """The cases (by id) that name this step, work item or procedure."""
        return tuple(c for c in self.cases if c.cites(entity_id))

    def home(self, entity_id: str) -> str:
        """The page (path under docs/) and anchor where an entity is documented."""
        entity = self.get(entity_id)
        if isinstance(entity, Case):
            return case_page(entity.id)
        if isinstance(entity, (Step, Phase, Task)):
            return entity.page
        if isinstance(entity, SubItem):  # a sub-item: on its work item's page
            return f"{self.get(entity.task).page}#{entity.id}"
        if not entity.page:
            raise KeyError(f"'{entity_id}' has no page to link to")
        return f"{entity.page}#{entity.id}"

    # What the macros of a page read, so that a ``mkdocs serve`` rebuild renders again only the pages that read a
    # file that changed (hooks/serve.py). Reading a collection or a fact counts as reading the files it comes from.

    @contextmanager
    def tracking(self):
        """Yield the set of what is read inside the block (data file paths, "pages", "*")."""
        outer, reads = self._reads, set()
        self._reads = reads
        try:
            yield reads
        finally:
            self._reads = outer
            if outer is not None:
                outer |= reads

    def __getattribute__(self, name):
        if name in _TRACKED and object.__getattribute__(self, "_reads") is not None:
            object.__getattribute__(self, "_reads").update(object.__getattribute__(self, "_sources")(name))
        return object.__getattribute__(self, name)

    def _sources(self, name: str) -> frozenset[str]:
        known = vars(self).setdefault("_sources_of", {})
        if name not in known:
            collection = type(self).__dict__.get(name)
            kind = collection.kind if isinstance(collection, _Collection) else None
            if name == "pages":
                known[name] = frozenset({"pages"})
            elif name in vars(self)["fact_paths"]:
                known[name] = frozenset({vars(self)["fact_paths"][name]})
            elif kind is not None:
                known[name] = frozenset(e.origin.path for e in vars(self)["entities"].values() if isinstance(e, kind))
            else:  # the documents or entities wholesale, or a fact of unknown origin: everything
                known[name] = frozenset({"*"})
        return known[name]

    def changed_since(self, other: Handbook) -> set[str]:
        """The data files whose documents differ from ``other``'s (added and removed ones too), and "pages" if a
        page's front matter or title differs: what a page's tracked reads are compared with."""
        mine, theirs = vars(self)["docs"], vars(other)["docs"]
        changed = {doc.path for name, doc in mine.items() if theirs.get(name) is not doc and theirs.get(name) != doc}
        changed |= {doc.path for name, doc in theirs.items() if name not in mine}
        if vars(self)["pages"] != vars(other)["pages"]:
            changed.add("pages")
        return changed


_TRACKED = ({"entities", "docs", "pages"} | {f.name for f in fields(Handbook)} - {"fact_paths"}
            | {name for name, value in vars(Handbook).items() if isinstance(value, _Collection)})
