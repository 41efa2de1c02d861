"""Japanese search in the real search UI of the built site, over http and from file://.

The engine (overrides/assets/js/search-engine.js) answers Material's search UI through
overrides/assets/js/search-material.js; every search here goes through the real search box,
so these tests fail if a Material update stops the UI from asking the engine. The engine's
folding, spellings and ranking have unit tests in tests/js/ (run by tests/test_js.py).
"""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import NamedTuple

import pytest

from handbook.outputs.search_terms import terms_data
from tests.browser import NetworkGuard, search, serve, site_path
from tests.conftest import ROOT

QUERIES = ROOT / "tests/fixtures/search-queries.tsv"   # copy of shared/eval/search-queries.tsv
VARIANTS = ROOT / "tests/fixtures/search-variants.tsv"  # spellings the site does not use (ベンダー, でーたいこう, PIA)
QUESTIONS = ROOT / "tests/data/search-questions.tsv"    # questions as staff type them (ベンダーの選び方)
RECALL_TARGET = {QUERIES: 0.95, VARIANTS: 0.95, QUESTIONS: 0.9}
TOP = 5

pytestmark = pytest.mark.browser



def query_set(tsv: Path) -> list[tuple[str, list[str]]]:
    """(query, acceptable title substrings) from an evaluation TSV."""
    rows = []
    for line in tsv.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            query, expected = line.split("\t")
            rows.append((query, expected.split("|")))
    return rows


def norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace(" ", "").lower()


def found(results: list[list[str]], expected: list[str]) -> bool:
    """Whether a page or section title of the top results contains one of the expected substrings."""
    return any(norm(e) in norm(title) for group in results[:TOP] for title in group for e in expected)


class Opened(NamedTuple):
    page: object   # a Playwright page showing the site
    root: Path     # the built site it shows


@pytest.fixture(scope="module")
def over_http(chromium, site):
    """The online site over http (its requests to the internet, e.g. GitHub's API, are blocked)."""
    with serve(site, site_path()) as base:
        context = chromium.new_context(locale="ja-JP")
        NetworkGuard(context)
        page = context.new_page()
        page.goto(base + "index.html")
        yield Opened(page, site)
        context.close()


@pytest.fixture(scope="module")
def from_file(chromium, offline_bundle):
    """The unzipped offline bundle from file://, network blocked."""
    context = chromium.new_context(locale="ja-JP")
    guard = NetworkGuard(context)
    page = context.new_page()
    page.goto((offline_bundle / "index.html").as_uri())
    yield Opened(page, offline_bundle)
    context.close()
    assert guard.outside == []


@pytest.fixture(params=["over_http", "from_file"])
def opened(request) -> Opened:
    return request.getfixturevalue(request.param)


@pytest.fixture
def page(opened):
    return opened.page


@pytest.mark.parametrize("tsv", [QUERIES, VARIANTS, QUESTIONS], ids=["shared-set", "variant-set", "question-set"])
def test_query_set_recall(page, tsv, record_property):
    queries = query_set(tsv)
    misses = []
    for query, expected in queries:
        results = search(page, query)
        if not found(results, expected):
            misses.append(f"{query} (wanted {'|'.join(expected)}; top {TOP}: {[g[0] for g in results[:TOP]]})")
    recall = (len(queries) - len(misses)) / len(queries)
    record_property("recall", f"{recall:.3f}")
    record_property("misses", misses)
    target = RECALL_TARGET[tsv]
    assert recall >= target, f"recall {recall:.0%} < {target:.0%}; misses:\n" + "\n".join(misses)


def test_question_sets_cover_the_four_parts():
    """The question set asks about every part of the handbook, 30 questions at least."""
    rows = query_set(QUESTIONS)
    parts = [line for line in QUESTIONS.read_text(encoding="utf-8").splitlines() if line.startswith("# --- ")]
    assert len(rows) >= 30
    assert len(parts) == 4, parts


def test_a_partial_match_says_which_words_it_lacks(page):
    """No section has every word of the question: the best partial matches are listed, each naming the missing word."""
    results = search(page, "ベンダ選定の落とし穴")
    assert results and any("ベンダ選定" in title for title in results[0]), results[:3]
    missing = page.eval_on_selector_all(".md-search-result__terms del", "ds => ds.map(d => d.textContent)")
    assert "落とし穴" in missing, missing


