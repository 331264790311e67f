"""ctypes types for the names in an API description: C scalars, Go's string and
slice headers, and the structs of the cgo preamble."""

from __future__ import annotations

import ctypes

from ._buffers import numeric_pointer
from .contract import SCALARS, TYPED_SLICE_PREFIX

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any


class GoString(ctypes.Structure):
    """Go's ``string`` header (``_GoString_``). Accepts ``str``/``bytes`` as an argument.

    The bytes stay owned by Python: Go must not keep the string after the call.
    """

    _fields_ = [("p", ctypes.c_char_p), ("n", ctypes.c_ssize_t)]

    @classmethod
    def from_param(cls, value: object) -> Any:
        if isinstance(value, str):
            value = value.encode("utf-8", "surrogateescape")
        if isinstance(value, bytes):
            return cls(value, len(value))
        if isinstance(value, cls):
            return value
        raise TypeError(f"expected str or bytes for a Go string, got {type(value).__name__}")

    def __str__(self) -> str:
        return ctypes.string_at(self.p, self.n).decode("utf-8", "surrogateescape")


class GoSlice(ctypes.Structure):
    """Go's slice header. As an argument, give a ``GoSlice``; for a slice of numbers
    the function's ``argtypes`` hold a subclass that also accepts buffers and
    sequences (see ``typed_slice``)."""

    _fields_ = [("data", ctypes.c_void_p), ("len", ctypes.c_ssize_t), ("cap", ctypes.c_ssize_t)]


def typed_slice(go_element: str) -> type[GoSlice]:
    """A ``GoSlice`` for Go ``[]go_element`` that accepts a buffer of matching items
    (passed in place) or a sequence of numbers (copied), with the right length."""
    element = SCALARS[go_element]

    @classmethod  # type: ignore[misc]
    def from_param(cls: type[GoSlice], value: object) -> Any:
        if isinstance(value, GoSlice):
            return value
        pointer, nbytes, keep = numeric_pointer(value, go_element, element)
        count = nbytes // ctypes.sizeof(element)
        param = cls(ctypes.cast(pointer, ctypes.c_void_p), count, count)
        param._keep = keep  # the buffer must outlive the call
        return param

    return type(f"GoSlice_{go_element}", (GoSlice,), {"from_param": from_param})


_NAMED: dict[str, Any] = {"GoString": GoString, "GoSlice": GoSlice}
_typed_slices: dict[str, type[GoSlice]] = {}
_C_NAMES = frozenset((
    "c_char", "c_byte", "c_ubyte", "c_short", "c_ushort", "c_int", "c_uint", "c_long",
    "c_ulong", "c_longlong", "c_ulonglong", "c_float", "c_double", "c_size_t", "c_ssize_t",
    "c_bool", "c_char_p", "c_void_p", "c_int8", "c_int16", "c_int32", "c_int64", "c_uint8",
    "c_uint16", "c_uint32", "c_uint64",
))


class TypeTable:
    """Resolves type names of one API description, building its structs once."""

    def __init__(self, structs: dict[str, list[list[str]]]) -> None:
        self._declared = structs
        self.structs: dict[str, type[ctypes.Structure]] = {}

    def resolve(self, name: str) -> Any:
        base, _, count = name.partition("[")
        resolved = self._resolve_base(base)
        return resolved * int(count.rstrip("]")) if count else resolved

    def _resolve_base(self, name: str) -> Any:
        if name in _NAMED:
            return _NAMED[name]
        if name.startswith(TYPED_SLICE_PREFIX):
            return _typed_slices.setdefault(name, typed_slice(name[len(TYPED_SLICE_PREFIX) :]))
        if name in _C_NAMES:
            return getattr(ctypes, name)
        if name.startswith("struct:"):
            return self.struct(name[len("struct:") :])
        raise TypeError(f"unknown type {name!r} in the API description")

    def struct(self, tag: str) -> type[ctypes.Structure]:
        built = self.structs.get(tag)
        if built is None:
            fields = [(field, self.resolve(type_name)) for field, type_name in self._declared[tag]]
            built = type(tag, (ctypes.Structure,), {"_fields_": fields})
            self.structs[tag] = built
        return built
