"""JSON Schema validation of the data documents, with the ``x-ref`` keyword for references between ids."""
from __future__ import annotations

import json
from pathlib import Path

from jsonschema import Draft202012Validator, FormatChecker, ValidationError, validators

from .errors import Problem, quote
from .yaml_lines import Document, format_where


def load_schema(path: Path) -> dict:
    """One JSON Schema file (its own validity is checked by the tests, not on every build)."""
    return json.loads(path.read_text(encoding="utf-8"))


def _ref_checker(known: dict):
    """The ``x-ref`` keyword: a string must be the id of an entity whose id starts with the prefix."""

    def check(validator, prefix, instance, schema):
        if not isinstance(instance, str):
            return
        if instance not in known:
            yield ValidationError(f"unknown id {quote(instance)} (expected an id starting with '{prefix}')")
        elif not instance.startswith(prefix):
            yield ValidationError(f"{quote(instance)} is not a '{prefix}…' id")

    return check


def schema_problems(doc: Document, validator: Draft202012Validator) -> list[Problem]:
    """Every schema violation in ``doc``, sorted by line."""
    found = []
    for err in validator.iter_errors(doc.data):
        keys = tuple(err.absolute_path)
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            for name in extra:
                k = keys + (name,)
                found.append(Problem(doc.path, doc.line_of(k), format_where(k), f"unknown field {quote(name)}"))
            continue
        if err.validator == "required":
            message = f"missing required field: {err.message.split(' is a required')[0]}"
        else:  # the value is quoted at most LIMIT characters long
            message = err.message.replace(repr(err.instance), quote(err.instance))
        found.append(Problem(doc.path, doc.line_of(keys), format_where(keys), message))
    return sorted(found, key=lambda p: (p.line, p.where))


def validate(docs: dict[str, Document], schema_of: dict[str, str], known: dict, schemas_dir: Path) -> list[Problem]:
    """Validate each document against its collection's schema; ``x-ref`` values must be ids in ``known``."""
    checker = validators.extend(Draft202012Validator, {"x-ref": _ref_checker(known)})
    formats = FormatChecker(["date"])  # a real calendar date: 2026-02-30 is refused
    compiled = {name: checker(load_schema(schemas_dir / f"{name}.schema.json"), format_checker=formats)
                for name in set(schema_of.values())}
    problems = []
    for name, doc in docs.items():
        problems += schema_problems(doc, compiled[schema_of[name]])
    return problems
