"""Keep Ctrl-C with Python when a Go library takes SIGINT while loading.

A Go package that calls ``signal.Notify(c, os.Interrupt)`` in ``init``
installs Go's C-level SIGINT handler over Python's, and from then on Ctrl-C
never reaches Python (``signal.getsignal`` still reports Python's handler, as
Python only knows what it set itself). ``keep_sigint`` compares the C-level
handler around loading and puts Python's back, with a warning. POSIX only.
"""

from __future__ import annotations

import ctypes
import os
from _signal import SIGINT  # type: ignore[import-not-found]  # signal.py: enums, slow

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
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
    if sigaction(SIGINT, None, action) != 0:
        raise OSError(ctypes.get_errno(), "sigaction(SIGINT) failed")
    return action


def _handler(action: ctypes.Array[ctypes.c_char]) -> int | None:
    return ctypes.c_void_p.from_buffer(action).value


class keep_sigint:  # lower case: used like a function, `with keep_sigint(name):`
    """Around loading ``module_name``'s library (including waiting for Go's init).

    A class rather than a contextlib generator: contextlib costs every load."""

    def __init__(self, module_name: str) -> None:
        self.module_name = module_name
        self.sigaction: Any = None
        self.before: ctypes.Array[ctypes.c_char] | None = None

    def __enter__(self) -> None:
        if os.name == "posix":
            self.sigaction = _sigaction()
            self.before = _current(self.sigaction)

    def __exit__(self, kind: object, error: object, traceback: object) -> None:
        if self.before is None or kind is not None:
            return
        if _handler(_current(self.sigaction)) == _handler(self.before):
            return
        self.sigaction(SIGINT, self.before, None)
        import warnings

        warnings.warn(_taken(self.module_name), RuntimeWarning,
                      stacklevel=6)  # the caller of load()


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
    import signal  # only then: signal.py builds enums
    import warnings

    handler = signal.getsignal(signal.SIGINT)
    if handler is None:  # not installed from Python: nothing of Python's to restore
        return
    try:
        signal.signal(signal.SIGINT, handler)
    except ValueError:  # imported outside the main thread, where signal() is refused
        if not _restore_in_main_thread(handler):
            warnings.warn(
                f"Go library {module_name!r} took SIGINT while loading, and Python's "
                f"handler can only be put back in the main thread: import {module_name!r} "
                f"there first, or Ctrl-C will not reach Python.",
                RuntimeWarning, stacklevel=_importer_level())
            return
    warnings.warn(_taken(module_name), RuntimeWarning, stacklevel=_importer_level())


# Callbacks handed to Py_AddPendingCall, kept alive until the main thread ran them.
_pending: list[Any] = []


def _restore_in_main_thread(handler: Any) -> bool:
    """Have the main thread install ``handler`` again as soon as it runs Python code
    (a pending call: CPython runs those in the main thread). False if refused."""
    import signal

    def restore(_: object) -> int:
        try:
            signal.signal(signal.SIGINT, handler)
        except (ValueError, OSError):
            return 0  # never raise: whatever the main thread runs would see it
        return 0

    prototype = ctypes.CFUNCTYPE(ctypes.c_int, ctypes.c_void_p)
    callback = prototype(restore)
    add = ctypes.pythonapi.Py_AddPendingCall
    add.argtypes, add.restype = [prototype, ctypes.c_void_p], ctypes.c_int
    if add(callback, None) != 0:
        return False
    _pending.append(callback)
    return True


def _importer_level() -> int:
    """The ``stacklevel`` (for a warning given in the caller of this function) of the
    code that imported the module: past the import system and this package."""
    import sys

    inside = (os.path.dirname(__file__), os.path.dirname(os.__file__) + os.sep + "importlib",
              "<frozen importlib")
    frame, level = sys._getframe(2), 1
    while True:
        name = frame.f_code.co_filename
        # warnings itself skips importlib's bootstrap frames: they do not count.
        level += 0 if "importlib" in name and "_bootstrap" in name else 1
        if not name.startswith(inside) or frame.f_back is None:
            return level
        frame = frame.f_back
