"""Which files an sdist must carry so a GoExtension rebuilds anywhere.

No MANIFEST.in needed: ``build_ext.get_source_files`` feeds these to sdist.
"""

from __future__ import annotations

import os
from pathlib import Path

from .._log import log
from ..errors import GoToolchainError, naming_extension
from ..extension import GoExtension
from ..go.environment import go_environment
from ..go.go_list import source_files
from ..go.go_mod import find_go_for
from ..go.vendor import has_vendor_directory, module_root, with_vendor_mode
from ..platforms.target import buildable_platforms

# Without Go we cannot ask `go list`; ship whatever a Go build could read.
_FALLBACK_SUFFIXES = {".go", ".c", ".h", ".s", ".S", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".m",
                      ".syso"}
_MODULE_FILES = ("go.mod", "go.sum", "go.work", "go.work.sum")


def is_go_build_input(path: Path) -> bool:
    """Files that only a Go build reads (sources, module files), never needed at run time."""
    return path.suffix in _FALLBACK_SUFFIXES or path.name in _MODULE_FILES


def go_extension_source_files(ext: GoExtension, project_root: Path) -> list[str]:
    spec = ext.package_source(project_root)
    try:
        go = find_go_for([spec.directory], os.environ)
    except GoToolchainError as exc:
        log.warning("%s\nListing Go sources of %r without `go list`.", exc, ext.name)
        files = _fallback_files(spec.directory, project_root)
    else:
        vendored = ext.vendor and has_vendor_directory(module_root(spec.directory))
        env = with_vendor_mode(go_environment(ext, go.environment(os.environ), go), vendored)
        environments = [{**env, "GOOS": goos, "GOARCH": goarch}
                        for goos, goarch in buildable_platforms()]
        with naming_extension(ext.name):
            files = source_files(go, spec.directory, spec.build_args, environments,
                                 ext.build_tags)
    if ext.package is not None:
        # The project's go.mod pins the bound package's module (go.sum: its checksum).
        files += [spec.directory / name for name in (*_MODULE_FILES, "vendor/modules.txt")
                  if (spec.directory / name).is_file()]
    relative: list[str] = []
    for path in files:
        try:
            relative.append(path.resolve().relative_to(project_root).as_posix())
        except ValueError:
            log.warning(
                "GoExtension %r needs %s, which is outside the project root %s and so "
                "cannot go into the sdist; move the Go module inside the project.",
                ext.name, path, project_root,
            )
    return sorted(set(relative))


def _fallback_files(directory: Path, project_root: Path) -> list[Path]:
    files = [p for p in directory.rglob("*") if p.is_file() and p.suffix in _FALLBACK_SUFFIXES]
    for parent in [directory, *directory.parents]:
        found = [parent / name for name in _MODULE_FILES if (parent / name).is_file()]
        if found or parent == project_root:
            files.extend(found)
            break
    return files
