"""Write generated files (pages and downloads under docs/, caches under .cache/) atomically, touching only what
changed in docs/ (so `mkdocs serve` does not loop)."""
from __future__ import annotations

import os
from pathlib import Path


def write_changed(folder: Path, files: dict[str, bytes], prefix: str) -> list[str]:
    """Write each file whose bytes differ; remove stale files named ``prefix*`` (ours).
    Returns the names written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    touched = []
    for name, data in files.items():
        path = folder / name
        if path.exists() and path.read_bytes() == data:
            continue
        write_atomic(path, data)
        touched.append(name)
    for path in sorted(folder.glob(f"{prefix}*")):
        if path.is_file() and path.name not in files:
            path.unlink()
            touched.append(path.name)
    return touched


def write_atomic(path: Path, data: bytes) -> None:
    """Replace ``path`` in one step, so a reader (a watcher, a parallel build) never sees half a file."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)
