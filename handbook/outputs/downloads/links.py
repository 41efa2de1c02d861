"""Accessible download links: every link says what the file is, its type and its size."""
from __future__ import annotations

import math
import posixpath
import re
from typing import Callable

from ...render.escape import attr, text
from ...render.links import Linker, entity_label, page_url, relative
from ..bundle import BUNDLE_NAME, TOP
from .catalog import Download, File, Part

FOLDER = "downloads/generated"
PDF_FOLDER = f"{FOLDER}/pdf"

Href = Callable[[str], str]


def file_href(page_src: str, use_directory_urls: bool, target: str) -> str:
    """The href from a page (``a/b.md``) to a file under docs/ (``downloads/generated/x.xlsx``)."""
    here = page_url(page_src, use_directory_urls)
    base = here.rstrip("/") if use_directory_urls else posixpath.dirname(here)
    return relative(target, base or ".")


def size_text(size: int) -> str:
    """``12 KB`` / ``1.4 MB``."""
    if size < 1024 * 1024:
        return f"{max(1, math.ceil(size / 1024))} KB"
    return f"{size / (1024 * 1024):.1f} MB"


def _save_as(title: str, ext: str) -> str:
    """A Japanese file name for the ``download`` attribute, without characters Windows forbids."""
    return re.sub(r'[\\/:*?"<>|]', "_", title) + ext


def _link(href: str, label: str, save_as: str | None = None) -> str:
    download = f' download="{attr(save_as)}"' if save_as else ""
    return f'<a href="{attr(href)}"{download}>{text(label)}</a>'


def _file_text(dl: Download, f: File, short: bool) -> str:
    """``作業計画表（Excel、.xlsx、11 KB）``; ``short`` leaves out the title when a table row already names it."""
    size = size_text(len(f.data))
    sheet = f"：{f.part}" if f.part else ""
    if f.kind == "Excel":
        return f"Excel（.xlsx、{size}）" if short else f"{dl.title}（Excel、.xlsx、{size}）"
    return f"CSV{sheet}（UTF-8、{size}）" if short else f"{dl.title}{sheet}（CSV、UTF-8、{size}）"


def file_items(dl: Download, href: Href, short: bool = False) -> list[str]:
    """One ``<li>`` per file of a download, the workbook first."""
    items = []
    for f in dl.files:
        save_as = _save_as(dl.title + (f"_{f.part}" if f.part else ""), "." + f.name.rsplit(".", 1)[1])
        items.append(f"<li>{_link(href(f'{FOLDER}/{f.name}'), _file_text(dl, f, short), save_as)}</li>")
    return items


def download_links(dl: Download, href: Href) -> str:
    """A box with a download's purpose and its files, for the page the template belongs to."""
    return (f'<div class="admonition info dx-downloads"><p class="admonition-title">様式のダウンロード</p>'
            f"<p>{text(dl.description)}</p><ul>{''.join(file_items(dl, href))}</ul></div>")


def home_link(handbook, linker: Linker, home: str) -> str:
    """A link to where a download belongs, labelled with the work item or the page title."""
    if home.endswith(".md"):
        return _link(linker.href(home), handbook.page_title(home))
    return _link(linker.href(handbook.home(home)), entity_label(handbook.get(home)))


def downloads_table(handbook, downloads: dict[str, Download], linker: Linker, href: Href) -> str:
    """Every template: what it is for, its files, and the page that explains it."""
    rows = []
    for dl in downloads.values():
        rows.append(f'<tr id="dl-{text(dl.id)}"><th scope="row">{text(dl.title)}</th>'
                    f"<td>{text(dl.description)}</td><td><ul>{''.join(file_items(dl, href, short=True))}</ul></td>"
                    f"<td>{home_link(handbook, linker, dl.home)}</td></tr>")
    head = "".join(f'<th scope="col">{h}</th>' for h in ("様式", "内容", "ファイル", "説明のあるページ"))
    return (f'<table class="dx-table dx-downloads-table"><caption>Excel様式とCSVの一覧</caption>'
            f"<thead><tr>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>")


def pdf_links(parts: tuple[Part, ...], href: Href) -> str:
    """Links to each part's PDF. ``make site`` prints the PDFs from this very build after rendering it, so
    their size is not known yet here; the link states the format instead."""
    items = []
    for p in parts:
        label = f"{p.title}（PDF、A4、目次とページ番号付き）"
        items.append(f"<li>{_link(href(f'{PDF_FOLDER}/{p.pdf_name}'), label, _save_as(p.title, '.pdf'))}</li>")
    return f'<ul class="dx-pdf-links">{"".join(items)}</ul>'


OFFLINE_STEPS = (
    "インターネットにつながるパソコンで、上のリンクからzipファイルを保存する。",
    "ファイルが壊れていないか確かめる。Windowsでは、保存したフォルダでPowerShellを開き "
    "<code>Get-FileHash ファイル名</code> を実行する。表示された値が上のSHA-256と同じなら、公開したものと同じファイルである。",
    "庁内の手順（ファイルの無害化、記録媒体の使用の承認など）に従って、zipファイルをLGWAN接続系の端末に移す。"
    "手順が分からないときは、情報セキュリティの担当に確かめる。",
    "端末でzipファイルを右クリックし、「すべて展開」を選ぶ。",
    f"展開してできたフォルダの中の「{TOP}」フォルダにある <code>index.html</code> を、EdgeかChromeで開く。"
    "サーバーの準備もインターネットへの接続も要らない。検索も使える。",
    "新しい版が出たら、同じ手順で入れ替える。見ている版は、各ページの下に表示される。",
)


def offline_edition(facts, zip_href: str, build: dict, offline: bool, site_url: str) -> str:
    """The offline edition, one click away: on the online site the zip's link with its edition, date, size and
    SHA-256, and how to bring it onto an LGWAN terminal; in the bundle itself, which edition this is and where a
    newer one is. Empty on an online build made without the zip (``facts`` None: nothing to link to)."""
    edition = f"{text(build['edition'])}（{text(build['date'])} 作成）"
    if offline:
        newer = (f'新しい版は、インターネットにつながるパソコンで<a href="{attr(site_url)}downloads/#offline">'
                 f"公開しているサイトのダウンロードのページ</a>から入手できる。" if site_url else
                 "新しい版は、このファイルを受け取った窓口に問い合わせる。")
        return (f'<div class="admonition info dx-offline"><p class="admonition-title">オフライン版</p>'
                f"<p>いま見ているのは、zipファイルを展開して開いたオフライン版（{edition}）である。{newer}</p></div>")
    if facts is None:
        return ""
    size = f"{size_text(facts.size)}、{facts.size:,}バイト"
    steps = "".join(f"<li>{step}</li>" for step in OFFLINE_STEPS)
    return (f'<div class="admonition info dx-offline"><p class="admonition-title">'
            f"オフライン版（LGWAN端末など、インターネットにつながらない端末で読む）</p>"
            f"<p>{_link(zip_href, f'オフライン版をダウンロードする（zip、{size_text(facts.size)}）', BUNDLE_NAME)}</p>"
            f'<dl class="dx-offline-facts"><dt>版</dt><dd>{edition}</dd><dt>大きさ</dt><dd>{size}</dd>'
            f'<dt>SHA-256</dt><dd><code class="dx-sha256">{facts.sha256}</code></dd></dl>'
            f"<p>端末に持ち込んで開く手順：</p><ol>{steps}</ol>"
            f"<p>PDFとExcel様式もzipに入っている。</p></div>")
