"""Write generated files atomically, touching only what changed (so `mkdocs serve` and readers of a folder never
see half a file, and unchanged files keep their dates)."""
from __future__ import annotations

from pathlib import Path
from stat import S_ISREG

from ..data.atomic import write_atomic


# What ``sync`` last wrote in each folder in this process: name -> (bytes, modification time it left).
_WRITTEN: dict[Path, dict[str, tuple[bytes, int]]] = {}


def sync(folder: Path, files: dict[str, bytes]) -> list[str]:
    """Make ``folder`` hold exactly ``files`` (paths relative to it): write what differs, remove the rest.
    Returns the paths written or removed. A file this process wrote and nobody touched since (same modification
    time) is compared with what was written instead of being read back: ``mkdocs serve`` syncs thousands of
    files on every rebuild."""
    folder.mkdir(parents=True, exist_ok=True)
    written = _WRITTEN.setdefault(folder.resolve(), {})
    touched = []
    for name, data in sorted(files.items()):
        path = folder / name
        try:
            stat = path.lstat()
        except FileNotFoundError:
            stat = None
        if stat is not None and S_ISREG(stat.st_mode):
            known, when = written.get(name, (None, None))
            if (known if when == stat.st_mtime_ns else path.read_bytes()) == data:
                written[name] = (data, stat.st_mtime_ns)
                continue
        write_atomic(path, data)
        written[name] = (data, path.stat().st_mtime_ns)
        touched.append(name)
    for path in sorted(folder.rglob("*"), reverse=True):
        rel = path.relative_to(folder).as_posix()
        if (path.is_file() or path.is_symlink()) and rel not in files:
            path.unlink()
            written.pop(rel, None)
            touched.append(rel)
        elif path.is_dir() and not any(path.iterdir()):
            path.rmdir()
    return touched
