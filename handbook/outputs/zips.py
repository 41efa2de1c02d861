"""Deterministic zip archives (the offline bundle, Excel packages): entries in the given order, fixed times and
modes, so the same inputs give the same bytes."""
from __future__ import annotations

import io
import zipfile
from typing import Iterable


def zip_bytes(entries: Iterable[tuple[str, bytes]], date_time: tuple[int, int, int] = (1980, 1, 1)) -> bytes:
    """A zip of ``(name, data)`` pairs, each stamped ``date_time`` at midnight with mode 0644, deflated."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in entries:
            info = zipfile.ZipInfo(name, date_time=(*date_time, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return out.getvalue()
