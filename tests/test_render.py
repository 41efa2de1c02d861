"""Pure render functions: tables from data, links, escaping — no MkDocs involved."""
from __future__ import annotations

import posixpath
import re
from html import unescape

import markdown
import pytest

from handbook.model import load_handbook
from handbook.render import cases, lists, tasks
from handbook.render.links import Linker, ref_html, relative
from tests.conftest import ROOT, edited


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data")


def test_task_table_lists_all_seventeen_in_order(hb):
    html = tasks.task_table(hb, Linker("standardization/ch2/index.md"))
    titles = [t.title for t in hb.tasks_in()]
    positions = [html.index(t) for t in titles]
    assert len(titles) == 17 and positions == sorted(positions)
    assert "<caption>作業項目の一覧</caption>" in html and '<th scope="col">番号</th>' in html


def test_task_table_filters_by_phase_and_pattern(hb):
    only_b = hb.tasks_in(pattern="B")
    assert [t.number for t in only_b if t.number in (9, 10)] == []
    plan = hb.tasks_in(phase="phase-plan")
    assert [t.number for t in plan] == [1, 2, 3, 4]
    with pytest.raises(KeyError, match="unknown id 'phase-x'"):
        hb.tasks_in(phase="phase-x")
    html = tasks.task_table(hb, Linker("index.md"), pattern="B")
    assert "<caption>作業項目の一覧（B パターン）</caption>" in html and "⑨" not in html and "⑪" in html


def test_pattern_matrix_marks_are_text_and_headers_scoped(hb):
    html = tasks.pattern_matrix(hb, Linker("standardization/ch2/index.md"))
    row9 = html[html.index("⑨"):html.index("⑩")]
    assert row9.count("dx-yes") == 1 and row9.count("dx-no") == 1 and "対象外" in row9
    assert '<th scope="row">' in html and '<th scope="col">A パターン</th>' in html and "<caption>" in html


def test_matrix_follows_data(hb):
    changed = edited(hb, {"std-09": {"patterns": ["A", "B"]}})
    html = tasks.pattern_matrix(changed, Linker("index.md"))
    row9 = html[html.index("⑨"):html.index("⑩")]
    assert row9.count("dx-yes") == 2


def test_heading_has_toc_wording_and_stable_anchor(hb):
    assert tasks.task_heading(hb, "std-09") == "### ⑨ベンダへ提案依頼（RFP）【A パターンのみ】 {#std-09}"
    assert tasks.task_heading(hb, "std-01") == "### ①推進体制の立ち上げ {#std-01}"
    assert tasks.subitem_heading(hb, "std-02b") == "#### イ) 連携一覧の作成 {#std-02b}"


def test_ref_links_relative_to_the_page(hb):
    assert ref_html(hb, Linker("standardization/ch2/planning/01-project-team.md"), "std-14") == \
        '<a href="../../migration/14-data-migration/">⑭データ移行</a>'
    assert ref_html(hb, Linker("index.md", use_directory_urls=False), "std-02a") == \
        '<a href="standardization/ch2/planning/02-current-systems.html#std-02a">ア&#41; 現行システム環境の基礎調査</a>'
    with pytest.raises(KeyError, match="unknown id 'std-99'"):
        ref_html(hb, Linker("index.md"), "std-99")


@pytest.mark.parametrize("start", [".", "index.html", "cases", "cases/x", "standardization/ch2", "a/b/c"])
@pytest.mark.parametrize("path", [".", "cases", "cases/x.html", "standardization/ch2/planning", "a/b", "b/c"])
def test_relative_paths_match_posixpath_relpath(path, start):
    assert relative(path, start) == posixpath.relpath(path, start)


def test_data_is_escaped(hb):
    changed = edited(hb, {"std-14": {"title": "<script>alert(1)</script>&"}, "sys-juki": {"name": '"><img src=x>'}})
    html = tasks.task_table(changed, Linker("index.md"))
    assert "<script>" not in html and "&#60;script&#62;alert&#40;1&#41;&#60;/script&#62;&#38;" in html
    assert "<img" not in lists.system_table(changed)


