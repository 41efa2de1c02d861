"""The page facts (front matter ``dx``) the generate stage writes into every staged page round-trip every string:
any character of any Unicode plane in a change note comes back as the same text from the host's reader, on one
ASCII line that cannot end the front matter."""
from __future__ import annotations

import sys

import pytest
from mkdocs.utils.meta import get_data

from handbook.outputs.generate import with_front_matter

# Every code point but the surrogates (not characters: no UTF-8 file holds one), in notes of 4,096 characters.
CODE_POINTS = [c for c in range(sys.maxunicode + 1) if not 0xD800 <= c <= 0xDFFF]
CHUNKS = [CODE_POINTS[i:i + 4096] for i in range(0, len(CODE_POINTS), 4096)]
SAMPLES = ["𠮷野家の𩸽（ほっけ）🙂", "<script>alert(1)</script>", "---\n...\n", "a: b, {c: [d]}", "'\"\\", " edge ",
           "\u2028\u2029\x85\ufeff", "#", "null", "2026-12-01", "True", ""]


def facts(note: str) -> dict:
    return {"changes": [{"date": {"iso": "2026-12-01", "label": "2026年12月1日"}, "note": note}],
            "source": "docs/a.md", "updated": {"estimated": False, "iso": "2026-12-01"}}


def read_back(markdown: str) -> tuple[str, dict]:
    """The page's body and front matter as MkDocs reads them (mkdocs.utils.meta, PyYAML's C loader)."""
    return get_data(markdown)


@pytest.mark.parametrize("chunk", range(len(CHUNKS)))
def test_every_character_of_every_plane_round_trips(chunk):
    note = "".join(map(chr, CHUNKS[chunk]))
    staged = with_front_matter("# 見出し\n", facts(note))
    assert staged.startswith("---\ndx: ") and staged.endswith("\n---\n# 見出し\n") and staged.count("\n") == 4
    assert staged.split("\n")[1].isascii()
    body, meta = read_back(staged)
    assert meta["dx"] == facts(note)
    assert body == "# 見出し\n"


@pytest.mark.parametrize("note", SAMPLES)
def test_notes_that_look_like_yaml_or_markup_stay_text(note):
    page = "---\ntitle: ページ\nreviewed: 2026-11-01\n---\n本文\n"
    body, meta = read_back(with_front_matter(page, facts(note)))
    assert meta["dx"] == facts(note) and meta["title"] == "ページ"
    assert body == "本文\n"


def test_the_page_s_own_front_matter_stays_one_block():
    body, meta = read_back(with_front_matter("---  \ntitle: t\n---\ntext\n", facts("x")))
    assert meta["title"] == "t" and meta["dx"]["changes"][0]["note"] == "x" and body == "text\n"
