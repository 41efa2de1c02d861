"""The real site builds with --strict, and its pages carry what the data and the seed TOC say."""
from __future__ import annotations

import json
import re
import unicodedata
from html import unescape
from pathlib import Path

import yaml

from tests.conftest import ROOT

SEED_TOC = ROOT / "tests/fixtures/seed-toc.txt"


def norm(text: str) -> str:
    """Compare headings ignoring spaces, width, brackets' width and the ' of' typo of the seed TOC."""
    text = unicodedata.normalize("NFKC", unescape(text)).replace("マイナポータル of", "マイナポータルの")
    text = text.replace("(仮称)", "").replace("（仮称）", "")
    return re.sub(r"[\s・]", "", text).replace("¶", "")


def seed_headings() -> list[str]:
    """Every heading of the seed TOC's three 目次案 (lines after the first 目次案 title)."""
    lines = SEED_TOC.read_text(encoding="utf-8").splitlines()
    start = next(i for i, l in enumerate(lines) if "全体手順書 (目次案)" in l and l.startswith("(仮称)"))
    out = []
    for line in lines[start + 1:]:
        line = line.strip().lstrip("- ").strip()
        if not line or "目次案" in line or line.startswith("自治体 DX 個別プロジェクト推進手順書") or line.startswith("～"):
            continue
        out.append(line)
    return out


def site_headings(site: Path) -> set[str]:
    found = set()
    for page in site.rglob("*.html"):
        html = page.read_text(encoding="utf-8")
        for m in re.finditer(r"<h[1-5][^>]*>(.*?)</h[1-5]>", html, re.S):
            found.add(norm(re.sub(r"<[^>]+>", "", m.group(1))))
    return found


def test_every_seed_toc_heading_is_a_page_or_section(site):
    found = site_headings(site)
    missing = [h for h in seed_headings() if not any(norm(h) in f for f in found)]
    assert not missing, f"seed TOC headings missing from the site: {missing}"


def test_step_table_on_the_site_matches_the_yaml(site):
    tasks = yaml.safe_load((ROOT / "data/standardization/tasks.yml").read_text(encoding="utf-8"))["tasks"]
    html = (site / "standardization/ch2/index.html").read_text(encoding="utf-8")
    table = html[html.index('class="dx-table dx-steps"'):]
    table = table[:table.index("</table>")]
    rows = re.findall(r"<tr data-phase=\"([^\"]+)\" data-patterns=\"([^\"]+)\">.*?<a href=\"([^\"]+)\">([^<]+)</a>", table, re.S)
    assert [(r[0], r[1].split(), unescape(r[3])) for r in rows] == \
        [(t["phase"], sorted(t["patterns"]), t["title"]) for t in tasks]
    assert rows[13][2].endswith("migration/14-data-migration/")


def test_work_item_anchor_exists_where_links_point(site):
    html = (site / "standardization/ch2/migration/14-data-migration/index.html").read_text(encoding="utf-8")
    assert 'id="std-14"' in html and "⑭データ移行【A, B パターン共通】" in html


def test_pages_are_japanese_without_google_fonts(site):
    html = (site / "index.html").read_text(encoding="utf-8")
    assert '<html lang="ja"' in html
    assert "fonts.googleapis.com" not in html and "fonts.gstatic.com" not in html


def test_build_stamp_on_every_page(site):
    """The footer names edition, version, build date (SOURCE_DATE_EPOCH of the test build) and commit."""
    stamp = re.compile(r'<p class="dx-build-stamp">\s*自治体DX推進手順書 ウェブ版　[^<（]+（第[^<）]+版）\s*'
                       r'・ビルド 2026-01-01（コミット <code>([0-9a-f]{10}|unknown)</code>）')
    pages = sorted(site.rglob("*.html"))
    missing = [p.relative_to(site).as_posix() for p in pages
               if p.name != "404.html" and not stamp.search(p.read_text(encoding="utf-8"))]
    assert len(pages) > 50 and not missing, missing


def test_abbreviation_tooltips_work_inside_japanese_text(site):
    html = (site / "standardization/ch2/selection/05-rfi-documents/index.html").read_text(encoding="utf-8")
    assert re.search(r'<abbr title="[^"]+">RFI</abbr>[ぁ-んァ-ヶ一-龠]', html)


def test_japanese_abbr_leaves_longer_ascii_words_alone():
    import markdown
    html = markdown.markdown("RFIの実施、RFIs と XRFI。\n\n*[RFI]: 情報提供依頼", extensions=["handbook.markdown.japanese"])
    assert html.count("<abbr") == 1 and '<abbr title="情報提供依頼">RFI</abbr>の実施' in html


def test_line_breaks_inside_japanese_paragraphs_leave_no_space():
    import markdown
    source = "一文目である。\n二文目は **強調** を含む。\nEnglish line\ncontinues here.\n\n    コード\n    そのまま"
    html = markdown.markdown(source, extensions=["handbook.markdown.japanese"])
    assert "一文目である。二文目は <strong>強調</strong> を含む。English line\ncontinues here." in html
    assert "コード\nそのまま" in html


def test_built_pages_have_no_line_breaks_between_japanese_sentences(site):
    html = (site / "overall/step0/index.html").read_text(encoding="utf-8")
    paragraphs = re.findall(r"<p>(.*?)</p>", html, re.S)
    assert paragraphs and not [p for p in paragraphs if re.search(r"[。、]\n", p)]


def test_a_caption_paragraph_becomes_the_caption_of_the_table_after_it():
    import markdown
    source = "表：**主な**成果物\n\n| ステップ | 成果物 |\n|---|---|\n| 1 | 方針 |\n\n表：表の前ではない段落\n\n本文。"
    html = markdown.markdown(source, extensions=["tables", "handbook.markdown.captions"])
    assert html.startswith("<table>\n<caption><strong>主な</strong>成果物</caption>")
    assert "<p>表：表の前ではない段落</p>" in html


def test_table_cells_and_lines_are_apart_in_the_html_so_text_without_tags_keeps_them_apart():
    import markdown
    source = ('<table><caption>表</caption><thead><tr><th scope="col">番号</th><th>作業</th></tr></thead>'
              '<tbody><tr><td>1</td><th scope="row"><a href="#">推進</a><br><small>ア) 調査</small></th></tr></tbody></table>')
    html = markdown.markdown(source, extensions=["handbook.markdown.cells"])
    assert re.sub(r"<[^>]+>", "", html).split() == ["表", "番号", "作業", "1", "推進", "ア)", "調査"]


def test_search_results_show_the_cells_of_a_macro_table_apart(site):
    """Material's index keeps no table tags: without whitespace between the cells a result's text ran together."""
    index = json.loads((site / "search/search_index.json").read_text(encoding="utf-8"))
    overview = next(d["text"] for d in index["docs"] if d["location"] == "standardization/ch2/#overview")
    assert "① 推進体制の立ち上げ 計画立案フェーズ A, B パターン共通" in overview
    assert "現行システムの概要調査 ア) 現行システム環境の基礎調査 イ) 連携一覧の作成" in overview



def test_page_templates_go_through_the_bytecode_cache(project, site):
    """Every page with macros was compiled through the Jinja bytecode cache (macros/jinja_cache.py)."""
    with_macros = [p for p in (project / "docs").rglob("*.md") if "{{" in p.read_text(encoding="utf-8")]
    buckets = list((project / "build/cache/jinja").iterdir())
    assert len(buckets) >= len(with_macros) > 10
