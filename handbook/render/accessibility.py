"""The accessibility policy's status box and the test results page, from build/accessibility/results.json.

That file is written by ``make a11y-report`` (tools/a11y_report.py) from the tests' own output, for the commit
being published (the deploy workflow runs it before ``make site``); it is not in the repository. Without it
(local builds, pull requests) both pages say that results are produced for each published version. Nothing
here states a result that the file does not hold.
"""
from __future__ import annotations

import json
from pathlib import Path

from ..model.dates import ja_date
from .escape import Markup, text
from .tasks import html_list

RESULTS = "build/accessibility/results.json"
SCHEMA = "accessibility/results.schema.json"
RESULTS_ORDER = ("適合", "適用なし", "不適合", "未確認")
CLAIM_MEANING = {
    "準拠": "目標とした適合レベルの達成基準をすべて満たしていることを、試験で確認した",
    "一部準拠": "試験を実施し、目標とした適合レベルの達成基準の一部を満たしていないことを確認した",
    "配慮": "達成基準に配慮して制作し試験も行っているが、満たしていることをまだすべては確認できていない",
}
TECHNOLOGIES = ("HTML", "CSS", "JavaScript", "WAI-ARIA", "SVG")
BUILD_LABEL = {"online": "ウェブ版", "offline": "オフライン版（zip、file:// で開く）"}


def schema_errors(results: dict, root: Path) -> list[str]:
    """Every way ``results`` departs from the schema (checked by the report tool and by tests/test_a11y.py)."""
    from jsonschema import Draft202012Validator

    schema = json.loads((root / SCHEMA).read_text(encoding="utf-8"))
    return [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft202012Validator(schema).iter_errors(results)]


def load_results(root: Path) -> dict | None:
    """The results of this commit's audit; ``None`` if it has not been run here or left an older format, i.e.
    lacks a field the schema requires. Full validation is done by the report tool when it writes the file and by
    the tests, which keeps it out of every build."""
    path = root / RESULTS
    if not path.exists():
        return None
    results = json.loads(path.read_text(encoding="utf-8"))
    required = json.loads((root / SCHEMA).read_text(encoding="utf-8"))["required"]
    return results if set(required) <= results.keys() else None


def _counts(results: dict) -> str:
    counts = {r: sum(c["result"] == r for c in results["criteria"]) for r in RESULTS_ORDER}
    return "、".join(f"{r} {n}件" for r, n in counts.items())


