"""Reading exported function declarations (``//export``, ``//python:export``) from Go source.

Not a Go parser: it finds a directive in the comment block directly above a
top-level ``func`` and splits that function's signature, which is all the
bindings need. Anything it cannot read becomes a build error naming file:line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import GoPackageError

PYTHON_EXPORT = "//python:export"
_C_EXPORT_RE = re.compile(r"^//export\s+([A-Za-z_][A-Za-z0-9_]*)\s*$")
_FUNC_RE = re.compile(r"func\s*(\([^)]*\))?\s*([A-Za-z_][A-Za-z0-9_]*)\s*(\[)?")
_DIRECTIVE_RE = re.compile(r"^//(?:[a-z0-9]+:[a-z]|export\s|line\s)")
_COMMENT_RE = re.compile(r"//[^\n]*|/\*.*?\*/", re.DOTALL)
_OPEN = "([{"
_CLOSE = ")]}"


@dataclass(frozen=True)
class GoParam:
    name: str  # "" when the signature leaves it unnamed
    type: str  # whitespace removed: "[]byte", "*C.char", "map[string]int"


@dataclass(frozen=True)
class GoFunction:
    name: str
    params: tuple[GoParam, ...]
    results: tuple[GoParam, ...]
    doc: str
    file: Path
    line: int
    python_export: bool  # marked //python:export (else //export)

    @property
    def where(self) -> str:
        return f"{self.file}:{self.line}"


def _split_top_level(text: str) -> list[str]:
    """Split at commas outside brackets."""
    parts: list[str] = []
    depth = 0
    start = 0
    for index, char in enumerate(text):
        if char in _OPEN:
            depth += 1
        elif char in _CLOSE:
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(text[start:index])
            start = index + 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


def _closing(text: str, start: int) -> int:
    """Index of the bracket closing the one at ``start``."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] in _OPEN:
            depth += 1
        elif text[index] in _CLOSE:
            depth -= 1
            if depth == 0:
                return index
    raise ValueError("unbalanced brackets")


def parse_param_list(text: str) -> tuple[GoParam, ...]:
    """``a, b int, s string`` or ``int, error`` into parameters."""
    entries = [" ".join(entry.split()) for entry in _split_top_level(text)]
    named = any(
        " " in entry and not entry.startswith(("func", "chan", "map[")) for entry in entries
    )
    if not named:
        return tuple(GoParam("", entry.replace(" ", "")) for entry in entries)
    params: list[GoParam] = []
    pending: list[str] = []
    for entry in entries:
        name, _, type_text = entry.partition(" ")
        if not type_text:
            pending.append(name)
            continue
        go_type = type_text.replace(" ", "")
        params.extend(GoParam(each, go_type) for each in [*pending, name])
        pending = []
    if pending:
        raise ValueError(f"parameters without a type: {', '.join(pending)}")
    return tuple(params)


def _parse_signature(source: str, start: int) -> tuple[str, str, str, bool]:
    """From ``func`` at ``start``: name, parameter text, result text, is-method."""
    header = _FUNC_RE.match(source, start)
    if header is None:
        raise ValueError("cannot read the function header")
    if header.group(3):
        raise ValueError("generic functions cannot be exported")
    name = header.group(2)
    open_paren = source.index("(", header.end(2))
    close_paren = _closing(source, open_paren)
    params = _COMMENT_RE.sub(" ", source[open_paren + 1 : close_paren])
    rest = source[close_paren + 1 :]
    body = rest.find("{")
    results = _COMMENT_RE.sub(" ", rest[:body]).strip() if body >= 0 else ""
    if results.startswith("(") and results.endswith(")"):
        results = results[1:-1]
    return name, params, results, header.group(1) is not None


def _comment_text(line: str) -> str:
    text = line[2:]
    return text[1:] if text.startswith(" ") else text


def scan_file(path: Path) -> list[GoFunction]:
    """Every function of ``path`` marked ``//python:export`` or ``//export``."""
    source = path.read_text(encoding="utf-8", errors="replace")
    lines = source.splitlines(keepends=True)
    functions: list[GoFunction] = []
    block: list[str] = []
    offset = 0
    for number, raw in enumerate(lines, start=1):
        line = raw.strip()
        if line.startswith("//"):
            block.append(line)
        elif raw.startswith(("func ", "func(")) and block:
            found = _function_from_block(path, number, block, source, offset)
            if found is not None:
                functions.append(found)
            block = []
        else:
            if PYTHON_EXPORT in (entry.rstrip() for entry in block):
                raise GoPackageError(
                    f"{path}:{number}: a {PYTHON_EXPORT} comment must be directly above "
                    f"the `func` it marks (in its doc comment, no blank line between)."
                )
            block = []
        offset += len(raw)
    return functions


def _function_from_block(
    path: Path, number: int, block: list[str], source: str, offset: int
) -> GoFunction | None:
    python_export = any(line.rstrip() == PYTHON_EXPORT for line in block)
    c_export = any(_C_EXPORT_RE.match(line) for line in block)
    if not (python_export or c_export):
        return None
    try:
        name, params, results, is_method = _parse_signature(source, offset)
        if is_method:
            raise ValueError("methods cannot be exported; export a plain function")
        parsed_params = parse_param_list(params)
        parsed_results = parse_param_list(results)
    except ValueError as exc:
        raise GoPackageError(f"{path}:{number}: cannot export this function: {exc}") from exc
    doc_lines = [_comment_text(line) for line in block if not _DIRECTIVE_RE.match(line)]
    doc = "\n".join(doc_lines).strip()
    return GoFunction(name, parsed_params, parsed_results, doc, path, number, python_export)


def scan_files(paths: list[Path]) -> list[GoFunction]:
    functions: list[GoFunction] = []
    for path in paths:
        if path.suffix == ".go" and not path.name.endswith("_test.go"):
            functions.extend(scan_file(path))
    return functions
