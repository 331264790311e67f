"""One digest of everything that changes a built library, and the files to watch for it.

Two builds with the same digest produce the same library, so a build whose
digest matches the one recorded for an existing library is skipped, and the
import hook's cache is keyed by it. The digest covers: every local file the Go
build reads (``go list -deps``), the Go version, the build environment (GOOS,
GOFLAGS, CGO_*, CC, ...), the GoExtension's options, debug, the target and this
tool's version and code (a development install changes code, not its version).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from .._install_file import write_state_file
from .._version import __version__
from ..extension import GoExtension
from ..go.go_list import GoPackage, local_build_inputs
from ..go.toolchain import GoToolchain
from ..platforms.target import Target
from ..runtime._freshness import Watched, build_environment, watch_entries

# Options that do not change the library (they decide whether/when it is built).
_NOT_BUILD_OPTIONS = ("optional", "editable_rebuild")


@dataclass(frozen=True)
class BuildInputs:
    digest: str
    files: tuple[Path, ...]
    # The files and their directories (a new file there may change the build),
    # stat-ed before hashing, so an edit during the build is noticed next time.
    watched: Watched


def file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except FileNotFoundError:
        return "missing"


# The files of this tool that write or read what a build compiles.
_TOOL_CODE = ("*.py", "*.go", "*.c", "*.mod")


@cache
def tool_code_digest() -> str:
    """One digest of this tool's code (the generators, templates and the Go reader)."""
    package = Path(__file__).resolve().parent.parent
    hasher = hashlib.sha256()
    for path in sorted(p for pattern in _TOOL_CODE for p in package.rglob(pattern)):
        hasher.update(f"\n{path.relative_to(package)}\0{file_digest(path)}".encode())
    return hasher.hexdigest()


def settings_digest(
    ext: GoExtension, go: GoToolchain, build_environ: Mapping[str, str], target: Target,
    debug: bool,
) -> dict[str, object]:
    """Everything but the files, as one JSON-able value (kept whole for testing)."""
    options = {key: value for key, value in ext.keyword_arguments().items()
               if key not in _NOT_BUILD_OPTIONS}
    return {
        "tool": __version__,
        "tool_code": tool_code_digest(),
        "go": go.version_text,
        "environment": build_environment(build_environ),
        "options": options,
        "debug": debug,
        "target": [target.platform_tag, target.goos, list(target.goarchs), target.macos_min],
    }


def digest_of(settings: Mapping[str, object], files: list[Path]) -> str:
    hasher = hashlib.sha256()
    hasher.update(json.dumps(settings, sort_keys=True, default=str).encode())
    for path in sorted(files):
        hasher.update(f"\n{path}\0{file_digest(path)}".encode())
    return hasher.hexdigest()


def build_inputs(
    ext: GoExtension, go: GoToolchain, listed: Sequence[GoPackage],
    build_environ: Mapping[str, str], *, target: Target, debug: bool,
    module_files: Sequence[Path] = (),
) -> BuildInputs:
    """The digest of a build of ``ext`` in ``build_environ`` (the environment its go
    commands get) and the local files it reads (``listed``: the build's go list;
    ``module_files``: the go.mod and go.sum that pin a package bound by import path)."""
    files = sorted({*local_build_inputs(listed), *module_files})
    # The go binary too: upgrading Go in place must rebuild.
    watched = watch_entries([*files, *sorted({path.parent for path in files}), go.executable])
    settings = settings_digest(ext, go, build_environ, target, debug)
    return BuildInputs(digest_of(settings, files), tuple(files), watched)


def recorded_digest(stamp: Path, library: Path) -> str | None:
    """The digest ``write_stamp`` recorded for ``library``, if it is still that library."""
    try:
        data = json.loads(stamp.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if not isinstance(data, dict) or data.get("library") != str(library):
        return None
    digest = data.get("digest")
    return digest if isinstance(digest, str) else None


def write_stamp(stamp: Path, library: Path, digest: str) -> None:
    write_state_file(json.dumps({"library": str(library), "digest": digest}), stamp, "")
