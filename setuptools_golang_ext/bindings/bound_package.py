"""Binding a Go package named by import path: every exported declaration, unmarked.

The user cannot add ``//python:export`` to a package they do not own, so every
exported function, method, type, constant and variable is marked here (or only
those ``include`` names). A declaration that cannot be bound is left out with
one warning line, and the rest binds; ``strict`` makes those lines one error.
Named types with no other binding yet (arrays, slices, maps, funcs) become
opaque classes: their values cross as handles and their methods are callable.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Collection, Sequence
from dataclasses import replace
from typing import TypeVar

from .._log import log
from ..errors import GoPackageError
from ..goapi.exports import named_tag
from ..goapi.func_values import func_type_tag
from ..goapi.instances import has_instances, unlisted_hint
from ..goapi.interfaces import is_constraint
from ..goapi.model import PYTHON_EXPORT, Function, GoApi, Param, TypeDecl, TypeRef, Value
from .foreign_members import bind_foreign
from .plan import Bindings, binding_problems, scan_bindings, unbindable_error

_Declaration = TypeVar("_Declaration", Function, TypeDecl, Value)
_OPAQUE = TypeRef(kind="struct", go="struct{}")
# Underlying kinds that bind without becoming a class of their own.
_AS_VALUES = ("basic", "interface")


def bind_package(ext_name: str, api: GoApi, include: Sequence[str], strict: bool,
                 refused: Sequence[str] = ()) -> Bindings:
    """The bindings of every exported declaration of ``api`` (or of ``include``);
    ``refused``: lines for listed instantiations go/types refused, left out too."""
    marked, left_out = mark_package(ext_name, api, include)
    left_out += refused
    foreign = bind_foreign(marked)
    marked = foreign.api
    left_out += foreign.left_out
    for _ in range(len(marked.functions) + len(marked.types) + 1):
        problems = binding_problems(marked)
        if not problems:
            break
        left_out += [_unmarked_line(text) for _, text in problems]
        marked = _unmark(marked, {name for name, _ in problems})
    if left_out and strict:
        raise unbindable_error(ext_name, left_out, "")
    for line in left_out:
        log.warning("GoExtension %r: left out %s", ext_name, line)
    bindings = replace(scan_bindings(ext_name, marked), foreign=tuple(foreign.classes),
                       proxies=tuple(foreign.proxies))
    if not bindings.bound_names:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: package {api.package.import_path} has nothing to "
            f"bind: " + (f"none of its {len(left_out)} exported declaration(s) can be "
                         f"bound (see the warnings above)." if left_out else
                         "it declares no exported functions, types, constants or "
                         "variables (exported names start with a capital letter)."))
    return bindings


def empty_package_error(ext_name: str, api: GoApi) -> GoPackageError | None:
    """A non-main package without a single exported declaration: nothing can bind."""
    declarations: list[Function | TypeDecl | Value] = [
        *api.functions, *api.types, *api.constants, *api.variables]
    if api.package.name == "main" or any(d.exported for d in declarations):
        return None
    return GoPackageError(
        f"GoExtension {ext_name!r}: the Go package {api.package.import_path or api.package.dir}"
        f" declares nothing exported (no function, type, constant or variable with a "
        f"capitalised name), so Python would get nothing. Add the declarations Python "
        f"should use, exported and marked with //python:export.")


def mark_package(ext_name: str, api: GoApi, include: Sequence[str]
                 ) -> tuple[GoApi, list[str]]:
    """``api`` with its exported declarations marked, and a line for each one that is
    skipped from the start (generic declarations)."""
    chosen = _wanted(ext_name, api, include)
    # An instantiation (Typed_string_int) binds when its generic type is wanted.
    origins = {t.name: t.instance_of.name for t in api.types if t.instance_of}

    def wanted(name: str) -> bool:
        return chosen(origins.get(name, name))

    generic = {t.name for t in api.types if t.type_params}
    # A method of a generic type goes with its type (one line for both).
    declarations: list[Function | TypeDecl] = [
        *api.types, *(f for f in api.functions if f.receiver is None)]
    generics = [d for d in declarations if d.type_params and d.exported
                and not has_instances(api, d)]
    skipped = [f"{_where(d)}: {d.name}: {unlisted_hint(d)}" for d in generics if wanted(d.name)]

    def method_marked(method: Function) -> bool:
        owner = method.receiver.type.name if method.receiver else ""
        return method.exported and owner not in generic and wanted(owner)

    def function_marked(function: Function) -> bool:
        if function.receiver is not None:
            return method_marked(function)
        return function.exported and not function.type_params and wanted(function.name)

    pointed = _pointed_to(api)
    types = tuple(
        _opaque(_mark(replace(t, methods=tuple(_mark(m, method_marked(m)) for m in t.methods)),
                      t.exported and not t.type_params and not _is_constraint(t)
                      and wanted(t.name)), api.package.import_path, pointed)
        for t in api.types)
    marked = replace(
        api, types=types,
        functions=tuple(_mark(f, function_marked(f)) for f in api.functions),
        constants=tuple(_mark(c, c.exported and wanted(c.name)) for c in api.constants),
        variables=tuple(_mark(v, v.exported and wanted(v.name)) for v in api.variables),
    )
    return marked, skipped


def _wanted(ext_name: str, api: GoApi, include: Sequence[str]) -> Callable[[str], bool]:
    """Whether a name binds; ``include`` names must be exported declarations."""
    if not include:
        return lambda name: True
    values: list[TypeDecl | Value] = [*api.types, *api.constants, *api.variables]
    declared = sorted({d.name for d in values if d.exported}
                      | {f.name for f in api.functions if f.exported and f.receiver is None})
    missing = [name for name in include if name not in declared]
    if missing:
        close = difflib.get_close_matches(missing[0], declared, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else \
            f". It declares: {', '.join(declared[:30])}{' ...' if len(declared) > 30 else ''}"
        raise GoPackageError(
            f"GoExtension {ext_name!r}: include names {', '.join(map(repr, missing))}, which "
            f"package {api.package.import_path} does not declare as an exported name{hint}")
    chosen = frozenset(include)
    return chosen.__contains__


def _mark(declaration: _Declaration, marked: bool) -> _Declaration:
    """Marked or not as decided here; a marker of its own keeps its options (name=)."""
    if not marked:
        return _unmark_one(declaration)
    if declaration.python_export:
        return declaration
    return replace(declaration, directives=(*declaration.directives, PYTHON_EXPORT))


def _unmark_one(declaration: _Declaration) -> _Declaration:
    kept = tuple(d for d in declaration.directives if not d.startswith(PYTHON_EXPORT))
    return replace(declaration, directives=kept)


def _is_constraint(decl: TypeDecl) -> bool:
    """A type-set interface has no values; other interfaces become abstract classes."""
    return decl.underlying.kind == "interface" and is_constraint(decl)


def _opaque(decl: TypeDecl, package: str, pointed: Collection[str]) -> TypeDecl:
    """A marked named array, slice or map type, or a func type whose values cannot
    cross as funcs, as a class without fields; a named array, slice or map over
    basic types stays a value class (``Vector("d", [3.0, 4.0])``, as when marked in
    your own package) unless Go changes its values in place: a pointer method, or a
    ``*Vector`` in ``pointed``."""
    if not decl.python_export or decl.alias or decl.underlying.kind in (*_AS_VALUES, "struct") \
            or func_type_tag(decl, package) is not None:
        return decl
    by_value = decl.name not in pointed and all(
        m.receiver is None or not m.receiver.pointer for m in decl.methods if m.exported)
    if by_value and named_tag(decl, package) is not None:
        return decl
    return replace(decl, underlying=_OPAQUE, fields=())


def _pointed_to(api: GoApi) -> set[str]:
    """The package's types that a signature or field takes by pointer (``*IntVector``),
    but for a function's first pointer to a named slice, array or map: Go's copy of
    that argument is written back into the Python object, which stays a value."""
    package = api.package.import_path
    refs = [p.type for f in (*api.functions, *(m for t in api.types for m in t.methods))
            for p in (*_not_written_back(f, package), *f.results)]
    refs += [f.type for t in api.types for f in t.fields]
    found: set[str] = set()
    while refs:
        ref = refs.pop()
        if ref.kind == "pointer" and ref.elem is not None and ref.elem.package == package:
            found.add(ref.elem.name)
        refs += [t for t in (ref.elem, ref.key) if t is not None]
        refs += [p.type for p in (*ref.params, *ref.results)]
    return found


def _not_written_back(function: Function, package: str) -> list[Param]:
    if function.receiver is not None:
        return list(function.params)
    for index, param in enumerate(function.params):
        elem = param.type.elem if param.type.kind == "pointer" else None
        if elem is not None and elem.package == package and elem.underlying is not None \
                and elem.underlying.kind in ("slice", "array", "map"):
            return [*function.params[:index], *function.params[index + 1:]]
    return list(function.params)


def _unmark(api: GoApi, names: Collection[str]) -> GoApi:
    """``api`` without the marks of ``names`` (``F``, ``T``, ``T.M``, ``T.Field``): a
    left-out type takes its methods along; a left-out field is dropped from its class."""
    def owner_left(function: Function) -> bool:
        owner = function.receiver.type.name if function.receiver else ""
        return owner in names or f"{owner}.{function.name}" in names

    def function(f: Function) -> Function:
        return _unmark_one(f) if (f.name in names and f.receiver is None) or owner_left(f) \
            else f

    def type_decl(t: TypeDecl) -> TypeDecl:
        if t.name in names:
            return _unmark_one(replace(t, methods=tuple(map(_unmark_one, t.methods))))
        fields = tuple(f for f in t.fields if f"{t.name}.{f.name}" not in names)
        methods = tuple(_unmark_one(m) if f"{t.name}.{m.name}" in names else m
                        for m in t.methods)
        return replace(t, fields=fields, methods=methods)

    def value(v: Value) -> Value:
        return _unmark_one(v) if v.name in names else v

    return replace(api, functions=tuple(map(function, api.functions)),
                   types=tuple(map(type_decl, api.types)),
                   constants=tuple(map(value, api.constants)),
                   variables=tuple(map(value, api.variables)))


def _unmarked_line(text: str) -> str:
    """A problem line as a bound package reads it: nothing was marked by hand, so
    advice on moving markers is dropped."""
    text = text.replace("//python:export ", "", 1)
    for advice in ("; drop //python:export", "; mark `type"):
        text = text.partition(advice)[0]
    return text


def _where(declaration: Function | TypeDecl) -> str:
    pos = declaration.pos
    return f"{pos.file}:{pos.line}" if pos else "?"
