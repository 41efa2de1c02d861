"""`make a11y-report`: run the accessibility tests and record what they found (JIS X 8341-3:2016 試験結果).

Runs the tests marked ``jis`` (collected at run time from their markers and docstrings) with a recorder attached,
then writes build/accessibility/results.json: tools and versions, the pages tested in each build, axe-core's
counts per rule, each test's outcome, the content inventory, and a result per success criterion
(accessibility/criteria.yml) with the conformance claim (準拠 / 一部準拠 / 配慮) those results support. Checks
made by a person come from accessibility/manual-checks.yml. The file belongs to the commit it was made from: the
deploy workflow runs this before `make site`, and docs/about/accessibility*.md render it when it is there
(handbook/render/accessibility.py). Nothing in it is typed by hand.
"""
from __future__ import annotations

import inspect
import json
import platform
import sys
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone
from importlib.metadata import version
from pathlib import Path

from jsonschema import Draft202012Validator

from handbook.data.errors import DataError, Problem
from handbook.model.git import git
from handbook.model.site import site_settings
from handbook.outputs.bundle import BUNDLE_NAME, TOP
from handbook.data.schema import load_schema, schema_problems
from handbook.data.yaml_lines import Document, format_where, read_yaml
from handbook.render.accessibility import RESULTS as RESULTS_PATH
from handbook.render.accessibility import schema_errors

ROOT = Path(__file__).resolve().parent.parent
REPORT_DIR = ROOT / "accessibility"
RESULTS = ROOT / RESULTS_PATH
CRITERIA_FILE = REPORT_DIR / "criteria.yml"
MANUAL = REPORT_DIR / "manual-checks.yml"
# The axe-core rule sets run on every page of both builds: WCAG 2.0, 2.1 and 2.2, levels A and AA (2.2 AA brings
# target-size, 2.5.8). JIS X 8341-3:2016 is WCAG 2.0; the later rules are held to the same zero violations.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
TESTS = ROOT / "tests"
JST = timezone(timedelta(hours=9))
PASSING = ("適合", "適用なし")


@dataclass(frozen=True)
class Criterion:
    """One success criterion and how the tests judge it (see the comments in accessibility/criteria.yml)."""

    sc: str
    name: str
    level: str
    judged: str
    applies_if: tuple[str, ...] | None = None


@dataclass(frozen=True)
class Criteria:
    """accessibility/criteria.yml: the content inventory's names and the criteria, in order."""

    inventory: dict[str, str]
    items: list[Criterion]

    @property
    def by_sc(self) -> dict[str, Criterion]:
        return {c.sc: c for c in self.items}


def read_checked(path: Path, root: Path = ROOT) -> tuple[Document, list[Problem]]:
    """A YAML file of accessibility/ and its problems (syntax, duplicate keys, its ``.schema.json``), with lines."""
    doc, problems = read_yaml(path, root)
    if doc is None:
        raise DataError(problems)
    schema = load_schema(path.with_name(path.stem + ".schema.json"))
    return doc, problems + schema_problems(doc, Draft202012Validator(schema))


def load_criteria(path: Path = CRITERIA_FILE, root: Path = ROOT) -> Criteria:
    """The criteria file, validated: schema, unique numbers, ``applies_if`` naming inventory keys."""
    doc, problems = read_checked(path, root)
    if problems:
        raise DataError(problems)
    seen: dict[str, int] = {}
    for i, item in enumerate(doc.data["criteria"]):
        where = ("criteria", i, "sc")
        if item["sc"] in seen:
            problems.append(Problem(doc.path, doc.line_of(where), format_where(where),
                                    f"duplicate id '{item['sc']}' (first defined at {doc.path}:{seen[item['sc']]})"))
        seen.setdefault(item["sc"], doc.line_of(where))
        for j, key in enumerate(item.get("applies_if", [])):
            if key not in doc.data["inventory"]:
                where = ("criteria", i, "applies_if", j)
                problems.append(Problem(doc.path, doc.line_of(where), format_where(where),
                                        f"'{key}' is not one of {sorted(doc.data['inventory'])}"))
    if problems:
        raise DataError(problems)
    items = [Criterion(c["sc"], c["name"], c["level"], c["judged"], tuple(c["applies_if"]) if "applies_if" in c else None)
             for c in doc.data["criteria"]]
    return Criteria(dict(doc.data["inventory"]), items)


def load_manual(criteria: Criteria, path: Path = MANUAL, root: Path = ROOT) -> list[dict]:
    """The records of checks made by a person, validated; each names a criterion of the criteria file."""
    doc, problems = read_checked(path, root)
    if not problems:
        problems = [Problem(doc.path, doc.line_of(("checks", i, "sc")), format_where(("checks", i, "sc")),
                            f"'{c['sc']}' is not one of the criteria in {CRITERIA_FILE.name}")
                    for i, c in enumerate(doc.data["checks"]) if c["sc"] not in criteria.by_sc]
    if problems:
        raise DataError(problems)
    return doc.data["checks"]


def check_of(item) -> tuple[str, dict] | None:
    """``("test_a11y.py::test_x", {criteria, title})`` for a collected test marked ``jis``, else ``None``."""
    marks = list(item.iter_markers("jis"))
    if not marks:
        return None
    doc = inspect.getdoc(item.function) or item.originalname
    return (f"{Path(item.path).name}::{item.originalname}",
            {"criteria": [c for m in reversed(marks) for c in m.args], "title": doc.splitlines()[0]})


