"""Which platform a build is for: GOOS, GOARCH(s), the wheel platform tag, the macOS minimum.

Nothing here runs a program or looks at the disk. The inputs are what setuptools
and cibuildwheel already tell a build: build_ext's ``plat_name`` (``--plat-name``,
``DIST_EXTRA_CONFIG``, ``_PYTHON_HOST_PLATFORM``), ``ARCHFLAGS`` (macOS),
``VSCMD_ARG_TGT_ARCH`` (Windows), ``MACOSX_DEPLOYMENT_TARGET`` and a user's own
``GOOS``/``GOARCH``.
"""

from __future__ import annotations

import platform
import re
import sys
from collections.abc import Mapping
from dataclasses import dataclass, replace

from .._log import log
from ..errors import GoExtensionConfigError
from ..runtime.contract import MINIMUM_GO

# GOARCH -> the machine name each platform uses for it (wheel tags, triples).
_LINUX_MACHINE = {
    "amd64": "x86_64",
    "arm64": "aarch64",
    "386": "i686",
    "ppc64le": "ppc64le",
    "s390x": "s390x",
    "riscv64": "riscv64",
}
_LINUX_MULTIARCH = {
    "amd64": "x86_64-linux-gnu",
    "arm64": "aarch64-linux-gnu",
    "386": "i386-linux-gnu",
    "ppc64le": "powerpc64le-linux-gnu",
    "s390x": "s390x-linux-gnu",
    "riscv64": "riscv64-linux-gnu",
}
_MACOS_MACHINE = {"amd64": "x86_64", "arm64": "arm64"}
_WINDOWS_PLATFORM = {"amd64": "win_amd64", "arm64": "win_arm64", "386": "win32"}


def buildable_platforms() -> list[tuple[str, str]]:
    """Every (GOOS, GOARCH) a wheel can be built for: an sdist must carry the Go
    files each of them compiles."""
    tables = {"linux": _LINUX_MACHINE, "darwin": _MACOS_MACHINE, "windows": _WINDOWS_PLATFORM}
    return [(goos, goarch) for goos, table in tables.items() for goarch in table]
_MACHINE_TO_GOARCH = {
    "x86_64": "amd64",
    "amd64": "amd64",
    "x64": "amd64",
    "aarch64": "arm64",
    "arm64": "arm64",
    "i386": "386",
    "i686": "386",
    "x86": "386",
    "win32": "386",
    "ppc64le": "ppc64le",
    "s390x": "s390x",
    "riscv64": "riscv64",
}
UNIVERSAL2 = ("arm64", "amd64")

# Oldest macOS each Go release supports (go.dev/doc/go1.NN#darwin).
_GO_MACOS_MINIMUM = (
    ((1, 27), (13, 0)),
    ((1, 25), (12, 0)),
    ((1, 23), (11, 0)),
    ((1, 21), (10, 15)),
)

MUSL_REASON = (
    "musllinux wheels are not supported: musl's dynamic loader cannot load a Go "
    "c-shared library (Go's runtime needs initial-exec TLS and runs its initialisers in "
    "a way musl does not support; see https://github.com/golang/go/issues/13492). "
    "Skip musllinux builds (cibuildwheel: skip = \"*-musllinux_*\")."
)


@dataclass(frozen=True)
class Target:
    """One platform to build for; ``goarchs`` has two entries for macOS universal2."""

    goos: str
    goarchs: tuple[str, ...]
    platform_tag: str  # as in a wheel file name: linux_x86_64, macosx_12_0_universal2, ...
    cross: bool  # not the machine that runs this build
    macos_min: tuple[int, int] | None = None
    glibc: tuple[int, int] | None = None  # set when zig links against an old glibc

    @property
    def goarch(self) -> str:
        if len(self.goarchs) != 1:
            raise ValueError(f"{self.describe()} has several architectures")
        return self.goarchs[0]

    @property
    def universal(self) -> bool:
        return len(self.goarchs) > 1

    def slices(self) -> list[Target]:
        """One single-architecture target per slice of a universal2 build."""
        if not self.universal:
            return [self]
        return [replace(self, goarchs=(arch,), cross=True) for arch in self.goarchs]

    def describe(self) -> str:
        return f"{self.goos}/{'+'.join(self.goarchs)} (wheel tag {self.platform_tag})"


def host_goos() -> str:
    if sys.platform.startswith("linux"):
        return "linux"
    if sys.platform == "win32":
        return "windows"
    return sys.platform


def host_goarch() -> str:
    machine = platform.machine().lower()
    return _MACHINE_TO_GOARCH.get(machine, machine)


