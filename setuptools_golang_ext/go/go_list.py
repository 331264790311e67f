"""What ``go list`` says about the package a GoExtension builds."""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._run import indent, run_command
from ..errors import GoBuildError, GoPackageError
from .toolchain import GoToolchain
from .vendor import is_offline_failure, missing_imports

# Every list field of `go list -json` that names a file the build may read.
_FILE_FIELDS = (
    "GoFiles",
    "CgoFiles",
    "IgnoredGoFiles",  # other platforms' files: an sdist must rebuild anywhere
    "IgnoredOtherFiles",
    "CFiles",
    "CXXFiles",
    "MFiles",
    "HFiles",
    "FFiles",
    "SFiles",
    "SwigFiles",
    "SwigCXXFiles",
    "SysoFiles",
    "EmbedFiles",
)


@dataclass(frozen=True)
class GoPackage:
    """One package as ``go list -json`` reports it."""

    name: str
    directory: Path
    import_path: str
    files: tuple[Path, ...]
    cgo_files: tuple[Path, ...]
    module_root: Path | None
    module_go_version: str | None
    is_main_module: bool
    errors: tuple[str, ...] = field(default=())
    go_files: tuple[Path, ...] = field(default=())  # GoFiles and CgoFiles: what gets compiled
    standard: bool = False  # in Go's standard library
    module_version: str | None = None  # set for modules from the proxy (pinned by go.sum)
    error_positions: tuple[str, ...] = field(default=())  # "main.go:4:8" of import errors
    dep_only: bool = False  # listed by -deps as an import, not named on the command line


def _decode_stream(text: str) -> Iterator[dict[str, Any]]:
    """`go list -json` prints one JSON object after another, not a list."""
    decoder = json.JSONDecoder()
    position = 0
    text = text.strip()
    while position < len(text):
        obj, end = decoder.raw_decode(text, position)
        yield obj
        position = end
        while position < len(text) and text[position].isspace():
            position += 1


def _package_from_json(data: Mapping[str, Any]) -> GoPackage:
    directory = Path(data.get("Dir", ""))
    files: list[Path] = []
    for field_name in _FILE_FIELDS:
        files.extend(directory / name for name in data.get(field_name) or ())
    module = data.get("Module") or {}
    errors: list[str] = []
    if data.get("Error"):
        errors.append(str(data["Error"].get("Err", data["Error"])))
    positions: list[str] = []
    for dep_error in data.get("DepsErrors") or ():
        errors.append(str(dep_error.get("Err", dep_error)))
        positions.append(str(dep_error.get("Pos", "")))
    return GoPackage(
        name=data.get("Name", ""),
        directory=directory,
        import_path=data.get("ImportPath", ""),
        files=tuple(files),
        cgo_files=tuple(directory / name for name in data.get("CgoFiles") or ()),
        module_root=Path(module["Dir"]) if module.get("Dir") else None,
        module_go_version=module.get("GoVersion"),
        is_main_module=bool(module.get("Main")),
        errors=tuple(errors),
        go_files=tuple(
            directory / name for key in ("GoFiles", "CgoFiles") for name in data.get(key) or ()
        ),
        standard=bool(data.get("Standard")),
        module_version=(module.get("Replace") or module).get("Version"),
        error_positions=tuple(positions),
        dep_only=bool(data.get("DepOnly")),
    )


def go_list(
    go: GoToolchain,
    directory: Path,
    build_args: list[str],
    env: Mapping[str, str],
    *,
    deps: bool = False,
    tags: list[str] | None = None,
) -> list[GoPackage]:
    args = [str(go.executable), "list", "-e", "-json"]
    if deps:
        args.append("-deps")
    if tags:
        args.append("-tags=" + ",".join(tags))
    args.extend(build_args)
    result = run_command(args, env=env, cwd=directory, quiet=True)
    result.check(f"`go list` failed in {directory}", _module_hint(result.output, directory))
    return [_package_from_json(data) for data in _decode_stream(result.stdout)]


def _module_hint(output: str, directory: Path) -> str:
    if "go.mod file not found" in output or "cannot find main module" in output:
        return (
            f"The Go package in {directory} is not inside a Go module. Create one with "
            f"`go mod init example.com/yourpkg` in that directory (or a parent)."
        )
    return ""


def list_build(
    go: GoToolchain, directory: Path, build_args: list[str], env: Mapping[str, str],
    tags: list[str],
) -> list[GoPackage]:
    """The package a GoExtension builds and every package it imports: the one
    ``go list`` of a build, read for its inputs and for the package itself."""
    return go_list(go, directory, build_args, env, deps=True, tags=tags)


