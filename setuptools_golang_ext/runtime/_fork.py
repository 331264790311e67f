"""Go does not survive ``fork()``: make calls in a forked child fail loudly, not hang.

After fork the child has only the forking thread; the Go runtime's threads are
gone, so the first call into Go would wait forever. References to functions
taken before the fork (``f = lib.F``, ``from pkg._native_api import F``, the
function inside a generated wrapper) cannot be found and replaced, so the
hook below changes the ctypes function objects themselves: each one is
pointed at a harmless C function (``getpid``) and given an ``errcheck`` that
raises ``GoForkError``. Every path into Go goes through one of these objects,
and the call path before the fork is untouched: no per-call cost.
"""

from __future__ import annotations

import ctypes
import os
from _thread import allocate_lock  # threading.Lock, without importing threading
from _weakref import ref  # weakref's module costs imports

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable, Protocol

    class _ForkAware(Protocol):
        def _disable_after_fork(self) -> None: ...


_libraries: dict[int, ref[Any]] = {}
_lock = allocate_lock()
_hook_registered = False


def track(library: _ForkAware) -> None:
    global _hook_registered
    key = id(library)
    with _lock:
        _libraries[key] = ref(library, lambda _: _libraries.pop(key, None))
        if not _hook_registered and hasattr(os, "register_at_fork"):
            os.register_at_fork(after_in_child=_after_fork_in_child)
            _hook_registered = True


def _after_fork_in_child() -> None:
    for reference in list(_libraries.values()):
        library = reference()
        if library is not None:
            library._disable_after_fork()


class FunctionRegistry:
    """Every ctypes function object made from one library, held weakly."""

    def __init__(self) -> None:
        self._functions: dict[int, ref[Any]] = {}

    def add(self, function: Any) -> Any:
        key = id(function)
        self._functions[key] = ref(function, lambda _: self._functions.pop(key, None))
        return function

    def disable(self, error: Callable[[str], Exception]) -> None:
        """Make every live function raise ``error(name)`` instead of entering Go."""
        harmless = _harmless_address()
        for reference in list(self._functions.values()):
            function = reference()
            if function is not None:
                _redirect(function, harmless, error)


def _harmless_address() -> int:
    # getpid takes no arguments, touches no memory and returns at once; with the
    # C calling convention the caller removes the arguments, so any call is safe.
    address = ctypes.cast(ctypes.CDLL(None).getpid, ctypes.c_void_p).value
    assert address is not None
    return address


def _redirect(function: Any, address: int, error: Callable[[str], Exception]) -> None:
    name = getattr(function, "python_name", function.__name__)  # as Python spells it

    def refuse(result: object, func: object, arguments: object) -> None:
        raise error(name)

    ctypes.c_void_p.from_address(ctypes.addressof(function)).value = address
    function.restype = None  # a pointer result (c_char_p) would be read
    function.errcheck = refuse
