"""``python -m macros.check``: validate data/ and the pages' front matter; print every problem with file and line."""
from __future__ import annotations

import sys
from pathlib import Path

from .data.errors import DataError
from .model import load_handbook


def main(argv: list[str]) -> int:
    data_dir = Path(argv[0]) if argv else Path("data")
    try:
        handbook = load_handbook(data_dir, docs_dir=data_dir.parent / "docs")
    except DataError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"データの検証で {len(err.problems)} 件の問題が見つかりました。", file=sys.stderr)
        return 1
    print(f"データの検証に成功しました（{len(handbook.docs)} ファイル、{len(handbook.entities)} 件）。")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
