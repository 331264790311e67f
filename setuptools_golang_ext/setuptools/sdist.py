"""``sdist`` that vendors the Go modules of extensions declared with ``vendor = true``.

``go mod vendor -o`` writes straight into the release tree, so the sdist carries
``vendor/`` while the user's tree stays as it was. A vendor directory the user
keeps already travels with the other Go sources and is left as it is.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path
from typing import Any

from setuptools.command.sdist import sdist as _setuptools_sdist

from .._log import log
from ..bindings.module_mirror import importing_mirror
from ..errors import GoExtensionConfigError
from ..extension import GoExtension
from ..go.environment import go_environment
from ..go.go_mod import find_go_for
from ..go.vendor import VENDOR_DIRECTORY, has_vendor_directory, module_root, vendor_module
from .sdist_files import SDIST_MARK


class sdist(_setuptools_sdist):
    def run(self) -> None:
        # Before anything is written: an sdist without its Go module cannot build.
        project_root = Path(self.distribution.src_root or os.curdir).resolve()
        for ext in self.distribution.ext_modules or []:
            if isinstance(ext, GoExtension):
                _module_root_in_project(ext, project_root)
        setattr(self.distribution, SDIST_MARK, True)
        try:
            super().run()
        finally:
            setattr(self.distribution, SDIST_MARK, False)

    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        project_root = Path(self.distribution.src_root or os.curdir).resolve()
        done: set[Path] = set()
        for ext in self.distribution.ext_modules or []:
            if isinstance(ext, GoExtension) and ext.vendor:
                root = _module_root_in_project(ext, project_root)
                if root not in done and not has_vendor_directory(root):
                    bound = _bound_packages(self.distribution.ext_modules or [], root,
                                            project_root)
                    _vendor_into_release(ext, root, project_root, Path(base_dir).resolve(),
                                         bound)
                done.add(root)


def _bound_packages(extensions: list[Any], root: Path, project_root: Path) -> list[str]:
    """The packages named by import path that are built through the module at ``root``."""
    return [ext.package for ext in extensions if isinstance(ext, GoExtension)
            and ext.package is not None and _module_root_in_project(ext, project_root) == root]


def _module_root_in_project(ext: GoExtension, project_root: Path) -> Path:
    """The Go module of ``ext``, which must be inside the project to travel in an sdist."""
    directory = ext.package_source(project_root).directory
    root = module_root(directory)
    if root is None or not root.resolve().is_relative_to(project_root):
        where = f"its Go module ({root / 'go.mod'})" if root else "its Go package"
        raise GoExtensionConfigError(
            f"GoExtension {ext.name!r}: an sdist carries only files inside the project "
            f"({project_root}), but {where} is outside it, so the sdist could not be "
            f"built anywhere. Move the Go module inside the project, or build wheels "
            f"directly from this tree (pip wheel ., python -m build --wheel)."
        )
    return root


def _vendor_into_release(ext: GoExtension, root: Path, project_root: Path, base: Path,
                         bound: list[str]) -> None:
    """``bound``: packages named by import path through the module at ``root``, which
    no file of the module may import; ``go mod vendor`` keeps only imported ones."""
    output = base / root.relative_to(project_root) / VENDOR_DIRECTORY
    go = find_go_for([root], os.environ)
    env = go_environment(ext, go.environment(os.environ), go)
    log.info("vendoring the Go modules of %r into the sdist (%s)", ext.name, output)
    with tempfile.TemporaryDirectory(prefix="goext-vendor-") as scratch:
        module = importing_mirror(root, Path(scratch), bound) if bound else root
        vendor_module(go, module, output, env, ext.name)
