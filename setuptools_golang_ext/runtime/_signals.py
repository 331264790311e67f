"""Keep Ctrl-C with Python when a Go library takes SIGINT while loading.

A Go package that calls ``signal.Notify(c, os.Interrupt)`` in ``init``
installs Go's C-level SIGINT handler over Python's, and from then on Ctrl-C
never reaches Python (``signal.getsignal`` still reports Python's handler, as
Python only knows what it set itself). ``keep_sigint`` compares the C-level
handler around loading and puts Python's back, with a warning. POSIX only.
"""

from __future__ import annotations

import contextlib
import ctypes
import os
import signal
import warnings
from collections.abc import Iterator
from typing import Any

# Larger than struct sigaction on every POSIX libc; its first member is the
# handler on Linux (glibc, musl), macOS and the BSDs. Only saved and restored whole.
_SIGACTION_SIZE = 512


def _sigaction() -> Any:
    function = ctypes.CDLL(None, use_errno=True).sigaction
    function.argtypes = [ctypes.c_int, ctypes.c_void_p, ctypes.c_void_p]
    function.restype = ctypes.c_int
    return function


def _current(sigaction: Any) -> ctypes.Array[ctypes.c_char]:
    action = ctypes.create_string_buffer(_SIGACTION_SIZE)
    if sigaction(signal.SIGINT, None, action) != 0:
        raise OSError(ctypes.get_errno(), "sigaction(SIGINT) failed")
    return action


def _handler(action: ctypes.Array[ctypes.c_char]) -> int | None:
    return ctypes.c_void_p.from_buffer(action).value


@contextlib.contextmanager
def keep_sigint(module_name: str) -> Iterator[None]:
    """Around loading ``module_name``'s library (including waiting for Go's init)."""
    if os.name != "posix":
        yield
        return
    sigaction = _sigaction()
    before = _current(sigaction)
    yield
    if _handler(_current(sigaction)) == _handler(before):
        return
    sigaction(signal.SIGINT, before, None)
    warnings.warn(_taken(module_name), RuntimeWarning, stacklevel=6)  # the caller of load()


def _taken(module_name: str) -> str:
    return (
        f"Go library {module_name!r} installed its own SIGINT handler while loading "
        f"(signal.Notify for os.Interrupt or syscall.SIGINT in an init function), which "
        f"would take Ctrl-C away from Python. Python's handler was put back: Go's "
        f"signal.Notify for SIGINT will not see Ctrl-C."
    )


def give_sigint_back(module_name: str) -> None:
    """Called by a ``bindings = "cpython"`` module whose Go library took SIGINT while
    it was imported: installing Python's own handler again puts its C handler back."""
    handler = signal.getsignal(signal.SIGINT)
    if handler is None:  # not installed from Python: nothing of Python's to restore
        return
    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # imported outside the main thread, where signal() is refused
        warnings.warn(
            f"Go library {module_name!r} took SIGINT while loading, and Python's handler "
            f"can only be put back in the main thread: import {module_name!r} there first, "
            f"or Ctrl-C will not reach Python.",
            RuntimeWarning, stacklevel=2)
        return
    warnings.warn(_taken(module_name), RuntimeWarning, stacklevel=2)
