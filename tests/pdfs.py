"""A PDF's text as a reader would copy it, page by page, read by poppler's pdftotext (a Debian package that
`make setup` installs; pypdf's own extraction takes seconds a part)."""
from __future__ import annotations

import subprocess
from pathlib import Path


def page_texts(path: Path) -> list[str]:
    """The text of each page of the PDF at ``path``, in the order it was printed (a table of contents gives each
    heading, then its page number)."""
    out = subprocess.run(["pdftotext", "-q", "-raw", str(path), "-"], capture_output=True, text=True,
                         check=True).stdout
    return out.split("\f")[:-1]  # pdftotext ends every page, the last one too, with a form feed
