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


class sdist(_setuptools_sdist):
    def make_release_tree(self, base_dir: str, files: list[str]) -> None:
        super().make_release_tree(base_dir, files)
        project_root = Path(self.distribution.src_root or os.curdir).resolve()
        done: set[Path] = set()
        for ext in self.distribution.ext_modules or []:
            if isinstance(ext, GoExtension) and ext.vendor:
                root = _vendored_root(ext, project_root)
                if root not in done and not has_vendor_directory(root):
                    bound = _bound_packages(self.distribution.ext_modules or [], root,
                                            project_root)
                    _vendor_into_release(ext, root, project_root, Path(base_dir).resolve(),
                                         bound)
                done.add(root)


def _bound_packages(extensions: list[Any], root: Path, project_root: Path) -> list[str]:
    """The packages named by import path that are built through the module at ``root``."""
    return [ext.package for ext in extensions if isinstance(ext, GoExtension)
            and ext.package is not None and _vendored_root(ext, project_root) == root]


def _vendored_root(ext: GoExtension, project_root: Path) -> Path:
    directory = ext.package_source(project_root).directory
    root = module_root(directory)
    if root is None or not root.is_relative_to(project_root):
        raise GoExtensionConfigError(
            f"GoExtension {ext.name!r}: vendor = true needs the Go module (its go.mod) "
            f"inside the project, so that the sdist can carry it; {directory} is not."
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
