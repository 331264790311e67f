"""``build_ext`` that builds GoExtensions with Go and every other extension as usual."""

from __future__ import annotations

import logging
import os
from pathlib import Path
from typing import Any

from setuptools.command.build_ext import build_ext as _setuptools_build_ext

from .._bindings import api_files
from .._go_build import build_go_extension, wants_debug
from .._install_file import replace_file
from .._sdist_files import go_extension_source_files
from ..extension import GoExtension

log = logging.getLogger("setuptools_golang_ext")


class build_ext(_setuptools_build_ext):  # type: ignore[misc]
    """Use it in ``cmdclass`` only when you already override ``build_ext``; otherwise
    declaring a GoExtension is enough (the entry point wires this command in)."""

    def _project_root(self) -> Path:
        return Path(self.distribution.src_root or os.curdir).resolve()

    def build_extension(self, ext: Any) -> None:
        if not isinstance(ext, GoExtension):
            super().build_extension(ext)
            return
        build_go_extension(
            ext,
            Path(self.get_ext_fullpath(ext.name)).resolve(),
            project_root=self._project_root(),
            build_temp=Path(self.build_temp).resolve(),
            debug=wants_debug(ext, bool(self.debug), os.environ),
        )

    def copy_extensions_to_source(self) -> None:
        go_extensions = [ext for ext in self.extensions if isinstance(ext, GoExtension)]
        others = [ext for ext in self.extensions if not isinstance(ext, GoExtension)]
        build_py = self.get_finalized_command("build_py")
        for ext in go_extensions:
            inplace_file, regular_file = self._get_inplace_equivalent(build_py, ext)
            if os.path.exists(regular_file) or not ext.optional:
                replace_file(Path(regular_file), Path(inplace_file))
                log.info("copied %s -> %s", regular_file, inplace_file)
                for api_file in api_files(Path(regular_file), ext.name):
                    if api_file.is_file():
                        replace_file(api_file, Path(inplace_file).parent / api_file.name)
        if others:
            all_extensions, self.extensions = self.extensions, others
            try:
                super().copy_extensions_to_source()
            finally:
                self.extensions = all_extensions

    def get_outputs(self) -> list[str]:
        outputs: list[str] = list(super().get_outputs())
        for ext in self.extensions:
            if isinstance(ext, GoExtension):
                library = Path(self.get_ext_fullpath(ext.name))
                outputs.extend(str(path) for path in api_files(library, ext.name))
        return outputs

    def get_source_files(self) -> list[str]:
        """Sources for the sdist: Go packages expand to every file a rebuild needs."""
        go_extensions = [ext for ext in self.extensions if isinstance(ext, GoExtension)]
        all_extensions = self.extensions
        self.extensions = [ext for ext in all_extensions if not isinstance(ext, GoExtension)]
        try:
            files: list[str] = list(super().get_source_files())
        finally:
            self.extensions = all_extensions
        root = self._project_root()
        for ext in go_extensions:
            files.extend(go_extension_source_files(ext, root))
        return files