def test_case_page_is_plain_markdown_linking_its_steps_and_sources(hb):
    case = next(c for c in hb.cases if c.steps)
    md = cases.case_page(hb, case.id)
    assert md.startswith("---\nrender_macros: false\n---\n\n# ")
    assert "{{" not in md and "## 出典" in md
    step = hb.get(case.steps[0])
    assert f"- [ステップ{step.number} " in md and f"](../{hb.home(step.id).split('#')[0]}" in md
    for url in (s.url for s in case.sources):
        assert url in md


def test_case_page_escapes_data_as_markdown_and_html(hb):
    case = hb.cases[0]
    changed = edited(hb, {case.id: {"title": "*強調*と[リンク](x)<b>", "summary": "<script>alert(1)</script>"}})
    md = cases.case_page(changed, case.id)
    html = markdown.markdown(md.split("---", 2)[2], extensions=["attr_list", "md_in_html"])
    heading = re.search(r"<h1>(.*?)</h1>", html).group(1)
    assert "<" not in heading and unescape(heading).startswith("*強調*と[リンク](x)<b>")
    assert "<script>" not in md and "&#60;script&#62;" in md


def test_work_item_card_lists_citing_cases(hb):
    case = hb.cases[0]
    changed = edited(hb, {c.id: {"tasks": ["std-01"] if c is case else []} for c in hb.cases})
    card = tasks.task_card(changed, Linker("standardization/ch2/planning/01-project-team.md"), "std-01")
    assert "この作業の参考事例" in card and f'<a href="../../../../cases/{case.id}/">' in card
    assert "この作業の参考事例" not in tasks.task_card(changed, Linker("index.md"), "std-02")


def test_procedure_table_marks_unconfirmed_names(hb):
    html = lists.procedure_table(hb, Linker("online/policy.md"))
    unconfirmed = [p for p in hb.procedures if not p.confirmed]
    assert html.count("原文で確認中") == len(unconfirmed)


def test_glossary_links_related_terms_and_further_reading(hb):
    html = lists.glossary(hb, Linker("about/glossary.md"))
    term = next(t for t in hb.glossary if t.see)
    target = hb.get(term.see)
    entry = html[html.index(f'id="{term.id}"'):]
    entry = entry[:entry.index("</dd>")]
    assert "詳しくは：" in entry and hb.home(target.id).split("#")[0].replace(".md", "") in entry


def test_case_page_links_back_to_the_index(hb):
    assert "[参考事例集の一覧へ戻る](index.md)" in cases.case_page(hb, hb.cases[0].id)


def test_case_citing_a_procedure_is_linked_from_its_row_and_links_back(hb):
    case = hb.cases[0]
    changed = edited(hb, {c.id: {"procedures": None} for c in hb.cases[1:]}
                     | {case.id: {"procedures": ["proc-ninshin"], "title": "<b>妊娠届</b>"}})
    html = lists.procedure_table(changed, Linker("online/policy.md"), group="grp-kosodate")
    assert "<caption>特に国民の利便性向上に資する手続：子育て関係" in html and '<th scope="col">参考事例</th>' in html
    row = html[html.index('<tr id="proc-ninshin">'):]
    row = row[:row.index("</tr>")]
    assert f'<a href="../../cases/{case.id}/">&#60;b&#62;妊娠届&#60;/b&#62;</a>' in row
    other = html[html.index('<tr id="proc-hoiku-nintei">'):]
    assert other[:other.index("</tr>")].endswith("<td>－</td>")
    assert "参考事例" not in lists.procedure_table(changed, Linker("online/policy.md"), group="grp-jidosha")
    md = cases.case_page(changed, case.id)
    assert "## 関連する手続" in md and "[妊娠の届出](../online/policy.md#proc-ninshin)" in md


def test_real_cases_fill_the_backlinks_of_work_items_and_procedures(hb):
    """The shipped data: ⑭'s card lists every case citing it, and every case citing a procedure is on its row."""
    assert len([c for c in hb.cases if c.tasks]) >= 8
    citing = [c for c in hb.cases if "std-14" in c.tasks]
    assert citing and hb.cases_citing("std-14") == tuple(citing)
    card = tasks.task_card(hb, Linker("standardization/ch2/migration/14-data-migration.md"), "std-14")
    assert "この作業の参考事例" in card and all(f'href="../../../../cases/{c.id}/"' in card for c in citing)
    table = lists.procedure_table(hb, Linker("online/policy.md"))
    rows = dict(re.findall(r'<tr id="(proc-[^"]+)">(.*?)</tr>', table))
    cited = [(c.id, p) for c in hb.cases for p in c.procedures]
    assert cited and all(f'href="../../cases/{case_id}/"' in rows[p] for case_id, p in cited)


