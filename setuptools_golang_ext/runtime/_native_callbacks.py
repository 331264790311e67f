"""Python callables of a callback type Go calls with C types
(``contract.native_callback``): scalars and strings in, nothing or one scalar
out. The thunk ctypes calls is made per signature from source, so a call costs
the callable's call and one check of its result. Semantics are the JSON path's:
the first exception is kept for the outer call to re-raise (Go gets its zero
result), and a result of the wrong type is such an exception.
"""

from __future__ import annotations

import ctypes

from ._scalar_args import float_arg, int_arg, int_check
from .contract import INT_RANGES, SCALARS, STRING, native_callback

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

    Maker = Callable[[Callable[..., Any], Any], Any]

_ENCODING = "'utf-8', 'surrogateescape'"  # Go strings need not be valid UTF-8
_makers: dict[tuple[str, str], Maker] = {}  # by (Go type, label): made once per process


def bool_result_refused(value: object, where: str) -> bool:
    raise TypeError(f"{where} must be bool (Go bool), not {type(value).__name__}")


def _result_check(result: str) -> list[str]:
    """Lines checking the callable's answer ``_r``: the common case costs a class test."""
    if result == "bool":
        return ["        if _r.__class__ is not _bool: _bool_result(_r, _label)"]
    if result in INT_RANGES:
        return [f"        {int_check('_r', result, '_label')}"]
    return [f"        if _r.__class__ is not _float: _r = _float_arg(_r, {result!r}, _label)"]


def _source(params: list[str], result: str | None) -> str:
    names: list[str] = []
    arguments: list[str] = []
    for index, tag in enumerate(params):
        if tag == STRING:
            names += [f"p{index}", f"p{index}n"]
            arguments.append(f"(_string_at(p{index}, p{index}n).decode({_ENCODING}) "
                             f"if p{index}n else '')")
        else:
            names.append(f"p{index}")
            arguments.append(f"p{index}")
    zero = {None: "None", "bool": "False"}.get(result, "0")
    check = _result_check(result) if result else []
    return "\n".join([
        "def make(function, state):",
        f"    def thunk({', '.join(names)}):",
        "        try:",
        f"            _r = function({', '.join(arguments)})",
        *(line.replace("        ", "            ", 1) for line in check),
        f"            return {'_r' if result else 'None'}",
        "        except BaseException as _e:",
        "            if state.error is None: state.error = _e",
        f"            return {zero}",
        "    return _type(thunk)",
    ])


def _c_type(params: list[str], result: str | None) -> Any:
    argtypes = [part for tag in params for part in (
        [ctypes.c_void_p, ctypes.c_size_t] if tag == STRING else [SCALARS[tag]])]
    return ctypes.CFUNCTYPE(SCALARS[result] if result else None, *argtypes)


def native_maker(go_type: str, where: str) -> Maker:
    """``make(function, state)``: the C function pointer calling ``function`` for a
    parameter of callback type ``go_type`` (``where`` names it in errors); ``state``
    keeps the first exception in its ``error``."""
    key = (go_type, where)
    if key not in _makers:
        native = native_callback(go_type)
        assert native is not None, go_type
        params, result = native
        namespace: dict[str, Any] = {
            "_type": _c_type(params, result), "_string_at": ctypes.string_at,
            "_bool": bool, "_int": int, "_float": float, "_bool_result": bool_result_refused,
            "_int_arg": int_arg, "_float_arg": float_arg, "_label": f"the result of {where}",
        }
        exec(compile(_source(params, result), f"<goext callback {go_type}>", "exec"),  # noqa: S102 - built from a validated type tag
             namespace)
        _makers[key] = namespace["make"]
    return _makers[key]
