"""`make a11y-report`: run the accessibility tests and publish what they found (JIS X 8341-3:2016 試験結果).

Runs the tests marked ``jis`` in tests/test_a11y.py and tests/test_keyboard.py with a recorder attached, then
writes accessibility/results.json: tools and versions, the pages tested in each build, axe-core's counts
per rule, each test's outcome, the content inventory, and a result per success criterion with the conformance
claim (準拠 / 一部準拠 / 配慮) that those results support. Checks made by a person come from manual-checks.yml.
docs/about/accessibility*.md render that file (macros/render/accessibility.py). Nothing in it is typed by hand.
"""
from __future__ import annotations

import ast
import json
import platform
import re
import subprocess
import sys
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

import yaml
from jsonschema import Draft202012Validator

from tools.a11y_criteria import BY_SC, CRITERIA, INVENTORY

ROOT = Path(__file__).resolve().parent.parent
REPORT_DIR = ROOT / "accessibility"
RESULTS = REPORT_DIR / "results.json"
MANUAL = REPORT_DIR / "manual-checks.yml"
TEST_MODULES = ["tests/test_a11y.py", "tests/test_keyboard.py"]
JST = timezone(timedelta(hours=9))
PASSING = ("適合", "適用なし")


def a11y_checks() -> dict[str, dict]:
    """Every test function marked ``jis`` in the test modules: ``{"test_a11y.py::test_x": {criteria, title}}``."""
    found = {}
    for module in TEST_MODULES:
        tree = ast.parse((ROOT / module).read_text(encoding="utf-8"))
        for node in tree.body:
            if not isinstance(node, ast.FunctionDef):
                continue
            for deco in node.decorator_list:
                if isinstance(deco, ast.Call) and ast.unparse(deco.func) == "pytest.mark.jis":
                    found[f"{Path(module).name}::{node.name}"] = {
                        "criteria": [ast.literal_eval(a) for a in deco.args],
                        "title": (ast.get_docstring(node) or node.name).splitlines()[0]}
    return found


class Recorder:
    """pytest plugin: each test's outcome, and the axe records the tests attach with ``record_property``."""

    def __init__(self):
        self.outcomes: dict[str, list[dict]] = {}
        self.axe: list[dict] = []

    def pytest_runtest_logreport(self, report):
        if report.when != "call" and report.passed:
            return
        path, _, name = report.nodeid.partition("::")
        test, _, case = name.partition("[")
        crash = getattr(report.longrepr, "reprcrash", None)
        message = crash.message if crash else (str(report.longrepr) if report.longrepr else "")
        self.outcomes.setdefault(f"{Path(path).name}::{test}", []).append(
            {"case": case.rstrip("]"), "outcome": report.outcome, "message": message[:500]})
        self.axe += [value for key, value in report.user_properties if key == "axe"]


def merge_rules(records: list[dict]) -> dict[str, dict]:
    rules: dict[str, dict] = {}
    for record in records:
        for rule_id, counts in record["rules"].items():
            merged = rules.setdefault(rule_id, {"criteria": counts["criteria"], "help": counts["help"],
                                                "passes": 0, "violations": 0, "incomplete": 0, "inapplicable": 0})
            for key in ("passes", "violations", "incomplete", "inapplicable"):
                merged[key] += counts[key]
    return dict(sorted(rules.items()))


def summarize_checks(static: dict[str, dict], outcomes: dict[str, list[dict]]) -> list[dict]:
    """One line per test function: passed only if every case passed."""
    checks = []
    for test, info in static.items():
        cases = outcomes.get(test, [])
        failures = [c for c in cases if c["outcome"] != "passed"]
        outcome = "not run" if not cases else ("passed" if not failures else "failed")
        checks.append({"test": test, "title": info["title"], "criteria": info["criteria"], "outcome": outcome,
                       "cases": len(cases), "failures": failures})
    return checks


def page_base(build: str) -> str:
    """Where readers find the tested pages: the site URL, or the folder inside the offline zip."""
    if build == "offline":
        from tools.offline_bundle import BUNDLE, TOP

        return f"{BUNDLE.name}/{TOP}/"
    match = re.search(r"^site_url:\s*(\S+)", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), re.M)
    return match.group(1) if match else "/"


def load_manual() -> list[dict]:
    data = yaml.safe_load(MANUAL.read_text(encoding="utf-8"))
    schema = json.loads((REPORT_DIR / "manual-checks.schema.json").read_text(encoding="utf-8"))
    errors = [f"{MANUAL.relative_to(ROOT)}: {'.'.join(map(str, e.absolute_path))}: {e.message}"
              for e in Draft202012Validator(schema).iter_errors(data)]
    unknown = [f"{MANUAL.relative_to(ROOT)}: unknown criterion '{c['sc']}'" for c in data["checks"] if c["sc"] not in BY_SC]
    if errors or unknown:
        raise SystemExit("\n".join(errors + unknown))
    return data["checks"]


