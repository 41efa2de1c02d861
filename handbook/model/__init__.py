"""The handbook model: every data file loaded and validated, then read into typed entities (``readers.py``)."""
from __future__ import annotations

import fnmatch
import hashlib
import posixpath
from functools import lru_cache
from pathlib import Path

from ..data.kept import keep, recall
from ..data.layout import CACHE
from ..data import case_rules
from ..data.errors import DataError, Problem, quote
from ..data.files import source_files
from ..data.pages import read_pages
from ..data.reuse import Reuse
from ..data.schema import validate
from ..data.yaml_lines import Document, format_where
from .entities import Origin
from .handbook import Handbook
from .readers import read_handbook

# (file or glob under data/, schema name). Each file is one document.
COLLECTIONS = [
    ("overall/steps.yml", "steps"),
    ("overall/roles.yml", "roles"),
    ("overall/talent-checklist.yml", "checklist"),
    ("standardization/phases.yml", "phases"),
    ("standardization/patterns.yml", "patterns"),
    ("standardization/tasks.yml", "tasks"),
    ("standardization/systems.yml", "systems"),
    ("standardization/progress-steps.yml", "progress-steps"),
    ("online/procedures.yml", "procedures"),
    ("online/security-models.yml", "security-models"),
    ("online/support-measures.yml", "support-measures"),
    ("cases/*.yml", "case"),
    ("glossary.yml", "glossary"),
    ("editions.yml", "editions"),
    ("okurigana.yml", "okurigana"),
    ("synonyms.yml", "synonyms"),
    ("status.yml", "status"),
    ("prefectures.yml", "prefectures"),
    ("sources/*.yml", "sources"),
]
SCHEMAS = "schemas/*.schema.json"  # the only other files data/ may hold
EXCEL_LIST_LIMIT = 255  # characters of an Excel data-validation list (the system names, commas included)


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
    """Facts stated twice must agree, and the rules that span fields or files hold (cases: ``case_rules``)."""
    cases = [doc for name, doc in docs.items() if _matches(name, "cases/*.yml")]
    return (_group_count_problems(docs) + _excel_list_problems(docs) + _progress_step_problems(docs)
            + [p for doc in cases for p in case_rules.source_problems(doc)]
            + case_rules.coverage_problems(docs.get("standardization/tasks.yml"), cases)
            + case_rules.duplicate_title_problems(cases)
            + _prefecture_problems(docs.get("prefectures.yml"), cases))


def _group_count_problems(docs: dict[str, Document]) -> list[Problem]:
    """A group's count and the procedures listed in it agree (data/online/procedures.yml)."""
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


def _prefecture_problems(doc: Document | None, cases: list[Document]) -> list[Problem]:
    """A case's prefecture is one of the 47 in data/prefectures.yml (the case filters group cases by them)."""
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("prefectures"), list):
        return []
    names = {p.get("name") for p in doc.data["prefectures"] if isinstance(p, dict)}
    found = []
    for case in cases:
        value = case.data.get("prefecture") if isinstance(case.data, dict) else None
        if isinstance(value, str) and value not in names:
            found.append(Problem(case.path, case.line_of(("prefecture",)), "prefecture",
                                 f"{quote(value)} is not one of the 47 prefectures in data/prefectures.yml",
                                 f"都道府県 {quote(value)} は data/prefectures.yml の47都道府県のどれでもありません。"
                                 "「東京都」「北海道」のように正式な名前で書いてください。"))
    return found


PROGRESS_STEPS = 40  # the steps of the current 標準化手順書 (総務省 dashboard: 完了率 = steps done ÷ 40)


