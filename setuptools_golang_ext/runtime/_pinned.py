"""Results of ``//python:export nocopy=result``: views of Go's own memory.

The glue pins the slice (runtime.Pinner) and returns its address, its size and
a handle; Python wraps the memory in a ctypes array and returns a memoryview of
it in the item format (``"d"`` for ``[]float64``, ``"B"`` for ``[]byte``). The
array unpins the Go memory when it is collected: when the last view of it (and
every numpy array made from one) is gone.
"""

from __future__ import annotations

import ctypes
import weakref
from collections.abc import Callable
from typing import Any


def pinned_view(unpin: Callable[[int], None], address: int, size: int, handle: int,
                code: str) -> memoryview:
    """A writable view of ``size`` bytes of Go memory at ``address``, released with
    ``unpin(handle)`` once Python no longer holds it."""
    if not size:
        return memoryview(bytearray()).cast(code)  # type: ignore[call-overload,no-any-return]
    memory: Any = (ctypes.c_ubyte * size).from_address(address)
    weakref.finalize(memory, unpin, handle)
    return memoryview(memory).cast("B").cast(code)  # type: ignore[call-overload,no-any-return]
