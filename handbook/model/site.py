"""Site settings the model needs (name, published address), read from mkdocs.yml without a host: its Python tags
(the slugify function) are skipped, not run."""
from __future__ import annotations

from pathlib import Path

import yaml


class _Loader(yaml.SafeLoader):
    """Safe YAML that reads ``!!python/…`` values as nothing."""


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


def site_settings(root: Path) -> dict:
    """``{"site_name": …, "site_url": …}`` of the online site (``site_url`` is "" when not set)."""
    config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return {"site_name": config["site_name"], "site_url": config.get("site_url") or ""}
