"""Python names that differ from Go names: ``//python:export name=snake_name`` on a
function, method or struct type, and the ``rename`` table of an extension (``{ NewString =
"new_string", "UUID.String" = "to_string" }``). Only what Python calls is renamed;
the glue keeps calling Go by its Go names."""

from __future__ import annotations

import keyword
from collections import Counter
from collections.abc import Mapping
from dataclasses import replace

from ..errors import GoPackageError
from ..goapi.exports import FUNCTION, METHOD, GoClass, GoFunction
from .plan import Bindings

_RENAMABLE = (FUNCTION, METHOD)


def apply_renames(ext_name: str, bindings: Bindings, rename: Mapping[str, str]) -> Bindings:
    """``bindings`` with the ``rename`` table applied; a key naming nothing that binds,
    or two things that end up with one Python name, is an error."""
    unknown = sorted(set(rename) - set(_renamable_names(bindings)))
    if unknown:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: rename names {', '.join(map(repr, unknown))}, which "
            f"is no function, method or field (\"Type.Name\"), class, constant or variable "
            f"that binds. "
            f"These do: {', '.join(_renamable_names(bindings)[:40]) or 'none'}.")

    def renamed(function: GoFunction) -> GoFunction:
        new = rename.get(function.label) if function.role in _RENAMABLE else None
        return replace(function, python=new) if new else function

    classes = [replace(c, methods=tuple(map(renamed, c.methods)),
                       python=rename.get(c.name, c.python),
                       field_names=tuple(rename.get(f"{c.name}.{f.name}", c.field_name(index))
                                         for index, f in enumerate(c.fields)))
               for c in bindings.classes]
    _refuse_bad_class_names(ext_name, classes)
    result = replace(
        bindings, classes=classes,
        python_functions=list(map(renamed, bindings.python_functions)),
        constants=[replace(c, name=rename.get(c.name, c.name)) for c in bindings.constants],
        variables=[replace(v, value=replace(v.value, name=rename.get(v.value.name,
                                                                      v.value.name)))
                   for v in bindings.variables])
    if rename or any(f.python for f in result.python_functions) or any(
            c.python or any(c.field_names) for c in classes):
        _refuse_clashes(ext_name, result)
    return result


def _renamable_names(bindings: Bindings) -> list[str]:
    return ([f.label for f in bindings.python_functions if f.role in _RENAMABLE]
            + bindings.class_names + [f"{c.name}.{f.name}" for c in bindings.classes
                                      for f in c.fields]
            + [c.name for c in bindings.constants]
            + [v.value.name for v in bindings.variables])


def _refuse_clashes(ext_name: str, bindings: Bindings) -> None:
    """Two module attributes, or two members of one class, with one Python name."""
    module = Counter([f.python_name for f in bindings.python_functions if f.role == FUNCTION]
                     + [c.python_name for c in bindings.classes]
                     + [c.name for c in bindings.constants]
                     + [s.value.name for s in bindings.sentinels]
                     + [t.name for t in bindings.named_types]
                     + [i.name for i in bindings.interfaces])
    scopes = [("the module", module)]
    scopes += [(f"class {c.python_name}", Counter([m.python_name for m in c.methods]
                                           + [c.field_name(i) for i in range(len(c.fields))]))
               for c in bindings.classes]
    for scope, names in scopes:
        twice = sorted(name for name, count in names.items() if count > 1)
        if twice:
            raise GoPackageError(
                f"GoExtension {ext_name!r}: {scope} would have two members named "
                f"{twice[0]!r} after renaming; give one of them another name (the rename "
                f"table, or //python:export name=...).")


def _refuse_bad_class_names(ext_name: str, classes: list[GoClass]) -> None:
    """A class's Python name (``//python:export name=...`` on the type) must be an
    identifier and no keyword (the rename table's values are checked with the
    configuration)."""
    for go_class in classes:
        named = [("", go_class.python)] + [(f"field {f.name}: ", go_class.field_names[i])
                                           for i, f in enumerate(go_class.fields)
                                           if i < len(go_class.field_names)]
        for what, name in named:
            if name and (not name.isidentifier() or keyword.iskeyword(name)):
                raise GoPackageError(
                    f"GoExtension {ext_name!r}: {go_class.file}:{go_class.line}: "
                    f"//python:export type {go_class.name}: {what}name={name}: {name!r} is "
                    f"not a Python identifier or is a keyword; choose another name")
