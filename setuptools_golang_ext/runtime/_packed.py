"""Results that cross as packed text rather than JSON (see ``packed_kind``):
``[]string`` as its strings joined by NUL, ``map[string]N`` as its values in an
array and its keys joined by NUL, other plain maps as columns (goextPlainMap).
One decode and one split make every string, one cast every number.
The glue sends JSON instead when a string holds NUL or invalid UTF-8, so the
reader falls back to JSON on anything else, with the same results as before.
"""

from __future__ import annotations

import sys

from ._buffers import array_code
from ._json_values import result_reader
from .contract import PACKED_PLAIN_MAP, PACKED_STRINGS, SCALARS, map_types, plain_kind

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable


def packed_reader(kind: str, go_type: str) -> Callable[[bytes], Any]:
    """The reader of a result of ``go_type`` that crosses as packed ``kind``."""
    fallback = result_reader(go_type)
    if kind == PACKED_STRINGS:
        def strings(data: bytes) -> Any:
            marker = data[:1]
            if marker == b"S":
                return data[1:].decode().split("\0")
            return [] if marker == b"E" else fallback(data)

        return strings
    if kind == PACKED_PLAIN_MAP:
        return _plain_map_reader(go_type, fallback)
    value = map_types(go_type)[1]  # type: ignore[index]
    ctype, order = SCALARS[value], sys.byteorder

    def integer_map(data: bytes) -> Any:
        if data[:1] != b"M":
            return fallback(data)
        from array import array  # at the call: array imports collections, a cost to loads

        count = int.from_bytes(data[8:16], order)
        if not count:
            return {}
        values = array(array_code(value, ctype))
        end = 16 + count * values.itemsize
        values.frombytes(data[16:end])
        return dict(zip(data[end:].decode().split("\0"), values))

    return integer_map


# How a plain map's column of numbers reads (memoryview.cast formats, native order).
_NUMBER_FORMATS = {"s": "q", "u": "Q", "f": "d", "b": "Q"}


def _plain_map_reader(go_type: str, fallback: Callable[[bytes], Any]) -> Callable[[bytes], Any]:
    key_type, value_type = map_types(go_type)  # type: ignore[misc]
    key_kind, value_kind = plain_kind(key_type), plain_kind(value_type)
    order = sys.byteorder

    def column(data: bytes, start: int, end: int, kind: str) -> list[Any]:
        if kind == "t":
            return data[start:end].decode().split("\0")
        view: Any = memoryview(data)[start:end]  # (typeshed's cast takes literal formats)
        items = view.cast(_NUMBER_FORMATS[kind]).tolist()
        return [item != 0 for item in items] if kind == "b" else items

    def plain_map(data: bytes) -> Any:
        if data[:1] != b"P":
            return fallback(data)
        count = int.from_bytes(data[8:16], order)
        if not count:
            return {}
        at = 24
        keys_at = values_at = at
        if key_kind != "t":
            values_at = at = at + 8 * count
        if value_kind != "t":
            at += 8 * count
        key_text_end = at + int.from_bytes(data[16:24], order)
        keys = column(data, *((at, key_text_end) if key_kind == "t" else (keys_at, values_at)),
                      key_kind)
        values = column(data, *((key_text_end, len(data)) if value_kind == "t"
                                else (values_at, values_at + 8 * count)), value_kind)
        return dict(zip(keys, values))

    return plain_map
