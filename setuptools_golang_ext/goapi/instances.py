"""Instantiations of generic functions and types: ``//python:export
instantiate=[int],[string,int]`` on the declaration, or an extension's ``instantiate``
table.

The reader instantiates each one with go/types (``types.Instantiate``), so the model
holds it as an ordinary function with its type arguments, or as a type of its own
(``Typed_string_int``, ``instance_of`` ``Typed[string, int]``); here a function gets
a Python name (``Sum_int``, ``Keys_string_Point``) and the Go call the glue makes
(``Sum[int]``), and a type the alias the glue declares. A generic declaration itself
never binds.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Collection
from dataclasses import dataclass

from .model import Function, GoApi, TypeDecl, TypeRef

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
    return _instantiation(function.name, function.type_args, package, alias)


def instance_type(decl: TypeDecl, package: str, alias: Callable[[str], str]
                  ) -> tuple[str, tuple[str, ...]]:
    """The Go type an instantiation of a generic type stands for, spelled as
    ``instance_call`` spells a call (``Typed[string, $.Point]``), and its imports."""
    assert decl.instance_of is not None
    return _instantiation(decl.instance_of.name, decl.instance_of.type_args, package, alias)


@dataclass(frozen=True)
class TypeInstance:
    """A listed instantiation of a generic type as the glue declares it:
    ``type Typed_string_int = Typed[string, int]``."""

    name: str
    go: str  # the package's own types spelled with the LOCAL qualifier
    imports: tuple[str, ...]  # other packages it names, imported as ``alias(path)``


def type_instances(api: GoApi, alias: Callable[[str], str]) -> tuple[TypeInstance, ...]:
    """The aliases to declare for the instantiations of generic types (those the glue
    cannot spell are reported by ``instance_problems``)."""
    found = []
    for decl in api.types:
        if decl.instance_of is not None:
            try:
                go, imports = instance_type(decl, api.package.import_path, alias)
            except InstanceError:
                continue
            found.append(TypeInstance(decl.name, go, imports))
    return tuple(found)


def _instantiation(name: str, type_args: tuple[TypeRef, ...], package: str,
                   alias: Callable[[str], str]) -> tuple[str, tuple[str, ...]]:
    imports: set[str] = set()
    args = ", ".join(_spell(t, package, alias, imports) for t in type_args)
    return f"{name}[{args}]", tuple(sorted(imports))


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
                      include: Collection[str] = (), *, marked_only: bool = False
                      ) -> list[str]:
    """A line for each listed instantiation go/types refused (Go's reason), each one
    the glue cannot call, and each name of the ``instantiate`` table that is no
    generic function or type of the package, that ``include`` leaves out, or
    (``marked_only``, for your own package) that is not marked //python:export, whose
    instantiations would not bind."""
    package = api.package.import_path
    found = [str(problem) for problem in api.instance_problems]
    for function in api.functions:
        if function.type_args:
            try:
                instance_call(function, package, str)
            except InstanceError as exc:
                found.append(f"{_where(function)}: {function.name}: {exc}")
    for decl in api.types:
        if decl.instance_of is not None:
            try:
                instance_type(decl, package, str)
            except InstanceError as exc:
                found.append(f"{_where(decl)}: {decl.instance_of.go}: {exc}")
    generics = sorted([f.name for f in api.functions
                       if f.type_params and f.receiver is None and f.exported]
                      + [t.name for t in api.types if t.type_params and t.exported])
    found += [f"instantiate names {name!r}, which package {package} does not declare as an "
              f"exported generic function or type; {_suggest(name, generics)}"
              for name in table if name not in generics]
    found += [f"instantiate names {name!r}, which include leaves out, so it would bind "
              f"nothing; add {name!r} to include, or remove its instantiate entry"
              for name in table if include and name in generics and name not in include]
    if marked_only:
        declarations: list[Function | TypeDecl] = [*api.functions, *api.types]
        marked = {d.name for d in declarations if d.python_export and d.type_params}
        found += [f"instantiate names {name!r}, which is not marked //python:export, so its "
                  f"instantiations would not bind; add //python:export to {name}"
                  for name in table if name in generics and name not in marked]
    return found


def unlisted_problems(api: GoApi) -> list[tuple[str, str]]:
    """Each generic function marked //python:export without instantiations: its
    name and a line saying how to list them."""
    found = [(f.name, f"{_where(f)}: //python:export func {f.name}: {unlisted_hint(f)}")
             for f in api.functions
             if f.type_params and f.receiver is None and f.python_export
             and not has_instances(api, f)]
    generic_types = [t for t in api.types if t.type_params and t.python_export and not t.alias]
    found += [(t.name, f"{_where(t)}: //python:export type {t.name}: {unlisted_hint(t)}")
              for t in generic_types if not has_instances(api, t)]
    found += [(t.name, f"{_where(t)}: //python:export type {t.name}: name={name}: one name "
                       f"cannot name each instantiation; rename them in the extension's "
                       f"rename table ({_instance_example(t)} = \"{name}\")")
              for t in generic_types
              for name in _option_values(t.python_export_options, "name")]
    return found


def _option_values(options: str, key: str) -> list[str]:
    return [word.partition("=")[2] for word in options.split()
            if word.partition("=")[0] == key]


_INSTANTIATION = re.compile(r"\**(\w+)\[(.+)\]")


def unlisted_instance_hint(go_type: str, generic_types: Collection[str]) -> str:
    """For a parameter or result of an instantiation nobody listed
    (``*Table[string, bool]``), how to list it; else ""."""
    found = _INSTANTIATION.fullmatch(go_type)
    if found is None or found[1] not in generic_types:
        return ""
    return (f": {found[1]}[{found[2]}] binds only when listed; add [{found[2]}] to "
            f"instantiate= on type {found[1]} (or to its instantiate table entry)")


def _where(declaration: Function | TypeDecl) -> str:
    pos = declaration.pos
    return f"{pos.file}:{pos.line}" if pos else "?"


def _suggest(name: str, generics: list[str]) -> str:
    close = difflib.get_close_matches(name, generics, n=1)
    return f"did you mean {close[0]!r}?" if close else \
        f"its generic functions and types: {', '.join(generics) or 'none'}"


def has_instances(api: GoApi, generic: Function | TypeDecl) -> bool:
    """Were instantiations of ``generic`` listed (even ones go/types refused)?"""
    refused = {(p.pos.file, p.pos.line) for p in api.instance_problems if p.pos}
    if isinstance(generic, TypeDecl):
        listed = any(t.instance_of is not None and t.instance_of.name == generic.name
                     for t in api.types)
    else:
        listed = any(f.name == generic.name and f.type_args and f.receiver is None
                     for f in api.functions)
    return listed or bool(generic.pos and (generic.pos.file, generic.pos.line) in refused)


def unlisted_hint(generic: Function | TypeDecl) -> str:
    """Why a generic function or type does not bind, and how to make it."""
    example = ", ".join("int" for _ in generic.type_params)
    kind = "type" if isinstance(generic, TypeDecl) else "function"
    named = f" (class {_instance_example(generic)})" if kind == "type" else ""
    return (f"a generic {kind} binds only the instantiations you list; list them "
            f"with //python:export instantiate=[{example.replace(' ', '')}]{named} "
            f"(several: instantiate=[int],[float64]), or for a bound package in the "
            f"extension's "
            f"instantiate table ({generic.name} = [\"{example}\"])")


def _instance_example(generic: Function | TypeDecl) -> str:
    return "_".join([generic.name, *("int" for _ in generic.type_params)])
