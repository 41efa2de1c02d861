"""The handbook's entities as typed, read-only records: one dataclass per kind of record in data/, with the fields
its schema (data/schemas/) allows. Optional fields default to ``None`` or ``()``; lists are tuples. References to
other entities are ids (``Task.phase``, ``Case.tasks``); ``Handbook.get`` resolves them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..data.yaml_lines import Document

Ids = tuple[str, ...]
Texts = tuple[str, ...]


@dataclass(frozen=True)
class Origin:
    """Where an entity was read: its data file and the keys of its mapping there (``("tasks", 13)``)."""

    doc: Document = field(repr=False, compare=False)
    keys: tuple

    @property
    def path(self) -> str:
        return self.doc.path

    @property
    def line(self) -> int:
        return self.doc.line_of(self.keys)

    @property
    def record(self) -> dict:
        """The mapping as the data file holds it: published as it is by the open data (read fields from the entity)."""
        value = self.doc.data
        for key in self.keys:
            value = value[key]
        return value


@dataclass(frozen=True, kw_only=True)
class Entity:
    """A record with an ``id``, and where it was read. ``name`` is what a cross-link to it shows."""

    id: str
    origin: Origin = field(repr=False)


@dataclass(frozen=True, kw_only=True)
class Listed(Entity):
    """An entity shown on the page its data file names (``page``), anchored at its id; ``None``: on no page."""

    page: str | None = None


class Titled:
    """An entity named by its title."""

    @property
    def name(self) -> str:
        return self.title


@dataclass(frozen=True, kw_only=True)
class Step(Entity):
    """One of the four steps of the overall handbook (data/overall/steps.yml), on a page of its own."""

    number: int
    title: str
    page: str
    summary: str
    points: Texts
    outputs: Texts = ()
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class Role(Listed):
    """A role in the DX organisation (data/overall/roles.yml)."""

    name: str
    abbr: str | None = None
    description: str
    duties: Texts
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class ChecklistItem(Listed):
    """One item of the talent checklist."""

    text: str
    note: str | None = None

    @property
    def name(self) -> str:
        return self.text


@dataclass(frozen=True, kw_only=True)
class ChecklistGroup(Titled, Listed):
    """A group of checklist items."""

    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class Checklist:
    """The talent checklist (data/overall/talent-checklist.yml)."""

    title: str
    notice: str
    groups: tuple[ChecklistGroup, ...]


@dataclass(frozen=True, kw_only=True)
class Phase(Titled, Entity):
    """A migration phase of the standardization handbook (data/standardization/phases.yml), on a page of its own."""

    number: int
    title: str
    page: str
    summary: str


@dataclass(frozen=True, kw_only=True)
class Pattern(Titled, Listed):
    """Migration pattern A or B (data/standardization/patterns.yml)."""

    title: str
    summary: str
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class SubItem(Entity):
    """A sub-item of a work item (ア, イ, …); ``task`` is the id of its work item."""

    label: str
    title: str
    task: str


@dataclass(frozen=True, kw_only=True)
class Task(Entity):
    """A work item ①–⑰ (data/standardization/tasks.yml), on a page of its own (``page``, under docs/)."""

    number: int
    title: str
    page: str
    phase: str
    patterns: Texts
    toc_mark: bool = False
    early: bool = False
    subitems: tuple[SubItem, ...] = ()
    summary: str
    who: Texts
    deliverables: Texts
    related: Ids = ()
    sources: Ids = ()
    case_pending: str | None = None   # what source is sought while no case exemplifies the item (data only)


@dataclass(frozen=True, kw_only=True)
class System(Listed):
    """One of the 20 standardized business systems (data/standardization/systems.yml)."""

    name: str
    field: str
    initial17: bool
    sources: Ids = ()


@dataclass(frozen=True, kw_only=True)
class ProcedureGroup(Titled, Listed):
    """A group of priority procedures (data/online/procedures.yml)."""

    title: str
    target: str
    count: int
    sources: Ids = ()


@dataclass(frozen=True, kw_only=True)
class Procedure(Listed):
    """One of the 31 priority procedures; ``group`` is its group's id."""

    name: str
    group: str
    subgroup: str | None = None
    confirmed: bool
    sources: Ids = ()


@dataclass(frozen=True, kw_only=True)
class SecurityModel(Listed):
    """A model of the three-layer security measures (data/online/security-models.yml)."""

    name: str
    summary: str
    introduced: str | None = None
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class SupportMeasure(Titled, Listed):
    """A national support measure (data/online/support-measures.yml)."""

    title: str
    summary: str
    confirmed: bool
    sources: Ids


@dataclass(frozen=True, kw_only=True)
class ProgressStep(Listed):
    """One of the 40 steps of the current 標準化手順書 (data/standardization/progress-steps.yml): its number and
    name where a source gives them, and the work item ①–⑰ it belongs to with the basis of that match. ``read``
    false: the name was not read in a source, and nothing about the step is stated."""

    number: int | None = None
    read: bool
    name: str | None = None
    phase: str | None = None
    work_item: str | None = None
    basis: str | None = None
    location: str | None = None
    sources: Ids
    note: str | None = None


@dataclass(frozen=True)
class Change:
    """A dated change note."""

    date: str
    note: str


@dataclass(frozen=True)
class CaseSource:
    """A source a case cites: title, address, the day it was checked, its kind (団体, 省庁, 報道, 転載, その他)
    and, for a news report, the outlet and the day it was published."""

    title: str
    url: str
    checked: str
    kind: str
    outlet: str | None = None
    published: str | None = None


@dataclass(frozen=True, kw_only=True)
class Case(Titled, Entity):
    """A municipality's case (data/cases/<id>.yml), on a page of its own (cases/<id>.md)."""

    title: str
    municipality: str
    prefecture: str
    type: str
    population_band: str
    themes: Texts
    steps: Ids
    tasks: Ids
    procedures: Ids = ()
    year: int | None = None
    summary: str
    details: Texts
    points: Texts = ()
    confidence: str
    reviewed: str
    changes: tuple[Change, ...] = ()
    sources: tuple[CaseSource, ...]

    def cites(self, entity_id: str) -> bool:
        """Whether the case names the step, work item or procedure ``entity_id``."""
        return entity_id in self.steps or entity_id in self.tasks or entity_id in self.procedures


@dataclass(frozen=True, kw_only=True)
class GlossaryTerm(Listed):
    """A glossary term (data/glossary.yml)."""

    term: str
    reading: str
    abbr: str | None = None
    expansion: str | None = None
    aliases: Texts = ()
    definition: str
    related: Ids = ()
    see: str | None = None
    sources: Ids = ()

    @property
    def name(self) -> str:
        return self.term


@dataclass(frozen=True)
class Edition:
    """An edition of this site (data/editions.yml)."""

    version: str
    date: str
    summary: str
    changes: Texts


@dataclass(frozen=True, kw_only=True)
class StatusEntry(Titled, Listed):
    """A dated current-state entry (data/status.yml) and the pages that show it."""

    title: str
    as_of: str
    summary: str
    actions: Texts
    sources: Ids
    pages: Texts
    tasks: Ids = ()
    procedures: Ids = ()


@dataclass(frozen=True)
class StatusSettings:
    """How old a status entry (days since ``as_of``) and a page's review may get before a warning."""

    max_age_days: int
    page_review_days: int


@dataclass(frozen=True, kw_only=True)
class Source(Titled, Listed):
    """A source cited by the data and the pages (data/sources/*.yml)."""

    title: str
    publisher: str
    url: str | None = None
    checked: str
    grade: str
    note: str | None = None
