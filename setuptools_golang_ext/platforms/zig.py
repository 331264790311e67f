"""zig as a C compiler for Go: old-glibc Linux (manylinux), macOS and Windows from any machine.

The ``ziglang`` PyPI package carries zig; add it to ``build-system.requires``.
CC becomes ``<zig> cc -target <triple>``: Go splits CC into words itself, so no
wrapper script is needed (a word with spaces is quoted the way Go expects).
"""

from __future__ import annotations

import importlib.util
import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from ..errors import GoToolchainError
from .target import ZIG_DEFAULT_GLIBC, Target, linux_multiarch

ZIG_HINT = (
    "zig was asked for (GoExtension(..., zig=True) or SETUPTOOLS_GOLANG_EXT_ZIG=1) but "
    "is not installed: add \"ziglang\" to [build-system] requires in pyproject.toml "
    "(or pip install ziglang)."
)
_ZIG_MACOS_ARCH = {"amd64": "x86_64", "arm64": "aarch64"}
_ZIG_WINDOWS_ARCH = {"amd64": "x86_64", "arm64": "aarch64", "386": "x86"}

# Go's runtime/cgo links CoreFoundation on darwin/arm64; zig ships the macOS libc
# but no frameworks. A text stub naming the symbols is all a linker needs: at run
# time dyld loads the real framework by its install name.
_COREFOUNDATION_STUB = """\
--- !tapi-tbd
tbd-version:     4
targets:         [ x86_64-macos, arm64-macos ]
install-name:    '/System/Library/Frameworks/CoreFoundation.framework/Versions/A/CoreFoundation'
current-version: 1
exports:
  - targets:         [ x86_64-macos, arm64-macos ]
    symbols:         [ _CFBundleCopyResourceURL, _CFBundleGetMainBundle,
                       _CFBundleGetValueForInfoDictionaryKey, _CFRelease,
                       _CFStringGetCString, _CFURLGetString, ___CFConstantStringClassReference ]
...
"""


def find_zig(environ: Mapping[str, str]) -> Path:
    spec = importlib.util.find_spec("ziglang")
    if spec is not None and spec.origin:
        program = Path(spec.origin).parent / ("zig.exe" if os.name == "nt" else "zig")
        if program.is_file():
            return program
    found = shutil.which("zig", path=environ.get("PATH", os.defpath))
    if found:
        return Path(found)
    raise GoToolchainError(ZIG_HINT)


def zig_triple(target: Target) -> str:
    """``x86_64-linux-gnu.2.17`` or ``aarch64-macos.12.0`` for one architecture."""
    if target.goos == "linux":
        glibc = target.glibc or ZIG_DEFAULT_GLIBC
        return f"{linux_multiarch(target.goarch)}.{glibc[0]}.{glibc[1]}".replace("i386", "x86")
    if target.goos == "darwin":
        assert target.macos_min is not None
        return f"{_ZIG_MACOS_ARCH[target.goarch]}-macos.{target.macos_min[0]}.{target.macos_min[1]}"
    if target.goos == "windows" and target.goarch in _ZIG_WINDOWS_ARCH:
        return f"{_ZIG_WINDOWS_ARCH[target.goarch]}-windows-gnu"
    raise GoToolchainError(f"zig cannot be the C compiler for {target.describe()}")


def go_quote(word: str) -> str:
    """Quote one word of CC the way Go's cmd/internal/quoted splits it."""
    if not any(char.isspace() for char in word) and "'" not in word and '"' not in word:
        return word
    if "'" not in word:
        return f"'{word}'"
    if '"' not in word:
        return f'"{word}"'
    raise GoToolchainError(f"cannot pass {word!r} to Go in CC: it holds both quote kinds")


def zig_compiler_environment(
    target: Target, environ: Mapping[str, str], scratch: Path
) -> dict[str, str]:
    """CC/CXX for one single-architecture target, and a zig cache inside the build."""
    zig = find_zig(environ)
    words = [str(zig), "cc", "-target", zig_triple(target)]
    if target.goos == "darwin":
        frameworks = scratch / "zig-frameworks"
        stub = frameworks / "CoreFoundation.framework" / "CoreFoundation.tbd"
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(_COREFOUNDATION_STUB, encoding="utf-8")
        words.append(f"-F{frameworks}")
    cc = " ".join(go_quote(word) for word in words)
    return {"CC": cc, "CXX": cc.replace(" cc ", " c++ ", 1)}
