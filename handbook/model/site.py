"""The site's identity (name, published address, repository, feedback address), read from mkdocs.yml without a
host. mkdocs.yml takes the address, the repository and the mail address from the deploy environment (``!ENV``,
resolved here as MkDocs and Zensical resolve it); what is not set is "" and is left out of every output.
Its Python tags (the slugify function) are skipped, not run."""
from __future__ import annotations

import os
from pathlib import Path

import yaml

from ..data.yaml_lines import SAFE_LOADER

# The environment variables of the identity (mkdocs.yml names them; .github/workflows/deploy.yml sets them).
IDENTITY_ENV = {"site_url": "HANDBOOK_SITE_URL", "repository": "HANDBOOK_REPOSITORY",
                "feedback_email": "HANDBOOK_FEEDBACK_EMAIL"}


class _Loader(SAFE_LOADER):
    """Safe YAML that reads ``!!python/…`` values as nothing and ``!ENV`` from the environment."""


def _env(loader: yaml.SafeLoader, node: yaml.Node):
    """``!ENV NAME`` or ``!ENV [NAME, …, default]``: the first variable that is set, else the default."""
    if isinstance(node, yaml.ScalarNode):
        names, default = [loader.construct_scalar(node)], None
    else:
        values = loader.construct_sequence(node)
        names, default = values[:-1] if len(values) > 1 else values, values[-1] if len(values) > 1 else None
    return next((os.environ[name] for name in names if name in os.environ), default)


_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)
_Loader.add_constructor("!ENV", _env)


def site_settings(root: Path) -> dict:
    """``{"site_name", "site_url", "repository", "feedback_email"}`` of the online site; "" when not set."""
    config = yaml.load((Path(root) / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    extra = config.get("extra") or {}
    return {"site_name": config["site_name"], "site_url": config.get("site_url") or "",
            "repository": (extra.get("repository") or "").rstrip("/"),
            "feedback_email": extra.get("feedback_email") or ""}
