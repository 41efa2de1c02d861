"""What reading and validating single files found, kept for the next load: after one edit (a ``mkdocs serve``
rebuild, a second ``make site``) only the files whose bytes changed are parsed and validated again.

A file's parse is a function of its bytes; its schema problems are a function of its document, its schema and
the answer to "is this id known?" for each id it refers to (``handbook/data/schema.py`` records those answers), so
a result is reused exactly when all of these are the same.
"""
from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from pathlib import Path

from .errors import Problem
from .yaml_lines import Document, parse_bytes


@dataclass
class Reuse:
    """Per-file results: parses by path (with the digest of the bytes), validations by path and schema digest."""

    parsed: dict[str, tuple[bytes, Document | None, tuple[Problem, ...]]] = field(default_factory=dict)
    validated: dict[tuple[str, bytes], tuple[Document, tuple[Problem, ...], dict[str, bool]]] = field(
        default_factory=dict)
    changed: bool = False  # something was computed that the stored copy lacks

    def read_yaml(self, path: Path, root: Path) -> tuple[Document | None, list[Problem]]:
        """``yaml_lines.read_yaml``, reusing the last parse of the same bytes."""
        raw = path.read_bytes()
        rel, digest = path.relative_to(root).as_posix(), hashlib.sha256(raw).digest()
        last = self.parsed.get(rel)
        if last is None or last[0] != digest:
            doc, problems = parse_bytes(raw, rel)
            last = self.parsed[rel] = (digest, doc, tuple(problems))
            self.changed = True
        return last[1], list(last[2])

    def keep(self, paths: set[str]) -> None:
        """Forget files that are gone (paths as problems name them, ``data/cases/x.yml``)."""
        for key in [k for k in self.parsed if k not in paths]:
            del self.parsed[key]
            self.changed = True
        for key in [k for k in self.validated if k[0] not in paths]:
            del self.validated[key]
            self.changed = True
