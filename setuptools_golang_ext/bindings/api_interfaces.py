"""Interfaces in ``<leaf>_api.py``: a parameter or result of a marked interface type
is annotated with the interface's class (``s: Shape | None``), which declares the
interface's methods, rather than ``Any``.

The implementing classes are declared as its subclasses and its proxy class too, so
whatever Go hands back as a ``Shape`` type-checks as one; ``any``, interfaces that
are not marked, and interfaces inside lists or callbacks stay ``Any``.
"""

from __future__ import annotations

from typing import Any

from ..runtime.contract import INTERFACES_KEY, LAYER_PYTHON_EXPORT, interface_name
from .type_families import python_type

# A field or variable entry's annotation when it is not its type's (an interface class).
ANNOTATION_KEY = "annotation"


def with_interface_types(description: dict[str, Any]) -> dict[str, Any]:
    """``description`` with every parameter and result of a marked interface type
    aliased to its class (as a named type's alias is spelled)."""
    marked = {i["name"] for i in description.get(INTERFACES_KEY) or []}
    if not marked:
        return description

    def typed(entry: dict[str, Any]) -> dict[str, Any]:
        def alias(tag: str) -> str:
            name = interface_name(tag)
            return f"{name} | None" if name in marked else ""

        aliases = entry.get("aliases") or {"params": {}, "results": []}
        params = {name: alias(tag) for name, tag in entry["params"] if alias(tag)}
        results = [old or alias(tag) for tag, old in zip(
            entry["results"], aliases["results"] or [""] * len(entry["results"]))]
        if not params and not any(map(alias, entry["results"])):
            return entry
        return {**entry, "aliases": {"params": {**params, **aliases["params"]},
                                     "results": results}}

    def annotated(entry: dict[str, Any]) -> dict[str, Any]:
        """A field or variable: its annotation, read and set alike."""
        name = interface_name(entry["type"])
        return {**entry, ANNOTATION_KEY: f"{name} | None"} if name in marked else entry

    return {
        **description,
        "functions": [typed(e) if e["layer"] == LAYER_PYTHON_EXPORT else e
                      for e in description["functions"]],
        "classes": {name: {**c, "methods": [typed(m) for m in c["methods"]],
                           "fields": [annotated(f) for f in c["fields"]]}
                    for name, c in (description.get("classes") or {}).items()},
        "variables": [annotated(v) for v in description.get("variables") or []],
    }


def stored_annotation(entry: dict[str, Any], *, result: bool) -> str:
    """The annotation of a field or variable entry."""
    return entry.get(ANNOTATION_KEY) or python_type(entry["type"], result=result)
