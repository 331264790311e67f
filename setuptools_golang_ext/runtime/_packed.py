"""Results that cross as packed text rather than JSON (see ``packed_kind``):
``[]string`` as its strings joined by NUL, ``map[string]N`` as its values in an
array and its keys joined by NUL. One decode and one split make every item.
The glue sends JSON instead when a string holds NUL or invalid UTF-8, so the
reader falls back to JSON on anything else, with the same results as before.
"""

from __future__ import annotations

import sys

from ._buffers import array_code
from ._json_values import result_reader
from .contract import PACKED_STRINGS, SCALARS, map_types

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
