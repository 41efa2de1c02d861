"""Write generated files into a folder, touching only what changed (so `mkdocs serve` does not loop)."""
from __future__ import annotations

import os
from pathlib import Path

from .catalog import PREFIX


def write_changed(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Write each file whose bytes differ; remove our stale files. Returns the names written or removed."""
    folder.mkdir(parents=True, exist_ok=True)
    touched = []
    for name, data in files.items():
        path = folder / name
        if path.exists() and path.read_bytes() == data:
            continue
        tmp = path.with_name(f".{name}.{os.getpid()}.tmp")
        tmp.write_bytes(data)
        tmp.replace(path)
        touched.append(name)
    for path in sorted(folder.glob(f"{PREFIX}*")):
        if path.is_file() and path.name not in files:
            path.unlink()
            touched.append(path.name)
    return touched


def present_files(folder: Path) -> dict[str, int]:
    """Names and sizes of the files in a folder (e.g. PDFs made by an earlier `make pdf`)."""
    if not folder.is_dir():
        return {}
    return {p.name: p.stat().st_size for p in sorted(folder.iterdir()) if p.is_file() and not p.name.startswith(".")}
