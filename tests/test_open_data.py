"""The handbook as open data (api/): every file valid against its JSON Schema, stable ids, deterministic bytes,
and agreement with the built pages (each URL is a built page with that anchor; counts equal the pages' tables)."""
from __future__ import annotations

import csv
import io
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from jsonschema import Draft202012Validator

from handbook.model import load_handbook
from handbook.outputs import open_data as od
from handbook.render.links import page_url
from tests import identity
from tests.conftest import ROOT

BUILD = {"edition": "2026年12月版", "version": "0.2", "commit": "abc1234567", "date": "2026-12-01"}
SITE_URL = identity.SITE_URL


def make_files():
    hb = load_handbook(ROOT / "data")

    def url(target):
        src, _, anchor = target.partition("#")
        return SITE_URL + page_url(src, True) + (f"#{anchor}" if anchor else "")
    return od.open_data(hb, BUILD, url, "自治体DX推進手順書 ウェブ版", ROOT / "data/schemas")


@pytest.fixture(scope="module")
def files():
    return make_files()


def loaded(files, name):
    return json.loads(files[name].decode("utf-8"))


def test_every_file_validates_against_its_schema(files):
    jsons = [n for n in files if n.endswith(".json") and not n.startswith("schemas/")]
    assert sorted(jsons) == sorted(["handbook.json"] + [f"{c.name}.json" for c in od.COLLECTIONS])
    for name in jsons:
        doc = loaded(files, name)
        schema = loaded(files, doc["schema"])
        Draft202012Validator.check_schema(schema)
        errors = list(Draft202012Validator(schema).iter_errors(doc))
        assert errors == [], (name, [e.message for e in errors[:3]])
        assert doc["build"] == BUILD and doc["licence"] is None and "非公式" in doc["terms"]


def test_schemas_reject_what_the_data_may_not_hold(files):
    doc = loaded(files, "work-items.json")
    validator = Draft202012Validator(loaded(files, doc["schema"]))
    doc["items"][0]["patterns"] = ["C"]
    assert not validator.is_valid(doc)
    doc = loaded(files, "handbook.json")
    del doc["collections"]["procedures"]["items"][0]["url"]
    assert not Draft202012Validator(loaded(files, doc["schema"])).is_valid(doc)


def test_ids_are_the_data_ids_and_counts_are_the_handbooks(files):
    hb = load_handbook(ROOT / "data")
    index = loaded(files, "handbook.json")["collections"]
    counts = {name: c["count"] for name, c in index.items()}
    assert counts["work-items"] == 17 and counts["systems"] == 20 and counts["procedures"] == 31
    assert counts["phases"] == 3 and counts["patterns"] == 2 and counts["cases"] == len(hb.cases)
    for c in od.COLLECTIONS:
        items = loaded(files, f"{c.name}.json")["items"]
        assert items == index[c.name]["items"]
        ids = [i["id"] for i in items]
        assert len(set(ids)) == len(ids) and all(hb.get(i) in c.of(hb) for i in ids)
    assert [i["id"] for i in index["work-items"]["items"]] == [f"std-{n:02d}" for n in range(1, 18)]
    assert index["work-items"]["items"][1]["subitems"][0]["url"].endswith("standardization/ch2/planning/02-current-systems/#std-02a")


def test_output_is_deterministic_with_sorted_keys(files):
    assert make_files() == files
    for name, data in files.items():
        if name.endswith(".json"):
            value = json.loads(data)
            assert data.decode("utf-8") == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def test_csv_has_one_row_per_record(files):
    for c in od.COLLECTIONS:
        if not c.csv:
            continue
        text = files[f"{c.name}.csv"].decode("utf-8-sig")
        rows = list(csv.reader(io.StringIO(text)))
        assert tuple(rows[0]) == c.csv and len(rows) - 1 == len(loaded(files, f"{c.name}.json")["items"])


class _Ids(HTMLParser):
    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        self.ids.update(v for k, v in attrs if k == "id")


def _ids(path: Path, cache={}) -> set[str]:
    if path not in cache:
        parser = _Ids()
        parser.feed(path.read_text(encoding="utf-8"))
        cache[path] = parser.ids
    return cache[path]


def _page_urls(value):
    """(id, page URL) of every record and nested record (a source's own ``url`` is its document; its page link
    would be ``page_url``)."""
    if isinstance(value, dict):
        if "id" in value and "page_url" in value:
            yield value["id"], value["page_url"]
        elif "id" in value and "url" in value and not value["id"].startswith("src-"):
            yield value["id"], value["url"]
        for v in value.values():
            yield from _page_urls(v)
    elif isinstance(value, list):
        for v in value:
            yield from _page_urls(v)


@pytest.mark.parametrize("build", ["site", "offline_site"])
def test_every_url_is_a_built_page_with_that_anchor(build, request):
    out = request.getfixturevalue(build)
    doc = json.loads((out / "api/handbook.json").read_text(encoding="utf-8"))
    Draft202012Validator(json.loads((out / "api" / doc["schema"]).read_text(encoding="utf-8"))).validate(doc)
    checked = 0
    for entity_id, url in _page_urls(doc["collections"]):
        assert url.startswith(SITE_URL), url   # the published page, in both builds (the same files)
        path = urlsplit(url).path[len(urlsplit(SITE_URL).path):]
        if build == "offline_site":  # the same page in the bundle: no directory URLs (a/b/ is a/b.md or a/b/index.md)
            page = (path[:-1] if path.endswith("/") else path or "index") + ".html"
            path = page if (out / page).is_file() or not path.endswith("/") else path + "index.html"
        anchor = url.partition("#")[2]
        file = out / (path + "index.html" if path.endswith("/") or path == "" else path)
        assert file.is_file(), (entity_id, url)
        if anchor:
            assert anchor == entity_id and anchor in _ids(file), (entity_id, url)
        checked += 1
    assert checked >= 17 + 20 + 31 + 3


def test_procedures_equal_the_rows_of_the_procedure_tables(site):
    doc = json.loads((site / "api/procedures.json").read_text(encoding="utf-8"))
    html = (site / "online/policy/index.html").read_text(encoding="utf-8")
    rows = re.findall(r'<tr id="(proc-[^"]+)"', html)
    assert rows == [p["id"] for p in doc["items"]] and len(rows) == 31


def test_work_items_equal_the_rows_of_the_step_table(site):
    doc = json.loads((site / "api/work-items.json").read_text(encoding="utf-8"))
    html = (site / "standardization/ch2/index.html").read_text(encoding="utf-8")
    table = html[html.index('<table class="dx-table dx-steps">'):]
    table = table[:table.index("</table>")]
    titles = re.findall(r'<th scope="row"><a href="[^"]*">([^<]+)</a>', table)
    assert titles == [i["title"] for i in doc["items"]]


def test_downloads_page_lists_every_file_with_its_count(files, site):
    table = od.files_table(loaded(files, "handbook.json"), lambda target: target)
    titles = re.findall(r'<tr><th scope="row">([^<]+)</th><td>(\d+)件</td>', table)
    index = loaded(files, "handbook.json")["collections"]
    assert titles == [(c.title, str(index[c.name]["count"])) for c in od.COLLECTIONS]
    html = (site / "downloads/index.html").read_text(encoding="utf-8")
    for href in re.findall(r'<a href="(\.\./api/[^"]+)" download>', html):
        assert (site / "downloads" / href).resolve().is_file(), href
    assert '<a href="../api/handbook.json" download>' in html and "ライセンス）をまだ定めていない" in html
