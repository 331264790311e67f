"""Errors raised at run time (no setuptools here).

Every one derives from ``GoExtensionRuntimeError``, so ``except
GoExtensionRuntimeError`` catches anything the bindings raise on their own
account; each also derives from the builtin a caller would expect
(``ImportError``, ``RuntimeError``).
"""

from __future__ import annotations


class GoExtensionRuntimeError(Exception):
    """Base class of every exception raised by ``setuptools_golang_ext.runtime``."""


class GoLibraryNotFoundError(GoExtensionRuntimeError, ImportError):
    """The compiled Go library for a module name is missing or unloadable."""


class GoForkError(GoExtensionRuntimeError, RuntimeError):
    """A Go library loaded before ``os.fork()`` was called in the child process."""


class GoError(GoExtensionRuntimeError):
    """A ``//python:export`` Go function returned a non-nil ``error``; the message is Go's."""


class GoPanic(GoExtensionRuntimeError, RuntimeError):
    """A Go function panicked. ``value`` is the panic value as text, ``go_stack`` Go's stack.

    The panic was recovered inside the library, so the process keeps running.
    """

    def __init__(self, value: str, go_stack: str) -> None:
        super().__init__(value)
        self.value = value
        self.go_stack = go_stack

    def __str__(self) -> str:
        return f"{self.value}\n\nGo stack:\n{self.go_stack}"
