"""The options tables of docs/configuration.md, made from ``EXTENSION_OPTIONS``.

The document keeps each table between marker comments; ``--write FILE``
replaces them, and a unit test fails when the file differs from this output:

    python -m setuptools_golang_ext.config.docs_table --write docs/configuration.md
"""

from __future__ import annotations

import argparse
from collections.abc import Sequence
from pathlib import Path

from .options import EXTENSION_OPTIONS, PYTHON_INDEPENDENT, Option

EXTENSION_MARKER = "ext-modules-options"
TOP_LEVEL_MARKER = "top-level-options"


def _type_cell(option: Option) -> str:
    cell = option.kind.docs
    if option.required:
        return f"{cell}, **required**"
    if option.default is not None:
        return f"{cell}, default `{str(option.default).lower()}`"
    return cell


def _meaning_cell(option: Option) -> str:
    if option.environment:
        return f"{option.description} Variable: `{option.environment}=1`."
    return option.description


def options_table(options: Sequence[Option]) -> str:
    rows = ["| key | type | meaning |", "| --- | --- | --- |"]
    rows += [f"| `{o.key}` | {_type_cell(o)} | {_meaning_cell(o)} |" for o in options]
    return "\n".join(rows)


def tables() -> dict[str, str]:
    """Marker name -> the table that belongs between its markers."""
    ext_modules = Option("ext_modules", PYTHON_INDEPENDENT.kind, "")
    top = (
        "| key | type | meaning |\n| --- | --- | --- |\n"
        f"| `{ext_modules.key}` | array of tables | One "
        "`[[tool.setuptools-golang-ext.ext-modules]]` section per Go extension (keys below). |\n"
        + options_table([PYTHON_INDEPENDENT]).split("\n", 2)[2]
    )
    return {TOP_LEVEL_MARKER: top, EXTENSION_MARKER: options_table(EXTENSION_OPTIONS)}


def render(document: str) -> str:
    """``document`` with every marked table replaced by the current one."""
    for marker, table in tables().items():
        begin, end = f"<!-- {marker}: begin -->", f"<!-- {marker}: end -->"
        head, found, rest = document.partition(begin)
        _, found_end, tail = rest.partition(end)
        if not found or not found_end:
            raise ValueError(f"the document has no {begin} ... {end} markers")
        document = f"{head}{begin}\n{table}\n{end}{tail}"
    return document


def main(argv: Sequence[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--write", type=Path, required=True, help="the Markdown file to update")
    path = parser.parse_args(argv).write
    path.write_text(render(path.read_text(encoding="utf-8")), encoding="utf-8")


if __name__ == "__main__":
    main()
