"""The site's identity the test builds are made with, as the deploy workflow sets it (mkdocs.yml reads these
variables), on names reserved for testing (RFC 2606 ``.test``) so no test address can pass for a real one."""
from __future__ import annotations

from urllib.parse import urlsplit

SITE_URL = "https://handbook.test/jichitai-dx-handbook/"
REPOSITORY = "https://github.test/editors/jichitai-dx-handbook"
FEEDBACK_EMAIL = "dx-handbook@handbook.test"
ENV = {"HANDBOOK_SITE_URL": SITE_URL, "HANDBOOK_REPOSITORY": REPOSITORY, "HANDBOOK_FEEDBACK_EMAIL": FEEDBACK_EMAIL}
UNSET = {name: "" for name in ENV}   # a build with no identity (a fresh checkout's `make site`)


def site_path() -> str:
    """The path the online test site is served under (``/jichitai-dx-handbook/``)."""
    return urlsplit(SITE_URL).path
