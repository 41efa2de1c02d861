"""Build both configurations with Zensical, the second host (`make zensical`; see MAINTAINING.md).

zensical.yml → build/zensical-site and zensical-offline.yml → build/zensical-offline, with the pinned
Zensical of .venv-zensical (requirements-zensical.txt), from the inputs the generate stage staged in build/docs
(the same ones MkDocs builds from, the vendored iframe-worker shim included). Zensical never runs MkDocs hooks,
so for the offline build this does what hooks/offline.py does under MkDocs: drops the pages only a server shows
and fails if a page would load anything from outside the bundle.

    python -m tools.zensical_build [--project DIR] [--zensical PATH]
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

import yaml

from hooks.offline import SERVER_ONLY_PAGES, external_resources
from tools.builds import generate
from handbook.data.layout import DOCS

ROOT = Path(__file__).resolve().parent.parent
ONLINE, OFFLINE = "zensical.yml", "zensical-offline.yml"


def site_dir(project: Path, config: str) -> Path:
    """The output folder a Zensical config names (Zensical has no --site-dir option)."""
    return project / yaml.safe_load((project / config).read_text(encoding="utf-8"))["site_dir"]


def build(project: Path, config: str, zensical: Path, env: dict[str, str]) -> subprocess.CompletedProcess:
    """``zensical build`` of one config, from the project folder, with the project importable (macros.*
    Markdown extensions) and without colour codes in its messages."""
    env = dict(env, PYTHONPATH=str(project), NO_COLOR="1")
    return subprocess.run([str(zensical), "build", "-f", config], cwd=project, env=env,
                          capture_output=True, text=True)


def build_all(project: Path, zensical: Path, env: dict[str, str] | None = None,
              configs: tuple[str, ...] = (ONLINE, OFFLINE)) -> list[str]:
    """Build the configs (``env``: the environment, default os.environ); returns the problems found, with
    Zensical's whole output for a failed build (empty when every build is good)."""
    generated = generate(project, env)
    if generated.returncode != 0:
        return [f"the generate stage failed:\n{generated.stdout}{generated.stderr}"]
    problems = []
    for config in configs:
        result = build(project, config, zensical, dict(os.environ if env is None else env))
        if result.returncode != 0:
            problems.append(f"zensical build -f {config} failed:\n{result.stdout}{result.stderr}")
            continue
        if config == OFFLINE:
            site = site_dir(project, config)
            for name in SERVER_ONLY_PAGES:
                (site / name).unlink(missing_ok=True)
            problems += [f"{config}: loads from the network: {found}" for found in external_resources(site, project / DOCS)]
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--project", type=Path, default=ROOT)
    parser.add_argument("--zensical", type=Path, default=ROOT / ".venv-zensical/bin/zensical")
    args = parser.parse_args(argv)
    problems = build_all(args.project.resolve(), args.zensical)
    for problem in problems:
        print(problem[-6000:], file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
