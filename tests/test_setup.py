"""Set-up works on a fresh Debian machine with Debian's own Python (README): the venvs are made by /usr/bin/python3,
and every pinned distribution installs on Debian 12's Python 3.11.2 and Debian 13's 3.13."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from importlib import metadata

import pytest
from packaging.specifiers import SpecifierSet

from tests.conftest import ROOT

SYSTEM_PYTHON = "/usr/bin/python3"
DEBIAN_PYTHONS = ("3.11.2", "3.13.0")   # Debian 12 (bookworm), Debian 13 (trixie)
LISTING = "import json; from importlib import metadata; " \
          "print(json.dumps({d.metadata['Name']: d.metadata.get('Requires-Python') or '' for d in metadata.distributions()}))"


def too_new(requires: dict[str, str]) -> list[str]:
    """``name (Requires-Python)`` of every distribution that Debian's Python cannot install."""
    return [f"{name} ({spec})" for name, spec in sorted(requires.items())
            if not all(SpecifierSet(spec).contains(v) for v in DEBIAN_PYTHONS)]


def test_every_installed_distribution_admits_debian_pythons():
    requires = {d.metadata["Name"]: d.metadata.get("Requires-Python") or "" for d in metadata.distributions()}
    assert "pymdown-extensions" in requires and len(requires) > 30
    assert too_new(requires) == []


def test_the_zensical_venv_admits_debian_pythons_too():
    python = ROOT / ".venv-zensical/bin/python"
    if not python.exists():
        pytest.skip("make test installs .venv-zensical first")
    import json
    listing = subprocess.run([str(python), "-c", LISTING], capture_output=True, text=True, check=True)
    requires = json.loads(listing.stdout)
    assert "zensical" in requires
    assert too_new(requires) == []


def test_a_requires_python_above_debian_12_is_caught():
    """The check above can fail: pymdown-extensions 13.x asks for 3.11.5."""
    assert too_new({"pymdown-extensions": ">=3.11.5"}) == ["pymdown-extensions (>=3.11.5)"]


def test_the_venv_runs_on_debian_python():
    assert os.path.realpath(sys.executable) == os.path.realpath(SYSTEM_PYTHON), \
        f"{sys.executable} is not {SYSTEM_PYTHON}: make setup again (rm -rf .venv && make setup)"


def test_every_requirements_file_pins_the_same_versions():
    pins: dict[str, set[str]] = {}
    for name in ("requirements.txt", "requirements.in", "requirements-zensical.txt"):
        for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
            found = re.match(r"([A-Za-z0-9_.-]+)==(\S+)", line)
            assert found or not line.strip() or line.startswith("#"), f"{name}: not pinned: {line}"
            if found:
                pins.setdefault(found.group(1).lower().replace("_", "-"), set()).add(found.group(2))
    assert {name: v for name, v in pins.items() if len(v) > 1} == {}
    assert pins["zensical"] == {"0.0.73"}


def test_makefile_makes_venvs_with_system_python():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    assert f"SYSTEM_PYTHON := {SYSTEM_PYTHON}" in makefile
    assert re.findall(r"^\t(\S+) -m venv", makefile, re.M) == ["$(SYSTEM_PYTHON)", "$(SYSTEM_PYTHON)"]
    assert not re.search(r"^\tpython3? ", makefile, re.M)
