"""The one rule between a case's data file and its generated page: data/cases/<id>.yml ↔ cases/<id>.md (a path
under the staged docs folder)."""
from __future__ import annotations

import re

_PAGE = re.compile(r"cases/(case-[a-z0-9-]+)\.md")


def case_page(case_id: str) -> str:
    """``case-x`` -> ``cases/case-x.md``."""
    return f"cases/{case_id}.md"


def case_file(case_id: str) -> str:
    """``case-x`` -> ``data/cases/case-x.yml`` (relative to the project root)."""
    return f"data/cases/{case_id}.yml"


def case_of_page(src: str) -> str | None:
    """``cases/case-x.md`` -> ``case-x``; ``None`` for any other page."""
    match = _PAGE.fullmatch(src)
    return match.group(1) if match else None
