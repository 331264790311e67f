"""What ``go build`` needs to link a Go program that embeds the running Python.

An extension module leaves Python's symbols to the interpreter loading it; a
program is the one loading the interpreter, so it links libpython itself:
``-lpythonX.Y`` from the library directory (with an rpath there, so the program
finds it), or the static ``libpythonX.Y.a`` with the libraries it needs, or on
Windows the import library of ``pythonXY.dll`` from ``<base prefix>\\libs``.
Linking fails in confusing ways when Go builds for another architecture than
the Python's, so that is checked first.
"""

from __future__ import annotations

import platform
import struct
import sys
import sysconfig
from dataclasses import dataclass
from pathlib import Path

from ..errors import GoPackageError
from .python_capi import missing_headers_hint, running_python
from .target import host_goarch, host_goos

# 64-bit machines also run 32-bit Pythons: the pointer size tells which.
_THIRTY_TWO_BIT = {"amd64": "386", "arm64": "arm"}


@dataclass(frozen=True)
class EmbedFlags:
    cflags: tuple[str, ...]
    ldflags: tuple[str, ...]
    notes: tuple[str, ...] = ()  # what the program needs at run time


def python_goarchs() -> tuple[str, ...]:
    """The GOARCH values a program linking this Python may be built for."""
    if sys.platform == "darwin" and sysconfig.get_platform().endswith("universal2"):
        return ("arm64", "amd64")
    goarch = host_goarch()
    if struct.calcsize("P") == 4:
        goarch = _THIRTY_TWO_BIT.get(goarch, goarch)
    return (goarch,)


def check_architecture(goos: str, goarch: str) -> None:
    """A clear error when Go would build for another OS or architecture than this Python's."""
    python = f"{sys.executable} (Python {platform.python_version()}, {platform.machine()})"
    if goos != host_goos():
        raise GoPackageError(
            f"Go builds for GOOS={goos}, but {python} runs on {host_goos()}: a program "
            f"embedding Python links the Python it runs with. Build on {goos} with a "
            f"Python there, or unset GOOS.")
    accepted = python_goarchs()
    if goarch not in accepted:
        wanted = " or ".join(accepted)
        raise GoPackageError(
            f"Go builds for GOARCH={goarch}, but {python} is built for {wanted}: the "
            f"linker cannot join the two. Build for GOARCH={accepted[0]} (GOARCH="
            f"{accepted[0]} go build ...), or run this command with a Python built for "
            f"{goarch}.")


def embed_flags() -> EmbedFlags:
    """CGO_CFLAGS and CGO_LDFLAGS for a program that embeds the running Python."""
    python = running_python()
    if not (python.include_dir / "Python.h").is_file():
        raise GoPackageError(
            f"{python.executable} has no C headers ({python.include_dir / 'Python.h'} does "
            f"not exist), and embedding it needs them. " + missing_headers_hint(python.version))
    cflags = ("-I" + str(python.include_dir),)
    major, minor = python.version
    if sys.platform == "win32":
        libs = Path(sys.base_prefix) / "libs"
        return EmbedFlags(cflags, ("-L" + str(libs), f"-lpython{major}{minor}"),
                          (f"put {sys.base_prefix} on PATH when running the program "
                           f"(it loads python{major}{minor}.dll from there)",))
    ldversion = sysconfig.get_config_var("LDVERSION") or f"{major}.{minor}"
    extra = tuple(" ".join(str(sysconfig.get_config_var(name) or "") for name in (
        "LIBS", "SYSLIBS")).split())
    if sysconfig.get_config_var("Py_ENABLE_SHARED"):
        libdir = str(sysconfig.get_config_var("LIBDIR"))
        return EmbedFlags(cflags, tuple(dict.fromkeys(
            ("-L" + libdir, f"-lpython{ldversion}", "-Wl,-rpath," + libdir, *extra))))
    # A static libpython (python.org's Linux builds, uv's): link the archive, and
    # export its symbols so that extension modules the program imports find them.
    libpl = str(sysconfig.get_config_var("LIBPL"))
    export = ("-Wl,-export_dynamic",) if sys.platform == "darwin" else ("-Wl,--export-dynamic",)
    return EmbedFlags(cflags, tuple(dict.fromkeys(
        ("-L" + libpl, f"-lpython{ldversion}", *export, *extra))))
