"""Hash many files at once with Go's goroutines; a Pythonic face on a Go core.

The Go package (``go/hash.go``) is plain Go: its ``//python:export`` functions
are called through ``load()`` with Python values, and Go errors arrive as
``GoError``, panics as ``GoPanic``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from typing import Union

from setuptools_golang_ext.runtime import GoError, GoPanic, load

__all__ = ["GoPanic", "sha256", "sha256_files"]

_go = load("._native", __package__)

PathLike = Union[str, "os.PathLike[str]"]


def sha256(data: bytes | bytearray | memoryview, digits: int = 64) -> str:
    """SHA-256 of ``data`` (read in place, not copied) as ``digits`` hex digits.

    ``digits`` outside 0..64 makes the Go code panic: ``GoPanic`` is raised and
    the interpreter carries on.
    """
    digest: str = _go.Sha256Hex(data, digits)
    return digest


def sha256_files(paths: Iterable[PathLike], workers: int = 0) -> dict[str, str]:
    """Hash every file concurrently (``workers`` goroutines, 0 = one per CPU).

    Returns ``{path: hex digest}`` in the order given. Raises ``OSError`` naming
    the first file that could not be read.
    """
    names = [os.fspath(path) for path in paths]
    if any("\0" in name for name in names):
        raise ValueError("paths must not contain NUL characters")
    try:
        text: str = _go.HashFiles("\0".join(names), workers)
    except GoError as exc:
        raise OSError(str(exc)) from None
    return dict(zip(names, text.split("\n"))) if names else {}
