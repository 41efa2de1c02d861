"""Write generated files atomically, touching only what changed (so `mkdocs serve` and readers of a folder never
see half a file, and unchanged files keep their dates)."""
from __future__ import annotations

import os
from pathlib import Path


def sync(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files`` (paths relative to it): write what differs, remove the rest.
    Returns the paths written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    touched = []
    for name, data in sorted(files.items()):
        path = folder / name
        if path.is_file() and not path.is_symlink() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
        touched.append(name)
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder).as_posix()
        if (path.is_file() or path.is_symlink()) and rel not in files:
            path.unlink()
            touched.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return touched


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step, so a reader (a watcher, a parallel build) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