def unknown_criteria(checks: dict[str, dict], criteria: Criteria) -> list[str]:
    """``test: criterion`` for every ``jis`` marker naming a criterion the criteria file lacks."""
    return [f"{test}: jis(\"{sc}\") is not in {CRITERIA_FILE.relative_to(ROOT)}"
            for test, info in checks.items() for sc in info["criteria"] if sc not in criteria.by_sc]


class Recorder:
    """pytest plugin: the tests marked ``jis`` (from their markers when they are collected), each test's outcome,
    and the axe records the tests attach with ``record_property``. Its three fields are the whole run."""

    def __init__(self, checks=None, outcomes=None, axe=None):
        self.checks: dict[str, dict] = checks or {}
        self.outcomes: dict[str, list[dict]] = outcomes or {}
        self.axe: list[dict] = axe or []

    def pytest_collection_modifyitems(self, items):
        self.checks.update(filter(None, map(check_of, items)))

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
        return f"{BUNDLE_NAME}/{TOP}/"
    return site_settings(ROOT)["site_url"] or "/"


def judge(criterion: Criterion, names: dict[str, str], rules: dict, checks: list[dict], inventory: dict,
          manual: dict | None) -> dict:
    """The result of one criterion from what the tests and a person found."""
    ran = [r for r, c in rules.items() if criterion.sc in c["criteria"] and c["passes"] + c["violations"] + c["incomplete"]]
    tests = [c for c in checks if criterion.sc in c["criteria"]]
    applicable = criterion.applies_if is None or any(inventory.get(k, 0) for k in criterion.applies_if)
    violations = sum(rules[r]["violations"] for r in ran)
    incomplete = sum(rules[r]["incomplete"] for r in ran)
    failed_tests = [t["test"] for t in tests if t["outcome"] != "passed"]
    if not applicable:
        result, note = "適用なし", "全ページで" + "・".join(names[k] for k in criterion.applies_if) + "が0件"
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


def build_results(run: Recorder, criteria: Criteria, manual_checks: list[dict], now: datetime) -> dict:
    """The results file's content from one recorded run; a ``jis`` marker naming an unknown criterion stops it."""
    unknown = unknown_criteria(run.checks, criteria)
    if unknown:
        raise SystemExit("\n".join(unknown))
    base = [r for r in run.axe if r["state"] is None]
    inventory: dict[str, int] = {}
    for record in base:
        for key, count in record["inventory"].items():
            inventory[key] = inventory.get(key, 0) + count
    rules = merge_rules(run.axe)
    checks = summarize_checks(run.checks, run.outcomes)
    latest = {}
    for check in sorted(manual_checks, key=lambda c: c["date"]):
        latest[check["sc"]] = check
    judged = [judge(c, criteria.inventory, rules, checks, inventory, latest.get(c.sc)) for c in criteria.items]
    return {
        "standard": "JIS X 8341-3:2016",
        "target_level": "AA",
        "claim": claim(judged),
        "test_date": now.date().isoformat(),
        "generated": now.isoformat(timespec="seconds"),
        "commit": (git(ROOT, "rev-parse", "--short=10", "HEAD") or "").strip() or "unknown",
        "tools": {"axe-core": base[0]["axe_version"] if base else "", "browser": base[0]["browser"] if base else "",
                  "playwright": version("playwright"), "pytest": version("pytest"),
                  "python": platform.python_version()},
        "axe_tags": AXE_TAGS,
        "builds": {r["build"]: {"base": page_base(r["build"]), "pages": r["pages"], "not_audited": r["not_audited"]}
                   for r in base},
        "states": sorted({r["state"] for r in run.axe if r["state"]}),
        "inventory": inventory,
        "contrast_measured": sum(r["contrast_measured"] for r in run.axe),
        "rules": [{"rule": k, **v} for k, v in rules.items()],
        "findings": [{"build": r["build"], "state": r["state"], "kind": kind, **f}
                     for r in run.axe for kind in ("violations", "incomplete") for f in r[kind]],
        "checks": checks,
        "criteria": judged,
        "manual_checks": manual_checks,
    }


def main() -> int:
    import pytest

    try:
        criteria = load_criteria()
        manual_checks = load_manual(criteria)
    except DataError as err:
        print(err, file=sys.stderr)
        return 1
    recorder = Recorder()
    code = pytest.main(["-q", "-p", "no:cacheprovider", "-m", "jis", str(TESTS)], plugins=[recorder])
    if not recorder.axe:
        print(f"no axe results were recorded; {RESULTS_PATH} not written", file=sys.stderr)
        return 1
    results = build_results(recorder, criteria, manual_checks, datetime.now(JST))
    errors = schema_errors(results, ROOT)
    if errors:
        raise SystemExit("results do not match results.schema.json:\n" + "\n".join(errors))
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    counts = {r: sum(c["result"] == r for c in results["criteria"]) for r in ("適合", "適用なし", "不適合", "未確認")}
    print(f"wrote {RESULTS_PATH}: level {results['target_level']} {results['claim']} {counts}")
    return int(code)


if __name__ == "__main__":
    sys.exit(main())
