"""Instantiations of generic functions: ``//python:export instantiate=[int],[string,int]``
on the declaration, or an extension's ``instantiate`` table for a bound package.

The reader instantiates each one with go/types (``types.Instantiate``), so the model
holds it as an ordinary function with its type arguments; here it gets a Python
name (``Sum_int``, ``Keys_string_Point``) and the Go call the glue makes
(``Sum[int]``). A generic declaration itself never binds.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection

from .model import Function, GoApi, TypeRef

# How exports.GoParam.glue qualifies a type of the package read (exports.LOCAL).
_LOCAL = "$."
_COMPOSITE_PREFIX = {"slice": "[]", "pointer": "*"}


class InstanceError(Exception):
    """A type argument the glue cannot spell (a type of another package)."""


def instance_name(function: Function) -> str:
    """``Keys_string_int`` for ``Keys[string, int]``: the default Python name."""
    parts = [_identifier(t.go) for t in function.type_args]
    return "_".join([function.name, *parts])


def _identifier(go: str) -> str:
    spelled = go.replace("[]", "slice_").replace("map[", "map_").replace("*", "ptr_")
    return re.sub(r"_+", "_", re.sub(r"\W", "_", spelled)).strip("_")


def instance_call(function: Function, package: str, alias: Callable[[str], str]
                  ) -> tuple[str, tuple[str, ...]]:
    """The Go call of the instantiation, types of the package read spelled with
    the LOCAL qualifier the glue replaces (``Keys[string, $.Point]``), and the
    other packages it names, which the glue imports under ``alias(path)``."""
    imports: set[str] = set()
    args = ", ".join(_spell(t, package, alias, imports) for t in function.type_args)
    return f"{function.name}[{args}]", tuple(sorted(imports))


def _spell(ref: TypeRef, package: str, alias: Callable[[str], str], imports: set[str]
           ) -> str:
    if ref.kind == "named" and not ref.type_args and ref.package:
        if ref.package == package:
            return _LOCAL + ref.name
        imports.add(ref.package)
        return f"{alias(ref.package)}.{ref.name}"
    if ref.kind == "basic" or (ref.kind == "named" and not ref.package) or \
            ref.go in ("any", "interface{}"):
        return ref.go
    if ref.kind in _COMPOSITE_PREFIX and ref.elem is not None:
        return _COMPOSITE_PREFIX[ref.kind] + _spell(ref.elem, package, alias, imports)
    if ref.kind == "array" and ref.elem is not None:
        return f"[{ref.len}]{_spell(ref.elem, package, alias, imports)}"
    if ref.kind == "map" and ref.key is not None and ref.elem is not None:
        return (f"map[{_spell(ref.key, package, alias, imports)}]"
                f"{_spell(ref.elem, package, alias, imports)}")
    raise InstanceError(f"type argument {ref.go} cannot be spelled by the glue yet; use "
                        f"basic types, named types, and slices, arrays, maps and pointers "
                        f"of them")


def instance_problems(api: GoApi, table: Collection[str] = (),
                      include: Collection[str] = ()) -> list[str]:
    """A line for each listed instantiation go/types refused (Go's reason), each one
    the glue cannot call, and each name of the ``instantiate`` table that is no
    generic function of the package or that ``include`` leaves out."""
    package = api.package.import_path
    found = [str(problem) for problem in api.instance_problems]
    for function in api.functions:
        if function.type_args:
            try:
                instance_call(function, package, str)
            except InstanceError as exc:
                found.append(f"{_where(function)}: {function.name}: {exc}")
    generics = sorted(f.name for f in api.functions
                      if f.type_params and f.receiver is None and f.exported)
    found += [f"instantiate names {name!r}, which package {package} does not declare as an "
              f"exported generic function; {_suggest(name, generics)}"
              for name in table if name not in generics]
    found += [f"instantiate names {name!r}, which include leaves out, so it would bind "
              f"nothing; add {name!r} to include, or remove its instantiate entry"
              for name in table if include and name in generics and name not in include]
    return found


def unlisted_problems(api: GoApi) -> list[tuple[str, str]]:
    """Each generic function marked //python:export without instantiations: its
    name and a line saying how to list them."""
    return [(f.name, f"{_where(f)}: //python:export func {f.name}: {unlisted_hint(f)}")
            for f in api.functions
            if f.type_params and f.receiver is None and f.python_export
            and not has_instances(api, f)]


def _where(function: Function) -> str:
    return f"{function.pos.file}:{function.pos.line}" if function.pos else "?"


def _suggest(name: str, generics: list[str]) -> str:
    close = difflib.get_close_matches(name, generics, n=1)
    return f"did you mean {close[0]!r}?" if close else \
        f"its generic functions: {', '.join(generics) or 'none'}"


def has_instances(api: GoApi, generic: Function) -> bool:
    """Were instantiations of ``generic`` listed (even ones go/types refused)?"""
    refused = {(p.pos.file, p.pos.line) for p in api.instance_problems if p.pos}
    return any(f.name == generic.name and f.type_args and f.receiver is None
               for f in api.functions) or bool(
        generic.pos and (generic.pos.file, generic.pos.line) in refused)


def unlisted_hint(function: Function) -> str:
    """Why a generic function does not bind, and how to make it."""
    example = ", ".join("int" for _ in function.type_params)
    return (f"a generic function binds only the instantiations you list; list them "
            f"with //python:export instantiate=[{example.replace(' ', '')}] (several: "
            f"instantiate=[int],[float64]), or for a bound package in the extension's "
            f"instantiate table ({function.name} = [\"{example}\"])")
