"""The handbook as open data: ``api/handbook.json``, one JSON file per collection, a JSON Schema for each, and CSV
where a collection is a flat table.

A pure function of the model (the same one the pages are rendered from), the build stamp and a page-URL function,
so the files can never disagree with the pages. Every record keeps the ``id`` of the data files (stable across
editions) and, where the entity has a page, the ``url`` of its page and anchor. Output is deterministic: compact JSON
with sorted keys, records in data order, nothing time-dependent but the build stamp.
"""
from __future__ import annotations

import copy
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

from ..render.escape import attr
from ..render.escape import text as label
from .downloads.csvtext import table_csv

FOLDER = "api"
SCHEMA_DRAFT = "https://json-schema.org/draft/2020-12/schema"
TERMS = ("本サイトは公開資料をもとに作成した非公式のウェブ版であり、総務省が作成・公開したものではない。"
         "正式な内容は総務省の原文を確認すること。")


@dataclass(frozen=True)
class Collection:
    """One published collection: its entities (``of(handbook)``, in data order, cases by id), the data schema
    their records follow (listed under ``list_key`` of its files; ``None`` when each file is one record, as for
    cases), and the columns of its CSV (``None``: no CSV)."""

    name: str
    title: str
    of: Callable[..., Sequence]
    schema: str
    list_key: str | None
    csv: tuple[str, ...] | None = None


# Adding a collection is one line here.
COLLECTIONS = [
    Collection("work-items", "標準化の作業項目①〜⑰", lambda hb: hb.tasks, "tasks", "tasks",
               ("id", "number", "title", "phase", "patterns", "summary", "url")),
    Collection("progress-steps", "標準化手順書の40ステップと作業項目の対応", lambda hb: hb.progress_steps,
               "progress-steps", "steps",
               ("id", "number", "read", "name", "phase", "work_item", "basis", "location", "sources", "url")),
    Collection("phases", "標準化の移行フェーズ", lambda hb: hb.phases, "phases", "phases",
               ("id", "number", "title", "summary", "url")),
    Collection("patterns", "移行パターン（A・B）", lambda hb: hb.patterns, "patterns", "patterns", ("id", "title", "summary")),
    Collection("systems", "標準化の対象となる20業務", lambda hb: hb.systems, "systems", "systems",
               ("id", "name", "field", "initial17", "url")),
    Collection("procedures", "オンライン化を進める31手続", lambda hb: hb.procedures, "procedures", "procedures",
               ("id", "name", "group", "subgroup", "confirmed", "url")),
    Collection("cases", "参考事例", lambda hb: hb.cases, "case", None,
               ("id", "title", "municipality", "prefecture", "type", "population_band", "themes", "steps", "tasks",
                "year", "confidence", "url")),
    Collection("glossary", "用語集", lambda hb: hb.glossary, "glossary", "terms",
               ("id", "term", "reading", "abbr", "expansion", "definition", "url")),
    Collection("sources", "出典", lambda hb: hb.sources, "sources", "sources",
               ("id", "title", "publisher", "url", "checked", "grade")),
    Collection("status", "いまの状況（日付付きの現状）", lambda hb: hb.status_entries, "status", "entries",
               ("id", "title", "as_of", "summary", "sources", "pages", "tasks", "procedures", "url")),
]


def _page_url(handbook, page_url: Callable[[str], str], entity_id: str) -> str | None:
    try:
        return page_url(handbook.home(entity_id))
    except KeyError:  # documented on no page of its own (e.g. a source: listed where it is cited)
        return None


def _with_urls(handbook, page_url, value):
    """A copy of ``value`` where every mapping naming a known entity gets the ``url`` of its page
    (as ``page_url`` where the data has a ``url`` of its own, e.g. a source's document)."""
    if isinstance(value, list):
        return [_with_urls(handbook, page_url, v) for v in value]
    if not isinstance(value, dict):
        return value
    out = {k: _with_urls(handbook, page_url, v) for k, v in value.items()}
    entity_id = value.get("id")
    if isinstance(entity_id, str) and entity_id in handbook.entities:
        url = _page_url(handbook, page_url, entity_id)
        if url is not None:
            out["page_url" if "url" in value else "url"] = url
    return out


def _item_of(data_schema: dict, list_key: str | None) -> dict:
    return data_schema["properties"][list_key]["items"] if list_key else data_schema


def record_schema(data_schema: dict, list_key: str | None) -> dict:
    """The JSON Schema of one record: the data file's own schema for it, with ``url`` (and, where the data has a
    ``url`` of its own, ``page_url``) allowed on every object that has an ``id``."""
    item = copy.deepcopy(_item_of(data_schema, list_key))
    for key in ("$schema", "title"):
        item.pop(key, None)

    def add(schema):
        if isinstance(schema, dict):
            props = schema.get("properties")
            if isinstance(props, dict) and "id" in props:
                name = "page_url" if "url" in props else "url"
                props[name] = {"type": "string", "minLength": 1, "description": "この項目を説明するページ（とその見出し）のURL"}
            for v in list(schema.values()):
                add(v)
        elif isinstance(schema, list):
            for v in schema:
                add(v)

    add(item)
    return item


def _stamp(build: dict) -> dict:
    return {"edition": build["edition"], "version": build["version"], "commit": build["commit"], "date": build["date"]}


