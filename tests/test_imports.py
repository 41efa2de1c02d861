"""The import contract (.importlinter): the pipeline's stages import only downwards and nothing imports the tests."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def lint_imports(config: Path) -> subprocess.CompletedProcess:
    return subprocess.run([str(Path(sys.executable).with_name("lint-imports")), "--config", str(config)],
                          cwd=ROOT, capture_output=True, text=True)


def test_the_import_contract_is_kept():
    result = lint_imports(ROOT / ".importlinter")
    assert result.returncode == 0, result.stdout[-3000:]
    assert "0 broken" in result.stdout


def test_an_upward_import_breaks_the_contract(tmp_path):
    """The contract is not vacuous: a data-layer module importing the render stage is reported."""
    config = tmp_path / "contract.ini"
    config.write_text((ROOT / ".importlinter").read_text(encoding="utf-8").replace(
        "    handbook.render\n    handbook.model\n", "    handbook.model\n    handbook.render\n"), encoding="utf-8")
    result = lint_imports(config)
    assert result.returncode != 0
    assert "handbook.render is not allowed to import handbook.model" in result.stdout
