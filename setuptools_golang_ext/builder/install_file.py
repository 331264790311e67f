"""Putting a freshly built library in place without ever exposing a half-written file."""

from __future__ import annotations

import os
import shutil
import sys
import tempfile
from pathlib import Path

from ..errors import GoBuildError


def replace_file(source: Path, destination: Path) -> None:
    """Copy ``source`` over ``destination`` atomically (temporary file + ``os.replace``)."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    fd, temporary_name = tempfile.mkstemp(
        prefix=f".{destination.name}.", suffix=".tmp", dir=destination.parent
    )
    os.close(fd)
    temporary = Path(temporary_name)
    try:
        shutil.copyfile(source, temporary)
        shutil.copymode(source, temporary)
        temporary.replace(destination)
    except OSError as exc:
        temporary.unlink(missing_ok=True)
        hint = ""
        if sys.platform == "win32" and isinstance(exc, PermissionError):
            hint = " The file may be in use by another Python process; close it and retry."
        raise GoBuildError(f"Cannot install {destination}: {exc}.{hint}") from exc
