"""Accessibility results made by the report code (tools/a11y_report.py) from one recorded run of the tests marked
``jis`` (tests/fixtures/a11y-run.json, trimmed to a few pages and to the axe rules that ran), so tests can check the results file and the pages
that show it without a committed results file and without a second browser run."""
from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

from handbook.render.accessibility import RESULTS
from tools.a11y_report import JST, ROOT, Recorder, build_results, load_criteria, load_manual

RUN = ROOT / "tests/fixtures/a11y-run.json"
RECORDED_AT = datetime(2026, 12, 1, 10, 0, tzinfo=JST)


def recorded_run() -> Recorder:
    return Recorder(**json.loads(RUN.read_text(encoding="utf-8")))


def recorded_results() -> dict:
    criteria = load_criteria()
    return build_results(recorded_run(), criteria, load_manual(criteria), RECORDED_AT)


def write_recorded_results(project: Path) -> None:
    """Put the recorded results where ``make a11y-report`` writes them, in a copy of the project."""
    path = project / RESULTS
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(recorded_results(), ensure_ascii=False, indent=1), encoding="utf-8")
