"""The benchmark (``make bench``) still runs against the code as it is: its modules import, and every budget it
reports on is checked (a renamed helper or a dropped budget fails here, not on the next benchmark day)."""
from __future__ import annotations

import importlib

import pytest


@pytest.mark.parametrize("module", ["benchmarks.run", "benchmarks.search_latency", "benchmarks.dump_macros"])
def test_benchmark_modules_import(module):
    importlib.import_module(module)


def test_every_budget_is_checked():
    from benchmarks.run import BUDGETS, check_budgets
    build = {"seconds": 1.0}
    report = {"today": {"macros": {"overhead_pct": 1.0}, "search_first_result_s": 0.1, "offline_zip_mb": 1.0,
                        "make_site": {"second_s": 1.0}, "search_index_with_terms_ratio": 1.1},
              "scale": {"build": build, "macros": {"overhead_pct": 1.0}, "search_first_result_s": 0.1,
                        "serve_rebuild": {"first_s": 1.2, "median_s": 1.0, "runs_s": [1.2, 1.0, 1.0]}}}
    assert {b["budget"] for b in check_budgets(report)} == set(BUDGETS)
