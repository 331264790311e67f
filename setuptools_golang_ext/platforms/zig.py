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

# zig ships the macOS libc (libSystem) but none of the other libraries Go's standard
# library links on darwin: CoreFoundation (runtime/cgo on arm64, crypto/x509),
# Security (crypto/x509) and libresolv (net). A text stub naming the symbols is all a
# linker needs: at run time dyld loads the real library by its install name.
# tests/integration/test_macos_zig.py checks this list against the Go in use.
_FRAMEWORKS = "/System/Library/Frameworks"
MACOS_LINK_STUBS: dict[str, tuple[str, tuple[str, ...]]] = {
    # stub file (under the stub directory) -> (install name, exported C symbols)
    "CoreFoundation.framework/CoreFoundation.tbd": (
        f"{_FRAMEWORKS}/CoreFoundation.framework/Versions/A/CoreFoundation",
        ("CFArrayAppendValue", "CFArrayCreateMutable", "CFArrayGetCount",
         "CFArrayGetValueAtIndex", "CFBundleCopyResourceURL", "CFBundleGetMainBundle",
         "CFBundleGetValueForInfoDictionaryKey", "CFDataCreate", "CFDataGetBytePtr",
         "CFDataGetLength", "CFDateCreate", "CFDictionaryGetValueIfPresent", "CFEqual",
         "CFErrorCopyDescription", "CFErrorGetCode", "CFNumberGetValue", "CFRelease",
         "CFStringCreateExternalRepresentation", "CFStringCreateWithBytes",
         "CFStringGetCString", "CFURLGetString", "__CFConstantStringClassReference"),
    ),
    "Security.framework/Security.tbd": (
        f"{_FRAMEWORKS}/Security.framework/Versions/A/Security",
        ("SecCertificateCopyData", "SecCertificateCreateWithData", "SecPolicyCreateSSL",
         "SecTrustCopyCertificateChain", "SecTrustCreateWithCertificates", "SecTrustEvaluate",
         "SecTrustEvaluateWithError", "SecTrustSetVerifyDate"),
    ),
    "libresolv.tbd": ("/usr/lib/libresolv.9.dylib",
                      ("res_9_nclose", "res_9_ninit", "res_9_nsearch")),
}


def _tbd(install_name: str, symbols: tuple[str, ...]) -> str:
    exported = ", ".join("_" + symbol for symbol in symbols)  # Mach-O adds an underscore
    return (
        "--- !tapi-tbd\ntbd-version:     4\ntargets:         [ x86_64-macos, arm64-macos ]\n"
        f"install-name:    '{install_name}'\ncurrent-version: 1\nexports:\n"
        "  - targets:         [ x86_64-macos, arm64-macos ]\n"
        f"    symbols:         [ {exported} ]\n...\n"
    )


def write_macos_link_stubs(directory: Path) -> None:
    """The stubs, for ``-F`` (frameworks) and ``-L`` (libresolv) on zig's command line."""
    for relative, (install_name, symbols) in MACOS_LINK_STUBS.items():
        stub = directory / relative
        stub.parent.mkdir(parents=True, exist_ok=True)
        stub.write_text(_tbd(install_name, symbols), encoding="utf-8")


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
        stubs = scratch / "zig-macos-stubs"
        write_macos_link_stubs(stubs)
        words += [f"-F{stubs}", f"-L{stubs}"]
    cc = " ".join(go_quote(word) for word in words)
    return {"CC": cc, "CXX": cc.replace(" cc ", " c++ ", 1)}
