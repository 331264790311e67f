"""Picking the C compiler cgo uses for a target, or saying exactly what to install."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import GoToolchainError
from .target import Target, linux_multiarch
from .zig import zig_compiler_environment

_MINGW_TRIPLE = {"amd64": "x86_64-w64-mingw32", "arm64": "aarch64-w64-mingw32",
                 "386": "i686-w64-mingw32"}
_WINDOWS_HINT = {
    "amd64": "install MinGW-w64 gcc for x86_64 (Debian/Ubuntu: apt-get install "
    "gcc-mingw-w64-x86-64; Windows: choco install mingw, or MSYS2 pacman -S "
    "mingw-w64-x86_64-gcc) or llvm-mingw, and put it on PATH",
    "arm64": "install llvm-mingw for aarch64 (https://github.com/mstorsjo/llvm-mingw "
    "releases; it provides aarch64-w64-mingw32-clang) and put its bin directory on PATH",
    "386": "install MinGW-w64 gcc for i686 (Debian/Ubuntu: apt-get install "
    "gcc-mingw-w64-i686) and put it on PATH",
}


def first_on_path(names: Sequence[str], environ: Mapping[str, str]) -> str | None:
    """The first of ``names`` found on the PATH of ``environ``."""
    path = environ.get("PATH", os.defpath)
    for name in names:
        found = shutil.which(name, path=path)
        if found:
            return found
    return None


def _windows_compiler(target: Target, environ: Mapping[str, str], native: bool) -> str:
    triple = _MINGW_TRIPLE.get(target.goarch, "")
    names = [f"{triple}-gcc", f"{triple}-clang"]
    if target.goarch == "arm64":
        names.reverse()  # llvm-mingw is the usual ARM64 toolchain
    if native:
        names += ["clang", "gcc"] if target.goarch == "arm64" else ["gcc", "clang"]
    found = first_on_path(names, environ)
    if found is None:
        raise GoToolchainError(
            f"cgo needs a C compiler for {target.describe()} and none was found "
            f"(looked for {', '.join(names)} on PATH): "
            f"{_WINDOWS_HINT.get(target.goarch, 'install a MinGW-w64 compiler')}. "
            f"Or set CC to the compiler, or use zig (GoExtension(..., zig=True) with "
            f"ziglang in the build requirements)."
        )
    return found


def _linux_cross_compiler(target: Target, environ: Mapping[str, str]) -> str:
    triple = linux_multiarch(target.goarch)
    names = [f"{triple}-gcc", f"{triple}-clang"]
    found = first_on_path(names, environ)
    if found is None:
        package = "gcc-" + triple.replace("_", "-")
        raise GoToolchainError(
            f"cross-compiling for {target.describe()} needs a C compiler for {triple} "
            f"(looked for {', '.join(names)} on PATH): install it (Debian/Ubuntu: "
            f"apt-get install {package}), use zig (GoExtension(..., zig=True) with "
            f"ziglang in build requirements), or set CC."
        )
    return found


def compiler_environment(
    target: Target,
    environ: Mapping[str, str],
    *,
    zig: bool,
    scratch: Path,
    host: tuple[str, str],
) -> dict[str, str]:
    """Environment variables (CC, ...) for building one single-architecture target.

    A user's own CC always wins. An empty result means: Go's default compiler.
    ``host`` is this machine's (GOOS, GOARCH).
    """
    host_goos = host[0]
    if environ.get("CC"):
        return {}
    if zig:
        return zig_compiler_environment(target, environ, scratch)
    if target.goos == "windows":
        return {"CC": _windows_compiler(target, environ, native=host == ("windows", target.goarch))}
    if target.goos == "darwin":
        if host_goos == "darwin":
            return {}  # Apple clang builds every macOS architecture; Go passes -arch
        raise GoToolchainError(
            f"building for {target.describe()} on {host_goos} needs zig as the C "
            f"compiler: GoExtension(..., zig=True) (or SETUPTOOLS_GOLANG_EXT_ZIG=1) and "
            f"ziglang in the build requirements."
        )
    if target.cross:
        return {"CC": _linux_cross_compiler(target, environ)}
    return {}


def target_environment(target: Target) -> dict[str, str]:
    """GOOS/GOARCH (and the macOS minimum) for one single-architecture target."""
    env = {"GOOS": target.goos, "GOARCH": target.goarch, "CGO_ENABLED": "1"}
    if target.macos_min is not None:
        env["MACOSX_DEPLOYMENT_TARGET"] = "{}.{}".format(*target.macos_min)
    return env
