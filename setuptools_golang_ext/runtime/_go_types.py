"""The Go types ``//python:export`` functions may use, and their C-side ctypes.

Shared by the build (which checks signatures) and the runtime (which converts
values), so both agree on one table. Standard library only.
"""

from __future__ import annotations

import ctypes
from typing import Any

# Go scalar type -> ctypes type of the same size and kind. Go's int, uint and
# uintptr are pointer-sized on every Go platform.
SCALARS: dict[str, Any] = {
    "int": ctypes.c_ssize_t,
    "int8": ctypes.c_int8,
    "int16": ctypes.c_int16,
    "int32": ctypes.c_int32,
    "int64": ctypes.c_int64,
    "uint": ctypes.c_size_t,
    "uint8": ctypes.c_uint8,
    "uint16": ctypes.c_uint16,
    "uint32": ctypes.c_uint32,
    "uint64": ctypes.c_uint64,
    "uintptr": ctypes.c_size_t,
    "float32": ctypes.c_float,
    "float64": ctypes.c_double,
    "bool": ctypes.c_bool,
}
ALIASES = {"byte": "uint8", "rune": "int32"}

STRING = "string"
BYTES = "[]byte"
ERROR = "error"
SLICE_PREFIX = "[]"


def canonical(go_type: str) -> str:
    """``byte``/``rune`` spelled as ``uint8``/``int32``; ``[]uint8`` as ``[]byte``."""
    if go_type.startswith(SLICE_PREFIX):
        element = canonical(go_type[len(SLICE_PREFIX) :])
        return BYTES if element == "uint8" else SLICE_PREFIX + element
    return ALIASES.get(go_type, go_type)


def slice_element(go_type: str) -> str | None:
    """The element of a numeric slice type (``"float64"`` for ``[]float64``), else None."""
    if go_type.startswith(SLICE_PREFIX) and go_type != BYTES:
        element = go_type[len(SLICE_PREFIX) :]
        if element in SCALARS and element != "bool":
            return element
    return None


def is_supported(go_type: str, *, result: bool) -> bool:
    go_type = canonical(go_type)
    if go_type in SCALARS or go_type in (STRING, BYTES) or slice_element(go_type):
        return True
    return result and go_type == ERROR


def python_type(go_type: str, *, result: bool) -> str:
    """The annotation a type checker sees for a parameter or result of ``go_type``."""
    go_type = canonical(go_type)
    if go_type == "bool":
        return "bool"
    if go_type in ("float32", "float64"):
        return "float"
    if go_type in SCALARS:
        return "int"
    if go_type == STRING:
        return "str" if result else "str | bytes"
    if go_type == BYTES:
        return "bytes" if result else "bytes | bytearray | memoryview"
    element = slice_element(go_type)
    if element is not None:
        item = "float" if element.startswith("float") else "int"
        if result:
            return f"array.array[{item}]"
        return f"Sequence[{item}] | memoryview | array.array[{item}]"
    return "None"


def python_name(go_name: str, index: int) -> str:
    """A Python parameter name for a Go one: unnamed, ``_``-prefixed or keyword ones
    become ``arg<index>``."""
    import keyword

    if not go_name or go_name.startswith("_") or keyword.iskeyword(go_name):
        return f"arg{index}"
    return go_name
