"""Go slices that cross as one buffer (a pointer and a byte length, like ``[]float64``)
but are another Python type on this side: each kind is registered here under its
tag, with its conversion both ways. The build side's type table names these
converters (``bindings/type_table.py``); ``_layer2`` asks ``BUFFER_KINDS``.

Standard library only, and nothing imported until a conversion runs: the build
side and every cpython-mode module import this module through ``contract``.
"""

from __future__ import annotations

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


_KINDS: tuple[BufferKind, ...] = ()
BUFFER_KINDS = {kind.tag: kind for kind in _KINDS}
