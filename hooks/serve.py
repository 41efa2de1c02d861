"""MkDocs hook for ``mkdocs serve``: run the generate stage before every (re)build, so an edit under docs/ or
data/ (both watched, see mkdocs.yml) reaches build/docs/ and the preview. ``mkdocs build`` does not regenerate:
``make site`` runs the stage once before the builds. A data error stops the rebuild with its message (define_env
reports it first); the server keeps running and rebuilds when the file is fixed.
"""
from __future__ import annotations

from pathlib import Path

from macros.outputs.generate import generate

_serving = False


def on_startup(command, dirty):
    global _serving
    _serving = command == "serve"


def on_pre_build(config):
    if not _serving:
        return
    generate(Path(config.config_file_path).parent)
