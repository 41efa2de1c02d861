"""JSON Schema validation of the data documents, with the ``x-ref`` keyword for references between ids (jsonschema
is imported only when a document has to be validated)."""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from .errors import Problem, quote
from .reuse import Reuse
from .yaml_lines import Document, format_where


def load_schema(path: Path) -> dict:
    """One JSON Schema file (its own validity is checked by the tests, not on every build)."""
    return json.loads(path.read_text(encoding="utf-8"))


class _Lookups:
    """The ids the ``x-ref`` keyword looked up while one document was validated, and whether each was known."""

    def __init__(self, known):
        self.known = known
        self.seen: dict[str, bool] = {}

    def __contains__(self, entity_id: str) -> bool:
        self.seen[entity_id] = found = entity_id in self.known
        return found


def _ref_checker(known: _Lookups):
    """The ``x-ref`` keyword: a string must be the id of an entity whose id starts with the prefix."""

    from jsonschema import ValidationError

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
    "^[a-z0-9_-]+(/[a-z0-9_-]+)*\\.md$": "ページは docs/ からの相対パスで書いてください（例: overall/step1.md。先頭の「/」や「..」は使えません）。",
}
PLAIN_LABEL = "^[^<>&"  # editions' site_edition: no markup characters (see its schema)


def explanation(err) -> str:
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
    }.get(kind, "")   # x-ref and the rest: explained from the detail (handbook/data/errors.py)


def schema_problems(doc: Document, validator) -> list[Problem]:
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


def validate(docs: dict[str, Document], schema_of: dict[str, str], known: dict, schemas_dir: Path,
             reuse: Reuse | None = None) -> list[Problem]:
    """Validate each document against its collection's schema; ``x-ref`` values must be ids in ``known``.

    With ``reuse``, a document validated before is not validated again when it, its schema and the answer for
    every id it refers to are the same (its problems are a function of those alone).
    """
    reuse = reuse if reuse is not None else Reuse()
    texts = {name: (schemas_dir / f"{name}.schema.json").read_bytes() for name in set(schema_of.values())}
    digests = {name: hashlib.sha256(text).digest() for name, text in texts.items()}
    problems, stale = [], []
    for name, doc in docs.items():
        last = reuse.validated.get((doc.path, digests[schema_of[name]]))
        if last and last[0] == doc and all((i in known) == was for i, was in last[2].items()):
            problems += last[1]
        else:
            stale.append(name)
    if stale:  # jsonschema is imported only when something has to be validated
        from jsonschema import Draft202012Validator, FormatChecker, validators

        lookups = _Lookups(known)
        checker = validators.extend(Draft202012Validator, {"x-ref": _ref_checker(lookups)})
        formats = FormatChecker(["date"])  # a real calendar date: 2026-02-30 is refused
        compiled = {schema: checker(json.loads(texts[schema]), format_checker=formats)
                    for schema in {schema_of[name] for name in stale}}
        for name in stale:
            doc, lookups.seen = docs[name], {}
            found = schema_problems(doc, compiled[schema_of[name]])
            reuse.validated[(doc.path, digests[schema_of[name]])] = (doc, tuple(found), lookups.seen)
            reuse.changed = True
            problems += found
    return problems
