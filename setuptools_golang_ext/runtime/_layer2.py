"""Python functions for ``//python:export`` Go functions.

Each wrapper is generated as Python source specialised to one signature, so a
call does only the conversions that signature needs: encode strings, point at
buffers, call the C-ABI wrapper (ctypes releases the GIL), copy results out of
C memory and free it with the library's own ``goext_free``, and raise
``GoError``/``GoPanic`` for a non-zero status.
"""

from __future__ import annotations

import ctypes
import keyword
from array import array
from typing import Any, Callable

from ._buffers import array_code, buffer_pointer, numeric_pointer
from ._errors import GoError, GoPanic
from .contract import BYTES, SCALARS, STATUS_ERROR, STRING, slice_element

_HEAD = [
    ("err", ctypes.c_void_p),
    ("errN", ctypes.c_size_t),
    ("stack", ctypes.c_void_p),
    ("stackN", ctypes.c_size_t),
]
_ENCODING = "'utf-8', 'surrogateescape'"  # Go strings need not be valid UTF-8
_CHAR_POINTER = ctypes.POINTER(ctypes.c_char)


def _string_arg(value: object, where: str) -> bytes:
    if isinstance(value, str):
        return value.encode("utf-8", "surrogateescape")
    if isinstance(value, bytes):
        return bytes(value)
    raise TypeError(f"{where} must be str or bytes, not {type(value).__name__}")


def _bytes_arg(value: object, where: str) -> tuple[Any, int, object]:
    try:
        pointer, nbytes, keep, _ = buffer_pointer(value)
    except TypeError as exc:
        raise TypeError(f"{where}: {exc}") from None
    return pointer, nbytes, keep


class _Builder:
    """Source lines and the names they use, for one wrapper."""

    def __init__(self, entry: dict[str, Any]) -> None:
        self.entry = entry
        self.lines: list[str] = []
        self.argtypes: list[Any] = []
        self.call_args: list[str] = []
        self.fields = list(_HEAD)
        # Builtins under private names: a Go parameter may be called `len` or `bytes`.
        self.names: dict[str, Any] = {
            "_len": len,
            "_str": str,
            "_bytes": bytes,
            "_EncodeError": UnicodeEncodeError,
            "_DecodeError": UnicodeDecodeError,
            "_string_arg": _string_arg,
            "_bytes_arg": _bytes_arg,
        }

    def param(self, index: int, name: str, go_type: str) -> None:
        label = f"{self.entry['name']}() argument {name!r}"
        where = repr(label)
        if go_type in SCALARS:
            self.argtypes.append(SCALARS[go_type])
            self.call_args.append(name)
        elif go_type == STRING:
            self.lines += [
                f"    if {name}.__class__ is _str:",
                f"        try: {name} = {name}.encode()",
                f"        except _EncodeError: {name} = {name}.encode({_ENCODING})",
                f"    elif {name}.__class__ is not _bytes: {name} = _string_arg({name}, {where})",
            ]
            self.argtypes += [ctypes.c_char_p, ctypes.c_size_t]
            self.call_args += [name, f"_len({name})"]
        elif go_type == BYTES:
            self.lines += [
                f"    if {name}.__class__ is _bytes: _p{index}, _n{index} = {name}, _len({name})",
                f"    else: _p{index}, _n{index}, _k{index} = _bytes_arg({name}, {where})",
            ]
            self.argtypes += [ctypes.c_void_p, ctypes.c_size_t]
            self.call_args += [f"_p{index}", f"_n{index}"]
        else:
            element = slice_element(go_type)
            assert element is not None
            self.names[f"_numeric{index}"] = _numeric_converter(element, label)
            self.lines.append(f"    _p{index}, _n{index}, _k{index} = _numeric{index}({name})")
            self.argtypes += [ctypes.c_void_p, ctypes.c_size_t]
            self.call_args += [f"_p{index}", f"_n{index}"]

    def result(self, index: int, go_type: str) -> str:
        field = f"r{index}"
        if go_type in SCALARS:
            self.fields.append((field, SCALARS[go_type]))
            return f"_o.{field}"
        # A char pointer field sliced to its length copies the bytes without the
        # foreign-function call that ctypes.string_at would cost.
        self.fields += [(field, _CHAR_POINTER), (field + "n", ctypes.c_size_t)]
        self.lines.append(f"    _p = _o.{field}; _v{index} = _p[:_o.{field}n]; _free(_p)")
        if go_type == STRING:
            self.lines += [
                f"    try: _v{index} = _v{index}.decode()",
                f"    except _DecodeError: _v{index} = _v{index}.decode({_ENCODING})",
            ]
            return f"_v{index}"
        if go_type == BYTES:
            return f"_v{index}"
        element = slice_element(go_type)
        assert element is not None
        self.names["_array"] = array
        code = array_code(element, SCALARS[element])
        return f"_array({code!r}, _v{index})"


def _numeric_converter(element: str, label: str) -> Callable[[object], tuple[Any, int, object]]:
    ctype = SCALARS[element]

    def convert(value: object) -> tuple[Any, int, object]:
        try:
            return numeric_pointer(value, element, ctype)
        except TypeError as exc:
            raise TypeError(f"{label}: {exc}") from None

    return convert


def _raise_failure(record: Any, status: int, free: Any) -> None:
    message = ctypes.string_at(record.err, record.errN).decode("utf-8", "replace")
    free(record.err)
    if status == STATUS_ERROR:
        raise GoError(message)
    stack = ctypes.string_at(record.stack, record.stackN).decode("utf-8", "replace")
    free(record.stack)
    raise GoPanic(message, stack)


def build_wrapper(entry: dict[str, Any], function: Any, free: Any) -> Callable[..., Any]:
    """A Python function calling C-ABI wrapper ``function`` as ``entry`` describes."""
    builder = _Builder(entry)
    names = [name for name, _ in entry["params"]]
    for name in [entry["name"], *names]:
        if not name.isidentifier() or keyword.iskeyword(name) or name.startswith("_"):
            raise TypeError(f"invalid name {name!r} in the API description")
    for index, (name, go_type) in enumerate(entry["params"]):
        builder.param(index, name, go_type)
    param_lines = builder.lines
    builder.lines = []
    values = [builder.result(i, go_type) for i, go_type in enumerate(entry["results"])]
    record = type(f"{entry['name']}_record", (ctypes.Structure,), {"_fields_": builder.fields})
    function.argtypes = [*builder.argtypes, ctypes.POINTER(record)]
    function.restype = ctypes.c_int
    builder.names.update(_f=function, _Record=record, _free=free, _fail=_raise_failure)
    call = f"_f({', '.join([*builder.call_args, '_o'])})"
    result_lines = builder.lines
    if len(values) == 1:
        returned = values[0]
    elif values:
        returned = "(" + ", ".join(values) + ",)"
    else:
        returned = "None"
    source = "\n".join([
        f"def {entry['name']}({', '.join(names)}):",
        *param_lines,
        "    _o = _Record()",
        f"    _s = {call}",
        "    if _s: _fail(_o, _s, _free)",
        *result_lines,
        f"    return {returned}",
    ])
    namespace: dict[str, Any] = dict(builder.names)
    exec(compile(source, f"<goext {entry['name']}>", "exec"), namespace)  # noqa: S102 - names come from a validated description
    wrapper: Callable[..., Any] = namespace[entry["name"]]
    wrapper.__doc__ = entry["doc"] or None
    wrapper.__qualname__ = entry["name"]
    wrapper.__go_symbol__ = entry["symbol"]  # type: ignore[attr-defined]
    return wrapper
