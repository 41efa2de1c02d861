"""Excel templates and CSV files hold what the YAML says, are set up for A4 printing, and are linked from the site."""
from __future__ import annotations

import csv
import io
import posixpath
import re
import time
from html import unescape

import openpyxl
import pytest
import yaml

from handbook.outputs.downloads import catalog, links
from handbook.outputs.files import sync
from handbook.model import load_handbook
from handbook.render import schedule
from handbook.render.links import CIRCLED, Linker
from tests.conftest import ROOT, edited

BUILD = {"edition": "2026年11月版", "version": "0.1", "commit": "0123456789", "date": "2026-11-26"}
PATTERNS = {("A",): "A パターンのみ", ("A", "B"): "A, B パターン共通"}


def data(name: str):
    return yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def hb():
    return load_handbook(ROOT / "data")


@pytest.fixture(scope="module")
def downloads(hb):
    return catalog.make_downloads(hb, BUILD)


def workbook(downloads, download_id: str):
    return openpyxl.load_workbook(io.BytesIO(downloads[download_id].files[0].data))


def values(ws, column: int) -> list:
    return [row[column - 1] for row in ws.iter_rows(min_row=2, values_only=True)]


def validation(ws, header: str):
    """The data validation on the column with this header."""
    col = [c.value for c in ws[1]].index(header) + 1
    letter = openpyxl.utils.get_column_letter(col)
    found = [dv for dv in ws.data_validations.dataValidation if str(dv.sqref).startswith(f"{letter}2:")]
    assert len(found) == 1, f"no validation on {header}"
    return found[0]


# ---------------------------------------------------------------- each workbook matches the YAML

def test_forty_steps_workbook_has_a_row_per_step_with_the_dashboard_statuses(downloads):
    ws = workbook(downloads, "progress-steps")["40ステップ"]
    steps = data("standardization/progress-steps.yml")["steps"]
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert len(rows) == len(steps) and [r[0] for r in rows[:40]] == list(range(1, 41))
    assert rows[23][1:5] == ("ステップ24 ⑨-2 RFP資料に関するベンダからの質問への回答", "システム選定フェーズ",
                             "⑨ベンダへ提案依頼（RFP）", "原典の対応表")
    assert rows[39][1] == "ステップ40 ⑱-1 運用開始ステータス" and rows[39][3] is None
    status = validation(ws, "状況")
    assert status.formula1 == '"完了済み,作業中,未着手,対象外"'


def test_work_plan_lists_every_work_item_and_subitem_from_the_yaml(downloads):
    wb = workbook(downloads, "work-plan")
    ws = wb["作業計画"]
    phases = {p["id"]: p["title"] for p in data("standardization/phases.yml")["phases"]}
    expected = []
    for t in data("standardization/tasks.yml")["tasks"]:
        pattern = PATTERNS[tuple(sorted(t["patterns"]))]
        expected.append((CIRCLED[t["number"] - 1], t["title"], phases[t["phase"]], pattern, "、".join(t["deliverables"])))
        expected += [(CIRCLED[t["number"] - 1] + s["label"], s["title"], phases[t["phase"]], pattern, None)
                     for s in t.get("subitems", [])]
    rows = [r[:5] for r in ws.iter_rows(min_row=2, values_only=True)]
    assert rows == expected
    headers = [c.value for c in ws[1]]
    for header in ("担当課", "開始予定日", "完了予定日", "開始実績日", "完了実績日", "状況"):
        assert header in headers
    status = validation(ws, "状況")
    assert status.type == "list" and status.formula1 == '"未着手,実施中,完了,対象外"'
    assert str(status.sqref).endswith(str(len(expected) + 1))
    assert validation(ws, "開始予定日").type == "date"
    nine = next(r for r in ws.iter_rows(min_row=2, values_only=True) if r[0] == "⑨")
    assert nine[3] == "A パターンのみ"


def test_current_systems_survey_has_the_20_systems_and_a_linked_list(downloads):
    wb = workbook(downloads, "current-systems")
    names = [s["name"] for s in data("standardization/systems.yml")["systems"]]
    assert len(names) == 20
    assert wb.sheetnames == ["現行システム概要", "連携一覧", "この様式について"]
    assert values(wb["現行システム概要"], 2) == names
    source = validation(wb["連携一覧"], "連携元の業務・システム")
    assert source.formula1.strip('"').split(",") == names + ["その他"]


def test_fit_gap_counts_each_system_from_the_correspondence_table(downloads):
    wb = workbook(downloads, "fit-gap")
    names = [s["name"] for s in data("standardization/systems.yml")["systems"]]
    summary, table = wb["業務別の状況"], wb["標準仕様書対応表"]
    assert values(summary, 2) == names
    fit = summary.cell(row=2, column=7).value
    assert fit == "=COUNTIFS('標準仕様書対応表'!$B:$B,$B2,'標準仕様書対応表'!$F:$F,\"Fit\")"
    assert summary.cell(row=21, column=8).value.endswith(',$B21,\'標準仕様書対応表\'!$F:$F,"Gap")')
    assert validation(table, "判定（Fit／Gap）").formula1 == '"Fit,Gap,未判定"'
    assert validation(table, "業務").formula1.strip('"').split(",") == names


