"""Rebuild at import a library that ``pip install -e`` (or ``build_ext --inplace``) built.

An in-place build leaves ``<leaf>_editable.json`` beside the library: the
project, the extension's options, and what its build read. When that record
exists and a watched file moved, the build side (imported only then) hashes the
inputs and rebuilds if they really changed. Without the record nothing happens:
installed wheels never carry one.
"""

from __future__ import annotations

import importlib
import json
import os
from pathlib import Path
from typing import Any

from ._errors import GoLibraryNotFoundError
from ._freshness import changed_reason, recorded_environment
from .contract import EDITABLE_FORMAT, EDITABLE_SUFFIX

_BUILD_SIDE = "setuptools_golang_ext.devloop.editable"


def record_path(library: Path, fullname: str) -> Path:
    return library.parent / (fullname.rpartition(".")[2] + EDITABLE_SUFFIX)


def read_record(path: Path) -> dict[str, Any] | None:
    try:
        record: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return None
    except (OSError, ValueError):
        return None  # unreadable: behave like an ordinary install rather than fail imports
    return record if record.get("format") == EDITABLE_FORMAT else None


def rebuild_if_changed(fullname: str, library: Path) -> None:
    record = read_record(record_path(library, fullname))
    if record is None:
        return
    # Only sources (and our version) count: the build's own variables are reused.
    environ = recorded_environment(record, os.environ)
    if changed_reason(record["watch"], record["env"], environ) is None:
        return
    try:
        build_side = importlib.import_module(_BUILD_SIDE)
    except ImportError as exc:
        raise GoLibraryNotFoundError(
            f"the Go sources of {fullname!r} changed since {library} was built, but this "
            f"environment cannot rebuild it ({exc}). Reinstall the project (pip install -e "
            f"<project>), or set editable-rebuild = false for this extension.",
            name=fullname,
        ) from exc
    build_side.rebuild(fullname, library, record)
