"""``build_py`` that keeps Go sources out of wheels.

With ``include_package_data`` (the pyproject default) every file in the sdist
under a package becomes package data, so a Go package directory inside a
Python package would ship its ``.go`` files in the wheel. They are build
inputs only, and so are the files they embed (``//go:embed``), which
``go list`` names.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from setuptools.command.build_py import build_py as _setuptools_build_py

from ..extension import GoExtension
from ..go.vendor import VENDOR_DIRECTORY, module_root
from .sdist_files import go_extension_source_files, is_go_build_input


class build_py(_setuptools_build_py):
    def _root(self) -> Path:
        return Path(self.distribution.src_root or os.curdir).resolve()

    def _go_extensions(self) -> list[GoExtension]:
        return [e for e in self.distribution.ext_modules or [] if isinstance(e, GoExtension)]

    def _go_directories(self) -> list[Path]:
        # A package bound by import path is built through the project root: only
        # the files go list names (go.mod, go.sum) are its inputs, not the whole tree.
        return [ext.package_source(self._root()).directory for ext in self._go_extensions()
                if ext.package is None]

    def _go_inputs(self) -> set[Path]:
        """Every file a Go build reads that ``go list`` names (embedded files too)."""
        cached: set[Path] | None = getattr(self, "_go_input_files", None)
        if cached is None:
            root = self._root()
            cached = {(root / name).resolve() for ext in self._go_extensions()
                      for name in go_extension_source_files(ext, root)}
            self._go_input_files = cached
        return cached

    def _is_go_input(self, name: str, go_directories: list[Path]) -> bool:
        resolved = Path(name).resolve()
        if resolved in self._go_inputs():
            return True
        for directory in go_directories:
            if resolved.is_relative_to(directory) and is_go_build_input(resolved):
                return True
            # Vendored modules (licences and modules.txt too) are build inputs only.
            root = module_root(directory)
            if root is not None and resolved.is_relative_to(root / VENDOR_DIRECTORY):
                return True
        return False

    def _filter_build_files(self, files: Iterable[str], egg_info: str) -> Iterator[str]:
        # Dropping Go inputs here, before setuptools sorts manifest files into
        # packages, also avoids its "data directory is not a package" warning.
        go_directories = self._go_directories()
        for name in super()._filter_build_files(files, egg_info):  # type: ignore[misc]
            if not (go_directories and self._is_go_input(name, go_directories)):
                yield name

    def find_data_files(self, package: str, src_dir: str) -> list[str]:
        files: list[str] = list(super().find_data_files(package, src_dir))
        go_directories = self._go_directories()
        if not go_directories:
            return files
        return [name for name in files if not self._is_go_input(name, go_directories)]
