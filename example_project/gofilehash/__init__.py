"""Hash many files at once with Go's goroutines; a Pythonic face on a Go core."""

from __future__ import annotations

import ctypes
import os
from collections.abc import Iterable
from typing import Union

from setuptools_golang_ext.runtime import load

__all__ = ["sha256", "sha256_files"]

_lib = load("._native", __package__)
_lib.HashFiles.argtypes = [
    ctypes.c_char_p, ctypes.c_int, ctypes.c_int, ctypes.POINTER(ctypes.c_int)
]
_lib.HashFiles.restype = ctypes.c_void_p  # a pointer we must free, not a copied str
_lib.Sha256.argtypes = [ctypes.c_char_p, ctypes.c_longlong, ctypes.c_char_p]
_lib.Sha256.restype = None
_lib.FreeCString.argtypes = [ctypes.c_void_p]
_lib.FreeCString.restype = None

PathLike = Union[str, "os.PathLike[str]"]


def sha256(data: bytes) -> str:
    """SHA-256 of ``data`` as a hex string, computed by Go."""
    out = ctypes.create_string_buffer(32)
    _lib.Sha256(bytes(data), len(data), out)
    return out.raw.hex()


def sha256_files(paths: Iterable[PathLike], workers: int = 0) -> dict[str, str]:
    """Hash every file concurrently (``workers`` goroutines, 0 = one per CPU).

    Returns ``{path: hex digest}`` in the order given. Raises ``OSError`` naming
    the first file that could not be read.
    """
    names = [os.fspath(path) for path in paths]
    if any("\0" in name for name in names):
        raise ValueError("paths must not contain NUL characters")
    joined = "\0".join(names).encode("utf-8", "surrogateescape")
    failed = ctypes.c_int(0)
    pointer = _lib.HashFiles(joined, len(joined), workers, ctypes.byref(failed))
    try:
        text = ctypes.string_at(pointer).decode("utf-8", "surrogateescape")
    finally:
        _lib.FreeCString(pointer)
    if failed.value:
        raise OSError(text)
    digests = text.split("\n") if names else []
    return dict(zip(names, digests))