def _progress_step_problems(docs: dict[str, Document]) -> list[Problem]:
    """The 40 steps: each number 1–40 exactly once; a step not read in a source states nothing but its number
    (no name, phase or work item), one read has a name; a step's phase is the phase of its work item."""
    doc, tasks = docs.get("standardization/progress-steps.yml"), docs.get("standardization/tasks.yml")
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("steps"), list):
        return []
    phase_of = {}
    if tasks is not None and isinstance(tasks.data, dict):
        for t in tasks.data.get("tasks", []):
            if isinstance(t, dict):
                phase_of[t.get("id")] = t.get("phase")
                phase_of.update((sub.get("id"), t.get("phase")) for sub in t.get("subitems", []) if isinstance(sub, dict))
    found, seen = [], {}
    for i, step in enumerate(doc.data["steps"]):
        if not isinstance(step, dict):
            continue
        number = step.get("number")
        if isinstance(number, int):
            if number in seen:
                keys = ("steps", i, "number")
                found.append(Problem(doc.path, doc.line_of(keys), format_where(keys),
                                     f"step {number} is listed twice (first at line {seen[number]})"))
            seen.setdefault(number, doc.line_of(("steps", i)))
        if step.get("read") is False:
            stated = [name for name in ("name", "phase", "work_item", "basis") if name in step]
            for name in stated:
                keys = ("steps", i, name)
                found.append(Problem(doc.path, doc.line_of(keys), format_where(keys),
                                     f"'{name}' is given but read is false (a step not read in a source states "
                                     "nothing but its number: never guess)"))
            if not isinstance(number, int):
                found.append(Problem(doc.path, doc.line_of(("steps", i)), format_where(("steps", i)),
                                     "a step not read in a source needs its number"))
        elif step.get("read") is True and "name" not in step:
            found.append(Problem(doc.path, doc.line_of(("steps", i)), format_where(("steps", i)),
                                 "read is true but the step has no name"))
        item, phase = step.get("work_item"), step.get("phase")
        if item in phase_of and phase is not None and phase_of[item] != phase:
            keys = ("steps", i, "phase")
            found.append(Problem(doc.path, doc.line_of(keys), format_where(keys),
                                 f"phase is '{phase}' but work item '{item}' is in '{phase_of[item]}'"))
    missing = [n for n in range(1, PROGRESS_STEPS + 1) if n not in seen]
    if missing:
        found.append(Problem(doc.path, doc.line_of(("steps",)), "steps",
                             f"steps {', '.join(map(str, missing))} are missing (each of 1–{PROGRESS_STEPS} once; "
                             "a step not read in a source is listed with read: false)"))
    return found


def _excel_list_problems(docs: dict[str, Document]) -> list[Problem]:
    """The system names become an Excel dropdown (連携一覧, Fit/Gap): Excel splits the list at commas and allows
    255 characters in all, so a name holds no comma or double quote and the names with 「その他」 fit."""
    doc = docs.get("standardization/systems.yml")
    if doc is None or not isinstance(doc.data, dict) or not isinstance(doc.data.get("systems"), list):
        return []
    found, names = [], []
    for i, system in enumerate(doc.data["systems"]):
        name = system.get("name") if isinstance(system, dict) else None
        if isinstance(name, str):
            names.append(name)
            if "," in name or '"' in name:
                keys = ("systems", i, "name")
                found.append(Problem(doc.path, doc.line_of(keys), format_where(keys),
                                     "system name contains ',' or '\"' (Excel's dropdown list splits it)"))
    length = len(",".join(names + ["その他"]))
    if length > EXCEL_LIST_LIMIT:
        found.append(Problem(doc.path, doc.line_of(("systems",)), "systems",
                             f"system name list is {length} characters (Excel's dropdown list allows {EXCEL_LIST_LIMIT})"))
    return found


def load_handbook(data_dir: Path, cache: Path | None = None, docs_dir: Path | None = None,
                  save_cache: bool = True) -> Handbook:
    """Load and validate every data file (and with ``docs_dir``, every page's front matter); raise ``DataError``
    listing all problems.

    With ``cache`` (a file), what parsing and validating each file found is kept (``handbook.data.reuse``): a load
    after an edit parses and validates only the files whose bytes changed, and a load after no change neither
    parses YAML nor imports jsonschema. The results stay in memory for the next load in the same process
    (``mkdocs serve``; loading unchanged files again returns the same model) and are written to ``cache`` with
    ``save_cache`` (the generate stage) after a successful load; a change of this loader's code discards them.
    """
    data_dir = Path(data_dir)
    root = data_dir.parent
    data_files, problems = source_files(data_dir, root)  # symlinks and special files refused, never read
    page_files, found = source_files(docs_dir, root) if docs_dir else ([], [])
    problems += found
    state = _file_state(data_files + [p for p in page_files if p.suffix == ".md"]) if cache and not problems else None
    reuse = (recall(cache, _code_digest()) if cache else None) or Reuse()
    last_state, last = _LAST_LOAD.get(str(cache), (None, None))
    if state is not None and state == last_state:
        _keep(cache, reuse, save_cache)
        return last
    docs, collection_of, found = _read_documents(data_dir, data_files, reuse)
    problems += found
    pages, found = read_pages(page_files, docs_dir, root) if docs_dir else ({}, [])
    problems += found

    ids: dict[str, Origin] = {}
    for name, doc in docs.items():
        problems += _index_entities(ids, doc, collection_of[name])
    problems += validate(docs, collection_of, ids, data_dir / "schemas", reuse)
    metas = {src: page.meta for src, page in pages.items()}
    problems += validate(metas, dict.fromkeys(metas, "page"), ids, data_dir / "schemas", reuse)
    problems += _consistency_problems(docs)
    if problems:
        unique = list(dict.fromkeys(problems))
        raise DataError(sorted(unique, key=lambda p: (p.path, p.line)))
    if cache:
        reuse.keep({doc.path for doc in docs.values()} | {page.meta.path for page in pages.values()})
        _keep(cache, reuse, save_cache)
    handbook = read_handbook(docs, collection_of, pages)
    if state is not None:
        _LAST_LOAD[str(cache)] = (state, handbook)
    return handbook


