"""``make new-case ID=case-xxx``: write a valid case skeleton (data/cases/<ID>.yml).

The case's page (cases/<ID>.md in build/docs/) is generated from that file at every build; there is nothing else to write.

The choices listed in the skeleton's comments are read from data/schemas/case.schema.json, so they stay current.
Every value an editor must replace is marked 【要記入】; tests/test_scaffold.py fails while one is left in data/.
"""
from __future__ import annotations

import argparse
import json
import re
import sys
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PLACEHOLDER = "【要記入】"


class ScaffoldError(Exception):
    """A refusal, worded for the editor."""


def _choices(schema: dict, name: str) -> str:
    prop = schema["properties"][name]
    values = prop.get("enum") or prop.get("items", {}).get("enum", [])
    return "、".join(values)


def _source_kinds(schema: dict) -> str:
    return "、".join(schema["properties"]["sources"]["items"]["properties"]["kind"]["enum"])


def case_yaml(case_id: str, schema: dict, today: date) -> str:
    """The skeleton text: valid against the schema, with a Japanese comment on every field."""
    return f"""\
# 参考事例: {case_id}
# 【要記入】の箇所をすべて書き換え、この行から下のコメント（# で始まる行）は残しても消してもよい。
# 事実は出典で確かめたものだけを書く（CONTRIBUTING.md「事例を追加する」を参照）。
id: {case_id}                     # ファイル名と同じにする（変えない）
title: {PLACEHOLDER}事例の見出し（何をしたかを短く）
municipality: {PLACEHOLDER}〇〇市      # 団体名（都道府県の事例では都道府県名）
prefecture: {PLACEHOLDER}〇〇県        # 「県」「都」「道」「府」で終わる
type: 市                          # 次のどれか: {_choices(schema, "type")}（指定都市・中核市は指定を受けた市だけ）
population_band: 出典で未確認     # 次のどれか: {_choices(schema, "population_band")}。人口の出典（団体のページや住民基本台帳の人口）も sources に書く
themes: [推進体制]                # 1つ以上。次から選ぶ: {_choices(schema, "themes")}
steps: []                         # 関連する全体手順書のステップ（例: [step-2]）。なければ []
tasks: []                         # 関連する標準化の作業項目（例: [std-14]）。なければ []
# year: 2021                      # 取組みを始めた年。出典で確かめられた場合だけ、先頭の # を消して書く
summary: {PLACEHOLDER}取組みの概要を1〜2文で書く。
details:                          # 取組みの内容。出典で確かめた事実を、本サイトの言葉で1項目1文で書く
  - {PLACEHOLDER}取組みの内容を書く。
points:                           # 参考にしたい点（本サイトとしての助言）。なければこの2行を消す
  - {PLACEHOLDER}他の自治体が参考にできる点を書く。
confidence: 確認                  # 団体か省庁の出典の本文を読んで確かめたら「確認」、報道など第三者の資料なら「二次」
reviewed: "{today.isoformat()}"             # 内容と出典を点検した日（YYYY-MM-DD）。事例ページの題名の下に表示される
sources:                          # 出典。1件以上。団体・省庁・報道のどれかが必要。checked は確かめた日（YYYY-MM-DD）
  - title: {PLACEHOLDER}出典の名前
    url: "https://example.jp/{PLACEHOLDER}"
    checked: "{today.isoformat()}"
    kind: 団体                    # 次のどれか: {_source_kinds(schema)}（報道なら outlet: 報道機関名 と published: "YYYY-MM-DD" も書く）
"""


def create_case(root: Path, case_id: str, today: date | None = None) -> list[Path]:
    """Write the case file; refuse a malformed or already used id without writing anything."""
    schema = json.loads((root / "data/schemas/case.schema.json").read_text(encoding="utf-8"))
    if not case_id:
        raise ScaffoldError("事例の ID を指定してください。例: make new-case ID=case-nagoya-madoguchi")
    if not re.fullmatch(schema["properties"]["id"]["pattern"], case_id):
        raise ScaffoldError(
            f"ID「{case_id}」は使えません。「case-」で始め、半角の小文字英字・数字・ハイフンだけで書いてください"
            "（例: case-nagoya-madoguchi）。")
    data_file = root / "data/cases" / f"{case_id}.yml"
    if data_file.exists():
        raise ScaffoldError(f"ID「{case_id}」はすでに使われています（{data_file.relative_to(root).as_posix()}）。"
                            "別の ID にしてください。")
    data_file.write_text(case_yaml(case_id, schema, today or date.today()), encoding="utf-8")
    return [data_file]


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description="参考事例の雛形を作る")
    parser.add_argument("case_id", nargs="?", default="", help="事例の ID（例: case-nagoya-madoguchi）")
    parser.add_argument("--root", type=Path, default=ROOT, help="プロジェクトのフォルダ（テスト用）")
    args = parser.parse_args(argv)
    try:
        written = create_case(args.root, args.case_id.strip())
    except ScaffoldError as err:
        print(f"エラー: {err}", file=sys.stderr)
        return 1
    for path in written:
        print(f"作成しました: {path.relative_to(args.root).as_posix()}")
    print(f"次に {written[0].relative_to(args.root).as_posix()} の「{PLACEHOLDER}」をすべて書き換え、"
          "make check で検証し、make serve で表示を確かめてください。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
