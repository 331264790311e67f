"""Has anything a built library depends on changed? Answered with ``stat`` calls only.

The build records every input file and directory with its modification time
(and a file's size), plus a key of the build-relevant environment. Checking
that record costs one ``stat`` per entry, so an import that finds nothing
changed stays in the millisecond range; only when something moved does the
build side hash contents and decide whether Go must run.
"""

from __future__ import annotations

import hashlib
import json
import os
import stat

from .contract import BUILD_ENV_PREFIXES, NOT_BUILD_INPUTS

# Checked at each import of an editable install: typing and pathlib would cost it.
TYPE_CHECKING = False  # not typing's; mypy takes any constant so named
if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence
    from typing import Any

    Watched = list[list[Any]]  # [[path, mtime_ns, size or -1 for a directory], ...]
else:
    Watched = list  # the same at run time, without importing typing


def build_environment(environ: Mapping[str, str]) -> dict[str, str]:
    """The variables of ``environ`` that can change what Go builds."""
    return {
        name: value for name, value in sorted(environ.items())
        if name.startswith(BUILD_ENV_PREFIXES) and name not in NOT_BUILD_INPUTS
    }


def environment_key(environ: Mapping[str, str]) -> str:
    """Changes when the build environment or this tool's version does."""
    from .._version import __version__

    text = json.dumps([__version__, build_environment(environ)], sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def stat_entry(path: str | os.PathLike[str]) -> list[Any]:
    """``[path, mtime_ns, size]``; a directory's size is -1 (its mtime tells
    that a file appeared or vanished), a missing path has mtime -1."""
    try:
        status = os.stat(path)
    except OSError:
        return [str(path), -1, -1]
    is_directory = stat.S_ISDIR(status.st_mode)
    return [str(path), status.st_mtime_ns, -1 if is_directory else status.st_size]


def watch_entries(paths: Sequence[str | os.PathLike[str]]) -> Watched:
    return [stat_entry(path) for path in paths]


def recorded_environment(record: Mapping[str, Any], environ: Mapping[str, str]) -> dict[str, str]:
    """``environ`` with the build variables an editable build was made with: a rebuild
    at import uses the GOFLAGS, CC, tags... of the original build, not the importer's."""
    current = build_environment(environ)
    kept = {name: value for name, value in environ.items() if name not in current}
    return {**kept, **record.get("build_env", current)}


def changed_reason(watched: Watched, recorded_env: str, environ: Mapping[str, str]) -> str | None:
    """Why the recorded build may be out of date, or None when nothing moved."""
    if recorded_env != environment_key(environ):
        return "the build environment or setuptools-golang-ext version changed"
    for entry in watched:
        if stat_entry(entry[0]) != entry:
            return f"{entry[0]} changed"
    return None