def inspect_package(ext_name: str, directory: Path, listed: Sequence[GoPackage]) -> GoPackage:
    """The package a GoExtension builds (in ``list_build``'s answer), or a clear
    error if it cannot be built."""
    packages = [package for package in listed if not package.dep_only]
    if len(packages) != 1:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: expected one Go package in {directory}, "
            f"`go list` found {len(packages)}."
        )
    package = packages[0]
    if package.errors and is_offline_failure(list(package.errors)):
        raise GoBuildError(_offline_message(ext_name, package))
    if package.errors:
        raise GoBuildError(
            f"GoExtension {ext_name!r}: Go cannot load the package in {directory}:\n"
            + indent("\n".join(package.errors))
            + ("\n" + _module_hint("\n".join(package.errors), directory)).rstrip()
        )
    return package


def _offline_message(ext_name: str, package: GoPackage) -> str:
    imports = missing_imports(package.directory, list(package.error_positions))
    needed = ", ".join(imports) if imports else "its dependencies"
    return (
        f"GoExtension {ext_name!r}: Go needs {needed}, which is not in the module cache "
        f"and cannot be downloaded ({sorted(set(package.errors))[0]}). Build with access to "
        f"the Go module proxy, or let the sdist carry the modules: set `vendor = true` for "
        f"this extension in pyproject.toml (setup.py: GoExtension(..., vendor=True))."
    )


def require_c_shared_exports(
    ext_name: str, package: GoPackage, c_exports: list[str], python_exports: list[str]
) -> list[str]:
    """A c-shared library needs something to export: `//export` functions of a
    `package main`, or `//python:export` functions (any package; the glue is generated)."""
    if package.name != "main" and not python_exports:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go package in {package.directory} is "
            f"`package {package.name}`, but -buildmode=c-shared builds only `package main`. "
            f"Mark the functions, types, constants and variables Python should use with a "
            f"`//python:export` comment (the glue is generated), or rename it to `package "
            f"main`, add `import \"C\"` "
            f"and mark functions with `//export Name` (an empty `func main() {{}}` is "
            f"required too)."
        )
    exports = (c_exports if package.name == "main" else []) + python_exports
    if not exports:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go package in {package.directory} exports "
            f"nothing, so the library would have no functions to call. Mark each function "
            f"Python should call with a `//python:export` comment line directly above it "
            f"(or add `import \"C\"` and a `//export Name` comment)."
        )
    return exports


def source_files(
    go: GoToolchain,
    directory: Path,
    build_args: list[str],
    environments: Sequence[Mapping[str, str]],
    tags: list[str],
) -> list[Path]:
    """Every file needed to rebuild the package on any platform: its own and its
    in-module dependencies', listed once per environment (GOOS/GOARCH) with the
    extension's build tags, since a file for one platform or tag may import a
    package no other file imports.

    Packages from other modules come from the module proxy (pinned by go.sum);
    packages in the main module or its vendor directory must travel in the sdist.
    """
    packages = [
        package
        for env in environments
        for package in go_list(go, directory, build_args, env, deps=True, tags=tags)
    ]
    roots = {p.module_root for p in packages if p.is_main_module and p.module_root is not None}
    files: set[Path] = set()
    for package in packages:
        # Vendored packages are not in the main module, but live under its root.
        if package.is_main_module or any(package.directory.is_relative_to(r) for r in roots):
            files.update(package.files)
    for root in roots:
        files.update(root / name for name in ("go.mod", "go.sum", "vendor/modules.txt")
                     if (root / name).is_file())
    if not roots:
        # Files named on the command line outside any module: ship what was named.
        files.update(directory / arg for arg in build_args if arg.endswith(".go"))
    return sorted(files)


def local_build_inputs(listed: Sequence[GoPackage]) -> list[Path]:
    """Every file on this machine a build of the package reads and the user may edit
    (``listed``: ``list_build``'s answer).

    That is the files of each package outside the standard library and outside
    versioned modules (the main module, go.work modules, local ``replace``
    directories, files named outside any module), with their modules' go.mod and
    go.sum. Versioned modules cannot change under the same go.sum.
    """
    files: set[Path] = set()
    roots: set[Path] = set()
    for package in listed:
        if package.standard or package.module_version:
            continue
        files.update(package.files)
        if package.module_root is not None:
            roots.add(package.module_root)
    for root in roots:
        files.update(root / name for name in ("go.mod", "go.sum", "go.work", "go.work.sum")
                     if (root / name).is_file())
    return sorted(files)