def _table(caption: str, headers, rows, css: str) -> str:
    head = "".join(f'<th scope="col">{text(h)}</th>' for h in headers)
    return (f'<table class="dx-table {css}"><caption>{text(caption)}</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


NOT_YET = ('<p class="dx-note">このビルドの試験結果は、まだ作成されていない。'
           "試験結果は、公開する版ごとに、その版の全ページを試験して作成し、公開するサイトに掲載する。</p>")


def status(results: dict | None, results_href: str) -> str:
    """The policy page's box: target, current claim and what it means, date of the latest test."""
    if results is None:
        return NOT_YET
    level = results["target_level"]
    rows = [
        ("目標", f"{text(results['standard'])}の適合レベル{level}に準拠"),
        ("現在の対応度", f"適合レベル{level}{text(results['claim'])}（{text(CLAIM_MEANING[results['claim']])}）"),
        ("直近の試験日", ja_date(results["test_date"])),
        ("達成基準ごとの結果", f"{text(_counts(results))}（<a href=\"{text(results_href)}\">試験結果</a>）"),
    ]
    body = "".join(f'<tr><th scope="row">{k}</th><td>{v}</td></tr>' for k, v in rows)
    return f'<table class="dx-card"><caption>対応状況（試験結果から自動で作成）</caption><tbody>{body}</tbody></table>'


def page_uri(base: str, page: str) -> str:
    """``about/index.html`` -> ``https://…/about/`` online (directory URLs); offline pages are files."""
    if base.startswith("http") and (page == "index.html" or page.endswith("/index.html")):
        page = page[: -len("index.html")]
    return base + page


def _criteria_table(results: dict) -> str:
    checks = {c["test"]: c for c in results["checks"]}
    rows = []
    for c in results["criteria"]:
        how = []
        if c["axe_rules"]:
            how.append(f"axe-coreの{len(c['axe_rules'])}ルール")
        how += [text(checks[t]["title"]) for t in c["tests"] if t in checks]
        if not c["applicable"]:
            how.append("全ページで該当するコンテンツを数える")
        elif c["judged"] == "human":
            how.append("人による確認")
        rows.append(f'<tr id="sc-{c["sc"].replace(".", "-")}"><td>{c["sc"]}</td><th scope="row">{text(c["name"])}</th>'
                    f'<td>{c["level"]}</td><td>{"あり" if c["applicable"] else "なし"}</td><td>{text(c["result"])}</td>'
                    f'<td>{html_list(map(Markup, how)) if how else "－"}</td><td>{text(c["note"])}</td></tr>')
    return _table("達成基準チェックリスト（JIS X 8341-3:2016の適合レベルA・AA）",
                  ("番号", "達成基準", "レベル", "適用", "結果", "確認方法", "注記"), rows, "dx-a11y-criteria")


def _checks_table(results: dict) -> str:
    outcome = {"passed": "合格", "failed": "不合格", "skipped": "未実施", "not run": "未実施"}
    rows = [f'<tr><th scope="row">{text(c["title"])}</th><td>{text("、".join(c["criteria"]) or "axe-coreの全ルール")}</td>'
            f'<td>{c["cases"]}</td><td>{outcome[c["outcome"]]}</td></tr>' for c in results["checks"]]
    return _table("自動試験とキーボード操作試験の結果", ("試験", "達成基準", "試験した場面の数", "結果"), rows,
                  "dx-a11y-checks")


def _rules_table(results: dict) -> str:
    rows = [f'<tr><th scope="row"><code>{text(r["rule"])}</code></th><td>{text(r["help"])}</td>'
            f'<td>{text("、".join(r["criteria"]))}</td><td>{r["passes"]}</td><td>{r["violations"]}</td>'
            f'<td>{r["incomplete"]}</td><td>{r["inapplicable"]}</td></tr>' for r in results["rules"]]
    return _table("axe-coreのルール別結果（ページ数・場面数）",
                  ("ルール", "内容", "達成基準", "合格", "違反", "要確認", "該当なし"), rows, "dx-a11y-rules")


def results_page(results: dict | None) -> str:
    """The body of the test results page, in the order of JIS X 8341-3:2016 附属書JB の JB.3.1 表示事項."""
    if results is None:
        return NOT_YET
    tools = results["tools"]
    builds = results["builds"]
    total = sum(len(b["pages"]) for b in builds.values())
    scope = [f"{BUILD_LABEL[k]}：{len(b['pages'])}ページ" for k, b in builds.items()]
    excluded = [f"{BUILD_LABEL[k]}の <code>{text(p)}</code>：{text(why)}"
                for k, b in builds.items() for p, why in b["not_audited"].items()]
    uri_lists = []
    for key, build in builds.items():
        uris = [page_uri(build["base"], p) for p in build["pages"]]
        uri_lists.append(f"<details><summary>{BUILD_LABEL[key]}（{len(uris)}ページ）</summary>"
                         f"{html_list(Markup(f'<code>{text(u)}</code>') for u in uris)}</details>")
    states = html_list(results["states"]) if results["states"] else "<p>なし</p>"
    parts = [
        "## 表明日", "", f"<p>{ja_date(results['test_date'])}</p>", "",
        "## 規格の規格番号及び改正年", "", f"<p>{text(results['standard'])}</p>", "",
        "## 満たしている適合レベル", "",
        f"<p>適合レベル{results['target_level']}{text(results['claim'])}（{text(CLAIM_MEANING[results['claim']])}）。"
        f"達成基準ごとの結果は、{text(_counts(results))}である。</p>", "",
        "## 対象となるウェブページに関する簡潔な説明", "",
        "<p>本サイト（自治体DX推進手順書 ウェブ版）のすべてのページ。ウェブ版と、閉域網向けのオフライン版の両方を対象とした。</p>",
        "",
        "## 依存したウェブコンテンツ技術のリスト", "", html_list(TECHNOLOGIES), "",
        "## 試験対象のウェブページを選択した方法及び選択したウェブページ数", "",
        f"<p>抽出はせず、生成されたすべてのページを試験した（計{total}ページ）。</p>", html_list(scope), "",
    ]
    if excluded:
        parts += ["<p>次のページは試験の対象外とした。</p>", html_list(map(Markup, excluded)), ""]
    parts += [
        "## 試験を行ったウェブページのURI", "", *uri_lists, "",
        "## 達成基準チェックリスト", "", _criteria_table(results), "",
        "## 試験の方法", "",
        "<p>試験はすべて自動で実行し、その出力からこのページを作成した。人による確認（目視確認）の記録は"
        f"{len(results['manual_checks'])}件である。</p>",
        html_list(map(Markup, [
            f"ブラウザ：Debianの{text(tools['browser'])}（Playwright {text(tools['playwright'])}で操作）",
            f"自動検査：axe-core {text(tools['axe-core'])}（WCAG 2.0、2.1、2.2のレベルA・AAのルール。2.2のターゲットのサイズを含む）を全ページで実行",
            "axe-coreがコントラストを判定できない文字（①、○などの記号だけの文字、図（SVG）の中の文字、複数行にまたがる見出しセル）は、"
            f"文字色と背景色からコントラスト比を計算し、4.5:1以上であることを確認（{results['contrast_measured']}か所）",
            "キーボード操作試験：マウスを使わず、キー操作だけでスキップリンク、メニュー、検索、チェックリスト、絞り込みを操作",
            "拡大表示：幅640ピクセル（200%拡大に相当）で全ページを表示",
            f"試験した版：コミット<code>{text(results['commit'])}</code>",
        ])), "",
        "<p>ページを開いた状態に加えて、次の操作後の状態もaxe-coreで検査した。</p>", states, "",
        _checks_table(results), "", _rules_table(results),
    ]
    if results["findings"]:
        kind = {"violations": "違反", "incomplete": "要確認"}
        items = [f"{kind[f['kind']]}：{BUILD_LABEL[f['build']]} <code>{text(f['page'])}</code>"
                 f"{'（' + text(f['state']) + '）' if f['state'] else ''} {text(f['help'])}"
                 for f in results["findings"]]
        parts += ["", "## axe-coreが違反又は要確認とした箇所", "", html_list(map(Markup, items))]
    return "\n".join(parts)
