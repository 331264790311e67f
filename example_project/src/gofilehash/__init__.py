"""Hash many files at once with Go's goroutines; a Pythonic face on a Go core.

The Go package (``go/hash.go``) is plain Go: its ``//python:export`` functions
are called through ``load()`` with Python values, Go errors arrive as
``GoError``, panics as ``GoPanic``. Its ``Hasher`` struct is the Python class
``Hasher``: fields are attributes, ``HashFiles`` a method that takes a Python
callable for progress and returns a dict.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable
from typing import Union

from setuptools_golang_ext.runtime import GoError, GoPanic, load

__all__ = ["ALGORITHMS", "GoPanic", "Hasher", "hash_files", "sha256", "sha256_files"]

_go = load("._native", __package__)

#: The Go struct as a class: ``Hasher(Workers=4, Algorithm="sha512")``.
Hasher = _go.Hasher
#: The names ``Hasher.Algorithm`` and ``hash_files(algorithm=)`` accept.
ALGORITHMS: tuple[str, ...] = tuple(_go.Algorithms())

PathLike = Union[str, "os.PathLike[str]"]


def sha256(data: bytes | bytearray | memoryview, digits: int = 64) -> str:
    """SHA-256 of ``data`` (read in place, not copied) as ``digits`` hex digits.

    ``digits`` outside 0..64 makes the Go code panic: ``GoPanic`` is raised and
    the interpreter carries on.
    """
    digest: str = _go.Sha256Hex(data, digits)
    return digest


Progress = Callable[[str, int, int], object]


def hash_files(paths: Iterable[PathLike], algorithm: str = _go.DefaultAlgorithm,
               workers: int = 0, progress: Progress | None = None) -> dict[str, str]:
    """Hash every file concurrently with ``algorithm`` (see ``ALGORITHMS``).

    ``progress(path, done, total)`` is called after each file, one call at a
    time, from Go's worker goroutines. Returns ``{path: hex digest}`` in the
    order given. Raises ``OSError`` naming the first file that could not be
    read, ``ValueError`` for an unknown algorithm; an exception raised by
    ``progress`` stops nothing in Go but is raised here once the call ends.
    """
    if algorithm not in ALGORITHMS:
        raise ValueError(f"unknown algorithm {algorithm!r}; known: {', '.join(ALGORITHMS)}")
    names = [os.fspath(path) for path in paths]
    hasher = Hasher(Workers=workers, Algorithm=algorithm)
    try:
        digests: dict[str, str] = hasher.HashFiles(names, progress or _quiet)
    except GoError as exc:
        raise OSError(str(exc)) from None
    return {name: digests[name] for name in names}


def _quiet(path: str, done: int, total: int) -> None:
    pass


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
