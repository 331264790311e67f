"""Clear errors when ``go list`` cannot find a package named by import path (it is
looked up through the project's go.mod, next to pyproject.toml)."""

from __future__ import annotations

from pathlib import Path

from .go_list import GoPackage


def bound_package_problem(ext_name: str, package: GoPackage, project_root: Path
                          ) -> str | None:
    """What to tell the user when ``go list`` cannot find the bound package."""
    error = "\n".join(package.errors)
    where = f"GoExtension {ext_name!r}: package {package.import_path!r}"
    if "no required module provides package" in error:
        return (f"{where} is not provided by any module that {project_root / 'go.mod'} "
                f"requires. Add its module with `go get {package.import_path}` in "
                f"{project_root} (that records the version in go.mod and go.sum), or check "
                f"the spelling.")
    if "is not in std" in error:
        return (f"{where} does not exist: it is no standard-library package, and a "
                f"third-party import path starts with a domain (github.com/owner/repo/...). "
                f"Check the spelling.")
    if "missing go.sum entry" in error:
        return (f"{where}: go.sum lacks its checksum. Run `go mod download "
                f"{package.import_path}` (or `go mod tidy`) in {project_root}.")
    if package.name == "main" and not package.errors:
        return (f"{where} is a command (package main), which Go cannot import. Bind a "
                f"library package, or build your own main package with sources = "
                f"\"path/to/it\".")
    if not package.go_files and not package.errors:
        return f"{where} has no Go files to build for this platform."
    return None
