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


TYPES = {
    "boolean": "true か false を書いてください。",
    "integer": "整数（半角数字）を書いてください。",
    "number": "数値（半角数字）を書いてください。",
    "string": "文字列を書いてください。",
    "array": "リスト（[a, b] または行頭に「- 」を付けた形）で書いてください。",
    "object": "「項目名: 値」の形で書いてください。",
}
PATTERNS = {  # patterns with a meaning editors know; any other pattern is shown as it is
    "\\S": "空白だけにはできません。文字を書いてください。",
    "^[A-Za-z0-9][A-Za-z0-9-]*$": "略語は半角英数字とハイフンで書いてください（例: RFI、J-LIS）。",
    "^[0-9]{4}-[0-9]{2}-[0-9]{2}$": "日付は YYYY-MM-DD（半角数字）で書いてください。",
}
PLAIN_LABEL = "^[^<>&"  # editions' site_edition: no markup characters (see its schema)


def explanation(err: ValidationError) -> str:
    """The Japanese explanation of a JSON Schema error, from its validator and that validator's value
    (never from jsonschema's English wording, which may change between releases)."""
    kind, value = err.validator, err.validator_value
    if kind == "enum":
        return "決められた値のどれでもありません。使える値: " + ", ".join(repr(v) for v in value)
    if kind == "type":
        return TYPES.get(value, "決められた型ではありません。")
    if kind == "pattern":
        if value.startswith(PLAIN_LABEL):
            return "記号 < > & \" ' [ ] { } * _ ` # | ! \\ と改行は使えません（1行、40字まで）。"
        return PATTERNS.get(value, f"書式が決まりに合いません（決まり: {value}）。")
    if kind == "format" and value == "date":
        return "実在する日付を YYYY-MM-DD（半角数字）で書いてください。"
    return {
        "minItems": "空にはできません。1つ以上書いてください。",
        "uniqueItems": "同じ値が重複しています。",
        "maximum": f"値が大きすぎます（最大 {value}）。",
        "minimum": f"値が小さすぎます（最小 {value}）。",
        "maxLength": "長すぎます。短くしてください。",
        "minLength": "空にはできません。",
    }.get(kind, "")   # x-ref and the rest: explained from the detail (macros/data/errors.py)


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
        found.append(Problem(doc.path, doc.line_of(keys), format_where(keys), message, explanation(err)))
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
