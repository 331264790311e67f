"""Pointers into Python buffers for the duration of one call.

Writable buffers (``bytearray``, writable ``memoryview``, ``array``, numpy)
are passed in place, without copying: Go sees and changes the caller's data.
They are wrapped with ``from_buffer``, which also locks them against resizing
while the call runs. Read-only buffers (``bytes``, read-only memoryviews) are
copied first: a Go slice is writable, and an immutable Python object must
never change (``b"abcd"`` may be shared by every use of that literal). The
returned keep-alive object must live until the call returns; Go must not keep
the pointer afterwards.
"""

from __future__ import annotations

import ctypes
import struct
import sys

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any


_NATIVE_ORDER = "<" if sys.byteorder == "little" else ">"
# The top bit of a slice argument's byte length (the glue's goextGoCopy): memory
# copied for the call anyway, which the glue copies into Go memory instead (Go may
# keep that); without it, a writable buffer Go uses in place during the call only.
GO_COPY = 1 << (8 * ctypes.sizeof(ctypes.c_size_t) - 1)
_KINDS = {"signed": "bhilqn", "unsigned": "BHILQN", "float": "fd"}


def buffer_pointer(value: object) -> tuple[Any, int, object, int]:
    """(pointer usable as a ``c_void_p`` argument, byte length, keep-alive, item size)."""
    if isinstance(value, str):
        raise TypeError("expected a bytes-like object, got str (encode it first)")
    try:
        view = memoryview(value)  # type: ignore[arg-type]
    except TypeError:
        raise TypeError(f"expected a bytes-like object, got {type(value).__name__}") from None
    if not view.c_contiguous:
        raise TypeError("expected a C-contiguous buffer (copy it with bytes() first)")
    nbytes, itemsize = view.nbytes, view.itemsize
    if nbytes == 0:
        return None, 0, None, itemsize
    # Read-only memory gets a private writable copy (never a bytes object: short
    # ones are shared singletons).
    writable = bytearray(view) if view.readonly else view.cast("B")
    # One c_char over the first byte holds the buffer export (so the buffer cannot
    # be resized during the call). A `c_char * n` array would do the same, but
    # ctypes caches every array type it creates: one per buffer length, forever.
    first = ctypes.c_char.from_buffer(writable)
    return ctypes.addressof(first), nbytes, first, itemsize


def format_matches(format_code: str, go_element: str, size: int) -> bool:
    """Does a buffer's struct format hold items of the Go element type?"""
    code = format_code.lstrip("@=" + _NATIVE_ORDER)
    if len(code) != 1:
        return False
    kind = "float" if go_element.startswith("float") else (
        "unsigned" if go_element.startswith("uint") else "signed"
    )
    return code in _KINDS[kind] and struct.calcsize(code) == size


def numeric_pointer(value: object, go_element: str, element: Any) -> tuple[Any, int, object]:
    """A Go ``[]T`` argument: a matching buffer is passed in place, a sequence is copied."""
    size = ctypes.sizeof(element)
    try:
        view = memoryview(value)  # type: ignore[arg-type]
    except TypeError:
        view = None
    if view is not None:
        if not format_matches(view.format, go_element, size):
            raise TypeError(
                f"buffer of format {view.format!r} does not hold Go {go_element} values"
            )
        pointer, nbytes, keep, _ = buffer_pointer(view)
        return pointer, nbytes, keep
    if isinstance(value, str) or not hasattr(value, "__len__"):
        raise TypeError(f"expected a sequence of numbers, got {type(value).__name__}")
    import array  # here, not at import: array imports collections, a cost to every load

    # Copied once into an array: checks every item (TypeError, OverflowError).
    items = array.array(array_code(go_element, element), value)  # type: ignore[call-overload]
    pointer, nbytes, keep, _ = buffer_pointer(items)
    return pointer, nbytes, keep


def in_place_formats(go_element: str, element: Any) -> frozenset[str]:
    """The buffer formats ``numeric_pointer`` passes in place for ``go_element``."""
    size = ctypes.sizeof(element)
    return frozenset(prefix + code for prefix in ("", "@", "=", _NATIVE_ORDER)
                     for kind in _KINDS.values() for code in kind
                     if format_matches(prefix + code, go_element, size))


_array_codes: dict[tuple[str, Any], str] = {}  # (not functools.cache: functools costs a load)


def array_code(go_element: str, element: Any) -> str:
    """The ``array`` type code for items of Go type ``go_element``."""
    code = _array_codes.get((go_element, element))
    if code is None:
        code = _array_codes[go_element, element] = _find_array_code(go_element, element)
    return code


def _find_array_code(go_element: str, element: Any) -> str:
    import array

    for code in "bBhHiIlLqQfd":
        if array.array(code).itemsize == ctypes.sizeof(element) and format_matches(
            code, go_element, ctypes.sizeof(element)
        ):
            return code
    raise TypeError(f"no array type code for Go {go_element}")


def go_copied_slice(value: object, go_element: str, element: Any) -> tuple[Any, int, object]:
    """``numeric_pointer`` for the glue: items copied for the call (a read-only
    buffer, a sequence) carry ``GO_COPY``, so Go gets them in its own memory."""
    pointer, nbytes, keep = numeric_pointer(value, go_element, element)
    try:
        in_place = not memoryview(value).readonly  # type: ignore[arg-type]
    except TypeError:
        in_place = False
    return pointer, nbytes if in_place or not nbytes else nbytes | GO_COPY, keep