def test_escape_helpers_keep_data_text_in_headings_html_and_paragraphs():
    from handbook.render.escape import abbr_title, text, url
    hostile = '[a](javascript:alert(1)){: onmouseover="x" } <b>*強調*</b> `c` {{ 7*7 }}\n\n# 見出し'
    html = markdown.markdown(f"### {text(hostile)} {{#t}}\n\n<table><tr><td>{text(hostile)}</td></tr></table>\n\n"
                             f"本文 {text(hostile)}\n\n*[RFI]: {abbr_title('<img src=x onerror=alert(1)>')}\n\nRFI",
                             extensions=["attr_list", "md_in_html", "handbook.markdown.japanese"])
    tags = re.findall(r"<(\w+)", html)
    assert tags == ["h3", "table", "tr", "td", "p", "p", "abbr"], html
    assert unescape(html).count(" ".join(hostile.split("\n\n"))) == 3  # shown as written, on one line
    assert 'title="&amp;lt;img src=x onerror=alert(1)&amp;gt;"' in html  # the tooltip shows it as text
    for bad in ("javascript:alert(1)", "https:/host/x", "\\\\host\\share", "//host/x", "file:///etc/passwd"):
        with pytest.raises(ValueError):
            url(bad)
    assert url("https://www.soumu.go.jp/a?b=1&c=2") == "https://www.soumu.go.jp/a?b=1&amp;c=2"


def test_every_work_item_card_shows_its_steps_of_the_forty_or_says_none_is_known(hb):
    for task in hb.tasks:
        card = tasks.task_card(hb, Linker("standardization/ch2/selection.md"), task.id)
        assert "40ステップとの対応" in card and '<a href="../#ps-' in card and "原典で未読" not in card
    card = tasks.task_card(hb, Linker("standardization/ch2/selection.md"), "std-09")
    assert ('<a href="../#ps-24">ステップ24 ⑨-2 RFP資料に関するベンダからの質問への回答</a>'
            "<small>（原典の対応表、二次）</small>") in card
    unlinked = edited(hb, {s.id: {"work_item": None, "basis": None, "phase": None} for s in hb.progress_steps_of("std-01")})
    assert "出典で確かめた対応はない" in tasks.task_card(unlinked, Linker("index.md"), "std-01")


def test_a_work_item_card_says_how_many_of_the_forty_are_unread(hb):
    unread = edited(hb, {"ps-02": {"read": False, "name": None, "phase": None, "work_item": None, "basis": None}})
    card = tasks.task_card(unread, Linker("index.md"), "std-01")
    assert "40ステップのうち1ステップは名称を原典で未読" in card and "ps-02" not in card


def test_forty_step_table_has_a_row_per_step_and_never_fills_an_unread_one(hb):
    table = tasks.progress_step_table(hb, Linker("standardization/ch2/index.md"))
    rows = re.findall(r'<tr id="(ps-[a-z0-9-]+)">(.*?)</tr>', table)
    assert [i for i, _ in rows][:40] == [f"ps-{n:02d}" for n in range(1, 41)] and len(rows) == len(hb.progress_steps)
    assert "⑨-2 RFP資料に関するベンダからの質問への回答" in dict(rows)["ps-24"]
    assert f'href="{Linker("standardization/ch2/index.md").href(hb.home("std-03a"))}"' in dict(rows)["ps-fit-gap"]
    unread = edited(hb, {"ps-07": {"read": False, "name": None, "phase": None, "work_item": None, "basis": None}})
    row = dict(re.findall(r'<tr id="(ps-[a-z0-9-]+)">(.*?)</tr>',
                          tasks.progress_step_table(unread, Linker("standardization/ch2/index.md"))))["ps-07"]
    assert "原典で未読" in row and "std-" not in row
