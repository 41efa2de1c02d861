"""Data strings escaped for where they land: the one place render code turns data into markup.

Everything a macro returns lands in a Markdown page, so data is made inert for HTML *and* Markdown at once.
Use exactly one helper for each place a data string goes:

* ``text(s)``: element text in HTML (``<td>…</td>``, ``<caption>``, SVG ``<text>``) and Markdown inline text
  (a heading, a link label, a list item). HTML's ``& < > " '`` and Markdown's and attr_list's active
  punctuation (``[ ] ( ) { } * _ ` # | ! \\``) become numeric character references, which both Markdown (raw HTML
  or not) and the browser show as the character itself; line breaks become a space (a blank line would end
  the paragraph or HTML block). So ``[a](javascript:…)``, ``{: onmouseover=… }``, ``*[X]: …``, ``{{ … }}`` and
  tags stay text.
* ``attr(s)``: a double-quoted HTML attribute value (``id="…"``, ``data-…="…"``, ``name="…"``).
* ``url(s)``: an ``href`` taken from data: only ``http``/``https`` with a host, then as ``attr``.
* ``abbr_title(s)``: the expansion in an abbreviation definition (``*[RFI]: …``). Material's tooltip puts the
  ``title`` attribute into ``innerHTML``, so the text is escaped twice: once for the attribute, once for the
  tooltip; and it stays on one line (a second line would be a paragraph on every page).
* ``<title>`` (overrides/main.html): ``{{ name | striptags | e }}``; page titles are HTML, ``striptags``
  unescapes entities, so the result must be escaped again.

HTML that render code builds itself is marked with ``Markup`` (markupsafe, Jinja's own): ``text()`` passes it
through unchanged, so a list of links is not escaped twice; everything else is escaped.
"""
from __future__ import annotations

import re
from urllib.parse import urlsplit

from markupsafe import Markup, escape

__all__ = ["Markup", "abbr_title", "attr", "one_line", "text", "url"]

LINE_BREAKS = re.compile(r"\s*[\r\n\v\f\x85\u2028\u2029]+\s*")
TEXT = {ord(c): f"&#{ord(c)};" for c in "&<>\"'[](){}*_`#|!\\"}


def one_line(value) -> str:
    """``value`` as a string with every line break (and the spaces around it) made one space."""
    return LINE_BREAKS.sub(" ", str(value)).strip()


def text(value) -> Markup:
    """Data as literal text in HTML or Markdown inline; ``Markup`` passes through unchanged."""
    if isinstance(value, Markup):
        return value
    return Markup(one_line(value).translate(TEXT))


def attr(value) -> Markup:
    """Data as a double-quoted HTML attribute value."""
    return escape(one_line(value))


def url(value) -> Markup:
    """An ``http(s)`` URL from data as an attribute value; any other scheme (``javascript:``, ``file:``) is refused."""
    parts = urlsplit(str(value).strip())
    if parts.scheme not in ("http", "https") or not parts.netloc or "\\" in str(value):
        raise ValueError(f"not an http(s) URL with a host: {str(value)[:80]!r}")
    return attr(value)


def abbr_title(value) -> str:
    """The expansion of an abbreviation definition: one line, shown as text by the browser and by Material's tooltip."""
    return str(escape(str(escape(one_line(value)))))
