"""Go slices that cross as one buffer (a pointer and a byte length, like ``[]float64``)
but are another Python type on this side: each kind is registered here under its
tag, with its conversion both ways. The build side's type table names these
converters (``bindings/type_table.py``); ``_layer2`` asks ``BUFFER_KINDS``.

Standard library only, and nothing imported until a conversion runs: the build
side and every cpython-mode module import this module through ``contract``.
"""

from __future__ import annotations

import sys

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

    ToGo = Callable[[object], tuple[Any, int, object]]  # (pointer, byte length, keep-alive)


class BufferKind:
    """``to_go(label)`` makes the converter of one parameter; ``from_go`` makes the
    Python value of a result from the bytes Go copied out."""

    __slots__ = ("from_go", "tag", "to_go")

    def __init__(self, tag: str, to_go: Callable[[str], ToGo],
                 from_go: Callable[[bytes], object]) -> None:
        self.tag = tag
        self.to_go = to_go
        self.from_go = from_go


_FLOAT32_MAX = 3.4028234663852886e38


def _complex_slice(tag: str, code: str) -> BufferKind:
    """``[]complex64``/``[]complex128``: a sequence of numbers in, a list of complex
    out; Go sees real and imaginary parts interleaved (its memory layout), copied."""
    element = tag[len("[]"):]

    def to_go(label: str) -> ToGo:
        def convert(value: object) -> tuple[Any, int, object]:
            import array  # here: array imports collections, a cost to every load

            from ._buffers import GO_COPY, buffer_pointer

            if isinstance(value, (str, bytes, bytearray)) or not hasattr(value, "__iter__"):
                raise TypeError(f"{label} must be a sequence of complex numbers (Go {tag}), "
                                f"not {type(value).__name__}")
            parts: array.array[float] = array.array(code)
            for item in value:
                number = _complex_item(item, label, element)
                parts.append(number.real)
                parts.append(number.imag)
            pointer, nbytes, keep, _ = buffer_pointer(parts)
            return pointer, nbytes | GO_COPY if nbytes else 0, keep  # Go's copy: Go may keep it

        return convert

    def from_go(data: bytes) -> list[complex]:
        import array

        parts: array.array[float] = array.array(code)
        parts.frombytes(data)
        return list(map(complex, parts[::2], parts[1::2]))

    return BufferKind(tag, to_go, from_go)


def _complex_item(item: object, label: str, element: str) -> complex:
    if isinstance(item, (str, bytes, bytearray)):  # complex() would parse them
        raise TypeError(f"{label}: items must be complex numbers (Go {element}), not "
                        f"{type(item).__name__}")
    try:
        number: complex = complex(item)  # type: ignore[call-overload]
    except TypeError:
        raise TypeError(f"{label}: items must be complex numbers (Go {element}), not "
                        f"{type(item).__name__}") from None
    if element == "complex64":  # float32 parts: a larger finite part would become inf
        for part in (number.real, number.imag):
            if _FLOAT32_MAX < abs(part) < float("inf"):
                raise OverflowError(f"{label}: {item!r} is out of range for Go {element}")
    return number


def _byte_slices() -> BufferKind:
    """``[][]byte``: a sequence of bytes-like objects in, a list of ``bytes`` out. Go
    sees the count and each item's length (native uint64s), then the items' bytes."""
    tag = "[][]byte"

    def to_go(label: str) -> ToGo:
        def convert(value: object) -> tuple[Any, int, object]:
            import array  # here: array imports collections, a cost to every load

            from ._buffers import buffer_pointer

            if isinstance(value, (str, bytes, bytearray, memoryview)) \
                    or not hasattr(value, "__iter__"):
                raise TypeError(f"{label} must be a sequence of bytes (Go {tag}), not "
                                f"{type(value).__name__}")
            items = [_bytes_item(item, f"{label}[{index}]") for index, item in enumerate(value)]
            heads = array.array("Q", [len(items), *map(len, items)])
            pointer, nbytes, keep, _ = buffer_pointer(heads.tobytes() + b"".join(items))
            return pointer, nbytes, keep

        return convert

    def from_go(data: bytes) -> list[bytes]:
        import array

        count = int.from_bytes(data[:8], sys.byteorder)
        heads = array.array("Q", data[8:8 + 8 * count])
        items, start = [], 8 + 8 * count
        for size in heads:
            items.append(data[start:start + size])
            start += size
        return items

    return BufferKind(tag, to_go, from_go)


def _bytes_item(item: object, where: str) -> bytes:
    if not isinstance(item, (bytes, bytearray, memoryview)):
        raise TypeError(f"{where} must be bytes (Go []byte), not {type(item).__name__}")
    return bytes(item)


_KINDS: tuple[BufferKind, ...] = (
    _complex_slice("[]complex64", "f"),
    _complex_slice("[]complex128", "d"),
    _byte_slices(),
)
BUFFER_KINDS = {kind.tag: kind for kind in _KINDS}
