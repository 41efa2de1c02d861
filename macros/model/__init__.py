"""The handbook model: every data file loaded, validated and indexed by id."""
from __future__ import annotations

import hashlib
import pickle
import posixpath
from dataclasses import dataclass, field
from pathlib import Path

from ..outputs.files import write_atomic
from ..data.errors import DataError, Problem
from ..data.pages import read_pages
from ..data.yaml_lines import Document, format_where, read_yaml

# (file or glob under data/, schema name). Each file is one document.
COLLECTIONS = [
    ("overall/steps.yml", "steps"),
    ("overall/roles.yml", "roles"),
    ("overall/talent-checklist.yml", "checklist"),
    ("standardization/phases.yml", "phases"),
    ("standardization/patterns.yml", "patterns"),
    ("standardization/tasks.yml", "tasks"),
    ("standardization/systems.yml", "systems"),
    ("online/procedures.yml", "procedures"),
    ("online/security-models.yml", "security-models"),
    ("online/support-measures.yml", "support-measures"),
    ("cases/*.yml", "case"),
    ("glossary.yml", "glossary"),
    ("editions.yml", "editions"),
    ("status.yml", "status"),
    ("sources/*.yml", "sources"),
]


@dataclass
class Entity:
    """One record with an ``id``: where it came from and what it holds."""

    id: str
    data: dict
    doc: Document
    keys: tuple
    collection: str

    @property
    def line(self) -> int:
        return self.doc.line_of(self.keys)

    def __getitem__(self, key):
        return self.data[key]

    def get(self, key, default=None):
        return self.data.get(key, default)


@dataclass
class Handbook:
    """All data documents, and an index of every entity by id."""

    docs: dict[str, Document]
    entities: dict[str, Entity] = field(default_factory=dict)
    pages: dict[str, Document] = field(default_factory=dict)  # front matter by path under docs/

    def doc(self, name: str) -> dict:
        """The data of one file, by its path under data/ (``standardization/tasks.yml``)."""
        return self.docs[name].data

    def get(self, entity_id: str) -> Entity:
        """The entity with this id; ``KeyError`` naming the id if unknown."""
        try:
            return self.entities[entity_id]
        except KeyError:
            raise KeyError(f"unknown id '{entity_id}'") from None

    def of(self, collection: str) -> list[Entity]:
        """Entities of one collection (schema name), in file order."""
        return [e for e in self.entities.values() if e.collection == collection and len(e.keys) <= 2]

    @property
    def cases(self) -> list[Entity]:
        return sorted(self.of("case"), key=lambda e: e.id)

    def home(self, entity_id: str) -> str:
        """The page (path under docs/) and anchor where an entity is documented."""
        entity = self.get(entity_id)
        if entity.collection == "case":
            return f"cases/{entity.id}.md"
        if entity.get("page"):
            return entity["page"]
        if entity.collection == "tasks":  # a work item or one of its sub-items: on its phase's page
            task = entity.doc.data["tasks"][entity.keys[1]]
            return f"{self.get(task['phase'])['page']}#{entity.id}"
        page = entity.doc.data.get("page")
        if not page:
            raise KeyError(f"'{entity_id}' has no page to link to")
        return f"{page}#{entity.id}"


def _entities_in(value, keys=()):
    """Yield (keys, mapping) for every mapping with a string ``id`` inside ``value``."""
    if isinstance(value, dict):
        if isinstance(value.get("id"), str):
            yield keys, value
        for k, v in value.items():
            yield from _entities_in(v, keys + (k,))
    elif isinstance(value, list):
        for i, v in enumerate(value):
            yield from _entities_in(v, keys + (i,))


def _consistency_problems(docs: dict[str, Document]) -> list[Problem]:
    """Facts stated twice in one file must agree (a group's count and the procedures listed in it)."""
    doc = docs.get("online/procedures.yml")
    if doc is None or not isinstance(doc.data, dict):
        return []
    found = []
    listed = [p.get("group") for p in doc.data.get("procedures", []) if isinstance(p, dict)]
    for i, group in enumerate(doc.data.get("groups", [])):
        if isinstance(group, dict) and listed.count(group.get("id")) != group.get("count"):
            keys = ("groups", i, "count")
            found.append(Problem(doc.path, doc.line_of(keys), format_where(keys),
                                 f"count is {group.get('count')} but {listed.count(group.get('id'))} procedures "
                                 f"name group '{group.get('id')}'"))
    return found


