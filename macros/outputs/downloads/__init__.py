"""Practitioner downloads (Excel templates and CSV) generated from the handbook data; PDFs of the four parts.

Pure generators: ``catalog.make_downloads`` turns the model into files; ``publish`` writes them into
a folder under docs/ so MkDocs copies them into the site and the offline bundle.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..files import write_changed
from .catalog import PARTS, PREFIX, Download, make_downloads
from .links import FOLDER, PDF_FOLDER


@dataclass(frozen=True)
class Published:
    """What a build offers: the downloads by id, and the part PDFs found (name -> size)."""

    downloads: dict[str, Download]
    pdfs: dict[str, int]

    def get(self, download_id: str) -> Download:
        try:
            return self.downloads[download_id]
        except KeyError:
            raise KeyError(f"unknown download '{download_id}' (expected one of {', '.join(self.downloads)})") from None


def publish(handbook, build: dict, docs_dir: Path, cache: Path | None = None) -> Published:
    """Generate every download into ``docs/downloads/generated/`` (only changed files are written)."""
    downloads = make_downloads(handbook, build, cache)
    write_changed(docs_dir / FOLDER, {f.name: f.data for d in downloads.values() for f in d.files}, PREFIX)
    return Published(downloads, present_files(docs_dir / PDF_FOLDER))


def present_files(folder: Path) -> dict[str, int]:
    """Names and sizes of the files in a folder (e.g. PDFs made by an earlier `make pdf`)."""
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}


__all__ = ["PARTS", "Published", "publish"]
