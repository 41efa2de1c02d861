"""``python -m tools.generate [ROOT]``: run the generate stage (validate data/ and pages, write build/docs/ and
build/snippets/); data problems are printed with file and line."""
from __future__ import annotations

import sys
from pathlib import Path

from handbook.data.errors import DataError
from handbook.outputs.generate import generate


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else Path.cwd()
    try:
        touched = generate(root).touched
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"データの検証で {len(err.problems)} 件の問題が見つかりました。", file=sys.stderr)
        return 1
    print(f"ビルドの入力を build/ に用意しました（変更 {len(touched)} 件）。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
