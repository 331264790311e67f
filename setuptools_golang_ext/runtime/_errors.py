"""Errors raised at run time (no setuptools here)."""

from __future__ import annotations


class GoLibraryNotFoundError(ImportError):
    """The compiled Go library for a module name is missing or unloadable."""


class GoForkError(RuntimeError):
    """A Go library loaded before ``os.fork()`` was called in the child process."""
