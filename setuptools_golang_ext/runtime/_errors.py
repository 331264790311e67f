"""Errors raised at run time (no setuptools here).

Every one derives from ``GoExtensionRuntimeError``, so ``except
GoExtensionRuntimeError`` catches anything the bindings raise on their own
account; each also derives from the builtin a caller would expect
(``ImportError``, ``RuntimeError``).
"""

import os


class GoExtensionRuntimeError(Exception):
    """Base class of every exception raised by ``setuptools_golang_ext.runtime``."""


class GoLibraryNotFoundError(GoExtensionRuntimeError, ImportError):
    """The compiled Go library for a module name is missing or unloadable."""


class GoForkError(GoExtensionRuntimeError, RuntimeError):
    """A Go library loaded before ``os.fork()`` was called in the child process."""


TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from typing import Any


def fork_error_text(action: str, module_name: str, loaded_in_pid: int) -> str:
    """Why ``action`` (``call F()``) fails in a forked child, and what to do instead."""
    return (f"cannot {action} of Go library {module_name!r} in process {os.getpid()}: it "
            f"was loaded in process {loaded_in_pid} before a fork(), and the Go runtime "
            f"does not survive fork(). Start worker processes with 'spawn' or 'forkserver' "
            f"instead: multiprocessing.set_start_method('spawn') or "
            f"multiprocessing.get_context('forkserver'); or load the library only in the "
            f"child.")


class GoError(GoExtensionRuntimeError):
    """A ``//python:export`` Go function returned a non-nil ``error``; the message is Go's.

    A sentinel error of the library (``var ErrNotFound = errors.New(...)`` marked
    ``//python:export``) raises its own subclass, ``lib.ErrNotFound``. ``go_error``
    is the error's value when it is (or wraps) a struct of an exported class, else
    None; it does not survive pickling (it is a live Go value).
    """

    go_error: "Any" = None
    # The Go error itself (a GoValue of its library), given back to Go by an
    # ``error`` parameter of that library; None when no function takes one.
    _go_value: "Any" = None
    # On a sentinel class: the module of its library (unpickling loads it).
    _go_module: "str | None" = None

    def __reduce__(self) -> "Any":
        if self._go_module is None:
            return type(self), self.args
        return _sentinel_error, (self._go_module, type(self).__name__, self.args)


def _sentinel_error(module: str, name: str, args: "tuple[Any, ...]") -> GoError:
    """An unpickled sentinel error: its class from the library, loaded here too."""
    # Lazy: load() raises these errors, so it stands above them; only unpickling needs it.
    from . import load

    cls: type[GoError] = getattr(load(module), name)
    return cls(*args)


class GoPanic(GoExtensionRuntimeError, RuntimeError):
    """A Go function panicked. ``value`` is the panic value as text, ``go_stack`` Go's stack.

    The panic was recovered inside the library, so the process keeps running.
    """

    def __init__(self, value: str, go_stack: str) -> None:
        super().__init__(value, go_stack)  # both in args: pickling rebuilds it from them
        self.value = value
        self.go_stack = go_stack

    def __str__(self) -> str:
        return f"{self.value}\n\nGo stack:\n{self.go_stack}"