def _header_schema(title: str) -> dict:
    string = {"type": "string", "minLength": 1}
    return {
        "site": string,
        "title": {"type": "string", "const": title},
        "build": {"type": "object", "additionalProperties": False, "required": ["edition", "version", "commit", "date"],
                  "properties": {"edition": string, "version": string, "commit": string,
                                 "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}},
        "terms": string,
        "licence": {"type": "null", "description": "本サイトは利用条件（ライセンス）をまだ定めていない"},
        "schema": string,
    }


def _csv_value(value) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return " ".join(str(v) for v in value)
    return "" if value is None else str(value)


def _json(value) -> bytes:
    """Compact JSON with sorted keys (indenting would make the files a third larger and, at 2,000 cases, cost a
    fifth of a second per ``mkdocs serve`` rebuild: Python encodes indented JSON without its C encoder)."""
    return (json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n").encode("utf-8")


def open_data(handbook, build: dict, page_url: Callable[[str], str], site: str, schemas_dir: Path) -> dict[str, bytes]:
    """``{path under api/: bytes}``: handbook.json, <collection>.json (+ .csv) and schemas/<name>.schema.json.

    ``page_url("path/page.md#anchor")`` gives the URL a record links to; ``site`` names the site in every file.
    """
    files: dict[str, bytes] = {}
    stamp = _stamp(build)
    index, all_defs = {}, {}
    for c in COLLECTIONS:
        data_schema = json.loads((Path(schemas_dir) / f"{c.schema}.schema.json").read_text(encoding="utf-8"))
        records = [_with_urls(handbook, page_url, e.origin.record) for e in c.of(handbook)]
        item = record_schema(data_schema, c.list_key)
        link = "page_url" if "url" in _item_of(data_schema, c.list_key)["properties"] else "url"
        if records and all(link in r for r in records):  # every record has a page: the schema says so
            item["required"] = sorted(set(item.get("required", [])) | {link})
        all_defs[c.name] = item
        schema_name = f"schemas/{c.name}.schema.json"
        files[schema_name] = _json({
            "$schema": SCHEMA_DRAFT, "title": f"{c.title}（{FOLDER}/{c.name}.json）", "type": "object",
            "additionalProperties": False, "required": ["site", "title", "build", "terms", "licence", "schema", "items"],
            "properties": {**_header_schema(c.title), "items": {"type": "array", "items": {"$ref": "#/$defs/item"}}},
            "$defs": {"item": item}})
        files[f"{c.name}.json"] = _json({"site": site, "title": c.title, "build": stamp, "terms": TERMS, "licence": None,
                                         "schema": schema_name, "items": records})
        entry = {"title": c.title, "count": len(records), "json": f"{c.name}.json", "schema": schema_name}
        if c.csv:
            files[f"{c.name}.csv"] = table_csv(c.csv, ([_csv_value(r.get(k)) for k in c.csv] for r in records))
            entry["csv"] = f"{c.name}.csv"
        index[c.name] = dict(entry, items=records)
    files["schemas/handbook.schema.json"] = _json({
        "$schema": SCHEMA_DRAFT, "title": f"自治体DX推進手順書 ウェブ版のデータ一式（{FOLDER}/handbook.json）",
        "type": "object", "additionalProperties": False,
        "required": ["site", "title", "build", "terms", "licence", "schema", "collections"],
        "properties": {**_header_schema("自治体DX推進手順書 ウェブ版のデータ一式"), "collections": {
            "type": "object", "additionalProperties": False, "required": sorted(all_defs),
            "properties": {name: {
                "type": "object", "additionalProperties": False, "required": ["title", "count", "json", "schema", "items"],
                "properties": {"title": {"type": "string"}, "count": {"type": "integer", "minimum": 0},
                               "json": {"type": "string"}, "csv": {"type": "string"}, "schema": {"type": "string"},
                               "items": {"type": "array", "items": {"$ref": f"#/$defs/{name}"}}}}
                for name in all_defs}}},
        "$defs": all_defs})
    files["handbook.json"] = _json({"site": site, "title": "自治体DX推進手順書 ウェブ版のデータ一式", "build": stamp,
                                    "terms": TERMS, "licence": None, "schema": "schemas/handbook.schema.json",
                                    "collections": index})
    return files


def published_index(docs_dir: Path) -> dict:
    """``api/handbook.json`` as the generate stage wrote it into the staged docs."""
    path = Path(docs_dir) / FOLDER / "handbook.json"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run the generate stage first (make generate)")
    return json.loads(path.read_text(encoding="utf-8"))


def files_table(index: dict, href: Callable[[str], str]) -> str:
    """The downloads page's list of the open-data files: what each holds, how many records, JSON, schema, CSV."""

    def link(name: str, text: str) -> str:
        return f'<a href="{attr(href(f"{FOLDER}/{name}"))}" download>{label(text)}</a>'

    rows = [f'<tr><th scope="row">全データ一式</th><td>下の全ての集まり</td><td>{link("handbook.json", "handbook.json")}</td>'
            f'<td>{link(index["schema"], index["schema"].rpartition("/")[2])}</td><td>－</td></tr>']
    for c in (index["collections"][spec.name] for spec in COLLECTIONS):
        csv_cell = link(c["csv"], c["csv"]) if c.get("csv") else "－"
        rows.append(f'<tr><th scope="row">{label(c["title"])}</th><td>{c["count"]}件</td>'
                    f'<td>{link(c["json"], c["json"])}</td><td>{link(c["schema"], c["schema"].rpartition("/")[2])}</td>'
                    f'<td>{csv_cell}</td></tr>')
    head = "".join(f'<th scope="col">{h}</th>' for h in ("内容", "件数", "JSON", "JSON Schema", "CSV"))
    return (f'<table class="dx-table dx-open-data"><caption>オープンデータのファイル（{FOLDER}/）</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")
