"""Practitioner downloads (Excel templates and CSV) generated from the handbook data; PDFs of the four parts.

``catalog.make_downloads`` turns the model into files (the generate stage writes them);
``catalog.published_downloads`` describes what it wrote, for the pages that link to them.
"""
from __future__ import annotations

from .catalog import PARTS, Download, find, make_downloads, published_downloads
from .links import FOLDER, PDF_FOLDER

__all__ = ["FOLDER", "PARTS", "PDF_FOLDER", "Download", "find", "make_downloads", "published_downloads"]
