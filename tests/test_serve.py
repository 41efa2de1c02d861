"""`mkdocs serve --dirty` (``make serve``, the editor's preview): an edit reaches every page that shows it, a data
error is reported and the server stays up, and fixing the file brings the page back (hooks/serve.py runs the
generate stage on every rebuild and renders again the pages whose macros read the data that changed)."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from tests import identity
from tests.conftest import project_copy
from tools import builds

CASE = "data/cases/case-akishima-senryaku-honbu.yml"
TIMEOUT = 120


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(condition, what: str):
    """Poll ``condition`` until it is true (no fixed sleeps); fail naming ``what`` after TIMEOUT seconds."""
    deadline = time.monotonic() + TIMEOUT
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    pytest.fail(f"timed out waiting for {what}")


def fetch(url: str) -> str:
    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            return response.read().decode("utf-8")
    except OSError:
        return ""


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """One preview server for the module's tests (each edits a different file, as an editor would in one session)."""
    tmp_path = tmp_path_factory.mktemp("serve")
    project = project_copy(tmp_path / "repo")
    assert builds.generate(project).returncode == 0
    port = free_port()
    log = tmp_path / "serve.log"
    with open(log, "w") as out:
        proc = subprocess.Popen([sys.executable, "-m", "mkdocs", "serve", "--dirty", "-a", f"127.0.0.1:{port}"],
                                cwd=project, stdout=out, stderr=subprocess.STDOUT,
                                env=dict(os.environ, NO_MKDOCS_2_WARNING="1", **identity.ENV))
    try:
        yield project, f"http://127.0.0.1:{port}{identity.site_path()}", log, proc   # served under site_url's path
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_serve_reports_a_data_error_stays_up_and_recovers(served):
    project, base, log, proc = served
    page = base + "cases/case-akishima-senryaku-honbu/"
    wait_for(lambda: "情報化戦略本部" in fetch(page), "the first build")
    case = project / CASE
    good = case.read_text(encoding="utf-8")
    case.write_text(good.replace("title: 情報化戦略本部", "title: [壊れた"), encoding="utf-8")
    wait_for(lambda: "validation failed" in log.read_text(encoding="utf-8"), "the data error in the log")
    assert f"{CASE}:3:" in log.read_text(encoding="utf-8")
    assert proc.poll() is None, "the server stopped on a data error"
    case.write_text(good.replace("title: 情報化戦略本部", "title: 直した題名"), encoding="utf-8")
    wait_for(lambda: "直した題名" in fetch(page), "the page rebuilt from the fixed file")


def test_an_edited_case_reaches_its_page_the_case_index_and_the_work_item_it_cites(served):
    project, base, log, proc = served
    wait_for(lambda: "行政事務標準文字への切替え" in fetch(base + "cases/"), "the first build")
    case = project / "data/cases/case-chikusei-gyosei-moji.yml"  # cites ⑭ (std-14), on its own page
    case.write_text(case.read_text(encoding="utf-8").replace("title: 行政事務標準文字への切替え", "title: 新しい題名で切替え"),
                    encoding="utf-8")
    for page in ("cases/case-chikusei-gyosei-moji/", "cases/", "standardization/ch2/migration/14-data-migration/"):
        wait_for(lambda: "新しい題名で切替え" in fetch(base + page), f"{page} rebuilt with the new title")
    assert "行政事務標準文字への切替え" not in fetch(base + "standardization/ch2/migration/14-data-migration/")
    assert proc.poll() is None
