"""Vendored modules: ``go mod vendor`` for sdists, ``-mod=vendor`` for builds,
and a clear error when a build needs modules it cannot download."""

from __future__ import annotations

import re
from collections.abc import Mapping
from pathlib import Path

from .._run import run_command
from .go_mod import find_go_mod
from .toolchain import GoToolchain

VENDOR_DIRECTORY = "vendor"

# What `go` says when it needs a module it may not or cannot download.
_OFFLINE_RE = re.compile(
    r"GOPROXY=off|dial tcp|no such host|i/o timeout|connection refused|network is unreachable"
)
_IMPORT_RE = re.compile(r'"([^"]+)"')


def module_root(directory: Path) -> Path | None:
    go_mod = find_go_mod(directory)
    return go_mod.parent if go_mod else None


def has_vendor_directory(root: Path | None) -> bool:
    return root is not None and (root / VENDOR_DIRECTORY / "modules.txt").is_file()


def without_mod_flag(goflags: str) -> str:
    """``GOFLAGS`` without any ``-mod=`` setting (a workspace accepts only some)."""
    return " ".join(flag for flag in goflags.split() if not flag.startswith(("-mod=", "--mod=")))


def with_vendor_mode(env: Mapping[str, str], vendored: bool = True) -> dict[str, str]:
    """``env`` whose GOFLAGS builds from the vendor directory, whatever the user set
    (the sdist carries the modules: never download them)."""
    if not vendored:
        return dict(env)
    goflags = without_mod_flag(env.get("GOFLAGS", ""))
    return {**env, "GOFLAGS": f"{goflags} -mod=vendor".strip()}


def vendor_module(go: GoToolchain, root: Path, output: Path, env: Mapping[str, str],
                  owner: str) -> None:
    """Write the dependencies of the module at ``root`` into ``output`` (``go mod vendor -o``)."""
    goflags = without_mod_flag(env.get("GOFLAGS", ""))
    env = {key: value for key, value in env.items() if key != "GOFLAGS"}
    if goflags:
        env["GOFLAGS"] = goflags
    run_command([str(go.executable), "mod", "vendor", "-o", str(output)], env=env,
                cwd=root).check(
        f"GoExtension {owner!r}: `go mod vendor` failed in {root} (vendor = true)",
        "Vendoring downloads the modules go.mod requires: build the sdist with network "
        "access, or run `go mod tidy` first if go.mod and go.sum are incomplete.",
    )


def is_offline_failure(errors: list[str]) -> bool:
    return any(_OFFLINE_RE.search(error) for error in errors)


def missing_imports(directory: Path, positions: list[str]) -> list[str]:
    """The import paths at ``file:line:col`` positions of ``go list`` errors."""
    found: list[str] = []
    for position in positions:
        file_name, _, rest = position.partition(":")
        line = rest.partition(":")[0]
        path = directory / file_name
        if not (line.isdigit() and path.is_file()):
            continue
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        if 0 < int(line) <= len(lines):
            match = _IMPORT_RE.search(lines[int(line) - 1])
            if match and match.group(1) not in found:
                found.append(match.group(1))
    return found
