"""Where the build keeps what it makes, relative to the project root (sources are data/ and docs/)."""
from __future__ import annotations

from pathlib import Path

BUILD = Path("build")
DOCS = BUILD / "docs"          # the staged pages every host builds from (written by the generate stage only)
SNIPPETS = BUILD / "snippets"  # files the pages may include (pymdownx.snippets)
CACHE = BUILD / "cache"        # results kept between runs (never read as a source)
