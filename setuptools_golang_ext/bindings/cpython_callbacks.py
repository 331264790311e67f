"""Callback parameters in a ``bindings = "cpython"`` module: a Python callable Go
calls during the call, through the C trampoline of ``templates/module_callbacks.c``.

A func-typed parameter whose parameters are numbers, bools or strings and whose
result is at most one of those (and an optional error) is converted by the C
function itself: it checks the callable, passes Go the address of a
``goext_pycb`` record (tagged so that the glue calls the trampoline instead of
the ctypes layer's JSON thunk) and, after the call, re-raises the first
exception a callable raised. Other callbacks (objects, composites, ``keep=``)
stay with the ctypes layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from ..goapi.exports import GoFunction
from ..runtime.contract import ERROR, callback_types, canonical, native_callback
from .template_files import render
from .type_table import CBuffer, CScalar, type_kind


@dataclass(frozen=True)
class CCallback:
    """A callback type the trampoline converts: its answer's check."""

    answer: str  # the goext_answer_type initializer


def _callback_kind(go_type: str) -> CScalar | CBuffer | None:
    kind = type_kind(go_type)
    c = kind.c if kind is not None else None
    return c if isinstance(c, CScalar) or (isinstance(c, CBuffer) and c.callback) else None


def callback_c(go_type: str) -> CCallback | None:
    """The C conversion of a func-typed parameter, or None (the ctypes layer's)."""
    parts = callback_types(canonical(go_type))
    if parts is None:
        return None
    params, results = parts
    values = results[:-1] if results and results[-1] == ERROR else results
    if not all(_callback_kind(t) for t in [*params, *values]):
        return None
    # Strings with invalid UTF-8 arrive as ctypes mode gives them for this type:
    # surrogate-escaped through its C-typed callbacks, replaced through its JSON ones.
    escaped = 1 if native_callback(canonical(go_type)) is not None else 0
    answer = _callback_kind(values[0]) if values else None
    fields = answer.answer_fields(values[0]) if answer else '0, 0, 0, 0, ""'
    return CCallback(f"{{{fields}, {escaped}}}")


class _Builder(Protocol):
    """What of cpython_module's function builder a callback parameter adds to."""

    name: str
    definitions: list[str]
    declarations: list[str]
    converts: list[str]
    call_args: list[str]
    c_params: list[str]
    finish: list[str]


def add_callback(builder: _Builder, index: int, argument: str, callback: CCallback) -> None:
    """The lines of callback parameter ``index`` (``argument``: its label as a C
    string literal, "F() argument 'f'")."""
    answer = f"goext_answer_{builder.name}_{index}"
    builder.definitions.append(f"static const goext_answer_type {answer} = {callback.answer};")
    if not builder.finish:  # one record of the first exception for all callables
        builder.declarations.append("goext_raised raised = {0};")
        builder.finish.append("\tresult = goext_reraise(&raised, result);")
    builder.declarations.append(f"goext_pycb cb{index} = {{0}};")
    builder.finish.append(f"\tPy_XDECREF(cb{index}.args);")
    where = argument[:1] + "the result of " + argument[1:]
    builder.converts.append(f"\tif (goext_callback(a[{index}], {argument}, {where}, "
                            f"&{answer}, &raised, &cb{index}) < 0) goto done;")
    # The glue's callback parameter is the callable's pointer and the handle of a Go
    # func passed back as itself (0: a Python callable, which this always is).
    builder.c_params += ["void *", "uintptr_t"]
    builder.call_args += [f"goext_callback_pointer(&cb{index})", "0"]


def takes_callbacks(function: GoFunction) -> bool:
    """Does the C function of ``function`` take a callable?"""
    return any(callback_c(param.type) for param in function.params)


def callbacks_c() -> str:
    """The fixed C of the trampoline, for a module with callback parameters."""
    return "\n" + render("module_callbacks.c", {})
