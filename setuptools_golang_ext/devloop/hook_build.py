"""The build behind the import hook: one cache entry per input digest, built once."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path

from ..builder.cache import build_once
from ..builder.go_build import prepare_build, run_build
from ..errors import GoExtensionError, GoImportBuildError
from ..extension import GoExtension
from ..go.cache_dirs import tool_cache_dir
from ..platforms.arch_builds import wants_zig
from ..platforms.target import resolve_target
from ..runtime._freshness import environment_key
from .go_source import GoSource

# Python-independent libraries: any CPython loads them under the plain suffix.
_SUFFIX = ".pyd" if sys.platform == "win32" else ".so"


def build_for_import(fullname: str, source: GoSource, index: Path) -> Path:
    """The library for ``source`` from the cache, built first when its inputs are new.
    Raises ``GoImportBuildError`` (an ImportError) with Go's messages."""
    try:
        return _build(fullname, source, index)
    except GoExtensionError as exc:
        raise GoImportBuildError(
            f"cannot import {fullname!r} from Go source {source.origin}:\n{exc}"
        ) from None


def _build(fullname: str, source: GoSource, index: Path) -> Path:
    root = tool_cache_dir(os.environ)
    ext = GoExtension(fullname, source.sources)
    # The go version is only needed for a macOS minimum; the target is this machine.
    target = resolve_target(None, os.environ, go_version=None, zig=wants_zig(ext, os.environ))
    prepared = prepare_build(ext, project_root=source.directory, build_temp=root / "tmp",
                             debug=False, target=target)
    entry = root / "builds" / prepared.inputs.digest[:40]
    library_name = fullname.rpartition(".")[2] + _SUFFIX

    def build(staging: Path) -> None:
        print(f"setuptools-golang-ext: go build of {fullname} ({source.origin})",
              file=sys.stderr, flush=True)
        run_build(prepared, staging / library_name)

    build_once(entry, build, fullname)
    library = entry / library_name
    _write_index(index, library, prepared.inputs.watched)
    return library


def _write_index(index: Path, library: Path, watched: list[list[object]]) -> None:
    record = {"library": str(library), "env": environment_key(os.environ), "watch": watched}
    index.parent.mkdir(parents=True, exist_ok=True)
    staging = index.with_name(f"{index.name}.{os.getpid()}.new")
    staging.write_text(json.dumps(record), encoding="utf-8")
    staging.replace(index)
