"""MkDocs hook for ``mkdocs serve``: run the generate stage before every (re)build, so an edit under docs/ or
data/ (both watched, see mkdocs.yml) reaches build/docs/ and the preview. ``mkdocs build`` does not regenerate:
``make site`` runs the stage once before the builds. A data error is shown and the server keeps running with the
last good pages until the file is fixed.
"""
from __future__ import annotations

import logging
from pathlib import Path

from macros.data.errors import DataError
from macros.outputs.generate import generate

log = logging.getLogger("mkdocs.hooks.serve")
_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_pre_build(config):
    if not _serving:
        return
    try:
        generate(Path(config.config_file_path).parent)
    except DataError as err:
        for problem in err.problems:
            log.warning(str(problem))
        log.warning("データに誤りがあるため、直前の正しい内容で表示しています（data/ validation failed）")