def go_minimum_macos(go_version: tuple[int, ...]) -> tuple[int, int]:
    for release, minimum in _GO_MACOS_MINIMUM:
        if tuple(go_version[:2]) >= release:
            return minimum
    return _GO_MACOS_MINIMUM[-1][1]


def _goarch(machine: str, plat_name: str) -> str:
    try:
        return _MACHINE_TO_GOARCH[machine.lower()]
    except KeyError:
        raise GoExtensionConfigError(
            f"unknown architecture {machine!r} in platform {plat_name!r}; supported: "
            f"{', '.join(sorted(set(_MACHINE_TO_GOARCH)))}"
        ) from None


def _version(text: str) -> tuple[int, int]:
    parts = [int(part) for part in re.split(r"[._]", text) if part]
    return (parts[0], parts[1] if len(parts) > 1 else 0)


@dataclass(frozen=True)
class _Parsed:
    goos: str
    goarchs: tuple[str, ...]
    macos_min: tuple[int, int] | None = None
    glibc: tuple[int, int] | None = None


def parse_platform(plat_name: str) -> _Parsed:
    """``linux-x86_64``, ``manylinux_2_17_aarch64``, ``macosx-11.0-universal2``,
    ``win-arm64``, ``win32`` ... (distutils or wheel-tag spelling)."""
    name = plat_name.strip().lower().replace("-", "_")
    if name.startswith("musllinux"):
        raise GoExtensionConfigError(f"platform {plat_name!r}: {MUSL_REASON}")
    if name == "win32":
        return _Parsed("windows", ("386",))
    match = re.fullmatch(r"win_(\w+)", name)
    if match:
        return _Parsed("windows", (_goarch(match.group(1), plat_name),))
    match = re.fullmatch(r"macosx_(\d+)[._](\d+)_(\w+)", name.replace(".", "_"))
    if match:
        arch = match.group(3)
        goarchs = UNIVERSAL2 if arch == "universal2" else (_goarch(arch, plat_name),)
        return _Parsed("darwin", goarchs, (int(match.group(1)), int(match.group(2))))
    match = re.fullmatch(r"manylinux_(\d+)_(\d+)_(\w+)", name)
    if match:
        glibc = (int(match.group(1)), int(match.group(2)))
        return _Parsed("linux", (_goarch(match.group(3), plat_name),), glibc=glibc)
    match = re.fullmatch(r"manylinux(2014|2010|1)_(\w+)", name)
    if match:
        glibc = {"2014": (2, 17), "2010": (2, 12), "1": (2, 5)}[match.group(1)]
        return _Parsed("linux", (_goarch(match.group(2), plat_name),), glibc=glibc)
    match = re.fullmatch(r"linux_(\w+)", name)
    if match:
        return _Parsed("linux", (_goarch(match.group(1), plat_name),))
    raise GoExtensionConfigError(
        f"cannot build Go extensions for platform {plat_name!r}: supported are Linux "
        f"(glibc), macOS and Windows, e.g. linux-x86_64, macosx-11.0-arm64, win-amd64."
    )


def _archflags(value: str) -> tuple[str, ...]:
    machines = re.findall(r"-arch\s+(\S+)", value)
    goarchs = tuple(sorted({_goarch(machine, "ARCHFLAGS") for machine in machines}))
    if set(goarchs) == set(UNIVERSAL2):
        return UNIVERSAL2
    return goarchs


def _with_environment(parsed: _Parsed, environ: Mapping[str, str]) -> _Parsed:
    goos, goarchs = parsed.goos, parsed.goarchs
    if goos == "darwin" and environ.get("ARCHFLAGS"):
        goarchs = _archflags(environ["ARCHFLAGS"]) or goarchs
    if goos == "windows" and environ.get("VSCMD_ARG_TGT_ARCH"):
        goarchs = (_goarch(environ["VSCMD_ARG_TGT_ARCH"], "VSCMD_ARG_TGT_ARCH"),)
    user_goos, user_goarch = environ.get("GOOS"), environ.get("GOARCH")
    if user_goos and user_goos != goos:
        log.warning("GOOS=%s overrides the platform %s", user_goos, goos)
        goos = user_goos
    if user_goarch and (user_goarch,) != goarchs:
        log.warning("GOARCH=%s overrides the architecture %s", user_goarch, "+".join(goarchs))
        goarchs = (user_goarch,)
    if goos not in {"linux", "darwin", "windows"}:
        raise GoExtensionConfigError(
            f"GOOS={goos!r} is not supported: use linux, darwin or windows"
        )
    return replace(parsed, goos=goos, goarchs=goarchs)


