"""Read YAML with the line of every value (1-based), so problems can name file and line.

What no data file needs is refused with its line before it can hurt: nesting deeper than ``MAX_DEPTH`` (the
parser recurses: a RecursionError at about 600 levels, a crash at 200,000), a key that is not text, and a
character XML 1.0 forbids in a text (a control character: the Excel writer and every XML output would fail on it).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem, quote


@dataclass
class Document:
    """A YAML file's data and the line of every value in it (1-based)."""

    path: str
    data: object
    lines: dict[tuple, int] = field(default_factory=dict)

    def line_of(self, keys) -> int:
        """The line of the deepest known value on the way to ``keys``."""
        keys = tuple(keys)
        while keys and keys not in self.lines:
            keys = keys[:-1]
        return self.lines.get(keys, 1)


def format_where(keys) -> str:
    """``('tasks', 13, 'patterns', 0)`` -> ``tasks[13].patterns[0]``."""
    out = ""
    for key in keys:
        out += f"[{key}]" if isinstance(key, int) else (f".{key}" if out else str(key))
    return out


SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available


class _Scalars(yaml.constructor.SafeConstructor):
    """Plain scalars as YAML 1.1 reads them, except dates: ``2026-12-01`` stays the string the editor wrote, so
    the schema checks it (a real date, ASCII digits) instead of PyYAML raising on ``2026-02-30``."""


_Scalars.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)
_SCALARS = _Scalars()


class _Alias(Exception):
    """A node reached a second time: the document uses a YAML alias (``*name``)."""


MAX_DEPTH = 32   # levels of nesting; the deepest data file has 6
# What XML 1.0 does not allow in a text (https://www.w3.org/TR/xml/#charsets); surrogates never reach here.
NOT_IN_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
# What YAML itself does not allow in a file (its reader's rule), most of it control characters.
NOT_IN_YAML = re.compile("[^\t\n\r\x20-\x7e\x85\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
# A line of text that pymdownx.snippets would read as "include this file" once the text is in a page.
SNIPPET_LINE = re.compile(r"^[ \t]*-+8<-+", re.M)
_BLOCK_INDENT = re.compile(r"^[ \t?-]*", re.M)


def _too_deep(text: str) -> int | None:
    """The line of the first node nested deeper than ``MAX_DEPTH``, or None.

    Most files are shown shallow without parsing: a level of nesting needs a flow bracket or a block indicator or
    indentation at the start of a line, so fewer of those than MAX_DEPTH / 2 settle it.
    """
    widest = max((len(m) for m in _BLOCK_INDENT.findall(text)), default=0)
    if 2 * widest + text.count("[") + text.count("{") + 2 < MAX_DEPTH:
        return None
    depth = 0
    try:
        for event in yaml.parse(text, Loader=SAFE_LOADER):
            if isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
                depth += 1
                if depth > MAX_DEPTH:
                    return event.start_mark.line + 1
            elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
                depth -= 1
    except yaml.YAMLError:
        return None   # compose reports the syntax error with its line
    return None


def _to_python(node, keys, lines, problems, rel, seen):
    """Build plain data from a node tree, recording each value's line and flagging duplicate keys.

    The composer turns every alias into a second reference to the anchored node; reaching a node twice
    raises ``_Alias`` at once, so neither a recursive alias nor an exponential one (a "billion laughs") is expanded.
    """
    if id(node) in seen:
        raise _Alias
    seen.add(id(node))
    lines[keys] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(rel, key_node.start_mark.line + 1, format_where(keys),
                                        "mapping key is not a plain value"))
                continue
            key = _SCALARS.construct_object(key_node, deep=True)
            if not isinstance(key, str):
                problems.append(Problem(rel, key_node.start_mark.line + 1, format_where(keys),
                                        f"mapping key {quote(key)} is not text"))
                continue
            if key in out:
                problems.append(Problem(rel, key_node.start_mark.line + 1, format_where(keys + (key,)),
                                        f"duplicate key {quote(key)}"))
            out[key] = _to_python(value_node, keys + (key,), lines, problems, rel, seen)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(n, keys + (i,), lines, problems, rel, seen) for i, n in enumerate(node.value)]
    value = _SCALARS.construct_object(node, deep=True)
    if isinstance(value, str) and (bad := NOT_IN_XML.search(value)):
        line = node.start_mark.line + 1 + (value[:bad.start()].count("\n") if node.style in ("|", ">") else 0)
        problems.append(Problem(rel, line, format_where(keys), f"control character U+{ord(bad.group()):04X}"))
    if isinstance(value, str) and SNIPPET_LINE.search(value):
        problems.append(Problem(rel, node.start_mark.line + 1, format_where(keys), "a text may not include files (--8<--)"))
    return value


def _alias_line(text: str) -> int:
    """The line of the first alias (``*name``) in ``text``."""
    for event in yaml.parse(text, Loader=SAFE_LOADER):
        if isinstance(event, yaml.AliasEvent):
            return event.start_mark.line + 1
    return 1


def read_yaml(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file; a file not in UTF-8, syntax errors, aliases and duplicate keys become problems."""
    return parse_bytes(path.read_bytes(), path.relative_to(root).as_posix())


def parse_bytes(raw: bytes, rel: str) -> tuple[Document | None, list[Problem]]:
    """Parse the bytes of the file ``rel`` (see ``read_yaml``)."""
    text, problem = decode_utf8(raw, rel)
    if problem:
        return None, [problem]
    return parse_yaml(text, rel)


def decode_utf8(raw: bytes, rel: str) -> tuple[str, Problem | None]:
    """The file's text, or a problem naming the line of the first byte that is not UTF-8."""
    try:
        return raw.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        line = raw[:exc.start].count(b"\n") + 1
        return "", Problem(rel, line, "", f"not UTF-8: byte 0x{raw[exc.start]:02x} on line {line}")


def _unreadable_characters(text: str, rel: str) -> list[Problem]:
    """A problem for each character YAML refuses in a file, with the field it is in (found by reading the file
    with each of them made a space: the deepest value that starts on or before its line), and the file's other
    problems."""
    doc, problems = parse_yaml(NOT_IN_YAML.sub(" ", text), rel)
    starts = [(line, len(keys), keys) for keys, line in (doc.lines.items() if doc else ())]
    for bad in NOT_IN_YAML.finditer(text):
        line = text.count("\n", 0, bad.start()) + 1
        keys = max((s for s in starts if s[0] <= line), default=(0, 0, ()))[2]
        problems.append(Problem(rel, line, format_where(keys), f"control character U+{ord(bad.group()):04X}"))
    return sorted(problems, key=lambda p: p.line)


def parse_yaml(text: str, rel: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text that ``rel`` names in problems (line 1 of ``text`` is line 1 of the file)."""
    deep = _too_deep(text)
    if deep:
        return None, [Problem(rel, deep, "", f"nested deeper than {MAX_DEPTH} levels")]
    if NOT_IN_YAML.search(text):
        return None, _unreadable_characters(text, rel)
    try:
        node = yaml.compose(text, Loader=SAFE_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(rel, line, "", f"YAML syntax error: {reason}")]
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    try:
        data = _to_python(node, (), lines, problems, rel, set()) if node is not None else None
    except _Alias:
        return None, [Problem(rel, _alias_line(text), "", "YAML aliases (&name, *name) are not allowed")]
    return Document(rel, data, lines), problems
