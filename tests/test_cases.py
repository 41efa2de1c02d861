"""The case collection and the pages around it: case files and their pages, the filterable index,
the glossary and the about pages."""
from __future__ import annotations

import re
from html import unescape

import pytest
import yaml

from handbook.model import load_handbook
from tests import identity
from tests.conftest import ROOT

CASE_DATA = ROOT / "data/cases"
CASE_DOCS = ROOT / "docs/cases"


def case_files() -> dict[str, dict]:
    return {p.stem: yaml.safe_load(p.read_text(encoding="utf-8")) for p in sorted(CASE_DATA.glob("case-*.yml"))}


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data")


def test_every_case_file_gets_a_generated_page(project, site):
    """The generate stage writes build/docs/cases/<id>.md for each data/cases/<id>.yml (never under docs/)."""
    data = set(case_files())
    assert {p.stem for p in (project / "build/docs/cases").glob("case-*.md")} == data
    for case_id in data:
        assert (site / "cases" / case_id / "index.html").is_file(), case_id
    assert not list(CASE_DOCS.glob("case-*")), "case pages are generated into build/docs/, never written to docs/"


def test_the_collection_has_at_least_fifteen_cases():
    assert len(case_files()) >= 15


def test_no_case_claims_to_be_in_the_official_collection():
    for case_id, case in case_files().items():
        text = yaml.safe_dump(case, allow_unicode=True)
        assert not re.search(r"参考事例集に(掲載|載)|事例集掲載", text), case_id


def test_secondary_cases_are_marked_as_reported(hb):
    """A case graded 二次 must read as reported, not as established fact, somewhere in its summary or details."""
    for case in hb.cases:
        if case.confidence == "二次":
            text = case.summary + "".join(case.details)
            assert re.search(r"報道|によれば|による|とされ|紹介", text), case.id


FILTERS = {  # the URL query key and row attribute of each filter, and a case's values for it
    "region": lambda hb, c: [next(p.region for p in hb.prefectures if p.name == c.prefecture)],
    "pref": lambda hb, c: [c.prefecture], "type": lambda hb, c: [c.type], "pop": lambda hb, c: [c.population_band],
    "theme": lambda hb, c: c.themes, "task": lambda hb, c: c.tasks, "proc": lambda hb, c: c.procedures,
    "step": lambda hb, c: c.steps,
}


def index_rows(html: str) -> list[tuple[dict, str]]:
    """Each row of the case index: its data- attributes and the href of its case link."""
    rows = re.findall(r'<tr((?: data-[a-z]+="[^"]*")+)>\s*<th scope="row"><a href="([^"]+)">', html)
    return [({k: unescape(v).split() for k, v in re.findall(r' data-([a-z]+)="([^"]*)"', attrs)}, href)
            for attrs, href in rows]


def test_index_has_one_row_per_case_with_the_values_of_every_filter(site, hb):
    html = (site / "cases/index.html").read_text(encoding="utf-8")
    rows = index_rows(html)
    assert len(rows) == len(hb.cases)
    for (data, href), case in zip(rows, hb.cases):
        assert data == {name: list(values_of(hb, case)) for name, values_of in FILTERS.items()}, case.id
        assert href == f"{case.id}/"
        assert (site / "cases" / case.id / "index.html").is_file()


def test_index_filter_form_offers_the_values_used_in_order_and_loads_its_scripts(site, hb):
    html = (site / "cases/index.html").read_text(encoding="utf-8")
    start = html.index('<form class="dx-filter"')
    form = html[start:html.index("</form>", start)]
    assert form.split(">", 1)[0].endswith(" hidden"), "the form stays hidden until the script runs"
    assert 'aria-live="polite"' in form
    offered = {}
    for name, values_of in FILTERS.items():
        select = re.search(rf'<select data-filter="{name}" name="{name}">(.*?)</select>', form).group(1)
        offered[name] = [unescape(v) for v in re.findall(r'<option value="([^"]+)">', select)]
        assert set(offered[name]) == {v for c in hb.cases for v in values_of(hb, c)}, name
    order = [p.name for p in hb.prefectures]
    assert offered["pref"] == sorted(offered["pref"], key=order.index)  # in code order, under their regions
    regions = list(dict.fromkeys(p.region for p in hb.prefectures))
    assert offered["region"] == sorted(offered["region"], key=regions.index)
    body_types = ["都道府県", "指定都市", "中核市", "市", "特別区", "町", "村"]
    known = [t for t in offered["type"] if t in body_types]
    assert known == sorted(known, key=body_types.index)
    assert offered["task"] == sorted(offered["task"], key=lambda t: hb.get(t).number)
    scripts = re.findall(r'<script src="[^"]*assets/js/([\w-]+\.js)"', html)
    assert [s for s in scripts if s in ("on-page.js", "case-filter.js")] == ["on-page.js", "case-filter.js"], scripts


def test_the_47_prefectures_and_their_eight_regions(hb):
    assert len(hb.prefectures) == 47 and [p.code for p in hb.prefectures] == list(range(1, 48))
    assert list(dict.fromkeys(p.region for p in hb.prefectures)) == \
        ["北海道", "東北", "関東", "中部", "近畿", "中国", "四国", "九州・沖縄"]
    assert {c.prefecture for c in hb.cases} <= {p.name for p in hb.prefectures}


