"""How setuptools finds us: an entry point run while the Distribution is finalized."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from ..errors import GoExtensionConfigError
from ..extension import GoExtension
from .bdist_wheel import bdist_wheel
from .build_ext import build_ext
from .build_py import build_py
from .pyproject import load_pyproject_config
from .sdist import sdist


def _install_command(dist: Any, name: str, ours: type[Any]) -> None:
    """Use our command class, put in front of a user's own one (e.g. a build_ext for C)."""
    current = dist.cmdclass.get(name)
    if current is None:
        dist.cmdclass[name] = ours
    elif not issubclass(current, ours):
        dist.cmdclass[name] = type(current.__name__, (ours, current), {})


def _add_pyproject_extensions(dist: Any) -> None:
    """Append pyproject.toml's GoExtensions to setup.py's ``ext_modules``, once."""
    if getattr(dist, "_setuptools_golang_ext_pyproject_read", False):
        return
    dist._setuptools_golang_ext_pyproject_read = True
    config = load_pyproject_config(Path(dist.src_root or os.curdir))
    # Read by the wheel-tag code: py3-none wheels for extensions that skip the C API.
    # setup(go_python_independent=True) or the pyproject key: either turns it on.
    dist.go_python_independent = bool(getattr(dist, "go_python_independent", None)) or (
        config.python_independent
    )
    if not config.ext_modules:
        return
    extensions = list(dist.ext_modules or [])
    taken = {ext.name for ext in extensions}
    for ext in config.ext_modules:
        if ext.name in taken:
            raise GoExtensionConfigError(
                f"The extension {ext.name!r} is declared twice: in setup.py (ext_modules) "
                f"and in {config.origins[ext.name]}. Keep one of them."
            )
        extensions.append(ext)
    dist.ext_modules = extensions


def finalize_distribution_options(dist: Any) -> None:
    """Add pyproject.toml's GoExtensions, then wire in our ``build_ext`` and ``build_py``
    when the project declares at least one GoExtension."""
    _add_pyproject_extensions(dist)
    extensions = dist.ext_modules or []
    go_extensions = [ext for ext in extensions if isinstance(ext, GoExtension)]
    if not go_extensions:
        return
    for ext in go_extensions:
        ext.check()
    _install_command(dist, "build_ext", build_ext)
    _install_command(dist, "build_py", build_py)
    _install_command(dist, "bdist_wheel", bdist_wheel)
    _install_command(dist, "sdist", sdist)


# Run after setuptools has read setup.py keywords and pyproject.toml.
finalize_distribution_options.order = 100  # type: ignore[attr-defined]
