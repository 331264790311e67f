"""Go func values Python holds: one caller per func type that comes back to Python.

A func result, or a func-typed variable or field read, reaches Python as a handle
to the func value; Python calls it through the caller of its type, a wrapper like
any function's whose first parameter is the func (tagged ``gofunc:`` + its type).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import replace
from pathlib import Path

from ..runtime.contract import (
    FUNC_VALUE_PREFIX,
    callback_types,
    canonical,
    func_items,
    func_parts,
    go_func_types,
)
from .exports import CALL, LOCAL, GoFunction, GoParam, exported_structs, import_alias, type_tag
from .model import GoApi, TypeDecl, TypeRef


def named_func_types(api: GoApi) -> dict[str, str]:
    """Named func types marked //python:export that can cross: their tag -> name."""
    package = api.package.import_path
    classes = frozenset(t.name for t in exported_structs(api))
    found: dict[str, str] = {}
    for decl in api.types:
        tag = func_type_tag(decl, package, classes)
        if decl.python_export and decl.exported and tag is not None:
            found.setdefault(tag, decl.name)
    return found


def is_func_type(decl: TypeDecl) -> bool:
    return not decl.alias and not decl.type_params and decl.underlying.kind == "func"


def func_type_tag(decl: TypeDecl, package: str, classes: frozenset[str] = frozenset()
                  ) -> str | None:
    """The tag of a named func type whose values can cross both ways; else None."""
    if not is_func_type(decl) or decl.underlying.variadic:
        return None
    tag = type_tag(decl.underlying, package, classes)
    return tag if callback_types(tag) or go_func_types(tag) else None


def func_callers(functions: Iterable[GoFunction], named: Mapping[str, str] = {}
                 ) -> list[GoFunction]:
    """A caller for each func type among the results of ``functions`` (accessors
    of variables and fields too), and of ``named`` (func tag -> the Python name
    of a named func type marked //python:export), in first-seen order."""
    # By tag: the runtime finds a result's caller by it (a second spelling with
    # other named types inside, func(Celsius) beside func(float64), is not bound).
    found: dict[str, GoFunction] = {}
    results = [r for f in functions for r in f.results]
    results += [GoParam("", tag) for tag in named]
    while results:  # a caller's func result needs a caller too: func() func() int
        result = results.pop(0)
        tag = canonical(result.type)
        items = func_items(tag)
        if items is not None:  # a slice, array or map of funcs: its func's caller
            tag = items[1]
            result = GoParam("", tag)
        if not (callback_types(tag) or go_func_types(tag)) or tag in found:
            continue
        found[tag] = _caller(len(found), result, named.get(tag, ""))
        results += found[tag].results
    return list(found.values())


def _caller(index: int, func: GoParam, python: str) -> GoFunction:
    """The caller of func type ``func.type``; ``python`` names it in messages."""
    params, results = func_parts(func.type)  # type: ignore[misc]
    spelled = func_parts(func.glue) if func.glue else None
    glue_params, glue_results = spelled or (params, results)
    receiver = GoParam("self", FUNC_VALUE_PREFIX + canonical(func.type), glue=func.glue)
    imports = func.glue_imports
    return GoFunction(
        name=f"f{index}", doc="", file=Path(), line=0, python_export=True, role=CALL,
        params=(receiver, *(_part(f"arg{i}", t, glue_params[i], imports)
                            for i, t in enumerate(params))),
        results=tuple(_part("", t, glue_results[i], imports) for i, t in enumerate(results)),
        python=python or "func",
        # A callable passed to a Go func may outlive the call: a middleware's handler
        # calls it later. Kept as keep= keeps one.
        keep=tuple(f"arg{i}" for i, t in enumerate(params) if callback_types(t)),
    )


def _part(name: str, tag: str, glue: str, imports: tuple[str, ...]) -> GoParam:
    """A parameter or result of the func: a named basic type inside it converts."""
    if glue == tag:
        return GoParam(name, tag)
    if glue.startswith(LOCAL) and "." not in glue[len(LOCAL):]:
        return GoParam(name, tag, glue[len(LOCAL):])
    for path in imports:  # goextpkg_time.Duration: time's Duration
        alias = import_alias(path) + "."
        if glue.startswith(alias) and glue[len(alias):].isidentifier():
            return GoParam(name, tag, glue[len(alias):], path)
    return replace(GoParam(name, tag), glue=glue, glue_imports=imports)



def spelling_clashes(functions: Iterable[GoFunction]) -> list[tuple[GoFunction, str]]:
    """Functions (and accessors) returning a func type that converts as one
    returned elsewhere with other named types inside (``func(Celsius)`` beside
    ``func(float64)``): Python finds a func's caller by the converted type, so
    only the first spelling binds. Each later one, with why."""
    first: dict[str, GoParam] = {}
    found = []
    for function in functions:
        for result in function.results:
            tag = canonical(result.type)
            if callback_types(tag) is None:
                continue
            seen = first.setdefault(tag, result)
            if seen.glue != result.glue:
                found.append((function, f"its func result {_go_form(result)} converts as "
                                        f"{tag}, as {_go_form(seen)} returned elsewhere "
                                        f"does, and Python could not tell them apart; "
                                        f"return one func type"))
    return found


def _go_form(result: GoParam) -> str:
    return result.glue.replace(LOCAL, "") or result.type


def passes_funcs(ref: TypeRef, func_names: Collection[str] = ()) -> bool:
    """A func type one of whose parameters or results is itself a func (``type
    Middleware func(next Handler) Handler``): Python has no form for it yet.
    ``func_names``: the package's named func types (a named type inside a type
    carries no underlying type)."""
    def is_func(part: TypeRef) -> bool:
        return (part.underlying or part).kind == "func" or (
            part.kind == "named" and part.name in func_names)

    func = ref.underlying if ref.kind == "named" and ref.underlying else ref
    return func.kind == "func" and any(is_func(p.type) for p in (*func.params, *func.results))


def func_shape_hint(go_type: str, func_names: Collection[str] = ()) -> str:
    """Why a type that holds funcs where Python has no form for them cannot cross,
    and what to export instead; "" for other types. ``func_names``: the package's
    named func types, which tags spell by name."""
    words = set(re.findall(r"[A-Za-z_]\w*", go_type)) & set(func_names)
    tag = canonical(go_type)
    if go_func_types(tag) is not None:  # callable from Python, not made by it
        return (": a func taking or returning funcs crosses from Go only (a result, "
                "variable read or field read is a Go func Python calls); a Python "
                "callable cannot stand for one yet: take the inner func instead "
                "(func Use(h Handler))")
    if tag.startswith("func(") and ("func(" in tag[len("func("):] or words):
        return (": a func taking or returning a func cannot cross to Python yet; bind a "
                "Go function of that shape instead (func RequireUser(next Handler) "
                "Handler binds: Python passes a callable and gets a Go func back)")
    if not tag.startswith(("[", "map[")) or not ("func(" in tag or words):
        return ""
    if func_items(tag) is not None:  # a map of funcs that crosses, but not from Python
        return (": a map of funcs crosses from Go only (a function's result is a dict "
                "of Go funcs); Python cannot set or pass one yet: take a slice of funcs, "
                "or a key and one func")
    return (": its funcs cannot cross to Python (funcs taking or returning funcs and "
            "variadic funcs have no Python form yet); a slice, array or map of funcs "
            "of numbers, strings and objects binds")