def judge(criterion, rules: dict, checks: list[dict], inventory: dict, manual: dict | None) -> dict:
    """The result of one criterion from what the tests and a person found."""
    ran = [r for r, c in rules.items() if criterion.sc in c["criteria"] and c["passes"] + c["violations"] + c["incomplete"]]
    tests = [c for c in checks if criterion.sc in c["criteria"]]
    applicable = criterion.applies_if is None or any(inventory.get(k, 0) for k in criterion.applies_if)
    violations = sum(rules[r]["violations"] for r in ran)
    incomplete = sum(rules[r]["incomplete"] for r in ran)
    failed_tests = [t["test"] for t in tests if t["outcome"] != "passed"]
    if not applicable:
        result, note = "適用なし", "全ページで" + "・".join(INVENTORY[k] for k in criterion.applies_if) + "が0件"
    elif violations or failed_tests or (manual and manual["result"] == "不適合"):
        result, note = "不適合", f"axeの違反{violations}件、不合格の試験{len(failed_tests)}件" + (
            f"、目視確認で不適合（{manual['date']}）" if manual and manual["result"] == "不適合" else "")
    elif criterion.judged == "human" and not manual:
        result, note = "未確認", ("自動試験では問題なし。" if ran or tests else "自動試験では判定できない。") + "人による確認が未実施"
    elif incomplete:
        result, note = "未確認", f"axeが判定を保留した箇所が{incomplete}件あり、人による確認が必要"
    elif not ran and not tests and not manual:
        result, note = "未確認", "この達成基準を確かめる試験がない"
    else:
        result, note = "適合", ("目視確認（" + manual["date"] + "）と自動試験で確認") if manual else "自動試験とキーボード操作試験で確認"
    return {"sc": criterion.sc, "name": criterion.name, "level": criterion.level, "judged": criterion.judged,
            "applicable": applicable, "result": result, "note": note, "axe_rules": ran,
            "tests": [t["test"] for t in tests]}


def claim(criteria: list[dict]) -> str:
    """対応度 per the WAIC guideline: 準拠 only when every criterion is shown to be met."""
    results = [c["result"] for c in criteria]
    if all(r in PASSING for r in results):
        return "準拠"
    if "未確認" not in results:
        return "一部準拠"
    return "配慮"


def build_results(recorder: Recorder, manual_checks: list[dict], now: datetime) -> dict:
    base = [r for r in recorder.axe if r["state"] is None]
    inventory: dict[str, int] = {}
    for record in base:
        for key, count in record["inventory"].items():
            inventory[key] = inventory.get(key, 0) + count
    rules = merge_rules(recorder.axe)
    checks = summarize_checks(a11y_checks(), recorder.outcomes)
    latest = {}
    for check in sorted(manual_checks, key=lambda c: c["date"]):
        latest[check["sc"]] = check
    criteria = [judge(c, rules, checks, inventory, latest.get(c.sc)) for c in CRITERIA]
    return {
        "standard": "JIS X 8341-3:2016",
        "target_level": "AA",
        "claim": claim(criteria),
        "test_date": now.date().isoformat(),
        "generated": now.isoformat(timespec="seconds"),
        "commit": subprocess.run(["git", "rev-parse", "--short=10", "HEAD"], cwd=ROOT, capture_output=True,
                                 text=True).stdout.strip() or "unknown",
        "tools": {"axe-core": base[0]["axe_version"] if base else "", "browser": base[0]["browser"] if base else "",
                  "playwright": version("playwright"), "pytest": version("pytest"),
                  "python": platform.python_version()},
        "axe_tags": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
        "builds": {r["build"]: {"base": page_base(r["build"]), "pages": r["pages"], "not_audited": r["not_audited"]}
                   for r in base},
        "states": sorted({r["state"] for r in recorder.axe if r["state"]}),
        "inventory": inventory,
        "contrast_measured": sum(r["contrast_measured"] for r in recorder.axe),
        "rules": [{"rule": k, **v} for k, v in rules.items()],
        "findings": [{"build": r["build"], "state": r["state"], "kind": kind, **f}
                     for r in recorder.axe for kind in ("violations", "incomplete") for f in r[kind]],
        "checks": checks,
        "criteria": criteria,
        "manual_checks": manual_checks,
    }


def validate(results: dict) -> None:
    schema = json.loads((REPORT_DIR / "results.schema.json").read_text(encoding="utf-8"))
    errors = [f"{'.'.join(map(str, e.absolute_path))}: {e.message}" for e in Draft202012Validator(schema).iter_errors(results)]
    if errors:
        raise SystemExit("results do not match results.schema.json:\n" + "\n".join(errors))


def main() -> int:
    import pytest

    manual_checks = load_manual()
    recorder = Recorder()
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-m", "jis", *[str(ROOT / m) for m in TEST_MODULES]],
                       plugins=[recorder])
    if not recorder.axe:
        print("no axe results were recorded; results.json left unchanged", file=sys.stderr)
        return 1
    results = build_results(recorder, manual_checks, datetime.now(JST))
    validate(results)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {r: sum(c["result"] == r for c in results["criteria"]) for r in ("適合", "適用なし", "不適合", "未確認")}
    print(f"wrote {RESULTS.relative_to(ROOT)}: level {results['target_level']} {results['claim']} {counts}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
