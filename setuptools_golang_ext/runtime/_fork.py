"""Go does not survive ``fork()``: make calls in a forked child fail loudly, not hang.

After fork the child has only the forking thread; the Go runtime's threads are
gone, so the first call into Go would wait forever. The hook below swaps each
loaded library's functions for ones that raise ``GoForkError``.
"""

from __future__ import annotations

import os
import threading
import weakref
from typing import Any, Protocol


class _ForkAware(Protocol):
    def _disable_after_fork(self) -> None: ...


_libraries: weakref.WeakSet[Any] = weakref.WeakSet()
_lock = threading.Lock()
_hook_registered = False


def track(library: _ForkAware) -> None:
    global _hook_registered
    with _lock:
        _libraries.add(library)
        if not _hook_registered and hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=_after_fork_in_child)
            _hook_registered = True


def _after_fork_in_child() -> None:
    for library in list(_libraries):
        library._disable_after_fork()