# The last successful load of this process by cache file, with the files it read: loading the same files again
# (the generate stage, then define_env, in one ``mkdocs serve`` rebuild) returns the same model.
_LAST_LOAD: dict[str, tuple[tuple, Handbook]] = {}


def _keep(cache: Path, reuse: Reuse, save: bool) -> None:
    """Keep ``reuse`` in memory, and write it to ``cache`` with ``save`` if it holds anything new."""
    write = save and reuse.changed
    keep(cache, _code_digest(), reuse, write=write)
    reuse.changed = reuse.changed and not write


def _file_state(files: list[Path]) -> tuple:
    """Each file with a digest of its bytes."""
    return tuple((str(path), hashlib.sha256(path.read_bytes()).digest()) for path in files)


def _matches(name: str, pattern: str) -> bool:
    """``cases/x.yml`` matches ``cases/*.yml``; ``cases/sub/x.yml`` and ``cases/x.YML`` do not."""
    return name.count("/") == pattern.count("/") and fnmatch.fnmatchcase(name, pattern)


def _read_documents(data_dir: Path, files: list[Path], reuse: Reuse) -> tuple[dict[str, Document], dict[str, str], list[Problem]]:
    """Parse every data file among ``files``: documents by path under data/, their schema names, and problems
    (syntax, and files that no collection reads: a ``.yaml`` or ``.YML`` file, one in a subfolder, a stray file)."""
    problems: list[Problem] = []
    docs: dict[str, Document] = {}
    collection_of: dict[str, str] = {}
    names = {path.relative_to(data_dir).as_posix(): path for path in files}
    read: set[str] = set()
    for pattern, schema_name in COLLECTIONS:
        matched = [name for name in names if _matches(name, pattern)]
        read.update(matched)
        if not matched and "*" not in pattern:
            problems.append(Problem(f"data/{pattern}", 1, "", "file is missing"))
        for name in matched:
            doc, found = reuse.read_yaml(names[name], data_dir.parent)
            problems += found
            if doc is not None:
                docs[name], collection_of[name] = doc, schema_name
    for name in names.keys() - read:
        if not _matches(name, SCHEMAS):
            problems.append(Problem(f"data/{name}", 1, "", "file is not read by any collection"))
    return docs, collection_of, problems


@lru_cache(maxsize=None)
def _code_digest() -> str:
    """A digest of the code that reads and validates (kept results are only as good as the code that made them)."""
    digest = hashlib.sha256()
    for path in sorted((Path(__file__).parent.parent / "data").glob("*.py")) + [Path(__file__)]:
        digest.update(path.read_bytes())
    return digest.hexdigest()


def _index_entities(ids: dict[str, Origin], doc: Document, collection: str) -> list[Problem]:
    """Add where each of the document's ids is defined to ``ids``; duplicate ids and misnamed case files are problems."""
    problems = []
    for keys, value in _entities_in(doc.data):
        entity_id = value["id"]
        if entity_id in ids:
            first = ids[entity_id]
            problems.append(Problem(doc.path, doc.line_of(keys + ("id",)), format_where(keys + ("id",)),
                                    f"duplicate id '{entity_id}' (first defined at {first.path}:{first.line})"))
            continue
        ids[entity_id] = Origin(doc, keys)
    if collection == "case" and isinstance(doc.data, dict):
        expected = posixpath.splitext(posixpath.basename(doc.path))[0]
        if doc.data.get("id") not in (None, expected):
            problems.append(Problem(doc.path, doc.line_of(("id",)), "id",
                                    f"id '{doc.data.get('id')}' must match the file name '{expected}'"))
    return problems


def load(root: Path, save_cache: bool = False) -> Handbook:
    """The model of project ``root``'s data and pages (the cache under build/cache/ is read, and written only when
    ``save_cache``: only the generate stage writes)."""
    return load_handbook(root / "data", cache=root / CACHE / "handbook.pickle", docs_dir=root / "docs",
                         save_cache=save_cache)
