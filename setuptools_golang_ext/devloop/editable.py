"""Editable installs: record an in-place build, and rebuild it at import when its
Go sources changed (the runtime calls ``rebuild`` only then)."""

from __future__ import annotations

import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from .._install_file import write_state_file
from ..builder.cache import exclusive_lock
from ..builder.go_build import build_go_extension
from ..builder.input_hash import BuildInputs
from ..errors import GoExtensionError, GoImportBuildError
from ..extension import GoExtension
from ..go.cache_dirs import tool_cache_dir
from ..go.go_mod import find_go_for
from ..platforms.arch_builds import wants_zig
from ..platforms.target import resolve_target
from ..runtime._editable import read_record, record_path
from ..runtime._freshness import (
    build_environment,
    changed_reason,
    environment_key,
    recorded_environment,
)
from ..runtime.contract import EDITABLE_FORMAT


def write_record(
    ext: GoExtension, library: Path, project_root: Path, inputs: BuildInputs, debug: bool,
    environ: Mapping[str, str] | None = None,
) -> None:
    """What ``rebuild`` needs, beside the in-place ``library``; ``environ`` is the
    environment the build ran with (default: this process's)."""
    environ = os.environ if environ is None else environ
    record = {
        "format": EDITABLE_FORMAT,
        "project_root": str(project_root),
        "options": ext.keyword_arguments(),
        "debug": debug,
        "hash": inputs.digest,
        "env": environment_key(environ),
        "build_env": build_environment(environ),
        "watch": inputs.watched,
    }
    write_state_file(json.dumps(record, indent=1) + "\n", record_path(library, ext.name),
                     ext.name)


def remove_record(ext_name: str, library: Path) -> None:
    """``editable-rebuild = false``: a record left by an earlier build must go."""
    record_path(library, ext_name).unlink(missing_ok=True)


def rebuild(fullname: str, library: Path, record: dict[str, Any]) -> None:
    """Bring ``library`` up to date with its sources, or raise ``GoImportBuildError``
    with the compiler's messages. Processes importing at once rebuild once."""
    lock_name = hashlib.sha256(str(library).encode()).hexdigest()[:32]
    scratch = tool_cache_dir(os.environ) / "editable" / lock_name
    try:
        with exclusive_lock(scratch.with_suffix(".lock"), f"rebuilding {fullname}"):
            current = read_record(record_path(library, fullname)) or record
            environ = recorded_environment(current, os.environ)
            reason = changed_reason(current["watch"], current["env"], environ)
            if reason is None:
                return  # another process rebuilt it while we waited
            _rebuild_now(fullname, library, current, scratch, environ, reason)
    except GoExtensionError as exc:
        raise GoImportBuildError(
            f"cannot rebuild Go library {fullname!r} (editable install of "
            f"{record.get('project_root')}) after its inputs changed:\n{exc}"
        ) from None


def _rebuild_now(
    fullname: str, library: Path, record: dict[str, Any], scratch: Path,
    environ: dict[str, str], reason: str,
) -> None:
    ext = GoExtension(**record["options"])
    project_root = Path(record["project_root"])
    go = find_go_for([ext.package_source(project_root).directory], environ)
    target = resolve_target(None, environ, go_version=go.version, zig=wants_zig(ext, environ))

    def announce() -> None:
        print(f"setuptools-golang-ext: rebuilding {fullname} ({reason})",
              file=sys.stderr, flush=True)

    inputs = build_go_extension(
        ext, library, project_root=project_root, build_temp=scratch, debug=record["debug"],
        target=target, previous_digest=record["hash"], before_build=announce, environ=environ,
    )
    write_record(ext, library, project_root, inputs, record["debug"], environ)