def test_talent_checklist_holds_every_item_of_the_yaml(downloads):
    ws = workbook(downloads, "talent-checklist")["チェックリスト"]
    groups = data("overall/talent-checklist.yml")["groups"]
    expected = [(g["title"], i["text"]) for g in groups for i in g["items"]]
    assert [(r[1], r[2]) for r in ws.iter_rows(min_row=2, values_only=True)] == expected
    assert validation(ws, "確認結果").formula1 == '"済,未,該当なし"'


def test_procedures_tracker_has_each_priority_procedure_and_marks_unconfirmed_names(downloads):
    ws = workbook(downloads, "procedures")["進捗管理"]
    procedures = data("online/procedures.yml")["procedures"]
    assert len(procedures) == 31
    rows = list(ws.iter_rows(min_row=2, values_only=True))
    assert [r[3] for r in rows] == [p["name"] for p in procedures]
    assert [r[4] == "原文で確認中" for r in rows] == [not p["confirmed"] for p in procedures]
    assert validation(ws, "オンライン化の状況").type == "list"


# ---------------------------------------------------------------- layout, print setup, properties

def test_every_sheet_is_ready_to_fill_in_and_print_on_a4_landscape(downloads):
    for download_id, dl in downloads.items():
        wb = openpyxl.load_workbook(io.BytesIO(dl.files[0].data))
        assert wb.sheetnames[-1] == "この様式について", download_id
        assert wb.properties.title == dl.title and wb.properties.language == "ja-JP"
        for ws in wb.worksheets[:-1]:
            where = f"{download_id}/{ws.title}"
            assert ws.freeze_panes and ws.freeze_panes.endswith("2"), where
            assert all(c.font.bold for c in ws[1]) and re.search(r"[ぁ-んァ-ン一-龥]", ws["B1"].value), where
            last = openpyxl.utils.get_column_letter(ws.max_column)
            assert ws.print_area == f"'{ws.title}'!$A$1:${last}${ws.max_row}", where
            assert ws.print_title_rows == "$1:$1", where
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 and ws.page_setup.orientation == "landscape", where
            assert ws.sheet_properties.pageSetUpPr.fitToPage and ws.page_setup.fitToWidth == 1, where
            widths = [ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width for i in range(1, ws.max_column + 1)]
            assert min(widths) >= 5 and max(widths) <= 50, where
            assert "&P" in ws.oddFooter.right.text, where


