"""What ``go list`` says about the package a GoExtension builds."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .._run import indent, run_command
from ..errors import GoBuildError, GoPackageError
from .toolchain import GoToolchain

_EXPORT_RE = re.compile(r"^//export\s+([A-Za-z_][A-Za-z0-9_]*)", re.MULTILINE)

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

    def exported_functions(self) -> list[str]:
        """Names marked ``//export`` in the package's cgo files."""
        names: list[str] = []
        for path in self.cgo_files:
            names.extend(_EXPORT_RE.findall(path.read_text(encoding="utf-8", errors="replace")))
        return names


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
    for dep_error in data.get("DepsErrors") or ():
        errors.append(str(dep_error.get("Err", dep_error)))
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


def inspect_package(
    ext_name: str,
    go: GoToolchain,
    directory: Path,
    build_args: list[str],
    env: Mapping[str, str],
    tags: list[str],
) -> GoPackage:
    """The package a GoExtension builds, or a clear error if it cannot be built."""
    packages = go_list(go, directory, build_args, env, tags=tags)
    if len(packages) != 1:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: expected one Go package in {directory}, "
            f"`go list` found {len(packages)}."
        )
    package = packages[0]
    if package.errors:
        raise GoBuildError(
            f"GoExtension {ext_name!r}: Go cannot load the package in {directory}:\n"
            + indent("\n".join(package.errors))
            + ("\n" + _module_hint("\n".join(package.errors), directory)).rstrip()
        )
    return package


def require_c_shared_exports(
    ext_name: str, package: GoPackage, python_exports: list[str] | None = None
) -> list[str]:
    """A c-shared library needs something to export: `//export` functions of a
    `package main`, or `//python:export` functions (any package; the glue is generated)."""
    python_exports = list(python_exports or ())
    if package.name != "main" and not python_exports:
        raise GoPackageError(
            f"GoExtension {ext_name!r}: the Go package in {package.directory} is "
            f"`package {package.name}`, but -buildmode=c-shared builds only `package main`. "
            f"Mark the functions Python should call with a `//python:export` comment "
            f"(the glue is generated), or rename it to `package main`, add `import \"C\"` "
            f"and mark functions with `//export Name` (an empty `func main() {{}}` is "
            f"required too)."
        )
    exports = (package.exported_functions() if package.name == "main" else []) + python_exports
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
