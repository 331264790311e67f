"""Removing what an earlier build of the same extension left under other names.

Switching ``bindings`` between "ctypes" and "cpython" (or making a wheel
Python-independent) changes the library's suffix (``.cpython-312-….so``,
``.abi3.so``, ``.so``). The old file would win the import, which tries the
most specific suffix first, or ship in the wheel beside the new one.
"""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path

from .._install_file import is_generated
from .._log import log


def remove_other_libraries(library: Path, names: Iterable[str]) -> None:
    """Delete the files beside ``library`` named one of ``names`` (every name a
    library of its extension may have), except ``library`` itself."""
    for name in sorted(set(names) - {library.name}):
        stale = library.parent / name
        if stale.is_file():
            stale.unlink()
            log.info("removed %s: an earlier build of the extension, which would shadow "
                     "or ship beside %s", stale, library.name)


def remove_generated(paths: Iterable[Path]) -> None:
    """Delete those of ``paths`` this tool generated (API files a build no longer writes)."""
    for path in paths:
        if path.is_file() and is_generated(path):
            path.unlink()
            log.info("removed %s: this build of the extension does not write it", path)
