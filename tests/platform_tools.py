"""Finding the cross toolchains and emulators the platform tests need.

A missing tool fails the test on CI (``CI`` set: .ci/run installs them) and
skips it elsewhere, naming the Debian package to install.
"""

from __future__ import annotations

import os
import shutil
import zipfile
from pathlib import Path

import pytest

FIXTURES = Path(__file__).resolve().parent / "platform_fixtures"
ARM64_SYSROOT = Path(os.environ.get("ARM64_SYSROOT", "/opt/arm64-sysroot"))


def missing(what: str, how: str) -> None:
    message = f"{what} is not installed ({how})"
    if os.environ.get("CI"):
        pytest.fail(message)
    pytest.skip(message)


def require_program(name: str, package: str, *extra_places: str) -> str:
    found = shutil.which(name)
    if found:
        return found
    for place in extra_places:
        if Path(place).is_file():
            return place
    missing(name, f"apt-get install {package}")
    raise AssertionError("unreachable")


def require_module(name: str) -> None:
    try:
        __import__(name)
    except ImportError:
        missing(f"the Python package {name}", f"pip install {name}")


def extract_member(wheel: Path, suffix: str, destination: Path) -> Path:
    """Unpack the one wheel member ending in ``suffix`` and return its path."""
    with zipfile.ZipFile(wheel) as archive:
        names = [name for name in archive.namelist() if name.endswith(suffix)]
        assert len(names) == 1, (suffix, archive.namelist())
        return Path(archive.extract(names[0], destination))
