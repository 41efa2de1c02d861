"""``make identity``: show the site's identity (mkdocs.yml, from the environment) and fail if part of it is missing.

    python -m tools.identity

The deploy workflow runs it before anything is built: a published site must have its address, its repository and
a feedback mail address (a reader without a GitHub account can still write). Local builds need none of them: what
is not set is left out of the pages.
"""
from __future__ import annotations

import sys
from pathlib import Path

from handbook.model.site import IDENTITY_ENV, site_settings

ROOT = Path(__file__).resolve().parent.parent
LABELS = {"site_url": "公開先のアドレス", "repository": "リポジトリ", "feedback_email": "意見を受け付けるメールアドレス"}


def missing(settings: dict) -> list[str]:
    """The environment variables of the identity that are not set (in IDENTITY_ENV's order)."""
    return [IDENTITY_ENV[key] for key in IDENTITY_ENV if not settings[key]]


def main(root: Path = ROOT) -> int:
    settings = site_settings(root)
    for key, name in IDENTITY_ENV.items():
        print(f"{LABELS[key]}（{name}）: {settings[key] or '（未設定）'}")
    absent = missing(settings)
    for name in absent:
        print(f"{name} が設定されていない。公開するビルドには必要（MAINTAINING.md「公開の設定」）", file=sys.stderr)
    return 1 if absent else 0


if __name__ == "__main__":
    sys.exit(main())