def test_about_sheet_names_the_page_and_edition_without_internal_paths(hb):
    """With a site address: the page's absolute, clickable address; never a data-file path or the commit."""
    site_url = "https://handbook.test/jichitai-dx-handbook/"
    made = catalog.make_downloads(hb, BUILD, site_url=site_url)
    ws = workbook(made, "current-systems")["この様式について"]
    rows = [r for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    about = dict(rows)
    assert about["掲載ページ"] == site_url + "standardization/ch2/planning/02-current-systems/"
    page_cell = next(row[1] for row in ws.iter_rows(min_row=3) if row[0].value == "掲載ページ")
    assert page_cell.hyperlink.target == about["掲載ページ"]
    assert about["版"] == "2026年11月版（第0.1版）" and about["作成日"] == "2026-11-26"
    notes = [value for label, value in rows if label == "使い方・注意"]
    assert any("手順書原文の様式ではない" in n for n in notes)
    for download in made.values():
        about_sheet = workbook(made, download.id)["この様式について"]
        text = " ".join(str(v) for row in about_sheet.iter_rows(values_only=True) for v in row if v)
        assert "data/" not in text and ".yml" not in text and BUILD["commit"] not in text, download.id


def test_about_sheet_leaves_the_page_out_without_a_site_address(downloads):
    ws = workbook(downloads, "current-systems")["この様式について"]
    labels = [r[0] for r in ws.iter_rows(min_row=3, values_only=True) if r[0]]
    assert "掲載ページ" not in labels and "版" in labels


def test_workbooks_are_identical_across_builds_of_the_same_commit(hb, monkeypatch):
    monkeypatch.setattr(time, "time", lambda: 1_000_000_000.0)
    first = catalog.make_downloads(hb, BUILD)
    monkeypatch.setattr(time, "time", lambda: 1_900_000_000.0)
    second = catalog.make_downloads(hb, BUILD)
    for download_id in first:
        assert [f.data for f in first[download_id].files] == [f.data for f in second[download_id].files], download_id
    wb = openpyxl.load_workbook(io.BytesIO(first["work-plan"].files[0].data))
    assert wb.properties.created.date().isoformat() == wb.properties.modified.date().isoformat() == "2026-11-26"


# ---------------------------------------------------------------- CSV

def test_each_sheet_has_a_csv_with_bom_that_matches_it(downloads):
    for dl in downloads.values():
        wb = openpyxl.load_workbook(io.BytesIO(dl.files[0].data))
        csvs = [f for f in dl.files if f.kind == "CSV"]
        assert len(csvs) == len(wb.sheetnames) - 1, dl.id
        for f, ws in zip(csvs, wb.worksheets):
            assert f.data.startswith(b"\xef\xbb\xbf") and b"\r\n" in f.data, f.name
            rows = list(csv.reader(io.StringIO(f.data.decode("utf-8-sig"), newline="")))
            sheet = [["" if v is None or str(v).startswith("=") else str(v) for v in r]
                     for r in ws.iter_rows(values_only=True)]
            assert rows == sheet, f.name


def test_formulas_are_left_out_of_csv(downloads):
    summary = next(f for f in downloads["fit-gap"].files if f.part == "業務別の状況")
    assert "COUNTIFS" not in summary.data.decode("utf-8-sig")


# ---------------------------------------------------------------- writing and linking

def test_unchanged_files_are_not_rewritten_and_stale_ones_go(tmp_path):
    folder = tmp_path / "generated"
    assert sync(folder, {"a.csv": b"1", "sub/b.csv": b"2"}) == ["a.csv", "sub/b.csv"]
    before = (folder / "a.csv").stat().st_mtime_ns
    (folder / "stray.txt").write_text("not generated")
    assert sync(folder, {"a.csv": b"1"}) == ["sub/b.csv", "stray.txt"]
    assert (folder / "a.csv").stat().st_mtime_ns == before
    assert sorted(p.name for p in folder.iterdir()) == ["a.csv"]


def test_file_href_is_relative_to_the_page():
    assert links.file_href("standardization/ch2/planning.md", True, "downloads/generated/x.xlsx") == \
        "../../../downloads/generated/x.xlsx"
    assert links.file_href("standardization/ch2/planning.md", False, "downloads/generated/x.xlsx") == \
        "../../downloads/generated/x.xlsx"
    assert links.file_href("downloads.md", True, "downloads/generated/x.xlsx") == "generated/x.xlsx"


def test_download_links_say_what_type_and_size(downloads):
    dl = downloads["current-systems"]
    html = links.download_links(dl, lambda t: "../" + t)
    size = links.size_text(len(dl.files[0].data))
    assert f"現行システム概要調査票・連携一覧（Excel、.xlsx、{size}）</a>" in html
    assert "現行システム概要調査票・連携一覧：連携一覧（CSV、UTF-8、" in html
    assert 'href="../downloads/generated/jichitai-dx-current-systems.xlsx"' in html
    assert links.size_text(1) == "1 KB" and links.size_text(3 * 1024 * 1024) == "3.0 MB"
    with pytest.raises(KeyError, match="unknown download 'nope'"):
        catalog.find(downloads, "nope")


def _linked_files(site, page: str) -> list[str]:
    html = (site / page).read_text(encoding="utf-8")
    hrefs = re.findall(r'href="([^"]*generated/[^"]+)"', html)
    return [posixpath.normpath(posixpath.join(posixpath.dirname(page), unescape(h))) for h in hrefs]


def test_pdf_links_name_every_part_and_the_format():
    html = links.pdf_links(catalog.PARTS, lambda t: t)
    assert html.count("<li>") == len(catalog.PARTS)
    assert '<a href="downloads/generated/pdf/jichitai-dx-online.pdf" download="オンライン化 手順書.pdf">' \
           "オンライン化 手順書（PDF、A4、目次とページ番号付き）</a>" in html


def test_site_offers_every_file_from_the_downloads_page(site, downloads):
    linked = _linked_files(site, "downloads/index.html")
    names = [f.name for dl in downloads.values() for f in dl.files]
    assert sorted(posixpath.basename(p) for p in linked if not p.endswith(".pdf")) == sorted(names)
    for path in linked:
        assert path.endswith(".pdf") or (site / path).is_file(), path   # PDFs: tests/test_make_site.py
    wb = openpyxl.load_workbook(site / "downloads/generated/jichitai-dx-work-plan.xlsx")
    assert wb.sheetnames[0] == "作業計画"


def test_offline_site_offers_the_same_files(offline_site):
    linked = _linked_files(offline_site, "downloads.html")
    assert any(p.endswith("jichitai-dx-work-plan.xlsx") for p in linked)
    for path in linked:
        assert path.endswith(".pdf") or (offline_site / path).is_file(), path   # PDFs: tests/test_make_site.py


# ---------------------------------------------------------------- the schedule chart

def test_schedule_svg_holds_every_work_item_in_order_with_its_phase(hb):
    svg = schedule.schedule_svg(hb)
    texts = [unescape(t) for t in re.findall(r"<text[^>]*>([^<]*)</text>", svg)]
    tasks = data("standardization/tasks.yml")["tasks"]
    labels = [f"{CIRCLED[t['number'] - 1]}{t['title']}" for t in tasks]
    positions = [texts.index(label) for label in labels]
    assert positions == sorted(positions)
    for phase in data("standardization/phases.yml")["phases"]:
        assert f"{phase['number']}. {phase['title']}" in texts
    for t in tasks:
        group = re.search(rf'<g class="dx-schedule__item" data-task="{t["id"]}">(.*?)</g>', svg).group(1)
        assert ("A パターンのみ" in group) == (t["patterns"] == ["A"]), t["id"]


def test_schedule_chart_is_accessible_and_self_contained(hb):
    html = schedule.schedule_chart(hb, Linker("standardization/ch2/index.md"))
    assert re.search(r'<svg [^>]*role="img" aria-labelledby="dx-schedule-title dx-schedule-desc"', html)
    assert '<title id="dx-schedule-title">' in html and "<figcaption" in html
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", html).group(1)
    assert "⑰" in desc and "期間や時期は表さない" in desc
    table = html[html.index("<table"):]
    assert table.count('<th scope="row">') == 17 and 'href="migration/14-data-migration/"' in table
    assert "<script" not in html and not re.search(r'(?:href|src)="https?:', html)


def test_workbook_cache_reuses_unchanged_files_and_follows_data_changes(hb, tmp_path):
    first = catalog.make_downloads(hb, BUILD, tmp_path)
    cached = sorted(tmp_path.glob("*.xlsx"))
    assert len(cached) == len(catalog.SPECS)
    again = catalog.make_downloads(hb, BUILD, tmp_path)
    assert [d.files[0].data for d in again.values()] == [d.files[0].data for d in first.values()]
    changed = edited(hb, {"std-14": {"title": "データ移行（改）"}})
    plan = catalog.make_downloads(changed, BUILD, tmp_path)["work-plan"].files[0].data
    assert "データ移行（改）" in [c.value for row in openpyxl.load_workbook(io.BytesIO(plan)).active.iter_rows()
                                  for c in row]


# ---------------------------------------------------------------- text from data is never a formula

HOSTILE_CELLS = ('=HYPERLINK("http://evil.example/","開く")', "+1+cmd|' /C calc'!A0", "@SUM(1+1)*cmd|' /C calc'!A0",
                 "-2+3+cmd|' /C calc'!A0", "\t=1+1", "\r=1+1")


@pytest.fixture(scope="module")
def hostile_downloads(hb):
    """The downloads made from data whose texts start like formulas (OWASP CSV injection)."""
    procedures = hb.procedures
    changed = edited(hb, {"std-01": {"title": HOSTILE_CELLS[0]}, "std-02a": {"title": HOSTILE_CELLS[3]},
                          hb.checklist.groups[0].items[0].id: {"text": HOSTILE_CELLS[1]},
                          procedures[0].id: {"name": HOSTILE_CELLS[2]}, procedures[1].id: {"name": HOSTILE_CELLS[4]},
                          procedures[2].id: {"name": HOSTILE_CELLS[5]}})
    return catalog.make_downloads(changed, BUILD)


def test_text_that_starts_like_a_formula_is_stored_as_text_in_excel(hostile_downloads):
    seen, formulas = set(), []
    for dl in hostile_downloads.values():
        raw = openpyxl.load_workbook(io.BytesIO(dl.files[0].data))
        for ws in raw.worksheets:
            for cell in (c for row in ws.iter_rows() for c in row if isinstance(c.value, str)):
                value = cell.value.replace("\n", "\r")  # XML reads a stored CR back as LF
                if value in HOSTILE_CELLS:
                    seen.add(value)
                    assert cell.data_type == "s" and cell.quotePrefix, f"{dl.id}/{ws.title}!{cell.coordinate}"
                elif cell.data_type == "f":
                    formulas.append(cell.value)
    assert seen == set(HOSTILE_CELLS)
    assert formulas and all(f.startswith("=COUNTIFS(") for f in formulas)  # the generator's own stay formulas


def test_text_that_starts_like_a_formula_is_quoted_in_csv(hostile_downloads):
    cells = [v for dl in hostile_downloads.values() for f in dl.files if f.kind == "CSV"
             for row in csv.reader(io.StringIO(f.data.decode("utf-8-sig"), newline="")) for v in row]
    assert {"'" + v for v in HOSTILE_CELLS} <= set(cells)
    assert not [v for v in cells if v.startswith(("=", "+", "-", "@", "\t", "\r"))]
