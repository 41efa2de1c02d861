"""Which downloads exist, where each belongs, and the files each one is made of."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from ...render.links import page_url
from . import templates
from .csvtext import sheet_csv
from .model import Workbook
from .cache import cached_workbook_bytes

PREFIX = "jichitai-dx-"


@dataclass(frozen=True)
class Spec:
    """A download: its id, the template that builds it, and its home (a page path or an entity id)."""

    id: str
    template: Callable[..., Workbook]
    home: str


SPECS = (
    Spec("work-plan", templates.work_plan, "standardization/ch2/index.md"),
    Spec("progress-steps", templates.progress_steps, "standardization/ch2/index.md"),
    Spec("current-systems", templates.current_systems, "std-02"),
    Spec("fit-gap", templates.fit_gap, "std-03"),
    Spec("talent-checklist", templates.talent_checklist, "overall/step2/external-talent.md"),
    Spec("procedures", templates.procedures_tracker, "online/policy.md"),
)


@dataclass(frozen=True)
class Part:
    """One of the handbook's four parts, printed as one PDF."""

    id: str
    title: str
    prefix: str          # its pages' folder under docs/

    @property
    def pdf_name(self) -> str:
        return f"{PREFIX}{self.id}.pdf"


PARTS = (
    Part("overall", "自治体DX全体手順書", "overall/"),
    Part("standardization", "標準化・共通化 手順書", "standardization/"),
    Part("online", "オンライン化 手順書", "online/"),
    Part("cases", "参考事例集", "cases/"),
)


@dataclass(frozen=True)
class File:
    """One generated file: its name, bytes, and what a link to it says it is."""

    name: str
    data: bytes
    kind: str            # "Excel" or "CSV"
    part: str = ""       # the sheet a CSV holds, when a workbook has several


@dataclass(frozen=True)
class Download:
    id: str
    title: str
    description: str
    home: str
    files: tuple[File, ...]


def home_path(handbook, home: str) -> str:
    """``page.md`` or ``page.md#anchor`` under docs/ for a page path or an entity id."""
    return home if home.endswith(".md") else handbook.home(home)


def page_address(path: str, site_url: str) -> str:
    """The page's address on the published site printed in a workbook (``https://…/standardization/ch2/planning/
    #std-02``); "" when no site address is configured (the row is left out)."""
    if not site_url:
        return ""
    src, _, anchor = path.partition("#")
    return site_url + page_url(src, use_directory_urls=True) + (f"#{anchor}" if anchor else "")


def _download(handbook, spec: Spec, data_of: Callable[[str, Workbook, object], bytes]) -> Download:
    """A download with its files, the bytes of each from ``data_of(name, book, sheet or None for the workbook)``."""
    book = spec.template(handbook)
    stem = f"{PREFIX}{spec.id}"
    several = len(book.sheets) > 1
    named = [(f"{stem}.xlsx", None, "Excel", "")] + [
        (f"{stem}-{sheet.slug}.csv" if several else f"{stem}.csv", sheet, "CSV", sheet.title if several else "")
        for sheet in book.sheets]
    files = tuple(File(name, data_of(name, book, sheet), kind, part) for name, sheet, kind, part in named)
    return Download(spec.id, book.title, book.description, spec.home, files)


def make_download(handbook, spec: Spec, build: dict, cache: Path | None = None, site_url: str = "") -> Download:
    """Build one download's workbook and CSV files (workbooks reused from ``cache`` when unchanged)."""
    address = page_address(home_path(handbook, spec.home), site_url)

    def make(name: str, book: Workbook, sheet) -> bytes:
        return sheet_csv(sheet) if sheet else cached_workbook_bytes(book, address, build, cache)

    return _download(handbook, spec, make)


def make_downloads(handbook, build: dict, cache: Path | None = None, site_url: str = "") -> dict[str, Download]:
    """Every download, by id, in catalog order; ``site_url``: the published site's address (or "")."""
    return {spec.id: make_download(handbook, spec, build, cache, site_url) for spec in SPECS}


def published_downloads(handbook, folder: Path) -> dict[str, Download]:
    """The downloads as the generate stage wrote them into ``folder`` (read back, not made again)."""
    def written(name: str, book: Workbook, sheet) -> bytes:
        path = folder / name
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run the generate stage first (make generate)")
        return path.read_bytes()

    return {spec.id: _download(handbook, spec, written) for spec in SPECS}


def find(downloads: dict[str, Download], download_id: str) -> Download:
    """One download by id; ``KeyError`` naming the known ids if there is no such download."""
    try:
        return downloads[download_id]
    except KeyError:
        raise KeyError(f"unknown download '{download_id}' (expected one of {', '.join(downloads)})") from None
