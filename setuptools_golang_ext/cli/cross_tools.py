"""Which extra tools this machine has, and so which targets it can build wheels for.

Each tool is looked for the way the build looks for it (``platforms/``), so the
answer here is the answer a build would get.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from ..errors import GoToolchainError
from ..platforms.compilers import first_on_path
from ..platforms.target import host_goarch, host_goos
from ..platforms.universal2 import find_lipo
from ..platforms.zig import find_zig

MINGW_AMD64 = ("x86_64-w64-mingw32-gcc", "x86_64-w64-mingw32-clang")
GCC_AARCH64 = ("aarch64-linux-gnu-gcc", "aarch64-linux-gnu-clang")
QEMU_AARCH64 = ("qemu-aarch64-static", "qemu-aarch64")


@dataclass(frozen=True)
class CrossTools:
    zig: str | None
    mingw: str | None
    lipo: str | None
    gcc_aarch64: str | None
    qemu_aarch64: str | None

    def rows(self) -> list[tuple[str, str | None, str]]:
        """(label, path or None, how to get it) for each tool."""
        return [
            ("zig", self.zig, "pip install ziglang (or add it to build requirements)"),
            ("MinGW-w64", self.mingw, "apt-get install gcc-mingw-w64-x86-64"),
            ("llvm-lipo", self.lipo, "apt-get install llvm (macOS: Xcode command line tools)"),
            ("aarch64 gcc", self.gcc_aarch64, "apt-get install gcc-aarch64-linux-gnu"),
            ("qemu-aarch64", self.qemu_aarch64, "apt-get install qemu-user-static"),
        ]


def find_cross_tools(environ: Mapping[str, str]) -> CrossTools:
    try:
        zig: str | None = str(find_zig(environ))
    except GoToolchainError:
        zig = None
    try:
        lipo: str | None = find_lipo(environ)
    except GoToolchainError:
        lipo = None
    return CrossTools(
        zig=zig,
        mingw=first_on_path(MINGW_AMD64, environ),
        lipo=lipo,
        gcc_aarch64=first_on_path(GCC_AARCH64, environ),
        qemu_aarch64=first_on_path(QEMU_AARCH64, environ),
    )


@dataclass(frozen=True)
class TargetCheck:
    name: str
    possible: bool
    how: str  # the tools it uses, or what is missing


def buildable_targets(
    has_go: bool, has_cc: bool, tools: CrossTools, user_cc: str | None
) -> list[TargetCheck]:
    """Each kind of wheel: can this machine build it, and with what.

    A user's CC is the compiler of every build (platforms/compilers.py), so with
    CC set the cross tools are not used.
    """
    host = (host_goos(), host_goarch())
    native_cc = "the C compiler" if has_cc else "a working C compiler"
    has_lipo = tools.lipo is not None

    def check(name: str, ways: list[tuple[bool, str]], missing: str) -> TargetCheck:
        usable = [how for works, how in ways if works]
        if not has_go:
            return TargetCheck(name, False, "needs Go")
        return TargetCheck(name, bool(usable), " or ".join(usable) if usable else missing)

    if user_cc:
        return [
            check(f"host {host[0]}/{host[1]}", [(has_cc, f"CC={user_cc}")], f"needs {native_cc}"),
            TargetCheck("other targets", False,
                        f"CC={user_cc} is used for every target; unset CC to build with the "
                        f"tools above"),
        ]
    aarch64_run = (" (tests run under qemu-aarch64)" if tools.qemu_aarch64
                   else " (no qemu-aarch64 to run its tests)") if host[1] != "arm64" else ""
    return [
        check(f"host {host[0]}/{host[1]}", [(has_cc, native_cc)], f"needs {native_cc}"),
        check("manylinux_2_17 via zig", [(tools.zig is not None, "zig")], "needs zig"),
        check("Windows amd64",
              [(tools.mingw is not None, "MinGW-w64"), (tools.zig is not None, "zig"),
               (host == ("windows", "amd64") and has_cc, native_cc)],
              "needs MinGW-w64 (x86_64-w64-mingw32-gcc) or zig"),
        check("Linux aarch64" + aarch64_run,
              [(tools.gcc_aarch64 is not None, "aarch64-linux-gnu-gcc"),
               (tools.zig is not None, "zig"), (host == ("linux", "arm64") and has_cc, native_cc)],
              "needs aarch64-linux-gnu-gcc or zig"),
        check("macOS universal2",
              [(has_lipo and host[0] == "darwin" and has_cc, f"{native_cc} + lipo"),
               (has_lipo and tools.zig is not None, "zig + lipo")],
              "needs lipo, and zig when not on macOS"),
    ]
