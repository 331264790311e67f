"""The Go file declaring the aliases under which other packages' struct types
are classes of the extension (``type Buffer = goextpkg_bytes.Buffer``)."""

from __future__ import annotations

from collections.abc import Sequence

from ..goapi.exports import import_alias
from ..goapi.foreign import ForeignClass
from .go_support import GENERATED_HEADER
from .type_families import quote_go

FOREIGN_FILE = "zz_goext_foreign.go"


def foreign_aliases_source(classes: Sequence[ForeignClass]) -> str:
    """A file of the generated (or the user's) main package with one alias per class."""
    paths = sorted({c.import_path for c in classes})
    lines = [GENERATED_HEADER + "package main", "", "import ("]
    lines += [f"\t{import_alias(path)} {quote_go(path)}" for path in paths]
    lines += [")", ""]
    lines += [f"type {c.name} = {import_alias(c.import_path)}.{c.go_name}" for c in classes]
    return "\n".join([*lines, ""])
