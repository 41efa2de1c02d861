"""Read YAML with the line of every value (1-based), so problems can name file and line."""
from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml

from .errors import Problem


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


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml's parser when available


class _Scalars(yaml.constructor.SafeConstructor):
    """Plain scalars as YAML 1.1 reads them, except dates: ``2026-12-01`` stays the string the editor wrote, so
    the schema checks it (a real date, ASCII digits) instead of PyYAML raising on ``2026-02-30``."""


_Scalars.add_constructor("tag:yaml.org,2002:timestamp", yaml.constructor.SafeConstructor.construct_yaml_str)
_SCALARS = _Scalars()


def _to_python(node, keys, lines, problems, rel):
    """Build plain data from a node tree, recording each value's line and flagging duplicate keys."""
    lines[keys] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        out = {}
        for key_node, value_node in node.value:
            key = _SCALARS.construct_object(key_node, deep=True)
            if key in out:
                problems.append(Problem(rel, key_node.start_mark.line + 1, format_where(keys + (key,)),
                                        f"duplicate key '{key}'"))
            out[key] = _to_python(value_node, keys + (key,), lines, problems, rel)
        return out
    if isinstance(node, yaml.SequenceNode):
        return [_to_python(n, keys + (i,), lines, problems, rel) for i, n in enumerate(node.value)]
    return _SCALARS.construct_object(node, deep=True)


def read_yaml(path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
    """Parse one YAML file; syntax errors and duplicate keys become problems."""
    return parse_yaml(path.read_text(encoding="utf-8"), path.relative_to(root).as_posix())


def parse_yaml(text: str, rel: str) -> tuple[Document | None, list[Problem]]:
    """Parse YAML text that ``rel`` names in problems (line 1 of ``text`` is line 1 of the file)."""
    try:
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        reason = getattr(exc, "problem", None) or str(exc)
        return None, [Problem(rel, line, "", f"YAML syntax error: {reason}")]
    problems: list[Problem] = []
    lines: dict[tuple, int] = {}
    data = _to_python(node, (), lines, problems, rel) if node is not None else None
    return Document(rel, data, lines), problems
