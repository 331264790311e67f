"""How setuptools finds us: an entry point run while the Distribution is finalized."""

from __future__ import annotations

from typing import Any

from .command.bdist_wheel import bdist_wheel
from .command.build_ext import build_ext
from .command.build_py import build_py
from .extension import GoExtension


def _install_command(dist: Any, name: str, ours: type[Any]) -> None:
    """Use our command class, put in front of a user's own one (e.g. a build_ext for C)."""
    current = dist.cmdclass.get(name)
    if current is None:
        dist.cmdclass[name] = ours
    elif not issubclass(current, ours):
        dist.cmdclass[name] = type(current.__name__, (ours, current), {})


def finalize_distribution_options(dist: Any) -> None:
    """Wire in our ``build_ext`` when the project declares at least one GoExtension."""
    extensions = dist.ext_modules or []
    go_extensions = [ext for ext in extensions if isinstance(ext, GoExtension)]
    if not go_extensions:
        return
    for ext in go_extensions:
        ext.check()
    _install_command(dist, "build_ext", build_ext)
    _install_command(dist, "build_py", build_py)
    _install_command(dist, "bdist_wheel", bdist_wheel)


# Run after setuptools has read setup.py keywords and pyproject.toml.
finalize_distribution_options.order = 100  # type: ignore[attr-defined]