def load_handbook(data_dir: Path, cache: Path | None = None, docs_dir: Path | None = None) -> Handbook:
    """Load and validate every data file (and with ``docs_dir``, every page's front matter); raise ``DataError``
    listing all problems.

    With ``cache`` (a file), the documents of the last successful load are reused when the data, the schemas
    and this loader's code are byte-for-byte the same: a build that changes no data neither parses YAML nor
    imports jsonschema. Any difference re-reads and re-validates everything, and a failed load is never cached.
    """
    data_dir = Path(data_dir)
    key = _validation_key(data_dir, docs_dir) if cache else None
    cached = _read_cache(cache, key) if key else None
    if cached is not None:
        docs, collection_of, pages = cached
        problems = []
    else:
        docs, collection_of, problems = _read_documents(data_dir)
        pages, found = read_pages(docs_dir, data_dir.parent) if docs_dir else ({}, [])
        problems += found

    handbook = Handbook(docs, pages=pages)
    for name, doc in docs.items():
        problems += _index_entities(handbook, doc, collection_of[name])
    if cached is None:
        from ..data.schema import validate  # jsonschema is imported only when validation has to run
        problems += validate(docs, collection_of, handbook.entities, data_dir / "schemas")
        problems += validate(pages, dict.fromkeys(pages, "page"), handbook.entities, data_dir / "schemas")
        problems += _consistency_problems(docs)
    if problems:
        unique = list(dict.fromkeys(problems))
        raise DataError(sorted(unique, key=lambda p: (p.path, p.line)))
    if key and cached is None:
        write_atomic(cache, pickle.dumps((key, docs, collection_of, pages), protocol=pickle.HIGHEST_PROTOCOL))
    return handbook


def _read_documents(data_dir: Path) -> tuple[dict[str, Document], dict[str, str], list[Problem]]:
    """Parse every data file: documents by path under data/, their schema names, and syntax problems."""
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    collection_of: dict[str, str] = {}
    for pattern, schema_name in COLLECTIONS:
        paths = sorted(data_dir.glob(pattern))
        if not paths and "*" not in pattern:
            problems.append(Problem(f"data/{pattern}", 1, "", "file is missing"))
        for path in paths:
            doc, found = read_yaml(path, data_dir.parent)
            problems += found
            if doc is not None:
                name = path.relative_to(data_dir).as_posix()
                docs[name], collection_of[name] = doc, schema_name
    return docs, collection_of, problems


def _read_cache(cache: Path, key: str):
    """The cached (documents, schema names) if the cache was written for ``key``, else ``None``."""
    try:
        cached_key, *cached = pickle.loads(cache.read_bytes())
    except Exception:  # missing, damaged or written by older code: load from the YAML instead
        return None
    return cached if cached_key == key else None


def _validation_key(data_dir: Path, docs_dir: Path | None) -> str:
    """A digest of every data, schema and page file and of the loading and validating code."""
    digest = hashlib.sha256()
    code = sorted((Path(__file__).parent.parent / "data").glob("*.py")) + [Path(__file__)]
    pages = sorted(Path(docs_dir).rglob("*.md")) if docs_dir else []
    for path in sorted(data_dir.rglob("*")) + pages + code:
        if path.is_file():
            digest.update(path.as_posix().encode("utf-8"))
            digest.update(path.read_bytes())
    return digest.hexdigest()


def _index_entities(handbook: Handbook, doc: Document, collection: str) -> list[Problem]:
    """Add the document's entities to the index; duplicate ids and misnamed case files are problems."""
    problems = []
    for keys, value in _entities_in(doc.data):
        entity_id = value["id"]
        if entity_id in handbook.entities:
            first = handbook.entities[entity_id]
            problems.append(Problem(doc.path, doc.line_of(keys + ("id",)), format_where(keys + ("id",)),
                                    f"duplicate id '{entity_id}' (first defined at {first.doc.path}:{first.line})"))
            continue
        handbook.entities[entity_id] = Entity(entity_id, value, doc, keys, collection)
    if collection == "case" and isinstance(doc.data, dict):
        expected = posixpath.splitext(posixpath.basename(doc.path))[0]
        if doc.data.get("id") not in (None, expected):
            problems.append(Problem(doc.path, doc.line_of(("id",)), "id",
                                    f"id '{doc.data.get('id')}' must match the file name '{expected}'"))
    return problems
