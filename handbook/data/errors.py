"""Data problems located in a file, with a Japanese explanation for editors.

Every problem becomes a ``DataError`` line: file, line, field, a Japanese explanation for editors and the
validator's own detail, e.g. ``data/standardization/tasks.yml:42: tasks[13].patterns[0]:
決められた値のどれでもありません。使える値: 'A', 'B'（'C' is not one of ['A', 'B']）``.
"""
from __future__ import annotations

import re
from dataclasses import dataclass


# Problems the project finds itself (not JSON Schema's, which handbook/data/schema.py explains from the error's
# validator and value): (pattern of the English detail, Japanese explanation for editors); first match wins.
EXPLANATIONS = [
    (r"^YAML syntax error", "YAML の書き方に誤りがあります。字下げ、「:」のあとの空白、引用符や括弧の対応を確かめてください。"),
    (r"^duplicate key '(.*)'", "同じ項目名「\\1」が2回書かれています。"),
    (r"^unknown field '(.*)'", "項目名「\\1」は使えません。綴りと字下げを確かめてください。"),
    (r"^missing required field: '(.*)'", "必須の項目「\\1」がありません。"),
    (r"^front matter is not closed", "ページ先頭の前付けが「---」の行で閉じられていません。"),
    (r"^duplicate id '(.*?)' \(first defined at (.*)\)$", "ID「\\1」は \\2 ですでに使われています。ID は重複させないでください。"),
    (r"^unknown id '(.*?)' \(expected an id starting with '(.*)'\)$", "ID「\\1」は存在しません。「\\2」で始まる既存の ID を書いてください。"),
    (r"^'(.*?)' is not a '(.*)…' id$", "「\\2」で始まる ID を書いてください。"),
    (r"^id '.*' must match the file name '(.*)'$", "id はファイル名と同じ「\\1」にしてください。"),
    (r"^duplicate case title '(.*?)'? \(also in (.*)\)$", "事例の題名「\\1」は \\2 でも使われています。事例一覧で見分けられるよう、題名を変えてください。"),
    (r"^a (?:page|text) may not include files", "ほかのファイルを取り込む記法（--8<--）は使えません。内容をページに直接書いてください。"),
    (r"^file is missing$", "ファイルがありません。"),
    (r"^symbolic link is not allowed$", "シンボリックリンクは使えません（リンク先は読みません）。実際のファイルを置いてください。"),
    (r"^not a regular file$", "通常のファイルではありません。削除してください。"),
    (r"^not UTF-8", "文字コードが UTF-8 ではありません（Shift_JIS などで保存されています）。UTF-8 で保存し直してください。"),
    (r"^YAML aliases", "YAML の別名（&名前 と *名前）は使えません。値をそのまま書いてください。"),
    (r"^mapping key is not a plain value$", "項目名には文字列を書いてください。"),
    (r"^mapping key (.*) is not text$", "項目名 \\1 は文字列ではありません。項目名には決まった名前（英字）を書いてください。"),
    (r"^nested deeper than (\d+) levels", "入れ子が深すぎます（\\1 段まで）。字下げと括弧を確かめてください。"),
    (r"^control character U\+(\w+)", "制御文字（U+\\1）は使えません。Excel や印刷で壊れるため、削除するか普通の文字に置き換えてください。"),
    (r"^file is not read by any collection", "このファイルはどのデータとしても読み込まれません。拡張子を小文字の .yml にし、"
     "決まったフォルダー（data/cases/ など）に置いてください。不要なら削除してください。"),
    (r"^system name contains", "業務名に半角の「,」や「\"」は使えません（Excel の入力規則の一覧が途中で分かれます）。「、」などに書き換えてください。"),
    (r"^system name list is (.*) characters", "業務名をつなげた一覧（「その他」を含む）が \\1 字になり、Excel の入力規則の一覧の上限 255 字を超えます。"),
    (r"^macro ", "マクロの呼び出し方に誤りがあります。引数の数、名前、値を確かめてください。"),
]

LIMIT = 80  # characters of a value quoted in a message (the rest is cut with …)


def quote(value) -> str:
    """``repr(value)``, cut to ``LIMIT`` characters with … (closing quote kept) so a huge value never floods the log."""
    text = repr(value)
    return text if len(text) <= LIMIT else text[:LIMIT - 2] + "…" + text[-1]



def explain(message: str) -> str:
    """The Japanese explanation of one English validation detail."""
    for pattern, text in EXPLANATIONS:
        found = re.search(pattern, message)
        if found:
            return found.expand(text)
    return "データが決まり（data/schemas/ のスキーマ）に合いません。"


@dataclass(frozen=True)
class Problem:
    """One data error, located in a file."""

    path: str
    line: int
    where: str
    message: str
    explanation: str = ""   # the Japanese text, when the finder knows it (else looked up from ``message``)

    def __str__(self) -> str:
        where = self.where if len(self.where) <= LIMIT else self.where[:LIMIT - 1] + "…"
        where = f" {where}:" if where else ""
        return f"{self.path}:{self.line}:{where} {self.explanation or explain(self.message)}（{self.message}）"


class DataError(Exception):
    """All problems found in one validation run."""

    def __init__(self, problems: list[Problem]):
        self.problems = problems
        super().__init__("\n".join(str(p) for p in problems))
