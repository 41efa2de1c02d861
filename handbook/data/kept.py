"""Results kept for the next run: in memory for the rest of the process (``mkdocs serve`` rebuilds) and in a
pickle file under build/cache/ for the next process. Each is stored with a tag (a digest of what made it), and
read back only for the same tag."""
from __future__ import annotations

import pickle
from pathlib import Path

from .atomic import write_atomic

_MEMORY: dict[str, tuple[str, object]] = {}
_UNWRITTEN: set[str] = set()   # kept in memory only, until ``write_kept`` (while writes are deferred)
_DEFERRED = False


def recall(path: Path, tag: str):
    """What was kept in ``path`` for ``tag`` (this process's copy first), else ``None``."""
    kept_tag, value = _MEMORY.get(str(path), (None, None))
    if kept_tag != tag:
        try:
            kept_tag, value = pickle.loads(Path(path).read_bytes())
        except Exception:  # missing, damaged or written by older code: nothing kept
            return None
        if kept_tag != tag:
            return None
        _MEMORY[str(path)] = (tag, value)
    return value


def keep(path: Path, tag: str, value, write: bool = True) -> None:
    """Keep ``value`` for ``tag`` in memory and, with ``write``, in ``path`` (now, or at ``write_kept`` when
    writes are deferred)."""
    _MEMORY[str(path)] = (tag, value)
    if write and _DEFERRED:
        _UNWRITTEN.add(str(path))
    elif write:
        write_atomic(Path(path), pickle.dumps((tag, value), protocol=pickle.HIGHEST_PROTOCOL))


def defer_writes() -> None:
    """Write kept results only at ``write_kept`` (``mkdocs serve``: a rebuild after an edit need not pay for
    writing thousands of results that only the next process reads)."""
    global _DEFERRED
    _DEFERRED = True


def write_kept() -> None:
    """Write the results kept since writes were deferred."""
    for path in sorted(_UNWRITTEN):
        tag, value = _MEMORY[path]
        write_atomic(Path(path), pickle.dumps((tag, value), protocol=pickle.HIGHEST_PROTOCOL))
    _UNWRITTEN.clear()
