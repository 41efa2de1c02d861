"""The handbook's build pipeline, one package per stage, imported in one direction only (.importlinter):

``data`` (read YAML and front matter with line numbers, validate) → ``model`` (typed entities and queries) →
``render`` (pure functions: model in, escaped HTML/Markdown out) and ``outputs`` (the generate stage, the only
writer of build/; downloads, open data, search terms, the offline bundle and its guard); ``markdown`` holds the
Markdown extensions. Nothing here knows MkDocs or Zensical: ``macros/`` (the mkdocs-macros entry) and ``hooks/``
are the host glue on top.
"""
