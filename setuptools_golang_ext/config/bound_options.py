"""Checks of the options that bind a Go package by import path (``package``,
``include``, ``strict``) and of ``rename``, made when the extension is declared."""

from __future__ import annotations

import keyword
import re
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..errors import GoExtensionConfigError

# An import path as `go` accepts it: slash-separated elements, no spaces, not relative.
_IMPORT_PATH = re.compile(r"[A-Za-z0-9_~+-][A-Za-z0-9_.~+-]*(/[A-Za-z0-9_.~+-]+)*")


def bound_package_error(
    name: str, sources: Sequence[str], package: object, include: Sequence[str],
    strict: bool, rename: Mapping[str, str],
) -> GoExtensionConfigError | None:
    """The first mistake in how ``name`` chooses its Go code, or None."""
    where = f"GoExtension {name!r}"
    if package is not None and sources:
        return GoExtensionConfigError(
            f"{where}: give either sources (your own Go package directory) or package "
            f"(a Go package by import path), not both.")
    if package is None and not sources:
        return GoExtensionConfigError(
            f"{where}: say which Go code to build: sources = \"path/to/go/package\" "
            f"(a directory of your project) or package = \"github.com/owner/module/pkg\" "
            f"(a Go package by import path).")
    if isinstance(package, str) and not _IMPORT_PATH.fullmatch(package):
        return GoExtensionConfigError(
            f"{where}: package {package!r} is not a Go import path; write it as in a Go "
            f"import statement, e.g. \"github.com/google/uuid\" or \"strings\" (for a "
            f"directory of your project use sources instead).")
    if package is None and (include or strict):
        option = "include" if include else "strict"
        return GoExtensionConfigError(
            f"{where}: {option} applies only to a package bound by import path (package "
            f"= \"...\"); with sources, mark declarations with //python:export instead.")
    return rename_error(where, rename)


def rename_error(where: str, rename: Mapping[str, str]) -> GoExtensionConfigError | None:
    """``rename`` must map Go names to distinct Python identifiers that are no keywords."""
    seen: dict[str, str] = {}
    for go_name, python_name in rename.items():
        if not python_name.isidentifier() or keyword.iskeyword(python_name):
            reason = "a Python keyword" if keyword.iskeyword(python_name) \
                else "not a Python identifier"
            return GoExtensionConfigError(
                f"{where}: rename {go_name} = {python_name!r}: {python_name!r} is {reason}; "
                f"choose another name (e.g. {python_name + '_'!r}).")
        if python_name in seen:
            return GoExtensionConfigError(
                f"{where}: rename gives {seen[python_name]} and {go_name} the same Python "
                f"name {python_name!r}; each needs its own.")
        seen[python_name] = go_name
    return None


def require_project_module(ext_name: str, package: str, project_root: Path) -> None:
    """A package bound by import path needs the project's go.mod (its version)."""
    if not (project_root / "go.mod").is_file():
        raise GoExtensionConfigError(
            f"GoExtension {ext_name!r}: package = {package!r} is built through the Go "
            f"module next to pyproject.toml, which says which version to use, but "
            f"{project_root} has no go.mod. Create it there: `go mod init "
            f"example.com/yourproject`, then `go get {package}` (not needed for a "
            f"standard-library package).")
