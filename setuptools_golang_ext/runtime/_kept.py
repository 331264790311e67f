"""Python callables Go keeps: ``//python:export keep=handler``.

Go may call such a callable after the call that passed it returned, from any
goroutine. Its C function pointer stays here, alive, until Go drops the func
value: a Go goroutine then calls ``RELEASE`` with the addresses of the
pointers its finalizers found dropped. An
exception has no outer call to be re-raised by, so it goes to
``sys.unraisablehook`` and Go sees an error. At exit each library is told that
Python is going, so that no goroutine enters a finalizing interpreter.
"""

from __future__ import annotations

import ctypes

from ._callback_type import CALLBACK
from ._errors import GoForkError

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any, Callable

# The C function pointers Go holds, by address.
_alive: dict[int, Any] = {}
_exiting = False


def _release(addresses: int, size: int, reply: int) -> int:
    """Go dropped the callables at these addresses (an array of uintptr): forget them."""
    count = size // ctypes.sizeof(ctypes.c_size_t)
    if not count:
        return 0
    for address in (ctypes.c_size_t * count).from_address(addresses):
        _alive.pop(address, None)
    return 0


RELEASE = CALLBACK(_release)
RELEASE_ADDRESS = ctypes.cast(RELEASE, ctypes.c_void_p).value


def keep(thunk: Callable[[int, int, int], int]) -> Any:
    """``thunk`` as a C function pointer that lives until Go releases it."""
    pointer = CALLBACK(thunk)
    _alive[ctypes.cast(pointer, ctypes.c_void_p).value or 0] = pointer
    return pointer


def exiting() -> bool:
    """Has Python begun to exit (a kept callable is then dead)?"""
    return _exiting


def live_count() -> int:
    """How many kept callables Go has not released yet."""
    return len(_alive)


_RAISER = ctypes.CFUNCTYPE(None)


class _Unraisable:
    """Raises ``error`` when called through ctypes, which hands it to
    ``sys.unraisablehook`` naming this object: the only way from Python code."""

    __slots__ = ("error", "label")

    def __init__(self, error: BaseException, label: str) -> None:
        self.error, self.label = error, label

    def __call__(self) -> None:
        raise self.error

    def __repr__(self) -> str:
        return self.label


def report(error: BaseException, where: str) -> None:
    """``error`` from the kept callable of ``where`` through ``sys.unraisablehook``."""
    _RAISER(_Unraisable(error, f"{where}, a Python callable Go kept"))()


def watch_exit(python_exit: Callable[[], None]) -> None:
    """At exit, tell a library that Python is going (it waits for the calls
    already in Python); its kept callables fail in Go from then on."""
    import atexit

    atexit.register(_exit, python_exit)


def _exit(python_exit: Callable[[], None]) -> None:
    from contextlib import suppress

    global _exiting
    _exiting = True
    with suppress(GoForkError):  # a forked child: its Go runtime runs no goroutines
        python_exit()
