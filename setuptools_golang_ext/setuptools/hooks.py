"""How setuptools finds us: an entry point run while the Distribution is finalized.

This hook runs for every project built where setuptools-golang-ext is installed, Go
or not. So it imports our commands only once a GoExtension is declared, and never
needs the ``wheel`` package, which setuptools before 70.1 does not bring.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..errors import GoExtensionConfigError
from ..extension import GoExtension
from .pyproject import load_pyproject_config


def _install_command(dist: Any, name: str, ours: type[Any]) -> None:
    """Use our command class, put in front of a user's own one (e.g. a build_ext for C)."""
    current = dist.cmdclass.get(name)
    if current is None:
        dist.cmdclass[name] = ours
    elif not issubclass(current, ours):
        dist.cmdclass[name] = type(current.__name__, (ours, current), {})


def _refuse_duplicate_names(extensions: Sequence[Any]) -> None:
    """setup(ext_modules=[...]) with one name twice would keep only the last build."""
    seen: dict[str, str] = {}
    for number, ext in enumerate(extensions, start=1):
        name = getattr(ext, "name", None)
        if not isinstance(name, str):
            continue
        described = f"#{number} {_described(ext)}"
        if name in seen:
            raise GoExtensionConfigError(
                f"setup.py: ext_modules {seen[name]} and {described} are both named "
                f"{name!r}; the second would silently replace the first. Give each "
                f"extension its own name, or remove one of them."
            )
        seen[name] = described


def _described(ext: Any) -> str:
    if isinstance(ext, GoExtension):
        return repr(ext)
    return f"{type(ext).__name__}({ext.name!r}, {getattr(ext, 'sources', [])!r})"


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
    extensions = list(dist.ext_modules or [])
    if any(isinstance(ext, GoExtension) for ext in extensions):
        _refuse_duplicate_names(extensions)
    if not config.ext_modules:
        return
    taken = {ext.name for ext in extensions}
    for ext in config.ext_modules:
        if ext.name in taken:
            raise GoExtensionConfigError(
                f"The extension {ext.name!r} is declared twice: in setup.py (ext_modules) "
                f"and in {config.origins[ext.name]}. Keep one of them."
            )
        extensions.append(ext)
    dist.ext_modules = extensions


def _bdist_wheel_command() -> type[Any] | None:
    """Our bdist_wheel, or None where setuptools has none either (before 70.1
    without the ``wheel`` package): then no wheel can be built, with or without us."""
    try:
        from .bdist_wheel import bdist_wheel
    except ModuleNotFoundError as exc:
        if exc.name not in ("wheel", "wheel.bdist_wheel"):
            raise
        return None
    return bdist_wheel


def _install_go_commands(dist: Any) -> None:
    # Lazy: they need setuptools modules a project without Go never loads.
    from .build_ext import build_ext
    from .build_py import build_py
    from .sdist import sdist

    _install_command(dist, "build_ext", build_ext)
    _install_command(dist, "build_py", build_py)
    _install_command(dist, "sdist", sdist)
    wheel_command = _bdist_wheel_command()
    if wheel_command is not None:
        _install_command(dist, "bdist_wheel", wheel_command)


def finalize_distribution_options(dist: Any) -> None:
    """Add pyproject.toml's GoExtensions, then wire in our commands when the
    project declares at least one GoExtension."""
    _add_pyproject_extensions(dist)
    extensions = dist.ext_modules or []
    go_extensions = [ext for ext in extensions if isinstance(ext, GoExtension)]
    if not go_extensions:
        return
    for ext in go_extensions:
        ext.check()
    _install_go_commands(dist)


# Run after setuptools has read setup.py keywords and pyproject.toml.
finalize_distribution_options.order = 100  # type: ignore[attr-defined]
