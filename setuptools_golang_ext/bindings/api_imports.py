"""The names the generated ``<leaf>_api.py`` imports for its annotations (``Any``,
``Sequence``, ``array`` ...), spelled so that no name of the Go API clashes with
them: a Go function ``Any`` or a class ``Sequence`` would otherwise redefine the
import (ruff F811), and annotations would name the Go declaration instead.

A clashing import is bound under a private name (``from typing import Any as
_Any``), and a class or named type of the clashing name is named in annotations
by a module-level alias (``_goext_Sequence``), so the two spellings never meet.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

# The prefix of a module-level alias of a class or named type whose own name
# cannot be used in an annotation (hidden by a field, or clashing with an import).
ALIAS_PREFIX = "_goext_"
TYPE_CHECKING_NAME = "TYPE_CHECKING"


@dataclass(frozen=True)
class _Import:
    name: str  # as annotations use it
    module: str  # "" for a module imported itself (``import array``)
    used: str  # finds a use of the name in an annotation (never a Go name: see module doc)


_IMPORTS = (
    _Import("array", "", r"(?<![\w.])array(?=\.)"),
    _Import("datetime", "", r"(?<![\w.])datetime(?=\.)"),
    _Import("Callable", "collections.abc", r"(?<![\w.])Callable(?=\[)"),
    _Import("Sequence", "collections.abc", r"(?<![\w.])Sequence(?=\[)"),
    _Import("Mapping", "collections.abc", r"(?<![\w.])Mapping(?=\[)"),
    _Import("Iterable", "collections.abc", r"(?<![\w.])Iterable(?=\[)"),
    _Import("Any", "typing", r"(?<![\w.])Any(?!\w)"),
    _Import("Final", "typing", r"(?<![\w.])Final(?=\[)"),
)
IMPORTED = frozenset({*(i.name for i in _IMPORTS), TYPE_CHECKING_NAME})


class ImportNames:
    """How one generated module spells what it imports, given the Go API's names."""

    def __init__(self, taken: set[str]) -> None:
        self.clashing = frozenset(IMPORTED & taken)

    def spelled(self, name: str) -> str:
        return "_" + name if name in self.clashing else name

    def spell(self, annotation: str) -> str:
        """An annotation with every clashing imported name in its private spelling."""
        for imported in _IMPORTS:
            if imported.name in self.clashing:
                annotation = re.sub(imported.used, "_" + imported.name, annotation)
        return annotation

    def imports(self, annotations: list[str], extra: tuple[str, ...] = ()) -> list[str]:
        """The import lines the annotations (and the ``extra`` names) need."""
        lines = []
        for imported in _IMPORTS:
            if imported.name in extra or any(re.search(imported.used, text)
                                             for text in annotations):
                lines.append(self._import_line(imported))
        return lines

    def type_checking_import(self) -> str:
        alias = " as _" + TYPE_CHECKING_NAME if TYPE_CHECKING_NAME in self.clashing else ""
        return f"from typing import {TYPE_CHECKING_NAME}{alias}"

    def _import_line(self, imported: _Import) -> str:
        alias = f" as _{imported.name}" if imported.name in self.clashing else ""
        if imported.module:
            return f"from {imported.module} import {imported.name}{alias}"
        return f"import {imported.name}{alias}"


def merged_imports(imports: list[str]) -> list[str]:
    """As isort sorts them: ``import`` lines first, then one line per module (and
    one per name it binds under another name)."""
    modules: dict[str, list[str]] = {}
    plain = sorted(line for line in imports if line.startswith("import "))
    for line in imports:
        if line.startswith("from "):
            _, module, _, name = line.split(" ", 3)
            modules.setdefault(module, []).append(name)
    lines = []
    for module, names in sorted(modules.items()):
        unique = sorted(set(names))
        same = [name for name in unique if " as " not in name]
        # Each line of a module in the order of the first name it imports.
        groups = [[name] for name in unique if " as " in name] + ([same] if same else [])
        lines += [f"from {module} import {', '.join(group)}" for group in sorted(groups)]
    return plain + lines


def taken_names(description: dict[str, Any]) -> set[str]:
    """Every name the generated module declares, at module level or in a class body."""
    taken = {entry["name"] for key in ("functions", "constants", "errors", "variables")
             for entry in description.get(key) or []}
    taken |= {entry["name"] for entry in description.get("named_types") or []}
    for name, entry in (description.get("classes") or {}).items():
        taken |= {name, *(f["name"] for f in entry["fields"]),
                  *(m["name"] for m in entry["methods"])}
    return taken


def type_renamer(names: set[str]) -> re.Pattern[str] | None:
    """Finds the class and named-type names in a type tag that need their alias."""
    if not names:
        return None
    return re.compile(r"(?<![\w.])(" + "|".join(sorted(names)) + r")(?!\w)")


def renamed_function(entry: dict[str, Any], pattern: re.Pattern[str]) -> dict[str, Any]:
    """A function or method entry with the types ``pattern`` finds named by alias."""
    def rename(go_type: str) -> str:
        return pattern.sub(ALIAS_PREFIX + r"\1", go_type)

    renamed = {**entry, "params": [[n, rename(t)] for n, t in entry["params"]],
               "results": [rename(t) for t in entry["results"]]}
    aliases = entry.get("aliases")
    if aliases:  # `type Level int` named by its Python name
        renamed["aliases"] = {"params": {n: rename(t) for n, t in aliases["params"].items()},
                              "results": [rename(t) for t in aliases["results"]]}
    return renamed


def renamed_class(entry: dict[str, Any], pattern: re.Pattern[str]) -> dict[str, Any]:
    fields = [{**f, "type": pattern.sub(ALIAS_PREFIX + r"\1", f["type"])}
              for f in entry["fields"]]
    methods = [renamed_function(m, pattern) for m in entry["methods"]]
    return {**entry, "fields": fields, "methods": methods}


def renamed_description(description: dict[str, Any], names: set[str]) -> dict[str, Any]:
    """The description with classes and named types of ``names`` named by alias in
    every type (their declarations keep their names)."""
    pattern = type_renamer(names)
    if pattern is None:
        return description
    layer2 = [renamed_function(e, pattern) if e["layer"] != 1 else e
              for e in description["functions"]]
    classes = {name: renamed_class(entry, pattern)
               for name, entry in (description.get("classes") or {}).items()}
    variables = [{**v, "type": pattern.sub(ALIAS_PREFIX + r"\1", v["type"])}
                 for v in description.get("variables") or []]
    named = [{**t, "type": pattern.sub(ALIAS_PREFIX + r"\1", t["type"]),  # []*Point
              **({"methods": [renamed_function(m, pattern) for m in t["methods"]]}
                 if t.get("methods") else {})}
             for t in description.get("named_types") or []]
    return {**description, "functions": layer2, "classes": classes, "variables": variables,
            "named_types": named}
