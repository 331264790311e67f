"""Rebuild at import a library that ``pip install -e`` (or ``build_ext --inplace``) built.

An in-place build leaves ``<leaf>_editable.json`` beside the library: the
project, the extension's options, and what its build read. When that record
exists and a watched file moved, the build side (imported only then) hashes the
inputs and rebuilds if they really changed. Without the record nothing happens:
installed wheels never carry one, and ``load()`` imports this module only when
its one ``stat`` finds a record.
"""

import os

from ._errors import GoLibraryNotFoundError
from ._files import EDITABLE_FORMAT
from ._locate import editable_record

TYPE_CHECKING = False  # typing's would cost every import; mypy takes any constant so named
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

_BUILD_SIDE = "setuptools_golang_ext.devloop.editable"


def record_path(library: "str | os.PathLike[str]", fullname: str) -> "Path":
    from pathlib import Path

    return Path(editable_record(library, fullname))


def read_record(path: "str | os.PathLike[str]") -> "dict[str, Any] | None":
    try:
        with open(path, encoding="utf-8") as file:
            text = file.read()
    except (OSError, ValueError):  # missing or unreadable: behave like an ordinary install
        return None
    from ._json_text import loads

    try:
        record: dict[str, Any] = loads(text)
    except ValueError:
        return None
    return record if record.get("format") == EDITABLE_FORMAT else None


def rebuild_if_changed(fullname: str, library: "str | os.PathLike[str]") -> None:
    record = read_record(editable_record(library, fullname))
    if record is None:
        return
    from ._freshness import changed_reason, recorded_environment

    # Only sources (and our version) count: the build's own variables are reused.
    environ = recorded_environment(record, os.environ)
    if changed_reason(record["watch"], record["env"], environ) is None:
        return
    import importlib
    from pathlib import Path

    try:
        build_side = importlib.import_module(_BUILD_SIDE)
    except ImportError as exc:
        raise GoLibraryNotFoundError(
            f"the Go sources of {fullname!r} changed since {library} was built, but this "
            f"environment cannot rebuild it: the build tool is not installed here ({exc}); "
            f"setuptools-golang-ext-runtime only loads libraries. Install the tool (pip "
            f"install setuptools-golang-ext), reinstall the project (pip install -e "
            f"<project>), or set editable-rebuild = false for this extension.",
            name=fullname,
        ) from exc
    build_side.rebuild(fullname, Path(library), record)