@pytest.mark.parametrize("query, heading, explained_in", [
    ("標準化法", "2. 地方公共団体情報システムの標準化に関する法律", None),
    ("PIA", "⑫特定個人情報保護評価（PIA）【A, B パターン共通】", None),
    ("基礎項目評価", None, "しきい値判断と評価の種類"),   # no heading has it: the glossary entry comes first
])
def test_a_heading_with_the_term_comes_first_then_its_glossary_entry(page, query, heading, explained_in):
    results = search(page, query)[:TOP]
    glossary = [i for i, group in enumerate(results) if "用語集" in group]
    if heading:
        assert heading in results[0], results
        assert glossary == [1], results
    else:
        assert glossary == [0], results
        assert any(explained_in in group for group in results), results


@pytest.mark.parametrize("variant, canonical", [
    ("ＲＦＩ", "RFI"),
    ("Ｆｉｔ＆Ｇａｐ", "Fit&Gap"),
    ("ｶﾞﾊﾞﾒﾝﾄｸﾗｳﾄﾞ", "ガバメントクラウド"),
    ("ﾃﾞｰﾀ移行", "データ移行"),
    ("rfi", "RFI"),
])
def test_width_and_case_variants_find_the_same_results(page, variant, canonical):
    expected = search(page, canonical)
    assert expected, f"{canonical} finds nothing"
    assert search(page, variant) == expected




def every_result_page(page, query: str) -> set[str]:
    """Every page the engine finds for ``query`` (Material's list shows them ten at a time as the reader scrolls),
    after the search box has asked the engine for it."""
    search(page, query)
    return set(page.evaluate("q => window.__dxSearch.pages(q)", query))


def test_katakana_inside_compounds_is_found(page):
    """Every page found for ガバメントクラウド is found for クラウド too."""
    compound = every_result_page(page, "ガバメントクラウド")
    part = every_result_page(page, "クラウド")
    assert compound and compound <= part


def test_mixed_script_query_finds_sections_with_both_words(page):
    """RFI実施 (not written as one word in the text) finds the pages about RFI."""
    assert {group[0] for group in search(page, "RFI実施")[:TOP]} & {group[0] for group in search(page, "RFI")}


def test_the_engine_answers_materials_search_ui(opened):
    """Material's UI hands the whole index to the engine and shows the engine's highlighted results."""
    search(opened.page, "データ移行")
    state = opened.page.evaluate("window.__dxSearch")
    docs = json.loads((opened.root / "search/search_index.json").read_text(encoding="utf-8"))["docs"]
    glossary = terms_data((opened.root / "assets/search/terms.js").read_bytes())["glossary"]["entries"]
    assert state["error"] is None
    assert state["terms"] is True
    assert state["documents"] == len(docs) + len(glossary)  # each glossary entry is searched as a section
    marks = opened.page.eval_on_selector_all(".md-search-result__item mark", "ms => ms.map(m => m.textContent)")
    assert marks and all(norm(m) in norm("データ移行") for m in marks)


@pytest.mark.parametrize("how", ["over_http", "from_file"])
def test_the_index_loads_on_first_use_of_the_search_box(request, chromium, how):
    """A page that is only read does not load the search index or the terms; focusing the search box loads both."""
    context = chromium.new_context(locale="ja-JP")
    guard = NetworkGuard(context)
    page = context.new_page()
    with serve(request.getfixturevalue("site"), site_path()) as base:
        start = base + "standardization/ch2/migration/" if how == "over_http" else \
            (request.getfixturevalue("offline_bundle") / "standardization/ch2/migration.html").as_uri()
        page.goto(start)
        page.wait_for_load_state("load")
        page.wait_for_function("() => window.__dxSearch !== undefined")
        assert not [url for url in guard.requests if "search_index" in url or "terms.js" in url]
        assert page.evaluate("window.__dxSearch.documents") == 0
        results = search(page, "データ移行")
        assert results and any("データ移行" in title for title in results[0])
        loaded = [url.rsplit("/", 1)[-1] for url in guard.requests if "search_index" in url or "terms.js" in url]
        assert sorted(loaded) == sorted(["search_index.json" if how == "over_http" else "search_index.js", "terms.js"])
    context.close()
