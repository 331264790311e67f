"""``build_py`` that keeps Go sources out of wheels.

With ``include_package_data`` (the pyproject default) every file in the sdist
under a package becomes package data, so a Go package directory inside a
Python package would ship its ``.go`` files in the wheel. They are build
inputs only.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from setuptools.command.build_py import build_py as _setuptools_build_py

from ..extension import GoExtension
from ..go.vendor import VENDOR_DIRECTORY, module_root
from .sdist_files import is_go_build_input


class build_py(_setuptools_build_py):
    def _go_directories(self) -> list[Path]:
        root = Path(self.distribution.src_root or os.curdir).resolve()
        directories = []
        for ext in self.distribution.ext_modules or []:
            if isinstance(ext, GoExtension):
                directories.append(ext.package_source(root).directory)
        return directories

    def _filter_build_files(self, files: Iterable[str], egg_info: str) -> Iterator[str]:
        # Dropping Go inputs here, before setuptools sorts manifest files into
        # packages, also avoids its "data directory is not a package" warning.
        go_directories = self._go_directories()
        for name in super()._filter_build_files(files, egg_info):  # type: ignore[misc]
            if not (go_directories and _is_go_input(Path(name), go_directories)):
                yield name

    def find_data_files(self, package: str, src_dir: str) -> list[str]:
        files: list[str] = list(super().find_data_files(package, src_dir))
        go_directories = self._go_directories()
        if not go_directories:
            return files
        return [name for name in files if not _is_go_input(Path(name), go_directories)]


def _is_go_input(path: Path, go_directories: list[Path]) -> bool:
    resolved = path.resolve()
    for directory in go_directories:
        if resolved.is_relative_to(directory) and is_go_build_input(resolved):
            return True
        # Vendored modules (licences and modules.txt too) are build inputs only.
        root = module_root(directory)
        if root is not None and resolved.is_relative_to(root / VENDOR_DIRECTORY):
            return True
    return False