def test_a_case_in_no_known_prefecture_is_refused_with_file_line_and_field(data_copy):
    from tests.test_validation import edit, line_of, problems
    case = data_copy / "cases/case-bandai-cdo.yml"
    edit(case, "prefecture: 福島県", "prefecture: 福鳥県")
    line = line_of(case, "prefecture:")
    assert (f"data/cases/case-bandai-cdo.yml:{line}: prefecture: 都道府県 '福鳥県' は data/prefectures.yml の"
            "47都道府県のどれでもありません。") in "\n".join(problems(data_copy))


def test_case_page_shows_facts_advice_and_sources(site, hb):
    for case in hb.cases:
        html = (site / "cases" / case.id / "index.html").read_text(encoding="utf-8")
        assert case.municipality in html
        assert '<h2 id="出典">' in html, case.id
        for source in case.sources:
            assert f'href="{source.url}"' in html.replace("&amp;", "&"), (case.id, source.url)
        if case.points:
            assert "参考にしたい点" in html


def test_case_page_shows_its_review_date_under_the_title_and_each_source_kind(site, hb):
    """Like an authored page, a case page says when its content was last reviewed; each source says what kind of
    source it is (and, for a news report, the outlet and the day it was published)."""
    labels = {"団体": "団体の資料", "省庁": "国の資料", "報道": "報道", "転載": "資料の転載", "その他": "その他の資料"}
    for case in hb.cases:
        html = (site / "cases" / case.id / "index.html").read_text(encoding="utf-8")
        dates = html[html.index('<p class="dx-page-dates">'):]
        dates = dates[:dates.index("</p>")]
        assert f'内容の確認日: <time datetime="{case.reviewed}">' in dates, case.id
        sources = html[html.index('<h2 id="出典">'):]
        for source in case.sources:
            note = labels[source.kind] + (f"：{source.outlet}、{source.published}掲載" if source.kind == "報道" else "")
            assert f"（{note}、{source.checked}確認）" in sources, (case.id, source.url)


def test_every_case_has_an_attributable_source_and_confirmed_cases_a_primary_one(hb):
    """The rules make check enforces, read from the model: no case rests on copies and blogs alone."""
    for case in hb.cases:
        kinds = {s.kind for s in case.sources}
        assert kinds & {"団体", "省庁", "報道"}, case.id
        if case.confidence == "確認":
            assert kinds & {"団体", "省庁"}, case.id


def test_coverage_of_work_items_procedures_and_body_types(hb):
    """Every work item ①–⑰ has a case or says which source is still sought; at least 26 of the 31 procedures
    have a case; towns and villages are represented."""
    named = {t for c in hb.cases for t in c.tasks}
    for task in hb.tasks:
        assert task.id in named or task.case_pending, task.id
    assert len({p for c in hb.cases for p in c.procedures}) >= 26
    types = {c.type for c in hb.cases}
    assert {"町", "村"} <= types


def test_glossary_page_lists_every_term_and_every_source_it_cites(site, hb):
    html = (site / "about/glossary/index.html").read_text(encoding="utf-8")
    terms = hb.glossary
    assert len(terms) >= 40
    for term in terms:
        assert f'<dt id="{term.id}">' in html
    sources = html[html.index('<h2 id="出典">'):]
    for source_id in {s for t in terms for s in t.sources}:
        url = hb.get(source_id).url
        if url:
            assert f'href="{url}"' in unescape(sources), source_id


def test_abbreviations_become_tooltips_in_pages(site, hb):
    abbrs = {t.abbr: t for t in hb.glossary if t.abbr}
    html = (site / "about/glossary/index.html").read_text(encoding="utf-8")
    found = dict(re.findall(r'<abbr title="([^"]+)">([^<]+)</abbr>', html))
    assert {"RFI", "PIA"} <= set(found.values()), "the glossary intro names RFI and PIA"
    for title, abbr in found.items():
        assert unescape(title) == (abbrs[abbr].expansion or abbrs[abbr].definition)


def test_about_page_states_status_edition_and_how_to_report(site, hb):
    html = (site / "about/index.html").read_text(encoding="utf-8")
    edition = hb.site_edition
    assert "非公式" in html and "総務省の原文" in html
    assert edition in html
    assert 'id="report"' in html and f'href="mailto:{identity.FEEDBACK_EMAIL}"' in html
    assert f'href="{identity.REPOSITORY}/issues/new/choose"' in html
    for label in ("確認", "二次", "原文で確認中"):
        assert f"<td>{label}</td>" in html


def test_history_page_lists_site_editions_and_the_original_handbook(site, hb):
    html = (site / "about/history/index.html").read_text(encoding="utf-8")
    for edition in hb.editions:
        assert f"<td>{edition.version}</td>" in html and edition.date in html
    assert "2021年7月7日" in html and "第1.1版" in html and "原文で確認中" in html


def test_home_page_links_the_four_parts_and_the_edition(site, hb):
    html = (site / "index.html").read_text(encoding="utf-8")
    for href in ('href="overall/"', 'href="standardization/"', 'href="online/"', 'href="cases/"'):
        assert href in html
    assert hb.site_edition in html
    assert "オフライン版" in html and ".zip" not in html