def _macos_minimum(
    parsed: _Parsed, environ: Mapping[str, str], go_version: tuple[int, ...] | None
) -> tuple[int, int]:
    required = go_minimum_macos(go_version or MINIMUM_GO)
    requested_text = environ.get("MACOSX_DEPLOYMENT_TARGET")
    requested = _version(requested_text) if requested_text else parsed.macos_min
    if requested is None:
        return required
    if requested < required and go_version is not None:
        log.warning(
            "raising the macOS deployment target from %d.%d to %d.%d: Go %s does not "
            "support older macOS, and the wheel tag must not promise it",
            *requested, *required, ".".join(map(str, go_version[:2])),
        )
        return required
    return requested


def _platform_tag(goos: str, goarchs: tuple[str, ...], macos_min: tuple[int, int] | None,
                  glibc: tuple[int, int] | None) -> str:
    try:
        if goos == "windows":
            return _WINDOWS_PLATFORM[goarchs[0]]
        if goos == "darwin":
            assert macos_min is not None
            arch = "universal2" if len(goarchs) > 1 else _MACOS_MACHINE[goarchs[0]]
            return f"macosx_{macos_min[0]}_{macos_min[1]}_{arch}"
        machine = _LINUX_MACHINE[goarchs[0]]
    except KeyError:
        raise GoExtensionConfigError(
            f"GOOS={goos} GOARCH={goarchs[0]} is not a target setuptools-golang-ext builds"
        ) from None
    if glibc is None:
        return f"linux_{machine}"
    tag = f"manylinux_{glibc[0]}_{glibc[1]}_{machine}"
    legacy = {(2, 17): "manylinux2014", (2, 12): "manylinux2010", (2, 5): "manylinux1"}
    return f"{tag}.{legacy[glibc]}_{machine}" if glibc in legacy else tag


ZIG_DEFAULT_GLIBC = (2, 17)


def resolve_target(
    plat_name: str | None,
    environ: Mapping[str, str],
    *,
    go_version: tuple[int, ...] | None,
    zig: bool = False,
    host: tuple[str, str] | None = None,
) -> Target:
    """The target of a build. ``plat_name`` is build_ext's (None: the host's).

    ``go_version`` sets the macOS minimum; None (no Go needed) is enough for file
    names, which do not depend on it, and never raises the minimum.
    """
    host_os, host_arch = host or (host_goos(), host_goarch())
    if plat_name is None:
        plat_name = environ.get("_PYTHON_HOST_PLATFORM") or f"{host_os}-{host_arch}"
        if host_os == "darwin":
            minimum = go_minimum_macos(go_version or MINIMUM_GO)
            plat_name = f"macosx-{minimum[0]}.{minimum[1]}-{host_arch}"
        elif host_os == "windows":
            plat_name = f"win-{host_arch}"
    parsed = _with_environment(parse_platform(plat_name), environ)
    macos_min = _macos_minimum(parsed, environ, go_version) if parsed.goos == "darwin" else None
    glibc = None
    if parsed.goos == "linux" and zig:
        glibc = parsed.glibc or ZIG_DEFAULT_GLIBC
    elif parsed.goos == "linux":
        glibc = parsed.glibc  # the user named a manylinux tag; auditwheel will check it
    cross = parsed.goos != host_os or parsed.goarchs != (host_arch,)
    return Target(
        goos=parsed.goos,
        goarchs=parsed.goarchs,
        platform_tag=_platform_tag(parsed.goos, parsed.goarchs, macos_min, glibc),
        cross=cross,
        macos_min=macos_min,
        glibc=glibc if zig else None,
    )


def library_suffix(target: Target, *, python_independent: bool, host_suffix: str) -> str:
    """The file suffix Python looks for on the target, e.g. ``.cp311-win_amd64.pyd``.

    Python-independent libraries use the plain ``.so``/``.pyd`` suffix, which
    every CPython 3 searches for last.
    """
    if python_independent:
        return ".pyd" if target.goos == "windows" else ".so"
    if not target.cross:
        return host_suffix
    major, minor = sys.version_info[:2]
    abiflags = getattr(sys, "abiflags", "")
    if target.goos == "windows":
        return f".cp{major}{minor}{abiflags}-{_WINDOWS_PLATFORM[target.goarch]}.pyd"
    if target.goos == "darwin":
        return f".cpython-{major}{minor}{abiflags}-darwin.so"
    return f".cpython-{major}{minor}{abiflags}-{_LINUX_MULTIARCH[target.goarch]}.so"


def linux_multiarch(goarch: str) -> str:
    return _LINUX_MULTIARCH[goarch]

