"""``make lint``: Japanese style lint of the pages (docs/**/*.md) and of the prose in data/**/*.yml.

textlint reads Markdown, so each YAML file's prose values (summary, details, …) are copied into a shadow
Markdown file, one list item per value, and every problem found there is reported at the value's own line
in the YAML file: ``data/cases/case-x.yml:12:5: ベンダー => ベンダ [prh]``.
"""
from __future__ import annotations

import re
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import yaml

from handbook.data.files import source_files

ROOT = Path(__file__).resolve().parent.parent
SHADOW = Path("build/lint-data")
PROSE_KEYS = {"summary", "details", "points", "definition", "description", "notice", "note", "changes"}
SKIP_DIRS = ("data/sources/", "data/schemas/")
ITEM = "- "


@dataclass(frozen=True)
class Prose:
    """One prose value and where its text starts in the YAML file (1-based line and column)."""

    text: str
    line: int
    column: int


def _start(node: yaml.ScalarNode, lines: list[str]) -> tuple[int, int]:
    line, column = node.start_mark.line, node.start_mark.column
    if node.style in ("|", ">"):  # block scalar: the text starts on the next line, after the indentation
        nxt = lines[line + 1] if line + 1 < len(lines) else ""
        return line + 2, len(nxt) - len(nxt.lstrip()) + 1
    return line + 1, column + (2 if node.style in ("'", '"') else 1)


def prose_values(text: str) -> list[Prose]:
    """The string values under PROSE_KEYS (directly or in a list), in file order."""
    lines = text.splitlines()
    found: list[Prose] = []

    def walk(node, prose: bool):
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                walk(value, isinstance(key, yaml.ScalarNode) and key.value in PROSE_KEYS)
        elif isinstance(node, yaml.SequenceNode):
            for item in node.value:
                walk(item, prose)
        elif isinstance(node, yaml.ScalarNode) and prose and node.tag.endswith(":str") and node.value.strip():
            found.append(Prose(node.value, *_start(node, lines)))

    root = yaml.compose(text)
    if root is not None:
        walk(root, False)
    return found


def shadow_markdown(values: list[Prose]) -> str:
    """One list item per value, separated by blank lines: value i sits on line 2*i + 1."""
    return "".join(f"{ITEM}{' '.join(v.text.split())}\n\n" for v in values)


def to_yaml_position(values: list[Prose], line: int, column: int) -> tuple[int, int]:
    """Map a shadow (line, column) back to the YAML file."""
    value = values[(line - 1) // 2]
    return value.line, value.column + max(column - 1 - len(ITEM), 0)


def write_shadows(root: Path) -> dict[str, list[Prose]]:
    """Write the shadow files under root/build/lint-data; {shadow path: values} for mapping back."""
    shadow_root = root / SHADOW
    shutil.rmtree(shadow_root, ignore_errors=True)
    shadows = {}
    files, _ = source_files(root / "data", root)  # symlinks are never read (make check reports them)
    for path in files:
        rel = path.relative_to(root).as_posix()
        if path.suffix != ".yml" or rel.startswith(SKIP_DIRS):
            continue
        try:
            values = prose_values(path.read_text(encoding="utf-8"))
        except (yaml.YAMLError, UnicodeDecodeError):
            continue  # make check reports YAML syntax errors and files not in UTF-8
        if values:
            shadow = shadow_root / f"{rel}.md"
            shadow.parent.mkdir(parents=True, exist_ok=True)
            shadow.write_text(shadow_markdown(values), encoding="utf-8")
            shadows[(SHADOW / f"{rel}.md").as_posix()] = values
    return shadows


def rewrite(output: str, shadows: dict[str, list[Prose]]) -> str:
    """Point problems found in shadow files at the YAML file, line and column."""
    def fix(match: re.Match) -> str:
        shadow, line, column = match.group(1), int(match.group(2)), int(match.group(3))
        values = shadows.get(shadow)
        if values is None:
            return match.group(0)
        yaml_line, yaml_column = to_yaml_position(values, line, column)
        return f"{shadow[len(SHADOW.as_posix()) + 1:-len('.md')]}:{yaml_line}:{yaml_column}:"
    return re.sub(r"^([^\s:]+\.yml\.md):(\d+):(\d+):", fix, output, flags=re.M)


def main(argv: list[str]) -> int:
    root = Path(argv[0]) if argv else ROOT
    shadows = write_shadows(root)
    result = subprocess.run([str(root / "node_modules/.bin/textlint"), "--format",
                             str(ROOT / "tools/textlint-formatter.cjs"), "docs/**/*.md", *shadows],
                            cwd=root, capture_output=True, text=True)
    sys.stdout.write(rewrite(result.stdout, shadows))
    sys.stderr.write(result.stderr)
    return result.returncode


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
