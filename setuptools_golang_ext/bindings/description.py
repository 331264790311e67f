"""The API description (``<leaf>_api.json``) the runtime reads to type every function.

Layer 1 (``//export``) entries come from the C header Go wrote, refined by the
Go source (Go ``bool`` is ``GoUint8`` in C); Layer 2 (``//python:export``)
entries come from the Go signatures the wrappers were generated from.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from ..goapi.exports import (
    CALL,
    FUNCTION,
    GET,
    MAKE,
    METHOD,
    NEW,
    SET,
    GoClass,
    GoConstant,
    GoFunction,
    GoNamedType,
    GoParam,
    GoVariable,
    keeps_callables,
)
from ..goapi.interfaces import GoInterface
from ..goapi.proxies import PROXY_SUFFIX
from ..runtime.contract import (
    ASYNC_KEY,
    BYTES,
    CALLBACK_REPLY_SYMBOL,
    DIRECT_KEY,
    ERROR,
    FORMAT,
    FREE_SYMBOL,
    FUNC_VALUE_PREFIX,
    FUNCS_KEY,
    HOLD_GIL_KEY,
    INTERFACES_KEY,
    LAYER_C_EXPORT,
    LAYER_PYTHON_EXPORT,
    MUTATES_KEY,
    NAMED_TYPES_KEY,
    NIL_FUNCS_KEY,
    OBJECT_PREFIX,
    PROXY_KEY,
    PYTHON_EXIT_SYMBOL,
    PYTHON_NAME_KEY,
    RELEASE_SYMBOL,
    TYPED_SLICE_PREFIX,
    WRITTEN_KEY,
    callback_types,
    canonical,
    python_name,
    slice_element,
)
from .c_header import CFunction, parse_header
from .direct_calls import direct_symbol, is_direct
from .go_glue import has_context
from .type_families import calls_python, holds_opaque


def _python_entry(function: GoFunction, named: frozenset[str] = frozenset()
                  ) -> dict[str, Any]:
    """``named``: the package's named types marked //python:export, which the
    typed module uses in annotations (the runtime converts by the tags)."""
    results = [canonical(result.type) for result in function.results]
    has_error = bool(results) and results[-1] == ERROR
    context = has_context(function)
    receiver = [["self", OBJECT_PREFIX + function.owner]] if function.role == METHOD else []
    entry = {
        "name": function.python_name,
        "layer": LAYER_PYTHON_EXPORT,
        "symbol": function.symbol,
        "context": context,  # supplied by the bindings: not a Python parameter
        "variadic": function.variadic,  # the last parameter collects *args
        "params": receiver + [
            [python_name(param.name, index), canonical(param.type)]
            for index, param in enumerate(function.params)
            if not (context and index == 0)
        ],
        "results": results[:-1] if has_error else results,
        "error": has_error,
        "doc": function.doc,
        **({DIRECT_KEY: direct_symbol(function)} if is_direct(function) else {}),
        "readonly": [python_name(param.name, index)
                     for index, param in enumerate(function.params)
                     if param.name in function.readonly],
        "keep": [python_name(param.name, index)
                 for index, param in enumerate(function.params)
                 if param.name in function.keep],
        HOLD_GIL_KEY: function.hold_gil,
    }
    if function.is_async:
        entry[ASYNC_KEY] = True
    if function.role == SET and function.keep:  # a func field or variable: None is nil
        entry[NIL_FUNCS_KEY] = entry["keep"]
    if function.mutates:
        entry[MUTATES_KEY] = True
        if function.role == FUNCTION:  # which argument takes Go's copy back
            entry[WRITTEN_KEY] = function.written
    aliases = _aliases(function, named, len(results) - has_error)
    if aliases:
        entry["aliases"] = aliases
    return entry


def _aliases(function: GoFunction, named: frozenset[str], values: int) -> dict[str, Any]:
    """The marked named types of parameters (by Python name) and results (by
    position, "" for others), for annotations; {} when there are none."""
    def alias(param: GoParam) -> str:
        return param.convert if param.convert in named and not param.convert_import else ""

    params = {python_name(p.name, i): alias(p) for i, p in enumerate(function.params)
              if alias(p)}
    results = [alias(r) for r in function.results[:values]]
    if not params and not any(results):
        return {}
    return {"params": params, "results": results}


def _c_entry(function: CFunction, source: GoFunction | None) -> dict[str, Any]:
    params = [[python_name(name, i), t] for i, (name, t) in enumerate(function.params)]
    result = function.result
    go_results: list[str] = []
    if source is not None:
        for index, param in enumerate(source.params[: len(params)]):
            go_type = canonical(param.type)
            if go_type == "bool" and params[index][1] == "c_ubyte":
                params[index][1] = "c_bool"
            element = "uint8" if go_type == BYTES else slice_element(go_type)
            if params[index][1] == "GoSlice" and element is not None:
                # typed: buffers get the right length
                params[index][1] = TYPED_SLICE_PREFIX + element
        go_results = [canonical(r.type) for r in source.results]
        if go_results == ["bool"] and result == "c_ubyte":
            result = "c_bool"
    return {
        "name": function.name,
        "layer": LAYER_C_EXPORT,
        "symbol": function.name,
        "params": params,
        "result": result,
        "tuple": len(go_results) > 1,
        "doc": source.doc if source is not None else "",
    }


def _class_entry(go_class: GoClass, named: frozenset[str]) -> dict[str, Any]:
    accessors = {(a.role, a.name): _python_entry(a) for a in go_class.accessors}
    return {
        "doc": go_class.doc,
        "new": accessors[(NEW, go_class.name)],
        "fields": [
            {"name": go_class.field_name(index), "type": canonical(field.type), "doc": doc,
             "get": accessors[(GET, field.name)], "set": accessors[(SET, field.name)]}
            for index, (field, doc) in enumerate(zip(go_class.fields, go_class.field_docs))
        ],
        "methods": [_python_entry(method, named) for method in go_class.methods],
        "closer": go_class.closer,
        # The all-fields constructor, when the fields are plain kinds.
        **({"make": accessors[(MAKE, go_class.name)]}
           if (MAKE, go_class.name) in accessors else {}),
        **({PYTHON_NAME_KEY: go_class.python} if go_class.python else {}),
    }


def _has_interfaces(functions: list[GoFunction]) -> bool:
    return any(holds_opaque(t) for f in functions for p in (*f.params, *f.results)
               for t in _with_func_parts(canonical(p.type)))


def _with_func_parts(go_type: str) -> list[str]:
    """The type, and the parameters and results of a func type (an `any` inside)."""
    params, results = callback_types(go_type) or ([], [])
    return [go_type, *params, *results]


def describe_objects(classes: list[GoClass], constants: list[GoConstant],
                     functions: list[GoFunction], variables: list[GoVariable],
                     named_types: Sequence[GoNamedType] = (),
                     interfaces: Sequence[GoInterface] = ()) -> dict[str, Any]:
    """The description's entries for classes (methods and fields), constants,
    variables and named types."""
    named = frozenset(t.name for t in named_types)
    callbacks = any(calls_python(p.type) for f in functions for p in f.params)
    callers = {canonical(f.params[0].type)[len(FUNC_VALUE_PREFIX):]: _python_entry(f)
               for f in functions if f.role == CALL}
    return {
        "release": RELEASE_SYMBOL if classes or callers or _has_interfaces(functions)
        else None,
        **({FUNCS_KEY: callers} if callers else {}),
        "reply": CALLBACK_REPLY_SYMBOL if callbacks else None,
        "python_exit": PYTHON_EXIT_SYMBOL if keeps_callables(functions) else None,
        "classes": {go_class.name: _class_entry(go_class, named) for go_class in classes},
        "constants": [
            {"name": c.name, "type": c.type, "value": c.value, "doc": c.doc,
             **({"named": c.named} if c.named in named else {})}
            for c in constants
        ],
        "variables": [
            {"name": v.value.name, "type": canonical(v.value.type), "doc": v.doc,
             "get": _python_entry(v.get), "set": _python_entry(v.set)}
            for v in variables
        ],
        NAMED_TYPES_KEY: [_named_entry(t, named) for t in named_types],
        INTERFACES_KEY: [_interface_entry(i, classes) for i in interfaces],
    }


def _interface_entry(interface: GoInterface, classes: list[GoClass]) -> dict[str, Any]:
    """An interface, and its proxy class if it has one (whose methods are the interface's
    that bind: ``<leaf>_api.py`` declares them on the interface's class)."""
    entry: dict[str, Any] = {"name": interface.name, "doc": interface.doc,
                             "methods": list(interface.methods),
                             "classes": list(interface.classes)}
    proxy = interface.name + PROXY_SUFFIX
    if any(c.name == proxy and c.is_proxy for c in classes):
        entry[PROXY_KEY] = proxy
    return entry


def _named_entry(named_type: GoNamedType, named: frozenset[str]) -> dict[str, Any]:
    entry: dict[str, Any] = {"name": named_type.name, "type": named_type.type,
                             "doc": named_type.doc}
    if named_type.methods:  # a class: `class Level(int)`
        entry["methods"] = [_python_entry(m, named) for m in named_type.methods]
    return entry


def describe_functions(
    ext_name: str,
    python_functions: list[GoFunction],
    c_functions: list[GoFunction],
    header_text: str,
    named: frozenset[str] = frozenset(),
) -> dict[str, Any]:
    header, declared, untyped = parse_header(header_text)
    sources = {function.name: function for function in c_functions}
    entries = [_c_entry(function, sources.get(function.name))
               for function in declared if function.name in sources]
    entries += [_python_entry(function, named) for function in python_functions
                if function.role == FUNCTION]
    used = {t.split(":", 1)[1] for e in entries for t in _types(e) if t.startswith("struct:")}
    return {
        "format": FORMAT,
        "module": ext_name,
        "free": FREE_SYMBOL if python_functions else None,
        "structs": {name: header.structs[name] for name in sorted(_closure(header.structs, used))},
        "functions": entries,
        "untyped": {name: why for name, why in untyped.items() if name in sources},
    }


def _types(entry: dict[str, Any]) -> list[str]:
    found = [type_name for _, type_name in entry["params"]]
    if entry.get("result"):
        found.append(entry["result"])
    return found


def _closure(structs: dict[str, list[tuple[str, str]]], names: set[str]) -> set[str]:
    """``names`` and every struct their fields use."""
    pending, seen = list(names), set()
    while pending:
        name = pending.pop()
        if name in seen or name not in structs:
            continue
        seen.add(name)
        for _, type_name in structs[name]:
            base = type_name.split("[", 1)[0]
            if base.startswith("struct:"):
                pending.append(base[len("struct:") :])
    return seen
